//! The category page in-process: rename, members added and removed from the category's
//! side, a user added straight into categories, and a delete that asks first (without
//! script) — each through the same use cases as the API.

mod support;

use axum::http::{header, StatusCode};
use support::*;
use tessera_core::{CategoryId, RegisteredUserId};

#[tokio::test]
async fn a_category_is_renamed_given_members_and_deleted_after_confirming() {
    let c = Console::start().await;
    let session = cookie(&c.sign_in("acme", PASSWORD).await, "tessera_session").expect("cookie");
    let list = c.send("GET", "/categories", &session, None).await;
    let csrf = csrf_of(&list.body);
    let post = |path: &'static str, form: String| {
        let (c, session) = (&c, session.clone());
        async move { c.send("POST", path, &session, Some(form)).await }
    };
    let added = post(
        "/categories",
        format!("name=Accredited&description=&csrf={csrf}"),
    )
    .await;
    assert_eq!(added.status, StatusCode::SEE_OTHER, "{}", added.body);
    let issuer = c.acme().await;
    let category = c.app.categories(issuer).await.expect("categories")[0].clone();
    let page = format!("/categories/{}", category.id.0);
    let list = c.send("GET", "/categories", &session, None).await;
    assert!(
        list.body.contains(&format!("href=\"{page}\"")),
        "the list links the page"
    );

    // A user added with the category ticked is a member at once.
    let user = post(
        "/users",
        format!(
            "name=Ann+Investor&gaid=&cat-{}=on&csrf={csrf}",
            category.id.0
        ),
    )
    .await;
    assert_eq!(user.status, StatusCode::SEE_OTHER, "{}", user.body);
    let ann = c.app.registered_users(issuer).await.expect("users")[0].clone();
    assert_eq!(ann.categories, vec![category.id]);
    let bob = post("/users", format!("name=Bob&gaid=&csrf={csrf}")).await;
    assert_eq!(bob.status, StatusCode::SEE_OTHER);
    let bob = RegisteredUserId(ann.id.0 + 1);

    let send = |form: String| {
        let (c, session, page) = (&c, session.clone(), page.clone());
        async move { c.send("POST", &page, &session, Some(form)).await }
    };
    let shown = c.send("GET", &page, &session, None).await;
    assert!(shown.body.contains("Ann Investor") && shown.body.contains("Members (1)"));
    // Rename: a bad name shows next to its field and changes nothing.
    let bad = send(format!("action=edit&name=&description=x&csrf={csrf}")).await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
    assert!(bad.body.contains("aria-invalid"), "{}", bad.body);
    let renamed = send(format!(
        "action=edit&name=Qualified&description=Checked+2026&csrf={csrf}"
    ))
    .await;
    assert_eq!(renamed.status, StatusCode::SEE_OTHER, "{}", renamed.body);
    let now = c.app.category(issuer, category.id).await.expect("category");
    assert_eq!(now.name.to_string(), "Qualified");
    assert_eq!(now.description.as_str(), "Checked 2026");

    // Members from the category's side.
    let add = send(format!("action=add&user={}&csrf={csrf}", bob.0)).await;
    assert_eq!(add.status, StatusCode::SEE_OTHER, "{}", add.body);
    let remove = send(format!("action=remove&user={}&csrf={csrf}", ann.id.0)).await;
    assert_eq!(remove.status, StatusCode::SEE_OTHER);
    let now = c.app.category(issuer, category.id).await.expect("category");
    assert_eq!(now.registered_users, vec![bob]);

    // Delete asks first, then deletes.
    let ask = send(format!("action=delete&csrf={csrf}")).await;
    assert_eq!(ask.status, StatusCode::OK);
    assert!(ask.body.contains("Please confirm") && ask.body.contains("value=\"delete\""));
    assert!(c.app.category(issuer, category.id).await.is_ok());
    let done = send(format!("action=delete&confirm=yes&csrf={csrf}")).await;
    assert_eq!(done.status, StatusCode::SEE_OTHER);
    assert_eq!(done.headers[header::LOCATION], "/categories");
    assert!(c
        .app
        .category(issuer, CategoryId(category.id.0))
        .await
        .is_err());
    let gone = c.send("GET", &page, &session, None).await;
    assert_eq!(gone.status, StatusCode::NOT_FOUND);
}

//! The console's sessions in-process (no browser): cookie flags, CSRF refusal, logout,
//! expiry, and what a manager may see. The browser scenario is in
//! `crates/cli/tests/console_browser.rs`.

mod support;

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use support::*;
use tessera_app::{AuthConfig, Password};
use tessera_core::Username;
use tower::ServiceExt;

#[tokio::test]
async fn signing_in_sets_an_http_only_same_site_strict_session_cookie() {
    let c = Console::start().await;
    let r = c.sign_in("acme", PASSWORD).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let set = cookies(&r)
        .into_iter()
        .find(|s| s.starts_with("tessera_session="))
        .expect("session cookie");
    assert!(
        set.contains("HttpOnly") && set.contains("SameSite=Strict"),
        "{set}"
    );
    assert!(
        !set.contains("Secure"),
        "plain http on loopback: no Secure flag"
    );
    let session = cookie(&r, "tessera_session").expect("cookie");
    let page = c.send("GET", "/assets", &session, None).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("Issue an asset"));
}

#[tokio::test]
async fn behind_an_https_proxy_the_cookies_are_secure() {
    let c = Console::start().await;
    let req = Request::builder()
        .uri("/login")
        .header("x-forwarded-proto", "https")
        .body(Body::empty())
        .expect("request");
    let res = tessera_console::router(c.app.clone())
        .oneshot(req)
        .await
        .expect("answer");
    let set = res.headers()[header::SET_COOKIE]
        .to_str()
        .expect("text")
        .to_owned();
    assert!(
        set.contains("; Secure") && set.contains("HttpOnly"),
        "{set}"
    );
}

#[tokio::test]
async fn a_wrong_password_shows_the_api_message_and_no_session() {
    let c = Console::start().await;
    let r = c.sign_in("acme", "nope nope nope").await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    assert!(r.body.contains("invalid_credentials"), "{}", r.body);
    assert!(cookie(&r, "tessera_session").is_none());
}

#[tokio::test]
async fn pages_without_a_session_redirect_to_the_login_page() {
    let c = Console::start().await;
    let r = c.send("GET", "/users?q=x", "", None).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert_eq!(r.headers[header::LOCATION], "/login?next=%2Fusers%3Fq%3Dx");
}

#[tokio::test]
async fn forms_without_the_sessions_csrf_token_are_refused_and_change_nothing() {
    let c = Console::start().await;
    let session = cookie(&c.sign_in("acme", PASSWORD).await, "tessera_session").expect("cookie");
    for form in [
        "name=Sneaky&description=",
        "name=Sneaky&description=&csrf=0000",
    ] {
        let r = c
            .send("POST", "/categories", &session, Some(form.into()))
            .await;
        assert_eq!(r.status, StatusCode::FORBIDDEN, "{form}");
        assert!(r.body.contains("csrf_token_invalid"));
    }
    let page = c.send("GET", "/categories", &session, None).await;
    assert!(!page.body.contains("Sneaky"));
    let form = format!("name=Accredited&description=&csrf={}", csrf_of(&page.body));
    let r = c.send("POST", "/categories", &session, Some(form)).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let page = c.send("GET", "/categories", &session, None).await;
    assert!(page.body.contains("Accredited"));
}

#[tokio::test]
async fn form_errors_show_next_to_their_field() {
    let c = Console::start().await;
    let session = cookie(&c.sign_in("acme", PASSWORD).await, "tessera_session").expect("cookie");
    let page = c.send("GET", "/users", &session, None).await;
    let form = format!("name=Bob&gaid=not-a-gaid&csrf={}", csrf_of(&page.body));
    let r = c.send("POST", "/users", &session, Some(form)).await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert!(r.body.contains("id=\"gaid-error\""), "{}", r.body);
    assert!(r.body.contains("aria-invalid=\"true\""));
}

#[tokio::test]
async fn settings_errors_come_from_the_use_case_and_show_next_to_the_field() {
    let c = Console::start().await;
    let session = cookie(&c.sign_in("acme", PASSWORD).await, "tessera_session").expect("cookie");
    let page = c.send("GET", "/settings", &session, None).await;
    assert_eq!(page.status, StatusCode::OK);
    let form = format!(
        "email=not-an-address&notice_days=400&csrf={}",
        csrf_of(&page.body)
    );
    let r = c.send("POST", "/settings", &session, Some(form)).await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert!(r.body.contains("id=\"notice_days-error\""), "{}", r.body);
    let form = format!(
        "email=ops%40acme.example&notice_days=7&csrf={}",
        csrf_of(&page.body)
    );
    let r = c.send("POST", "/settings", &session, Some(form)).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let page = c.send("GET", "/settings", &session, None).await;
    assert!(page.body.contains("ops@acme.example") && page.body.contains("value=\"7\""));
}

#[tokio::test]
async fn logout_and_expiry_end_the_session() {
    let c = Console::start().await;
    let session = cookie(&c.sign_in("acme", PASSWORD).await, "tessera_session").expect("cookie");
    let page = c.send("GET", "/assets", &session, None).await;
    let r = c
        .send(
            "POST",
            "/logout",
            &session,
            Some(format!("csrf={}", csrf_of(&page.body))),
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert!(cookies(&r)
        .iter()
        .any(|s| s.starts_with("tessera_session=;") && s.contains("Max-Age=0")));
    assert_eq!(
        c.send("GET", "/assets", &session, None).await.status,
        StatusCode::SEE_OTHER
    );
    let session = cookie(&c.sign_in("acme", PASSWORD).await, "tessera_session").expect("cookie");
    c.clock.advance(AuthConfig::default().token_ttl_seconds + 1);
    assert_eq!(
        c.send("GET", "/assets", &session, None).await.status,
        StatusCode::SEE_OTHER
    );
}

#[tokio::test]
async fn a_manager_sees_neither_issuer_only_pages_nor_their_links() {
    let c = Console::start().await;
    let issuer = c
        .app
        .authenticate(
            &c.app
                .obtain_token(None, "acme", &Password::new(PASSWORD))
                .await
                .expect("token"),
        )
        .await
        .expect("id");
    let carol = c
        .app
        .create_manager(
            issuer,
            &Username::parse("carol").expect("n"),
            &Password::new(PASSWORD),
        )
        .await
        .expect("manager");
    c.app
        .set_manager_locked(issuer, carol.id, false)
        .await
        .expect("unlock");
    let session = cookie(&c.sign_in("carol", PASSWORD).await, "tessera_session").expect("cookie");
    let assets = c.send("GET", "/assets", &session, None).await;
    assert_eq!(assets.status, StatusCode::OK);
    assert!(!assets.body.contains("Issue an asset") && !assets.body.contains("href=\"/managers\""));
    for path in ["/assets/issue", "/managers", "/settings"] {
        let r = c.send("GET", path, &session, None).await;
        assert_eq!(r.status, StatusCode::FORBIDDEN, "{path}");
        assert!(r.body.contains("manager_forbidden"));
    }
    let other = c
        .send(
            "GET",
            "/assets/6f1c1f1e-5a3b-4c1d-9e2f-0a1b2c3d4e5f",
            &session,
            None,
        )
        .await;
    assert_eq!(other.status, StatusCode::NOT_FOUND);
    assert!(other.body.contains("asset_not_found"));
}

#[tokio::test]
async fn deleting_a_user_asks_first_without_script() {
    let c = Console::start().await;
    let session = cookie(&c.sign_in("acme", PASSWORD).await, "tessera_session").expect("cookie");
    let page = c.send("GET", "/users", &session, None).await;
    let csrf = csrf_of(&page.body);
    let r = c
        .send(
            "POST",
            "/users",
            &session,
            Some(format!("name=Bob+Example&gaid=&csrf={csrf}")),
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let user = r.headers[header::LOCATION]
        .to_str()
        .expect("location")
        .to_owned();
    let ask = c
        .send(
            "POST",
            &user,
            &session,
            Some(format!("action=delete&csrf={csrf}")),
        )
        .await;
    assert_eq!(ask.status, StatusCode::OK);
    assert!(ask.body.contains("Please confirm"));
    assert_eq!(
        c.send("GET", &user, &session, None).await.status,
        StatusCode::OK
    );
    let done = c
        .send(
            "POST",
            &user,
            &session,
            Some(format!("action=delete&confirm=yes&csrf={csrf}")),
        )
        .await;
    assert_eq!(done.status, StatusCode::SEE_OTHER);
    assert_eq!(
        c.send("GET", &user, &session, None).await.status,
        StatusCode::NOT_FOUND
    );
}

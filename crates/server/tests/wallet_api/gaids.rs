//! GAIDs on a server with managed accounts: validation says whether the account exists
//! here, and registered users accept only GAIDs of registered accounts.

use crate::harness::{spawn_app, Auth, Investor};
use axum::http::StatusCode;
use serde_json::json;

#[tokio::test]
async fn validate_says_whether_the_account_exists_on_this_server() {
    let t = spawn_app().await;
    let issuer = t.issuer("issuer").await;
    let w = t.wallet().await;
    let unknown = Investor::generate()
        .descriptor(&t.cosigner.account_key(8).unwrap())
        .gaid();

    let known = t
        .get(
            &format!("/api/gaids/{}/validate", w.gaid),
            Auth::Issuer(&issuer),
        )
        .await
        .expect(StatusCode::OK);
    let missing = t
        .get(
            &format!("/api/gaids/{unknown}/validate"),
            Auth::Issuer(&issuer),
        )
        .await
        .expect(StatusCode::OK);
    let malformed = t
        .get("/api/gaids/GAnotagaid/validate", Auth::Issuer(&issuer))
        .await
        .expect(StatusCode::OK);

    assert_eq!(known, json!({ "is_valid": true, "error": "" }));
    assert_eq!(missing["is_valid"], false);
    assert!(
        missing["error"]
            .as_str()
            .unwrap()
            .contains(unknown.as_str()),
        "{missing}"
    );
    assert_eq!(malformed["is_valid"], false);
    assert!(!malformed["error"].as_str().unwrap().is_empty());
}

#[tokio::test]
async fn registered_users_refuse_unknown_gaids_and_accept_registered_ones() {
    let t = spawn_app().await;
    let issuer = t.issuer("issuer").await;
    let w = t.wallet().await;
    let second = t.wallet().await;
    let unknown = Investor::generate()
        .descriptor(&t.cosigner.account_key(8).unwrap())
        .gaid();

    let message = t
        .post(
            "/api/registered_users/add",
            Auth::Issuer(&issuer),
            json!({ "name": "Eve", "GAID": unknown.as_str(), "is_company": false }),
        )
        .await
        .expect_error(StatusCode::BAD_REQUEST, "unknown_gaid");
    assert!(message.contains(unknown.as_str()), "{message}");
    let users = t
        .get("/api/registered_users", Auth::Issuer(&issuer))
        .await
        .expect(StatusCode::OK);
    assert_eq!(users, json!([]), "the refused user was not created");

    let user = t
        .post(
            "/api/registered_users/add",
            Auth::Issuer(&issuer),
            json!({ "name": "Alice", "GAID": w.gaid, "is_company": false }),
        )
        .await
        .expect(StatusCode::CREATED);
    assert_eq!(user["GAID"], w.gaid.as_str());
    let id = user["id"].as_i64().unwrap();

    let path = format!("/api/registered_users/{id}/gaids/add");
    t.post(&path, Auth::Issuer(&issuer), json!(unknown.as_str()))
        .await
        .expect_error(StatusCode::BAD_REQUEST, "unknown_gaid");
    t.post(&path, Auth::Issuer(&issuer), json!(second.gaid))
        .await
        .expect(StatusCode::OK);
    let gaids = t
        .get(
            &format!("/api/registered_users/{id}/gaids"),
            Auth::Issuer(&issuer),
        )
        .await
        .expect(StatusCode::OK);
    let text = gaids.to_string();
    assert!(
        text.contains(&w.gaid) && text.contains(&second.gaid),
        "{gaids}"
    );
    assert!(!text.contains(unknown.as_str()), "{gaids}");
}

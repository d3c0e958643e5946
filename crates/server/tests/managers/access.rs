//! A manager's life: created locked, unlocked, granted an asset, acting on it only,
//! refused issuer-only calls, revoked, and locked out again.

use crate::harness::*;
use axum::http::StatusCode;
use serde_json::json;

#[tokio::test]
async fn a_manager_acts_only_on_granted_assets_until_locked() {
    let t = spawn_app().await;
    let issuer = t.issuer("abcompany").await;
    let other = t.issuer("othercorp").await;
    let a = t.asset("abcompany", 1).await;
    let b = t.asset("abcompany", 2).await;
    let foreign = t.asset("othercorp", 3).await;
    let id = t.manager(&issuer, "carol").await;

    // Created locked: the right password is refused with its own code.
    t.login("carol", PASSWORD)
        .await
        .expect_error(StatusCode::BAD_REQUEST, "account_locked");
    t.login("carol", "wrong password")
        .await
        .expect_error(StatusCode::BAD_REQUEST, "invalid_credentials");
    t.put(&format!("/api/managers/{id}/unlock"), &issuer, None)
        .await
        .expect(StatusCode::OK);
    let carol = t.token("carol").await;
    let me = t
        .get("/api/managers/me", &carol)
        .await
        .expect(StatusCode::OK);
    assert_eq!(
        me,
        json!({"id": id, "username": "carol", "is_locked": false, "assets": []})
    );
    assert_eq!(
        t.get("/api/assets", &carol).await.expect(StatusCode::OK),
        json!([])
    );

    let granted = t
        .put(&format!("/api/managers/{id}/assets/{a}/add"), &issuer, None)
        .await
        .expect(StatusCode::OK);
    assert_eq!(granted["assets"], json!([a]));
    let listed = t.get("/api/assets", &carol).await.expect(StatusCode::OK);
    assert_eq!(listed.as_array().unwrap().len(), 1);
    assert_eq!(listed[0]["asset_uuid"], a);
    assert_eq!(
        t.get("/api/assets", &issuer)
            .await
            .expect(StatusCode::OK)
            .as_array()
            .unwrap()
            .len(),
        2
    );

    // Acts on A: reads it, onboards an investor and assigns to them.
    t.get(&format!("/api/assets/{a}"), &carol)
        .await
        .expect(StatusCode::OK);
    let user = t.user(&carol, "Dave", None).await;
    let assign = json!({"assignments": [{"registered_user": user, "amount": 10}]});
    t.post(
        &format!("/api/assets/{a}/assignments/create"),
        &carol,
        assign.clone(),
    )
    .await
    .expect(StatusCode::OK);
    let listed = t
        .get(&format!("/api/assets/{a}/assignments"), &carol)
        .await
        .expect(StatusCode::OK);
    assert_eq!(listed.as_array().unwrap().len(), 1);
    // The issuer sees what the manager did, as its own.
    let seen = t
        .get(&format!("/api/assets/{a}/assignments"), &issuer)
        .await;
    assert_eq!(seen.expect(StatusCode::OK), listed);

    // B (not granted) and another issuer's asset look unknown.
    for uuid in [&b, &foreign] {
        for path in [
            format!("/api/assets/{uuid}"),
            format!("/api/assets/{uuid}/assignments"),
        ] {
            t.get(&path, &carol)
                .await
                .expect_error(StatusCode::NOT_FOUND, "asset_not_found");
        }
        t.post(
            &format!("/api/assets/{uuid}/assignments/create"),
            &carol,
            assign.clone(),
        )
        .await
        .expect_error(StatusCode::NOT_FOUND, "asset_not_found");
    }
    t.get(&format!("/api/assets/{b}/assignments"), &issuer)
        .await
        .expect(StatusCode::OK);
    t.get(&format!("/api/assets/{foreign}"), &other)
        .await
        .expect(StatusCode::OK);

    // Revoked: A looks unknown too.
    t.call(
        axum::http::Method::POST,
        &format!("/api/managers/{id}/assets/{a}/remove"),
        Some(&issuer),
        None,
    )
    .await
    .expect(StatusCode::OK);
    t.get(&format!("/api/assets/{a}"), &carol)
        .await
        .expect_error(StatusCode::NOT_FOUND, "asset_not_found");

    // Locked: the token stops at once, and logging in is refused.
    t.put(&format!("/api/managers/{id}/lock"), &issuer, None)
        .await
        .expect(StatusCode::OK);
    t.get("/api/managers/me", &carol)
        .await
        .expect_error(StatusCode::UNAUTHORIZED, "invalid_token");
    t.login("carol", PASSWORD)
        .await
        .expect_error(StatusCode::BAD_REQUEST, "account_locked");
}

#[tokio::test]
async fn issuer_only_calls_are_forbidden_to_a_manager_and_change_nothing() {
    let t = spawn_app().await;
    let issuer = t.issuer("abcompany").await;
    let a = t.asset("abcompany", 1).await;
    let id = t.manager(&issuer, "carol").await;
    t.put(&format!("/api/managers/{id}/unlock"), &issuer, None)
        .await
        .expect(StatusCode::OK);
    t.put(&format!("/api/managers/{id}/assets/{a}/add"), &issuer, None)
        .await
        .expect(StatusCode::OK);
    let carol = t.token("carol").await;
    let user = t.user(&issuer, "Dave", None).await;
    let before = t.snapshot(&issuer).await;
    let managers_before = t.get("/api/managers", &issuer).await.expect(StatusCode::OK);

    let pw = json!({"password": "a new password"});
    let refused = [
        t.get("/api/managers", &carol).await,
        t.get(&format!("/api/managers/{id}"), &carol).await,
        t.post(
            "/api/managers/create",
            &carol,
            json!({"username": "eve", "password": PASSWORD}),
        )
        .await,
        t.put(&format!("/api/managers/{id}/lock"), &carol, None)
            .await,
        t.post(
            &format!("/api/managers/{id}/change-password"),
            &carol,
            pw.clone(),
        )
        .await,
        t.put(&format!("/api/managers/{id}/assets/{a}/add"), &carol, None)
            .await,
        t.post("/api/user/change-password", &carol, pw).await,
        t.get("/api/user/settings", &carol).await,
        t.post("/api/assets/issue", &carol, json!({})).await,
        t.delete(&format!("/api/assets/{a}/delete"), &carol).await,
        t.post(
            "/api/categories/add",
            &carol,
            json!({"name": "KYC", "description": "d"}),
        )
        .await,
        t.delete(&format!("/api/registered_users/{user}/delete"), &carol)
            .await,
        t.get(&format!("/api/registered_users/{user}/summary"), &carol)
            .await,
    ];
    for reply in refused {
        reply.expect_error(StatusCode::FORBIDDEN, "manager_forbidden");
    }
    assert_eq!(t.snapshot(&issuer).await, before);
    assert_eq!(
        t.get("/api/managers", &issuer).await.expect(StatusCode::OK),
        managers_before
    );
    // The issuer's own password still works; the manager's too.
    t.token("abcompany").await;
    t.token("carol").await;
    // Reads of the register stay open.
    t.get("/api/registered_users", &carol)
        .await
        .expect(StatusCode::OK);
    t.get("/api/categories", &carol)
        .await
        .expect(StatusCode::OK);
}

#[tokio::test]
async fn manager_tokens_refresh_and_expire_like_issuer_tokens() {
    let t = spawn_app().await;
    let issuer = t.issuer("abcompany").await;
    let id = t.manager(&issuer, "carol").await;
    t.put(&format!("/api/managers/{id}/unlock"), &issuer, None)
        .await
        .expect(StatusCode::OK);
    let carol = t.token("carol").await;
    let fresh = t
        .post("/api/user/refresh-token", &carol, json!({}))
        .await
        .expect(StatusCode::OK)["token"]
        .as_str()
        .unwrap()
        .to_owned();
    t.get("/api/managers/me", &carol)
        .await
        .expect_error(StatusCode::UNAUTHORIZED, "invalid_token");
    t.get("/api/managers/me", &fresh)
        .await
        .expect(StatusCode::OK);
    t.clock.advance(24 * 3600);
    t.get("/api/managers/me", &fresh)
        .await
        .expect_error(StatusCode::UNAUTHORIZED, "invalid_token");
}

//! Issue 12: a manager's reach into data all of its issuer's assets share.
//!
//! Registered users, GAIDs and category memberships are shared by every asset: a manager
//! granted G who could point investor X's default GAID at its own account would redirect
//! the next distribution of asset H; adding X to a category H requires would let X receive
//! H. Each attack is made through the API and refused with `manager_forbidden`, leaving
//! the register as it was; what the manager may do is recorded in the audit log the issuer
//! reads; and the manager sees no uuid of an asset it was not granted.

use crate::harness::*;
use axum::http::StatusCode;
use serde_json::{json, Value};

struct World {
    t: TestApp,
    issuer: String,
    carol: String,
    granted: String,
    other: String,
    /// Investor of the ungranted asset (an assignment of it).
    investor: i64,
    /// A category the ungranted asset requires, and one only the granted asset requires.
    other_category: i64,
    granted_category: i64,
}

async fn world() -> World {
    let t = spawn_app().await;
    let issuer = t.issuer("abcompany").await;
    let granted = t.asset("abcompany", 1).await;
    let other = t.asset("abcompany", 2).await;
    let id = t.manager(&issuer, "carol").await;
    t.put(&format!("/api/managers/{id}/unlock"), &issuer, None)
        .await
        .expect(StatusCode::OK);
    t.put(
        &format!("/api/managers/{id}/assets/{granted}/add"),
        &issuer,
        None,
    )
    .await
    .expect(StatusCode::OK);
    let carol = t.token("carol").await;
    let investor = t.user(&issuer, "Xavier", Some(GAID_A)).await;
    let assign = json!({"assignments": [{"registered_user": investor, "amount": 10}]});
    t.post(
        &format!("/api/assets/{other}/assignments/create"),
        &issuer,
        assign,
    )
    .await
    .expect(StatusCode::OK);
    let other_category = t.category(&issuer, "qualified").await;
    let granted_category = t.category(&issuer, "onboarded").await;
    for (category, asset) in [(other_category, &other), (granted_category, &granted)] {
        t.put(
            &format!("/api/categories/{category}/assets/{asset}/add"),
            &issuer,
            None,
        )
        .await
        .expect(StatusCode::OK);
    }
    World {
        t,
        issuer,
        carol,
        granted,
        other,
        investor,
        other_category,
        granted_category,
    }
}

async fn audit_log(w: &World) -> Vec<Value> {
    let log = w.t.get("/api/audit-log", &w.issuer).await;
    log.expect(StatusCode::OK).as_array().unwrap().clone()
}

#[tokio::test]
async fn a_manager_cannot_change_investors_or_categories_of_assets_it_was_not_granted() {
    let w = world().await;
    let t = &w.t;
    let x = w.investor;
    let before = t.snapshot(&w.issuer).await;
    let ids = json!({"categories": [w.other_category]});
    let attacks = [
        // Redirect X's next distribution of the other asset to the manager's account.
        t.post(&format!("/api/registered_users/{x}/gaids/add"), &w.carol, json!(GAID_B))
            .await,
        t.post(
            &format!("/api/registered_users/{x}/gaids/set-default"),
            &w.carol,
            json!(GAID_A),
        )
        .await,
        t.put(
            &format!("/api/registered_users/{x}/edit"),
            &w.carol,
            Some(json!({"name": "Mallory"})),
        )
        .await,
        // Qualify (or disqualify) someone for the other asset.
        t.put(
            &format!("/api/categories/{}/registered_users/{x}/remove", w.other_category),
            &w.carol,
            None,
        )
        .await,
        t.put(
            &format!("/api/registered_users/{x}/categories/add"),
            &w.carol,
            Some(json!({"categories": [w.granted_category]})),
        )
        .await,
        t.post(
            "/api/registered_users/add",
            &w.carol,
            json!({"name": "Eve", "GAID": GAID_C, "is_company": false, "categories": [w.other_category]}),
        )
        .await,
    ];
    for reply in attacks {
        reply.expect_error(StatusCode::FORBIDDEN, "manager_forbidden");
    }
    // A fresh investor of the manager's own: onboarded, but not into the other asset's
    // category.
    let eve = t.user(&w.carol, "Eve", Some(GAID_C)).await;
    t.put(
        &format!("/api/registered_users/{eve}/categories/add"),
        &w.carol,
        Some(ids),
    )
    .await
    .expect_error(StatusCode::FORBIDDEN, "manager_forbidden");
    t.put(
        &format!(
            "/api/categories/{}/registered_users/{eve}/add",
            w.other_category
        ),
        &w.carol,
        None,
    )
    .await
    .expect_error(StatusCode::FORBIDDEN, "manager_forbidden");
    // Nothing changed but Eve's creation; no refused call is in the audit log.
    let after = t.snapshot(&w.issuer).await;
    assert_eq!(after["categories"], before["categories"]);
    let users = after["users"].as_array().unwrap();
    assert_eq!(users.len(), 2);
    assert_eq!(users[0], before["users"][0]);
    let log = audit_log(&w).await;
    assert_eq!(log.len(), 1, "{log:?}");
    assert_eq!(log[0]["action"], "registered_user.add");
    // The issuer itself may still do all of it.
    t.post(
        &format!("/api/registered_users/{x}/gaids/add"),
        &w.issuer,
        json!(GAID_B),
    )
    .await
    .expect(StatusCode::OK);
}

#[tokio::test]
async fn every_change_a_manager_makes_to_shared_data_is_in_the_issuers_audit_log() {
    let w = world().await;
    let t = &w.t;
    t.clock.advance(60);
    let eve = t.user(&w.carol, "Eve", Some(GAID_B)).await;
    let at = T0 + 60;
    t.post(
        &format!("/api/registered_users/{eve}/gaids/add"),
        &w.carol,
        json!(GAID_C),
    )
    .await
    .expect(StatusCode::OK);
    t.post(
        &format!("/api/registered_users/{eve}/gaids/set-default"),
        &w.carol,
        json!(GAID_C),
    )
    .await
    .expect(StatusCode::OK);
    t.put(
        &format!(
            "/api/categories/{}/registered_users/{eve}/add",
            w.granted_category
        ),
        &w.carol,
        None,
    )
    .await
    .expect(StatusCode::OK);
    // The issuer's own changes are not a manager's: not logged.
    t.put(
        &format!("/api/registered_users/{eve}/edit"),
        &w.issuer,
        Some(json!({"name": "Eva"})),
    )
    .await
    .expect(StatusCode::OK);

    let log = audit_log(&w).await;
    let actions: Vec<&str> = log.iter().map(|e| e["action"].as_str().unwrap()).collect();
    assert_eq!(
        actions,
        [
            "registered_user.add",
            "registered_user.add_gaid",
            "registered_user.set_default_gaid",
            "category.add_member"
        ]
    );
    for entry in &log {
        assert_eq!(entry["manager_username"], "carol");
        assert_eq!(entry["subject"], format!("registered_user:{eve}"));
        assert_eq!(entry["created_at"], at);
    }
    assert_eq!(log[0]["before"], Value::Null);
    assert_eq!(log[0]["after"]["gaids"], json!([GAID_B]));
    assert_eq!(log[2]["before"]["default_gaid"], GAID_B);
    assert_eq!(log[2]["after"]["default_gaid"], GAID_C);
    assert_eq!(log[3]["before"]["categories"], json!([]));
    assert_eq!(log[3]["after"]["categories"], json!([w.granted_category]));
    // Paged; and the manager cannot read it.
    let page = t.get("/api/audit-log?start=1&count=2", &w.issuer).await;
    assert_eq!(
        page.expect(StatusCode::OK).as_array().unwrap()[..],
        log[1..3]
    );
    t.get("/api/audit-log", &w.carol)
        .await
        .expect_error(StatusCode::FORBIDDEN, "manager_forbidden");
}

#[tokio::test]
async fn a_manager_sees_no_uuid_of_an_asset_it_was_not_granted() {
    let w = world().await;
    let t = &w.t;
    let mut seen = vec![t
        .get("/api/categories", &w.carol)
        .await
        .expect(StatusCode::OK)];
    for id in [w.other_category, w.granted_category] {
        let path = format!("/api/categories/{id}");
        seen.push(t.get(&path, &w.carol).await.expect(StatusCode::OK));
    }
    let eve = t.user(&w.carol, "Eve", None).await;
    let path = format!(
        "/api/categories/{}/registered_users/{eve}/add",
        w.granted_category
    );
    seen.push(t.put(&path, &w.carol, None).await.expect(StatusCode::OK));
    for path in ["/api/assets", "/api/registered_users", "/api/managers/me"] {
        seen.push(t.get(path, &w.carol).await.expect(StatusCode::OK));
    }
    for body in &seen {
        assert!(!body.to_string().contains(&w.other), "{body}");
    }
    assert_eq!(seen[2]["assets"], json!([w.granted]));
    assert_eq!(seen[1]["assets"], json!([]));
    // The issuer sees both.
    let all = t
        .get("/api/categories", &w.issuer)
        .await
        .expect(StatusCode::OK);
    assert!(all.to_string().contains(&w.other));
}

#[tokio::test]
async fn adding_or_removing_treasury_addresses_is_for_the_issuer_only() {
    let w = world().await;
    let t = &w.t;
    let path = format!("/api/assets/{}/treasury-addresses", w.granted);
    let before = t.get(&path, &w.issuer).await.expect(StatusCode::OK);
    let address = json!(["ert1qw508d6qejxtdg4y5r3zarvary0c5xw7kxw5fc6"]);
    t.post(&format!("{path}/add"), &w.carol, address.clone())
        .await
        .expect_error(StatusCode::FORBIDDEN, "manager_forbidden");
    t.call(
        axum::http::Method::DELETE,
        &format!("{path}/delete"),
        Some(&w.carol),
        Some(address),
    )
    .await
    .expect_error(StatusCode::FORBIDDEN, "manager_forbidden");
    assert_eq!(t.get(&path, &w.issuer).await.expect(StatusCode::OK), before);
    t.get(&path, &w.carol).await.expect(StatusCode::OK);
}

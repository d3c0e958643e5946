//! Distributions: created from ready assignments, confirmed only by what the chain shows.

use crate::harness::{World, T0};
use axum::http::{Method, StatusCode};
use serde_json::{json, Value};

/// The asset's assignments and distributions: what a refused call must leave unchanged.
pub async fn state(w: &World, uuid: &str) -> Value {
    let assignments = w
        .get(&format!("/api/assets/{uuid}/assignments"))
        .await
        .expect(StatusCode::OK);
    let distributions = w
        .get(&format!("/api/assets/{uuid}/distributions"))
        .await
        .expect(StatusCode::OK);
    json!({ "assignments": assignments, "distributions": distributions })
}

fn confirm_body(txid: &str, details: Value, change: Value) -> Value {
    json!({ "tx_data": { "details": details, "txid": txid }, "change_data": change })
}

#[tokio::test]
async fn nothing_to_distribute_is_a_clear_400() {
    let w = World::start().await;
    let (uuid, _) = w.issue(100_000).await;
    w.get(&format!("/api/assets/{uuid}/distributions/create/"))
        .await
        .expect_error(StatusCode::BAD_REQUEST, "nothing_to_distribute");
    // A future vesting time is not ready either.
    let gaid = w.managed_gaid().await;
    let user = w
        .post(
            "/api/registered_users/add",
            json!({ "name": "Vee", "GAID": gaid, "is_company": false }),
        )
        .await
        .expect(StatusCode::CREATED)["id"]
        .clone();
    let body = json!({ "assignments": [{ "registered_user": user, "amount": 5,
        "ready_for_distribution": true, "vesting_timestamp": T0 + 3600 }]});
    w.post(&format!("/api/assets/{uuid}/assignments/create"), body)
        .await
        .expect(StatusCode::OK);
    w.call(
        Method::POST,
        &format!("/api/assets/{uuid}/distributions/create"),
        None,
    )
    .await
    .expect_error(StatusCode::BAD_REQUEST, "nothing_to_distribute");
    assert_eq!(
        w.get(&format!("/api/assets/{uuid}/distributions"))
            .await
            .expect(StatusCode::OK),
        json!([])
    );
}

#[tokio::test]
async fn the_file_follows_amp_and_pays_fresh_managed_addresses() {
    let w = World::start().await;
    let (uuid, asset_id) = w.issue(100_000).await;
    w.assigned_user(&uuid, "Alice", 150).await;
    w.assigned_user(&uuid, "Bob", 25).await;
    let file = w
        .get(&format!("/api/assets/{uuid}/distributions/create"))
        .await
        .expect(StatusCode::OK);
    assert_eq!(file["command"], "distribute");
    assert_eq!(file["min_supported_client_script_version"], 2);
    assert_eq!(file["base_url"], "http://tessera.test:8080/api/{}");
    assert_eq!(file["asset_uuid"], uuid.as_str());
    assert_eq!(file["asset_id"], asset_id.as_str());
    let amounts = file["map_address_amount"].as_object().unwrap();
    let mut texts: Vec<String> = amounts.values().map(Value::to_string).collect();
    texts.sort();
    assert_eq!(texts, ["0.00000025", "0.00000150"]);
    for address in amounts.keys() {
        assert_eq!(file["map_address_asset"][address], asset_id.as_str());
    }
    // Only one unconfirmed distribution per asset.
    w.get(&format!("/api/assets/{uuid}/distributions/create"))
        .await
        .expect_error(StatusCode::BAD_REQUEST, "distribution_open");
    let listed = w
        .get(&format!("/api/assets/{uuid}/distributions"))
        .await
        .expect(StatusCode::OK);
    assert_eq!(listed[0]["distribution_status"], "UNCONFIRMED");
    assert_eq!(listed[0]["distribution_uuid"], file["distribution_uuid"]);
}

#[tokio::test]
async fn a_cancelled_distribution_frees_its_assignments_for_a_new_one() {
    let w = World::start().await;
    let (uuid, _) = w.issue(100_000).await;
    w.assigned_user(&uuid, "Alice", 10).await;
    let first = w
        .get(&format!("/api/assets/{uuid}/distributions/create"))
        .await
        .expect(StatusCode::OK);
    let duuid = first["distribution_uuid"].as_str().unwrap();
    let cancelled = w
        .call(
            Method::DELETE,
            &format!("/api/assets/{uuid}/distributions/{duuid}/cancel"),
            None,
        )
        .await
        .expect(StatusCode::OK);
    assert_eq!(cancelled["distribution_status"], "CANCELLED");
    // Issue 11: AMP forgets cancelled distributions (its clients know only UNCONFIRMED and
    // CONFIRMED); `include_cancelled=true` shows them.
    let amp_list = w
        .get(&format!("/api/assets/{uuid}/distributions"))
        .await
        .expect(StatusCode::OK);
    assert_eq!(amp_list, json!([]));
    w.get(&format!("/api/assets/{uuid}/distributions/{duuid}"))
        .await
        .expect_error(StatusCode::NOT_FOUND, "distribution_not_found");
    let with_cancelled = w
        .get(&format!(
            "/api/assets/{uuid}/distributions?include_cancelled=true"
        ))
        .await
        .expect(StatusCode::OK);
    assert_eq!(with_cancelled[0]["distribution_status"], "CANCELLED");
    w.get(&format!(
        "/api/assets/{uuid}/distributions/{duuid}?include_cancelled=true"
    ))
    .await
    .expect(StatusCode::OK);
    w.get(&format!(
        "/api/assets/{uuid}/distributions?include_cancelled=maybe"
    ))
    .await
    .expect_error(StatusCode::BAD_REQUEST, "invalid_query");
    let second = w
        .get(&format!("/api/assets/{uuid}/distributions/create"))
        .await
        .expect(StatusCode::OK);
    assert_ne!(second["distribution_uuid"], first["distribution_uuid"]);
    assert_eq!(second["map_address_amount"].as_object().unwrap().len(), 1);
    let first_address = first["map_address_amount"]
        .as_object()
        .unwrap()
        .keys()
        .next()
        .cloned();
    let second_address = second["map_address_amount"]
        .as_object()
        .unwrap()
        .keys()
        .next()
        .cloned();
    assert_ne!(first_address, second_address, "a fresh address every time");
    // A cancelled distribution cannot be confirmed.
    let txid = w.pay(&second, None, None).await;
    w.mine(2).await;
    w.post(
        &format!("/api/assets/{uuid}/distributions/{duuid}/confirm"),
        confirm_body(&txid, json!([]), json!([])),
    )
    .await
    .expect_error(StatusCode::BAD_REQUEST, "distribution_cancelled");
}

#[tokio::test]
async fn forged_confirmations_are_refused_and_change_nothing_and_the_true_one_is_idempotent() {
    let w = World::start().await;
    let (uuid, asset_id) = w.issue(100_000).await;
    let (other_uuid, other_asset) = w.issue(100_000).await;
    w.assigned_user(&uuid, "Alice", 150).await;
    w.assigned_user(&uuid, "Bob", 25).await;
    let file = w
        .get(&format!("/api/assets/{uuid}/distributions/create"))
        .await
        .expect(StatusCode::OK);
    let duuid = file["distribution_uuid"].as_str().unwrap().to_owned();
    let confirm = format!("/api/assets/{uuid}/distributions/{duuid}/confirm");
    let before = state(&w, &uuid).await;

    let unknown = "11".repeat(32);
    w.post(&confirm, confirm_body(&unknown, json!([]), json!([])))
        .await
        .expect_error(StatusCode::BAD_REQUEST, "transaction_not_found");

    let wrong_amounts = w.pay(&file, Some(7), None).await;
    let wrong_asset = w.pay(&file, None, Some(&other_asset)).await;
    let right = w.pay(&file, None, None).await;
    // Not mined yet: the right payment is refused until it has 2 confirmations.
    w.post(
        &confirm,
        confirm_body(&right, w.details(&right).await, json!([])),
    )
    .await
    .expect_error(StatusCode::BAD_REQUEST, "not_confirmed");
    w.mine(1).await;
    w.post(
        &confirm,
        confirm_body(&right, w.details(&right).await, json!([])),
    )
    .await
    .expect_error(StatusCode::BAD_REQUEST, "not_confirmed");
    w.mine(1).await;
    for forged in [&wrong_amounts, &wrong_asset] {
        w.post(
            &confirm,
            confirm_body(forged, w.details(forged).await, json!([])),
        )
        .await
        .expect_error(StatusCode::BAD_REQUEST, "transaction_mismatch");
    }
    // Change that does not open its output is refused as a whole.
    let mut change = w.change_data(&right, &asset_id).await;
    if let Some(first) = change.as_array_mut().and_then(|c| c.first_mut()) {
        first["amount"] = json!(999.0);
        w.post(
            &confirm,
            confirm_body(&right, w.details(&right).await, change.clone()),
        )
        .await
        .expect_error(StatusCode::BAD_REQUEST, "transaction_mismatch");
    }
    // Another asset's path does not know this distribution.
    w.post(
        &format!("/api/assets/{other_uuid}/distributions/{duuid}/confirm"),
        confirm_body(&right, json!([]), json!([])),
    )
    .await
    .expect_error(StatusCode::NOT_FOUND, "distribution_not_found");
    assert_eq!(state(&w, &uuid).await, before, "refusals changed nothing");

    let body = confirm_body(
        &right,
        w.details(&right).await,
        w.change_data(&right, &asset_id).await,
    );
    let done = w.post(&confirm, body.clone()).await.expect(StatusCode::OK);
    assert_eq!(done["distribution_status"], "CONFIRMED");
    assert_eq!(done["transactions"][0]["txid"], right.as_str());
    let paid: Vec<u64> = done["transactions"][0]["assignments"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["amount"].as_u64().unwrap())
        .collect();
    assert_eq!(paid.iter().sum::<u64>(), 175);
    let after = state(&w, &uuid).await;
    assert!(after["assignments"]
        .as_array()
        .unwrap()
        .iter()
        .all(|a| a["is_distributed"] == true));
    // The same confirmation again: 200, nothing changes.
    let again = w.post(&confirm, body).await.expect(StatusCode::OK);
    assert_eq!(again, done);
    assert_eq!(state(&w, &uuid).await, after);
    // Another transaction for a confirmed distribution is refused.
    w.post(&confirm, confirm_body(&wrong_amounts, json!([]), json!([])))
        .await
        .expect_error(StatusCode::BAD_REQUEST, "distribution_confirmed");
}

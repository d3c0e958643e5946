//! Cancelling a distribution that was already paid (issue 12): the cancel would release the
//! assignments and the next distribution would pay them again. Refused with
//! `distribution_paid` and the paying txid wherever the payment is — mempool, a block the
//! watcher has not followed yet, or the watcher's store — and nothing changes.

use crate::distributions::state;
use crate::harness::World;
use axum::http::{Method, StatusCode};
use serde_json::json;
use tessera_app::watcher::ChainWatcher;

async fn cancel(w: &World, uuid: &str, duuid: &str) -> crate::harness::Reply {
    w.call(
        Method::DELETE,
        &format!("/api/assets/{uuid}/distributions/{duuid}/cancel"),
        None,
    )
    .await
}

#[track_caller]
fn refused_with_txid(reply: crate::harness::Reply, txid: &str) {
    let body = reply.expect_error(StatusCode::BAD_REQUEST, "distribution_paid");
    let message = body["message"].as_str().unwrap_or_default();
    assert!(message.contains(txid), "the answer names the txid: {body}");
}

#[tokio::test]
async fn a_paid_distribution_cannot_be_cancelled_wherever_the_payment_is_seen() {
    let w = World::start().await;
    let (uuid, asset_id) = w.issue(100_000).await;
    w.assigned_user(&uuid, "Alice", 150).await;
    w.assigned_user(&uuid, "Bob", 25).await;
    let file = w
        .get(&format!("/api/assets/{uuid}/distributions/create"))
        .await
        .expect(StatusCode::OK);
    let duuid = file["distribution_uuid"].as_str().unwrap().to_owned();
    let before = state(&w, &uuid).await;

    // In the mempool only.
    let paid = w.pay(&file, None, None).await;
    refused_with_txid(cancel(&w, &uuid, &duuid).await, &paid);
    assert_eq!(state(&w, &uuid).await, before, "nothing changed");
    // In a block no watcher has followed yet.
    w.mine(1).await;
    refused_with_txid(cancel(&w, &uuid, &duuid).await, &paid);
    assert_eq!(state(&w, &uuid).await, before, "nothing changed");
    // Followed by the watcher: the store itself refuses, in the cancel's transaction.
    let mut watcher = ChainWatcher::new(w.app.clone(), w.rpc.clone());
    watcher.sync().await.unwrap();
    refused_with_txid(cancel(&w, &uuid, &duuid).await, &paid);
    assert_eq!(state(&w, &uuid).await, before, "nothing changed");

    // The issuer confirms instead; the assignments are paid once, nothing is left.
    w.mine(1).await;
    let body = json!({
        "tx_data": { "details": w.details(&paid).await, "txid": paid },
        "change_data": w.change_data(&paid, &asset_id).await,
    });
    let done = w
        .post(
            &format!("/api/assets/{uuid}/distributions/{duuid}/confirm"),
            body,
        )
        .await
        .expect(StatusCode::OK);
    assert_eq!(done["distribution_status"], "CONFIRMED");
    w.get(&format!("/api/assets/{uuid}/distributions/create"))
        .await
        .expect_error(StatusCode::BAD_REQUEST, "nothing_to_distribute");
}

#[tokio::test]
async fn a_payment_of_other_amounts_does_not_block_a_cancel() {
    let w = World::start().await;
    let (uuid, _) = w.issue(100_000).await;
    w.assigned_user(&uuid, "Alice", 150).await;
    let file = w
        .get(&format!("/api/assets/{uuid}/distributions/create"))
        .await
        .expect(StatusCode::OK);
    let duuid = file["distribution_uuid"].as_str().unwrap().to_owned();
    // Anyone can send something else to the address; it is not this distribution's payment.
    w.pay(&file, Some(1), None).await;
    w.mine(1).await;
    ChainWatcher::new(w.app.clone(), w.rpc.clone())
        .sync()
        .await
        .unwrap();
    let cancelled = cancel(&w, &uuid, &duuid).await.expect(StatusCode::OK);
    assert_eq!(cancelled["distribution_status"], "CANCELLED");
}

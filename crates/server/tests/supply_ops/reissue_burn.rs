//! Reissuances and burns: the files name what the issuer's wallet holds, and only what the
//! chain shows is confirmed, once.

use crate::harness::{coins, World};
use axum::http::StatusCode;
use serde_json::{json, Value};

async fn listissuances(w: &World, txid: &str) -> Value {
    let all: Vec<Value> = w.issuer_wallet.call("listissuances", vec![]).await.unwrap();
    Value::Array(all.into_iter().filter(|i| i["txid"] == txid).collect())
}

async fn unspent_outpoints(w: &World) -> Vec<Value> {
    let all: Vec<Value> = w
        .issuer_wallet
        .call("listunspent", vec![json!(0)])
        .await
        .unwrap();
    all.iter()
        .map(|u| json!({ "txid": u["txid"], "vout": u["vout"] }))
        .collect()
}

#[tokio::test]
async fn a_reissuance_is_confirmed_once_from_the_chain_and_forgeries_change_nothing() {
    let w = World::start().await;
    let (uuid, asset_id) = w.issue(10_000).await;
    let file = w
        .post(
            &format!("/api/assets/{uuid}/reissue-request"),
            json!({ "amount_to_reissue": 2_500 }),
        )
        .await
        .expect(StatusCode::OK);
    assert_eq!(file["command"], "reissue");
    assert_eq!(file["min_supported_client_script_version"], 2);
    assert_eq!(file["amount"].to_string(), "0.00002500");
    let tokens = file["reissuance_utxos"].as_array().unwrap().clone();
    assert_eq!(tokens.len(), 1);
    let unspent = unspent_outpoints(&w).await;
    assert!(
        tokens.iter().all(|t| unspent.contains(t)),
        "the wallet holds {tokens:?}"
    );

    let asset = asset_id.parse().unwrap();
    // A reissuance of another amount does not match the request.
    let wrong = w
        .issuer_wallet
        .reissue_asset(&asset, coins(3_000))
        .await
        .unwrap();
    w.mine(2).await;
    let wrong_txid = wrong.txid.to_string();
    let body = |txid: &str, vin: u32, details: Value, issuances: Value| {
        json!({ "details": details, "reissuance_output": { "txid": txid, "vin": vin },
                "listissuances": issuances })
    };
    let confirm = format!("/api/assets/{uuid}/reissue-confirm");
    w.post(
        &confirm,
        body(
            &wrong_txid,
            wrong.vin,
            w.details(&wrong_txid).await,
            listissuances(&w, &wrong_txid).await,
        ),
    )
    .await
    .expect_error(StatusCode::BAD_REQUEST, "transaction_mismatch");
    // The right transaction at the wrong input carries no reissuance.
    let right = w
        .issuer_wallet
        .reissue_asset(&asset, coins(2_500))
        .await
        .unwrap();
    let txid = right.txid.to_string();
    let good = body(
        &txid,
        right.vin,
        w.details(&txid).await,
        listissuances(&w, &txid).await,
    );
    w.post(&confirm, good.clone())
        .await
        .expect_error(StatusCode::BAD_REQUEST, "not_confirmed");
    w.mine(2).await;
    let good = body(
        &txid,
        right.vin,
        w.details(&txid).await,
        listissuances(&w, &txid).await,
    );
    w.post(&confirm, body(&txid, right.vin + 1, json!([]), json!([])))
        .await
        .expect_error(StatusCode::BAD_REQUEST, "transaction_mismatch");
    let summary = format!("/api/assets/{uuid}/summary");
    assert_eq!(w.get(&summary).await.expect(StatusCode::OK)["reissued"], 0);

    let done = w.post(&confirm, good.clone()).await.expect(StatusCode::OK);
    assert_eq!(done["txid"], txid.as_str());
    assert_eq!(done["reissuance_amount"], 2_500);
    assert_eq!(
        w.post(&confirm, good).await.expect(StatusCode::OK)["txid"],
        txid.as_str()
    );
    assert_eq!(
        w.get(&summary).await.expect(StatusCode::OK)["reissued"],
        2_500
    );
    let history = w
        .get(&format!("/api/assets/{uuid}/reissuances"))
        .await
        .expect(StatusCode::OK);
    let confirmed: Vec<&Value> = history
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["status"] == "confirmed")
        .collect();
    assert_eq!(confirmed.len(), 1);
    // Issue 11: only what happened is listed, with the real output, address and block.
    assert_eq!(history.as_array().unwrap().len(), 1, "{history}");
    let r = confirmed[0];
    assert_eq!(r["txid"], txid.as_str());
    assert!(r["vout"].is_u64(), "{r}");
    assert!(r["destination_address"].is_string(), "{r}");
    assert_eq!(r["confirmed_in_block"].as_str().unwrap().len(), 64, "{r}");

    // The next request names the token where the reissuance moved it — when the wallet
    // reported it. Elements 23 lists the moved token as a `receive` entry; the devnet moves
    // it to a change address, which `gettransaction` leaves out, so the server (trusting
    // only reported-and-verified outputs) knows no unspent token and says so.
    let token_id = w
        .get(&format!("/api/assets/{uuid}"))
        .await
        .expect(StatusCode::OK)["reissuance_token_id"]
        .clone();
    let reported = w
        .details(&txid)
        .await
        .as_array()
        .unwrap()
        .iter()
        .any(|d| d["category"] == "receive" && d["asset"] == token_id);
    let next = w
        .post(
            &format!("/api/assets/{uuid}/reissue-request"),
            json!({ "amount_to_reissue": 1 }),
        )
        .await;
    if reported {
        let next = next.expect(StatusCode::OK);
        let moved = next["reissuance_utxos"].as_array().unwrap();
        assert_eq!(moved.len(), 1);
        assert_eq!(moved[0]["txid"], txid.as_str());
    } else {
        next.expect_error(StatusCode::BAD_REQUEST, "treasury_outputs_unknown");
    }
}

#[tokio::test]
async fn a_burn_is_confirmed_once_from_the_chain_and_forgeries_change_nothing() {
    let w = World::start().await;
    let (uuid, asset_id) = w.issue(10_000).await;
    w.post(
        &format!("/api/assets/{uuid}/burn-request"),
        json!({ "amount": 20_000 }),
    )
    .await
    .expect_error(StatusCode::BAD_REQUEST, "exceeds_treasury");
    let file = w
        .post(
            &format!("/api/assets/{uuid}/burn-request"),
            json!({ "amount": 400 }),
        )
        .await
        .expect(StatusCode::OK);
    assert_eq!(file["command"], "burn");
    assert_eq!(file["amount"].to_string(), "0.00000400");
    let unspent = unspent_outpoints(&w).await;
    let utxos = file["utxos"].as_array().unwrap();
    assert!(
        !utxos.is_empty() && utxos.iter().all(|u| unspent.contains(u)),
        "{utxos:?}"
    );

    let asset = asset_id.parse().unwrap();
    let confirm = format!("/api/assets/{uuid}/burn-confirm");
    let body =
        |txid: &str, change: Value| json!({ "tx_data": { "txid": txid }, "change_data": change });
    let wrong = w
        .issuer_wallet
        .destroy_amount(&asset, coins(300))
        .await
        .unwrap()
        .to_string();
    let right = w
        .issuer_wallet
        .destroy_amount(&asset, coins(400))
        .await
        .unwrap()
        .to_string();
    w.post(&confirm, body(&right, json!([])))
        .await
        .expect_error(StatusCode::BAD_REQUEST, "not_confirmed");
    w.mine(2).await;
    w.post(&confirm, body(&wrong, json!([])))
        .await
        .expect_error(StatusCode::BAD_REQUEST, "no_open_request");
    let summary = format!("/api/assets/{uuid}/summary");
    assert_eq!(w.get(&summary).await.expect(StatusCode::OK)["burned"], 0);

    let change = w.change_data(&right, &asset_id).await;
    let done = w
        .post(&confirm, body(&right, change.clone()))
        .await
        .expect(StatusCode::OK);
    assert_eq!(done["txid"], right.as_str());
    assert_eq!(done["amount"], 400);
    assert_eq!(
        w.post(&confirm, body(&right, change))
            .await
            .expect(StatusCode::OK),
        done
    );
    assert_eq!(w.get(&summary).await.expect(StatusCode::OK)["burned"], 400);
}

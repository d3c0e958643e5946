//! The four commands end to end, and the resume rules that need no crash.

use serde_json::{json, Value};
use tessera_confirm::{journal_path, Journal, Stage, Status};

use tessera_test_util::{on_both_chains, Chain};

use crate::support::{coins, p, World, ASSET_UUID};

on_both_chains!(shared:
    distribute_pays_receivers_waits_for_two_confirmations_and_posts_the_script_body,
    a_failed_confirm_post_is_retried_by_a_rerun_without_paying_again,
    reissue_creates_the_amount_and_posts_details_output_and_issuances,
    burn_destroys_the_amount_and_posts_txid_and_change,
    update_blinders_posts_the_wallets_blinders_for_zeroed_outputs,
    distribute_all_pays_every_batch_until_nothing_is_left,
);

async fn distribute_pays_receivers_waits_for_two_confirmations_and_posts_the_script_body(
    chain: Chain,
) {
    let w = World::start_on(chain).await;
    let alice = w.alice.get_new_address().await.unwrap();
    let bob = w.bob.get_new_address().await.unwrap();
    let file = w.distribution_file("dist.json", "d-1", &[(&alice, "1.5"), (&bob, "0.25")]);

    let outcomes = w
        .run("issuer", &["distribute", "-f", p(&file)])
        .await
        .unwrap();
    let txid = outcomes[0].txid.unwrap();
    assert_eq!(outcomes[0].status, Status::Confirmed);
    assert!(outcomes[0].confirmations.unwrap() >= 2);
    assert!(w.issuer.get_transaction(&txid).await.unwrap().confirmations >= 2);

    assert_eq!(w.balance(&w.alice, &w.asset).await, coins("1.5"));
    assert_eq!(w.balance(&w.bob, &w.asset).await, coins("0.25"));

    let confirms = w.api.confirms();
    assert_eq!(confirms.len(), 1);
    let (path, body) = &confirms[0];
    assert_eq!(
        path,
        &format!("assets/{ASSET_UUID}/distributions/d-1/confirm")
    );
    assert_eq!(body["tx_data"]["txid"], json!(txid.to_string()));
    let details: Value = w
        .issuer
        .call("gettransaction", vec![json!(txid.to_string())])
        .await
        .unwrap();
    assert_eq!(
        body["tx_data"]["details"], details["details"],
        "details verbatim from gettransaction"
    );
    let change = body["change_data"].as_array().unwrap();
    assert!(!change.is_empty(), "asset change of 998.25 is reported");
    for c in change {
        assert_eq!(c["txid"], json!(txid.to_string()));
        assert_eq!(c["asset"], json!(w.asset.to_string()));
        assert!(c.get("amountblinder").is_some() && c.get("scriptPubKey").is_some());
    }
    assert_eq!(
        change[0]["amount"].to_string(),
        "998.25000000",
        "exact node text"
    );
    let journal = Journal::load(&journal_path(&file)).unwrap().unwrap();
    assert!(matches!(journal.stage, Stage::Confirmed { txid: t, .. } if t == txid));

    // Running it again does nothing: no payment, no second POST.
    let again = w
        .run("issuer", &["distribute", "-f", p(&file)])
        .await
        .unwrap();
    assert_eq!(again[0].status, Status::AlreadyConfirmed);
    assert_eq!(w.api.confirms().len(), 1);
    assert_eq!(w.utxos_of(&w.alice, &w.asset).await.len(), 1);
}

async fn a_failed_confirm_post_is_retried_by_a_rerun_without_paying_again(chain: Chain) {
    let w = World::start_on(chain).await;
    let alice = w.alice.get_new_address().await.unwrap();
    let file = w.distribution_file("dist.json", "d-2", &[(&alice, "2")]);
    w.api.with(|d| d.fail_confirms = 1);

    let err = w
        .run("issuer", &["distribute", "-f", p(&file)])
        .await
        .unwrap_err();
    let text = err.to_string();
    assert!(
        text.contains("Run the same command again") && text.contains("500"),
        "{text}"
    );

    let outcomes = w
        .run("issuer", &["distribute", "-f", p(&file)])
        .await
        .unwrap();
    assert_eq!(outcomes[0].status, Status::Confirmed);
    assert!(outcomes[0].resumed);
    assert_eq!(w.api.confirms().len(), 1);
    assert_eq!(w.utxos_of(&w.alice, &w.asset).await.len(), 1);
    assert_eq!(w.balance(&w.alice, &w.asset).await, coins("2"));
}

async fn reissue_creates_the_amount_and_posts_details_output_and_issuances(chain: Chain) {
    let w = World::start_on(chain).await;
    let tokens = w.token_outpoints().await;
    assert_eq!(tokens.len(), 1);
    let file = w.write_json(
        "reissue.json",
        &json!({
            "command": "reissue", "min_supported_client_script_version": 2,
            "base_url": w.api.base_url, "asset_uuid": ASSET_UUID, "asset_id": w.asset.to_string(),
            "amount": 10.0, "reissuance_utxos": tokens
        }),
    );
    let before = w.balance(&w.issuer, &w.asset).await;

    let outcomes = w.run("issuer", &["reissue", "-f", p(&file)]).await.unwrap();
    let txid = outcomes[0].txid.unwrap();
    let vin = outcomes[0].vin.unwrap();
    assert_eq!(
        w.balance(&w.issuer, &w.asset).await,
        before.checked_add(coins("10")).unwrap()
    );

    let confirms = w.api.confirms();
    assert_eq!(confirms.len(), 1);
    let (path, body) = &confirms[0];
    assert_eq!(path, &format!("assets/{ASSET_UUID}/reissue-confirm"));
    assert_eq!(
        body["reissuance_output"],
        json!({"txid": txid.to_string(), "vin": vin})
    );
    let issuances = body["listissuances"].as_array().unwrap();
    assert_eq!(issuances.len(), 1);
    assert_eq!(issuances[0]["isreissuance"], json!(true));
    assert_eq!(issuances[0]["assetamount"].to_string(), "10.00000000");
    assert!(body["details"].as_array().is_some_and(|d| !d.is_empty()));

    // --use-existing TXID:VIN confirms the same reissuance again without a new one.
    std::fs::remove_file(journal_path(&file)).unwrap();
    let existing = format!("{txid}:{vin}");
    let again = w
        .run(
            "issuer",
            &["reissue", "-f", p(&file), "--use-existing", &existing],
        )
        .await
        .unwrap();
    assert_eq!(again[0].txid, Some(txid));
    assert_eq!(
        w.balance(&w.issuer, &w.asset).await,
        before.checked_add(coins("10")).unwrap()
    );
    let bad = format!("{txid}:{}", vin + 1);
    std::fs::remove_file(journal_path(&file)).unwrap();
    let err = w
        .run(
            "issuer",
            &["reissue", "-f", p(&file), "--use-existing", &bad],
        )
        .await
        .unwrap_err();
    assert!(err.to_string().contains("not a reissuance"), "{err}");
}

async fn burn_destroys_the_amount_and_posts_txid_and_change(chain: Chain) {
    let w = World::start_on(chain).await;
    let unspent: Vec<Value> = w.issuer.call("listunspent", vec![]).await.unwrap();
    let utxos: Vec<Value> = unspent
        .iter()
        .filter(|u| u["asset"] == json!(w.asset.to_string()))
        .map(|u| json!({"txid": u["txid"], "vout": u["vout"]}))
        .collect();
    let file = w.write_json(
        "burn.json",
        &json!({
            "command": "burn", "min_supported_client_script_version": 2,
            "base_url": w.api.base_url, "asset_uuid": ASSET_UUID, "asset_id": w.asset.to_string(),
            "amount": 0.5, "utxos": utxos
        }),
    );
    let outcomes = w.run("issuer", &["burn", "-f", p(&file)]).await.unwrap();
    let txid = outcomes[0].txid.unwrap();
    assert_eq!(w.balance(&w.issuer, &w.asset).await, coins("999.5"));
    let confirms = w.api.confirms();
    assert_eq!(confirms.len(), 1);
    let (path, body) = &confirms[0];
    assert_eq!(path, &format!("assets/{ASSET_UUID}/burn-confirm"));
    assert_eq!(body["tx_data"], json!({"txid": txid.to_string()}));
    let change = body["change_data"].as_array().unwrap();
    assert_eq!(change.len(), 1);
    assert_eq!(change[0]["amount"].to_string(), "999.50000000");

    // Burning more than the wallet holds is refused before anything is sent.
    std::fs::remove_file(journal_path(&file)).unwrap();
    let mut doc: Value = serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
    doc["amount"] = json!(5000);
    doc["utxos"] = json!([{"txid": change[0]["txid"], "vout": change[0]["vout"]}]);
    let file = w.write_json("burn2.json", &doc);
    let err = w
        .run("issuer", &["burn", "-f", p(&file)])
        .await
        .unwrap_err();
    assert!(
        err.to_string()
            .contains("less than the 5000.00000000 to burn"),
        "{err}"
    );
}

async fn update_blinders_posts_the_wallets_blinders_for_zeroed_outputs(chain: Chain) {
    let w = World::start_on(chain).await;
    let details: Value = w
        .issuer
        .call("gettransaction", vec![json!(w.issuance_txid.to_string())])
        .await
        .unwrap();
    let asset_detail = details["details"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["asset"] == json!(w.asset.to_string()) && d["category"] == "receive")
        .unwrap()
        .clone();
    let vout = asset_detail["vout"].as_u64().unwrap();
    let zeros = "00".repeat(32);
    w.api.with(|d| {
        d.txs = json!([{
            "txid": w.issuance_txid.to_string(), "is_issuance": true,
            "outputs": [
                {"vout": vout, "asset_blinder": zeros, "amount_blinder": zeros},
                {"vout": 99, "asset_blinder": "11".repeat(32), "amount_blinder": "11".repeat(32)}
            ]
        }]);
    });
    let outcomes = w
        .run(
            "issuer",
            &["update-blinders", "-a", ASSET_UUID, "-b", &w.api.base_url],
        )
        .await
        .unwrap();
    assert_eq!(outcomes[0].status, Status::BlindersUpdated);
    let posts = w.api.with(|d| d.posts.clone());
    assert_eq!(posts.len(), 1);
    assert_eq!(posts[0].0, format!("assets/{ASSET_UUID}/update-blinders"));
    assert_eq!(
        posts[0].1,
        json!({
            "txid": w.issuance_txid.to_string(), "vout": vout,
            "asset_blinder": asset_detail["assetblinder"], "amount_blinder": asset_detail["amountblinder"]
        })
    );
}

async fn distribute_all_pays_every_batch_until_nothing_is_left(chain: Chain) {
    let w = World::start_on(chain).await;
    let alice = w.alice.get_new_address().await.unwrap();
    let bob = w.bob.get_new_address().await.unwrap();
    let first = w.distribution_doc("batch-1", &[(&alice, "3")]);
    let second = w.distribution_doc("batch-2", &[(&bob, "4")]);
    w.api.with(|d| d.create_queue.extend([first, second]));
    let dir = w.path("batches");
    std::fs::create_dir(&dir).unwrap();

    let outcomes = w
        .run(
            "issuer",
            &[
                "distribute",
                "--all",
                "-a",
                ASSET_UUID,
                "-b",
                &w.api.base_url,
                "--journal-dir",
                p(&dir),
            ],
        )
        .await
        .unwrap();
    assert_eq!(outcomes.len(), 2);
    assert!(outcomes.iter().all(|o| o.status == Status::Confirmed));
    assert_eq!(w.balance(&w.alice, &w.asset).await, coins("3"));
    assert_eq!(w.balance(&w.bob, &w.asset).await, coins("4"));
    let paths: Vec<String> = w.api.confirms().into_iter().map(|(p, _)| p).collect();
    assert_eq!(
        paths,
        [
            format!("assets/{ASSET_UUID}/distributions/batch-1/confirm"),
            format!("assets/{ASSET_UUID}/distributions/batch-2/confirm"),
        ]
    );
    assert!(dir.join("distribution-batch-2.json.journal.json").exists());

    // Nothing left: a second --all does nothing.
    let again = w
        .run(
            "issuer",
            &[
                "distribute",
                "--all",
                "-a",
                ASSET_UUID,
                "-b",
                &w.api.base_url,
                "--journal-dir",
                p(&dir),
            ],
        )
        .await
        .unwrap();
    assert!(again.is_empty());
}

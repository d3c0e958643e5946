//! Crash tests: the real binary is killed (SIGKILL via `TESSERA_CONFIRM_FAILPOINT`) before
//! broadcasting, right after, and while waiting; a re-run must pay exactly once and post
//! exactly one confirmation. On the devnet and on the test binary's real node.

use std::os::unix::process::ExitStatusExt;
use std::process::Stdio;

use serde_json::{json, Value};

use tessera_test_util::{on_both_chains, Chain};

use crate::support::{coins, p, World};

/// Runs the binary with `rest` killed at `failpoint`, then again without it (mining), and
/// returns the re-run's `--json` outcome.
async fn kill_then_rerun(w: &World, rest: &[&str], failpoint: &str) -> Value {
    let mut argv = w.argv("issuer", rest);
    argv[0] = "--json".to_owned();
    let command = |fail: Option<&str>| {
        let mut c = tokio::process::Command::new(env!("CARGO_BIN_EXE_tessera-confirm"));
        c.args(&argv).stdout(Stdio::piped()).stderr(Stdio::piped());
        match fail {
            Some(f) => c.env("TESSERA_CONFIRM_FAILPOINT", f),
            None => c.env_remove("TESSERA_CONFIRM_FAILPOINT"),
        };
        c
    };
    let killed = command(Some(failpoint)).output().await.unwrap();
    let stderr = String::from_utf8_lossy(&killed.stderr);
    assert_eq!(killed.status.signal(), Some(9), "{failpoint}: {stderr}");
    assert!(
        w.api.confirms().is_empty(),
        "{failpoint}: killed before reporting"
    );

    let rerun = w.mining_while(command(None).output()).await.unwrap();
    let stderr = String::from_utf8_lossy(&rerun.stderr);
    assert!(
        rerun.status.success(),
        "{failpoint}: re-run failed: {stderr}"
    );
    let doc: Value = serde_json::from_slice(&rerun.stdout).unwrap();
    let outcome = doc["outcomes"][0].clone();
    let expect_resumed = failpoint != "before-broadcast";
    assert_eq!(
        outcome["resumed"],
        json!(expect_resumed),
        "{failpoint}: {outcome}"
    );
    assert_eq!(outcome["status"], json!("confirmed"));
    assert_eq!(
        w.api.confirms().len(),
        1,
        "{failpoint}: one confirmation POST"
    );
    outcome
}

on_both_chains!(shared:
    killed_before_broadcast_the_rerun_pays_once,
    killed_right_after_broadcast_the_rerun_finds_the_transaction_and_pays_nothing_more,
    killed_while_waiting_the_rerun_resumes_the_wait,
    a_reissue_killed_right_after_broadcast_is_found_not_repeated,
    a_burn_killed_right_after_broadcast_is_found_not_repeated,
);

async fn distribution_survives(chain: Chain, failpoint: &str) {
    let w = World::start_on(chain).await;
    let alice = w.alice.get_new_address().await.unwrap();
    let bob = w.bob.get_new_address().await.unwrap();
    let file = w.distribution_file("dist.json", "d-crash", &[(&alice, "1.5"), (&bob, "0.25")]);
    let outcome = kill_then_rerun(&w, &["distribute", "-f", p(&file)], failpoint).await;

    let paid_alice = w.utxos_of(&w.alice, &w.asset).await;
    let paid_bob = w.utxos_of(&w.bob, &w.asset).await;
    assert_eq!(paid_alice.len(), 1, "{failpoint}: alice paid once");
    assert_eq!(paid_bob.len(), 1, "{failpoint}: bob paid once");
    assert_eq!(paid_alice[0].1, coins("1.5"));
    assert_eq!(paid_bob[0].1, coins("0.25"));
    assert_eq!(paid_alice[0].0, paid_bob[0].0, "one transaction pays both");
    assert_eq!(outcome["txid"], json!(paid_alice[0].0.to_string()));
    assert_eq!(
        w.balance(&w.issuer, &w.asset).await,
        coins("998.25"),
        "{failpoint}: the issuer paid 1.75 once"
    );
    let confirms = w.api.confirms();
    assert_eq!(
        confirms[0].1["tx_data"]["txid"],
        json!(paid_alice[0].0.to_string())
    );
}

async fn killed_before_broadcast_the_rerun_pays_once(chain: Chain) {
    distribution_survives(chain, "before-broadcast").await;
}

async fn killed_right_after_broadcast_the_rerun_finds_the_transaction_and_pays_nothing_more(
    chain: Chain,
) {
    distribution_survives(chain, "after-broadcast").await;
}

async fn killed_while_waiting_the_rerun_resumes_the_wait(chain: Chain) {
    distribution_survives(chain, "during-wait").await;
}

async fn outpoints_of(w: &World, asset: &elements::AssetId) -> Vec<Value> {
    let unspent: Vec<Value> = w.issuer.call("listunspent", vec![]).await.unwrap();
    unspent
        .iter()
        .filter(|u| u["asset"] == json!(asset.to_string()))
        .map(|u| json!({"txid": u["txid"], "vout": u["vout"]}))
        .collect()
}

async fn a_reissue_killed_right_after_broadcast_is_found_not_repeated(chain: Chain) {
    let w = World::start_on(chain).await;
    let tokens = outpoints_of(&w, &w.token).await;
    let file = w.write_json(
        "reissue.json",
        &json!({
            "command": "reissue", "min_supported_client_script_version": 2,
            "base_url": w.api.base_url, "asset_uuid": crate::support::ASSET_UUID,
            "asset_id": w.asset.to_string(), "amount": 7, "reissuance_utxos": tokens
        }),
    );
    let outcome = kill_then_rerun(&w, &["reissue", "-f", p(&file)], "after-broadcast").await;
    assert_eq!(w.balance(&w.issuer, &w.asset).await, coins("1007"));
    let reissuances: Vec<Value> = w
        .issuer
        .call("listissuances", vec![json!(w.asset.to_string())])
        .await
        .unwrap();
    assert_eq!(
        reissuances
            .iter()
            .filter(|i| i["isreissuance"] == json!(true))
            .count(),
        1
    );
    assert_eq!(
        w.api.confirms()[0].1["reissuance_output"]["txid"],
        outcome["txid"]
    );
}

async fn a_burn_killed_right_after_broadcast_is_found_not_repeated(chain: Chain) {
    let w = World::start_on(chain).await;
    let utxos = outpoints_of(&w, &w.asset).await;
    let file = w.write_json(
        "burn.json",
        &json!({
            "command": "burn", "min_supported_client_script_version": 2,
            "base_url": w.api.base_url, "asset_uuid": crate::support::ASSET_UUID,
            "asset_id": w.asset.to_string(), "amount": 2.5, "utxos": utxos
        }),
    );
    let outcome = kill_then_rerun(&w, &["burn", "-f", p(&file)], "after-broadcast").await;
    assert_eq!(w.balance(&w.issuer, &w.asset).await, coins("997.5"));
    assert_eq!(w.api.confirms()[0].1["tx_data"]["txid"], outcome["txid"]);
}

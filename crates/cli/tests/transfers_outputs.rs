//! Issue 12: outputs the co-signer must not sign even when the investor signed them.
//!
//! The investor is the attacker here: it builds a transfer with `wallet send`'s own code,
//! changes it — the restricted asset moved into an explicit fee, a fee above the
//! platform's maximum, change to its own script blinded so the account cannot read it —
//! and signs it again with its own key (`investor_resign`). The platform refuses each with
//! its own reason code, logs it, and the node's mempool stays empty. A payment to a
//! treasury address counts as a redemption only for the asset whose treasury it is.

#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

#[allow(dead_code)]
#[path = "wallet_e2e_support/mod.rs"]
mod support;
#[allow(dead_code)]
#[path = "transfers_e2e_support/mod.rs"]
mod transfers_support;
#[allow(dead_code)]
#[path = "transfers_tamper_support/mod.rs"]
mod world;

use elements::pset::PartiallySignedTransaction;
use elements::AssetId;
use serde_json::json;
use std::str::FromStr;
use tessera_cli::commands::wallet::investor_resign;
use world::{world, World, PUBKEY};

impl World {
    /// Alice's transfer of 10 to Bob, changed by `tamper` and signed again by Alice.
    async fn tampered(
        &self,
        tamper: impl FnOnce(&mut PartiallySignedTransaction),
    ) -> PartiallySignedTransaction {
        let bob = self.receive(1).await;
        let mut pset = self.signed(0, &bob, "10").await;
        tamper(&mut pset);
        investor_resign(&self.wallets[0].1, None, &mut pset).unwrap();
        pset
    }
}

fn fee_output(pset: &mut PartiallySignedTransaction) -> &mut elements::pset::Output {
    pset.outputs_mut()
        .iter_mut()
        .find(|o| o.script_pubkey.is_empty())
        .expect("an explicit fee output")
}

#[tokio::test]
async fn a_fee_in_the_asset_a_fee_above_the_maximum_and_unreadable_change_are_not_co_signed() {
    let w = world().await;
    let asset = AssetId::from_str(&w.asset.1).unwrap();

    let in_asset = w.tampered(|p| fee_output(p).asset = Some(asset)).await;
    w.assert_refused(0, &in_asset, "fee_not_policy_asset").await;

    let too_high = w.tampered(|p| fee_output(p).amount = Some(100_001)).await;
    w.assert_refused(0, &too_high, "fee_too_high").await;

    // Change to Alice's own script, but blinded with a nonce her blinding key cannot open.
    let other_key = elements::bitcoin::PublicKey::from_str(PUBKEY).unwrap();
    let unreadable = w
        .tampered(|p| {
            let change = p
                .outputs_mut()
                .iter_mut()
                .find(|o| !o.bip32_derivation.is_empty())
                .expect("a change output");
            change.ecdh_pubkey = Some(other_key);
        })
        .await;
    w.assert_refused(0, &unreadable, "change_not_unblindable")
        .await;

    let path = format!("assets/{}/transfers/decisions", w.asset.0);
    let log = w.issuer.ok("GET", &path, None).await;
    for code in [
        "fee_not_policy_asset",
        "fee_too_high",
        "change_not_unblindable",
    ] {
        let entry = log
            .as_array()
            .unwrap()
            .iter()
            .find(|d| d["reason_code"] == code);
        let entry = entry.unwrap_or_else(|| panic!("{code} missing from {log}"));
        assert_eq!(
            (&entry["allowed"], &entry["txid"]),
            (&json!(false), &json!(null))
        );
    }
    // Re-signing alone is not what is refused: an unchanged re-signed transfer goes through.
    let honest = w.tampered(|_| {}).await;
    let answer = w.submit(0, &honest).await;
    assert_eq!(answer["result"], "broadcast", "{answer}");
}

#[tokio::test]
async fn a_treasury_address_of_another_asset_is_no_redemption_target() {
    let w = world().await;
    let funder = w.server.node.wallet("tessera");
    let body = json!({
        "name": "Other shares", "amount": 1_000, "domain": "example.com", "ticker": "OTH",
        "destination_address": funder.get_new_address().await.unwrap(),
        "pubkey": PUBKEY, "precision": 0, "is_confidential": true,
    });
    let other = w.issuer.ok("POST", "assets/issue", Some(body)).await;
    let other = other["asset_uuid"].as_str().unwrap().to_owned();
    let miner = funder.get_new_address().await.unwrap();
    w.server.node.generate_to_address(1, &miner).await.unwrap();
    let treasury = funder.get_new_address().await.unwrap();
    let path = format!("assets/{other}/treasury-addresses/add");
    w.issuer.ok("POST", &path, Some(json!([treasury]))).await;

    let to_other_treasury = w.signed(0, &treasury, "10").await;
    w.assert_refused(0, &to_other_treasury, "receiver_not_managed")
        .await;

    // On the asset's own list it is a redemption.
    let path = format!("assets/{}/treasury-addresses/add", w.asset.0);
    w.issuer.ok("POST", &path, Some(json!([treasury]))).await;
    let redemption = w.signed(0, &treasury, "10").await;
    let answer = w.submit(0, &redemption).await;
    assert_eq!(answer["result"], "broadcast", "{answer}");
}

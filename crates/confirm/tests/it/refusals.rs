//! What the tool refuses to do, and that it refuses before paying anything.

use serde_json::json;
use tessera_confirm::{journal_path, CommandKind, ConfirmError, Journal, Request, Stage};

use tessera_test_util::{on_both_chains, Chain};

use crate::support::{p, World, ASSET_UUID};

on_both_chains!(shared:
    a_locked_wallet_is_refused_with_the_unlock_command,
    lost_outputs_wrong_command_and_distributed_assignments_are_refused,
    a_journaled_txid_the_node_does_not_know_stops_instead_of_paying_again,
);

async fn nothing_paid(w: &World) {
    assert!(w.utxos_of(&w.alice, &w.asset).await.is_empty());
    assert!(w.api.confirms().is_empty());
}

async fn a_locked_wallet_is_refused_with_the_unlock_command(chain: Chain) {
    let w = World::start_on(chain).await;
    w.rpc
        .create_wallet("vault", &Default::default())
        .await
        .unwrap();
    let _: serde_json::Value = w
        .rpc
        .wallet("vault")
        .call("encryptwallet", vec![json!("pw")])
        .await
        .unwrap();
    let alice = w.alice.get_new_address().await.unwrap();
    let file = w.distribution_file("dist.json", "d-1", &[(&alice, "1")]);
    let err = w
        .run("vault", &["distribute", "-f", p(&file)])
        .await
        .unwrap_err();
    assert!(matches!(err, ConfirmError::WalletLocked { .. }), "{err}");
    let text = err.to_string();
    assert!(
        text.contains("walletpassphrase") && text.contains("-rpcwallet=vault"),
        "{text}"
    );
    nothing_paid(&w).await;
}

async fn lost_outputs_wrong_command_and_distributed_assignments_are_refused(chain: Chain) {
    let w = World::start_on(chain).await;
    let alice = w.alice.get_new_address().await.unwrap();
    let file = w.distribution_file("dist.json", "d-1", &[(&alice, "1")]);

    w.api
        .with(|d| d.lost_outputs = vec![json!({"txid": "ab", "vout": 0})]);
    let err = w
        .run("issuer", &["distribute", "-f", p(&file)])
        .await
        .unwrap_err();
    assert!(matches!(err, ConfirmError::LostOutputs { .. }), "{err}");
    w.api.with(|d| d.lost_outputs.clear());

    let err = w
        .run("issuer", &["burn", "-f", p(&file)])
        .await
        .unwrap_err();
    assert!(
        err.to_string()
            .contains("is a \"distribute\" file, not a burn file"),
        "{err}"
    );

    w.api
        .with(|d| d.assignments[0]["is_distributed"] = json!(true));
    let err = w
        .run("issuer", &["distribute", "-f", p(&file)])
        .await
        .unwrap_err();
    assert!(
        matches!(err, ConfirmError::AlreadyDistributed { .. }),
        "{err}"
    );

    w.api.with(|d| d.assignments.clear());
    let err = w
        .run("issuer", &["distribute", "-f", p(&file)])
        .await
        .unwrap_err();
    assert!(matches!(err, ConfirmError::NoAssignments { .. }), "{err}");

    let mut doc = w.distribution_doc("d-1", &[(&alice, "1")]);
    doc["min_supported_client_script_version"] = json!(1);
    let old = w.write_json("old.json", &doc);
    let err = w
        .run("issuer", &["distribute", "-f", p(&old)])
        .await
        .unwrap_err();
    assert!(
        err.to_string()
            .contains("min_supported_client_script_version 1"),
        "{err}"
    );
    nothing_paid(&w).await;
}

async fn a_journaled_txid_the_node_does_not_know_stops_instead_of_paying_again(chain: Chain) {
    let w = World::start_on(chain).await;
    let alice = w.alice.get_new_address().await.unwrap();
    let file = w.distribution_file("dist.json", "d-1", &[(&alice, "1")]);
    let unconfidential = w
        .rpc
        .validate_address(&alice)
        .await
        .unwrap()
        .unconfidential
        .unwrap();
    let ghost = "ab".repeat(32).parse().unwrap();
    let request = Request::Distribute {
        distribution_uuid: "d-1".into(),
        recipients: vec![tessera_confirm::journal::JournalRecipient {
            address: alice.clone(),
            unconfidential,
            amount: "1".parse().unwrap(),
        }],
    };
    Journal::new(
        CommandKind::Distribute,
        ASSET_UUID,
        w.asset,
        request,
        Stage::Broadcast {
            txid: ghost,
            vin: None,
        },
    )
    .save(&journal_path(&file))
    .unwrap();
    let err = w
        .run("issuer", &["distribute", "-f", p(&file)])
        .await
        .unwrap_err();
    assert!(matches!(err, ConfirmError::TransactionLost { .. }), "{err}");
    assert!(err.to_string().contains("abandontransaction"), "{err}");
    nothing_paid(&w).await;

    // A journal of another request is not silently reused either.
    let other = w.distribution_file("dist.json", "d-1", &[(&alice, "2")]);
    let err = w
        .run("issuer", &["distribute", "-f", p(&other)])
        .await
        .unwrap_err();
    assert!(
        err.to_string()
            .contains("records a different distribute request"),
        "{err}"
    );
}

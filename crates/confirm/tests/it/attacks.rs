//! Attacks on `tessera confirm` (issue 12), each refused with its reason code before
//! anything is paid: two runs at once, a tampered request file, a plain-http API URL.

use std::process::Stdio;
use std::time::Duration;

use serde_json::{json, Value};
use tessera_confirm::{journal_path, ConfirmError, Journal, Stage};

use crate::support::{coins, p, World, ASSET_UUID};

/// The stand-alone binary with `rest` (and `--json`).
fn binary(w: &World, rest: &[&str]) -> tokio::process::Command {
    let mut argv = w.argv("issuer", rest);
    argv[0] = "--json".to_owned();
    let mut c = tokio::process::Command::new(env!("CARGO_BIN_EXE_tessera-confirm"));
    c.args(&argv)
        .env_remove("TESSERA_CONFIRM_FAILPOINT")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .kill_on_drop(true);
    c
}

/// Nothing reached the node or the server: the issuer holds its 1000, nobody received any,
/// no confirmation was posted and no journal was written.
async fn nothing_paid(w: &World, file: &std::path::Path) {
    assert_eq!(w.balance(&w.issuer, &w.asset).await, coins("1000"));
    assert!(w.utxos_of(&w.alice, &w.asset).await.is_empty());
    assert!(w.utxos_of(&w.bob, &w.asset).await.is_empty());
    assert!(w.api.confirms().is_empty());
    assert!(!journal_path(file).exists(), "no journal was written");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_second_run_on_the_same_file_is_refused_while_the_first_pays() {
    let w = World::start().await;
    let alice = w.alice.get_new_address().await.unwrap();
    let bob = w.bob.get_new_address().await.unwrap();
    let file = w.distribution_file("dist.json", "d-lock", &[(&alice, "1.5"), (&bob, "0.25")]);
    let rest = ["distribute", "-f", p(&file)];

    // The first run pays, then waits for confirmations (nothing is mined yet), holding the
    // journal's lock. Its journal reaching `broadcast` is the event awaited.
    let first = binary(&w, &rest).spawn().unwrap();
    let journal = journal_path(&file);
    let txid = tokio::time::timeout(Duration::from_secs(60), async {
        loop {
            if let Ok(Some(Journal {
                stage: Stage::Broadcast { txid, .. },
                ..
            })) = Journal::load(&journal)
            {
                return txid;
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    })
    .await
    .expect("the first run broadcasts");
    let journal_before = std::fs::read(&journal).unwrap();

    let second = binary(&w, &rest).output().await.unwrap();
    let stderr = String::from_utf8_lossy(&second.stderr);
    assert_eq!(second.status.code(), Some(1), "{stderr}");
    assert_eq!(stderr.lines().count(), 1, "one line: {stderr}");
    assert!(stderr.starts_with("error[journal_locked]: "), "{stderr}");
    assert!(stderr.contains("dist.json.journal.lock"), "{stderr}");
    assert_eq!(
        std::fs::read(&journal).unwrap(),
        journal_before,
        "journal unchanged"
    );
    assert_eq!(w.utxos_of(&w.alice, &w.asset).await, [(txid, coins("1.5"))]);
    assert_eq!(w.utxos_of(&w.bob, &w.asset).await, [(txid, coins("0.25"))]);

    // The first run finishes normally: one payment, one confirmation.
    let out = w.mining_while(first.wait_with_output()).await.unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["outcomes"][0]["txid"], json!(txid.to_string()));
    assert_eq!(w.api.confirms().len(), 1);
    assert_eq!(w.balance(&w.issuer, &w.asset).await, coins("998.25"));
    // Afterwards the lock is free: a re-run says it is already confirmed.
    let again = binary(&w, &rest).output().await.unwrap();
    assert!(
        again.status.success(),
        "{}",
        String::from_utf8_lossy(&again.stderr)
    );
    assert_eq!(w.api.confirms().len(), 1);
}

/// Runs `rest` and returns the error, which must be a `file_mismatch`.
async fn refused_as_tampered(w: &World, rest: &[&str]) -> String {
    let err = w.run("issuer", rest).await.unwrap_err();
    assert_eq!(err.code(), "file_mismatch", "{err}");
    assert!(matches!(err, ConfirmError::FileMismatch { .. }));
    err.to_string()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_tampered_distribution_file_is_refused_before_paying() {
    let w = World::start().await;
    let alice = w.alice.get_new_address().await.unwrap();
    let bob = w.bob.get_new_address().await.unwrap();
    let genuine = w.distribution_doc("d-tamper", &[(&alice, "1.5")]);
    let file = w.write_json("dist.json", &genuine);
    w.api.with(|d| {
        d.assignments
            .push(json!({"id": 1, "distribution_uuid": "d-tamper",
            "is_distributed": false, "amount": 150, "registered_user": 1}));
    });
    let tamper = |edit: &dyn Fn(&mut Value)| {
        let mut doc = genuine.clone();
        edit(&mut doc);
        std::fs::write(&file, doc.to_string()).unwrap();
    };
    let asset = json!(w.asset.to_string());

    // The attacker's address instead of Alice's.
    tamper(&|d| {
        d["map_address_amount"] = json!({ &bob: 1.5 });
        d["map_address_asset"] = json!({ &bob: asset });
    });
    let text = refused_as_tampered(&w, &["distribute", "-f", p(&file)]).await;
    assert!(text.contains(&bob), "{text}");
    // More for Alice.
    tamper(&|d| d["map_address_amount"][&alice] = json!(15));
    let text = refused_as_tampered(&w, &["distribute", "-f", p(&file)]).await;
    assert!(
        text.contains("15.00000000") && text.contains("1.50000000"),
        "{text}"
    );
    // An extra recipient.
    tamper(&|d| {
        d["map_address_amount"][&bob] = json!(1);
        d["map_address_asset"][&bob] = asset.clone();
    });
    refused_as_tampered(&w, &["distribute", "-f", p(&file)]).await;
    // Another asset (the issuer's reissuance token) than the server's.
    let token = json!(w.token.to_string());
    tamper(&|d| {
        d["asset_id"] = token.clone();
        d["map_address_asset"][&alice] = token.clone();
    });
    let text = refused_as_tampered(&w, &["distribute", "-f", p(&file)]).await;
    assert!(text.contains(&w.token.to_string()), "{text}");
    nothing_paid(&w, &file).await;

    // The genuine file pays.
    std::fs::write(&file, genuine.to_string()).unwrap();
    w.run("issuer", &["distribute", "-f", p(&file)])
        .await
        .unwrap();
    assert_eq!(w.utxos_of(&w.alice, &w.asset).await.len(), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn tampered_reissue_and_burn_amounts_are_refused_before_paying() {
    let w = World::start().await;
    let base = json!({
        "min_supported_client_script_version": 2, "base_url": w.api.base_url,
        "asset_uuid": ASSET_UUID, "asset_id": w.asset.to_string(),
    });
    let mut reissue = base.clone();
    reissue["command"] = json!("reissue");
    reissue["amount"] = json!(10);
    reissue["reissuance_utxos"] = json!(w.token_outpoints().await);
    let file = w.write_json("reissue.json", &reissue);
    reissue["amount"] = json!(1_000_000);
    std::fs::write(&file, reissue.to_string()).unwrap();
    let text = refused_as_tampered(&w, &["reissue", "-f", p(&file)]).await;
    assert!(text.contains("reissuance"), "{text}");
    assert!(w
        .rpc
        .wallet("issuer")
        .list_issuances(Some(&w.asset))
        .await
        .unwrap()
        .iter()
        .all(|i| !i.isreissuance));

    let mut burn = base.clone();
    burn["command"] = json!("burn");
    burn["amount"] = json!(1);
    burn["utxos"] = json!([]);
    let burn_file = w.write_json("burn.json", &burn);
    burn["amount"] = json!(900);
    std::fs::write(&burn_file, burn.to_string()).unwrap();
    refused_as_tampered(&w, &["burn", "-f", p(&burn_file)]).await;
    nothing_paid(&w, &file).await;
    assert!(!journal_path(&burn_file).exists());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_plain_http_base_url_to_another_host_is_refused_before_the_password_is_sent() {
    let w = World::start().await;
    let alice = w.alice.get_new_address().await.unwrap();
    let mut doc = w.distribution_doc("d-http", &[(&alice, "1")]);
    doc["base_url"] = json!("http://amp.example.com/api/{}");
    let file = w.write_json("dist.json", &doc);
    let out = binary(&w, &["distribute", "-f", p(&file)])
        .output()
        .await
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.starts_with("error[insecure_base_url]: "), "{stderr}");
    assert!(stderr.contains("http://amp.example.com/api/{}"), "{stderr}");
    assert!(w.api.with(|d| d.log.is_empty()), "no login was attempted");
    nothing_paid(&w, &file).await;
}

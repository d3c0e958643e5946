//! `tessera wallet` against `tessera serve` on its embedded devnet and on a real Elements
//! node (the same test bodies), driven as users would: the real binary, JSON output,
//! payments from the node's wallet to the addresses the server hands out. The server's view,
//! the wallet's view and the wallet's own unblinding must agree to the base unit.

#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

#[path = "wallet_e2e_support/mod.rs"]
mod support;

use serde_json::{json, Value};
use std::collections::BTreeMap;
use support::{
    free_port, get, issuer_token, lbtc, server_balance_when, sums, tessera, tessera_json,
    unblind_own_outputs, utxos, Funder, Serve, Wallet,
};
use tessera_test_util::{on_both_chains, Chain};

on_both_chains!(
    two_wallets_receive_confidential_payments_and_server_wallets_and_keys_agree,
    restarting_the_server_mid_chain_loses_and_doubles_no_payment,
    an_encrypted_wallet_keeps_its_mnemonic_secret_and_needs_its_passphrase
);

async fn two_wallets_receive_confidential_payments_and_server_wallets_and_keys_agree(chain: Chain) {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let serve = Serve::start(&data, "127.0.0.1:0", &chain);
    let api = serve.api.clone();
    let passphrase = dir.path().join("passphrase");
    std::fs::write(&passphrase, "a long wallet passphrase\n").unwrap();
    let alice = Wallet::create(&api, dir.path().join("alice"), None).await;
    let bob = Wallet::create(&api, dir.path().join("bob"), Some(passphrase)).await;
    assert_ne!(alice.gaid, bob.gaid);
    let issuer = issuer_token(&data, &api).await;

    // Addresses from the wallet (`tessera wallet receive`) and from the issuer's API (for
    // GAIDs of its registered users only).
    for (name, w) in [("Alice", &alice), ("Bob", &bob)] {
        let user = serde_json::json!({"name": name, "GAID": w.gaid, "is_company": false});
        let added = reqwest::Client::new()
            .post(format!("{api}/api/registered_users/add"))
            .header("authorization", format!("token {issuer}"))
            .json(&user)
            .send()
            .await
            .unwrap();
        assert_eq!(added.status(), 201);
    }
    let alice_receive = alice.run("receive").await;
    let bob_receive = bob.run("receive").await;
    let alice_issued = get(
        format!("{api}/api/gaids/{}/address", alice.gaid),
        &format!("token {issuer}"),
    )
    .await;
    let bob_issued = get(
        format!("{api}/api/gaids/{}/address", bob.gaid),
        &format!("token {issuer}"),
    )
    .await;
    assert_eq!(
        (
            alice_receive["index"].as_u64(),
            alice_issued["index"].as_u64()
        ),
        (Some(0), Some(1))
    );
    assert_eq!(
        (bob_receive["index"].as_u64(), bob_issued["index"].as_u64()),
        (Some(0), Some(1))
    );
    let address = |v: &Value| v["address"].as_str().unwrap().to_owned();

    let funder = Funder::new(&serve.node).await;
    let asset = funder.issue(10_000_000).await;
    let txid = funder
        .pay(&[
            (&address(&alice_receive), 1_500_001, &asset),
            (&address(&alice_issued), 123_456, &lbtc()),
            (&address(&bob_receive), 2_345, &asset),
            (&address(&bob_issued), 10_000, &lbtc()),
        ])
        .await;
    funder.mine(1).await;

    let alice_expected = BTreeMap::from([(asset.clone(), 1_500_001), (lbtc(), 123_456)]);
    let bob_expected = BTreeMap::from([(asset.clone(), 2_345), (lbtc(), 10_000)]);
    let (alice_token, bob_token) = (alice.token(&api).await, bob.token(&api).await);
    assert_eq!(
        server_balance_when(&api, &alice_token, &alice_expected).await,
        alice_expected
    );
    assert_eq!(
        server_balance_when(&api, &bob_token, &bob_expected).await,
        bob_expected
    );

    // The wallets show the same, and their own keys read the same outputs the server lists.
    assert_eq!(alice.balance().await, alice_expected);
    assert_eq!(bob.balance().await, bob_expected);
    for (wallet, token, expected) in [
        (&alice, &alice_token, &alice_expected),
        (&bob, &bob_token, &bob_expected),
    ] {
        let shown = wallet.run("show").await;
        assert_eq!(shown["gaid"], wallet.gaid.as_str());
        let slip77 = format!("slip77({})", wallet.keys.master_blinding_key());
        assert!(
            shown["descriptor"].as_str().unwrap().contains(&slip77),
            "{shown}"
        );
        let own = unblind_own_outputs(&serve.node, &wallet.keys, &[&txid]).await;
        assert_eq!(&sums(&own), expected);
        let listed = utxos(
            &get(
                format!("{api}/api/wallet/utxos"),
                &format!("wallet {token}"),
            )
            .await,
        );
        assert_eq!(
            listed, own,
            "the server lists exactly the outputs the wallet's key opens"
        );
    }
    serve.stop();
}

async fn restarting_the_server_mid_chain_loses_and_doubles_no_payment(chain: Chain) {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let listen = free_port();
    let serve = Serve::start(&data, &listen, &chain);
    let api = serve.api.clone();
    let alice = Wallet::create(&api, dir.path().join("alice"), None).await;
    let funder = Funder::new(&serve.node).await;
    let asset = funder.issue(1_000_000).await;
    let first = alice.run("receive").await["address"]
        .as_str()
        .unwrap()
        .to_owned();
    let second = alice.run("receive").await["address"]
        .as_str()
        .unwrap()
        .to_owned();
    funder.pay(&[(&first, 1_000, &asset)]).await;
    funder.mine(1).await;
    let token = alice.token(&api).await;
    let seen = BTreeMap::from([(asset.clone(), 1_000)]);
    assert_eq!(server_balance_when(&api, &token, &seen).await, seen);

    // More blocks, and the server stops whether or not its watcher has read them.
    funder.pay(&[(&second, 5_000, &lbtc())]).await;
    funder.mine(2).await;
    serve.stop();

    let serve = Serve::start(&data, &listen, &chain);
    assert_eq!(serve.api, api);
    let funder = Funder::new(&serve.node).await;
    let third = alice.run("receive").await;
    assert_eq!(
        third["index"], 2,
        "no address is handed out twice across a restart"
    );
    funder
        .pay(&[
            (&first, 20, &asset),
            (third["address"].as_str().unwrap(), 7, &asset),
        ])
        .await;
    funder.mine(1).await;
    // A last payment in a later block: once it shows, every earlier block has been read.
    // (1000 sats: a real node refuses L-BTC dust outputs.)
    funder.pay(&[(&second, 1_000, &lbtc())]).await;
    funder.mine(1).await;

    let expected = BTreeMap::from([(asset.clone(), 1_027), (lbtc(), 6_000)]);
    let token = alice.token(&api).await;
    assert_eq!(server_balance_when(&api, &token, &expected).await, expected);
    assert_eq!(alice.balance().await, expected);
    let listed = utxos(
        &get(
            format!("{api}/api/wallet/utxos"),
            &format!("wallet {token}"),
        )
        .await,
    );
    assert_eq!(listed.len(), 5, "{listed:?}");
    serve.stop();
}

async fn an_encrypted_wallet_keeps_its_mnemonic_secret_and_needs_its_passphrase(chain: Chain) {
    let dir = tempfile::tempdir().unwrap();
    let serve = Serve::start(&dir.path().join("data"), "127.0.0.1:0", &chain);
    let passphrase = dir.path().join("passphrase");
    std::fs::write(&passphrase, "open sesame, please\n").unwrap();
    let wrong = dir.path().join("wrong");
    std::fs::write(&wrong, "close sesame, please\n").unwrap();
    let short = dir.path().join("short");
    std::fs::write(&short, "sesame\n").unwrap();
    let wallet_dir = dir.path().join("w");
    let w = wallet_dir.to_str().unwrap();

    // Too short a passphrase: refused before anything is registered or written.
    let out = tessera(&[
        "wallet",
        "--wallet-dir",
        w,
        "--passphrase-file",
        short.to_str().unwrap(),
        "create",
        "--server",
        &serve.api,
        "--encrypt",
    ])
    .await;
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("at least 8 characters"));
    assert!(!wallet_dir.exists());

    let created = tessera_json(&[
        "wallet",
        "--wallet-dir",
        w,
        "--passphrase-file",
        passphrase.to_str().unwrap(),
        "create",
        "--server",
        &serve.api,
        "--encrypt",
    ])
    .await;
    let phrase = created["mnemonic"].as_str().unwrap();
    assert_eq!(phrase.split(' ').count(), 12);
    let stored = std::fs::read_to_string(wallet_dir.join("mnemonic.json")).unwrap();
    let first_words: String = phrase.split(' ').take(2).collect::<Vec<_>>().join(" ");
    assert!(
        !stored.contains(&first_words),
        "the mnemonic is stored encrypted"
    );
    let stored: Value = serde_json::from_str(&stored).unwrap();
    assert_eq!(stored["format"], "argon2id-chacha20poly1305");

    // Public data needs no passphrase; anything that signs does.
    let shown = tessera_json(&["wallet", "--wallet-dir", w, "show"]).await;
    assert_eq!(shown["gaid"], created["gaid"]);
    let out = tessera(&["--json", "wallet", "--wallet-dir", w, "receive"]).await;
    assert!(!out.status.success());
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("passphrase"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = tessera(&[
        "--json",
        "wallet",
        "--wallet-dir",
        w,
        "--passphrase-file",
        wrong.to_str().unwrap(),
        "balance",
    ])
    .await;
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("wrong wallet passphrase"));
    let address = tessera_json(&[
        "wallet",
        "--wallet-dir",
        w,
        "--passphrase-file",
        passphrase.to_str().unwrap(),
        "receive",
    ])
    .await;
    assert_eq!(address["index"], 0);
    let balance = tessera_json(&[
        "wallet",
        "--wallet-dir",
        w,
        "--passphrase-file",
        passphrase.to_str().unwrap(),
        "balance",
    ])
    .await;
    assert_eq!(balance, json!([]));

    // The same directory cannot be overwritten by a second wallet.
    let out = tessera(&[
        "wallet",
        "--wallet-dir",
        w,
        "create",
        "--server",
        &serve.api,
    ])
    .await;
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("already exists"));
    serve.stop();
}

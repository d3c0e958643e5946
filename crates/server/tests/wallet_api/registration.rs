//! Registration: only managed-shape descriptors with the platform key handed out for that
//! index are accepted, each once.

use crate::harness::{spawn_app, Auth, Investor, NET};
use axum::http::StatusCode;
use tessera_custody::{CosignerMaster, InvestorKeys, InvestorMnemonic, Network, WordCount};

#[tokio::test]
async fn a_registered_account_gets_the_gaid_of_its_canonical_descriptor() {
    let t = spawn_app().await;
    let investor = Investor::generate();
    let (index, key) = t.cosigner_key().await;
    assert_eq!(key, t.cosigner.account_key(index).unwrap());
    let descriptor = investor.descriptor(&key);

    let body = t
        .register(descriptor.as_str(), index)
        .await
        .expect(StatusCode::CREATED);

    assert_eq!(body["gaid"], descriptor.gaid().as_str());
    assert_eq!(body["descriptor"], descriptor.as_str());
    let stored = t
        .store
        .account_by_gaid(&descriptor.gaid())
        .await
        .unwrap()
        .expect("the account is stored");
    assert_eq!(stored.cosigner_index, index);
}

#[tokio::test]
async fn co_signer_keys_are_never_handed_out_twice() {
    let t = spawn_app().await;
    let mut seen = std::collections::HashSet::new();
    for _ in 0..5 {
        let (index, key) = t.cosigner_key().await;
        assert!(
            seen.insert((index, key.to_string())),
            "index {index} handed out twice"
        );
    }
}

/// The text of `descriptor` without its `#checksum`.
fn body_of(descriptor: &str) -> &str {
    descriptor.split('#').next().unwrap()
}

#[tokio::test]
async fn malformed_descriptors_are_refused_as_invalid_descriptor_and_use_up_nothing() {
    let t = spawn_app().await;
    let investor = Investor::generate();
    let (index, platform) = t.cosigner_key().await;
    let valid = investor.descriptor(&platform);
    let text = body_of(valid.as_str());
    let blinding = investor.keys.master_blinding_key();
    let investor_key = investor.keys.account_key().unwrap();
    let mainnet = InvestorKeys::from_mnemonic(
        &InvestorMnemonic::generate(WordCount::Twelve).unwrap(),
        "",
        Network::Liquid,
    )
    .unwrap()
    .account_key()
    .unwrap();
    let third = Investor::generate().keys.account_key().unwrap();
    let inner = text
        .strip_prefix(&format!("ct(slip77({blinding}),"))
        .and_then(|s| s.strip_suffix(')'))
        .expect("ct(slip77(..),elwsh(..))");
    let cases = [
        ("not a descriptor", "hello".to_owned()),
        ("empty", String::new()),
        ("1-of-2 multisig", text.replacen("multi(2,", "multi(1,", 1)),
        (
            "2-of-3 multisig",
            format!(
                "ct(slip77({blinding}),elwsh(multi(2,{platform}/<0;1>/*,{investor_key}/<0;1>/*,{third}/<0;1>/*)))"
            ),
        ),
        ("no confidential wrapper", inner.to_owned()),
        (
            "the platform key twice",
            format!("ct(slip77({blinding}),elwsh(multi(2,{platform}/<0;1>/*,{platform}/<0;1>/*)))"),
        ),
        (
            "a mainnet investor key",
            format!("ct(slip77({blinding}),elwsh(multi(2,{platform}/<0;1>/*,{mainnet}/<0;1>/*)))"),
        ),
        ("a bad checksum", format!("{text}#aaaaaaaa")),
    ];
    for (name, descriptor) in cases {
        let reply = t.register(&descriptor, index).await;
        let message = reply.expect_error(StatusCode::BAD_REQUEST, "invalid_descriptor");
        assert!(
            message.starts_with("descriptor refused"),
            "{name}: {message}"
        );
    }
    // Nothing was recorded and the reserved index is still free for the real descriptor.
    assert!(t.store.accounts().await.unwrap().is_empty());
    t.register(valid.as_str(), index)
        .await
        .expect(StatusCode::CREATED);
}

#[tokio::test]
async fn a_descriptor_with_another_platforms_key_is_refused_as_foreign_cosigner_key() {
    let t = spawn_app().await;
    let other = CosignerMaster::generate(NET).unwrap();
    let (index, _) = t.cosigner_key().await;
    let foreign = other.account_key(index).unwrap();
    let descriptor = Investor::generate().descriptor(&foreign);

    let message = t
        .register(descriptor.as_str(), index)
        .await
        .expect_error(StatusCode::BAD_REQUEST, "foreign_cosigner_key");

    assert!(message.contains(&foreign.to_string()), "{message}");
    assert!(t.store.accounts().await.unwrap().is_empty());
}

#[tokio::test]
async fn a_descriptor_with_the_key_of_another_account_index_is_refused_as_foreign_cosigner_key() {
    let t = spawn_app().await;
    let (first, _) = t.cosigner_key().await;
    let (second, second_key) = t.cosigner_key().await;
    let descriptor = Investor::generate().descriptor(&second_key);

    t.register(descriptor.as_str(), first)
        .await
        .expect_error(StatusCode::BAD_REQUEST, "foreign_cosigner_key");

    // Registered under its own index, the same descriptor is fine.
    t.register(descriptor.as_str(), second)
        .await
        .expect(StatusCode::CREATED);
}

#[tokio::test]
async fn registering_the_same_account_twice_is_refused_as_account_exists() {
    let t = spawn_app().await;
    let (index, key) = t.cosigner_key().await;
    let descriptor = Investor::generate().descriptor(&key);
    t.register(descriptor.as_str(), index)
        .await
        .expect(StatusCode::CREATED);

    let message = t
        .register(descriptor.as_str(), index)
        .await
        .expect_error(StatusCode::BAD_REQUEST, "account_exists");

    assert!(message.contains(descriptor.gaid().as_str()), "{message}");
    assert_eq!(t.store.accounts().await.unwrap().len(), 1);
}

#[tokio::test]
async fn a_co_signer_index_never_handed_out_is_refused_as_unavailable() {
    let t = spawn_app().await;
    // The platform's key for index 57 is right, but the index was never reserved.
    let key = t.cosigner.account_key(57).unwrap();
    let descriptor = Investor::generate().descriptor(&key);

    t.register(descriptor.as_str(), 57)
        .await
        .expect_error(StatusCode::BAD_REQUEST, "cosigner_index_unavailable");
    assert!(t.store.accounts().await.unwrap().is_empty());
}

#[tokio::test]
async fn a_co_signer_index_used_by_another_account_is_refused_as_unavailable() {
    let t = spawn_app().await;
    let first = t.wallet().await;
    let key = t.cosigner.account_key(first.cosigner_index).unwrap();
    let descriptor = Investor::generate().descriptor(&key);

    t.register(descriptor.as_str(), first.cosigner_index)
        .await
        .expect_error(StatusCode::BAD_REQUEST, "cosigner_index_unavailable");
    assert_eq!(t.store.accounts().await.unwrap().len(), 1);
}

#[tokio::test]
async fn the_logged_in_account_is_the_registered_one() {
    let t = spawn_app().await;
    let w = t.wallet().await;
    let body = t
        .get("/api/wallet/account", Auth::Wallet(&w.token))
        .await
        .expect(StatusCode::OK);
    assert_eq!(body["gaid"], w.gaid.as_str());
    assert_eq!(body["descriptor"], w.descriptor.as_str());
}

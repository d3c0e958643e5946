//! The wording of mapped errors: each names the wallet or value involved and the fix.

use std::str::FromStr;

use elements::Txid;
use tessera_elements_rpc::{Error, Sats};

use crate::support::{line, MockNode};

#[tokio::test]
async fn mapped_errors_name_the_wallet_the_value_and_the_fix() {
    let node = MockNode::start().await;
    let locked = node.client_for(&line("02-wallets.jsonl", 23));
    assert!(locked.is_locked().await.unwrap());
    let unlocked = node.client_for(&line("02-wallets.jsonl", 27));
    assert!(!unlocked.is_locked().await.unwrap());

    let err = node
        .client_for(&line("02-wallets.jsonl", 35))
        .sign_message("CTEsqXf8eGjT", "message")
        .await
        .unwrap_err();
    let text = err.to_string();
    assert!(
        text.contains("walletpassphrase") && text.contains("\"locked\""),
        "{text}"
    );

    let err = node
        .client_for(&line("02-wallets.jsonl", 13))
        .get_balances()
        .await
        .unwrap_err();
    let text = err.to_string();
    assert!(
        text.contains("\"nosuchwallet\"") && text.contains("loadwallet"),
        "{text}"
    );

    let err = node
        .client_for(&line("02-wallets.jsonl", 9))
        .get_balance()
        .await
        .unwrap_err();
    assert!(err.to_string().contains("/wallet/NAME"), "{err}");

    let zero = Txid::from_str(&"0".repeat(64)).unwrap();
    let err = node
        .client_for(&line("08-errors.jsonl", 19))
        .get_transaction(&zero)
        .await
        .unwrap_err();
    assert!(
        err.to_string().contains(&"0".repeat(64)) && err.to_string().contains("issuer"),
        "{err}"
    );

    let err = node
        .client_for(&line("08-errors.jsonl", 3))
        .send_to_address("notanaddress", Sats::from_sat(100_000_000), None)
        .await
        .unwrap_err();
    assert!(matches!(&err, Error::InvalidAddress { address, .. } if address == "notanaddress"));

    let err = node
        .client_for(&line("08-errors.jsonl", 23))
        .get_block_count()
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Unauthorized { .. }));
    assert!(err.to_string().contains("rpcpassword"), "{err}");
    assert!(!err.to_string().contains("pass@"), "{err}");

    let err = node
        .client_for(&line("08-errors.jsonl", 5))
        .call::<u64>("getfoo", vec![])
        .await
        .unwrap_err();
    assert!(matches!(&err, Error::MethodNotFound { method } if method == "getfoo"));

    let err = node
        .client_for(&line("10-batch-weight.jsonl", 6))
        .call::<Txid>(
            "sendmany",
            line("10-batch-weight.jsonl", 6)
                .request
                .params
                .as_array()
                .unwrap()
                .clone(),
        )
        .await
        .unwrap_err();
    assert!(err.to_string().contains("fewer recipients"), "{err}");
}

#[tokio::test]
async fn insufficient_funds_keeps_the_code_and_points_at_the_fee_asset() {
    let node = MockNode::start().await;
    let recorded = line("08-errors.jsonl", 18);
    let err = node
        .client_for(&recorded)
        .issue_asset(
            Sats::from_sat(1_000_000_000),
            Sats::ZERO,
            &Default::default(),
        )
        .await
        .unwrap_err();
    assert!(
        matches!(&err, Error::InsufficientFunds { code: -4, method, .. } if method == "issueasset")
    );
    assert_eq!(err.rpc_code(), Some(-4));
    let text = err.to_string();
    assert!(
        text.contains("\"alice\"") && text.contains("L-BTC"),
        "{text}"
    );
}

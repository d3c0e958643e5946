//! The dust rule, side by side: the devnet refuses the L-BTC payments a real Elements node
//! refuses ("Transaction amount too small") and accepts those it accepts, for confidential
//! and unconfidential P2WPKH addresses, through `sendtoaddress`, `sendmany` and
//! `fundrawtransaction`. The real half runs when `ELEMENTSD` is set (CI sets it).

use serde_json::{json, Value};
use tessera_devnet::Devnet;
use tessera_test_util::ElementsNode;

use crate::support::devnet;

/// One chain's answer: the result or the node's `(code, message)`.
type Answer = Result<Value, (i64, String)>;

enum Side {
    Dev(Devnet, tempfile::TempDir),
    Real(ElementsNode),
}

impl Side {
    async fn call(&self, wallet: &str, method: &str, params: Value) -> Answer {
        let Value::Array(params) = params else {
            panic!("params must be an array")
        };
        match self {
            Side::Dev(d, _) => d
                .call(Some(wallet), method, params)
                .map_err(|e| (i64::from(e.code), e.message)),
            Side::Real(node) => node
                .rpc()
                .wallet(wallet)
                .call::<Value>(method, params)
                .await
                .map_err(|e| (e.rpc_code().unwrap_or(0), e.to_string())),
        }
    }
}

/// `(address type, confidential, smallest amount the node pays)` as measured on 23.3.3
/// (the devnet makes no taproot addresses; its P2TR thresholds are unit-tested).
const CASES: &[(&str, bool, u64)] = &[("blech32", true, 17), ("bech32", false, 14)];

async fn outcomes(side: &Side) -> Vec<String> {
    let mut seen = Vec::new();
    for (kind, confidential, smallest) in CASES {
        for sats in [smallest - 1, *smallest] {
            let address = side
                .call("receiver", "getnewaddress", json!(["", kind]))
                .await
                .unwrap();
            let address = address.as_str().unwrap().to_owned();
            assert_eq!(address.starts_with("el1"), *confidential, "{address}");
            let amount: Value = serde_json::from_str(&format!("{sats}e-8")).unwrap();
            let single = side
                .call("payer", "sendtoaddress", json!([address, amount]))
                .await;
            let many = side
                .call(
                    "payer",
                    "sendmany",
                    json!(["", { address.clone(): amount }]),
                )
                .await;
            let raw = side
                .call(
                    "payer",
                    "createrawtransaction",
                    json!([[], [{ address: amount }]]),
                )
                .await
                .unwrap();
            let funded = side.call("payer", "fundrawtransaction", json!([raw])).await;
            let label = |a: &Answer| match a {
                Ok(_) => "paid".to_owned(),
                Err((code, message)) => format!("{code} {message}"),
            };
            seen.push(format!(
                "{kind} confidential={confidential} {sats} sat: {} / {} / {}",
                label(&single),
                label(&many),
                label(&funded)
            ));
        }
    }
    seen
}

fn expected() -> Vec<String> {
    let mut lines = Vec::new();
    for (kind, confidential, smallest) in CASES {
        lines.push(format!(
            "{kind} confidential={confidential} {} sat: -6 Transaction amount too small / -6 Transaction amount too small / -4 Transaction amount too small",
            smallest - 1
        ));
        lines.push(format!(
            "{kind} confidential={confidential} {smallest} sat: paid / paid / paid"
        ));
    }
    lines
}

/// Error texts differ between the devnet (the node's message) and the client's wording of
/// the real node's error: keep only the node's message part.
fn normalised(lines: Vec<String>) -> Vec<String> {
    lines
        .into_iter()
        .map(|l| {
            l.replace("`sendtoaddress` failed on the node: ", "")
                .replace("`sendmany` failed on the node: ", "")
                .replace("`fundrawtransaction` failed on the node: ", "")
                .replace(" (RPC error -6)", "")
                .replace(" (RPC error -4)", "")
        })
        .collect()
}

#[tokio::test]
async fn the_devnet_refuses_l_btc_dust_as_the_node_does() {
    let (d, dir) = devnet();
    for wallet in ["payer", "receiver"] {
        d.call(None, "createwallet", vec![json!(wallet)]).unwrap();
    }
    let dev = Side::Dev(d, dir);
    assert_eq!(normalised(outcomes(&dev).await), expected());

    if tessera_test_util::elementsd().is_none() {
        return;
    }
    let node = ElementsNode::start(&["payer", "receiver"]).await.unwrap();
    let real = Side::Real(node);
    assert_eq!(normalised(outcomes(&real).await), expected());
}

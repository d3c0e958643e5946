//! Supply conservation: across random wallet operations, the unspent outputs of each asset
//! always sum to issued + reissued − destroyed.

use std::collections::BTreeMap;

use proptest::prelude::*;
use serde_json::{json, Value};

use crate::support::{devnet, sats};

#[derive(Debug, Clone)]
enum Op {
    Issue {
        amount: u64,
        token: bool,
    },
    Reissue {
        asset: usize,
        amount: u64,
    },
    Send {
        asset: usize,
        amount: u64,
        to_bob: bool,
    },
    Destroy {
        asset: usize,
        amount: u64,
    },
    Mine,
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        (1u64..5_000, any::<bool>()).prop_map(|(amount, token)| Op::Issue { amount, token }),
        (0usize..4, 1u64..1_000).prop_map(|(asset, amount)| Op::Reissue { asset, amount }),
        (0usize..4, 1u64..3_000, any::<bool>()).prop_map(|(asset, amount, to_bob)| Op::Send {
            asset,
            amount,
            to_bob
        }),
        (0usize..4, 1u64..3_000).prop_map(|(asset, amount)| Op::Destroy { asset, amount }),
        Just(Op::Mine),
    ]
}

fn coins(v: u64) -> Value {
    json!(serde_json::Number::from_str_exact(v))
}

trait Exact {
    fn from_str_exact(v: u64) -> serde_json::Number;
}
impl Exact for serde_json::Number {
    fn from_str_exact(v: u64) -> serde_json::Number {
        // Amounts in hundredths of a coin keep the text exact.
        std::str::FromStr::from_str(&format!("{}.{:02}", v / 100, v % 100)).unwrap()
    }
}

/// Sum of unspent outputs per asset over all wallets (every output belongs to one).
fn utxo_sums(d: &tessera_devnet::Devnet) -> BTreeMap<String, u64> {
    let mut sums = BTreeMap::new();
    for w in ["issuer", "bob"] {
        let list = d.call(Some(w), "listunspent", vec![json!(0)]).unwrap();
        for u in list.as_array().unwrap() {
            *sums
                .entry(u["asset"].as_str().unwrap().to_string())
                .or_default() += sats(&u["amount"]);
        }
    }
    sums
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 6, failure_persistence: None, ..ProptestConfig::default() })]
    #[test]
    fn each_asset_sums_to_issued_plus_reissued_minus_destroyed(ops in prop::collection::vec(op(), 1..7)) {
        let (d, _dir) = devnet();
        d.call(None, "createwallet", vec![json!("issuer")]).unwrap();
        d.call(None, "createwallet", vec![json!("bob")]).unwrap();
        let mut expected: BTreeMap<String, u64> = BTreeMap::new();
        let mut assets: Vec<String> = Vec::new();
        for op in ops {
            match op {
                Op::Issue { amount, token } => {
                    let r = d.call(Some("issuer"), "issueasset", vec![coins(amount), json!(u64::from(token))]).unwrap();
                    let asset = r["asset"].as_str().unwrap().to_string();
                    expected.insert(asset.clone(), amount * 1_000_000);
                    if token {
                        expected.insert(r["token"].as_str().unwrap().to_string(), 100_000_000);
                    }
                    assets.push(asset);
                }
                Op::Reissue { asset, amount } => {
                    let Some(a) = assets.get(asset) else { continue };
                    if d.call(Some("issuer"), "reissueasset", vec![json!(a), coins(amount)]).is_ok() {
                        *expected.get_mut(a).unwrap() += amount * 1_000_000;
                    }
                }
                Op::Send { asset, amount, to_bob } => {
                    let Some(a) = assets.get(asset) else { continue };
                    let to = if to_bob { "bob" } else { "issuer" };
                    let addr = d.call(Some(to), "getnewaddress", vec![]).unwrap();
                    let _ = d.call(Some("issuer"), "sendmany", vec![json!(""), json!({addr.as_str().unwrap(): coins(amount)}),
                        json!(0), json!(""), json!([]), json!(false), json!(1), json!("UNSET"), json!({addr.as_str().unwrap(): a})]);
                }
                Op::Destroy { asset, amount } => {
                    let Some(a) = assets.get(asset) else { continue };
                    if d.call(Some("issuer"), "destroyamount", vec![json!(a), coins(amount)]).is_ok() {
                        *expected.get_mut(a).unwrap() -= amount * 1_000_000;
                    }
                }
                Op::Mine => {
                    let addr = d.call(Some("bob"), "getnewaddress", vec![]).unwrap();
                    d.call(None, "generatetoaddress", vec![json!(1), addr]).unwrap();
                }
            }
            let sums = utxo_sums(&d);
            for (asset, want) in &expected {
                prop_assert_eq!(sums.get(asset).copied().unwrap_or(0), *want, "asset {}", asset);
            }
        }
    }
}

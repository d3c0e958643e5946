//! Compatibility with the recorded Elements Core replies (`testdata/elements-rpc/*.jsonl`).
//!
//! The recordings are replayed in capture order against a fresh devnet over HTTP, with the
//! recorded ids (addresses, txids, asset ids, block hashes) replaced by the devnet's own as
//! they appear in replies. Every supported call must give the same HTTP status, the same
//! error code, and a result of the same JSON shape: same keys recursively, same value
//! types. Calls the devnet deliberately does not reproduce are listed in `SKIPPED` with the
//! reason (see the crate's DIFFERENCES).

use std::collections::HashMap;
use std::str::FromStr;

use serde_json::{json, Map, Value};

use crate::support::{fixtures_dir, post, serve};

/// Replay order = capture order (README): 02..08, then 01. 10 (batch weight) is not replayed.
const FILES: &[&str] = &[
    "02-wallets.jsonl",
    "03-addresses.jsonl",
    "04-issuance.jsonl",
    "05-distribute.jsonl",
    "06-reissue.jsonl",
    "07-burn.jsonl",
    "08-errors.jsonl",
    "01-node-info.jsonl",
];

/// (file prefix, line) → why the devnet does not reproduce that exchange.
const SKIPPED: &[(&str, usize, &str)] = &[
    (
        "03",
        5,
        "bech32m (taproot) addresses are not derived by the devnet wallet",
    ),
    (
        "03",
        12,
        "getaddressinfo of the taproot address that was not created",
    ),
    (
        "04",
        5,
        "the genesis free coins were already swept by the first createwallet",
    ),
    (
        "04",
        6,
        "createrawtransaction is not implemented (the sweep is automatic)",
    ),
    ("04", 7, "signrawtransactionwithwallet is not implemented"),
    (
        "04",
        8,
        "testmempoolaccept of the recorded sweep: its input is already spent here",
    ),
    (
        "04",
        9,
        "sendrawtransaction of the recorded sweep: its input is already spent here",
    ),
    (
        "04",
        18,
        "explicit issuances above 21M are accepted by the devnet mempool",
    ),
    ("04", 21, "abandontransaction is not implemented"),
    ("01", 11, "getsidechaininfo is not implemented"),
];

/// Keys whose shape differs deliberately, per method (legacy `Proof` headers, not dynafed).
fn ignored_keys(method: &str) -> &'static [&'static str] {
    match method {
        "getblock" | "getblockheader" => &[
            "dynamic_parameters",
            "signblock_witness_hex",
            "signblock_witness_asm",
            "signblock_challenge",
        ],
        _ => &[],
    }
}

/// Keys Elements prints only when they apply: the next block, the token of an issuance,
/// commitments of confidential outputs (explicit ones have none).
fn optional(path: &str, key: &str) -> bool {
    matches!(
        key,
        "nextblockhash" | "previousblockhash" | "amountcommitment" | "assetcommitment"
    ) || (path.ends_with(".issuance") && matches!(key, "tokenamount" | "tokenamountcommitment"))
}

fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "bool",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

/// Objects keyed by asset ("bitcoin" or 64-hex): balances, amounts, fees.
fn is_asset_map(m: &Map<String, Value>) -> bool {
    !m.is_empty()
        && m.keys()
            .all(|k| k == "bitcoin" || (k.len() == 64 && k.chars().all(|c| c.is_ascii_hexdigit())))
}

fn shape(rec: &Value, ours: &Value, path: &str, ignore: &[&str], errs: &mut Vec<String>) {
    match (rec, ours) {
        (Value::Object(r), Value::Object(o)) => {
            if is_asset_map(r) || is_asset_map(o) || path.ends_with(".fee") {
                let want = r.values().next().map_or("number", kind);
                for (k, v) in o {
                    if kind(v) != want {
                        errs.push(format!(
                            "{path}.{k}: asset-map value is {}, recorded {want}",
                            kind(v)
                        ));
                    }
                }
                return;
            }
            for k in r.keys().filter(|k| !ignore.contains(&k.as_str())) {
                if !o.contains_key(k) && !optional(path, k) {
                    errs.push(format!("{path}: missing key {k:?}"));
                }
            }
            for k in o.keys().filter(|k| !ignore.contains(&k.as_str())) {
                match r.get(k) {
                    None if optional(path, k) => {}
                    None => errs.push(format!("{path}: extra key {k:?}")),
                    Some(rv) => shape(rv, &o[k], &format!("{path}.{k}"), ignore, errs),
                }
            }
        }
        (Value::Array(r), Value::Array(o)) => {
            if r.is_empty() || o.is_empty() {
                return;
            }
            for (i, item) in o.iter().enumerate() {
                let mut best: Option<Vec<String>> = None;
                for candidate in r {
                    let mut e = Vec::new();
                    shape(candidate, item, &format!("{path}[{i}]"), ignore, &mut e);
                    if e.is_empty() {
                        best = None;
                        break;
                    }
                    if best.as_ref().is_none_or(|b| e.len() < b.len()) {
                        best = Some(e);
                    }
                }
                if let Some(e) = best {
                    errs.extend(e);
                    return;
                }
            }
        }
        (r, o) if kind(r) != kind(o) => errs.push(format!(
            "{path}: recorded {} but devnet {}",
            kind(r),
            kind(o)
        )),
        _ => {}
    }
}

fn substitute(v: &Value, map: &HashMap<String, String>) -> Value {
    match v {
        Value::String(s) => Value::String(map.get(s).cloned().unwrap_or_else(|| s.clone())),
        Value::Array(a) => Value::Array(a.iter().map(|x| substitute(x, map)).collect()),
        Value::Object(m) => Value::Object(
            m.iter()
                .map(|(k, x)| {
                    (
                        map.get(k).cloned().unwrap_or_else(|| k.clone()),
                        substitute(x, map),
                    )
                })
                .collect(),
        ),
        other => other.clone(),
    }
}

fn learn(rec: &Value, ours: &Value, map: &mut HashMap<String, String>) {
    match (rec, ours) {
        (Value::String(r), Value::String(o)) if r != o && r.len() >= 26 => {
            map.entry(r.clone()).or_insert_with(|| o.clone());
            if let (Ok(ra), Ok(oa)) = (
                elements::Address::from_str(r),
                elements::Address::from_str(o),
            ) {
                map.entry(ra.to_unconfidential().to_string())
                    .or_insert_with(|| oa.to_unconfidential().to_string());
            }
        }
        (Value::Array(r), Value::Array(o)) => r.iter().zip(o).for_each(|(a, b)| learn(a, b, map)),
        (Value::Object(r), Value::Object(o)) => {
            for (k, v) in r {
                if let Some(ov) = o.get(k) {
                    if matches!(k.as_str(), "txid" | "asset" | "token" | "entropy")
                        || v.is_string() && k == "name"
                    {
                        learn(v, ov, map);
                    }
                }
            }
        }
        _ => {}
    }
}

const LEARN_FROM: &[&str] = &[
    "getnewaddress",
    "getrawchangeaddress",
    "issueasset",
    "reissueasset",
    "sendmany",
    "sendtoaddress",
    "destroyamount",
    "generatetoaddress",
];

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn devnet_replies_have_the_shape_of_the_recorded_elements_replies() {
    let s = serve().await;
    let client = reqwest::Client::new();
    let mut map: HashMap<String, String> = HashMap::new();
    let mut failures: Vec<String> = Vec::new();
    let mut replayed = 0;
    for file in FILES {
        let text = std::fs::read_to_string(fixtures_dir().join(file)).unwrap();
        for (i, line) in text.lines().enumerate() {
            let line_no = i + 1;
            let prefix = &file[..2];
            if SKIPPED
                .iter()
                .any(|(f, l, _)| *f == prefix && *l == line_no)
            {
                continue;
            }
            let rec: Value = serde_json::from_str(line).unwrap();
            let method = rec["request"]["method"].as_str().unwrap().to_string();
            let params = substitute(&rec["request"]["params"], &map);
            let url = match rec["wallet"].as_str() {
                Some(w) => format!("{}/wallet/{w}", s.url),
                None => s.url.clone(),
            };
            let recorded_status = rec["http_status"].as_u64().unwrap() as u16;
            let auth = if recorded_status == 401 {
                Some(("user", "wrong"))
            } else {
                Some(("user", "pass"))
            };
            let body = json!({"jsonrpc": rec["request"]["jsonrpc"], "id": line_no, "method": method, "params": params});
            let (status, text) = post(&client, &url, auth, &body).await;
            replayed += 1;
            let at = format!("{file} L{line_no} {method}");
            if status != recorded_status {
                failures.push(format!(
                    "{at}: HTTP {status}, recorded {recorded_status}: {}",
                    &text[..text.len().min(300)]
                ));
                continue;
            }
            if recorded_status == 401 {
                continue;
            }
            let ours: Value = serde_json::from_str(&text).unwrap();
            let recorded = &rec["response"];
            if !recorded["error"].is_null() {
                if ours["error"]["code"] != recorded["error"]["code"] {
                    failures.push(format!(
                        "{at}: error {}, recorded {}",
                        ours["error"], recorded["error"]
                    ));
                }
                continue;
            }
            let mut errs = Vec::new();
            shape(
                &recorded["result"],
                &ours["result"],
                "result",
                ignored_keys(&method),
                &mut errs,
            );
            for e in errs.iter().take(8) {
                failures.push(format!("{at}: {e}"));
            }
            if LEARN_FROM.contains(&method.as_str()) {
                learn(&recorded["result"], &ours["result"], &mut map);
            }
        }
    }
    assert!(replayed > 150, "replayed only {replayed} exchanges");
    assert!(
        failures.is_empty(),
        "{} incompatibilities:\n{}",
        failures.len(),
        failures.join("\n")
    );
    s.stop.map(|t| t.send(()));
}

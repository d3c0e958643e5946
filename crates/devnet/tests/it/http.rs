//! The JSON-RPC dialect over real HTTP: basic auth, `/wallet/NAME`, statuses, bodies.

use serde_json::{json, Value};

use crate::support::{post, serve};

fn req(method: &str, params: Value) -> Value {
    json!({"jsonrpc": "1.0", "id": "t", "method": method, "params": params})
}

async fn ok(client: &reqwest::Client, url: &str, method: &str, params: Value) -> Value {
    let (status, body) = post(client, url, Some(("user", "pass")), &req(method, params)).await;
    let v: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(status, 200, "{method}: {body}");
    assert_eq!(v["error"], Value::Null);
    v["result"].clone()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn issue_distribute_and_confirm_over_http_with_wallet_paths() {
    let s = serve().await;
    let c = reqwest::Client::new();
    let root = s.url.clone();
    let w = |name: &str| format!("{}/wallet/{name}", s.url);
    ok(&c, &root, "createwallet", json!(["issuer"])).await;
    ok(
        &c,
        &root,
        "createwallet",
        json!({"wallet_name": "alice", "descriptors": true}),
    )
    .await;
    ok(
        &c,
        &root,
        "createwallet",
        json!(["bob", false, false, "", false, true]),
    )
    .await;
    let issued = ok(&c, &w("issuer"), "issueasset", json!([1000, 1])).await;
    let asset = issued["asset"].as_str().unwrap().to_string();
    let a = ok(&c, &w("alice"), "getnewaddress", json!([])).await;
    let b = ok(&c, &w("bob"), "getnewaddress", json!([])).await;
    let (a, b) = (a.as_str().unwrap(), b.as_str().unwrap());
    let txid = ok(
        &c,
        &w("issuer"),
        "sendmany",
        json!(["", {a: 1.5, b: 0.25}, 0, "", [], false, 1, "UNSET", {a: asset, b: asset}]),
    )
    .await;
    let entry = ok(&c, &root, "getmempoolentry", json!([txid])).await;
    assert!(entry["vsize"].as_u64().unwrap() > 0);
    let miner = ok(&c, &w("issuer"), "getnewaddress", json!([])).await;
    let blocks = ok(&c, &root, "generatetoaddress", json!([2, miner])).await;
    assert_eq!(blocks.as_array().unwrap().len(), 2);
    let tx = ok(&c, &w("issuer"), "gettransaction", json!([txid])).await;
    assert_eq!(tx["confirmations"], json!(2));
    let alice = ok(&c, &w("alice"), "gettransaction", json!([txid])).await;
    assert_eq!(alice["details"][0]["amount"].to_string(), "1.50000000");
    s.stop.map(|t| t.send(()));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn transport_follows_the_recorded_elements_dialect() {
    let s = serve().await;
    let c = reqwest::Client::new();
    let (status, body) = post(
        &c,
        &s.url,
        Some(("user", "wrong")),
        &req("getblockcount", json!([])),
    )
    .await;
    assert_eq!((status, body.as_str()), (401, ""));
    let (status, body) = post(&c, &s.url, None, &req("getblockcount", json!([]))).await;
    assert_eq!((status, body.as_str()), (401, ""));
    let (status, body) = post(
        &c,
        &s.url,
        Some(("user", "pass")),
        &req("getfoo", json!([])),
    )
    .await;
    assert_eq!(status, 404);
    let v: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(
        v,
        json!({"result": null, "error": {"code": -32601, "message": "Method not found"}, "id": "t"})
    );
    let two = json!({"jsonrpc": "2.0", "id": 7, "method": "getblockcount", "params": []});
    let (status, body) = post(&c, &s.url, Some(("user", "pass")), &two).await;
    assert_eq!(status, 200);
    assert_eq!(body.trim(), r#"{"result":0,"error":null,"id":7}"#);
    let (status, body) = post(
        &c,
        &s.url,
        Some(("user", "pass")),
        &req("getblockhash", json!(["abc"])),
    )
    .await;
    assert_eq!(status, 500);
    assert!(
        body.contains("JSON value is not an integer as expected"),
        "{body}"
    );
    let (_, body) = post(
        &c,
        &format!("{}/wallet/nosuch", s.url),
        Some(("user", "pass")),
        &req("getbalances", json!([])),
    )
    .await;
    assert!(body.contains("-18"), "{body}");
    ok(&c, &s.url, "createwallet", json!(["w"])).await;
    let (status, body) = post(&c, &format!("{}/wallet/w", s.url), Some(("user", "pass")), &req("sendtoaddress", json!(["el1qqtf42me49c3hvd3l5u36fxuxl5klvwjs6u85m7geuux7g0s9z8xnpfzw5m5a3knrgrwypy9lfrzkz9gkmy02y80gfn3mh5z8y", 0.123456789]))).await;
    assert_eq!(status, 500);
    assert!(
        body.contains(r#""code":-3,"message":"Invalid amount""#),
        "{body}"
    );
    let balance = ok(&c, &format!("{}/wallet/w", s.url), "getbalance", json!([])).await;
    assert_eq!(
        serde_json::to_string(&balance).unwrap(),
        r#"{"bitcoin":20999999.99990000}"#
    );
    s.stop.map(|t| t.send(()));
}

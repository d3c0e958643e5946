//! The harness itself on a real node: started, wallets funded with the free coins, mining,
//! and gone (process and directory) when dropped.

#![allow(clippy::unwrap_used, missing_docs)]

use serde_json::{json, Value};
use tessera_test_util::ElementsNode;

#[tokio::test]
async fn a_node_starts_with_funded_descriptor_wallets_mines_and_is_removed_on_drop() {
    if tessera_test_util::elementsd().is_none() {
        return;
    }
    let node = ElementsNode::start(&["first", "second"]).await.unwrap();
    let rpc = node.rpc();
    let info: Value = rpc.call("getblockchaininfo", vec![]).await.unwrap();
    assert_eq!(info["chain"], "elementsregtest");
    assert_eq!(info["blocks"], 1, "the sweep was mined");
    for name in ["first", "second"] {
        let w: Value = rpc
            .wallet(name)
            .call("getwalletinfo", vec![])
            .await
            .unwrap();
        assert_eq!(w["descriptors"], true, "{w}");
    }
    let free: Value = node
        .bank()
        .call("getbalance", vec![json!("*"), json!(1), json!(false)])
        .await
        .unwrap();
    assert_eq!(free["bitcoin"].to_string(), "20999999.99990000", "{free}");
    node.fund("second", "2.5").await.unwrap();
    let second: Value = rpc
        .wallet("second")
        .call("getbalance", vec![])
        .await
        .unwrap();
    assert_eq!(second["bitcoin"].to_string(), "2.50000000");
    node.mine(3).await.unwrap();
    let count: u64 = rpc.call("getblockcount", vec![]).await.unwrap();
    assert_eq!(count, 5);
    let name = node.new_wallet("extra").await.unwrap();
    assert!(name.starts_with("extra-"));
    let dir = node.dir().to_owned();
    drop(node);
    assert!(!dir.exists(), "{} was removed", dir.display());
    assert!(rpc.call::<u64>("getblockcount", vec![]).await.is_err());
}

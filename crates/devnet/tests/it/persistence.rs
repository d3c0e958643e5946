//! A restart keeps the chain, the mempool and the wallets; key files are private.

use serde_json::json;
use tessera_devnet::{Devnet, DevnetConfig};

use crate::support::call;

#[test]
fn restart_keeps_chain_mempool_and_wallets() {
    let dir = tempfile::tempdir().unwrap();
    let open = || Devnet::open(DevnetConfig::new(dir.path(), "user", "pass")).unwrap();
    let (asset, pending, tip, balances) = {
        let d = open();
        call(&d, None, "createwallet", json!(["issuer"]));
        call(&d, None, "createwallet", json!(["alice"]));
        let issued = call(&d, Some("issuer"), "issueasset", json!([100, 1]));
        let asset = issued["asset"].as_str().unwrap().to_string();
        let addr = call(&d, Some("issuer"), "getnewaddress", json!([]));
        call(&d, None, "generatetoaddress", json!([1, addr]));
        let alice = call(&d, Some("alice"), "getnewaddress", json!([]));
        let pending = call(
            &d,
            Some("issuer"),
            "sendtoaddress",
            json!([alice, 2.5, "", "", false, true, 1, "UNSET", false, asset]),
        );
        call(&d, None, "unloadwallet", json!(["alice"]));
        let tip = call(&d, None, "getbestblockhash", json!([]));
        let balances = call(&d, Some("issuer"), "getbalances", json!([]));
        (asset, pending, tip, balances)
    };
    let d = open();
    assert_eq!(call(&d, None, "getbestblockhash", json!([])), tip);
    assert_eq!(call(&d, None, "getrawmempool", json!([])), json!([pending]));
    assert_eq!(call(&d, Some("issuer"), "getbalances", json!([])), balances);
    assert_eq!(call(&d, None, "listwallets", json!([])), json!(["issuer"]));
    call(&d, None, "loadwallet", json!(["alice"]));
    let alice = call(&d, Some("alice"), "getbalances", json!([]));
    assert_eq!(
        alice["mine"]["untrusted_pending"][&asset].to_string(),
        "2.50000000"
    );
    let addr = call(&d, Some("issuer"), "getnewaddress", json!([]));
    call(&d, None, "generatetoaddress", json!([1, addr]));
    let tx = call(&d, Some("alice"), "gettransaction", json!([pending]));
    assert_eq!(tx["confirmations"], json!(1));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(dir.path().join("state.json"))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600);
    }
}

//! Unblinding against real confidential outputs recorded from Elements Core 23.3.3
//! (`testdata/elements-rpc/unblind-vectors.json`; `TESSERA_RPC_FIXTURES` names another folder).

use elements::secp256k1_zkp::{PublicKey, Secp256k1, SecretKey};
use elements::{AssetId, Transaction};
use serde_json::Value;
use std::path::PathBuf;
use std::str::FromStr;
use tessera_custody::{unblind, UnblindError};

fn vectors() -> Value {
    let dir = std::env::var_os("TESSERA_RPC_FIXTURES")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../testdata/elements-rpc")
        });
    let path = dir.join("unblind-vectors.json");
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    serde_json::from_str(&text).unwrap()
}

fn transaction(v: &Value) -> Transaction {
    let bytes = hex::decode(v["tx_hex"].as_str().unwrap()).unwrap();
    let tx: Transaction = elements::encode::deserialize(&bytes).unwrap();
    assert_eq!(tx.txid().to_string(), v["txid"].as_str().unwrap());
    tx
}

fn text<'a>(o: &'a Value, field: &str) -> &'a str {
    o[field]
        .as_str()
        .unwrap_or_else(|| panic!("field {field} missing"))
}

#[test]
fn every_recorded_output_unblinds_to_the_nodes_values_and_blinders() {
    let v = vectors();
    let tx = transaction(&v);
    let outputs = v["outputs"].as_array().unwrap();
    assert!(!outputs.is_empty());
    for o in outputs {
        let vout = o["vout"].as_u64().unwrap() as usize;
        let txout = &tx.output[vout];
        assert_eq!(
            hex::encode(txout.script_pubkey.as_bytes()),
            text(o, "script_pubkey")
        );
        let key = SecretKey::from_str(text(o, "blinding_private_key")).unwrap();
        assert_eq!(
            PublicKey::from_secret_key(&Secp256k1::new(), &key).to_string(),
            text(o, "blinding_pubkey")
        );
        let u = unblind(txout, &key).unwrap();
        let who = text(o, "recipient");
        assert_eq!(
            u.asset,
            AssetId::from_str(text(o, "asset_id")).unwrap(),
            "{who}"
        );
        assert_eq!(u.value, o["value"].as_u64().unwrap(), "{who}");
        // Display of blinding factors is the node's (RPC) byte order.
        assert_eq!(
            u.asset_blinder.to_string(),
            text(o, "asset_blinder"),
            "{who}"
        );
        assert_eq!(
            u.value_blinder.to_string(),
            text(o, "value_blinder"),
            "{who}"
        );
        assert_eq!(
            u.asset_blinder.into_inner().to_string(),
            text(o, "asset_blinder_wire")
        );
        assert_eq!(
            u.value_blinder.into_inner().to_string(),
            text(o, "value_blinder_wire")
        );
    }
}

#[test]
fn a_wrong_key_fails_cleanly() {
    let v = vectors();
    let tx = transaction(&v);
    let outputs = v["outputs"].as_array().unwrap();
    let (first, second) = (&outputs[0], &outputs[1]);
    let txout = &tx.output[first["vout"].as_u64().unwrap() as usize];
    let others_key = SecretKey::from_str(text(second, "blinding_private_key")).unwrap();
    let err = unblind(txout, &others_key).unwrap_err();
    assert!(matches!(err, UnblindError::WrongKey(_)), "{err:?}");
    assert!(
        err.to_string().contains(text(first, "script_pubkey")),
        "{err}"
    );
}

#[test]
fn explicit_outputs_are_not_confidential() {
    let v = vectors();
    let tx = transaction(&v);
    let fee = tx.output.iter().find(|o| o.is_fee()).unwrap();
    let key = SecretKey::from_slice(&[1; 32]).unwrap();
    assert!(matches!(
        unblind(fee, &key),
        Err(UnblindError::NotConfidential(_))
    ));
}

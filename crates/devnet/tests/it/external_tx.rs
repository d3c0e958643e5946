//! `sendrawtransaction` of externally signed transactions: good signatures pass, bad
//! signatures, double spends and unbalanced amounts are rejected as Elements would.

use std::str::FromStr;

use elements::confidential::{Asset, Nonce, Value as CValue};
use elements::encode::serialize_hex;
use elements::hashes::hash160;
use elements::opcodes::all::OP_CHECKMULTISIG;
use elements::script::Builder;
use elements::secp256k1_zkp::{Message, PublicKey, Secp256k1, SecretKey};
use elements::sighash::SighashCache;
use elements::{
    Address, AddressParams, AssetIssuance, EcdsaSighashType, LockTime, OutPoint, Script, Sequence,
    Transaction, TxIn, TxInWitness, TxOut, TxOutWitness, Txid, Witness,
};
use serde_json::{json, Value};
use tessera_devnet::{policy_asset, Devnet};

use crate::support::{call, call_err, devnet};

fn key(n: u8) -> (SecretKey, PublicKey) {
    let sk = SecretKey::from_slice(&[n; 32]).unwrap();
    (sk, PublicKey::from_secret_key(&Secp256k1::new(), &sk))
}

fn p2wpkh(pk: &PublicKey) -> Address {
    Address::p2wpkh(
        &elements::bitcoin::PublicKey::new(*pk),
        None,
        &AddressParams::ELEMENTS,
    )
}

fn explicit(value: u64, script: Script) -> TxOut {
    TxOut {
        asset: Asset::Explicit(policy_asset()),
        value: CValue::Explicit(value),
        nonce: Nonce::Null,
        script_pubkey: script,
        witness: TxOutWitness::default(),
    }
}

/// Pays `sats` from wallet "w" to `address`, mines it, returns the outpoint.
fn fund(d: &Devnet, address: &Address, sats: u64) -> OutPoint {
    let amount =
        serde_json::Number::from_str(&format!("{}.{:08}", sats / 100_000_000, sats % 100_000_000))
            .unwrap();
    let txid = call(
        d,
        Some("w"),
        "sendtoaddress",
        json!([address.to_string(), amount]),
    );
    let miner = call(d, Some("w"), "getnewaddress", json!([]));
    call(d, None, "generatetoaddress", json!([1, miner]));
    let raw = call(d, None, "getrawtransaction", json!([txid, true]));
    let spk = hex::encode(address.script_pubkey().as_bytes());
    let vout = raw["vout"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["scriptPubKey"]["hex"] == json!(spk))
        .unwrap()["n"]
        .as_u64()
        .unwrap();
    OutPoint::new(Txid::from_str(txid.as_str().unwrap()).unwrap(), vout as u32)
}

fn spend(prevout: OutPoint, outputs: Vec<TxOut>) -> Transaction {
    Transaction {
        version: 2,
        lock_time: LockTime::ZERO,
        input: vec![TxIn {
            previous_output: prevout,
            is_pegin: false,
            script_sig: Script::new(),
            sequence: Sequence::MAX,
            asset_issuance: AssetIssuance::null(),
            witness: TxInWitness::default(),
        }],
        output: outputs,
    }
}

fn sig(tx: &Transaction, script_code: &Script, value: u64, sk: &SecretKey) -> Vec<u8> {
    let hash = SighashCache::new(tx).segwitv0_sighash(
        0,
        script_code,
        CValue::Explicit(value),
        EcdsaSighashType::All,
    );
    let msg = Message::from_digest(hash.to_byte_array());
    let mut der = Secp256k1::new()
        .sign_ecdsa(&msg, sk)
        .serialize_der()
        .to_vec();
    der.push(1);
    der
}

fn p2pkh_code(pk: &PublicKey) -> Script {
    let mut bytes = vec![0x76, 0xa9, 0x14];
    bytes.extend_from_slice(hash160::Hash::hash(&pk.serialize()).as_byte_array());
    bytes.extend_from_slice(&[0x88, 0xac]);
    Script::from(bytes)
}

fn send_raw(d: &Devnet, tx: &Transaction) -> Result<Value, tessera_devnet::RpcError> {
    d.call(None, "sendrawtransaction", vec![json!(serialize_hex(tx))])
}

#[test]
fn p2wpkh_spends_are_checked_for_signature_double_spend_and_balance() {
    let (d, _dir) = devnet();
    call(&d, None, "createwallet", json!(["w"]));
    let (sk, pk) = key(1);
    let (wrong, _) = key(2);
    let prevout = fund(&d, &p2wpkh(&pk), 100_000_000);
    let dest = p2wpkh(&key(3).1).script_pubkey();
    let mut tx = spend(
        prevout,
        vec![
            explicit(99_990_000, dest.clone()),
            TxOut::new_fee(10_000, policy_asset()),
        ],
    );

    tx.input[0].witness.script_witness = Witness::from_slice(&[
        sig(&tx, &p2pkh_code(&pk), 100_000_000, &wrong),
        pk.serialize().to_vec(),
    ]);
    let err = send_raw(&d, &tx).unwrap_err();
    assert_eq!(err.code, -26);
    assert!(
        err.message
            .starts_with("mandatory-script-verify-flag-failed"),
        "{}",
        err.message
    );

    tx.input[0].witness.script_witness = Witness::from_slice(&[
        sig(&tx, &p2pkh_code(&pk), 100_000_000, &sk),
        pk.serialize().to_vec(),
    ]);
    let txid = send_raw(&d, &tx).unwrap();
    assert_eq!(txid, json!(tx.txid().to_string()));

    let mut double = spend(
        prevout,
        vec![
            explicit(99_980_000, dest.clone()),
            TxOut::new_fee(20_000, policy_asset()),
        ],
    );
    double.input[0].witness.script_witness = Witness::from_slice(&[
        sig(&double, &p2pkh_code(&pk), 100_000_000, &sk),
        pk.serialize().to_vec(),
    ]);
    let err = send_raw(&d, &double).unwrap_err();
    assert_eq!(
        (err.code, err.message.as_str()),
        (-26, "txn-mempool-conflict")
    );
    let miner = call(&d, Some("w"), "getnewaddress", json!([]));
    call(&d, None, "generatetoaddress", json!([1, miner]));
    let err = send_raw(&d, &double).unwrap_err();
    assert_eq!(
        (err.code, err.message.as_str()),
        (-25, "bad-txns-inputs-missingorspent")
    );

    let prevout = fund(&d, &p2wpkh(&pk), 50_000_000);
    let mut greedy = spend(
        prevout,
        vec![
            explicit(60_000_000, dest),
            TxOut::new_fee(10_000, policy_asset()),
        ],
    );
    greedy.input[0].witness.script_witness = Witness::from_slice(&[
        sig(&greedy, &p2pkh_code(&pk), 50_000_000, &sk),
        pk.serialize().to_vec(),
    ]);
    let err = send_raw(&d, &greedy).unwrap_err();
    assert_eq!(err.code, -26);
    assert!(
        err.message.starts_with("bad-txns-in-ne-out"),
        "{}",
        err.message
    );
}

#[test]
fn two_of_two_p2wsh_multisig_needs_both_signatures() {
    let (d, _dir) = devnet();
    call(&d, None, "createwallet", json!(["w"]));
    let (sk1, pk1) = key(11);
    let (sk2, pk2) = key(12);
    let (other, _) = key(13);
    let ws = Builder::new()
        .push_int(2)
        .push_slice(&pk1.serialize())
        .push_slice(&pk2.serialize())
        .push_int(2)
        .push_opcode(OP_CHECKMULTISIG)
        .into_script();
    let address = Address::p2wsh(&ws, None, &AddressParams::ELEMENTS);
    let prevout = fund(&d, &address, 30_000_000);
    let dest = p2wpkh(&key(14).1).script_pubkey();
    let mut tx = spend(
        prevout,
        vec![
            explicit(29_990_000, dest),
            TxOut::new_fee(10_000, policy_asset()),
        ],
    );
    let witness = |a: &SecretKey, b: &SecretKey, tx: &Transaction| {
        Witness::from_slice(&[
            vec![],
            sig(tx, &ws, 30_000_000, a),
            sig(tx, &ws, 30_000_000, b),
            ws.to_bytes(),
        ])
    };
    tx.input[0].witness.script_witness = witness(&sk1, &other, &tx);
    let err = send_raw(&d, &tx).unwrap_err();
    assert_eq!(err.code, -26);
    tx.input[0].witness.script_witness = witness(&sk2, &sk1, &tx);
    assert_eq!(
        send_raw(&d, &tx).unwrap_err().code,
        -26,
        "signatures out of key order"
    );
    tx.input[0].witness.script_witness = witness(&sk1, &sk2, &tx);
    send_raw(&d, &tx).unwrap();
    let err = call_err(&d, None, "getblock", json!(["zz"]));
    assert_eq!(
        err.message,
        "blockhash must be of length 64 (not 2, for 'zz')"
    );
}

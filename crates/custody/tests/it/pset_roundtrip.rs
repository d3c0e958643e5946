//! A spend of a managed-account output, signed by both sides and finalized, checked against
//! the script by recomputing the segwit v0 sighash and verifying both signatures.

use elements::confidential::{Asset, Nonce, Value};
use elements::pset::PartiallySignedTransaction;
use elements::secp256k1_zkp::{ecdsa, Message, Secp256k1};
use elements::sighash::SighashCache;
use elements::{
    AssetId, EcdsaSighashType, LockTime, OutPoint, Script, Sequence, Transaction, TxIn, TxOut, Txid,
};
use std::str::FromStr;
use tessera_custody::{
    finalize, Chain, CosignerMaster, InvestorKeys, InvestorMnemonic, ManagedDescriptor, Network,
    SigningError, WordCount,
};

const NET: Network = Network::ElementsRegtest;
const ACCOUNT: u32 = 3;
const INDEX: u32 = 5;
const AMOUNT: u64 = 100_000;

struct Fixture {
    cosigner: CosignerMaster,
    investor: InvestorKeys,
    descriptor: ManagedDescriptor,
}

fn fixture() -> Fixture {
    let cosigner = CosignerMaster::generate(NET).unwrap();
    let mnemonic = InvestorMnemonic::generate(WordCount::Twelve).unwrap();
    let investor = InvestorKeys::from_mnemonic(&mnemonic, "", NET).unwrap();
    let platform = cosigner.account_key(ACCOUNT).unwrap();
    // The wallet builds the descriptor; the server parses what the wallet registers.
    let built = investor.descriptor(&platform).unwrap();
    let descriptor = ManagedDescriptor::parse(built.as_str(), &platform, NET).unwrap();
    Fixture {
        cosigner,
        investor,
        descriptor,
    }
}

fn asset() -> AssetId {
    AssetId::from_str(&"09".repeat(32)).unwrap()
}

fn explicit(script_pubkey: Script, value: u64) -> TxOut {
    TxOut {
        asset: Asset::Explicit(asset()),
        value: Value::Explicit(value),
        nonce: Nonce::Null,
        script_pubkey,
        witness: Default::default(),
    }
}

/// A PSET spending a fake explicit output of the account's address `INDEX`.
fn spend(f: &Fixture) -> PartiallySignedTransaction {
    let destination = f.descriptor.script_pubkey(0, Chain::Internal).unwrap();
    let tx = Transaction {
        version: 2,
        lock_time: LockTime::ZERO,
        input: vec![TxIn {
            previous_output: OutPoint::new(Txid::from_byte_array([1; 32]), 0),
            is_pegin: false,
            script_sig: Script::new(),
            sequence: Sequence::ENABLE_RBF_NO_LOCKTIME,
            asset_issuance: Default::default(),
            witness: Default::default(),
        }],
        output: vec![
            explicit(destination, AMOUNT - 1_000),
            TxOut::new_fee(1_000, asset()),
        ],
    };
    let mut pset = PartiallySignedTransaction::from_tx(tx);
    let spk = f.descriptor.script_pubkey(INDEX, Chain::External).unwrap();
    pset.inputs_mut()[0].witness_utxo = Some(explicit(spk, AMOUNT));
    f.descriptor
        .update_input(&mut pset, 0, INDEX, Chain::External)
        .unwrap();
    pset
}

#[test]
fn both_signatures_make_a_witness_that_satisfies_the_script() {
    let f = fixture();
    let mut pset = spend(&f);
    assert_eq!(f.investor.investor_sign(&mut pset).unwrap(), 1);
    assert_eq!(f.cosigner.platform_sign(&mut pset, ACCOUNT).unwrap(), 1);
    let tx = finalize(&mut pset, NET).unwrap();

    let witness = tx.input[0].witness.script_witness.to_vec();
    assert_eq!(witness.len(), 4, "empty, two signatures, witness script");
    assert!(witness[0].is_empty());
    let witness_script = Script::from(witness[3].clone());
    assert_eq!(
        witness_script.to_v0_p2wsh(),
        f.descriptor.script_pubkey(INDEX, Chain::External).unwrap()
    );

    // Independent check: recompute the sighash and verify each signature against the keys
    // of the multisig script, in order.
    let sighash = SighashCache::new(&tx).segwitv0_sighash(
        0,
        &witness_script,
        Value::Explicit(AMOUNT),
        EcdsaSighashType::All,
    );
    let message = Message::from_digest(sighash.to_byte_array());
    let keys: Vec<_> = witness_script
        .instructions()
        .filter_map(|i| match i.unwrap() {
            elements::script::Instruction::PushBytes(b) if b.len() == 33 => {
                Some(elements::secp256k1_zkp::PublicKey::from_slice(b).unwrap())
            }
            _ => None,
        })
        .collect();
    assert_eq!(keys.len(), 2);
    let secp = Secp256k1::verification_only();
    for (sig, key) in witness[1..3].iter().zip(&keys) {
        let (last, der) = sig.split_last().unwrap();
        assert_eq!(*last, EcdsaSighashType::All as u8);
        let sig = ecdsa::Signature::from_der(der).unwrap();
        secp.verify_ecdsa(&message, &sig, key).unwrap();
    }
}

#[test]
fn one_signature_is_not_enough() {
    let f = fixture();
    let mut pset = spend(&f);
    f.investor.investor_sign(&mut pset).unwrap();
    assert!(finalize(&mut pset, NET).is_err());
}

#[test]
fn the_cosigner_refuses_to_sign_for_another_account() {
    let f = fixture();
    let mut pset = spend(&f);
    let err = f
        .cosigner
        .platform_sign(&mut pset, ACCOUNT + 1)
        .unwrap_err();
    assert!(
        matches!(err, SigningError::ForeignDerivation { input: 0, .. }),
        "{err}"
    );
    assert!(pset.inputs()[0].partial_sigs.is_empty());
}

#[test]
fn another_platform_key_signs_nothing() {
    let f = fixture();
    let mut pset = spend(&f);
    let stranger = CosignerMaster::generate(NET).unwrap();
    assert_eq!(stranger.platform_sign(&mut pset, ACCOUNT).unwrap(), 0);
}

#[test]
fn inputs_of_other_scripts_are_not_updated() {
    let f = fixture();
    let mut pset = spend(&f);
    let err = f
        .descriptor
        .update_input(&mut pset, 0, INDEX + 1, Chain::External)
        .unwrap_err();
    assert!(err.to_string().contains("input 0"), "{err}");
    assert!(f
        .descriptor
        .update_input(&mut pset, 7, INDEX, Chain::External)
        .is_err());
}

#[test]
fn signatures_that_do_not_commit_to_everything_are_refused() {
    let f = fixture();
    let mut pset = spend(&f);
    pset.inputs_mut()[0].sighash_type = Some(EcdsaSighashType::SinglePlusAnyoneCanPay.into());
    let err = f.cosigner.platform_sign(&mut pset, ACCOUNT).unwrap_err();
    assert!(
        matches!(err, SigningError::SighashType { input: 0, .. }),
        "{err}"
    );
    assert!(pset.inputs()[0].partial_sigs.is_empty());
}

#[test]
fn change_outputs_carry_both_derivations() {
    let f = fixture();
    let mut pset = spend(&f);
    f.descriptor
        .update_output(&mut pset, 0, 0, Chain::Internal)
        .unwrap();
    assert_eq!(pset.outputs()[0].bip32_derivation.len(), 2);
    assert!(f
        .descriptor
        .update_output(&mut pset, 0, 1, Chain::Internal)
        .is_err());
}

//! Signing wallet inputs (p2wpkh, p2sh-p2wpkh, p2pkh) with SIGHASH_ALL.
//!
//! The same sighash code paths (`SighashCache`) verify external transactions in
//! [`crate::script_check`], so a devnet-signed transaction always passes its own checks.

use elements::script::Builder;
use elements::secp256k1_zkp::{All, Message, Secp256k1};
use elements::sighash::SighashCache;
use elements::{EcdsaSighashType, OutPoint, Transaction, TxOut, TxOutSecrets};

use crate::error::RpcError;
use crate::keys::{self, KeyKind};
use crate::wallet::Wallet;

/// Signs every input of `tx`, whose spent outputs are `inputs` (same order).
pub fn sign_inputs(
    tx: &mut Transaction,
    wallet: &Wallet,
    secp: &Secp256k1<All>,
    inputs: &[(OutPoint, TxOut, TxOutSecrets)],
) -> Result<(), RpcError> {
    let mut signatures = Vec::with_capacity(inputs.len());
    {
        let mut cache = SighashCache::new(&*tx);
        for (index, (_, prev, _)) in inputs.iter().enumerate() {
            let entry = wallet
                .entry(&prev.script_pubkey)
                .ok_or_else(|| RpcError::wallet("Input not found or already spent"))?;
            let script_code =
                keys::p2pkh_script(keys::pubkey_hash(&entry.key.public).as_byte_array());
            let hash = match entry.kind {
                KeyKind::Pkh => cache
                    .legacy_sighash(index, &prev.script_pubkey, EcdsaSighashType::All)
                    .to_byte_array(),
                KeyKind::Wpkh | KeyKind::ShWpkh => cache
                    .segwitv0_sighash(index, &script_code, prev.value, EcdsaSighashType::All)
                    .to_byte_array(),
            };
            let sig = secp.sign_ecdsa(&Message::from_digest(hash), &entry.key.secret);
            let mut der = sig.serialize_der().to_vec();
            der.push(EcdsaSighashType::All as u8);
            signatures.push((entry.kind, der, entry.key.public.serialize().to_vec()));
        }
    }
    for (input, (kind, sig, pk)) in tx.input.iter_mut().zip(signatures) {
        match kind {
            KeyKind::Pkh => {
                input.script_sig = Builder::new()
                    .push_slice(&sig)
                    .push_slice(&pk)
                    .into_script();
            }
            KeyKind::Wpkh => {
                input.witness.script_witness = elements::Witness::from_slice(&[sig, pk]);
            }
            KeyKind::ShWpkh => {
                let public = elements::secp256k1_zkp::PublicKey::from_slice(&pk)
                    .map_err(|_| RpcError::internal("bad wallet key"))?;
                let redeem = keys::script_for(KeyKind::Wpkh, &public);
                input.script_sig = Builder::new().push_slice(redeem.as_bytes()).into_script();
                input.witness.script_witness = elements::Witness::from_slice(&[sig, pk]);
            }
        }
    }
    Ok(())
}

//! What the co-signer verifies in a PSET before its policy may even look at it.
//!
//! The platform signs last, so it must know that the investor's half is already there and
//! commits to the whole transaction: otherwise the platform's signature would be a blank
//! cheque (the investor could sign something else later, or the platform could be made to
//! sign a transaction nobody agreed to). It must also learn the asset and amount of
//! outputs it cannot unblind (treasury addresses): the PSET's explicit values count only
//! when their blind proofs open the output's commitments.

use crate::ManagedDescriptor;
use elements::confidential::{Asset, Value};
use elements::pset::PartiallySignedTransaction;
use elements::secp256k1_zkp::{ecdsa, Message};
use elements::sighash::SighashCache;
use elements::{AssetId, EcdsaSighashType, TxOut};

/// Why the investor's half of a PSET is not acceptable.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum InvestorSignatureError {
    /// The input has no signature by the investor's key.
    #[error("input {0} has no signature by the investor's key")]
    Missing(usize),
    /// The signature does not verify for this transaction.
    #[error("input {0} carries an investor signature that does not match the transaction")]
    Invalid(usize),
    /// The signature does not commit to every input and output.
    #[error("input {input} is signed with sighash type {found:#x}; only SIGHASH_ALL is accepted")]
    SighashType {
        /// The input.
        input: usize,
        /// The sighash byte found.
        found: u8,
    },
    /// The input lacks what a signature check needs (previous output, witness script).
    #[error("input {0} lacks its previous output or witness script")]
    Incomplete(usize),
    /// The PSET does not make a transaction.
    #[error("the PSET does not make a transaction: {0}")]
    Malformed(String),
}

/// Checks that every input carries a valid SIGHASH_ALL signature by the investor key of
/// `descriptor` (inputs must have been updated from the descriptor first, so their
/// witness script and derivations are the account's, not the PSET author's).
pub fn check_investor_signatures(
    pset: &PartiallySignedTransaction,
    descriptor: &ManagedDescriptor,
) -> Result<(), InvestorSignatureError> {
    let tx = pset
        .extract_tx()
        .map_err(|e| InvestorSignatureError::Malformed(e.to_string()))?;
    let investor = descriptor.investor_key().fingerprint();
    let mut cache = SighashCache::new(&tx);
    for (index, input) in pset.inputs().iter().enumerate() {
        let (Some(utxo), Some(script)) = (&input.witness_utxo, &input.witness_script) else {
            return Err(InvestorSignatureError::Incomplete(index));
        };
        let key = input
            .bip32_derivation
            .iter()
            .find(|(_, (fp, _))| *fp == investor)
            .map(|(key, _)| *key)
            .ok_or(InvestorSignatureError::Incomplete(index))?;
        let raw = input
            .partial_sigs
            .get(&key)
            .ok_or(InvestorSignatureError::Missing(index))?;
        let (&sighash_byte, der) = raw
            .split_last()
            .ok_or(InvestorSignatureError::Invalid(index))?;
        if sighash_byte != EcdsaSighashType::All as u8 {
            return Err(InvestorSignatureError::SighashType {
                input: index,
                found: sighash_byte,
            });
        }
        let signature =
            ecdsa::Signature::from_der(der).map_err(|_| InvestorSignatureError::Invalid(index))?;
        let hash = cache.segwitv0_sighash(index, script, utxo.value, EcdsaSighashType::All);
        let message = Message::from_digest(hash.to_byte_array());
        crate::SECP
            .verify_ecdsa(&message, &signature, &key.inner)
            .map_err(|_| InvestorSignatureError::Invalid(index))?;
    }
    Ok(())
}

/// The asset and amount of output `index` of `pset` when they are provable without its
/// blinding key: explicit in the transaction, or claimed by the PSET with blind proofs
/// that open the output's commitments. `None` otherwise.
pub fn provable_output(
    pset: &PartiallySignedTransaction,
    txout: &TxOut,
    index: usize,
) -> Option<(AssetId, u64)> {
    if let (Asset::Explicit(asset), Value::Explicit(value)) = (txout.asset, txout.value) {
        return Some((asset, value));
    }
    let output = pset.outputs().get(index)?;
    let (Asset::Confidential(generator), Value::Confidential(commitment)) =
        (txout.asset, txout.value)
    else {
        return None;
    };
    let asset = output.asset?;
    let amount = output.amount?;
    let asset_ok =
        output
            .blind_asset_proof
            .as_ref()?
            .blind_asset_proof_verify(&crate::SECP, asset, generator);
    let value_ok = output.blind_value_proof.as_ref()?.blind_value_proof_verify(
        &crate::SECP,
        amount,
        generator,
        commitment,
    );
    (asset_ok && value_ok).then_some((asset, amount))
}

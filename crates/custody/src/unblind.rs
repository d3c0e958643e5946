//! Opening a confidential output with its blinding key.
//!
//! The chain watcher and the wallet learn which asset and how much an output carries by
//! rewinding its range proof with the output's blinding private key (elements' `TxOut::unblind`
//! does the work). A wrong key costs as much as a right one (≈ 5 ms), so callers filter outputs
//! by script first (DESIGN.md §6) and only then call [`unblind`].

use elements::confidential::{AssetBlindingFactor, ValueBlindingFactor};
use elements::secp256k1_zkp::SecretKey;
use elements::{AssetId, TxOut};

/// What a confidential output hides.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Unblinded {
    /// The asset.
    pub asset: AssetId,
    /// The amount in base units.
    pub value: u64,
    /// Asset blinding factor.
    pub asset_blinder: AssetBlindingFactor,
    /// Value blinding factor.
    pub value_blinder: ValueBlindingFactor,
}

/// Why an output could not be unblinded. Each variant names the output's script.
#[derive(Debug, thiserror::Error)]
pub enum UnblindError {
    /// Asset or value is explicit: nothing to unblind.
    #[error("output to script {0} is not confidential")]
    NotConfidential(String),
    /// The range proof does not open with this key: not our output, or not our key.
    #[error("output to script {0} does not unblind with this key")]
    WrongKey(String),
    /// The output lacks a nonce or range proof, or its proof message is malformed.
    #[error("output to script {script} cannot be unblinded: {source}")]
    Malformed {
        /// The output's script, hex.
        script: String,
        /// elements' error.
        source: Box<elements::UnblindError>,
    },
}

/// Unblinds `txout` with `blinding_secret`.
pub fn unblind(txout: &TxOut, blinding_secret: &SecretKey) -> Result<Unblinded, UnblindError> {
    let script = || hex::encode(txout.script_pubkey.as_bytes());
    match txout.unblind(&crate::SECP, *blinding_secret) {
        Ok(secrets) => Ok(Unblinded {
            asset: secrets.asset,
            value: secrets.value,
            asset_blinder: secrets.asset_bf,
            value_blinder: secrets.value_bf,
        }),
        Err(elements::UnblindError::NotConfidential) => {
            Err(UnblindError::NotConfidential(script()))
        }
        Err(elements::UnblindError::Rewind(_)) => Err(UnblindError::WrongKey(script())),
        Err(source) => Err(UnblindError::Malformed {
            script: script(),
            source: Box::new(source),
        }),
    }
}

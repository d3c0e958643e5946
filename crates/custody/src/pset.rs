//! Spending from a managed account: preparing inputs, signing by each side, finalizing.
//!
//! A spend needs both signatures. The wallet builds the PSET, calls
//! [`ManagedDescriptor::update_input`] on each input it spends (witness script and BIP32
//! derivations of both keys, from elements-miniscript), signs with
//! [`InvestorKeys::investor_sign`], and sends it to the server, which checks its policy, signs
//! with [`CosignerMaster::platform_sign`] and calls [`finalize`]. Signing is LWK's software
//! signer: it signs every input carrying a derivation from its master fingerprint. Before
//! handing it the PSET, each side checks that every such derivation lies below its own account
//! path, so a PSET cannot trick the co-signer into signing for another account (the policy
//! checks are per account) or the wallet into using keys outside its account.

use crate::path::{account_path, INVESTOR_ACCOUNT};
use crate::{AddressError, Chain, CosignerMaster, InvestorKeys, ManagedDescriptor, Network};
use elements::bitcoin::bip32::{DerivationPath, Fingerprint};
use elements::pset::{PartiallySignedTransaction, PsbtSighashType};
use elements::EcdsaSighashType;
use elements::Transaction;
use elements_miniscript::psbt::PsbtExt;
use elements_miniscript::{DefiniteDescriptorKey, Descriptor};
use lwk_common::Signer;

/// Why a PSET could not be prepared or finalized.
#[derive(Debug, thiserror::Error)]
pub enum PsetError {
    /// No input with that number.
    #[error("the PSET has no input {0}")]
    NoSuchInput(usize),
    /// No output with that number.
    #[error("the PSET has no output {0}")]
    NoSuchOutput(usize),
    /// The output does not pay the descriptor at that index.
    #[error("output {output}: {source}")]
    UpdateOutput {
        /// The output.
        output: usize,
        /// elements-miniscript's error.
        source: elements_miniscript::psbt::OutputUpdateError,
    },
    /// The descriptor could not be derived at that index.
    #[error(transparent)]
    Address(#[from] AddressError),
    /// The input's UTXO does not belong to the descriptor at that index (or is missing).
    #[error("input {input}: {source}")]
    Update {
        /// The input.
        input: usize,
        /// elements-miniscript's error.
        source: elements_miniscript::psbt::UtxoUpdateError,
    },
    /// Some inputs could not be finalized (signatures missing or invalid).
    #[error("the PSET cannot be finalized: {}", .0.iter().map(ToString::to_string).collect::<Vec<_>>().join("; "))]
    Finalize(Vec<elements_miniscript::psbt::Error>),
    /// The finalized transaction does not satisfy its inputs' scripts.
    #[error("the finalized transaction does not verify: {0}")]
    Extract(elements_miniscript::psbt::Error),
}

/// Why a side refused to sign or could not.
#[derive(Debug, thiserror::Error)]
pub enum SigningError {
    /// An input asks for a key of ours outside the account being signed for.
    #[error("input {input} asks key {fingerprint}/{path}, which is outside account {account}")]
    ForeignDerivation {
        /// The input.
        input: usize,
        /// Our master fingerprint.
        fingerprint: Fingerprint,
        /// The path asked for.
        path: DerivationPath,
        /// The account path we sign for.
        account: DerivationPath,
    },
    /// An input asks for a signature that would not commit to every input and output; the
    /// other side could then change the transaction after signing.
    #[error("input {input} asks for sighash type {found}; only SIGHASH_ALL is signed")]
    SighashType {
        /// The input.
        input: usize,
        /// The sighash type asked for.
        found: PsbtSighashType,
    },
    /// The account index is out of range.
    #[error(transparent)]
    AccountIndex(#[from] crate::path::AccountIndexError),
    /// LWK's signer failed.
    #[error("signing failed: {0}")]
    Signer(#[from] lwk_signer::SignError),
}

impl ManagedDescriptor {
    /// The descriptor of the single address at `index` on `chain` (no wildcard left).
    pub fn definite_descriptor(
        &self,
        index: u32,
        chain: Chain,
    ) -> Result<Descriptor<DefiniteDescriptorKey>, AddressError> {
        // `script_pubkey` checks the index range first.
        self.script_pubkey(index, chain)?;
        self.wollet()
            .definite_descriptor(chain.into(), index)
            .map_err(|source| AddressError::Derivation {
                index,
                chain,
                source,
            })
    }

    /// Fills input `input` (whose `witness_utxo` must pay the address at `index` on `chain`)
    /// with its witness script and both keys' BIP32 derivations, so both sides can sign it.
    pub fn update_input(
        &self,
        pset: &mut PartiallySignedTransaction,
        input: usize,
        index: u32,
        chain: Chain,
    ) -> Result<(), PsetError> {
        if input >= pset.inputs().len() {
            return Err(PsetError::NoSuchInput(input));
        }
        let descriptor = self.definite_descriptor(index, chain)?;
        pset.update_input_with_descriptor(input, &descriptor)
            .map_err(|source| PsetError::Update { input, source })
    }
}

impl ManagedDescriptor {
    /// Marks output `output` (which must pay the address at `index` on `chain`, typically
    /// change) as the account's own, with its witness script and both keys' derivations.
    pub fn update_output(
        &self,
        pset: &mut PartiallySignedTransaction,
        output: usize,
        index: u32,
        chain: Chain,
    ) -> Result<(), PsetError> {
        if output >= pset.outputs().len() {
            return Err(PsetError::NoSuchOutput(output));
        }
        let descriptor = self.definite_descriptor(index, chain)?;
        pset.update_output_with_descriptor(output, &descriptor)
            .map_err(|source| PsetError::UpdateOutput { output, source })
    }
}

impl InvestorKeys {
    /// Adds the investor's signature to every input of this investor's account.
    /// Returns the number of signatures added.
    pub fn investor_sign(
        &self,
        pset: &mut PartiallySignedTransaction,
    ) -> Result<u32, SigningError> {
        let account = account_path(self.network(), INVESTOR_ACCOUNT)?;
        check_derivations(pset, self.signer().fingerprint(), &account)?;
        Ok(self.signer().sign(pset)?)
    }
}

impl CosignerMaster {
    /// Adds the platform's signature to every input of managed account `account_index`.
    /// Refuses PSETs that ask for platform keys of any other account. Returns the number of
    /// signatures added. Policy checks are the caller's, before this call.
    pub fn platform_sign(
        &self,
        pset: &mut PartiallySignedTransaction,
        account_index: u32,
    ) -> Result<u32, SigningError> {
        let account = account_path(self.network(), account_index)?;
        check_derivations(pset, self.fingerprint(), &account)?;
        Ok(self.signer().sign(pset)?)
    }
}

/// Every input we would sign must ask for SIGHASH_ALL, and every derivation from
/// `fingerprint` in `pset` must lie below `account`.
fn check_derivations(
    pset: &PartiallySignedTransaction,
    fingerprint: Fingerprint,
    account: &DerivationPath,
) -> Result<(), SigningError> {
    for (input, details) in pset.inputs().iter().enumerate() {
        if let Some(found) = details.sighash_type {
            if found.ecdsa_hash_ty() != Some(EcdsaSighashType::All) {
                return Err(SigningError::SighashType { input, found });
            }
        }
        let ours = details
            .bip32_derivation
            .values()
            .chain(details.tap_key_origins.values().map(|(_, origin)| origin))
            .filter(|(fp, _)| *fp == fingerprint);
        for (_, path) in ours {
            let inside = path.len() > account.len() && path[..account.len()] == account[..];
            if !inside {
                return Err(SigningError::ForeignDerivation {
                    input,
                    fingerprint,
                    path: path.clone(),
                    account: account.clone(),
                });
            }
        }
    }
    Ok(())
}

/// Finalizes every input (2-of-2 witness: empty, platform signature, investor signature,
/// witness script), checks the result with elements-miniscript's interpreter, and returns the
/// transaction ready to broadcast.
pub fn finalize(
    pset: &mut PartiallySignedTransaction,
    network: Network,
) -> Result<Transaction, PsetError> {
    let genesis = network.lwk().genesis_hash();
    pset.finalize_mut(&crate::SECP, genesis)
        .map_err(PsetError::Finalize)?;
    pset.extract(&crate::SECP, genesis)
        .map_err(PsetError::Extract)
}

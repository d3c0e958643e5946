//! Keys, descriptors, addresses, unblinding and signing for Tessera's managed accounts.
//!
//! A managed account is a 2-of-2 multisig wallet: one key belongs to the investor, the other
//! to the platform co-signer. Both sides need the same answers about that wallet — which
//! descriptor it is, which GAID names it, which addresses and blinding keys it has, how a
//! spend is signed — so they live here, in one library that the server (co-signer side) and
//! the `tessera wallet` client (investor side) share. The crate does no I/O except reading and
//! writing the co-signer's key file; everything else is pure functions over Blockstream's LWK
//! and `elements-miniscript`, which do the actual key derivation, descriptor parsing and PSET
//! signing.
//!
//! Derivation paths (see [`path`]): every account key sits at the BIP87 multisig path
//! `m/87'/coin'/account'` (coin 1776 on Liquid, 1 on testnet and regtest). The platform uses
//! one hardened account per managed account; the investor uses account 0 of their mnemonic.
//! Both keys appear in the descriptor with their origin and the multipath suffix `/<0;1>/*`
//! (receive and change chains).

pub mod account_key;
pub mod address;
pub mod challenge;
pub mod cosign_checks;
pub mod cosigner;
mod cosigner_file;
pub mod descriptor;
mod gaid;
pub mod investor;
pub mod message_key;
pub mod network;
pub mod path;
pub mod pset;
pub mod spend;
pub mod unblind;

#[cfg(test)]
mod testkit;

use elements::secp256k1_zkp::{All, Secp256k1};
use std::sync::LazyLock;

pub use account_key::{AccountKey, AccountKeyError};
pub use address::{AddressError, Chain};
pub use challenge::{verify_challenge, Challenge, ChallengeError, ChallengeSignature};
pub use cosign_checks::{check_investor_signatures, provable_output, InvestorSignatureError};
pub use cosigner::{CosignerKeyError, CosignerMaster};
pub use cosigner_file::CosignerFileError;
pub use descriptor::{DescriptorError, ManagedDescriptor};
pub use elements_miniscript::slip77::MasterBlindingKey;
pub use investor::{InvestorKeyError, InvestorKeys, InvestorMnemonic, WordCount};
pub use message_key::{recover_signer, MessageKey};
pub use network::{Network, NetworkParseError};
pub use pset::{finalize, PsetError, SigningError};
pub use spend::{build_spend, SpendError, SpendInput, SpendOutput};
pub use unblind::{unblind, UnblindError, Unblinded};

/// One verification and signing context for the whole crate (creating one is not free).
pub(crate) static SECP: LazyLock<Secp256k1<All>> = LazyLock::new(Secp256k1::new);

//! Managed accounts: the 2-of-2 wallets (investor key + platform co-signer) behind GAIDs.
//!
//! The descriptor is kept as its canonical text; parsing and key checks belong to the
//! custody crate, which is the only place that understands descriptors. Here an account is
//! plain data that the store keeps and the app reads.

use crate::gaid::Gaid;
use serde::{Deserialize, Serialize};
use std::fmt;

/// Database id of a managed account.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct AccountId(pub i64);

impl fmt::Display for AccountId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

/// Which branch of the descriptor an address comes from (`<0;1>` in the descriptor).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum AddressChain {
    /// Receiving addresses, handed out by the server.
    External,
    /// Change addresses of the wallet's own transactions.
    Internal,
}

impl AddressChain {
    /// The branch number in the descriptor.
    pub fn number(self) -> u32 {
        match self {
            Self::External => 0,
            Self::Internal => 1,
        }
    }

    /// The chain of a branch number, if 0 or 1.
    pub fn from_number(n: i64) -> Option<Self> {
        match n {
            0 => Some(Self::External),
            1 => Some(Self::Internal),
            _ => None,
        }
    }
}

/// A managed account as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ManagedAccount {
    /// Its id.
    pub id: AccountId,
    /// Its GAID, derived from the descriptor.
    pub gaid: Gaid,
    /// The confidential descriptor, canonical text.
    pub descriptor: String,
    /// Index of the co-signer key derived for this account.
    pub cosigner_index: u32,
    /// Unix time of registration.
    pub created_at: i64,
}

/// What is needed to register a managed account.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewManagedAccount {
    /// Its GAID.
    pub gaid: Gaid,
    /// The confidential descriptor, canonical text.
    pub descriptor: String,
    /// The reserved co-signer key index it uses.
    pub cosigner_index: u32,
}

/// An address handed out for an account.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccountAddress {
    /// The account.
    pub account: AccountId,
    /// External (receive) or internal (change).
    pub chain: AddressChain,
    /// Derivation index on that chain.
    pub index: u32,
    /// The confidential address text.
    pub address: String,
    /// Its output script.
    pub script_pubkey: Vec<u8>,
}

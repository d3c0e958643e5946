//! An account xpub together with its key origin: what each side contributes to a descriptor.
//!
//! The origin (`[fingerprint/path]`) is not decoration: signers find their inputs in a PSET by
//! the fingerprint and derive the signing key along the path, and the server recognises its own
//! key in a descriptor by comparing origin and xpub with the account it handed out.

use crate::Network;
use elements::bitcoin::bip32::{DerivationPath, Fingerprint, Xpub};
use std::fmt;
use std::str::FromStr;

/// A `[fingerprint/path]xpub` account key.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct AccountKey {
    fingerprint: Fingerprint,
    path: DerivationPath,
    xpub: Xpub,
}

/// Why a string is not a `[fingerprint/path]xpub` account key.
#[derive(Debug, thiserror::Error)]
pub enum AccountKeyError {
    /// Not parseable as an xpub with a key origin.
    #[error("account key {text:?} is not of the form [fingerprint/path]xpub: {source}")]
    Syntax {
        /// The input.
        text: String,
        /// What the parser said.
        source: lwk_common::InvalidKeyOriginXpub,
    },
    /// An xpub without the `[fingerprint/path]` origin.
    #[error("account key {0:?} has no [fingerprint/path] key origin")]
    NoOrigin(String),
}

impl AccountKey {
    /// Builds an account key from its parts.
    pub fn new(fingerprint: Fingerprint, path: DerivationPath, xpub: Xpub) -> Self {
        Self {
            fingerprint,
            path,
            xpub,
        }
    }

    /// Fingerprint of the master key the account key was derived from.
    pub fn fingerprint(&self) -> Fingerprint {
        self.fingerprint
    }

    /// Path from the master key to the account key.
    pub fn path(&self) -> &DerivationPath {
        &self.path
    }

    /// The account's extended public key.
    pub fn xpub(&self) -> &Xpub {
        &self.xpub
    }

    /// True when the xpub is encoded for `network` (`xpub` on Liquid, `tpub` elsewhere).
    pub fn is_for(&self, network: Network) -> bool {
        self.xpub.network == network.key_kind()
    }

    /// The key as it stands in a managed descriptor: origin, xpub and `/<0;1>/*`.
    pub(crate) fn descriptor_key(&self) -> String {
        format!("{self}/<0;1>/*")
    }
}

impl fmt::Display for AccountKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let path = self.path.to_string();
        let path = path.trim_start_matches('m').trim_start_matches('/');
        if path.is_empty() {
            write!(f, "[{}]{}", self.fingerprint, self.xpub)
        } else {
            write!(f, "[{}/{}]{}", self.fingerprint, path, self.xpub)
        }
    }
}

impl FromStr for AccountKey {
    type Err = AccountKeyError;
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let (origin, xpub) = lwk_common::keyorigin_xpub_from_str(text).map_err(|source| {
            AccountKeyError::Syntax {
                text: text.to_owned(),
                source,
            }
        })?;
        let (fingerprint, path) =
            origin.ok_or_else(|| AccountKeyError::NoOrigin(text.to_owned()))?;
        Ok(Self::new(fingerprint, path, xpub))
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    const TPUB: &str = "tpubDCTUqRMrF2GHZ6pi5FcamdyGZ3oDJtQMH4y5Hyh8Uu7CQ3Zymbh1hpM84aXyJhgBhuh6WcUpKteMeYdyYfVUDRrsz8FUeRdoaaSRKkyMx6Y";

    #[test]
    fn account_keys_round_trip_through_text() {
        let text = format!("[11a345ad/87'/1'/0']{TPUB}");
        let key: AccountKey = text.parse().unwrap();
        assert_eq!(key.to_string(), text);
        assert_eq!(key.path().to_string().trim_start_matches("m/"), "87'/1'/0'");
        assert!(key.is_for(Network::ElementsRegtest));
        assert!(!key.is_for(Network::Liquid));
        let with_h: AccountKey = format!("[11a345ad/87h/1h/0h]{TPUB}").parse().unwrap();
        assert_eq!(with_h, key);
    }

    #[test]
    fn keys_without_origin_or_garbage_are_refused() {
        assert!(matches!(
            TPUB.parse::<AccountKey>(),
            Err(AccountKeyError::NoOrigin(text)) if text == TPUB
        ));
        let err = "[zz/1]tpub".parse::<AccountKey>().unwrap_err();
        assert!(err.to_string().contains("[zz/1]tpub"));
    }
}

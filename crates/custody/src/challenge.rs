//! Wallet authentication by challenge: proving control of a managed account's investor key.
//!
//! The server sends a random 32-byte challenge; the wallet signs
//! `sha256(CHALLENGE_TAG || challenge)` with ECDSA using the key at `<investor account>/2/0`.
//! The server needs no registration step for that key: it derives the public key from the
//! investor xpub in the account's registered descriptor. Chain 2 is never used in a script
//! (receive is 0, change 1) and the tag is not a transaction sighash preimage, so a challenge
//! signature can never be replayed as a spend signature, nor the other way round.

use crate::path::{account_path, auth_path, INVESTOR_ACCOUNT};
use crate::{InvestorKeyError, InvestorKeys, ManagedDescriptor};
use elements::hashes::{sha256, HashEngine};
use elements::secp256k1_zkp::{ecdsa, Message, PublicKey};
use rand::RngCore;
use std::fmt;
use std::str::FromStr;

/// Domain-separation tag hashed before every challenge.
pub const CHALLENGE_TAG: &[u8] = b"tessera/wallet-auth/v1\0";

/// Why a challenge or signature could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ChallengeError {
    /// A challenge is 64 hex characters.
    #[error("challenge {0:?} is not 64 hex characters")]
    Challenge(String),
    /// A signature is a hex DER ECDSA signature.
    #[error("signature {0:?} is not a hex DER ECDSA signature")]
    Signature(String),
}

/// A random challenge issued by the server.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Challenge([u8; 32]);

impl Challenge {
    /// A fresh challenge from operating-system randomness.
    pub fn generate() -> Self {
        let mut bytes = [0u8; 32];
        rand::rngs::OsRng.fill_bytes(&mut bytes);
        Self(bytes)
    }

    /// A challenge with the given bytes.
    pub fn from_bytes(bytes: [u8; 32]) -> Self {
        Self(bytes)
    }

    /// The challenge bytes.
    pub fn as_bytes(&self) -> &[u8; 32] {
        &self.0
    }

    fn message(&self) -> Message {
        let mut engine = sha256::Hash::engine();
        engine.input(CHALLENGE_TAG);
        engine.input(&self.0);
        Message::from_digest(sha256::Hash::from_engine(engine).to_byte_array())
    }
}

impl fmt::Display for Challenge {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&hex::encode(self.0))
    }
}

impl FromStr for Challenge {
    type Err = ChallengeError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let mut bytes = [0u8; 32];
        hex::decode_to_slice(s, &mut bytes).map_err(|_| ChallengeError::Challenge(s.to_owned()))?;
        Ok(Self(bytes))
    }
}

/// The wallet's answer to a challenge (DER, shown as hex).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ChallengeSignature(ecdsa::Signature);

impl fmt::Display for ChallengeSignature {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&hex::encode(self.0.serialize_der()))
    }
}

impl FromStr for ChallengeSignature {
    type Err = ChallengeError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let bytes = hex::decode(s).map_err(|_| ChallengeError::Signature(s.to_owned()))?;
        ecdsa::Signature::from_der(&bytes)
            .map(Self)
            .map_err(|_| ChallengeError::Signature(s.to_owned()))
    }
}

impl InvestorKeys {
    /// Signs a server challenge with the account's authentication key (`…/0'/2/0`).
    pub fn sign_challenge(
        &self,
        challenge: &Challenge,
    ) -> Result<ChallengeSignature, InvestorKeyError> {
        let account = account_path(self.network(), INVESTOR_ACCOUNT)?;
        let xprv = self.derive_xprv(&account.extend(auth_path()))?;
        Ok(ChallengeSignature(
            crate::SECP.sign_ecdsa(&challenge.message(), &xprv.private_key),
        ))
    }
}

/// The public key that answers challenges for `descriptor`'s account.
pub fn auth_public_key(descriptor: &ManagedDescriptor) -> Option<PublicKey> {
    descriptor
        .investor_key()
        .xpub()
        .derive_pub(&crate::SECP, &auth_path())
        .ok()
        .map(|xpub| xpub.public_key)
}

/// True when `signature` answers `challenge` for the account of `descriptor`.
pub fn verify_challenge(
    descriptor: &ManagedDescriptor,
    challenge: &Challenge,
    signature: &ChallengeSignature,
) -> bool {
    auth_public_key(descriptor).is_some_and(|key| {
        crate::SECP
            .verify_ecdsa(&challenge.message(), &signature.0, &key)
            .is_ok()
    })
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use crate::testkit::{descriptor, investor, ALICE, BOB};
    use elements::bitcoin::bip32::DerivationPath;

    #[test]
    fn a_correct_signature_verifies_and_survives_its_text_form() {
        let challenge = Challenge::generate();
        let sig = investor(ALICE).sign_challenge(&challenge).unwrap();
        let sig: ChallengeSignature = sig.to_string().parse().unwrap();
        let challenge: Challenge = challenge.to_string().parse().unwrap();
        assert!(verify_challenge(&descriptor(ALICE, 0), &challenge, &sig));
    }

    #[test]
    fn another_accounts_signature_does_not_verify() {
        let challenge = Challenge::generate();
        let bobs = investor(BOB).sign_challenge(&challenge).unwrap();
        assert!(!verify_challenge(&descriptor(ALICE, 0), &challenge, &bobs));
    }

    #[test]
    fn a_tampered_challenge_fails() {
        let challenge = Challenge::from_bytes([1; 32]);
        let sig = investor(ALICE).sign_challenge(&challenge).unwrap();
        let mut bytes = *challenge.as_bytes();
        bytes[31] ^= 1;
        assert!(!verify_challenge(
            &descriptor(ALICE, 0),
            &Challenge::from_bytes(bytes),
            &sig
        ));
    }

    #[test]
    fn the_auth_key_is_not_a_receive_or_change_key() {
        let d = descriptor(ALICE, 0);
        let auth = auth_public_key(&d).unwrap();
        let xpub = d.investor_key().xpub();
        for chain in [0, 1] {
            let path: DerivationPath = format!("m/{chain}/0").parse().unwrap();
            assert_ne!(
                xpub.derive_pub(&crate::SECP, &path).unwrap().public_key,
                auth
            );
        }
    }

    #[test]
    fn malformed_text_is_refused_with_the_value() {
        assert_eq!(
            "abc".parse::<Challenge>(),
            Err(ChallengeError::Challenge("abc".into()))
        );
        assert_eq!(
            "3045zz".parse::<ChallengeSignature>(),
            Err(ChallengeError::Signature("3045zz".into()))
        );
    }
}

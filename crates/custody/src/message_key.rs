//! The platform's message-signing key: it signs the requests sent to issuers'
//! authorization endpoints.
//!
//! An issuer must be able to tell that a transfer request really comes from this platform
//! before approving it, the way AMP's issuers check `verifymessage <AMP address> <sig>
//! <msg>`. The key derives from the co-signer master along [`MESSAGE_KEY_PATH`], outside
//! BIP87's purpose so it never coincides with an account key, and is published (public key
//! and Liquid P2PKH address) for issuers to pin. Signatures are Bitcoin `signmessage`
//! signatures: the double SHA-256 of `"\x18Bitcoin Signed Message:\n" || varint(len) ||
//! message`, as a 65-byte recoverable signature (header byte 31 + recovery id for a
//! compressed key), base64.

use crate::{CosignerKeyError, CosignerMaster, Network};
use elements::bitcoin::bip32::DerivationPath;
use elements::bitcoin::hashes::Hash;
use elements::bitcoin::sign_message::{signed_msg_hash, MessageSignature};
use elements::secp256k1_zkp::{Message, PublicKey, SecretKey};
use std::fmt;
use std::str::FromStr;

/// Where the message key sits below the co-signer master.
pub const MESSAGE_KEY_PATH: &str = "m/17'/0'";

/// The platform's message-signing key.
#[derive(Clone)]
pub struct MessageKey {
    secret: SecretKey,
    network: Network,
}

impl CosignerMaster {
    /// The platform's message-signing key.
    pub fn message_key(&self) -> Result<MessageKey, CosignerKeyError> {
        let path = DerivationPath::from_str(MESSAGE_KEY_PATH).map_err(CosignerKeyError::Syntax)?;
        let xprv = self.derive_xprv(&path)?;
        Ok(MessageKey {
            secret: xprv.private_key,
            network: self.network(),
        })
    }
}

impl MessageKey {
    /// The public key (compressed).
    pub fn public_key(&self) -> PublicKey {
        PublicKey::from_secret_key(&crate::SECP, &self.secret)
    }

    /// The Liquid P2PKH address of the key (what `verifymessage` takes).
    pub fn address(&self) -> elements::Address {
        p2pkh_address(&self.public_key(), self.network)
    }

    /// Signs `message` the way `signmessage` does; base64 of 65 bytes.
    pub fn sign(&self, message: &str) -> String {
        let digest = signed_msg_hash(message);
        let msg = Message::from_digest(digest.to_byte_array());
        let signature = crate::SECP.sign_ecdsa_recoverable(&msg, &self.secret);
        MessageSignature::new(signature, true).to_base64()
    }
}

/// The Liquid P2PKH address of a public key on `network`.
pub fn p2pkh_address(key: &PublicKey, network: Network) -> elements::Address {
    let key = elements::bitcoin::PublicKey::new(*key);
    elements::Address::p2pkh(&key, None, network.address_params())
}

/// The public key that made a `signmessage` signature over `message`, if the signature
/// parses and recovers (what an issuer compares with the published key).
pub fn recover_signer(message: &str, signature_base64: &str) -> Option<PublicKey> {
    let signature = MessageSignature::from_base64(signature_base64).ok()?;
    let digest = signed_msg_hash(message);
    let msg = Message::from_digest(digest.to_byte_array());
    crate::SECP.recover_ecdsa(&msg, &signature.signature).ok()
}

impl fmt::Debug for MessageKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("MessageKey")
            .field("public_key", &self.public_key())
            .field("secret", &"<redacted>")
            .finish()
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn a_signature_recovers_the_published_key_and_only_for_its_message() {
        let master = CosignerMaster::generate(Network::ElementsRegtest).unwrap();
        let key = master.message_key().unwrap();
        let signature = key.sign(r#"{"a":1}"#);
        assert_eq!(base64_len(&signature), 65);
        assert_eq!(
            recover_signer(r#"{"a":1}"#, &signature),
            Some(key.public_key())
        );
        assert_ne!(
            recover_signer(r#"{"a":2}"#, &signature),
            Some(key.public_key())
        );
        assert!(recover_signer("x", "not base64").is_none());
    }

    #[test]
    fn the_message_key_is_stable_and_not_an_account_key() {
        let master = CosignerMaster::generate(Network::Liquid).unwrap();
        let a = master.message_key().unwrap().public_key();
        assert_eq!(a, master.message_key().unwrap().public_key());
        let account = master.account_key(0).unwrap();
        assert_ne!(account.xpub().public_key, a);
        // A Liquid P2PKH address of that key (its first character varies with the key).
        let address = master.message_key().unwrap().address();
        assert_eq!(address.params, &elements::AddressParams::LIQUID);
        assert!(matches!(
            address.payload,
            elements::address::Payload::PubkeyHash(_)
        ));
        assert!(address.blinding_pubkey.is_none());
    }

    fn base64_len(text: &str) -> usize {
        // 65 bytes encode to 88 characters with one '=' of padding.
        assert_eq!(text.len(), 88);
        65
    }
}

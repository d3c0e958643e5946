//! Bitcoin-style message signatures (`signmessage` / `verifymessage`), which Elements keeps
//! unchanged: a compact recoverable ECDSA signature over
//! SHA256d(varstr("Bitcoin Signed Message:\n") || varstr(message)), base64-encoded.

use base64::Engine;
use elements::hashes::{sha256d, HashEngine};
use elements::secp256k1_zkp::ecdsa::{RecoverableSignature, RecoveryId};
use elements::secp256k1_zkp::{Message, PublicKey, Secp256k1, SecretKey};

const MAGIC: &str = "Bitcoin Signed Message:\n";

fn varstr(engine: &mut sha256d::HashEngine, data: &[u8]) {
    let mut len = Vec::new();
    // Messages are far below 0xfd bytes in practice, but encode any length correctly.
    match data.len() {
        n if n < 0xfd => len.push(u8::try_from(n).unwrap_or(0)),
        n if n <= 0xffff => {
            len.push(0xfd);
            len.extend_from_slice(&u16::try_from(n).unwrap_or(0).to_le_bytes());
        }
        n => {
            len.push(0xfe);
            len.extend_from_slice(&u32::try_from(n).unwrap_or(0).to_le_bytes());
        }
    }
    engine.input(&len);
    engine.input(data);
}

/// The message hash that gets signed.
pub fn message_hash(message: &str) -> [u8; 32] {
    let mut engine = sha256d::Hash::engine();
    varstr(&mut engine, MAGIC.as_bytes());
    varstr(&mut engine, message.as_bytes());
    sha256d::Hash::from_engine(engine).to_byte_array()
}

/// Signs `message` with a compressed key; returns the base64 signature.
pub fn sign(secret: &SecretKey, message: &str) -> String {
    let secp = Secp256k1::signing_only();
    let sig = secp.sign_ecdsa_recoverable(&Message::from_digest(message_hash(message)), secret);
    let (id, bytes) = sig.serialize_compact();
    let mut out = vec![27 + 4 + u8::try_from(id.to_i32()).unwrap_or(0)];
    out.extend_from_slice(&bytes);
    base64::engine::general_purpose::STANDARD.encode(out)
}

/// Recovers the public key that signed `message`, if the signature is well formed.
pub fn recover(signature: &str, message: &str) -> Option<PublicKey> {
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(signature)
        .ok()?;
    let (header, rest) = bytes.split_first()?;
    let id = RecoveryId::from_i32(i32::from(header.checked_sub(27)? & 3)).ok()?;
    let sig = RecoverableSignature::from_compact(rest, id).ok()?;
    Secp256k1::verification_only()
        .recover_ecdsa(&Message::from_digest(message_hash(message)), &sig)
        .ok()
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use std::str::FromStr;

    #[test]
    fn recorded_elements_signature_recovers_the_legacy_address_key() {
        let address = elements::Address::from_str(
            "CTEsqXf8eGjTEnw7E2uyT6JHmcp2VRFsitKdL8rVCej58EmnsiW537wnEWt4U9Wb67MjjTdM5Y2KPGQ4",
        )
        .unwrap();
        let pk = recover(
            "IGFVdDcmOkk8i9M1a1x36PFYuTnX1S77Xm3GKBc5miZlNGwpO3vUFB3akqq6E5lQp+0b5RRa2iLiHPpzIciHlZY=",
            "message",
        )
        .unwrap();
        let script = address.script_pubkey();
        assert_eq!(
            crate::keys::pubkey_hash(&pk).as_byte_array()[..],
            script.as_bytes()[3..23]
        );
    }

    #[test]
    fn signatures_round_trip() {
        let sk = SecretKey::from_slice(&[7u8; 32]).unwrap();
        let pk = PublicKey::from_secret_key(&Secp256k1::new(), &sk);
        assert_eq!(recover(&sign(&sk, "hello"), "hello"), Some(pk));
    }
}

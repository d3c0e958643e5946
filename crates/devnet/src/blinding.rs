//! Confidential outputs: blinding a wallet transaction and printing blinders.
//!
//! Outputs whose nonce holds the receiver's blinding pubkey are blinded with
//! `Transaction::blind` (range proofs at Elements' default 52 bits, surjection proofs over the
//! inputs and issuances); the receiver unblinds with the address's blinding private key,
//! exactly as with Elements.

use elements::confidential::{AssetBlindingFactor, ValueBlindingFactor};
use elements::secp256k1_zkp::{All, Secp256k1};
use elements::{CtLocationType, Transaction, TxOutSecrets};

use crate::error::RpcError;

/// Blinds every output whose nonce carries a blinding pubkey (a no-op when there is none);
/// returns the secrets of every output, zero blinders for explicit ones.
pub fn blind_outputs(
    tx: &mut Transaction,
    secp: &Secp256k1<All>,
    spent: &[TxOutSecrets],
) -> Result<Vec<TxOutSecrets>, RpcError> {
    let mut secrets: Vec<TxOutSecrets> = tx
        .output
        .iter()
        .map(|o| {
            TxOutSecrets::new(
                o.asset.explicit().unwrap_or_default(),
                AssetBlindingFactor::zero(),
                o.value.explicit().unwrap_or(0),
                ValueBlindingFactor::zero(),
            )
        })
        .collect();
    let to_blind = tx
        .output
        .iter()
        .filter(|o| !o.is_fee() && o.nonce.is_confidential())
        .count();
    if to_blind == 0 {
        return Ok(secrets);
    }
    let blinds = tx
        .blind(&mut rand::thread_rng(), secp, spent, false)
        .map_err(|e| RpcError::wallet(format!("Unable to blind the transaction properly: {e}")))?;
    for (location, (abf, vbf, _)) in blinds {
        if location.ty == CtLocationType::Input {
            if let Some(s) = secrets.get_mut(location.input_index) {
                s.asset_bf = abf;
                s.value_bf = vbf;
            }
        }
    }
    Ok(secrets)
}

/// 32 bytes printed in uint256 display order (byte-reversed), as Elements prints blinders.
pub fn display_hex(bytes: &[u8]) -> String {
    let mut v = bytes.to_vec();
    v.reverse();
    hex::encode(v)
}

/// Asset blinder of unblinded secrets, display order.
pub fn asset_blinder_hex(s: &TxOutSecrets) -> String {
    display_hex(&s.asset_bf.into_inner().as_ref()[..])
}

/// Value blinder of unblinded secrets, display order.
pub fn value_blinder_hex(s: &TxOutSecrets) -> String {
    display_hex(&s.value_bf.into_inner().as_ref()[..])
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use elements::encode::deserialize;
    use elements::secp256k1_zkp::{Secp256k1, SecretKey};
    use serde_json::Value;

    use super::*;

    fn fixtures_dir() -> std::path::PathBuf {
        match std::env::var("TESSERA_RPC_FIXTURES") {
            Ok(dir) => dir.into(),
            Err(_) => std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"))
                .join("../../testdata/elements-rpc"),
        }
    }

    #[test]
    fn recorded_outputs_unblind_to_the_recorded_values_and_blinders() {
        let text = std::fs::read_to_string(fixtures_dir().join("unblind-vectors.json")).unwrap();
        let doc: Value = serde_json::from_str(&text).unwrap();
        let tx: Transaction =
            deserialize(&hex::decode(doc["tx_hex"].as_str().unwrap()).unwrap()).unwrap();
        let secp = Secp256k1::new();
        for v in doc["outputs"].as_array().unwrap() {
            let out = &tx.output[v["vout"].as_u64().unwrap() as usize];
            let key = SecretKey::from_slice(
                &hex::decode(v["blinding_private_key"].as_str().unwrap()).unwrap(),
            )
            .unwrap();
            let secrets = out.unblind(&secp, key).unwrap();
            assert_eq!(secrets.value, v["value"].as_u64().unwrap());
            assert_eq!(secrets.asset.to_string(), v["asset_id"].as_str().unwrap());
            assert_eq!(
                asset_blinder_hex(&secrets),
                v["asset_blinder"].as_str().unwrap()
            );
            assert_eq!(
                value_blinder_hex(&secrets),
                v["value_blinder"].as_str().unwrap()
            );
        }
    }
}

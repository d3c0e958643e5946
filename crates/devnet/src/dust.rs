//! Elements' dust rule for L-BTC outputs, so the devnet refuses what the node refuses.
//!
//! The node's wallet will not create a policy-asset output worth less than what spending it
//! would cost at the dust relay fee (100 sat/kvB on Elements): `sendtoaddress` and
//! `sendmany` answer -6 "Transaction amount too small", `fundrawtransaction` -4. The cost
//! is the output's size — explicit value, the nonce of a confidential address counted —
//! plus the size of the input that will spend it (67 bytes for a witness program, 148
//! otherwise), rounded up. Measured on Elements Core 23.3.3: 17 sat is the smallest payment
//! to a confidential P2WPKH address, 14 to an unconfidential one, 18 and 15 for P2TR.
//! Issued assets have no dust limit (one base unit can be sent), and provably unspendable
//! outputs (`OP_RETURN` data) are exempt.

use elements::{AssetId, Script};

use crate::error::RpcError;

/// The dust relay fee, base units per 1000 bytes.
const DUST_RELAY_FEE_PER_KVB: u64 = 100;
/// Explicit asset (33) and explicit value (9) of an output.
const ASSET_AND_VALUE: u64 = 33 + 9;
/// Input spending a witness program: outpoint, empty scriptSig, sequence, witness / 4.
const WITNESS_SPEND: u64 = 32 + 4 + 1 + 107 / 4 + 4;
/// Input spending anything else.
const LEGACY_SPEND: u64 = 32 + 4 + 1 + 107 + 4;

/// The smallest value of an output of `script` (to a confidential address when
/// `confidential`) that the node's wallet creates; 0 when there is no limit.
pub fn threshold(script: &Script, confidential: bool) -> u64 {
    if script.is_provably_unspendable() {
        return 0;
    }
    let nonce = if confidential { 33 } else { 1 };
    let script_len = script.len() as u64;
    let length_prefix = if script_len < 253 { 1 } else { 3 };
    let spend = if script.is_witness_program() {
        WITNESS_SPEND
    } else {
        LEGACY_SPEND
    };
    let size = ASSET_AND_VALUE + nonce + length_prefix + script_len + spend;
    (size * DUST_RELAY_FEE_PER_KVB).div_ceil(1000)
}

/// Refuses, with the node's `code`, an output of the policy asset below [`threshold`].
pub fn check(
    policy: AssetId,
    asset: AssetId,
    value: u64,
    script: &Script,
    confidential: bool,
    code: i32,
) -> Result<(), RpcError> {
    if asset == policy && value < threshold(script, confidential) {
        return Err(RpcError::new(code, "Transaction amount too small"));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn script(prefix: &[u8], body: &[u8], suffix: &[u8]) -> Script {
        Script::from([prefix, body, suffix].concat())
    }

    #[test]
    fn thresholds_match_what_the_node_was_measured_to_refuse() {
        let p2wpkh = script(&[0x00, 0x14], &[7; 20], &[]);
        assert_eq!(threshold(&p2wpkh, true), 17);
        assert_eq!(threshold(&p2wpkh, false), 14);
        let p2tr = script(&[0x51, 0x20], &[7; 32], &[]);
        assert_eq!(threshold(&p2tr, true), 18);
        assert_eq!(threshold(&p2tr, false), 15);
        let p2pkh = script(&[0x76, 0xa9, 0x14], &[7; 20], &[0x88, 0xac]);
        assert!(threshold(&p2pkh, false) > threshold(&p2wpkh, false));
        assert_eq!(threshold(&Script::new_op_return(&[0]), false), 0);
    }
}

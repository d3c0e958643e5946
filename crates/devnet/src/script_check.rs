//! Signature checks for the script types Tessera spends: p2wpkh, p2wsh (single key or
//! `OP_CHECKMULTISIG` m-of-n, the managed-account 2-of-2), p2sh-wrapped segwit, p2pkh, and the
//! genesis OP_TRUE output.
//!
//! This is not a script interpreter: it recognises the templates, recomputes the Elements
//! sighash with `SighashCache` and verifies each ECDSA signature. Anything else is rejected
//! with a clear `-26` rather than accepted unchecked.

use elements::hashes::{hash160, sha256};
use elements::opcodes::all as op;
use elements::script::Instruction;
use elements::secp256k1_zkp::{ecdsa, All, Message, PublicKey, Secp256k1};
use elements::sighash::SighashCache;
use elements::{EcdsaSighashType, Script, Transaction, TxOut};

use crate::error::RpcError;

const EVAL_FALSE: &str =
    "mandatory-script-verify-flag-failed (Script evaluated without error but finished with a false/empty top stack element)";

/// Verifies every input's script against the output it spends.
pub fn verify_inputs(
    tx: &Transaction,
    spent: &[TxOut],
    secp: &Secp256k1<All>,
) -> Result<(), RpcError> {
    let mut cache = SighashCache::new(tx);
    for (index, (input, prev)) in tx.input.iter().zip(spent).enumerate() {
        let spk = &prev.script_pubkey;
        let witness: Vec<Vec<u8>> = input.witness.script_witness.to_vec();
        if spk.as_bytes() == [0x51] {
            continue;
        }
        if spk.is_p2pkh() {
            let pushes = pushes(&input.script_sig)?;
            let [sig, pk] = pushes.as_slice() else {
                return Err(RpcError::rejected(EVAL_FALSE));
            };
            check_key_hash(pk, &spk.as_bytes()[3..23])?;
            let (sig, ty) = split_sig(sig)?;
            let hash = cache.legacy_sighash(index, spk, ty);
            verify(secp, hash.to_byte_array(), &sig, pk)?;
            continue;
        }
        let (program, is_wsh) = if spk.is_v0_p2wpkh() {
            (spk.as_bytes()[2..].to_vec(), false)
        } else if spk.is_v0_p2wsh() {
            (spk.as_bytes()[2..].to_vec(), true)
        } else if spk.is_p2sh() {
            let pushes = pushes(&input.script_sig)?;
            let [redeem] = pushes.as_slice() else {
                return Err(RpcError::rejected(EVAL_FALSE));
            };
            if hash160::Hash::hash(redeem).as_byte_array()[..] != spk.as_bytes()[2..22] {
                return Err(RpcError::rejected(EVAL_FALSE));
            }
            let redeem = Script::from(redeem.clone());
            if redeem.is_v0_p2wpkh() {
                (redeem.as_bytes()[2..].to_vec(), false)
            } else if redeem.is_v0_p2wsh() {
                (redeem.as_bytes()[2..].to_vec(), true)
            } else {
                return Err(unsupported());
            }
        } else {
            return Err(unsupported());
        };
        if is_wsh {
            let Some((ws, stack)) = witness.split_last() else {
                return Err(RpcError::rejected(EVAL_FALSE));
            };
            if sha256::Hash::hash(ws).as_byte_array()[..] != program[..] {
                return Err(RpcError::rejected(
                    "mandatory-script-verify-flag-failed (Witness program hash mismatch)",
                ));
            }
            let ws = Script::from(ws.clone());
            let (required, keys) = parse_witness_script(&ws).ok_or_else(unsupported)?;
            // CHECKMULTISIG pops one extra (dummy) element; a single-key script has none.
            let sigs: &[Vec<u8>] = if keys.len() == 1 && required == 1 && stack.len() == 1 {
                stack
            } else {
                match stack.split_first() {
                    Some((dummy, rest)) if dummy.is_empty() => rest,
                    _ => return Err(RpcError::rejected(EVAL_FALSE)),
                }
            };
            if sigs.len() != required {
                return Err(RpcError::rejected(EVAL_FALSE));
            }
            let mut key_iter = keys.iter();
            for sig in sigs {
                let (sig, ty) = split_sig(sig)?;
                let hash = cache
                    .segwitv0_sighash(index, &ws, prev.value, ty)
                    .to_byte_array();
                // Signatures must appear in key order, as OP_CHECKMULTISIG requires.
                let ok = key_iter
                    .by_ref()
                    .any(|pk| verify(secp, hash, &sig, pk).is_ok());
                if !ok {
                    return Err(RpcError::rejected(EVAL_FALSE));
                }
            }
        } else {
            let [sig, pk] = witness.as_slice() else {
                return Err(RpcError::rejected(EVAL_FALSE));
            };
            check_key_hash(pk, &program)?;
            let script_code = crate::keys::p2pkh_script(&program);
            let (sig, ty) = split_sig(sig)?;
            let hash = cache.segwitv0_sighash(index, &script_code, prev.value, ty);
            verify(secp, hash.to_byte_array(), &sig, pk)?;
        }
    }
    Ok(())
}

fn unsupported() -> RpcError {
    RpcError::rejected("non-mandatory-script-verify-flag (script type not supported by the devnet)")
}

fn check_key_hash(pk: &[u8], expected: &[u8]) -> Result<(), RpcError> {
    if hash160::Hash::hash(pk).as_byte_array()[..] == expected[..] {
        Ok(())
    } else {
        Err(RpcError::rejected(
            "mandatory-script-verify-flag-failed (Script failed an OP_EQUALVERIFY operation)",
        ))
    }
}

fn split_sig(sig: &[u8]) -> Result<(ecdsa::Signature, EcdsaSighashType), RpcError> {
    let Some((ty, der)) = sig.split_last() else {
        return Err(RpcError::rejected(EVAL_FALSE));
    };
    let mut sig = ecdsa::Signature::from_der(der).map_err(|_| {
        RpcError::rejected("mandatory-script-verify-flag-failed (Non-canonical DER signature)")
    })?;
    sig.normalize_s();
    Ok((sig, EcdsaSighashType::from_u32(u32::from(*ty))))
}

fn verify(
    secp: &Secp256k1<All>,
    hash: [u8; 32],
    sig: &ecdsa::Signature,
    pk: &[u8],
) -> Result<(), RpcError> {
    let pk = PublicKey::from_slice(pk).map_err(|_| RpcError::rejected(EVAL_FALSE))?;
    let msg = Message::from_digest(hash);
    secp.verify_ecdsa(&msg, sig, &pk)
        .map_err(|_| RpcError::rejected(EVAL_FALSE))
}

/// The data pushes of a scriptSig (push-only).
fn pushes(script: &Script) -> Result<Vec<Vec<u8>>, RpcError> {
    let mut out = Vec::new();
    for ins in script.instructions() {
        match ins {
            Ok(Instruction::PushBytes(b)) => out.push(b.to_vec()),
            _ => return Err(RpcError::rejected("scriptsig-not-pushonly")),
        }
    }
    Ok(out)
}

/// `<pk> OP_CHECKSIG` → (1, [pk]); `OP_m <pk>… OP_n OP_CHECKMULTISIG` → (m, keys).
pub fn parse_witness_script(ws: &Script) -> Option<(usize, Vec<Vec<u8>>)> {
    let ins: Vec<Instruction<'_>> = ws.instructions().collect::<Result<_, _>>().ok()?;
    match ins.as_slice() {
        [Instruction::PushBytes(pk), Instruction::Op(o)] if *o == op::OP_CHECKSIG => {
            Some((1, vec![pk.to_vec()]))
        }
        [Instruction::Op(m), keys @ .., Instruction::Op(n), Instruction::Op(c)]
            if *c == op::OP_CHECKMULTISIG =>
        {
            let m = small_int(*m)?;
            let n = small_int(*n)?;
            let keys: Vec<Vec<u8>> = keys
                .iter()
                .map(|k| match k {
                    Instruction::PushBytes(b) => Some(b.to_vec()),
                    _ => None,
                })
                .collect::<Option<_>>()?;
            (keys.len() == n && m <= n && m > 0).then_some((m, keys))
        }
        _ => None,
    }
}

fn small_int(o: elements::opcodes::All) -> Option<usize> {
    let code = o.into_u8();
    (0x51..=0x60)
        .contains(&code)
        .then(|| usize::from(code - 0x50))
}

//! Wallet transaction building: coin selection, issuance fields, change, blinding, signing
//! and the fee loop.
//!
//! The fee is paid in the policy asset at [`FEE_PER_VB`] sat/vB of the real, blinded and
//! signed transaction. Blinding dominates the cost (a range proof per output), so we first
//! build and sign without blinding, add the exact size of the commitments and proofs to
//! come, and blind once with that fee; only if the result is still larger (signature-length
//! jitter, unusually large values) do we rebuild with the measured size.

use elements::confidential::{AssetBlindingFactor, ValueBlindingFactor};
use elements::issuance::AssetBlindingNonce;
use elements::secp256k1_zkp::{All, PublicKey, Secp256k1, SecretKey};
use elements::{
    confidential, AssetEntropy, AssetId, AssetIssuance, ContractHash, LockTime, OutPoint, Script,
    Sequence, Transaction, TxIn, TxInWitness, TxOut, TxOutSecrets,
};

use crate::blinding;
use crate::chain::{explicit_out, Chain};
use crate::coin_selection::{add_change, select};
use crate::error::RpcError;
use crate::keys::KeyKind;
use crate::signing;
use crate::validation::MAX_STANDARD_WEIGHT;
use crate::wallet::{IssuanceRecord, SentOutput, Wallet};

/// Fee rate of wallet transactions, sat per vbyte (Elements' `-fallbackfee=0.00001`).
pub const FEE_PER_VB: u64 = 1;

/// One output to create.
#[derive(Debug, Clone)]
pub struct Payment {
    /// Destination script (OP_RETURN for burns).
    pub script: Script,
    /// Blinding key of a confidential destination, `None` for explicit.
    pub blinder: Option<PublicKey>,
    /// Asset paid.
    pub asset: AssetId,
    /// Amount in base units.
    pub value: u64,
}

/// A new issuance or a reissuance carried by the first input.
#[derive(Debug, Clone)]
pub enum IssuancePlan {
    /// `issueasset`.
    Issue {
        /// Asset amount.
        amount: u64,
        /// Reissuance token amount (0 = none).
        token_amount: u64,
        /// Blind the issued amounts.
        blind: bool,
        /// Contract hash (display order as passed to the RPC).
        contract_hash: ContractHash,
    },
    /// `reissueasset`.
    Reissue {
        /// Its issuance entropy.
        entropy: AssetEntropy,
        /// The token output spent (and paid back).
        token_outpoint: OutPoint,
        /// Amount to create.
        amount: u64,
    },
}

/// What a wallet wants to do.
#[derive(Debug, Clone, Default)]
pub struct Plan {
    /// Outputs to pay.
    pub payments: Vec<Payment>,
    /// Optional issuance on input 0.
    pub issuance: Option<IssuancePlan>,
    /// Signal BIP125 replaceability (sequence 0xfffffffd).
    pub replaceable: bool,
    /// Error code for insufficient funds (-6 sends, -4 issueasset).
    pub insufficient_code: Option<i32>,
}

/// A built, signed transaction and the issuance secrets it created.
#[derive(Debug, Clone)]
pub struct Built {
    /// The transaction.
    pub tx: Transaction,
    /// Issuance record of input 0, if any.
    pub issuance: Option<IssuanceRecord>,
    /// Secrets of every output (what `gettransaction` shows for payments to others).
    pub outputs: Vec<SentOutput>,
}

/// Builds and signs `plan` from `wallet`'s coins.
pub fn build(
    wallet: &mut Wallet,
    chain: &Chain,
    secp: &Secp256k1<All>,
    plan: &Plan,
) -> Result<Built, RpcError> {
    let insufficient = || RpcError::new(plan.insufficient_code.unwrap_or(-6), "Insufficient funds");
    let policy = chain.policy_asset();
    let mut fee = 200;
    // Pass 1 builds and signs without blinding (cheap) to estimate the blinded size; the
    // next passes blind, and only repeat if the estimate was short.
    let mut blind_pass = false;
    for _ in 0..6 {
        let mut attempt = plan.payments.clone();
        let mut issuance_outputs: Vec<Payment> = Vec::new();
        // Issuance outputs go to fresh receive addresses of the wallet, blinded.
        let (issue_asset, issue_token) = match &plan.issuance {
            Some(IssuancePlan::Issue {
                amount,
                token_amount,
                ..
            }) => (Some(*amount), Some(*token_amount)),
            Some(IssuancePlan::Reissue { amount, .. }) => (Some(*amount), None),
            None => (None, None),
        };
        let coins = select(wallet, chain, &attempt, fee, plan, policy).ok_or_else(insufficient)?;
        let mut inputs: Vec<(OutPoint, TxOut, TxOutSecrets)> = coins;
        let mut tx_inputs: Vec<TxIn> = inputs
            .iter()
            .map(|(op, _, _)| new_input(*op, plan.replaceable))
            .collect();
        let mut issuance_record = None;
        let mut issuance_secrets: Vec<TxOutSecrets> = Vec::new();
        let mut blind_issuance: Option<(ValueBlindingFactor, ValueBlindingFactor)> = None;
        if let Some(issuance) = &plan.issuance {
            let first = tx_inputs.first_mut().ok_or_else(insufficient)?;
            match issuance {
                IssuancePlan::Issue {
                    amount,
                    token_amount,
                    blind,
                    contract_hash,
                } => {
                    first.asset_issuance = AssetIssuance {
                        asset_blinding_nonce: AssetBlindingNonce::from_byte_array([0; 32]),
                        asset_entropy: AssetEntropy::from_byte_array(contract_hash.to_byte_array()),
                        amount: confidential::Value::Explicit(*amount),
                        inflation_keys: if *token_amount > 0 {
                            confidential::Value::Explicit(*token_amount)
                        } else {
                            confidential::Value::Null
                        },
                    };
                    if *blind {
                        let vbf_a = ValueBlindingFactor::new(&mut rand::thread_rng());
                        let vbf_t = ValueBlindingFactor::new(&mut rand::thread_rng());
                        blind_issuance = Some((vbf_a, vbf_t));
                    }
                }
                IssuancePlan::Reissue {
                    entropy,
                    token_outpoint,
                    ..
                } => {
                    // The token input goes first and carries the reissuance.
                    let pos = inputs
                        .iter()
                        .position(|(op, _, _)| op == token_outpoint)
                        .ok_or_else(insufficient)?;
                    inputs.swap(0, pos);
                    tx_inputs.swap(0, pos);
                    let token_abf = inputs[0].2.asset_bf;
                    tx_inputs[0].asset_issuance = AssetIssuance {
                        asset_blinding_nonce: AssetBlindingNonce::from_blinding_factor(token_abf),
                        asset_entropy: *entropy,
                        amount: confidential::Value::Explicit(issue_asset.unwrap_or(0)),
                        inflation_keys: confidential::Value::Null,
                    };
                    let vbf_a = ValueBlindingFactor::new(&mut rand::thread_rng());
                    blind_issuance = Some((vbf_a, ValueBlindingFactor::zero()));
                }
            }
            let probe = TxIn {
                asset_issuance: tx_inputs[0].asset_issuance,
                previous_output: tx_inputs[0].previous_output,
                ..new_input(tx_inputs[0].previous_output, false)
            };
            let blinded = blind_issuance.is_some();
            let mut probe = probe;
            if blinded {
                // issuance_ids() derives the token id from whether the amount is confidential.
                probe.asset_issuance.amount =
                    confidential::Value::Confidential(dummy_commitment(secp));
            }
            let (asset_id, token_id) = probe.issuance_ids();
            let (vbf_a, vbf_t) = blind_issuance
                .unwrap_or((ValueBlindingFactor::zero(), ValueBlindingFactor::zero()));
            if let Some(a) = issue_asset {
                issuance_secrets.push(TxOutSecrets::new(
                    asset_id,
                    AssetBlindingFactor::zero(),
                    a,
                    vbf_a,
                ));
                let script = wallet.next_script(secp, KeyKind::Wpkh, false, Some(""));
                let blinder = Some(wallet.blinding_pubkey(secp, &script));
                issuance_outputs.push(Payment {
                    script,
                    blinder,
                    asset: asset_id,
                    value: a,
                });
            }
            if let Some(t) = issue_token.filter(|t| *t > 0) {
                issuance_secrets.push(TxOutSecrets::new(
                    token_id,
                    AssetBlindingFactor::zero(),
                    t,
                    vbf_t,
                ));
                let script = wallet.next_script(secp, KeyKind::Wpkh, false, Some(""));
                let blinder = Some(wallet.blinding_pubkey(secp, &script));
                issuance_outputs.push(Payment {
                    script,
                    blinder,
                    asset: token_id,
                    value: t,
                });
            }
            issuance_record = Some(IssuanceRecord {
                asset_amount: issue_asset.unwrap_or(0),
                token_amount: issue_token.unwrap_or(0),
                asset_blinds: if blinded {
                    blinding::display_hex(&vbf_a.into_inner()[..])
                } else {
                    zero_hex()
                },
                token_blinds: if blinded && issue_token.unwrap_or(0) > 0 {
                    blinding::display_hex(&vbf_t.into_inner()[..])
                } else {
                    zero_hex()
                },
            });
        }
        // Issued outputs first (Elements puts them at vout 0..), then payments, then change.
        issuance_outputs.append(&mut attempt);
        let mut outputs = issuance_outputs;
        add_change(wallet, secp, &inputs, &mut outputs, fee, policy, plan)?;
        let mut tx_outputs: Vec<TxOut> = outputs.iter().map(payment_out).collect();
        tx_outputs.push(TxOut::new_fee(fee, policy));
        let mut tx = Transaction {
            version: 2,
            lock_time: LockTime::from_height(chain.tip_height()).unwrap_or(LockTime::ZERO),
            input: tx_inputs,
            output: tx_outputs,
        };
        if let Some((vbf_a, vbf_t)) = blind_issuance.filter(|_| blind_pass) {
            let sk_a = SecretKey::new(&mut rand::thread_rng());
            let sk_t = SecretKey::new(&mut rand::thread_rng());
            tx.input[0]
                .blind_issuances_with_bfs(secp, vbf_a, vbf_t, sk_a, sk_t)
                .map_err(|e| RpcError::wallet(format!("issuance blinding failed: {e}")))?;
        }
        // Surjection domain: each input's asset, followed by its issuance assets.
        let mut spent_secrets: Vec<TxOutSecrets> = Vec::new();
        for (i, (_, _, secrets)) in inputs.iter().enumerate() {
            spent_secrets.push(*secrets);
            if i == 0 {
                spent_secrets.extend(issuance_secrets.iter().copied());
            }
        }
        let output_secrets = if blind_pass {
            blinding::blind_outputs(&mut tx, secp, &spent_secrets)?
        } else {
            Vec::new()
        };
        signing::sign_inputs(&mut tx, wallet, secp, &inputs)?;
        if !blind_pass {
            let blinded_issuances = if blind_issuance.is_some() {
                tx.input[0].asset_issuance.amount.is_explicit() as usize
                    + tx.input[0].asset_issuance.inflation_keys.is_explicit() as usize
            } else {
                0
            };
            let weight = estimated_blinded_weight(&tx, spent_secrets.len(), blinded_issuances);
            if weight > MAX_STANDARD_WEIGHT {
                return Err(RpcError::new(-6, "Transaction too large"));
            }
            fee = (weight as u64).div_ceil(4) * FEE_PER_VB + 4;
            blind_pass = true;
            continue;
        }
        if tx.weight() > MAX_STANDARD_WEIGHT {
            return Err(RpcError::new(-6, "Transaction too large"));
        }
        let needed = tx.vsize() as u64 * FEE_PER_VB;
        if needed <= fee {
            let outputs = output_secrets
                .iter()
                .map(SentOutput::from_secrets)
                .collect();
            return Ok(Built {
                tx,
                issuance: issuance_record,
                outputs,
            });
        }
        fee = needed + 2;
    }
    Err(RpcError::wallet("fee estimation did not converge"))
}

/// Range proof bytes at Elements' default 52 private bits (values below 2^52 base units).
const RANGEPROOF_LEN: usize = 4174;

/// Weight `tx` (built unblinded, signed) will have once its confidential outputs and
/// `blinded_issuances` issuance amounts are blinded over a surjection domain of `domain`.
fn estimated_blinded_weight(tx: &Transaction, domain: usize, blinded_issuances: usize) -> usize {
    let used = domain.min(3);
    let surjection = 2 + domain.div_ceil(8) + 32 * (used + 1);
    let varint = |n: usize| if n < 0xfd { 1 } else { 3 };
    let blinded_outputs = tx
        .output
        .iter()
        .filter(|o| !o.is_fee() && o.nonce.is_confidential())
        .count();
    // Per output: the value commitment (33 bytes instead of 9; an explicit asset is already
    // 33 bytes) in the base size, proofs in the witness (replacing two empty lengths).
    let per_output = 4 * 24 + surjection + varint(surjection) + RANGEPROOF_LEN + 3 - 2;
    let per_issuance = 4 * 24 + RANGEPROOF_LEN + 3 - 1;
    tx.weight() + blinded_outputs * per_output + blinded_issuances * per_issuance
}

fn zero_hex() -> String {
    "0".repeat(64)
}

fn dummy_commitment(secp: &Secp256k1<All>) -> elements::secp256k1_zkp::PedersenCommitment {
    let gen = elements::secp256k1_zkp::Generator::new_unblinded(
        secp,
        elements::secp256k1_zkp::Tag::default(),
    );
    elements::secp256k1_zkp::PedersenCommitment::new_unblinded(secp, 1, gen)
}

fn new_input(previous_output: OutPoint, replaceable: bool) -> TxIn {
    TxIn {
        previous_output,
        is_pegin: false,
        script_sig: Script::new(),
        sequence: if replaceable {
            Sequence(0xffff_fffd)
        } else {
            Sequence(0xffff_fffe)
        },
        asset_issuance: AssetIssuance::null(),
        witness: TxInWitness::empty(),
    }
}

fn payment_out(p: &Payment) -> TxOut {
    let mut out = explicit_out(p.asset, p.value, p.script.clone());
    if let Some(blinder) = p.blinder {
        // Elements convention: the blinding pubkey sits in the nonce until blinding.
        out.nonce = confidential::Nonce::Confidential(blinder);
    }
    out
}

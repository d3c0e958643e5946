//! The submit path: read, check the investor's half, decide every asset, then sign.
//!
//! The platform's signature is produced only after every check passed, on the very PSET
//! that was checked (inputs rewritten from trusted data), and with SIGHASH_ALL, so nothing
//! about the transaction can change after the decision. The signed PSET never leaves the
//! server: it is finalized (both signatures verified by elements-miniscript's interpreter)
//! and broadcast through the server's node. Every refusal of a readable PSET is logged
//! for each managed asset it moves, with the rule's or the PSET check's code.

use super::cases::cases_of;
use super::facts::{read_pset, Payee, ReadTransfer};
use super::{evaluate, PsetRefusal, TransferError, TransferOutcome};
use crate::App;
use elements::pset::PartiallySignedTransaction;
use elements::{AssetId, EcdsaSighashType};
use tessera_core::transfer_rules::{ReasonCode, Verdict};
use tessera_core::ManagedAccount;
use tessera_custody::{check_investor_signatures, finalize, InvestorSignatureError};
use tessera_elements_rpc::AssetKey;

fn refused(code: &str, message: impl Into<String>) -> TransferOutcome {
    TransferOutcome::Refused {
        reason_code: code.to_owned(),
        message: message.into(),
    }
}

fn pset_refused(r: PsetRefusal, message: impl Into<String>) -> TransferOutcome {
    refused(r.as_str(), message)
}

/// Decides a submitted PSET and, if allowed, co-signs and broadcasts it.
pub(super) async fn submit(
    app: &App,
    sender: &ManagedAccount,
    text: &str,
) -> Result<TransferOutcome, TransferError> {
    let mut pset: PartiallySignedTransaction = match text.trim().parse() {
        Ok(p) => p,
        Err(e) => {
            return Ok(pset_refused(
                PsetRefusal::InvalidPset,
                format!("not a PSET: {e}"),
            ))
        }
    };
    if pset.inputs().is_empty() || pset.extract_tx().is_err() {
        return Ok(pset_refused(
            PsetRefusal::InvalidPset,
            "the PSET does not make a transaction",
        ));
    }
    let non_all = pset.inputs().iter().position(|i| {
        i.sighash_type
            .is_some_and(|t| t.ecdsa_hash_ty() != Some(EcdsaSighashType::All))
    });
    if let Some(input) = non_all {
        return Ok(pset_refused(
            PsetRefusal::SighashNotAll,
            format!("input {input} asks for a sighash type other than SIGHASH_ALL"),
        ));
    }
    let descriptor = app.descriptor_of(sender)?;
    let read = read_pset(app, sender, &descriptor, &mut pset).await?;
    let log = app.decision_log();
    let policy = policy_asset(app).await?;
    if let Some(outcome) = input_refusal(&read) {
        let cases = cases_of(app, sender, &read, policy).await?;
        log_all(app, cases).await?;
        return Ok(outcome);
    }
    let cases = cases_of(app, sender, &read, policy).await?;
    if let Err(e) = check_investor_signatures(&pset, &descriptor) {
        let code = match e {
            InvestorSignatureError::Missing(_) => PsetRefusal::InvestorSignatureMissing,
            InvestorSignatureError::SighashType { .. } => PsetRefusal::SighashNotAll,
            InvestorSignatureError::Malformed(_) => PsetRefusal::InvalidPset,
            _ => PsetRefusal::InvestorSignatureInvalid,
        };
        let message = e.to_string();
        for case in &cases {
            let record = evaluate::pset_refusal_record(case, code.as_str(), &message);
            if let Some(record) = record {
                log.record(record, app.now()).await?;
            }
        }
        return Ok(pset_refused(code, message));
    }
    if let Some((code, message)) = output_refusal(&read, policy, app.transfer_settings().max_fee) {
        for case in &cases {
            let record = evaluate::pset_refusal_record(case, code.as_str(), &message);
            if let Some(record) = record {
                log.record(record, app.now()).await?;
            }
        }
        return Ok(pset_refused(code, message));
    }
    let mut logged = Vec::new();
    for case in &cases {
        let decided = evaluate::decide_case(app, case).await?;
        let message = decided.record.as_ref().map(|r| r.message.clone());
        if let Some(record) = decided.record {
            logged.push(log.record(record, app.now()).await?);
        }
        if let Verdict::Refused(code) = decided.verdict {
            let message = message.unwrap_or_else(|| super::explain(decided.verdict, None));
            return Ok(refused(code.as_str(), message));
        }
    }
    let txid = sign_and_broadcast(app, sender, &mut pset).await?;
    for decision in &logged {
        log.set_txid(decision, &txid).await?;
    }
    tracing::info!(%txid, "transfer co-signed and broadcast");
    Ok(TransferOutcome::Broadcast { txid })
}

/// Inputs that are not the sender's, or spent, refuse the whole transfer first.
fn input_refusal(read: &ReadTransfer) -> Option<TransferOutcome> {
    let code = if read.inputs.iter().any(|i| !i.owned) {
        ReasonCode::InputNotOwned
    } else if read.inputs.iter().any(|i| !i.unspent) {
        ReasonCode::InputSpent
    } else {
        return None;
    };
    let verdict = Verdict::Refused(code);
    Some(refused(code.as_str(), super::explain(verdict, None)))
}

/// Outputs the platform must not sign whatever the asset rules say: a fee in anything
/// but the policy asset or above the maximum, and change the account cannot read.
fn output_refusal(
    read: &ReadTransfer,
    policy: AssetId,
    max_fee: u64,
) -> Option<(PsetRefusal, String)> {
    for output in &read.outputs {
        let vout = output.vout;
        match (&output.payee, output.value) {
            (Payee::Fee, Some((asset, _))) if asset != policy => {
                let message = format!("output {vout} is a fee in asset {asset}; fees are paid in the policy asset only");
                return Some((PsetRefusal::FeeNotPolicyAsset, message));
            }
            (Payee::Fee, None) => {
                let message = format!("output {vout} is a fee of unknown asset");
                return Some((PsetRefusal::FeeNotPolicyAsset, message));
            }
            (Payee::Fee, Some((_, fee))) if fee > max_fee => {
                let message =
                    format!("output {vout} is a fee of {fee} sat, above the maximum of {max_fee}");
                return Some((PsetRefusal::FeeTooHigh, message));
            }
            (Payee::Change, _) if !output.owner_readable => {
                let message = format!("output {vout} pays the sender but cannot be unblinded with the account's blinding key");
                return Some((PsetRefusal::ChangeNotUnblindable, message));
            }
            _ => {}
        }
    }
    None
}

/// Records the (refused) decisions of every managed asset of a transfer refused early.
async fn log_all(app: &App, cases: Vec<evaluate::Case>) -> Result<(), TransferError> {
    for case in &cases {
        if let Some(record) = evaluate::decide_case(app, case).await?.record {
            app.decision_log().record(record, app.now()).await?;
        }
    }
    Ok(())
}

pub(super) async fn policy_asset(app: &App) -> Result<AssetId, TransferError> {
    let node = app.node().ok_or(TransferError::NoNode)?;
    let labels = node.dump_asset_labels().await?;
    AssetKey::policy_asset()
        .resolve(&labels)
        .ok_or_else(|| TransferError::Internal("the node names no policy asset".into()))
}

async fn sign_and_broadcast(
    app: &App,
    sender: &ManagedAccount,
    pset: &mut PartiallySignedTransaction,
) -> Result<String, TransferError> {
    let cosigner = app.cosigner()?;
    let internal = |e: String| TransferError::Internal(e);
    cosigner
        .platform_sign(pset, sender.cosigner_index)
        .map_err(|e| internal(e.to_string()))?;
    let tx = finalize(pset, cosigner.network()).map_err(|e| internal(e.to_string()))?;
    let node = app.node().ok_or(TransferError::NoNode)?.node();
    let txid = node
        .send_raw_transaction(&elements::encode::serialize_hex(&tx))
        .await?;
    Ok(txid.to_string())
}

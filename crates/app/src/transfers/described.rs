//! The decision for a described transfer (`POST /api/assets/{uuid}/transfers/authorize`).
//!
//! Issuers and their back offices want to know whether a transfer would go through before
//! an investor tries it. The sender's inputs are the outputs it holds (unlocked ones
//! first), the receiver a GAID or an address; the decision, the endpoint call and the log
//! entry are those of a real submission, without a transaction (`tx_hex` is empty).

use super::cases::managed;
use super::decision_log::DecisionSource;
use super::evaluate::{decide_case, Case, CaseInput, CaseOutput};
use super::{explain, TransferError};
use crate::App;
use std::str::FromStr;
use tessera_core::transfer_rules::{InputFacts, OutputFacts, Verdict};
use tessera_core::{Asset, AssetUuid, Gaid, IssuerId};

/// A transfer described by its parties.
#[derive(Debug, Clone)]
pub struct DescribedTransfer {
    /// Sending GAID.
    pub sender: String,
    /// Receiving GAID or address.
    pub receiver: String,
    /// Base units.
    pub amount: u64,
}

/// The answer: AMP-style `result`, and the reason.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TransferAnswer {
    /// Allowed.
    pub result: bool,
    /// Why not.
    pub reason_code: Option<String>,
    /// One line for people.
    pub message: String,
}

impl App {
    /// Decides (and logs) a described transfer of an issuer's asset.
    pub async fn authorize_described(
        &self,
        issuer: IssuerId,
        uuid: AssetUuid,
        transfer: &DescribedTransfer,
    ) -> Result<TransferAnswer, TransferError> {
        let asset = self
            .store
            .asset(issuer, uuid)
            .await?
            .ok_or(TransferError::AssetNotFound(uuid))?;
        let sender = Gaid::parse(&transfer.sender)
            .map_err(|e| TransferError::BadRequest(format!("sender: {e}")))?;
        let sender = self.account_by_gaid(&sender).await?;
        let inputs = sender_inputs(self, &asset, &sender, transfer.amount).await?;
        let output = receiver_output(self, &asset, &sender, transfer).await?;
        let case = Case {
            asset_id: asset.asset_id,
            asset: Some(asset),
            inputs,
            outputs: vec![output],
            sender: Some(sender.gaid.clone()),
            tx_hex: String::new(),
            source: DecisionSource::Authorize,
        };
        let decided = decide_case(self, &case).await?;
        let mut message = explain(decided.verdict, None);
        if let Some(record) = decided.record {
            message = record.message.clone();
            self.decision_log().record(record, self.now()).await?;
        }
        Ok(TransferAnswer {
            result: decided.verdict.is_allowed(),
            reason_code: match decided.verdict {
                Verdict::Allowed => None,
                Verdict::Refused(code) => Some(code.as_str().to_owned()),
            },
            message,
        })
    }
}

/// The sender's outputs of the asset covering `amount`, unlocked first. If even all of
/// them do not cover it, an input the sender does not own stands for the shortfall.
async fn sender_inputs(
    app: &App,
    asset: &Asset,
    sender: &tessera_core::ManagedAccount,
    amount: u64,
) -> Result<Vec<CaseInput>, TransferError> {
    let mut held = Vec::new();
    for o in app.store.unspent_outputs(sender.id).await? {
        if o.asset_id != asset.asset_id.to_string() {
            continue;
        }
        let txid = elements::Txid::from_str(&o.txid)
            .map_err(|e| TransferError::Internal(e.to_string()))?;
        let locked = app
            .store
            .is_output_locked(asset.uuid, &txid, o.vout)
            .await?;
        held.push((locked, o.amount));
    }
    held.sort_by_key(|(locked, _)| *locked);
    let mut inputs = Vec::new();
    let mut covered = 0u64;
    for (vin, (locked, value)) in held.into_iter().enumerate() {
        if covered >= amount.max(1) {
            break;
        }
        covered = covered.saturating_add(value);
        inputs.push(CaseInput {
            facts: InputFacts {
                owned_by_sender: true,
                unspent: true,
                locked,
            },
            vin: u32::try_from(vin).unwrap_or(u32::MAX),
            amount: value,
            gaid: Some(sender.gaid.clone()),
        });
    }
    if covered < amount.max(1) {
        inputs.push(CaseInput {
            facts: InputFacts {
                owned_by_sender: false,
                unspent: true,
                locked: false,
            },
            vin: u32::try_from(inputs.len()).unwrap_or(u32::MAX),
            amount: amount.saturating_sub(covered),
            gaid: None,
        });
    }
    Ok(inputs)
}

async fn receiver_output(
    app: &App,
    asset: &Asset,
    sender: &tessera_core::ManagedAccount,
    transfer: &DescribedTransfer,
) -> Result<CaseOutput, TransferError> {
    let mut out = CaseOutput {
        facts: OutputFacts::Unmanaged,
        vout: 0,
        amount: transfer.amount,
        gaid: None,
        is_treasury: false,
        label: transfer.receiver.clone(),
    };
    let account = match Gaid::parse(&transfer.receiver) {
        Ok(gaid) => Some(app.account_by_gaid(&gaid).await?),
        Err(_) => {
            let address = elements::Address::from_str(&transfer.receiver).map_err(|_| {
                TransferError::BadRequest(format!(
                    "receiver {:?} is neither a GAID nor an address",
                    transfer.receiver
                ))
            })?;
            let script = address.script_pubkey().to_bytes();
            let treasury = app
                .store
                .treasury_addresses(asset.issuer, asset.uuid)
                .await?;
            if treasury.unwrap_or_default().contains(&transfer.receiver) {
                out.facts = OutputFacts::Treasury;
                out.is_treasury = true;
                return Ok(out);
            }
            match app.store.address_by_script(&script).await? {
                Some(a) => app.store.account(a.account).await?,
                None => None,
            }
        }
    };
    if let Some(account) = account {
        out.facts = if account.id == sender.id {
            OutputFacts::Change
        } else {
            managed(app, &account.gaid, Some(asset)).await?
        };
        out.label = account.gaid.to_string();
        out.gaid = Some(account.gaid);
    }
    Ok(out)
}

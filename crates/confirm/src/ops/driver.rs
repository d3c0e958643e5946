//! The journal-driven run of one paying request — the crash-safety rules in one place.
//!
//! | journal stage | what a run does |
//! |---|---|
//! | none | the file against the server's record ([`crate::record`]), script checks, record intent, pay, record txid, wait, report, record confirmed |
//! | `intent` | look for a wallet transaction made since the intent that matches the request; found → record it and resume; none → it was never sent: check and pay as a fresh run |
//! | `broadcast` | the txid is known: if the server already has it, done; else it must be in the mempool or a block (otherwise stop, never pay again), wait, report |
//! | `confirmed` | nothing: exit 0 |
//!
//! A journal that records a different request stops the run. The whole run holds the
//! journal's lock ([`crate::lock`]), so a second run at the same time stops at once.

use std::path::Path;

use crate::error::ConfirmError;
use crate::failpoint::{self, Failpoint};
use crate::journal::{Journal, JournalError, Request, Stage};
use crate::lock::RunLock;
use crate::node::TxState;
use crate::ops::{Ctx, Job, Outcome, Sent, Status};
use crate::wait::wait_for_confirmations;

/// Runs `job` with its journal at `journal_path`; `existing` is `--use-existing`.
pub async fn execute_job(
    ctx: &Ctx,
    job: &Job,
    journal_path: &Path,
    existing: Option<Sent>,
) -> Result<Outcome, ConfirmError> {
    let _lock = RunLock::journal(journal_path)?;
    let request = job.request(ctx).await?;
    let mut journal = match Journal::load(journal_path)? {
        Some(j) if !j.matches(job.command(), &job.asset_id(), &request) => {
            return Err(JournalError::Mismatch {
                path: journal_path.to_owned(),
                command: j.command,
                asset_uuid: j.asset_uuid,
            }
            .into())
        }
        other => other,
    };
    let stage = journal.as_ref().map(|j| j.stage.clone());
    let (sent, resumed) = match stage {
        Some(Stage::Confirmed { txid, vin }) => {
            tracing::info!(%txid, "journal: already confirmed");
            return Ok(outcome(
                job,
                Sent { txid, vin },
                Status::AlreadyConfirmed,
                None,
                true,
            ));
        }
        Some(Stage::Broadcast { txid, vin }) => {
            if let Some(given) = existing.filter(|e| e.txid != txid) {
                return Err(ConfirmError::ExistingMismatch {
                    txid: given.txid,
                    reason: format!("the journal {journal_path:?} records transaction {txid}"),
                });
            }
            (Sent { txid, vin }, true)
        }
        Some(intent @ Stage::Intent { .. }) => {
            match super::single(job.find_sent(ctx, &request, &intent).await?)?.first() {
                Some(found) => {
                    tracing::info!(txid = %found.txid, "found the transaction sent before a crash");
                    record(&mut journal, journal_path, broadcast_stage(*found))?;
                    (*found, true)
                }
                None => {
                    let sent = fresh(ctx, job, &mut journal, journal_path, &request, existing);
                    (sent.await?, false)
                }
            }
        }
        None => {
            let sent = fresh(ctx, job, &mut journal, journal_path, &request, existing);
            (sent.await?, false)
        }
    };
    if resumed && job.already_confirmed(ctx, sent).await? {
        record(&mut journal, journal_path, confirmed_stage(sent))?;
        return Ok(outcome(job, sent, Status::AlreadyConfirmed, None, true));
    }
    ensure_on_chain(ctx, sent, journal_path).await?;
    let confirmations =
        wait_for_confirmations(&ctx.node, &sent.txid, &ctx.wait, journal_path).await?;
    job.report(ctx, sent)
        .await
        .map_err(|source| ConfirmError::ReportFailed {
            txid: sent.txid,
            journal: journal_path.to_owned(),
            source: Box::new(source),
        })?;
    record(&mut journal, journal_path, confirmed_stage(sent))?;
    Ok(outcome(
        job,
        sent,
        Status::Confirmed,
        Some(confirmations),
        resumed,
    ))
}

/// Nothing was sent yet: the script's checks, intent, pay, txid.
async fn fresh(
    ctx: &Ctx,
    job: &Job,
    journal: &mut Option<Journal>,
    journal_path: &Path,
    request: &Request,
    existing: Option<Sent>,
) -> Result<Sent, ConfirmError> {
    ctx.api.check_lost_outputs(job.asset_uuid()).await?;
    if let Some(existing) = existing {
        let sent = job.verify_existing(ctx, existing).await?;
        start(journal, job, request, broadcast_stage(sent));
        save(journal, journal_path)?;
        return Ok(sent);
    }
    crate::record::check(ctx, job).await?;
    job.preflight(ctx).await?;
    let intent = job.intent(ctx).await?;
    match journal {
        Some(j) => j.advance(intent)?,
        None => start(journal, job, request, intent),
    }
    save(journal, journal_path)?;
    failpoint::hit(Failpoint::BeforeBroadcast);
    let sent = job.broadcast(ctx).await?;
    failpoint::hit(Failpoint::AfterBroadcast);
    tracing::info!(txid = %sent.txid, "transaction sent");
    record(journal, journal_path, broadcast_stage(sent))?;
    Ok(sent)
}

/// Design §6: a txid is not a payment until the node shows it in the mempool or a block.
async fn ensure_on_chain(ctx: &Ctx, sent: Sent, journal_path: &Path) -> Result<(), ConfirmError> {
    match ctx.node.tx_state(&sent.txid).await? {
        TxState::Mined(_) | TxState::InMempool => Ok(()),
        TxState::Missing(state) => Err(ConfirmError::TransactionLost {
            txid: sent.txid,
            state,
            journal: journal_path.to_owned(),
        }),
    }
}

fn start(journal: &mut Option<Journal>, job: &Job, request: &Request, stage: Stage) {
    *journal = Some(Journal::new(
        job.command(),
        job.asset_uuid(),
        job.asset_id(),
        request.clone(),
        stage,
    ));
}

fn record(journal: &mut Option<Journal>, path: &Path, stage: Stage) -> Result<(), JournalError> {
    if let Some(j) = journal {
        j.advance(stage)?;
    }
    save(journal, path)
}

fn save(journal: &Option<Journal>, path: &Path) -> Result<(), JournalError> {
    match journal {
        Some(j) => j.save(path),
        None => Ok(()),
    }
}

fn broadcast_stage(sent: Sent) -> Stage {
    Stage::Broadcast {
        txid: sent.txid,
        vin: sent.vin,
    }
}

fn confirmed_stage(sent: Sent) -> Stage {
    Stage::Confirmed {
        txid: sent.txid,
        vin: sent.vin,
    }
}

fn outcome(
    job: &Job,
    sent: Sent,
    status: Status,
    confirmations: Option<i64>,
    resumed: bool,
) -> Outcome {
    Outcome {
        command: job.command(),
        asset_uuid: job.asset_uuid().to_owned(),
        distribution_uuid: job.distribution_uuid(),
        txid: Some(sent.txid),
        vin: sent.vin,
        status,
        confirmations,
        resumed,
        updated_vouts: Vec::new(),
    }
}

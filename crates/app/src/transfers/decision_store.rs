//! The decision log kept in the store (the `transfer_decisions` table).
//!
//! An in-memory log forgets every decision at restart and each server instance would see
//! only its own; issuers asking why a transfer was refused need the answer whichever
//! instance co-signed and however long ago. This adapter maps the app's decision records
//! onto the store's `TransferStore` area, field for field.

use super::decision_log::{
    Decision, DecisionLog, DecisionLogError, DecisionSource, EndpointRecord, NewDecision,
};
use async_trait::async_trait;
use std::sync::Arc;
use tessera_core::{AssetUuid, IssuerId};
use tessera_store::{DecisionOrigin, NewTransferDecision, Store, TransferDecision, WebhookAnswer};

/// A decision log in the store.
#[derive(Clone)]
pub struct StoreDecisionLog(pub Arc<dyn Store>);

fn to_store(d: &NewDecision) -> NewTransferDecision {
    NewTransferDecision {
        asset_uuid: d.asset_uuid,
        asset_id: d.asset_id.clone(),
        origin: match d.source {
            DecisionSource::Cosign => DecisionOrigin::Cosign,
            DecisionSource::Authorize => DecisionOrigin::Authorize,
        },
        result: d.allowed,
        reason_code: d.reason_code.clone(),
        message: d.message.clone(),
        category_verdict: d.category_verdict.clone(),
        sender_gaid: d.sender.clone(),
        receivers: d.receivers.clone(),
        amount: d.amount,
        txid: d.txid.clone(),
        webhook: d.endpoint.as_ref().map(|e| WebhookAnswer {
            mode: e.mode.clone(),
            answer: e.answer.clone(),
            detail: e.detail.clone(),
            latency_ms: e.latency_ms,
        }),
        shadow_disagreement: d.shadow_disagreement,
    }
}

fn from_store(t: TransferDecision) -> Result<Decision, DecisionLogError> {
    let id = u64::try_from(t.id).map_err(|_| DecisionLogError::OutOfRange {
        what: "decision id",
        value: t.id.to_string(),
    })?;
    let d = t.decision;
    Ok(Decision {
        id,
        created_at: t.created_at,
        decision: NewDecision {
            issuer: t.issuer,
            asset_uuid: d.asset_uuid,
            asset_id: d.asset_id,
            source: match d.origin {
                DecisionOrigin::Cosign => DecisionSource::Cosign,
                DecisionOrigin::Authorize => DecisionSource::Authorize,
            },
            sender: d.sender_gaid,
            receivers: d.receivers,
            amount: d.amount,
            allowed: d.result,
            reason_code: d.reason_code,
            message: d.message,
            category_verdict: d.category_verdict,
            endpoint: d.webhook.map(|w| EndpointRecord {
                mode: w.mode,
                answer: w.answer,
                detail: w.detail,
                latency_ms: w.latency_ms,
            }),
            shadow_disagreement: d.shadow_disagreement,
            txid: d.txid,
        },
    })
}

fn decision_id(id: u64) -> Result<i64, DecisionLogError> {
    i64::try_from(id).map_err(|_| DecisionLogError::OutOfRange {
        what: "decision id",
        value: id.to_string(),
    })
}

#[async_trait]
impl DecisionLog for StoreDecisionLog {
    async fn record(&self, decision: NewDecision, now: i64) -> Result<Decision, DecisionLogError> {
        let issuer = decision.issuer;
        let recorded = self
            .0
            .record_decision(issuer, &to_store(&decision), now)
            .await?
            .ok_or(DecisionLogError::UnknownAsset {
                asset: decision.asset_uuid,
                issuer: issuer.0,
            })?;
        from_store(recorded)
    }

    async fn set_txid(&self, decision: &Decision, txid: &str) -> Result<(), DecisionLogError> {
        let id = decision_id(decision.id)?;
        self.0
            .set_decision_txid(decision.decision.issuer, id, txid)
            .await?;
        Ok(())
    }

    async fn decisions(
        &self,
        issuer: IssuerId,
        asset: AssetUuid,
        start: u64,
        count: u32,
    ) -> Result<Vec<Decision>, DecisionLogError> {
        let found = self.0.decisions(issuer, asset, start, count).await?;
        found
            .unwrap_or_default()
            .into_iter()
            .map(from_store)
            .collect()
    }
}

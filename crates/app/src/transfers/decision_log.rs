//! The co-signer's decision log: every decision, allowed or refused, with its reason.
//!
//! Issuers must be able to answer "why did this transfer go through / not go through",
//! and to try an authorization endpoint in shadow mode before trusting it; both need a
//! record of each decision with the category verdict, the endpoint's answer and latency,
//! and whether the two disagreed. The log is behind a small trait: servers keep it in
//! their store ([`StoreDecisionLog`], the default, so it survives restarts and is shared by
//! every instance on one database); [`MemoryDecisionLog`] keeps it in memory for tests.

use async_trait::async_trait;
use serde::Serialize;
use std::sync::Mutex;
use tessera_core::{AssetUuid, IssuerId};

/// Where a decision was asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DecisionSource {
    /// A wallet submitted a PSET for co-signing.
    Cosign,
    /// The issuer asked about a described transfer (`transfers/authorize`).
    Authorize,
}

/// What the authorization endpoint said, when it was asked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EndpointRecord {
    /// `enforce` or `shadow`.
    pub mode: String,
    /// `allowed`, `refused` or `unavailable`.
    pub answer: String,
    /// The endpoint's `error` text or why it was unavailable.
    pub detail: String,
    /// Milliseconds the call took.
    pub latency_ms: u64,
}

/// A decision to record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NewDecision {
    /// The issuer of the asset.
    #[serde(skip)]
    pub issuer: IssuerId,
    /// The asset.
    pub asset_uuid: AssetUuid,
    /// Its on-chain id.
    pub asset_id: String,
    /// Where it was asked.
    pub source: DecisionSource,
    /// Sending account.
    pub sender: Option<String>,
    /// Receivers of the asset: GAIDs, `treasury:<address>` or other addresses.
    pub receivers: Vec<String>,
    /// Amount of the asset leaving the sender (change excluded), base units.
    pub amount: u64,
    /// Whether the transfer may go ahead.
    pub allowed: bool,
    /// Why not (stable code), when refused.
    pub reason_code: Option<String>,
    /// One line for people.
    pub message: String,
    /// The category rules' verdict: `allowed` or a reason code (`null` when the hard
    /// checks refused first).
    pub category_verdict: Option<String>,
    /// The authorization endpoint's answer, if it was asked.
    pub endpoint: Option<EndpointRecord>,
    /// In shadow mode: the endpoint's answer differed from the category verdict.
    pub shadow_disagreement: bool,
    /// The co-signed transaction, once broadcast.
    pub txid: Option<String>,
}

/// A recorded decision.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Decision {
    /// Ascending id.
    pub id: u64,
    /// Unix seconds.
    pub created_at: i64,
    /// The decision.
    #[serde(flatten)]
    pub decision: NewDecision,
}

/// Why the log could not be written or read.
#[derive(Debug, thiserror::Error)]
pub enum DecisionLogError {
    /// The in-memory log's lock was poisoned by a panic.
    #[error("decision log in memory is unusable: {0}")]
    Poisoned(String),
    /// The store failed.
    #[error("decision log: {0}")]
    Store(#[from] tessera_store::StoreError),
    /// The store knows no such asset of the issuer (it was deleted meanwhile).
    #[error("decision log: asset {asset} of issuer {issuer} not found")]
    UnknownAsset {
        /// The asset.
        asset: AssetUuid,
        /// The issuer id.
        issuer: i64,
    },
    /// A stored value does not fit the log's types.
    #[error("decision log: stored {what} {value} is out of range")]
    OutOfRange {
        /// What it is.
        what: &'static str,
        /// The value.
        value: String,
    },
}

/// Where decisions go.
#[async_trait]
pub trait DecisionLog: Send + Sync {
    /// Records a decision.
    async fn record(&self, decision: NewDecision, now: i64) -> Result<Decision, DecisionLogError>;
    /// Sets the txid of a recorded decision once its transaction is broadcast.
    async fn set_txid(&self, decision: &Decision, txid: &str) -> Result<(), DecisionLogError>;
    /// Up to `count` decisions about an asset of an issuer, oldest first, skipping the
    /// first `start`.
    async fn decisions(
        &self,
        issuer: IssuerId,
        asset: AssetUuid,
        start: u64,
        count: u32,
    ) -> Result<Vec<Decision>, DecisionLogError>;
}

/// A decision log in memory.
#[derive(Debug, Default)]
pub struct MemoryDecisionLog(Mutex<Vec<Decision>>);

#[async_trait]
impl DecisionLog for MemoryDecisionLog {
    async fn record(&self, decision: NewDecision, now: i64) -> Result<Decision, DecisionLogError> {
        let mut all = self
            .0
            .lock()
            .map_err(|e| DecisionLogError::Poisoned(e.to_string()))?;
        let record = Decision {
            id: all.len() as u64 + 1,
            created_at: now,
            decision,
        };
        all.push(record.clone());
        Ok(record)
    }

    async fn set_txid(&self, decision: &Decision, txid: &str) -> Result<(), DecisionLogError> {
        let mut all = self
            .0
            .lock()
            .map_err(|e| DecisionLogError::Poisoned(e.to_string()))?;
        if let Some(d) = all.iter_mut().find(|d| d.id == decision.id) {
            d.decision.txid = Some(txid.to_owned());
        }
        Ok(())
    }

    async fn decisions(
        &self,
        issuer: IssuerId,
        asset: AssetUuid,
        start: u64,
        count: u32,
    ) -> Result<Vec<Decision>, DecisionLogError> {
        let all = self
            .0
            .lock()
            .map_err(|e| DecisionLogError::Poisoned(e.to_string()))?;
        Ok(all
            .iter()
            .filter(|d| d.decision.issuer == issuer && d.decision.asset_uuid == asset)
            .skip(usize::try_from(start).unwrap_or(usize::MAX))
            .take(count as usize)
            .cloned()
            .collect())
    }
}

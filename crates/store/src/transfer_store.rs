//! The transfers area of the store: the co-signer's decision log.
//!
//! Every decision the platform takes about a transfer of a managed asset (a co-signing
//! request or an issuer's described-transfer question) is written here, so that issuers
//! can ask "why did this go through / not go through" after a restart and whichever
//! server instance answered. Decisions are history: they are appended, and only the txid
//! is filled in later, once the co-signed transaction is broadcast. All methods are
//! scoped by issuer: another issuer's asset behaves like an unknown one (`None`).

use crate::StoreError;
use async_trait::async_trait;
use tessera_core::{AssetUuid, IssuerId};

/// Where a decision was asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DecisionOrigin {
    /// A wallet submitted a PSET for co-signing.
    Cosign,
    /// The issuer asked about a described transfer.
    Authorize,
}

impl DecisionOrigin {
    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Cosign => "cosign",
            Self::Authorize => "authorize",
        }
    }

    /// The value of a stored name.
    pub fn from_name(text: &str) -> Option<Self> {
        match text {
            "cosign" => Some(Self::Cosign),
            "authorize" => Some(Self::Authorize),
            _ => None,
        }
    }
}

/// What the issuer's authorization endpoint (webhook) said, when it was asked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WebhookAnswer {
    /// `enforce` or `shadow`.
    pub mode: String,
    /// `allowed`, `refused` or `unavailable`.
    pub answer: String,
    /// The endpoint's error text, or why it was unavailable.
    pub detail: String,
    /// Milliseconds the call took.
    pub latency_ms: u64,
}

/// A decision to record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewTransferDecision {
    /// The asset (of the recording issuer).
    pub asset_uuid: AssetUuid,
    /// Its on-chain id, hex.
    pub asset_id: String,
    /// Where it was asked.
    pub origin: DecisionOrigin,
    /// Whether the transfer may go ahead.
    pub result: bool,
    /// Stable code of a refusal (required when `result` is false).
    pub reason_code: Option<String>,
    /// One line for people.
    pub message: String,
    /// The category rules' verdict, when the hard checks passed.
    pub category_verdict: Option<String>,
    /// The sending account's GAID, when known.
    pub sender_gaid: Option<String>,
    /// Receivers: GAIDs, `treasury:<address>` or `script:<hex>`.
    pub receivers: Vec<String>,
    /// Base units of the asset leaving the sender (change excluded).
    pub amount: u64,
    /// The broadcast transaction, if already known.
    pub txid: Option<String>,
    /// The authorization endpoint's answer, if it was asked.
    pub webhook: Option<WebhookAnswer>,
    /// In shadow mode: the endpoint disagreed with the category verdict.
    pub shadow_disagreement: bool,
}

/// A recorded decision.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TransferDecision {
    /// Ascending id, unique across assets.
    pub id: i64,
    /// The asset's issuer.
    pub issuer: IssuerId,
    /// Unix seconds.
    pub created_at: i64,
    /// The decision as recorded (with its txid once set).
    pub decision: NewTransferDecision,
}

/// The decision log of each issuer's assets.
#[async_trait]
pub trait TransferStore: Send + Sync {
    /// Appends a decision about one of the issuer's assets. `None` if the asset is
    /// unknown (or another issuer's).
    async fn record_decision(
        &self,
        issuer: IssuerId,
        decision: &NewTransferDecision,
        now: i64,
    ) -> Result<Option<TransferDecision>, StoreError>;

    /// Sets the txid of a recorded decision of the issuer's; `false` if there is none
    /// with that id.
    async fn set_decision_txid(
        &self,
        issuer: IssuerId,
        id: i64,
        txid: &str,
    ) -> Result<bool, StoreError>;

    /// Up to `count` decisions about the asset, oldest first, skipping the first `start`.
    /// `None` if the asset is unknown (or another issuer's).
    async fn decisions(
        &self,
        issuer: IssuerId,
        uuid: AssetUuid,
        start: u64,
        count: u32,
    ) -> Result<Option<Vec<TransferDecision>>, StoreError>;
}

//! Transfers of managed assets: the platform's half of every managed-account spend.
//!
//! A managed account is a 2-of-2 multisig, so the platform's signature is where the
//! asset's rules are enforced. A wallet submits a PSET it signed; the platform reads it
//! from data it trusts ([`facts`]), checks the investor's signature, decides each asset's
//! case in the fixed order of `tessera_core::transfer_rules` (asking the issuer's
//! authorization endpoint when there is one, [`authorizer`]), records every decision
//! ([`decision_log`]), and only when every asset is allowed signs its half, finalizes and
//! broadcasts ([`cosign`]). Issuers can ask the same question about a described transfer
//! without a PSET ([`described`]) and lock single outputs ([`locks`]).

pub mod authorizer;
mod cases;
mod cosign;
pub mod decision_log;
mod decision_store;
mod described;
mod evaluate;
mod facts;
mod locks;
mod wallet_view;

pub use authorizer::{Authorizer, AuthorizerConfig, EndpointAnswer};
pub use decision_log::{Decision, DecisionLog, DecisionSource, MemoryDecisionLog, NewDecision};
pub use decision_store::StoreDecisionLog;
pub use described::{DescribedTransfer, TransferAnswer};
/// Transaction ids as the transfer API takes them.
pub use elements::Txid;
pub use wallet_view::{HeldAsset, Spendable};

use crate::{AccountError, App};
use decision_log::EndpointRecord;
use std::sync::Arc;
use tessera_core::transfer_rules::{ReasonCode, Verdict};
use tessera_core::{AssetUuid, IssuerId, ManagedAccount};

/// How transfers are decided and logged.
#[derive(Clone)]
pub struct TransferSettings {
    /// The authorization endpoints' client.
    pub authorizer: Authorizer,
    /// Where decisions go; `None` (the default) keeps them in the app's store.
    pub log: Option<Arc<dyn DecisionLog>>,
    /// The largest explicit fee (L-BTC base units) the co-signer signs.
    pub max_fee: u64,
}

/// Default of [`TransferSettings::max_fee`]: 100,000 sat (0.001 L-BTC), hundreds of times
/// what a managed-account transfer costs at Liquid's fee rates.
pub const DEFAULT_MAX_FEE: u64 = 100_000;

impl Default for TransferSettings {
    fn default() -> Self {
        Self {
            authorizer: Authorizer::new(AuthorizerConfig::default()),
            log: None,
            max_fee: DEFAULT_MAX_FEE,
        }
    }
}

/// The most decisions one call of [`App::transfer_decisions`] returns.
pub const DECISIONS_PAGE_MAX: u32 = 1000;

/// Why a submitted transfer was refused beyond the asset rules: its PSET is unusable.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PsetRefusal {
    /// Not a PSET, or not a transaction.
    InvalidPset,
    /// An input lacks the investor's signature.
    InvestorSignatureMissing,
    /// An investor signature does not match the transaction (e.g. changed after signing).
    InvestorSignatureInvalid,
    /// A signature or input asks for a sighash type other than SIGHASH_ALL.
    SighashNotAll,
    /// An explicit fee output is not in the policy asset (L-BTC): it would burn the asset
    /// into the fee, past every rule.
    FeeNotPolicyAsset,
    /// The fee is above [`TransferSettings::max_fee`].
    FeeTooHigh,
    /// An output back to the sender cannot be unblinded with the account's key: the chain
    /// watcher could not read it and the holding would leave the ledger unseen.
    ChangeNotUnblindable,
}

impl PsetRefusal {
    /// Stable code.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::InvalidPset => "invalid_pset",
            Self::InvestorSignatureMissing => "investor_signature_missing",
            Self::InvestorSignatureInvalid => "investor_signature_invalid",
            Self::SighashNotAll => "sighash_not_all",
            Self::FeeNotPolicyAsset => "fee_not_policy_asset",
            Self::FeeTooHigh => "fee_too_high",
            Self::ChangeNotUnblindable => "change_not_unblindable",
        }
    }
}

/// What became of a submitted transfer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TransferOutcome {
    /// Co-signed and accepted by the node.
    Broadcast {
        /// The transaction.
        txid: String,
    },
    /// Not co-signed.
    Refused {
        /// Stable code (a rule's `ReasonCode` or a [`PsetRefusal`]).
        reason_code: String,
        /// One line for people.
        message: String,
    },
}

/// Why a transfer could not be handled at all (not a refusal).
#[derive(Debug, thiserror::Error)]
pub enum TransferError {
    /// The PSET could not be read.
    #[error("invalid PSET: {0}")]
    InvalidPset(String),
    /// The server has no node.
    #[error("this server has no Elements node configured")]
    NoNode,
    /// The asset is not the issuer's.
    #[error("asset {0} not found")]
    AssetNotFound(AssetUuid),
    /// The described sender or receiver is unusable.
    #[error("{0}")]
    BadRequest(String),
    /// The managed-account side failed.
    #[error(transparent)]
    Account(#[from] AccountError),
    /// The node refused or failed.
    #[error("the Elements node: {0}")]
    Node(#[from] tessera_elements_rpc::Error),
    /// The store failed.
    #[error(transparent)]
    Store(#[from] tessera_store::StoreError),
    /// The decision log failed.
    #[error(transparent)]
    Log(#[from] decision_log::DecisionLogError),
    /// Signing, finalizing or deriving failed unexpectedly.
    #[error("transfer processing failed: {0}")]
    Internal(String),
}

impl App {
    /// The transfer settings.
    pub fn transfer_settings(&self) -> &TransferSettings {
        &self.transfers
    }

    /// The public key (hex) and P2PKH address that sign authorization requests.
    pub fn authorizer_key(&self) -> Result<(String, String), TransferError> {
        let key = self
            .cosigner()?
            .message_key()
            .map_err(|e| TransferError::Internal(e.to_string()))?;
        Ok((key.public_key().to_string(), key.address().to_string()))
    }

    /// Where decisions go: the configured log, or the app's store.
    pub fn decision_log(&self) -> Arc<dyn DecisionLog> {
        match &self.transfers.log {
            Some(log) => Arc::clone(log),
            None => Arc::new(StoreDecisionLog(Arc::clone(&self.store))),
        }
    }

    /// Up to `count` decisions about an asset (at most [`DECISIONS_PAGE_MAX`]), oldest
    /// first, skipping the first `start`.
    pub async fn transfer_decisions(
        &self,
        issuer: IssuerId,
        uuid: AssetUuid,
        start: u64,
        count: u32,
    ) -> Result<Vec<Decision>, TransferError> {
        if self.store.asset(issuer, uuid).await?.is_none() {
            return Err(TransferError::AssetNotFound(uuid));
        }
        let count = count.min(DECISIONS_PAGE_MAX);
        Ok(self
            .decision_log()
            .decisions(issuer, uuid, start, count)
            .await?)
    }

    /// Decides a PSET submitted by `sender`'s wallet; co-signs and broadcasts it if every
    /// asset it moves is allowed.
    #[tracing::instrument(skip(self, pset), fields(gaid = %sender.gaid))]
    pub async fn submit_transfer(
        &self,
        sender: &ManagedAccount,
        pset: &str,
    ) -> Result<TransferOutcome, TransferError> {
        cosign::submit(self, sender, pset).await
    }
}

/// One line for people about a verdict.
pub(crate) fn explain(verdict: Verdict, endpoint: Option<&EndpointRecord>) -> String {
    let Verdict::Refused(code) = verdict else {
        return "transfer allowed".to_owned();
    };
    let detail = endpoint
        .map(|e| e.detail.clone())
        .filter(|d| !d.is_empty())
        .map(|d| format!(": {d}"))
        .unwrap_or_default();
    let text = match code {
        ReasonCode::InputNotOwned => "an input is not an output of the sending account",
        ReasonCode::InputSpent => "an input is already spent",
        ReasonCode::AssetNotAuthorized => "the asset is not managed here or not registered-authorized",
        ReasonCode::AssetLocked => "the issuer has locked all transfers of the asset",
        ReasonCode::OutputLocked => "an input is a locked (blacklisted) output",
        ReasonCode::ReceiverNotManaged => "an output pays an address that is neither a managed account nor a treasury address of the issuer",
        ReasonCode::ReceiverNotRegistered => "the receiving account is not a registered user of the issuer",
        ReasonCode::ReceiverMissingCategory => "the receiver lacks a category the asset requires",
        ReasonCode::IssuerAuthorizationRefused => "the issuer's authorization endpoint refused the transfer",
        ReasonCode::IssuerAuthorizationUnavailable => "the issuer's authorization endpoint gave no usable answer",
    };
    format!("{text}{detail}")
}

//! The three paying operations behind one interface, so that the journal-driven driver
//! (`driver.rs`) is written once: what differs between reissue, distribute and burn is the
//! pre-flight check, the RPC that pays, how to recognise the transaction in the wallet after a
//! crash, and the confirm body.

pub(crate) mod all;
mod burn;
mod distribute;
pub(crate) mod driver;
mod reissue;
pub(crate) mod update_blinders;

use elements::{AssetId, Txid};
use serde::Serialize;

use crate::api::Api;
use crate::error::ConfirmError;
use crate::file::{BurnFile, CommandKind, DistributeFile, ReissueFile};
use crate::journal::{Request, Stage};
use crate::node::Node;
use crate::wait::WaitSettings;

/// What a run needs: the node, the logged-in API and how to wait.
#[derive(Debug, Clone)]
pub struct Ctx {
    /// The issuer's node and wallet.
    pub node: Node,
    /// The API session.
    pub api: Api,
    /// Confirmation waiting.
    pub wait: WaitSettings,
}

/// A transaction the tool made or found: txid, and the reissuance input for reissues.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sent {
    /// The transaction.
    pub txid: Txid,
    /// The reissuance input (reissue only).
    pub vin: Option<u32>,
}

/// One paying request.
#[derive(Debug, Clone)]
pub enum Job {
    /// `reissue`.
    Reissue {
        /// The request.
        file: ReissueFile,
        /// `--have-split-reissuance-token`.
        split_token: bool,
    },
    /// `distribute`.
    Distribute {
        /// The request.
        file: DistributeFile,
    },
    /// `burn`.
    Burn {
        /// The request.
        file: BurnFile,
    },
}

/// How an operation ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Paid (or found), confirmed on chain and reported now.
    Confirmed,
    /// The journal or the server already had the confirmation: nothing done.
    AlreadyConfirmed,
    /// `update-blinders` sent blinders.
    BlindersUpdated,
}

/// The result of one operation, printed as text or JSON.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Outcome {
    /// The sub-command.
    pub command: CommandKind,
    /// The asset.
    pub asset_uuid: String,
    /// The distribution (distribute only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub distribution_uuid: Option<String>,
    /// The transaction.
    pub txid: Option<Txid>,
    /// The reissuance input (reissue only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub vin: Option<u32>,
    /// How it ended.
    pub status: Status,
    /// Confirmations seen when reporting.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub confirmations: Option<i64>,
    /// A transaction from an earlier run was reused (nothing paid in this run).
    pub resumed: bool,
    /// Outputs whose blinders were sent (update-blinders only).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub updated_vouts: Vec<u32>,
}

impl Job {
    /// The sub-command.
    pub fn command(&self) -> CommandKind {
        match self {
            Job::Reissue { .. } => CommandKind::Reissue,
            Job::Distribute { .. } => CommandKind::Distribute,
            Job::Burn { .. } => CommandKind::Burn,
        }
    }

    /// The asset uuid.
    pub fn asset_uuid(&self) -> &str {
        match self {
            Job::Reissue { file, .. } => &file.asset_uuid,
            Job::Distribute { file } => &file.asset_uuid,
            Job::Burn { file } => &file.asset_uuid,
        }
    }

    /// The asset id.
    pub fn asset_id(&self) -> AssetId {
        match self {
            Job::Reissue { file, .. } => file.asset_id,
            Job::Distribute { file } => file.asset_id,
            Job::Burn { file } => file.asset_id,
        }
    }

    fn distribution_uuid(&self) -> Option<String> {
        match self {
            Job::Distribute { file } => Some(file.distribution_uuid.clone()),
            _ => None,
        }
    }

    /// What the journal records about the request.
    async fn request(&self, ctx: &Ctx) -> Result<Request, ConfirmError> {
        match self {
            Job::Reissue { file, .. } => Ok(Request::Reissue {
                amount: file.amount,
            }),
            Job::Distribute { file } => distribute::request(ctx, file).await,
            Job::Burn { file } => Ok(Request::Burn {
                amount: file.amount,
                utxos: file.utxos.clone(),
            }),
        }
    }

    /// The script's checks before paying (fresh runs only).
    async fn preflight(&self, ctx: &Ctx) -> Result<(), ConfirmError> {
        match self {
            Job::Reissue { file, split_token } => reissue::preflight(ctx, file, *split_token).await,
            Job::Distribute { file } => distribute::preflight(ctx, file).await,
            Job::Burn { file } => burn::preflight(ctx, file).await,
        }
    }

    /// The wallet snapshot recorded in the intent.
    async fn intent(&self, ctx: &Ctx) -> Result<Stage, ConfirmError> {
        let known_txids = ctx.node.unspent_txids().await?.into_iter().collect();
        let known_reissuances = match self {
            Job::Reissue { file, .. } => reissue::reissuance_txids(ctx, &file.asset_id).await?,
            _ => Vec::new(),
        };
        Ok(Stage::Intent {
            known_txids,
            known_reissuances,
        })
    }

    /// Asks the node to pay.
    async fn broadcast(&self, ctx: &Ctx) -> Result<Sent, ConfirmError> {
        match self {
            Job::Reissue { file, .. } => reissue::broadcast(ctx, file).await,
            Job::Distribute { file } => distribute::broadcast(ctx, file).await,
            Job::Burn { file } => burn::broadcast(ctx, file).await,
        }
    }

    /// Wallet transactions made since the intent that match the request.
    async fn find_sent(
        &self,
        ctx: &Ctx,
        request: &Request,
        intent: &Stage,
    ) -> Result<Vec<Sent>, ConfirmError> {
        let Stage::Intent {
            known_txids,
            known_reissuances,
        } = intent
        else {
            return Ok(Vec::new());
        };
        let new_txids: Vec<Txid> = ctx
            .node
            .unspent_txids()
            .await?
            .into_iter()
            .filter(|t| !known_txids.contains(t))
            .collect();
        match self {
            Job::Reissue { file, .. } => reissue::find_sent(ctx, file, known_reissuances).await,
            Job::Distribute { file } => distribute::find_sent(ctx, file, request, &new_txids).await,
            Job::Burn { file } => burn::find_sent(ctx, file, &new_txids).await,
        }
    }

    /// Checks a `--use-existing` transaction; returns the reissuance input where relevant.
    async fn verify_existing(&self, ctx: &Ctx, sent: Sent) -> Result<Sent, ConfirmError> {
        match self {
            Job::Reissue { file, .. } => reissue::verify_existing(ctx, file, sent).await,
            Job::Distribute { .. } | Job::Burn { .. } => {
                ctx.node
                    .rpc()
                    .get_transaction(&sent.txid)
                    .await
                    .map_err(|e| ConfirmError::ExistingMismatch {
                        txid: sent.txid,
                        reason: e.to_string(),
                    })?;
                Ok(Sent {
                    txid: sent.txid,
                    vin: None,
                })
            }
        }
    }

    /// Whether the server already has the confirmation (tolerant: unknown counts as no).
    async fn already_confirmed(&self, ctx: &Ctx, sent: Sent) -> Result<bool, ConfirmError> {
        match self {
            Job::Reissue { file, .. } => reissue::already_confirmed(ctx, file, sent).await,
            Job::Distribute { file } => distribute::already_confirmed(ctx, file).await,
            Job::Burn { file } => burn::already_confirmed(ctx, file, sent).await,
        }
    }

    /// Posts the confirmation, built exactly as the script builds it.
    async fn report(&self, ctx: &Ctx, sent: Sent) -> Result<(), ConfirmError> {
        match self {
            Job::Reissue { file, .. } => reissue::report(ctx, file, sent).await,
            Job::Distribute { file } => distribute::report(ctx, file, sent).await,
            Job::Burn { file } => burn::report(ctx, file, sent).await,
        }
    }
}

/// Exactly one match, none, or an error naming all of them.
fn single(found: Vec<Sent>) -> Result<Vec<Sent>, ConfirmError> {
    if found.len() > 1 {
        return Err(ConfirmError::Ambiguous {
            txids: found.iter().map(|s| s.txid).collect(),
        });
    }
    Ok(found)
}

//! An asset's history: its transactions (AMP `txs`) and the activities they amount to.
//!
//! Nothing here is recorded separately: the history is rebuilt from what is stored — the
//! lifecycle records checked on chain (issuance, confirmed reissuances, distributions and
//! burns, the verified treasury outputs and supplied blinders) and the chain watcher's
//! tracked outputs, which add every co-signed transfer between holders and every move to
//! or from a treasury address, with their blocks and blinders. Only mined transactions are
//! listed (each with its block), oldest first; the issuance comes first, which the confirm
//! script's `update-blinders` relies on (it takes element 0).
//!
//! Paging happens on the stored history, before the node is asked anything: the few node
//! reads left (the issuance's block, a burn's output index, whether a treasury output is
//! spent) are made for the page only ([`super::history_node`]).

use super::history_build::History;
use super::AssetError;
use crate::App;
use elements::Txid;
use tessera_core::{Amount, AssetUuid, IssuerId, RegisteredUserId};

/// Blinder shown when the server does not know it (the confirm script tests for it).
pub const UNKNOWN_BLINDER: &str =
    "0000000000000000000000000000000000000000000000000000000000000000";

/// What a transaction did to the asset.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum TxKind {
    /// The issuance.
    Issuance,
    /// A confirmed reissuance.
    Reissuance,
    /// A confirmed distribution.
    Distribution,
    /// A confirmed burn.
    Burn,
    /// A transfer the watcher saw between holders (co-signed by the platform).
    Transfer,
    /// A move to or from a treasury address of the issuer.
    Treasury,
}

impl TxKind {
    /// The activity `type`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Issuance => "issuance",
            Self::Reissuance => "reissuance",
            Self::Distribution => "distribution",
            Self::Burn => "burn",
            Self::Transfer => "transfer",
            Self::Treasury => "treasury",
        }
    }
}

/// An output of an asset transaction that carries the asset or its token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TxOutputLine {
    /// Output index.
    pub vout: u32,
    /// Asset or token id, hex.
    pub asset_id: String,
    /// Base units.
    pub amount: Amount,
    /// Asset blinding factor hex, [`UNKNOWN_BLINDER`] when unknown.
    pub asset_blinder: String,
    /// Value blinding factor hex, [`UNKNOWN_BLINDER`] when unknown.
    pub amount_blinder: String,
    /// The managed account paid, if one.
    pub gaid: Option<String>,
    /// The registered user paid, if one.
    pub registered_user: Option<RegisteredUserId>,
    /// Paid to the issuer's treasury.
    pub is_treasury: bool,
    /// Spent since.
    pub is_spent: bool,
    /// Destroyed (a burn's OP_RETURN output).
    pub is_burnt: bool,
}

/// An input of an asset transaction spending an output listed earlier in the history.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TxInputLine {
    /// Input index.
    pub vin: u32,
    /// The spent output's transaction.
    pub prev_txid: Txid,
    /// The spent output's index.
    pub prev_vout: u32,
    /// What it spent.
    pub spent: TxOutputLine,
}

/// One mined transaction of the asset.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AssetTx {
    /// The transaction.
    pub txid: Txid,
    /// What it did.
    pub kind: TxKind,
    /// Height of its block.
    pub height: u32,
    /// Its block's time, unix seconds.
    pub time: i64,
    /// Inputs spending earlier outputs of the history.
    pub inputs: Vec<TxInputLine>,
    /// Outputs of the asset or token the server knows.
    pub outputs: Vec<TxOutputLine>,
}

/// One history entry of AMP's `activities`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActivityLine {
    /// What happened.
    pub kind: TxKind,
    /// Its transaction.
    pub tx: AssetTx,
    /// The output concerned (for an asset leaving the followed outputs: the spent one).
    pub output: TxOutputLine,
}

/// The column AMP's `sortcolumn` names.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum SortColumn {
    /// Chain order (the default): by block, then as the server met them.
    #[default]
    Chain,
    /// `datetime`.
    Datetime,
    /// `blockheight`.
    Blockheight,
    /// `type`.
    Type,
    /// `amount` (activities; a transaction's amount is what its outputs listed carry).
    Amount,
    /// `txid`.
    Txid,
}

impl SortColumn {
    /// The column of a `sortcolumn` value; `None` for an unknown one.
    pub fn parse(text: &str) -> Option<Self> {
        Some(match text.to_ascii_lowercase().as_str() {
            "" | "id" | "chain" => Self::Chain,
            "datetime" | "date" | "time" => Self::Datetime,
            "blockheight" | "height" => Self::Blockheight,
            "type" => Self::Type,
            "amount" => Self::Amount,
            "txid" => Self::Txid,
            _ => return None,
        })
    }
}

/// Paging of `activities` and `txs` (AMP's query parameters).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct HistoryPage {
    /// Entries skipped.
    pub start: u64,
    /// At most this many (all when `None`).
    pub count: Option<u64>,
    /// The column sorted by.
    pub sort: SortColumn,
    /// Descending.
    pub descending: bool,
    /// Only from this block height.
    pub height_start: Option<u32>,
    /// Only up to this block height.
    pub height_stop: Option<u32>,
}

/// What a page sorts on.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum SortValue {
    Number(i128),
    Text(String),
}

/// An entry that a [`HistoryPage`] can filter and sort.
pub(crate) trait Paged {
    fn height(&self) -> u32;
    fn value(&self, column: SortColumn) -> SortValue;
}

impl Paged for AssetTx {
    fn height(&self) -> u32 {
        self.height
    }
    fn value(&self, column: SortColumn) -> SortValue {
        match column {
            SortColumn::Chain => SortValue::Number(0),
            SortColumn::Datetime => SortValue::Number(i128::from(self.time)),
            SortColumn::Blockheight => SortValue::Number(i128::from(self.height)),
            SortColumn::Type => SortValue::Text(self.kind.as_str().to_owned()),
            SortColumn::Amount => SortValue::Number(
                self.outputs
                    .iter()
                    .map(|o| i128::from(o.amount.units()))
                    .sum(),
            ),
            SortColumn::Txid => SortValue::Text(self.txid.to_string()),
        }
    }
}

impl Paged for ActivityLine {
    fn height(&self) -> u32 {
        self.tx.height
    }
    fn value(&self, column: SortColumn) -> SortValue {
        match column {
            SortColumn::Amount => SortValue::Number(i128::from(self.output.amount.units())),
            other => self.tx.value(other),
        }
    }
}

impl HistoryPage {
    /// Applies the page to entries listed in chain order (a stable sort keeps chain order
    /// among equal values).
    pub(crate) fn apply<T: Paged>(&self, items: Vec<T>) -> Vec<T> {
        let in_range = |h: u32| {
            self.height_start.is_none_or(|s| h >= s) && self.height_stop.is_none_or(|s| h <= s)
        };
        let mut kept: Vec<T> = items.into_iter().filter(|t| in_range(t.height())).collect();
        if self.sort != SortColumn::Chain {
            kept.sort_by_cached_key(|t| t.value(self.sort));
        }
        if self.descending {
            kept.reverse();
        }
        let start = usize::try_from(self.start).unwrap_or(usize::MAX);
        let count = self
            .count
            .map_or(usize::MAX, |c| usize::try_from(c).unwrap_or(usize::MAX));
        kept.into_iter().skip(start).take(count).collect()
    }
}

impl App {
    /// A page of the asset's mined transactions (oldest first by default).
    pub async fn asset_txs(
        &self,
        issuer: IssuerId,
        uuid: AssetUuid,
        page: &HistoryPage,
    ) -> Result<Vec<AssetTx>, AssetError> {
        let history = History::load(self, issuer, uuid).await?;
        let mut txs = page.apply(history.txs());
        history.complete(self, &mut txs).await?;
        Ok(txs)
    }

    /// One mined transaction of the asset.
    pub async fn asset_tx(
        &self,
        issuer: IssuerId,
        uuid: AssetUuid,
        txid: Txid,
    ) -> Result<Option<AssetTx>, AssetError> {
        let history = History::load(self, issuer, uuid).await?;
        let mut found: Vec<AssetTx> = history
            .txs()
            .into_iter()
            .filter(|t| t.txid == txid)
            .collect();
        history.complete(self, &mut found).await?;
        Ok(found.pop())
    }

    /// A page of the asset's activities (oldest first by default): one per output a
    /// transaction paid (the issuance, each reissuance, burn and transfer, one per
    /// receiver of a distribution).
    pub async fn asset_activities(
        &self,
        issuer: IssuerId,
        uuid: AssetUuid,
        page: &HistoryPage,
    ) -> Result<Vec<ActivityLine>, AssetError> {
        let history = History::load(self, issuer, uuid).await?;
        let asset_hex = history.asset.asset_id.to_string();
        let mut lines = Vec::new();
        for tx in history.txs() {
            let concerned: Vec<TxOutputLine> = tx
                .outputs
                .iter()
                .filter(|o| o.asset_id == asset_hex)
                .filter(|o| match tx.kind {
                    TxKind::Issuance | TxKind::Reissuance => !o.is_burnt,
                    TxKind::Distribution => o.gaid.is_some(),
                    TxKind::Burn => o.is_burnt,
                    TxKind::Transfer | TxKind::Treasury => true,
                })
                .cloned()
                .collect();
            // An asset leaving the followed outputs: the spent outputs are what happened.
            let concerned = if concerned.is_empty() {
                tx.inputs
                    .iter()
                    .filter(|i| i.spent.asset_id == asset_hex)
                    .map(|i| i.spent.clone())
                    .collect()
            } else {
                concerned
            };
            for output in concerned {
                lines.push(ActivityLine {
                    kind: tx.kind,
                    tx: tx.clone(),
                    output,
                });
            }
        }
        let mut lines = page.apply(lines);
        history.complete_activities(self, &mut lines).await?;
        Ok(lines)
    }
}

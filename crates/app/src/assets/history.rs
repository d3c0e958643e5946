//! An asset's history: its transactions (AMP `txs`) and the activities they amount to.
//!
//! Nothing here is recorded separately: the history is rebuilt from what the lifecycle
//! already stored after checking it on chain (the issuance, confirmed reissuances,
//! distributions and burns, the verified treasury outputs and supplied blinders), placed
//! on the chain by the server's own node. The issuance comes first, which the confirm
//! script's `update-blinders` relies on (it takes element 0).

use super::AssetError;
use crate::App;
use elements::Txid;
use std::collections::HashMap;
use tessera_core::{Amount, Asset, AssetUuid, DistributionState, IssuerId, RegisteredUserId};
use tessera_store::TreasuryOutputKind;

/// Blinder shown when the server does not know it (the confirm script tests for it).
pub const UNKNOWN_BLINDER: &str =
    "0000000000000000000000000000000000000000000000000000000000000000";

/// What a transaction did to the asset.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TxKind {
    /// The issuance.
    Issuance,
    /// A confirmed reissuance.
    Reissuance,
    /// A confirmed distribution.
    Distribution,
    /// A confirmed burn.
    Burn,
}

impl TxKind {
    /// The activity `type`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Issuance => "issuance",
            Self::Reissuance => "reissuance",
            Self::Distribution => "distribution",
            Self::Burn => "burn",
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
    /// Spent since (by the node's chain and mempool).
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

/// One transaction of the asset.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AssetTx {
    /// The transaction.
    pub txid: Txid,
    /// What it did.
    pub kind: TxKind,
    /// Height of its block, once mined.
    pub height: Option<u32>,
    /// Block time (or, unmined, when the server recorded it), unix seconds.
    pub time: Option<i64>,
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
    /// The output concerned.
    pub output: TxOutputLine,
}

/// Paging of `activities` and `txs` (AMP's query parameters).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct HistoryPage {
    /// Entries skipped.
    pub start: u64,
    /// At most this many (all when `None`).
    pub count: Option<u64>,
    /// Newest first.
    pub descending: bool,
    /// Only from this block height.
    pub height_start: Option<u32>,
    /// Only up to this block height.
    pub height_stop: Option<u32>,
}

impl HistoryPage {
    /// Applies the page to entries listed oldest first, each with its height.
    pub fn apply<T>(&self, items: Vec<(Option<u32>, T)>) -> Vec<T> {
        let in_range = |h: &Option<u32>| match (self.height_start, self.height_stop, h) {
            (None, None, _) => true,
            (_, _, None) => false,
            (start, stop, Some(h)) => start.is_none_or(|s| *h >= s) && stop.is_none_or(|s| *h <= s),
        };
        let mut kept: Vec<T> = items
            .into_iter()
            .filter(|(h, _)| in_range(h))
            .map(|(_, t)| t)
            .collect();
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
    /// The asset's transactions, oldest first (the issuance first).
    pub async fn asset_txs(
        &self,
        issuer: IssuerId,
        uuid: AssetUuid,
    ) -> Result<Vec<AssetTx>, AssetError> {
        let asset = self.asset(issuer, uuid).await?;
        let missing = || AssetError::NotFound(uuid);
        let reissuances = self
            .store
            .reissuances(issuer, uuid)
            .await?
            .ok_or_else(missing)?;
        let burns = self.store.burns(issuer, uuid).await?.ok_or_else(missing)?;
        let distributions = self
            .store
            .distributions(issuer, uuid)
            .await?
            .ok_or_else(missing)?;
        let mut txs = vec![self.issuance_tx(issuer, &asset).await?];
        let mut later: Vec<(i64, TxKind, Txid, Vec<TxOutputLine>)> = Vec::new();
        for r in reissuances
            .iter()
            .filter_map(|r| r.confirmed.map(|c| (r.amount, c)))
        {
            let out = self.hist_line(&asset, u32::MAX, r.0, false);
            later.push((r.1.confirmed_at, TxKind::Reissuance, r.1.txid, vec![out]));
        }
        for d in &distributions {
            let DistributionState::Confirmed { txids, .. } = &d.state else {
                continue;
            };
            for txid in txids {
                let paid = d.outputs.iter().filter_map(|o| {
                    let mut line = self.hist_line(&asset, o.vout?, o.amount, false);
                    line.gaid = Some(o.gaid.to_string());
                    line.registered_user = Some(o.registered_user);
                    Some(line)
                });
                let when = d.confirmed_at.unwrap_or(d.created_at);
                later.push((when, TxKind::Distribution, *txid, paid.collect()));
            }
        }
        for b in burns
            .iter()
            .filter_map(|b| b.confirmed.map(|c| (b.amount, c)))
        {
            let mut out = self.hist_line(&asset, u32::MAX, b.0, false);
            out.is_burnt = true;
            later.push((b.1.confirmed_at, TxKind::Burn, b.1.txid, vec![out]));
        }
        later.sort_by_key(|l| l.0);
        for (when, kind, txid, outputs) in later {
            txs.push(AssetTx {
                txid,
                kind,
                height: None,
                time: Some(when),
                inputs: Vec::new(),
                outputs,
            });
        }
        self.complete_from_chain(issuer, &asset, &mut txs).await?;
        // Chain order after the issuance: by block, unmined last (stable within a block).
        if let Some(rest) = txs.get_mut(1..) {
            rest.sort_by_key(|t| (t.height.unwrap_or(u32::MAX), t.time));
        }
        Ok(txs)
    }

    /// One transaction of the asset.
    pub async fn asset_tx(
        &self,
        issuer: IssuerId,
        uuid: AssetUuid,
        txid: Txid,
    ) -> Result<Option<AssetTx>, AssetError> {
        Ok(self
            .asset_txs(issuer, uuid)
            .await?
            .into_iter()
            .find(|t| t.txid == txid))
    }

    /// The asset's activities, oldest first: one per output a transaction paid (one for
    /// the issuance, each reissuance and burn, one per receiver of a distribution).
    pub async fn asset_activities(
        &self,
        issuer: IssuerId,
        uuid: AssetUuid,
    ) -> Result<Vec<ActivityLine>, AssetError> {
        let txs = self.asset_txs(issuer, uuid).await?;
        let asset = self.asset(issuer, uuid).await?;
        let asset_hex = asset.asset_id.to_string();
        let mut lines = Vec::new();
        for tx in txs {
            let concerned = tx.outputs.iter().filter(|o| match tx.kind {
                TxKind::Issuance | TxKind::Reissuance => o.asset_id == asset_hex && !o.is_burnt,
                TxKind::Distribution => o.gaid.is_some(),
                TxKind::Burn => o.is_burnt,
            });
            for output in concerned.cloned().collect::<Vec<_>>() {
                lines.push(ActivityLine {
                    kind: tx.kind,
                    tx: tx.clone(),
                    output,
                });
            }
        }
        Ok(lines)
    }

    async fn issuance_tx(&self, issuer: IssuerId, asset: &Asset) -> Result<AssetTx, AssetError> {
        let totals = self
            .store
            .supply_totals(issuer, asset.uuid)
            .await?
            .unwrap_or_default();
        let mut outputs =
            vec![self.hist_line(asset, asset.issuance.asset_vout, totals.issued, false)];
        if let (Some(vout), Some(token)) =
            (asset.issuance.reissuance_vout, asset.reissuance_token_id)
        {
            let mut line = self.hist_line(asset, vout, Amount::ZERO, false);
            line.asset_id = token.to_string();
            outputs.push(line);
        }
        Ok(AssetTx {
            txid: asset.issuance.txid,
            kind: TxKind::Issuance,
            height: None,
            time: None,
            inputs: Vec::new(),
            outputs,
        })
    }

    fn hist_line(
        &self,
        asset: &Asset,
        vout: u32,
        amount: Amount,
        is_treasury: bool,
    ) -> TxOutputLine {
        TxOutputLine {
            vout,
            asset_id: asset.asset_id.to_string(),
            amount,
            asset_blinder: UNKNOWN_BLINDER.to_owned(),
            amount_blinder: UNKNOWN_BLINDER.to_owned(),
            gaid: None,
            registered_user: None,
            is_treasury,
            is_spent: false,
            is_burnt: false,
        }
    }
}

impl App {
    /// Fills heights, times, treasury outputs, blinders, inputs and spent flags from the
    /// store's verified outputs and the node.
    async fn complete_from_chain(
        &self,
        issuer: IssuerId,
        asset: &Asset,
        txs: &mut [AssetTx],
    ) -> Result<(), AssetError> {
        let uuid = asset.uuid;
        let treasury = self
            .store
            .treasury_outputs(issuer, uuid)
            .await?
            .unwrap_or_default();
        let blinders = self
            .store
            .output_blinders(issuer, uuid)
            .await?
            .unwrap_or_default();
        let node = self.node().ok_or(AssetError::NoNode)?;
        let mut known: HashMap<(Txid, u32), TxOutputLine> = HashMap::new();
        for tx in txs.iter_mut() {
            // Placeholder outputs (reissued amounts, burns) take their real index below.
            let raw = node.get_raw_transaction(&tx.txid).await.ok();
            for t in treasury.iter().filter(|t| t.txid == tx.txid) {
                let mut line = self.hist_line(asset, t.vout, t.amount, true);
                if t.kind == TreasuryOutputKind::Token {
                    line.asset_id = asset
                        .reissuance_token_id
                        .map(|t| t.to_string())
                        .unwrap_or_default();
                }
                line.asset_blinder = t.asset_blinder.clone();
                line.amount_blinder = t.amount_blinder.clone();
                tx.outputs
                    .retain(|o| !(o.vout == u32::MAX && o.amount == line.amount && !o.is_burnt));
                tx.outputs.retain(|o| o.vout != line.vout);
                tx.outputs.push(line);
            }
            if let Some(raw) = &raw {
                let burn_vout = raw
                    .vout
                    .iter()
                    .position(|o| o.script_pub_key.hex.starts_with("6a"));
                for o in tx
                    .outputs
                    .iter_mut()
                    .filter(|o| o.vout == u32::MAX && o.is_burnt)
                {
                    o.vout = burn_vout
                        .and_then(|v| u32::try_from(v).ok())
                        .unwrap_or(u32::MAX);
                }
                if tx.kind == TxKind::Issuance {
                    let issued = raw
                        .vin
                        .get(asset.issuance.vin as usize)
                        .and_then(|i| i.issuance.as_ref());
                    let tokens = issued.and_then(|i| i.tokenamount).map_or(0, |t| t.to_sat());
                    let token_vout = asset.issuance.reissuance_vout;
                    for o in tx.outputs.iter_mut().filter(|o| Some(o.vout) == token_vout) {
                        o.amount = Amount::from_units(tokens).unwrap_or(Amount::ZERO);
                    }
                }
                for (vin, input) in raw.vin.iter().enumerate() {
                    let (Some(prev_txid), Some(prev_vout)) = (input.txid, input.vout) else {
                        continue;
                    };
                    if let Some(spent) = known.get(&(prev_txid, prev_vout)) {
                        let vin = u32::try_from(vin).unwrap_or(u32::MAX);
                        tx.inputs.push(TxInputLine {
                            vin,
                            prev_txid,
                            prev_vout,
                            spent: spent.clone(),
                        });
                    }
                }
                if let Some(hash) = raw.blockhash {
                    if let Ok(header) = node.get_block_header(&hash).await {
                        tx.height = u32::try_from(header.height).ok();
                        tx.time = i64::try_from(header.time).ok();
                    }
                }
            }
            tx.outputs.retain(|o| o.vout != u32::MAX);
            tx.outputs.sort_by_key(|o| o.vout);
            for o in tx.outputs.iter_mut() {
                if let Some(b) = blinders
                    .iter()
                    .find(|b| b.txid == tx.txid && b.vout == o.vout)
                {
                    o.asset_blinder = b.asset_blinder.clone();
                    o.amount_blinder = b.amount_blinder.clone();
                }
                o.is_spent =
                    !o.is_burnt && matches!(node.get_tx_out(&tx.txid, o.vout).await, Ok(None));
                known.insert((tx.txid, o.vout), o.clone());
            }
        }
        Ok(())
    }
}

//! The node reads an asset's history still needs, made for one page only: the issuance's
//! block, block times the watcher has not stored yet, and for each listed transaction its
//! inputs spending outputs of the history, a burn's destroyed output, the issued token
//! amount and whether treasury outputs are spent.

use super::history::{ActivityLine, AssetTx};
use super::history_build::{History, BURN_VOUT_UNKNOWN};
use super::AssetError;
use crate::App;
use std::collections::HashMap;
use tessera_core::{Amount, Asset};

impl App {
    /// The height of the asset's issuance block (`None` while unmined).
    pub(crate) async fn issuance_height(&self, asset: &Asset) -> Result<Option<u32>, AssetError> {
        let node = self.node().ok_or(AssetError::NoNode)?;
        let Ok(raw) = node.get_raw_transaction(&asset.issuance.txid).await else {
            return Ok(None);
        };
        let Some(hash) = raw.blockhash else {
            return Ok(None);
        };
        let header = node.get_block_header(&hash).await?;
        Ok(u32::try_from(header.height).ok())
    }

    /// Block times (unix seconds) by height: the watcher's blocks, then the node's for
    /// heights the watcher has not reached yet.
    pub(crate) async fn block_times(
        &self,
        heights: &[u32],
    ) -> Result<HashMap<u32, i64>, AssetError> {
        let mut times: HashMap<u32, i64> = self
            .store
            .blocks_at(heights)
            .await?
            .into_iter()
            .map(|b| (b.height, b.time))
            .collect();
        let mut missing: Vec<u32> = heights
            .iter()
            .copied()
            .filter(|h| !times.contains_key(h))
            .collect();
        missing.sort_unstable();
        missing.dedup();
        if let (false, Some(node)) = (missing.is_empty(), self.node()) {
            for h in missing {
                let hash = node.get_block_hash(u64::from(h)).await?;
                let header = node.get_block_header(&hash).await?;
                if let Ok(time) = i64::try_from(header.time) {
                    times.insert(h, time);
                }
            }
        }
        Ok(times)
    }
}

impl History {
    /// Completes a page of transactions from the node.
    pub(crate) async fn complete(&self, app: &App, txs: &mut [AssetTx]) -> Result<(), AssetError> {
        let node = app.node().ok_or(AssetError::NoNode)?;
        for tx in txs.iter_mut() {
            if let Ok(raw) = node.get_raw_transaction(&tx.txid).await {
                let burn_vout = raw
                    .vout
                    .iter()
                    .find(|o| o.script_pub_key.hex.starts_with("6a"))
                    .map(|o| o.n);
                for o in tx
                    .outputs
                    .iter_mut()
                    .filter(|o| o.vout == BURN_VOUT_UNKNOWN)
                {
                    o.vout = burn_vout.unwrap_or(BURN_VOUT_UNKNOWN);
                }
                let token_vout = self.asset.issuance.reissuance_vout;
                if tx.txid == self.asset.issuance.txid {
                    let issued = raw
                        .vin
                        .get(self.asset.issuance.vin as usize)
                        .and_then(|i| i.issuance.as_ref());
                    let tokens = issued.and_then(|i| i.tokenamount).map_or(0, |t| t.to_sat());
                    for o in tx.outputs.iter_mut().filter(|o| Some(o.vout) == token_vout) {
                        o.amount = Amount::from_units(tokens).unwrap_or(o.amount);
                    }
                }
                for (vin, input) in raw.vin.iter().enumerate() {
                    let (Some(prev_txid), Some(prev_vout)) = (input.txid, input.vout) else {
                        continue;
                    };
                    let vin = u32::try_from(vin).unwrap_or(u32::MAX);
                    if tx.inputs.iter().any(|i| i.vin == vin) {
                        continue;
                    }
                    if let Some(spent) = self.known.get(&(prev_txid, prev_vout)) {
                        let mut spent = spent.clone();
                        spent.is_spent = true;
                        tx.inputs.push(super::TxInputLine {
                            vin,
                            prev_txid,
                            prev_vout,
                            spent,
                        });
                    }
                }
                tx.inputs.sort_by_key(|i| i.vin);
            }
            tx.outputs.retain(|o| o.vout != BURN_VOUT_UNKNOWN);
            tx.outputs.sort_by_key(|o| o.vout);
            // Tracked outputs carry their spends; treasury outputs in the issuer's wallet
            // are asked of the node.
            for o in tx
                .outputs
                .iter_mut()
                .filter(|o| o.is_treasury && !o.is_spent && !o.is_burnt)
            {
                o.is_spent = matches!(node.get_tx_out(&tx.txid, o.vout).await, Ok(None));
            }
        }
        Ok(())
    }

    /// Completes a page of activities: a burn's destroyed output takes its real index.
    pub(crate) async fn complete_activities(
        &self,
        app: &App,
        lines: &mut [ActivityLine],
    ) -> Result<(), AssetError> {
        let node = app.node().ok_or(AssetError::NoNode)?;
        for line in lines
            .iter_mut()
            .filter(|l| l.output.vout == BURN_VOUT_UNKNOWN)
        {
            if let Ok(raw) = node.get_raw_transaction(&line.tx.txid).await {
                if let Some(o) = raw
                    .vout
                    .iter()
                    .find(|o| o.script_pub_key.hex.starts_with("6a"))
                {
                    line.output.vout = o.n;
                }
            }
        }
        Ok(())
    }
}

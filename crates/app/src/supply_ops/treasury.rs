//! Which outputs of the issuer's treasury hold the asset and its reissuance token.
//!
//! The reissue file must name the token's outpoints and the burn file the asset's, exactly
//! as the issuer's node lists them (the confirm script checks membership). The server
//! cannot ask the issuer's node, so it keeps its own record, fed only by verified facts:
//! the issuance transfer (the server's own wallet sent asset and token to the issuer, so
//! its `gettransaction` has their blinders), then the outputs the confirm tool reports
//! (`details` of a reissuance, `change_data` of a distribution or burn) once their
//! commitments have been recomputed and compared with the chain. At request time only the
//! outputs the chain still shows unspent (`gettxout`) are handed out.

use super::verify::{asset_blinder, opens, value_blinder};
use super::{ClaimedOutput, SupplyOpError, ISSUANCE_TRANSFER_SEARCH_BLOCKS};
use crate::App;
use elements::{AssetId, OutPoint, Transaction, Txid};
use tessera_core::{Amount, Asset, IssuerId};
use tessera_elements_rpc::WalletTransaction;
use tessera_store::{OutputOrigin, Store, TreasuryOutput, TreasuryOutputKind};

impl App {
    /// The treasury's unspent outputs of `kind` for the asset, oldest first.
    pub(crate) async fn unspent_treasury_outputs(
        &self,
        issuer: IssuerId,
        asset: &Asset,
        kind: TreasuryOutputKind,
    ) -> Result<Vec<TreasuryOutput>, SupplyOpError> {
        self.ensure_issuance_outputs(issuer, asset).await?;
        let known = self
            .store
            .treasury_outputs(issuer, asset.uuid)
            .await?
            .ok_or(SupplyOpError::AssetNotFound(asset.uuid))?;
        let mut unspent = Vec::new();
        for output in known.into_iter().filter(|o| o.kind == kind) {
            if self.is_unspent(&output.txid, output.vout).await? {
                unspent.push(output);
            }
        }
        Ok(unspent)
    }

    /// Checks every claim against `tx` and records the outputs as the treasury's (all or
    /// nothing: a claim that does not open refuses the whole report).
    pub(crate) async fn record_claims(
        &self,
        issuer: IssuerId,
        asset: &Asset,
        tx: &Transaction,
        claims: &[ClaimedOutput],
        origin: OutputOrigin,
    ) -> Result<(), SupplyOpError> {
        let txid = tx.txid();
        let mut outputs = Vec::with_capacity(claims.len());
        for claim in claims {
            let kind = if claim.asset == asset.asset_id {
                TreasuryOutputKind::Asset
            } else if Some(claim.asset) == asset.reissuance_token_id {
                TreasuryOutputKind::Token
            } else {
                continue;
            };
            let opened = tx
                .output
                .get(claim.vout as usize)
                .is_some_and(|out| opens(out, claim));
            if !opened {
                return Err(SupplyOpError::mismatch(
                    txid,
                    format!(
                        "output {} does not carry {} of {} with the reported blinders",
                        claim.vout, claim.amount, claim.asset
                    ),
                ));
            }
            outputs.push(TreasuryOutput {
                txid,
                vout: claim.vout,
                kind,
                amount: claim.amount,
                asset_blinder: claim.asset_blinder.to_string(),
                amount_blinder: claim.amount_blinder.to_string(),
                origin,
            });
        }
        if !outputs.is_empty() {
            self.store
                .record_treasury_outputs(issuer, asset.uuid, &outputs, self.now())
                .await?;
        }
        Ok(())
    }

    /// Records where the issuance put the asset and token, once: the issuance outputs if
    /// unspent, else the outputs of the transaction that moved them (the transfer to the
    /// issuer), read from the server's own wallet, which made both.
    async fn ensure_issuance_outputs(
        &self,
        issuer: IssuerId,
        asset: &Asset,
    ) -> Result<(), SupplyOpError> {
        let known = self.store.treasury_outputs(issuer, asset.uuid).await?;
        if known.is_some_and(|k| k.iter().any(|o| o.origin == OutputOrigin::Issuance)) {
            return Ok(());
        }
        // Asset and token may have travelled in separate transfers (same address).
        let vouts = [
            Some(asset.issuance.asset_vout),
            asset.issuance.reissuance_vout,
        ];
        let mut holders: Vec<Txid> = Vec::new();
        for vout in vouts.into_iter().flatten() {
            let issued = OutPoint::new(asset.issuance.txid, vout);
            let holder = if self.is_unspent(&issued.txid, issued.vout).await? {
                Some(issued.txid)
            } else {
                self.find_spender(issued).await?
            };
            match holder {
                Some(txid) if !holders.contains(&txid) => holders.push(txid),
                Some(_) => {}
                None => {
                    tracing::warn!(asset = %asset.uuid, vout, "the issuance transfer was not found")
                }
            }
        }
        let node = self.supply_node()?;
        for txid in holders {
            let wallet_tx = node.get_transaction(&txid).await?;
            let tx = decode(&node.get_raw_transaction_hex(&txid).await?, txid)?;
            let claims = wallet_claims(
                &wallet_tx,
                &[Some(asset.asset_id), asset.reissuance_token_id],
            );
            self.record_claims(issuer, asset, &tx, &claims, OutputOrigin::Issuance)
                .await?;
        }
        Ok(())
    }

    /// The transaction spending `outpoint`: searched in the blocks from the one holding
    /// its transaction (at most [`ISSUANCE_TRANSFER_SEARCH_BLOCKS`]), then the mempool.
    async fn find_spender(&self, outpoint: OutPoint) -> Result<Option<Txid>, SupplyOpError> {
        let node = self.supply_node()?;
        let spends = |tx: &Transaction| tx.input.iter().any(|i| i.previous_output == outpoint);
        let tip = node.get_block_count().await?;
        let start = node
            .get_transaction(&outpoint.txid)
            .await?
            .blockheight
            .unwrap_or(tip);
        let end = tip.min(start.saturating_add(ISSUANCE_TRANSFER_SEARCH_BLOCKS));
        for height in start..=end {
            let block = node
                .get_block_raw(&node.get_block_hash(height).await?)
                .await?;
            if let Some(tx) = block.txdata.iter().find(|tx| spends(tx)) {
                return Ok(Some(tx.txid()));
            }
        }
        for txid in node.get_raw_mempool().await? {
            let tx = decode(&node.get_raw_transaction_hex(&txid).await?, txid)?;
            if spends(&tx) {
                return Ok(Some(txid));
            }
        }
        Ok(None)
    }
}

/// The wallet's entries for `assets` as claims, one per output.
fn wallet_claims(wallet_tx: &WalletTransaction, assets: &[Option<AssetId>]) -> Vec<ClaimedOutput> {
    let mut claims: Vec<ClaimedOutput> = Vec::new();
    for d in &wallet_tx.details {
        if !assets.contains(&Some(d.asset)) || claims.iter().any(|c| c.vout == d.vout) {
            continue;
        }
        let parsed = (
            Amount::from_units(d.amount.unsigned_abs().to_sat()).ok(),
            asset_blinder(Some(&d.assetblinder)),
            value_blinder(Some(&d.amountblinder)),
        );
        if let (Some(amount), Some(asset_blinder), Some(amount_blinder)) = parsed {
            claims.push(ClaimedOutput {
                vout: d.vout,
                asset: d.asset,
                amount,
                asset_blinder,
                amount_blinder,
            });
        }
    }
    claims
}

/// Decodes a transaction the node sent as hex.
pub(crate) fn decode(hex_text: &str, txid: Txid) -> Result<Transaction, SupplyOpError> {
    hex::decode(hex_text)
        .ok()
        .and_then(|bytes| elements::encode::deserialize(&bytes).ok())
        .ok_or_else(|| SupplyOpError::mismatch(txid, "the node's copy does not decode"))
}

// `Store` is the trait object the app holds; its area methods need it in scope.
#[allow(unused_imports)]
use Store as _;

//! Which outputs of the issuer's treasury hold the asset and its reissuance token.
//!
//! The reissue file must name the token's outpoints and the burn file the asset's, exactly
//! as the issuer's node lists them (the confirm script checks membership). The server
//! cannot ask the issuer's node, so it keeps its own record, fed only by verified facts:
//! the issuance outputs (the server's own wallet built that transaction, paying the
//! issuer's addresses, and its `listissuances` knows the amounts; their blinders are the
//! issuer's, supplied by `update-blinders`), then the outputs the confirm tool reports
//! (`details` of a reissuance, `change_data` of a distribution or burn) once their
//! commitments have been recomputed and compared with the chain. At request time only the
//! outputs the chain still shows unspent (`gettxout`) are handed out.

use super::verify::opens;
use super::{ClaimedOutput, SupplyOpError};
use crate::assets::UNKNOWN_BLINDER;
use crate::App;
use elements::Transaction;
use tessera_core::{Amount, Asset, IssuerId};
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

    /// Records the issuance outputs as the treasury's, once. The amounts come from the
    /// server wallet's `listissuances` (it made the issuance, blinded or not); the blinders
    /// are unknown to the server (`update-blinders` supplies them for the history).
    async fn ensure_issuance_outputs(
        &self,
        issuer: IssuerId,
        asset: &Asset,
    ) -> Result<(), SupplyOpError> {
        let known = self.store.treasury_outputs(issuer, asset.uuid).await?;
        if known.is_some_and(|k| k.iter().any(|o| o.origin == OutputOrigin::Issuance)) {
            return Ok(());
        }
        let node = self.supply_node()?;
        let issuance = node
            .list_issuances(Some(&asset.asset_id))
            .await?
            .into_iter()
            .find(|i| i.txid == asset.issuance.txid && !i.isreissuance);
        let Some(issuance) = issuance else {
            tracing::warn!(asset = %asset.uuid, txid = %asset.issuance.txid,
                "the server wallet does not list this issuance");
            return Ok(());
        };
        let output = |vout, kind, amount: Option<tessera_elements_rpc::Sats>| {
            let amount = Amount::from_units(amount?.to_sat()).ok()?;
            Some(TreasuryOutput {
                txid: asset.issuance.txid,
                vout,
                kind,
                amount,
                asset_blinder: UNKNOWN_BLINDER.to_owned(),
                amount_blinder: UNKNOWN_BLINDER.to_owned(),
                origin: OutputOrigin::Issuance,
            })
        };
        let token = asset
            .issuance
            .reissuance_vout
            .and_then(|vout| output(vout, TreasuryOutputKind::Token, issuance.tokenamount));
        let outputs: Vec<TreasuryOutput> = [
            output(
                asset.issuance.asset_vout,
                TreasuryOutputKind::Asset,
                issuance.assetamount,
            ),
            token,
        ]
        .into_iter()
        .flatten()
        .collect();
        if !outputs.is_empty() {
            self.store
                .record_treasury_outputs(issuer, asset.uuid, &outputs, self.now())
                .await?;
        }
        Ok(())
    }
}

// `Store` is the trait object the app holds; its area methods need it in scope.
#[allow(unused_imports)]
use Store as _;

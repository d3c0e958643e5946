//! Reissuances: request an amount, then accept the reissuance the chain shows.
//!
//! The request returns the treasury's unspent reissuance-token outputs for the issuer's
//! node to spend. The confirmation is checked on the server's node: the reported input
//! must carry a reissuance (non-zero blinding nonce) whose entropy derives this asset id,
//! and its amount commitment must hold an open request's amount — proven with the
//! issuance blinder `listissuances` reports, or explicit on chain. The reported receive
//! entries (new asset and the moved token) become treasury outputs once their commitments
//! check out, so the next request names the token's new outpoint.

use super::verify::{issuance_amount_is, reissuance_at};
use super::{ReissuanceReport, SupplyOpError};
use crate::App;
use tessera_core::{Amount, Asset, AssetUuid, IssuerId};
use tessera_store::{OutputOrigin, Reissuance, TreasuryOutput, TreasuryOutputKind};

impl App {
    /// Records a reissuance request; returns the asset, the request and the token outputs
    /// to spend.
    #[tracing::instrument(skip(self))]
    pub async fn request_reissuance(
        &self,
        issuer: IssuerId,
        uuid: AssetUuid,
        amount: u64,
    ) -> Result<(Asset, Reissuance, Vec<TreasuryOutput>), SupplyOpError> {
        let asset = self.supply_asset(issuer, uuid).await?;
        let amount = positive(amount, "amount_to_reissue")?;
        if asset.reissuance_token_id.is_none() {
            return Err(SupplyOpError::NotReissuable(uuid));
        }
        let tokens = self
            .unspent_treasury_outputs(issuer, &asset, TreasuryOutputKind::Token)
            .await?;
        if tokens.is_empty() {
            return Err(SupplyOpError::NoTreasuryOutputs {
                what: "reissuance token outputs",
                asset: uuid,
            });
        }
        let request = self
            .store
            .request_reissuance(issuer, uuid, amount, self.now())
            .await?
            .ok_or(SupplyOpError::AssetNotFound(uuid))?;
        Ok((asset, request, tokens))
    }

    /// The asset's reissuances, oldest first.
    pub async fn reissuances(
        &self,
        issuer: IssuerId,
        uuid: AssetUuid,
    ) -> Result<Vec<Reissuance>, SupplyOpError> {
        self.store
            .reissuances(issuer, uuid)
            .await?
            .ok_or(SupplyOpError::AssetNotFound(uuid))
    }

    /// Confirms a reissuance after checking it on chain (idempotent by txid).
    #[tracing::instrument(skip(self, report), fields(txid = %report.txid))]
    pub async fn confirm_reissuance(
        &self,
        issuer: IssuerId,
        uuid: AssetUuid,
        report: &ReissuanceReport,
    ) -> Result<Reissuance, SupplyOpError> {
        let asset = self.supply_asset(issuer, uuid).await?;
        let history = self.reissuances(issuer, uuid).await?;
        let done = |r: &&Reissuance| r.confirmed.is_some_and(|c| c.txid == report.txid);
        if let Some(done) = history.iter().find(done) {
            return Ok(done.clone());
        }
        let confirmed = self.confirmed_tx(report.txid).await?;
        let txid = report.txid;
        let (reissued, amount) = reissuance_at(&confirmed.tx, report.vin).ok_or_else(|| {
            SupplyOpError::mismatch(txid, format!("input {} carries no reissuance", report.vin))
        })?;
        if reissued != asset.asset_id {
            return Err(SupplyOpError::mismatch(
                txid,
                format!("it reissues {reissued}, not {}", asset.asset_id),
            ));
        }
        let open = history.iter().filter(|r| r.confirmed.is_none());
        let matched = open
            .map(|r| r.amount)
            .find(|a| issuance_amount_is(&amount, reissued, a.units(), report.issuance_blinder));
        let Some(requested) = matched else {
            return Err(SupplyOpError::mismatch(
                txid,
                "its amount matches no open reissuance request (or cannot be proven without listissuances' assetblinds)",
            ));
        };
        self.record_claims(
            issuer,
            &asset,
            &confirmed.tx,
            &report.received,
            OutputOrigin::Reissuance,
        )
        .await?;
        let stored = self
            .store
            .confirm_reissuance(
                issuer,
                uuid,
                &txid,
                report.vin,
                requested,
                confirmed.height,
                self.now(),
            )
            .await?
            .ok_or(SupplyOpError::AssetNotFound(uuid))?;
        tracing::info!(amount = %requested, height = confirmed.height, "reissuance confirmed");
        Ok(stored)
    }
}

/// A positive amount in the money range.
pub(crate) fn positive(units: u64, field: &str) -> Result<Amount, SupplyOpError> {
    match Amount::from_units(units) {
        Ok(a) if a > Amount::ZERO => Ok(a),
        _ => Err(SupplyOpError::Amount(format!(
            "{field} must be between 1 and {} base units, not {units}",
            Amount::MAX.units()
        ))),
    }
}

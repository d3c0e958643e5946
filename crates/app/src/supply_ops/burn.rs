//! Burns: request an amount the treasury holds, then accept the burn the chain shows.
//!
//! The request returns the treasury's unspent outputs of the asset known to the server
//! (the issuance transfer, then verified reissuance outputs and change); the confirm script
//! requires each of them to be unspent in the issuer's wallet, and the server only hands
//! out outputs the chain still shows unspent. The confirmation is checked on the server's
//! node: the transaction's explicit OP_RETURN outputs of this asset must destroy exactly an
//! open request's amount. Reported change becomes treasury outputs once it checks out.

use super::reissue::positive;
use super::verify::burned;
use super::{BurnReport, SupplyOpError};
use crate::App;
use tessera_core::{Amount, Asset, AssetUuid, IssuerId, SupplyError};
use tessera_store::{Burn, OutputOrigin, TreasuryOutput, TreasuryOutputKind};

impl App {
    /// Records a burn request; returns the asset, the request and the treasury outputs.
    #[tracing::instrument(skip(self))]
    pub async fn request_burn(
        &self,
        issuer: IssuerId,
        uuid: AssetUuid,
        amount: u64,
    ) -> Result<(Asset, Burn, Vec<TreasuryOutput>), SupplyOpError> {
        let asset = self.supply_asset(issuer, uuid).await?;
        let amount = positive(amount, "amount")?;
        let supply = self
            .supply(issuer, uuid)
            .await
            .map_err(|_| SupplyOpError::AssetNotFound(uuid))?;
        let available = supply.treasury_balance()?;
        if amount > available {
            return Err(SupplyError::ExceedsTreasury {
                requested: amount,
                available,
            }
            .into());
        }
        let outputs = self
            .unspent_treasury_outputs(issuer, &asset, TreasuryOutputKind::Asset)
            .await?;
        if outputs.is_empty() {
            return Err(SupplyOpError::NoTreasuryOutputs {
                what: "treasury outputs",
                asset: uuid,
            });
        }
        let request = self
            .store
            .request_burn(issuer, uuid, amount, self.now())
            .await?
            .ok_or(SupplyOpError::AssetNotFound(uuid))?;
        Ok((asset, request, outputs))
    }

    /// The asset's burns, oldest first.
    pub async fn burns(
        &self,
        issuer: IssuerId,
        uuid: AssetUuid,
    ) -> Result<Vec<Burn>, SupplyOpError> {
        self.store
            .burns(issuer, uuid)
            .await?
            .ok_or(SupplyOpError::AssetNotFound(uuid))
    }

    /// Confirms a burn after checking it on chain (idempotent by txid).
    #[tracing::instrument(skip(self, report), fields(txid = %report.txid))]
    pub async fn confirm_burn(
        &self,
        issuer: IssuerId,
        uuid: AssetUuid,
        report: &BurnReport,
    ) -> Result<Burn, SupplyOpError> {
        let asset = self.supply_asset(issuer, uuid).await?;
        let history = self.burns(issuer, uuid).await?;
        let done = |b: &&Burn| b.confirmed.is_some_and(|c| c.txid == report.txid);
        if let Some(done) = history.iter().find(done) {
            return Ok(done.clone());
        }
        let confirmed = self.confirmed_tx(report.txid).await?;
        let txid = report.txid;
        let units = burned(&confirmed.tx, asset.asset_id)
            .ok_or_else(|| SupplyOpError::mismatch(txid, "burned amounts overflow"))?;
        let amount = Amount::from_units(units)
            .ok()
            .filter(|a| *a > Amount::ZERO)
            .ok_or_else(|| {
                SupplyOpError::mismatch(
                    txid,
                    format!("it burns nothing of asset {}", asset.asset_id),
                )
            })?;
        if !history
            .iter()
            .any(|b| b.confirmed.is_none() && b.amount == amount)
        {
            return Err(SupplyOpError::NoOpenRequest {
                kind: "burn",
                amount,
                asset: uuid,
            });
        }
        self.record_claims(
            issuer,
            &asset,
            &confirmed.tx,
            &report.change,
            OutputOrigin::Burn,
        )
        .await?;
        let stored = self
            .store
            .confirm_burn(issuer, uuid, &txid, amount, confirmed.height, self.now())
            .await?
            .ok_or(SupplyOpError::AssetNotFound(uuid))?;
        tracing::info!(amount = %amount, height = confirmed.height, "burn confirmed");
        Ok(stored)
    }
}

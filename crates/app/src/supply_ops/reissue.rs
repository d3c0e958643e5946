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
use tessera_store::{
    OutputOrigin, Reissuance, ReissuanceConfirmation, TreasuryOutput, TreasuryOutputKind,
};

/// A confirmed reissuance with what the server verified of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReissuanceLine {
    /// The record.
    pub reissuance: Reissuance,
    /// Where it happened.
    pub confirmed: ReissuanceConfirmation,
    /// The output paying the new amount to the issuer's wallet, if reported.
    pub vout: Option<u32>,
    /// That output's address, if reported (and matching the chain).
    pub address: Option<String>,
    /// The hash of the block that confirmed it.
    pub block_hash: String,
}

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

    /// The asset's confirmed reissuances, oldest first, with the output and address of
    /// the new amount (when the issuer's wallet reported them) and their block's hash.
    pub async fn reissuance_lines(
        &self,
        issuer: IssuerId,
        uuid: AssetUuid,
    ) -> Result<Vec<ReissuanceLine>, SupplyOpError> {
        let confirmed: Vec<(Reissuance, ReissuanceConfirmation)> = self
            .reissuances(issuer, uuid)
            .await?
            .into_iter()
            .filter_map(|r| r.confirmed.map(|c| (r, c)))
            .collect();
        let treasury = self.store.treasury_outputs(issuer, uuid).await?;
        let addresses = self.store.output_addresses(issuer, uuid).await?;
        let heights: Vec<u32> = confirmed.iter().map(|(_, c)| c.height).collect();
        let mut hashes: std::collections::HashMap<u32, String> = self
            .store
            .blocks_at(&heights)
            .await?
            .into_iter()
            .map(|b| (b.height, b.hash))
            .collect();
        let mut lines = Vec::with_capacity(confirmed.len());
        for (reissuance, c) in confirmed {
            let vout = treasury.iter().flatten().find(|t| {
                t.txid == c.txid
                    && t.kind == TreasuryOutputKind::Asset
                    && t.origin == OutputOrigin::Reissuance
            });
            let vout = vout.map(|t| t.vout);
            let address = addresses
                .iter()
                .flatten()
                .find(|(t, v, _)| *t == c.txid && Some(*v) == vout)
                .map(|(_, _, a)| a.clone());
            let block_hash = match hashes.remove(&c.height) {
                Some(hash) => hash,
                // A block the chain watcher has not stored yet: the node's.
                None => self
                    .supply_node()?
                    .get_block_hash(u64::from(c.height))
                    .await?
                    .to_string(),
            };
            lines.push(ReissuanceLine {
                reissuance,
                confirmed: c,
                vout,
                address,
                block_hash,
            });
        }
        Ok(lines)
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
        let paid = checked_addresses(&confirmed.tx, &report.addresses);
        self.store
            .record_output_addresses(issuer, uuid, &paid, self.now())
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

/// The reported addresses whose script is the one the output pays on chain.
fn checked_addresses(
    tx: &elements::Transaction,
    reported: &[(u32, String)],
) -> Vec<(elements::Txid, u32, String)> {
    reported
        .iter()
        .filter(|(vout, address)| {
            let on_chain = tx.output.get(*vout as usize).map(|o| &o.script_pubkey);
            address
                .parse::<elements::Address>()
                .is_ok_and(|a| Some(&a.script_pubkey()) == on_chain)
        })
        .map(|(vout, address)| (tx.txid(), *vout, address.clone()))
        .collect()
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

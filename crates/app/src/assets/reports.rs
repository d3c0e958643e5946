//! What an issuer reads about an asset: summary, holders, unspent outputs.
//!
//! Holders are the ownership snapshot of `reports::ownership` at the tip (one computation
//! for `/balance`, `/summary`, `/ownerships` and dividends): managed accounts from the
//! ownership ledger, the treasury line by DESIGN.md §1.

use super::AssetError;
use crate::reports::ReportError;
use crate::App;
use std::collections::BTreeSet;
use tessera_core::{Asset, AssetUuid, IssuerId};
use tessera_store::TrackedOutput;

/// One holder of an asset.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HolderLine {
    /// Registered user name, `treasury`, or `None` when the holder is unknown.
    pub owner: Option<String>,
    /// Registered user id, when known.
    pub registered_user: Option<tessera_core::RegisteredUserId>,
    /// GAID of a managed account.
    pub gaid: Option<tessera_core::Gaid>,
    /// Amount held.
    pub amount: u64,
}

/// Totals of `summary`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AssetReport {
    /// The asset.
    pub asset: Asset,
    /// Supply buckets.
    pub supply: tessera_core::Supply,
    /// Held in locked outputs.
    pub blacklisted: u64,
    /// Registered users with assignments.
    pub registered_users: u64,
    /// Registered users holding the asset now.
    pub active_registered_users: u64,
    /// Managed accounts holding it now.
    pub active_accounts: u64,
    /// The treasury line of the holders (DESIGN.md §1).
    pub treasury: u64,
}

impl App {
    /// Holders as of the end of block `at_height` (the tip when `None`), treasury first:
    /// the one ownership computation ([`App::ownership_snapshot`]) that `ownerships` and
    /// dividends read too.
    pub async fn holders(
        &self,
        issuer: IssuerId,
        uuid: AssetUuid,
        at_height: Option<u32>,
    ) -> Result<Vec<HolderLine>, AssetError> {
        let snapshot = self
            .ownership_snapshot(issuer, uuid, at_height)
            .await
            .map_err(|e| match e {
                ReportError::Asset(a) => a,
                ReportError::Store(s) => AssetError::Store(s),
                other => AssetError::Amount(other.to_string()),
            })?;
        Ok(snapshot
            .lines
            .into_iter()
            .map(|l| HolderLine {
                owner: l.owner,
                registered_user: l.registered_user,
                gaid: l.gaid,
                amount: l.amount,
            })
            .collect())
    }

    /// Unspent outputs of the asset followed by the platform, with whether each is locked.
    pub async fn asset_outputs(
        &self,
        issuer: IssuerId,
        uuid: AssetUuid,
    ) -> Result<Vec<(TrackedOutput, bool)>, AssetError> {
        let asset = self.asset(issuer, uuid).await?;
        let locked: BTreeSet<(String, u32)> = self
            .store
            .locked_outputs(issuer, uuid)
            .await?
            .unwrap_or_default()
            .into_iter()
            .map(|(txid, vout)| (txid.to_string(), vout))
            .collect();
        let outputs = self
            .store
            .asset_unspent_outputs(&asset.asset_id.to_string())
            .await?;
        Ok(outputs
            .into_iter()
            .map(|o| {
                let is_locked = locked.contains(&(o.txid.clone(), o.vout));
                (o, is_locked)
            })
            .collect())
    }

    /// The figures of `GET /assets/{uuid}/summary`.
    pub async fn asset_report(
        &self,
        issuer: IssuerId,
        uuid: AssetUuid,
    ) -> Result<AssetReport, AssetError> {
        let asset = self.asset(issuer, uuid).await?;
        let supply = self.supply(issuer, uuid).await?;
        let outputs = self.asset_outputs(issuer, uuid).await?;
        let blacklisted = outputs
            .iter()
            .filter(|(_, l)| *l)
            .map(|(o, _)| o.amount)
            .sum();
        let holders = self.holders(issuer, uuid, None).await?;
        let active_accounts = holders.iter().filter(|h| h.gaid.is_some()).count() as u64;
        let treasury = holders
            .iter()
            .find(|h| h.owner.as_deref() == Some("treasury") && h.gaid.is_none())
            .map_or(0, |h| h.amount);
        let active_users: BTreeSet<_> = holders.iter().filter_map(|h| h.registered_user).collect();
        let assigned_users: BTreeSet<_> = self
            .store
            .assignments(issuer, uuid, None)
            .await?
            .unwrap_or_default()
            .into_iter()
            .map(|a| a.registered_user)
            .collect();
        Ok(AssetReport {
            asset,
            supply,
            blacklisted,
            registered_users: assigned_users.len() as u64,
            active_registered_users: active_users.len() as u64,
            active_accounts,
            treasury,
        })
    }
}

impl App {
    /// The height of the last followed block at or before `time` (unix seconds).
    pub async fn height_at_time(&self, time: i64) -> Result<Option<u32>, AssetError> {
        Ok(self
            .store
            .block_at_or_before_time(time)
            .await?
            .map(|b| b.height))
    }
}

//! Ownership of an asset at the end of a block: every holder with its amount, the
//! treasury as its own holder, and how much of each holding sits in locked outputs.
//!
//! Managed accounts' (and treasury addresses') holdings are sums over the ownership
//! ledger up to the height. The issuer's own wallet is not watched, so the treasury's
//! share is what exists at that height (issued, plus reissued, minus burned, counting only
//! reissuances and burns confirmed at or below it) minus what the ledger puts elsewhere:
//! the one figure that makes the snapshot add up to the supply at every height.
//! Locked (blacklisted) amounts are the locked outputs alive at that height (created at or
//! below it, not spent at or below it); they stay in `amount` and are reported again in
//! `blacklisted`, as AMP's summary reports `blacklisted` beside the totals.

use super::ReportError;
use crate::assets::AssetError;
use crate::App;
use std::collections::BTreeMap;
use tessera_core::{Asset, AssetUuid, Gaid, IssuerId, RegisteredUserId};
use tessera_store::{OwnerRef, StoreError};

/// One holder in a snapshot.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OwnershipLine {
    /// Registered user name, `treasury`, or `None` when unknown.
    pub owner: Option<String>,
    /// The registered user, when known.
    pub registered_user: Option<RegisteredUserId>,
    /// The managed account, for GAID holdings.
    pub gaid: Option<Gaid>,
    /// Whether this is the issuer's treasury.
    pub is_treasury: bool,
    /// Amount held (base units), locked outputs included.
    pub amount: u64,
    /// Of which in locked (blacklisted) outputs.
    pub blacklisted: u64,
}

/// Holders of an asset at the end of a block.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OwnershipSnapshot {
    /// The asset.
    pub asset: Asset,
    /// Assigned but not yet distributed: reserved for registered users, still in the
    /// issuer's wallet, and left out of the treasury line (AMP's summary `assigned`). Known
    /// at the tip only: assignments carry no date, so past snapshots reserve nothing.
    pub assigned_undistributed: u64,
    /// The block height (`None` before the chain watcher followed any block).
    pub height: Option<u32>,
    /// The treasury first, then managed accounts by GAID, then unknown holders.
    pub lines: Vec<OwnershipLine>,
}

fn key(owner: &OwnerRef) -> (u8, String) {
    match owner {
        OwnerRef::Treasury { .. } => (0, String::new()),
        OwnerRef::Account { gaid, .. } => (1, gaid.to_string()),
        OwnerRef::Unknown => (2, String::new()),
    }
}

impl App {
    /// Holders at the end of block `height`, or at the followed tip when `None`.
    pub async fn ownership_snapshot(
        &self,
        issuer: IssuerId,
        uuid: AssetUuid,
        height: Option<u32>,
    ) -> Result<OwnershipSnapshot, ReportError> {
        let asset = self.asset(issuer, uuid).await?;
        let tip = self.store.chain_tip().await?.map(|b| b.height);
        let at_tip = height.is_none() || height == tip;
        let height = match height {
            Some(h) if tip.is_none_or(|t| h > t) => {
                return Err(ReportError::HeightAboveTip { height: h, tip })
            }
            Some(h) => Some(h),
            None => tip,
        };
        let asset_id = asset.asset_id.to_string();
        let holdings = match height {
            Some(h) => self.store.asset_holdings(&asset_id, Some(h)).await?,
            None => Vec::new(),
        };
        // Sums per owner kind: the treasury addresses fold into one treasury line.
        let mut sums: BTreeMap<(u8, String), (OwnerRef, u64, u64)> = BTreeMap::new();
        let mut elsewhere: u64 = 0;
        for (owner, balance) in holdings {
            let amount = u64::try_from(balance).map_err(|_| ReportError::Ledger {
                asset_id: asset_id.clone(),
                owner: format!("{owner:?}"),
                balance,
            })?;
            if !matches!(owner, OwnerRef::Treasury { .. }) {
                elsewhere = elsewhere.checked_add(amount).ok_or(overflow())?;
            }
            let entry = sums.entry(key(&owner)).or_insert((owner, 0, 0));
            entry.1 = entry.1.checked_add(amount).ok_or(overflow())?;
        }
        // At the tip every confirmed reissuance and burn counts, even one in a block the
        // chain watcher has not reached yet (the node confirmed it).
        let existing = self
            .existing_at(issuer, uuid, if at_tip { None } else { height })
            .await?;
        // DESIGN.md §1: the treasury is what exists, less what others hold (what came back
        // to treasury addresses stays in it), less what is assigned and not distributed.
        let assigned_undistributed = if at_tip {
            self.supply(issuer, uuid)
                .await?
                .assigned_undistributed
                .units()
        } else {
            0
        };
        let treasury = existing
            .checked_sub(elsewhere)
            .unwrap_or_else(|| {
                tracing::warn!(%uuid, existing, elsewhere, "the ledger holds more than exists");
                0
            })
            .saturating_sub(assigned_undistributed);
        let entry = sums.entry((0, String::new())).or_insert((
            OwnerRef::Treasury {
                address: String::new(),
            },
            0,
            0,
        ));
        entry.1 = treasury;
        for (txid, vout) in self
            .store
            .locked_outputs(issuer, uuid)
            .await?
            .unwrap_or_default()
        {
            let Some(out) = self.store.tracked_output(&txid.to_string(), vout).await? else {
                continue;
            };
            let alive =
                height.is_some_and(|h| out.height <= h && out.spent_height.is_none_or(|s| s > h));
            if alive && out.asset_id == asset_id {
                if let Some(entry) = sums.get_mut(&key(&out.owner)) {
                    entry.2 = entry.2.saturating_add(out.amount).min(entry.1);
                }
            }
        }
        let mut lines = Vec::with_capacity(sums.len());
        for (owner, amount, blacklisted) in sums.into_values() {
            if amount > 0 {
                lines.push(self.line(issuer, owner, amount, blacklisted).await?);
            }
        }
        Ok(OwnershipSnapshot {
            asset,
            assigned_undistributed,
            height,
            lines,
        })
    }

    /// Issued + reissued − burned, counting reissuances and burns confirmed at or below
    /// `height` (all confirmed ones at the tip).
    async fn existing_at(
        &self,
        issuer: IssuerId,
        uuid: AssetUuid,
        height: Option<u32>,
    ) -> Result<u64, ReportError> {
        let counts = |h: u32| height.is_none_or(|cut| h <= cut);
        let totals = self.store.supply_totals(issuer, uuid).await?;
        let totals = totals.ok_or(AssetError::NotFound(uuid))?;
        let mut existing = totals.issued.units();
        for r in self
            .store
            .reissuances(issuer, uuid)
            .await?
            .unwrap_or_default()
        {
            if r.confirmed.is_some_and(|c| counts(c.height)) {
                existing = existing.checked_add(r.amount.units()).ok_or(overflow())?;
            }
        }
        for b in self.store.burns(issuer, uuid).await?.unwrap_or_default() {
            if b.confirmed.is_some_and(|c| counts(c.height)) {
                existing = existing.saturating_sub(b.amount.units());
            }
        }
        Ok(existing)
    }

    async fn line(
        &self,
        issuer: IssuerId,
        owner: OwnerRef,
        amount: u64,
        blacklisted: u64,
    ) -> Result<OwnershipLine, StoreError> {
        let mut line = OwnershipLine {
            owner: None,
            registered_user: None,
            gaid: None,
            is_treasury: false,
            amount,
            blacklisted,
        };
        match owner {
            OwnerRef::Treasury { .. } => {
                line.owner = Some("treasury".into());
                line.is_treasury = true;
            }
            OwnerRef::Account { gaid, .. } => {
                let user = self.store.registered_user_by_gaid(issuer, &gaid).await?;
                line.owner = user.as_ref().map(|u| u.name.to_string());
                line.registered_user = user.map(|u| u.id);
                line.gaid = Some(gaid);
            }
            OwnerRef::Unknown => {}
        }
        Ok(line)
    }
}

fn overflow() -> ReportError {
    ReportError::Amount(tessera_core::AmountError::OutOfRange(u128::from(u64::MAX)))
}

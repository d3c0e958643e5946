//! Vesting reports and AMP's registered user summary.
//!
//! An assignment is *vested* once its `vesting_timestamp` has passed (or when it has
//! none), and *distributed* once a confirmed distribution paid it. Issuers asked for three
//! buckets: vested and distributed, vested and not distributed yet (owed), and not yet
//! vested, with the dates ahead. The buckets sum to everything assigned. A distributed
//! assignment counts as vested whatever its timestamp says (it was paid).

use super::ReportError;
use crate::App;
use std::collections::BTreeMap;
use tessera_core::{
    Amount, Asset, AssetUuid, Assignment, AssignmentId, IssuerId, RegisteredUserId,
};

/// One assignment still to vest.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct UpcomingVesting {
    /// The assignment.
    pub assignment: AssignmentId,
    /// Who it is for.
    pub registered_user: RegisteredUserId,
    /// When it vests.
    pub vesting_timestamp: i64,
    /// How much.
    pub amount: Amount,
}

/// The three buckets of a set of assignments at one time.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct VestingTotals {
    /// Vested, not yet paid by a confirmed distribution.
    pub vested_undistributed: Amount,
    /// Paid by a confirmed distribution.
    pub vested_distributed: Amount,
    /// Vesting later.
    pub not_yet_vested: Amount,
    /// Assignments still to vest, soonest first (ties by assignment id).
    pub upcoming: Vec<UpcomingVesting>,
}

impl VestingTotals {
    /// The next vesting date, if any.
    pub fn next_vesting(&self) -> Option<i64> {
        self.upcoming.first().map(|u| u.vesting_timestamp)
    }
}

/// Sorts `assignments` into the buckets at `now` (checked sums).
pub fn vesting_totals<'a>(
    assignments: impl IntoIterator<Item = &'a Assignment>,
    now: i64,
) -> Result<VestingTotals, tessera_core::AmountError> {
    let mut t = VestingTotals::default();
    for a in assignments {
        if a.state.is_distributed() {
            t.vested_distributed = t.vested_distributed.checked_add(a.amount)?;
        } else if a.has_vested(now) {
            t.vested_undistributed = t.vested_undistributed.checked_add(a.amount)?;
        } else {
            t.not_yet_vested = t.not_yet_vested.checked_add(a.amount)?;
            t.upcoming.push(UpcomingVesting {
                assignment: a.id,
                registered_user: a.registered_user,
                vesting_timestamp: a.vesting_timestamp.unwrap_or(now),
                amount: a.amount,
            });
        }
    }
    t.upcoming
        .sort_by_key(|u| (u.vesting_timestamp, u.assignment));
    Ok(t)
}

/// The vesting report of one asset.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AssetVesting {
    /// The asset.
    pub asset: Asset,
    /// The time of the report.
    pub at: i64,
    /// All its assignments.
    pub totals: VestingTotals,
    /// Per registered user (ascending id).
    pub users: Vec<(RegisteredUserId, VestingTotals)>,
}

/// One asset in a registered user's vesting report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UserAssetVesting {
    /// The asset.
    pub asset: Asset,
    /// The user's assignments of it.
    pub totals: VestingTotals,
}

/// The vesting report of one registered user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UserVesting {
    /// The user.
    pub registered_user: RegisteredUserId,
    /// The time of the report.
    pub at: i64,
    /// Assets the user has assignments of, oldest asset first.
    pub assets: Vec<UserAssetVesting>,
}

/// One line of AMP's registered user summary.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UserAssetSummary {
    /// The asset.
    pub asset: Asset,
    /// Number of assignments.
    pub assignments: u64,
    /// Their sum.
    pub assignments_sum: u64,
    /// Number of them paid by confirmed distributions.
    pub distributions: u64,
    /// Their sum.
    pub distributions_sum: u64,
    /// What the user's GAIDs hold now, summed over the ledger.
    pub balance: u64,
}

impl App {
    /// The vesting report of an asset now.
    pub async fn asset_vesting(
        &self,
        issuer: IssuerId,
        uuid: AssetUuid,
    ) -> Result<AssetVesting, ReportError> {
        let asset = self.asset(issuer, uuid).await?;
        let now = self.now();
        let all = self.assignments_of(issuer, uuid).await?;
        let mut by_user: BTreeMap<RegisteredUserId, Vec<&Assignment>> = BTreeMap::new();
        for a in &all {
            by_user.entry(a.registered_user).or_default().push(a);
        }
        let mut users = Vec::with_capacity(by_user.len());
        for (user, list) in by_user {
            users.push((user, vesting_totals(list, now)?));
        }
        Ok(AssetVesting {
            asset,
            at: now,
            totals: vesting_totals(&all, now)?,
            users,
        })
    }

    /// The vesting report of a registered user now, over the issuer's assets.
    pub async fn user_vesting(
        &self,
        issuer: IssuerId,
        user: RegisteredUserId,
    ) -> Result<UserVesting, ReportError> {
        self.known_user(issuer, user).await?;
        let now = self.now();
        let mut assets = Vec::new();
        for asset in self.store.assets(issuer).await? {
            let all = self.assignments_of(issuer, asset.uuid).await?;
            let mine: Vec<&Assignment> = all.iter().filter(|a| a.registered_user == user).collect();
            if !mine.is_empty() {
                let totals = vesting_totals(mine, now)?;
                assets.push(UserAssetVesting { asset, totals });
            }
        }
        Ok(UserVesting {
            registered_user: user,
            at: now,
            assets,
        })
    }

    /// AMP's `GET /registered_users/{id}/summary`: per asset the user has assignments of
    /// or holds, by asset uuid.
    pub async fn user_summary(
        &self,
        issuer: IssuerId,
        id: RegisteredUserId,
    ) -> Result<Vec<UserAssetSummary>, ReportError> {
        let user = self.known_user(issuer, id).await?;
        let mut lines: BTreeMap<AssetUuid, UserAssetSummary> = BTreeMap::new();
        for t in self.store.user_assignment_totals(issuer, id).await? {
            let Some(asset) = self.store.asset(issuer, t.asset).await? else {
                continue;
            };
            lines.insert(
                t.asset,
                summary_line(
                    asset,
                    t.count,
                    t.sum,
                    t.distributed_count,
                    t.distributed_sum,
                ),
            );
        }
        for gaid in &user.gaids {
            for (asset_id, balance) in self.store.balances_of_gaid(gaid).await? {
                let Ok(parsed) = asset_id.parse() else {
                    continue;
                };
                let Some(asset) = self.store.asset_by_asset_id(&parsed).await? else {
                    continue;
                };
                if asset.issuer != issuer {
                    continue;
                }
                let line = lines
                    .entry(asset.uuid)
                    .or_insert_with(|| summary_line(asset, 0, Amount::ZERO, 0, Amount::ZERO));
                let held = u64::try_from(balance).unwrap_or(0);
                line.balance = line.balance.checked_add(held).ok_or(ReportError::Amount(
                    tessera_core::AmountError::OutOfRange(u128::from(u64::MAX)),
                ))?;
            }
        }
        Ok(lines.into_values().collect())
    }

    async fn assignments_of(
        &self,
        issuer: IssuerId,
        uuid: AssetUuid,
    ) -> Result<Vec<Assignment>, ReportError> {
        Ok(self
            .store
            .assignments(issuer, uuid, None)
            .await?
            .unwrap_or_default())
    }

    pub(crate) async fn known_user(
        &self,
        issuer: IssuerId,
        id: RegisteredUserId,
    ) -> Result<tessera_core::RegisteredUser, ReportError> {
        self.store
            .registered_user(issuer, id)
            .await?
            .ok_or(ReportError::UserNotFound(id))
    }
}

fn summary_line(
    asset: Asset,
    count: u64,
    sum: Amount,
    distributed: u64,
    distributed_sum: Amount,
) -> UserAssetSummary {
    UserAssetSummary {
        asset,
        assignments: count,
        assignments_sum: sum.units(),
        distributions: distributed,
        distributions_sum: distributed_sum.units(),
        balance: 0,
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use tessera_core::{AssignmentState, DistributionUuid};

    fn assignment(id: i64, units: u64, vesting: Option<i64>, distributed: bool) -> Assignment {
        let state = if distributed {
            AssignmentState::Distributed {
                distribution: DistributionUuid::new_random(),
                txid: "00".repeat(32).parse().unwrap(),
            }
        } else {
            AssignmentState::Pending
        };
        Assignment {
            id: AssignmentId(id),
            asset: AssetUuid::new_random(),
            registered_user: RegisteredUserId(1),
            amount: Amount::from_units(units).unwrap(),
            vesting_timestamp: vesting,
            ready_for_distribution: true,
            is_locked: false,
            state,
        }
    }

    #[test]
    fn assignments_fall_into_three_buckets_that_sum_to_the_total() {
        let list = [
            assignment(1, 10, None, false),
            assignment(2, 20, Some(100), false),
            assignment(3, 30, Some(101), false),
            assignment(4, 40, Some(50), true),
            assignment(5, 50, Some(300), false),
            assignment(6, 60, Some(200), false),
        ];
        let t = vesting_totals(&list, 100).unwrap();
        assert_eq!(t.vested_undistributed.units(), 30);
        assert_eq!(t.vested_distributed.units(), 40);
        assert_eq!(t.not_yet_vested.units(), 140);
        let ids: Vec<i64> = t.upcoming.iter().map(|u| u.assignment.0).collect();
        assert_eq!(ids, vec![3, 6, 5]);
        assert_eq!(t.next_vesting(), Some(101));
    }

    #[test]
    fn nothing_assigned_gives_empty_buckets_and_no_next_date() {
        let t = vesting_totals(&Vec::<Assignment>::new(), 0).unwrap();
        assert_eq!(t, VestingTotals::default());
        assert_eq!(t.next_vesting(), None);
    }
}

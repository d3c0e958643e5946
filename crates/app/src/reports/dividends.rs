//! Dividend calculations: core's `compute_dividend` over the holders at a block.
//!
//! The holdings are the ownership snapshot at the block (the treasury is always
//! excluded by core). When asked, assignments that had vested by the block's time but
//! were not yet paid count as holdings of their registered user (under the user's default
//! GAID, so they merge with what that account holds): the issuer owes them, and both
//! vested states entitle a holder. A calculation is stored with its request, so it can be
//! read back, exported and referenced by payment records.

use super::ReportError;
use crate::App;
use std::collections::BTreeSet;
use tessera_core::{
    compute_dividend, Amount, AssetUuid, Assignment, AssignmentState, DistributionState,
    DividendRequest, Gaid, Holder, IssuerId, Payout, RegisteredUserId,
};
use tessera_store::{DividendLineRecord, DividendRecord, NewDividend};

/// Which block's holders.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum At {
    /// The followed tip.
    Tip,
    /// The end of this block.
    Height(u32),
    /// The last followed block at or before this time (unix seconds).
    Time(i64),
}

/// A holder left out of a dividend.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ExcludeRef {
    /// A managed account.
    Gaid(Gaid),
    /// A registered user (all their GAIDs).
    User(RegisteredUserId),
}

impl std::fmt::Display for ExcludeRef {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Gaid(g) => write!(f, "{g}"),
            Self::User(u) => write!(f, "{}", u.0),
        }
    }
}

/// A dividend to calculate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DividendSpec {
    /// Which block's holders.
    pub at: At,
    /// What is paid.
    pub payout: Payout,
    /// The payout currency (free text).
    pub currency: String,
    /// Decimals of the payout currency (display only).
    pub precision: u8,
    /// Holders left out.
    pub exclude: Vec<ExcludeRef>,
    /// Whether vested but undistributed assignments count.
    pub include_vested_undistributed: bool,
    /// Smallest line paid (payout base units).
    pub minimum: Amount,
}

impl App {
    /// Calculates a dividend and stores it.
    pub async fn calculate_dividend(
        &self,
        issuer: IssuerId,
        uuid: AssetUuid,
        spec: DividendSpec,
    ) -> Result<DividendRecord, ReportError> {
        super::error::check_len("currency", &spec.currency, 64)?;
        let asset = self.asset(issuer, uuid).await?;
        let (height, time) = self.resolve_at(spec.at).await?;
        let snapshot = self.ownership_snapshot(issuer, uuid, Some(height)).await?;
        let mut holdings: Vec<(Holder, Amount)> = Vec::new();
        for line in snapshot.lines {
            let holder = Holder {
                gaid: line.gaid,
                registered_user: line.registered_user,
                is_treasury: line.is_treasury,
            };
            holdings.push((holder, Amount::from_units(line.amount)?));
        }
        if spec.include_vested_undistributed {
            let block_time = self.store.block_at(height).await?.map_or(time, |b| b.time);
            holdings.extend(self.owed_at(issuer, uuid, height, block_time).await?);
        }
        let (mut gaids, mut users) = (BTreeSet::new(), BTreeSet::new());
        for e in &spec.exclude {
            match e {
                ExcludeRef::Gaid(g) => gaids.insert(g.clone()),
                ExcludeRef::User(u) => users.insert(*u),
            };
        }
        let request = DividendRequest {
            payout: spec.payout,
            precision: asset.precision,
            excluded_gaids: gaids,
            excluded_users: users,
            minimum: spec.minimum,
        };
        let result = compute_dividend(&holdings, &request)?;
        let record = NewDividend {
            height,
            time: matches!(spec.at, At::Time(_)).then_some(time),
            payout: spec.payout,
            currency: spec.currency,
            precision: spec.precision,
            excluded: spec.exclude.iter().map(ToString::to_string).collect(),
            include_vested_undistributed: spec.include_vested_undistributed,
            minimum: spec.minimum,
            total: result.total,
            remainder: result.remainder,
            lines: result
                .lines
                .into_iter()
                .map(|l| DividendLineRecord {
                    gaid: l.holder.gaid,
                    registered_user: l.holder.registered_user,
                    units: l.units,
                    amount: l.amount,
                })
                .collect(),
        };
        let now = self.now();
        let stored = self
            .store
            .create_dividend(issuer, uuid, &record, now)
            .await?;
        Ok(stored.ok_or(crate::assets::AssetError::NotFound(uuid))?)
    }

    /// The asset's dividends, oldest first.
    pub async fn dividends(
        &self,
        issuer: IssuerId,
        uuid: AssetUuid,
    ) -> Result<Vec<DividendRecord>, ReportError> {
        let found = self.store.dividends(issuer, uuid).await?;
        Ok(found.ok_or(crate::assets::AssetError::NotFound(uuid))?)
    }

    /// One dividend of the asset.
    pub async fn dividend(
        &self,
        issuer: IssuerId,
        uuid: AssetUuid,
        id: i64,
    ) -> Result<DividendRecord, ReportError> {
        self.asset(issuer, uuid).await?;
        let found = self.store.dividend(issuer, uuid, id).await?;
        found.ok_or(ReportError::DividendNotFound(id))
    }

    /// The block height and time `at` names.
    async fn resolve_at(&self, at: At) -> Result<(u32, i64), ReportError> {
        let tip = self.store.chain_tip().await?;
        let block = match at {
            At::Tip => tip,
            At::Height(h) => match self.store.block_at(h).await? {
                Some(b) => Some(b),
                None => {
                    let tip = tip.map(|b| b.height);
                    return Err(ReportError::HeightAboveTip { height: h, tip });
                }
            },
            At::Time(t) => match self.store.block_at_or_before_time(t).await? {
                Some(b) => Some(b),
                None => return Err(ReportError::NoBlockAtTime(t)),
            },
        };
        let time = match at {
            At::Time(t) => t,
            _ => block.as_ref().map_or_else(|| self.now(), |b| b.time),
        };
        let height = block.map_or(0, |b| b.height);
        Ok((height, time))
    }

    /// Assignments vested by `time` and not paid by a distribution confirmed at or below
    /// `height`, as holdings of their users' default GAIDs.
    async fn owed_at(
        &self,
        issuer: IssuerId,
        uuid: AssetUuid,
        height: u32,
        time: i64,
    ) -> Result<Vec<(Holder, Amount)>, ReportError> {
        let all = self
            .store
            .assignments(issuer, uuid, None)
            .await?
            .unwrap_or_default();
        let mut owed = Vec::new();
        for a in all.iter().filter(|a| a.has_vested(time)) {
            if self.paid_by(issuer, uuid, a, height).await? {
                continue;
            }
            let user = self.known_user(issuer, a.registered_user).await?;
            let holder = Holder {
                gaid: user.default_gaid,
                registered_user: Some(user.id),
                is_treasury: false,
            };
            owed.push((holder, a.amount));
        }
        Ok(owed)
    }

    /// Whether a distribution confirmed at or below `height` paid `a`.
    async fn paid_by(
        &self,
        issuer: IssuerId,
        uuid: AssetUuid,
        a: &Assignment,
        height: u32,
    ) -> Result<bool, ReportError> {
        let AssignmentState::Distributed { distribution, .. } = a.state else {
            return Ok(false);
        };
        let d = self.store.distribution(issuer, uuid, distribution).await?;
        Ok(d.is_some_and(|d| match d.state {
            DistributionState::Confirmed { height: h, .. } => h <= height,
            _ => false,
        }))
    }
}

//! Vesting schedules: one grant split into dated tranches, each becoming an assignment.
//!
//! AMP only knows single assignments with a `vesting_timestamp`; issuers granting "24
//! shares, 2 a month" had to compute and create twelve of them by hand. A schedule does it
//! exactly and deterministically:
//!
//! * Tranche `k` (1-based) vests at `start + k × period`: the first one after one period,
//!   none at `start`. Months are added to the start date each time (not chained), with the
//!   day clamped to the month's end: Jan 31 + 1 month = Feb 28 (29 in leap years), + 2
//!   months = Mar 31. The time of day is kept; everything is UTC.
//! * Rounding: every tranche gets `total / tranches` base units and the remainder is
//!   spread one unit at a time over the **earliest** tranches, so the amounts sum exactly
//!   to the total and never differ by more than one unit.
//! * A cliff merges every tranche dated at or before `start + cliff` into one tranche dated
//!   exactly at the cliff; later tranches keep their dates.
//! * A total smaller than the number of tranches is refused (it would need empty tranches).

use crate::amount::Amount;
use crate::assignment::{AssignmentError, NewAssignment};
use crate::ids::RegisteredUserId;
use chrono::{DateTime, Days, Months, Utc};
use serde::{Deserialize, Serialize};

/// A length of time between tranches, or before the cliff.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Period {
    /// Calendar months (day of month clamped).
    Months(u32),
    /// Days of 86,400 seconds.
    Days(u32),
}

impl Period {
    fn is_zero(self) -> bool {
        matches!(self, Period::Months(0) | Period::Days(0))
    }

    /// `start` plus `times` of this period, if representable.
    fn after(self, start: DateTime<Utc>, times: u32) -> Option<DateTime<Utc>> {
        match self {
            Period::Months(m) => start.checked_add_months(Months::new(m.checked_mul(times)?)),
            Period::Days(d) => start.checked_add_days(Days::new(u64::from(d) * u64::from(times))),
        }
    }
}

/// Why a schedule cannot be laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum VestingError {
    /// No tranches, or more than [`VestingSchedule::MAX_TRANCHES`].
    #[error("{0} tranches requested; 1 to {max} are allowed", max = VestingSchedule::MAX_TRANCHES)]
    TrancheCount(u32),
    /// A zero-length period between tranches.
    #[error("the period between tranches must not be zero")]
    ZeroPeriod,
    /// Fewer base units than tranches.
    #[error("{total} base units cannot fill {tranches} tranches")]
    TooFewUnits {
        /// The total.
        total: Amount,
        /// The number of tranches.
        tranches: u32,
    },
    /// A date outside what the calendar can represent.
    #[error("vesting dates from start {start} fall outside the representable range")]
    OutOfRange {
        /// The start (unix seconds).
        start: i64,
    },
}

/// One dated part of a schedule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tranche {
    /// When it vests (unix seconds, UTC).
    pub vesting_timestamp: i64,
    /// How much vests then, in base units.
    pub amount: Amount,
}

/// A grant of `total` vesting in `tranches` equal parts, one every `period` after `start`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct VestingSchedule {
    /// The whole grant, in base units.
    pub total: Amount,
    /// Number of tranches before the cliff merges any.
    pub tranches: u32,
    /// Time between tranches.
    pub period: Period,
    /// Start of the schedule (unix seconds, UTC); nothing vests at the start itself.
    pub start: i64,
    /// Optional cliff after `start`; tranches up to it vest together at it.
    pub cliff: Option<Period>,
}

impl VestingSchedule {
    /// Most tranches a schedule may have (eighty years of monthly tranches).
    pub const MAX_TRANCHES: u32 = 1_000;

    /// The tranches, earliest first, with strictly increasing dates and amounts summing
    /// exactly to `total`.
    pub fn tranches(&self) -> Result<Vec<Tranche>, VestingError> {
        let n = self.tranches;
        if !(1..=Self::MAX_TRANCHES).contains(&n) {
            return Err(VestingError::TrancheCount(n));
        }
        if self.period.is_zero() {
            return Err(VestingError::ZeroPeriod);
        }
        if self.total.units() < u64::from(n) {
            return Err(VestingError::TooFewUnits {
                total: self.total,
                tranches: n,
            });
        }
        let out_of_range = VestingError::OutOfRange { start: self.start };
        let start = DateTime::<Utc>::from_timestamp(self.start, 0).ok_or(out_of_range)?;
        let base = self.total.units() / u64::from(n);
        let extra = self.total.units() % u64::from(n);
        let mut out = Vec::with_capacity(n as usize);
        for k in 1..=n {
            let at = self.period.after(start, k).ok_or(out_of_range)?;
            let units = base + u64::from(u64::from(k) <= extra);
            out.push(Tranche {
                vesting_timestamp: at.timestamp(),
                amount: Amount::from_units(units).map_err(|_| out_of_range)?,
            });
        }
        match self.cliff {
            Some(cliff) => {
                let at = cliff.after(start, 1).ok_or(out_of_range)?.timestamp();
                Ok(merge_until(out, at))
            }
            None => Ok(out),
        }
    }

    /// One new assignment per tranche for `registered_user`, each ready for distribution
    /// once vested.
    pub fn assignments(
        &self,
        registered_user: RegisteredUserId,
    ) -> Result<Vec<NewAssignment>, VestingAssignmentsError> {
        self.tranches()?
            .into_iter()
            .map(|t| {
                NewAssignment::new(registered_user, t.amount, Some(t.vesting_timestamp), true)
                    .map_err(VestingAssignmentsError::from)
            })
            .collect()
    }
}

/// Why a schedule could not become assignments.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum VestingAssignmentsError {
    /// The schedule itself.
    #[error(transparent)]
    Schedule(#[from] VestingError),
    /// A tranche refused as an assignment.
    #[error(transparent)]
    Assignment(#[from] AssignmentError),
}

/// Merges every tranche dated at or before `cliff` into one tranche dated `cliff`.
fn merge_until(tranches: Vec<Tranche>, cliff: i64) -> Vec<Tranche> {
    let (before, after): (Vec<Tranche>, Vec<Tranche>) = tranches
        .into_iter()
        .partition(|t| t.vesting_timestamp <= cliff);
    if before.is_empty() {
        return after;
    }
    // The sum of tranches of one valid total stays within the money range.
    let amount = Amount::sum(before.iter().map(|t| t.amount)).unwrap_or(Amount::MAX);
    let mut out = vec![Tranche {
        vesting_timestamp: cliff,
        amount,
    }];
    out.extend(after);
    out
}

#[cfg(test)]
#[path = "vesting_tests.rs"]
mod tests;

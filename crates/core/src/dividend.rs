//! Dividends and rewards: splitting a payout pro rata over holdings, to the base unit.
//!
//! AMP leaves issuers to compute dividends in a spreadsheet, where floats and rounding lose
//! or invent units. Here the split is exact and reproducible:
//!
//! * **Who**: every holding except the treasury's, excluded GAIDs or registered users,
//!   and holders reachable by neither a GAID nor a registered user.
//! * **How much**: [`Payout::Total`] splits a fixed amount; [`Payout::PerUnit`] pays an
//!   amount (payout base units) per **whole** unit of the asset, i.e. per
//!   `10^precision` base units, and the total is the floor of the exact sum.
//! * **Rounding**: largest remainder. Each line gets the floor of its exact share; the
//!   units left over go one each to the lines with the largest fractional remainder, ties
//!   broken by larger holding, then by holder (GAID, then registered user id, ascending).
//!   Every line is therefore its exact share rounded down or up, and the lines sum to the
//!   total exactly.
//! * **Minimum**: lines below `minimum` (and empty lines) are dropped; their amount stays
//!   with the payer as `remainder`. Always `Σ lines + remainder == total`.
//!
//! All intermediate products are `u128` (2.1·10^15 squared fits with room to spare).

use crate::amount::{Amount, Precision};
use crate::gaid::Gaid;
use crate::ids::RegisteredUserId;
use serde::{Deserialize, Serialize};
use std::cmp::Reverse;
use std::collections::{BTreeMap, BTreeSet};

/// Who holds units. Ordered by GAID, then registered user, then the treasury flag.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Holder {
    /// The managed account holding the units, if known.
    pub gaid: Option<Gaid>,
    /// The registered user behind it, if known.
    pub registered_user: Option<RegisteredUserId>,
    /// The issuer's treasury (always excluded).
    pub is_treasury: bool,
}

impl Holder {
    /// The issuer's treasury.
    pub fn treasury() -> Self {
        Self {
            gaid: None,
            registered_user: None,
            is_treasury: true,
        }
    }
}

/// What is paid.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Payout {
    /// This many payout base units per whole unit (`10^precision` base units) held.
    PerUnit(Amount),
    /// This many payout base units in total.
    Total(Amount),
}

/// A dividend to compute.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DividendRequest {
    /// What is paid.
    pub payout: Payout,
    /// The held asset's precision (for [`Payout::PerUnit`]).
    pub precision: Precision,
    /// GAIDs that receive nothing.
    pub excluded_gaids: BTreeSet<Gaid>,
    /// Registered users that receive nothing.
    pub excluded_users: BTreeSet<RegisteredUserId>,
    /// Smallest line paid; smaller lines go to the remainder.
    pub minimum: Amount,
}

/// Why a holding received nothing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Exclusion {
    /// The treasury.
    Treasury,
    /// Its GAID is excluded.
    Gaid,
    /// Its registered user is excluded.
    RegisteredUser,
    /// Neither a GAID nor a registered user to pay.
    Unreachable,
    /// Its share was below the minimum (or zero).
    BelowMinimum,
}

/// One payment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DividendLine {
    /// Who is paid.
    pub holder: Holder,
    /// Units held, in base units of the asset.
    pub units: Amount,
    /// Amount paid, in payout base units.
    pub amount: Amount,
}

/// The computed dividend.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DividendResult {
    /// The amount apportioned: the requested total, or the floor of the per-unit sum.
    pub total: Amount,
    /// Payments, by larger holding first, then holder.
    pub lines: Vec<DividendLine>,
    /// What is not paid out (lines under the minimum); `Σ lines + remainder == total`.
    pub remainder: Amount,
    /// Holdings that received nothing, with the reason, in holder order.
    pub excluded: Vec<(Holder, Amount, Exclusion)>,
}

/// Why a dividend cannot be computed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DividendError {
    /// Nobody is eligible to share a total.
    #[error("no eligible holding shares the total of {0}")]
    NoEligibleUnits(Amount),
    /// The holdings sum above the money range.
    #[error("the holdings sum to {0} base units, above the money range")]
    UnitsOutOfRange(u128),
    /// A per-unit payout whose total leaves the money range.
    #[error("the per-unit payout totals {0} base units, above the money range")]
    TotalOutOfRange(u128),
}

/// Splits `request.payout` over `holdings` (duplicate holders are merged).
pub fn compute_dividend(
    holdings: &[(Holder, Amount)],
    request: &DividendRequest,
) -> Result<DividendResult, DividendError> {
    let mut merged: BTreeMap<&Holder, u128> = BTreeMap::new();
    for (holder, units) in holdings {
        *merged.entry(holder).or_default() += u128::from(units.units());
    }
    let mut excluded = Vec::new();
    let mut eligible: Vec<(Holder, u128)> = Vec::new();
    for (holder, units) in merged {
        let units_amount = to_amount(units).ok_or(DividendError::UnitsOutOfRange(units))?;
        match exclusion(holder, request) {
            Some(reason) => excluded.push((holder.clone(), units_amount, reason)),
            None if units > 0 => eligible.push((holder.clone(), units)),
            None => {}
        }
    }
    let eligible_units: u128 = eligible.iter().map(|(_, u)| u).sum();
    if to_amount(eligible_units).is_none() {
        return Err(DividendError::UnitsOutOfRange(eligible_units));
    }
    // Each line's exact share is units × num / den.
    let (num, den) = match request.payout {
        Payout::Total(total) => {
            if eligible_units == 0 {
                if total == Amount::ZERO {
                    return Ok(empty(excluded));
                }
                return Err(DividendError::NoEligibleUnits(total));
            }
            (u128::from(total.units()), eligible_units)
        }
        Payout::PerUnit(per) => (
            u128::from(per.units()),
            10u128.pow(u32::from(request.precision.decimals())),
        ),
    };
    let exact_total = eligible_units * num / den;
    let total = to_amount(exact_total).ok_or(DividendError::TotalOutOfRange(exact_total))?;
    let amounts = largest_remainder(&eligible, num, den, exact_total);
    let mut lines = Vec::new();
    let mut paid = 0u128;
    for ((holder, units), amount) in eligible.into_iter().zip(amounts) {
        let (units, amount) = (amount_of(units), amount_of(amount));
        if amount == Amount::ZERO || amount < request.minimum {
            excluded.push((holder, units, Exclusion::BelowMinimum));
        } else {
            paid += u128::from(amount.units());
            lines.push(DividendLine {
                holder,
                units,
                amount,
            });
        }
    }
    lines.sort_by(|a, b| (Reverse(a.units), &a.holder).cmp(&(Reverse(b.units), &b.holder)));
    excluded.sort_by(|a, b| a.0.cmp(&b.0));
    let remainder = amount_of(exact_total - paid);
    Ok(DividendResult {
        total,
        lines,
        remainder,
        excluded,
    })
}

fn exclusion(holder: &Holder, request: &DividendRequest) -> Option<Exclusion> {
    if holder.is_treasury {
        Some(Exclusion::Treasury)
    } else if holder
        .gaid
        .as_ref()
        .is_some_and(|g| request.excluded_gaids.contains(g))
    {
        Some(Exclusion::Gaid)
    } else if holder
        .registered_user
        .is_some_and(|u| request.excluded_users.contains(&u))
    {
        Some(Exclusion::RegisteredUser)
    } else if holder.gaid.is_none() && holder.registered_user.is_none() {
        Some(Exclusion::Unreachable)
    } else {
        None
    }
}

/// Apportions `total` (= ⌊Σ units × num / den⌋) so that line i gets ⌊uᵢ·num/den⌋ or one
/// more, the extra units going to the largest remainders (ties: larger units, then holder
/// order, which is the order of `eligible`).
fn largest_remainder(eligible: &[(Holder, u128)], num: u128, den: u128, total: u128) -> Vec<u128> {
    let mut amounts: Vec<u128> = eligible.iter().map(|(_, u)| u * num / den).collect();
    let floors: u128 = amounts.iter().sum();
    let mut order: Vec<usize> = (0..eligible.len()).collect();
    // Stable sort keeps holder order among equal (remainder, units).
    order.sort_by_key(|&i| {
        let units = eligible[i].1;
        Reverse((units * num % den, units))
    });
    let leftover = usize::try_from(total - floors).unwrap_or(usize::MAX);
    for &i in order.iter().take(leftover) {
        amounts[i] += 1;
    }
    amounts
}

fn to_amount(units: u128) -> Option<Amount> {
    u64::try_from(units)
        .ok()
        .and_then(|u| Amount::from_units(u).ok())
}

/// For values already known to be within range.
fn amount_of(units: u128) -> Amount {
    to_amount(units).unwrap_or(Amount::MAX)
}

fn empty(excluded: Vec<(Holder, Amount, Exclusion)>) -> DividendResult {
    DividendResult {
        total: Amount::ZERO,
        lines: Vec::new(),
        remainder: Amount::ZERO,
        excluded,
    }
}

#[cfg(test)]
#[path = "dividend_tests.rs"]
mod tests;

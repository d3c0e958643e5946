//! Amounts of an asset in base units, and the precision that only formats them.
//!
//! Money is a `u64` count of base units bounded by Elements' money range; arithmetic is
//! checked and never wraps. `Precision` (0..=8 decimals) converts between base units and
//! the decimal text people read, without floats.

use serde::{Deserialize, Serialize};
use std::fmt;

/// Why an amount was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AmountError {
    /// Above Elements' money range.
    #[error("amount {0} is above the maximum of {max} base units", max = Amount::MAX.0)]
    OutOfRange(u128),
    /// Arithmetic would overflow or go below zero.
    #[error("{op} of {left} and {right} leaves the range of amounts")]
    Overflow {
        /// The operation.
        op: &'static str,
        /// Left operand.
        left: u64,
        /// Right operand.
        right: u64,
    },
    /// Decimal text that is not an amount in this precision.
    #[error("{text:?} is not an amount with at most {precision} decimals")]
    Text {
        /// The input.
        text: String,
        /// The precision used.
        precision: u8,
    },
}

/// An amount in base units, within Elements' money range.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default, Serialize, Deserialize,
)]
#[serde(try_from = "u64", into = "u64")]
pub struct Amount(u64);

impl Amount {
    /// Zero.
    pub const ZERO: Amount = Amount(0);
    /// Elements' `MAX_MONEY`: 21,000,000 coins of 10^8 base units.
    pub const MAX: Amount = Amount(21_000_000 * 100_000_000);

    /// An amount of `units` base units, if within range.
    pub fn from_units(units: u64) -> Result<Self, AmountError> {
        if units > Self::MAX.0 {
            Err(AmountError::OutOfRange(units.into()))
        } else {
            Ok(Self(units))
        }
    }

    /// The number of base units.
    pub fn units(self) -> u64 {
        self.0
    }

    /// `self + other`, if within range.
    pub fn checked_add(self, other: Amount) -> Result<Amount, AmountError> {
        self.0
            .checked_add(other.0)
            .filter(|sum| *sum <= Self::MAX.0)
            .map(Amount)
            .ok_or(AmountError::Overflow {
                op: "sum",
                left: self.0,
                right: other.0,
            })
    }

    /// `self - other`, if not negative.
    pub fn checked_sub(self, other: Amount) -> Result<Amount, AmountError> {
        self.0
            .checked_sub(other.0)
            .map(Amount)
            .ok_or(AmountError::Overflow {
                op: "difference",
                left: self.0,
                right: other.0,
            })
    }

    /// The sum of many amounts, if within range.
    pub fn sum<I: IntoIterator<Item = Amount>>(items: I) -> Result<Amount, AmountError> {
        items
            .into_iter()
            .try_fold(Amount::ZERO, Amount::checked_add)
    }
}

impl TryFrom<u64> for Amount {
    type Error = AmountError;
    fn try_from(value: u64) -> Result<Self, Self::Error> {
        Self::from_units(value)
    }
}

impl From<Amount> for u64 {
    fn from(value: Amount) -> Self {
        value.0
    }
}

impl fmt::Display for Amount {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

/// Why a precision was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("precision {0} is outside 0..=8")]
pub struct PrecisionError(pub i64);

/// Number of decimals shown for an asset (0..=8). Formats only; amounts stay base units.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(try_from = "i64", into = "u8")]
pub struct Precision(u8);

impl Precision {
    /// Eight decimals: the coin unit of every amount in Elements RPC.
    pub const COIN: Precision = Precision(8);

    /// A precision, if within 0..=8.
    pub fn new(decimals: i64) -> Result<Self, PrecisionError> {
        u8::try_from(decimals)
            .ok()
            .filter(|d| *d <= 8)
            .map(Self)
            .ok_or(PrecisionError(decimals))
    }

    /// The number of decimals.
    pub fn decimals(self) -> u8 {
        self.0
    }

    /// Formats base units as decimal text, e.g. 150 at precision 2 → "1.50".
    pub fn format(self, amount: Amount) -> String {
        let scale = 10u64.pow(u32::from(self.0));
        let whole = amount.0 / scale;
        if self.0 == 0 {
            return whole.to_string();
        }
        let frac = amount.0 % scale;
        format!("{whole}.{frac:0width$}", width = usize::from(self.0))
    }

    /// Parses decimal text into base units, refusing more decimals than the precision.
    pub fn parse(self, text: &str) -> Result<Amount, AmountError> {
        let err = || AmountError::Text {
            text: text.to_owned(),
            precision: self.0,
        };
        let (whole, frac) = text.split_once('.').unwrap_or((text, ""));
        let digits = |s: &str| s.chars().all(|c| c.is_ascii_digit());
        if whole.is_empty() || !digits(whole) || !digits(frac) || text.ends_with('.') {
            return Err(err());
        }
        if frac.len() > usize::from(self.0) {
            return Err(err());
        }
        let scale = 10u128.pow(u32::from(self.0));
        let whole: u128 = whole.parse().map_err(|_| err())?;
        let frac_scaled: u128 = if frac.is_empty() {
            0
        } else {
            let padded = format!("{frac:0<width$}", width = usize::from(self.0));
            padded.parse().map_err(|_| err())?
        };
        let units = whole
            .checked_mul(scale)
            .and_then(|w| w.checked_add(frac_scaled))
            .ok_or_else(err)?;
        let units = u64::try_from(units).map_err(|_| AmountError::OutOfRange(units))?;
        Amount::from_units(units)
    }
}

impl TryFrom<i64> for Precision {
    type Error = PrecisionError;
    fn try_from(value: i64) -> Result<Self, Self::Error> {
        Self::new(value)
    }
}

impl From<Precision> for u8 {
    fn from(value: Precision) -> Self {
        value.0
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn money_range_is_enforced() {
        assert!(Amount::from_units(Amount::MAX.units()).is_ok());
        assert_eq!(
            Amount::from_units(Amount::MAX.units() + 1),
            Err(AmountError::OutOfRange(u128::from(Amount::MAX.units()) + 1))
        );
        assert!(Amount::MAX
            .checked_add(Amount::from_units(1).unwrap())
            .is_err());
        assert!(Amount::ZERO
            .checked_sub(Amount::from_units(1).unwrap())
            .is_err());
        assert!(serde_json::from_str::<Amount>("-1").is_err());
        assert!(serde_json::from_str::<Amount>("1.5").is_err());
        assert!(serde_json::from_str::<Amount>("2100000000000001").is_err());
    }

    #[test]
    fn precision_formats_and_parses_without_floats() {
        let p2 = Precision::new(2).unwrap();
        let a = Amount::from_units(150).unwrap();
        assert_eq!(p2.format(a), "1.50");
        assert_eq!(p2.parse("1.5"), Ok(a));
        assert_eq!(p2.parse("1.50"), Ok(a));
        assert!(p2.parse("1.505").is_err());
        assert!(p2.parse("-1").is_err());
        assert!(p2.parse("1.").is_err());
        assert!(p2.parse(".5").is_err());
        assert_eq!(Precision::new(0).unwrap().format(a), "150");
        assert_eq!(Precision::COIN.format(a), "0.00000150");
        assert_eq!(Precision::new(9), Err(PrecisionError(9)));
        assert_eq!(Precision::new(-1), Err(PrecisionError(-1)));
    }

    proptest! {
        #[test]
        fn format_then_parse_is_identity(units in 0..=Amount::MAX.units(), decimals in 0i64..=8) {
            let p = Precision::new(decimals).unwrap();
            let a = Amount::from_units(units).unwrap();
            prop_assert_eq!(p.parse(&p.format(a)), Ok(a));
        }

        #[test]
        fn checked_sum_is_exact_or_refused(xs in proptest::collection::vec(0..=Amount::MAX.units(), 0..8)) {
            let total: u128 = xs.iter().map(|x| u128::from(*x)).sum();
            let amounts: Vec<Amount> = xs.iter().map(|x| Amount::from_units(*x).unwrap()).collect();
            match Amount::sum(amounts) {
                Ok(sum) => prop_assert_eq!(u128::from(sum.units()), total),
                Err(_) => prop_assert!(total > u128::from(Amount::MAX.units())),
            }
        }
    }
}

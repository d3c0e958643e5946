//! Amounts of an asset in base units, and the precision that only formats them.
//!
//! Money is a `u64` count of base units bounded by Elements' money range; arithmetic is
//! checked and never wraps. `Precision` (0..=8 decimals) converts between base units and
//! the decimal text people and JSON clients write (any JSON number form), without floats.

use crate::decimal::{scaled_units, DecimalError};
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
    /// Text that is not a decimal number.
    #[error("{text:?} is not a number (an amount with at most {precision} decimals)")]
    Text {
        /// The input.
        text: String,
        /// The precision used.
        precision: u8,
    },
    /// A negative number where an amount is expected.
    #[error("{0:?} is negative; amounts are at least 0")]
    Negative(String),
    /// A non-zero digit beyond the precision: not a whole number of base units.
    #[error("{text:?} has more than {precision} decimals")]
    TooPrecise {
        /// The input.
        text: String,
        /// The precision used.
        precision: u8,
    },
    /// A number beyond the money range once scaled to base units.
    #[error("{0:?} is above the money range ({max} base units)", max = Amount::MAX.0)]
    TooLarge(String),
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

    /// Parses a decimal number into base units: `1.5` at precision 2 is 150 units.
    ///
    /// Every spelling of a JSON number is read exactly (`8.5e-07`, `1E-8`, `150`,
    /// `0.00000085`), never through a float; refused are text that is not a number, a
    /// negative value, a non-zero digit beyond the precision, and values beyond the money
    /// range.
    pub fn parse(self, text: &str) -> Result<Amount, AmountError> {
        let units = scaled_units(text, self.0).map_err(|e| match e {
            DecimalError::Syntax => AmountError::Text {
                text: text.to_owned(),
                precision: self.0,
            },
            DecimalError::Negative => AmountError::Negative(text.to_owned()),
            DecimalError::TooPrecise => AmountError::TooPrecise {
                text: text.to_owned(),
                precision: self.0,
            },
            DecimalError::TooLarge => AmountError::TooLarge(text.to_owned()),
        })?;
        match u64::try_from(units) {
            Ok(units) => {
                Amount::from_units(units).map_err(|_| AmountError::TooLarge(text.to_owned()))
            }
            Err(_) => Err(AmountError::TooLarge(text.to_owned())),
        }
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

    #[test]
    fn json_number_forms_parse_and_refusals_say_why() {
        let coin = Precision::COIN;
        assert_eq!(coin.parse("8.5e-07").unwrap().units(), 85);
        assert_eq!(coin.parse("1e-08").unwrap().units(), 1);
        assert_eq!(coin.parse("1E-8").unwrap().units(), 1);
        assert_eq!(coin.parse("2.1e7"), Ok(Amount::MAX));
        let p2 = Precision::new(2).unwrap();
        assert_eq!(p2.parse("15e-1").unwrap().units(), 150);
        assert_eq!(
            coin.parse("1e-09"),
            Err(AmountError::TooPrecise {
                text: "1e-09".into(),
                precision: 8
            })
        );
        assert_eq!(coin.parse("-1"), Err(AmountError::Negative("-1".into())));
        assert_eq!(
            coin.parse("21000000.00000001"),
            Err(AmountError::TooLarge("21000000.00000001".into()))
        );
        assert_eq!(
            coin.parse("1e300"),
            Err(AmountError::TooLarge("1e300".into()))
        );
        let message = coin.parse("1e-09").unwrap_err().to_string();
        assert!(
            message.contains("\"1e-09\"") && message.contains("8 decimals"),
            "{message}"
        );
    }

    proptest! {
        #[test]
        fn format_then_parse_is_identity(units in 0..=Amount::MAX.units(), decimals in 0i64..=8) {
            let p = Precision::new(decimals).unwrap();
            let a = Amount::from_units(units).unwrap();
            prop_assert_eq!(p.parse(&p.format(a)), Ok(a));
        }

        #[test]
        fn every_json_spelling_of_an_amount_parses_to_it(
            units in 0..=Amount::MAX.units(),
            decimals in 0u8..=8,
            extra_zeros in 0usize..12,
            upper in proptest::bool::ANY,
        ) {
            let p = Precision::new(i64::from(decimals)).unwrap();
            let a = Amount::from_units(units).unwrap();
            let digits = units.to_string();
            let e = if upper { "E" } else { "e" };
            // Integer mantissa: units × 10^-decimals, padded with zeros.
            let padded = format!("{digits}{}", "0".repeat(extra_zeros));
            let exp = -i64::from(decimals) - i64::try_from(extra_zeros).unwrap();
            prop_assert_eq!(p.parse(&format!("{padded}{e}{exp}")), Ok(a));
            // Scientific, as Python's repr writes it: d.ddd e±x.
            let (first, rest) = digits.split_at(1);
            let exp = i64::try_from(rest.len()).unwrap() - i64::from(decimals);
            let sci = if rest.is_empty() {
                format!("{first}{e}{exp:+03}")
            } else {
                format!("{first}.{rest}{e}{exp:+03}")
            };
            prop_assert_eq!(p.parse(&sci), Ok(a));
            // Plain decimal.
            prop_assert_eq!(p.parse(&p.format(a)), Ok(a));
        }

        #[test]
        fn one_digit_beyond_the_precision_is_refused(units in 0..=Amount::MAX.units(), digit in 1u64..=9, decimals in 0u8..=8) {
            let p = Precision::new(i64::from(decimals)).unwrap();
            let text = format!("{}{digit}e-{}", units, u32::from(decimals) + 1);
            let refused = matches!(p.parse(&text), Err(AmountError::TooPrecise { .. }));
            prop_assert!(refused, "{}", text);
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

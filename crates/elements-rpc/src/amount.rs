//! Exact amounts in base units.
//!
//! Elements prints every amount — L-BTC, issued assets and reissuance tokens alike — as a JSON
//! number in coin units with 8 decimals (`0.00004958`, `30000000.00000000`). Reading those
//! through `f64` would silently round, so this module parses the number's own text (the
//! workspace enables serde_json's `arbitrary_precision`, which keeps it) into integer base
//! units and refuses anything it cannot represent exactly. Amounts sent to the node are written
//! back as exact 8-decimal JSON numbers, never floats.

use std::fmt;
use std::str::FromStr;

use serde::de::Error as _;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Base units per coin: every Elements asset uses 8 decimals on the RPC interface.
pub const UNITS_PER_COIN: u64 = 100_000_000;

/// Why a decimal amount text was refused. Each variant carries the offending text.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AmountError {
    /// The text is not a decimal number (`1.5`, `-0.25`, `1e-05` are numbers).
    #[error("{text:?} is not a decimal amount")]
    Syntax {
        /// The text that was refused.
        text: String,
    },
    /// A non-zero digit below the 8th decimal: it cannot be expressed in base units.
    #[error("{text:?} has more than 8 decimals; amounts are whole base units (0.00000001)")]
    TooPrecise {
        /// The text that was refused.
        text: String,
    },
    /// The amount does not fit the target type (or is negative where that is not allowed).
    #[error("{text:?} is out of range for {target}")]
    OutOfRange {
        /// The text that was refused.
        text: String,
        /// The type it was meant for.
        target: &'static str,
    },
}

/// Parses a decimal coin amount into signed base units, exactly.
///
/// Accepts an optional sign, digits with an optional `.` fraction, and an optional exponent
/// (`e`/`E`), so JSON numbers of every spelling are understood. Zeros beyond the 8th decimal
/// are accepted (they lose nothing); any other digit there is [`AmountError::TooPrecise`].
pub fn parse_base_units(text: &str) -> Result<i128, AmountError> {
    let syntax = || AmountError::Syntax {
        text: text.to_owned(),
    };
    let range = || AmountError::OutOfRange {
        text: text.to_owned(),
        target: "an amount",
    };
    let (negative, unsigned) = match text.as_bytes().first() {
        Some(b'-') => (true, &text[1..]),
        Some(b'+') => (false, &text[1..]),
        _ => (false, text),
    };
    let (mantissa, exponent) = match unsigned.find(['e', 'E']) {
        Some(at) => {
            let exp: i64 = unsigned[at + 1..].parse().map_err(|_| syntax())?;
            (&unsigned[..at], exp)
        }
        None => (unsigned, 0),
    };
    let (int, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let all_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if (int.is_empty() && frac.is_empty()) || !all_digits(int) || !all_digits(frac) {
        return Err(syntax());
    }
    // Digit number `i` (counting over int then frac) is worth 10^(point - 1 - i) coins,
    // i.e. 10^(point - 1 - i + 8) base units.
    let point = i64::try_from(int.len())
        .ok()
        .and_then(|len| len.checked_add(exponent))
        .ok_or_else(range)?;
    let mut units: i128 = 0;
    for (i, byte) in int.bytes().chain(frac.bytes()).enumerate() {
        let digit = i128::from(byte - b'0');
        if digit == 0 {
            continue;
        }
        let power = i64::try_from(i)
            .ok()
            .and_then(|i| point.checked_sub(i))
            .and_then(|p| p.checked_add(7))
            .ok_or_else(range)?;
        if power < 0 {
            return Err(AmountError::TooPrecise {
                text: text.to_owned(),
            });
        }
        let power = u32::try_from(power).map_err(|_| range())?;
        let place = 10i128.checked_pow(power).ok_or_else(range)?;
        let value = digit.checked_mul(place).ok_or_else(range)?;
        units = units.checked_add(value).ok_or_else(range)?;
    }
    Ok(if negative { -units } else { units })
}

/// Writes base units as an 8-decimal coin amount (`-0.00004958`, `900.00000000`).
fn format_units(f: &mut fmt::Formatter<'_>, negative: bool, magnitude: u64) -> fmt::Result {
    let sign = if negative { "-" } else { "" };
    let coins = magnitude / UNITS_PER_COIN;
    let rest = magnitude % UNITS_PER_COIN;
    write!(f, "{sign}{coins}.{rest:08}")
}

/// Serializes an amount as a JSON number with exactly the given text.
fn serialize_number<S: Serializer>(text: &str, serializer: S) -> Result<S::Ok, S::Error> {
    let number = serde_json::Number::from_str(text).map_err(serde::ser::Error::custom)?;
    number.serialize(serializer)
}

/// A non-negative amount in base units (1 coin = 100 000 000), for any asset.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Sats(u64);

impl Sats {
    /// Zero.
    pub const ZERO: Sats = Sats(0);

    /// An amount of `units` base units.
    pub const fn from_sat(units: u64) -> Self {
        Sats(units)
    }

    /// The amount in base units.
    pub const fn to_sat(self) -> u64 {
        self.0
    }

    /// Adds, or `None` on overflow.
    pub fn checked_add(self, other: Sats) -> Option<Sats> {
        self.0.checked_add(other.0).map(Sats)
    }

    /// Subtracts, or `None` below zero.
    pub fn checked_sub(self, other: Sats) -> Option<Sats> {
        self.0.checked_sub(other.0).map(Sats)
    }
}

impl FromStr for Sats {
    type Err = AmountError;

    /// Parses a coin amount (`"1.5"` is 150 000 000 base units).
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let units = parse_base_units(text)?;
        u64::try_from(units)
            .map(Sats)
            .map_err(|_| AmountError::OutOfRange {
                text: text.to_owned(),
                target: "a non-negative amount (Sats)",
            })
    }
}

impl fmt::Display for Sats {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        format_units(f, false, self.0)
    }
}

impl Serialize for Sats {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serialize_number(&self.to_string(), serializer)
    }
}

impl<'de> Deserialize<'de> for Sats {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let number = serde_json::Number::deserialize(deserializer)?;
        number.to_string().parse().map_err(D::Error::custom)
    }
}

/// A signed amount in base units: wallet deltas (`gettransaction.amount`, `details[].amount`)
/// and fees that the node reports as negative.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct SignedSats(i64);

impl SignedSats {
    /// Zero.
    pub const ZERO: SignedSats = SignedSats(0);

    /// An amount of `units` base units.
    pub const fn from_sat(units: i64) -> Self {
        SignedSats(units)
    }

    /// The amount in base units.
    pub const fn to_sat(self) -> i64 {
        self.0
    }

    /// The magnitude as a non-negative amount.
    pub const fn unsigned_abs(self) -> Sats {
        Sats(self.0.unsigned_abs())
    }

    /// `true` below zero.
    pub const fn is_negative(self) -> bool {
        self.0 < 0
    }
}

impl FromStr for SignedSats {
    type Err = AmountError;

    /// Parses a signed coin amount (`"-0.00004958"` is -4958 base units).
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let units = parse_base_units(text)?;
        i64::try_from(units)
            .map(SignedSats)
            .map_err(|_| AmountError::OutOfRange {
                text: text.to_owned(),
                target: "a signed amount (SignedSats)",
            })
    }
}

impl fmt::Display for SignedSats {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        format_units(f, self.0 < 0, self.0.unsigned_abs())
    }
}

impl Serialize for SignedSats {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serialize_number(&self.to_string(), serializer)
    }
}

impl<'de> Deserialize<'de> for SignedSats {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let number = serde_json::Number::deserialize(deserializer)?;
        number.to_string().parse().map_err(D::Error::custom)
    }
}

impl From<Sats> for SignedSats {
    /// Saturates at `i64::MAX` (far beyond any money range).
    fn from(amount: Sats) -> Self {
        SignedSats(i64::try_from(amount.0).unwrap_or(i64::MAX))
    }
}

/// Serde helper for `listissuances.assetamount`/`tokenamount`: the node prints the bare
/// integer `-1` for an amount it does not know (no tokens created; a blinded issuance another
/// wallet made), and a coin amount otherwise.
pub(crate) mod token_amount {
    use super::{Deserialize, Deserializer, Sats, SignedSats};
    use serde::de::Error as _;

    pub(crate) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Sats>, D::Error> {
        let Some(number) = Option::<serde_json::Number>::deserialize(d)? else {
            return Ok(None);
        };
        let text = number.to_string();
        let signed: SignedSats = text.parse().map_err(D::Error::custom)?;
        if signed.is_negative() {
            return Ok(None);
        }
        text.parse().map(Some).map_err(D::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn node_texts_parse_to_exact_base_units() {
        let cases = [
            ("0.00004958", 4_958),
            ("20999989.99976624", 2_099_998_999_976_624),
            ("30000000.00000000", 3_000_000_000_000_000),
            ("1", 100_000_000),
            ("1.5", 150_000_000),
            ("1e-05", 1_000),
            ("4.931e-05", 4_931),
            ("1E+2", 10_000_000_000),
            ("0.000000010", 1),
            (".5", 50_000_000),
        ];
        for (text, units) in cases {
            assert_eq!(text.parse::<Sats>().unwrap().to_sat(), units, "{text}");
        }
        assert_eq!(
            "-0.00002581".parse::<SignedSats>().unwrap().to_sat(),
            -2_581
        );
    }

    #[test]
    fn texts_that_are_not_exact_amounts_are_refused() {
        assert!(matches!(
            "0.123456789".parse::<Sats>(),
            Err(AmountError::TooPrecise { .. })
        ));
        assert!(matches!(
            "-1".parse::<Sats>(),
            Err(AmountError::OutOfRange { .. })
        ));
        assert!(matches!(
            "1e400".parse::<Sats>(),
            Err(AmountError::OutOfRange { .. })
        ));
        assert!(matches!(
            "184467440737.09551616".parse::<Sats>(),
            Err(AmountError::OutOfRange { .. })
        ));
        for bad in ["", "-", ".", "1.2.3", "abc", "1e", "0x10", " 1"] {
            assert!(
                matches!(bad.parse::<Sats>(), Err(AmountError::Syntax { .. })),
                "{bad:?}"
            );
        }
        let err = "0.123456789".parse::<Sats>().unwrap_err().to_string();
        assert!(err.contains("0.123456789"), "{err}");
    }

    #[test]
    fn amounts_serialize_as_exact_eight_decimal_numbers() {
        let text = serde_json::to_string(&Sats::from_sat(150_000_000)).unwrap();
        assert_eq!(text, "1.50000000");
        let text = serde_json::to_string(&SignedSats::from_sat(-4_958)).unwrap();
        assert_eq!(text, "-0.00004958");
        let back: Sats = serde_json::from_str("20999989.99976624").unwrap();
        assert_eq!(back.to_sat(), 2_099_998_999_976_624);
        let value = serde_json::to_value(Sats::from_sat(1)).unwrap();
        assert!(value.is_number());
        assert_eq!(value.to_string(), "0.00000001");
    }

    #[test]
    fn largest_base_unit_amount_round_trips() {
        let max = Sats::from_sat(u64::MAX);
        assert_eq!(max.to_string().parse::<Sats>().unwrap(), max);
        let min = SignedSats::from_sat(i64::MIN);
        assert_eq!(min.to_string().parse::<SignedSats>().unwrap(), min);
    }
}

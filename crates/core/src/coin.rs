//! Amounts in "coin units", the way Elements RPC and AMP's files write them.
//!
//! Elements reads and prints every amount — L-BTC and issued assets alike, whatever their
//! registry precision — as a JSON number with 8 decimals (1 coin = 10^8 base units). AMP's
//! `map_address_amount`, the reissue `amount` and the burn `amount` follow suit. Going
//! through `f64` would round large values, so these helpers produce the exact decimal text
//! and a `serde_json::Number` carrying that text verbatim (the workspace enables serde_json's
//! `arbitrary_precision`).

use crate::amount::{Amount, AmountError, Precision};

/// Base units per coin unit.
pub const BASE_UNITS_PER_COIN: u64 = 100_000_000;

/// The exact 8-decimal text of `amount` in coin units: 150 base units → `"0.00000150"`.
pub fn coin_string(amount: Amount) -> String {
    Precision::COIN.format(amount)
}

/// The same value as a JSON number that serialises to exactly [`coin_string`]'s text.
pub fn coin_number(amount: Amount) -> serde_json::Number {
    let text = coin_string(amount);
    // Decimal digits with one dot always parse as a JSON number.
    text.parse()
        .unwrap_or_else(|_| serde_json::Number::from(amount.units()))
}

/// Parses coin-unit text (at most 8 decimals) back into base units, without floats.
pub fn parse_coin(text: &str) -> Result<Amount, AmountError> {
    Precision::COIN.parse(text)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn coin_units_have_eight_decimals_whatever_the_precision() {
        let cases = [
            (0, "0.00000000"),
            (1, "0.00000001"),
            (150_000_000, "1.50000000"),
            (25_000_000, "0.25000000"),
            (Amount::MAX.units(), "21000000.00000000"),
        ];
        for (units, text) in cases {
            let amount = Amount::from_units(units).unwrap();
            assert_eq!(coin_string(amount), text);
            assert_eq!(serde_json::to_string(&coin_number(amount)).unwrap(), text);
            assert_eq!(parse_coin(text).unwrap(), amount);
        }
    }

    #[test]
    fn json_maps_keep_the_exact_text() {
        let mut map = serde_json::Map::new();
        let amount = Amount::from_units(2_099_999_999_999_999).unwrap();
        map.insert(
            "el1addr".into(),
            serde_json::Value::Number(coin_number(amount)),
        );
        assert_eq!(
            serde_json::to_string(&map).unwrap(),
            r#"{"el1addr":20999999.99999999}"#
        );
    }

    proptest! {
        #[test]
        fn coin_text_round_trips(units in 0..=Amount::MAX.units()) {
            let amount = Amount::from_units(units).unwrap();
            prop_assert_eq!(parse_coin(&coin_string(amount)), Ok(amount));
            let n = coin_number(amount);
            prop_assert_eq!(n.to_string(), coin_string(amount));
        }
    }
}

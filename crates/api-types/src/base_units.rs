//! Base-unit amounts read from any JSON spelling of a whole number.
//!
//! Base units are whole numbers, but JSON clients do not always print them as integers:
//! a Python float prints `1000.0`, JavaScript prints `1e+21` beyond 10^21, other
//! serialisers write `1E3`. The value is what counts, so every spelling of a whole number
//! is accepted, read exactly from the number's text (never through a float). A fraction,
//! a sign or a value beyond the money range is refused, naming the value; plain integers
//! pass unchanged, so the use case still answers its own range errors for them.

use serde::{Deserialize, Deserializer};
use serde_json::Number;
use tessera_core::{Amount, AmountError, Precision};

/// Reads a base-unit count from any JSON number form (`1000`, `1000.0`, `1e3`, `1E+3`).
pub fn base_units<'de, D: Deserializer<'de>>(deserializer: D) -> Result<u64, D::Error> {
    let number = Number::deserialize(deserializer)?;
    whole(&number).map_err(serde::de::Error::custom)
}

/// [`base_units`] for an optional field (`null` or absent is `None`).
pub fn optional_base_units<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<u64>, D::Error> {
    Option::<Number>::deserialize(deserializer)?
        .map(|n| whole(&n).map_err(serde::de::Error::custom))
        .transpose()
}

fn whole(number: &Number) -> Result<u64, String> {
    if let Some(units) = number.as_u64() {
        return Ok(units);
    }
    let text = number.to_string();
    let whole_units = Precision::new(0).map_err(|e| e.to_string())?;
    whole_units
        .parse(&text)
        .map(Amount::units)
        .map_err(|e| match e {
            AmountError::TooPrecise { .. } => {
                format!("{text} is not a whole number of base units")
            }
            other => other.to_string(),
        })
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[derive(Debug, Deserialize)]
    struct Body {
        #[serde(deserialize_with = "base_units")]
        amount: u64,
        #[serde(default, deserialize_with = "optional_base_units")]
        more: Option<u64>,
    }

    fn read(json: &str) -> Result<Body, String> {
        serde_json::from_str(json).map_err(|e| e.to_string())
    }

    #[test]
    fn every_spelling_of_a_whole_number_is_the_same_amount() {
        for text in [
            "1000", "1000.0", "1e3", "1E3", "1e+3", "10000e-1", "1.000e3",
        ] {
            let body = read(&format!(r#"{{"amount": {text}}}"#)).unwrap();
            assert_eq!(body.amount, 1000, "{text}");
            assert_eq!(body.more, None);
        }
        let body = read(r#"{"amount": 5, "more": 2.5e1}"#).unwrap();
        assert_eq!(body.more, Some(25));
        let body = read(r#"{"amount": 5, "more": null}"#).unwrap();
        assert_eq!(body.more, None);
    }

    #[test]
    fn fractions_signs_and_huge_values_are_refused_naming_the_value() {
        let err = read(r#"{"amount": 1.5}"#).unwrap_err();
        assert!(err.contains("1.5") && err.contains("whole"), "{err}");
        let err = read(r#"{"amount": -3}"#).unwrap_err();
        assert!(err.contains("-3") && err.contains("negative"), "{err}");
        let err = read(r#"{"amount": 1e30}"#).unwrap_err();
        assert!(
            err.contains("1e+30") && err.contains("money range"),
            "{err}"
        );
        let err = read(r#"{"amount": 5, "more": 0.1}"#).unwrap_err();
        assert!(err.contains("0.1"), "{err}");
        assert!(read(r#"{"amount": "5"}"#).is_err());
    }
}

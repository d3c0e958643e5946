//! Exact coin amounts on the wire.
//!
//! Elements prints every amount (L-BTC, issued assets, tokens) as a JSON number in coin
//! units with exactly 8 decimals, and parses request amounts from the number's text. The
//! workspace enables serde_json's `arbitrary_precision`, so we read and write that text
//! directly and keep integers of base units (sats) inside; no float ever touches money.

use std::str::FromStr;

use serde_json::{Number, Value};

use crate::error::RpcError;

/// Base units per coin.
pub const COIN: u64 = 100_000_000;

/// Formats base units as a JSON number with 8 decimals (`1.50000000`).
pub fn sats_to_value(sats: u64) -> Value {
    signed_to_value(i128::from(sats))
}

/// Formats a signed amount of base units as a JSON number with 8 decimals (`-0.00004958`).
pub fn signed_to_value(sats: i128) -> Value {
    let sign = if sats < 0 { "-" } else { "" };
    let abs = sats.unsigned_abs();
    let coin = u128::from(COIN);
    let text = format!("{sign}{}.{:08}", abs / coin, abs % coin);
    // The text is always a valid JSON number, so parsing cannot fail.
    Number::from_str(&text)
        .map(Value::Number)
        .unwrap_or(Value::Null)
}

/// Parses a request amount exactly, as Elements' `AmountFromValue` does: numbers or numeric
/// strings, at most 8 decimals (-3 "Invalid amount"), not negative (-3 "Amount out of range").
pub fn value_to_sats(value: &Value) -> Result<u64, RpcError> {
    let text = match value {
        Value::Number(n) => n.to_string(),
        Value::String(s) => s.clone(),
        _ => return Err(RpcError::type_error("a number or string")),
    };
    parse_decimal(&text)
}

/// Parses decimal text (optionally with an exponent) into base units.
pub fn parse_decimal(text: &str) -> Result<u64, RpcError> {
    let text = text.trim();
    let (negative, body) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text.strip_prefix('+').unwrap_or(text)),
    };
    let (mantissa, exponent) = match body.find(['e', 'E']) {
        Some(pos) => {
            let exp: i32 = body[pos + 1..]
                .parse()
                .map_err(|_| RpcError::invalid_amount())?;
            (&body[..pos], exp)
        }
        None => (body, 0),
    };
    let (int_part, frac_part) = match mantissa.split_once('.') {
        Some((i, f)) => (i, f),
        None => (mantissa, ""),
    };
    if (int_part.is_empty() && frac_part.is_empty())
        || !int_part.chars().all(|c| c.is_ascii_digit())
        || !frac_part.chars().all(|c| c.is_ascii_digit())
    {
        return Err(RpcError::invalid_amount());
    }
    // digits * 10^(exponent - frac_len) coins, expressed in sats: shift by 8.
    let digits = format!("{int_part}{frac_part}");
    let digits = digits.trim_start_matches('0');
    let frac_len = i32::try_from(frac_part.len()).map_err(|_| RpcError::invalid_amount())?;
    let shift = exponent - frac_len + 8;
    let sats: u128 = if digits.is_empty() {
        0
    } else if shift >= 0 {
        let base: u128 = digits
            .parse()
            .map_err(|_| RpcError::amount_out_of_range())?;
        let factor = 10u128
            .checked_pow(shift.unsigned_abs())
            .ok_or_else(RpcError::amount_out_of_range)?;
        base.checked_mul(factor)
            .ok_or_else(RpcError::amount_out_of_range)?
    } else {
        // Fewer than 0 sat positions: only acceptable if the dropped digits are zeros.
        let cut = usize::try_from(shift.unsigned_abs()).map_err(|_| RpcError::invalid_amount())?;
        if cut > digits.len() {
            return Err(RpcError::invalid_amount());
        }
        let (keep, dropped) = digits.split_at(digits.len() - cut);
        if dropped.chars().any(|c| c != '0') {
            return Err(RpcError::invalid_amount());
        }
        if keep.is_empty() {
            0
        } else {
            keep.parse().map_err(|_| RpcError::amount_out_of_range())?
        }
    };
    if negative && sats > 0 {
        return Err(RpcError::amount_out_of_range());
    }
    u64::try_from(sats)
        .ok()
        .filter(|s| *s <= i64::MAX as u64)
        .ok_or_else(RpcError::amount_out_of_range)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_print_with_eight_decimals() {
        assert_eq!(sats_to_value(150_000_000).to_string(), "1.50000000");
        assert_eq!(sats_to_value(0).to_string(), "0.00000000");
        assert_eq!(signed_to_value(-4958).to_string(), "-0.00004958");
        assert_eq!(
            sats_to_value(2_100_000_000_000_000).to_string(),
            "21000000.00000000"
        );
    }

    #[test]
    fn amounts_parse_exactly_from_number_text() {
        let v: Value = serde_json::from_str("0.123456789").unwrap_or(Value::Null);
        assert_eq!(value_to_sats(&v), Err(RpcError::invalid_amount()));
        let v: Value = serde_json::from_str("-1").unwrap_or(Value::Null);
        assert_eq!(value_to_sats(&v), Err(RpcError::amount_out_of_range()));
        assert_eq!(parse_decimal("1.5"), Ok(150_000_000));
        assert_eq!(parse_decimal("30000000"), Ok(3_000_000_000_000_000));
        assert_eq!(parse_decimal("1e-05"), Ok(1000));
        assert_eq!(parse_decimal("0.10000000000"), Ok(10_000_000));
        assert_eq!(parse_decimal("abc"), Err(RpcError::invalid_amount()));
        assert_eq!(
            value_to_sats(&Value::String("abc".into())),
            Err(RpcError::invalid_amount())
        );
    }
}

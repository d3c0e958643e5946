//! Exact reading of decimal numbers as JSON writes them, scaled to whole units.
//!
//! JSON clients print numbers the way their language does: Python writes `8.5e-07` and
//! `1e-08`, JavaScript `1e-7`, Elements `0.00000085`. All are the same decimal value, so an
//! amount is read from the number's text — integer, fraction and exponent — without ever
//! going through a float, and scaled by a number of decimals. Only what cannot be a whole
//! count of units (a non-zero digit beyond the last decimal, a sign) or does not fit is
//! refused.

/// Why a number's text is not a whole count of units.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum DecimalError {
    /// Not a number (`"abc"`, `"1."`, `".5"`, `"1e"`).
    Syntax,
    /// Has a minus sign (and is not zero).
    Negative,
    /// A non-zero digit beyond the allowed decimals.
    TooPrecise,
    /// Too large for the result type.
    TooLarge,
}

/// The value of `text` times 10^`decimals`, if it is a whole, non-negative number that fits.
///
/// Accepted: digits, an optional `.` followed by digits, an optional exponent (`e`/`E`, an
/// optional sign, digits); a leading `-` only on zero. Zeros beyond the allowed decimals
/// lose nothing and are accepted (`1.500000000000` at 8 decimals).
pub(crate) fn scaled_units(text: &str, decimals: u8) -> Result<u128, DecimalError> {
    let (negative, unsigned) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    let (mantissa, exponent) = match unsigned.find(['e', 'E']) {
        Some(at) => (&unsigned[..at], Some(&unsigned[at + 1..])),
        None => (unsigned, None),
    };
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let (whole, frac) = match mantissa.split_once('.') {
        // A point needs digits on both sides: "1." and ".5" are not numbers.
        Some((w, f)) if digits(w) && digits(f) => (w, f),
        None if digits(mantissa) => (mantissa, ""),
        _ => return Err(DecimalError::Syntax),
    };
    let all: Vec<u8> = whole
        .bytes()
        .chain(frac.bytes())
        .map(|b| b - b'0')
        .collect();
    let is_zero = all.iter().all(|d| *d == 0);
    let exponent = match exponent {
        None => 0i64,
        Some(e) => {
            let unsigned_e = e.strip_prefix(['+', '-']).unwrap_or(e);
            if !digits(unsigned_e) {
                return Err(DecimalError::Syntax);
            }
            match e.parse::<i64>() {
                Ok(v) => v,
                // Beyond ±9.2e18: zero stays zero, anything else is out of every range.
                Err(_) if is_zero => 0,
                Err(_) if e.starts_with('-') => return Err(DecimalError::TooPrecise),
                Err(_) => return Err(DecimalError::TooLarge),
            }
        }
    };
    if is_zero {
        return Ok(0);
    }
    if negative {
        return Err(DecimalError::Negative);
    }
    // Digit i (over whole then frac) is worth 10^(shift - i) units.
    let shift = i64::try_from(whole.len())
        .ok()
        .and_then(|w| w.checked_add(exponent))
        .and_then(|p| p.checked_add(i64::from(decimals) - 1))
        .ok_or(if exponent < 0 {
            DecimalError::TooPrecise
        } else {
            DecimalError::TooLarge
        })?;
    let mut units: u128 = 0;
    for (i, digit) in all.iter().enumerate() {
        if *digit == 0 {
            continue;
        }
        let power = i64::try_from(i)
            .ok()
            .and_then(|i| shift.checked_sub(i))
            .ok_or(DecimalError::TooPrecise)?;
        if power < 0 {
            return Err(DecimalError::TooPrecise);
        }
        let place = u32::try_from(power)
            .ok()
            .and_then(|p| 10u128.checked_pow(p))
            .ok_or(DecimalError::TooLarge)?;
        units = place
            .checked_mul(u128::from(*digit))
            .and_then(|v| units.checked_add(v))
            .ok_or(DecimalError::TooLarge)?;
    }
    Ok(units)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn every_spelling_of_a_json_number_is_read_exactly() {
        let cases = [
            ("8.5e-07", 8, 85),
            ("1e-08", 8, 1),
            ("1E-8", 8, 1),
            ("1e+2", 0, 100),
            ("1E2", 2, 10_000),
            ("0.00000085", 8, 85),
            ("85e-8", 8, 85),
            ("0.0000008500000000", 8, 85),
            ("21000000", 8, 2_100_000_000_000_000),
            ("2.1e7", 8, 2_100_000_000_000_000),
            ("1.5", 2, 150),
            ("007", 0, 7),
            ("0", 0, 0),
            ("-0", 8, 0),
            ("-0.0e5", 8, 0),
            ("0e-999999999999999999999", 8, 0),
        ];
        for (text, decimals, units) in cases {
            assert_eq!(scaled_units(text, decimals), Ok(units), "{text}");
        }
    }

    #[test]
    fn what_is_not_a_whole_count_of_units_is_refused_with_its_reason() {
        use DecimalError::*;
        let cases = [
            ("1e-09", 8, TooPrecise),
            ("0.000000001", 8, TooPrecise),
            ("1.505", 2, TooPrecise),
            ("1e-99999999999999999999", 8, TooPrecise),
            ("-1", 8, Negative),
            ("-8.5e-07", 8, Negative),
            ("1e99999999999999999999", 8, TooLarge),
            ("1e40", 8, TooLarge),
            ("", 8, Syntax),
            ("-", 8, Syntax),
            ("1.", 8, Syntax),
            (".5", 8, Syntax),
            ("1e", 8, Syntax),
            ("1e+", 8, Syntax),
            ("+1", 8, Syntax),
            ("1.2.3", 8, Syntax),
            ("0x10", 8, Syntax),
            (" 1", 8, Syntax),
            ("NaN", 8, Syntax),
            ("1e-8-", 8, Syntax),
        ];
        for (text, decimals, error) in cases {
            assert_eq!(scaled_units(text, decimals), Err(error), "{text:?}");
        }
    }
}

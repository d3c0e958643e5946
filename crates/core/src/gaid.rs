//! GAIDs: the ids of managed accounts (AMP's "Green Account ID").
//!
//! Syntax as observed on real AMP GAIDs (amp-api.md §5): `GA` followed by 27 or 28
//! characters of the Bitcoin base58 alphabet whose value fits in 20 bytes. No public
//! checksum scheme exists, so a syntactically valid GAID says nothing about whether the
//! account exists: that question belongs to the account registry (see the app layer), not
//! to this type.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// Why a string is not a GAID. Each variant names the offending input.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum GaidError {
    /// The string does not start with `GA`.
    #[error("GAID {0:?} must start with \"GA\"")]
    Prefix(String),
    /// Wrong length.
    #[error("GAID {gaid:?} is {len} characters long; a GAID has 29 or 30")]
    Length {
        /// The input.
        gaid: String,
        /// Its length.
        len: usize,
    },
    /// A character outside the base58 alphabet.
    #[error("GAID {gaid:?} contains {character:?}, which is not a base58 character")]
    Character {
        /// The input.
        gaid: String,
        /// The first offending character.
        character: char,
    },
    /// The base58 part does not fit in 20 bytes.
    #[error("GAID {0:?} does not decode to 20 bytes")]
    Overflow(String),
}

/// A syntactically valid GAID.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Gaid(String);

impl Gaid {
    /// Shortest GAID in characters.
    pub const MIN_LEN: usize = 29;
    /// Longest GAID in characters.
    pub const MAX_LEN: usize = 30;

    /// Parses a GAID, checking prefix, length, alphabet and the 20-byte bound.
    pub fn parse(text: &str) -> Result<Self, GaidError> {
        let Some(body) = text.strip_prefix("GA") else {
            return Err(GaidError::Prefix(text.to_owned()));
        };
        let len = text.chars().count();
        if !(Self::MIN_LEN..=Self::MAX_LEN).contains(&len) {
            return Err(GaidError::Length {
                gaid: text.to_owned(),
                len,
            });
        }
        if let Some(character) = body.chars().find(|c| !is_base58(*c)) {
            return Err(GaidError::Character {
                gaid: text.to_owned(),
                character,
            });
        }
        let bytes = bs58::decode(body)
            .into_vec()
            .map_err(|_| GaidError::Overflow(text.to_owned()))?;
        if bytes.len() > 20 {
            return Err(GaidError::Overflow(text.to_owned()));
        }
        Ok(Self(text.to_owned()))
    }

    /// Builds the GAID of 20 account bytes, if its text has the canonical length.
    ///
    /// Values whose base58 form would be shorter than 27 characters (a few in a million)
    /// give `None`; callers derive their bytes again with another counter.
    pub fn from_account_bytes(bytes: [u8; 20]) -> Option<Self> {
        let text = format!("GA{}", bs58::encode(bytes).into_string());
        Self::parse(&text).ok()
    }

    /// The 20 bytes this GAID stands for (leading zero bytes restored).
    pub fn to_bytes(&self) -> [u8; 20] {
        let decoded = bs58::decode(&self.0[2..]).into_vec().unwrap_or_default();
        let mut out = [0u8; 20];
        let start = 20usize.saturating_sub(decoded.len());
        out[start..].copy_from_slice(&decoded[decoded.len().saturating_sub(20)..]);
        out
    }

    /// The GAID as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

fn is_base58(c: char) -> bool {
    c.is_ascii_alphanumeric() && !matches!(c, '0' | 'O' | 'I' | 'l')
}

impl FromStr for Gaid {
    type Err = GaidError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s)
    }
}

impl TryFrom<String> for Gaid {
    type Error = GaidError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<Gaid> for String {
    fn from(value: Gaid) -> Self {
        value.0
    }
}

impl fmt::Display for Gaid {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn real_amp_gaids_parse() {
        for text in [
            "GAbYScu6jkWUND2jo3L4KJxyvo55d",
            "GA2G8fjDNWvZiJP8Y5iV2ywTAQeZeo",
            "GA114wqp9EXcPFELYrmgg2nmBpX4T",
        ] {
            let gaid = Gaid::parse(text).unwrap();
            assert_eq!(gaid.as_str(), text);
            assert_eq!(Gaid::from_account_bytes(gaid.to_bytes()), Some(gaid));
        }
    }

    #[test]
    fn malformed_gaids_are_refused_with_the_reason() {
        let cases = [
            ("", GaidError::Prefix(String::new())),
            (
                "XAbYScu6jkWUND2jo3L4KJxyvo55d",
                GaidError::Prefix("XAbYScu6jkWUND2jo3L4KJxyvo55d".into()),
            ),
            (
                "GAbYS",
                GaidError::Length {
                    gaid: "GAbYS".into(),
                    len: 5,
                },
            ),
            (
                "GAbYScu6jkWUND2jo3L4KJxyvo55d1234",
                GaidError::Length {
                    gaid: "GAbYScu6jkWUND2jo3L4KJxyvo55d1234".into(),
                    len: 33,
                },
            ),
            (
                "GAbYScu6jkWUND2jo3L4KJxyvo550",
                GaidError::Character {
                    gaid: "GAbYScu6jkWUND2jo3L4KJxyvo550".into(),
                    character: '0',
                },
            ),
            (
                "GAzzzzzzzzzzzzzzzzzzzzzzzzzzzz",
                GaidError::Overflow("GAzzzzzzzzzzzzzzzzzzzzzzzzzzzz".into()),
            ),
        ];
        for (input, expected) in cases {
            assert_eq!(Gaid::parse(input), Err(expected), "input {input:?}");
        }
    }

    #[test]
    fn errors_name_the_offending_value() {
        let err = Gaid::parse("GAbYScu6jkWUND2jo3L4KJxyvo55O").unwrap_err();
        assert!(err.to_string().contains("GAbYScu6jkWUND2jo3L4KJxyvo55O"));
        assert!(err.to_string().contains("'O'"));
    }

    #[test]
    fn serde_refuses_invalid_gaids() {
        assert!(serde_json::from_str::<Gaid>("\"GAbad\"").is_err());
        let ok: Gaid = serde_json::from_str("\"GAbYScu6jkWUND2jo3L4KJxyvo55d\"").unwrap();
        assert_eq!(
            serde_json::to_string(&ok).unwrap(),
            "\"GAbYScu6jkWUND2jo3L4KJxyvo55d\""
        );
    }

    proptest! {
        #[test]
        fn account_bytes_round_trip(bytes in proptest::array::uniform20(any::<u8>())) {
            if let Some(gaid) = Gaid::from_account_bytes(bytes) {
                prop_assert_eq!(gaid.to_bytes(), bytes);
                prop_assert_eq!(Gaid::parse(gaid.as_str()), Ok(gaid));
            } else {
                // Only values with a short base58 form are refused.
                let text = bs58::encode(bytes).into_string();
                prop_assert!(text.len() < 27);
            }
        }

        #[test]
        fn parse_never_panics_and_accepts_only_the_syntax(text in "\\PC{0,40}") {
            if let Ok(gaid) = Gaid::parse(&text) {
                prop_assert!(gaid.as_str().starts_with("GA"));
                prop_assert!((29..=30).contains(&gaid.as_str().len()));
            }
        }

        #[test]
        fn syntactic_gaids_parse_when_they_fit(body in "[1-9A-HJ-NP-Za-km-z]{27,28}") {
            let text = format!("GA{body}");
            let fits = bs58::decode(&body).into_vec().map(|b| b.len() <= 20).unwrap_or(false);
            prop_assert_eq!(Gaid::parse(&text).is_ok(), fits);
        }
    }
}

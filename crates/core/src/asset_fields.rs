//! The validated fields of an asset: name, ticker, domain, issuer key, authorizer URL.
//!
//! The name, ticker, domain and issuer key end up in the registry contract whose hash is
//! committed on chain at issuance, so they must satisfy the Blockstream asset registry's
//! rules *before* the asset is issued: a contract the registry refuses can never be fixed
//! afterwards. Each type is parsed once; its error names the refused value.

use serde::{Deserialize, Serialize};
use std::fmt;

/// Why an asset name was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AssetNameError {
    /// Empty, or longer than 255 characters.
    #[error("asset name {name:?} is {len} characters long; 1 to 255 are allowed")]
    Length {
        /// The input.
        name: String,
        /// Its length in characters.
        len: usize,
    },
    /// A character that is not printable ASCII.
    #[error("asset name {name:?} contains {character:?}; only printable ASCII is allowed")]
    Character {
        /// The input.
        name: String,
        /// The first offending character.
        character: char,
    },
    /// Leading or trailing white space (the registry would keep it; people would not see it).
    #[error("asset name {0:?} starts or ends with white space")]
    Padding(String),
}

/// An asset name as the registry accepts it: 1 to 255 printable ASCII characters.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct AssetName(String);

impl AssetName {
    /// Longest name accepted, in characters.
    pub const MAX: usize = 255;

    /// Parses an asset name.
    pub fn parse(text: &str) -> Result<Self, AssetNameError> {
        let len = text.chars().count();
        if !(1..=Self::MAX).contains(&len) {
            return Err(AssetNameError::Length {
                name: text.to_owned(),
                len,
            });
        }
        if let Some(character) = text.chars().find(|c| !matches!(c, ' '..='~')) {
            return Err(AssetNameError::Character {
                name: text.to_owned(),
                character,
            });
        }
        if text.trim() != text {
            return Err(AssetNameError::Padding(text.to_owned()));
        }
        Ok(Self(text.to_owned()))
    }

    /// The name as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Why a ticker was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TickerError {
    /// Length outside 3..=24.
    #[error("ticker {ticker:?} is {len} characters long; 3 to 24 are allowed")]
    Length {
        /// The input.
        ticker: String,
        /// Its length in characters.
        len: usize,
    },
    /// A character outside `[a-zA-Z0-9.-]`.
    #[error("ticker {ticker:?} contains {character:?}; use letters, digits, '.' and '-'")]
    Character {
        /// The input.
        ticker: String,
        /// The first offending character.
        character: char,
    },
}

/// A ticker as the registry accepts it: 3 to 24 of `[a-zA-Z0-9.-]`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Ticker(String);

impl Ticker {
    /// Parses a ticker.
    pub fn parse(text: &str) -> Result<Self, TickerError> {
        let len = text.chars().count();
        if !(3..=24).contains(&len) {
            return Err(TickerError::Length {
                ticker: text.to_owned(),
                len,
            });
        }
        if let Some(character) = text
            .chars()
            .find(|c| !(c.is_ascii_alphanumeric() || *c == '.' || *c == '-'))
        {
            return Err(TickerError::Character {
                ticker: text.to_owned(),
                character,
            });
        }
        Ok(Self(text.to_owned()))
    }

    /// The ticker as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Why a domain was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DomainError {
    /// Empty or longer than 253 characters.
    #[error("domain {domain:?} is {len} characters long; 1 to 253 are allowed")]
    Length {
        /// The input.
        domain: String,
        /// Its length in characters.
        len: usize,
    },
    /// A label that is empty, too long, has a bad character or a hyphen at an end.
    #[error("domain {domain:?} has an invalid label {label:?}")]
    Label {
        /// The input.
        domain: String,
        /// The offending label.
        label: String,
    },
    /// Fewer than two labels, or an all-numeric top-level label (an IP address).
    #[error("domain {0:?} is not a fully qualified DNS name")]
    NotQualified(String),
}

/// A DNS name (lower-cased), where the issuer proves control for the registry.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Domain(String);

impl Domain {
    /// Parses a domain: labels of 1..=63 of `[a-z0-9-]` (no hyphen at either end), at least
    /// two labels, 253 characters at most, no trailing dot. Upper case is lowered.
    pub fn parse(text: &str) -> Result<Self, DomainError> {
        let lower = text.to_ascii_lowercase();
        let len = lower.chars().count();
        if !(1..=253).contains(&len) {
            return Err(DomainError::Length {
                domain: text.to_owned(),
                len,
            });
        }
        let labels: Vec<&str> = lower.split('.').collect();
        for label in &labels {
            let ok = (1..=63).contains(&label.len())
                && label
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
                && !label.starts_with('-')
                && !label.ends_with('-');
            if !ok {
                return Err(DomainError::Label {
                    domain: text.to_owned(),
                    label: (*label).to_owned(),
                });
            }
        }
        let tld_numeric = labels
            .last()
            .is_some_and(|tld| tld.chars().all(|c| c.is_ascii_digit()));
        if labels.len() < 2 || tld_numeric {
            return Err(DomainError::NotQualified(text.to_owned()));
        }
        Ok(Self(lower))
    }

    /// The domain as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Why an issuer public key was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum IssuerPubkeyError {
    /// Not 66 hexadecimal characters.
    #[error("issuer pubkey {0:?} is not 66 hexadecimal characters (33 bytes)")]
    Format(String),
    /// The first byte is not 02 or 03.
    #[error("issuer pubkey {0:?} does not start with 02 or 03 (compressed key)")]
    Prefix(String),
    /// Not a point on the secp256k1 curve.
    #[error("issuer pubkey {0:?} is not a point on secp256k1")]
    NotOnCurve(String),
}

/// A compressed secp256k1 public key (33 bytes), the issuer key of the registry contract.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct IssuerPubkey([u8; 33]);

impl IssuerPubkey {
    /// Parses 66 hex characters of a compressed key on the curve (upper case accepted).
    pub fn parse(text: &str) -> Result<Self, IssuerPubkeyError> {
        let bytes: [u8; 33] = hex::decode(text)
            .ok()
            .and_then(|b| b.try_into().ok())
            .ok_or_else(|| IssuerPubkeyError::Format(text.to_owned()))?;
        if !matches!(bytes[0], 0x02 | 0x03) {
            return Err(IssuerPubkeyError::Prefix(text.to_owned()));
        }
        elements::secp256k1_zkp::PublicKey::from_slice(&bytes)
            .map_err(|_| IssuerPubkeyError::NotOnCurve(text.to_owned()))?;
        Ok(Self(bytes))
    }

    /// The 33 key bytes.
    pub fn to_bytes(self) -> [u8; 33] {
        self.0
    }

    /// Lower-case hex, as written into the contract.
    pub fn to_hex(self) -> String {
        hex::encode(self.0)
    }
}

/// Why an authorization endpoint was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("authorization endpoint {0:?} is not an absolute http(s) URL with a host")]
pub struct EndpointError(pub String);

/// The issuer's authorization endpoint: an absolute `http`/`https` URL with a host. AMP
/// appends `issuerauthorizer` to it when calling; that is the caller's business.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct AuthorizationEndpoint(String);

impl AuthorizationEndpoint {
    /// Parses an endpoint URL, kept as written.
    pub fn parse(text: &str) -> Result<Self, EndpointError> {
        let err = || EndpointError(text.to_owned());
        let url = url::Url::parse(text).map_err(|_| err())?;
        if !matches!(url.scheme(), "http" | "https") || url.host_str().is_none() {
            return Err(err());
        }
        Ok(Self(text.to_owned()))
    }

    /// The URL as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

macro_rules! string_conversions {
    ($ty:ident, $err:ident, $to:expr) => {
        impl TryFrom<String> for $ty {
            type Error = $err;
            fn try_from(value: String) -> Result<Self, Self::Error> {
                Self::parse(&value)
            }
        }
        impl From<$ty> for String {
            fn from(value: $ty) -> Self {
                $to(value)
            }
        }
        impl fmt::Display for $ty {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&String::from(self.clone()))
            }
        }
        impl std::str::FromStr for $ty {
            type Err = $err;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                Self::parse(s)
            }
        }
    };
}

string_conversions!(AssetName, AssetNameError, |v: AssetName| v.0);
string_conversions!(Ticker, TickerError, |v: Ticker| v.0);
string_conversions!(Domain, DomainError, |v: Domain| v.0);
string_conversions!(IssuerPubkey, IssuerPubkeyError, IssuerPubkey::to_hex);
string_conversions!(
    AuthorizationEndpoint,
    EndpointError,
    |v: AuthorizationEndpoint| v.0
);

#[cfg(test)]
#[path = "asset_fields_tests.rs"]
mod tests;

//! Bounded, printable text used for names and descriptions.
//!
//! Names come from API clients and end up in logs, e-mails and CSV files: they must be
//! non-empty, of bounded length and free of control characters.

use serde::{Deserialize, Serialize};
use std::fmt;

/// Why a piece of text was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TextError {
    /// The text is empty or only white space.
    #[error("{field} must not be empty")]
    Empty {
        /// Which field.
        field: &'static str,
    },
    /// The text is longer than allowed.
    #[error("{field} is {len} characters long; at most {max} are allowed")]
    TooLong {
        /// Which field.
        field: &'static str,
        /// Its length in characters.
        len: usize,
        /// The limit.
        max: usize,
    },
    /// The text holds a control character.
    #[error("{field} contains a control character at position {position}")]
    ControlCharacter {
        /// Which field.
        field: &'static str,
        /// Character index of the first control character.
        position: usize,
    },
}

/// Checks `text` against the common rules; `allow_empty` for optional descriptions.
pub(crate) fn check(
    field: &'static str,
    text: &str,
    max: usize,
    allow_empty: bool,
) -> Result<(), TextError> {
    if !allow_empty && text.trim().is_empty() {
        return Err(TextError::Empty { field });
    }
    let len = text.chars().count();
    if len > max {
        return Err(TextError::TooLong { field, len, max });
    }
    if let Some(position) = text.chars().position(|c| c.is_control()) {
        return Err(TextError::ControlCharacter { field, position });
    }
    Ok(())
}

/// A display name: 1 to 255 printable characters, trimmed.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Name(String);

impl Name {
    /// Longest name accepted, in characters.
    pub const MAX: usize = 255;

    /// Parses a name (used for registered users and categories).
    pub fn parse(text: &str) -> Result<Self, TextError> {
        let text = text.trim();
        check("name", text, Self::MAX, false)?;
        Ok(Self(text.to_owned()))
    }

    /// The name as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for Name {
    type Error = TextError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<Name> for String {
    fn from(value: Name) -> Self {
        value.0
    }
}

impl fmt::Display for Name {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_trimmed_and_bounded() {
        assert_eq!(Name::parse("  Alice ").map(|n| n.0), Ok("Alice".to_owned()));
        assert_eq!(Name::parse("   "), Err(TextError::Empty { field: "name" }));
        let long = "x".repeat(256);
        assert!(matches!(
            Name::parse(&long),
            Err(TextError::TooLong { len: 256, .. })
        ));
        assert!(Name::parse(&"é".repeat(255)).is_ok());
        assert!(matches!(
            Name::parse("a\u{0}b"),
            Err(TextError::ControlCharacter { position: 1, .. })
        ));
    }
}

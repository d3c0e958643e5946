//! Issuer accounts: the people or companies that issue and manage assets.
//!
//! An issuer logs in with a username and password (AMP's `obtain_token`); everything it
//! creates is scoped to its id and invisible to other issuers.

use crate::ids::IssuerId;
use serde::{Deserialize, Serialize};
use std::fmt;

/// Why a username was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum UsernameError {
    /// Length outside 3..=150.
    #[error("username {0:?} must be 3 to 150 characters long")]
    Length(String),
    /// A character outside letters, digits and `@.+-_`.
    #[error("username {username:?} contains {character:?}; use letters, digits and @.+-_")]
    Character {
        /// The input.
        username: String,
        /// The first offending character.
        character: char,
    },
}

/// A login name: 3 to 150 of letters, digits and `@.+-_` (Django's rule, as AMP's).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Username(String);

impl Username {
    /// Parses a username.
    pub fn parse(text: &str) -> Result<Self, UsernameError> {
        let len = text.chars().count();
        if !(3..=150).contains(&len) {
            return Err(UsernameError::Length(text.to_owned()));
        }
        if let Some(character) = text
            .chars()
            .find(|c| !(c.is_alphanumeric() || "@.+-_".contains(*c)))
        {
            return Err(UsernameError::Character {
                username: text.to_owned(),
                character,
            });
        }
        Ok(Self(text.to_owned()))
    }

    /// The username as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for Username {
    type Error = UsernameError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<Username> for String {
    fn from(value: Username) -> Self {
        value.0
    }
}

impl fmt::Display for Username {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// An issuer account as the rest of the program sees it (no secrets).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Issuer {
    /// Its id.
    pub id: IssuerId,
    /// Its login name.
    pub username: Username,
    /// Unix time of creation.
    pub created_at: i64,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn usernames_follow_the_django_rule() {
        assert!(Username::parse("alice@example.com").is_ok());
        assert!(Username::parse("a.b+c-d_e").is_ok());
        assert_eq!(
            Username::parse("ab"),
            Err(UsernameError::Length("ab".into()))
        );
        assert_eq!(
            Username::parse("bad name"),
            Err(UsernameError::Character {
                username: "bad name".into(),
                character: ' '
            })
        );
        assert!(Username::parse(&"a".repeat(151)).is_err());
    }
}

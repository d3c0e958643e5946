//! Categories: named sets of registered users that assets can require.
//!
//! A transfer-restricted asset lists categories as requirements; a receiver must belong
//! to every one of them.

use crate::ids::{AssetUuid, CategoryId, IssuerId, RegisteredUserId};
use crate::text::{check, Name, TextError};
use serde::{Deserialize, Serialize};

/// A category description: up to 1000 printable characters, may be empty.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct CategoryDescription(String);

impl CategoryDescription {
    /// Longest description accepted, in characters.
    pub const MAX: usize = 1000;

    /// Parses a description.
    pub fn parse(text: &str) -> Result<Self, TextError> {
        check("description", text, Self::MAX, true)?;
        Ok(Self(text.to_owned()))
    }

    /// The description as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for CategoryDescription {
    type Error = TextError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<CategoryDescription> for String {
    fn from(value: CategoryDescription) -> Self {
        value.0
    }
}

/// A category as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Category {
    /// Its id.
    pub id: CategoryId,
    /// The issuer that owns it.
    pub issuer: IssuerId,
    /// Name, unique per issuer.
    pub name: Name,
    /// Free description.
    pub description: CategoryDescription,
    /// Members, ascending.
    pub registered_users: Vec<RegisteredUserId>,
    /// Assets that require this category, ascending.
    pub assets: Vec<AssetUuid>,
}

/// What is needed to create a category.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewCategory {
    /// Name, unique per issuer.
    pub name: Name,
    /// Free description.
    pub description: CategoryDescription,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn descriptions_may_be_empty_but_bounded() {
        assert!(CategoryDescription::parse("").is_ok());
        assert!(CategoryDescription::parse(&"d".repeat(1000)).is_ok());
        assert!(matches!(
            CategoryDescription::parse(&"d".repeat(1001)),
            Err(TextError::TooLong { len: 1001, .. })
        ));
    }
}

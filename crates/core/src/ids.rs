//! Typed identifiers.
//!
//! Every table row has its own id type so that a category id can never be passed where a
//! registered user id is expected. Numeric ids are the database's; `AssetUuid` is ours and
//! public (AMP's `asset_uuid`).

use serde::{Deserialize, Serialize};
use std::fmt;

macro_rules! int_id {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub i64);

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.fmt(f)
            }
        }
    };
}

int_id!(
    /// An issuer account (AMP's `issuer` / `creator`).
    IssuerId
);
int_id!(
    /// A registered user (investor) of one issuer.
    RegisteredUserId
);
int_id!(
    /// A category of registered users of one issuer.
    CategoryId
);

/// The public id of an asset managed by Tessera (AMP's `asset_uuid`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct AssetUuid(pub uuid::Uuid);

impl AssetUuid {
    /// A fresh random asset uuid.
    pub fn new_random() -> Self {
        Self(uuid::Uuid::new_v4())
    }
}

impl fmt::Display for AssetUuid {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

impl std::str::FromStr for AssetUuid {
    type Err = uuid::Error;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        uuid::Uuid::parse_str(s).map(Self)
    }
}

int_id!(
    /// An assignment: an amount of an asset reserved for a registered user.
    AssignmentId
);

/// The public id of a distribution (AMP's `distribution_uuid`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct DistributionUuid(pub uuid::Uuid);

impl DistributionUuid {
    /// A fresh random distribution uuid.
    pub fn new_random() -> Self {
        Self(uuid::Uuid::new_v4())
    }
}

impl fmt::Display for DistributionUuid {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

impl std::str::FromStr for DistributionUuid {
    type Err = uuid::Error;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        uuid::Uuid::parse_str(s).map(Self)
    }
}

//! Managers: logins an issuer creates so that other people can run some of its assets.
//!
//! A manager acts as its issuer, but only on the assets the issuer granted it; everything
//! else of the issuer stays out of its reach. Managers are created locked and can log in
//! only once the issuer unlocks them (AMP's `managers/create`, `managers/{id}/unlock`).

use crate::ids::{AssetUuid, IssuerId};
use crate::issuer::Username;
use serde::{Deserialize, Serialize};
use std::fmt;

/// A manager login of one issuer (AMP's manager `id`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct ManagerId(pub i64);

impl fmt::Display for ManagerId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

/// A manager as the rest of the program sees it (no secrets).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Manager {
    /// Its id.
    pub id: ManagerId,
    /// The issuer it acts for.
    pub issuer: IssuerId,
    /// Its login name (unique among issuers and managers alike).
    pub username: Username,
    /// A locked manager can neither log in nor use its tokens.
    pub is_locked: bool,
    /// The assets it may act on, in uuid order.
    pub assets: Vec<AssetUuid>,
    /// Unix time of creation.
    pub created_at: i64,
}

impl Manager {
    /// Whether the manager may act on this asset.
    pub fn may_act_on(&self, asset: AssetUuid) -> bool {
        self.assets.contains(&asset)
    }

    /// Whether every one of `assets` is granted (true for none): the test for changing
    /// data those assets share (registered users, GAIDs, category memberships).
    pub fn covers<'a>(&self, assets: impl IntoIterator<Item = &'a AssetUuid>) -> bool {
        assets.into_iter().all(|a| self.may_act_on(*a))
    }
}

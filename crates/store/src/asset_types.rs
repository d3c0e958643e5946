//! Store-level types of the asset area that core does not have: flag changes, the
//! authorization mode, and the activity history.
//!
//! Core's `Asset` is what every caller needs; these carry what only the store and the API
//! around it keep (whether the authorization endpoint decides or only advises, history rows).

use elements::Txid;
use tessera_core::{Amount, AssetUuid, Gaid, RegisteredUserId};

/// Changes to an asset's flags; `None` keeps the current value.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct AssetFlags {
    /// Freeze (`true`) or unfreeze all transfers.
    pub is_locked: Option<bool>,
    /// Published to the asset registry.
    pub is_registered: Option<bool>,
    /// Handled by the co-signer (`register-authorized`).
    pub is_authorized: Option<bool>,
}

/// What the issuer's authorization endpoint's answer does.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub enum AuthorizationMode {
    /// The endpoint decides (AMP's behaviour).
    #[default]
    Enforce,
    /// The endpoint is asked and its answer logged, but the category rules decide (to try
    /// an endpoint out before trusting it).
    Shadow,
}

impl AuthorizationMode {
    /// The stored text.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Enforce => "enforce",
            Self::Shadow => "shadow",
        }
    }

    /// The mode of stored text.
    pub fn from_name(text: &str) -> Option<Self> {
        match text {
            "enforce" => Some(Self::Enforce),
            "shadow" => Some(Self::Shadow),
            _ => None,
        }
    }
}

/// What happened in an activity (AMP's activity `type`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ActivityKind {
    /// The asset was issued.
    Issuance,
    /// More was created.
    Reissuance,
    /// A confirmed distribution paid a registered user.
    Distribution,
    /// Some was destroyed.
    Burn,
    /// A holder moved it.
    Transfer,
    /// Anything else worth recording (described in the description).
    Other,
}

impl ActivityKind {
    /// The stored (and AMP) name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Issuance => "issuance",
            Self::Reissuance => "reissuance",
            Self::Distribution => "distribution",
            Self::Burn => "burn",
            Self::Transfer => "transfer",
            Self::Other => "other",
        }
    }

    /// The kind of a stored name.
    pub fn from_name(text: &str) -> Option<Self> {
        [
            Self::Issuance,
            Self::Reissuance,
            Self::Distribution,
            Self::Burn,
            Self::Transfer,
            Self::Other,
        ]
        .into_iter()
        .find(|kind| kind.as_str() == text)
    }
}

/// An activity to record with [`AssetStore::add_activity`](crate::AssetStore::add_activity).
/// Issuances, reissuances, burns and distributions record their own when they are created
/// or confirmed; this is for the rest (transfers seen by the chain watcher).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewActivity {
    /// What happened.
    pub kind: ActivityKind,
    /// The transaction.
    pub txid: Txid,
    /// The output concerned, if one.
    pub vout: Option<u32>,
    /// The block height, once confirmed.
    pub height: Option<u32>,
    /// How much, in base units.
    pub amount: Amount,
    /// The managed account concerned, if any.
    pub gaid: Option<Gaid>,
    /// The registered user concerned, if any.
    pub registered_user: Option<RegisteredUserId>,
    /// Free text.
    pub description: String,
}

/// One entry of an asset's history.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Activity {
    /// Its id; ascending ids are the order things were recorded in.
    pub id: i64,
    /// The asset.
    pub asset: AssetUuid,
    /// What happened, where, and how much.
    pub activity: NewActivity,
    /// When it was recorded (unix seconds).
    pub created_at: i64,
}

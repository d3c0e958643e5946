//! Registered users (investors) of an issuer.
//!
//! A registered user may hold several GAIDs; one of them is the default that AMP reports
//! in the `GAID` field. Category membership is kept on the category side of the relation
//! but reported here too, as AMP does.

use crate::gaid::Gaid;
use crate::ids::{CategoryId, IssuerId, RegisteredUserId};
use crate::text::Name;

/// A registered user as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegisteredUser {
    /// Its id.
    pub id: RegisteredUserId,
    /// The issuer that created it (AMP's `creator`).
    pub issuer: IssuerId,
    /// Display name.
    pub name: Name,
    /// Whether this is a company rather than a person.
    pub is_company: bool,
    /// The default GAID, if any (AMP's `GAID`).
    pub default_gaid: Option<Gaid>,
    /// All GAIDs, oldest first.
    pub gaids: Vec<Gaid>,
    /// Categories it belongs to, ascending.
    pub categories: Vec<CategoryId>,
}

/// What is needed to create a registered user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewRegisteredUser {
    /// Display name.
    pub name: Name,
    /// Whether this is a company.
    pub is_company: bool,
    /// A first GAID, which becomes the default.
    pub gaid: Option<Gaid>,
}

//! Wire types of Tessera's HTTP API, shared by the server and the CLI.
//!
//! Field names follow Blockstream AMP (`../shared/amp-api.md`) so that AMP clients work
//! unchanged: that is why some fields are upper case (`GAID`). Request types refuse
//! unknown fields, so a typo is a 400 instead of a silently ignored value.

#![allow(non_snake_case)]

pub mod asset;
pub mod assignment;
pub mod auth;
pub mod base_units;
pub mod category;
pub mod error;
pub mod gaid;
pub mod general;
pub mod manager;
pub mod registered_user;
pub mod reports;
pub mod supply_ops;
pub mod transfers;
pub mod wallet;

pub use asset::*;
pub use assignment::*;
pub use auth::*;
pub use category::*;
pub use error::*;
pub use gaid::*;
pub use general::*;
pub use manager::*;
pub use registered_user::*;
pub use reports::*;
pub use supply_ops::*;
pub use transfers::*;
pub use wallet::*;

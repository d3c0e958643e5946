//! Conversions between domain types and wire types, and parsing of wire input.
//!
//! Parsing lives here so that each handler is one line of "parse, call, convert", and so
//! that each invalid value maps to one stable error code.

use crate::ApiError;
use tessera_api_types as api;
use tessera_core::{Category, CategoryDescription, CategoryId, Gaid, Name, RegisteredUser};

pub fn registered_user(u: RegisteredUser) -> api::RegisteredUser {
    api::RegisteredUser {
        id: u.id.0,
        GAID: u.default_gaid.map(String::from),
        is_company: u.is_company,
        name: u.name.into(),
        categories: u.categories.into_iter().map(|c| c.0).collect(),
        creator: u.issuer.0,
    }
}

pub fn category(c: Category) -> api::Category {
    api::Category {
        id: c.id.0,
        name: c.name.into(),
        description: c.description.into(),
        registered_users: c.registered_users.into_iter().map(|u| u.0).collect(),
        assets: c.assets.into_iter().map(|a| a.to_string()).collect(),
    }
}

pub fn gaid(text: &str) -> Result<Gaid, ApiError> {
    Gaid::parse(text).map_err(|e| ApiError::bad_request("invalid_gaid", e))
}

pub fn name(text: &str) -> Result<Name, ApiError> {
    Name::parse(text).map_err(|e| ApiError::bad_request("invalid_name", e))
}

pub fn description(text: &str) -> Result<CategoryDescription, ApiError> {
    CategoryDescription::parse(text).map_err(|e| ApiError::bad_request("invalid_description", e))
}

pub fn category_ids(ids: &[i64]) -> Vec<CategoryId> {
    ids.iter().copied().map(CategoryId).collect()
}

pub fn wallet_utxo(o: tessera_store::TrackedOutput) -> tessera_api_types::WalletUtxo {
    tessera_api_types::WalletUtxo {
        txid: o.txid,
        vout: o.vout,
        asset_id: o.asset_id,
        amount: o.amount,
        asset_blinder: o.asset_blinder,
        amount_blinder: o.amount_blinder,
        height: o.height,
    }
}

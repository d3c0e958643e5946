//! Conversions of assets and assignments to their AMP wire shapes.

use crate::ApiError;
use tessera_api_types as api;
use tessera_core::{Asset, Assignment, Gaid};

pub fn asset(a: &Asset, mode: &str) -> api::Asset {
    api::Asset {
        name: a.name.as_str().to_owned(),
        asset_uuid: a.uuid.to_string(),
        issuer: a.issuer.0,
        asset_id: a.asset_id.to_string(),
        reissuance_token_id: a.reissuance_token_id.map(|t| t.to_string()),
        requirements: a.requirements.iter().map(|c| c.0).collect(),
        ticker: Some(a.ticker.as_str().to_owned()),
        precision: a.precision.decimals(),
        domain: Some(a.domain.as_str().to_owned()),
        pubkey: Some(a.pubkey.to_hex()),
        is_registered: a.is_registered,
        is_authorized: a.is_authorized,
        is_locked: a.is_locked,
        issuer_authorization_endpoint: a
            .issuer_authorization_endpoint
            .as_ref()
            .map(|e| e.as_str().to_owned()),
        issuer_authorization_mode: mode.to_owned(),
        transfer_restricted: a.kind.is_transfer_restricted(),
        is_reissuable: a.is_reissuable,
    }
}

pub fn assignment(a: &Assignment, gaid: Option<&Gaid>, now: i64, creator: i64) -> api::Assignment {
    let vesting_datetime = a.vesting_timestamp.and_then(|t| {
        chrono::DateTime::from_timestamp(t, 0)
            .map(|d| d.to_rfc3339_opts(chrono::SecondsFormat::Secs, true))
    });
    api::Assignment {
        id: a.id.0,
        registered_user: a.registered_user.0,
        investor: a.registered_user.0,
        amount: a.amount.units(),
        receiving_address: None,
        distribution_uuid: a.state.distribution().map(|d| d.to_string()),
        ready_for_distribution: a.ready_for_distribution,
        vesting_datetime,
        vesting_timestamp: a.vesting_timestamp,
        has_vested: a.has_vested(now),
        is_distributed: a.state.is_distributed(),
        is_locked: a.is_locked,
        creator,
        GAID: gaid.map(|g| g.to_string()),
    }
}

pub fn uuid(text: &str) -> Result<tessera_core::AssetUuid, ApiError> {
    text.parse().map_err(|_| {
        ApiError::bad_request(
            "invalid_asset_uuid",
            format!("{text:?} is not an asset uuid"),
        )
    })
}

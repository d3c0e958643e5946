//! What an issuer reads about an asset: summary, holders, unspent outputs, registry entry.

use crate::extract::{ApiPath, ApiQuery, CurrentIssuer};
use crate::{convert_assets as ca, ApiError};
use axum::extract::State;
use axum::Json;
use serde::Deserialize;
use tessera_api_types::{
    AssetBalanceReport, AssetSummary, AssetUtxo, ErrorBody, LostOutputs, Ownership,
};
use tessera_app::assets::HolderLine;
use tessera_app::App;
use tessera_core::Amount;

type Result<T> = std::result::Result<T, ApiError>;

fn ownership(h: HolderLine) -> Ownership {
    Ownership {
        owner: h.owner,
        amount: h.amount,
        GAID: h.gaid.map(String::from),
    }
}

/// Supply totals and holder counts.
#[utoipa::path(get, path = "/api/assets/{uuid}/summary", tag = "assets", security(("token" = [])),
    params(("uuid" = String, Path)), responses((status = 200, body = AssetSummary), (status = 404, body = ErrorBody)))]
pub async fn summary(
    State(app): State<App>,
    CurrentIssuer(issuer): CurrentIssuer,
    ApiPath(uuid): ApiPath<String>,
) -> Result<Json<AssetSummary>> {
    let r = app.asset_report(issuer, ca::uuid(&uuid)?).await?;
    let s = r.supply;
    Ok(Json(AssetSummary {
        asset_id: r.asset.asset_id.to_string(),
        reissuance_token_id: r.asset.reissuance_token_id.map(|t| t.to_string()),
        issued: s.issued.units(),
        reissued: s.reissued.units(),
        assigned: s.assigned_undistributed.units(),
        distributed: s.distributed.units(),
        burned: s.burned.units(),
        blacklisted: r.blacklisted,
        registered_users: r.registered_users,
        active_registered_users: r.active_registered_users,
        active_green_subaccounts: r.active_accounts,
        reissuance_tokens: u64::from(r.asset.is_reissuable),
        circulation: s.circulation().map(Amount::units).unwrap_or(0),
        treasury_balance: r.treasury,
    }))
}

/// Holders and tracking health (the confirm tool requires `lost_outputs == []`).
#[utoipa::path(get, path = "/api/assets/{uuid}/balance", tag = "assets", security(("token" = [])),
    params(("uuid" = String, Path)), responses((status = 200, body = AssetBalanceReport), (status = 404, body = ErrorBody)))]
pub async fn balance(
    State(app): State<App>,
    CurrentIssuer(issuer): CurrentIssuer,
    ApiPath(uuid): ApiPath<String>,
) -> Result<Json<AssetBalanceReport>> {
    let holders = app.holders(issuer, ca::uuid(&uuid)?, None).await?;
    Ok(Json(AssetBalanceReport {
        confirmed_balance: holders.into_iter().map(ownership).collect(),
        lost_outputs: Vec::new(),
        reissuance_lost_outputs: Vec::new(),
    }))
}

/// Outputs the platform can no longer follow (none: every managed output is followed by
/// the chain watcher, and the treasury is the issuer's own wallet).
#[utoipa::path(get, path = "/api/assets/{uuid}/lost-outputs", tag = "assets", security(("token" = [])),
    params(("uuid" = String, Path)), responses((status = 200, body = LostOutputs), (status = 404, body = ErrorBody)))]
pub async fn lost_outputs(
    State(app): State<App>,
    CurrentIssuer(issuer): CurrentIssuer,
    ApiPath(uuid): ApiPath<String>,
) -> Result<Json<LostOutputs>> {
    app.asset(issuer, ca::uuid(&uuid)?).await?;
    Ok(Json(LostOutputs {
        lost_outputs: Vec::new(),
        reissuance_lost_outputs: Vec::new(),
    }))
}

/// Query of `ownerships`: a past block height or time (RFC 3339 or unix seconds).
#[derive(Debug, Deserialize, utoipa::IntoParams)]
pub struct AtQuery {
    /// Block height.
    pub height: Option<u32>,
    /// Time: RFC 3339 or unix seconds.
    pub time: Option<String>,
}

/// Holders now, or at the end of a past block (`?height=H`, `?time=T`).
#[utoipa::path(get, path = "/api/assets/{uuid}/ownerships", tag = "assets", security(("token" = [])),
    params(("uuid" = String, Path), AtQuery), responses((status = 200, body = Vec<tessera_api_types::OwnershipEntry>), (status = 404, body = ErrorBody)))]
pub async fn ownerships(
    State(app): State<App>,
    CurrentIssuer(issuer): CurrentIssuer,
    ApiPath(uuid): ApiPath<String>,
    ApiQuery(at): ApiQuery<AtQuery>,
) -> Result<Json<Vec<tessera_api_types::OwnershipEntry>>> {
    let height = match (at.height, at.time.as_deref()) {
        (Some(h), None) => Some(h),
        (None, Some(t)) => Some(app.height_at_time(parse_time(t)?).await?.unwrap_or(0)),
        (None, None) => None,
        (Some(_), Some(_)) => {
            return Err(ApiError::bad_request(
                "invalid_query",
                "give height or time, not both",
            ))
        }
    };
    let snapshot = app
        .ownership_snapshot(issuer, ca::uuid(&uuid)?, height)
        .await?;
    Ok(Json(super::reports::ownership_entries(snapshot)))
}

/// Holders at the end of block `height` (AMP path form).
#[utoipa::path(get, path = "/api/assets/{uuid}/ownerships/{height}", tag = "assets", security(("token" = [])),
    params(("uuid" = String, Path), ("height" = u32, Path)), responses((status = 200, body = Vec<tessera_api_types::OwnershipEntry>), (status = 404, body = ErrorBody)))]
pub async fn ownerships_at(
    State(app): State<App>,
    CurrentIssuer(issuer): CurrentIssuer,
    ApiPath((uuid, height)): ApiPath<(String, u32)>,
) -> Result<Json<Vec<tessera_api_types::OwnershipEntry>>> {
    let snapshot = app
        .ownership_snapshot(issuer, ca::uuid(&uuid)?, Some(height))
        .await?;
    Ok(Json(super::reports::ownership_entries(snapshot)))
}

fn parse_time(text: &str) -> Result<i64> {
    if let Ok(unix) = text.parse::<i64>() {
        return Ok(unix);
    }
    chrono::DateTime::parse_from_rfc3339(text)
        .map(|d| d.timestamp())
        .map_err(|_| {
            ApiError::bad_request(
                "invalid_time",
                format!("time {text:?} is neither RFC 3339 nor unix seconds"),
            )
        })
}

/// Unspent outputs of the asset held by managed accounts, with their lock state.
#[utoipa::path(get, path = "/api/assets/{uuid}/utxos", tag = "assets", security(("token" = [])),
    params(("uuid" = String, Path)), responses((status = 200, body = Vec<AssetUtxo>), (status = 404, body = ErrorBody)))]
pub async fn utxos(
    State(app): State<App>,
    CurrentIssuer(issuer): CurrentIssuer,
    ApiPath(uuid): ApiPath<String>,
) -> Result<Json<Vec<AssetUtxo>>> {
    let outputs = app.asset_outputs(issuer, ca::uuid(&uuid)?).await?;
    Ok(Json(utxo_lines(&app, issuer, outputs).await?))
}

/// Outputs in AMP's UTXO shape, their holders' registered users read with one query.
pub(crate) async fn utxo_lines(
    app: &App,
    issuer: tessera_core::IssuerId,
    outputs: Vec<(tessera_store::TrackedOutput, bool)>,
) -> Result<Vec<AssetUtxo>> {
    let users: std::collections::HashMap<tessera_core::Gaid, i64> = app
        .registered_users(issuer)
        .await?
        .into_iter()
        .flat_map(|u| u.gaids.into_iter().map(move |g| (g, u.id.0)))
        .collect();
    let user_of = |gaid: &tessera_core::Gaid| users.get(gaid).copied();
    Ok(outputs
        .into_iter()
        .map(|(o, blacklisted)| {
            let gaid = match &o.owner {
                tessera_store::OwnerRef::Account { gaid, .. } => Some(gaid.clone()),
                _ => None,
            };
            let registered_user = gaid.as_ref().and_then(user_of);
            AssetUtxo {
                txid: o.txid,
                vout: o.vout,
                amount: o.amount,
                gaid: gaid.map(String::from),
                registered_user,
                investor: registered_user,
                blacklisted,
                asset: o.asset_id,
            }
        })
        .collect())
}

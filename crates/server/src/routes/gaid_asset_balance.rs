//! `GET /api/gaids/{gaid}/balance/{assetUuid}`: one managed account's balance in one of
//! the issuer's assets (zero when it holds none), from the ownership ledger.

use crate::extract::{ApiPath, CurrentIssuer};
use crate::{convert, convert_assets as ca, ApiError};
use axum::extract::State;
use axum::Json;
use tessera_api_types::{AssetBalance, ErrorBody};
use tessera_app::App;

/// Balance of a GAID in one asset of this issuer.
#[utoipa::path(get, path = "/api/gaids/{gaid}/balance/{uuid}", tag = "gaids", security(("token" = [])),
    params(("gaid" = String, Path), ("uuid" = String, Path)),
    responses((status = 200, body = AssetBalance), (status = 400, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn balance_in_asset(
    State(app): State<App>,
    CurrentIssuer(issuer): CurrentIssuer,
    ApiPath((gaid, uuid)): ApiPath<(String, String)>,
) -> Result<Json<AssetBalance>, ApiError> {
    let gaid = convert::gaid(&gaid)?;
    let asset = app.asset(issuer, ca::uuid(&uuid)?).await?;
    let asset_id = asset.asset_id.to_string();
    let balances = app.gaid_balances_for_issuer(issuer, &gaid).await?;
    let balance = balances
        .into_iter()
        .find(|b| b.1 == asset_id)
        .map_or(0, |b| b.2);
    Ok(Json(AssetBalance {
        asset_uuid: Some(asset.uuid.to_string()),
        asset_id,
        balance,
    }))
}

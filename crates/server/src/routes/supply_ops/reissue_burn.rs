//! Reissue and burn requests and confirmations, their histories, and `update-blinders`
//! (AMP §2.2, §3.1, §3.3, §3.4, §3.6, §3.7).

use super::{wire, BaseUrl};
use crate::convert_assets::uuid;
use crate::extract::{ApiJson, ApiObject, ApiPath, CurrentIssuer};
use crate::ApiError;
use axum::extract::State;
use axum::Json;
use tessera_api_types as api;
use tessera_api_types::ErrorBody;
use tessera_app::App;

type Result<T> = std::result::Result<T, ApiError>;

/// Records a reissuance request; answers the file for `tessera confirm reissue`.
#[utoipa::path(post, path = "/api/assets/{uuid}/reissue-request", tag = "assets",
    security(("token" = [])), request_body = api::ReissueRequest, params(("uuid" = String, Path)),
    responses((status = 200, body = api::ReissueFile), (status = 400, body = ErrorBody),
        (status = 404, body = ErrorBody)))]
pub async fn reissue_request(
    State(app): State<App>,
    CurrentIssuer(issuer): CurrentIssuer,
    BaseUrl(base_url): BaseUrl,
    ApiPath(asset): ApiPath<String>,
    ApiObject(body): ApiObject<api::ReissueRequest>,
) -> Result<Json<api::ReissueFile>> {
    let (asset, request, tokens) = app
        .request_reissuance(issuer, uuid(&asset)?, body.amount_to_reissue)
        .await?;
    Ok(Json(wire::reissue_file(
        &asset, &request, &tokens, base_url,
    )))
}

/// Confirms a reissuance after checking it on the server's node. Idempotent.
#[utoipa::path(post, path = "/api/assets/{uuid}/reissue-confirm", tag = "assets",
    security(("token" = [])), request_body = api::ReissueConfirm, params(("uuid" = String, Path)),
    responses((status = 200, body = api::Reissuance), (status = 400, body = ErrorBody),
        (status = 404, body = ErrorBody)))]
pub async fn reissue_confirm(
    State(app): State<App>,
    CurrentIssuer(issuer): CurrentIssuer,
    ApiPath(asset): ApiPath<String>,
    ApiJson(body): ApiJson<api::ReissueConfirm>,
) -> Result<Json<api::Reissuance>> {
    let report = wire::reissuance_report(&body)?;
    let uuid = uuid(&asset)?;
    app.confirm_reissuance(issuer, uuid, &report).await?;
    let lines = app.reissuance_lines(issuer, uuid).await?;
    let done = lines
        .iter()
        .find(|l| l.confirmed.txid == report.txid)
        .ok_or_else(|| ApiError::Internal(format!("reissuance {} not listed", report.txid)))?;
    Ok(Json(wire::reissuance(done)))
}

/// The asset's reissuances (confirmed ones carry their transaction), oldest first.
#[utoipa::path(get, path = "/api/assets/{uuid}/reissuances", tag = "assets",
    security(("token" = [])), params(("uuid" = String, Path)),
    responses((status = 200, body = Vec<api::Reissuance>), (status = 404, body = ErrorBody)))]
pub async fn reissuances(
    State(app): State<App>,
    CurrentIssuer(issuer): CurrentIssuer,
    ApiPath(asset): ApiPath<String>,
) -> Result<Json<Vec<api::Reissuance>>> {
    let lines = app.reissuance_lines(issuer, uuid(&asset)?).await?;
    Ok(Json(lines.iter().map(wire::reissuance).collect()))
}

/// Extension: the asset's reissuance requests not confirmed yet, oldest first.
#[utoipa::path(get, path = "/api/assets/{uuid}/reissuance-requests", tag = "assets",
    security(("token" = [])), params(("uuid" = String, Path)),
    responses((status = 200, body = Vec<api::OpenReissuance>), (status = 404, body = ErrorBody)))]
pub async fn reissuance_requests(
    State(app): State<App>,
    CurrentIssuer(issuer): CurrentIssuer,
    ApiPath(asset): ApiPath<String>,
) -> Result<Json<Vec<api::OpenReissuance>>> {
    let all = app.reissuances(issuer, uuid(&asset)?).await?;
    Ok(Json(
        all.iter()
            .filter(|r| r.confirmed.is_none())
            .map(|r| api::OpenReissuance {
                reissuance_amount: r.amount.units(),
                created: wire::datetime(r.created_at).unwrap_or_default(),
            })
            .collect(),
    ))
}

/// Records a burn request; answers the file for `tessera confirm burn`.
#[utoipa::path(post, path = "/api/assets/{uuid}/burn-request", tag = "assets",
    security(("token" = [])), request_body = api::BurnRequest, params(("uuid" = String, Path)),
    responses((status = 200, body = api::BurnFile), (status = 400, body = ErrorBody),
        (status = 404, body = ErrorBody)))]
pub async fn burn_request(
    State(app): State<App>,
    CurrentIssuer(issuer): CurrentIssuer,
    BaseUrl(base_url): BaseUrl,
    ApiPath(asset): ApiPath<String>,
    ApiObject(body): ApiObject<api::BurnRequest>,
) -> Result<Json<api::BurnFile>> {
    let (asset, request, outputs) = app.request_burn(issuer, uuid(&asset)?, body.amount).await?;
    Ok(Json(wire::burn_file(&asset, &request, &outputs, base_url)))
}

/// Confirms a burn after checking it on the server's node. Idempotent.
#[utoipa::path(post, path = "/api/assets/{uuid}/burn-confirm", tag = "assets",
    security(("token" = [])), request_body = api::BurnConfirm, params(("uuid" = String, Path)),
    responses((status = 200, body = api::Burn), (status = 400, body = ErrorBody),
        (status = 404, body = ErrorBody)))]
pub async fn burn_confirm(
    State(app): State<App>,
    CurrentIssuer(issuer): CurrentIssuer,
    ApiPath(asset): ApiPath<String>,
    ApiJson(body): ApiJson<api::BurnConfirm>,
) -> Result<Json<api::Burn>> {
    let report = wire::burn_report(&body)?;
    let done = app.confirm_burn(issuer, uuid(&asset)?, &report).await?;
    Ok(Json(wire::burn(&done)))
}

/// Extension: the asset's burns, oldest first.
#[utoipa::path(get, path = "/api/assets/{uuid}/burns", tag = "assets",
    security(("token" = [])), params(("uuid" = String, Path)),
    responses((status = 200, body = Vec<api::Burn>), (status = 404, body = ErrorBody)))]
pub async fn burns(
    State(app): State<App>,
    CurrentIssuer(issuer): CurrentIssuer,
    ApiPath(asset): ApiPath<String>,
) -> Result<Json<Vec<api::Burn>>> {
    let all = app.burns(issuer, uuid(&asset)?).await?;
    Ok(Json(all.iter().map(wire::burn).collect()))
}

/// Stores the blinders of one issuance output (checked against its commitment).
/// Idempotent.
#[utoipa::path(post, path = "/api/assets/{uuid}/update-blinders", tag = "assets",
    security(("token" = [])), request_body = api::UpdateBlinders, params(("uuid" = String, Path)),
    responses((status = 200, body = api::BlindersUpdated), (status = 400, body = ErrorBody),
        (status = 404, body = ErrorBody)))]
pub async fn update_blinders(
    State(app): State<App>,
    CurrentIssuer(issuer): CurrentIssuer,
    ApiPath(asset): ApiPath<String>,
    ApiObject(body): ApiObject<api::UpdateBlinders>,
) -> Result<Json<api::BlindersUpdated>> {
    let txid = wire::txid(&body.txid)?;
    app.update_blinders(
        issuer,
        uuid(&asset)?,
        txid,
        body.vout,
        &body.asset_blinder,
        &body.amount_blinder,
    )
    .await?;
    Ok(Json(api::BlindersUpdated {
        txid: body.txid,
        vout: body.vout,
        asset_blinder: body.asset_blinder,
        amount_blinder: body.amount_blinder,
    }))
}

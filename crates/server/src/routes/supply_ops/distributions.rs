//! `distributions/create`, the distribution list, cancel and confirm (AMP §2.3, §3.2, §3.5).

use super::{wire, BaseUrl};
use crate::convert_assets::uuid;
use crate::extract::{ApiJson, ApiPath, CurrentIssuer};
use crate::ApiError;
use axum::extract::State;
use axum::Json;
use tessera_api_types::{Distribution, DistributionConfirm, DistributionFile, ErrorBody};
use tessera_app::App;
use tessera_core::DistributionUuid;

type Result<T> = std::result::Result<T, ApiError>;

fn distribution_uuid(text: &str) -> Result<DistributionUuid> {
    text.parse::<uuid::Uuid>()
        .map(DistributionUuid)
        .map_err(|_| ApiError::NotFound {
            code: "distribution_not_found",
            message: format!("distribution {text} not found"),
        })
}

/// Creates a distribution of every ready assignment and returns the file to pay it with
/// (`tessera confirm distribute -f FILE`). GET and POST alike, as AMP clients use both.
#[utoipa::path(get, path = "/api/assets/{uuid}/distributions/create", tag = "distributions",
    security(("token" = [])), params(("uuid" = String, Path)),
    responses((status = 200, body = DistributionFile), (status = 400, body = ErrorBody),
        (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)))]
pub async fn create(
    State(app): State<App>,
    CurrentIssuer(issuer): CurrentIssuer,
    BaseUrl(base_url): BaseUrl,
    ApiPath(asset): ApiPath<String>,
) -> Result<Json<DistributionFile>> {
    let (asset, created) = app.create_distribution(issuer, uuid(&asset)?).await?;
    Ok(Json(wire::distribution_file(&asset, &created, base_url)))
}

/// Every distribution of the asset, unconfirmed ones included, oldest first.
#[utoipa::path(get, path = "/api/assets/{uuid}/distributions", tag = "distributions",
    security(("token" = [])), params(("uuid" = String, Path)),
    responses((status = 200, body = Vec<Distribution>), (status = 404, body = ErrorBody)))]
pub async fn list(
    State(app): State<App>,
    CurrentIssuer(issuer): CurrentIssuer,
    ApiPath(asset): ApiPath<String>,
) -> Result<Json<Vec<Distribution>>> {
    let all = app.distributions(issuer, uuid(&asset)?).await?;
    Ok(Json(all.iter().map(wire::distribution).collect()))
}

/// One distribution.
#[utoipa::path(get, path = "/api/assets/{uuid}/distributions/{distribution_uuid}",
    tag = "distributions", security(("token" = [])),
    params(("uuid" = String, Path), ("distribution_uuid" = String, Path)),
    responses((status = 200, body = Distribution), (status = 404, body = ErrorBody)))]
pub async fn get_one(
    State(app): State<App>,
    CurrentIssuer(issuer): CurrentIssuer,
    ApiPath((asset, duuid)): ApiPath<(String, String)>,
) -> Result<Json<Distribution>> {
    let d = app
        .distribution(issuer, uuid(&asset)?, distribution_uuid(&duuid)?)
        .await?;
    Ok(Json(wire::distribution(&d)))
}

/// Cancels an unconfirmed distribution; its assignments can be distributed again.
#[utoipa::path(delete, path = "/api/assets/{uuid}/distributions/{distribution_uuid}/cancel",
    tag = "distributions", security(("token" = [])),
    params(("uuid" = String, Path), ("distribution_uuid" = String, Path)),
    responses((status = 200, body = Distribution), (status = 404, body = ErrorBody),
        (status = 409, body = ErrorBody)))]
pub async fn cancel(
    State(app): State<App>,
    CurrentIssuer(issuer): CurrentIssuer,
    ApiPath((asset, duuid)): ApiPath<(String, String)>,
) -> Result<Json<Distribution>> {
    let d = app
        .cancel_distribution(issuer, uuid(&asset)?, distribution_uuid(&duuid)?)
        .await?;
    Ok(Json(wire::distribution(&d)))
}

/// Confirms a distribution once the server's node shows its transaction paying every
/// output exactly, with 2 confirmations. Idempotent.
#[utoipa::path(post, path = "/api/assets/{uuid}/distributions/{distribution_uuid}/confirm",
    tag = "distributions", security(("token" = [])), request_body = DistributionConfirm,
    params(("uuid" = String, Path), ("distribution_uuid" = String, Path)),
    responses((status = 200, body = Distribution), (status = 400, body = ErrorBody),
        (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)))]
pub async fn confirm(
    State(app): State<App>,
    CurrentIssuer(issuer): CurrentIssuer,
    ApiPath((asset, duuid)): ApiPath<(String, String)>,
    ApiJson(body): ApiJson<DistributionConfirm>,
) -> Result<Json<Distribution>> {
    let report = wire::distribution_report(&body)?;
    let d = app
        .confirm_distribution(issuer, uuid(&asset)?, distribution_uuid(&duuid)?, &report)
        .await?;
    Ok(Json(wire::distribution(&d)))
}

//! `distributions/create`, the distribution list, cancel and confirm (AMP §2.3, §3.2, §3.5).

use super::{wire, BaseUrl};
use crate::convert_assets::uuid;
use crate::extract::{ApiJson, ApiPath, ApiQuery, CurrentIssuer};
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
        (status = 404, body = ErrorBody)))]
pub async fn create(
    State(app): State<App>,
    CurrentIssuer(issuer): CurrentIssuer,
    BaseUrl(base_url): BaseUrl,
    ApiPath(asset): ApiPath<String>,
) -> Result<Json<DistributionFile>> {
    let (asset, created) = app.create_distribution(issuer, uuid(&asset)?).await?;
    Ok(Json(wire::distribution_file(&asset, &created, base_url)))
}

/// Whether cancelled distributions are shown (extension: AMP forgets them, and its
/// clients know only `UNCONFIRMED` and `CONFIRMED`).
#[derive(Debug, Default, serde::Deserialize, utoipa::IntoParams)]
pub struct CancelledQuery {
    /// `true` to include cancelled distributions (status `CANCELLED`); default `false`.
    pub include_cancelled: Option<bool>,
}

impl CancelledQuery {
    fn shows(&self, d: &tessera_store::Distribution) -> bool {
        self.include_cancelled.unwrap_or(false)
            || !matches!(d.state, tessera_core::DistributionState::Cancelled)
    }
}

/// The asset's distributions, unconfirmed ones included, oldest first; cancelled ones
/// only with `?include_cancelled=true`.
#[utoipa::path(get, path = "/api/assets/{uuid}/distributions", tag = "distributions",
    security(("token" = [])), params(("uuid" = String, Path), CancelledQuery),
    responses((status = 200, body = Vec<Distribution>), (status = 400, body = ErrorBody),
        (status = 404, body = ErrorBody)))]
pub async fn list(
    State(app): State<App>,
    CurrentIssuer(issuer): CurrentIssuer,
    ApiPath(asset): ApiPath<String>,
    ApiQuery(cancelled): ApiQuery<CancelledQuery>,
) -> Result<Json<Vec<Distribution>>> {
    let all = app.distributions(issuer, uuid(&asset)?).await?;
    let shown = all.iter().filter(|d| cancelled.shows(d));
    Ok(Json(shown.map(wire::distribution).collect()))
}

/// One distribution (a cancelled one is not found, unless `?include_cancelled=true`).
#[utoipa::path(get, path = "/api/assets/{uuid}/distributions/{distribution_uuid}",
    tag = "distributions", security(("token" = [])),
    params(("uuid" = String, Path), ("distribution_uuid" = String, Path), CancelledQuery),
    responses((status = 200, body = Distribution), (status = 400, body = ErrorBody),
        (status = 404, body = ErrorBody)))]
pub async fn get_one(
    State(app): State<App>,
    CurrentIssuer(issuer): CurrentIssuer,
    ApiPath((asset, duuid)): ApiPath<(String, String)>,
    ApiQuery(cancelled): ApiQuery<CancelledQuery>,
) -> Result<Json<Distribution>> {
    let d = app
        .distribution(issuer, uuid(&asset)?, distribution_uuid(&duuid)?)
        .await?;
    if !cancelled.shows(&d) {
        return Err(ApiError::NotFound {
            code: "distribution_not_found",
            message: format!("distribution {duuid} was cancelled"),
        });
    }
    Ok(Json(wire::distribution(&d)))
}

/// Cancels an unconfirmed distribution; its assignments can be distributed again.
#[utoipa::path(delete, path = "/api/assets/{uuid}/distributions/{distribution_uuid}/cancel",
    tag = "distributions", security(("token" = [])),
    params(("uuid" = String, Path), ("distribution_uuid" = String, Path)),
    responses((status = 200, body = Distribution), (status = 404, body = ErrorBody),
        (status = 400, body = ErrorBody)))]
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
        (status = 404, body = ErrorBody)))]
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

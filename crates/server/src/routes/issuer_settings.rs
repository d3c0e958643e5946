//! The issuer's own settings (extension): where vesting notices go and how early.

use crate::extract::{ApiObject, CurrentIssuer};
use crate::ApiError;
use axum::extract::State;
use axum::Json;
use tessera_api_types::{ErrorBody, IssuerSettings};
use tessera_app::App;

type Result<T> = std::result::Result<T, ApiError>;

fn wire(s: tessera_store::IssuerSettings) -> IssuerSettings {
    IssuerSettings {
        email: s.email,
        notice_days: s.notice_days,
    }
}

/// The issuer's settings (`notice_days` is 3 until set).
#[utoipa::path(get, path = "/api/user/settings", tag = "user", security(("token" = [])),
    responses((status = 200, body = IssuerSettings), (status = 401, body = ErrorBody)))]
pub async fn get(
    State(app): State<App>,
    CurrentIssuer(issuer): CurrentIssuer,
) -> Result<Json<IssuerSettings>> {
    Ok(Json(wire(app.issuer_settings(issuer).await?)))
}

/// Replaces the issuer's settings; `email: null` stops vesting notices.
#[utoipa::path(put, path = "/api/user/settings", tag = "user", security(("token" = [])),
    request_body = IssuerSettings,
    responses((status = 200, body = IssuerSettings), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody)))]
pub async fn put(
    State(app): State<App>,
    CurrentIssuer(issuer): CurrentIssuer,
    ApiObject(body): ApiObject<IssuerSettings>,
) -> Result<Json<IssuerSettings>> {
    let settings = tessera_store::IssuerSettings {
        email: body.email.map(|e| e.trim().to_owned()),
        notice_days: body.notice_days,
    };
    Ok(Json(wire(app.set_issuer_settings(issuer, settings).await?)))
}

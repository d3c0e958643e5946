//! GAID validation and reverse lookup (AMP §2.4, §5).

use crate::convert;
use crate::extract::{ApiPath, CurrentIssuer};
use crate::ApiError;
use axum::extract::State;
use axum::Json;
use tessera_api_types::{ErrorBody, GaidValidation, RegisteredUser};
use tessera_app::{App, GaidCheck};
use tessera_core::Gaid;

/// Whether a GAID is well formed and a managed account of this server. Always 200: the
/// verdict is in the body.
#[utoipa::path(get, path = "/api/gaids/{gaid}/validate", tag = "gaids", security(("token" = [])),
    params(("gaid" = String, Path)),
    responses((status = 200, body = GaidValidation), (status = 401, body = ErrorBody)))]
pub async fn validate(
    State(app): State<App>,
    CurrentIssuer(_issuer): CurrentIssuer,
    ApiPath(text): ApiPath<String>,
) -> Result<Json<GaidValidation>, ApiError> {
    let verdict = match Gaid::parse(&text) {
        Err(e) => GaidValidation {
            is_valid: false,
            error: e.to_string(),
        },
        Ok(gaid) => match app.check_gaid(&gaid).await? {
            GaidCheck::Known => GaidValidation {
                is_valid: true,
                error: String::new(),
            },
            GaidCheck::Unknown => GaidValidation {
                is_valid: false,
                error: format!("GAID {gaid} is not a managed account of this server"),
            },
        },
    };
    Ok(Json(verdict))
}

/// The registered user holding a GAID.
#[utoipa::path(get, path = "/api/gaids/{gaid}/registered_user", tag = "gaids", security(("token" = [])),
    params(("gaid" = String, Path)),
    responses((status = 200, body = RegisteredUser), (status = 400, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn registered_user(
    State(app): State<App>,
    CurrentIssuer(issuer): CurrentIssuer,
    ApiPath(text): ApiPath<String>,
) -> Result<Json<RegisteredUser>, ApiError> {
    let gaid = convert::gaid(&text)?;
    let user = app.registered_user_by_gaid(issuer, &gaid).await?;
    Ok(Json(convert::registered_user(user)))
}

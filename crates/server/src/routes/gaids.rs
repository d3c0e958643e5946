//! GAID validation and reverse lookup (AMP §2.4, §5).

use crate::convert;
use crate::extract::{ApiPath, CurrentIssuer};
use crate::ApiError;
use axum::extract::State;
use axum::Json;
use tessera_api_types::{AddressResponse, AssetBalance, ErrorBody, GaidValidation, RegisteredUser};
use tessera_app::{App, GaidCheck};
use tessera_core::{AddressChain, Gaid};

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

/// A fresh receiving address of the managed account (AMP: `{"address"}`), only for a GAID
/// registered to one of the caller's users: anything else is 404 `gaid_not_registered`
/// and derives (and stores) nothing, so no issuer can make other accounts' addresses.
#[utoipa::path(get, path = "/api/gaids/{gaid}/address", tag = "gaids", security(("token" = [])),
    params(("gaid" = String, Path)),
    responses((status = 200, body = AddressResponse), (status = 400, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn address(
    State(app): State<App>,
    CurrentIssuer(issuer): CurrentIssuer,
    ApiPath(text): ApiPath<String>,
) -> Result<Json<AddressResponse>, ApiError> {
    let gaid = convert::gaid(&text)?;
    app.registered_user_by_gaid(issuer, &gaid).await?;
    let account = app.account_by_gaid(&gaid).await?;
    let a = app.next_address(&account, AddressChain::External).await?;
    Ok(Json(AddressResponse {
        address: a.address,
        index: a.index,
    }))
}

/// Balances of a GAID in this issuer's assets (empty until the issuer has assets).
#[utoipa::path(get, path = "/api/gaids/{gaid}/balance", tag = "gaids", security(("token" = [])),
    params(("gaid" = String, Path)),
    responses((status = 200, body = Vec<AssetBalance>), (status = 400, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn balance(
    State(app): State<App>,
    CurrentIssuer(issuer): CurrentIssuer,
    ApiPath(text): ApiPath<String>,
) -> Result<Json<Vec<AssetBalance>>, ApiError> {
    let gaid = convert::gaid(&text)?;
    let balances = app.gaid_balances_for_issuer(issuer, &gaid).await?;
    Ok(Json(
        balances
            .into_iter()
            .map(|b| AssetBalance {
                asset_uuid: Some(b.0.to_string()),
                asset_id: b.1,
                balance: b.2,
            })
            .collect(),
    ))
}

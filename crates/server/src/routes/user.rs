//! Login, token refresh and password change (AMP §1).

use crate::extract::{ApiObject, BearerToken, ClientAddr, CurrentIssuer, JsonOrForm};
use crate::ApiError;
use axum::extract::State;
use axum::Json;
use tessera_api_types::{
    ChangePassword, ChangePasswordResponse, ErrorBody, ObtainToken, TokenResponse,
};
use tessera_app::{App, Password};

/// Log in and obtain a token. Throttled per client address and per username (429 with
/// `Retry-After`).
#[utoipa::path(post, path = "/api/user/obtain_token", tag = "user", request_body = ObtainToken,
    responses((status = 200, body = TokenResponse), (status = 400, body = ErrorBody),
        (status = 429, body = ErrorBody, description = "too many attempts; see Retry-After")))]
pub async fn obtain_token(
    State(app): State<App>,
    ClientAddr(client): ClientAddr,
    JsonOrForm(body): JsonOrForm<ObtainToken>,
) -> Result<Json<TokenResponse>, ApiError> {
    let token = app
        .obtain_token(client, &body.username, &Password::new(body.password))
        .await
        .map_err(|e| ApiError::from(e).login_refused())?;
    Ok(Json(TokenResponse {
        token: token.reveal().to_owned(),
    }))
}

/// Replace the current token by a new one (also `/api/user/refresh_token`).
#[utoipa::path(post, path = "/api/user/refresh-token", tag = "user", security(("token" = [])),
    responses((status = 200, body = TokenResponse), (status = 401, body = ErrorBody)))]
pub async fn refresh_token(
    State(app): State<App>,
    BearerToken(token): BearerToken,
) -> Result<Json<TokenResponse>, ApiError> {
    let fresh = app.refresh_token(&token).await?;
    Ok(Json(TokenResponse {
        token: fresh.reveal().to_owned(),
    }))
}

/// Change the password, proving the current one; every earlier token is revoked (also
/// `/api/user/change_password`).
#[utoipa::path(post, path = "/api/user/change-password", tag = "user", security(("token" = [])),
    request_body = ChangePassword,
    responses((status = 200, body = ChangePasswordResponse), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody),
        (status = 429, body = ErrorBody, description = "too many attempts; see Retry-After")))]
pub async fn change_password(
    State(app): State<App>,
    ClientAddr(client): ClientAddr,
    CurrentIssuer(issuer): CurrentIssuer,
    ApiObject(body): ApiObject<ChangePassword>,
) -> Result<Json<ChangePasswordResponse>, ApiError> {
    let current = Password::new(body.current_password);
    let (account, token) = app
        .change_password(client, issuer, &current, &Password::new(body.password))
        .await?;
    Ok(Json(ChangePasswordResponse {
        username: account.username.into(),
        password: "********".to_owned(),
        token: token.reveal().to_owned(),
    }))
}

//! Request extractors that turn every malformed request into a JSON [`ApiError`].
//!
//! axum's own extractors answer plain text with 415/422; AMP clients and our contract
//! expect a JSON body with a machine code and a 400.

use crate::ApiError;
use axum::extract::rejection::{JsonRejection, PathRejection};
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::header::{AUTHORIZATION, CONTENT_TYPE};
use axum::http::request::Parts;
use serde::de::DeserializeOwned;
use tessera_app::{Actor, App, Token};
use tessera_core::IssuerId;

/// A JSON body, with JSON errors.
pub struct ApiJson<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for ApiJson<T> {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        match axum::Json::<T>::from_request(req, state).await {
            Ok(axum::Json(value)) => Ok(Self(value)),
            Err(rejection) => Err(json_rejection(rejection)),
        }
    }
}

fn json_rejection(rejection: JsonRejection) -> ApiError {
    match rejection {
        JsonRejection::MissingJsonContentType(_) => ApiError::bad_request(
            "unsupported_content_type",
            "send the body as JSON with `Content-Type: application/json`",
        ),
        JsonRejection::JsonSyntaxError(e) => ApiError::bad_request(
            "malformed_json",
            format!("malformed JSON: {}", e.body_text()),
        ),
        JsonRejection::JsonDataError(e) => {
            ApiError::bad_request("invalid_body", format!("invalid body: {}", e.body_text()))
        }
        JsonRejection::BytesRejection(e)
            if e.status() == axum::http::StatusCode::PAYLOAD_TOO_LARGE =>
        {
            ApiError::PayloadTooLarge
        }
        other => ApiError::bad_request("invalid_body", other.body_text()),
    }
}

/// A JSON object body: like [`ApiJson`], but arrays and scalars are refused (serde would
/// otherwise accept `["Bob"]` as a struct in sequence form).
pub struct ApiObject<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for ApiObject<T> {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let ApiJson(value) = ApiJson::<serde_json::Value>::from_request(req, state).await?;
        if !value.is_object() {
            return Err(ApiError::bad_request(
                "invalid_body",
                "invalid body: expected a JSON object",
            ));
        }
        serde_json::from_value(value)
            .map(Self)
            .map_err(|e| ApiError::bad_request("invalid_body", format!("invalid body: {e}")))
    }
}

/// Path parameters, with JSON errors.
pub struct ApiPath<T>(pub T);

impl<T: DeserializeOwned + Send, S: Send + Sync> FromRequestParts<S> for ApiPath<T> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        match axum::extract::Path::<T>::from_request_parts(parts, state).await {
            Ok(axum::extract::Path(value)) => Ok(Self(value)),
            Err(PathRejection::FailedToDeserializePathParams(e)) => Err(ApiError::bad_request(
                "invalid_path",
                format!("invalid path parameter: {}", e.body_text()),
            )),
            Err(other) => Err(ApiError::Internal(other.body_text())),
        }
    }
}

/// Query parameters, with JSON errors (axum's `Query` answers plain text).
pub struct ApiQuery<T>(pub T);

impl<T: DeserializeOwned + Send, S: Send + Sync> FromRequestParts<S> for ApiQuery<T> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        let query = parts.uri.query().unwrap_or_default();
        serde_urlencoded::from_str(query).map(Self).map_err(|e| {
            ApiError::bad_request("invalid_query", format!("invalid query parameter: {e}"))
        })
    }
}

/// The issuer whose data the call works on, from `Authorization: token <token>`: the
/// issuer itself, or the issuer of a manager that [`manager_policy`](crate::manager_policy)
/// allowed to make this call (see [`CurrentActor`]).
pub struct CurrentIssuer(pub IssuerId);

/// Who makes the call (issuer or manager), for the few handlers that show a manager
/// less (`GET /api/assets`, `GET /api/managers/me`). Resolving it applies the manager
/// policy once per request; the result is kept in the request's extensions.
pub struct CurrentActor(pub Actor);

/// The raw token of the call (for refresh), after checking it is valid.
pub struct BearerToken(pub Token);

fn token_of(parts: &Parts) -> Result<Token, ApiError> {
    token_with(
        parts,
        &["token", "bearer"],
        "`Authorization: token <token>` (get one from POST /api/user/obtain_token)",
    )
}

fn token_with(parts: &Parts, schemes: &[&str], how: &str) -> Result<Token, ApiError> {
    let missing = || ApiError::Unauthenticated {
        code: "unauthenticated",
        message: format!("authentication required: send {how}"),
    };
    let header = parts
        .headers
        .get(AUTHORIZATION)
        .ok_or_else(missing)?
        .to_str()
        .map_err(|_| missing())?;
    let (scheme, value) = header.trim().split_once(' ').ok_or_else(missing)?;
    if !schemes.iter().any(|s| scheme.eq_ignore_ascii_case(s)) {
        return Err(missing());
    }
    let value = value.trim();
    if value.is_empty() {
        return Err(missing());
    }
    Ok(Token::from_client(value))
}

impl FromRequestParts<App> for CurrentIssuer {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, app: &App) -> Result<Self, Self::Rejection> {
        let CurrentActor(actor) = CurrentActor::from_request_parts(parts, app).await?;
        Ok(Self(actor.issuer()))
    }
}

impl FromRequestParts<App> for CurrentActor {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, app: &App) -> Result<Self, Self::Rejection> {
        if let Some(actor) = parts.extensions.get::<Actor>() {
            return Ok(Self(actor.clone()));
        }
        let token = token_of(parts)?;
        let actor = app.authenticate_actor(&token).await?;
        if let Actor::Manager(manager) = &actor {
            use crate::manager_policy::{decide, Verdict};
            match decide(&parts.method, parts.uri.path(), manager) {
                Verdict::Allow => {}
                Verdict::AssetNotFound(uuid) => {
                    return Err(ApiError::NotFound {
                        code: "asset_not_found",
                        message: format!("asset {uuid} not found"),
                    })
                }
                Verdict::Forbidden => {
                    return Err(ApiError::Forbidden {
                        code: "manager_forbidden",
                        message: format!(
                            "managers may not call {} {}; ask the issuer",
                            parts.method,
                            parts.uri.path()
                        ),
                    })
                }
            }
        }
        parts.extensions.insert(actor.clone());
        Ok(Self(actor))
    }
}

impl FromRequestParts<App> for BearerToken {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, app: &App) -> Result<Self, Self::Rejection> {
        let token = token_of(parts)?;
        app.authenticate_actor(&token).await?;
        Ok(Self(token))
    }
}

/// The managed account making a wallet call, from `Authorization: wallet <token>`.
pub struct CurrentAccount(pub tessera_core::ManagedAccount);

impl FromRequestParts<App> for CurrentAccount {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, app: &App) -> Result<Self, Self::Rejection> {
        let token = token_with(
            parts,
            &["wallet", "bearer"],
            "`Authorization: wallet <token>` (get one from POST /api/wallet/login)",
        )?;
        Ok(Self(app.authenticate_wallet(&token).await?))
    }
}

/// A body that may be JSON or form-encoded (some AMP clients log in with a form).
pub struct JsonOrForm<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for JsonOrForm<T> {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let is_form = req
            .headers()
            .get(CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.starts_with("application/x-www-form-urlencoded"));
        if !is_form {
            return ApiObject::from_request(req, state)
                .await
                .map(|ApiObject(v)| Self(v));
        }
        let bytes = axum::body::Bytes::from_request(req, state)
            .await
            .map_err(|_| ApiError::PayloadTooLarge)?;
        serde_urlencoded::from_bytes(&bytes)
            .map(Self)
            .map_err(|e| ApiError::bad_request("invalid_body", format!("invalid form body: {e}")))
    }
}

/// The client's address (the TCP peer), for the throttle; `None` when the service is
/// called in-process without a connection (tests).
pub struct ClientAddr(pub Option<std::net::IpAddr>);

impl<S: Send + Sync> FromRequestParts<S> for ClientAddr {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        let peer = parts
            .extensions
            .get::<axum::extract::ConnectInfo<std::net::SocketAddr>>()
            .map(|info| info.0.ip());
        Ok(Self(peer))
    }
}

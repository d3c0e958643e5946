//! Managers (AMP §2.4): the issuer creates manager logins (locked), unlocks them and
//! grants them assets; a manager reads itself with `GET /api/managers/me`.
//!
//! What a manager may call elsewhere is decided in one place, `manager_policy`; these
//! handlers are the issuer's side (the policy closes them to managers, except `me`).

use crate::extract::{ApiObject, ApiPath, CurrentActor, CurrentIssuer};
use crate::ApiError;
use axum::extract::State;
use axum::Json;
use tessera_api_types::{ChangePasswordResponse, CreateManager, ErrorBody, SetPassword};
use tessera_app::{Actor, App, ManagerError, Password};
use tessera_core::{AssetUuid, ManagerId, Username};

type Result<T> = std::result::Result<T, ApiError>;
type Manager = Json<tessera_api_types::Manager>;

impl From<ManagerError> for ApiError {
    fn from(e: ManagerError) -> Self {
        match e {
            ManagerError::NotFound(_) => Self::NotFound {
                code: "manager_not_found",
                message: e.to_string(),
            },
            ManagerError::AssetNotFound(_) => Self::NotFound {
                code: "asset_not_found",
                message: e.to_string(),
            },
            ManagerError::Auth(a) => a.into(),
        }
    }
}

fn wire(m: tessera_core::Manager) -> Manager {
    Json(tessera_api_types::Manager {
        id: m.id.0,
        username: m.username.into(),
        is_locked: m.is_locked,
        assets: m.assets.iter().map(ToString::to_string).collect(),
    })
}

/// The issuer's managers.
#[utoipa::path(get, path = "/api/managers", tag = "managers", security(("token" = [])),
    responses((status = 200, body = Vec<tessera_api_types::Manager>), (status = 403, body = ErrorBody)))]
pub async fn list(
    State(app): State<App>,
    CurrentIssuer(issuer): CurrentIssuer,
) -> Result<Json<Vec<tessera_api_types::Manager>>> {
    let managers = app.managers(issuer).await?;
    Ok(Json(managers.into_iter().map(|m| wire(m).0).collect()))
}

/// Create a manager login; it starts locked (unlock it with `PUT …/unlock`).
#[utoipa::path(post, path = "/api/managers/create", tag = "managers", security(("token" = [])),
    request_body = CreateManager,
    responses((status = 200, body = tessera_api_types::Manager), (status = 400, body = ErrorBody)))]
pub async fn create(
    State(app): State<App>,
    CurrentIssuer(issuer): CurrentIssuer,
    ApiObject(body): ApiObject<CreateManager>,
) -> Result<Manager> {
    let username = Username::parse(&body.username)
        .map_err(|e| ApiError::bad_request("invalid_username", e))?;
    let password = Password::new(body.password);
    Ok(wire(
        app.create_manager(issuer, &username, &password).await?,
    ))
}

/// The calling manager (404 `manager_not_found` for an issuer's token).
#[utoipa::path(get, path = "/api/managers/me", tag = "managers", security(("token" = [])),
    responses((status = 200, body = tessera_api_types::Manager), (status = 404, body = ErrorBody)))]
pub async fn me(CurrentActor(actor): CurrentActor) -> Result<Manager> {
    match actor {
        Actor::Manager(m) => Ok(wire(m)),
        Actor::Issuer(_) => Err(ApiError::NotFound {
            code: "manager_not_found",
            message: "this token is an issuer's, not a manager's".to_owned(),
        }),
    }
}

/// One manager of the issuer.
#[utoipa::path(get, path = "/api/managers/{id}", tag = "managers", security(("token" = [])),
    params(("id" = i64, Path)),
    responses((status = 200, body = tessera_api_types::Manager), (status = 404, body = ErrorBody)))]
pub async fn get_one(
    State(app): State<App>,
    CurrentIssuer(issuer): CurrentIssuer,
    ApiPath(id): ApiPath<i64>,
) -> Result<Manager> {
    Ok(wire(app.manager(issuer, ManagerId(id)).await?))
}

/// Lock a manager: it can no longer log in, and its tokens stop working at once.
#[utoipa::path(put, path = "/api/managers/{id}/lock", tag = "managers", security(("token" = [])),
    params(("id" = i64, Path)),
    responses((status = 200, body = tessera_api_types::Manager), (status = 404, body = ErrorBody)))]
pub async fn lock(
    State(app): State<App>,
    CurrentIssuer(issuer): CurrentIssuer,
    ApiPath(id): ApiPath<i64>,
) -> Result<Manager> {
    Ok(wire(
        app.set_manager_locked(issuer, ManagerId(id), true).await?,
    ))
}

/// Unlock a manager so that it can log in.
#[utoipa::path(put, path = "/api/managers/{id}/unlock", tag = "managers", security(("token" = [])),
    params(("id" = i64, Path)),
    responses((status = 200, body = tessera_api_types::Manager), (status = 404, body = ErrorBody)))]
pub async fn unlock(
    State(app): State<App>,
    CurrentIssuer(issuer): CurrentIssuer,
    ApiPath(id): ApiPath<i64>,
) -> Result<Manager> {
    Ok(wire(
        app.set_manager_locked(issuer, ManagerId(id), false).await?,
    ))
}

/// Grant an asset to a manager (idempotent).
#[utoipa::path(put, path = "/api/managers/{id}/assets/{uuid}/add", tag = "managers",
    security(("token" = [])), params(("id" = i64, Path), ("uuid" = String, Path)),
    responses((status = 200, body = tessera_api_types::Manager), (status = 404, body = ErrorBody)))]
pub async fn add_asset(
    State(app): State<App>,
    CurrentIssuer(issuer): CurrentIssuer,
    ApiPath((id, uuid)): ApiPath<(i64, AssetUuid)>,
) -> Result<Manager> {
    let manager = app.set_manager_asset(issuer, ManagerId(id), uuid, true);
    Ok(wire(manager.await?))
}

/// Revoke an asset from a manager (idempotent; `PUT` is accepted too).
#[utoipa::path(post, path = "/api/managers/{id}/assets/{uuid}/remove", tag = "managers",
    security(("token" = [])), params(("id" = i64, Path), ("uuid" = String, Path)),
    responses((status = 200, body = tessera_api_types::Manager), (status = 404, body = ErrorBody)))]
pub async fn remove_asset(
    State(app): State<App>,
    CurrentIssuer(issuer): CurrentIssuer,
    ApiPath((id, uuid)): ApiPath<(i64, AssetUuid)>,
) -> Result<Manager> {
    let manager = app.set_manager_asset(issuer, ManagerId(id), uuid, false);
    Ok(wire(manager.await?))
}

/// Set a manager's password; its earlier tokens are revoked and a new one is returned.
#[utoipa::path(post, path = "/api/managers/{id}/change-password", tag = "managers",
    security(("token" = [])), params(("id" = i64, Path)), request_body = SetPassword,
    responses((status = 200, body = ChangePasswordResponse), (status = 400, body = ErrorBody),
        (status = 404, body = ErrorBody)))]
pub async fn change_password(
    State(app): State<App>,
    CurrentIssuer(issuer): CurrentIssuer,
    ApiPath(id): ApiPath<i64>,
    ApiObject(body): ApiObject<SetPassword>,
) -> Result<Json<ChangePasswordResponse>> {
    let password = Password::new(body.password);
    let (manager, token) = app
        .change_manager_password(issuer, ManagerId(id), &password)
        .await?;
    Ok(Json(ChangePasswordResponse {
        username: manager.username.into(),
        password: "********".to_owned(),
        token: token.reveal().to_owned(),
    }))
}

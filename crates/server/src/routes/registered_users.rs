//! Registered users and their GAIDs (AMP §2.4).

use crate::convert;
use crate::extract::{ApiJson, ApiObject, ApiPath, CurrentActor, CurrentIssuer};
use crate::ApiError;
use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use tessera_api_types::{
    AddRegisteredUser, CategoryIds, EditRegisteredUser, ErrorBody, RegisteredUser,
    RegisteredUserAssetSummary,
};
use tessera_app::App;
use tessera_core::{NewRegisteredUser, RegisteredUserId};

type Result<T> = std::result::Result<T, ApiError>;

/// List the issuer's registered users.
#[utoipa::path(get, path = "/api/registered_users", tag = "registered users", security(("token" = [])),
    responses((status = 200, body = Vec<RegisteredUser>), (status = 401, body = ErrorBody)))]
pub async fn list(
    State(app): State<App>,
    CurrentIssuer(issuer): CurrentIssuer,
) -> Result<Json<Vec<RegisteredUser>>> {
    let users = app.registered_users(issuer).await?;
    Ok(Json(
        users.into_iter().map(convert::registered_user).collect(),
    ))
}

/// One registered user.
#[utoipa::path(get, path = "/api/registered_users/{id}", tag = "registered users", security(("token" = [])),
    params(("id" = i64, Path)),
    responses((status = 200, body = RegisteredUser), (status = 404, body = ErrorBody)))]
pub async fn get_one(
    State(app): State<App>,
    CurrentIssuer(issuer): CurrentIssuer,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<RegisteredUser>> {
    let user = app.registered_user(issuer, RegisteredUserId(id)).await?;
    Ok(Json(convert::registered_user(user)))
}

/// Create a registered user (201).
#[utoipa::path(post, path = "/api/registered_users/add", tag = "registered users", security(("token" = [])),
    request_body = AddRegisteredUser,
    responses((status = 201, body = RegisteredUser), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody, description = "a category that does not exist")))]
pub async fn add(
    State(app): State<App>,
    CurrentActor(actor): CurrentActor,
    ApiObject(body): ApiObject<AddRegisteredUser>,
) -> Result<(StatusCode, Json<RegisteredUser>)> {
    let new = NewRegisteredUser {
        name: convert::name(&body.name)?,
        is_company: body.is_company,
        gaid: body.GAID.as_deref().map(convert::gaid).transpose()?,
    };
    let categories = convert::category_ids(&body.categories);
    let user = app.add_registered_user(&actor, &new, &categories).await?;
    Ok((StatusCode::CREATED, Json(convert::registered_user(user))))
}

/// Rename a registered user.
#[utoipa::path(put, path = "/api/registered_users/{id}/edit", tag = "registered users", security(("token" = [])),
    params(("id" = i64, Path)), request_body = EditRegisteredUser,
    responses((status = 200, body = RegisteredUser), (status = 403, body = ErrorBody), (status = 400, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn edit(
    State(app): State<App>,
    CurrentActor(actor): CurrentActor,
    ApiPath(id): ApiPath<i64>,
    ApiObject(body): ApiObject<EditRegisteredUser>,
) -> Result<Json<RegisteredUser>> {
    let name = convert::name(&body.name)?;
    let user = app
        .rename_registered_user(&actor, RegisteredUserId(id), &name)
        .await?;
    Ok(Json(convert::registered_user(user)))
}

/// Delete a registered user (204).
#[utoipa::path(delete, path = "/api/registered_users/{id}/delete", tag = "registered users", security(("token" = [])),
    params(("id" = i64, Path)),
    responses((status = 204), (status = 404, body = ErrorBody)))]
pub async fn remove(
    State(app): State<App>,
    CurrentIssuer(issuer): CurrentIssuer,
    ApiPath(id): ApiPath<i64>,
) -> Result<StatusCode> {
    app.delete_registered_user(issuer, RegisteredUserId(id))
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Assignments, distributions and balance of a registered user per asset.
#[utoipa::path(get, path = "/api/registered_users/{id}/summary", tag = "registered users", security(("token" = [])),
    params(("id" = i64, Path)),
    responses((status = 200, body = Vec<RegisteredUserAssetSummary>), (status = 404, body = ErrorBody)))]
pub async fn summary(
    State(app): State<App>,
    CurrentIssuer(issuer): CurrentIssuer,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<Vec<RegisteredUserAssetSummary>>> {
    let lines = app.user_summary(issuer, RegisteredUserId(id)).await?;
    let wire = |l: tessera_app::reports::UserAssetSummary| RegisteredUserAssetSummary {
        asset_uuid: l.asset.uuid.to_string(),
        asset_id: l.asset.asset_id.to_string(),
        assignments: l.assignments,
        assignments_sum: l.assignments_sum,
        distributions: l.distributions,
        distributions_sum: l.distributions_sum,
        balance: l.balance,
    };
    Ok(Json(lines.into_iter().map(wire).collect()))
}

/// GAIDs of a registered user.
#[utoipa::path(get, path = "/api/registered_users/{id}/gaids", tag = "registered users", security(("token" = [])),
    params(("id" = i64, Path)),
    responses((status = 200, body = Vec<String>), (status = 404, body = ErrorBody)))]
pub async fn gaids(
    State(app): State<App>,
    CurrentIssuer(issuer): CurrentIssuer,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<Vec<String>>> {
    let user = app.registered_user(issuer, RegisteredUserId(id)).await?;
    Ok(Json(user.gaids.into_iter().map(String::from).collect()))
}

/// Add a GAID to a registered user; the body is the bare JSON string `"GA…"`.
#[utoipa::path(post, path = "/api/registered_users/{id}/gaids/add", tag = "registered users", security(("token" = [])),
    params(("id" = i64, Path)), request_body = String,
    responses((status = 200, body = RegisteredUser), (status = 403, body = ErrorBody), (status = 400, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn add_gaid(
    State(app): State<App>,
    CurrentActor(actor): CurrentActor,
    ApiPath(id): ApiPath<i64>,
    ApiJson(gaid): ApiJson<String>,
) -> Result<Json<RegisteredUser>> {
    let gaid = convert::gaid(&gaid)?;
    let user = app.add_gaid(&actor, RegisteredUserId(id), &gaid).await?;
    Ok(Json(convert::registered_user(user)))
}

/// Make a GAID the default of a registered user; the body is the bare JSON string.
#[utoipa::path(post, path = "/api/registered_users/{id}/gaids/set-default", tag = "registered users", security(("token" = [])),
    params(("id" = i64, Path)), request_body = String,
    responses((status = 200, body = RegisteredUser), (status = 403, body = ErrorBody), (status = 400, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn set_default_gaid(
    State(app): State<App>,
    CurrentActor(actor): CurrentActor,
    ApiPath(id): ApiPath<i64>,
    ApiJson(gaid): ApiJson<String>,
) -> Result<Json<RegisteredUser>> {
    let gaid = convert::gaid(&gaid)?;
    let user = app
        .set_default_gaid(&actor, RegisteredUserId(id), &gaid)
        .await?;
    Ok(Json(convert::registered_user(user)))
}

/// Put a registered user into several categories.
#[utoipa::path(put, path = "/api/registered_users/{id}/categories/add", tag = "registered users", security(("token" = [])),
    params(("id" = i64, Path)), request_body = CategoryIds,
    responses((status = 200, body = RegisteredUser), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn add_categories(
    State(app): State<App>,
    CurrentActor(actor): CurrentActor,
    ApiPath(id): ApiPath<i64>,
    ApiObject(body): ApiObject<CategoryIds>,
) -> Result<Json<RegisteredUser>> {
    let ids = convert::category_ids(&body.categories);
    let user = app
        .set_user_categories(&actor, RegisteredUserId(id), &ids, true)
        .await?;
    Ok(Json(convert::registered_user(user)))
}

/// Take a registered user out of several categories.
#[utoipa::path(put, path = "/api/registered_users/{id}/categories/delete", tag = "registered users", security(("token" = [])),
    params(("id" = i64, Path)), request_body = CategoryIds,
    responses((status = 200, body = RegisteredUser), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn remove_categories(
    State(app): State<App>,
    CurrentActor(actor): CurrentActor,
    ApiPath(id): ApiPath<i64>,
    ApiObject(body): ApiObject<CategoryIds>,
) -> Result<Json<RegisteredUser>> {
    let ids = convert::category_ids(&body.categories);
    let user = app
        .set_user_categories(&actor, RegisteredUserId(id), &ids, false)
        .await?;
    Ok(Json(convert::registered_user(user)))
}

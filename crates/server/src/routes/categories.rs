//! Categories and their members (AMP §2.4).

use crate::convert;
use crate::extract::{ApiObject, ApiPath, CurrentActor, CurrentIssuer};
use crate::ApiError;
use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use tessera_api_types::{AddCategory, Category, EditCategory, ErrorBody};
use tessera_app::App;
use tessera_core::{CategoryId, NewCategory, RegisteredUserId};
use tessera_store::CategoryEdit;

type Result<T> = std::result::Result<T, ApiError>;

/// List the issuer's categories.
#[utoipa::path(get, path = "/api/categories", tag = "categories", security(("token" = [])),
    responses((status = 200, body = Vec<Category>), (status = 401, body = ErrorBody)))]
pub async fn list(
    State(app): State<App>,
    CurrentActor(actor): CurrentActor,
) -> Result<Json<Vec<Category>>> {
    let all = app.categories(actor.issuer()).await?;
    let wire = |c| convert::category(actor.view_category(c));
    Ok(Json(all.into_iter().map(wire).collect()))
}

/// One category.
#[utoipa::path(get, path = "/api/categories/{id}", tag = "categories", security(("token" = [])),
    params(("id" = i64, Path)),
    responses((status = 200, body = Category), (status = 404, body = ErrorBody)))]
pub async fn get_one(
    State(app): State<App>,
    CurrentActor(actor): CurrentActor,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<Category>> {
    let category = app.category(actor.issuer(), CategoryId(id)).await?;
    Ok(Json(convert::category(actor.view_category(category))))
}

/// Create a category (201).
#[utoipa::path(post, path = "/api/categories/add", tag = "categories", security(("token" = [])),
    request_body = AddCategory,
    responses((status = 201, body = Category), (status = 400, body = ErrorBody)))]
pub async fn add(
    State(app): State<App>,
    CurrentIssuer(issuer): CurrentIssuer,
    ApiObject(body): ApiObject<AddCategory>,
) -> Result<(StatusCode, Json<Category>)> {
    let new = NewCategory {
        name: convert::name(&body.name)?,
        description: convert::description(body.description.as_deref().unwrap_or_default())?,
    };
    let category = app.add_category(issuer, &new).await?;
    Ok((StatusCode::CREATED, Json(convert::category(category))))
}

/// Edit a category's name and/or description.
#[utoipa::path(put, path = "/api/categories/{id}/edit", tag = "categories", security(("token" = [])),
    params(("id" = i64, Path)), request_body = EditCategory,
    responses((status = 200, body = Category), (status = 400, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn edit(
    State(app): State<App>,
    CurrentIssuer(issuer): CurrentIssuer,
    ApiPath(id): ApiPath<i64>,
    ApiObject(body): ApiObject<EditCategory>,
) -> Result<Json<Category>> {
    let edit = CategoryEdit {
        name: body.name.as_deref().map(convert::name).transpose()?,
        description: body
            .description
            .as_deref()
            .map(convert::description)
            .transpose()?,
    };
    Ok(Json(convert::category(
        app.edit_category(issuer, CategoryId(id), &edit).await?,
    )))
}

/// Delete a category (204).
#[utoipa::path(delete, path = "/api/categories/{id}/delete", tag = "categories", security(("token" = [])),
    params(("id" = i64, Path)),
    responses((status = 204), (status = 404, body = ErrorBody)))]
pub async fn remove(
    State(app): State<App>,
    CurrentIssuer(issuer): CurrentIssuer,
    ApiPath(id): ApiPath<i64>,
) -> Result<StatusCode> {
    app.delete_category(issuer, CategoryId(id)).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Put a registered user into the category.
#[utoipa::path(put, path = "/api/categories/{id}/registered_users/{user}/add", tag = "categories", security(("token" = [])),
    params(("id" = i64, Path), ("user" = i64, Path)),
    responses((status = 200, body = Category), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn add_member(
    State(app): State<App>,
    CurrentActor(actor): CurrentActor,
    ApiPath((id, user)): ApiPath<(i64, i64)>,
) -> Result<Json<Category>> {
    let c = app
        .set_category_member(&actor, CategoryId(id), RegisteredUserId(user), true)
        .await?;
    Ok(Json(convert::category(actor.view_category(c))))
}

/// Take a registered user out of the category.
#[utoipa::path(put, path = "/api/categories/{id}/registered_users/{user}/remove", tag = "categories", security(("token" = [])),
    params(("id" = i64, Path), ("user" = i64, Path)),
    responses((status = 200, body = Category), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn remove_member(
    State(app): State<App>,
    CurrentActor(actor): CurrentActor,
    ApiPath((id, user)): ApiPath<(i64, i64)>,
) -> Result<Json<Category>> {
    let c = app
        .set_category_member(&actor, CategoryId(id), RegisteredUserId(user), false)
        .await?;
    Ok(Json(convert::category(actor.view_category(c))))
}

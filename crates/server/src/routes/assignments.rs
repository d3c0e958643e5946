//! Assignments and vesting schedules (AMP §2.3, plus an extension for schedules).

use crate::extract::{ApiObject, ApiPath, ApiQuery, CurrentIssuer};
use crate::{convert_assets as ca, ApiError};
use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use serde::Deserialize;
use tessera_api_types::{
    Assignment, CreateAssignments, EditAssignment, ErrorBody, VestingScheduleRequest,
};
use tessera_app::App;
use tessera_core::{
    Amount, AssetUuid, AssignmentEdit, AssignmentId, IssuerId, NewAssignment, Period,
    RegisteredUserId, VestingSchedule,
};

type Result<T> = std::result::Result<T, ApiError>;

async fn wire(
    app: &App,
    issuer: IssuerId,
    list: Vec<tessera_core::Assignment>,
) -> Result<Vec<Assignment>> {
    let now = app.now();
    let mut out = Vec::with_capacity(list.len());
    for a in list {
        let user = app.registered_user(issuer, a.registered_user).await.ok();
        let gaid = user.and_then(|u| u.default_gaid);
        out.push(ca::assignment(&a, gaid.as_ref(), now, issuer.0));
    }
    Ok(out)
}

fn amount(units: u64) -> Result<Amount> {
    Amount::from_units(units).map_err(|e| ApiError::bad_request("invalid_amount", e))
}

/// `?distributed=true|false`.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
pub struct DistributedFilter {
    /// Only distributed (`true`) or only undistributed (`false`) assignments.
    pub distributed: Option<bool>,
}

/// Assignments of the asset.
#[utoipa::path(get, path = "/api/assets/{uuid}/assignments", tag = "assignments", security(("token" = [])),
    params(("uuid" = String, Path), DistributedFilter),
    responses((status = 200, body = Vec<Assignment>), (status = 404, body = ErrorBody)))]
pub async fn list(
    State(app): State<App>,
    CurrentIssuer(issuer): CurrentIssuer,
    ApiPath(uuid): ApiPath<String>,
    ApiQuery(filter): ApiQuery<DistributedFilter>,
) -> Result<Json<Vec<Assignment>>> {
    let list = app
        .assignments(issuer, ca::uuid(&uuid)?, filter.distributed)
        .await?;
    Ok(Json(wire(&app, issuer, list).await?))
}

/// Create assignments: one (AMP) or many at once, all or nothing.
#[utoipa::path(post, path = "/api/assets/{uuid}/assignments/create", tag = "assignments", security(("token" = [])),
    params(("uuid" = String, Path)), request_body = CreateAssignments,
    responses((status = 200, body = Vec<Assignment>), (status = 400, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn create(
    State(app): State<App>,
    CurrentIssuer(issuer): CurrentIssuer,
    ApiPath(uuid): ApiPath<String>,
    ApiObject(body): ApiObject<CreateAssignments>,
) -> Result<Json<Vec<Assignment>>> {
    if body.assignments.is_empty() {
        return Err(ApiError::bad_request(
            "invalid_body",
            "assignments must not be empty",
        ));
    }
    let mut new = Vec::with_capacity(body.assignments.len());
    for a in &body.assignments {
        let parsed = NewAssignment::new(
            RegisteredUserId(a.registered_user),
            amount(a.amount)?,
            a.vesting_timestamp,
            a.ready_for_distribution,
        )
        .map_err(|e| ApiError::bad_request("invalid_amount", e))?;
        new.push(parsed);
    }
    let created = app
        .create_assignments(issuer, ca::uuid(&uuid)?, &new)
        .await?;
    Ok(Json(wire(&app, issuer, created).await?))
}

/// Create the assignments of a vesting schedule (extension).
#[utoipa::path(post, path = "/api/assets/{uuid}/assignments/vesting-schedule", tag = "assignments", security(("token" = [])),
    params(("uuid" = String, Path)), request_body = VestingScheduleRequest,
    responses((status = 200, body = Vec<Assignment>), (status = 400, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn vesting_schedule(
    State(app): State<App>,
    CurrentIssuer(issuer): CurrentIssuer,
    ApiPath(uuid): ApiPath<String>,
    ApiObject(body): ApiObject<VestingScheduleRequest>,
) -> Result<Json<Vec<Assignment>>> {
    let period = match (body.period_months, body.period_days) {
        (Some(m), None) => Period::Months(m),
        (None, Some(d)) => Period::Days(d),
        _ => {
            return Err(ApiError::bad_request(
                "invalid_body",
                "give exactly one of period_months and period_days",
            ))
        }
    };
    let cliff = match (body.cliff_months, body.cliff_days) {
        (Some(m), None) => Some(Period::Months(m)),
        (None, Some(d)) => Some(Period::Days(d)),
        (None, None) => None,
        _ => {
            return Err(ApiError::bad_request(
                "invalid_body",
                "give at most one of cliff_months and cliff_days",
            ))
        }
    };
    let schedule = VestingSchedule {
        total: amount(body.total)?,
        tranches: body.tranches,
        period,
        start: body.start,
        cliff,
    };
    let created = app
        .create_vesting_schedule(
            issuer,
            ca::uuid(&uuid)?,
            RegisteredUserId(body.registered_user),
            &schedule,
        )
        .await?;
    Ok(Json(wire(&app, issuer, created).await?))
}

async fn one(app: &App, issuer: IssuerId, uuid: AssetUuid, id: i64) -> Result<Json<Assignment>> {
    let a = app.assignment(issuer, uuid, AssignmentId(id)).await?;
    Ok(Json(wire(app, issuer, vec![a]).await?.remove(0)))
}

/// One assignment.
#[utoipa::path(get, path = "/api/assets/{uuid}/assignments/{id}", tag = "assignments", security(("token" = [])),
    params(("uuid" = String, Path), ("id" = i64, Path)),
    responses((status = 200, body = Assignment), (status = 404, body = ErrorBody)))]
pub async fn get_one(
    State(app): State<App>,
    CurrentIssuer(issuer): CurrentIssuer,
    ApiPath((uuid, id)): ApiPath<(String, i64)>,
) -> Result<Json<Assignment>> {
    one(&app, issuer, ca::uuid(&uuid)?, id).await
}

/// Change amount, vesting time or readiness while not distributed.
#[utoipa::path(put, path = "/api/assets/{uuid}/assignments/{id}/edit", tag = "assignments", security(("token" = [])),
    params(("uuid" = String, Path), ("id" = i64, Path)), request_body = EditAssignment,
    responses((status = 200, body = Assignment), (status = 400, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn edit(
    State(app): State<App>,
    CurrentIssuer(issuer): CurrentIssuer,
    ApiPath((uuid, id)): ApiPath<(String, i64)>,
    ApiObject(body): ApiObject<EditAssignment>,
) -> Result<Json<Assignment>> {
    let edit = AssignmentEdit {
        amount: body.amount.map(amount).transpose()?,
        vesting_timestamp: body.vesting_timestamp,
        ready_for_distribution: body.ready_for_distribution,
        is_locked: None,
    };
    let uuid = ca::uuid(&uuid)?;
    app.edit_assignment(issuer, uuid, AssignmentId(id), edit)
        .await?;
    one(&app, issuer, uuid, id).await
}

async fn set_lock(
    app: &App,
    issuer: IssuerId,
    uuid: &str,
    id: i64,
    locked: bool,
) -> Result<Json<Assignment>> {
    let uuid = ca::uuid(uuid)?;
    let edit = AssignmentEdit {
        is_locked: Some(locked),
        ..Default::default()
    };
    app.edit_assignment(issuer, uuid, AssignmentId(id), edit)
        .await?;
    one(app, issuer, uuid, id).await
}

/// Keep the assignment out of distributions.
#[utoipa::path(put, path = "/api/assets/{uuid}/assignments/{id}/lock", tag = "assignments", security(("token" = [])),
    params(("uuid" = String, Path), ("id" = i64, Path)),
    responses((status = 200, body = Assignment), (status = 404, body = ErrorBody)))]
pub async fn lock(
    State(app): State<App>,
    CurrentIssuer(issuer): CurrentIssuer,
    ApiPath((uuid, id)): ApiPath<(String, i64)>,
) -> Result<Json<Assignment>> {
    set_lock(&app, issuer, &uuid, id, true).await
}

/// Let the assignment into distributions again.
#[utoipa::path(put, path = "/api/assets/{uuid}/assignments/{id}/unlock", tag = "assignments", security(("token" = [])),
    params(("uuid" = String, Path), ("id" = i64, Path)),
    responses((status = 200, body = Assignment), (status = 404, body = ErrorBody)))]
pub async fn unlock(
    State(app): State<App>,
    CurrentIssuer(issuer): CurrentIssuer,
    ApiPath((uuid, id)): ApiPath<(String, i64)>,
) -> Result<Json<Assignment>> {
    set_lock(&app, issuer, &uuid, id, false).await
}

/// Delete (reclaim) an assignment that is not distributed (204).
#[utoipa::path(delete, path = "/api/assets/{uuid}/assignments/{id}/delete", tag = "assignments", security(("token" = [])),
    params(("uuid" = String, Path), ("id" = i64, Path)),
    responses((status = 204), (status = 400, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn remove(
    State(app): State<App>,
    CurrentIssuer(issuer): CurrentIssuer,
    ApiPath((uuid, id)): ApiPath<(String, i64)>,
) -> Result<StatusCode> {
    app.delete_assignment(issuer, ca::uuid(&uuid)?, AssignmentId(id))
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

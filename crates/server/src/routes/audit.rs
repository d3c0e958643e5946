//! The issuer's audit log: what its managers changed in data every asset shares.

use crate::extract::{ApiQuery, CurrentIssuer};
use crate::ApiError;
use axum::extract::State;
use axum::Json;
use tessera_api_types::{AuditEntry, ErrorBody};
use tessera_app::manager_scope::AUDIT_PAGE_MAX;
use tessera_app::App;

/// Which entries to list: `?start=N&count=M` (defaults 0 and 1000, the maximum).
#[derive(Debug, serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AuditPage {
    /// How many of the oldest entries to skip.
    pub start: Option<u64>,
    /// How many to return (at most 1000).
    pub count: Option<u32>,
}

/// The issuer's audit log, oldest first: every change a manager made to registered users,
/// their GAIDs and category memberships, with the user before and after. Issuer only.
#[utoipa::path(get, path = "/api/audit-log", tag = "managers", security(("token" = [])),
    params(AuditPage),
    responses((status = 200, body = Vec<AuditEntry>), (status = 400, body = ErrorBody),
        (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody)))]
pub async fn list(
    State(app): State<App>,
    CurrentIssuer(issuer): CurrentIssuer,
    ApiQuery(page): ApiQuery<AuditPage>,
) -> Result<Json<Vec<AuditEntry>>, ApiError> {
    let (start, count) = (
        page.start.unwrap_or(0),
        page.count.unwrap_or(AUDIT_PAGE_MAX),
    );
    let entries = app.audit_log(issuer, start, count).await?;
    let wire = |e: tessera_store::AuditEntry| AuditEntry {
        id: e.id,
        created_at: e.created_at,
        manager_id: e.entry.manager.0,
        manager_username: e.entry.manager_username,
        action: e.entry.action,
        subject: e.entry.subject,
        before: e.entry.before,
        after: e.entry.after,
    };
    Ok(Json(entries.into_iter().map(wire).collect()))
}

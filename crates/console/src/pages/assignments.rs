//! Assignments of an asset: list, create one, import many (see `import`), edit, lock,
//! unlock and delete, through the same use cases as `/api/assets/{uuid}/assignments/…`.

use super::{date, units, visible_asset, PageResult};
use crate::form::{button, confirm_page, csrf, FormState};
use crate::layout::{asset_tabs, page};
use crate::paging::Paging;
use crate::policy::{may, require};
use crate::session::{Posted, Session};
use axum::extract::{Path, Query, State};
use axum::http::{header, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use maud::{html, Markup};
use serde::Deserialize;
use std::collections::HashMap;
use tessera_app::App;
use tessera_core::{
    Asset, AssignmentEdit, AssignmentId, AssignmentState, NewAssignment, RegisteredUser,
    RegisteredUserId,
};

/// `GET /assets/{uuid}/assignments`.
pub async fn list(
    State(app): State<App>,
    session: Session,
    Path(uuid): Path<String>,
    Query(paging): Query<Paging>,
) -> PageResult {
    let asset = visible_asset(&app, &session, &uuid).await?;
    let empty = FormState::default();
    render(&app, &session, &asset, &paging, &empty, &empty).await
}

/// The page with the create form's and the import form's state.
pub async fn render(
    app: &App,
    session: &Session,
    asset: &Asset,
    paging: &Paging,
    create: &FormState,
    import: &FormState,
) -> PageResult {
    let issuer = session.actor.issuer();
    let all = app.assignments(issuer, asset.uuid, None).await?;
    let users = app.registered_users(issuer).await?;
    let names: HashMap<RegisteredUserId, &RegisteredUser> =
        users.iter().map(|u| (u.id, u)).collect();
    let base = format!("/assets/{}/assignments", asset.uuid);
    let can_write = may(
        &session.actor,
        Method::POST,
        &format!("/api/assets/{}/assignments/create", asset.uuid),
    );
    let body = html! {
        (asset_tabs(asset, "Assignments"))
        div.table-wrap {
            table #assignments {
                thead { tr {
                    th scope="col" { "Id" } th scope="col" { "Registered user" } th.num scope="col" { "Amount" }
                    th scope="col" { "Vests" } th scope="col" { "State" } th scope="col" { "Actions" }
                } }
                tbody {
                    @for a in paging.slice(&all) {
                        tr {
                            td { (a.id.0) }
                            td { a href=(format!("/users/{}", a.registered_user.0)) {
                                (names.get(&a.registered_user).map_or_else(|| a.registered_user.0.to_string(), |u| u.name.to_string())) } }
                            td.num { (units(asset, a.amount.units())) }
                            td { (a.vesting_timestamp.map(date).unwrap_or_else(|| "—".into())) }
                            td { (state(&a.state, a.is_locked)) }
                            td.actions {
                                @if can_write && matches!(a.state, AssignmentState::Pending) {
                                    @let at = format!("{base}/{}", a.id.0);
                                    a href=(format!("{at}/edit")) { "Edit" } " "
                                    @if a.is_locked { (button(session, &format!("{at}/unlock"), "Unlock", None)) }
                                    @else { (button(session, &format!("{at}/lock"), "Lock", None)) }
                                    (button(session, &format!("{at}/delete"), "Delete",
                                        Some(&format!("Delete assignment {} of {}?", a.id.0, units(asset, a.amount.units())))))
                                }
                            }
                        }
                    }
                }
            }
        }
        (paging.pager(all.len(), &base))
        @if can_write {
            div.grid2 {
                section.panel aria-labelledby="create-h" {
                    h2 #create-h { "Assign" }
                    (create.general_errors())
                    form method="post" action=(format!("{base}/create")) {
                        (csrf(session))
                        (user_select(create, &users))
                        (create.text("amount", "Amount", &format!("In {} units (precision {}).", asset.ticker.as_str(), asset.precision.decimals()), ""))
                        (create.input("vesting_date", "Vesting date (optional)", "It becomes distributable on this day (UTC).", "date", ""))
                        button.primary type="submit" { "Create assignment" }
                    }
                }
                section.panel aria-labelledby="import-h" {
                    h2 #import-h { "Import from CSV" }
                    p.help { "One assignment per line: " code { "registered_user,amount,vesting_date" }
                        " — the user by id, GAID or exact name; the amount in asset units; the date (YYYY-MM-DD) may be empty. A header line is fine. You see every row checked before anything is written; then all rows are created, or none." }
                    (import.general_errors())
                    form method="post" action=(format!("/assets/{}/import", asset.uuid)) {
                        (csrf(session))
                        input type="hidden" name="step" value="preview";
                        div.field {
                            label for="csv_file" { "CSV file" }
                            input #csv_file type="file" accept=".csv,text/csv" data-fills="csv";
                        }
                        (import.textarea("csv", "Or paste the CSV", "", 6))
                        button type="submit" { "Check the rows" }
                    }
                }
            }
        }
    };
    Ok(page(session, "Assignments", body))
}

fn state(s: &AssignmentState, locked: bool) -> Markup {
    html! {
        @match s {
            AssignmentState::Pending => span.badge { "Pending" },
            AssignmentState::InDistribution { .. } => span.badge.warn { "In distribution" },
            AssignmentState::Distributed { .. } => span.badge.ok { "Distributed" },
        }
        @if locked { " " span.badge.bad { "Locked" } }
    }
}

fn user_select(s: &FormState, users: &[RegisteredUser]) -> Markup {
    let options: Vec<(String, String)> = users
        .iter()
        .map(|u| (u.id.0.to_string(), format!("{} (#{})", u.name, u.id.0)))
        .collect();
    let refs: Vec<(&str, &str)> = options
        .iter()
        .map(|(a, b)| (a.as_str(), b.as_str()))
        .collect();
    s.select(
        "registered_user",
        "Registered user",
        "Add users under Registered users.",
        &refs,
    )
}

/// The create form.
#[derive(Debug, Deserialize)]
pub struct CreateForm {
    registered_user: String,
    amount: String,
    vesting_date: Option<String>,
}

/// `POST /assets/{uuid}/assignments/create`.
pub async fn create(
    State(app): State<App>,
    Path(uuid): Path<String>,
    posted: Posted<CreateForm>,
) -> PageResult<Response> {
    let Posted { session, form } = posted;
    let asset = super::asset_for(&app, &session, &uuid, Method::POST, "assignments/create").await?;
    let mut s = FormState::default();
    s.set("registered_user", form.registered_user.clone());
    s.set("amount", form.amount.clone());
    s.set(
        "vesting_date",
        form.vesting_date.clone().unwrap_or_default(),
    );
    let user = form
        .registered_user
        .parse::<i64>()
        .ok()
        .map(RegisteredUserId);
    if user.is_none() {
        s.error("registered_user", "choose a registered user");
    }
    let amount = asset
        .precision
        .parse(form.amount.trim())
        .map_err(|e| s.error("amount", e.to_string()))
        .ok();
    let vesting = match form
        .vesting_date
        .as_deref()
        .map(str::trim)
        .filter(|d| !d.is_empty())
    {
        None => Some(None),
        Some(d) => match super::parse_date(d) {
            Some(t) => Some(Some(t)),
            None => {
                s.error("vesting_date", format!("{d:?} is not a date (YYYY-MM-DD)"));
                None
            }
        },
    };
    if let (Some(user), Some(amount), Some(vesting)) = (user, amount, vesting) {
        match NewAssignment::new(user, amount, vesting, true) {
            Err(e) => s.error("amount", e.to_string()),
            Ok(new) => match app
                .create_assignments(session.actor.issuer(), asset.uuid, &[new])
                .await
            {
                Ok(_) => return Ok(redirect(&format!("/assets/{uuid}/assignments"))),
                Err(e) => s.api_error(
                    e,
                    &[
                        ("registered_user_not_found", "registered_user"),
                        ("requirements_not_met", "registered_user"),
                        ("exceeds_treasury", "amount"),
                        ("invalid_amount", "amount"),
                        ("assignment_rule", "amount"),
                    ],
                )?,
            },
        }
    }
    let html = render(
        &app,
        &session,
        &asset,
        &Paging::default(),
        &s,
        &FormState::default(),
    )
    .await?;
    Ok((StatusCode::BAD_REQUEST, html).into_response())
}

/// `POST /assets/{uuid}/assignments/{id}/{lock|unlock|delete}`.
pub async fn act(
    State(app): State<App>,
    Path((uuid, id, action)): Path<(String, i64, String)>,
    posted: Posted<crate::form::ActionForm>,
) -> PageResult<Response> {
    let Posted { session, form } = posted;
    let asset = visible_asset(&app, &session, &uuid).await?;
    let issuer = session.actor.issuer();
    let id = AssignmentId(id);
    let api = format!("/api/assets/{uuid}/assignments/{}/{action}", id.0);
    match action.as_str() {
        "lock" | "unlock" => {
            require(&session.actor, Method::PUT, &api)?;
            let edit = AssignmentEdit {
                is_locked: Some(action == "lock"),
                ..AssignmentEdit::default()
            };
            app.edit_assignment(issuer, asset.uuid, id, edit).await?;
        }
        "delete" => {
            require(&session.actor, Method::DELETE, &api)?;
            if !form.confirmed() {
                let q = format!("Delete assignment {} of {}?", id.0, asset.name.as_str());
                return Ok(page(
                    &session,
                    "Confirm",
                    confirm_page(
                        &session,
                        &format!("/assets/{uuid}/assignments/{}/delete", id.0),
                        &q,
                    ),
                )
                .into_response());
            }
            app.delete_assignment(issuer, asset.uuid, id).await?;
        }
        other => return Err(crate::ConsoleError::not_found("action", other)),
    }
    Ok(redirect(&format!("/assets/{uuid}/assignments")))
}

/// A 303 to `to`.
pub fn redirect(to: &str) -> Response {
    (StatusCode::SEE_OTHER, [(header::LOCATION, to.to_owned())]).into_response()
}

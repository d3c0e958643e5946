//! Bulk assignment import from CSV: every row checked and shown first (with the reason
//! next to each refused row), then all rows created in one use case call, or none.
//!
//! Row syntax (user, amount in asset units, date) is read here; whether a row would be
//! accepted is `App::preview_assignments`, which asks the questions `create_assignments`
//! asks, so the preview and the creation cannot disagree.

use super::assignments::{redirect, render};
use super::{date, units, PageResult};
use crate::form::{csrf, FormState};
use crate::layout::{asset_tabs, page};
use crate::paging::Paging;
use crate::session::Posted;
use axum::extract::{Path, State};
use axum::http::{Method, StatusCode};
use axum::response::{IntoResponse, Response};
use maud::html;
use serde::Deserialize;
use tessera_app::App;
use tessera_core::{Asset, NewAssignment, RegisteredUser};
use tessera_server::ApiError;

/// Most rows one import takes (the API's body limit allows far more; a page does not).
pub const MAX_ROWS: usize = 1000;

/// One row as read.
struct Row {
    line: usize,
    text: String,
    parsed: Result<NewAssignment, String>,
}

fn find_user<'a>(users: &'a [RegisteredUser], key: &str) -> Result<&'a RegisteredUser, String> {
    let key = key.trim();
    if let Ok(id) = key.parse::<i64>() {
        return users
            .iter()
            .find(|u| u.id.0 == id)
            .ok_or_else(|| format!("registered user {id} not found"));
    }
    let by_gaid: Vec<_> = users
        .iter()
        .filter(|u| u.gaids.iter().any(|g| g.to_string() == key))
        .collect();
    let by_name: Vec<_> = users.iter().filter(|u| u.name.to_string() == key).collect();
    match (by_gaid.as_slice(), by_name.as_slice()) {
        ([u], _) | ([], [u]) => Ok(u),
        ([], []) => Err(format!("no registered user with id, GAID or name {key:?}")),
        _ => Err(format!(
            "{key:?} names several registered users; use the id"
        )),
    }
}

fn read(asset: &Asset, users: &[RegisteredUser], text: &str) -> Vec<Row> {
    let mut rows = Vec::new();
    for (i, record) in crate::csv::parse(text).into_iter().enumerate() {
        let first = record
            .first()
            .map(|f| f.trim().to_ascii_lowercase())
            .unwrap_or_default();
        if i == 0 && (first == "registered_user" || first == "user") {
            continue;
        }
        let field = |n: usize| record.get(n).map(|f| f.trim()).unwrap_or_default();
        let parsed = (|| {
            if record.len() > 3 {
                return Err(format!("expected at most 3 fields, found {}", record.len()));
            }
            let user = find_user(users, field(0))?;
            let amount = asset.precision.parse(field(1)).map_err(|e| e.to_string())?;
            let vesting = match field(2) {
                "" => None,
                d => Some(
                    super::parse_date(d)
                        .ok_or_else(|| format!("{d:?} is not a date (YYYY-MM-DD)"))?,
                ),
            };
            NewAssignment::new(user.id, amount, vesting, true).map_err(|e| e.to_string())
        })();
        rows.push(Row {
            line: i + 1,
            text: record.join(","),
            parsed,
        });
    }
    rows
}

/// The import form's fields.
#[derive(Debug, Deserialize)]
pub struct ImportForm {
    csv: String,
    step: String,
}

/// `POST /assets/{uuid}/import`: `step=preview` shows the rows, `step=create` creates them.
pub async fn submit(
    State(app): State<App>,
    Path(uuid): Path<String>,
    posted: Posted<ImportForm>,
) -> PageResult<Response> {
    let Posted { session, form } = posted;
    let asset = super::asset_for(&app, &session, &uuid, Method::POST, "assignments/create").await?;
    let issuer = session.actor.issuer();
    let users = app.registered_users(issuer).await?;
    let rows = read(&asset, &users, &form.csv);
    let mut state = FormState::default();
    state.set("csv", form.csv.clone());
    if rows.is_empty() {
        state.error("csv", "the file has no rows");
    } else if rows.len() > MAX_ROWS {
        state.error(
            "csv",
            format!("{} rows; at most {MAX_ROWS} per import", rows.len()),
        );
    }
    if state.has_errors() {
        let html = render(
            &app,
            &session,
            &asset,
            &Paging::default(),
            &FormState::default(),
            &state,
        )
        .await?;
        return Ok((StatusCode::BAD_REQUEST, html).into_response());
    }
    let good: Vec<NewAssignment> = rows
        .iter()
        .filter_map(|r| r.parsed.as_ref().ok().cloned())
        .collect();
    let preview = app.preview_assignments(issuer, asset.uuid, &good).await?;
    let mut verdicts = preview.rows.into_iter();
    let errors: Vec<Option<String>> = rows
        .iter()
        .map(|r| match &r.parsed {
            Err(e) => Some(e.clone()),
            Ok(_) => verdicts
                .next()
                .flatten()
                .map(|e| ApiError::from(e).public().2),
        })
        .collect();
    let total_error = preview.total.map(|e| ApiError::from(e).public().2);
    let acceptable = total_error.is_none() && errors.iter().all(Option::is_none);
    if form.step == "create" && acceptable {
        app.create_assignments(issuer, asset.uuid, &good).await?;
        return Ok(redirect(&format!("/assets/{uuid}/assignments")));
    }
    let name = |id| {
        users
            .iter()
            .find(|u| u.id == id)
            .map_or_else(String::new, |u| u.name.to_string())
    };
    let refused = errors.iter().filter(|e| e.is_some()).count();
    let body = html! {
        (asset_tabs(&asset, "Assignments"))
        h2 { "Import preview" }
        @if acceptable {
            p.notice role="status" { (rows.len()) " rows are ready. Nothing is written until you create them." }
        } @else {
            div.error-box role="alert" {
                @if refused > 0 { p { (refused) " of " (rows.len()) " rows would be refused; fix them and check again. Nothing was created." } }
                @if let Some(t) = &total_error { p { (t) } }
            }
        }
        div.table-wrap {
            table #import-preview {
                thead { tr { th scope="col" { "Line" } th scope="col" { "Registered user" } th.num scope="col" { "Amount" } th scope="col" { "Vests" } th scope="col" { "Check" } } }
                tbody {
                    @for (r, e) in rows.iter().zip(&errors) {
                        tr.row-error[e.is_some()] {
                            td { (r.line) }
                            @match &r.parsed {
                                Ok(a) => {
                                    td { (name(a.registered_user)) " (#" (a.registered_user.0) ")" }
                                    td.num { (units(&asset, a.amount.units())) }
                                    td { (a.vesting_timestamp.map(date).unwrap_or_else(|| "—".into())) }
                                }
                                Err(_) => { td colspan="3" { code { (r.text) } } }
                            }
                            td { @match e { Some(e) => span.field-error { (e) }, None => span.badge.ok { "OK" } } }
                        }
                    }
                }
            }
        }
        form.panel method="post" action=(format!("/assets/{uuid}/import")) {
            (csrf(&session))
            (state.textarea("csv", "CSV", "Edit the rows and check again.", 8))
            div.actions {
                button type="submit" name="step" value="preview" { "Check again" }
                @if acceptable { button.primary type="submit" name="step" value="create" { "Create " (rows.len()) " assignments" } }
            }
        }
    };
    let status = if acceptable {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    Ok((status, page(&session, "Import preview", body)).into_response())
}

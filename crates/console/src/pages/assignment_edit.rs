//! Editing one assignment (amount, vesting date) while it is not distributed, through
//! `App::edit_assignment` (the core refuses edits the life cycle forbids).

use super::assignments::redirect;
use super::{asset_for, date, units, PageResult};
use crate::form::{csrf, FormState};
use crate::layout::{asset_tabs, page};
use crate::session::{Posted, Session};
use axum::extract::{Path, State};
use axum::http::{Method, StatusCode};
use axum::response::{IntoResponse, Response};
use maud::{html, Markup};
use serde::Deserialize;
use tessera_app::App;
use tessera_core::{Asset, AssignmentEdit, AssignmentId};

fn call(id: i64) -> String {
    format!("assignments/{id}/edit")
}

/// `GET /assets/{uuid}/assignments/{id}/edit`.
pub async fn form(
    State(app): State<App>,
    session: Session,
    Path((uuid, id)): Path<(String, i64)>,
) -> PageResult {
    let asset = asset_for(&app, &session, &uuid, Method::PUT, &call(id)).await?;
    let a = app
        .assignment(session.actor.issuer(), asset.uuid, AssignmentId(id))
        .await?;
    let mut s = FormState::default();
    s.set("amount", units(&asset, a.amount.units()));
    s.set(
        "vesting_date",
        a.vesting_timestamp.map(date).unwrap_or_default(),
    );
    Ok(render(&session, &asset, id, &s))
}

fn render(session: &Session, asset: &Asset, id: i64, s: &FormState) -> Markup {
    let body = html! {
        (asset_tabs(asset, "Assignments"))
        h2 { "Edit assignment " (id) }
        (s.general_errors())
        form.panel method="post" action=(format!("/assets/{}/assignments/{id}/edit", asset.uuid)) {
            (csrf(session))
            (s.text("amount", "Amount", &format!("In {} units; more than before needs the treasury to cover it.", asset.ticker.as_str()), ""))
            (s.input("vesting_date", "Vesting date", "Empty: no vesting (distributable now).", "date", ""))
            div.actions {
                button.primary type="submit" { "Save" }
                a href=(format!("/assets/{}/assignments", asset.uuid)) { "Cancel" }
            }
        }
    };
    page(session, "Edit assignment", body)
}

/// The edit form.
#[derive(Debug, Deserialize)]
pub struct EditForm {
    amount: String,
    vesting_date: String,
}

/// `POST /assets/{uuid}/assignments/{id}/edit`.
pub async fn save(
    State(app): State<App>,
    Path((uuid, id)): Path<(String, i64)>,
    posted: Posted<EditForm>,
) -> PageResult<Response> {
    let Posted { session, form } = posted;
    let asset = asset_for(&app, &session, &uuid, Method::PUT, &call(id)).await?;
    let mut s = FormState::default();
    s.set("amount", form.amount.clone());
    s.set("vesting_date", form.vesting_date.clone());
    let amount = asset
        .precision
        .parse(form.amount.trim())
        .map_err(|e| s.error("amount", e.to_string()))
        .ok();
    let vesting = match form.vesting_date.trim() {
        "" => Some(None),
        d => super::parse_date(d).map(Some).or_else(|| {
            s.error("vesting_date", format!("{d:?} is not a date (YYYY-MM-DD)"));
            None
        }),
    };
    if let (Some(amount), Some(vesting)) = (amount, vesting) {
        let edit = AssignmentEdit {
            amount: Some(amount),
            vesting_timestamp: Some(vesting),
            ..AssignmentEdit::default()
        };
        match app
            .edit_assignment(session.actor.issuer(), asset.uuid, AssignmentId(id), edit)
            .await
        {
            Ok(_) => return Ok(redirect(&format!("/assets/{uuid}/assignments"))),
            Err(e) => s.api_error(
                e,
                &[
                    ("exceeds_treasury", "amount"),
                    ("assignment_rule", "amount"),
                    ("invalid_amount", "amount"),
                ],
            )?,
        }
    }
    Ok((StatusCode::BAD_REQUEST, render(&session, &asset, id, &s)).into_response())
}

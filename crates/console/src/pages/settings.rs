//! The issuer's settings: where vesting notices go and how many days ahead (issuer only).

use super::assignments::redirect;
use super::PageResult;
use crate::form::{csrf, FormState};
use crate::layout::page;
use crate::policy::require;
use crate::session::{Posted, Session};
use axum::extract::State;
use axum::http::{Method, StatusCode};
use axum::response::{IntoResponse, Response};
use maud::html;
use serde::Deserialize;
use tessera_app::App;
use tessera_store::IssuerSettings;

const PATH: &str = "/api/user/settings";

/// `GET /settings`.
pub async fn page_get(State(app): State<App>, session: Session) -> PageResult {
    require(&session.actor, Method::GET, PATH)?;
    let current = app.issuer_settings(session.actor.issuer()).await?;
    let mut s = FormState::default();
    s.set("email", current.email.unwrap_or_default());
    s.set("notice_days", current.notice_days.to_string());
    Ok(render(&session, &s))
}

fn render(session: &Session, s: &FormState) -> maud::Markup {
    let body = html! {
        h1 { "Settings" }
        (s.general_errors())
        form.panel method="post" action="/settings" {
            (csrf(session))
            (s.input("email", "Notice e-mail", "Where vesting notices go; none are sent while it is empty.", "email", "email"))
            (s.input("notice_days", "Days ahead", "How many days before a vesting date the notice is sent (0–365).", "number", ""))
            button.primary type="submit" { "Save" }
        }
    };
    page(session, "Settings", body)
}

/// The settings form.
#[derive(Debug, Deserialize)]
pub struct SettingsForm {
    email: String,
    notice_days: String,
}

/// `POST /settings`.
pub async fn save(State(app): State<App>, posted: Posted<SettingsForm>) -> PageResult<Response> {
    let Posted { session, form } = posted;
    require(&session.actor, Method::PUT, PATH)?;
    let mut s = FormState::default();
    s.set("email", form.email.clone());
    s.set("notice_days", form.notice_days.clone());
    match form.notice_days.trim().parse::<u32>() {
        Err(_) => s.error(
            "notice_days",
            format!("{:?} is not a number of days", form.notice_days),
        ),
        Ok(days) => {
            let email = Some(form.email.trim().to_owned()).filter(|e| !e.is_empty());
            let settings = IssuerSettings {
                email,
                notice_days: days,
            };
            match app
                .set_issuer_settings(session.actor.issuer(), settings)
                .await
            {
                Ok(_) => return Ok(redirect("/settings")),
                Err(e) => s.api_error(
                    e,
                    &[
                        ("invalid_email", "email"),
                        ("invalid_notice_days", "notice_days"),
                        ("invalid_length", "email"),
                    ],
                )?,
            }
        }
    }
    Ok((StatusCode::BAD_REQUEST, render(&session, &s)).into_response())
}

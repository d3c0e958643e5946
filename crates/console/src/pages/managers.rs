//! Managers: logins the issuer creates for other people, locked until unlocked, limited
//! to the assets granted to them (issuer only).

use super::assignments::redirect;
use super::PageResult;
use crate::form::{button, csrf, FormState};
use crate::layout::page;
use crate::paging::Paging;
use crate::policy::require;
use crate::session::{Posted, Session};
use crate::ConsoleError;
use axum::extract::{Path, Query, State};
use axum::http::{Method, StatusCode};
use axum::response::{IntoResponse, Response};
use maud::html;
use serde::Deserialize;
use tessera_app::{App, Password};
use tessera_core::{AssetUuid, ManagerId, Username};

/// `GET /managers`.
pub async fn list(
    State(app): State<App>,
    session: Session,
    Query(paging): Query<Paging>,
) -> PageResult {
    require(&session.actor, Method::GET, "/api/managers")?;
    render(&app, &session, &paging, &FormState::default()).await
}

async fn render(app: &App, session: &Session, paging: &Paging, s: &FormState) -> PageResult {
    let issuer = session.actor.issuer();
    let managers = app.managers(issuer).await?;
    let assets = app.assets(issuer).await?;
    let body = html! {
        h1 { "Managers" }
        p.muted { "A manager signs in like you and works on the assets you grant, with fewer rights (no issuance, no managers, no settings)." }
        div.table-wrap {
            table #managers {
                thead { tr { th scope="col" { "Username" } th scope="col" { "Status" } th scope="col" { "Assets" } th scope="col" { "Actions" } } }
                tbody {
                    @for m in paging.slice(&managers) {
                        @let base = format!("/managers/{}", m.id.0);
                        tr {
                            td { (m.username.to_string()) }
                            td { @if m.is_locked { span.badge.bad { "Locked" } } @else { span.badge.ok { "Active" } } }
                            td {
                                @for a in &assets {
                                    @let granted = m.assets.contains(&a.uuid);
                                    form.inline method="post" action=(format!("{base}/{}", if granted { "revoke" } else { "grant" })) {
                                        (csrf(session)) input type="hidden" name="asset" value=(a.uuid);
                                        button type="submit" aria-pressed=(granted) title=(if granted { "Revoke" } else { "Grant" }) {
                                            @if granted { "✓ " } (a.ticker.as_str())
                                        }
                                    }
                                    " "
                                }
                            }
                            td {
                                @if m.is_locked { (button(session, &format!("{base}/unlock"), "Unlock", None)) }
                                @else { (button(session, &format!("{base}/lock"), "Lock", Some("Lock this manager? Its sessions end at once."))) }
                            }
                        }
                    }
                }
            }
        }
        (paging.pager(managers.len(), "/managers"))
        section.panel aria-labelledby="add-h" {
            h2 #add-h { "Create a manager" }
            (s.general_errors())
            form method="post" action="/managers" {
                (csrf(session))
                (s.text("username", "Username", "The manager's login.", "off"))
                (s.password("password", "Password", "new-password"))
                button.primary type="submit" { "Create (locked)" }
            }
        }
    };
    Ok(page(session, "Managers", body))
}

/// The create form.
#[derive(Debug, Deserialize)]
pub struct CreateForm {
    username: String,
    password: String,
}

/// `POST /managers`.
pub async fn create(State(app): State<App>, posted: Posted<CreateForm>) -> PageResult<Response> {
    let Posted { session, form } = posted;
    require(&session.actor, Method::POST, "/api/managers/create")?;
    let mut s = FormState::default();
    s.set("username", form.username.clone());
    match Username::parse(form.username.trim()) {
        Err(e) => s.error("username", e.to_string()),
        Ok(name) => match app
            .create_manager(session.actor.issuer(), &name, &Password::new(form.password))
            .await
        {
            Ok(_) => return Ok(redirect("/managers")),
            Err(e) => s.api_error(
                e,
                &[
                    ("username_taken", "username"),
                    ("weak_password", "password"),
                ],
            )?,
        },
    }
    let html = render(&app, &session, &Paging::default(), &s).await?;
    Ok((StatusCode::BAD_REQUEST, html).into_response())
}

/// A manager action's form.
#[derive(Debug, Deserialize)]
pub struct ActForm {
    asset: Option<String>,
}

/// `POST /managers/{id}/{lock|unlock|grant|revoke}`.
pub async fn act(
    State(app): State<App>,
    Path((id, action)): Path<(i64, String)>,
    posted: Posted<ActForm>,
) -> PageResult<Response> {
    let Posted { session, form } = posted;
    require(
        &session.actor,
        Method::PUT,
        &format!("/api/managers/{id}/lock"),
    )?;
    let issuer = session.actor.issuer();
    let id = ManagerId(id);
    let asset = || -> Result<AssetUuid, ConsoleError> {
        let text = form.asset.as_deref().unwrap_or_default();
        text.parse()
            .map_err(|_| ConsoleError::not_found("asset", text))
    };
    match action.as_str() {
        "lock" | "unlock" => {
            app.set_manager_locked(issuer, id, action == "lock").await?;
        }
        "grant" | "revoke" => {
            app.set_manager_asset(issuer, id, asset()?, action == "grant")
                .await?;
        }
        other => return Err(ConsoleError::not_found("action", other)),
    }
    Ok(redirect("/managers"))
}

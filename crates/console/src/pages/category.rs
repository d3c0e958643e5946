//! One category: rename it, see and change its members, see which assets require it, and
//! delete it. Each change is the API's use case (managers get what their grants allow:
//! membership changes go through the same reach check as `PUT /api/categories/…`).

use super::assignments::redirect;
use super::PageResult;
use crate::form::{confirm_page_with, confirmed, csrf, FormState};
use crate::layout::page;
use crate::policy::{may, require};
use crate::session::{Posted, Session};
use crate::ConsoleError;
use axum::extract::{Path, State};
use axum::http::{Method, StatusCode};
use axum::response::{IntoResponse, Response};
use maud::html;
use serde::Deserialize;
use std::collections::HashMap;
use tessera_app::App;
use tessera_core::{CategoryDescription, CategoryId, Name, RegisteredUserId};
use tessera_store::CategoryEdit;

/// `GET /categories/{id}`.
pub async fn one(State(app): State<App>, session: Session, Path(id): Path<i64>) -> PageResult {
    render(&app, &session, CategoryId(id), &FormState::default()).await
}

async fn render(app: &App, session: &Session, id: CategoryId, s: &FormState) -> PageResult {
    let issuer = session.actor.issuer();
    let category = app.category(issuer, id).await?;
    let users = app.registered_users(issuer).await?;
    let assets = app.assets(issuer).await?;
    let api = format!("/api/categories/{}", id.0);
    let can_edit = may(&session.actor, Method::PUT, &format!("{api}/edit"));
    let can_delete = may(&session.actor, Method::DELETE, &format!("{api}/delete"));
    let can_members = may(
        &session.actor,
        Method::PUT,
        &format!("{api}/registered_users/0/add"),
    );
    let members: Vec<_> = users
        .iter()
        .filter(|u| category.registered_users.contains(&u.id))
        .collect();
    let others: Vec<(String, String)> = users
        .iter()
        .filter(|u| !category.registered_users.contains(&u.id))
        .map(|u| (u.id.0.to_string(), format!("{} (#{})", u.name, u.id.0)))
        .collect();
    let others: Vec<(&str, &str)> = others
        .iter()
        .map(|(v, t)| (v.as_str(), t.as_str()))
        .collect();
    let mut form = s.clone();
    if !s.has_errors() {
        form.set("name", category.name.to_string());
        form.set("description", category.description.as_str());
    }
    let action = format!("/categories/{}", id.0);
    let required_by: Vec<_> = assets
        .iter()
        .filter(|a| category.assets.contains(&a.uuid) && session.actor.may_act_on(a.uuid))
        .collect();
    let body = html! {
        div.actions {
            a href="/categories" { "← Categories" }
            @if can_delete {
                form.inline method="post" action=(action) data-confirm=(format!("Delete category {}? Assets that require it will no longer require it.", category.name)) {
                    (csrf(session)) input type="hidden" name="action" value="delete";
                    button.danger type="submit" { "Delete category" }
                }
            }
        }
        h1 { (category.name.to_string()) " " span.ticker { "#" (category.id.0) } }
        (form.general_errors())
        div.grid2 {
            section.panel aria-labelledby="members-h" {
                h2 #members-h { "Members (" (members.len()) ")" }
                @if members.is_empty() { p.muted { "No member yet." } }
                ul #members {
                    @for u in &members {
                        li {
                            a href=(format!("/users/{}", u.id.0)) { (u.name.to_string()) }
                            @if can_members {
                                " "
                                form.inline method="post" action=(action) data-confirm=(format!("Take {} out of {}?", u.name, category.name)) {
                                    (csrf(session)) input type="hidden" name="action" value="remove";
                                    input type="hidden" name="user" value=(u.id.0);
                                    button.danger type="submit" { "Remove" }
                                }
                            }
                        }
                    }
                }
                @if can_members && !others.is_empty() {
                    form method="post" action=(action) {
                        (csrf(session)) input type="hidden" name="action" value="add";
                        (form.select("user", "Add a registered user", "Membership lets the user receive assets that require this category.", &others))
                        button type="submit" { "Add member" }
                    }
                }
            }
            section.panel aria-labelledby="edit-h" {
                h2 #edit-h { "Details" }
                p { "Required by: "
                    @if required_by.is_empty() { span.muted { "no asset" } }
                    @for (i, a) in required_by.iter().enumerate() {
                        @if i > 0 { ", " }
                        a href=(format!("/assets/{}", a.uuid)) { (a.ticker.as_str()) }
                    }
                }
                @if can_edit {
                    form method="post" action=(action) {
                        (csrf(session)) input type="hidden" name="action" value="edit";
                        (form.text("name", "Name", "Unique among your categories.", "off"))
                        (form.text("description", "Description", "Optional.", "off"))
                        button.primary type="submit" { "Save" }
                    }
                }
            }
        }
    };
    Ok(page(session, &category.name.to_string(), body))
}

/// The category page's forms (`action` says which).
#[derive(Debug, Deserialize)]
pub struct ActForm {
    action: String,
    #[serde(flatten)]
    fields: HashMap<String, String>,
}

/// `POST /categories/{id}`: edit, delete, add or remove a member.
pub async fn act(
    State(app): State<App>,
    Path(id): Path<i64>,
    posted: Posted<ActForm>,
) -> PageResult<Response> {
    let Posted { session, form } = posted;
    let issuer = session.actor.issuer();
    let id = CategoryId(id);
    let api = format!("/api/categories/{}", id.0);
    let field = |n: &str| {
        form.fields
            .get(n)
            .map(|v| v.trim().to_owned())
            .unwrap_or_default()
    };
    let mut s = FormState::default();
    match form.action.as_str() {
        "edit" => {
            require(&session.actor, Method::PUT, &format!("{api}/edit"))?;
            s.set("name", field("name"));
            s.set("description", field("description"));
            let name = Name::parse(&field("name"))
                .map_err(|e| s.error("name", e.to_string()))
                .ok();
            let description = CategoryDescription::parse(&field("description"))
                .map_err(|e| s.error("description", e.to_string()))
                .ok();
            if let (Some(name), Some(description)) = (name, description) {
                let edit = CategoryEdit {
                    name: Some(name),
                    description: Some(description),
                };
                if let Err(e) = app.edit_category(issuer, id, &edit).await {
                    s.api_error(e, &[("category_name_taken", "name")])?;
                }
            }
        }
        "delete" => {
            require(&session.actor, Method::DELETE, &format!("{api}/delete"))?;
            if !confirmed(form.fields.get("confirm").map(String::as_str)) {
                let q = format!(
                    "Delete category #{}? Assets that require it will no longer require it.",
                    id.0
                );
                let action = format!("/categories/{}", id.0);
                let html = confirm_page_with(&session, &action, &q, &[("action", "delete")]);
                return Ok(page(&session, "Confirm", html).into_response());
            }
            app.delete_category(issuer, id).await?;
            return Ok(redirect("/categories"));
        }
        action @ ("add" | "remove") => {
            let user: i64 = field("user")
                .parse()
                .map_err(|_| ConsoleError::not_found("registered user", &field("user")))?;
            let path = format!("{api}/registered_users/{user}/{action}");
            require(&session.actor, Method::PUT, &path)?;
            let add = action == "add";
            if let Err(e) = app
                .set_category_member(&session.actor, id, RegisteredUserId(user), add)
                .await
            {
                s.api_error(e, &[])?;
            }
        }
        other => return Err(ConsoleError::not_found("action", other)),
    }
    if !s.has_errors() {
        return Ok(redirect(&format!("/categories/{}", id.0)));
    }
    let html = render(&app, &session, id, &s).await?;
    Ok((StatusCode::BAD_REQUEST, html).into_response())
}

//! Registered users (investors): list with search, add, and one user's page with GAIDs,
//! categories, holdings and vesting; every change is the API's use case.

use super::assignments::redirect;
use super::{date, units, PageResult};
use crate::form::{csrf, FormState};
use crate::layout::page;
use crate::paging::Paging;
use crate::policy::{may, require};
use crate::session::{Posted, Session};
use crate::ConsoleError;
use axum::extract::{Path, Query, State};
use axum::http::{Method, StatusCode};
use axum::response::{IntoResponse, Response};
use maud::html;
use serde::Deserialize;
use tessera_app::App;
use tessera_core::{CategoryId, Gaid, Name, NewRegisteredUser, RegisteredUserId};

/// `?q=` of the list.
#[derive(Debug, Deserialize, Default)]
pub struct Search {
    q: Option<String>,
    #[serde(flatten)]
    paging: Paging,
}

/// `GET /users`.
pub async fn list(
    State(app): State<App>,
    session: Session,
    Query(search): Query<Search>,
) -> PageResult {
    render(&app, &session, &search, &FormState::default()).await
}

async fn render(app: &App, session: &Session, search: &Search, s: &FormState) -> PageResult {
    let issuer = session.actor.issuer();
    let q = search.q.clone().unwrap_or_default();
    let needle = q.trim().to_lowercase();
    let users: Vec<_> = app
        .registered_users(issuer)
        .await?
        .into_iter()
        .filter(|u| {
            needle.is_empty()
                || u.name.to_string().to_lowercase().contains(&needle)
                || u.id.0.to_string() == needle
                || u.gaids
                    .iter()
                    .any(|g| g.to_string().to_lowercase().contains(&needle))
        })
        .collect();
    let categories = app.categories(issuer).await?;
    let base = if q.is_empty() {
        "/users".to_owned()
    } else {
        format!("/users?q={}", crate::error::urlencode(&q))
    };
    let can_add = may(&session.actor, Method::POST, "/api/registered_users/add");
    let body = html! {
        h1 { "Registered users" }
        form.actions role="search" method="get" action="/users" {
            label for="q" { "Search" }
            input #q type="search" name="q" value=(q) placeholder="name, id or GAID" style="max-width:20rem";
            button type="submit" { "Search" }
        }
        div.table-wrap {
            table #users {
                thead { tr { th scope="col" { "Id" } th scope="col" { "Name" } th scope="col" { "Type" } th scope="col" { "Default GAID" } th scope="col" { "Categories" } } }
                tbody {
                    @for u in search.paging.slice(&users) {
                        tr {
                            td { (u.id.0) }
                            td { a href=(format!("/users/{}", u.id.0)) { (u.name.to_string()) } }
                            td { (if u.is_company { "Company" } else { "Person" }) }
                            td.mono { (u.default_gaid.as_ref().map(ToString::to_string).unwrap_or_default()) }
                            td { (categories.iter().filter(|c| u.categories.contains(&c.id)).map(|c| c.name.to_string()).collect::<Vec<_>>().join(", ")) }
                        }
                    }
                }
            }
        }
        (search.paging.pager(users.len(), &base))
        @if can_add {
            section.panel aria-labelledby="add-h" {
                h2 #add-h { "Add a registered user" }
                (s.general_errors())
                form method="post" action="/users" {
                    (csrf(session))
                    (s.text("name", "Name", "Person or company name.", "off"))
                    (s.checkbox("is_company", "This is a company", ""))
                    (s.text("gaid", "GAID (optional)", "The investor's managed account id (from `tessera wallet create`).", ""))
                    @if !categories.is_empty() {
                        fieldset {
                            legend { "Categories" }
                            @for c in &categories {
                                (s.checkbox(&format!("cat-{}", c.id.0), &c.name.to_string(), ""))
                            }
                        }
                    }
                    button.primary type="submit" { "Add" }
                }
            }
        }
    };
    Ok(page(session, "Registered users", body))
}

/// The add form.
#[derive(Debug, Deserialize)]
pub struct AddForm {
    name: String,
    is_company: Option<String>,
    gaid: String,
    /// `cat-{id}` checkboxes (and the CSRF token).
    #[serde(flatten)]
    others: std::collections::HashMap<String, String>,
}

/// `POST /users`.
pub async fn add(State(app): State<App>, posted: Posted<AddForm>) -> PageResult<Response> {
    let Posted { session, form } = posted;
    require(&session.actor, Method::POST, "/api/registered_users/add")?;
    let mut s = FormState::default();
    s.set("name", form.name.clone());
    s.set("gaid", form.gaid.clone());
    s.set("is_company", form.is_company.clone().unwrap_or_default());
    let mut categories = Vec::new();
    for (key, value) in &form.others {
        if let Some(id) = key.strip_prefix("cat-").and_then(|id| id.parse().ok()) {
            s.set(key, value.clone());
            categories.push(CategoryId(id));
        }
    }
    categories.sort();
    let name = Name::parse(form.name.trim())
        .map_err(|e| s.error("name", e.to_string()))
        .ok();
    let gaid = match form.gaid.trim() {
        "" => Some(None),
        g => Gaid::parse(g)
            .map(Some)
            .map_err(|e| s.error("gaid", e.to_string()))
            .ok(),
    };
    if let (Some(name), Some(gaid)) = (name, gaid) {
        let new = NewRegisteredUser {
            name,
            is_company: form.is_company.is_some(),
            gaid,
        };
        match app
            .add_registered_user(&session.actor, &new, &categories)
            .await
        {
            Ok(u) => return Ok(redirect(&format!("/users/{}", u.id.0))),
            Err(e) => s.api_error(e, &[("unknown_gaid", "gaid"), ("gaid_taken", "gaid")])?,
        }
    }
    let html = render(&app, &session, &Search::default(), &s).await?;
    Ok((StatusCode::BAD_REQUEST, html).into_response())
}

/// `GET /users/{id}`.
pub async fn one(State(app): State<App>, session: Session, Path(id): Path<i64>) -> PageResult {
    render_one(&app, &session, RegisteredUserId(id), &FormState::default()).await
}

async fn render_one(
    app: &App,
    session: &Session,
    id: RegisteredUserId,
    s: &FormState,
) -> PageResult {
    let issuer = session.actor.issuer();
    let user = app.registered_user(issuer, id).await?;
    let categories = app.categories(issuer).await?;
    let path = format!("/api/registered_users/{}", id.0);
    let can_edit = may(&session.actor, Method::PUT, &format!("{path}/edit"));
    let can_delete = may(&session.actor, Method::DELETE, &format!("{path}/delete"));
    let summary = if may(&session.actor, Method::GET, &format!("{path}/summary")) {
        Some((
            app.user_summary(issuer, id).await?,
            app.user_vesting(issuer, id).await?,
        ))
    } else {
        None
    };
    let mut form = s.clone();
    if !s.has_errors() {
        form.set("name", user.name.to_string());
    }
    let body = html! {
        div.actions {
            a href="/users" { "← Registered users" }
            @if can_delete {
                form.inline method="post" action=(format!("/users/{}", id.0)) data-confirm=(format!("Delete {}? Refused while the user has assignments.", user.name)) {
                    (csrf(session)) input type="hidden" name="action" value="delete";
                    button.danger type="submit" { "Delete user" }
                }
            }
        }
        h1 { (user.name.to_string()) " " span.ticker { "#" (user.id.0) } }
        (form.general_errors())
        div.grid2 {
            section.panel {
                h2 { "GAIDs" }
                ul { @for g in &user.gaids { li.mono { (g)
                    @if user.default_gaid.as_ref() == Some(g) { " " span.badge { "default" } }
                    @else if can_edit {
                        " "
                        form.inline method="post" action=(format!("/users/{}", id.0)) {
                            (csrf(session)) input type="hidden" name="action" value="default"; input type="hidden" name="gaid" value=(g);
                            button type="submit" { "Make default" }
                        }
                    }
                } } }
                @if user.gaids.is_empty() { p.muted { "No GAID: this user cannot receive distributions yet." } }
                @if can_edit {
                    form method="post" action=(format!("/users/{}", id.0)) {
                        (csrf(session)) input type="hidden" name="action" value="gaid";
                        (form.text("gaid", "Add a GAID", "It becomes the default when it is the first.", ""))
                        button type="submit" { "Add GAID" }
                    }
                    form method="post" action=(format!("/users/{}", id.0)) {
                        (csrf(session)) input type="hidden" name="action" value="rename";
                        (form.text("name", "Name", "", "off"))
                        button type="submit" { "Rename" }
                    }
                }
            }
            section.panel {
                h2 { "Categories" }
                @if can_edit {
                    form method="post" action=(format!("/users/{}", id.0)) {
                        (csrf(session)) input type="hidden" name="action" value="categories";
                        fieldset {
                            legend { "Member of" }
                            @for c in &categories {
                                div.field.check {
                                    input id=(format!("cat-{}", c.id.0)) type="checkbox" name=(format!("cat-{}", c.id.0)) checked[user.categories.contains(&c.id)];
                                    label for=(format!("cat-{}", c.id.0)) { (c.name.to_string()) }
                                }
                            }
                        }
                        button type="submit" { "Save categories" }
                    }
                } @else {
                    p { (categories.iter().filter(|c| user.categories.contains(&c.id)).map(|c| c.name.to_string()).collect::<Vec<_>>().join(", ")) }
                }
            }
        }
        @if let Some((assets, vesting)) = &summary {
            h2 { "Holdings" }
            div.table-wrap { table #user-holdings {
                thead { tr { th scope="col" { "Asset" } th.num scope="col" { "Assigned" } th.num scope="col" { "Distributed" } th.num scope="col" { "Holds now" } } }
                tbody { @for a in assets { tr {
                    td { a href=(format!("/assets/{}", a.asset.uuid)) { (a.asset.name.as_str()) } }
                    td.num { (units(&a.asset, a.assignments_sum)) }
                    td.num { (units(&a.asset, a.distributions_sum)) }
                    td.num { (units(&a.asset, a.balance)) }
                } } }
            } }
            h2 { "Vesting" }
            div.table-wrap { table {
                thead { tr { th scope="col" { "Asset" } th.num scope="col" { "Vested, not distributed" } th.num scope="col" { "Not yet vested" } th scope="col" { "Next vesting" } } }
                tbody { @for v in &vesting.assets { tr {
                    td { (v.asset.name.as_str()) }
                    td.num { (units(&v.asset, v.totals.vested_undistributed.units())) }
                    td.num { (units(&v.asset, v.totals.not_yet_vested.units())) }
                    td { (v.totals.next_vesting().map(date).unwrap_or_else(|| "—".into())) }
                } } }
            } }
        }
    };
    Ok(page(session, &user.name.to_string(), body))
}

/// The no-script confirmation of a user's deletion.
fn confirm_delete(session: &Session, id: RegisteredUserId) -> maud::Markup {
    let question = "Delete this registered user? It is refused while the user has assignments.";
    let action = format!("/users/{}", id.0);
    crate::form::confirm_page_with(session, &action, question, &[("action", "delete")])
}

/// The user page's forms (`action` says which).
#[derive(Debug, Deserialize)]
pub struct EditForm {
    action: String,
    #[serde(flatten)]
    fields: std::collections::HashMap<String, String>,
}

/// `POST /users/{id}`: rename, add a GAID, or set the categories.
pub async fn edit(
    State(app): State<App>,
    Path(id): Path<i64>,
    posted: Posted<EditForm>,
) -> PageResult<Response> {
    let Posted { session, form } = posted;
    let issuer = session.actor.issuer();
    let id = RegisteredUserId(id);
    let path = format!("/api/registered_users/{}", id.0);
    let field = |n: &str| {
        form.fields
            .get(n)
            .map(|v| v.trim().to_owned())
            .unwrap_or_default()
    };
    let mut s = FormState::default();
    match form.action.as_str() {
        "rename" => {
            require(&session.actor, Method::PUT, &format!("{path}/edit"))?;
            s.set("name", field("name"));
            match Name::parse(&field("name")) {
                Err(e) => s.error("name", e.to_string()),
                Ok(n) => {
                    if let Err(e) = app.rename_registered_user(&session.actor, id, &n).await {
                        s.api_error(e, &[])?;
                    }
                }
            }
        }
        "gaid" => {
            require(&session.actor, Method::POST, &format!("{path}/gaids/add"))?;
            s.set("gaid", field("gaid"));
            match Gaid::parse(&field("gaid")) {
                Err(e) => s.error("gaid", e.to_string()),
                Ok(g) => {
                    if let Err(e) = app.add_gaid(&session.actor, id, &g).await {
                        s.api_error(e, &[("unknown_gaid", "gaid"), ("gaid_taken", "gaid")])?;
                    }
                }
            }
        }
        "default" => {
            require(
                &session.actor,
                Method::POST,
                &format!("{path}/gaids/set-default"),
            )?;
            match Gaid::parse(&field("gaid")) {
                Err(e) => s.general.push(e.to_string()),
                Ok(g) => {
                    if let Err(e) = app.set_default_gaid(&session.actor, id, &g).await {
                        s.api_error(e, &[])?;
                    }
                }
            }
        }
        "delete" => {
            require(&session.actor, Method::DELETE, &format!("{path}/delete"))?;
            if field("confirm") != "yes" {
                return Ok(page(&session, "Confirm", confirm_delete(&session, id)).into_response());
            }
            match app.delete_registered_user(issuer, id).await {
                Ok(()) => return Ok(redirect("/users")),
                Err(e) => s.api_error(e, &[])?,
            }
        }
        "categories" => {
            require(
                &session.actor,
                Method::PUT,
                &format!("{path}/categories/add"),
            )?;
            let user = app.registered_user(issuer, id).await?;
            let all = app.categories(issuer).await?;
            let wanted: Vec<CategoryId> = all
                .iter()
                .map(|c| c.id)
                .filter(|c| form.fields.contains_key(&format!("cat-{}", c.0)))
                .collect();
            let add: Vec<CategoryId> = wanted
                .iter()
                .copied()
                .filter(|c| !user.categories.contains(c))
                .collect();
            let remove: Vec<CategoryId> = user
                .categories
                .iter()
                .copied()
                .filter(|c| !wanted.contains(c))
                .collect();
            if !add.is_empty() {
                app.set_user_categories(&session.actor, id, &add, true)
                    .await?;
            }
            if !remove.is_empty() {
                app.set_user_categories(&session.actor, id, &remove, false)
                    .await?;
            }
        }
        other => return Err(ConsoleError::not_found("action", other)),
    }
    if !s.has_errors() {
        return Ok(redirect(&format!("/users/{}", id.0)));
    }
    let html = render_one(&app, &session, id, &s).await?;
    Ok((StatusCode::BAD_REQUEST, html).into_response())
}

//! Categories: named sets of registered users that transfer-restricted assets require.

use super::assignments::redirect;
use super::PageResult;
use crate::form::{csrf, FormState};
use crate::layout::page;
use crate::paging::Paging;
use crate::policy::{may, require};
use crate::session::{Posted, Session};
use axum::extract::{Query, State};
use axum::http::{Method, StatusCode};
use axum::response::{IntoResponse, Response};
use maud::html;
use serde::Deserialize;
use tessera_app::App;
use tessera_core::{CategoryDescription, Name, NewCategory};

/// `GET /categories`.
pub async fn list(
    State(app): State<App>,
    session: Session,
    Query(paging): Query<Paging>,
) -> PageResult {
    render(&app, &session, &paging, &FormState::default()).await
}

async fn render(app: &App, session: &Session, paging: &Paging, s: &FormState) -> PageResult {
    let issuer = session.actor.issuer();
    let categories = app.categories(issuer).await?;
    let assets = app.assets(issuer).await?;
    let can_add = may(&session.actor, Method::POST, "/api/categories/add");
    let body = html! {
        h1 { "Categories" }
        div.table-wrap {
            table #categories {
                thead { tr { th scope="col" { "Name" } th scope="col" { "Description" } th.num scope="col" { "Members" } th scope="col" { "Required by" } } }
                tbody {
                    @for c in paging.slice(&categories) {
                        tr {
                            td { a href=(format!("/categories/{}", c.id.0)) { (c.name.to_string()) } }
                            td { (c.description.as_str()) }
                            td.num { (c.registered_users.len()) }
                            td { (assets.iter().filter(|a| c.assets.contains(&a.uuid) && session.actor.may_act_on(a.uuid)).map(|a| a.ticker.as_str().to_owned()).collect::<Vec<_>>().join(", ")) }
                        }
                    }
                }
            }
        }
        (paging.pager(categories.len(), "/categories"))
        @if can_add {
            section.panel aria-labelledby="add-h" {
                h2 #add-h { "Add a category" }
                (s.general_errors())
                form method="post" action="/categories" {
                    (csrf(session))
                    (s.text("name", "Name", "e.g. Accredited investors", "off"))
                    (s.text("description", "Description", "Optional.", "off"))
                    button.primary type="submit" { "Add" }
                }
            }
        }
    };
    Ok(page(session, "Categories", body))
}

/// The add form.
#[derive(Debug, Deserialize)]
pub struct AddForm {
    name: String,
    description: String,
}

/// `POST /categories`.
pub async fn add(State(app): State<App>, posted: Posted<AddForm>) -> PageResult<Response> {
    let Posted { session, form } = posted;
    require(&session.actor, Method::POST, "/api/categories/add")?;
    let mut s = FormState::default();
    s.set("name", form.name.clone());
    s.set("description", form.description.clone());
    let name = Name::parse(form.name.trim())
        .map_err(|e| s.error("name", e.to_string()))
        .ok();
    let description = CategoryDescription::parse(form.description.trim())
        .map_err(|e| s.error("description", e.to_string()))
        .ok();
    if let (Some(name), Some(description)) = (name, description) {
        match app
            .add_category(session.actor.issuer(), &NewCategory { name, description })
            .await
        {
            Ok(_) => return Ok(redirect("/categories")),
            Err(e) => s.api_error(e, &[("category_name_taken", "name")])?,
        }
    }
    let html = render(&app, &session, &Paging::default(), &s).await?;
    Ok((StatusCode::BAD_REQUEST, html).into_response())
}

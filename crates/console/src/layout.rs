//! The page shell: header with the main navigation, the asset tabs, the stylesheet and
//! the small script (served from the binary, no build step).

use crate::form::csrf;
use crate::policy::may;
use crate::session::Session;
use axum::http::{header, Method};
use axum::response::IntoResponse;
use maud::{html, Markup, DOCTYPE};
use tessera_core::Asset;

const CSS: &str = include_str!("../assets/console.css");
const JS: &str = include_str!("../assets/console.js");

/// `GET /console.css`.
pub async fn stylesheet() -> impl IntoResponse {
    ([(header::CONTENT_TYPE, "text/css; charset=utf-8")], CSS)
}

/// `GET /console.js`.
pub async fn script() -> impl IntoResponse {
    (
        [(header::CONTENT_TYPE, "text/javascript; charset=utf-8")],
        JS,
    )
}

fn head(title: &str) -> Markup {
    html! {
        head {
            meta charset="utf-8";
            meta name="viewport" content="width=device-width, initial-scale=1";
            title { (title) " · Tessera" }
            link rel="stylesheet" href="/console.css";
            script src="/console.js" defer {}
        }
    }
}

/// A page without navigation (sign-in, errors).
pub fn bare(title: &str, body: Markup) -> Markup {
    html! {
        (DOCTYPE)
        html lang="en" {
            (head(title))
            body { main #main.narrow { (body) } }
        }
    }
}

/// A page of the signed-in console.
pub fn page(session: &Session, title: &str, body: Markup) -> Markup {
    let issuer_only = |path: &str| may(&session.actor, Method::GET, path);
    html! {
        (DOCTYPE)
        html lang="en" {
            (head(title))
            body {
                a.skip href="#main" { "Skip to content" }
                header.top {
                    a.brand href="/" { "Tessera" }
                    nav aria-label="Main" {
                        a href="/assets" { "Assets" }
                        a href="/users" { "Registered users" }
                        a href="/categories" { "Categories" }
                        @if issuer_only("/api/managers") { a href="/managers" { "Managers" } }
                        @if issuer_only("/api/user/settings") { a href="/settings" { "Settings" } }
                    }
                    div.who {
                        span { (session.username) @if !session.is_issuer() { " (manager)" } }
                        form.inline method="post" action="/logout" {
                            (csrf(session))
                            button.link type="submit" { "Sign out" }
                        }
                    }
                }
                main #main tabindex="-1" { (body) }
            }
        }
    }
}

/// The tabs of an asset's pages, `current` marked.
pub fn asset_tabs(asset: &Asset, current: &str) -> Markup {
    let u = asset.uuid;
    let tabs = [
        ("Overview", format!("/assets/{u}")),
        ("Ownership", format!("/assets/{u}/ownership")),
        ("Assignments", format!("/assets/{u}/assignments")),
        ("Distributions", format!("/assets/{u}/distributions")),
        ("Supply", format!("/assets/{u}/supply")),
        ("Dividends", format!("/assets/{u}/dividends")),
        ("Payments", format!("/assets/{u}/payments")),
        ("Authorization", format!("/assets/{u}/authorization")),
        ("Activity", format!("/assets/{u}/activity")),
    ];
    html! {
        div.asset-head {
            h1 { (asset.name.as_str()) " " span.ticker { (asset.ticker.as_str()) } }
            p.muted.mono { (asset.asset_id.to_string()) }
        }
        nav.tabs aria-label="Asset" {
            @for (name, href) in &tabs {
                a href=(href) aria-current=[(*name == current).then_some("page")] { (name) }
            }
        }
    }
}

/// A summary card.
pub fn card(label: &str, value: &str) -> Markup {
    html! {
        div.card { div.card-label { (label) } div.card-value { (value) } }
    }
}

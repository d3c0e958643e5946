//! The issuer console: the platform in a browser, served by `tessera serve` at `/`.
//!
//! Server-rendered HTML (maud), plain CSS and a little hand-written JavaScript for
//! progressive enhancement; charts are SVG drawn here, so every page works with
//! JavaScript off and prints. The console is a second front end of the same
//! application: every page calls the `tessera_app` use cases the API calls, shows the
//! API's own error codes and messages (through `tessera_server::ApiError`), and asks the
//! API's manager policy (`tessera_server::manager_policy`) what a manager may do, so no
//! rule is implemented twice.
//!
//! Logging in hands out an ordinary API token (same store, same lifetime, same
//! revocation), kept in an `HttpOnly`, `SameSite=Strict` cookie (`Secure` behind https);
//! every form carries a CSRF token derived from that session (see [`session`]).

mod chart;
mod csv;
mod error;
mod form;
mod layout;
mod pages;
mod paging;
mod policy;
pub mod session;

pub use error::ConsoleError;

use axum::routing::{get, post};
use axum::Router;
use tessera_app::App;

/// The console's routes (mount beside the API's; they never start with `/api`).
pub fn router(app: App) -> Router {
    use pages::*;
    Router::new()
        .route("/", get(assets::list))
        .route("/login", get(session::login_page).post(session::login))
        .route("/logout", post(session::logout))
        .route("/console.css", get(layout::stylesheet))
        .route("/console.js", get(layout::script))
        .route("/assets", get(assets::list))
        .route("/assets/issue", get(issue::form).post(issue::submit))
        .route("/assets/{uuid}", get(asset::overview))
        .route("/assets/{uuid}/settings/{action}", post(asset::set))
        .route("/assets/{uuid}/ownership", get(ownership::page))
        .route("/assets/{uuid}/supply", get(supply::page_get))
        .route("/assets/{uuid}/activity", get(history::page_get))
        .route(
            "/assets/{uuid}/payments",
            get(payments::page_get).post(payments::record),
        )
        .route("/assets/{uuid}/requirements", post(asset::requirements))
        .route("/assets/{uuid}/supply/{action}", post(supply::act))
        .route("/assets/{uuid}/assignments", get(assignments::list))
        .route(
            "/assets/{uuid}/assignments/create",
            post(assignments::create),
        )
        .route(
            "/assets/{uuid}/assignments/{id}/edit",
            get(assignment_edit::form).post(assignment_edit::save),
        )
        .route(
            "/assets/{uuid}/assignments/{id}/{action}",
            post(assignments::act),
        )
        .route("/assets/{uuid}/import", post(import::submit))
        .route(
            "/assets/{uuid}/distributions",
            get(distributions::list).post(distributions::create),
        )
        .route(
            "/assets/{uuid}/distributions/{duuid}",
            get(distributions::one),
        )
        .route(
            "/assets/{uuid}/distributions/{duuid}/file",
            get(distributions::file),
        )
        .route(
            "/assets/{uuid}/distributions/{duuid}/cancel",
            post(distributions::cancel),
        )
        .route(
            "/assets/{uuid}/dividends",
            get(dividends::page_get).post(dividends::calculate),
        )
        .route("/assets/{uuid}/dividends/{id}", get(dividends::one))
        .route("/assets/{uuid}/dividends/{id}/csv", get(dividends::csv))
        .route(
            "/assets/{uuid}/authorization",
            get(authorization::page_get).post(authorization::save),
        )
        .route(
            "/assets/{uuid}/authorization/check",
            post(authorization::check),
        )
        .route("/users", get(users::list).post(users::add))
        .route("/users/{id}", get(users::one).post(users::edit))
        .route("/categories", get(categories::list).post(categories::add))
        .route("/categories/{id}", get(category::one).post(category::act))
        .route("/managers", get(managers::list).post(managers::create))
        .route("/settings", get(settings::page_get).post(settings::save))
        .route("/managers/{id}/{action}", post(managers::act))
        .with_state(app)
}

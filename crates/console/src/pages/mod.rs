//! The console's pages, one module per resource; each handler checks the manager policy,
//! calls use cases and renders.

pub mod asset;
pub mod assets;
pub mod assignment_edit;
pub mod assignments;
pub mod authorization;
pub mod categories;
pub mod category;
pub mod distributions;
pub mod dividends;
pub mod history;
pub mod import;
pub mod issue;
pub mod managers;
pub mod ownership;
pub mod payments;
pub mod settings;
pub mod supply;
pub mod users;

use crate::policy::require;
use crate::session::Session;
use crate::ConsoleError;
use axum::http::Method;
use tessera_app::App;
use tessera_core::{Amount, Asset, AssetUuid};

/// The page result: HTML or the error page.
pub type PageResult<T = maud::Markup> = Result<T, ConsoleError>;

/// An asset the signed-in person may see (as the API's `GET /api/assets/{uuid}`).
pub async fn visible_asset(app: &App, session: &Session, text: &str) -> PageResult<Asset> {
    require(&session.actor, Method::GET, &format!("/api/assets/{text}"))?;
    let uuid: AssetUuid = text
        .parse()
        .map_err(|_| ConsoleError::not_found("asset", text))?;
    Ok(app.asset(session.actor.issuer(), uuid).await?)
}

/// An asset the signed-in person may act on with the API call `method
/// /api/assets/{uuid}/{call}` (refused as the API would refuse it).
pub async fn asset_for(
    app: &App,
    session: &Session,
    uuid: &str,
    method: Method,
    call: &str,
) -> PageResult<Asset> {
    require(
        &session.actor,
        method,
        &format!("/api/assets/{uuid}/{call}"),
    )?;
    visible_asset(app, session, uuid).await
}

/// Base units in the asset's precision.
pub fn units(asset: &Asset, amount: u64) -> String {
    Amount::from_units(amount).map_or_else(|_| amount.to_string(), |a| asset.precision.format(a))
}

/// A date (UTC) of unix seconds.
pub fn date(unix: i64) -> String {
    chrono::DateTime::from_timestamp(unix, 0)
        .map(|t| t.format("%Y-%m-%d").to_string())
        .unwrap_or_default()
}

/// A date and time (UTC) of unix seconds.
pub fn datetime(unix: i64) -> String {
    chrono::DateTime::from_timestamp(unix, 0)
        .map(|t| t.format("%Y-%m-%d %H:%M UTC").to_string())
        .unwrap_or_default()
}

/// Unix seconds of `YYYY-MM-DD` (midnight UTC) or of plain unix seconds.
pub fn parse_date(text: &str) -> Option<i64> {
    let text = text.trim();
    if let Ok(n) = text.parse::<i64>() {
        return Some(n);
    }
    chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .ok()
        .and_then(|d| d.and_hms_opt(0, 0, 0))
        .map(|t| t.and_utc().timestamp())
}

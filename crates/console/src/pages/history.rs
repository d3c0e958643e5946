//! The asset's transactions (issuance, distributions, transfers, reissuances, burns,
//! treasury moves) from the stored history, newest first, paged before anything is read
//! from the node (`App::asset_txs`).

use super::{datetime, units, visible_asset, PageResult};
use crate::layout::{asset_tabs, page};
use crate::paging::Paging;
use crate::session::Session;
use axum::extract::{Path, Query, State};
use maud::html;
use tessera_app::assets::{HistoryPage, SortColumn};
use tessera_app::App;

/// `GET /assets/{uuid}/activity`.
pub async fn page_get(
    State(app): State<App>,
    session: Session,
    Path(uuid): Path<String>,
    Query(paging): Query<Paging>,
) -> PageResult {
    let asset = visible_asset(&app, &session, &uuid).await?;
    let window = HistoryPage {
        start: paging.start() as u64,
        count: Some(paging.count() as u64 + 1),
        sort: SortColumn::Chain,
        descending: true,
        height_start: None,
        height_stop: None,
    };
    let txs = app
        .asset_txs(session.actor.issuer(), asset.uuid, &window)
        .await?;
    let more = txs.len() > paging.count();
    let asset_hex = asset.asset_id.to_string();
    let base = format!("/assets/{}/activity", asset.uuid);
    let body = html! {
        (asset_tabs(&asset, "Activity"))
        div.table-wrap { table #activity {
            thead { tr { th scope="col" { "Block" } th scope="col" { "When" } th scope="col" { "What" } th scope="col" { "Transaction" } th scope="col" { "Received" } } }
            tbody { @for t in txs.iter().take(paging.count()) {
                tr {
                    td { (t.height) }
                    td { (datetime(t.time)) }
                    td { span.badge { (t.kind.as_str()) } }
                    td.mono { (t.txid) }
                    td { @for o in t.outputs.iter().filter(|o| o.asset_id == asset_hex) {
                        div {
                            (units(&asset, o.amount.units())) " → "
                            @if o.is_treasury { "treasury" }
                            @else if let Some(u) = o.registered_user { a href=(format!("/users/{}", u.0)) { "#" (u.0) } }
                            @else if let Some(g) = &o.gaid { span.mono { (g) } }
                            @else if o.is_burnt { "burnt" }
                            @else { "elsewhere" }
                        }
                    } }
                }
            } }
        } }
        nav.pager aria-label="Pages" {
            @if paging.start() > 0 { a rel="prev" href=(format!("{base}?start={}&count={}", paging.start().saturating_sub(paging.count()), paging.count())) { "← Newer" } }
            @if more { a rel="next" href=(format!("{base}?start={}&count={}", paging.start() + paging.count(), paging.count())) { "Older →" } }
        }
    };
    Ok(page(&session, "Activity", body))
}

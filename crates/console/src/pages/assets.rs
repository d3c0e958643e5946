//! The assets list: what the issuer (or the manager's grants) holds, at a glance.

use super::{units, PageResult};
use crate::layout::page;
use crate::paging::Paging;
use crate::policy::may;
use crate::session::Session;
use axum::extract::{Query, State};
use axum::http::Method;
use maud::html;
use tessera_app::App;

/// `GET /assets` (and `/`).
pub async fn list(
    State(app): State<App>,
    session: Session,
    Query(paging): Query<Paging>,
) -> PageResult {
    let issuer = session.actor.issuer();
    let all = app.assets(issuer).await?;
    let visible: Vec<_> = all
        .into_iter()
        .filter(|a| session.actor.may_act_on(a.uuid))
        .collect();
    let mut rows = Vec::new();
    for asset in paging.slice(&visible) {
        let supply = app.supply(issuer, asset.uuid).await?;
        rows.push((asset, supply));
    }
    let can_issue = may(&session.actor, Method::POST, "/api/assets/issue");
    let body = html! {
        div.actions {
            h1 { "Assets" }
            @if can_issue { a.button.primary href="/assets/issue" { "Issue an asset" } }
        }
        div.table-wrap {
            table {
                caption.muted { "Amounts in each asset's own units." }
                thead { tr {
                    th scope="col" { "Name" } th scope="col" { "Ticker" } th scope="col" { "Type" }
                    th.num scope="col" { "In circulation" } th.num scope="col" { "Treasury" }
                    th scope="col" { "Status" }
                } }
                tbody {
                    @for (a, s) in &rows {
                        tr {
                            td { a href=(format!("/assets/{}", a.uuid)) { (a.name.as_str()) } }
                            td { (a.ticker.as_str()) }
                            td { @if a.kind.is_transfer_restricted() { "Transfer-restricted" } @else { "Issuer-tracked" } }
                            td.num { (s.circulation().map_or("—".into(), |v| units(a, v.units()))) }
                            td.num { (s.treasury_balance().map_or("—".into(), |v| units(a, v.units()))) }
                            td { @if a.is_locked { span.badge.bad { "Locked" } } @else { span.badge.ok { "Active" } } }
                        }
                    }
                }
            }
        }
        (paging.pager(visible.len(), "/assets"))
        @if visible.is_empty() && can_issue {
            p { "No asset yet. " a href="/assets/issue" { "Issue the first one" } "." }
        }
    };
    Ok(page(&session, "Assets", body))
}

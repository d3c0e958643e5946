//! Ownership over time: treasury and investors' holdings at each block where the supply
//! moved (distributions, reissuances, burns), and the holders table at a chosen block
//! height or date.
//!
//! Every figure is an ownership snapshot (`App::ownership_snapshot`), the same
//! computation as `GET /api/assets/{uuid}/ownerships/{height}`; the chart asks for at
//! most [`POINTS`] of them.

use super::{units, visible_asset, PageResult};
use crate::chart::{lines, Series};
use crate::form::FormState;
use crate::layout::{asset_tabs, page as shell};
use crate::session::Session;
use axum::extract::{Path, Query, State};
use maud::html;
use serde::Deserialize;
use std::collections::BTreeSet;
use tessera_app::App;
use tessera_core::DistributionState;

/// Most snapshots one chart asks for.
pub const POINTS: usize = 24;

/// `?height=` or `?date=` of the table.
#[derive(Debug, Deserialize, Default)]
pub struct At {
    height: Option<String>,
    date: Option<String>,
}

/// `GET /assets/{uuid}/ownership`.
pub async fn page_(app: &App, session: &Session, uuid: &str, at: At) -> PageResult {
    let asset = visible_asset(app, session, uuid).await?;
    let issuer = session.actor.issuer();
    let tip = app.store().chain_tip().await?.map(|b| b.height);
    let mut events: BTreeSet<u32> = BTreeSet::new();
    for d in app.distributions(issuer, asset.uuid).await? {
        if let DistributionState::Confirmed { height, .. } = d.state {
            events.insert(height);
        }
    }
    for r in app.reissuances(issuer, asset.uuid).await? {
        events.extend(r.confirmed.map(|c| c.height));
    }
    for b in app.burns(issuer, asset.uuid).await? {
        events.extend(b.confirmed.map(|c| c.height));
    }
    let mut heights: BTreeSet<u32> = BTreeSet::new();
    if let Some(first) = events.first() {
        heights.insert(first.saturating_sub(1));
    }
    heights.extend(events.iter().copied());
    heights.extend(tip);
    let mut heights: Vec<u32> = heights.into_iter().collect();
    if heights.len() > POINTS {
        let step = heights.len().div_ceil(POINTS);
        let last = heights.last().copied();
        heights = heights.into_iter().step_by(step).collect();
        heights.extend(last.filter(|l| heights.last() != Some(l)));
    }
    let (mut treasury, mut investors, mut holders) = (Vec::new(), Vec::new(), Vec::new());
    for &h in &heights {
        let snap = app.ownership_snapshot(issuer, asset.uuid, Some(h)).await?;
        let t: u64 = snap
            .lines
            .iter()
            .filter(|l| l.is_treasury)
            .map(|l| l.amount)
            .sum();
        let i: u64 = snap
            .lines
            .iter()
            .filter(|l| !l.is_treasury)
            .map(|l| l.amount)
            .sum();
        treasury.push((u64::from(h), t));
        investors.push((u64::from(h), i));
        holders.push((
            u64::from(h),
            snap.lines.iter().filter(|l| !l.is_treasury).count() as u64,
        ));
    }
    // The table: at a height, at a date (last block at or before it), or at the tip.
    let mut form = FormState::default();
    let mut chosen = None;
    if let Some(h) = at
        .height
        .as_deref()
        .map(str::trim)
        .filter(|h| !h.is_empty())
    {
        form.set("height", h);
        match h.parse::<u32>() {
            Ok(h) => chosen = Some(h),
            Err(_) => form.error("height", format!("{h:?} is not a block height")),
        }
    } else if let Some(d) = at.date.as_deref().map(str::trim).filter(|d| !d.is_empty()) {
        form.set("date", d);
        match super::parse_date(d) {
            Some(t) => match app.height_at_time(t.saturating_add(86_399)).await? {
                Some(h) => chosen = Some(h),
                None => form.error("date", format!("no block at or before {d}")),
            },
            None => form.error("date", format!("{d:?} is not a date (YYYY-MM-DD)")),
        }
    }
    let snapshot = match app.ownership_snapshot(issuer, asset.uuid, chosen).await {
        Ok(s) => Some(s),
        Err(e) => {
            form.api_error(e, &[("height_above_tip", "height")])?;
            None
        }
    };
    let fmt = |v: u64| units(&asset, v);
    let body = html! {
        (asset_tabs(&asset, "Ownership"))
        h2 { "Ownership over time" }
        @if heights.len() < 2 {
            p.muted { "The chart needs a distribution, reissuance or burn on chain first." }
        } @else {
            div.panel {
                (lines("ownership-chart", "Treasury and investors' holdings by block height",
                    &[Series { name: "Treasury".into(), points: treasury.clone() },
                      Series { name: "Investors".into(), points: investors.clone() }], "height", fmt))
            }
        }
        div.table-wrap {
            table {
                caption.muted { "The chart's figures" }
                thead { tr { th scope="col" { "Block height" } th.num scope="col" { "Treasury" } th.num scope="col" { "Investors" } th.num scope="col" { "Holders" } } }
                tbody {
                    @for (i, (h, t)) in treasury.iter().enumerate() {
                        tr {
                            td { a href=(format!("?height={h}")) { (h) } }
                            td.num { (fmt(*t)) }
                            td.num { (fmt(investors[i].1)) }
                            td.num { (holders[i].1) }
                        }
                    }
                }
            }
        }
        h2 #at-h { "Holders at a block or date" }
        (form.general_errors())
        form.panel method="get" action=(format!("/assets/{}/ownership", asset.uuid)) {
            div.grid2 {
                (form.input("height", "Block height", "Holdings at the end of this block.", "number", ""))
                (form.input("date", "Or a date", "The last block of that day (UTC).", "date", ""))
            }
            button type="submit" { "Show" }
        }
        @if let Some(s) = &snapshot {
            p { "At block " strong { (s.height.map_or("—".into(), |h| h.to_string())) } ":" }
            div.table-wrap {
                table #ownership-at {
                    thead { tr { th scope="col" { "Holder" } th scope="col" { "GAID" } th.num scope="col" { "Amount" } } }
                    tbody {
                        @for l in &s.lines {
                            tr {
                                td { (l.owner.clone().unwrap_or_else(|| "unknown".into())) }
                                td.mono { (l.gaid.as_ref().map(ToString::to_string).unwrap_or_default()) }
                                td.num { (fmt(l.amount)) }
                            }
                        }
                    }
                }
            }
        }
    };
    Ok(shell(session, "Ownership", body))
}

/// `GET /assets/{uuid}/ownership`.
pub async fn page(
    State(app): State<App>,
    session: Session,
    Path(uuid): Path<String>,
    Query(at): Query<At>,
) -> PageResult {
    page_(&app, &session, &uuid, at).await
}

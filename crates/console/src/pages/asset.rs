//! An asset at a glance: summary cards, holders with the chart of their holdings, and
//! the vesting timeline by month.

use super::{units, visible_asset, PageResult};
use crate::chart;
use crate::form::{button, confirm_page};
use crate::layout::{asset_tabs, card, page};
use crate::paging::Paging;
use crate::policy::{may, require};
use crate::session::{Posted, Session};
use axum::extract::{Path, Query, State};
use axum::http::Method;
use axum::response::{IntoResponse, Response};
use maud::{html, Markup};
use std::collections::BTreeMap;
use tessera_app::reports::vesting_totals;
use tessera_app::App;
use tessera_core::{Asset, Assignment, Category};
use tessera_store::AssetFlags;

/// `GET /assets/{uuid}`.
pub async fn overview(
    State(app): State<App>,
    session: Session,
    Path(uuid): Path<String>,
    Query(paging): Query<Paging>,
) -> PageResult {
    let asset = visible_asset(&app, &session, &uuid).await?;
    let issuer = session.actor.issuer();
    let report = app.asset_report(issuer, asset.uuid).await?;
    let snapshot = app.ownership_snapshot(issuer, asset.uuid, None).await?;
    let assignments = app.assignments(issuer, asset.uuid, None).await?;
    let categories = app.categories(issuer).await?;
    let s = &report.supply;
    let u = |a: tessera_core::Amount| units(&asset, a.units());
    let or_dash = |r: Result<tessera_core::Amount, _>| r.map_or("—".to_owned(), u);
    let lines = &snapshot.lines;
    let holder_name = |l: &tessera_app::reports::OwnershipLine| {
        l.owner
            .clone()
            .or_else(|| l.gaid.as_ref().map(ToString::to_string))
            .unwrap_or_else(|| "unknown".into())
    };
    let mut ranked: Vec<(String, u64)> = lines.iter().map(|l| (holder_name(l), l.amount)).collect();
    ranked.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    ranked.truncate(15);
    let body = html! {
        (asset_tabs(&asset, "Overview"))
        section aria-labelledby="supply-h" {
            h2 #supply-h { "Supply" }
            div.cards {
                (card("Issued", &u(s.issued)))
                (card("Reissued", &u(s.reissued)))
                (card("Burned", &u(s.burned)))
                (card("In circulation", &or_dash(s.circulation())))
                (card("Treasury", &or_dash(s.treasury_balance())))
                (card("Assigned, not distributed", &u(s.assigned_undistributed)))
                (card("Distributed", &u(s.distributed)))
                (card("Blacklisted", &units(&asset, report.blacklisted)))
                (card("Holding accounts", &report.active_accounts.to_string()))
                (card("Users with assignments", &report.registered_users.to_string()))
            }
            p.muted {
                (if asset.kind.is_transfer_restricted() { "Transfer-restricted" } else { "Issuer-tracked" })
                " · precision " (asset.precision.decimals())
                @if asset.is_reissuable { " · reissuable" }
                @if asset.is_locked { " · " span.badge.bad { "locked: no transfers are co-signed" } }
            }
        }
        (settings(&session, &asset))
        (requirements_form(&session, &asset, &categories))
        section aria-labelledby="holders-h" {
            h2 #holders-h { "Holders" }
            div.grid2 {
                div.panel {
                    (chart::bars("holders-chart", "Holdings by holder (largest 15)", &ranked, |v| units(&asset, v)))
                }
                div {
                    (holders_table(&asset, lines, &paging, &holder_name))
                }
            }
        }
        section aria-labelledby="vesting-h" {
            h2 #vesting-h { "Vesting timeline" }
            (vesting(&asset, &assignments, app.now()))
        }
    };
    Ok(page(&session, asset.name.as_str(), body))
}

/// Transfers: authorize the asset for the co-signer, lock or unlock it.
fn settings(session: &Session, asset: &Asset) -> Markup {
    let u = asset.uuid;
    let can = |method: Method, action: &str| {
        may(&session.actor, method, &format!("/api/assets/{u}/{action}"))
    };
    let base = format!("/assets/{u}/settings");
    html! {
        div.actions.panel #asset-settings {
            @if asset.is_authorized { span.badge.ok { "Transfers co-signed by the platform" } }
            @else {
                span.badge.warn { "Not yet authorized: the platform co-signs no transfer of it" }
                @if can(Method::GET, "register-authorized") { (button(session, &format!("{base}/authorize"), "Authorize transfers", None)) }
            }
            @if asset.is_locked {
                @if can(Method::PUT, "unlock") { (button(session, &format!("{base}/unlock"), "Unlock transfers", None)) }
            } @else if can(Method::PUT, "lock") {
                (button(session, &format!("{base}/lock"), "Lock all transfers", Some("Lock the asset? No transfer is co-signed until you unlock it.")))
            }
        }
    }
}

/// The categories a receiver must all belong to (transfer-restricted assets).
fn requirements_form(session: &Session, asset: &Asset, categories: &[Category]) -> Markup {
    let u = asset.uuid;
    let can = categories.first().is_some_and(|c| {
        may(
            &session.actor,
            Method::PUT,
            &format!("/api/categories/{}/assets/{u}/add", c.id.0),
        )
    });
    html! {
        @if asset.kind.is_transfer_restricted() {
            section.panel aria-labelledby="req-h" {
                h2 #req-h { "Requirements" }
                p.help { "Only registered users in every checked category may receive this asset." }
                form method="post" action=(format!("/assets/{u}/requirements")) {
                    (crate::form::csrf(session))
                    fieldset {
                        legend { "Required categories" }
                        @for c in categories {
                            div.field.check {
                                input id=(format!("req-{}", c.id.0)) type="checkbox" name=(format!("req-{}", c.id.0))
                                    checked[asset.requirements.contains(&c.id)] disabled[!can];
                                label for=(format!("req-{}", c.id.0)) { (c.name.to_string()) }
                            }
                        }
                        @if categories.is_empty() { p.muted { "No category yet: add one under Categories." } }
                    }
                    @if can { button type="submit" { "Save requirements" } }
                }
            }
        }
    }
}

/// The requirements form: `req-{id}` checkboxes.
#[derive(Debug, serde::Deserialize)]
pub struct RequirementsForm {
    #[serde(flatten)]
    fields: std::collections::HashMap<String, String>,
}

/// `POST /assets/{uuid}/requirements`: adds and removes requirements to match the boxes.
pub async fn requirements(
    State(app): State<App>,
    Path(uuid): Path<String>,
    posted: Posted<RequirementsForm>,
) -> PageResult<Response> {
    let Posted { session, form } = posted;
    let asset = visible_asset(&app, &session, &uuid).await?;
    let issuer = session.actor.issuer();
    for c in app.categories(issuer).await? {
        let wanted = form.fields.contains_key(&format!("req-{}", c.id.0));
        if wanted == asset.requirements.contains(&c.id) {
            continue;
        }
        let verb = if wanted { "add" } else { "remove" };
        require(
            &session.actor,
            Method::PUT,
            &format!("/api/categories/{}/assets/{uuid}/{verb}", c.id.0),
        )?;
        app.set_requirement(issuer, c.id, asset.uuid, wanted)
            .await?;
    }
    Ok(super::assignments::redirect(&format!("/assets/{uuid}")))
}

/// `POST /assets/{uuid}/settings/{authorize|lock|unlock}`.
pub async fn set(
    State(app): State<App>,
    Path((uuid, action)): Path<(String, String)>,
    posted: Posted<crate::form::ActionForm>,
) -> PageResult<Response> {
    let Posted { session, form } = posted;
    let asset = visible_asset(&app, &session, &uuid).await?;
    let (method, api, flags) = match action.as_str() {
        "authorize" => (
            Method::GET,
            "register-authorized",
            AssetFlags {
                is_authorized: Some(true),
                ..AssetFlags::default()
            },
        ),
        "lock" => (
            Method::PUT,
            "lock",
            AssetFlags {
                is_locked: Some(true),
                ..AssetFlags::default()
            },
        ),
        "unlock" => (
            Method::PUT,
            "unlock",
            AssetFlags {
                is_locked: Some(false),
                ..AssetFlags::default()
            },
        ),
        other => return Err(crate::ConsoleError::not_found("action", other)),
    };
    require(&session.actor, method, &format!("/api/assets/{uuid}/{api}"))?;
    if action == "lock" && !form.confirmed() {
        let q = format!(
            "Lock {}? No transfer is co-signed until you unlock it.",
            asset.name.as_str()
        );
        return Ok(page(
            &session,
            "Confirm",
            confirm_page(&session, &format!("/assets/{uuid}/settings/lock"), &q),
        )
        .into_response());
    }
    app.set_asset_flags(session.actor.issuer(), asset.uuid, flags)
        .await?;
    Ok(super::assignments::redirect(&format!("/assets/{uuid}")))
}

fn holders_table(
    asset: &Asset,
    lines: &[tessera_app::reports::OwnershipLine],
    paging: &Paging,
    name: &dyn Fn(&tessera_app::reports::OwnershipLine) -> String,
) -> Markup {
    html! {
        div.table-wrap {
            table #holders {
                thead { tr { th scope="col" { "Holder" } th scope="col" { "GAID" } th.num scope="col" { "Amount" } th.num scope="col" { "Blacklisted" } } }
                tbody {
                    @for l in paging.slice(lines) {
                        tr {
                            td {
                                @if let Some(id) = l.registered_user { a href=(format!("/users/{}", id.0)) { (name(l)) } }
                                @else { (name(l)) }
                            }
                            td.mono { (l.gaid.as_ref().map(ToString::to_string).unwrap_or_default()) }
                            td.num { (units(asset, l.amount)) }
                            td.num { (units(asset, l.blacklisted)) }
                        }
                    }
                }
            }
        }
        (paging.pager(lines.len(), &format!("/assets/{}", asset.uuid)))
    }
}

/// Vested-not-distributed, not yet vested and distributed amounts per vesting month
/// (assignments without a vesting date count in the month they are shown as "no date").
fn vesting(asset: &Asset, assignments: &[Assignment], now: i64) -> Markup {
    let mut months: BTreeMap<String, Vec<&Assignment>> = BTreeMap::new();
    for a in assignments {
        let month = a.vesting_timestamp.map_or_else(
            || "no date".to_owned(),
            |t| super::date(t).get(..7).unwrap_or_default().to_owned(),
        );
        months.entry(month).or_default().push(a);
    }
    let mut columns = Vec::new();
    for (month, list) in &months {
        if let Ok(t) = vesting_totals(list.iter().copied(), now) {
            columns.push((
                month.clone(),
                vec![
                    t.vested_distributed.units(),
                    t.vested_undistributed.units(),
                    t.not_yet_vested.units(),
                ],
            ));
        }
    }
    let names = ["Distributed", "Vested, not distributed", "Not yet vested"];
    html! {
        @if columns.is_empty() { p.muted { "No assignments yet." } }
        @else {
            div.panel { (chart::stacked("vesting-chart", "Assignments by vesting month", &names, &columns)) }
            div.table-wrap {
                table {
                    thead { tr { th scope="col" { "Month" } @for n in names { th.num scope="col" { (n) } } } }
                    tbody {
                        @for (month, values) in &columns {
                            tr { td { (month) } @for v in values { td.num { (units(asset, *v)) } } }
                        }
                    }
                }
            }
        }
    }
}

//! The dividends calculator: the API's inputs as a form, the lines as a table, and the
//! API's CSV as a download. Each calculation is stored (as by the API) and listed.

use super::assignments::redirect;
use super::{datetime, units, visible_asset, PageResult};
use crate::form::{csrf, FormState};
use crate::layout::{asset_tabs, page};
use crate::paging::Paging;
use crate::session::{Posted, Session};
use axum::extract::{Path, Query, State};
use axum::http::{header, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use maud::html;
use serde::Deserialize;
use std::collections::HashMap;
use tessera_app::reports::{At, DividendSpec, ExcludeRef};
use tessera_app::App;
use tessera_core::{Amount, Asset, Payout, Precision};
use tessera_server::files::{dividend, dividends_csv};

/// `GET /assets/{uuid}/dividends`.
pub async fn page_get(
    State(app): State<App>,
    session: Session,
    Path(uuid): Path<String>,
    Query(paging): Query<Paging>,
) -> PageResult {
    let asset = visible_asset(&app, &session, &uuid).await?;
    let mut s = FormState::default();
    s.set("payout", "per_unit");
    s.set("precision", "2");
    s.set("minimum", "0");
    s.set("currency", "USD");
    render(&app, &session, &asset, &paging, &s).await
}

async fn render(
    app: &App,
    session: &Session,
    asset: &Asset,
    paging: &Paging,
    s: &FormState,
) -> PageResult {
    let mut list = app.dividends(session.actor.issuer(), asset.uuid).await?;
    list.reverse();
    let base = format!("/assets/{}/dividends", asset.uuid);
    let body = html! {
        (asset_tabs(asset, "Dividends"))
        section.panel aria-labelledby="calc-h" {
            h2 #calc-h { "Calculate a dividend" }
            p.help { "Splits a payout over the holders at a block (the treasury never shares). Payments happen outside Tessera; record them under Payments." }
            (s.general_errors())
            form method="post" action=(base) {
                (csrf(session))
                div.grid2 {
                    (s.select("payout", "Payout", "Per whole unit held, or one total split pro rata.", &[("per_unit", "Amount per unit held"), ("total", "Total amount")]))
                    (s.text("amount", "Amount", "In the payout currency, with its decimals (e.g. 0.25).", ""))
                    (s.text("currency", "Currency", "Free text, e.g. USD or an asset id.", ""))
                    (s.input("precision", "Currency decimals", "0–8; USD has 2.", "number", ""))
                    (s.input("height", "At block height (optional)", "Empty: the current tip.", "number", ""))
                    (s.input("date", "Or at a date (optional)", "The last block of that day (UTC).", "date", ""))
                    (s.text("minimum", "Smallest payment", "Lines under it are not paid (remainder).", ""))
                    (s.text("exclude", "Exclude (optional)", "GAIDs or registered user ids, separated by commas.", ""))
                }
                (s.checkbox("include_vested", "Count vested, undistributed assignments", "The issuer owes them; they entitle their user."))
                button.primary type="submit" { "Calculate" }
            }
        }
        h2 { "Calculations" }
        div.table-wrap {
            table #dividends {
                thead { tr { th scope="col" { "Id" } th scope="col" { "Computed" } th scope="col" { "Block" } th.num scope="col" { "Total" } th.num scope="col" { "Lines" } th scope="col" { "Export" } } }
                tbody {
                    @for d in paging.slice(&list) {
                        @let p = Precision::new(i64::from(d.dividend.precision)).unwrap_or_default();
                        tr {
                            td { a href=(format!("{base}/{}", d.id)) { (d.id) } }
                            td { (datetime(d.created_at)) }
                            td { (d.dividend.height) }
                            td.num { (p.format(d.dividend.total)) " " (d.dividend.currency) }
                            td.num { (d.dividend.lines.len()) }
                            td { a href=(format!("{base}/{}/csv", d.id)) download { "CSV" } }
                        }
                    }
                }
            }
        }
        (paging.pager(list.len(), &base))
    };
    Ok(page(session, "Dividends", body))
}

/// The calculator's fields.
#[derive(Debug, Deserialize)]
pub struct CalcForm {
    #[serde(flatten)]
    fields: HashMap<String, String>,
}

fn spec(s: &mut FormState) -> Option<DividendSpec> {
    let v = |s: &FormState, n: &str| s.value(n).trim().to_owned();
    let precision = v(s, "precision").parse::<u8>().ok().filter(|p| *p <= 8);
    if precision.is_none() {
        s.error("precision", "decimals must be a number from 0 to 8");
    }
    let p = Precision::new(i64::from(precision.unwrap_or(0))).unwrap_or_default();
    let amount = p
        .parse(&v(s, "amount"))
        .map_err(|e| s.error("amount", e.to_string()))
        .ok();
    let minimum = p
        .parse(&v(s, "minimum"))
        .map_err(|e| s.error("minimum", e.to_string()))
        .ok();
    let at = match (v(s, "height"), v(s, "date")) {
        (h, d) if h.is_empty() && d.is_empty() => Some(At::Tip),
        (h, _) if !h.is_empty() => h
            .parse()
            .map(At::Height)
            .map_err(|_| s.error("height", format!("{h:?} is not a block height")))
            .ok(),
        (_, d) => super::parse_date(&d)
            .map(|t| At::Time(t.saturating_add(86_399)))
            .or_else(|| {
                s.error("date", format!("{d:?} is not a date"));
                None
            }),
    };
    let mut exclude = Vec::new();
    for item in v(s, "exclude")
        .split(',')
        .map(str::trim)
        .filter(|x| !x.is_empty())
    {
        if let Ok(id) = item.parse::<i64>() {
            exclude.push(ExcludeRef::User(tessera_core::RegisteredUserId(id)));
        } else if let Ok(g) = tessera_core::Gaid::parse(item) {
            exclude.push(ExcludeRef::Gaid(g));
        } else {
            s.error(
                "exclude",
                format!("{item:?} is neither a GAID nor a registered user id"),
            );
        }
    }
    let amount: Amount = amount?;
    let payout = if v(s, "payout") == "total" {
        Payout::Total(amount)
    } else {
        Payout::PerUnit(amount)
    };
    Some(DividendSpec {
        at: at?,
        payout,
        currency: v(s, "currency"),
        precision: precision?,
        exclude,
        include_vested_undistributed: s.value("include_vested") == "on",
        minimum: minimum?,
    })
    .filter(|_| !s.has_errors())
}

/// `POST /assets/{uuid}/dividends`.
pub async fn calculate(
    State(app): State<App>,
    Path(uuid): Path<String>,
    posted: Posted<CalcForm>,
) -> PageResult<Response> {
    let Posted { session, form } = posted;
    let asset =
        super::asset_for(&app, &session, &uuid, Method::POST, "dividends/calculate").await?;
    let mut s = FormState::default();
    for (k, v) in form.fields.iter().filter(|(k, _)| *k != "csrf") {
        s.set(k, v.clone());
    }
    if let Some(spec) = spec(&mut s) {
        match app
            .calculate_dividend(session.actor.issuer(), asset.uuid, spec)
            .await
        {
            Ok(d) => return Ok(redirect(&format!("/assets/{uuid}/dividends/{}", d.id))),
            Err(e) => s.api_error(
                e,
                &[
                    ("height_above_tip", "height"),
                    ("no_block_at_time", "date"),
                    ("invalid_dividend", "amount"),
                    ("invalid_amount", "amount"),
                ],
            )?,
        }
    }
    let html = render(&app, &session, &asset, &Paging::default(), &s).await?;
    Ok((StatusCode::BAD_REQUEST, html).into_response())
}

/// `GET /assets/{uuid}/dividends/{id}`: the lines.
pub async fn one(
    State(app): State<App>,
    session: Session,
    Path((uuid, id)): Path<(String, i64)>,
    Query(paging): Query<Paging>,
) -> PageResult {
    let asset = visible_asset(&app, &session, &uuid).await?;
    let d = app.dividend(session.actor.issuer(), asset.uuid, id).await?;
    let p = Precision::new(i64::from(d.dividend.precision)).unwrap_or_default();
    let cur = &d.dividend.currency;
    let base = format!("/assets/{uuid}/dividends/{id}");
    let body = html! {
        (asset_tabs(&asset, "Dividends"))
        div.actions {
            h2 { "Dividend " (d.id) }
            a.button.primary href=(format!("{base}/csv")) download=(format!("dividend-{id}.csv")) { "Download CSV" }
        }
        p { "Holders at block " (d.dividend.height) "; total " strong { (p.format(d.dividend.total)) " " (cur) }
            "; not paid (under the minimum) " (p.format(d.dividend.remainder)) " " (cur) "." }
        div.table-wrap {
            table #dividend-lines {
                thead { tr { th scope="col" { "Registered user" } th scope="col" { "GAID" } th.num scope="col" { "Units held" } th.num scope="col" { "Amount" } } }
                tbody {
                    @for l in paging.slice(&d.dividend.lines) {
                        tr {
                            td { @if let Some(u) = l.registered_user { a href=(format!("/users/{}", u.0)) { "#" (u.0) } } }
                            td.mono { (l.gaid.as_ref().map(ToString::to_string).unwrap_or_default()) }
                            td.num { (units(&asset, l.units.units())) }
                            td.num { (p.format(l.amount)) " " (cur) }
                        }
                    }
                }
            }
        }
        (paging.pager(d.dividend.lines.len(), &base))
    };
    Ok(page(&session, "Dividend", body))
}

/// `GET /assets/{uuid}/dividends/{id}/csv`: the API's CSV of the dividend.
pub async fn csv(
    State(app): State<App>,
    session: Session,
    Path((uuid, id)): Path<(String, i64)>,
) -> PageResult<Response> {
    let asset = visible_asset(&app, &session, &uuid).await?;
    let d = app.dividend(session.actor.issuer(), asset.uuid, id).await?;
    let text = dividends_csv(&[dividend(d)]);
    let disposition = format!("attachment; filename=\"dividend-{id}.csv\"");
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
            (header::CONTENT_DISPOSITION, disposition),
        ],
        text,
    )
        .into_response())
}

//! Payments made outside Tessera (a dividend paid by bank transfer, a reward), recorded
//! against the asset and, optionally, a holder and a dividend calculation.

use super::assignments::redirect;
use super::{asset_for, datetime, visible_asset, PageResult};
use crate::form::{csrf, FormState};
use crate::layout::{asset_tabs, page};
use crate::paging::Paging;
use crate::policy::may;
use crate::session::{Posted, Session};
use axum::extract::{Path, Query, State};
use axum::http::{Method, StatusCode};
use axum::response::{IntoResponse, Response};
use maud::html;
use serde::Deserialize;
use tessera_app::reports::{HolderRef, PaymentSpec};
use tessera_app::App;
use tessera_core::{Amount, Asset, Gaid, RegisteredUserId};

/// `GET /assets/{uuid}/payments`.
pub async fn page_get(
    State(app): State<App>,
    session: Session,
    Path(uuid): Path<String>,
    Query(paging): Query<Paging>,
) -> PageResult {
    let asset = visible_asset(&app, &session, &uuid).await?;
    render(&app, &session, &asset, &paging, &FormState::default()).await
}

async fn render(
    app: &App,
    session: &Session,
    asset: &Asset,
    paging: &Paging,
    s: &FormState,
) -> PageResult {
    let mut list = app.payments(session.actor.issuer(), asset.uuid).await?;
    list.reverse();
    let base = format!("/assets/{}/payments", asset.uuid);
    let can = may(
        &session.actor,
        Method::POST,
        &format!("/api/assets/{}/payments", asset.uuid),
    );
    let body = html! {
        (asset_tabs(asset, "Payments"))
        @if can {
            section.panel aria-labelledby="pay-h" {
                h2 #pay-h { "Record a payment" }
                p.help { "For your records: Tessera moves no money here." }
                (s.general_errors())
                form method="post" action=(base) {
                    (csrf(session))
                    div.grid2 {
                        (s.text("reference", "Reference", "Bank reference or a note.", "off"))
                        (s.text("holder", "Paid to (optional)", "A GAID or a registered user id.", ""))
                        (s.text("amount", "Amount (optional)", "In the currency's smallest unit (e.g. cents).", ""))
                        (s.text("currency", "Currency (optional)", "e.g. USD.", ""))
                        (s.text("dividend", "Dividend (optional)", "The id of the dividend calculation it pays.", ""))
                    }
                    button.primary type="submit" { "Record" }
                }
            }
        }
        div.table-wrap { table #payments {
            thead { tr { th scope="col" { "Recorded" } th scope="col" { "Reference" } th scope="col" { "Paid to" } th.num scope="col" { "Amount" } th scope="col" { "Dividend" } } }
            tbody { @for p in paging.slice(&list) {
                @let n = &p.payment;
                tr {
                    td { (datetime(p.created_at)) }
                    td { (n.reference) }
                    td {
                        @if let Some(u) = n.registered_user { a href=(format!("/users/{}", u.0)) { "#" (u.0) } " " }
                        @if let Some(g) = &n.gaid { span.mono { (g) } }
                    }
                    td.num { (n.amount.map(|a| a.units().to_string()).unwrap_or_default()) " " (n.currency.clone().unwrap_or_default()) }
                    td { @if let Some(d) = n.dividend { a href=(format!("/assets/{}/dividends/{d}", asset.uuid)) { (d) } } }
                }
            } }
        } }
        (paging.pager(list.len(), &base))
    };
    Ok(page(session, "Payments", body))
}

/// The payment form.
#[derive(Debug, Deserialize)]
pub struct PaymentForm {
    reference: String,
    holder: String,
    amount: String,
    currency: String,
    dividend: String,
}

/// `POST /assets/{uuid}/payments`.
pub async fn record(
    State(app): State<App>,
    Path(uuid): Path<String>,
    posted: Posted<PaymentForm>,
) -> PageResult<Response> {
    let Posted { session, form } = posted;
    let asset = asset_for(&app, &session, &uuid, Method::POST, "payments").await?;
    let mut s = FormState::default();
    for (k, v) in [
        ("reference", &form.reference),
        ("holder", &form.holder),
        ("amount", &form.amount),
        ("currency", &form.currency),
        ("dividend", &form.dividend),
    ] {
        s.set(k, v.trim());
    }
    let holder = match form.holder.trim() {
        "" => None,
        h => match (h.parse::<i64>(), Gaid::parse(h)) {
            (Ok(id), _) => Some(HolderRef::User(RegisteredUserId(id))),
            (_, Ok(g)) => Some(HolderRef::Gaid(g)),
            _ => {
                s.error(
                    "holder",
                    format!("{h:?} is neither a GAID nor a registered user id"),
                );
                None
            }
        },
    };
    let amount = match form.amount.trim() {
        "" => None,
        a => a
            .parse::<u64>()
            .ok()
            .and_then(|n| Amount::from_units(n).ok())
            .or_else(|| {
                s.error(
                    "amount",
                    format!("{a:?} is not a whole number of the currency's smallest unit"),
                );
                None
            }),
    };
    let dividend = match form.dividend.trim() {
        "" => None,
        d => d.parse::<i64>().ok().or_else(|| {
            s.error("dividend", format!("{d:?} is not a dividend id"));
            None
        }),
    };
    if !s.has_errors() {
        let currency = Some(form.currency.trim().to_owned()).filter(|c| !c.is_empty());
        let spec = PaymentSpec {
            reference: form.reference.trim().to_owned(),
            amount,
            currency,
            holder,
            dividend,
        };
        match app
            .record_payment(session.actor.issuer(), asset.uuid, spec)
            .await
        {
            Ok(_) => return Ok(redirect(&format!("/assets/{uuid}/payments"))),
            Err(e) => s.api_error(
                e,
                &[
                    ("registered_user_not_found", "holder"),
                    ("dividend_not_found", "dividend"),
                    ("invalid_length", "reference"),
                ],
            )?,
        }
    }
    let html = render(&app, &session, &asset, &Paging::default(), &s).await?;
    Ok((StatusCode::BAD_REQUEST, html).into_response())
}

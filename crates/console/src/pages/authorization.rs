//! The issuer authorization endpoint of an asset: its URL and mode (enforce or shadow),
//! a described-transfer check, and the co-signer's decision log with reason codes and
//! shadow-mode disagreements highlighted.

use super::assignments::redirect;
use super::{datetime, units, visible_asset, PageResult};
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
use tessera_app::assets::AuthorizationMode;
use tessera_app::transfers::DescribedTransfer;
use tessera_app::App;
use tessera_core::{Asset, AuthorizationEndpoint};

/// `GET /assets/{uuid}/authorization`.
pub async fn page_get(
    State(app): State<App>,
    session: Session,
    Path(uuid): Path<String>,
    Query(paging): Query<Paging>,
) -> PageResult {
    let asset = visible_asset(&app, &session, &uuid).await?;
    render(
        &app,
        &session,
        &asset,
        &paging,
        None,
        &FormState::default(),
        &FormState::default(),
    )
    .await
}

async fn render(
    app: &App,
    session: &Session,
    asset: &Asset,
    paging: &Paging,
    answer: Option<String>,
    settings: &FormState,
    check: &FormState,
) -> PageResult {
    let issuer = session.actor.issuer();
    let mode = app
        .store()
        .authorization_mode(issuer, asset.uuid)
        .await?
        .unwrap_or_default();
    let mut s = settings.clone();
    if !s.has_errors() {
        s.set(
            "endpoint",
            asset
                .issuer_authorization_endpoint
                .as_ref()
                .map(|e| e.as_str().to_owned())
                .unwrap_or_default(),
        );
        s.set("mode", mode.as_str());
    }
    let decisions = app
        .transfer_decisions(
            issuer,
            asset.uuid,
            paging.start() as u64,
            paging.count() as u32 + 1,
        )
        .await?;
    let more = decisions.len() > paging.count();
    let base = format!("/assets/{}/authorization", asset.uuid);
    let can_edit = may(
        &session.actor,
        Method::PUT,
        &format!("/api/assets/{}/edit", asset.uuid),
    );
    let body = html! {
        (asset_tabs(asset, "Authorization"))
        div.grid2 {
            section.panel aria-labelledby="endpoint-h" {
                h2 #endpoint-h { "Authorization endpoint" }
                p.help { "Your service is asked about every transfer of this asset (a signed request). \
                          Enforce: its answer decides. Shadow: the category rules decide and its answer is only logged, \
                          so you can try it before trusting it." }
                (s.general_errors())
                @if can_edit {
                    form method="post" action=(base) {
                        (csrf(session))
                        (s.input("endpoint", "Endpoint URL", "https://… ; empty to switch it off.", "url", ""))
                        (s.select("mode", "Mode", "", &[("enforce", "Enforce"), ("shadow", "Shadow (log only)")]))
                        button.primary type="submit" { "Save" }
                    }
                } @else {
                    p { "Endpoint: " code { (s.value("endpoint")) } " · mode " (s.value("mode")) }
                }
            }
            section.panel aria-labelledby="check-h" {
                h2 #check-h { "Check a transfer" }
                p.help { "Would this transfer be co-signed? Decided (and logged) exactly like a real one, without a transaction." }
                (check.general_errors())
                @if let Some(a) = &answer { p.notice role="status" #check-answer { (a) } }
                form method="post" action=(format!("{base}/check")) {
                    (csrf(session))
                    (check.text("sender", "Sender GAID", "A managed account holding the asset.", ""))
                    (check.text("receiver", "Receiver GAID or address", "", ""))
                    (check.text("amount", "Amount", &format!("In {} units.", asset.ticker.as_str()), ""))
                    button type="submit" { "Check" }
                }
            }
        }
        h2 { "Decision log" }
        div.table-wrap {
            table #decisions {
                thead { tr {
                    th scope="col" { "When" } th scope="col" { "Source" } th scope="col" { "Sender → receivers" } th.num scope="col" { "Amount" }
                    th scope="col" { "Decision" } th scope="col" { "Categories" } th scope="col" { "Endpoint" }
                } }
                tbody {
                    @for d in decisions.iter().take(paging.count()) {
                        @let n = &d.decision;
                        tr.disagree[n.shadow_disagreement] {
                            td { (datetime(d.created_at)) }
                            td { (format!("{:?}", n.source).to_lowercase()) }
                            td.mono { (n.sender.clone().unwrap_or_default()) " → " (n.receivers.join(", ")) }
                            td.num { (units(asset, n.amount)) }
                            td {
                                @if n.allowed { span.badge.ok { "allowed" } } @else { span.badge.bad { "refused" } }
                                @if let Some(code) = &n.reason_code { " " code { (code) } }
                                br; span.muted { (n.message) }
                            }
                            td { code { (n.category_verdict.clone().unwrap_or_else(|| "—".into())) } }
                            td {
                                @if let Some(e) = &n.endpoint {
                                    (e.mode) ": " strong { (e.answer) } " (" (e.latency_ms) " ms)"
                                    @if !e.detail.is_empty() { br; span.muted { (e.detail) } }
                                }
                                @if n.shadow_disagreement { br; span.badge.warn { "disagreement" } }
                            }
                        }
                    }
                }
            }
        }
        nav.pager aria-label="Pages" {
            @if paging.start() > 0 { a rel="prev" href=(format!("{base}?start={}&count={}", paging.start().saturating_sub(paging.count()), paging.count())) { "← Previous" } }
            @if more { a rel="next" href=(format!("{base}?start={}&count={}", paging.start() + paging.count(), paging.count())) { "Next →" } }
        }
    };
    Ok(page(session, "Authorization", body))
}

/// The endpoint form.
#[derive(Debug, Deserialize)]
pub struct EndpointForm {
    endpoint: String,
    mode: String,
}

/// `POST /assets/{uuid}/authorization`.
pub async fn save(
    State(app): State<App>,
    Path(uuid): Path<String>,
    posted: Posted<EndpointForm>,
) -> PageResult<Response> {
    let Posted { session, form } = posted;
    let asset = super::asset_for(&app, &session, &uuid, Method::PUT, "edit").await?;
    let mut s = FormState::default();
    s.set("endpoint", form.endpoint.clone());
    s.set("mode", form.mode.clone());
    let endpoint = match form.endpoint.trim() {
        "" => None,
        text => AuthorizationEndpoint::parse(text)
            .map_err(|e| s.error("endpoint", e.to_string()))
            .ok(),
    };
    let mode = match form.mode.as_str() {
        "shadow" => AuthorizationMode::Shadow,
        _ => AuthorizationMode::Enforce,
    };
    if !s.has_errors() {
        match app
            .set_authorization_endpoint(session.actor.issuer(), asset.uuid, endpoint.as_ref(), mode)
            .await
        {
            Ok(_) => return Ok(redirect(&format!("/assets/{uuid}/authorization"))),
            Err(e) => s.api_error(e, &[])?,
        }
    }
    let html = render(
        &app,
        &session,
        &asset,
        &Paging::default(),
        None,
        &s,
        &FormState::default(),
    )
    .await?;
    Ok((StatusCode::BAD_REQUEST, html).into_response())
}

/// The check form.
#[derive(Debug, Deserialize)]
pub struct CheckForm {
    sender: String,
    receiver: String,
    amount: String,
}

/// `POST /assets/{uuid}/authorization/check`.
pub async fn check(
    State(app): State<App>,
    Path(uuid): Path<String>,
    posted: Posted<CheckForm>,
) -> PageResult<Response> {
    let Posted { session, form } = posted;
    let asset =
        super::asset_for(&app, &session, &uuid, Method::POST, "transfers/authorize").await?;
    let mut s = FormState::default();
    s.set("sender", form.sender.clone());
    s.set("receiver", form.receiver.clone());
    s.set("amount", form.amount.clone());
    let mut answer = None;
    match asset.precision.parse(form.amount.trim()) {
        Err(e) => s.error("amount", e.to_string()),
        Ok(amount) => {
            let t = DescribedTransfer {
                sender: form.sender.trim().into(),
                receiver: form.receiver.trim().into(),
                amount: amount.units(),
            };
            match app
                .authorize_described(session.actor.issuer(), asset.uuid, &t)
                .await
            {
                Ok(a) => {
                    answer = Some(format!(
                        "{}: {}",
                        if a.result { "Allowed" } else { "Refused" },
                        a.message
                    ))
                }
                Err(e) => s.api_error(
                    e,
                    &[
                        ("invalid_transfer", "sender"),
                        ("unknown_account", "sender"),
                    ],
                )?,
            }
        }
    }
    let status = if s.has_errors() {
        StatusCode::BAD_REQUEST
    } else {
        StatusCode::OK
    };
    let html = render(
        &app,
        &session,
        &asset,
        &Paging::default(),
        answer,
        &FormState::default(),
        &s,
    )
    .await?;
    Ok((status, html).into_response())
}

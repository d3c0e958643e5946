//! Distributions: create one from the ready assignments, download its file for the
//! confirm tool with the exact command to run, and watch its status until the chain
//! confirms it.

use super::assignments::redirect;
use super::{datetime, units, visible_asset, PageResult};
use crate::form::{button, confirm_page, csrf, FormState};
use crate::layout::{asset_tabs, page};
use crate::paging::Paging;
use crate::policy::may;
use crate::session::{Posted, Session};
use crate::ConsoleError;
use axum::extract::{Path, Query, State};
use axum::http::{header, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use maud::{html, Markup};
use tessera_app::App;
use tessera_core::{Asset, DistributionState, DistributionUuid};
use tessera_server::files::{distribution_file, BaseUrl};
use tessera_store::Distribution;

fn duuid(text: &str) -> Result<DistributionUuid, ConsoleError> {
    text.parse::<uuid::Uuid>()
        .map(DistributionUuid)
        .map_err(|_| ConsoleError::not_found("distribution", text))
}

fn status(d: &Distribution) -> Markup {
    html! {
        @match &d.state {
            DistributionState::Unconfirmed { .. } => span.badge.warn { "Waiting for payment" },
            DistributionState::Confirmed { height, .. } => span.badge.ok { "Confirmed at block " (height) },
            DistributionState::Cancelled => span.badge.bad { "Cancelled" },
        }
    }
}

/// `GET /assets/{uuid}/distributions`.
pub async fn list(
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
    let mut all = app
        .distributions(session.actor.issuer(), asset.uuid)
        .await?;
    all.reverse();
    let base = format!("/assets/{}/distributions", asset.uuid);
    let can_create = may(
        &session.actor,
        Method::POST,
        &format!("/api/assets/{}/distributions/create", asset.uuid),
    );
    let body = html! {
        (asset_tabs(asset, "Distributions"))
        @if can_create {
            section.panel {
                h2 { "Distribute" }
                p.help { "Takes every ready, unlocked, vested assignment whose registered user has a GAID, \
                          derives a fresh address for each receiver, and gives you the file your own node pays with." }
                (s.general_errors())
                form method="post" action=(base) {
                    (csrf(session))
                    button.primary type="submit" { "Create a distribution" }
                }
            }
        }
        div.table-wrap {
            table #distributions {
                thead { tr { th scope="col" { "Created" } th scope="col" { "Distribution" } th.num scope="col" { "Receivers" } th.num scope="col" { "Amount" } th scope="col" { "Status" } } }
                tbody {
                    @for d in paging.slice(&all) {
                        tr {
                            td { (datetime(d.created_at)) }
                            td.mono { a href=(format!("{base}/{}", d.uuid.0)) { (d.uuid.0) } }
                            td.num { (d.outputs.len()) }
                            td.num { (units(asset, d.outputs.iter().map(|o| o.amount.units()).sum())) }
                            td { (status(d)) }
                        }
                    }
                }
            }
        }
        (paging.pager(all.len(), &base))
    };
    Ok(page(session, "Distributions", body))
}

/// `POST /assets/{uuid}/distributions`: creates one and shows it.
pub async fn create(
    State(app): State<App>,
    Path(uuid): Path<String>,
    posted: Posted<crate::session::Empty>,
) -> PageResult<Response> {
    let Posted { session, .. } = posted;
    let asset =
        super::asset_for(&app, &session, &uuid, Method::POST, "distributions/create").await?;
    match app
        .create_distribution(session.actor.issuer(), asset.uuid)
        .await
    {
        Ok((_, d)) => Ok(redirect(&format!(
            "/assets/{uuid}/distributions/{}",
            d.uuid.0
        ))),
        Err(e) => {
            let mut s = FormState::default();
            s.api_error(e, &[])?;
            let html = render(&app, &session, &asset, &Paging::default(), &s).await?;
            Ok((StatusCode::CONFLICT, html).into_response())
        }
    }
}

/// `GET /assets/{uuid}/distributions/{duuid}`.
pub async fn one(
    State(app): State<App>,
    session: Session,
    Path((uuid, d)): Path<(String, String)>,
) -> PageResult {
    let asset = visible_asset(&app, &session, &uuid).await?;
    let d = app
        .distribution(session.actor.issuer(), asset.uuid, duuid(&d)?)
        .await?;
    let file_name = format!("distribution-{}.json", d.uuid.0);
    let command = format!(
        "tessera confirm -u {} -p 'YOUR PASSWORD' -n http://RPCUSER:RPCPASS@127.0.0.1:PORT/wallet/YOUR_WALLET distribute -f {file_name}",
        session.username
    );
    let open = matches!(d.state, DistributionState::Unconfirmed { .. });
    let base = format!("/assets/{uuid}/distributions/{}", d.uuid.0);
    let body = html! {
        (asset_tabs(&asset, "Distributions"))
        h2 { "Distribution " span.mono { (d.uuid.0) } }
        div #distribution-status.panel data-poll=[open.then_some("3")] aria-live="polite" {
            p { "Status: " (status(&d)) }
            @if open {
                p.progress { span.spinner aria-hidden="true" {} "Waiting for the payment to confirm on chain (this page updates itself)." }
            }
            @if let DistributionState::Confirmed { txids, .. } = &d.state {
                p { "Paid by " @for t in txids { code { (t) } " " } }
            }
        }
        @if open {
            section.panel {
                h3 { "Pay it with your node" }
                ol {
                    li { a.button.primary href=(format!("{base}/file")) download=(file_name) { "Download " (file_name) } }
                    li { "Run, next to the file (your node's wallet holds the treasury):"
                        pre.command #confirm-command { (command) } }
                    li { "The tool pays, waits for 2 confirmations and reports back; this page then shows it confirmed." }
                }
                (button(&session, &format!("{base}/cancel"), "Cancel this distribution",
                    Some("Cancel it? Its assignments become pending again. Do not cancel after paying.")))
            }
        }
        div.table-wrap {
            table #distribution-outputs {
                thead { tr { th scope="col" { "Registered user" } th scope="col" { "GAID" } th scope="col" { "Address" } th.num scope="col" { "Amount" } } }
                tbody {
                    @for o in &d.outputs {
                        tr {
                            td { a href=(format!("/users/{}", o.registered_user.0)) { "#" (o.registered_user.0) } }
                            td.mono { (o.gaid) }
                            td.mono { (o.address) }
                            td.num { (units(&asset, o.amount.units())) }
                        }
                    }
                }
            }
        }
    };
    Ok(page(&session, "Distribution", body))
}

/// `GET /assets/{uuid}/distributions/{duuid}/file`: the file `tessera confirm` pays.
pub async fn file(
    State(app): State<App>,
    session: Session,
    Path((uuid, d)): Path<(String, String)>,
    BaseUrl(base): BaseUrl,
) -> PageResult<Response> {
    let asset = visible_asset(&app, &session, &uuid).await?;
    let d = app
        .distribution(session.actor.issuer(), asset.uuid, duuid(&d)?)
        .await?;
    let json = serde_json::to_vec_pretty(&distribution_file(&asset, &d, base))
        .map_err(|e| ConsoleError::Api(tessera_server::ApiError::Internal(e.to_string())))?;
    let disposition = format!("attachment; filename=\"distribution-{}.json\"", d.uuid.0);
    Ok((
        [
            (header::CONTENT_TYPE, "application/json".to_owned()),
            (header::CONTENT_DISPOSITION, disposition),
        ],
        json,
    )
        .into_response())
}

/// `POST /assets/{uuid}/distributions/{duuid}/cancel`.
pub async fn cancel(
    State(app): State<App>,
    Path((uuid, d)): Path<(String, String)>,
    posted: Posted<crate::form::ActionForm>,
) -> PageResult<Response> {
    let Posted { session, form } = posted;
    let asset = super::asset_for(
        &app,
        &session,
        &uuid,
        Method::DELETE,
        &format!("distributions/{d}/cancel"),
    )
    .await?;
    if !form.confirmed() {
        let action = format!("/assets/{uuid}/distributions/{d}/cancel");
        return Ok(page(
            &session,
            "Confirm",
            confirm_page(&session, &action, "Cancel this distribution?"),
        )
        .into_response());
    }
    app.cancel_distribution(session.actor.issuer(), asset.uuid, duuid(&d)?)
        .await?;
    Ok(redirect(&format!("/assets/{uuid}/distributions")))
}

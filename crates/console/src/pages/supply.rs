//! Supply and custody of an asset: reissue and burn requests (the file for the confirm
//! tool and the command, then their status), treasury addresses, and the output
//! blacklist (locked outputs the co-signer will not spend).

use super::assignments::redirect;
use super::{asset_for, datetime, units, visible_asset, PageResult};
use crate::form::{csrf, FormState};
use crate::layout::{asset_tabs, page};
use crate::paging::Paging;
use crate::policy::may;
use crate::session::{Posted, Session};
use crate::ConsoleError;
use axum::extract::{Path, Query, State};
use axum::http::{Method, StatusCode};
use axum::response::{IntoResponse, Response};
use base64::Engine;
use maud::{html, Markup};
use serde::Deserialize;
use std::collections::HashMap;
use tessera_app::App;
use tessera_core::Asset;
use tessera_server::files::{burn_file, reissue_file, BaseUrl};

/// `GET /assets/{uuid}/supply`.
pub async fn page_get(
    State(app): State<App>,
    session: Session,
    Path(uuid): Path<String>,
    Query(paging): Query<Paging>,
) -> PageResult {
    let asset = visible_asset(&app, &session, &uuid).await?;
    render(&app, &session, &asset, &paging, &FormState::default(), None).await
}

/// A request file to download, with the command that carries it out.
struct Handout {
    command: &'static str,
    json: String,
}

async fn render(
    app: &App,
    session: &Session,
    asset: &Asset,
    paging: &Paging,
    s: &FormState,
    handout: Option<Handout>,
) -> PageResult {
    let issuer = session.actor.issuer();
    let u = asset.uuid;
    let reissuances = app.reissuances(issuer, u).await?;
    let burns = app.burns(issuer, u).await?;
    let treasury = app.treasury_addresses(issuer, u).await?;
    let outputs = app.asset_outputs(issuer, u).await?;
    let can = |m: Method, call: &str| may(&session.actor, m, &format!("/api/assets/{u}/{call}"));
    let base = format!("/assets/{u}/supply");
    let body = html! {
        (asset_tabs(asset, "Supply"))
        (s.general_errors())
        @if let Some(h) = &handout { (handout_panel(session, h)) }
        div.grid2 {
            @if asset.is_reissuable && can(Method::POST, "reissue-request") {
                section.panel aria-labelledby="reissue-h" {
                    h2 #reissue-h { "Reissue" }
                    p.help { "Creates more of the asset with your node's reissuance token." }
                    form method="post" action=(format!("{base}/reissue")) {
                        (csrf(session))
                        (s.text("reissue_amount", "Amount to reissue", &format!("In {} units.", asset.ticker.as_str()), ""))
                        button.primary type="submit" { "Request reissuance" }
                    }
                }
            }
            @if can(Method::POST, "burn-request") {
                section.panel aria-labelledby="burn-h" {
                    h2 #burn-h { "Burn" }
                    p.help { "Destroys an amount of the treasury's holding on chain." }
                    form method="post" action=(format!("{base}/burn")) {
                        (csrf(session))
                        (s.text("burn_amount", "Amount to burn", &format!("In {} units.", asset.ticker.as_str()), ""))
                        button.primary type="submit" { "Request burn" }
                    }
                }
            }
        }
        h2 { "Reissuances and burns" }
        div.table-wrap { table #supply-ops {
            thead { tr { th scope="col" { "Requested" } th scope="col" { "Kind" } th.num scope="col" { "Amount" } th scope="col" { "Status" } } }
            tbody {
                @for r in &reissuances { tr { td { (datetime(r.created_at)) } td { "Reissuance" } td.num { (units(asset, r.amount.units())) }
                    td { @match &r.confirmed { Some(c) => span.badge.ok { "Confirmed at block " (c.height) }, None => span.badge.warn { "Waiting for your node" } } } } }
                @for b in &burns { tr { td { (datetime(b.created_at)) } td { "Burn" } td.num { (units(asset, b.amount.units())) }
                    td { @match &b.confirmed { Some(c) => span.badge.ok { "Confirmed at block " (c.height) }, None => span.badge.warn { "Waiting for your node" } } } } }
            }
        } }
        section aria-labelledby="treasury-h" {
            h2 #treasury-h { "Treasury addresses" }
            p.help { "Your own addresses that may also receive the asset (for redemption before a burn)." }
            ul.mono { @for a in &treasury { li { (a) " "
                @if can(Method::DELETE, "treasury-addresses/delete") {
                    form.inline method="post" action=(format!("{base}/treasury-delete")) data-confirm=(format!("Remove {a}?")) {
                        (csrf(session)) input type="hidden" name="addresses" value=(a);
                        button.danger type="submit" { "Remove" }
                    }
                } } } }
            @if treasury.is_empty() { p.muted { "None." } }
            @if can(Method::POST, "treasury-addresses/add") {
                form.panel method="post" action=(format!("{base}/treasury-add")) {
                    (csrf(session))
                    (s.textarea("addresses", "Add addresses", "One per line.", 2))
                    button type="submit" { "Add" }
                }
            }
        }
        section aria-labelledby="outputs-h" {
            h2 #outputs-h { "Outputs and blacklist" }
            div.table-wrap { table #outputs {
                thead { tr { th scope="col" { "Output" } th scope="col" { "Holder" } th.num scope="col" { "Amount" } th scope="col" { "Blacklist" } } }
                tbody { @for (o, locked) in paging.slice(&outputs) {
                    @let point = format!("{}:{}", o.txid, o.vout);
                    tr.disagree[*locked] {
                        td.mono { (point) }
                        td.mono { (format!("{:?}", o.owner).chars().take(60).collect::<String>()) }
                        td.num { (units(asset, o.amount)) }
                        td { @if *locked {
                                @if can(Method::POST, "utxos/whitelist") { (lock_button(session, &base, &point, false)) }
                            } @else if can(Method::POST, "utxos/blacklist") { (lock_button(session, &base, &point, true)) } }
                    }
                } }
            } }
            (paging.pager(outputs.len(), &base))
        }
    };
    Ok(page(session, "Supply", body))
}

fn lock_button(session: &Session, base: &str, point: &str, lock: bool) -> Markup {
    let (action, text) = if lock {
        ("blacklist", "Lock")
    } else {
        ("whitelist", "Unlock")
    };
    let confirm = lock.then(|| format!("Lock {point}? The platform will not co-sign spending it."));
    html! {
        form.inline method="post" action=(format!("{base}/{action}")) data-confirm=[confirm] {
            (csrf(session)) input type="hidden" name="output" value=(point);
            button.danger[lock] type="submit" { (text) }
        }
    }
}

fn handout_panel(session: &Session, h: &Handout) -> Markup {
    let b64 = base64::engine::general_purpose::STANDARD.encode(&h.json);
    let file = format!("{}.json", h.command);
    html! {
        section.panel.notice #handout role="status" {
            h2 { "Carry it out with your node" }
            ol {
                li { a.button.primary href=(format!("data:application/json;base64,{b64}")) download=(file) { "Download " (file) } }
                li { "Run next to the file:" pre.command { "tessera confirm -u " (session.username) " -p 'YOUR PASSWORD' -n http://RPCUSER:RPCPASS@127.0.0.1:PORT/wallet/YOUR_WALLET " (h.command) " -f " (file) } }
                li { "The status below turns to confirmed once the tool has reported back." }
            }
        }
    }
}

/// The supply page's forms (which fields depends on the action).
#[derive(Debug, Deserialize)]
pub struct SupplyForm {
    #[serde(flatten)]
    fields: HashMap<String, String>,
}

/// `POST /assets/{uuid}/supply/{reissue|burn|treasury-add|treasury-delete|blacklist|whitelist}`.
pub async fn act(
    State(app): State<App>,
    Path((uuid, action)): Path<(String, String)>,
    BaseUrl(base_url): BaseUrl,
    posted: Posted<SupplyForm>,
) -> PageResult<Response> {
    let Posted { session, form } = posted;
    let field = |n: &str| {
        form.fields
            .get(n)
            .map(|v| v.trim().to_owned())
            .unwrap_or_default()
    };
    let issuer = session.actor.issuer();
    let mut s = FormState::default();
    let (method, call) = match action.as_str() {
        "reissue" => (Method::POST, "reissue-request"),
        "burn" => (Method::POST, "burn-request"),
        "treasury-add" => (Method::POST, "treasury-addresses/add"),
        "treasury-delete" => (Method::DELETE, "treasury-addresses/delete"),
        "blacklist" | "whitelist" => (
            Method::POST,
            if action == "blacklist" {
                "utxos/blacklist"
            } else {
                "utxos/whitelist"
            },
        ),
        other => return Err(ConsoleError::not_found("action", other)),
    };
    let asset = asset_for(&app, &session, &uuid, method, call).await?;
    let mut handout = None;
    match action.as_str() {
        "reissue" | "burn" => {
            let name = format!("{action}_amount");
            s.set(&name, field(&name));
            match asset.precision.parse(&field(&name)) {
                Err(e) => s.error(&name, e.to_string()),
                Ok(amount) if action == "reissue" => match app
                    .request_reissuance(issuer, asset.uuid, amount.units())
                    .await
                {
                    Ok((a, r, tokens)) => {
                        handout = Some(Handout {
                            command: "reissue",
                            json: json(&reissue_file(&a, &r, &tokens, base_url))?,
                        })
                    }
                    Err(e) => s.api_error(
                        e,
                        &[
                            ("invalid_amount", "reissue_amount"),
                            ("not_reissuable", "reissue_amount"),
                        ],
                    )?,
                },
                Ok(amount) => match app.request_burn(issuer, asset.uuid, amount.units()).await {
                    Ok((a, b, outs)) => {
                        handout = Some(Handout {
                            command: "burn",
                            json: json(&burn_file(&a, &b, &outs, base_url))?,
                        })
                    }
                    Err(e) => s.api_error(
                        e,
                        &[
                            ("invalid_amount", "burn_amount"),
                            ("exceeds_treasury", "burn_amount"),
                        ],
                    )?,
                },
            }
        }
        "treasury-add" | "treasury-delete" => {
            let list: Vec<String> = field("addresses")
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .map(str::to_owned)
                .collect();
            s.set("addresses", field("addresses"));
            let done = if action == "treasury-add" {
                app.add_treasury_addresses(issuer, asset.uuid, &list).await
            } else {
                app.delete_treasury_addresses(issuer, asset.uuid, &list)
                    .await
            };
            if let Err(e) = done {
                s.api_error(
                    e,
                    &[
                        ("invalid_address", "addresses"),
                        ("address_exists", "addresses"),
                    ],
                )?;
            }
        }
        _ => {
            let point = field("output");
            let parsed = point
                .split_once(':')
                .and_then(|(t, v)| Some((t.parse().ok()?, v.parse().ok()?)));
            let Some(point) = parsed else {
                return Err(ConsoleError::not_found("output", &point));
            };
            app.set_outputs_locked(issuer, asset.uuid, &[point], action == "blacklist")
                .await?;
        }
    }
    if !s.has_errors() && handout.is_none() {
        return Ok(redirect(&format!("/assets/{uuid}/supply")));
    }
    let status = if s.has_errors() {
        StatusCode::BAD_REQUEST
    } else {
        StatusCode::OK
    };
    let html = render(&app, &session, &asset, &Paging::default(), &s, handout).await?;
    Ok((status, html).into_response())
}

fn json<T: serde::Serialize>(file: &T) -> Result<String, ConsoleError> {
    serde_json::to_string_pretty(file)
        .map_err(|e| ConsoleError::Api(tessera_server::ApiError::Internal(e.to_string())))
}

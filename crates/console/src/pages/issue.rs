//! The issue form: both asset types, precision and reissuance, each field explained.
//!
//! The fields are parsed by the same core constructors as `POST /api/assets/issue` and
//! the issuance is the same use case; errors show next to the field they concern.

use super::PageResult;
use crate::form::{csrf, FormState};
use crate::layout::page;
use crate::policy::require;
use crate::session::{Posted, Session};
use axum::extract::State;
use axum::http::{header, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use maud::{html, Markup};
use serde::Deserialize;
use std::collections::HashMap;
use tessera_app::assets::IssueRequest;
use tessera_app::App;
use tessera_core::{Amount, AssetKind, AssetName, Domain, IssuerPubkey, Precision, Ticker};
use tessera_server::ApiError;

const PATH: &str = "/api/assets/issue";

/// `GET /assets/issue`.
pub async fn form(State(_app): State<App>, session: Session) -> PageResult {
    require(&session.actor, Method::POST, PATH)?;
    let mut state = FormState::default();
    state.set("precision", "0");
    state.set("reissuance_amount", "1");
    state.set("kind", "tracked");
    state.set("is_confidential", "on");
    Ok(render(&session, &state))
}

fn render(session: &Session, s: &FormState) -> Markup {
    let body = html! {
        h1 { "Issue an asset" }
        p.muted { "The server's node creates the asset in one transaction and pays it, with its \
                   reissuance token, to your own Elements wallet (the treasury)." }
        (s.general_errors())
        form.panel method="post" action="/assets/issue" {
            (csrf(session))
            (s.text("name", "Name", "Shown to investors, e.g. \"ACME Series A shares\" (5–255 characters).", ""))
            (s.text("ticker", "Ticker", "3 to 24 letters, digits, dots or dashes, e.g. ACME.", ""))
            (s.text("domain", "Issuer domain", "A domain you control; the asset registry links the asset to it.", ""))
            (s.text("pubkey", "Issuer public key", "Compressed public key (66 hex) committed in the registry contract.", ""))
            (s.select("kind", "Type", "Issuer-tracked: any managed account may receive it. Transfer-restricted: only registered users in the required categories.",
                &[("tracked", "Issuer-tracked"), ("restricted", "Transfer-restricted")]))
            (s.input("precision", "Precision", "Decimal places shown (0–8); amounts below are in this precision.", "number", ""))
            (s.text("amount", "Amount to issue", "In asset units, e.g. 1000000 or 1000.50 with precision 2.", ""))
            (s.text("destination_address", "Treasury address", "An address of your own Elements wallet; it receives the asset.", ""))
            (s.checkbox("is_confidential", "Confidential issuance", "Blind the issued amount on chain."))
            (s.checkbox("is_reissuable", "Reissuable", "Create a reissuance token so more can be issued later."))
            (s.text("reissuance_amount", "Reissuance tokens", "Token base units to create (at least 1 when reissuable).", ""))
            (s.text("reissuance_address", "Token address (optional)", "Where the token goes; the treasury address when empty.", ""))
            button.primary type="submit" { "Issue" }
        }
    };
    page(session, "Issue an asset", body)
}

/// The issue form's fields.
#[derive(Debug, Deserialize)]
pub struct IssueForm {
    #[serde(flatten)]
    fields: HashMap<String, String>,
}

/// `POST /assets/issue`.
pub async fn submit(State(app): State<App>, posted: Posted<IssueForm>) -> PageResult<Response> {
    let Posted { session, form } = posted;
    require(&session.actor, Method::POST, PATH)?;
    let mut s = FormState::default();
    for (k, v) in &form.fields {
        if k != "csrf" {
            s.set(k, v.clone());
        }
    }
    let Some(request) = parse(&mut s) else {
        return Ok((StatusCode::BAD_REQUEST, render(&session, &s)).into_response());
    };
    match app.issue_asset(session.actor.issuer(), request).await {
        Ok(issued) => {
            let to = format!("/assets/{}", issued.asset.uuid);
            Ok((StatusCode::SEE_OTHER, [(header::LOCATION, to)]).into_response())
        }
        Err(e) => {
            let field = if e.to_string().contains("reissuance_address") {
                "reissuance_address"
            } else {
                "destination_address"
            };
            s.api_error(
                e,
                &[
                    ("invalid_address", field),
                    ("invalid_amount", "amount"),
                    ("insufficient_funds", "amount"),
                ],
            )?;
            Ok((StatusCode::BAD_REQUEST, render(&session, &s)).into_response())
        }
    }
}

/// Parses every field, recording each error next to its field (all at once).
fn parse(s: &mut FormState) -> Option<IssueRequest> {
    fn field<T, E: std::fmt::Display>(
        s: &mut FormState,
        name: &str,
        code: &'static str,
        parsed: Result<T, E>,
    ) -> Option<T> {
        parsed
            .map_err(|e| {
                let (_, _, message) = ApiError::bad_request(code, e).public();
                s.error(name, message);
            })
            .ok()
    }
    let v = |s: &FormState, n: &str| s.value(n).trim().to_owned();
    let name = field(s, "name", "invalid_name", AssetName::parse(&v(s, "name")));
    let ticker = field(
        s,
        "ticker",
        "invalid_ticker",
        Ticker::parse(&v(s, "ticker")),
    );
    let domain = field(
        s,
        "domain",
        "invalid_domain",
        Domain::parse(&v(s, "domain")),
    );
    let pubkey = field(
        s,
        "pubkey",
        "invalid_pubkey",
        IssuerPubkey::parse(&v(s, "pubkey")),
    );
    let decimals = v(s, "precision")
        .parse::<i64>()
        .map_err(|_| "precision must be a number from 0 to 8".to_owned());
    let precision = field(
        s,
        "precision",
        "invalid_precision",
        decimals.and_then(|d| Precision::new(d).map_err(|e| e.to_string())),
    );
    let amount =
        precision.and_then(|p| field(s, "amount", "invalid_amount", p.parse(&v(s, "amount"))));
    let reissuable = s.value("is_reissuable") == "on";
    let tokens_text = v(s, "reissuance_amount");
    let tokens = if reissuable {
        field(
            s,
            "reissuance_amount",
            "invalid_amount",
            tokens_text
                .parse::<u64>()
                .map_err(|_| format!("{tokens_text:?} is not a whole number of token base units"))
                .and_then(|n| Amount::from_units(n).map_err(|e| e.to_string())),
        )
    } else {
        Some(Amount::ZERO)
    };
    let destination = v(s, "destination_address");
    if destination.is_empty() {
        s.error(
            "destination_address",
            "enter the address of your wallet that receives the asset",
        );
    }
    let token_address = v(s, "reissuance_address");
    Some(IssueRequest {
        name: name?,
        ticker: ticker?,
        domain: domain?,
        pubkey: pubkey?,
        precision: precision?,
        amount: amount?,
        destination_address: destination,
        is_confidential: s.value("is_confidential") == "on",
        is_reissuable: reissuable,
        reissuance_amount: tokens?,
        reissuance_address: (!token_address.is_empty()).then_some(token_address),
        kind: AssetKind::from_transfer_restricted(s.value("kind") == "restricted"),
    })
    .filter(|_| !s.has_errors())
}

//! Transfers (extensions): the wallet's co-signing request and what it needs to build
//! one, the issuer's described-transfer authorization and decision log, and the key that
//! signs authorization-endpoint requests.
//!
//! A refusal is an answer, not an error: `POST /api/wallet/transfers` answers 200 with
//! `result: "refused"` and the reason code, so a wallet can show it like any result.

use crate::extract::{ApiObject, ApiPath, ApiQuery, CurrentAccount, CurrentIssuer};
use crate::{convert_assets as ca, ApiError};
use axum::extract::State;
use axum::Json;
use tessera_api_types::{
    AuthorizeResult, AuthorizeTransfer, AuthorizerKey, EndpointAnswerLog, ErrorBody,
    SpendableOutput, SubmitTransfer, TransferDecision, TransferResult, WalletAsset,
};
use tessera_app::transfers::{Decision, DescribedTransfer, TransferOutcome, DECISIONS_PAGE_MAX};
use tessera_app::App;
use tessera_core::AddressChain;

type Result<T> = std::result::Result<T, ApiError>;

/// Submit a PSET signed by the investor: the platform checks it, co-signs and broadcasts
/// it, or answers why not.
#[utoipa::path(post, path = "/api/wallet/transfers", tag = "transfers", security(("wallet" = [])),
    request_body = SubmitTransfer,
    responses((status = 200, body = TransferResult), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody)))]
pub async fn submit(
    State(app): State<App>,
    CurrentAccount(account): CurrentAccount,
    ApiObject(body): ApiObject<SubmitTransfer>,
) -> Result<Json<TransferResult>> {
    let result = match app.submit_transfer(&account, &body.pset).await? {
        TransferOutcome::Broadcast { txid } => TransferResult {
            result: "broadcast".into(),
            message: format!("co-signed and broadcast as {txid}"),
            txid: Some(txid),
            reason_code: None,
        },
        TransferOutcome::Refused {
            reason_code,
            message,
        } => TransferResult {
            result: "refused".into(),
            txid: None,
            reason_code: Some(reason_code),
            message,
        },
    };
    Ok(Json(result))
}

/// Outputs of the logged-in account with what a PSET input needs.
#[utoipa::path(get, path = "/api/wallet/spendable", tag = "transfers", security(("wallet" = [])),
    responses((status = 200, body = Vec<SpendableOutput>), (status = 401, body = ErrorBody)))]
pub async fn spendable(
    State(app): State<App>,
    CurrentAccount(account): CurrentAccount,
) -> Result<Json<Vec<SpendableOutput>>> {
    let outputs = app.spendable_outputs(&account).await?;
    Ok(Json(
        outputs
            .into_iter()
            .map(|s| SpendableOutput {
                txid: s.output.txid,
                vout: s.output.vout,
                asset_id: s.output.asset_id,
                amount: s.output.amount,
                asset_blinder: s.output.asset_blinder,
                amount_blinder: s.output.amount_blinder,
                chain: match s.chain {
                    AddressChain::External => "external".into(),
                    AddressChain::Internal => "internal".into(),
                },
                index: s.index,
                txout: s.txout_hex,
            })
            .collect(),
    ))
}

/// Assets the logged-in account holds, with ticker and precision.
#[utoipa::path(get, path = "/api/wallet/assets", tag = "transfers", security(("wallet" = [])),
    responses((status = 200, body = Vec<WalletAsset>), (status = 401, body = ErrorBody)))]
pub async fn assets(
    State(app): State<App>,
    CurrentAccount(account): CurrentAccount,
) -> Result<Json<Vec<WalletAsset>>> {
    let held = app.wallet_assets(&account).await?;
    Ok(Json(
        held.into_iter()
            .map(|h| WalletAsset {
                asset_uuid: h.asset.as_ref().map(|a| a.uuid.to_string()),
                ticker: h.asset.as_ref().map(|a| a.ticker.as_str().to_owned()),
                precision: h.asset.as_ref().map_or(8, |a| a.precision.decimals()),
                asset_id: h.asset_id,
                balance: h.balance,
                is_policy_asset: h.is_policy_asset,
            })
            .collect(),
    ))
}

/// Would this transfer be allowed? The co-signer's decision for a described transfer.
#[utoipa::path(post, path = "/api/assets/{uuid}/transfers/authorize", tag = "transfers",
    security(("token" = [])), params(("uuid" = String, Path)), request_body = AuthorizeTransfer,
    responses((status = 200, body = AuthorizeResult), (status = 400, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn authorize(
    State(app): State<App>,
    CurrentIssuer(issuer): CurrentIssuer,
    ApiPath(uuid): ApiPath<String>,
    ApiObject(body): ApiObject<AuthorizeTransfer>,
) -> Result<Json<AuthorizeResult>> {
    let described = DescribedTransfer {
        sender: body.sender,
        receiver: body.receiver,
        amount: body.amount,
    };
    let answer = app
        .authorize_described(issuer, ca::uuid(&uuid)?, &described)
        .await?;
    Ok(Json(AuthorizeResult {
        result: answer.result,
        reason_code: answer.reason_code,
        message: answer.message,
    }))
}

/// Which decisions to list: `?start=N&count=M` (defaults 0 and 1000, the maximum).
#[derive(Debug, serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct DecisionPage {
    /// How many of the oldest decisions to skip.
    pub start: Option<u64>,
    /// How many to return (at most 1000).
    pub count: Option<u32>,
}

/// The co-signing decisions about the asset, oldest first (kept in the store, so they
/// survive restarts and every instance sees them all).
#[utoipa::path(get, path = "/api/assets/{uuid}/transfers/decisions", tag = "transfers",
    security(("token" = [])), params(("uuid" = String, Path), DecisionPage),
    responses((status = 200, body = Vec<TransferDecision>), (status = 404, body = ErrorBody)))]
pub async fn decisions(
    State(app): State<App>,
    CurrentIssuer(issuer): CurrentIssuer,
    ApiPath(uuid): ApiPath<String>,
    ApiQuery(page): ApiQuery<DecisionPage>,
) -> Result<Json<Vec<TransferDecision>>> {
    let (start, count) = (
        page.start.unwrap_or(0),
        page.count.unwrap_or(DECISIONS_PAGE_MAX),
    );
    let decisions = app
        .transfer_decisions(issuer, ca::uuid(&uuid)?, start, count)
        .await?;
    Ok(Json(decisions.into_iter().map(decision).collect()))
}

fn decision(d: Decision) -> TransferDecision {
    let n = d.decision;
    TransferDecision {
        id: d.id,
        created_at: d.created_at,
        source: serde_json::to_value(n.source)
            .ok()
            .and_then(|v| v.as_str().map(str::to_owned))
            .unwrap_or_default(),
        asset_uuid: n.asset_uuid.to_string(),
        asset_id: n.asset_id,
        sender: n.sender,
        receivers: n.receivers,
        amount: n.amount,
        allowed: n.allowed,
        reason_code: n.reason_code,
        message: n.message,
        category_verdict: n.category_verdict,
        endpoint: n.endpoint.map(|e| EndpointAnswerLog {
            mode: e.mode,
            answer: e.answer,
            detail: e.detail,
            latency_ms: e.latency_ms,
        }),
        shadow_disagreement: n.shadow_disagreement,
        txid: n.txid,
    }
}

/// The key that signs requests to issuers' authorization endpoints.
///
/// Each request is `{"message": M, "signature": S}`; `S` is a bitcoin `signmessage`
/// signature of `M` as compact JSON with sorted keys. `M` holds `server_result`, `request`,
/// `timestamp` (unix seconds) and `nonce` (32 hex digits, fresh per request). An endpoint
/// accepts a request only when `S` verifies against this key (or `verifymessage` with this
/// address), `timestamp` is within a few minutes of its clock, and it has not seen `nonce`
/// within that window (remember nonces at least that long); anything else is a replay or a
/// forgery. Endpoints must be reachable on a public address (or one the operator lists with
/// `--authorizer-allow-ip`), answer within the timeout with at most 4 KB of
/// `{"result": bool, "error": str}`.
#[utoipa::path(get, path = "/api/authorizer-key", tag = "transfers",
    responses((status = 200, body = AuthorizerKey)))]
pub async fn authorizer_key(State(app): State<App>) -> Result<Json<AuthorizerKey>> {
    let (pubkey, address) = app.authorizer_key()?;
    Ok(Json(AuthorizerKey {
        pubkey,
        address,
        scheme: "bitcoin signmessage (base64, 65-byte recoverable) over the message as compact JSON with sorted keys; the message carries timestamp (unix seconds) and nonce (hex): refuse stale timestamps and repeated nonces".into(),
    }))
}

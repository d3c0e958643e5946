//! Decision-log rows and their assembly into [`TransferDecision`]s.
//!
//! The row has more columns than sqlx decodes as one tuple (16 at most), so it is read
//! as two tuples side by side: the decision's identity, then its content.

use super::corrupt;
use crate::{DecisionOrigin, NewTransferDecision, StoreError, TransferDecision, WebhookAnswer};
use tessera_core::IssuerId;

/// `(id, asset_uuid, issuer_id, created_at, source, asset_id, result, reason_code,
/// message)`.
pub(crate) type DecisionHead = (
    i64,
    String,
    i64,
    i64,
    String,
    String,
    bool,
    Option<String>,
    String,
);
/// `(category_verdict, sender_gaid, receivers, amount, txid, webhook_mode, webhook_answer,
/// webhook_detail, webhook_latency_ms, shadow_disagreement)`.
pub(crate) type DecisionTail = (
    Option<String>,
    Option<String>,
    String,
    i64,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<i64>,
    bool,
);

/// The receivers as stored: a JSON array of strings.
pub(crate) fn receivers_text(receivers: &[String]) -> String {
    serde_json::Value::from(receivers.to_vec()).to_string()
}

/// `(webhook_mode, webhook_answer, webhook_detail, webhook_latency_ms)`, all `NULL` when
/// the endpoint was not asked.
pub(crate) type WebhookColumns<'a> = (
    Option<&'a str>,
    Option<&'a str>,
    Option<&'a str>,
    Option<i64>,
);

/// The webhook columns of a decision.
pub(crate) fn webhook_columns(
    webhook: Option<&WebhookAnswer>,
) -> Result<WebhookColumns<'_>, StoreError> {
    let Some(w) = webhook else {
        return Ok((None, None, None, None));
    };
    let latency = i64::try_from(w.latency_ms)
        .map_err(|_| corrupt("webhook latency", w.latency_ms.to_string()))?;
    Ok((
        Some(w.mode.as_str()),
        Some(w.answer.as_str()),
        Some(w.detail.as_str()),
        Some(latency),
    ))
}

/// A decision from its two halves.
pub(crate) fn transfer_decision(
    head: DecisionHead,
    tail: DecisionTail,
) -> Result<TransferDecision, StoreError> {
    let (id, uuid, issuer, created_at, source, asset_id, result, reason_code, message) = head;
    let (verdict, sender, receivers, amount, txid, mode, answer, detail, latency, shadow) = tail;
    let receivers: Vec<String> =
        serde_json::from_str(&receivers).map_err(|_| corrupt("decision receivers", receivers))?;
    let webhook = match (mode, answer, latency) {
        (Some(mode), Some(answer), Some(ms)) => Some(WebhookAnswer {
            mode,
            answer,
            detail: detail.unwrap_or_default(),
            latency_ms: u64::try_from(ms)
                .map_err(|_| corrupt("webhook latency", ms.to_string()))?,
        }),
        _ => None,
    };
    Ok(TransferDecision {
        id,
        issuer: IssuerId(issuer),
        created_at,
        decision: NewTransferDecision {
            asset_uuid: uuid.parse().map_err(|_| corrupt("asset uuid", uuid))?,
            asset_id,
            origin: DecisionOrigin::from_name(&source)
                .ok_or_else(|| corrupt("decision source", source))?,
            result,
            reason_code,
            message,
            category_verdict: verdict,
            sender_gaid: sender,
            receivers,
            amount: u64::try_from(amount).map_err(|_| corrupt("amount", amount.to_string()))?,
            txid,
            webhook,
            shadow_disagreement: shadow,
        },
    })
}

//! `update-blinders`: send the issuance outputs' blinders that the server lacks (§3.7).
//!
//! As in the script: `GET assets/{uuid}/txs`, element 0 is the issuance; its outputs whose
//! `asset_blinder` is 64 zeros need blinders; they come from the wallet's
//! `gettransaction(issuance).details`, one POST per output. Unlike the script, an output listed
//! twice in the details (sent and received by the same wallet) is posted once.

use std::collections::BTreeSet;

use elements::Txid;
use serde_json::{json, Value};

use crate::error::ConfirmError;
use crate::file::CommandKind;
use crate::ops::{Ctx, Outcome, Status};

fn body_error(ctx: &Ctx, path: &str, reason: &str, body: &Value) -> ConfirmError {
    ConfirmError::ApiBody {
        url: ctx.api.base_url().url(path),
        reason: reason.to_owned(),
        body: body.to_string().chars().take(300).collect(),
    }
}

/// Runs `update-blinders` for `asset_uuid`.
pub async fn update_blinders(ctx: &Ctx, asset_uuid: &str) -> Result<Outcome, ConfirmError> {
    let path = format!("assets/{asset_uuid}/txs");
    let txs = ctx.api.get(&path).await?;
    let issuance = txs
        .as_array()
        .and_then(|a| a.first())
        .ok_or_else(|| body_error(ctx, &path, "no transactions", &txs))?;
    let txid: Txid = issuance
        .get("txid")
        .and_then(Value::as_str)
        .and_then(|t| t.parse().ok())
        .ok_or_else(|| body_error(ctx, &path, "element 0 has no txid", &txs))?;
    let zeros = "00".repeat(32);
    let vouts: BTreeSet<u64> = issuance
        .get("outputs")
        .and_then(Value::as_array)
        .map(|outs| {
            outs.iter()
                .filter(|o| o.get("asset_blinder").and_then(Value::as_str) == Some(zeros.as_str()))
                .filter_map(|o| o.get("vout").and_then(Value::as_u64))
                .collect()
        })
        .unwrap_or_default();
    let details = ctx.node.details_raw(&txid).await?;
    let mut posted = BTreeSet::new();
    let mut updated = Vec::new();
    for d in details.as_array().into_iter().flatten() {
        let Some(vout) = d.get("vout").and_then(Value::as_u64) else {
            continue;
        };
        if !vouts.contains(&vout) || !posted.insert(vout) {
            continue;
        }
        let body = json!({
            "txid": txid.to_string(),
            "vout": vout,
            "asset_blinder": d.get("assetblinder").cloned().unwrap_or(Value::Null),
            "amount_blinder": d.get("amountblinder").cloned().unwrap_or(Value::Null),
        });
        ctx.api
            .post(&format!("assets/{asset_uuid}/update-blinders"), &body)
            .await?;
        updated.push(u32::try_from(vout).unwrap_or(u32::MAX));
    }
    if updated.is_empty() {
        return Err(ConfirmError::NothingToUpdate {
            asset_uuid: asset_uuid.to_owned(),
            txid,
        });
    }
    Ok(Outcome {
        command: CommandKind::UpdateBlinders,
        asset_uuid: asset_uuid.to_owned(),
        distribution_uuid: None,
        txid: Some(txid),
        vin: None,
        status: Status::BlindersUpdated,
        confirmations: None,
        resumed: false,
        updated_vouts: updated,
    })
}

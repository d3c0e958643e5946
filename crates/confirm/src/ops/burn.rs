//! `burn`: destroy the asset with `destroyamount` and post §3.6.

use elements::Txid;
use serde_json::{json, Value};
use tessera_elements_rpc::TxCategory;

use crate::error::ConfirmError;
use crate::file::BurnFile;
use crate::ops::{single, Ctx, Sent};

/// The script's checks: every listed output is unspent in the wallet, and the wallet's
/// balance of the asset (`getbalance "*" 0 false`) covers the amount.
pub(super) async fn preflight(ctx: &Ctx, file: &BurnFile) -> Result<(), ConfirmError> {
    let unspent = ctx.node.unspent_outpoints().await?;
    let missing: Vec<String> = file
        .utxos
        .iter()
        .filter(|u| !unspent.contains(&(u.txid, u.vout)))
        .map(ToString::to_string)
        .collect();
    if file.utxos.is_empty() || !missing.is_empty() {
        return Err(ConfirmError::MissingBurnUtxos { missing });
    }
    let balance = ctx
        .node
        .rpc()
        .get_balance_with(0, false)
        .await?
        .asset(&file.asset_id)
        .unwrap_or_default();
    if balance < file.amount {
        return Err(ConfirmError::InsufficientBalance {
            asset: file.asset_id,
            balance: balance.to_string(),
            amount: file.amount.to_string(),
        });
    }
    Ok(())
}

/// `destroyamount ASSET AMOUNT`.
pub(super) async fn broadcast(ctx: &Ctx, file: &BurnFile) -> Result<Sent, ConfirmError> {
    let txid = ctx
        .node
        .rpc()
        .destroy_amount(&file.asset_id, file.amount)
        .await?;
    Ok(Sent { txid, vin: None })
}

/// New wallet transactions with an address-less (OP_RETURN) output destroying exactly the
/// amount of the asset.
pub(super) async fn find_sent(
    ctx: &Ctx,
    file: &BurnFile,
    new_txids: &[Txid],
) -> Result<Vec<Sent>, ConfirmError> {
    let mut found = Vec::new();
    for txid in new_txids {
        let tx = ctx.node.rpc().get_transaction(txid).await?;
        let burns = tx.details.iter().any(|d| {
            d.category == TxCategory::Send
                && d.address.is_none()
                && d.asset == file.asset_id
                && d.amount.unsigned_abs() == file.amount
        });
        if burns {
            found.push(Sent {
                txid: *txid,
                vin: None,
            });
        }
    }
    single(found)
}

/// `GET assets/{uuid}/activities` lists a burn with this txid (unknown counts as no).
pub(super) async fn already_confirmed(
    ctx: &Ctx,
    file: &BurnFile,
    sent: Sent,
) -> Result<bool, ConfirmError> {
    let reply = ctx
        .api
        .get_reply(&format!("assets/{}/activities", file.asset_uuid))
        .await?;
    Ok(reply.status == 200 && lists_txid(&reply.body, &sent.txid, Some("burn")))
}

/// Whether a JSON list has an entry with this `txid` (and `type`, when given).
pub(super) fn lists_txid(body: &Value, txid: &Txid, kind: Option<&str>) -> bool {
    let wanted = txid.to_string();
    body.as_array().is_some_and(|entries| {
        entries.iter().any(|e| {
            e.get("txid").and_then(Value::as_str) == Some(wanted.as_str())
                && kind.is_none_or(|k| e.get("type").and_then(Value::as_str) == Some(k))
        })
    })
}

/// §3.6: `{"tx_data": {"txid"}, "change_data": [...]}`.
pub(super) async fn report(ctx: &Ctx, file: &BurnFile, sent: Sent) -> Result<(), ConfirmError> {
    let change_data = ctx.node.change_data(&sent.txid, &file.asset_id).await?;
    let body = json!({"tx_data": {"txid": sent.txid.to_string()}, "change_data": change_data});
    ctx.api
        .post(&format!("assets/{}/burn-confirm", file.asset_uuid), &body)
        .await?;
    Ok(())
}

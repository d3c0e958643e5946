//! `distribute`: pay a distribution with the AMP `sendmany` and post §3.5.

use serde_json::{json, Value};
use tessera_elements_rpc::{Recipient, TxCategory};

use crate::error::ConfirmError;
use crate::file::DistributeFile;
use crate::journal::{JournalRecipient, Request};
use crate::ops::{single, Ctx, Sent};
use elements::Txid;

/// The journal's record of the request, with each address's unconfidential form (how the
/// wallet's `gettransaction` details name it).
pub(super) async fn request(ctx: &Ctx, file: &DistributeFile) -> Result<Request, ConfirmError> {
    let mut recipients = Vec::with_capacity(file.map_address_amount.len());
    for (address, amount) in &file.map_address_amount {
        recipients.push(JournalRecipient {
            address: address.clone(),
            unconfidential: ctx.node.unconfidential(address).await?,
            amount: *amount,
        });
    }
    Ok(Request::Distribute {
        distribution_uuid: file.distribution_uuid.clone(),
        recipients,
    })
}

/// The assignments of this distribution, as `(id, is_distributed)`.
async fn assignments(
    ctx: &Ctx,
    file: &DistributeFile,
) -> Result<Vec<(String, bool)>, ConfirmError> {
    let path = format!("assets/{}/assignments", file.asset_uuid);
    let body = ctx.api.get(&path).await?;
    let Value::Array(all) = body else {
        return Err(ConfirmError::ApiBody {
            url: ctx.api.base_url().url(&path),
            reason: "not a list of assignments".to_owned(),
            body: body.to_string().chars().take(300).collect(),
        });
    };
    Ok(all
        .iter()
        .filter(|a| {
            a.get("distribution_uuid").and_then(Value::as_str) == Some(&file.distribution_uuid)
        })
        .map(|a| {
            let id = a.get("id").map_or("?".to_owned(), Value::to_string);
            let done = a.get("is_distributed").and_then(Value::as_bool) == Some(true);
            (id, done)
        })
        .collect())
}

/// The script's `check_assignments`: some assignment carries this distribution and none is
/// distributed yet.
pub(super) async fn preflight(ctx: &Ctx, file: &DistributeFile) -> Result<(), ConfirmError> {
    let found = assignments(ctx, file).await?;
    if found.is_empty() {
        return Err(ConfirmError::NoAssignments {
            asset_uuid: file.asset_uuid.clone(),
            distribution_uuid: file.distribution_uuid.clone(),
        });
    }
    let done: Vec<String> = found
        .into_iter()
        .filter(|(_, d)| *d)
        .map(|(id, _)| id)
        .collect();
    if !done.is_empty() {
        return Err(ConfirmError::AlreadyDistributed {
            distribution_uuid: file.distribution_uuid.clone(),
            ids: done,
        });
    }
    Ok(())
}

/// `sendmany "" {addr: amount} 0 "" [] false 1 "UNSET" {addr: asset}`.
pub(super) async fn broadcast(ctx: &Ctx, file: &DistributeFile) -> Result<Sent, ConfirmError> {
    let recipients: Vec<Recipient> = file
        .map_address_amount
        .iter()
        .map(|(address, amount)| Recipient::new(address.clone(), *amount, file.asset_id))
        .collect();
    let txid = ctx.node.rpc().send_many(&recipients).await?;
    Ok(Sent { txid, vin: None })
}

/// New wallet transactions that send every recipient its amount of the asset.
pub(super) async fn find_sent(
    ctx: &Ctx,
    file: &DistributeFile,
    request: &Request,
    new_txids: &[Txid],
) -> Result<Vec<Sent>, ConfirmError> {
    let Request::Distribute { recipients, .. } = request else {
        return Ok(Vec::new());
    };
    let mut found = Vec::new();
    for txid in new_txids {
        let tx = ctx.node.rpc().get_transaction(txid).await?;
        let pays = |r: &JournalRecipient| {
            tx.details.iter().any(|d| {
                d.category == TxCategory::Send
                    && d.asset == file.asset_id
                    && d.amount.is_negative()
                    && d.amount.unsigned_abs() == r.amount
                    && d.address.as_deref() == Some(r.unconfidential.as_str())
            })
        };
        if recipients.iter().all(pays) {
            found.push(Sent {
                txid: *txid,
                vin: None,
            });
        }
    }
    single(found)
}

/// Every assignment of the distribution is distributed on the server.
pub(super) async fn already_confirmed(
    ctx: &Ctx,
    file: &DistributeFile,
) -> Result<bool, ConfirmError> {
    let found = assignments(ctx, file).await?;
    Ok(!found.is_empty() && found.iter().all(|(_, done)| *done))
}

/// §3.5: `{"tx_data": {"details", "txid"}, "change_data": [...]}`.
pub(super) async fn report(
    ctx: &Ctx,
    file: &DistributeFile,
    sent: Sent,
) -> Result<(), ConfirmError> {
    let details = ctx.node.details_raw(&sent.txid).await?;
    let change_data = ctx.node.change_data(&sent.txid, &file.asset_id).await?;
    let body = json!({
        "tx_data": {"details": details, "txid": sent.txid.to_string()},
        "change_data": change_data,
    });
    let path = format!(
        "assets/{}/distributions/{}/confirm",
        file.asset_uuid, file.distribution_uuid
    );
    ctx.api.post(&path, &body).await?;
    Ok(())
}

//! `reissue`: create more of the asset with `reissueasset` and post §3.4.

use elements::{AssetId, Txid};
use serde_json::json;

use crate::error::ConfirmError;
use crate::file::ReissueFile;
use crate::ops::burn::lists_txid;
use crate::ops::{single, Ctx, Sent};

/// The script's `check_utxos`: the token outputs are unspent in the wallet — all of them, or
/// at least one with `--have-split-reissuance-token`.
pub(super) async fn preflight(
    ctx: &Ctx,
    file: &ReissueFile,
    split_token: bool,
) -> Result<(), ConfirmError> {
    let unspent = ctx.node.unspent_outpoints().await?;
    let missing: Vec<String> = file
        .reissuance_utxos
        .iter()
        .filter(|u| !unspent.contains(&(u.txid, u.vout)))
        .map(ToString::to_string)
        .collect();
    let found = file.reissuance_utxos.len() - missing.len();
    if found == 0 || (!split_token && !missing.is_empty()) {
        return Err(ConfirmError::MissingReissuanceUtxos { missing });
    }
    Ok(())
}

/// Txids of the asset's reissuances the wallet knows.
pub(super) async fn reissuance_txids(
    ctx: &Ctx,
    asset: &AssetId,
) -> Result<Vec<Txid>, ConfirmError> {
    let issuances = ctx.node.rpc().list_issuances(Some(asset)).await?;
    Ok(issuances
        .into_iter()
        .filter(|i| i.isreissuance)
        .map(|i| i.txid)
        .collect())
}

/// `reissueasset ASSET AMOUNT` → `{txid, vin}`.
pub(super) async fn broadcast(ctx: &Ctx, file: &ReissueFile) -> Result<Sent, ConfirmError> {
    let out = ctx
        .node
        .rpc()
        .reissue_asset(&file.asset_id, file.amount)
        .await?;
    Ok(Sent {
        txid: out.txid,
        vin: Some(out.vin),
    })
}

/// Reissuances of the asset, for the amount, that were not there at the intent.
pub(super) async fn find_sent(
    ctx: &Ctx,
    file: &ReissueFile,
    known: &[Txid],
) -> Result<Vec<Sent>, ConfirmError> {
    let issuances = ctx.node.rpc().list_issuances(Some(&file.asset_id)).await?;
    let found = issuances
        .into_iter()
        .filter(|i| {
            i.isreissuance && i.assetamount == Some(file.amount) && !known.contains(&i.txid)
        })
        .map(|i| Sent {
            txid: i.txid,
            vin: Some(i.vin),
        })
        .collect();
    single(found)
}

/// `--use-existing TXID:VIN`: `listissuances ASSET` has a reissuance at that input.
pub(super) async fn verify_existing(
    ctx: &Ctx,
    file: &ReissueFile,
    sent: Sent,
) -> Result<Sent, ConfirmError> {
    let issuances = ctx.node.rpc().list_issuances(Some(&file.asset_id)).await?;
    let ok = issuances
        .iter()
        .any(|i| i.isreissuance && i.txid == sent.txid && Some(i.vin) == sent.vin);
    if !ok {
        return Err(ConfirmError::ExistingMismatch {
            txid: sent.txid,
            reason: format!(
                "input {} is not a reissuance of asset {} in this wallet's listissuances",
                sent.vin.unwrap_or_default(),
                file.asset_id
            ),
        });
    }
    Ok(sent)
}

/// `GET assets/{uuid}/reissuances` lists this txid (unknown counts as no).
pub(super) async fn already_confirmed(
    ctx: &Ctx,
    file: &ReissueFile,
    sent: Sent,
) -> Result<bool, ConfirmError> {
    let reply = ctx
        .api
        .get_reply(&format!("assets/{}/reissuances", file.asset_uuid))
        .await?;
    Ok(reply.status == 200 && lists_txid(&reply.body, &sent.txid, None))
}

/// §3.4: `{"details", "reissuance_output": {"txid", "vin"}, "listissuances": [...]}`.
pub(super) async fn report(ctx: &Ctx, file: &ReissueFile, sent: Sent) -> Result<(), ConfirmError> {
    let details = ctx.node.details_raw(&sent.txid).await?;
    let listissuances = ctx.node.issuances_of_raw(&sent.txid).await?;
    let body = json!({
        "details": details,
        "reissuance_output": {"txid": sent.txid.to_string(), "vin": sent.vin.unwrap_or_default()},
        "listissuances": listissuances,
    });
    ctx.api
        .post(
            &format!("assets/{}/reissue-confirm", file.asset_uuid),
            &body,
        )
        .await?;
    Ok(())
}

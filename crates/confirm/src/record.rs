//! The file is not trusted: before paying, what it asks is compared with the server's own
//! record of the request.
//!
//! The request file decides whom the issuer's node pays, and it passes through e-mail,
//! shared folders and hands; anybody who can edit it could redirect a distribution to their
//! own addresses. So before anything is sent the tool reads, over the logged-in API:
//! * `GET assets/{uuid}`: the asset id must be the file's;
//! * distribute: `GET assets/{uuid}/distributions/{distribution_uuid}`: its
//!   `map_address_amount` (a Tessera extension of AMP's Distribution) must list exactly the
//!   file's addresses with exactly its amounts (the file's `map_address_asset` is already
//!   checked to name only the file's asset);
//! * reissue: `GET assets/{uuid}/reissuance-requests` (a Tessera extension) must hold an open
//!   request of exactly the file's amount; burn: `GET assets/{uuid}/burns` must hold one
//!   (`txid` null).
//!
//! A server without these records (AMP itself has no addresses in its Distribution) cannot
//! vouch for the file, and the tool refuses rather than pay blind.

use std::collections::BTreeMap;

use serde_json::Value;
use tessera_elements_rpc::Sats;

use crate::error::ConfirmError;
use crate::file::DistributeFile;
use crate::ops::{Ctx, Job};

fn mismatch(what: String, reason: impl Into<String>) -> ConfirmError {
    ConfirmError::FileMismatch {
        what,
        reason: reason.into(),
    }
}

/// Refuses unless the server's records say what the file says.
pub(crate) async fn check(ctx: &Ctx, job: &Job) -> Result<(), ConfirmError> {
    let asset_uuid = job.asset_uuid();
    let asset = ctx.api.get(&format!("assets/{asset_uuid}")).await?;
    let expected = job.asset_id().to_string();
    let what = format!("asset {asset_uuid}");
    match asset.get("asset_id").and_then(Value::as_str) {
        Some(id) if id == expected => {}
        Some(id) => {
            return Err(mismatch(
                what,
                format!("the file's asset_id is {expected}, the server's {id}"),
            ))
        }
        None => return Err(mismatch(what, "the server's record has no asset_id")),
    }
    match job {
        Job::Distribute { file } => distribution(ctx, file).await,
        Job::Reissue { file, .. } => {
            open_request(
                ctx,
                asset_uuid,
                "reissuance",
                "reissuance-requests",
                "reissuance_amount",
                file.amount,
            )
            .await
        }
        Job::Burn { file } => {
            open_request(ctx, asset_uuid, "burn", "burns", "amount", file.amount).await
        }
    }
}

/// The distribution's addresses and amounts, as the server recorded them.
async fn distribution(ctx: &Ctx, file: &DistributeFile) -> Result<(), ConfirmError> {
    let what = format!("distribution {}", file.distribution_uuid);
    let path = format!(
        "assets/{}/distributions/{}",
        file.asset_uuid, file.distribution_uuid
    );
    let record = ctx.api.get(&path).await?;
    let Some(map) = record.get("map_address_amount").and_then(Value::as_object) else {
        return Err(mismatch(
            what,
            "the server's record has no map_address_amount, so the file cannot be checked",
        ));
    };
    let mut server: BTreeMap<&str, Sats> = BTreeMap::new();
    for (address, amount) in map {
        let amount = amount.to_string().parse::<Sats>().map_err(|_| {
            mismatch(
                what.clone(),
                format!("the server's amount {amount} for {address} is not an amount"),
            )
        })?;
        server.insert(address, amount);
    }
    for (address, amount) in &file.map_address_amount {
        match server.remove(address.as_str()) {
            None => {
                return Err(mismatch(
                    what,
                    format!("the file pays {address}, which the server's record does not"),
                ))
            }
            Some(recorded) if recorded != *amount => {
                return Err(mismatch(
                    what,
                    format!("the file pays {address} {amount}, the server's record {recorded}"),
                ))
            }
            Some(_) => {}
        }
    }
    match server.keys().next() {
        Some(address) => Err(mismatch(
            what,
            format!("the server's record also pays {address}, the file does not"),
        )),
        None => Ok(()),
    }
}

/// An open request (no `txid`, or `null`) of exactly `amount` in `GET assets/{uuid}/{list}`.
async fn open_request(
    ctx: &Ctx,
    asset_uuid: &str,
    kind: &str,
    list: &str,
    field: &str,
    amount: Sats,
) -> Result<(), ConfirmError> {
    let body = ctx.api.get(&format!("assets/{asset_uuid}/{list}")).await?;
    let open = body.as_array().into_iter().flatten().any(|r| {
        r.get("txid").is_none_or(Value::is_null)
            && r.get(field).and_then(Value::as_u64) == Some(amount.to_sat())
    });
    if open {
        return Ok(());
    }
    Err(mismatch(
        format!("the {kind} requests of asset {asset_uuid}"),
        format!(
            "no open {kind} request of {amount} ({} base units)",
            amount.to_sat()
        ),
    ))
}

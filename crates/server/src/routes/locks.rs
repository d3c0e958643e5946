//! Locked outputs (AMP `utxos/blacklist` and `utxos/whitelist`): single outputs of an
//! asset that the co-signer will not spend, and back.

use crate::extract::{ApiJson, ApiPath, CurrentIssuer};
use crate::{convert_assets as ca, ApiError};
use axum::extract::State;
use axum::Json;
use std::str::FromStr;
use tessera_api_types::{AssetUtxo, ErrorBody, Outpoint};
use tessera_app::App;
use tessera_core::IssuerId;

type Result<T> = std::result::Result<T, ApiError>;

/// Lock outputs of the asset; answers their UTXO objects.
#[utoipa::path(post, path = "/api/assets/{uuid}/utxos/blacklist", tag = "assets", security(("token" = [])),
    params(("uuid" = String, Path)), request_body = Vec<Outpoint>,
    responses((status = 200, body = Vec<AssetUtxo>), (status = 400, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn blacklist(
    State(app): State<App>,
    CurrentIssuer(issuer): CurrentIssuer,
    ApiPath(uuid): ApiPath<String>,
    ApiJson(body): ApiJson<Vec<Outpoint>>,
) -> Result<Json<Vec<AssetUtxo>>> {
    set(&app, issuer, &uuid, &body, true).await
}

/// Unlock outputs of the asset; answers their UTXO objects.
#[utoipa::path(post, path = "/api/assets/{uuid}/utxos/whitelist", tag = "assets", security(("token" = [])),
    params(("uuid" = String, Path)), request_body = Vec<Outpoint>,
    responses((status = 200, body = Vec<AssetUtxo>), (status = 400, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn whitelist(
    State(app): State<App>,
    CurrentIssuer(issuer): CurrentIssuer,
    ApiPath(uuid): ApiPath<String>,
    ApiJson(body): ApiJson<Vec<Outpoint>>,
) -> Result<Json<Vec<AssetUtxo>>> {
    set(&app, issuer, &uuid, &body, false).await
}

async fn set(
    app: &App,
    issuer: IssuerId,
    uuid: &str,
    body: &[Outpoint],
    lock: bool,
) -> Result<Json<Vec<AssetUtxo>>> {
    let uuid = ca::uuid(uuid)?;
    let mut outpoints = Vec::with_capacity(body.len());
    for o in body {
        let txid = elements_txid(&o.txid)?;
        outpoints.push((txid, o.vout));
    }
    let outputs = app
        .set_outputs_locked(issuer, uuid, &outpoints, lock)
        .await?;
    Ok(Json(
        super::asset_reports::utxo_lines(app, issuer, outputs).await?,
    ))
}

fn elements_txid(text: &str) -> Result<tessera_app::transfers::Txid> {
    tessera_app::transfers::Txid::from_str(text).map_err(|_| {
        ApiError::bad_request(
            "invalid_txid",
            format!("txid {text:?} is not 64 hex digits"),
        )
    })
}

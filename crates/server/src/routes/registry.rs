//! This server's asset registry: the contract and issuance proof of every asset its issuer
//! published with `GET /api/assets/{uuid}/register`, in the Blockstream registry's shape,
//! so wallets and explorers can verify name, ticker and precision against the chain.

use crate::ApiError;
use axum::extract::{Path, State};
use axum::Json;
use serde_json::{json, Value};
use tessera_api_types::ErrorBody;
use tessera_app::App;

/// The registry entry of a published asset (no authentication).
#[utoipa::path(get, path = "/registry/{asset_id}", tag = "registry",
    params(("asset_id" = String, Path)),
    responses((status = 200, body = Object), (status = 404, body = ErrorBody)))]
pub async fn entry(
    State(app): State<App>,
    Path(asset_id): Path<String>,
) -> Result<Json<Value>, ApiError> {
    let not_found = || ApiError::NotFound {
        code: "asset_not_registered",
        message: format!("asset {asset_id} is not in this registry"),
    };
    let id: elements::AssetId = asset_id.parse().map_err(|_| not_found())?;
    let asset = app
        .store()
        .asset_by_asset_id(&id)
        .await
        .map_err(|e| ApiError::Internal(e.to_string()))?
        .filter(|a| a.is_registered)
        .ok_or_else(not_found)?;
    let contract = asset.contract();
    let contract_json: Value = serde_json::from_str(&contract.canonical_json())
        .map_err(|e| ApiError::Internal(e.to_string()))?;
    Ok(Json(json!({
        "asset_id": asset.asset_id.to_string(),
        "contract": contract_json,
        "contract_hash": contract.digest_hex(),
        "issuance_txin": { "txid": asset.issuance.txid.to_string(), "vin": asset.issuance.vin },
        "name": asset.name.as_str(),
        "ticker": asset.ticker.as_str(),
        "precision": asset.precision.decimals(),
        "entity": { "domain": asset.domain.as_str() },
        "issuer_pubkey": asset.pubkey.to_hex(),
        "version": 0,
    })))
}

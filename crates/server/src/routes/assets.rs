//! Assets: issuance, listing and settings (AMP §2.2).

use crate::extract::{ApiJson, ApiObject, ApiPath, CurrentIssuer};
use crate::{convert, convert_assets as ca, ApiError};
use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use tessera_api_types::{Asset, Category, EditAsset, ErrorBody, Issuance, IssueAsset};
use tessera_app::assets::{AuthorizationMode, IssueRequest};
use tessera_app::App;
use tessera_core::{
    Amount, AssetKind, AssetName, AuthorizationEndpoint, CategoryId, Domain, IssuerPubkey,
    Precision, Ticker,
};
use tessera_store::AssetFlags;

type Result<T> = std::result::Result<T, ApiError>;

fn bad(code: &'static str) -> impl Fn(String) -> ApiError {
    move |m| ApiError::bad_request(code, m)
}

/// The issuer's assets (for a manager: the assets granted to it).
#[utoipa::path(get, path = "/api/assets", tag = "assets", security(("token" = [])),
    responses((status = 200, body = Vec<Asset>), (status = 401, body = ErrorBody)))]
pub async fn list(
    State(app): State<App>,
    crate::extract::CurrentActor(actor): crate::extract::CurrentActor,
) -> Result<Json<Vec<Asset>>> {
    let assets = app.assets(actor.issuer()).await?;
    let visible = assets.iter().filter(|a| actor.may_act_on(a.uuid));
    Ok(Json(visible.map(|a| ca::asset(a, "enforce")).collect()))
}

/// Issue a new asset into the issuer's treasury (201).
#[utoipa::path(post, path = "/api/assets/issue", tag = "assets", security(("token" = [])), request_body = IssueAsset,
    responses((status = 201, body = Issuance), (status = 400, body = ErrorBody)))]
pub async fn issue(
    State(app): State<App>,
    CurrentIssuer(issuer): CurrentIssuer,
    ApiObject(body): ApiObject<IssueAsset>,
) -> Result<(StatusCode, Json<Issuance>)> {
    let request = IssueRequest {
        name: AssetName::parse(&body.name).map_err(|e| bad("invalid_name")(e.to_string()))?,
        ticker: Ticker::parse(&body.ticker).map_err(|e| bad("invalid_ticker")(e.to_string()))?,
        domain: Domain::parse(&body.domain).map_err(|e| bad("invalid_domain")(e.to_string()))?,
        pubkey: IssuerPubkey::parse(&body.pubkey)
            .map_err(|e| bad("invalid_pubkey")(e.to_string()))?,
        precision: Precision::new(body.precision)
            .map_err(|e| bad("invalid_precision")(e.to_string()))?,
        amount: Amount::from_units(body.amount)
            .map_err(|e| bad("invalid_amount")(e.to_string()))?,
        destination_address: body.destination_address.clone(),
        is_confidential: body.is_confidential,
        is_reissuable: body.is_reissuable,
        reissuance_amount: Amount::from_units(
            body.reissuance_amount
                .unwrap_or(u64::from(body.is_reissuable)),
        )
        .map_err(|e| bad("invalid_amount")(e.to_string()))?,
        reissuance_address: body.reissuance_address.clone(),
        kind: AssetKind::from_transfer_restricted(body.transfer_restricted),
    };
    let issued = app.issue_asset(issuer, request).await?;
    let a = &issued.asset;
    Ok((
        StatusCode::CREATED,
        Json(Issuance {
            name: body.name,
            amount: body.amount,
            destination_address: body.destination_address.clone(),
            domain: a.domain.as_str().to_owned(),
            ticker: body.ticker,
            pubkey: body.pubkey,
            precision: a.precision.decimals(),
            is_confidential: body.is_confidential,
            is_reissuable: a.is_reissuable,
            reissuance_amount: body.reissuance_amount.unwrap_or(u64::from(a.is_reissuable)),
            reissuance_address: body.reissuance_address.unwrap_or(body.destination_address),
            asset_id: a.asset_id.to_string(),
            reissuance_token_id: a.reissuance_token_id.map(|t| t.to_string()),
            asset_uuid: a.uuid.to_string(),
            txid: a.issuance.txid.to_string(),
            vin: a.issuance.vin,
            asset_vout: a.issuance.asset_vout,
            reissuance_vout: a.issuance.reissuance_vout,
            issuer_authorization_endpoint: None,
            transfer_restricted: a.kind.is_transfer_restricted(),
            issuance_assetblinder: issued.asset_blinder,
            issuance_tokenblinder: issued.token_blinder,
        }),
    ))
}

/// One asset.
#[utoipa::path(get, path = "/api/assets/{uuid}", tag = "assets", security(("token" = [])),
    params(("uuid" = String, Path)), responses((status = 200, body = Asset), (status = 404, body = ErrorBody)))]
pub async fn get_one(
    State(app): State<App>,
    CurrentIssuer(issuer): CurrentIssuer,
    ApiPath(uuid): ApiPath<String>,
) -> Result<Json<Asset>> {
    let asset = app.asset(issuer, ca::uuid(&uuid)?).await?;
    Ok(Json(ca::asset(&asset, "enforce")))
}

/// Set the issuer authorization endpoint (and, as an extension, its mode).
///
/// The co-signer POSTs each transfer of the asset to `{endpoint}/issuerauthorizer`, signed
/// with the key of `GET /api/authorizer-key` (which says how to check the signature, the
/// `timestamp` and the `nonce`). Only `https` endpoints on public addresses are called;
/// failures refuse the transfer (`issuer_authorization_unavailable`) and show in the
/// decision log as a code (`endpoint_address_refused`, `endpoint_unreachable`,
/// `endpoint_timeout`, `endpoint_http_error`, `endpoint_answer_too_large`,
/// `endpoint_bad_answer`).
#[utoipa::path(put, path = "/api/assets/{uuid}/edit", tag = "assets", security(("token" = [])),
    params(("uuid" = String, Path)), request_body = EditAsset,
    responses((status = 200, body = Asset), (status = 400, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn edit(
    State(app): State<App>,
    CurrentIssuer(issuer): CurrentIssuer,
    ApiPath(uuid): ApiPath<String>,
    ApiObject(body): ApiObject<EditAsset>,
) -> Result<Json<Asset>> {
    let endpoint = match body.issuer_authorization_endpoint.as_deref() {
        None | Some("") => None,
        Some(text) => Some(
            AuthorizationEndpoint::parse(text)
                .map_err(|e| bad("invalid_endpoint")(e.to_string()))?,
        ),
    };
    let mode = match body.issuer_authorization_mode.as_deref() {
        None | Some("enforce") => AuthorizationMode::Enforce,
        Some("shadow") => AuthorizationMode::Shadow,
        Some(other) => {
            return Err(bad("invalid_mode")(format!(
                "mode {other:?} must be enforce or shadow"
            )))
        }
    };
    let asset = app
        .set_authorization_endpoint(issuer, ca::uuid(&uuid)?, endpoint.as_ref(), mode)
        .await?;
    Ok(Json(ca::asset(&asset, mode.as_str())))
}

/// Delete the asset record (204).
#[utoipa::path(delete, path = "/api/assets/{uuid}/delete", tag = "assets", security(("token" = [])),
    params(("uuid" = String, Path)), responses((status = 204), (status = 404, body = ErrorBody), (status = 400, body = ErrorBody)))]
pub async fn remove(
    State(app): State<App>,
    CurrentIssuer(issuer): CurrentIssuer,
    ApiPath(uuid): ApiPath<String>,
) -> Result<StatusCode> {
    app.delete_asset(issuer, ca::uuid(&uuid)?).await?;
    Ok(StatusCode::NO_CONTENT)
}

async fn flags(
    app: &App,
    issuer: tessera_core::IssuerId,
    uuid: &str,
    flags: AssetFlags,
) -> Result<Json<Asset>> {
    let asset = app.set_asset_flags(issuer, ca::uuid(uuid)?, flags).await?;
    Ok(Json(ca::asset(&asset, "enforce")))
}

/// Publish the asset in this server's registry (`GET /registry/{asset_id}`).
#[utoipa::path(get, path = "/api/assets/{uuid}/register", tag = "assets", security(("token" = [])),
    params(("uuid" = String, Path)), responses((status = 200, body = Asset), (status = 400, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn register(
    State(app): State<App>,
    CurrentIssuer(issuer): CurrentIssuer,
    ApiPath(uuid): ApiPath<String>,
) -> Result<Json<Asset>> {
    if app.asset(issuer, ca::uuid(&uuid)?).await?.is_registered {
        return Err(ApiError::AmpError {
            code: "already_registered",
            message: "The asset is already registered.".into(),
        });
    }
    flags(
        &app,
        issuer,
        &uuid,
        AssetFlags {
            is_registered: Some(true),
            ..Default::default()
        },
    )
    .await
}

/// Authorize the asset for managed accounts (the co-signer will handle it).
#[utoipa::path(get, path = "/api/assets/{uuid}/register-authorized", tag = "assets", security(("token" = [])),
    params(("uuid" = String, Path)), responses((status = 200, body = Asset), (status = 404, body = ErrorBody)))]
pub async fn register_authorized(
    State(app): State<App>,
    CurrentIssuer(issuer): CurrentIssuer,
    ApiPath(uuid): ApiPath<String>,
) -> Result<Json<Asset>> {
    flags(
        &app,
        issuer,
        &uuid,
        AssetFlags {
            is_authorized: Some(true),
            ..Default::default()
        },
    )
    .await
}

/// Suspend all transfers.
#[utoipa::path(put, path = "/api/assets/{uuid}/lock", tag = "assets", security(("token" = [])),
    params(("uuid" = String, Path)), responses((status = 200, body = Asset), (status = 404, body = ErrorBody)))]
pub async fn lock(
    State(app): State<App>,
    CurrentIssuer(issuer): CurrentIssuer,
    ApiPath(uuid): ApiPath<String>,
) -> Result<Json<Asset>> {
    flags(
        &app,
        issuer,
        &uuid,
        AssetFlags {
            is_locked: Some(true),
            ..Default::default()
        },
    )
    .await
}

/// Allow transfers again.
#[utoipa::path(put, path = "/api/assets/{uuid}/unlock", tag = "assets", security(("token" = [])),
    params(("uuid" = String, Path)), responses((status = 200, body = Asset), (status = 404, body = ErrorBody)))]
pub async fn unlock(
    State(app): State<App>,
    CurrentIssuer(issuer): CurrentIssuer,
    ApiPath(uuid): ApiPath<String>,
) -> Result<Json<Asset>> {
    flags(
        &app,
        issuer,
        &uuid,
        AssetFlags {
            is_locked: Some(false),
            ..Default::default()
        },
    )
    .await
}

/// The asset's memo (a JSON string).
#[utoipa::path(get, path = "/api/assets/{uuid}/memo", tag = "assets", security(("token" = [])),
    params(("uuid" = String, Path)), responses((status = 200, body = String), (status = 404, body = ErrorBody)))]
pub async fn memo(
    State(app): State<App>,
    CurrentIssuer(issuer): CurrentIssuer,
    ApiPath(uuid): ApiPath<String>,
) -> Result<Json<String>> {
    Ok(Json(app.memo(issuer, ca::uuid(&uuid)?).await?))
}

/// Replace the memo; the body is a bare JSON string.
#[utoipa::path(post, path = "/api/assets/{uuid}/memo/set", tag = "assets", security(("token" = [])),
    params(("uuid" = String, Path)), request_body = String,
    responses((status = 200, body = String), (status = 400, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn set_memo(
    State(app): State<App>,
    CurrentIssuer(issuer): CurrentIssuer,
    ApiPath(uuid): ApiPath<String>,
    ApiJson(text): ApiJson<String>,
) -> Result<Json<String>> {
    app.set_memo(issuer, ca::uuid(&uuid)?, &text).await?;
    Ok(Json(text))
}

/// The asset's treasury addresses.
#[utoipa::path(get, path = "/api/assets/{uuid}/treasury-addresses", tag = "assets", security(("token" = [])),
    params(("uuid" = String, Path)), responses((status = 200, body = Vec<String>), (status = 404, body = ErrorBody)))]
pub async fn treasury(
    State(app): State<App>,
    CurrentIssuer(issuer): CurrentIssuer,
    ApiPath(uuid): ApiPath<String>,
) -> Result<Json<Vec<String>>> {
    Ok(Json(
        app.treasury_addresses(issuer, ca::uuid(&uuid)?).await?,
    ))
}

/// Add treasury addresses (JSON array of addresses). Issuer only; each must be an address of
/// the server's network (400 `invalid_address`) and not a managed-account address of this
/// server (400 `treasury_address_is_managed`); nothing is added unless all pass.
#[utoipa::path(post, path = "/api/assets/{uuid}/treasury-addresses/add", tag = "assets", security(("token" = [])),
    params(("uuid" = String, Path)), request_body = Vec<String>,
    responses((status = 200, body = Vec<String>), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody)))]
pub async fn add_treasury(
    State(app): State<App>,
    CurrentIssuer(issuer): CurrentIssuer,
    ApiPath(uuid): ApiPath<String>,
    ApiJson(addresses): ApiJson<Vec<String>>,
) -> Result<Json<Vec<String>>> {
    Ok(Json(
        app.add_treasury_addresses(issuer, ca::uuid(&uuid)?, &addresses)
            .await?,
    ))
}

/// Remove treasury addresses (JSON array of addresses).
#[utoipa::path(delete, path = "/api/assets/{uuid}/treasury-addresses/delete", tag = "assets", security(("token" = [])),
    params(("uuid" = String, Path)), request_body = Vec<String>,
    responses((status = 200, body = Vec<String>), (status = 404, body = ErrorBody)))]
pub async fn delete_treasury(
    State(app): State<App>,
    CurrentIssuer(issuer): CurrentIssuer,
    ApiPath(uuid): ApiPath<String>,
    ApiJson(addresses): ApiJson<Vec<String>>,
) -> Result<Json<Vec<String>>> {
    Ok(Json(
        app.delete_treasury_addresses(issuer, ca::uuid(&uuid)?, &addresses)
            .await?,
    ))
}

/// Make the category a requirement of the asset.
#[utoipa::path(put, path = "/api/categories/{id}/assets/{uuid}/add", tag = "categories", security(("token" = [])),
    params(("id" = i64, Path), ("uuid" = String, Path)),
    responses((status = 200, body = Category), (status = 404, body = ErrorBody)))]
pub async fn add_requirement(
    State(app): State<App>,
    CurrentIssuer(issuer): CurrentIssuer,
    ApiPath((id, uuid)): ApiPath<(i64, String)>,
) -> Result<Json<Category>> {
    app.set_requirement(issuer, CategoryId(id), ca::uuid(&uuid)?, true)
        .await?;
    Ok(Json(convert::category(
        app.category(issuer, CategoryId(id)).await?,
    )))
}

/// Remove the category from the asset's requirements.
#[utoipa::path(put, path = "/api/categories/{id}/assets/{uuid}/remove", tag = "categories", security(("token" = [])),
    params(("id" = i64, Path), ("uuid" = String, Path)),
    responses((status = 200, body = Category), (status = 404, body = ErrorBody)))]
pub async fn remove_requirement(
    State(app): State<App>,
    CurrentIssuer(issuer): CurrentIssuer,
    ApiPath((id, uuid)): ApiPath<(i64, String)>,
) -> Result<Json<Category>> {
    app.set_requirement(issuer, CategoryId(id), ca::uuid(&uuid)?, false)
        .await?;
    Ok(Json(convert::category(
        app.category(issuer, CategoryId(id)).await?,
    )))
}

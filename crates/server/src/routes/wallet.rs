//! The wallet API (extension): managed-account registration, login, addresses, holdings.
//!
//! Wallet endpoints take `Authorization: wallet <token>` from `/api/wallet/login`; issuer
//! tokens do not open them, and wallet tokens do not open issuer endpoints (separate
//! token tables).

use crate::extract::{ApiObject, ClientAddr, CurrentAccount};
use crate::{convert, ApiError};
use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use tessera_api_types::{
    Account, AddressResponse, AssetBalance, ChallengeRequest, ChallengeResponse, CosignerKey,
    ErrorBody, RegisterAccount, TokenResponse, WalletLogin, WalletUtxo,
};
use tessera_app::App;
use tessera_core::AddressChain;
use tessera_custody::{Challenge, ChallengeSignature};

type Result<T> = std::result::Result<T, ApiError>;

/// Reserve a platform co-signer key for a new managed account (throttled per address).
#[utoipa::path(post, path = "/api/wallet/cosigner-key", tag = "wallet",
    responses((status = 200, body = CosignerKey), (status = 429, body = ErrorBody)))]
pub async fn cosigner_key(
    State(app): State<App>,
    ClientAddr(client): ClientAddr,
) -> Result<Json<CosignerKey>> {
    app.throttle().admit_write(client)?;
    let (index, key) = app.new_cosigner_key().await?;
    Ok(Json(CosignerKey {
        cosigner_index: index,
        key: key.to_string(),
        network: app.network()?.as_str().to_owned(),
    }))
}

/// Register a managed account by its descriptor; answers its GAID (201).
#[utoipa::path(post, path = "/api/wallet/accounts", tag = "wallet", request_body = RegisterAccount,
    responses((status = 201, body = Account), (status = 400, body = ErrorBody),
        (status = 429, body = ErrorBody)))]
pub async fn register(
    State(app): State<App>,
    ClientAddr(client): ClientAddr,
    ApiObject(body): ApiObject<RegisterAccount>,
) -> Result<(StatusCode, Json<Account>)> {
    app.throttle().admit_write(client)?;
    let account = app
        .register_account(&body.descriptor, body.cosigner_index)
        .await?;
    Ok((
        StatusCode::CREATED,
        Json(Account {
            gaid: account.gaid.into(),
            descriptor: account.descriptor,
        }),
    ))
}

/// Start a wallet login: a single-use challenge to sign.
#[utoipa::path(post, path = "/api/wallet/challenge", tag = "wallet", request_body = ChallengeRequest,
    responses((status = 200, body = ChallengeResponse), (status = 404, body = ErrorBody),
        (status = 429, body = ErrorBody)))]
pub async fn challenge(
    State(app): State<App>,
    ClientAddr(client): ClientAddr,
    ApiObject(body): ApiObject<ChallengeRequest>,
) -> Result<Json<ChallengeResponse>> {
    app.throttle().admit_write(client)?;
    let gaid = convert::gaid(&body.gaid)?;
    let challenge = app.wallet_challenge(&gaid).await?;
    Ok(Json(ChallengeResponse {
        challenge: challenge.to_string(),
    }))
}

/// Finish a wallet login with the signed challenge; answers a wallet token.
#[utoipa::path(post, path = "/api/wallet/login", tag = "wallet", request_body = WalletLogin,
    responses((status = 200, body = TokenResponse), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody),
        (status = 429, body = ErrorBody)))]
pub async fn login(
    State(app): State<App>,
    ClientAddr(client): ClientAddr,
    ApiObject(body): ApiObject<WalletLogin>,
) -> Result<Json<TokenResponse>> {
    let gaid = convert::gaid(&body.gaid)?;
    let challenge: Challenge = body
        .challenge
        .parse()
        .map_err(|e| ApiError::bad_request("invalid_challenge", format!("challenge: {e}")))?;
    let signature: ChallengeSignature = body
        .signature
        .parse()
        .map_err(|e| ApiError::bad_request("invalid_signature", format!("signature: {e}")))?;
    let token = app
        .wallet_login(client, &gaid, &challenge, &signature)
        .await?;
    Ok(Json(TokenResponse {
        token: token.reveal().to_owned(),
    }))
}

/// The logged-in account.
#[utoipa::path(get, path = "/api/wallet/account", tag = "wallet", security(("wallet" = [])),
    responses((status = 200, body = Account), (status = 401, body = ErrorBody)))]
pub async fn account(CurrentAccount(account): CurrentAccount) -> Json<Account> {
    Json(Account {
        gaid: account.gaid.into(),
        descriptor: account.descriptor,
    })
}

/// A fresh receiving address of the logged-in account.
#[utoipa::path(post, path = "/api/wallet/address", tag = "wallet", security(("wallet" = [])),
    responses((status = 200, body = AddressResponse), (status = 401, body = ErrorBody)))]
pub async fn address(
    State(app): State<App>,
    CurrentAccount(account): CurrentAccount,
) -> Result<Json<AddressResponse>> {
    let a = app.next_address(&account, AddressChain::External).await?;
    Ok(Json(AddressResponse {
        address: a.address,
        index: a.index,
    }))
}

/// A fresh change address of the logged-in account.
#[utoipa::path(post, path = "/api/wallet/change-address", tag = "wallet", security(("wallet" = [])),
    responses((status = 200, body = AddressResponse), (status = 401, body = ErrorBody)))]
pub async fn change_address(
    State(app): State<App>,
    CurrentAccount(account): CurrentAccount,
) -> Result<Json<AddressResponse>> {
    let a = app.next_address(&account, AddressChain::Internal).await?;
    Ok(Json(AddressResponse {
        address: a.address,
        index: a.index,
    }))
}

/// Unspent outputs of the logged-in account, unblinded by the platform.
#[utoipa::path(get, path = "/api/wallet/utxos", tag = "wallet", security(("wallet" = [])),
    responses((status = 200, body = Vec<WalletUtxo>), (status = 401, body = ErrorBody)))]
pub async fn utxos(
    State(app): State<App>,
    CurrentAccount(account): CurrentAccount,
) -> Result<Json<Vec<WalletUtxo>>> {
    let outputs = app.account_unspent(&account).await?;
    Ok(Json(
        outputs.into_iter().map(convert::wallet_utxo).collect(),
    ))
}

/// Balances of the logged-in account by asset, from the ownership ledger.
#[utoipa::path(get, path = "/api/wallet/balance", tag = "wallet", security(("wallet" = [])),
    responses((status = 200, body = Vec<AssetBalance>), (status = 401, body = ErrorBody)))]
pub async fn balance(
    State(app): State<App>,
    CurrentAccount(account): CurrentAccount,
) -> Result<Json<Vec<AssetBalance>>> {
    let balances = app.account_balances(&account).await?;
    Ok(Json(
        balances
            .into_iter()
            .map(|(asset_id, balance)| AssetBalance {
                asset_uuid: None,
                asset_id,
                balance,
            })
            .collect(),
    ))
}

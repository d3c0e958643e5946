//! An asset's history in AMP's shapes: `txs` (0.1.10), one tx, and `activities`.
//!
//! The app rebuilds the history from verified records and the chain watcher's outputs;
//! this module reads AMP's paging parameters and writes AMP's field names: the owner as
//! `GAID`, `registered_user`, `"registered user"` (R) and `investor` (V); blinders as 64
//! zeros when unknown, which is what the confirm script's `update-blinders` looks for.
//! Only mined transactions are listed, so `datetime` and `blockheight` are never null.
//! AMP's R client sends the paging parameters as a JSON body on GET: they are read from
//! the query string and a body is ignored.

use crate::extract::{ApiPath, ApiQuery, CurrentIssuer};
use crate::{convert_assets as ca, ApiError};
use axum::extract::State;
use axum::Json;
use serde::{Deserialize, Serialize};
use tessera_api_types::ErrorBody;
use tessera_app::assets::{
    ActivityLine, AssetTx, HistoryPage, SortColumn, TxKind, TxOutputLine, UNKNOWN_BLINDER,
};
use tessera_app::App;
use utoipa::{IntoParams, ToSchema};

type Result<T> = std::result::Result<T, ApiError>;

/// Paging of `txs` and `activities` (all optional; chain order, oldest first, by default).
#[derive(Debug, Default, Deserialize, IntoParams)]
pub struct HistoryQuery {
    /// Entries skipped.
    pub start: Option<u64>,
    /// At most this many.
    pub count: Option<u64>,
    /// `datetime`, `blockheight`, `type`, `amount` or `txid` (default: chain order).
    pub sortcolumn: Option<String>,
    /// `asc` (default) or `desc`.
    pub sortorder: Option<String>,
    /// Only from this block height.
    pub height_start: Option<u32>,
    /// Only up to this block height.
    pub height_stop: Option<u32>,
}

impl HistoryQuery {
    fn page(&self) -> Result<HistoryPage> {
        let descending = match self
            .sortorder
            .as_deref()
            .map(str::to_ascii_lowercase)
            .as_deref()
        {
            None | Some("asc") => false,
            Some("desc") => true,
            Some(other) => {
                return Err(ApiError::bad_request(
                    "invalid_sortorder",
                    format!("sortorder {other:?} is not asc or desc"),
                ))
            }
        };
        let text = self.sortcolumn.as_deref().unwrap_or_default();
        let sort = SortColumn::parse(text).ok_or_else(|| {
            ApiError::bad_request(
                "invalid_sortcolumn",
                format!("sortcolumn {text:?} is not datetime, blockheight, type, amount or txid"),
            )
        })?;
        Ok(HistoryPage {
            start: self.start.unwrap_or(0),
            count: self.count,
            sort,
            descending,
            height_start: self.height_start,
            height_stop: self.height_stop,
        })
    }
}

/// An input of a [`Tx`] spending an output listed earlier in the history.
#[allow(non_snake_case)]
#[derive(Debug, Serialize, ToSchema)]
pub struct TxInput {
    asset_id: String,
    vin: u32,
    prev_txid: String,
    prev_vout: u32,
    amount: u64,
    asset_blinder: String,
    amount_blinder: String,
    registered_user: Option<i64>,
    GAID: Option<String>,
    is_treasury: bool,
}

/// An output of a [`Tx`] carrying the asset or its token.
#[allow(non_snake_case)]
#[derive(Debug, Serialize, ToSchema)]
pub struct TxOutput {
    asset_id: String,
    vout: u32,
    amount: u64,
    asset_blinder: String,
    amount_blinder: String,
    registered_user: Option<i64>,
    GAID: Option<String>,
    is_treasury: bool,
    is_spent: bool,
    is_burnt: bool,
}

/// A mined transaction of the asset (AMP §2.2 Tx object).
#[derive(Debug, Serialize, ToSchema)]
pub struct Tx {
    txid: String,
    /// Block time, RFC 3339.
    datetime: String,
    blockheight: u32,
    is_issuance: bool,
    is_reissuance: bool,
    is_distribution: bool,
    /// The transaction on a block explorer with the blinders the server knows in its
    /// `#blinded=` fragment (relative on a regtest chain, which has no public explorer).
    unblinded_url: String,
    inputs: Vec<TxInput>,
    outputs: Vec<TxOutput>,
}

/// One history entry (AMP Activity). The owner appears under every name clients read:
/// `GAID`, `registered_user`, `"registered user"` (R) and `investor` (V); each is `null`
/// when the output is the treasury's or left the followed outputs.
#[allow(non_snake_case)]
#[derive(Debug, Serialize, ToSchema)]
pub struct Activity {
    /// `issuance`, `reissuance`, `distribution`, `burn`, `transfer` or `treasury`.
    r#type: String,
    /// Block time, RFC 3339.
    datetime: String,
    description: String,
    txid: String,
    vout: u32,
    blockheight: u32,
    amount: u64,
    asset_blinder: String,
    amount_blinder: String,
    GAID: Option<String>,
    registered_user: Option<i64>,
    #[serde(rename = "registered user")]
    #[schema(rename = "registered user")]
    registered_user_spaced: Option<i64>,
    investor: Option<i64>,
    /// Whether the output is the issuer's treasury (extension).
    is_treasury: bool,
}

fn datetime(unix: i64) -> String {
    chrono::DateTime::from_timestamp(unix, 0)
        .map(|t| t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true))
        .unwrap_or_default()
}

/// Blockstream's explorer, where it has one for the network.
fn explorer(network: Option<tessera_custody::Network>) -> &'static str {
    match network {
        Some(tessera_custody::Network::Liquid) => "https://blockstream.info/liquid/",
        Some(tessera_custody::Network::LiquidTestnet) => "https://blockstream.info/liquidtestnet/",
        _ => "",
    }
}

/// `tx/<txid>#blinded=<value>,<asset>,<value blinder>,<asset blinder>,...` over the
/// outputs whose blinders are known, the explorer's unblinding link.
fn unblinded_url(base: &str, t: &AssetTx) -> String {
    let known = t.outputs.iter().filter(|o| {
        !o.is_burnt && (o.asset_blinder != UNKNOWN_BLINDER || o.amount_blinder != UNKNOWN_BLINDER)
    });
    let parts: Vec<String> = known
        .map(|o| {
            format!(
                "{},{},{},{}",
                o.amount.units(),
                o.asset_id,
                o.amount_blinder,
                o.asset_blinder
            )
        })
        .collect();
    let mut url = format!("{base}tx/{}", t.txid);
    if !parts.is_empty() {
        url.push_str("#blinded=");
        url.push_str(&parts.join(","));
    }
    url
}

fn output(o: &TxOutputLine) -> TxOutput {
    TxOutput {
        asset_id: o.asset_id.clone(),
        vout: o.vout,
        amount: o.amount.units(),
        asset_blinder: o.asset_blinder.clone(),
        amount_blinder: o.amount_blinder.clone(),
        registered_user: o.registered_user.map(|u| u.0),
        GAID: o.gaid.clone(),
        is_treasury: o.is_treasury,
        is_spent: o.is_spent,
        is_burnt: o.is_burnt,
    }
}

fn tx(base: &str, t: &AssetTx) -> Tx {
    let inputs = t.inputs.iter().map(|i| {
        let o = output(&i.spent);
        TxInput {
            asset_id: o.asset_id,
            vin: i.vin,
            prev_txid: i.prev_txid.to_string(),
            prev_vout: i.prev_vout,
            amount: o.amount,
            asset_blinder: o.asset_blinder,
            amount_blinder: o.amount_blinder,
            registered_user: o.registered_user,
            GAID: o.GAID,
            is_treasury: o.is_treasury,
        }
    });
    Tx {
        txid: t.txid.to_string(),
        datetime: datetime(t.time),
        blockheight: t.height,
        is_issuance: t.kind == TxKind::Issuance,
        is_reissuance: t.kind == TxKind::Reissuance,
        is_distribution: t.kind == TxKind::Distribution,
        unblinded_url: unblinded_url(base, t),
        inputs: inputs.collect(),
        outputs: t.outputs.iter().map(output).collect(),
    }
}

fn activity(a: ActivityLine) -> Activity {
    let o = &a.output;
    let description = match (a.kind, &o.gaid) {
        (TxKind::Distribution | TxKind::Transfer, Some(gaid)) => {
            format!("{} to {gaid}", a.kind.as_str())
        }
        (TxKind::Treasury, _) if o.is_treasury => "to the treasury".to_owned(),
        (TxKind::Transfer | TxKind::Treasury, None) if !o.is_treasury => {
            "left the followed outputs".to_owned()
        }
        (kind, _) => kind.as_str().to_owned(),
    };
    let user = o.registered_user.map(|u| u.0);
    Activity {
        r#type: a.kind.as_str().to_owned(),
        datetime: datetime(a.tx.time),
        description,
        txid: a.tx.txid.to_string(),
        vout: o.vout,
        blockheight: a.tx.height,
        amount: o.amount.units(),
        asset_blinder: o.asset_blinder.clone(),
        amount_blinder: o.amount_blinder.clone(),
        GAID: o.gaid.clone(),
        registered_user: user,
        registered_user_spaced: user,
        investor: user,
        is_treasury: o.is_treasury,
    }
}

/// The asset's mined transactions, oldest first by default: element 0 is the issuance.
#[utoipa::path(get, path = "/api/assets/{uuid}/txs", tag = "assets", security(("token" = [])),
    params(("uuid" = String, Path), HistoryQuery),
    responses((status = 200, body = Vec<Tx>), (status = 400, body = ErrorBody),
        (status = 404, body = ErrorBody)))]
pub async fn txs(
    State(app): State<App>,
    CurrentIssuer(issuer): CurrentIssuer,
    ApiPath(uuid): ApiPath<String>,
    ApiQuery(query): ApiQuery<HistoryQuery>,
) -> Result<Json<Vec<Tx>>> {
    let page = query.page()?;
    let txs = app.asset_txs(issuer, ca::uuid(&uuid)?, &page).await?;
    let base = explorer(app.network().ok());
    Ok(Json(txs.iter().map(|t| tx(base, t)).collect()))
}

/// One transaction of the asset.
#[utoipa::path(get, path = "/api/assets/{uuid}/txs/{txid}", tag = "assets", security(("token" = [])),
    params(("uuid" = String, Path), ("txid" = String, Path)),
    responses((status = 200, body = Tx), (status = 400, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn tx_one(
    State(app): State<App>,
    CurrentIssuer(issuer): CurrentIssuer,
    ApiPath((uuid, txid)): ApiPath<(String, String)>,
) -> Result<Json<Tx>> {
    let parsed = txid.parse().map_err(|_| {
        ApiError::bad_request(
            "invalid_txid",
            format!("txid {txid:?} is not 64 hex digits"),
        )
    })?;
    let found = app.asset_tx(issuer, ca::uuid(&uuid)?, parsed).await?;
    let found = found.ok_or_else(|| ApiError::NotFound {
        code: "tx_not_found",
        message: format!("transaction {txid} is not in the history of asset {uuid}"),
    })?;
    Ok(Json(tx(explorer(app.network().ok()), &found)))
}

/// The asset's history: issuance, reissuances, distributions (one per receiver), burns,
/// transfers between holders and moves to or from treasury addresses; mined ones only.
#[utoipa::path(get, path = "/api/assets/{uuid}/activities", tag = "assets", security(("token" = [])),
    params(("uuid" = String, Path), HistoryQuery),
    responses((status = 200, body = Vec<Activity>), (status = 400, body = ErrorBody),
        (status = 404, body = ErrorBody)))]
pub async fn activities(
    State(app): State<App>,
    CurrentIssuer(issuer): CurrentIssuer,
    ApiPath(uuid): ApiPath<String>,
    ApiQuery(query): ApiQuery<HistoryQuery>,
) -> Result<Json<Vec<Activity>>> {
    let page = query.page()?;
    let lines = app
        .asset_activities(issuer, ca::uuid(&uuid)?, &page)
        .await?;
    Ok(Json(lines.into_iter().map(activity).collect()))
}

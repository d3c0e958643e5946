//! An asset's history in AMP's shapes: `txs` (0.1.10), one tx, and `activities`.
//!
//! The app rebuilds the history from verified records; this module only pages it and
//! writes AMP's field names (`GAID`, `registered_user`, blinders as 64 zeros when
//! unknown, which is what the confirm script's `update-blinders` looks for). AMP's R
//! client sends the paging parameters as a JSON body on GET: they are read from the query
//! string and a body is ignored.

use crate::extract::{ApiPath, CurrentIssuer};
use crate::{convert_assets as ca, ApiError};
use axum::extract::{Query, State};
use axum::Json;
use serde::{Deserialize, Serialize};
use tessera_api_types::ErrorBody;
use tessera_app::assets::{ActivityLine, AssetTx, HistoryPage, TxKind, TxOutputLine};
use tessera_app::App;
use utoipa::{IntoParams, ToSchema};

type Result<T> = std::result::Result<T, ApiError>;

/// Paging of `txs` and `activities` (all optional; oldest first by default; `sortcolumn`
/// is ignored: the order is by time).
#[derive(Debug, Default, Deserialize, IntoParams)]
pub struct HistoryQuery {
    /// Entries skipped.
    pub start: Option<u64>,
    /// At most this many.
    pub count: Option<u64>,
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
        Ok(HistoryPage {
            start: self.start.unwrap_or(0),
            count: self.count,
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

/// A transaction of the asset (AMP §2.2 Tx object).
#[derive(Debug, Serialize, ToSchema)]
pub struct Tx {
    txid: String,
    datetime: Option<String>,
    blockheight: Option<u32>,
    is_issuance: bool,
    is_reissuance: bool,
    is_distribution: bool,
    unblinded_url: String,
    inputs: Vec<TxInput>,
    outputs: Vec<TxOutput>,
}

/// One history entry (AMP Activity; the owner as `GAID` and `registered_user`).
#[allow(non_snake_case)]
#[derive(Debug, Serialize, ToSchema)]
pub struct Activity {
    r#type: String,
    datetime: Option<String>,
    description: String,
    txid: String,
    vout: u32,
    blockheight: Option<u32>,
    amount: u64,
    asset_blinder: String,
    amount_blinder: String,
    GAID: Option<String>,
    registered_user: Option<i64>,
}

fn datetime(unix: Option<i64>) -> Option<String> {
    unix.and_then(|t| chrono::DateTime::from_timestamp(t, 0))
        .map(|t| t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true))
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

fn tx(t: &AssetTx) -> Tx {
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
        unblinded_url: String::new(),
        inputs: inputs.collect(),
        outputs: t.outputs.iter().map(output).collect(),
    }
}

fn activity(a: ActivityLine) -> Activity {
    let o = &a.output;
    let description = match (a.kind, &o.gaid) {
        (TxKind::Distribution, Some(gaid)) => format!("distribution to {gaid}"),
        (kind, _) => kind.as_str().to_owned(),
    };
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
        registered_user: o.registered_user.map(|u| u.0),
    }
}

/// The asset's transactions, oldest first: element 0 is the issuance.
#[utoipa::path(get, path = "/api/assets/{uuid}/txs", tag = "assets", security(("token" = [])),
    params(("uuid" = String, Path), HistoryQuery),
    responses((status = 200, body = Vec<Tx>), (status = 404, body = ErrorBody)))]
pub async fn txs(
    State(app): State<App>,
    CurrentIssuer(issuer): CurrentIssuer,
    ApiPath(uuid): ApiPath<String>,
    Query(query): Query<HistoryQuery>,
) -> Result<Json<Vec<Tx>>> {
    let page = query.page()?;
    let all = app.asset_txs(issuer, ca::uuid(&uuid)?).await?;
    let paged = page.apply(all.into_iter().map(|t| (t.height, t)).collect());
    Ok(Json(paged.iter().map(tx).collect()))
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
    Ok(Json(tx(&found)))
}

/// The asset's history: issuance, reissuances, distributions (one per receiver), burns.
#[utoipa::path(get, path = "/api/assets/{uuid}/activities", tag = "assets", security(("token" = [])),
    params(("uuid" = String, Path), HistoryQuery),
    responses((status = 200, body = Vec<Activity>), (status = 404, body = ErrorBody)))]
pub async fn activities(
    State(app): State<App>,
    CurrentIssuer(issuer): CurrentIssuer,
    ApiPath(uuid): ApiPath<String>,
    Query(query): Query<HistoryQuery>,
) -> Result<Json<Vec<Activity>>> {
    let page = query.page()?;
    let all = app.asset_activities(issuer, ca::uuid(&uuid)?).await?;
    let paged = page.apply(all.into_iter().map(|a| (a.tx.height, a)).collect());
    Ok(Json(paged.into_iter().map(activity).collect()))
}

//! Dividend calculations (extension): split a payout over the holders at a block, store
//! the result, read it back as JSON or CSV (`Accept: text/csv` or `?format=csv`).

use crate::extract::{ApiObject, ApiPath, ApiQuery, CurrentIssuer};
use crate::{convert_assets as ca, ApiError};
use axum::extract::State;
use axum::http::{header, HeaderMap};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Deserialize;
use tessera_api_types::{DividendCalculation, DividendCalculationRequest, DividendLine, ErrorBody};
use tessera_app::reports::{At, DividendSpec, ExcludeRef, HolderRef};
use tessera_app::App;
use tessera_core::{Amount, Payout};
use tessera_store::DividendRecord;

type Result<T> = std::result::Result<T, ApiError>;

/// `?format=csv` asks for CSV.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
pub struct FormatQuery {
    /// `csv` for CSV (as `Accept: text/csv`), otherwise JSON.
    pub format: Option<String>,
}

/// A stored dividend in the API's shape.
pub fn wire(d: DividendRecord) -> DividendCalculation {
    let c = d.dividend;
    DividendCalculation {
        id: d.id,
        asset_uuid: d.asset.to_string(),
        height: c.height,
        time: c.time,
        amount_per_unit: match c.payout {
            Payout::PerUnit(a) => Some(a.units()),
            Payout::Total(_) => None,
        },
        total: c.total.units(),
        currency: c.currency,
        precision: c.precision,
        exclude: c.excluded,
        include_vested_undistributed: c.include_vested_undistributed,
        minimum: c.minimum.units(),
        lines: c
            .lines
            .into_iter()
            .map(|l| DividendLine {
                GAID: l.gaid.map(String::from),
                registered_user: l.registered_user.map(|u| u.0),
                units: l.units.units(),
                amount: l.amount.units(),
            })
            .collect(),
        remainder: c.remainder.units(),
        created_at: d.created_at,
    }
}

fn wants_csv(headers: &HeaderMap, query: &FormatQuery) -> bool {
    query.format.as_deref() == Some("csv")
        || headers
            .get(header::ACCEPT)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.contains("text/csv"))
}

/// The lines of `dividends` as CSV, one row per line, with a header.
fn csv(dividends: &[DividendCalculation]) -> Response {
    let out = csv_text(dividends);
    ([(header::CONTENT_TYPE, "text/csv; charset=utf-8")], out).into_response()
}

/// The CSV text of [`csv`] (also the console's download).
pub fn csv_text(dividends: &[DividendCalculation]) -> String {
    let mut out = String::from("dividend_id,GAID,registered_user,units,amount,currency\r\n");
    for d in dividends {
        for l in &d.lines {
            let user = l.registered_user.map(|u| u.to_string()).unwrap_or_default();
            let gaid = l.GAID.as_deref().unwrap_or_default();
            let currency = d.currency.replace('"', "\"\"");
            out.push_str(&format!(
                "{},{gaid},{user},{},{},\"{currency}\"\r\n",
                d.id, l.units, l.amount
            ));
        }
    }
    out
}

fn respond(list: Vec<DividendCalculation>, one: bool, as_csv: bool) -> Response {
    match (as_csv, one) {
        (true, _) => csv(&list),
        (false, true) => Json(list.into_iter().next()).into_response(),
        (false, false) => Json(list).into_response(),
    }
}

/// Unix seconds from a number, or from text: RFC 3339 or unix seconds.
fn time_of(value: &serde_json::Value) -> Result<i64> {
    let text = value
        .as_str()
        .map(str::to_owned)
        .unwrap_or_else(|| value.to_string());
    if let Ok(unix) = text.parse::<i64>() {
        return Ok(unix);
    }
    chrono::DateTime::parse_from_rfc3339(&text)
        .map(|d| d.timestamp())
        .map_err(|_| {
            ApiError::bad_request(
                "invalid_time",
                format!("time {value} is neither RFC 3339 nor unix seconds"),
            )
        })
}

fn spec(body: DividendCalculationRequest) -> Result<DividendSpec> {
    let at = match (body.height, body.time) {
        (None, None) => At::Tip,
        (Some(h), None) => At::Height(h),
        (None, Some(t)) => At::Time(time_of(&t)?),
        (Some(_), Some(_)) => {
            return Err(ApiError::bad_request(
                "invalid_body",
                "give height or time, not both",
            ))
        }
    };
    let amount = |units: u64| {
        Amount::from_units(units).map_err(|e| ApiError::bad_request("invalid_amount", e))
    };
    let payout = match (body.amount_per_unit, body.total) {
        (Some(per), None) => Payout::PerUnit(amount(per)?),
        (None, Some(total)) => Payout::Total(amount(total)?),
        _ => {
            return Err(ApiError::bad_request(
                "invalid_body",
                "give exactly one of amount_per_unit and total",
            ))
        }
    };
    let exclude = body
        .exclude
        .iter()
        .map(|v| {
            super::payments::holder(v).map(|h| match h {
                HolderRef::Gaid(g) => ExcludeRef::Gaid(g),
                HolderRef::User(u) => ExcludeRef::User(u),
            })
        })
        .collect::<Result<Vec<_>>>()?;
    Ok(DividendSpec {
        at,
        payout,
        currency: body.currency,
        precision: body.precision,
        exclude,
        include_vested_undistributed: body.include_vested_undistributed,
        minimum: amount(body.minimum)?,
    })
}

/// Calculates a dividend over the holders at a block (the treasury never shares) and
/// stores it.
#[utoipa::path(post, path = "/api/assets/{uuid}/dividends/calculate", tag = "reports", security(("token" = [])),
    params(("uuid" = String, Path), FormatQuery), request_body = DividendCalculationRequest,
    responses((status = 200, body = DividendCalculation), (status = 400, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn calculate(
    State(app): State<App>,
    CurrentIssuer(issuer): CurrentIssuer,
    ApiPath(uuid): ApiPath<String>,
    ApiQuery(format): ApiQuery<FormatQuery>,
    headers: HeaderMap,
    ApiObject(body): ApiObject<DividendCalculationRequest>,
) -> Result<Response> {
    let record = app
        .calculate_dividend(issuer, ca::uuid(&uuid)?, spec(body)?)
        .await?;
    Ok(respond(
        vec![wire(record)],
        true,
        wants_csv(&headers, &format),
    ))
}

/// The asset's dividend calculations, oldest first.
#[utoipa::path(get, path = "/api/assets/{uuid}/dividends", tag = "reports", security(("token" = [])),
    params(("uuid" = String, Path), FormatQuery),
    responses((status = 200, body = Vec<DividendCalculation>), (status = 404, body = ErrorBody)))]
pub async fn list(
    State(app): State<App>,
    CurrentIssuer(issuer): CurrentIssuer,
    ApiPath(uuid): ApiPath<String>,
    ApiQuery(format): ApiQuery<FormatQuery>,
    headers: HeaderMap,
) -> Result<Response> {
    let list = app.dividends(issuer, ca::uuid(&uuid)?).await?;
    Ok(respond(
        list.into_iter().map(wire).collect(),
        false,
        wants_csv(&headers, &format),
    ))
}

/// One dividend calculation.
#[utoipa::path(get, path = "/api/assets/{uuid}/dividends/{id}", tag = "reports", security(("token" = [])),
    params(("uuid" = String, Path), ("id" = i64, Path), FormatQuery),
    responses((status = 200, body = DividendCalculation), (status = 404, body = ErrorBody)))]
pub async fn get_one(
    State(app): State<App>,
    CurrentIssuer(issuer): CurrentIssuer,
    ApiPath((uuid, id)): ApiPath<(String, i64)>,
    ApiQuery(format): ApiQuery<FormatQuery>,
    headers: HeaderMap,
) -> Result<Response> {
    let record = app.dividend(issuer, ca::uuid(&uuid)?, id).await?;
    Ok(respond(
        vec![wire(record)],
        true,
        wants_csv(&headers, &format),
    ))
}

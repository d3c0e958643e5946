//! Payment records (extension): the issuer's notes of dividends or rewards paid outside
//! Tessera, with a free-form reference. Nothing is paid by Tessera.

use crate::extract::{ApiObject, ApiPath, CurrentIssuer};
use crate::{convert_assets as ca, ApiError};
use axum::extract::State;
use axum::Json;
use tessera_api_types::{ErrorBody, Payment, PaymentRequest};
use tessera_app::reports::{HolderRef, PaymentSpec};
use tessera_app::App;
use tessera_core::{Amount, Gaid, RegisteredUserId};
use tessera_store::PaymentRecord;

type Result<T> = std::result::Result<T, ApiError>;

fn wire(p: PaymentRecord) -> Payment {
    Payment {
        id: p.id,
        asset_uuid: p.asset.to_string(),
        reference: p.payment.reference,
        amount: p.payment.amount.map(Amount::units),
        currency: p.payment.currency,
        GAID: p.payment.gaid.map(String::from),
        registered_user: p.payment.registered_user.map(|u| u.0),
        dividend_id: p.payment.dividend,
        created_at: p.created_at,
    }
}

/// A GAID (text) or a registered user id (number).
pub(crate) fn holder(value: &serde_json::Value) -> Result<HolderRef> {
    if let Some(id) = value.as_i64() {
        return Ok(HolderRef::User(RegisteredUserId(id)));
    }
    let text = value.as_str().unwrap_or_default();
    Gaid::parse(text).map(HolderRef::Gaid).map_err(|_| {
        ApiError::bad_request(
            "invalid_holder",
            format!("{value} is neither a GAID nor a registered user id"),
        )
    })
}

/// Records a payment made outside Tessera.
#[utoipa::path(post, path = "/api/assets/{uuid}/payments", tag = "reports", security(("token" = [])),
    params(("uuid" = String, Path)), request_body = PaymentRequest,
    responses((status = 200, body = Payment), (status = 400, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn create(
    State(app): State<App>,
    CurrentIssuer(issuer): CurrentIssuer,
    ApiPath(uuid): ApiPath<String>,
    ApiObject(body): ApiObject<PaymentRequest>,
) -> Result<Json<Payment>> {
    let amount = body.amount.map(Amount::from_units).transpose();
    let spec = PaymentSpec {
        reference: body.reference,
        amount: amount.map_err(|e| ApiError::bad_request("invalid_amount", e))?,
        currency: body.currency,
        holder: body.holder.as_ref().map(holder).transpose()?,
        dividend: body.dividend_id,
    };
    Ok(Json(wire(
        app.record_payment(issuer, ca::uuid(&uuid)?, spec).await?,
    )))
}

/// The asset's payment records, oldest first.
#[utoipa::path(get, path = "/api/assets/{uuid}/payments", tag = "reports", security(("token" = [])),
    params(("uuid" = String, Path)),
    responses((status = 200, body = Vec<Payment>), (status = 404, body = ErrorBody)))]
pub async fn list(
    State(app): State<App>,
    CurrentIssuer(issuer): CurrentIssuer,
    ApiPath(uuid): ApiPath<String>,
) -> Result<Json<Vec<Payment>>> {
    let records = app.payments(issuer, ca::uuid(&uuid)?).await?;
    Ok(Json(records.into_iter().map(wire).collect()))
}

/// One payment record.
#[utoipa::path(get, path = "/api/assets/{uuid}/payments/{id}", tag = "reports", security(("token" = [])),
    params(("uuid" = String, Path), ("id" = i64, Path)),
    responses((status = 200, body = Payment), (status = 404, body = ErrorBody)))]
pub async fn get_one(
    State(app): State<App>,
    CurrentIssuer(issuer): CurrentIssuer,
    ApiPath((uuid, id)): ApiPath<(String, i64)>,
) -> Result<Json<Payment>> {
    Ok(Json(wire(app.payment(issuer, ca::uuid(&uuid)?, id).await?)))
}

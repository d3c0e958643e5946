//! Rows of dividends and payments, and their assembly into store records.

use super::{amount, corrupt, parse};
use crate::{
    DividendLineRecord, DividendRecord, DueNotice, NewDividend, NewPayment, NoticeKind,
    PaymentRecord, StoreError,
};
use std::collections::BTreeMap;
use tessera_core::{Amount, AssignmentId, Gaid, IssuerId, Payout, RegisteredUserId};

/// `dividends (id, asset_uuid, height, time, basis, basis_amount, currency, precision,
/// excluded, include_vested_undistributed, minimum, total, remainder, created_at)`.
pub(crate) type DividendRow = (
    i64,
    String,
    i64,
    Option<i64>,
    String,
    i64,
    String,
    i64,
    String,
    bool,
    i64,
    i64,
    i64,
    i64,
);
/// `dividend_lines (dividend_id, gaid, registered_user_id, units, amount)`, in order.
pub(crate) type DividendLineRow = (i64, Option<String>, Option<i64>, i64, i64);
/// `payments (id, asset_uuid, reference, amount, currency, gaid, registered_user_id,
/// dividend_id, created_at)`.
pub(crate) type PaymentRow = (
    i64,
    String,
    String,
    Option<i64>,
    Option<String>,
    Option<String>,
    Option<i64>,
    Option<i64>,
    i64,
);
/// A due notice as `NOTICES_DUE` returns it.
pub(crate) type NoticeRow = (
    i64,
    String,
    String,
    i64,
    String,
    String,
    i64,
    String,
    i64,
    i64,
    i64,
);

/// Separator of the stored `excluded` list (GAIDs and ids never contain it).
const EXCLUDED_SEPARATOR: char = ',';

/// The stored spelling of a payout: `(basis, amount)`.
pub(crate) fn payout_columns(payout: Payout) -> (&'static str, Amount) {
    match payout {
        Payout::PerUnit(a) => ("per_unit", a),
        Payout::Total(a) => ("total", a),
    }
}

/// The stored `excluded` list.
pub(crate) fn excluded_column(excluded: &[String]) -> String {
    excluded.join(&EXCLUDED_SEPARATOR.to_string())
}

fn gaid(text: Option<String>) -> Result<Option<Gaid>, StoreError> {
    text.map(|t| Gaid::parse(&t).map_err(|_| corrupt("GAID", t)))
        .transpose()
}

fn small(what: &'static str, value: i64) -> Result<u32, StoreError> {
    u32::try_from(value).map_err(|_| corrupt(what, value.to_string()))
}

/// Dividends with their lines (rows of lines ordered by dividend, then line).
pub(crate) fn dividends(
    rows: Vec<DividendRow>,
    lines: Vec<DividendLineRow>,
) -> Result<Vec<DividendRecord>, StoreError> {
    let mut by_dividend: BTreeMap<i64, Vec<DividendLineRecord>> = BTreeMap::new();
    for (id, g, user, units, paid) in lines {
        by_dividend.entry(id).or_default().push(DividendLineRecord {
            gaid: gaid(g)?,
            registered_user: user.map(RegisteredUserId),
            units: amount(units)?,
            amount: amount(paid)?,
        });
    }
    rows.into_iter()
        .map(|row| {
            let (id, asset, height, time, basis, basis_amount, currency, precision, excluded) = (
                row.0, row.1, row.2, row.3, row.4, row.5, row.6, row.7, row.8,
            );
            let payout = match basis.as_str() {
                "per_unit" => Payout::PerUnit(amount(basis_amount)?),
                "total" => Payout::Total(amount(basis_amount)?),
                _ => return Err(corrupt("dividend basis", basis)),
            };
            let precision =
                u8::try_from(precision).map_err(|_| corrupt("precision", precision.to_string()))?;
            Ok(DividendRecord {
                id,
                asset: parse("asset uuid", asset)?,
                created_at: row.13,
                dividend: NewDividend {
                    height: small("height", height)?,
                    time,
                    payout,
                    currency,
                    precision,
                    excluded: excluded
                        .split(EXCLUDED_SEPARATOR)
                        .filter(|s| !s.is_empty())
                        .map(str::to_owned)
                        .collect(),
                    include_vested_undistributed: row.9,
                    minimum: amount(row.10)?,
                    total: amount(row.11)?,
                    remainder: amount(row.12)?,
                    lines: by_dividend.remove(&id).unwrap_or_default(),
                },
            })
        })
        .collect()
}

/// A payment record from its row.
pub(crate) fn payment(row: PaymentRow) -> Result<PaymentRecord, StoreError> {
    let (id, asset, reference, paid, currency, g, user, dividend, created_at) = row;
    Ok(PaymentRecord {
        id,
        asset: parse("asset uuid", asset)?,
        created_at,
        payment: NewPayment {
            reference,
            amount: paid.map(amount).transpose()?,
            currency,
            gaid: gaid(g)?,
            registered_user: user.map(RegisteredUserId),
            dividend,
        },
    })
}

/// A due notice from its row.
pub(crate) fn notice(row: NoticeRow) -> Result<DueNotice, StoreError> {
    let (issuer, email, kind, assignment, asset, asset_name, user, user_name, units, p, at) = row;
    Ok(DueNotice {
        issuer: IssuerId(issuer),
        email,
        kind: NoticeKind::parse(&kind).ok_or_else(|| corrupt("notice kind", kind))?,
        assignment: AssignmentId(assignment),
        asset: parse("asset uuid", asset)?,
        asset_name,
        registered_user: RegisteredUserId(user),
        user_name,
        amount: amount(units)?,
        precision: u8::try_from(p).map_err(|_| corrupt("precision", p.to_string()))?,
        vesting_timestamp: at,
    })
}

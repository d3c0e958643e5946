//! Rows of assets, assignments, distributions, reissuances, burns and activities, and
//! their assembly into domain values (stored text parsed back into typed ids).

use super::{corrupt, to_u32};
use crate::{
    Activity, ActivityKind, Burn, BurnConfirmation, Distribution, DistributionOutput, NewActivity,
    Reissuance, ReissuanceConfirmation, StoreError,
};
use elements::{AssetId, Txid};
use std::collections::BTreeMap;
use std::str::FromStr;
use tessera_core::{
    AccountId, Amount, Asset, AssetKind, AssetUuid, Assignment, AssignmentId, AssignmentState,
    AuthorizationEndpoint, CategoryId, DistributionState, DistributionUuid, Gaid,
    IssuanceOutpoints, IssuerId, Precision, RegisteredUserId,
};

/// Parses stored text, or reports it as corrupt.
pub(crate) fn parse<T: FromStr>(what: &'static str, text: String) -> Result<T, StoreError> {
    text.parse().map_err(|_| corrupt(what, text))
}

/// An amount from a stored BIGINT.
pub(crate) fn amount(value: i64) -> Result<Amount, StoreError> {
    u64::try_from(value)
        .ok()
        .and_then(|units| Amount::from_units(units).ok())
        .ok_or_else(|| corrupt("amount", value.to_string()))
}

/// An amount as a BIGINT (the money range fits).
pub(crate) fn amount_column(value: Amount) -> i64 {
    i64::try_from(value.units()).unwrap_or(i64::MAX)
}

/// A count from SQL (`COUNT(*)` is never negative).
pub(crate) fn count(value: i64) -> u64 {
    u64::try_from(value).unwrap_or_default()
}

fn opt_u32(what: &'static str, value: Option<i64>) -> Result<Option<u32>, StoreError> {
    value.map(|v| to_u32(what, v)).transpose()
}

/// An `assets` row as `sql::ASSETS` selects it.
#[derive(Debug, sqlx::FromRow)]
pub(crate) struct AssetRecordRow {
    uuid: String,
    issuer_id: i64,
    asset_id: String,
    reissuance_token_id: Option<String>,
    name: String,
    ticker: String,
    domain: String,
    pubkey: String,
    precision: i64,
    transfer_restricted: bool,
    is_reissuable: bool,
    is_locked: bool,
    is_registered: bool,
    is_authorized: bool,
    issuer_authorization_endpoint: Option<String>,
    issuance_txid: String,
    issuance_vin: i64,
    asset_vout: i64,
    reissuance_vout: Option<i64>,
}

/// `category_assets (asset_uuid, category_id)`, by category.
pub(crate) type RequirementRow = (String, i64);

/// Assets with their requirements (ascending).
pub(crate) fn assets(
    rows: Vec<AssetRecordRow>,
    requirements: Vec<RequirementRow>,
) -> Result<Vec<Asset>, StoreError> {
    let mut required: BTreeMap<String, Vec<CategoryId>> = BTreeMap::new();
    for (uuid, category) in requirements {
        required.entry(uuid).or_default().push(CategoryId(category));
    }
    rows.into_iter()
        .map(|row| {
            let mut requirements = required.remove(&row.uuid).unwrap_or_default();
            requirements.sort_unstable();
            requirements.dedup();
            Ok(Asset {
                uuid: parse("asset uuid", row.uuid)?,
                issuer: IssuerId(row.issuer_id),
                asset_id: parse::<AssetId>("asset id", row.asset_id)?,
                reissuance_token_id: row
                    .reissuance_token_id
                    .map(|t| parse::<AssetId>("reissuance token id", t))
                    .transpose()?,
                name: parse("asset name", row.name)?,
                ticker: parse("ticker", row.ticker)?,
                domain: parse("domain", row.domain)?,
                pubkey: parse("issuer pubkey", row.pubkey)?,
                precision: Precision::new(row.precision)
                    .map_err(|_| corrupt("precision", row.precision.to_string()))?,
                kind: AssetKind::from_transfer_restricted(row.transfer_restricted),
                is_reissuable: row.is_reissuable,
                is_locked: row.is_locked,
                is_registered: row.is_registered,
                is_authorized: row.is_authorized,
                issuer_authorization_endpoint: row
                    .issuer_authorization_endpoint
                    .map(|e| parse::<AuthorizationEndpoint>("authorization endpoint", e))
                    .transpose()?,
                requirements,
                issuance: IssuanceOutpoints {
                    txid: parse::<Txid>("txid", row.issuance_txid)?,
                    vin: to_u32("issuance input", row.issuance_vin)?,
                    asset_vout: to_u32("asset output", row.asset_vout)?,
                    reissuance_vout: opt_u32("reissuance output", row.reissuance_vout)?,
                },
            })
        })
        .collect()
}

/// An `assignments` row as `sql::ASSIGNMENTS` selects it.
pub(crate) type AssignmentRow = (
    i64,
    String,
    i64,
    i64,
    Option<i64>,
    bool,
    bool,
    Option<String>,
    Option<String>,
);

/// An assignment from its row; its state from its distribution columns.
pub(crate) fn assignment(row: AssignmentRow) -> Result<Assignment, StoreError> {
    let (id, asset, user, units, vesting, ready, locked, distribution, txid) = row;
    let distribution = distribution
        .map(|d| parse::<DistributionUuid>("distribution uuid", d))
        .transpose()?;
    let state = match (distribution, txid) {
        (None, None) => AssignmentState::Pending,
        (Some(distribution), None) => AssignmentState::InDistribution { distribution },
        (Some(distribution), Some(txid)) => AssignmentState::Distributed {
            distribution,
            txid: parse("txid", txid)?,
        },
        (None, Some(txid)) => return Err(corrupt("distributed txid", txid)),
    };
    Ok(Assignment {
        id: AssignmentId(id),
        asset: parse("asset uuid", asset)?,
        registered_user: RegisteredUserId(user),
        amount: amount(units)?,
        vesting_timestamp: vesting,
        ready_for_distribution: ready,
        is_locked: locked,
        state,
    })
}

/// `distributions (uuid, asset_uuid, state, created_at, txid, confirmed_height,
/// confirmed_at)`.
pub(crate) type DistributionRow = (
    String,
    String,
    String,
    i64,
    Option<String>,
    Option<i64>,
    Option<i64>,
);
/// `distribution_outputs (id, distribution_uuid, address, script_pubkey,
/// registered_user_id, gaid, account_id, amount, vout)`.
pub(crate) type PayoutRow = (
    i64,
    String,
    String,
    Vec<u8>,
    i64,
    String,
    i64,
    i64,
    Option<i64>,
);
/// `distribution_assignments (distribution_output_id, assignment_id)`.
pub(crate) type PayoutLinkRow = (i64, i64);

/// Distributions with their outputs (in creation order) and each output's assignments.
pub(crate) fn distributions(
    rows: Vec<DistributionRow>,
    outputs: Vec<PayoutRow>,
    links: Vec<PayoutLinkRow>,
) -> Result<Vec<Distribution>, StoreError> {
    let mut assignments: BTreeMap<i64, Vec<AssignmentId>> = BTreeMap::new();
    for (output, assignment) in links {
        assignments
            .entry(output)
            .or_default()
            .push(AssignmentId(assignment));
    }
    let mut by_distribution: BTreeMap<String, Vec<DistributionOutput>> = BTreeMap::new();
    for (id, distribution, address, script, user, gaid, account, units, vout) in outputs {
        by_distribution
            .entry(distribution)
            .or_default()
            .push(DistributionOutput {
                address,
                script_pubkey: script,
                registered_user: RegisteredUserId(user),
                gaid: Gaid::parse(&gaid).map_err(|_| corrupt("GAID", gaid))?,
                account: AccountId(account),
                amount: amount(units)?,
                assignment_ids: assignments.remove(&id).unwrap_or_default(),
                vout: opt_u32("output index", vout)?,
            });
    }
    rows.into_iter()
        .map(
            |(uuid, asset, state, created_at, txid, height, confirmed_at)| {
                let state = match (state.as_str(), txid, height) {
                    ("unconfirmed", None, _) => DistributionState::Unconfirmed { created_at },
                    ("cancelled", None, _) => DistributionState::Cancelled,
                    ("confirmed", Some(txid), Some(height)) => DistributionState::Confirmed {
                        txids: vec![parse("txid", txid)?],
                        height: to_u32("block height", height)?,
                    },
                    _ => return Err(corrupt("distribution state", state)),
                };
                Ok(Distribution {
                    outputs: by_distribution.remove(&uuid).unwrap_or_default(),
                    uuid: parse("distribution uuid", uuid)?,
                    asset: parse("asset uuid", asset)?,
                    state,
                    created_at,
                    confirmed_at,
                })
            },
        )
        .collect()
}

/// A reissuance or burn row: `(id, asset_uuid, amount, created_at, txid, vin, height,
/// confirmed_at)`.
pub(crate) type SupplyRow = (
    i64,
    String,
    i64,
    i64,
    Option<String>,
    Option<i64>,
    Option<i64>,
    Option<i64>,
);

/// The parts both supply records share, and the confirmation columns.
type SupplyParts = (
    i64,
    AssetUuid,
    Amount,
    i64,
    Option<(Txid, Option<u32>, u32, i64)>,
);

fn supply_parts(row: SupplyRow) -> Result<SupplyParts, StoreError> {
    let (id, asset, units, created_at, txid, vin, height, confirmed_at) = row;
    let confirmed = match (txid, height, confirmed_at) {
        (Some(txid), Some(height), Some(at)) => Some((
            parse("txid", txid)?,
            opt_u32("issuance input", vin)?,
            to_u32("block height", height)?,
            at,
        )),
        (None, None, None) => None,
        _ => return Err(corrupt("supply confirmation of row", id.to_string())),
    };
    Ok((
        id,
        parse("asset uuid", asset)?,
        amount(units)?,
        created_at,
        confirmed,
    ))
}

/// A reissuance from its row.
pub(crate) fn reissuance(row: SupplyRow) -> Result<Reissuance, StoreError> {
    let (id, asset, amount, created_at, confirmed) = supply_parts(row)?;
    let confirmed = match confirmed {
        Some((txid, Some(vin), height, confirmed_at)) => Some(ReissuanceConfirmation {
            txid,
            vin,
            height,
            confirmed_at,
        }),
        Some((txid, None, _, _)) => {
            return Err(corrupt("reissuance without vin", txid.to_string()))
        }
        None => None,
    };
    Ok(Reissuance {
        id,
        asset,
        amount,
        created_at,
        confirmed,
    })
}

/// A burn from its row.
pub(crate) fn burn(row: SupplyRow) -> Result<Burn, StoreError> {
    let (id, asset, amount, created_at, confirmed) = supply_parts(row)?;
    Ok(Burn {
        id,
        asset,
        amount,
        created_at,
        confirmed: confirmed.map(|(txid, _, height, confirmed_at)| BurnConfirmation {
            txid,
            height,
            confirmed_at,
        }),
    })
}

/// An `asset_activities` row.
pub(crate) type ActivityRow = (
    i64,
    String,
    String,
    String,
    Option<i64>,
    Option<i64>,
    i64,
    Option<String>,
    Option<i64>,
    String,
    i64,
);

/// An activity from its row.
pub(crate) fn activity(row: ActivityRow) -> Result<Activity, StoreError> {
    let (id, asset, kind, txid, vout, height, units, gaid, user, description, created_at) = row;
    Ok(Activity {
        id,
        asset: parse("asset uuid", asset)?,
        activity: NewActivity {
            kind: ActivityKind::from_name(&kind).ok_or_else(|| corrupt("activity kind", kind))?,
            txid: parse("txid", txid)?,
            vout: opt_u32("output index", vout)?,
            height: opt_u32("block height", height)?,
            amount: amount(units)?,
            gaid: gaid
                .map(|g| Gaid::parse(&g).map_err(|_| corrupt("GAID", g)))
                .transpose()?,
            registered_user: user.map(RegisteredUserId),
            description,
        },
        created_at,
    })
}

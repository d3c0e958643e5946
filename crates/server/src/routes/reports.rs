//! Vesting reports (per asset and per registered user) and ownership snapshots with the
//! treasury and locked amounts: extensions that read, beside AMP's `summary`.

use crate::extract::{ApiPath, CurrentIssuer};
use crate::{convert_assets as ca, ApiError};
use axum::extract::State;
use axum::Json;
use tessera_api_types::{
    AssetVestingLine, AssetVestingReport, ErrorBody, OwnershipEntry, UpcomingVesting,
    UserVestingLine, UserVestingReport, VestingBuckets,
};
use tessera_app::reports::{OwnershipSnapshot, VestingTotals};
use tessera_app::App;
use tessera_core::RegisteredUserId;

type Result<T> = std::result::Result<T, ApiError>;

fn buckets(t: &VestingTotals) -> VestingBuckets {
    VestingBuckets {
        vested_undistributed: t.vested_undistributed.units(),
        vested_distributed: t.vested_distributed.units(),
        not_yet_vested: t.not_yet_vested.units(),
        next_vesting_timestamp: t.next_vesting(),
    }
}

fn upcoming(t: &VestingTotals) -> Vec<UpcomingVesting> {
    t.upcoming
        .iter()
        .map(|u| UpcomingVesting {
            assignment_id: u.assignment.0,
            registered_user: u.registered_user.0,
            vesting_timestamp: u.vesting_timestamp,
            amount: u.amount.units(),
        })
        .collect()
}

/// The wire form of a snapshot: AMP's ownership fields plus the extensions.
pub(crate) fn ownership_entries(snapshot: OwnershipSnapshot) -> Vec<OwnershipEntry> {
    snapshot
        .lines
        .into_iter()
        .map(|l| OwnershipEntry {
            owner: l.owner,
            amount: l.amount,
            GAID: l.gaid.map(String::from),
            registered_user: l.registered_user.map(|u| u.0),
            is_treasury: l.is_treasury,
            blacklisted: l.blacklisted,
        })
        .collect()
}

/// Vested (distributed or not) and unvested amounts of an asset's assignments now, per
/// registered user, with the dates ahead (extension).
#[utoipa::path(get, path = "/api/assets/{uuid}/vesting", tag = "reports", security(("token" = [])),
    params(("uuid" = String, Path)),
    responses((status = 200, body = AssetVestingReport), (status = 404, body = ErrorBody)))]
pub async fn asset_vesting(
    State(app): State<App>,
    CurrentIssuer(issuer): CurrentIssuer,
    ApiPath(uuid): ApiPath<String>,
) -> Result<Json<AssetVestingReport>> {
    let r = app.asset_vesting(issuer, ca::uuid(&uuid)?).await?;
    Ok(Json(AssetVestingReport {
        asset_uuid: r.asset.uuid.to_string(),
        asset_id: r.asset.asset_id.to_string(),
        at: r.at,
        totals: buckets(&r.totals),
        upcoming: upcoming(&r.totals),
        registered_users: r
            .users
            .iter()
            .map(|(user, t)| UserVestingLine {
                registered_user: user.0,
                totals: buckets(t),
            })
            .collect(),
    }))
}

/// A registered user's vested and unvested amounts per asset now (extension).
#[utoipa::path(get, path = "/api/registered_users/{id}/vesting", tag = "reports", security(("token" = [])),
    params(("id" = i64, Path)),
    responses((status = 200, body = UserVestingReport), (status = 404, body = ErrorBody)))]
pub async fn user_vesting(
    State(app): State<App>,
    CurrentIssuer(issuer): CurrentIssuer,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<UserVestingReport>> {
    let r = app.user_vesting(issuer, RegisteredUserId(id)).await?;
    Ok(Json(UserVestingReport {
        registered_user: r.registered_user.0,
        at: r.at,
        assets: r
            .assets
            .iter()
            .map(|a| AssetVestingLine {
                asset_uuid: a.asset.uuid.to_string(),
                asset_id: a.asset.asset_id.to_string(),
                totals: buckets(&a.totals),
                upcoming: upcoming(&a.totals),
            })
            .collect(),
    }))
}

//! Reports beyond AMP: ownership with locked amounts, vesting, dividends, payment
//! records and issuer settings (extensions under `/api`, new paths or extra fields only).
//!
//! Ids that may be a GAID or a registered user id (`exclude`, `holder`) and times that
//! may be RFC 3339 text or unix seconds arrive as plain JSON values and are parsed by the
//! server: serde's untagged enums cannot read numbers with `arbitrary_precision` on.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// A holder at a block: AMP's `owner`, `amount`, `GAID`, and extra fields.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, PartialEq, Eq)]
pub struct OwnershipEntry {
    /// Registered user name, `treasury`, or null when unknown.
    pub owner: Option<String>,
    /// Amount held, base units (locked outputs included).
    pub amount: u64,
    /// The GAID, when a managed account holds it.
    pub GAID: Option<String>,
    /// The registered user id, when known (extension).
    pub registered_user: Option<i64>,
    /// Whether this is the issuer's treasury (extension).
    pub is_treasury: bool,
    /// Of `amount`, how much is in locked (blacklisted) outputs (extension).
    pub blacklisted: u64,
}

/// Vested and unvested amounts of a set of assignments, base units.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, PartialEq, Eq)]
pub struct VestingBuckets {
    /// Vested, not yet paid by a confirmed distribution.
    pub vested_undistributed: u64,
    /// Paid by a confirmed distribution.
    pub vested_distributed: u64,
    /// Vesting later.
    pub not_yet_vested: u64,
    /// The next vesting date (unix seconds), if any.
    pub next_vesting_timestamp: Option<i64>,
}

/// An assignment still to vest.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, PartialEq, Eq)]
pub struct UpcomingVesting {
    /// Assignment id.
    pub assignment_id: i64,
    /// Registered user id.
    pub registered_user: i64,
    /// When it vests (unix seconds).
    pub vesting_timestamp: i64,
    /// Amount, base units.
    pub amount: u64,
}

/// One registered user in an asset's vesting report.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, PartialEq, Eq)]
pub struct UserVestingLine {
    /// Registered user id.
    pub registered_user: i64,
    /// Their amounts.
    #[serde(flatten)]
    pub totals: VestingBuckets,
}

/// `GET /api/assets/{uuid}/vesting`.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, PartialEq, Eq)]
pub struct AssetVestingReport {
    /// Asset uuid.
    pub asset_uuid: String,
    /// Asset id on chain.
    pub asset_id: String,
    /// The time of the report (unix seconds).
    pub at: i64,
    /// All the asset's assignments.
    #[serde(flatten)]
    pub totals: VestingBuckets,
    /// Assignments still to vest, soonest first.
    pub upcoming: Vec<UpcomingVesting>,
    /// Per registered user.
    pub registered_users: Vec<UserVestingLine>,
}

/// One asset in a registered user's vesting report.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, PartialEq, Eq)]
pub struct AssetVestingLine {
    /// Asset uuid.
    pub asset_uuid: String,
    /// Asset id on chain.
    pub asset_id: String,
    /// The user's assignments of it.
    #[serde(flatten)]
    pub totals: VestingBuckets,
    /// Those still to vest, soonest first.
    pub upcoming: Vec<UpcomingVesting>,
}

/// `GET /api/registered_users/{id}/vesting`.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, PartialEq, Eq)]
pub struct UserVestingReport {
    /// Registered user id.
    pub registered_user: i64,
    /// The time of the report (unix seconds).
    pub at: i64,
    /// Per asset.
    pub assets: Vec<AssetVestingLine>,
}

/// `POST /api/assets/{uuid}/dividends/calculate`. Give `height` or `time` (or neither:
/// the tip), and exactly one of `amount_per_unit` (per whole unit of the asset) and
/// `total`, in the payout currency's base units.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct DividendCalculationRequest {
    /// Holders at the end of this block.
    pub height: Option<u32>,
    /// Or at the last block at or before this time: RFC 3339 text or unix seconds.
    #[schema(value_type = Option<String>)]
    pub time: Option<serde_json::Value>,
    /// Payout per whole unit held.
    #[serde(default, deserialize_with = "crate::base_units::optional_base_units")]
    pub amount_per_unit: Option<u64>,
    /// Or a total to split.
    #[serde(default, deserialize_with = "crate::base_units::optional_base_units")]
    pub total: Option<u64>,
    /// The payout currency (free text, e.g. `USD` or an asset id).
    pub currency: String,
    /// Decimals of the payout currency (display only; default 0).
    #[serde(default)]
    pub precision: u8,
    /// GAIDs (text) or registered user ids (numbers) left out.
    #[serde(default)]
    #[schema(value_type = Vec<String>)]
    pub exclude: Vec<serde_json::Value>,
    /// Count assignments vested but not yet distributed as holdings.
    #[serde(default)]
    pub include_vested_undistributed: bool,
    /// Smallest line paid; smaller ones stay in `remainder` (default 0).
    #[serde(default)]
    pub minimum: u64,
}

/// One line of a dividend.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, PartialEq, Eq)]
pub struct DividendLine {
    /// The managed account, when known.
    pub GAID: Option<String>,
    /// The registered user id, when known.
    pub registered_user: Option<i64>,
    /// Units of the asset counted, base units.
    pub units: u64,
    /// Amount to pay, payout base units.
    pub amount: u64,
}

/// A stored dividend calculation.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, PartialEq, Eq)]
pub struct DividendCalculation {
    /// Its id.
    pub id: i64,
    /// Asset uuid.
    pub asset_uuid: String,
    /// The block whose holders were used.
    pub height: u32,
    /// The time asked for, if any (unix seconds).
    pub time: Option<i64>,
    /// The per-unit payout asked for, if any.
    pub amount_per_unit: Option<u64>,
    /// The amount apportioned.
    pub total: u64,
    /// The payout currency.
    pub currency: String,
    /// Its decimals.
    pub precision: u8,
    /// Exclusions as given.
    pub exclude: Vec<String>,
    /// Whether vested undistributed assignments counted.
    pub include_vested_undistributed: bool,
    /// Smallest line paid.
    pub minimum: u64,
    /// The lines, larger holdings first.
    pub lines: Vec<DividendLine>,
    /// Not paid out (lines below the minimum): `Σ amount + remainder == total`.
    pub remainder: u64,
    /// When it was calculated (unix seconds).
    pub created_at: i64,
}

/// `POST /api/assets/{uuid}/payments`.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct PaymentRequest {
    /// Free-form text (1 to 2000 characters).
    pub reference: String,
    /// Amount paid, payout base units.
    #[serde(default, deserialize_with = "crate::base_units::optional_base_units")]
    pub amount: Option<u64>,
    /// Its currency.
    pub currency: Option<String>,
    /// Who was paid: a GAID (text) or a registered user id (number).
    #[schema(value_type = Option<String>)]
    pub holder: Option<serde_json::Value>,
    /// The dividend calculation paid.
    pub dividend_id: Option<i64>,
}

/// A payment record.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, PartialEq, Eq)]
pub struct Payment {
    /// Its id.
    pub id: i64,
    /// Asset uuid.
    pub asset_uuid: String,
    /// Free-form text.
    pub reference: String,
    /// Amount paid.
    pub amount: Option<u64>,
    /// Its currency.
    pub currency: Option<String>,
    /// The GAID paid, if given.
    pub GAID: Option<String>,
    /// The registered user paid, if known.
    pub registered_user: Option<i64>,
    /// The dividend calculation paid.
    pub dividend_id: Option<i64>,
    /// When it was recorded (unix seconds).
    pub created_at: i64,
}

/// `GET/PUT /api/user/settings` (extension).
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct IssuerSettings {
    /// Where vesting notices go (none are sent without it).
    pub email: Option<String>,
    /// Days before vesting of the first notice (0 to 365; default 3).
    #[serde(default = "default_notice_days")]
    pub notice_days: u32,
}

fn default_notice_days() -> u32 {
    3
}

//! Assignments (AMP §2.3) and vesting schedules (extension).

use serde::{Deserialize, Deserializer, Serialize};
use utoipa::ToSchema;

/// An assignment as AMP shows it.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, PartialEq, Eq)]
pub struct Assignment {
    /// Id.
    pub id: i64,
    /// Receiver.
    pub registered_user: i64,
    /// Legacy name of `registered_user`.
    pub investor: i64,
    /// Amount, base units.
    pub amount: u64,
    /// Address paid by its distribution, once distributed.
    pub receiving_address: Option<String>,
    /// Its distribution, once in one.
    pub distribution_uuid: Option<String>,
    /// Ready for distribution (once vested).
    pub ready_for_distribution: bool,
    /// Vesting time, UTC (RFC 3339).
    pub vesting_datetime: Option<String>,
    /// Vesting time, unix seconds.
    pub vesting_timestamp: Option<i64>,
    /// Vested (no vesting time, or it has passed).
    pub has_vested: bool,
    /// Distributed on chain (confirmed).
    pub is_distributed: bool,
    /// Locked out of distributions.
    pub is_locked: bool,
    /// The issuer that created it.
    pub creator: i64,
    /// The receiver's default GAID.
    pub GAID: Option<String>,
}

/// One element of `assignments/create`.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewAssignment {
    /// Receiver.
    pub registered_user: i64,
    /// Amount, base units (positive).
    #[serde(deserialize_with = "crate::base_units::base_units")]
    pub amount: u64,
    /// Vesting time, unix seconds.
    #[serde(default)]
    pub vesting_timestamp: Option<i64>,
    /// Ready for distribution (default false).
    #[serde(default)]
    pub ready_for_distribution: bool,
}

/// `POST /api/assets/{uuid}/assignments/create` body: one element (AMP) or many, all or
/// nothing.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateAssignments {
    /// The assignments.
    pub assignments: Vec<NewAssignment>,
}

/// `PUT /api/assets/{uuid}/assignments/{id}/edit` body; absent fields stay.
#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct EditAssignment {
    /// New amount.
    #[serde(default, deserialize_with = "crate::base_units::optional_base_units")]
    pub amount: Option<u64>,
    /// New vesting time; `null` removes it.
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<i64>)]
    pub vesting_timestamp: Option<Option<i64>>,
    /// New readiness.
    #[serde(default)]
    pub ready_for_distribution: Option<bool>,
}

/// Distinguishes an absent field (`None`) from an explicit `null` (`Some(None)`).
fn present<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Option<i64>>, D::Error> {
    Option::<i64>::deserialize(d).map(Some)
}

/// `POST /api/assets/{uuid}/assignments/vesting-schedule` body (extension).
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct VestingScheduleRequest {
    /// Receiver.
    pub registered_user: i64,
    /// Whole grant, base units.
    pub total: u64,
    /// Number of tranches.
    pub tranches: u32,
    /// Months between tranches (give this or `period_days`).
    #[serde(default)]
    pub period_months: Option<u32>,
    /// Days between tranches.
    #[serde(default)]
    pub period_days: Option<u32>,
    /// Start, unix seconds (nothing vests at the start itself).
    pub start: i64,
    /// Optional cliff in months after the start.
    #[serde(default)]
    pub cliff_months: Option<u32>,
    /// Optional cliff in days after the start.
    #[serde(default)]
    pub cliff_days: Option<u32>,
}

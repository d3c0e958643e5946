//! Store-level types of assignments, distributions, reissuances and burns.
//!
//! Core decides (state machines, eligibility, treasury math); these are the records the
//! store keeps of what was decided, and the totals it sums for core's `Supply`.

use elements::Txid;
use tessera_core::{
    AccountId, Amount, AssetUuid, AssignmentId, DistributionState, DistributionUuid, Gaid,
    RegisteredUserId,
};

/// One receiver of a distribution: a fresh address of the registered user's managed
/// account, and the assignments it pays.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DistributionOutput {
    /// The address paid (distinct within a distribution: the file maps address → amount).
    pub address: String,
    /// Its script, so the payment can be found on chain.
    pub script_pubkey: Vec<u8>,
    /// Who is paid.
    pub registered_user: RegisteredUserId,
    /// The managed account paid.
    pub gaid: Gaid,
    /// The same account by id.
    pub account: AccountId,
    /// How much, in base units: the sum of the assignments.
    pub amount: Amount,
    /// The assignments this output pays (ascending).
    pub assignment_ids: Vec<AssignmentId>,
    /// The output index in the paying transaction, once confirmed (`None` when creating).
    pub vout: Option<u32>,
}

/// A distribution to create: the app chose its uuid and planned its outputs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewDistribution {
    /// Its public id.
    pub uuid: DistributionUuid,
    /// Its receivers.
    pub outputs: Vec<DistributionOutput>,
}

/// A distribution as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Distribution {
    /// Its public id.
    pub uuid: DistributionUuid,
    /// The asset paid.
    pub asset: AssetUuid,
    /// Unconfirmed, confirmed (by one transaction) or cancelled.
    pub state: DistributionState,
    /// When it was created (unix seconds).
    pub created_at: i64,
    /// When it was confirmed (unix seconds).
    pub confirmed_at: Option<i64>,
    /// Its receivers, in the order given at creation.
    pub outputs: Vec<DistributionOutput>,
}

/// A reissuance: requested by the issuer, then confirmed once seen on chain.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reissuance {
    /// Its id.
    pub id: i64,
    /// The asset.
    pub asset: AssetUuid,
    /// How much is (to be) created, in base units.
    pub amount: Amount,
    /// When it was requested (or, without a request, confirmed).
    pub created_at: i64,
    /// `None` while only requested.
    pub confirmed: Option<ReissuanceConfirmation>,
}

/// Where a reissuance happened.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReissuanceConfirmation {
    /// The reissuance transaction.
    pub txid: Txid,
    /// Its input carrying the reissuance.
    pub vin: u32,
    /// Its block height.
    pub height: u32,
    /// When the server confirmed it (unix seconds).
    pub confirmed_at: i64,
}

/// A burn: requested by the issuer, then confirmed once seen on chain.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Burn {
    /// Its id.
    pub id: i64,
    /// The asset.
    pub asset: AssetUuid,
    /// How much is (to be) destroyed, in base units.
    pub amount: Amount,
    /// When it was requested (or, without a request, confirmed).
    pub created_at: i64,
    /// `None` while only requested.
    pub confirmed: Option<BurnConfirmation>,
}

/// Where a burn happened.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BurnConfirmation {
    /// The burn transaction.
    pub txid: Txid,
    /// Its block height.
    pub height: u32,
    /// When the server confirmed it (unix seconds).
    pub confirmed_at: i64,
}

/// How much of an asset exists, for core's `Supply` (confirmed amounts only).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SupplyTotals {
    /// Created by the issuance.
    pub issued: Amount,
    /// Created by confirmed reissuances.
    pub reissued: Amount,
    /// Destroyed by confirmed burns.
    pub burned: Amount,
}

/// The assignments of one asset, summed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct AssignmentTotals {
    /// Number of assignments.
    pub count: u64,
    /// Number not paid yet (pending or in an unconfirmed distribution).
    pub undistributed_count: u64,
    /// Their sum.
    pub assigned_undistributed: Amount,
    /// Number paid by confirmed distributions.
    pub distributed_count: u64,
    /// Their sum.
    pub distributed: Amount,
}

/// The assignments of one registered user in one asset, summed (AMP's user summary).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct UserAssignmentTotals {
    /// The asset.
    pub asset: AssetUuid,
    /// Number of assignments.
    pub count: u64,
    /// Their sum.
    pub sum: Amount,
    /// Number paid by confirmed distributions.
    pub distributed_count: u64,
    /// Their sum.
    pub distributed_sum: Amount,
}

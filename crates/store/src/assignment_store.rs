//! The assignment area of the store: amounts reserved for registered users.
//!
//! Core's `Assignment` decides what may change (`Assignment::edit`, `check_reclaim`); the
//! store writes the result and refuses, in SQL too, what would break a distribution that
//! already took an assignment. All methods are scoped by issuer.

use crate::{AssignmentTotals, StoreError, UserAssignmentTotals};
use async_trait::async_trait;
use tessera_core::{
    AssetUuid, Assignment, AssignmentId, IssuerId, NewAssignment, RegisteredUserId,
};

/// Assignments of each issuer's assets.
#[async_trait]
pub trait AssignmentStore: Send + Sync {
    /// Creates assignments, all or none: `Conflict::UnknownRegisteredUser` (and nothing
    /// written) if any user is not this issuer's. `None` if the asset is unknown.
    async fn create_assignments(
        &self,
        issuer: IssuerId,
        uuid: AssetUuid,
        assignments: &[NewAssignment],
        now: i64,
    ) -> Result<Option<Vec<Assignment>>, StoreError>;

    /// The asset's assignments by id; `Some(true)` only distributed ones, `Some(false)`
    /// only undistributed ones.
    async fn assignments(
        &self,
        issuer: IssuerId,
        uuid: AssetUuid,
        distributed: Option<bool>,
    ) -> Result<Option<Vec<Assignment>>, StoreError>;

    /// One assignment of the asset.
    async fn assignment(
        &self,
        issuer: IssuerId,
        uuid: AssetUuid,
        id: AssignmentId,
    ) -> Result<Option<Assignment>, StoreError>;

    /// Writes amount, vesting time, readiness and lock of `assignment` (as computed by
    /// `Assignment::edit`). `Conflict::AssignmentTaken` if it was distributed, or if it
    /// is in a distribution and the amount differs; `false` if unknown.
    async fn update_assignment(
        &self,
        issuer: IssuerId,
        assignment: &Assignment,
    ) -> Result<bool, StoreError>;

    /// Deletes a pending assignment. `Conflict::AssignmentTaken` if a distribution took
    /// it; `false` if unknown.
    async fn delete_assignment(
        &self,
        issuer: IssuerId,
        uuid: AssetUuid,
        id: AssignmentId,
    ) -> Result<bool, StoreError>;

    /// The asset's assignments summed.
    async fn assignment_totals(
        &self,
        issuer: IssuerId,
        uuid: AssetUuid,
    ) -> Result<Option<AssignmentTotals>, StoreError>;

    /// A registered user's assignments summed per asset (by asset uuid); empty if the
    /// user is unknown or has none.
    async fn user_assignment_totals(
        &self,
        issuer: IssuerId,
        user: RegisteredUserId,
    ) -> Result<Vec<UserAssignmentTotals>, StoreError>;
}

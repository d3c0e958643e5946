//! Assignments: amounts reserved for registered users, edited freely until distributed.
//!
//! Creation checks what the store cannot: for a transfer-restricted asset the user must
//! belong to every category the asset requires, and the assigned total may not exceed the
//! treasury balance (DESIGN.md §1). A bulk creation is all or nothing.

use crate::assets::AssetError;
use crate::App;
use tessera_core::vesting::VestingAssignmentsError;
use tessera_core::{
    Amount, Asset, AssetUuid, Assignment, AssignmentEdit, AssignmentError, AssignmentId,
    CategoryId, IssuerId, NewAssignment, RegisteredUserId, Supply, SupplyError, VestingSchedule,
};

/// Why an assignment operation failed.
#[derive(Debug, thiserror::Error)]
pub enum AssignError {
    /// The asset.
    #[error(transparent)]
    Asset(#[from] AssetError),
    /// No such assignment on this asset.
    #[error("assignment {0} not found")]
    NotFound(AssignmentId),
    /// No such registered user for this issuer.
    #[error("registered user {0} not found")]
    UserNotFound(RegisteredUserId),
    /// The user does not meet a requirement of the transfer-restricted asset.
    #[error("registered user {user} is not in category {category}, which asset {asset} requires")]
    MissingCategory {
        /// The user.
        user: RegisteredUserId,
        /// The missing category.
        category: CategoryId,
        /// The asset.
        asset: AssetUuid,
    },
    /// More than the treasury holds.
    #[error("assigning {requested} base units exceeds the treasury balance of {available}")]
    ExceedsTreasury {
        /// Requested in this call.
        requested: u64,
        /// Treasury balance before the call.
        available: u64,
    },
    /// A rule of the assignment's life cycle.
    #[error(transparent)]
    Rule(#[from] AssignmentError),
    /// A vesting schedule that cannot be laid out.
    #[error(transparent)]
    Vesting(#[from] VestingAssignmentsError),
    /// Supply arithmetic (inconsistent totals).
    #[error(transparent)]
    Supply(#[from] SupplyError),
}

impl From<tessera_store::StoreError> for AssignError {
    fn from(value: tessera_store::StoreError) -> Self {
        Self::Asset(AssetError::from(value))
    }
}

impl App {
    /// The supply buckets of an asset from the store's totals.
    pub async fn supply(&self, issuer: IssuerId, uuid: AssetUuid) -> Result<Supply, AssetError> {
        let totals = self
            .store
            .supply_totals(issuer, uuid)
            .await?
            .ok_or(AssetError::NotFound(uuid))?;
        let assigned = self
            .store
            .assignment_totals(issuer, uuid)
            .await?
            .ok_or(AssetError::NotFound(uuid))?;
        Ok(Supply {
            issued: totals.issued,
            reissued: totals.reissued,
            burned: totals.burned,
            assigned_undistributed: assigned.assigned_undistributed,
            distributed: assigned.distributed,
            returned_to_treasury: Amount::ZERO,
        })
    }

    /// Assignments of an asset, optionally only (un)distributed ones.
    pub async fn assignments(
        &self,
        issuer: IssuerId,
        uuid: AssetUuid,
        distributed: Option<bool>,
    ) -> Result<Vec<Assignment>, AssignError> {
        Ok(self
            .store
            .assignments(issuer, uuid, distributed)
            .await?
            .ok_or(AssetError::NotFound(uuid))?)
    }

    /// One assignment.
    pub async fn assignment(
        &self,
        issuer: IssuerId,
        uuid: AssetUuid,
        id: AssignmentId,
    ) -> Result<Assignment, AssignError> {
        self.asset(issuer, uuid).await?;
        self.store
            .assignment(issuer, uuid, id)
            .await?
            .ok_or(AssignError::NotFound(id))
    }

    /// Creates assignments, all or nothing.
    #[tracing::instrument(skip(self, new), fields(issuer = %issuer, asset = %uuid, count = new.len()))]
    pub async fn create_assignments(
        &self,
        issuer: IssuerId,
        uuid: AssetUuid,
        new: &[NewAssignment],
    ) -> Result<Vec<Assignment>, AssignError> {
        let asset = self.asset(issuer, uuid).await?;
        for a in new {
            self.check_receiver(issuer, &asset, a.registered_user)
                .await?;
        }
        let requested = Amount::sum(new.iter().map(|a| a.amount))
            .map_err(|e| AssetError::Amount(e.to_string()))?;
        let supply = self.supply(issuer, uuid).await?;
        if supply.can_assign(requested).is_err() {
            return Err(AssignError::ExceedsTreasury {
                requested: requested.units(),
                available: supply.treasury_balance().map(Amount::units).unwrap_or(0),
            });
        }
        Ok(self
            .store
            .create_assignments(issuer, uuid, new, self.now())
            .await?
            .ok_or(AssetError::NotFound(uuid))?)
    }

    /// Creates the assignments of a vesting schedule for one user.
    pub async fn create_vesting_schedule(
        &self,
        issuer: IssuerId,
        uuid: AssetUuid,
        user: RegisteredUserId,
        schedule: &VestingSchedule,
    ) -> Result<Vec<Assignment>, AssignError> {
        let new = schedule.assignments(user)?;
        self.create_assignments(issuer, uuid, &new).await
    }

    /// Edits an assignment (amount, vesting, readiness, lock) while it is not distributed.
    pub async fn edit_assignment(
        &self,
        issuer: IssuerId,
        uuid: AssetUuid,
        id: AssignmentId,
        edit: AssignmentEdit,
    ) -> Result<Assignment, AssignError> {
        let current = self.assignment(issuer, uuid, id).await?;
        let next = current.edit(edit)?;
        if next.amount > current.amount {
            let extra = next
                .amount
                .checked_sub(current.amount)
                .map_err(|e| AssetError::Amount(e.to_string()))?;
            let supply = self.supply(issuer, uuid).await?;
            if supply.can_assign(extra).is_err() {
                return Err(AssignError::ExceedsTreasury {
                    requested: extra.units(),
                    available: supply.treasury_balance().map(Amount::units).unwrap_or(0),
                });
            }
        }
        if !self.store.update_assignment(issuer, &next).await? {
            return Err(AssignError::NotFound(id));
        }
        Ok(next)
    }

    /// Deletes (reclaims) an assignment that is not distributed nor in a distribution.
    pub async fn delete_assignment(
        &self,
        issuer: IssuerId,
        uuid: AssetUuid,
        id: AssignmentId,
    ) -> Result<(), AssignError> {
        let current = self.assignment(issuer, uuid, id).await?;
        current.check_reclaim()?;
        if self.store.delete_assignment(issuer, uuid, id).await? {
            Ok(())
        } else {
            Err(AssignError::NotFound(id))
        }
    }

    pub(crate) async fn check_receiver(
        &self,
        issuer: IssuerId,
        asset: &Asset,
        user: RegisteredUserId,
    ) -> Result<(), AssignError> {
        let found = self
            .store
            .registered_user(issuer, user)
            .await?
            .ok_or(AssignError::UserNotFound(user))?;
        if asset.kind.is_transfer_restricted() {
            if let Some(missing) = asset
                .requirements
                .iter()
                .find(|c| !found.categories.contains(c))
            {
                return Err(AssignError::MissingCategory {
                    user,
                    category: *missing,
                    asset: asset.uuid,
                });
            }
        }
        Ok(())
    }
}

//! A dry run of a bulk assignment creation, for front ends that preview an import.
//!
//! `create_assignments` is all or nothing and stops at the first refusal; an issuer
//! importing a file wants every refused row at once before anything is written. This asks
//! the same questions (the receiver exists and meets the asset's requirements, the total
//! fits the treasury) per row, with the same errors, and writes nothing.

use crate::assets::AssetError;
use crate::assignments::AssignError;
use crate::App;
use tessera_core::{Amount, AssetUuid, IssuerId, NewAssignment};

/// What a dry run found.
#[derive(Debug)]
pub struct AssignmentPreview {
    /// Per row, in order: why it would be refused, if it would.
    pub rows: Vec<Option<AssignError>>,
    /// Why the batch as a whole would be refused (more than the treasury holds).
    pub total: Option<AssignError>,
}

impl AssignmentPreview {
    /// Whether `create_assignments` would accept the batch as it is.
    pub fn is_acceptable(&self) -> bool {
        self.total.is_none() && self.rows.iter().all(Option::is_none)
    }
}

impl App {
    /// Checks every row of a bulk creation as `create_assignments` would, writing nothing.
    pub async fn preview_assignments(
        &self,
        issuer: IssuerId,
        uuid: AssetUuid,
        new: &[NewAssignment],
    ) -> Result<AssignmentPreview, AssignError> {
        let asset = self.asset(issuer, uuid).await?;
        let mut rows = Vec::with_capacity(new.len());
        for a in new {
            rows.push(
                self.check_receiver(issuer, &asset, a.registered_user)
                    .await
                    .err(),
            );
        }
        let requested = Amount::sum(new.iter().map(|a| a.amount))
            .map_err(|e| AssetError::Amount(e.to_string()))?;
        let supply = self.supply(issuer, uuid).await?;
        let total = supply
            .can_assign(requested)
            .is_err()
            .then(|| AssignError::ExceedsTreasury {
                requested: requested.units(),
                available: supply.treasury_balance().map(Amount::units).unwrap_or(0),
            });
        Ok(AssignmentPreview { rows, total })
    }
}

//! Planning a distribution: which assignments it pays, to whom, and how many at once.
//!
//! AMP's distribution file maps one fresh address per receiver to an amount, so the
//! assignments of one registered user are summed into one output (paid to their default
//! GAID). The file is paid with one `sendmany`, and a transaction above Liquid's standard
//! weight (400,000 WU) is refused by the node with `-6 "Transaction too large"`, so the
//! number of receivers per distribution is capped; what does not fit stays pending for
//! the next distribution.
//!
//! ## Where the cap comes from
//! `testdata/elements-rpc/batch-weight.json`, measured on Elements 23.3.3 with 2 inputs and
//! confidential (blinded) recipients: 50 → 248,468 WU, 75 → 367,675 WU, 81 → 396,265 WU,
//! 82 refused. The slope is 4,768.3 WU per output (50→75) and 4,765 (75→81); the fixed
//! part (2 inputs, blinded asset and L-BTC change, fee output) is ≈ 10,070 WU. We round
//! both up — [`CONFIDENTIAL_BASE_WEIGHT`] 10,100 and [`CONFIDENTIAL_OUTPUT_WEIGHT`] 4,770 —
//! so the estimate is never below a measured weight and predicts the refusal at 82. We
//! then spend at most 90 % of the limit ([`DISTRIBUTION_WEIGHT_BUDGET`], 360,000 WU), which
//! leaves 40,000 WU for what the measurement did not cover: a third input costs
//! ≈ 2,930 WU at 81 outputs (bigger surjection proofs, README), further inputs a few
//! hundred each. Hence [`MAX_CONFIDENTIAL_RECEIVERS`] = ⌊(360,000 − 10,100) / 4,770⌋ = 73.

use crate::amount::{Amount, AmountError};
use crate::assignment::{Assignment, NotDistributable};
use crate::gaid::Gaid;
use crate::ids::{AssetUuid, AssignmentId, RegisteredUserId};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Liquid's standard transaction weight limit (policy, `-acceptnonstdtxn=0`).
pub const STANDARD_TX_WEIGHT: u64 = 400_000;
/// Fixed weight of a distribution with 2 inputs and blinded change, rounded up (see above).
pub const CONFIDENTIAL_BASE_WEIGHT: u64 = 10_100;
/// Weight of one confidential recipient output, rounded up (see above).
pub const CONFIDENTIAL_OUTPUT_WEIGHT: u64 = 4_770;
/// The share of the standard limit a distribution may use: 90 %.
pub const DISTRIBUTION_WEIGHT_BUDGET: u64 = STANDARD_TX_WEIGHT / 10 * 9;
/// Most receivers (confidential outputs) in one distribution: 73.
pub const MAX_CONFIDENTIAL_RECEIVERS: usize =
    ((DISTRIBUTION_WEIGHT_BUDGET - CONFIDENTIAL_BASE_WEIGHT) / CONFIDENTIAL_OUTPUT_WEIGHT) as usize;

// The cap must stay below the measured maximum of 81 receivers.
const _: () = assert!(MAX_CONFIDENTIAL_RECEIVERS < 81);

/// The estimated weight of a distribution paying `receivers` confidential outputs from 2
/// inputs; never below what was measured.
pub fn estimated_confidential_weight(receivers: usize) -> u64 {
    CONFIDENTIAL_BASE_WEIGHT.saturating_add(
        CONFIDENTIAL_OUTPUT_WEIGHT.saturating_mul(u64::try_from(receivers).unwrap_or(u64::MAX)),
    )
}

/// One output of a distribution: everything one registered user receives.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlannedReceiver {
    /// Who receives.
    pub registered_user: RegisteredUserId,
    /// The managed account paid (the user's default GAID); the app derives a fresh
    /// address of it.
    pub gaid: Gaid,
    /// The sum of the assignments, in base units.
    pub amount: Amount,
    /// The assignments paid, ascending.
    pub assignments: Vec<AssignmentId>,
}

/// What a distribution created now would pay.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DistributionPlan {
    /// The outputs, ordered by their lowest assignment id (first come, first paid).
    pub receivers: Vec<PlannedReceiver>,
    /// Eligible assignments left for a later distribution because of the receiver cap.
    pub deferred: Vec<AssignmentId>,
    /// Assignments not eligible now, with the reason.
    pub skipped: Vec<(AssignmentId, NotDistributable)>,
}

impl DistributionPlan {
    /// The sum paid, in base units.
    pub fn total(&self) -> Result<Amount, AmountError> {
        Amount::sum(self.receivers.iter().map(|r| r.amount))
    }

    /// Every assignment paid, ascending.
    pub fn assignment_ids(&self) -> Vec<AssignmentId> {
        let mut ids: Vec<AssignmentId> = self
            .receivers
            .iter()
            .flat_map(|r| r.assignments.iter().copied())
            .collect();
        ids.sort_unstable();
        ids
    }
}

/// Why no distribution can be planned.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PlanError {
    /// No assignment is eligible (AMP answered this with no error at all).
    #[error("no assignment is ready to distribute ({skipped} not eligible)")]
    NothingToDistribute {
        /// How many assignments were looked at and skipped.
        skipped: usize,
    },
    /// Assignments of another asset were passed in.
    #[error("assignment {id} belongs to asset {found}, not {expected}")]
    MixedAssets {
        /// The offending assignment.
        id: AssignmentId,
        /// The asset being distributed.
        expected: AssetUuid,
        /// Its asset.
        found: AssetUuid,
    },
    /// A receiver's sum leaves the money range.
    #[error("the assignments of registered user {0} sum above the money range")]
    Overflow(RegisteredUserId),
    /// A cap of zero receivers.
    #[error("a distribution needs room for at least one receiver")]
    ZeroCap,
}

/// Plans a distribution of `asset` at `now` from `assignments` (in any order; they are
/// taken by ascending id), paying each user's default GAID from `gaid_of`, with at most
/// `max_receivers` outputs (use [`MAX_CONFIDENTIAL_RECEIVERS`]).
pub fn plan_distribution(
    asset: AssetUuid,
    assignments: &[Assignment],
    gaid_of: impl Fn(RegisteredUserId) -> Option<Gaid>,
    now: i64,
    max_receivers: usize,
) -> Result<DistributionPlan, PlanError> {
    if max_receivers == 0 {
        return Err(PlanError::ZeroCap);
    }
    let mut sorted: Vec<&Assignment> = assignments.iter().collect();
    sorted.sort_by_key(|a| a.id);
    let mut skipped = Vec::new();
    // Receivers in order of first appearance; index by registered user.
    let mut receivers: Vec<PlannedReceiver> = Vec::new();
    let mut index: BTreeMap<RegisteredUserId, usize> = BTreeMap::new();
    for a in sorted {
        if a.asset != asset {
            return Err(PlanError::MixedAssets {
                id: a.id,
                expected: asset,
                found: a.asset,
            });
        }
        let gaid = gaid_of(a.registered_user);
        if let Err(reason) = a.is_distributable(now, gaid.is_some()) {
            skipped.push((a.id, reason));
            continue;
        }
        let Some(gaid) = gaid else { continue };
        match index.get(&a.registered_user) {
            Some(&i) => {
                let r = &mut receivers[i];
                r.amount = r
                    .amount
                    .checked_add(a.amount)
                    .map_err(|_| PlanError::Overflow(a.registered_user))?;
                r.assignments.push(a.id);
            }
            None => {
                index.insert(a.registered_user, receivers.len());
                receivers.push(PlannedReceiver {
                    registered_user: a.registered_user,
                    gaid,
                    amount: a.amount,
                    assignments: vec![a.id],
                });
            }
        }
    }
    if receivers.is_empty() {
        return Err(PlanError::NothingToDistribute {
            skipped: skipped.len(),
        });
    }
    let later = receivers.split_off(receivers.len().min(max_receivers));
    let mut deferred: Vec<AssignmentId> = later.into_iter().flat_map(|r| r.assignments).collect();
    deferred.sort_unstable();
    Ok(DistributionPlan {
        receivers,
        deferred,
        skipped,
    })
}

#[cfg(test)]
#[path = "distribution_plan_tests.rs"]
mod tests;

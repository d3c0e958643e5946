//! Assignments: amounts of an asset reserved for registered users, and their life cycle.
//!
//! An assignment is pending until a distribution takes it, in a distribution until that
//! distribution is confirmed on chain (or cancelled, which makes it pending again), then
//! distributed for good. What may be done to it depends on that state, so the state is an
//! enum carrying what it knows, and every change goes through a method that says no with
//! a reason.

use crate::amount::Amount;
use crate::ids::{AssetUuid, AssignmentId, DistributionUuid, RegisteredUserId};
use elements::Txid;
use serde::{Deserialize, Serialize};

/// Where an assignment is in its life cycle.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "state")]
pub enum AssignmentState {
    /// Not yet in any distribution.
    Pending,
    /// Taken by a distribution that is not confirmed yet.
    InDistribution {
        /// The distribution.
        distribution: DistributionUuid,
    },
    /// Paid on chain by a confirmed distribution.
    Distributed {
        /// The distribution.
        distribution: DistributionUuid,
        /// The transaction that paid it.
        txid: Txid,
    },
}

impl AssignmentState {
    /// AMP's `distribution_uuid`.
    pub fn distribution(&self) -> Option<DistributionUuid> {
        match self {
            Self::Pending => None,
            Self::InDistribution { distribution } | Self::Distributed { distribution, .. } => {
                Some(*distribution)
            }
        }
    }

    /// AMP's `is_distributed`.
    pub fn is_distributed(&self) -> bool {
        matches!(self, Self::Distributed { .. })
    }
}

/// Why an assignment cannot go into a distribution now. Checked in the order of the
/// variants; the first reason found is reported.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "reason")]
pub enum NotDistributable {
    /// Already paid.
    #[error("assignment was already distributed by {distribution}")]
    AlreadyDistributed {
        /// The distribution that paid it.
        distribution: DistributionUuid,
    },
    /// Taken by another distribution that is not confirmed yet.
    #[error("assignment is in unconfirmed distribution {distribution}")]
    InDistribution {
        /// That distribution.
        distribution: DistributionUuid,
    },
    /// Locked by the issuer.
    #[error("assignment is locked")]
    Locked,
    /// Not marked ready for distribution.
    #[error("assignment is not ready for distribution")]
    NotReady,
    /// Its vesting time has not come.
    #[error("assignment vests at {vesting_timestamp}, after {now}")]
    NotVested {
        /// When it vests (unix seconds).
        vesting_timestamp: i64,
        /// The time of the check (unix seconds).
        now: i64,
    },
    /// Its registered user has no GAID to pay.
    #[error("registered user {0} has no GAID")]
    NoGaid(RegisteredUserId),
}

/// Why a change to an assignment was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum AssignmentError {
    /// Distributed assignments are history and never change.
    #[error("assignment {id} was distributed by {distribution} and cannot change")]
    Distributed {
        /// The assignment.
        id: AssignmentId,
        /// The distribution that paid it.
        distribution: DistributionUuid,
    },
    /// The assignment is in an unconfirmed distribution whose file already carries it.
    #[error("assignment {id} is in unconfirmed distribution {distribution}; cancel it first")]
    InDistribution {
        /// The assignment.
        id: AssignmentId,
        /// That distribution.
        distribution: DistributionUuid,
    },
    /// Assignments of nothing are refused.
    #[error("assignment amounts must be positive")]
    ZeroAmount,
    /// A state change that does not follow from the current state.
    #[error("assignment {id} cannot go from {from:?} to {to}")]
    Transition {
        /// The assignment.
        id: AssignmentId,
        /// The current state.
        from: AssignmentState,
        /// The state asked for.
        to: &'static str,
    },
}

/// What is needed to create an assignment (AMP's `assignments/create` element).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NewAssignment {
    /// Who receives it.
    pub registered_user: RegisteredUserId,
    /// How much, in base units; positive.
    pub amount: Amount,
    /// When it vests (unix seconds), if it vests.
    pub vesting_timestamp: Option<i64>,
    /// Whether the issuer marked it ready.
    pub ready_for_distribution: bool,
}

impl NewAssignment {
    /// A new assignment, refusing zero amounts. Whether the treasury can cover it is
    /// `Supply::can_assign`'s question.
    pub fn new(
        registered_user: RegisteredUserId,
        amount: Amount,
        vesting_timestamp: Option<i64>,
        ready_for_distribution: bool,
    ) -> Result<Self, AssignmentError> {
        if amount == Amount::ZERO {
            return Err(AssignmentError::ZeroAmount);
        }
        Ok(Self {
            registered_user,
            amount,
            vesting_timestamp,
            ready_for_distribution,
        })
    }

    /// The stored assignment once the database gave it an id.
    pub fn into_assignment(self, id: AssignmentId, asset: AssetUuid) -> Assignment {
        Assignment {
            id,
            asset,
            registered_user: self.registered_user,
            amount: self.amount,
            vesting_timestamp: self.vesting_timestamp,
            ready_for_distribution: self.ready_for_distribution,
            is_locked: false,
            state: AssignmentState::Pending,
        }
    }
}

/// A change to an assignment; `None` leaves a field as it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct AssignmentEdit {
    /// A new amount (refused while in a distribution).
    pub amount: Option<Amount>,
    /// A new vesting time; `Some(None)` removes it.
    pub vesting_timestamp: Option<Option<i64>>,
    /// A new readiness flag.
    pub ready_for_distribution: Option<bool>,
    /// Lock (`true`) or unlock (`false`).
    pub is_locked: Option<bool>,
}

/// An assignment as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Assignment {
    /// Its id.
    pub id: AssignmentId,
    /// The asset.
    pub asset: AssetUuid,
    /// Who receives it.
    pub registered_user: RegisteredUserId,
    /// How much, in base units.
    pub amount: Amount,
    /// When it vests (unix seconds, UTC), if it vests.
    pub vesting_timestamp: Option<i64>,
    /// Whether the issuer marked it ready.
    pub ready_for_distribution: bool,
    /// Locked assignments stay out of distributions.
    pub is_locked: bool,
    /// Where it is in its life cycle.
    pub state: AssignmentState,
}

impl Assignment {
    /// Whether it has vested at `now` (unix seconds); without a vesting time, always.
    pub fn has_vested(&self, now: i64) -> bool {
        self.vesting_timestamp.is_none_or(|t| t <= now)
    }

    /// Whether a distribution created at `now` may take it; the first failing reason
    /// otherwise, in the order of [`NotDistributable`]'s variants.
    pub fn is_distributable(&self, now: i64, user_has_gaid: bool) -> Result<(), NotDistributable> {
        match self.state {
            AssignmentState::Distributed { distribution, .. } => {
                return Err(NotDistributable::AlreadyDistributed { distribution })
            }
            AssignmentState::InDistribution { distribution } => {
                return Err(NotDistributable::InDistribution { distribution })
            }
            AssignmentState::Pending => {}
        }
        if self.is_locked {
            return Err(NotDistributable::Locked);
        }
        if !self.ready_for_distribution {
            return Err(NotDistributable::NotReady);
        }
        if let Some(vesting_timestamp) = self.vesting_timestamp.filter(|t| *t > now) {
            return Err(NotDistributable::NotVested {
                vesting_timestamp,
                now,
            });
        }
        if !user_has_gaid {
            return Err(NotDistributable::NoGaid(self.registered_user));
        }
        Ok(())
    }

    /// The assignment after `edit`. Distributed assignments never change; one in an
    /// unconfirmed distribution may be locked, unlocked or re-timed (the distribution has
    /// already taken it) but its amount is fixed, because the distribution file pays it.
    pub fn edit(&self, edit: AssignmentEdit) -> Result<Assignment, AssignmentError> {
        self.refuse_if_distributed()?;
        if let (AssignmentState::InDistribution { distribution }, Some(amount)) =
            (self.state, edit.amount)
        {
            if amount != self.amount {
                return Err(AssignmentError::InDistribution {
                    id: self.id,
                    distribution,
                });
            }
        }
        if edit.amount == Some(Amount::ZERO) {
            return Err(AssignmentError::ZeroAmount);
        }
        let mut next = self.clone();
        next.amount = edit.amount.unwrap_or(self.amount);
        next.vesting_timestamp = edit.vesting_timestamp.unwrap_or(self.vesting_timestamp);
        next.ready_for_distribution = edit
            .ready_for_distribution
            .unwrap_or(self.ready_for_distribution);
        next.is_locked = edit.is_locked.unwrap_or(self.is_locked);
        Ok(next)
    }

    /// Whether it may be deleted ("reclaimed" to the treasury): only while pending.
    pub fn check_reclaim(&self) -> Result<(), AssignmentError> {
        self.refuse_if_distributed()?;
        if let AssignmentState::InDistribution { distribution } = self.state {
            return Err(AssignmentError::InDistribution {
                id: self.id,
                distribution,
            });
        }
        Ok(())
    }

    /// Pending → in `distribution`.
    pub fn take_into(&self, distribution: DistributionUuid) -> Result<Assignment, AssignmentError> {
        self.transition("in_distribution", |s| match s {
            AssignmentState::Pending => Some(AssignmentState::InDistribution { distribution }),
            _ => None,
        })
    }

    /// In `distribution` → pending again, when that distribution is cancelled.
    pub fn release_from(
        &self,
        distribution: DistributionUuid,
    ) -> Result<Assignment, AssignmentError> {
        self.transition("pending", |s| match s {
            AssignmentState::InDistribution { distribution: d } if d == distribution => {
                Some(AssignmentState::Pending)
            }
            _ => None,
        })
    }

    /// In `distribution` → distributed by `txid`, once the server saw the payment on
    /// chain. Repeating the same confirmation is a no-op (confirm endpoints are idempotent).
    pub fn mark_distributed(
        &self,
        distribution: DistributionUuid,
        txid: Txid,
    ) -> Result<Assignment, AssignmentError> {
        self.transition("distributed", |s| match s {
            AssignmentState::InDistribution { distribution: d } if d == distribution => {
                Some(AssignmentState::Distributed { distribution, txid })
            }
            AssignmentState::Distributed {
                distribution: d,
                txid: t,
            } if d == distribution && t == txid => Some(s),
            _ => None,
        })
    }

    fn transition(
        &self,
        to: &'static str,
        next: impl FnOnce(AssignmentState) -> Option<AssignmentState>,
    ) -> Result<Assignment, AssignmentError> {
        let state = next(self.state).ok_or(AssignmentError::Transition {
            id: self.id,
            from: self.state,
            to,
        })?;
        Ok(Assignment {
            state,
            ..self.clone()
        })
    }

    fn refuse_if_distributed(&self) -> Result<(), AssignmentError> {
        match self.state {
            AssignmentState::Distributed { distribution, .. } => {
                Err(AssignmentError::Distributed {
                    id: self.id,
                    distribution,
                })
            }
            _ => Ok(()),
        }
    }
}

#[cfg(test)]
#[path = "assignment_tests.rs"]
mod tests;

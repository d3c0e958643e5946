//! Treasury math: how much of an asset exists, is reserved, paid out, or left to assign.
//!
//! DESIGN.md §1: circulation = issued + reissued − burned; treasury balance = circulation
//! − assigned-not-distributed − distributed + returned to treasury addresses. Every
//! operation below moves amounts between those buckets with checked arithmetic and refuses
//! what would make a bucket negative, so that the conservation law
//! `treasury + assigned_undistributed + holders == circulation` always holds (a property
//! test checks it over random operation sequences).

use crate::amount::{Amount, AmountError};
use serde::{Deserialize, Serialize};

/// Why a supply operation was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SupplyError {
    /// Arithmetic left the money range or went below zero.
    #[error(transparent)]
    Amount(#[from] AmountError),
    /// The buckets give a treasury balance below zero (or above the money range): the
    /// stored figures contradict each other.
    #[error("the supply figures give a treasury balance of {0} base units")]
    Inconsistent(i128),
    /// More than the treasury balance was asked for (assign or burn).
    #[error("{requested} base units requested but the treasury balance is {available}")]
    ExceedsTreasury {
        /// The amount asked for.
        requested: Amount,
        /// The treasury balance.
        available: Amount,
    },
    /// More than is assigned and undistributed was released or distributed.
    #[error("{requested} base units requested but only {assigned} are assigned and undistributed")]
    ExceedsAssigned {
        /// The amount asked for.
        requested: Amount,
        /// Assigned and undistributed.
        assigned: Amount,
    },
    /// More came back to the treasury than holders hold.
    #[error("{requested} base units returned but holders hold only {held}")]
    ExceedsHolders {
        /// The amount returned.
        requested: Amount,
        /// What holders hold.
        held: Amount,
    },
}

/// The buckets of one asset's supply, in base units.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Supply {
    /// Created by the issuance.
    pub issued: Amount,
    /// Created by reissuances since.
    pub reissued: Amount,
    /// Destroyed by burns.
    pub burned: Amount,
    /// Reserved for registered users, not paid yet.
    pub assigned_undistributed: Amount,
    /// Paid out by confirmed distributions.
    pub distributed: Amount,
    /// Came back from holders to treasury addresses.
    pub returned_to_treasury: Amount,
}

impl Supply {
    /// The supply right after issuing `issued`.
    pub fn issued(issued: Amount) -> Self {
        Self {
            issued,
            ..Self::default()
        }
    }

    /// issued + reissued − burned.
    pub fn circulation(&self) -> Result<Amount, SupplyError> {
        Ok(self
            .issued
            .checked_add(self.reissued)?
            .checked_sub(self.burned)?)
    }

    /// circulation − assigned_undistributed − distributed + returned_to_treasury: what the
    /// issuer may still assign or burn.
    pub fn treasury_balance(&self) -> Result<Amount, SupplyError> {
        let wide = |a: Amount| i128::from(a.units());
        let balance = wide(self.circulation()?) + wide(self.returned_to_treasury)
            - wide(self.assigned_undistributed)
            - wide(self.distributed);
        u64::try_from(balance)
            .ok()
            .and_then(|units| Amount::from_units(units).ok())
            .ok_or(SupplyError::Inconsistent(balance))
    }

    /// What registered users' managed accounts hold in total: distributed − returned.
    pub fn holders(&self) -> Result<Amount, SupplyError> {
        Ok(self.distributed.checked_sub(self.returned_to_treasury)?)
    }

    /// Whether `amount` more may be assigned: not above the treasury balance.
    pub fn can_assign(&self, amount: Amount) -> Result<(), SupplyError> {
        let available = self.treasury_balance()?;
        if amount > available {
            return Err(SupplyError::ExceedsTreasury {
                requested: amount,
                available,
            });
        }
        Ok(())
    }

    /// After a confirmed reissuance of `amount`.
    pub fn reissue(&self, amount: Amount) -> Result<Supply, SupplyError> {
        let next = Supply {
            reissued: self.reissued.checked_add(amount)?,
            ..*self
        };
        next.circulation()?;
        Ok(next)
    }

    /// After assigning `amount` (refused above the treasury balance).
    pub fn assign(&self, amount: Amount) -> Result<Supply, SupplyError> {
        self.can_assign(amount)?;
        Ok(Supply {
            assigned_undistributed: self.assigned_undistributed.checked_add(amount)?,
            ..*self
        })
    }

    /// After deleting (reclaiming) an undistributed assignment of `amount`.
    pub fn unassign(&self, amount: Amount) -> Result<Supply, SupplyError> {
        Ok(Supply {
            assigned_undistributed: self.take_assigned(amount)?,
            ..*self
        })
    }

    /// After a confirmed distribution paying `amount` of assigned units.
    pub fn distribute(&self, amount: Amount) -> Result<Supply, SupplyError> {
        Ok(Supply {
            assigned_undistributed: self.take_assigned(amount)?,
            distributed: self.distributed.checked_add(amount)?,
            ..*self
        })
    }

    /// After a confirmed burn of `amount` from the treasury (reserved units cannot burn).
    pub fn burn(&self, amount: Amount) -> Result<Supply, SupplyError> {
        let available = self.treasury_balance()?;
        if amount > available {
            return Err(SupplyError::ExceedsTreasury {
                requested: amount,
                available,
            });
        }
        Ok(Supply {
            burned: self.burned.checked_add(amount)?,
            ..*self
        })
    }

    /// After holders sent `amount` back to treasury addresses.
    pub fn return_to_treasury(&self, amount: Amount) -> Result<Supply, SupplyError> {
        let held = self.holders()?;
        if amount > held {
            return Err(SupplyError::ExceedsHolders {
                requested: amount,
                held,
            });
        }
        Ok(Supply {
            returned_to_treasury: self.returned_to_treasury.checked_add(amount)?,
            ..*self
        })
    }

    fn take_assigned(&self, amount: Amount) -> Result<Amount, SupplyError> {
        self.assigned_undistributed
            .checked_sub(amount)
            .map_err(|_| SupplyError::ExceedsAssigned {
                requested: amount,
                assigned: self.assigned_undistributed,
            })
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use proptest::prelude::*;

    fn u(n: u64) -> Amount {
        Amount::from_units(n).unwrap()
    }

    #[test]
    fn the_worked_example_of_the_seed_holds() {
        // 100 issued, two reissuances of 25 → 150 in circulation.
        let s = Supply::issued(u(100))
            .reissue(u(25))
            .unwrap()
            .reissue(u(25))
            .unwrap();
        assert_eq!(s.circulation().unwrap(), u(150));
        // Ten users assigned 2 each → treasury 130.
        let s = (0..10).fold(s, |s, _| s.assign(u(2)).unwrap());
        assert_eq!(s.treasury_balance().unwrap(), u(130));
        // After the distribution the treasury is still 130 and holders hold 20 (2 each).
        let s = s.distribute(u(20)).unwrap();
        assert_eq!(s.treasury_balance().unwrap(), u(130));
        assert_eq!(s.holders().unwrap(), u(20));
        assert_eq!(s.assigned_undistributed, Amount::ZERO);
    }

    #[test]
    fn assigning_more_than_the_treasury_balance_is_refused() {
        let s = Supply::issued(u(10)).assign(u(8)).unwrap();
        assert_eq!(
            s.assign(u(3)),
            Err(SupplyError::ExceedsTreasury {
                requested: u(3),
                available: u(2)
            })
        );
        assert!(s.can_assign(u(2)).is_ok());
        assert_eq!(
            s.burn(u(3)),
            Err(SupplyError::ExceedsTreasury {
                requested: u(3),
                available: u(2)
            })
        );
    }

    #[test]
    fn buckets_never_go_negative() {
        let s = Supply::issued(u(10)).assign(u(4)).unwrap();
        assert_eq!(
            s.distribute(u(5)),
            Err(SupplyError::ExceedsAssigned {
                requested: u(5),
                assigned: u(4)
            })
        );
        assert!(s.unassign(u(5)).is_err());
        assert_eq!(
            s.return_to_treasury(u(1)),
            Err(SupplyError::ExceedsHolders {
                requested: u(1),
                held: Amount::ZERO
            })
        );
        assert!(Supply::issued(Amount::MAX).reissue(u(1)).is_err());
        let bad = Supply {
            burned: u(1),
            ..Supply::default()
        };
        assert!(bad.circulation().is_err());
        let bad = Supply {
            assigned_undistributed: u(5),
            ..Supply::issued(u(2))
        };
        assert_eq!(bad.treasury_balance(), Err(SupplyError::Inconsistent(-3)));
    }

    #[test]
    fn returned_units_can_be_assigned_again_or_burned() {
        let s = Supply::issued(u(10))
            .assign(u(10))
            .unwrap()
            .distribute(u(10))
            .unwrap();
        assert_eq!(s.treasury_balance().unwrap(), Amount::ZERO);
        let s = s.return_to_treasury(u(3)).unwrap();
        assert_eq!(s.treasury_balance().unwrap(), u(3));
        let s = s.burn(u(3)).unwrap();
        assert_eq!(s.circulation().unwrap(), u(7));
        assert_eq!(s.treasury_balance().unwrap(), Amount::ZERO);
        assert_eq!(s.holders().unwrap(), u(7));
    }

    #[derive(Debug, Clone)]
    enum Op {
        Reissue(u64),
        Assign(u64),
        Unassign(u64),
        Distribute(u64),
        Burn(u64),
        Return(u64),
    }

    fn op() -> impl Strategy<Value = Op> {
        let n = 0u64..1_000;
        prop_oneof![
            n.clone().prop_map(Op::Reissue),
            n.clone().prop_map(Op::Assign),
            n.clone().prop_map(Op::Unassign),
            n.clone().prop_map(Op::Distribute),
            n.clone().prop_map(Op::Burn),
            n.prop_map(Op::Return),
        ]
    }

    proptest! {
        #[test]
        fn supply_is_conserved_across_any_operations(
            issued in 0u64..10_000,
            ops in proptest::collection::vec(op(), 0..60),
        ) {
            let mut s = Supply::issued(u(issued));
            for op in ops {
                let next = match op {
                    Op::Reissue(n) => s.reissue(u(n)),
                    Op::Assign(n) => s.assign(u(n)),
                    Op::Unassign(n) => s.unassign(u(n)),
                    Op::Distribute(n) => s.distribute(u(n)),
                    Op::Burn(n) => s.burn(u(n)),
                    Op::Return(n) => s.return_to_treasury(u(n)),
                };
                if let Ok(next) = next {
                    s = next;
                }
                let treasury = s.treasury_balance().unwrap();
                let holders = s.holders().unwrap();
                let total = Amount::sum([treasury, s.assigned_undistributed, holders]).unwrap();
                prop_assert_eq!(total, s.circulation().unwrap());
            }
        }
    }
}

//! Distributions: a batch of assignments paid from the treasury, and its state machine.
//!
//! A distribution is created `unconfirmed`, becomes `confirmed` only once the server has
//! seen its payment on chain, or is `cancelled` before that. Confirm and cancel are asked
//! for over HTTP by tools that retry, so repeating the transition that already happened
//! with the same data succeeds without change (idempotency), while anything else is
//! refused with the state it met.

use elements::Txid;
use serde::{Deserialize, Serialize};

/// Where a distribution is in its life cycle.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "status")]
pub enum DistributionState {
    /// Created; its file may be paying right now. Its assignments are reserved.
    Unconfirmed {
        /// When it was created (unix seconds).
        created_at: i64,
    },
    /// Paid: the server saw the transaction(s) on chain.
    Confirmed {
        /// The paying transactions, in the order they were confirmed (at least one).
        txids: Vec<Txid>,
        /// Height of the block that confirmed the last of them.
        height: u32,
    },
    /// Given up before payment; its assignments are pending again.
    Cancelled,
}

/// A transition the current state does not allow.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DistributionStateError {
    /// Confirm or cancel of a distribution that was cancelled.
    #[error("the distribution was cancelled")]
    Cancelled,
    /// Cancel of a confirmed distribution, or a confirmation with other data.
    #[error("the distribution is already confirmed by {txids:?} at height {height}")]
    AlreadyConfirmed {
        /// The transactions that confirmed it.
        txids: Vec<Txid>,
        /// Their height.
        height: u32,
    },
    /// A confirmation naming no transaction.
    #[error("a confirmation must name at least one transaction")]
    NoTransaction,
}

impl DistributionState {
    /// AMP's `distribution_status`: `"UNCONFIRMED"`, `"CONFIRMED"`, or `"CANCELLED"`.
    pub fn amp_status(&self) -> &'static str {
        match self {
            Self::Unconfirmed { .. } => "UNCONFIRMED",
            Self::Confirmed { .. } => "CONFIRMED",
            Self::Cancelled => "CANCELLED",
        }
    }

    /// Unconfirmed → confirmed by `txids` at `height`. The same confirmation again is a
    /// no-op; a different one is refused.
    pub fn confirm(
        &self,
        txids: Vec<Txid>,
        height: u32,
    ) -> Result<DistributionState, DistributionStateError> {
        if txids.is_empty() {
            return Err(DistributionStateError::NoTransaction);
        }
        match self {
            Self::Unconfirmed { .. } => Ok(Self::Confirmed { txids, height }),
            Self::Confirmed {
                txids: done,
                height: at,
            } if *done == txids && *at == height => Ok(self.clone()),
            Self::Confirmed { txids, height } => Err(DistributionStateError::AlreadyConfirmed {
                txids: txids.clone(),
                height: *height,
            }),
            Self::Cancelled => Err(DistributionStateError::Cancelled),
        }
    }

    /// Unconfirmed → cancelled. Cancelling again is a no-op; a confirmed distribution
    /// cannot be cancelled.
    pub fn cancel(&self) -> Result<DistributionState, DistributionStateError> {
        match self {
            Self::Unconfirmed { .. } | Self::Cancelled => Ok(Self::Cancelled),
            Self::Confirmed { txids, height } => Err(DistributionStateError::AlreadyConfirmed {
                txids: txids.clone(),
                height: *height,
            }),
        }
    }

    /// Whether its assignments are reserved (unconfirmed) — at most one such distribution
    /// per asset should be open while the treasury pays it.
    pub fn is_open(&self) -> bool {
        matches!(self, Self::Unconfirmed { .. })
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use std::str::FromStr;

    fn tx(n: u8) -> Txid {
        Txid::from_str(&format!("{n:02x}").repeat(32)).unwrap()
    }

    #[derive(Debug, Clone, Copy)]
    enum Action {
        Confirm1,
        Confirm2,
        ConfirmNone,
        Cancel,
    }

    #[test]
    fn every_transition_is_allowed_or_refused_as_documented() {
        use DistributionState as S;
        use DistributionStateError as E;
        let unconfirmed = S::Unconfirmed { created_at: 5 };
        let confirmed1 = S::Confirmed {
            txids: vec![tx(1)],
            height: 10,
        };
        let already1 = E::AlreadyConfirmed {
            txids: vec![tx(1)],
            height: 10,
        };
        let table: Vec<(&str, S, Action, Result<S, E>)> = vec![
            (
                "confirm an unconfirmed one",
                unconfirmed.clone(),
                Action::Confirm1,
                Ok(confirmed1.clone()),
            ),
            (
                "cancel an unconfirmed one",
                unconfirmed.clone(),
                Action::Cancel,
                Ok(S::Cancelled),
            ),
            (
                "confirm with no transaction",
                unconfirmed.clone(),
                Action::ConfirmNone,
                Err(E::NoTransaction),
            ),
            (
                "repeat the same confirmation",
                confirmed1.clone(),
                Action::Confirm1,
                Ok(confirmed1.clone()),
            ),
            (
                "confirm again with another tx",
                confirmed1.clone(),
                Action::Confirm2,
                Err(already1.clone()),
            ),
            (
                "cancel a confirmed one",
                confirmed1.clone(),
                Action::Cancel,
                Err(already1.clone()),
            ),
            (
                "confirm a cancelled one",
                S::Cancelled,
                Action::Confirm1,
                Err(E::Cancelled),
            ),
            (
                "cancel again",
                S::Cancelled,
                Action::Cancel,
                Ok(S::Cancelled),
            ),
        ];
        for (name, from, action, expected) in table {
            let got = match action {
                Action::Confirm1 => from.confirm(vec![tx(1)], 10),
                Action::Confirm2 => from.confirm(vec![tx(2)], 11),
                Action::ConfirmNone => from.confirm(vec![], 10),
                Action::Cancel => from.cancel(),
            };
            assert_eq!(got, expected, "{name}");
        }
    }

    #[test]
    fn amp_status_names_and_json_tags() {
        let c = DistributionState::Confirmed {
            txids: vec![tx(1)],
            height: 3,
        };
        assert_eq!(c.amp_status(), "CONFIRMED");
        assert_eq!(DistributionState::Cancelled.amp_status(), "CANCELLED");
        assert!(DistributionState::Unconfirmed { created_at: 0 }.is_open());
        assert!(!c.is_open());
        let json = serde_json::to_value(&c).unwrap();
        assert_eq!(json["status"], "confirmed");
        let back: DistributionState = serde_json::from_value(json).unwrap();
        assert_eq!(back, c);
    }
}

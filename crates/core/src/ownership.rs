//! The ownership ledger: who held how much of an asset, at the tip or at a past block.
//!
//! The chain watcher appends one entry per asset output it can attribute (a positive
//! delta when an output pays an owner, a negative one when it is spent). Balances are
//! never stored; they are sums over the ledger up to a cut-off, which makes "ownership at
//! height h" (an AMP wish) exact and the ledger append-only. The sum is one pass in
//! `i128` over entries in any order, so the store may stream millions of them; only the
//! result is checked (negative balances or amounts beyond the money range mean the ledger
//! is wrong, and are reported rather than hidden).

use crate::amount::Amount;
use crate::gaid::Gaid;
use elements::{AssetId, Txid};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Who an output belongs to.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Owner {
    /// The issuer's treasury (its wallet or a treasury address).
    Treasury,
    /// A managed account.
    Gaid(Gaid),
    /// An address nobody here manages (possible for outputs the platform did not
    /// co-sign, e.g. a burn or a lost output).
    Unknown,
}

/// One change of an owner's balance, caused by one output.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LedgerEntry {
    /// The asset.
    pub asset: AssetId,
    /// Whose balance changes.
    pub owner: Owner,
    /// Signed change in base units: + when `txid:vout` pays the owner, − when the
    /// owner's output is spent (then `txid` is the spending transaction).
    pub delta: i64,
    /// The transaction.
    pub txid: Txid,
    /// The output concerned.
    pub vout: u32,
    /// Height of the block holding `txid`.
    pub height: u32,
    /// Time of that block (unix seconds).
    pub time: i64,
}

/// How much one owner holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Holding {
    /// The owner.
    pub owner: Owner,
    /// Its balance in base units; never zero in a snapshot.
    pub amount: Amount,
}

/// Which entries a snapshot counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Cutoff {
    /// Every entry.
    Tip,
    /// Entries in blocks at or below this height.
    Height(u32),
    /// Entries in blocks whose time is at or before this (unix seconds).
    Time(i64),
}

impl Cutoff {
    /// Whether `entry` is counted.
    pub fn includes(self, entry: &LedgerEntry) -> bool {
        match self {
            Cutoff::Tip => true,
            Cutoff::Height(h) => entry.height <= h,
            Cutoff::Time(t) => entry.time <= t,
        }
    }
}

/// Why a snapshot could not be taken: the ledger contradicts itself.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum OwnershipError {
    /// Entries of two assets were summed together.
    #[error("ledger entries of asset {found} mixed with asset {expected}")]
    MixedAssets {
        /// The first asset seen.
        expected: AssetId,
        /// Another one.
        found: AssetId,
    },
    /// An owner's balance below zero (a spend without its receipt).
    #[error("owner {owner:?} would hold {balance} base units")]
    Negative {
        /// The owner.
        owner: Owner,
        /// The balance.
        balance: i128,
    },
    /// An owner's balance above the money range.
    #[error("owner {owner:?} would hold {balance} base units, above the money range")]
    OutOfRange {
        /// The owner.
        owner: Owner,
        /// The balance.
        balance: i128,
    },
}

/// The holdings of one asset after the entries `cutoff` includes: zero balances dropped,
/// ordered by owner (treasury, then GAIDs ascending, then unknown).
pub fn snapshot<'a>(
    entries: impl IntoIterator<Item = &'a LedgerEntry>,
    cutoff: Cutoff,
) -> Result<Vec<Holding>, OwnershipError> {
    let mut asset: Option<AssetId> = None;
    let mut sums: BTreeMap<&'a Owner, i128> = BTreeMap::new();
    for entry in entries {
        match asset {
            None => asset = Some(entry.asset),
            Some(expected) if expected != entry.asset => {
                return Err(OwnershipError::MixedAssets {
                    expected,
                    found: entry.asset,
                })
            }
            Some(_) => {}
        }
        if cutoff.includes(entry) {
            *sums.entry(&entry.owner).or_default() += i128::from(entry.delta);
        }
    }
    let mut holdings = Vec::with_capacity(sums.len());
    for (owner, balance) in sums {
        if balance < 0 {
            return Err(OwnershipError::Negative {
                owner: owner.clone(),
                balance,
            });
        }
        if balance == 0 {
            continue;
        }
        let amount = u64::try_from(balance)
            .ok()
            .and_then(|units| Amount::from_units(units).ok())
            .ok_or_else(|| OwnershipError::OutOfRange {
                owner: owner.clone(),
                balance,
            })?;
        holdings.push(Holding {
            owner: owner.clone(),
            amount,
        });
    }
    Ok(holdings)
}

#[cfg(test)]
#[path = "ownership_tests.rs"]
mod tests;

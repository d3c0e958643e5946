//! The mempool: accepted, not yet mined transactions in arrival order.
//!
//! Arrival order is also a valid topological order (a transaction is only accepted once its
//! inputs exist), so mining takes the entries front to back.

use std::collections::HashMap;

use elements::{OutPoint, Transaction, Txid};

/// One mempool transaction with what `getmempoolentry` reports.
#[derive(Debug, Clone)]
pub struct MempoolEntry {
    /// The transaction.
    pub tx: Transaction,
    /// Unix time it entered the mempool.
    pub time: u64,
    /// Chain height when it entered.
    pub height: u32,
    /// Fee paid in the policy asset (base units).
    pub fee: u64,
}

/// Unmined transactions and the outpoints they spend.
#[derive(Debug, Default, Clone)]
pub struct Mempool {
    entries: Vec<MempoolEntry>,
    spent: HashMap<OutPoint, Txid>,
}

impl Mempool {
    /// Adds an already validated transaction.
    pub fn insert(&mut self, entry: MempoolEntry) {
        let txid = entry.tx.txid();
        for input in &entry.tx.input {
            self.spent.insert(input.previous_output, txid);
        }
        self.entries.push(entry);
    }

    /// The entry for `txid`, if in the mempool.
    pub fn get(&self, txid: &Txid) -> Option<&MempoolEntry> {
        self.entries.iter().find(|e| e.tx.txid() == *txid)
    }

    /// The mempool transaction spending `outpoint`, if any.
    pub fn spender(&self, outpoint: &OutPoint) -> Option<Txid> {
        self.spent.get(outpoint).copied()
    }

    /// All entries in arrival order.
    pub fn entries(&self) -> &[MempoolEntry] {
        &self.entries
    }

    /// Removes and returns every entry (for mining).
    pub fn take_all(&mut self) -> Vec<MempoolEntry> {
        self.spent.clear();
        std::mem::take(&mut self.entries)
    }

    /// Number of transactions.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Transactions in the mempool that spend outputs of `txid` (`spentby`).
    pub fn children_of(&self, txid: &Txid) -> Vec<Txid> {
        let mut out: Vec<Txid> = self
            .spent
            .iter()
            .filter(|(op, _)| op.txid == *txid)
            .map(|(_, child)| *child)
            .collect();
        out.sort();
        out.dedup();
        out
    }
}

//! The chain watcher: follows the server's node block by block and keeps the ownership
//! ledger.
//!
//! Each block is fetched raw, turned into ledger changes by [`process::process_block`] and
//! stored in one transaction, so a crash loses or doubles nothing: on restart the watcher
//! resumes after the stored tip. A block whose parent is not the stored tip is a reorg:
//! the ledger is rolled back to the last block both chains share, then followed again.

pub mod process;

use crate::App;
use process::{Holdings, Unspent, Watched, Watchlist};
use std::collections::HashMap;
use std::future::Future;
use std::time::Duration;
use tessera_core::{AccountId, Gaid};
use tessera_custody::ManagedDescriptor;
use tessera_elements_rpc::ElementsRpc;
use tessera_store::{BlockChanges, OwnerRef, StoreError};

/// Why following the chain failed (the watcher logs it and tries again later).
#[derive(Debug, thiserror::Error)]
pub enum WatchError {
    /// The node did not answer or answered an error.
    #[error("node: {0}")]
    Node(#[from] tessera_elements_rpc::Error),
    /// The store failed.
    #[error("store: {0}")]
    Store(#[from] StoreError),
    /// A stored account no longer parses.
    #[error("account {account}: {reason}")]
    Account {
        /// The account.
        account: AccountId,
        /// Why.
        reason: String,
    },
    /// The node's chain shares no block with the stored one.
    #[error("the node's chain shares no block with the stored chain at or above height {0}; use a fresh data directory for a new chain")]
    NoCommonBlock(u32),
}

/// Follows the node and records ownership changes.
pub struct ChainWatcher {
    app: App,
    rpc: ElementsRpc,
    accounts: HashMap<AccountId, (Gaid, ManagedDescriptor)>,
    watch: Watchlist,
}

/// What one [`ChainWatcher::sync`] did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct SyncReport {
    /// Blocks applied.
    pub applied: u32,
    /// Blocks rolled back by reorgs.
    pub rolled_back: u64,
}

impl ChainWatcher {
    /// A watcher of `rpc`'s chain for `app`.
    pub fn new(app: App, rpc: ElementsRpc) -> Self {
        Self {
            app,
            rpc,
            accounts: HashMap::new(),
            watch: Watchlist::new(),
        }
    }

    /// Applies every block the node has beyond the stored tip (handling reorgs).
    pub async fn sync(&mut self) -> Result<SyncReport, WatchError> {
        let store = self.app.store().clone();
        let mut report = SyncReport::default();
        loop {
            let tip = store.chain_tip().await?;
            let node_height = self.rpc.get_block_count().await?;
            let next = tip.as_ref().map_or(0, |t| t.height.saturating_add(1));
            if u64::from(next) > node_height {
                // Nothing new; but a node that switched to a shorter (or equally long)
                // chain gives no next block whose parent could reveal the reorg.
                if let Some(tip) = &tip {
                    let below = u32::try_from(node_height).unwrap_or(u32::MAX);
                    if tip.height > below
                        || self
                            .rpc
                            .get_block_hash(u64::from(tip.height))
                            .await?
                            .to_string()
                            != tip.hash
                    {
                        let fork = self.find_fork(tip.height.min(below)).await?;
                        tracing::warn!(tip = tip.height, fork, "reorg: rolling the ledger back");
                        report.rolled_back += store.rollback_to(fork).await?;
                        continue;
                    }
                }
                return Ok(report);
            }
            let hash = self.rpc.get_block_hash(u64::from(next)).await?;
            let block = self.rpc.get_block_raw(&hash).await?;
            if let Some(tip) = &tip {
                if block.header.prev_blockhash.to_string() != tip.hash {
                    let fork = self.find_fork(tip.height).await?;
                    tracing::warn!(tip = tip.height, fork, "reorg: rolling the ledger back");
                    report.rolled_back += store.rollback_to(fork).await?;
                    continue;
                }
            }
            self.refresh_watchlist().await?;
            let unspent = self.unspent_in(&block).await?;
            let (changes, unreadable) = self.changes_of(next, &block, &unspent).await?;
            store.apply_block_noting(&changes, &unreadable).await?;
            report.applied += 1;
        }
    }

    /// Runs [`Self::sync`] every `poll` until `shutdown` completes.
    pub async fn run(mut self, poll: Duration, shutdown: impl Future<Output = ()>) {
        tokio::pin!(shutdown);
        loop {
            match self.sync().await {
                Ok(r) if r.applied > 0 || r.rolled_back > 0 => {
                    tracing::debug!(
                        applied = r.applied,
                        rolled_back = r.rolled_back,
                        "chain followed"
                    );
                }
                Ok(_) => {}
                Err(e) => tracing::warn!(error = %e, "following the chain failed; retrying"),
            }
            tokio::select! {
                () = &mut shutdown => return,
                () = tokio::time::sleep(poll) => {}
            }
        }
    }

    /// The block's ledger changes and its unreadable outputs. When the block's credits could
    /// take a holding past the ledger's limit, it is processed again knowing the holdings,
    /// so that exactly the outputs that would overflow are left out.
    async fn changes_of(
        &self,
        height: u32,
        block: &elements::Block,
        unspent: &Unspent,
    ) -> Result<(BlockChanges, Vec<process::Unreadable>), WatchError> {
        let (changes, unreadable) = process::process_block(height, block, &self.watch, unspent);
        let mut credits: Holdings = HashMap::new();
        for row in changes.ledger.iter().filter(|r| r.delta > 0) {
            let key = (row.owner.clone(), row.asset_id.clone());
            let sum = credits.entry(key).or_default();
            *sum = sum.saturating_add(row.delta);
        }
        let mut holdings = Holdings::new();
        let mut overflow = false;
        for ((owner, asset_id), credit) in credits {
            let held = self.app.store().holding(&owner, &asset_id).await?;
            overflow |= held.checked_add(credit).is_none();
            holdings.insert((owner, asset_id), held);
        }
        if !overflow {
            return Ok((changes, unreadable));
        }
        Ok(process::process_block_within(
            height,
            block,
            &self.watch,
            unspent,
            Some(&holdings),
        ))
    }

    async fn find_fork(&self, from: u32) -> Result<u32, WatchError> {
        let store = self.app.store();
        let mut height = from;
        loop {
            if let Some(stored) = store.block_at(height).await? {
                let node = self.rpc.get_block_hash(u64::from(height)).await?;
                if node.to_string() == stored.hash {
                    return Ok(height);
                }
            }
            height = height
                .checked_sub(1)
                .ok_or(WatchError::NoCommonBlock(from))?;
        }
    }

    /// Brings the followed scripts up to date: new addresses since the last block are
    /// added (blinding keys derived once per script, descriptors parsed once per account),
    /// and the issuers' treasury addresses (read when explicit; the platform has no
    /// blinding key of the issuer's wallet). A script that is both a managed-account address
    /// and a treasury address belongs to the account, whichever was seen first (also after a
    /// restart): as treasury its outputs would leave the investor's ledger and wallet.
    async fn refresh_watchlist(&mut self) -> Result<(), WatchError> {
        let store = self.app.store().clone();
        for (_, address, script) in store.all_treasury_scripts().await? {
            self.watch.entry(script).or_insert(Watched {
                owner: OwnerRef::Treasury { address },
                blinding: None,
            });
        }
        for address in store.watched_scripts().await? {
            match self.watch.get(&address.script_pubkey).map(|w| &w.owner) {
                Some(OwnerRef::Account { .. }) => continue,
                Some(OwnerRef::Treasury { address: treasury }) => {
                    tracing::warn!(%treasury, account = %address.account, "a treasury address is a managed-account address: the account owns it");
                }
                Some(OwnerRef::Unknown) | None => {}
            }
            if !self.accounts.contains_key(&address.account) {
                let account = store
                    .account(address.account)
                    .await?
                    .ok_or(WatchError::Account {
                        account: address.account,
                        reason: "address of an unknown account".into(),
                    })?;
                let descriptor =
                    self.app
                        .descriptor_of(&account)
                        .map_err(|e| WatchError::Account {
                            account: address.account,
                            reason: e.to_string(),
                        })?;
                self.accounts
                    .insert(address.account, (account.gaid, descriptor));
            }
            let Some((gaid, descriptor)) = self.accounts.get(&address.account) else {
                continue;
            };
            let script = elements::Script::from(address.script_pubkey.clone());
            self.watch.insert(
                address.script_pubkey.clone(),
                Watched {
                    owner: OwnerRef::Account {
                        account: address.account,
                        gaid: gaid.clone(),
                    },
                    blinding: Some(descriptor.blinding_secret(&script)),
                },
            );
        }
        Ok(())
    }

    async fn unspent_in(&self, block: &elements::Block) -> Result<Unspent, WatchError> {
        let store = self.app.store();
        let mut unspent = Unspent::new();
        for tx in &block.txdata {
            for input in &tx.input {
                if input.is_coinbase() {
                    continue;
                }
                let txid = input.previous_output.txid.to_string();
                let vout = input.previous_output.vout;
                if let Some(out) = store.tracked_output(&txid, vout).await? {
                    if out.spent_by.is_none() {
                        unspent.insert((txid, vout), out);
                    }
                }
            }
        }
        Ok(unspent)
    }
}

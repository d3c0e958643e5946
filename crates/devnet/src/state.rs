//! The devnet's whole mutable state and the operations that change it.
//!
//! Every state change goes through [`State::accept`] (a transaction enters the mempool) or
//! [`State::mine`] (a block is connected), which also let every wallet observe the
//! transactions, so wallet views and the chain never disagree.

use std::collections::BTreeMap;
use std::time::{SystemTime, UNIX_EPOCH};

use elements::secp256k1_zkp::{All, Secp256k1};
use elements::{AssetEntropy, AssetId, Block, BlockHash, Script, Transaction, Txid};

use crate::chain::{explicit_out, Chain};
use crate::error::RpcError;
use crate::genesis;
use crate::keys::KeyKind;
use crate::mempool::MempoolEntry;
use crate::validation;
use crate::wallet::Wallet;

/// An issuance a wallet knows (what reissuance needs).
#[derive(Debug, Clone, Copy)]
pub struct AssetInfo {
    /// Issuance entropy.
    pub entropy: AssetEntropy,
    /// Reissuance token id.
    pub token: AssetId,
}

/// Chain, wallets and derived indexes.
pub struct State {
    /// The chain.
    pub chain: Chain,
    /// Every wallet ever created, loaded or not, by name.
    pub wallets: BTreeMap<String, Wallet>,
    /// Loaded wallets in load order (`listwallets`).
    pub loaded: Vec<String>,
    /// Shared secp context.
    pub secp: Secp256k1<All>,
    /// Process start (uptime).
    pub started: u64,
}

/// Current Unix time in seconds.
pub fn now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0)
}

impl State {
    /// A fresh devnet: genesis only, no wallets.
    pub fn new() -> Self {
        Self {
            chain: Chain::new(),
            wallets: BTreeMap::new(),
            loaded: Vec::new(),
            secp: Secp256k1::new(),
            started: now(),
        }
    }

    /// Validates (unless `trusted`) and adds a transaction to the mempool.
    pub fn accept(&mut self, tx: Transaction, trusted: bool) -> Result<Txid, RpcError> {
        let txid = tx.txid();
        match self.chain.locate(&txid) {
            Some(crate::chain::TxLocation::Mempool) => return Ok(txid),
            Some(crate::chain::TxLocation::Block { .. }) => {
                return Err(RpcError::new(-27, "Transaction already in block chain"))
            }
            None => {}
        }
        let (_, fee) = validation::check_transaction(&self.chain, &tx, &self.secp, !trusted)?;
        let time = now();
        for wallet in self.wallets.values_mut() {
            wallet.observe(&self.secp, &tx, time);
        }
        let height = self.chain.tip_height();
        self.chain.mempool.insert(MempoolEntry {
            tx,
            time,
            height,
            fee,
        });
        Ok(txid)
    }

    /// Mines `count` blocks paying fees to `script`; returns their hashes.
    pub fn mine(&mut self, count: u32, script: &Script) -> Vec<BlockHash> {
        let mut hashes = Vec::new();
        for _ in 0..count {
            let time = u32::try_from(now()).unwrap_or(u32::MAX);
            let block = self.chain.build_block(script, time);
            hashes.push(block.block_hash());
            self.connect(block);
        }
        hashes
    }

    /// Connects a block (mined now or replayed from disk).
    pub fn connect(&mut self, block: Block) {
        let time = u64::from(block.header.time);
        for tx in &block.txdata {
            for wallet in self.wallets.values_mut() {
                wallet.observe(&self.secp, tx, time);
            }
        }
        self.chain.connect_block(block);
    }

    /// Adds a wallet (already created or loaded from disk) and lets it see the whole chain.
    pub fn add_wallet(&mut self, mut wallet: Wallet) {
        for block in self.chain.blocks() {
            for tx in &block.txdata {
                wallet.observe(&self.secp, tx, u64::from(block.header.time));
            }
        }
        for entry in self.chain.mempool.entries() {
            wallet.observe(&self.secp, &entry.tx, entry.time);
        }
        if wallet.record.loaded {
            self.loaded.push(wallet.record.name.clone());
        }
        self.wallets.insert(wallet.record.name.clone(), wallet);
    }

    /// Sweeps the genesis OP_TRUE free coins (21M L-BTC) to `name`'s new address and mines
    /// one block, so the first wallet can pay fees and issue right away. No-op once swept.
    pub fn sweep_free_coins(&mut self, name: &str) -> Result<(), RpcError> {
        let outpoint = genesis::free_coins_outpoint();
        let Some(view) = self.chain.unspent_output(&outpoint) else {
            return Ok(());
        };
        let Some(value) = view.txout.value.explicit() else {
            return Ok(());
        };
        let secp = self.secp.clone();
        let Some(wallet) = self.wallets.get_mut(name) else {
            return Err(RpcError::wallet_not_found());
        };
        let script = wallet.next_script(&secp, KeyKind::Wpkh, false, Some(""));
        let policy = self.chain.policy_asset();
        let fee = 10_000;
        let tx = Transaction {
            version: 2,
            lock_time: elements::LockTime::ZERO,
            input: vec![elements::TxIn {
                previous_output: outpoint,
                is_pegin: false,
                script_sig: Script::new(),
                sequence: elements::Sequence::MAX,
                asset_issuance: elements::AssetIssuance::null(),
                witness: elements::TxInWitness::empty(),
            }],
            output: vec![
                explicit_out(policy, value.saturating_sub(fee), script.clone()),
                elements::TxOut::new_fee(fee, policy),
            ],
        };
        self.accept(tx, false)?;
        self.mine(1, &script);
        Ok(())
    }

    /// The loaded wallet for a wallet RPC: the named one, or the only loaded one (-19 if
    /// several are loaded and none is named, -18 if it does not exist or is unloaded).
    pub fn wallet_name(&self, requested: Option<&str>) -> Result<String, RpcError> {
        match requested {
            Some(name) => {
                if self.loaded.iter().any(|n| n == name) {
                    Ok(name.to_string())
                } else {
                    Err(RpcError::wallet_not_found())
                }
            }
            None => match self.loaded.as_slice() {
                [only] => Ok(only.clone()),
                [] => Err(RpcError::new(
                    -18,
                    "No wallet is loaded. Load a wallet using loadwallet or create a new one with createwallet. (Note: A default wallet is no longer automatically created)",
                )),
                _ => Err(RpcError::wallet_not_specified()),
            },
        }
    }
}

impl Default for State {
    fn default() -> Self {
        Self::new()
    }
}

//! Chain state: blocks, the transaction index, the confirmed UTXO set and the mempool.
//!
//! The devnet is a single-node chain with no reorgs, so blocks are a vector indexed by
//! height and the UTXO set is updated in place when a block is connected. Everything here is
//! synchronous and I/O-free; persistence replays blocks through [`Chain::connect_block`].

use std::collections::HashMap;

use elements::{
    confidential, AssetId, Block, BlockExtData, BlockHash, BlockHeader, OutPoint, Script, Sequence,
    Transaction, TxIn, TxInWitness, TxOut, TxOutWitness, Txid,
};

use crate::genesis;
use crate::mempool::{Mempool, MempoolEntry};

/// Blocks before a coinbase output may be spent.
pub const COINBASE_MATURITY: u32 = 100;

/// An unspent output as seen by the chain (confirmed or in the mempool).
#[derive(Debug, Clone)]
pub struct OutputView {
    /// The output.
    pub txout: TxOut,
    /// Height of the block holding it, `None` while in the mempool.
    pub height: Option<u32>,
    /// Whether it is a coinbase output (subject to maturity).
    pub coinbase: bool,
}

/// Where a known transaction lives.
#[derive(Debug, Clone, Copy)]
pub enum TxLocation {
    /// Mined at `height`, position `index` in the block.
    Block {
        /// Block height.
        height: u32,
        /// Position in the block.
        index: usize,
    },
    /// Waiting in the mempool.
    Mempool,
}

/// The whole chain state.
#[derive(Debug, Clone)]
pub struct Chain {
    blocks: Vec<Block>,
    block_heights: HashMap<BlockHash, u32>,
    tx_locations: HashMap<Txid, (u32, usize)>,
    utxos: HashMap<OutPoint, OutputView>,
    /// Unmined transactions.
    pub mempool: Mempool,
    policy_asset: AssetId,
}

impl Chain {
    /// A chain holding only the `elementsregtest` genesis block.
    pub fn new() -> Self {
        let mut chain = Self {
            blocks: Vec::new(),
            block_heights: HashMap::new(),
            tx_locations: HashMap::new(),
            utxos: HashMap::new(),
            mempool: Mempool::default(),
            policy_asset: genesis::policy_asset(),
        };
        chain.connect_block(genesis::genesis_block());
        chain
    }

    /// The policy asset (L-BTC).
    pub fn policy_asset(&self) -> AssetId {
        self.policy_asset
    }

    /// Height of the tip.
    pub fn tip_height(&self) -> u32 {
        u32::try_from(self.blocks.len().saturating_sub(1)).unwrap_or(u32::MAX)
    }

    /// The tip block.
    pub fn tip(&self) -> &Block {
        // There is always at least the genesis block.
        &self.blocks[self.blocks.len() - 1]
    }

    /// All blocks, by height.
    pub fn blocks(&self) -> &[Block] {
        &self.blocks
    }

    /// The block at `height`.
    pub fn block_at(&self, height: u32) -> Option<&Block> {
        self.blocks.get(usize::try_from(height).ok()?)
    }

    /// Height of the block with `hash`.
    pub fn height_of(&self, hash: &BlockHash) -> Option<u32> {
        self.block_heights.get(hash).copied()
    }

    /// Confirmations of something mined at `height`.
    pub fn confirmations(&self, height: u32) -> u32 {
        self.tip_height().saturating_sub(height) + 1
    }

    /// Where `txid` is, if known.
    pub fn locate(&self, txid: &Txid) -> Option<TxLocation> {
        if let Some((height, index)) = self.tx_locations.get(txid) {
            return Some(TxLocation::Block {
                height: *height,
                index: *index,
            });
        }
        self.mempool.get(txid).map(|_| TxLocation::Mempool)
    }

    /// The transaction with `txid`, mined or in the mempool.
    pub fn transaction(&self, txid: &Txid) -> Option<&Transaction> {
        match self.locate(txid)? {
            TxLocation::Block { height, index } => self.block_at(height)?.txdata.get(index),
            TxLocation::Mempool => self.mempool.get(txid).map(|e| &e.tx),
        }
    }

    /// A confirmed unspent output (ignores the mempool).
    pub fn confirmed_utxo(&self, outpoint: &OutPoint) -> Option<&OutputView> {
        self.utxos.get(outpoint)
    }

    /// An unspent output, confirmed or created in the mempool, not spent by the mempool.
    pub fn unspent_output(&self, outpoint: &OutPoint) -> Option<OutputView> {
        if self.mempool.spender(outpoint).is_some() {
            return None;
        }
        if let Some(view) = self.utxos.get(outpoint) {
            return Some(view.clone());
        }
        let entry = self.mempool.get(&outpoint.txid)?;
        let txout = entry.tx.output.get(usize::try_from(outpoint.vout).ok()?)?;
        Some(OutputView {
            txout: txout.clone(),
            height: None,
            coinbase: false,
        })
    }

    /// Appends a block and updates the UTXO set and the mempool. The caller validated it.
    pub fn connect_block(&mut self, block: Block) {
        let height = u32::try_from(self.blocks.len()).unwrap_or(u32::MAX);
        for (index, tx) in block.txdata.iter().enumerate() {
            let txid = tx.txid();
            let coinbase = tx.is_coinbase();
            if !coinbase {
                for input in &tx.input {
                    self.utxos.remove(&input.previous_output);
                }
            }
            for (vout, txout) in tx.output.iter().enumerate() {
                if txout.is_fee() || txout.script_pubkey.is_provably_unspendable() {
                    continue;
                }
                let outpoint = OutPoint::new(txid, u32::try_from(vout).unwrap_or(u32::MAX));
                self.utxos.insert(
                    outpoint,
                    OutputView {
                        txout: txout.clone(),
                        height: Some(height),
                        coinbase,
                    },
                );
            }
            self.tx_locations.insert(txid, (height, index));
        }
        self.block_heights.insert(block.block_hash(), height);
        self.blocks.push(block);
        // Drop mined or now-conflicting mempool entries, keep the rest in order.
        let remaining = self.mempool.take_all();
        for entry in remaining {
            let txid = entry.tx.txid();
            let inputs_ok = entry
                .tx
                .input
                .iter()
                .all(|i| self.unspent_output(&i.previous_output).is_some());
            if !self.tx_locations.contains_key(&txid) && inputs_ok {
                self.mempool.insert(entry);
            }
        }
    }

    /// Builds the next block from the whole mempool, paying fees to `script`.
    pub fn build_block(&self, script: &Script, time: u32) -> Block {
        let height = self.tip_height() + 1;
        let entries: Vec<&MempoolEntry> = self.mempool.entries().iter().collect();
        let mut fees: HashMap<AssetId, u64> = HashMap::new();
        for entry in &entries {
            for (asset, fee) in entry.tx.all_fees() {
                *fees.entry(asset).or_default() += fee;
            }
        }
        let mut txdata = vec![coinbase_tx(height, script, &fees, self.policy_asset)];
        txdata.extend(entries.iter().map(|e| e.tx.clone()));
        let time = time.max(self.tip().header.time + 1);
        Block {
            header: BlockHeader {
                version: 0x2000_0000,
                prev_blockhash: self.tip().block_hash(),
                merkle_root: genesis::merkle_root(&txdata),
                time,
                height,
                ext: BlockExtData::Proof {
                    challenge: genesis::op_true(),
                    solution: Script::new(),
                },
            },
            txdata,
        }
    }

    /// Median time of the last 11 blocks (`mediantime`).
    pub fn median_time(&self, height: u32) -> u32 {
        let end = usize::try_from(height).unwrap_or(0) + 1;
        let start = end.saturating_sub(11);
        let mut times: Vec<u32> = self.blocks[start..end.min(self.blocks.len())]
            .iter()
            .map(|b| b.header.time)
            .collect();
        times.sort_unstable();
        times.get(times.len() / 2).copied().unwrap_or(0)
    }
}

impl Default for Chain {
    fn default() -> Self {
        Self::new()
    }
}

/// A coinbase paying every fee asset to `script`; block subsidy is 0 as on Liquid.
fn coinbase_tx(
    height: u32,
    script: &Script,
    fees: &HashMap<AssetId, u64>,
    policy: AssetId,
) -> Transaction {
    let height_push = elements::script::Builder::new()
        .push_int(i64::from(height))
        .push_int(1)
        .into_script();
    let mut outputs: Vec<TxOut> = Vec::new();
    let mut assets: Vec<&AssetId> = fees.keys().collect();
    assets.sort();
    for asset in assets {
        outputs.push(explicit_out(*asset, fees[asset], script.clone()));
    }
    if outputs.is_empty() {
        // Keep a zero-value policy-asset output so every coinbase pays the miner, like Elements.
        outputs.push(explicit_out(policy, 0, script.clone()));
    }
    let mut witness = TxInWitness::empty();
    witness.script_witness.push([0u8; 32]);
    Transaction {
        version: 2,
        lock_time: elements::LockTime::ZERO,
        input: vec![TxIn {
            previous_output: OutPoint::null(),
            is_pegin: false,
            script_sig: height_push,
            sequence: Sequence::MAX,
            asset_issuance: elements::AssetIssuance::null(),
            witness,
        }],
        output: outputs,
    }
}

/// An explicit output.
pub fn explicit_out(asset: AssetId, value: u64, script_pubkey: Script) -> TxOut {
    TxOut {
        asset: confidential::Asset::Explicit(asset),
        value: confidential::Value::Explicit(value),
        nonce: confidential::Nonce::Null,
        script_pubkey,
        witness: TxOutWitness::default(),
    }
}

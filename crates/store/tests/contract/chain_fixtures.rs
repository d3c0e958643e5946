//! Blocks, outputs and ledger rows for the chain contract tests, and a snapshot of
//! everything the chain area answers, to compare states before and after.

use std::sync::Arc;
use tessera_core::{Gaid, ManagedAccount};
use tessera_store::{BlockChanges, BlockRef, LedgerRow, OwnerRef, Spend, Store, TrackedOutput};

/// Asset ids.
pub const ASSET_X: &str = "11aa000000000000000000000000000000000000000000000000000000000000";
pub const ASSET_Y: &str = "22bb000000000000000000000000000000000000000000000000000000000000";
pub const ASSET_Z: &str = "33cc000000000000000000000000000000000000000000000000000000000000";

/// The hash of the fixture block at `height` (hex).
pub fn hash(height: u32) -> String {
    format!("{:064x}", 0xb10c_0000_u64 + u64::from(height))
}

/// A txid (hex) from a short name.
pub fn txid(name: u8) -> String {
    format!("{name:02x}").repeat(32)
}

/// The fixture block at `height`, child of the fixture block below it.
pub fn block(height: u32) -> BlockRef {
    BlockRef {
        height,
        hash: hash(height),
        prev_hash: hash(height - 1),
        time: 1_700_000_000 + i64::from(height) * 60,
    }
}

/// The owner of a managed account.
pub fn owned_by(account: &ManagedAccount) -> OwnerRef {
    OwnerRef::Account {
        account: account.id,
        gaid: account.gaid.clone(),
    }
}

/// Changes of a block being built.
pub struct Builder(pub BlockChanges);

impl Builder {
    /// An empty block at `height`.
    pub fn at(height: u32) -> Self {
        Self(BlockChanges {
            block: block(height),
            outputs: vec![],
            spends: vec![],
            ledger: vec![],
        })
    }

    /// A new output `tx:vout` with its `+amount` ledger row.
    pub fn receive(mut self, tx: u8, vout: u32, owner: OwnerRef, asset: &str, amount: u64) -> Self {
        let height = self.0.block.height;
        self.0.outputs.push(TrackedOutput {
            txid: txid(tx),
            vout,
            owner: owner.clone(),
            asset_id: asset.into(),
            amount,
            asset_blinder: format!("{:064x}", u64::from(tx) * 1000 + u64::from(vout)),
            amount_blinder: "0".repeat(64),
            script_pubkey: vec![0x00, 0x14, tx, u8::try_from(vout).unwrap()],
            height,
            spent_by: None,
            spent_height: None,
        });
        self.ledger(tx, vout, owner, asset, i64::try_from(amount).unwrap())
    }

    /// A spend of `tx:vout` by input `vin` of transaction `by`, with its `-amount` ledger row.
    pub fn spend(
        mut self,
        tx: u8,
        vout: u32,
        (by, vin): (u8, u32),
        owner: OwnerRef,
        asset: &str,
        amount: i64,
    ) -> Self {
        self.0.spends.push(Spend {
            txid: txid(tx),
            vout,
            spent_by_txid: txid(by),
            spent_by_vin: vin,
        });
        self.ledger(tx, vout, owner, asset, -amount)
    }

    /// A ledger row alone.
    pub fn ledger(mut self, tx: u8, vout: u32, owner: OwnerRef, asset: &str, delta: i64) -> Self {
        self.0.ledger.push(LedgerRow {
            asset_id: asset.into(),
            owner,
            delta,
            txid: txid(tx),
            vout,
            height: self.0.block.height,
            time: self.0.block.time,
        });
        self
    }
}

/// Everything the chain area answers about some accounts.
#[derive(Debug, PartialEq)]
pub struct ChainState {
    tip: Option<BlockRef>,
    blocks: Vec<Option<BlockRef>>,
    balances: Vec<Vec<(String, i64)>>,
    unspent: Vec<Vec<TrackedOutput>>,
    outpoints: Vec<(String, u32)>,
    outputs: Vec<Option<TrackedOutput>>,
}

/// The state of the chain area, seen through its reads, for these accounts.
pub async fn chain_state(store: &Arc<dyn Store>, accounts: &[&ManagedAccount]) -> ChainState {
    let mut state = ChainState {
        tip: store.chain_tip().await.unwrap(),
        blocks: vec![],
        balances: vec![],
        unspent: vec![],
        outpoints: store.unspent_outpoints().await.unwrap(),
        outputs: vec![],
    };
    for height in 98..=104 {
        state.blocks.push(store.block_at(height).await.unwrap());
    }
    for account in accounts {
        let gaid: &Gaid = &account.gaid;
        state
            .balances
            .push(store.balances_of_gaid(gaid).await.unwrap());
        state
            .unspent
            .push(store.unspent_outputs(account.id).await.unwrap());
    }
    for tx in 1..=6 {
        for vout in 0..4 {
            state
                .outputs
                .push(store.tracked_output(&txid(tx), vout).await.unwrap());
        }
    }
    state
}

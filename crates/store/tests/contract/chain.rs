//! The chain watcher's persistence: applying blocks, refusals that change nothing,
//! rollbacks, and balances summed from the ledger.

use crate::chain_fixtures::{
    block, chain_state, hash, owned_by, txid, Builder, ASSET_X, ASSET_Y, ASSET_Z,
};
use crate::harness::{contract, managed_account, Ctx};
use std::sync::Arc;
use tessera_core::ManagedAccount;
use tessera_store::{BlockChanges, BlockRef, Conflict, OwnerRef, Store, StoreError};

fn treasury() -> OwnerRef {
    OwnerRef::Treasury {
        address: "tex1qtreasury".into(),
    }
}

/// Two accounts `a` and `b`.
async fn accounts(store: &Arc<dyn Store>) -> (ManagedAccount, ManagedAccount) {
    (
        managed_account(&**store, 0).await,
        managed_account(&**store, 1).await,
    )
}

/// Block 100: `a` receives X, Y and Z, the treasury X.
fn block_100(a: &ManagedAccount) -> BlockChanges {
    Builder::at(100)
        .receive(1, 0, owned_by(a), ASSET_X, 50)
        .receive(1, 1, owned_by(a), ASSET_Y, 7)
        .receive(1, 2, treasury(), ASSET_X, 30)
        .receive(1, 3, owned_by(a), ASSET_Z, 5)
        .0
}

/// Block 101: `a` pays 20 X to `b` (30 back as change) and all its Z to someone unknown.
fn block_101(a: &ManagedAccount, b: &ManagedAccount) -> BlockChanges {
    Builder::at(101)
        .spend(1, 0, (2, 0), owned_by(a), ASSET_X, 50)
        .receive(2, 0, owned_by(b), ASSET_X, 20)
        .receive(2, 1, owned_by(a), ASSET_X, 30)
        .spend(1, 3, (2, 1), owned_by(a), ASSET_Z, 5)
        .ledger(2, 2, OwnerRef::Unknown, ASSET_Z, 5)
        .0
}

/// Block 102: `a` pays its 30 X change to `b`.
fn block_102(a: &ManagedAccount, b: &ManagedAccount) -> BlockChanges {
    Builder::at(102)
        .spend(2, 1, (3, 0), owned_by(a), ASSET_X, 30)
        .receive(3, 0, owned_by(b), ASSET_X, 30)
        .0
}

async fn two_blocks_apply_and_balances_sum_the_ledger(ctx: Ctx) {
    let store = ctx.store;
    let (a, b) = accounts(&store).await;
    assert_eq!(store.chain_tip().await.unwrap(), None);
    store.apply_block(&block_100(&a)).await.unwrap();
    store.apply_block(&block_101(&a, &b)).await.unwrap();

    assert_eq!(store.chain_tip().await.unwrap(), Some(block(101)));
    assert_eq!(store.block_at(100).await.unwrap(), Some(block(100)));
    assert_eq!(store.block_at(102).await.unwrap(), None);
    let x = ASSET_X.to_owned();
    assert_eq!(
        store.balances_of_gaid(&a.gaid).await.unwrap(),
        vec![(x.clone(), 30), (ASSET_Y.to_owned(), 7)],
        "Z went to zero and is not listed"
    );
    assert_eq!(
        store.balances_of_gaid(&b.gaid).await.unwrap(),
        vec![(x, 20)]
    );
    assert_eq!(store.balance_of_gaid(&a.gaid, ASSET_X).await.unwrap(), 30);
    assert_eq!(store.balance_of_gaid(&a.gaid, ASSET_Z).await.unwrap(), 0);
    assert_eq!(store.balance_of_gaid(&b.gaid, ASSET_Y).await.unwrap(), 0);

    let unspent_a = store.unspent_outputs(a.id).await.unwrap();
    let outpoints: Vec<_> = unspent_a.iter().map(|o| (o.txid.clone(), o.vout)).collect();
    assert_eq!(outpoints, vec![(txid(1), 1), (txid(2), 1)]);
    assert_eq!(unspent_a[1], block_101(&a, &b).outputs[1]);
    assert_eq!(
        store.unspent_outpoints().await.unwrap(),
        vec![(txid(1), 1), (txid(1), 2), (txid(2), 0), (txid(2), 1)]
    );
    let spent = store.tracked_output(&txid(1), 0).await.unwrap().unwrap();
    assert_eq!(spent.spent_by, Some((txid(2), 0)));
    assert_eq!(spent.spent_height, Some(101));
    assert_eq!(spent.amount, 50);
    assert_eq!(spent.owner, owned_by(&a));
    let treasury_output = store.tracked_output(&txid(1), 2).await.unwrap().unwrap();
    assert_eq!(treasury_output.owner, treasury());
    assert_eq!(treasury_output.spent_by, None);
    assert_eq!(store.tracked_output(&txid(9), 0).await.unwrap(), None);
}

async fn a_block_that_does_not_extend_the_tip_is_refused_and_changes_nothing(ctx: Ctx) {
    let store = ctx.store;
    let (a, b) = accounts(&store).await;
    store.apply_block(&block_100(&a)).await.unwrap();
    let before = chain_state(&store, &[&a, &b]).await;

    let mut gap = block_102(&a, &b);
    gap.block.prev_hash = hash(100);
    let mut wrong_parent = block_101(&a, &b);
    wrong_parent.block.prev_hash = hash(42);
    let again = Builder::at(100).receive(6, 0, owned_by(&b), ASSET_X, 1).0;
    for (changes, got_height, got_prev) in [
        (gap, 102, hash(100)),
        (wrong_parent, 101, hash(42)),
        (again, 100, hash(99)),
    ] {
        let err = store.apply_block(&changes).await.unwrap_err();
        let expected_prev = hash(100);
        assert!(
            matches!(&err, StoreError::NotNextBlock { expected_height: 101, expected_prev: p, got_height: h, got_prev: g }
                if *p == expected_prev && *h == got_height && *g == got_prev),
            "{err:?}"
        );
        assert!(err.to_string().contains(&got_prev));
    }
    assert_eq!(chain_state(&store, &[&a, &b]).await, before);
}

async fn spending_an_unknown_or_spent_outpoint_is_refused_and_changes_nothing(ctx: Ctx) {
    let store = ctx.store;
    let (a, b) = accounts(&store).await;
    store.apply_block(&block_100(&a)).await.unwrap();
    let before = chain_state(&store, &[&a, &b]).await;
    let mut changes = block_101(&a, &b);
    changes = Builder(changes)
        .spend(9, 3, (2, 5), owned_by(&a), ASSET_Y, 1)
        .0;
    let err = store.apply_block(&changes).await.unwrap_err();
    assert!(
        matches!(&err, StoreError::UnknownOutpoint { txid: t, vout: 3 } if *t == txid(9)),
        "{err:?}"
    );
    assert_eq!(chain_state(&store, &[&a, &b]).await, before);

    store.apply_block(&block_101(&a, &b)).await.unwrap();
    let before = chain_state(&store, &[&a, &b]).await;
    let double = Builder::at(102)
        .spend(1, 0, (4, 0), owned_by(&a), ASSET_X, 50)
        .0;
    let err = store.apply_block(&double).await.unwrap_err();
    assert!(
        matches!(&err, StoreError::OutpointAlreadySpent { vout: 0, spent_by_txid: by, spent_by_vin: 0, .. }
            if *by == txid(2)),
        "{err:?}"
    );
    assert_eq!(chain_state(&store, &[&a, &b]).await, before);
}

async fn a_stored_block_hash_or_outpoint_is_a_conflict_that_changes_nothing(ctx: Ctx) {
    let store = ctx.store;
    let (a, b) = accounts(&store).await;
    store.apply_block(&block_100(&a)).await.unwrap();
    let before = chain_state(&store, &[&a, &b]).await;

    let mut same_hash = Builder::at(101).0;
    same_hash.block = BlockRef {
        hash: hash(100),
        ..block(101)
    };
    let err = store.apply_block(&same_hash).await.unwrap_err();
    assert!(
        matches!(&err, StoreError::Conflict(Conflict::BlockExists { height: 101, hash: h }) if *h == hash(100)),
        "{err:?}"
    );
    let same_outpoint = Builder::at(101)
        .receive(5, 0, owned_by(&b), ASSET_X, 3)
        .receive(1, 2, owned_by(&b), ASSET_X, 4)
        .0;
    let err = store.apply_block(&same_outpoint).await.unwrap_err();
    assert!(
        matches!(&err, StoreError::Conflict(Conflict::OutputExists { txid: t, vout: 2 }) if *t == txid(1)),
        "{err:?}"
    );
    let mut inconsistent = block_101(&a, &b);
    inconsistent.ledger[0].height = 7;
    let err = store.apply_block(&inconsistent).await.unwrap_err();
    assert!(
        matches!(err, StoreError::InconsistentBlock { height: 101, .. }),
        "{err:?}"
    );
    assert_eq!(chain_state(&store, &[&a, &b]).await, before);
}

async fn rollback_restores_the_state_of_the_earlier_height_exactly(ctx: Ctx) {
    let store = ctx.store;
    let (a, b) = accounts(&store).await;
    store.apply_block(&block_100(&a)).await.unwrap();
    let at_100 = chain_state(&store, &[&a, &b]).await;
    store.apply_block(&block_101(&a, &b)).await.unwrap();
    let at_101 = chain_state(&store, &[&a, &b]).await;
    store.apply_block(&block_102(&a, &b)).await.unwrap();
    assert_ne!(chain_state(&store, &[&a, &b]).await, at_101);

    assert_eq!(store.rollback_to(101).await.unwrap(), 1);
    assert_eq!(chain_state(&store, &[&a, &b]).await, at_101);
    store.apply_block(&block_102(&a, &b)).await.unwrap();
    assert_eq!(store.rollback_to(100).await.unwrap(), 2);
    assert_eq!(chain_state(&store, &[&a, &b]).await, at_100);
    assert_eq!(store.balance_of_gaid(&b.gaid, ASSET_X).await.unwrap(), 0);
    // The chain goes on from there.
    store.apply_block(&block_101(&a, &b)).await.unwrap();
    assert_eq!(chain_state(&store, &[&a, &b]).await, at_101);
}

async fn rollback_to_the_tip_or_above_is_a_no_op(ctx: Ctx) {
    let store = ctx.store;
    let (a, b) = accounts(&store).await;
    assert_eq!(store.rollback_to(100).await.unwrap(), 0);
    store.apply_block(&block_100(&a)).await.unwrap();
    store.apply_block(&block_101(&a, &b)).await.unwrap();
    let before = chain_state(&store, &[&a, &b]).await;
    assert_eq!(store.rollback_to(101).await.unwrap(), 0);
    assert_eq!(store.rollback_to(500).await.unwrap(), 0);
    assert_eq!(chain_state(&store, &[&a, &b]).await, before);
}

async fn ledger_rows_survive_a_reopen(ctx: Ctx) {
    let (a, b) = accounts(&ctx.store).await;
    ctx.store.apply_block(&block_100(&a)).await.unwrap();
    ctx.store.apply_block(&block_101(&a, &b)).await.unwrap();
    let before = chain_state(&ctx.store, &[&a, &b]).await;
    let again = ctx.reopen().await;
    assert_eq!(chain_state(&again, &[&a, &b]).await, before);
    again.apply_block(&block_102(&a, &b)).await.unwrap();
    assert_eq!(again.balance_of_gaid(&b.gaid, ASSET_X).await.unwrap(), 50);
}

/// Ledger rows of block `height` in the `seed`-th history: 8 rows of X and 2 of Y over
/// five owners, deltas of either sign (a snapshot sums whatever the ledger holds).
fn mixed_block(height: u32, owners: &[OwnerRef], seed: u32) -> BlockChanges {
    let mut block = Builder::at(height);
    for k in 0..10_u32 {
        let mix = (height * 31 + k * 17 + seed * 7) % 101;
        let owner = owners[usize::try_from(mix).unwrap() % owners.len()].clone();
        let asset = if k < 8 { ASSET_X } else { ASSET_Y };
        let delta = i64::from(mix % 13) - 4;
        block = block.ledger(u8::try_from(k).unwrap(), height, owner, asset, delta);
    }
    block.0
}

/// Snapshots of X and Y at every height of `range` (and at the tip) against sums of
/// `applied`'s ledger rows.
async fn assert_snapshots(
    store: &Arc<dyn Store>,
    applied: &[BlockChanges],
    range: std::ops::RangeInclusive<u32>,
) {
    let heights = range.map(Some).chain([None]);
    for at in heights {
        for asset in [ASSET_X, ASSET_Y] {
            let mut expected: Vec<(OwnerRef, i64)> = vec![];
            let rows = applied.iter().flat_map(|b| &b.ledger);
            for row in rows.filter(|r| r.asset_id == asset && at.is_none_or(|h| r.height <= h)) {
                match expected.iter_mut().find(|(o, _)| *o == row.owner) {
                    Some((_, sum)) => *sum += row.delta,
                    None => expected.push((row.owner.clone(), row.delta)),
                }
            }
            expected.retain(|(_, sum)| *sum != 0);
            let mut got = store.asset_holdings(asset, at).await.unwrap();
            let key = |(o, b): &(OwnerRef, i64)| format!("{o:?} {b}");
            expected.sort_by_key(key);
            got.sort_by_key(key);
            assert_eq!(got, expected, "{asset} at {at:?}");
        }
    }
}

async fn snapshots_across_checkpoints_rollbacks_and_reapplies_equal_the_ledger_sums(ctx: Ctx) {
    let store = ctx.store;
    let (a, b) = accounts(&store).await;
    let c = managed_account(&*store, 2).await;
    let owners = [
        owned_by(&a),
        owned_by(&b),
        owned_by(&c),
        treasury(),
        OwnerRef::Unknown,
    ];
    let mut applied: Vec<BlockChanges> = vec![];
    for height in 100..=140 {
        applied.push(mixed_block(height, &owners, 0));
        store.apply_block(applied.last().unwrap()).await.unwrap();
    }
    assert_snapshots(&store, &applied, 98..=141).await;
    // Below several checkpoints, then a different history on top.
    store.rollback_to(110).await.unwrap();
    applied.truncate(11);
    assert_snapshots(&store, &applied, 98..=141).await;
    for height in 111..=150 {
        applied.push(mixed_block(height, &owners, 1));
        store.apply_block(applied.last().unwrap()).await.unwrap();
    }
    assert_snapshots(&store, &applied, 98..=151).await;
    store.rollback_to(131).await.unwrap();
    applied.truncate(32);
    for height in 132..=135 {
        applied.push(mixed_block(height, &owners, 2));
        store.apply_block(applied.last().unwrap()).await.unwrap();
    }
    assert_snapshots(&store, &applied, 98..=151).await;
    // Back to nothing at all, and from scratch.
    store.rollback_to(50).await.unwrap();
    assert_snapshots(&store, &[], 98..=151).await;
}

contract!(
    snapshots_across_checkpoints_rollbacks_and_reapplies_equal_the_ledger_sums,
    two_blocks_apply_and_balances_sum_the_ledger,
    a_block_that_does_not_extend_the_tip_is_refused_and_changes_nothing,
    spending_an_unknown_or_spent_outpoint_is_refused_and_changes_nothing,
    a_stored_block_hash_or_outpoint_is_a_conflict_that_changes_nothing,
    rollback_restores_the_state_of_the_earlier_height_exactly,
    rollback_to_the_tip_or_above_is_a_no_op,
    ledger_rows_survive_a_reopen,
);

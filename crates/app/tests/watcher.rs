//! The chain watcher against real chains: devnets served on loopback ports, a platform on
//! a SQLite file, managed accounts registered through the app. Payments are confidential
//! (the devnet blinds outputs to confidential addresses), so every balance here is the
//! watcher's own unblinding. Also the pure block processing on a hand-built block.

#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

#[path = "watcher_support/mod.rs"]
mod support;

#[path = "watcher_support/process_block.rs"]
mod process_block;

#[path = "watcher_support/robust.rs"]
mod robust;

use std::collections::BTreeMap;
use support::{Node, Platform};
use tessera_app::watcher::SyncReport;

#[tokio::test]
async fn confidential_payments_to_managed_addresses_are_counted_exactly_once() {
    let node = Node::start().await;
    let platform = Platform::new().await;
    let alice = platform.account().await;
    let bob = platform.account().await;
    let asset = node.issue(5_000_000).await;
    let a0 = platform.address(&alice).await;
    let a1 = platform.address(&alice).await;
    let a2 = platform.address(&alice).await;
    let b0 = platform.address(&bob).await;

    node.pay(&[
        (&a0, 1_234_567, Some(asset)),
        (&a1, 10, Some(asset)),
        (&a2, 250_000, None),
        (&b0, 777, Some(asset)),
    ])
    .await;
    node.mine(1).await;
    let height = node.height().await;

    let mut watcher = platform.watcher(&node);
    let report = watcher.sync().await.unwrap();

    assert_eq!(
        report,
        SyncReport {
            applied: u32::try_from(height).unwrap() + 1,
            rolled_back: 0
        },
        "every block from genesis to the tip, once"
    );
    let lbtc = node.lbtc();
    assert_eq!(
        platform.balances(&alice).await,
        BTreeMap::from([(asset.to_string(), 1_234_577), (lbtc.clone(), 250_000)])
    );
    assert_eq!(
        platform.balances(&bob).await,
        BTreeMap::from([(asset.to_string(), 777)])
    );
    let unspent = platform.app.account_unspent(&alice.account).await.unwrap();
    assert_eq!(unspent.len(), 3);
    for out in &unspent {
        assert_ne!(out.asset_blinder, "0".repeat(64), "the output was blinded");
        assert_ne!(out.amount_blinder, "0".repeat(64), "the output was blinded");
        assert_eq!(u64::from(out.height), height);
    }
    assert_eq!(watcher.sync().await.unwrap(), SyncReport::default());
    assert_eq!(
        platform.balances(&alice).await[&asset.to_string()],
        1_234_577
    );
}

#[tokio::test]
async fn a_restarted_watcher_resumes_after_its_tip_and_loses_or_doubles_nothing() {
    let node = Node::start().await;
    let platform = Platform::new().await;
    let alice = platform.account().await;
    let asset = node.issue(1_000_000).await;
    let first = platform.address(&alice).await;
    node.pay(&[(&first, 100, Some(asset))]).await;
    node.pay(&[(&first, 5_000, None)]).await;
    node.mine(1).await;
    let mut watcher = platform.watcher(&node);
    watcher.sync().await.unwrap();
    let synced_to = node.height().await;
    drop(watcher);

    // The server stops; payments go on (to an old and a new address) over several blocks.
    let second = platform.address(&alice).await;
    let platform = platform.restart().await;
    node.pay(&[(&first, 20, Some(asset)), (&second, 3, Some(asset))])
        .await;
    node.mine(2).await;
    node.pay(&[(&second, 7_000, None)]).await;
    node.mine(1).await;

    let report = platform.watcher(&node).sync().await.unwrap();

    assert_eq!(
        u64::from(report.applied),
        node.height().await - synced_to,
        "only the blocks after the stored tip"
    );
    assert_eq!(report.rolled_back, 0);
    assert_eq!(
        platform.balances(&alice).await,
        BTreeMap::from([(asset.to_string(), 123), (node.lbtc(), 12_000)])
    );
    assert_eq!(
        platform
            .app
            .account_unspent(&alice.account)
            .await
            .unwrap()
            .len(),
        5
    );
}

#[tokio::test]
async fn a_reorg_onto_a_longer_chain_rolls_back_to_the_fork_and_counts_only_the_new_chain() {
    let platform = Platform::new().await;
    let alice = platform.account().await;
    let a0 = platform.address(&alice).await;
    let a1 = platform.address(&alice).await;

    let old = Node::start().await;
    old.pay(&[(&a0, 40_000, None)]).await;
    old.mine(1).await;
    let mut watcher = platform.watcher(&old);
    watcher.sync().await.unwrap();
    let old_height = old.height().await;
    assert_eq!(platform.balances(&alice).await[&old.lbtc()], 40_000);

    // Another devnet: same genesis, a different chain from block 1 on, and longer.
    let new = Node::start().await;
    new.pay(&[(&a0, 300, None), (&a1, 20, None)]).await;
    new.mine(2).await;
    let new_height = new.height().await;
    assert!(new_height > old_height);

    let report = platform.watcher(&new).sync().await.unwrap();

    assert_eq!(
        report,
        SyncReport {
            rolled_back: old_height,
            applied: u32::try_from(new_height).unwrap(),
        },
        "back to the genesis block both chains share, then the new chain"
    );
    assert_eq!(
        platform.balances(&alice).await,
        BTreeMap::from([(new.lbtc(), 320)])
    );
    assert_eq!(
        platform.store.chain_tip().await.unwrap().unwrap().hash,
        new.tip_hash().await
    );
}

#[tokio::test]
async fn a_reorg_onto_a_shorter_chain_is_noticed_and_rolled_back() {
    let platform = Platform::new().await;
    let alice = platform.account().await;
    let a0 = platform.address(&alice).await;

    let old = Node::start().await;
    old.pay(&[(&a0, 40_000, None)]).await;
    old.mine(3).await;
    platform.watcher(&old).sync().await.unwrap();
    let old_height = old.height().await;

    let new = Node::start().await;
    new.pay(&[(&a0, 300, None)]).await;
    new.mine(1).await;
    let new_height = new.height().await;
    assert!(new_height < old_height);

    let report = platform.watcher(&new).sync().await.unwrap();

    assert_eq!(
        report,
        SyncReport {
            rolled_back: old_height,
            applied: u32::try_from(new_height).unwrap(),
        }
    );
    assert_eq!(
        platform.balances(&alice).await,
        BTreeMap::from([(new.lbtc(), 300)])
    );
    assert_eq!(
        platform.store.chain_tip().await.unwrap().unwrap().hash,
        new.tip_hash().await
    );
}

#[tokio::test]
async fn a_stale_branch_in_the_store_is_rolled_back_to_the_last_block_the_node_shares() {
    let node = Node::start().await;
    let platform = Platform::new().await;
    let alice = platform.account().await;
    let a0 = platform.address(&alice).await;
    node.pay(&[(&a0, 1_000, None)]).await;
    node.mine(1).await;
    let mut watcher = platform.watcher(&node);
    watcher.sync().await.unwrap();
    let tip = platform.store.chain_tip().await.unwrap().unwrap();

    // The store followed a branch the node no longer has: its last block and one more,
    // crediting Alice with 99 that never happened on this chain.
    let fork = tip.height - 1;
    platform.store.rollback_to(fork).await.unwrap();
    platform
        .apply_stale_blocks(&alice, fork, 2, &node.lbtc(), 99)
        .await;
    assert_eq!(platform.balances(&alice).await[&node.lbtc()], 99);

    node.pay(&[(&a0, 20, None)]).await;
    node.mine(2).await;
    let report = watcher.sync().await.unwrap();

    assert_eq!(report.rolled_back, 2);
    assert_eq!(
        u64::from(report.applied),
        node.height().await - u64::from(fork)
    );
    assert_eq!(
        platform.balances(&alice).await,
        BTreeMap::from([(node.lbtc(), 1_020)])
    );
}

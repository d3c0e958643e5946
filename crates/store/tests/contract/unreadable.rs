//! Outputs the watcher could not read: recorded with their block, gone with it on a reorg;
//! and holdings per owner, which the watcher checks before crediting.

use crate::chain_fixtures::{owned_by, txid, Builder, ASSET_X};
use crate::harness::{contract, managed_account, Ctx};
use tessera_store::{OwnerRef, StoreError, UnreadableOutput};

fn lost(height: u32, owner: OwnerRef, amount: Option<u64>) -> UnreadableOutput {
    UnreadableOutput {
        txid: txid(u8::try_from(height - 90).unwrap()),
        vout: 7,
        owner,
        asset_id: amount.map(|_| ASSET_X.to_owned()),
        amount,
        script_pubkey: vec![0x00, 0x14, 0xab],
        reason: "amount does not fit".into(),
        height,
    }
}

async fn unreadable_outputs_are_kept_with_their_block_and_rolled_back_with_it(ctx: Ctx) {
    let store = ctx.store;
    let a = managed_account(&*store, 0).await;
    let treasury = OwnerRef::Treasury {
        address: "tex1qtreasury".into(),
    };
    let b100 = Builder::at(100)
        .receive(1, 0, owned_by(&a), ASSET_X, 50)
        .receive(1, 1, treasury.clone(), ASSET_X, 30)
        .0;
    let huge = u64::MAX;
    let first = lost(100, owned_by(&a), Some(huge));
    store
        .apply_block_noting(&b100, std::slice::from_ref(&first))
        .await
        .unwrap();
    let b101 = Builder::at(101).receive(2, 0, owned_by(&a), ASSET_X, 5).0;
    let second = lost(101, treasury.clone(), None);
    store
        .apply_block_noting(&b101, std::slice::from_ref(&second))
        .await
        .unwrap();
    assert_eq!(
        store.unreadable_outputs().await.unwrap(),
        vec![first.clone(), second]
    );
    assert_eq!(store.holding(&owned_by(&a), ASSET_X).await.unwrap(), 55);
    assert_eq!(store.holding(&treasury, ASSET_X).await.unwrap(), 30);
    assert_eq!(store.holding(&OwnerRef::Unknown, ASSET_X).await.unwrap(), 0);

    // An unreadable output of another height is refused with the whole block.
    let b102 = Builder::at(102).0;
    let err = store
        .apply_block_noting(&b102, &[lost(101, owned_by(&a), None)])
        .await
        .unwrap_err();
    assert!(matches!(err, StoreError::InconsistentBlock { .. }), "{err}");
    assert_eq!(store.chain_tip().await.unwrap().unwrap().height, 101);

    store.rollback_to(100).await.unwrap();
    assert_eq!(store.unreadable_outputs().await.unwrap(), vec![first]);
    store.rollback_to(99).await.unwrap();
    assert_eq!(store.unreadable_outputs().await.unwrap(), vec![]);
}

contract!(unreadable_outputs_are_kept_with_their_block_and_rolled_back_with_it,);

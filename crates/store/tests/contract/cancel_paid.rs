//! A distribution whose address the watcher saw paid (its asset, its amount) cannot be
//! cancelled: the refusal names the txid and changes nothing (issue 12).

use crate::chain_fixtures::{txid as hex_txid, Builder};
use crate::harness::{contract, Ctx};
use crate::lifecycle_fixtures::{assign, payout, world};
use tessera_core::{AssignmentState, DistributionState, DistributionUuid};
use tessera_store::{Conflict, NewDistribution, OwnerRef, StoreError};

async fn a_distribution_paid_on_chain_is_not_cancelled(ctx: Ctx) {
    let store = &*ctx.store;
    let w = world(store, "alice", 1, 0).await;
    let (a, uuid) = (w.issuer.id, w.asset.uuid);
    let x = store
        .create_assignments(a, uuid, &[assign(&w.ann, 10), assign(&w.bo, 7)], 1000)
        .await
        .unwrap()
        .unwrap();
    let new = NewDistribution {
        uuid: DistributionUuid::new_random(),
        outputs: vec![
            payout(&w.ann, "addr-ann", 10, &[x[0].id]),
            payout(&w.bo, "addr-bo", 7, &[x[1].id]),
        ],
    };
    store
        .create_distribution(a, uuid, &new, 1100)
        .await
        .unwrap();
    let asset = w.asset.asset_id.to_string();
    // Block 100 pays Ann's address another amount (not this distribution's payment); block
    // 101 pays Bo's address exactly 7 of the asset, which is.
    let mut b100 = Builder::at(100).receive(1, 0, OwnerRef::Unknown, &asset, 9);
    b100.0.outputs[0].script_pubkey = b"addr-ann".to_vec();
    store.apply_block(&b100.0).await.unwrap();
    let mut b101 = Builder::at(101).receive(2, 1, OwnerRef::Unknown, &asset, 7);
    b101.0.outputs[0].script_pubkey = b"addr-bo".to_vec();
    let before = store.distribution(a, uuid, new.uuid).await.unwrap();
    let assignments = store.assignments(a, uuid, None).await.unwrap();

    store.apply_block(&b101.0).await.unwrap();
    let err = store
        .cancel_distribution(a, uuid, new.uuid)
        .await
        .unwrap_err();
    match err {
        StoreError::Conflict(Conflict::DistributionPaid { distribution, txid }) => {
            assert_eq!(distribution, new.uuid);
            assert_eq!(txid.to_string(), hex_txid(2));
        }
        other => panic!("expected distribution_paid, got {other:?}"),
    }
    assert_eq!(store.distribution(a, uuid, new.uuid).await.unwrap(), before);
    assert_eq!(store.assignments(a, uuid, None).await.unwrap(), assignments);

    // Once block 101 is rolled back (a reorg), Ann's odd amount alone does not block it.
    store.rollback_to(100).await.unwrap();
    let cancelled = store
        .cancel_distribution(a, uuid, new.uuid)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(cancelled.state, DistributionState::Cancelled);
    let pending = store.assignments(a, uuid, None).await.unwrap().unwrap();
    assert!(pending.iter().all(|p| p.state == AssignmentState::Pending));
}

contract!(a_distribution_paid_on_chain_is_not_cancelled,);

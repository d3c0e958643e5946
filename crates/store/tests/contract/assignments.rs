//! Assignments: all-or-nothing creation, listing, edits, deletion, totals, and the
//! registered users they keep from being deleted.

use crate::harness::{contract, issuer, new_user, Ctx};
use crate::lifecycle_fixtures::{amount, assign, payout, world};
use tessera_core::{
    AssetUuid, AssignmentEdit, AssignmentId, AssignmentState, DistributionUuid, NewAssignment,
    RegisteredUserId,
};
use tessera_store::{AssignmentTotals, Conflict, NewDistribution, StoreError};

async fn assignments_are_created_listed_and_read(ctx: Ctx) {
    let store = &*ctx.store;
    let w = world(store, "alice", 1, 0).await;
    let (a, uuid) = (w.issuer.id, w.asset.uuid);
    let vesting = NewAssignment::new(w.bo.id, amount(7), Some(5000), false).unwrap();
    let created = store
        .create_assignments(a, uuid, &[assign(&w.ann, 10), vesting], 1000)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(created.len(), 2);
    assert!(created[0].id < created[1].id);
    assert_eq!(created[1].vesting_timestamp, Some(5000));
    assert!(!created[1].ready_for_distribution);
    assert!(created
        .iter()
        .all(|x| x.state == AssignmentState::Pending && !x.is_locked));
    assert_eq!(
        store.assignments(a, uuid, None).await.unwrap(),
        Some(created.clone())
    );
    assert_eq!(
        store.assignments(a, uuid, Some(false)).await.unwrap(),
        Some(created.clone())
    );
    assert_eq!(
        store.assignments(a, uuid, Some(true)).await.unwrap(),
        Some(vec![])
    );
    let one = store.assignment(a, uuid, created[1].id).await.unwrap();
    assert_eq!(one.as_ref(), Some(&created[1]));
    assert_eq!(
        store.assignment(a, uuid, AssignmentId(999)).await.unwrap(),
        None
    );
    let unknown = store
        .create_assignments(a, AssetUuid::new_random(), &[], 1)
        .await;
    assert_eq!(unknown.unwrap(), None);
}

async fn bulk_creation_with_one_unknown_user_writes_nothing(ctx: Ctx) {
    let store = &*ctx.store;
    let w = world(store, "alice", 1, 0).await;
    let other = world(store, "bob", 2, 1).await;
    let (a, uuid) = (w.issuer.id, w.asset.uuid);
    for bad in [RegisteredUserId(999), other.ann.id] {
        let batch = [
            assign(&w.ann, 1),
            NewAssignment::new(bad, amount(2), None, true).unwrap(),
            assign(&w.bo, 3),
        ];
        let err = store
            .create_assignments(a, uuid, &batch, 1000)
            .await
            .unwrap_err();
        assert!(
            matches!(err, StoreError::Conflict(Conflict::UnknownRegisteredUser(id)) if id == bad)
        );
        assert_eq!(
            store.assignments(a, uuid, None).await.unwrap(),
            Some(vec![])
        );
    }
    let totals = store.assignment_totals(a, uuid).await.unwrap().unwrap();
    assert_eq!(totals, AssignmentTotals::default());
}

async fn pending_assignment_is_edited_and_deleted(ctx: Ctx) {
    let store = &*ctx.store;
    let w = world(store, "alice", 1, 0).await;
    let (a, uuid) = (w.issuer.id, w.asset.uuid);
    let created = store
        .create_assignments(a, uuid, &[assign(&w.ann, 10)], 1000)
        .await;
    let first = created.unwrap().unwrap().remove(0);
    let edit = AssignmentEdit {
        amount: Some(amount(12)),
        vesting_timestamp: Some(Some(9000)),
        ready_for_distribution: Some(false),
        is_locked: Some(true),
    };
    let edited = first.edit(edit).unwrap();
    assert!(store.update_assignment(a, &edited).await.unwrap());
    assert_eq!(
        store.assignment(a, uuid, first.id).await.unwrap(),
        Some(edited.clone())
    );
    let mut unknown = edited.clone();
    unknown.id = AssignmentId(999);
    assert!(!store.update_assignment(a, &unknown).await.unwrap());
    assert!(store.delete_assignment(a, uuid, first.id).await.unwrap());
    assert!(!store.delete_assignment(a, uuid, first.id).await.unwrap());
    assert_eq!(store.assignment(a, uuid, first.id).await.unwrap(), None);
}

async fn assignment_in_a_distribution_is_not_deleted_nor_resized(ctx: Ctx) {
    let store = &*ctx.store;
    let w = world(store, "alice", 1, 0).await;
    let (a, uuid) = (w.issuer.id, w.asset.uuid);
    let created = store
        .create_assignments(a, uuid, &[assign(&w.ann, 10)], 1000)
        .await;
    let first = created.unwrap().unwrap().remove(0);
    let d = DistributionUuid::new_random();
    let new = NewDistribution {
        uuid: d,
        outputs: vec![payout(&w.ann, "addr1", 10, &[first.id])],
    };
    store
        .create_distribution(a, uuid, &new, 1100)
        .await
        .unwrap()
        .unwrap();
    let taken = store.assignment(a, uuid, first.id).await.unwrap().unwrap();
    assert_eq!(
        taken.state,
        AssignmentState::InDistribution { distribution: d }
    );

    let err = store
        .delete_assignment(a, uuid, first.id)
        .await
        .unwrap_err();
    let expected = Conflict::AssignmentTaken {
        id: first.id,
        distribution: d,
    };
    assert!(matches!(&err, StoreError::Conflict(c) if *c == expected));
    let mut resized = taken.clone();
    resized.amount = amount(11);
    let err = store.update_assignment(a, &resized).await.unwrap_err();
    assert!(matches!(&err, StoreError::Conflict(c) if *c == expected));
    assert_eq!(
        store.assignment(a, uuid, first.id).await.unwrap(),
        Some(taken.clone())
    );
    // Locking keeps the amount, so it is allowed (core decides that; the store agrees).
    let locked = taken.edit(AssignmentEdit {
        is_locked: Some(true),
        ..AssignmentEdit::default()
    });
    assert!(store.update_assignment(a, &locked.unwrap()).await.unwrap());
}

async fn totals_sum_assignments_per_asset_and_per_user(ctx: Ctx) {
    let store = &*ctx.store;
    let w = world(store, "alice", 1, 0).await;
    let (a, uuid) = (w.issuer.id, w.asset.uuid);
    let batch = [assign(&w.ann, 10), assign(&w.ann, 5), assign(&w.bo, 7)];
    let created = store
        .create_assignments(a, uuid, &batch, 1000)
        .await
        .unwrap()
        .unwrap();
    let d = DistributionUuid::new_random();
    let new = NewDistribution {
        uuid: d,
        outputs: vec![payout(&w.ann, "addr1", 10, &[created[0].id])],
    };
    store
        .create_distribution(a, uuid, &new, 1100)
        .await
        .unwrap();
    let tx = crate::lifecycle_fixtures::txid(77);
    let vouts = [("addr1".to_owned(), 0)];
    store
        .confirm_distribution(a, uuid, d, &tx, 50, &vouts, 1200)
        .await
        .unwrap();
    let totals = store.assignment_totals(a, uuid).await.unwrap().unwrap();
    assert_eq!(
        totals,
        AssignmentTotals {
            count: 3,
            undistributed_count: 2,
            assigned_undistributed: amount(12),
            distributed_count: 1,
            distributed: amount(10),
        }
    );
    let ann = store.user_assignment_totals(a, w.ann.id).await.unwrap();
    assert_eq!(ann.len(), 1);
    assert_eq!(
        (ann[0].asset, ann[0].count, ann[0].sum),
        (uuid, 2, amount(15))
    );
    assert_eq!(
        (ann[0].distributed_count, ann[0].distributed_sum),
        (1, amount(10))
    );
    let distributed = store
        .assignments(a, uuid, Some(true))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(distributed.len(), 1);
    assert_eq!(
        distributed[0].state,
        AssignmentState::Distributed {
            distribution: d,
            txid: tx
        }
    );
    let bob = issuer(store, "bob").await.id;
    assert!(store
        .user_assignment_totals(bob, w.ann.id)
        .await
        .unwrap()
        .is_empty());
    assert_eq!(store.assignment_totals(bob, uuid).await.unwrap(), None);
}

async fn registered_user_with_assignments_cannot_be_deleted(ctx: Ctx) {
    let store = &*ctx.store;
    let w = world(store, "alice", 1, 0).await;
    let (a, uuid) = (w.issuer.id, w.asset.uuid);
    let created = store
        .create_assignments(a, uuid, &[assign(&w.ann, 10)], 1000)
        .await;
    let id = created.unwrap().unwrap()[0].id;
    let err = store.delete_registered_user(a, w.ann.id).await.unwrap_err();
    assert!(matches!(err, StoreError::Conflict(Conflict::UserHasAssignments(u)) if u == w.ann.id));
    assert_eq!(
        store.registered_user(a, w.ann.id).await.unwrap(),
        Some(w.ann.clone())
    );
    // Without assignments the user goes.
    assert!(store.delete_assignment(a, uuid, id).await.unwrap());
    assert!(store.delete_registered_user(a, w.ann.id).await.unwrap());
    let fresh = store
        .add_registered_user(a, &new_user("Cy", None), 1000)
        .await
        .unwrap();
    assert!(store.delete_registered_user(a, fresh.id).await.unwrap());
}

async fn another_issuer_sees_and_changes_none_of_the_assignments(ctx: Ctx) {
    let store = &*ctx.store;
    let w = world(store, "alice", 1, 0).await;
    let other = world(store, "bob", 2, 1).await;
    let (a, uuid, bob) = (w.issuer.id, w.asset.uuid, other.issuer.id);
    let created = store
        .create_assignments(a, uuid, &[assign(&w.ann, 10)], 1000)
        .await;
    let first = created.unwrap().unwrap().remove(0);
    assert_eq!(store.assignments(bob, uuid, None).await.unwrap(), None);
    assert_eq!(store.assignment(bob, uuid, first.id).await.unwrap(), None);
    assert_eq!(
        store
            .assignment(bob, other.asset.uuid, first.id)
            .await
            .unwrap(),
        None
    );
    let batch = [assign(&other.ann, 1)];
    assert_eq!(
        store
            .create_assignments(bob, uuid, &batch, 1)
            .await
            .unwrap(),
        None
    );
    let mut changed = first.clone();
    changed.amount = amount(1);
    assert!(!store.update_assignment(bob, &changed).await.unwrap());
    assert!(!store.delete_assignment(bob, uuid, first.id).await.unwrap());
    assert!(!store
        .delete_assignment(bob, other.asset.uuid, first.id)
        .await
        .unwrap());
    // Bob cannot assign his asset to Alice's user either.
    let err = store
        .create_assignments(bob, other.asset.uuid, &[assign(&w.ann, 1)], 1)
        .await
        .unwrap_err();
    assert!(matches!(
        err,
        StoreError::Conflict(Conflict::UnknownRegisteredUser(_))
    ));
    assert_eq!(
        store.assignments(a, uuid, None).await.unwrap(),
        Some(vec![first])
    );
}

contract!(
    assignments_are_created_listed_and_read,
    bulk_creation_with_one_unknown_user_writes_nothing,
    pending_assignment_is_edited_and_deleted,
    assignment_in_a_distribution_is_not_deleted_nor_resized,
    totals_sum_assignments_per_asset_and_per_user,
    registered_user_with_assignments_cannot_be_deleted,
    another_issuer_sees_and_changes_none_of_the_assignments,
);

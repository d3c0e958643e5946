//! Distributions: create, cancel, create again (AMP could not), confirm idempotently, and
//! an assignment never in two distributions, even when two are created at once.

use crate::harness::{contract, issuer, Ctx};
use crate::lifecycle_fixtures::{amount, assign, payout, txid, world, World};
use tessera_core::{Assignment, AssignmentState, DistributionState, DistributionUuid};
use tessera_store::{ActivityKind, Conflict, NewDistribution, Store, StoreError};

/// World with two ready assignments (Ann 10, Bo 7).
async fn assigned(store: &dyn Store) -> (World, Vec<Assignment>) {
    let w = world(store, "alice", 1, 0).await;
    let batch = [assign(&w.ann, 10), assign(&w.bo, 7)];
    let created = store
        .create_assignments(w.issuer.id, w.asset.uuid, &batch, 1000)
        .await
        .unwrap()
        .unwrap();
    (w, created)
}

fn plan(w: &World, x: &[Assignment]) -> NewDistribution {
    NewDistribution {
        uuid: DistributionUuid::new_random(),
        outputs: vec![
            payout(&w.ann, "addr-ann", 10, &[x[0].id]),
            payout(&w.bo, "addr-bo", 7, &[x[1].id]),
        ],
    }
}

fn conflict(err: StoreError) -> Conflict {
    match err {
        StoreError::Conflict(c) => c,
        other => panic!("expected a conflict, got {other:?}"),
    }
}

async fn distribution_is_created_cancelled_and_created_again(ctx: Ctx) {
    let store = &*ctx.store;
    let (w, x) = assigned(store).await;
    let (a, uuid) = (w.issuer.id, w.asset.uuid);
    let first = plan(&w, &x);
    let created = store
        .create_distribution(a, uuid, &first, 1100)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        created.state,
        DistributionState::Unconfirmed { created_at: 1100 }
    );
    assert_eq!(created.outputs, first.outputs);
    assert_eq!(
        store.distribution(a, uuid, first.uuid).await.unwrap(),
        Some(created.clone())
    );
    // A second one while the first is open is refused, naming the first.
    let second = plan(&w, &x);
    let err = store
        .create_distribution(a, uuid, &second, 1150)
        .await
        .unwrap_err();
    assert_eq!(conflict(err), Conflict::DistributionOpen(first.uuid));

    let cancelled = store
        .cancel_distribution(a, uuid, first.uuid)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(cancelled.state, DistributionState::Cancelled);
    let again = store
        .cancel_distribution(a, uuid, first.uuid)
        .await
        .unwrap();
    assert_eq!(again, Some(cancelled.clone()));
    let pending = store.assignments(a, uuid, None).await.unwrap().unwrap();
    assert!(pending.iter().all(|p| p.state == AssignmentState::Pending));

    // Regression (AMP: "after a cancel no new distribution could be created").
    let recreated = store
        .create_distribution(a, uuid, &second, 1200)
        .await
        .unwrap();
    assert!(recreated.is_some());
    let all = store.distributions(a, uuid).await.unwrap().unwrap();
    assert_eq!(
        all.iter().map(|d| d.uuid).collect::<Vec<_>>(),
        vec![first.uuid, second.uuid]
    );
    // The cancelled one keeps the assignment ids it had.
    assert_eq!(all[0].outputs[0].assignment_ids, vec![x[0].id]);
}

async fn distribution_is_confirmed_idempotently_and_not_by_another_txid(ctx: Ctx) {
    let store = &*ctx.store;
    let (w, x) = assigned(store).await;
    let (a, uuid) = (w.issuer.id, w.asset.uuid);
    let new = plan(&w, &x);
    let d = new.uuid;
    store
        .create_distribution(a, uuid, &new, 1100)
        .await
        .unwrap();
    let vouts = [("addr-ann".to_owned(), 1), ("addr-bo".to_owned(), 0)];
    let confirmed = store
        .confirm_distribution(a, uuid, d, &txid(70), 40, &vouts, 1300)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        confirmed.state,
        DistributionState::Confirmed {
            txids: vec![txid(70)],
            height: 40
        }
    );
    assert_eq!(confirmed.confirmed_at, Some(1300));
    assert_eq!(confirmed.outputs[0].vout, Some(1));
    assert_eq!(confirmed.outputs[1].vout, Some(0));
    let paid = store
        .assignments(a, uuid, Some(true))
        .await
        .unwrap()
        .unwrap();
    assert!(paid.iter().all(|p| p.state
        == AssignmentState::Distributed {
            distribution: d,
            txid: txid(70)
        }));

    let again = store
        .confirm_distribution(a, uuid, d, &txid(70), 40, &vouts, 1400)
        .await
        .unwrap();
    assert_eq!(again, Some(confirmed.clone()));
    let err = store
        .confirm_distribution(a, uuid, d, &txid(71), 41, &vouts, 1400)
        .await
        .unwrap_err();
    assert_eq!(
        conflict(err),
        Conflict::DistributionConfirmed {
            distribution: d,
            txid: txid(70)
        }
    );
    let err = store.cancel_distribution(a, uuid, d).await.unwrap_err();
    assert!(matches!(
        conflict(err),
        Conflict::DistributionConfirmed { .. }
    ));
    assert_eq!(
        store.distribution(a, uuid, d).await.unwrap(),
        Some(confirmed)
    );
    // One distribution activity per output, recorded once.
    let history = store
        .activities(a, uuid, 0, 20, true)
        .await
        .unwrap()
        .unwrap();
    let paid: Vec<_> = history
        .iter()
        .filter(|h| h.activity.kind == ActivityKind::Distribution)
        .map(|h| {
            (
                h.activity.registered_user,
                h.activity.amount,
                h.activity.vout,
            )
        })
        .collect();
    assert_eq!(
        paid,
        vec![
            (Some(w.ann.id), amount(10), Some(1)),
            (Some(w.bo.id), amount(7), Some(0))
        ]
    );
    // After confirmation a new distribution can be created (for new assignments).
    let more = store
        .create_assignments(a, uuid, &[assign(&w.ann, 3)], 1500)
        .await
        .unwrap()
        .unwrap();
    let next = NewDistribution {
        uuid: DistributionUuid::new_random(),
        outputs: vec![payout(&w.ann, "addr-ann", 3, &[more[0].id])],
    };
    assert!(store
        .create_distribution(a, uuid, &next, 1600)
        .await
        .unwrap()
        .is_some());
}

async fn cancelled_distribution_cannot_be_confirmed(ctx: Ctx) {
    let store = &*ctx.store;
    let (w, x) = assigned(store).await;
    let (a, uuid) = (w.issuer.id, w.asset.uuid);
    let new = plan(&w, &x);
    store
        .create_distribution(a, uuid, &new, 1100)
        .await
        .unwrap();
    store.cancel_distribution(a, uuid, new.uuid).await.unwrap();
    let err = store
        .confirm_distribution(a, uuid, new.uuid, &txid(70), 40, &[], 1300)
        .await
        .unwrap_err();
    assert_eq!(conflict(err), Conflict::DistributionCancelled(new.uuid));
    let pending = store
        .assignments(a, uuid, Some(false))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(pending.len(), 2);
    assert!(pending.iter().all(|p| p.state == AssignmentState::Pending));
}

async fn refused_creation_takes_no_assignment(ctx: Ctx) {
    let store = &*ctx.store;
    let (w, x) = assigned(store).await;
    let (a, uuid) = (w.issuer.id, w.asset.uuid);
    // A locked assignment makes the whole distribution fail.
    let locked = Assignment {
        is_locked: true,
        ..x[1].clone()
    };
    assert!(store.update_assignment(a, &locked).await.unwrap());
    let new = plan(&w, &x);
    let err = store
        .create_distribution(a, uuid, &new, 1100)
        .await
        .unwrap_err();
    assert_eq!(conflict(err), Conflict::AssignmentUnavailable(x[1].id));
    assert_eq!(store.distributions(a, uuid).await.unwrap(), Some(vec![]));
    let first = store.assignment(a, uuid, x[0].id).await.unwrap().unwrap();
    assert_eq!(first.state, AssignmentState::Pending);
    // So does an assignment listed twice, and a repeated address.
    let twice = NewDistribution {
        uuid: DistributionUuid::new_random(),
        outputs: vec![
            payout(&w.ann, "addr-1", 10, &[x[0].id]),
            payout(&w.ann, "addr-2", 10, &[x[0].id]),
        ],
    };
    let err = store
        .create_distribution(a, uuid, &twice, 1100)
        .await
        .unwrap_err();
    assert!(matches!(conflict(err), Conflict::AssignmentTaken { id, .. } if id == x[0].id));
    let repeated = NewDistribution {
        uuid: DistributionUuid::new_random(),
        outputs: vec![
            payout(&w.ann, "addr-1", 10, &[x[0].id]),
            payout(&w.ann, "addr-1", 1, &[]),
        ],
    };
    let err = store
        .create_distribution(a, uuid, &repeated, 1100)
        .await
        .unwrap_err();
    assert_eq!(conflict(err), Conflict::AddressExists("addr-1".into()));
    assert_eq!(store.distributions(a, uuid).await.unwrap(), Some(vec![]));
    let all = store.assignments(a, uuid, None).await.unwrap().unwrap();
    assert!(all.iter().all(|p| p.state == AssignmentState::Pending));
    // The uuid of an existing distribution cannot be reused.
    let ok = NewDistribution {
        uuid: DistributionUuid::new_random(),
        outputs: vec![payout(&w.ann, "addr-1", 10, &[x[0].id])],
    };
    store.create_distribution(a, uuid, &ok, 1100).await.unwrap();
    store.cancel_distribution(a, uuid, ok.uuid).await.unwrap();
    let err = store
        .create_distribution(a, uuid, &ok, 1200)
        .await
        .unwrap_err();
    assert_eq!(conflict(err), Conflict::DistributionExists(ok.uuid));
}

async fn two_concurrent_creations_with_the_same_assignments_give_one_distribution(ctx: Ctx) {
    let store = ctx.store.clone();
    let (w, x) = assigned(&*store).await;
    let (a, uuid) = (w.issuer.id, w.asset.uuid);
    let (p1, p2) = (plan(&w, &x), plan(&w, &x));
    let (s1, s2) = (store.clone(), store.clone());
    let one = tokio::spawn(async move { s1.create_distribution(a, uuid, &p1, 1100).await });
    let two = tokio::spawn(async move { s2.create_distribution(a, uuid, &p2, 1100).await });
    let results = [one.await.unwrap(), two.await.unwrap()];
    let won: Vec<_> = results
        .iter()
        .filter(|r| matches!(r, Ok(Some(_))))
        .collect();
    assert_eq!(won.len(), 1, "{results:?}");
    let lost = results.iter().find_map(|r| r.as_ref().err()).unwrap();
    assert!(
        matches!(
            lost,
            StoreError::Conflict(Conflict::DistributionOpen(_) | Conflict::AssignmentTaken { .. })
        ),
        "{lost:?}"
    );
    let all = store.distributions(a, uuid).await.unwrap().unwrap();
    assert_eq!(all.len(), 1);
    let taken = store.assignments(a, uuid, None).await.unwrap().unwrap();
    assert!(taken.iter().all(|t| t.state
        == AssignmentState::InDistribution {
            distribution: all[0].uuid
        }));
}

async fn another_issuer_sees_and_changes_none_of_the_distributions(ctx: Ctx) {
    let store = &*ctx.store;
    let (w, x) = assigned(store).await;
    let (a, uuid) = (w.issuer.id, w.asset.uuid);
    let bob = issuer(store, "bob").await.id;
    let new = plan(&w, &x);
    let created = store
        .create_distribution(a, uuid, &new, 1100)
        .await
        .unwrap();
    assert_eq!(store.distributions(bob, uuid).await.unwrap(), None);
    assert_eq!(store.distribution(bob, uuid, new.uuid).await.unwrap(), None);
    assert_eq!(
        store
            .cancel_distribution(bob, uuid, new.uuid)
            .await
            .unwrap(),
        None
    );
    let confirm = store
        .confirm_distribution(bob, uuid, new.uuid, &txid(70), 40, &[], 1300)
        .await;
    assert_eq!(confirm.unwrap(), None);
    let other = plan(&w, &x);
    assert_eq!(
        store
            .create_distribution(bob, uuid, &other, 1)
            .await
            .unwrap(),
        None
    );
    assert_eq!(
        store.distribution(a, uuid, new.uuid).await.unwrap(),
        created
    );
}

contract!(
    distribution_is_created_cancelled_and_created_again,
    distribution_is_confirmed_idempotently_and_not_by_another_txid,
    cancelled_distribution_cannot_be_confirmed,
    refused_creation_takes_no_assignment,
    two_concurrent_creations_with_the_same_assignments_give_one_distribution,
    another_issuer_sees_and_changes_none_of_the_distributions,
);

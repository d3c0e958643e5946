//! Reissuances and burns: request, confirm, idempotence by txid, and supply totals.

use crate::harness::{contract, issuer, Ctx};
use crate::lifecycle_fixtures::{amount, txid, world};
use tessera_core::AssetUuid;
use tessera_store::{ActivityKind, Conflict, StoreError, SupplyTotals};

async fn reissuance_request_is_confirmed_once_and_idempotently(ctx: Ctx) {
    let store = &*ctx.store;
    let w = world(store, "alice", 1, 0).await;
    let (a, uuid) = (w.issuer.id, w.asset.uuid);
    let requested = store
        .request_reissuance(a, uuid, amount(300), 1100)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(requested.confirmed, None);
    assert_eq!(requested.amount, amount(300));
    let confirmed = store
        .confirm_reissuance(a, uuid, &txid(40), 0, amount(300), 20, 1200)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(confirmed.id, requested.id);
    let c = confirmed.confirmed.unwrap();
    assert_eq!(
        (c.txid, c.vin, c.height, c.confirmed_at),
        (txid(40), 0, 20, 1200)
    );
    let again = store
        .confirm_reissuance(a, uuid, &txid(40), 0, amount(300), 20, 1300)
        .await
        .unwrap();
    assert_eq!(again, Some(confirmed.clone()));
    // The same txid with other figures is refused and changes nothing.
    let err = store
        .confirm_reissuance(a, uuid, &txid(40), 0, amount(301), 20, 1300)
        .await
        .unwrap_err();
    assert!(matches!(err, StoreError::Conflict(Conflict::TransactionRecorded(t)) if t == txid(40)));
    // Without a request of that amount a confirmed row is recorded on its own.
    let unrequested = store
        .confirm_reissuance(a, uuid, &txid(41), 1, amount(5), 21, 1400)
        .await
        .unwrap()
        .unwrap();
    assert_ne!(unrequested.id, requested.id);
    let list = store.reissuances(a, uuid).await.unwrap().unwrap();
    assert_eq!(list, vec![confirmed, unrequested]);
    let history = store
        .activities(a, uuid, 0, 10, true)
        .await
        .unwrap()
        .unwrap();
    let kinds: Vec<_> = history.iter().map(|h| h.activity.kind).collect();
    assert_eq!(
        kinds,
        vec![
            ActivityKind::Issuance,
            ActivityKind::Reissuance,
            ActivityKind::Reissuance
        ]
    );
}

async fn burn_request_is_confirmed_and_totals_follow(ctx: Ctx) {
    let store = &*ctx.store;
    let w = world(store, "alice", 1, 0).await;
    let (a, uuid) = (w.issuer.id, w.asset.uuid);
    let totals = store.supply_totals(a, uuid).await.unwrap().unwrap();
    assert_eq!(
        totals,
        SupplyTotals {
            issued: amount(1_000_000),
            ..SupplyTotals::default()
        }
    );
    store
        .request_burn(a, uuid, amount(100), 1100)
        .await
        .unwrap()
        .unwrap();
    store
        .request_reissuance(a, uuid, amount(50), 1100)
        .await
        .unwrap()
        .unwrap();
    // Requests alone change no totals.
    assert_eq!(store.supply_totals(a, uuid).await.unwrap(), Some(totals));
    let burn = store
        .confirm_burn(a, uuid, &txid(60), amount(100), 30, 1200)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(burn.confirmed.unwrap().txid, txid(60));
    let again = store
        .confirm_burn(a, uuid, &txid(60), amount(100), 30, 1300)
        .await;
    assert_eq!(again.unwrap(), Some(burn.clone()));
    // A txid that confirmed a burn of another asset is refused.
    let other = store
        .create_asset(a, &crate::lifecycle_fixtures::new_asset(2), amount(9), 1000)
        .await
        .unwrap();
    let err = store
        .confirm_burn(a, other.uuid, &txid(60), amount(100), 30, 1300)
        .await
        .unwrap_err();
    assert!(matches!(
        err,
        StoreError::Conflict(Conflict::TransactionRecorded(_))
    ));
    assert_eq!(store.burns(a, other.uuid).await.unwrap(), Some(vec![]));
    store
        .confirm_reissuance(a, uuid, &txid(61), 0, amount(50), 31, 1400)
        .await
        .unwrap();
    let totals = store.supply_totals(a, uuid).await.unwrap().unwrap();
    assert_eq!(
        totals,
        SupplyTotals {
            issued: amount(1_000_000),
            reissued: amount(50),
            burned: amount(100),
        }
    );
    assert_eq!(store.burns(a, uuid).await.unwrap(), Some(vec![burn]));
}

async fn another_issuer_cannot_request_confirm_or_read_supply(ctx: Ctx) {
    let store = &*ctx.store;
    let w = world(store, "alice", 1, 0).await;
    let (a, uuid) = (w.issuer.id, w.asset.uuid);
    let bob = issuer(store, "bob").await.id;
    store
        .request_burn(a, uuid, amount(100), 1100)
        .await
        .unwrap();
    assert_eq!(
        store.request_burn(bob, uuid, amount(1), 1).await.unwrap(),
        None
    );
    assert_eq!(
        store
            .request_reissuance(bob, uuid, amount(1), 1)
            .await
            .unwrap(),
        None
    );
    let burn = store
        .confirm_burn(bob, uuid, &txid(60), amount(100), 30, 1)
        .await;
    assert_eq!(burn.unwrap(), None);
    let re = store
        .confirm_reissuance(bob, uuid, &txid(61), 0, amount(1), 30, 1)
        .await;
    assert_eq!(re.unwrap(), None);
    assert_eq!(store.burns(bob, uuid).await.unwrap(), None);
    assert_eq!(store.reissuances(bob, uuid).await.unwrap(), None);
    assert_eq!(store.supply_totals(bob, uuid).await.unwrap(), None);
    let burns = store.burns(a, uuid).await.unwrap().unwrap();
    assert_eq!(burns.len(), 1);
    assert_eq!(burns[0].confirmed, None);
    let unknown = AssetUuid::new_random();
    assert_eq!(store.supply_totals(a, unknown).await.unwrap(), None);
}

contract!(
    reissuance_request_is_confirmed_once_and_idempotently,
    burn_request_is_confirmed_and_totals_follow,
    another_issuer_cannot_request_confirm_or_read_supply,
);

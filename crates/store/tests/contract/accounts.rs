//! Managed accounts: co-signer index reservations and account registration.

use crate::harness::{contract, gaid, managed_account, new_account, Ctx};
use std::collections::BTreeSet;
use tessera_core::{AccountId, AddressChain};
use tessera_store::{Conflict, StoreError};

async fn cosigner_indexes_are_reserved_in_order_and_never_twice(ctx: Ctx) {
    let store = ctx.store.clone();
    for expected in 0..3 {
        assert_eq!(store.reserve_cosigner_index(1000).await.unwrap(), expected);
    }
    let mut tasks = Vec::new();
    for _ in 0..20 {
        let store = store.clone();
        tasks.push(tokio::spawn(async move {
            store.reserve_cosigner_index(1000).await.unwrap()
        }));
    }
    let mut got = BTreeSet::new();
    for task in tasks {
        assert!(
            got.insert(task.await.unwrap()),
            "an index was returned twice"
        );
    }
    assert_eq!(got, (3..23).collect());
    assert_eq!(
        ctx.reopen()
            .await
            .reserve_cosigner_index(1000)
            .await
            .unwrap(),
        23
    );
}

async fn account_is_created_and_found_by_id_and_gaid(ctx: Ctx) {
    let store = ctx.store;
    let index = store.reserve_cosigner_index(900).await.unwrap();
    let account = store
        .create_account(&new_account(0, index), 1000)
        .await
        .unwrap();
    assert_eq!(account.gaid, gaid(0));
    assert_eq!(account.descriptor, new_account(0, index).descriptor);
    assert_eq!(account.cosigner_index, index);
    assert_eq!(account.created_at, 1000);
    assert_eq!(
        store.account(account.id).await.unwrap(),
        Some(account.clone())
    );
    assert_eq!(
        store.account_by_gaid(&gaid(0)).await.unwrap(),
        Some(account.clone())
    );
    assert_eq!(store.accounts().await.unwrap(), vec![account]);
}

async fn accounts_are_listed_by_id(ctx: Ctx) {
    let store = ctx.store;
    let a = managed_account(&*store, 2).await;
    let b = managed_account(&*store, 0).await;
    let c = managed_account(&*store, 1).await;
    assert!(a.id < b.id && b.id < c.id);
    assert_eq!(store.accounts().await.unwrap(), vec![a, b, c]);
}

async fn unknown_accounts_are_none(ctx: Ctx) {
    let store = ctx.store;
    assert_eq!(store.account(AccountId(4242)).await.unwrap(), None);
    assert_eq!(store.account_by_gaid(&gaid(1)).await.unwrap(), None);
    assert_eq!(store.accounts().await.unwrap(), vec![]);
    let next = store.allocate_address_index(AccountId(4242), AddressChain::External);
    assert_eq!(next.await.unwrap(), None);
}

async fn duplicate_gaid_is_a_conflict_that_keeps_the_reservation(ctx: Ctx) {
    let store = ctx.store;
    let first = managed_account(&*store, 0).await;
    let index = store.reserve_cosigner_index(1000).await.unwrap();
    let mut same_gaid = new_account(1, index);
    same_gaid.gaid = gaid(0);
    let err = store.create_account(&same_gaid, 2000).await.unwrap_err();
    assert!(
        matches!(&err, StoreError::Conflict(Conflict::AccountExists(g)) if *g == gaid(0)),
        "{err:?}"
    );
    assert_eq!(store.accounts().await.unwrap(), vec![first]);
    // The refused call left the reservation unused.
    let second = store.create_account(&new_account(1, index), 2000).await;
    assert_eq!(second.unwrap().cosigner_index, index);
}

async fn duplicate_descriptor_is_a_conflict(ctx: Ctx) {
    let store = ctx.store;
    let first = managed_account(&*store, 0).await;
    let index = store.reserve_cosigner_index(1000).await.unwrap();
    let mut same_descriptor = new_account(1, index);
    same_descriptor.descriptor = first.descriptor.clone();
    let err = store
        .create_account(&same_descriptor, 2000)
        .await
        .unwrap_err();
    assert!(
        matches!(&err, StoreError::Conflict(Conflict::AccountExists(g)) if *g == gaid(1)),
        "{err:?}"
    );
    assert_eq!(store.account_by_gaid(&gaid(1)).await.unwrap(), None);
}

async fn unreserved_or_used_cosigner_index_is_refused(ctx: Ctx) {
    let store = ctx.store;
    let err = store
        .create_account(&new_account(0, 7), 1000)
        .await
        .unwrap_err();
    assert!(
        matches!(
            err,
            StoreError::Conflict(Conflict::CosignerIndexUnavailable(7))
        ),
        "{err:?}"
    );
    let first = managed_account(&*store, 0).await;
    let reused = new_account(1, first.cosigner_index);
    let err = store.create_account(&reused, 1000).await.unwrap_err();
    assert!(
        matches!(err, StoreError::Conflict(Conflict::CosignerIndexUnavailable(i)) if i == first.cosigner_index),
        "{err:?}"
    );
    assert!(err.to_string().contains(&first.cosigner_index.to_string()));
    assert_eq!(store.accounts().await.unwrap(), vec![first]);
}

contract!(
    cosigner_indexes_are_reserved_in_order_and_never_twice,
    account_is_created_and_found_by_id_and_gaid,
    accounts_are_listed_by_id,
    unknown_accounts_are_none,
    duplicate_gaid_is_a_conflict_that_keeps_the_reservation,
    duplicate_descriptor_is_a_conflict,
    unreserved_or_used_cosigner_index_is_refused,
);

//! Address allocation and records of managed accounts, and wallet sessions.

use crate::harness::{contract, managed_account, Ctx};
use std::collections::BTreeSet;
use tessera_core::{AccountAddress, AccountId, AddressChain};
use tessera_store::{Conflict, StoreError};

fn address(account: AccountId, chain: AddressChain, index: u32) -> AccountAddress {
    let n = chain.number();
    AccountAddress {
        account,
        chain,
        index,
        address: format!("lq1-{}-{n}-{index}", account.0),
        script_pubkey: format!("spk-{}-{n}-{index}", account.0).into_bytes(),
    }
}

async fn address_indexes_are_allocated_per_chain_in_order(ctx: Ctx) {
    let store = ctx.store.clone();
    let a = managed_account(&*store, 0).await;
    let b = managed_account(&*store, 1).await;
    let next = |id, chain| {
        let store = store.clone();
        async move { store.allocate_address_index(id, chain).await.unwrap() }
    };
    assert_eq!(next(a.id, AddressChain::External).await, Some(0));
    assert_eq!(next(a.id, AddressChain::External).await, Some(1));
    assert_eq!(next(a.id, AddressChain::Internal).await, Some(0));
    assert_eq!(next(b.id, AddressChain::External).await, Some(0));
    assert_eq!(next(a.id, AddressChain::External).await, Some(2));
    let again = ctx.reopen().await;
    let after_reopen = again.allocate_address_index(a.id, AddressChain::Internal);
    assert_eq!(after_reopen.await.unwrap(), Some(1));
}

async fn concurrent_address_allocation_never_repeats_an_index(ctx: Ctx) {
    let store = ctx.store;
    let account = managed_account(&*store, 0).await;
    let mut tasks = Vec::new();
    for _ in 0..20 {
        let store = store.clone();
        tasks.push(tokio::spawn(async move {
            store
                .allocate_address_index(account.id, AddressChain::External)
                .await
                .unwrap()
                .unwrap()
        }));
    }
    let mut got = BTreeSet::new();
    for task in tasks {
        assert!(
            got.insert(task.await.unwrap()),
            "an index was returned twice"
        );
    }
    assert_eq!(got, (0..20).collect());
}

async fn recorded_addresses_are_found_by_account_and_script(ctx: Ctx) {
    let store = ctx.store;
    let a = managed_account(&*store, 0).await;
    let b = managed_account(&*store, 1).await;
    let recorded = [
        address(a.id, AddressChain::Internal, 0),
        address(b.id, AddressChain::External, 0),
        address(a.id, AddressChain::External, 1),
        address(a.id, AddressChain::External, 0),
    ];
    for addr in &recorded {
        store.record_address(addr, 1000).await.unwrap();
    }
    let of_a = store.account_addresses(a.id).await.unwrap();
    assert_eq!(
        of_a,
        vec![
            recorded[3].clone(),
            recorded[2].clone(),
            recorded[0].clone()
        ]
    );
    let found = store.address_by_script(&recorded[1].script_pubkey).await;
    assert_eq!(found.unwrap(), Some(recorded[1].clone()));
    assert_eq!(store.address_by_script(&[0x51]).await.unwrap(), None);
    assert_eq!(
        store.watched_scripts().await.unwrap(),
        vec![
            recorded[3].clone(),
            recorded[2].clone(),
            recorded[0].clone(),
            recorded[1].clone()
        ]
    );
    assert_eq!(
        store.account_addresses(AccountId(4242)).await.unwrap(),
        vec![]
    );
}

async fn recording_an_address_twice_is_a_conflict(ctx: Ctx) {
    let store = ctx.store;
    let a = managed_account(&*store, 0).await;
    let first = address(a.id, AddressChain::External, 0);
    store.record_address(&first, 1000).await.unwrap();
    let same_path = AccountAddress {
        address: "other".into(),
        script_pubkey: vec![1],
        ..first.clone()
    };
    let same_text = AccountAddress {
        index: 5,
        script_pubkey: vec![2],
        ..first.clone()
    };
    let same_script = AccountAddress {
        index: 6,
        address: "third".into(),
        ..first.clone()
    };
    for dup in [same_path, same_text, same_script] {
        let err = store.record_address(&dup, 1000).await.unwrap_err();
        assert!(
            matches!(&err, StoreError::Conflict(Conflict::AddressExists(text)) if *text == dup.address),
            "{err:?}"
        );
    }
    assert_eq!(store.account_addresses(a.id).await.unwrap(), vec![first]);
}

async fn records_for_an_unknown_account_are_refused_naming_it(ctx: Ctx) {
    let store = ctx.store;
    let unknown = AccountId(4242);
    let err = store
        .record_address(&address(unknown, AddressChain::External, 0), 1000)
        .await
        .unwrap_err();
    assert!(
        matches!(err, StoreError::UnknownAccount(AccountId(4242))),
        "{err:?}"
    );
    assert!(err.to_string().contains("4242"));
    let err = store.insert_wallet_challenge(unknown, "c", 9000).await;
    assert!(matches!(
        err,
        Err(StoreError::UnknownAccount(AccountId(4242)))
    ));
    let err = store.insert_wallet_token(unknown, "t", 9000).await;
    assert!(matches!(
        err,
        Err(StoreError::UnknownAccount(AccountId(4242)))
    ));
}

async fn wallet_challenge_is_single_use_and_expires(ctx: Ctx) {
    let store = ctx.store;
    let a = managed_account(&*store, 0).await;
    let b = managed_account(&*store, 1).await;
    store
        .insert_wallet_challenge(a.id, "ch-1", 2000)
        .await
        .unwrap();
    store
        .insert_wallet_challenge(a.id, "ch-2", 2000)
        .await
        .unwrap();
    // Another account's attempt neither succeeds nor uses the challenge up.
    assert!(!store
        .take_wallet_challenge(b.id, "ch-1", 1500)
        .await
        .unwrap());
    assert!(store
        .take_wallet_challenge(a.id, "ch-1", 1999)
        .await
        .unwrap());
    assert!(!store
        .take_wallet_challenge(a.id, "ch-1", 1999)
        .await
        .unwrap());
    // Expired at `expires_at`.
    assert!(!store
        .take_wallet_challenge(a.id, "ch-2", 2000)
        .await
        .unwrap());
    assert!(!store
        .take_wallet_challenge(a.id, "unknown", 1000)
        .await
        .unwrap());
}

async fn wallet_token_is_valid_until_its_expiry_time(ctx: Ctx) {
    let store = ctx.store;
    let a = managed_account(&*store, 0).await;
    store
        .insert_wallet_token(a.id, "hash-1", 5000)
        .await
        .unwrap();
    let at = |now| {
        let store = store.clone();
        async move { store.wallet_token_account("hash-1", now).await.unwrap() }
    };
    assert_eq!(at(1000).await, Some(a.id));
    assert_eq!(at(4999).await, Some(a.id));
    assert_eq!(at(5000).await, None);
    assert_eq!(
        store.wallet_token_account("unknown", 1000).await.unwrap(),
        None
    );
}

contract!(
    expired_sessions_are_purged_and_open_challenges_counted,
    address_indexes_are_allocated_per_chain_in_order,
    concurrent_address_allocation_never_repeats_an_index,
    recorded_addresses_are_found_by_account_and_script,
    recording_an_address_twice_is_a_conflict,
    records_for_an_unknown_account_are_refused_naming_it,
    wallet_challenge_is_single_use_and_expires,
    wallet_token_is_valid_until_its_expiry_time,
);

/// Issue 13: expired tokens and challenges do not pile up; open challenges are counted.
async fn expired_sessions_are_purged_and_open_challenges_counted(ctx: Ctx) {
    let store = &*ctx.store;
    let a = managed_account(store, 0).await;
    store
        .insert_wallet_challenge(a.id, "old", 1000)
        .await
        .unwrap();
    store
        .insert_wallet_challenge(a.id, "new", 3000)
        .await
        .unwrap();
    store
        .insert_wallet_token(a.id, "t-old", 1000)
        .await
        .unwrap();
    store
        .insert_wallet_token(a.id, "t-new", 3000)
        .await
        .unwrap();
    assert_eq!(store.open_wallet_challenges(a.id, 2000).await.unwrap(), 1);
    assert_eq!(store.purge_expired_sessions(2000).await.unwrap(), 2);
    assert!(!store.take_wallet_challenge(a.id, "old", 0).await.unwrap());
    assert!(store
        .take_wallet_challenge(a.id, "new", 2000)
        .await
        .unwrap());
    assert_eq!(
        store.wallet_token_account("t-new", 2000).await.unwrap(),
        Some(a.id)
    );
    assert_eq!(store.wallet_token_account("t-old", 0).await.unwrap(), None);
}

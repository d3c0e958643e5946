//! Issuers, passwords, API tokens, and migrations on re-open.

use crate::harness::{contract, issuer, username, Ctx};
use tessera_core::IssuerId;
use tessera_store::{Conflict, StoreError};

async fn issuer_is_created_and_found_by_id_and_username(ctx: Ctx) {
    let store = ctx.store;
    let alice = issuer(&*store, "alice@example.com").await;
    assert_eq!(alice.username, username("alice@example.com"));
    assert_eq!(alice.created_at, 1000);
    assert_eq!(store.issuer(alice.id).await.unwrap(), Some(alice.clone()));
    let creds = store
        .issuer_credentials(&alice.username)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(creds.issuer, alice);
    assert_eq!(creds.password_hash, "$argon2id$hash");
    let bob = issuer(&*store, "bob").await;
    assert_ne!(bob.id, alice.id);
}

async fn unknown_issuers_are_none(ctx: Ctx) {
    let store = ctx.store;
    assert_eq!(store.issuer(IssuerId(4242)).await.unwrap(), None);
    assert!(store
        .issuer_credentials(&username("nobody"))
        .await
        .unwrap()
        .is_none());
    assert!(!store.set_password_hash(IssuerId(4242), "x").await.unwrap());
}

async fn duplicate_username_is_a_conflict_that_changes_nothing(ctx: Ctx) {
    let store = ctx.store;
    let alice = issuer(&*store, "alice").await;
    let err = store
        .create_issuer(&username("alice"), "other-hash", 2000)
        .await
        .unwrap_err();
    assert!(
        matches!(&err, StoreError::Conflict(Conflict::UsernameTaken(u)) if *u == username("alice")),
        "{err:?}"
    );
    let creds = store
        .issuer_credentials(&username("alice"))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(creds.issuer, alice);
    assert_eq!(creds.password_hash, "$argon2id$hash");
}

async fn password_hash_is_replaced(ctx: Ctx) {
    let store = ctx.store;
    let alice = issuer(&*store, "alice").await;
    assert!(store.set_password_hash(alice.id, "new-hash").await.unwrap());
    let creds = store
        .issuer_credentials(&alice.username)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(creds.password_hash, "new-hash");
}

async fn token_is_valid_until_its_expiry_time(ctx: Ctx) {
    let store = ctx.store;
    let alice = issuer(&*store, "alice").await;
    store.insert_token(alice.id, "hash-1", 5000).await.unwrap();
    assert_eq!(
        store.token_issuer("hash-1", 1000).await.unwrap(),
        Some(alice.id)
    );
    assert_eq!(
        store.token_issuer("hash-1", 4999).await.unwrap(),
        Some(alice.id)
    );
    assert_eq!(store.token_issuer("hash-1", 5000).await.unwrap(), None);
    assert_eq!(store.token_issuer("hash-1", 5001).await.unwrap(), None);
    assert_eq!(store.token_issuer("unknown", 1000).await.unwrap(), None);
}

async fn deleting_a_token_removes_only_that_token(ctx: Ctx) {
    let store = ctx.store;
    let alice = issuer(&*store, "alice").await;
    store.insert_token(alice.id, "hash-1", 5000).await.unwrap();
    store.insert_token(alice.id, "hash-2", 5000).await.unwrap();
    assert!(store.delete_token("hash-1").await.unwrap());
    assert!(!store.delete_token("hash-1").await.unwrap());
    assert_eq!(store.token_issuer("hash-1", 1000).await.unwrap(), None);
    assert_eq!(
        store.token_issuer("hash-2", 1000).await.unwrap(),
        Some(alice.id)
    );
}

async fn deleting_issuer_tokens_removes_all_of_its_tokens_and_no_others(ctx: Ctx) {
    let store = ctx.store;
    let alice = issuer(&*store, "alice").await;
    let bob = issuer(&*store, "bob").await;
    store.insert_token(alice.id, "a-1", 5000).await.unwrap();
    store.insert_token(alice.id, "a-2", 900).await.unwrap();
    store.insert_token(bob.id, "b-1", 5000).await.unwrap();
    assert_eq!(store.delete_issuer_tokens(alice.id).await.unwrap(), 2);
    assert_eq!(store.delete_issuer_tokens(alice.id).await.unwrap(), 0);
    assert_eq!(store.token_issuer("a-1", 1000).await.unwrap(), None);
    assert_eq!(store.token_issuer("b-1", 1000).await.unwrap(), Some(bob.id));
}

async fn migrations_run_again_on_reopen_and_keep_the_data(ctx: Ctx) {
    let alice = issuer(&*ctx.store, "alice").await;
    let again = ctx.reopen().await;
    let third = ctx.reopen().await;
    assert_eq!(again.issuer(alice.id).await.unwrap(), Some(alice.clone()));
    assert_eq!(third.issuer(alice.id).await.unwrap(), Some(alice));
    issuer(&*third, "bob").await;
}

contract!(
    issuer_is_created_and_found_by_id_and_username,
    unknown_issuers_are_none,
    duplicate_username_is_a_conflict_that_changes_nothing,
    password_hash_is_replaced,
    token_is_valid_until_its_expiry_time,
    deleting_a_token_removes_only_that_token,
    deleting_issuer_tokens_removes_all_of_its_tokens_and_no_others,
    migrations_run_again_on_reopen_and_keep_the_data,
);

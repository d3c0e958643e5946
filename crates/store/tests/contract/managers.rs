//! Managers: creation (locked), one username namespace with issuers, issuer scoping,
//! asset grants, and tokens that stop working while the manager is locked.

use crate::harness::{contract, issuer, username, Ctx};
use crate::lifecycle_fixtures::{amount, new_asset, world};
use serde_json::json;
use tessera_core::{AssetUuid, ManagerId};
use tessera_store::{Conflict, NewAuditEntry, StoreError};

async fn managers_are_created_locked_and_scoped_to_their_issuer(ctx: Ctx) {
    let store = &*ctx.store;
    let alice = issuer(store, "alice").await.id;
    let bob = issuer(store, "bob").await.id;
    let m = store
        .create_manager(alice, &username("carol"), "$argon2id$m", 1000)
        .await
        .unwrap();
    assert!(m.is_locked);
    assert!(m.assets.is_empty());
    assert_eq!(m.issuer, alice);
    assert_eq!(store.manager(alice, m.id).await.unwrap(), Some(m.clone()));
    assert_eq!(store.managers(alice).await.unwrap(), vec![m.clone()]);
    assert_eq!(store.manager(bob, m.id).await.unwrap(), None);
    assert!(store.managers(bob).await.unwrap().is_empty());
    assert!(!store.set_manager_locked(bob, m.id, false).await.unwrap());
    assert!(!store
        .set_manager_password_hash(bob, m.id, "x")
        .await
        .unwrap());
    let creds = store
        .manager_credentials(&username("carol"))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(creds.manager, m);
    assert_eq!(creds.password_hash, "$argon2id$m");
    assert!(store.set_manager_locked(alice, m.id, false).await.unwrap());
    assert!(!store.manager(alice, m.id).await.unwrap().unwrap().is_locked);
    assert!(store
        .manager(alice, ManagerId(4242))
        .await
        .unwrap()
        .is_none());
}

async fn manager_usernames_share_the_issuers_namespace(ctx: Ctx) {
    let store = &*ctx.store;
    let alice = issuer(store, "alice").await.id;
    for taken in ["alice", "carol"] {
        if taken == "carol" {
            store
                .create_manager(alice, &username("carol"), "h", 1000)
                .await
                .unwrap();
        }
        let err = store
            .create_manager(alice, &username(taken), "h2", 2000)
            .await
            .unwrap_err();
        assert!(
            matches!(err, StoreError::Conflict(Conflict::UsernameTaken(ref u)) if u.as_str() == taken),
            "{err:?}"
        );
    }
    assert_eq!(store.managers(alice).await.unwrap().len(), 1);
}

async fn grants_need_the_managers_own_issuers_asset(ctx: Ctx) {
    let store = &*ctx.store;
    let w = world(store, "alice", 1, 0).await;
    let bob = issuer(store, "bob").await.id;
    let bobs_asset = store
        .create_asset(bob, &new_asset(2), amount(5), 1000)
        .await
        .unwrap();
    let a = w.issuer.id;
    let m = store
        .create_manager(a, &username("carol"), "h", 1000)
        .await
        .unwrap();
    assert!(store
        .grant_manager_asset(a, m.id, w.asset.uuid)
        .await
        .unwrap());
    assert!(!store
        .grant_manager_asset(a, m.id, w.asset.uuid)
        .await
        .unwrap());
    assert!(!store
        .grant_manager_asset(a, m.id, bobs_asset.uuid)
        .await
        .unwrap());
    assert!(!store
        .grant_manager_asset(bob, m.id, bobs_asset.uuid)
        .await
        .unwrap());
    let unknown = AssetUuid::new_random();
    assert!(!store.grant_manager_asset(a, m.id, unknown).await.unwrap());
    let loaded = store.manager(a, m.id).await.unwrap().unwrap();
    assert_eq!(loaded.assets, vec![w.asset.uuid]);
    assert!(loaded.may_act_on(w.asset.uuid));
    assert!(!store
        .revoke_manager_asset(bob, m.id, w.asset.uuid)
        .await
        .unwrap());
    assert!(store
        .revoke_manager_asset(a, m.id, w.asset.uuid)
        .await
        .unwrap());
    assert!(!store
        .revoke_manager_asset(a, m.id, w.asset.uuid)
        .await
        .unwrap());
    assert!(store
        .manager(a, m.id)
        .await
        .unwrap()
        .unwrap()
        .assets
        .is_empty());
}

async fn deleting_an_asset_drops_its_grants(ctx: Ctx) {
    let store = &*ctx.store;
    let w = world(store, "alice", 1, 0).await;
    let a = w.issuer.id;
    let m = store
        .create_manager(a, &username("carol"), "h", 1000)
        .await
        .unwrap();
    store
        .grant_manager_asset(a, m.id, w.asset.uuid)
        .await
        .unwrap();
    assert!(store.delete_asset(a, w.asset.uuid).await.unwrap());
    assert!(store
        .manager(a, m.id)
        .await
        .unwrap()
        .unwrap()
        .assets
        .is_empty());
}

async fn manager_tokens_expire_and_stop_while_locked(ctx: Ctx) {
    let store = &*ctx.store;
    let a = issuer(store, "alice").await.id;
    let m = store
        .create_manager(a, &username("carol"), "h", 1000)
        .await
        .unwrap();
    store.insert_manager_token(m.id, "t1", 2000).await.unwrap();
    store.insert_manager_token(m.id, "t2", 2000).await.unwrap();
    assert_eq!(
        store.token_manager("t1", 1500).await.unwrap(),
        None,
        "locked"
    );
    store.set_manager_locked(a, m.id, false).await.unwrap();
    let found = store.token_manager("t1", 1500).await.unwrap().unwrap();
    assert_eq!(found.id, m.id);
    assert_eq!(found.issuer, a);
    assert_eq!(
        store.token_manager("t1", 2000).await.unwrap(),
        None,
        "expired"
    );
    assert_eq!(store.token_issuer("t1", 1500).await.unwrap(), None);
    assert!(store.delete_manager_token("t1").await.unwrap());
    assert!(!store.delete_manager_token("t1").await.unwrap());
    assert_eq!(store.delete_manager_tokens(m.id).await.unwrap(), 1);
    assert_eq!(store.token_manager("t2", 1500).await.unwrap(), None);
}

async fn the_audit_log_is_per_issuer_in_order_and_paged(ctx: Ctx) {
    let store = &*ctx.store;
    let a = issuer(store, "alice").await.id;
    let b = issuer(store, "bob").await.id;
    let m = store
        .create_manager(a, &username("carol"), "h", 1000)
        .await
        .unwrap();
    let entry = |n: i64| NewAuditEntry {
        issuer: a,
        manager: m.id,
        manager_username: "carol".into(),
        action: "registered_user.rename".into(),
        subject: format!("registered_user:{n}"),
        before: (n > 1).then(|| json!({"name": format!("old {n}")})),
        after: Some(json!({"name": format!("new {n}"), "gaids": ["GA1"]})),
    };
    let mut recorded = Vec::new();
    for n in 1..=3 {
        recorded.push(store.record_audit(&entry(n), 1000 + n).await.unwrap());
    }
    assert!(recorded.windows(2).all(|w| w[0].id < w[1].id));
    assert_eq!(recorded[0].entry.before, None);
    assert_eq!(store.audit_log(a, 0, 10).await.unwrap(), recorded);
    assert_eq!(store.audit_log(a, 1, 1).await.unwrap(), recorded[1..2]);
    assert!(store.audit_log(a, 3, 10).await.unwrap().is_empty());
    assert!(store.audit_log(b, 0, 10).await.unwrap().is_empty());
    // Kept across a reopen (it is in the database, not in memory).
    let again = ctx.reopen().await;
    assert_eq!(again.audit_log(a, 0, 10).await.unwrap(), recorded);
}

contract!(
    the_audit_log_is_per_issuer_in_order_and_paged,
    managers_are_created_locked_and_scoped_to_their_issuer,
    manager_usernames_share_the_issuers_namespace,
    grants_need_the_managers_own_issuers_asset,
    deleting_an_asset_drops_its_grants,
    manager_tokens_expire_and_stop_while_locked,
);

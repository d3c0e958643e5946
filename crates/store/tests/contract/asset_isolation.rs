//! Issuer isolation of assets: another issuer's asset behaves exactly like an unknown one,
//! for reads and for every change.

use crate::harness::{contract, issuer, new_category, Ctx};
use crate::lifecycle_fixtures::{amount, txid, world};
use tessera_core::AuthorizationEndpoint;
use tessera_store::{ActivityKind, AssetFlags, AuthorizationMode, NewActivity};

async fn another_issuer_sees_and_changes_none_of_the_assets(ctx: Ctx) {
    let store = &*ctx.store;
    let w = world(store, "alice", 1, 0).await;
    let bob = issuer(store, "bob").await.id;
    let (a, uuid) = (w.issuer.id, w.asset.uuid);
    store
        .add_treasury_addresses(a, uuid, &[("tex1".into(), vec![1])])
        .await
        .unwrap();
    store.lock_outputs(a, uuid, &[(txid(3), 0)]).await.unwrap();
    store.set_memo(a, uuid, "mine").await.unwrap();
    let before = store.asset(a, uuid).await.unwrap().unwrap();
    let bobs_category = store
        .add_category(bob, &new_category("B", ""), 1000)
        .await
        .unwrap();

    assert!(store.assets(bob).await.unwrap().is_empty());
    assert_eq!(store.asset(bob, uuid).await.unwrap(), None);
    assert_eq!(store.memo(bob, uuid).await.unwrap(), None);
    assert_eq!(store.treasury_addresses(bob, uuid).await.unwrap(), None);
    assert_eq!(store.locked_outputs(bob, uuid).await.unwrap(), None);
    assert_eq!(store.activities(bob, uuid, 0, 9, true).await.unwrap(), None);
    assert_eq!(store.authorization_mode(bob, uuid).await.unwrap(), None);
    let flags = AssetFlags {
        is_locked: Some(true),
        ..AssetFlags::default()
    };
    assert_eq!(store.set_asset_flags(bob, uuid, flags).await.unwrap(), None);
    let url = AuthorizationEndpoint::parse("https://evil.example.com").unwrap();
    let endpoint = store
        .set_authorization_endpoint(bob, uuid, Some(&url), AuthorizationMode::Enforce)
        .await;
    assert_eq!(endpoint.unwrap(), None);
    assert!(!store.set_memo(bob, uuid, "hijacked").await.unwrap());
    assert!(!store.delete_asset(bob, uuid).await.unwrap());
    assert_eq!(
        store
            .add_requirement(bob, bobs_category.id, uuid)
            .await
            .unwrap(),
        None
    );
    let added = store
        .add_treasury_addresses(bob, uuid, &[("evil".into(), vec![9])])
        .await;
    assert_eq!(added.unwrap(), None);
    let deleted = store
        .delete_treasury_addresses(bob, uuid, &["tex1".into()])
        .await;
    assert_eq!(deleted.unwrap(), None);
    assert_eq!(
        store
            .unlock_outputs(bob, uuid, &[(txid(3), 0)])
            .await
            .unwrap(),
        None
    );
    assert_eq!(
        store
            .lock_outputs(bob, uuid, &[(txid(4), 0)])
            .await
            .unwrap(),
        None
    );
    let activity = NewActivity {
        kind: ActivityKind::Other,
        txid: txid(1),
        vout: None,
        height: None,
        amount: amount(1),
        gaid: None,
        registered_user: None,
        description: String::new(),
    };
    assert_eq!(
        store.add_activity(bob, uuid, &activity, 1).await.unwrap(),
        None
    );

    assert_eq!(store.asset(a, uuid).await.unwrap(), Some(before));
    assert_eq!(store.memo(a, uuid).await.unwrap().as_deref(), Some("mine"));
    assert_eq!(
        store.treasury_addresses(a, uuid).await.unwrap(),
        Some(vec!["tex1".into()])
    );
    assert_eq!(
        store.locked_outputs(a, uuid).await.unwrap(),
        Some(vec![(txid(3), 0)])
    );
    assert_eq!(
        store
            .activities(a, uuid, 0, 9, true)
            .await
            .unwrap()
            .unwrap()
            .len(),
        1
    );
}

contract!(another_issuer_sees_and_changes_none_of_the_assets);

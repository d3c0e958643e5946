//! Assets: create, read, flags, endpoint, memo, requirements, treasury addresses, locked
//! outputs, activities, deletion; and another issuer's view of them.

use crate::harness::{contract, issuer, new_category, Ctx};
use crate::lifecycle_fixtures::{amount, assign, new_asset, txid, world};
use tessera_core::{AssetUuid, AuthorizationEndpoint, CategoryId};
use tessera_store::{
    ActivityKind, AssetFlags, AuthorizationMode, Conflict, NewActivity, StoreError,
};

async fn asset_is_created_read_and_listed(ctx: Ctx) {
    let store = &*ctx.store;
    let a = issuer(store, "alice").await;
    let new = new_asset(1);
    let created = store
        .create_asset(a.id, &new, amount(500), 1000)
        .await
        .unwrap();
    assert_eq!(created.issuer, a.id);
    assert_eq!(created.asset_id, new.asset_id);
    assert_eq!(created.issuance, new.issuance);
    assert_eq!(created.reissuance_token_id, new.reissuance_token_id);
    assert_eq!(created.name, new.name);
    assert_eq!(created.precision, new.precision);
    assert_eq!(created.kind, new.kind);
    let got = store.asset(a.id, new.uuid).await.unwrap();
    assert_eq!(got.as_ref(), Some(&created));
    let by_id = store.asset_by_asset_id(&new.asset_id).await.unwrap();
    assert_eq!(by_id.as_ref(), Some(&created));
    let second = store
        .create_asset(a.id, &new_asset(2), amount(1), 1001)
        .await
        .unwrap();
    assert_eq!(store.assets(a.id).await.unwrap(), vec![created, second]);
    assert_eq!(
        store.asset(a.id, AssetUuid::new_random()).await.unwrap(),
        None
    );
    // The issuance is the first activity.
    let history = store
        .activities(a.id, new.uuid, 0, 10, true)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(history.len(), 1);
    assert_eq!(history[0].activity.kind, ActivityKind::Issuance);
    assert_eq!(history[0].activity.amount, amount(500));
    assert_eq!(history[0].activity.txid, new.issuance.txid);
}

async fn duplicate_asset_id_is_a_conflict_and_writes_nothing(ctx: Ctx) {
    let store = &*ctx.store;
    let a = issuer(store, "alice").await;
    let first = store
        .create_asset(a.id, &new_asset(1), amount(5), 1000)
        .await
        .unwrap();
    let mut again = new_asset(1);
    again.uuid = AssetUuid::new_random();
    let err = store
        .create_asset(a.id, &again, amount(5), 1000)
        .await
        .unwrap_err();
    assert!(matches!(err, StoreError::Conflict(Conflict::AssetExists(id)) if id == again.asset_id));
    let err = store
        .create_asset(a.id, &first, amount(5), 1000)
        .await
        .unwrap_err();
    assert!(
        matches!(err, StoreError::Conflict(Conflict::AssetExists(_))),
        "{err:?}"
    );
    assert_eq!(store.assets(a.id).await.unwrap(), vec![first]);
}

async fn flags_endpoint_and_memo_change_only_what_is_asked(ctx: Ctx) {
    let store = &*ctx.store;
    let w = world(store, "alice", 1, 0).await;
    let (a, uuid) = (w.issuer.id, w.asset.uuid);
    let flags = AssetFlags {
        is_locked: Some(true),
        is_registered: None,
        is_authorized: Some(true),
    };
    let changed = store
        .set_asset_flags(a, uuid, flags)
        .await
        .unwrap()
        .unwrap();
    assert!(changed.is_locked && changed.is_authorized && !changed.is_registered);
    let flags = AssetFlags {
        is_registered: Some(true),
        ..AssetFlags::default()
    };
    let changed = store
        .set_asset_flags(a, uuid, flags)
        .await
        .unwrap()
        .unwrap();
    assert!(changed.is_locked && changed.is_authorized && changed.is_registered);

    assert_eq!(
        store.authorization_mode(a, uuid).await.unwrap(),
        Some(AuthorizationMode::Enforce)
    );
    let url = AuthorizationEndpoint::parse("https://issuer.example.com/auth").unwrap();
    let set = store
        .set_authorization_endpoint(a, uuid, Some(&url), AuthorizationMode::Shadow)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(set.issuer_authorization_endpoint, Some(url));
    assert_eq!(
        store.authorization_mode(a, uuid).await.unwrap(),
        Some(AuthorizationMode::Shadow)
    );
    let cleared = store
        .set_authorization_endpoint(a, uuid, None, AuthorizationMode::Enforce)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(cleared.issuer_authorization_endpoint, None);

    assert_eq!(store.memo(a, uuid).await.unwrap(), Some(String::new()));
    assert!(store
        .set_memo(a, uuid, "quarterly \"dividend\"")
        .await
        .unwrap());
    assert_eq!(
        store.memo(a, uuid).await.unwrap().as_deref(),
        Some("quarterly \"dividend\"")
    );
    let unknown = AssetUuid::new_random();
    assert!(!store.set_memo(a, unknown, "x").await.unwrap());
    assert_eq!(
        store.set_asset_flags(a, unknown, flags).await.unwrap(),
        None
    );
}

async fn requirements_are_idempotent_and_listed_ascending(ctx: Ctx) {
    let store = &*ctx.store;
    let w = world(store, "alice", 1, 0).await;
    let (a, uuid) = (w.issuer.id, w.asset.uuid);
    let kyc = store
        .add_category(a, &new_category("KYC", ""), 1000)
        .await
        .unwrap();
    let pro = store
        .add_category(a, &new_category("Pro", ""), 1000)
        .await
        .unwrap();
    for category in [pro.id, kyc.id, pro.id] {
        assert_eq!(
            store.add_requirement(a, category, uuid).await.unwrap(),
            Some(())
        );
    }
    let asset = store.asset(a, uuid).await.unwrap().unwrap();
    assert_eq!(asset.requirements, vec![kyc.id, pro.id]);
    let category = store.category(a, kyc.id).await.unwrap().unwrap();
    assert_eq!(category.assets, vec![uuid]);
    assert_eq!(
        store.remove_requirement(a, pro.id, uuid).await.unwrap(),
        Some(())
    );
    assert_eq!(
        store.remove_requirement(a, pro.id, uuid).await.unwrap(),
        Some(())
    );
    let asset = store.asset(a, uuid).await.unwrap().unwrap();
    assert_eq!(asset.requirements, vec![kyc.id]);
    let unknown = store
        .add_requirement(a, CategoryId(999), uuid)
        .await
        .unwrap();
    assert_eq!(unknown, None);
    let unknown = store
        .add_requirement(a, kyc.id, AssetUuid::new_random())
        .await;
    assert_eq!(unknown.unwrap(), None);
}

async fn treasury_addresses_are_added_idempotently_and_deleted(ctx: Ctx) {
    let store = &*ctx.store;
    let w = world(store, "alice", 1, 0).await;
    let (a, uuid) = (w.issuer.id, w.asset.uuid);
    assert_eq!(
        store.treasury_addresses(a, uuid).await.unwrap(),
        Some(vec![])
    );
    let pairs = vec![("tex1b".to_owned(), vec![2]), ("tex1a".to_owned(), vec![1])];
    let added = store.add_treasury_addresses(a, uuid, &pairs).await.unwrap();
    assert_eq!(added, Some(vec!["tex1a".to_owned(), "tex1b".to_owned()]));
    let again = store
        .add_treasury_addresses(a, uuid, &pairs[..1])
        .await
        .unwrap();
    assert_eq!(again, added);
    let scripts = store.all_treasury_scripts().await.unwrap();
    assert_eq!(
        scripts,
        vec![
            (uuid, "tex1a".to_owned(), vec![1]),
            (uuid, "tex1b".to_owned(), vec![2])
        ]
    );
    let left = store
        .delete_treasury_addresses(a, uuid, &["tex1a".to_owned(), "nope".to_owned()])
        .await
        .unwrap();
    assert_eq!(left, Some(vec!["tex1b".to_owned()]));
    let unknown = AssetUuid::new_random();
    assert_eq!(store.treasury_addresses(a, unknown).await.unwrap(), None);
    assert_eq!(
        store
            .add_treasury_addresses(a, unknown, &pairs)
            .await
            .unwrap(),
        None
    );
}

async fn outputs_are_locked_and_unlocked_idempotently(ctx: Ctx) {
    let store = &*ctx.store;
    let w = world(store, "alice", 1, 0).await;
    let (a, uuid) = (w.issuer.id, w.asset.uuid);
    let outs = [(txid(9), 1), (txid(8), 0)];
    let locked = store.lock_outputs(a, uuid, &outs).await.unwrap().unwrap();
    assert_eq!(locked, vec![(txid(8), 0), (txid(9), 1)]);
    let again = store
        .lock_outputs(a, uuid, &outs[..1])
        .await
        .unwrap()
        .unwrap();
    assert_eq!(again, locked);
    assert!(store.is_output_locked(uuid, &txid(9), 1).await.unwrap());
    assert!(!store.is_output_locked(uuid, &txid(9), 0).await.unwrap());
    let left = store
        .unlock_outputs(a, uuid, &[(txid(9), 1), (txid(7), 3)])
        .await
        .unwrap();
    assert_eq!(left, Some(vec![(txid(8), 0)]));
    assert_eq!(store.locked_outputs(a, uuid).await.unwrap(), left);
    assert!(!store.is_output_locked(uuid, &txid(9), 1).await.unwrap());
    assert_eq!(
        store
            .locked_outputs(a, AssetUuid::new_random())
            .await
            .unwrap(),
        None
    );
}

async fn activities_page_in_both_orders(ctx: Ctx) {
    let store = &*ctx.store;
    let w = world(store, "alice", 1, 0).await;
    let (a, uuid) = (w.issuer.id, w.asset.uuid);
    for n in 0..3u8 {
        let activity = NewActivity {
            kind: ActivityKind::Transfer,
            txid: txid(50 + n),
            vout: Some(u32::from(n)),
            height: Some(10),
            amount: amount(u64::from(n) + 1),
            gaid: w.ann.default_gaid.clone(),
            registered_user: Some(w.ann.id),
            description: format!("transfer {n}"),
        };
        let added = store
            .add_activity(a, uuid, &activity, 2000)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(added.activity, activity);
    }
    let all = store
        .activities(a, uuid, 0, 100, true)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(all.len(), 4);
    let page = store
        .activities(a, uuid, 1, 2, false)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(page, vec![all[2].clone(), all[1].clone()]);
}

async fn asset_with_history_cannot_be_deleted_but_a_fresh_one_can(ctx: Ctx) {
    let store = &*ctx.store;
    let w = world(store, "alice", 1, 0).await;
    let (a, uuid) = (w.issuer.id, w.asset.uuid);
    let kyc = store
        .add_category(a, &new_category("KYC", ""), 1000)
        .await
        .unwrap();
    store.add_requirement(a, kyc.id, uuid).await.unwrap();
    store
        .add_treasury_addresses(a, uuid, &[("tex1".into(), vec![1])])
        .await
        .unwrap();
    store.lock_outputs(a, uuid, &[(txid(3), 0)]).await.unwrap();
    store
        .create_assignments(a, uuid, &[assign(&w.ann, 5)], 1000)
        .await
        .unwrap();
    let err = store.delete_asset(a, uuid).await.unwrap_err();
    assert!(matches!(err, StoreError::Conflict(Conflict::AssetInUse(u)) if u == uuid));
    assert!(store.asset(a, uuid).await.unwrap().is_some());

    let other = store
        .create_asset(a, &new_asset(2), amount(5), 1000)
        .await
        .unwrap();
    store.add_requirement(a, kyc.id, other.uuid).await.unwrap();
    store
        .add_treasury_addresses(a, other.uuid, &[("tex2".into(), vec![2])])
        .await
        .unwrap();
    store
        .lock_outputs(a, other.uuid, &[(txid(4), 0)])
        .await
        .unwrap();
    let err = store
        .request_burn(a, other.uuid, amount(1), 1000)
        .await
        .unwrap();
    assert!(err.is_some());
    assert!(matches!(
        store.delete_asset(a, other.uuid).await.unwrap_err(),
        StoreError::Conflict(Conflict::AssetInUse(_))
    ));

    let fresh = store
        .create_asset(a, &new_asset(3), amount(5), 1000)
        .await
        .unwrap();
    store.add_requirement(a, kyc.id, fresh.uuid).await.unwrap();
    store
        .add_treasury_addresses(a, fresh.uuid, &[("tex3".into(), vec![3])])
        .await
        .unwrap();
    store
        .lock_outputs(a, fresh.uuid, &[(txid(5), 0)])
        .await
        .unwrap();
    assert!(store.delete_asset(a, fresh.uuid).await.unwrap());
    assert!(!store.delete_asset(a, fresh.uuid).await.unwrap());
    assert_eq!(store.asset(a, fresh.uuid).await.unwrap(), None);
    assert!(!store
        .is_output_locked(fresh.uuid, &txid(5), 0)
        .await
        .unwrap());
    let category = store.category(a, kyc.id).await.unwrap().unwrap();
    let mut expected = vec![uuid, other.uuid];
    expected.sort_unstable();
    assert_eq!(category.assets, expected);
    let scripts = store.all_treasury_scripts().await.unwrap();
    assert!(scripts.iter().all(|(u, _, _)| *u != fresh.uuid));
    // The same asset can be recorded again afterwards.
    let again = store.create_asset(a, &new_asset(3), amount(5), 1000).await;
    assert!(again.is_ok());
}

contract!(
    asset_is_created_read_and_listed,
    duplicate_asset_id_is_a_conflict_and_writes_nothing,
    flags_endpoint_and_memo_change_only_what_is_asked,
    requirements_are_idempotent_and_listed_ascending,
    treasury_addresses_are_added_idempotently_and_deleted,
    outputs_are_locked_and_unlocked_idempotently,
    activities_page_in_both_orders,
    asset_with_history_cannot_be_deleted_but_a_fresh_one_can,
);

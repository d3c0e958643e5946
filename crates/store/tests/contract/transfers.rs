//! The co-signer's decision log: every field round-trips, decisions list oldest first in
//! pages, the txid is filled in later, another issuer's asset behaves as unknown, and the
//! log survives re-opening the store.

use crate::harness::{contract, gaid, issuer, Ctx};
use crate::lifecycle_fixtures::world;
use tessera_core::{AssetUuid, IssuerId};
use tessera_store::{DecisionOrigin, NewTransferDecision, WebhookAnswer};

/// A refused co-signing decision about `uuid` (numbered `n` in its message).
fn refused(uuid: AssetUuid, n: u32) -> NewTransferDecision {
    NewTransferDecision {
        asset_uuid: uuid,
        asset_id: "ab".repeat(32),
        origin: DecisionOrigin::Cosign,
        result: false,
        reason_code: Some("receiver_missing_category".into()),
        message: format!("decision {n}"),
        category_verdict: Some("receiver_missing_category".into()),
        sender_gaid: Some(gaid(0).to_string()),
        receivers: vec![gaid(1).to_string(), "treasury:el1qq...".into()],
        amount: 1_000 + u64::from(n),
        txid: None,
        webhook: None,
        shadow_disagreement: false,
    }
}

/// An allowed decision with the endpoint's shadow answer.
fn allowed_in_shadow(uuid: AssetUuid) -> NewTransferDecision {
    NewTransferDecision {
        origin: DecisionOrigin::Authorize,
        result: true,
        reason_code: None,
        message: "transfer allowed".into(),
        category_verdict: Some("allowed".into()),
        sender_gaid: None,
        receivers: vec![],
        amount: u64::MAX >> 1,
        webhook: Some(WebhookAnswer {
            mode: "shadow".into(),
            answer: "refused".into(),
            detail: "over the daily limit".into(),
            latency_ms: 42,
        }),
        shadow_disagreement: true,
        ..refused(uuid, 0)
    }
}

async fn page(ctx_store: &dyn tessera_store::Store, i: IssuerId, u: AssetUuid) -> Vec<String> {
    let all = ctx_store.decisions(i, u, 0, 100).await.unwrap().unwrap();
    all.into_iter().map(|d| d.decision.message).collect()
}

async fn decisions_round_trip_every_field_and_list_oldest_first(ctx: Ctx) {
    let store = &*ctx.store;
    let w = world(store, "alice", 1, 0).await;
    let (a, uuid) = (w.issuer.id, w.asset.uuid);
    assert_eq!(store.decisions(a, uuid, 0, 10).await.unwrap(), Some(vec![]));
    let first = store
        .record_decision(a, &refused(uuid, 1), 100)
        .await
        .unwrap()
        .unwrap();
    let second = store
        .record_decision(a, &allowed_in_shadow(uuid), 200)
        .await
        .unwrap()
        .unwrap();
    assert!(second.id > first.id);
    assert_eq!((first.issuer, first.created_at), (a, 100));
    let listed = store.decisions(a, uuid, 0, 10).await.unwrap().unwrap();
    assert_eq!(listed, vec![first.clone(), second.clone()]);
    assert!(store
        .set_decision_txid(a, second.id, &"cd".repeat(32))
        .await
        .unwrap());
    let listed = store.decisions(a, uuid, 0, 10).await.unwrap().unwrap();
    assert_eq!(listed[1].decision.txid, Some("cd".repeat(32)));
    assert_eq!(listed[0], first, "only the named decision gets the txid");
    assert!(!store.set_decision_txid(a, 999_999, "00").await.unwrap());
}

async fn decisions_page_by_start_and_count(ctx: Ctx) {
    let store = &*ctx.store;
    let w = world(store, "alice", 1, 0).await;
    let (a, uuid) = (w.issuer.id, w.asset.uuid);
    for n in 0..5 {
        store
            .record_decision(a, &refused(uuid, n), 100 + i64::from(n))
            .await
            .unwrap();
    }
    let messages = |list: Vec<tessera_store::TransferDecision>| {
        list.into_iter()
            .map(|d| d.decision.message)
            .collect::<Vec<_>>()
    };
    let got = store.decisions(a, uuid, 1, 2).await.unwrap().unwrap();
    assert_eq!(messages(got), ["decision 1", "decision 2"]);
    let got = store.decisions(a, uuid, 4, 10).await.unwrap().unwrap();
    assert_eq!(messages(got), ["decision 4"]);
    assert_eq!(store.decisions(a, uuid, 5, 10).await.unwrap(), Some(vec![]));
    assert_eq!(store.decisions(a, uuid, 0, 0).await.unwrap(), Some(vec![]));
}

async fn another_issuers_asset_has_no_decision_log(ctx: Ctx) {
    let store = &*ctx.store;
    let w = world(store, "alice", 1, 0).await;
    let other = world(store, "bob", 2, 1).await;
    let (a, b, uuid) = (w.issuer.id, other.issuer.id, w.asset.uuid);
    let mine = store
        .record_decision(a, &refused(uuid, 1), 100)
        .await
        .unwrap()
        .unwrap();
    store
        .record_decision(b, &refused(other.asset.uuid, 2), 100)
        .await
        .unwrap()
        .unwrap();
    // Bob can neither write to, read, nor fill in Alice's asset's log.
    assert_eq!(
        store
            .record_decision(b, &refused(uuid, 3), 100)
            .await
            .unwrap(),
        None
    );
    assert_eq!(store.decisions(b, uuid, 0, 10).await.unwrap(), None);
    assert!(!store.set_decision_txid(b, mine.id, "00").await.unwrap());
    assert_eq!(page(store, a, uuid).await, ["decision 1"]);
    assert_eq!(page(store, b, other.asset.uuid).await, ["decision 2"]);
    // An unknown asset is unknown to everyone.
    let unknown = AssetUuid::new_random();
    assert_eq!(store.decisions(a, unknown, 0, 10).await.unwrap(), None);
    let nobody = issuer(store, "carol").await.id;
    assert_eq!(store.decisions(nobody, uuid, 0, 10).await.unwrap(), None);
}

async fn decisions_survive_a_reopen(ctx: Ctx) {
    let store = &*ctx.store;
    let w = world(store, "alice", 1, 0).await;
    let (a, uuid) = (w.issuer.id, w.asset.uuid);
    let recorded = store
        .record_decision(a, &allowed_in_shadow(uuid), 100)
        .await
        .unwrap()
        .unwrap();
    let again = ctx.reopen().await;
    let listed = again.decisions(a, uuid, 0, 10).await.unwrap().unwrap();
    assert_eq!(listed, vec![recorded]);
    // A second instance on the same database appends to the same log.
    again
        .record_decision(a, &refused(uuid, 7), 200)
        .await
        .unwrap();
    assert_eq!(
        page(store, a, uuid).await,
        ["transfer allowed", "decision 7"]
    );
}

contract!(
    decisions_round_trip_every_field_and_list_oldest_first,
    decisions_page_by_start_and_count,
    another_issuers_asset_has_no_decision_log,
    decisions_survive_a_reopen,
);

/// 0006 was added after 0007 existed: a database that already ran every other migration
/// gets 0006 on its next start (sqlx applies any version it has not run, in order).
#[tokio::test]
async fn a_database_migrated_without_0006_gets_it_on_the_next_open() {
    use sqlx::migrate::Migrator;
    use sqlx::sqlite::SqliteConnectOptions;
    use tessera_store::{open, StoreConfig, SQLITE_FILE_NAME};

    let dir = tempfile::tempdir().unwrap();
    let data_dir = dir.path().join("data");
    std::fs::create_dir_all(&data_dir).unwrap();
    let source = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("migrations/sqlite");
    let mut older = Migrator::new(source).await.unwrap();
    older.migrations = older
        .migrations
        .iter()
        .filter(|m| m.version != 6)
        .cloned()
        .collect::<Vec<_>>()
        .into();
    assert!(older.migrations.iter().any(|m| m.version == 7));
    let options = SqliteConnectOptions::new()
        .filename(data_dir.join(SQLITE_FILE_NAME))
        .create_if_missing(true)
        .foreign_keys(true);
    let pool = sqlx::SqlitePool::connect_with(options).await.unwrap();
    older.run(&pool).await.unwrap();
    pool.close().await;

    let store = open(&StoreConfig {
        database_url: None,
        data_dir,
    })
    .await
    .unwrap();
    let w = world(&*store, "alice", 1, 0).await;
    let recorded = store
        .record_decision(w.issuer.id, &refused(w.asset.uuid, 1), 100)
        .await
        .unwrap();
    assert!(recorded.is_some());
}

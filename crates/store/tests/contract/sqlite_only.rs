//! SQLite specifics: in-memory stores, URLs, and a second writer on the same file.

use crate::harness::{issuer, new_user, username};
use std::sync::Arc;
// A concrete store needs the area traits in scope (a `dyn Store` does not).
use tessera_store::{
    open, IssuerStore, RegistryStore, SqliteStore, Store, StoreConfig, StoreError, SQLITE_FILE_NAME,
};

#[tokio::test]
async fn in_memory_store_is_migrated_and_private() {
    let one = SqliteStore::open_in_memory().await.unwrap();
    let two = SqliteStore::open_in_memory().await.unwrap();
    let alice = issuer(&one, "alice").await;
    let user = one
        .add_registered_user(alice.id, &new_user("Ann", None), 1000)
        .await;
    assert_eq!(
        one.registered_users(alice.id).await.unwrap(),
        vec![user.unwrap()]
    );
    assert!(two
        .issuer_credentials(&username("alice"))
        .await
        .unwrap()
        .is_none());
}

#[tokio::test]
async fn open_creates_the_data_directory_and_the_database_file() {
    let dir = tempfile::tempdir().unwrap();
    let data_dir = dir.path().join("a").join("b");
    let config = StoreConfig {
        database_url: None,
        data_dir: data_dir.clone(),
    };
    let store = open(&config).await.unwrap();
    issuer(&*store, "alice").await;
    assert!(data_dir.join(SQLITE_FILE_NAME).is_file());
}

#[tokio::test]
async fn a_sqlite_url_opens_that_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("custom.db");
    let config = StoreConfig {
        database_url: Some(format!("sqlite://{}", path.display())),
        data_dir: dir.path().join("unused"),
    };
    let store = open(&config).await.unwrap();
    let alice = issuer(&*store, "alice").await;
    assert!(path.is_file());
    let again = SqliteStore::open_path(&path).await.unwrap();
    assert_eq!(again.issuer(alice.id).await.unwrap(), Some(alice));
}

#[tokio::test]
async fn an_unknown_url_scheme_is_refused_without_echoing_the_url() {
    let config = StoreConfig {
        database_url: Some("mysql://root:secret@localhost/db".into()),
        data_dir: "unused".into(),
    };
    let err = open(&config).await.err().unwrap();
    assert!(matches!(&err, StoreError::UnsupportedUrl { scheme } if scheme == "mysql"));
    assert!(!err.to_string().contains("secret"));
}

/// `tessera issuer add` writes through its own store while the server's store writes too.
#[tokio::test]
async fn two_stores_on_one_file_write_concurrently() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("shared.db");
    let server: Arc<dyn Store> = Arc::new(SqliteStore::open_path(&path).await.unwrap());
    let cli: Arc<dyn Store> = Arc::new(SqliteStore::open_path(&path).await.unwrap());
    let alice = issuer(&*server, "alice").await;
    let mut tasks = Vec::new();
    for i in 0..20 {
        let (server, cli) = (server.clone(), cli.clone());
        tasks.push(tokio::spawn(async move {
            let user = new_user(&format!("user {i}"), None);
            server
                .add_registered_user(alice.id, &user, 1000)
                .await
                .unwrap();
            let login = format!("cli-issuer-{i}");
            cli.create_issuer(&username(&login), "hash", 1000)
                .await
                .unwrap();
        }));
    }
    for task in tasks {
        task.await.unwrap();
    }
    assert_eq!(cli.registered_users(alice.id).await.unwrap().len(), 20);
    let last = server
        .issuer_credentials(&username("cli-issuer-19"))
        .await
        .unwrap();
    assert!(last.is_some());
}

/// Issue 13: an acknowledged write must survive a power cut, not only a process crash;
/// in WAL mode that takes `synchronous=FULL` (NORMAL syncs only at checkpoints).
#[tokio::test]
async fn file_databases_sync_every_commit_issue_13() {
    let dir = tempfile::tempdir().unwrap();
    let store = SqliteStore::open_path(dir.path().join("t.db"))
        .await
        .unwrap();
    assert_eq!(store.synchronous_level().await.unwrap(), 2, "FULL");
}

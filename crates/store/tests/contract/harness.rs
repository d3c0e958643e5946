//! Fresh stores per test, for both backends, and fixtures shared by the contract tests.

use std::future::Future;
use std::path::PathBuf;
use std::sync::Arc;
use tessera_core::{
    CategoryDescription, Gaid, Issuer, ManagedAccount, Name, NewCategory, NewManagedAccount,
    NewRegisteredUser, Username,
};
use tessera_store::{open, Store, StoreConfig};

/// What a contract test gets: a migrated, empty store, and a way to open it again.
pub struct Ctx {
    /// The store under test.
    pub store: Arc<dyn Store>,
    config: StoreConfig,
}

impl Ctx {
    /// Opens the same database again through [`open`] (running the migrations again).
    pub async fn reopen(&self) -> Arc<dyn Store> {
        open(&self.config).await.unwrap()
    }
}

/// Generates `sqlite::$name` and `postgres::$name` tests running the body `$name`.
macro_rules! contract {
    ($($name:ident),* $(,)?) => {
        mod sqlite {
            $(
                #[tokio::test]
                async fn $name() {
                    crate::harness::on_sqlite(super::$name).await;
                }
            )*
        }
        mod postgres {
            $(
                #[tokio::test]
                async fn $name() {
                    crate::harness::on_postgres(stringify!($name), super::$name).await;
                }
            )*
        }
    };
}
pub(crate) use contract;

/// Runs `body` on a SQLite file in a temporary data directory (opened through [`open`]).
pub async fn on_sqlite<F, Fut>(body: F)
where
    F: FnOnce(Ctx) -> Fut,
    Fut: Future<Output = ()>,
{
    let dir = tempfile::tempdir().unwrap();
    let config = StoreConfig {
        database_url: None,
        data_dir: dir.path().join("data"),
    };
    let store = open(&config).await.unwrap();
    body(Ctx { store, config }).await;
}

/// Runs `body` on a fresh PostgreSQL database, dropped afterwards (also when the body
/// panics); a "skipped" line and a pass when `TEST_DATABASE_URL` is unset.
pub async fn on_postgres<F, Fut>(name: &str, body: F)
where
    F: FnOnce(Ctx) -> Fut,
    Fut: Future<Output = ()> + Send + 'static,
{
    use sqlx::{Connection, Executor, PgConnection};

    let Ok(admin_url) = std::env::var("TEST_DATABASE_URL") else {
        println!("skipped: PostgreSQL contract test {name} (TEST_DATABASE_URL is not set)");
        return;
    };
    let db_name = format!("tessera_test_{}", uuid::Uuid::new_v4().simple());
    let mut admin = PgConnection::connect(&admin_url).await.unwrap();
    admin
        .execute(format!("CREATE DATABASE {db_name}").as_str())
        .await
        .unwrap();
    let mut url = url::Url::parse(&admin_url).unwrap();
    url.set_path(&db_name);
    let config = StoreConfig {
        database_url: Some(url.to_string()),
        data_dir: PathBuf::from("unused-by-postgres"),
    };
    let store = open(&config).await.unwrap();
    let outcome = tokio::spawn(body(Ctx { store, config })).await;
    admin
        .execute(format!("DROP DATABASE {db_name} WITH (FORCE)").as_str())
        .await
        .unwrap();
    if let Err(err) = outcome {
        std::panic::resume_unwind(err.into_panic());
    }
}

// ---- fixtures ----

/// Real AMP GAIDs (amp-api.md §5).
const REAL_GAIDS: [&str; 3] = [
    "GAbYScu6jkWUND2jo3L4KJxyvo55d",
    "GA2G8fjDNWvZiJP8Y5iV2ywTAQeZeo",
    "GA114wqp9EXcPFELYrmgg2nmBpX4T",
];

/// The i-th fixture GAID: a real one for 0..3, then derived ones.
pub fn gaid(i: usize) -> Gaid {
    match REAL_GAIDS.get(i) {
        Some(text) => Gaid::parse(text).unwrap(),
        None => Gaid::from_account_bytes([0x80 | u8::try_from(i).unwrap(); 20]).unwrap(),
    }
}

/// A name.
pub fn name(text: &str) -> Name {
    Name::parse(text).unwrap()
}

/// A username.
pub fn username(text: &str) -> Username {
    Username::parse(text).unwrap()
}

/// Creates an issuer at time 1000.
pub async fn issuer(store: &dyn Store, login: &str) -> Issuer {
    store
        .create_issuer(&username(login), "$argon2id$hash", 1000)
        .await
        .unwrap()
}

/// A new registered user, with a GAID or not.
pub fn new_user(user_name: &str, gaid: Option<Gaid>) -> NewRegisteredUser {
    NewRegisteredUser {
        name: name(user_name),
        is_company: false,
        gaid,
    }
}

/// A new category.
pub fn new_category(category_name: &str, description: &str) -> NewCategory {
    NewCategory {
        name: name(category_name),
        description: CategoryDescription::parse(description).unwrap(),
    }
}

/// A new managed account with fixture GAID `i` and a descriptor of its own.
pub fn new_account(i: usize, cosigner_index: u32) -> NewManagedAccount {
    NewManagedAccount {
        gaid: gaid(i),
        descriptor: format!("ct(slip77(k{i}),elwsh(multi(2,investor{i}/<0;1>/*,cosigner)))"),
        cosigner_index,
    }
}

/// Reserves a co-signer index and registers managed account `i` with it, at time 1000.
pub async fn managed_account(store: &dyn Store, i: usize) -> ManagedAccount {
    let index = store.reserve_cosigner_index(1000).await.unwrap();
    store
        .create_account(&new_account(i, index), 1000)
        .await
        .unwrap()
}

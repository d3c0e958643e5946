//! SQLite: the embedded default, one file in the data directory.
//!
//! The file is opened in WAL mode with foreign keys on and a busy timeout, so that a CLI
//! command (`tessera issuer add`) can write while the server runs: readers never block,
//! and a writer waits up to [`BUSY_TIMEOUT`] for the other's write lock. Transactions that
//! write begin with `BEGIN IMMEDIATE`: a deferred transaction that read first could not
//! upgrade to a writer once another connection had committed, and would fail at once.
//!
//! Durability: `synchronous=FULL`. In WAL mode NORMAL syncs only at checkpoints, so a power
//! cut (not a process crash) could lose the last transactions the API had already
//! acknowledged; FULL syncs the WAL at every commit, so an acknowledged write survives
//! both. It costs one fsync per write transaction.

use crate::backend::impl_store;
use crate::StoreError;
use sqlx::sqlite::{
    SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous,
};
use sqlx::{Sqlite, Transaction};
use std::path::Path;
use std::str::FromStr;
use std::time::Duration;

/// How long a writer waits for another connection's write lock.
pub const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// Connections of a file database (WAL lets readers run beside the one writer).
const FILE_CONNECTIONS: u32 = 4;

/// The SQLite implementation of [`Store`](crate::Store).
#[derive(Debug, Clone)]
pub struct SqliteStore {
    pool: SqlitePool,
}

impl SqliteStore {
    /// Opens (creating it if missing) the database file at `path` and migrates it. The
    /// directory must exist.
    pub async fn open_path(path: impl AsRef<Path>) -> Result<Self, StoreError> {
        let options = SqliteConnectOptions::new()
            .filename(path)
            .create_if_missing(true);
        Self::open_with(options, false).await
    }

    /// A fresh, private in-memory database (for tests); gone when the store is dropped.
    pub async fn open_in_memory() -> Result<Self, StoreError> {
        Self::open_url("sqlite::memory:").await
    }

    /// Opens a `sqlite:` URL (`sqlite:///abs/path.db`, `sqlite:rel.db`, `sqlite::memory:`),
    /// creating the file if missing, and migrates it.
    pub async fn open_url(url: &str) -> Result<Self, StoreError> {
        let options = SqliteConnectOptions::from_str(url)?.create_if_missing(true);
        let in_memory = url.contains(":memory:") || url.contains("mode=memory");
        Self::open_with(options, in_memory).await
    }

    /// Opens with these options plus Tessera's pragmas, and migrates.
    ///
    /// An in-memory database lives only as long as a connection to it, and shared-cache
    /// connections lock whole tables without honouring the busy timeout; so it gets exactly
    /// one connection that is never closed. The store never holds two connections at once,
    /// so one is enough.
    async fn open_with(options: SqliteConnectOptions, in_memory: bool) -> Result<Self, StoreError> {
        let options = options
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Full)
            .foreign_keys(true)
            .busy_timeout(BUSY_TIMEOUT);
        let pool = if in_memory {
            SqlitePoolOptions::new()
                .max_connections(1)
                .min_connections(1)
                .idle_timeout(None)
                .max_lifetime(None)
        } else {
            SqlitePoolOptions::new().max_connections(FILE_CONNECTIONS)
        }
        .connect_with(options)
        .await?;
        sqlx::migrate!("./migrations/sqlite").run(&pool).await?;
        Ok(Self { pool })
    }

    /// The `synchronous` pragma of the store's connections (2 = FULL), for tests and
    /// diagnostics.
    pub async fn synchronous_level(&self) -> Result<i64, StoreError> {
        let (level,): (i64,) = sqlx::query_as("PRAGMA synchronous")
            .fetch_one(&self.pool)
            .await?;
        Ok(level)
    }

    /// Closes every connection (the file stays consistent either way).
    pub async fn close(&self) {
        self.pool.close().await;
    }

    /// A transaction holding the write lock from its first statement.
    async fn write_tx(&self) -> Result<Transaction<'static, Sqlite>, StoreError> {
        Ok(self.pool.begin_with("BEGIN IMMEDIATE").await?)
    }
}

impl_store!(SqliteStore, sqlx::SqliteConnection);

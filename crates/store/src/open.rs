//! Choosing and opening the store from configuration.
//!
//! The server and the CLI both call [`open`]: PostgreSQL when a `postgres://` URL is
//! configured (`DATABASE_URL`), otherwise the embedded SQLite file in the data directory,
//! so that `tessera serve` works with no setup at all.

use crate::{PgStore, SqliteStore, Store, StoreError};
use std::path::PathBuf;
use std::sync::Arc;

/// File name of the SQLite database inside the data directory.
pub const SQLITE_FILE_NAME: &str = "tessera.db";

/// Where the data lives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoreConfig {
    /// `postgres://…` / `postgresql://…` for PostgreSQL; a `sqlite:` URL for a given SQLite
    /// database; `None` for `data_dir/tessera.db`.
    pub database_url: Option<String>,
    /// The data directory (created if missing).
    pub data_dir: PathBuf,
}

/// Opens the configured store and brings its schema up to date.
pub async fn open(config: &StoreConfig) -> Result<Arc<dyn Store>, StoreError> {
    match config.database_url.as_deref() {
        Some(url) if url.starts_with("postgres://") || url.starts_with("postgresql://") => {
            Ok(Arc::new(PgStore::connect(url).await?))
        }
        Some(url) if url.starts_with("sqlite:") => Ok(Arc::new(SqliteStore::open_url(url).await?)),
        Some(url) => Err(StoreError::UnsupportedUrl {
            scheme: url.split(':').next().unwrap_or_default().to_owned(),
        }),
        None => {
            std::fs::create_dir_all(&config.data_dir).map_err(|source| StoreError::DataDir {
                path: config.data_dir.clone(),
                source,
            })?;
            let path = config.data_dir.join(SQLITE_FILE_NAME);
            Ok(Arc::new(SqliteStore::open_path(path).await?))
        }
    }
}

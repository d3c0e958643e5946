//! Where the data lives: shared by `serve` and every command that opens the store.

use clap::Args;
use std::path::PathBuf;
use tessera_store::StoreConfig;

/// Store location flags.
#[derive(Debug, Clone, Args)]
pub struct StoreArgs {
    /// Data directory (SQLite database, keys, development chain).
    #[arg(long, env = "TESSERA_DATA_DIR", default_value = "./tessera-data")]
    pub data_dir: PathBuf,
    /// PostgreSQL URL (postgres://user@host/db); SQLite in the data directory when unset.
    #[arg(long, env = "DATABASE_URL", hide_env_values = true)]
    pub database_url: Option<String>,
}

impl StoreArgs {
    /// The store configuration these flags describe.
    pub fn config(&self) -> StoreConfig {
        StoreConfig {
            database_url: self.database_url.clone().filter(|u| !u.is_empty()),
            data_dir: self.data_dir.clone(),
        }
    }
}

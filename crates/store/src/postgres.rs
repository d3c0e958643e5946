//! PostgreSQL: the production store, which several server instances may share.
//!
//! Migrations take sqlx's advisory lock, so instances starting together migrate once.
//! Uniqueness races between instances are settled by the named unique constraints, which
//! PostgreSQL reports by name (see `conflict.rs`).

use crate::backend::impl_store;
use crate::StoreError;
use sqlx::postgres::{PgConnectOptions, PgPool, PgPoolOptions};
use sqlx::{Postgres, Transaction};
use std::str::FromStr;

/// Connections per store (per server instance).
const CONNECTIONS: u32 = 10;

/// The PostgreSQL implementation of [`Store`](crate::Store).
#[derive(Debug, Clone)]
pub struct PgStore {
    pool: PgPool,
}

impl PgStore {
    /// Connects to a `postgres://` or `postgresql://` URL and migrates the database.
    pub async fn connect(url: &str) -> Result<Self, StoreError> {
        Self::connect_with(PgConnectOptions::from_str(url)?).await
    }

    /// Connects with these options and migrates the database.
    pub async fn connect_with(options: PgConnectOptions) -> Result<Self, StoreError> {
        let pool = PgPoolOptions::new()
            .max_connections(CONNECTIONS)
            .connect_with(options)
            .await?;
        sqlx::migrate!("./migrations/postgres").run(&pool).await?;
        Ok(Self { pool })
    }

    /// Closes every connection.
    pub async fn close(&self) {
        self.pool.close().await;
    }

    /// A transaction for writes (PostgreSQL needs no special start).
    async fn write_tx(&self) -> Result<Transaction<'static, Postgres>, StoreError> {
        Ok(self.pool.begin().await?)
    }
}

impl_store!(PgStore, sqlx::PgConnection);

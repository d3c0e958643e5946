//! The `Store` contract: every test body is written once and run against SQLite (always)
//! and PostgreSQL (when `TEST_DATABASE_URL` is set, e.g.
//! `postgres://postgres@127.0.0.1:5432/postgres`; each test gets its own database).
//!
//! Each module writes its bodies as `async fn name(ctx: Ctx)` and lists them in
//! `contract!`, which makes `module::sqlite::name` and `module::postgres::name`. Methods
//! are called on `Arc<dyn Store>`, as the server does, so only `Store` is imported.
#![allow(clippy::unwrap_used)]

mod harness;

mod accounts;
mod addresses;
mod asset_isolation;
mod assets;
mod assignments;
mod cancel_paid;
mod categories;
mod chain;
mod chain_fixtures;
mod distributions;
mod isolation;
mod issuers;
mod lifecycle_fixtures;
mod managers;
mod registered_users;
mod reports;
mod sqlite_only;
mod supply;
mod transfers;
mod treasury;
mod unreadable;

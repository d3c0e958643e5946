//! API tests: the whole HTTP service in-process, on a fresh SQLite database per test.

#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

mod harness;

mod auth;
mod categories;
mod errors;
mod gaids;
mod general;
mod openapi;
mod registered_users;

//! Manager tests: the whole HTTP service in-process, on a fresh SQLite database per test
//! (the harness is a copy of `tests/api/harness.rs` plus manager helpers).

#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

mod harness;

mod access;
mod admin;
mod holdings;
mod scope;
mod sweep;

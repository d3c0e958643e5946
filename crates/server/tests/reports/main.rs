//! Reports beyond AMP through the HTTP API: ownership snapshots, vesting, dividends,
//! payments and settings, on ABCompany's world (`fixtures`).

#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

#[path = "../api/harness.rs"]
#[allow(dead_code)]
mod harness;

mod dividends;
mod fixtures;
mod ownership;
mod vesting;

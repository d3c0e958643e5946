//! Wallet API tests: managed-account registration, wallet login, addresses, holdings and
//! the issuer endpoints that depend on managed accounts, against the whole HTTP service
//! in-process with the platform's co-signer key and a fresh SQLite database per test.

#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

mod harness;

mod access;
mod addresses;
mod gaids;
mod login;
mod registration;
mod treasury;

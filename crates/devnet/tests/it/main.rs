//! The devnet's integration tests, one binary: wallet scenarios, the HTTP dialect,
//! persistence, issuance vectors, external transaction checks, supply conservation and
//! compatibility with the recorded Elements replies.
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs, dead_code)]

mod compat;
mod conservation;
mod dust;
mod external_tx;
mod http;
mod persistence;
mod raw_issuance;
mod scenario;
mod support;
mod vectors;

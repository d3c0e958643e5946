//! Integration tests of `tessera confirm` against the devnet (real JSON-RPC over HTTP) and a
//! mock platform API.

#![allow(clippy::unwrap_used)]

mod attacks;
mod crash;
mod flows;
mod help;
mod mock_api;
mod refusals;
mod support;

//! Integration tests of `tessera confirm` against the devnet (real JSON-RPC over HTTP) and,
//! from the same test bodies, a real Elements node shared by this test binary
//! (`tessera_test_util::on_both_chains!`), with a mock platform API.

#![allow(clippy::unwrap_used)]

mod attacks;
mod crash;
mod flows;
mod help;
mod mock_api;
mod refusals;
mod support;

//! Integration tests of `tessera confirm` against the devnet (real JSON-RPC over HTTP) and a
//! mock platform API.

mod crash;
mod flows;
mod mock_api;
mod refusals;
mod support;

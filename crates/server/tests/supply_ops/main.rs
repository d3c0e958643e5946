//! Distributions, reissuances and burns over the API against an in-process devnet: the
//! issuer's node is a devnet wallet driven directly (what `tessera confirm` would do), so
//! these tests can forge, delay and repeat confirmations at will.

#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

mod amp_shapes;
mod cancel_paid;
mod distributions;
mod harness;
mod python_client;
mod reissue_burn;

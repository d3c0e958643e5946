//! Integration tests of tessera-custody through its public API only.

#![allow(clippy::unwrap_used, missing_docs)]

mod pset_roundtrip;
mod unblind_vectors;

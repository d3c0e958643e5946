//! Typed replies and request options, by area.

pub mod assets;
pub mod chain;
pub mod history;
pub mod raw;
pub mod tx;
pub mod wallet;

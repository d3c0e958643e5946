//! Typed methods of [`crate::ElementsRpc`], by area. Each is a thin wrapper over
//! [`crate::ElementsRpc::call`] that fixes the parameter shape and the result type.

mod assets;
mod chain;
mod raw;
mod wallet;

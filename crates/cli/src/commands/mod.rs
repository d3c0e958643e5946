//! One module per subcommand.

pub mod chain;
pub mod demo;
pub mod devnet;
pub mod issuer;
pub mod notice_args;
mod private_file;
pub mod serve;
pub mod store_args;
pub mod wallet;

//! One module per subcommand.

pub mod issuer;
pub mod serve;
pub mod store_args;

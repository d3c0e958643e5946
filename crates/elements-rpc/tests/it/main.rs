//! Integration tests: the client against a mock node that replays the exchanges recorded from
//! a real Elements Core 23.3.3 node (`testdata/elements-rpc/`), plus transport behaviour.
#![allow(clippy::unwrap_used)]

mod dispatch;
mod errors;
mod raw_issuance;
mod replay;
mod support;
mod transport;
mod values;

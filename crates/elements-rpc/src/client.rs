//! The client handle.
//!
//! One [`ElementsRpc`] is one endpoint: the node (`/`) or one of its wallets
//! (`/wallet/NAME`). [`ElementsRpc::wallet`] derives a handle for another wallet that shares the
//! connection pool, so a program can hold one handle per wallet cheaply. Typed methods live in
//! `methods/` by area; [`ElementsRpc::call`] reaches every other RPC.

use std::sync::Arc;

use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::config::{NodeUrl, Options};
use crate::error::Error;
use crate::transport::{Params, Transport};

/// A typed Elements Core JSON-RPC client.
///
/// Cloning is cheap; clones and [`ElementsRpc::wallet`] handles share one HTTP connection pool
/// (keep-alive).
///
/// **Retries.** A request is tried again only when the TCP connection cannot be made
/// ([`Options::connect_retries`] times, [`Options::retry_delay`] apart); then the node cannot
/// have seen it. A failure after the request may have been sent — reset, reply timeout — is
/// returned at once ([`Error::Transport`], [`Error::Timeout`]) for every method, because
/// repeating `sendmany`, `sendtoaddress`, `issueasset`, `reissueasset` or `destroyamount`
/// could move funds twice. Look the transaction up before repeating such a call.
#[derive(Debug, Clone)]
pub struct ElementsRpc {
    transport: Arc<Transport>,
    node: NodeUrl,
}

impl ElementsRpc {
    /// A client for `node` (which may already name a wallet).
    pub fn new(node: NodeUrl, options: Options) -> Result<Self, Error> {
        Ok(ElementsRpc {
            transport: Arc::new(Transport::new(options)?),
            node,
        })
    }

    /// A client for the node's wallet `name` (requests go to `/wallet/NAME`), sharing this
    /// client's connections.
    pub fn wallet(&self, name: &str) -> Self {
        ElementsRpc {
            transport: Arc::clone(&self.transport),
            node: self.node.clone().with_wallet(Some(name.to_owned())),
        }
    }

    /// A client for the node itself (requests go to `/`), sharing this client's connections.
    pub fn node(&self) -> Self {
        ElementsRpc {
            transport: Arc::clone(&self.transport),
            node: self.node.clone().with_wallet(None),
        }
    }

    /// The endpoint this client talks to.
    pub fn url(&self) -> &NodeUrl {
        &self.node
    }

    /// The wallet this client addresses, if any.
    pub fn wallet_name(&self) -> Option<&str> {
        self.node.wallet()
    }

    /// Calls any RPC with positional parameters and decodes its `result` into `T`
    /// (use [`serde_json::Value`] for an untyped result, `()` for `null`).
    pub async fn call<T: DeserializeOwned>(
        &self,
        method: &str,
        params: Vec<Value>,
    ) -> Result<T, Error> {
        self.transport
            .call(&self.node, method, &Params::Positional(params))
            .await
    }

    /// Calls any RPC with named parameters (`{"address": ..., "amount": ...}`).
    pub async fn call_named<T: DeserializeOwned>(
        &self,
        method: &str,
        params: serde_json::Map<String, Value>,
    ) -> Result<T, Error> {
        self.transport
            .call(&self.node, method, &Params::Named(params))
            .await
    }
}

/// Builds a positional parameter list from values that serialize infallibly (strings,
/// integers, booleans, ids, amounts).
pub(crate) fn param<T: serde::Serialize>(value: T) -> Value {
    serde_json::to_value(value).unwrap_or(Value::Null)
}

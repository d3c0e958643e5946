//! The chain an end-to-end scenario runs on: the embedded devnet or a real Elements node.
//!
//! A scenario is written once against `tessera serve`, its node URL and the server's own
//! wallet (which holds the chain's free coins on both: the devnet gives them to the first
//! wallet created, the real node's harness sweeps them into it). Only how the server is
//! started and where its node is differ, and that is all this type answers.

use crate::node::{elementsd, wallets_caught_up, ElementsNode, SharedNode};
use std::ops::Deref;
use tessera_elements_rpc::ElementsRpc;

/// The server's own wallet on its node (what `tessera serve` uses by default).
pub const SERVER_WALLET: &str = "tessera";

/// Where a scenario runs.
#[derive(Debug)]
pub enum Chain {
    /// `tessera serve`'s embedded devnet (mines only on `generatetoaddress`).
    Devnet,
    /// A real Elements Core node.
    Real(RealNode),
}

/// A real node: the scenario's own, or the one its test binary shares.
#[derive(Debug)]
pub enum RealNode {
    /// Started for one scenario; its free coins are in [`SERVER_WALLET`].
    Own(ElementsNode),
    /// The test binary's [`SharedNode`]; its free coins are in `bank`. Scenarios on it
    /// name their wallets uniquely ([`ElementsNode::new_wallet`]).
    Shared(&'static ElementsNode),
}

impl Deref for RealNode {
    type Target = ElementsNode;
    fn deref(&self) -> &ElementsNode {
        match self {
            RealNode::Own(node) => node,
            RealNode::Shared(node) => node,
        }
    }
}

impl Chain {
    /// A fresh real node for one scenario, or `None` (said once) when `ELEMENTSD` is unset.
    pub async fn real_node() -> Option<Chain> {
        elementsd()?;
        let node = ElementsNode::start(&[SERVER_WALLET])
            .await
            .unwrap_or_else(|e| panic!("cannot start elementsd: {e:#}"));
        Some(Chain::Real(RealNode::Own(node)))
    }

    /// The test binary's shared real node, or `None` (said once) when `ELEMENTSD` is unset.
    pub async fn shared_real_node() -> Option<Chain> {
        SharedNode::get()
            .await
            .map(|node| Chain::Real(RealNode::Shared(node)))
    }

    /// Whether this is the real node.
    pub fn is_real(&self) -> bool {
        matches!(self, Chain::Real(_))
    }

    /// The `tessera serve` flags selecting this chain: the devnet on a free loopback port
    /// mining only when asked, or `--elements-url` of the node's server wallet.
    pub fn serve_args(&self) -> Vec<String> {
        match self {
            Chain::Devnet => [
                "--devnet-rpc-listen",
                "127.0.0.1:0",
                "--devnet-block-interval",
                "0",
            ]
            .map(str::to_owned)
            .to_vec(),
            Chain::Real(node) => vec!["--elements-url".to_owned(), node.wallet_url(SERVER_WALLET)],
        }
    }

    /// Waits until the node's wallets have seen every block mined so far (the real node
    /// tells its wallets after `generatetoaddress` returns; the devnet before).
    pub async fn caught_up(&self, rpc: &ElementsRpc) {
        if self.is_real() {
            wallets_caught_up(rpc)
                .await
                .unwrap_or_else(|e| panic!("syncwithvalidationinterfacequeue: {e:#}"));
        }
    }

    /// The node's base URL (no wallet), with credentials: on the devnet, the one the server
    /// printed at start (`printed`, its `node` field); on the real node, the node's own.
    pub fn node_url(&self, printed: &str) -> String {
        match self {
            Chain::Devnet => printed.trim_end_matches('/').to_owned(),
            Chain::Real(node) => node.url().to_owned(),
        }
    }
}

//! Test support shared by the end-to-end suites (a dev-dependency, never shipped).
//!
//! The devnet imitates Elements Core; the suites prove the platform on the real thing too.
//! [`ElementsNode`] starts a real `elementsd` (Elements Core 23.x, found through the
//! `ELEMENTSD` environment variable) on `elementsregtest` in a temporary directory, ready to
//! use: descriptor wallets, the chain's free coins in the first one, RPC answering.
//! [`Chain`] names the chain a scenario runs on, and [`on_both_chains!`] runs one test body
//! on the devnet and on the real node. Without `ELEMENTSD` the real-node half says so in
//! one line and passes; with it set, it must run (CI sets it).

mod chain;
mod node;

pub use chain::{Chain, RealNode, SERVER_WALLET};
pub use node::{elementsd, mining_lock, wallets_caught_up, ElementsNode, SharedNode};

/// Runs each `async fn NAME(chain: Chain)` test body twice: `NAME::devnet` on the devnet
/// and `NAME::real_node` on a real Elements node (skipped, with one line per test binary,
/// when `ELEMENTSD` is unset). `shared:` before the names runs them on the test binary's
/// shared node instead of a node each.
#[macro_export]
macro_rules! on_both_chains {
    (shared: $($body:ident),+ $(,)?) => {
        $crate::on_both_chains!(@tests shared_real_node; $($body),+);
    };
    ($($body:ident),+ $(,)?) => {
        $crate::on_both_chains!(@tests real_node; $($body),+);
    };
    (@tests $start:ident; $($body:ident),+) => {$(
        mod $body {
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn devnet() {
                super::$body($crate::Chain::Devnet).await
            }

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn real_node() {
                if let Some(chain) = $crate::Chain::$start().await {
                    super::$body(chain).await
                }
            }
        }
    )+};
}

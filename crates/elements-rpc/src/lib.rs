//! Typed client for the Elements Core JSON-RPC interface.
//!
//! Tessera drives an issuer's Elements node (issue, reissue, pay out, burn, wait for
//! confirmations) and follows the chain. This crate is the one place that knows the node's
//! wire quirks, measured on Elements Core 23.3.3 (`testdata/elements-rpc/README.md`):
//!
//! * **Amounts are exact.** Every amount is a JSON number in coin units with 8 decimals; it is
//!   parsed from the number's text into [`Sats`]/[`SignedSats`] base units, never via `f64`.
//! * **Balances are keyed by asset**, `"bitcoin"` for the policy asset and hex ids otherwise:
//!   [`AssetAmounts`] keeps that as the node said it.
//! * **Errors are typed**: the node's coarse codes (the same `-5` for a bad address, an
//!   unknown transaction or block) become [`Error`] variants whose messages say what to do.
//! * **Retries are safe**: only failed *connections* are retried; a request that may have
//!   reached the node is never sent twice (see [`ElementsRpc`]).
//!
//! ```no_run
//! # async fn demo() -> Result<(), tessera_elements_rpc::Error> {
//! use tessera_elements_rpc::{ElementsRpc, NodeUrl, Options};
//! let node = NodeUrl::parse("http://user:pass@127.0.0.1:18884/wallet/issuer")?;
//! let rpc = ElementsRpc::new(node, Options::default())?;
//! let balance = rpc.get_balance_with(0, false).await?;
//! println!("L-BTC: {:?}", balance.policy_asset());
//! # Ok(()) }
//! ```

pub mod amount;
pub mod asset_map;
mod client;
pub mod config;
pub mod error;
mod methods;
mod transport;
pub mod types;

pub use amount::{AmountError, Sats, SignedSats};
pub use asset_map::{AssetAmounts, AssetKey, AssetLabels};
pub use client::ElementsRpc;
pub use config::{Auth, NodeUrl, Options};
pub use error::{Error, WalletRef};
pub use types::assets::{Issuance, IssueAssetOptions, IssuedAsset, Recipient, Reissued};
pub use types::chain::{
    Block, BlockHeaderInfo, BlockInfo, BlockVerbose, BlockchainInfo, MempoolEntry, MempoolFees,
    NetworkInfo, TxOutInfo,
};
pub use types::history::{ListedTransaction, SinceBlock};
pub use types::raw::{
    FeeEstimate, FeeRate, FundOptions, FundedTransaction, RawInput, RawIssuance, RawIssued,
    RawOutput, SignedTransaction, SigningError,
};
pub use types::tx::{RawTransaction, ScriptPubKey, TxIn, TxInIssuance, TxOut};
pub use types::wallet::{
    AddressInfo, AddressType, AddressValidation, BalanceSet, Balances, CreateWalletOptions,
    TxCategory, Unspent, UnspentFilter, WalletInfo, WalletLoaded, WalletTransaction,
    WalletTxDetail, WalletUnloaded,
};

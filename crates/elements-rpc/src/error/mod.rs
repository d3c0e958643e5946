//! Errors a person can act on.
//!
//! elementsd reports failures as `{code, message}` with HTTP 500 (404 for an unknown method,
//! 401 with an empty body for bad credentials). The codes are coarse — `-5` means "invalid
//! address", "not a wallet transaction", "no such transaction" and "block not found" alike — so
//! [`Error::from_node`] looks at code *and* message, and at the call's arguments to name the
//! offending value. Each variant's message says what to do next.

use std::fmt;
use std::path::PathBuf;
use std::time::Duration;

mod mapping;

pub use mapping::CallContext;

/// Which wallet a call went to, for messages: `wallet "issuer"` or `the node's default wallet`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WalletRef(pub Option<String>);

impl fmt::Display for WalletRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.0 {
            Some(name) => write!(f, "wallet {name:?}"),
            None => f.write_str("the default wallet (no /wallet/NAME in the URL)"),
        }
    }
}

/// Everything that can go wrong talking to an Elements node.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The HTTP client could not be set up (TLS backend, system resources).
    #[error("cannot set up the HTTP client: {source}")]
    Client {
        /// The HTTP client error.
        source: reqwest::Error,
    },
    /// The node URL could not be used (the password is never shown).
    #[error("invalid node URL {url}: {reason}")]
    InvalidUrl {
        /// The URL with its password masked.
        url: String,
        /// What is wrong with it.
        reason: String,
    },
    /// The cookie file could not be read.
    #[error("cannot read the RPC cookie file {path:?}: {source}; is elementsd running with this datadir?")]
    CookieRead {
        /// The cookie file.
        path: PathBuf,
        /// The I/O error.
        source: std::io::Error,
    },
    /// The cookie file does not hold `user:password`.
    #[error("the RPC cookie file {path:?} does not hold `user:password` (elementsd writes `__cookie__:<password>`)")]
    CookieFormat {
        /// The cookie file.
        path: PathBuf,
    },
    /// No TCP connection could be made, after every allowed attempt.
    #[error("cannot reach the Elements node at {url} after {attempts} attempt(s): {source}; is elementsd running, and are host, port and rpcbind/rpcallowip right?")]
    NodeUnreachable {
        /// The endpoint (no password).
        url: String,
        /// Connection attempts made.
        attempts: u32,
        /// The last connection error.
        source: reqwest::Error,
    },
    /// The request was sent but no reply came in time. Not retried.
    #[error("`{method}` got no reply from {url} within {timeout:?}; the node may still carry it out — for a wallet send, look for the transaction (gettransaction / listtransactions) before sending again")]
    Timeout {
        /// The RPC method.
        method: String,
        /// The endpoint (no password).
        url: String,
        /// The request timeout in force.
        timeout: Duration,
    },
    /// The connection failed after the request may have reached the node. Not retried.
    #[error("the connection to {url} failed during `{method}`: {source}; not retried because the node may have carried it out — check before repeating a wallet send")]
    Transport {
        /// The RPC method.
        method: String,
        /// The endpoint (no password).
        url: String,
        /// The HTTP client error.
        source: reqwest::Error,
    },
    /// HTTP 401: wrong or missing credentials.
    #[error("the node at {url} refused the RPC credentials (HTTP 401): check rpcuser/rpcpassword in the node URL, or the cookie file")]
    Unauthorized {
        /// The endpoint (no password).
        url: String,
    },
    /// An HTTP reply that is not a JSON-RPC reply (e.g. 403 from rpcallowip, a proxy page).
    #[error(
        "the node at {url} answered `{method}` with HTTP {status} and no JSON-RPC reply: {body:?}"
    )]
    Http {
        /// The RPC method.
        method: String,
        /// The endpoint (no password).
        url: String,
        /// The HTTP status.
        status: u16,
        /// The start of the body.
        body: String,
    },
    /// -13: the wallet is encrypted and locked.
    #[error("{wallet} is locked: unlock it with `walletpassphrase \"<passphrase>\" <seconds>` and try `{method}` again (RPC error -13)")]
    WalletLocked {
        /// The RPC method.
        method: String,
        /// The wallet.
        wallet: WalletRef,
    },
    /// -14: `walletpassphrase` with a wrong passphrase.
    #[error("the passphrase for {wallet} is wrong (RPC error -14)")]
    WrongPassphrase {
        /// The wallet.
        wallet: WalletRef,
    },
    /// -15: `walletpassphrase`/`walletlock` on a wallet that is not encrypted.
    #[error("{wallet} is not encrypted, so there is nothing to unlock or lock (RPC error -15)")]
    WalletNotEncrypted {
        /// The wallet.
        wallet: WalletRef,
    },
    /// -18: the wallet in the URL is not loaded (or does not exist).
    #[error("{wallet} does not exist or is not loaded: run `loadwallet` (or `createwallet`) on the node, or fix the /wallet/NAME part of the node URL (RPC error -18 from `{method}`)")]
    WalletNotLoaded {
        /// The RPC method.
        method: String,
        /// The wallet.
        wallet: WalletRef,
    },
    /// -19: a wallet call without `/wallet/NAME` while several wallets are loaded.
    #[error("`{method}` needs a wallet, and the node has several loaded: put /wallet/NAME at the end of the node URL (RPC error -19)")]
    WalletNotSpecified {
        /// The RPC method.
        method: String,
    },
    /// -6 (or -4 from `issueasset`): not enough funds, fee included.
    #[error("{wallet} has insufficient funds for `{method}` ({message}); fees are paid in L-BTC, so it needs L-BTC as well as the asset (RPC error {code})")]
    InsufficientFunds {
        /// The RPC method.
        method: String,
        /// The JSON-RPC error code (-6, or -4 from `issueasset`).
        code: i64,
        /// The wallet.
        wallet: WalletRef,
        /// The node's message.
        message: String,
    },
    /// -6 "Transaction too large": over the 400 000 WU standard limit.
    #[error("`{method}` would build a transaction over the standard size limit (400000 weight units): send to fewer recipients per transaction (RPC error -6)")]
    TransactionTooLarge {
        /// The RPC method.
        method: String,
    },
    /// -5: the address does not parse for this chain.
    #[error("invalid address {address:?} for this node's chain: {message} (RPC error -5)")]
    InvalidAddress {
        /// The address the node refused.
        address: String,
        /// The node's message.
        message: String,
    },
    /// -5 from `gettransaction`: the txid is not one of this wallet's transactions.
    #[error("transaction {txid} is not a transaction of {wallet}: check the txid and the /wallet/NAME in the node URL (RPC error -5)")]
    NotWalletTransaction {
        /// The txid asked for.
        txid: String,
        /// The wallet.
        wallet: WalletRef,
    },
    /// -5 from `getrawtransaction`: unknown to the mempool and the (indexed) chain.
    #[error("transaction {txid} is neither in the mempool nor in the chain (for confirmed transactions the node needs -txindex=1) (RPC error -5)")]
    TransactionNotFound {
        /// The txid asked for.
        txid: String,
    },
    /// -5 from `getmempoolentry`: mined already, evicted, or never accepted.
    #[error("transaction {txid} is not in the mempool: it was mined, evicted, or never accepted (a wallet send can return a txid the mempool refused) (RPC error -5)")]
    NotInMempool {
        /// The txid asked for.
        txid: String,
    },
    /// -5 "Block not found".
    #[error("block {hash} is not known to the node (RPC error -5)")]
    BlockNotFound {
        /// The block hash asked for.
        hash: String,
    },
    /// -4 from `reissueasset`: the wallet does not hold the asset's reissuance token.
    #[error("{wallet} does not hold the reissuance token of asset {asset}: reissue from the wallet that holds it (RPC error -4)")]
    NoReissuanceToken {
        /// The asset asked for.
        asset: String,
        /// The wallet.
        wallet: WalletRef,
    },
    /// -28: the node is still starting (loading blocks, verifying).
    #[error("the node is still starting ({message}); try again in a moment (RPC error -28)")]
    NodeWarmingUp {
        /// The node's message.
        message: String,
    },
    /// -32601: the node does not have this method.
    #[error("the node has no RPC method `{method}`: is it an Elements node (not bitcoind), with its wallet enabled? (RPC error -32601)")]
    MethodNotFound {
        /// The RPC method.
        method: String,
    },
    /// Any other node error, as the node reported it.
    #[error("`{method}` failed on the node: {message} (RPC error {code})")]
    Node {
        /// The RPC method.
        method: String,
        /// The JSON-RPC error code.
        code: i64,
        /// The node's message.
        message: String,
    },
    /// The reply did not have the expected shape.
    #[error("cannot decode the node's reply to `{method}`: {source}")]
    Decode {
        /// The RPC method.
        method: String,
        /// What did not match.
        source: serde_json::Error,
    },
    /// A hex reply that is not a valid consensus encoding (raw block or transaction).
    #[error("cannot decode the raw data returned by `{method}`: {reason}")]
    DecodeRaw {
        /// The RPC method.
        method: String,
        /// What failed.
        reason: String,
    },
    /// `sendmany` was given the same address twice: one JSON object cannot carry both.
    #[error("address {address} appears twice in one sendmany: merge the amounts or use two transactions")]
    DuplicateRecipient {
        /// The repeated address.
        address: String,
    },
}

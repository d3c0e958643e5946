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

use serde_json::Value;

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
    #[error("{wallet} has insufficient funds for `{method}` ({message}); fees are paid in L-BTC, so it needs L-BTC as well as the asset")]
    InsufficientFunds {
        /// The RPC method.
        method: String,
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

/// What [`Error::from_node`] needs to know about the call that failed.
#[derive(Debug, Clone, Copy)]
pub struct CallContext<'a> {
    /// The RPC method.
    pub method: &'a str,
    /// Its positional parameters (empty for named calls).
    pub params: &'a [Value],
    /// The wallet in the URL, if any.
    pub wallet: Option<&'a str>,
}

impl CallContext<'_> {
    /// The first parameter as text: the txid, hash or address the node complains about.
    fn first_param(&self) -> String {
        match self.params.first() {
            Some(Value::String(text)) => text.clone(),
            Some(other) => other.to_string(),
            None => String::new(),
        }
    }

    fn wallet(&self) -> WalletRef {
        WalletRef(self.wallet.map(str::to_owned))
    }
}

impl Error {
    /// Maps a node error (`{code, message}`) to the most specific variant.
    pub fn from_node(call: CallContext<'_>, code: i64, message: &str) -> Error {
        let method = call.method.to_owned();
        let message_owned = message.to_owned();
        match code {
            -13 => Error::WalletLocked {
                method,
                wallet: call.wallet(),
            },
            -14 => Error::WrongPassphrase {
                wallet: call.wallet(),
            },
            -15 => Error::WalletNotEncrypted {
                wallet: call.wallet(),
            },
            -18 => Error::WalletNotLoaded {
                method,
                wallet: call.wallet(),
            },
            -19 => Error::WalletNotSpecified { method },
            -28 => Error::NodeWarmingUp {
                message: message_owned,
            },
            -32601 => Error::MethodNotFound { method },
            -6 | -4 if message.starts_with("Insufficient funds") => Error::InsufficientFunds {
                method,
                wallet: call.wallet(),
                message: message_owned,
            },
            -6 if message.starts_with("Transaction too large") => {
                Error::TransactionTooLarge { method }
            }
            -4 if message.starts_with("Asset reissuance token definition could not be found") => {
                Error::NoReissuanceToken {
                    asset: call.first_param(),
                    wallet: call.wallet(),
                }
            }
            -5 => Self::from_not_found(call, message),
            _ => Error::Node {
                method,
                code,
                message: message_owned,
            },
        }
    }

    /// Splits the many meanings of -5 by message.
    fn from_not_found(call: CallContext<'_>, message: &str) -> Error {
        if let Some(address) = message.strip_prefix("Invalid Bitcoin address: ") {
            return Error::InvalidAddress {
                address: address.to_owned(),
                message: message.to_owned(),
            };
        }
        if message.starts_with("Invalid address") {
            return Error::InvalidAddress {
                address: call.first_param(),
                message: message.to_owned(),
            };
        }
        if message.starts_with("Invalid or non-wallet transaction id") {
            return Error::NotWalletTransaction {
                txid: call.first_param(),
                wallet: call.wallet(),
            };
        }
        if message.starts_with("No such mempool or blockchain transaction") {
            return Error::TransactionNotFound {
                txid: call.first_param(),
            };
        }
        if message.starts_with("Transaction not in mempool") {
            return Error::NotInMempool {
                txid: call.first_param(),
            };
        }
        if message.starts_with("Block not found") {
            return Error::BlockNotFound {
                hash: call.first_param(),
            };
        }
        Error::Node {
            method: call.method.to_owned(),
            code: -5,
            message: message.to_owned(),
        }
    }

    /// The node's JSON-RPC error code, when the error came from the node.
    pub fn rpc_code(&self) -> Option<i64> {
        Some(match self {
            Error::WalletLocked { .. } => -13,
            Error::WrongPassphrase { .. } => -14,
            Error::WalletNotEncrypted { .. } => -15,
            Error::WalletNotLoaded { .. } => -18,
            Error::WalletNotSpecified { .. } => -19,
            Error::NodeWarmingUp { .. } => -28,
            Error::MethodNotFound { .. } => -32601,
            Error::TransactionTooLarge { .. } => -6,
            Error::InsufficientFunds { .. } => return None,
            Error::NoReissuanceToken { .. } => -4,
            Error::InvalidAddress { .. }
            | Error::NotWalletTransaction { .. }
            | Error::TransactionNotFound { .. }
            | Error::NotInMempool { .. }
            | Error::BlockNotFound { .. } => -5,
            Error::Node { code, .. } => *code,
            _ => return None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ctx<'a>(method: &'a str, params: &'a [Value], wallet: Option<&'a str>) -> CallContext<'a> {
        CallContext {
            method,
            params,
            wallet,
        }
    }

    #[test]
    fn minus_five_is_split_by_message_and_names_the_value() {
        let txid = [Value::String("00ab".to_owned())];
        let cases = [
            ("gettransaction", "Invalid or non-wallet transaction id"),
            (
                "getrawtransaction",
                "No such mempool or blockchain transaction. Use gettransaction for wallet transactions.",
            ),
            ("getmempoolentry", "Transaction not in mempool"),
            ("getblock", "Block not found"),
        ];
        for (method, message) in cases {
            let err = Error::from_node(ctx(method, &txid, Some("issuer")), -5, message);
            assert!(!matches!(err, Error::Node { .. }), "{method}: {err:?}");
            assert!(err.to_string().contains("00ab"), "{err}");
        }
        let err = Error::from_node(
            ctx("sendmany", &[], None),
            -5,
            "Invalid Bitcoin address: notanaddress",
        );
        assert!(
            matches!(&err, Error::InvalidAddress { address, .. } if address == "notanaddress"),
            "{err:?}"
        );
    }

    #[test]
    fn wallet_errors_say_what_to_do() {
        let locked = Error::from_node(ctx("signmessage", &[], Some("locked")), -13, "x");
        assert!(locked.to_string().contains("walletpassphrase"), "{locked}");
        assert!(locked.to_string().contains("\"locked\""), "{locked}");
        let unloaded = Error::from_node(ctx("getbalances", &[], Some("bob")), -18, "x");
        assert!(unloaded.to_string().contains("loadwallet"), "{unloaded}");
        assert!(unloaded.to_string().contains("/wallet/NAME"), "{unloaded}");
        let unnamed = Error::from_node(ctx("getbalance", &[], None), -19, "x");
        assert!(unnamed.to_string().contains("/wallet/NAME"), "{unnamed}");
        assert_eq!(unnamed.rpc_code(), Some(-19));
    }

    #[test]
    fn unknown_codes_keep_code_and_message() {
        let err = Error::from_node(
            ctx("getblock", &[], None),
            -8,
            "blockhash must be of length 64",
        );
        assert!(matches!(err, Error::Node { code: -8, .. }));
        assert!(err.to_string().contains("length 64"));
    }
}

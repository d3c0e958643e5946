//! From the node's `{code, message}` to an [`Error`] variant.
//!
//! Codes alone are too coarse (Elements 23 uses -5 for six different situations, and -4 for
//! both "insufficient funds" in `issueasset` and a missing reissuance token), so the mapping
//! also reads the message prefix, as recorded from a real node, and takes the offending txid,
//! hash or address from the call's first argument.

use serde_json::Value;

use super::{Error, WalletRef};

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
                code,
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
            Error::InsufficientFunds { code, .. } => *code,
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

//! Errors: the JSON-RPC error the node answers with, and the errors of opening and
//! persisting a devnet.
//!
//! `RpcError` carries Elements' numeric codes and messages verbatim, because clients (and
//! Tessera's typed client) match on them; the constructors name the codes seen in the
//! recordings so handlers never spell magic numbers.

use std::path::PathBuf;

/// An error answered to a JSON-RPC request: `{"code": .., "message": ..}`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("RPC error {code}: {message}")]
pub struct RpcError {
    /// Elements' RPC error code (e.g. -5 invalid address, -6 insufficient funds).
    pub code: i32,
    /// Human-readable message, identical to Elements' where the recordings show it.
    pub message: String,
}

impl RpcError {
    /// Builds an error with an explicit code.
    pub fn new(code: i32, message: impl Into<String>) -> Self {
        Self {
            code,
            message: message.into(),
        }
    }

    /// HTTP status Elements uses for this error: 404 for unknown methods, 500 otherwise.
    pub fn http_status(&self) -> u16 {
        if self.code == codes::METHOD_NOT_FOUND {
            404
        } else {
            500
        }
    }

    /// -32601 Method not found.
    pub fn method_not_found() -> Self {
        Self::new(codes::METHOD_NOT_FOUND, "Method not found")
    }
    /// -1 with a type-mismatch message (`JSON value is not an integer as expected`).
    pub fn type_error(expected: &str) -> Self {
        Self::new(
            codes::MISC,
            format!("JSON value is not {expected} as expected"),
        )
    }
    /// -3 Invalid amount.
    pub fn invalid_amount() -> Self {
        Self::new(codes::TYPE, "Invalid amount")
    }
    /// -3 Amount out of range.
    pub fn amount_out_of_range() -> Self {
        Self::new(codes::TYPE, "Amount out of range")
    }
    /// -5 Invalid Bitcoin address: ADDR.
    pub fn invalid_address(addr: &str) -> Self {
        Self::new(
            codes::INVALID_ADDRESS,
            format!("Invalid Bitcoin address: {addr}"),
        )
    }
    /// -6 Insufficient funds.
    pub fn insufficient_funds() -> Self {
        Self::new(codes::WALLET_INSUFFICIENT_FUNDS, "Insufficient funds")
    }
    /// -8 invalid parameter.
    pub fn invalid_parameter(message: impl Into<String>) -> Self {
        Self::new(codes::INVALID_PARAMETER, message)
    }
    /// -13 wallet locked.
    pub fn wallet_locked() -> Self {
        Self::new(
            codes::WALLET_UNLOCK_NEEDED,
            "Error: Please enter the wallet passphrase with walletpassphrase first.",
        )
    }
    /// -18 wallet not found or not loaded.
    pub fn wallet_not_found() -> Self {
        Self::new(
            codes::WALLET_NOT_FOUND,
            "Requested wallet does not exist or is not loaded",
        )
    }
    /// -19 wallet not specified.
    pub fn wallet_not_specified() -> Self {
        Self::new(
            codes::WALLET_NOT_SPECIFIED,
            "Wallet file not specified (must request wallet RPC through /wallet/<filename> uri-path).",
        )
    }
    /// -4 wallet error.
    pub fn wallet(message: impl Into<String>) -> Self {
        Self::new(codes::WALLET_ERROR, message)
    }
    /// -25 transaction rejected by consensus-like checks (missing inputs...).
    pub fn verify(message: impl Into<String>) -> Self {
        Self::new(codes::VERIFY_ERROR, message)
    }
    /// -26 transaction rejected by mempool policy or script verification.
    pub fn rejected(message: impl Into<String>) -> Self {
        Self::new(codes::VERIFY_REJECTED, message)
    }
    /// -22 could not decode a transaction.
    pub fn deserialization(message: impl Into<String>) -> Self {
        Self::new(codes::DESERIALIZATION_ERROR, message)
    }
    /// -32603 internal error (a devnet bug or I/O failure, never expected).
    pub fn internal(message: impl Into<String>) -> Self {
        Self::new(codes::INTERNAL_ERROR, message)
    }
}

/// Elements Core RPC error codes (`src/rpc/protocol.h`).
pub mod codes {
    /// Unknown method.
    pub const METHOD_NOT_FOUND: i32 = -32601;
    /// Internal error.
    pub const INTERNAL_ERROR: i32 = -32603;
    /// Misc error, also used for wrong parameter types and help-text errors.
    pub const MISC: i32 = -1;
    /// Unexpected type (amount errors).
    pub const TYPE: i32 = -3;
    /// Unspecified wallet error.
    pub const WALLET_ERROR: i32 = -4;
    /// Invalid address or key / unknown object.
    pub const INVALID_ADDRESS: i32 = -5;
    /// Not enough funds.
    pub const WALLET_INSUFFICIENT_FUNDS: i32 = -6;
    /// Invalid, missing or duplicate parameter.
    pub const INVALID_PARAMETER: i32 = -8;
    /// Wallet is locked.
    pub const WALLET_UNLOCK_NEEDED: i32 = -13;
    /// Wrong passphrase.
    pub const WALLET_PASSPHRASE_INCORRECT: i32 = -14;
    /// Wallet is not encrypted.
    pub const WALLET_WRONG_ENC_STATE: i32 = -15;
    /// Wallet not found.
    pub const WALLET_NOT_FOUND: i32 = -18;
    /// Wallet not specified.
    pub const WALLET_NOT_SPECIFIED: i32 = -19;
    /// Transaction could not be decoded.
    pub const DESERIALIZATION_ERROR: i32 = -22;
    /// Transaction or block rejected (missing inputs).
    pub const VERIFY_ERROR: i32 = -25;
    /// Transaction rejected by network rules.
    pub const VERIFY_REJECTED: i32 = -26;
    /// Transaction already in chain.
    pub const VERIFY_ALREADY_IN_CHAIN: i32 = -27;
    /// Wallet already loaded / exists.
    pub const WALLET_ALREADY_LOADED: i32 = -35;
}

/// Errors of opening, persisting or serving a devnet.
#[derive(Debug, thiserror::Error)]
pub enum DevnetError {
    /// A file in the data directory could not be read or written.
    #[error("devnet data file {path}: {source}")]
    Io {
        /// The file or directory concerned.
        path: PathBuf,
        /// The underlying I/O error.
        #[source]
        source: std::io::Error,
    },
    /// A snapshot or block file in the data directory is corrupt.
    #[error("devnet data file {path} is corrupt: {reason}")]
    Corrupt {
        /// The file concerned.
        path: PathBuf,
        /// What was wrong with it.
        reason: String,
    },
    /// The HTTP server failed.
    #[error("devnet RPC server: {0}")]
    Serve(#[source] std::io::Error),
}

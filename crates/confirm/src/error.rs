//! Everything `tessera confirm` can refuse or fail at, each naming the offending value and
//! what to do next.
//!
//! The binary prints the error as one line on stderr and exits non-zero, so every message is
//! written to be acted on without reading logs. Errors that happen *after* a transaction may
//! have been broadcast say so, and always point to re-running the same command (which resumes
//! from the journal) rather than to paying again.

use std::path::PathBuf;

use elements::{AssetId, Txid};

use crate::file::FileError;
use crate::journal::JournalError;

/// A failure of `tessera confirm`.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ConfirmError {
    /// The request file is unusable.
    #[error(transparent)]
    File(#[from] FileError),
    /// The journal is unusable or does not belong to this request.
    #[error(transparent)]
    Journal(#[from] JournalError),
    /// A command-line value is wrong.
    #[error("invalid {option}: {reason}")]
    Usage {
        /// The option.
        option: &'static str,
        /// What is wrong.
        reason: String,
    },
    /// The Elements node failed or refused a call.
    #[error(transparent)]
    Node(#[from] tessera_elements_rpc::Error),
    /// The node is not an Elements node.
    #[error("the node is not Elements Core (subversion {subversion:?}): point -n at an elementsd RPC port")]
    NotElements {
        /// What the node calls itself.
        subversion: String,
    },
    /// The node is older than the script supports.
    #[error("the Elements node version {version} is older than the supported minimum {minimum}: upgrade elementsd")]
    NodeTooOld {
        /// `getnetworkinfo.version`.
        version: u64,
        /// The minimum.
        minimum: u64,
    },
    /// The node is still syncing.
    #[error("the node is not synced (verificationprogress {progress:.4} < 0.999): wait until it has caught up with the chain")]
    NotSynced {
        /// `getblockchaininfo.verificationprogress`.
        progress: f64,
    },
    /// The wallet is encrypted and locked.
    #[error("the node wallet {wallet} is locked: unlock it with `elements-cli{wallet_arg} walletpassphrase \"<passphrase>\" 600` and run the command again")]
    WalletLocked {
        /// The wallet name, or "(default)".
        wallet: String,
        /// ` -rpcwallet=NAME` when a wallet is named.
        wallet_arg: String,
    },
    /// The AMP API could not be reached.
    #[error("cannot reach the API at {url}: {source}")]
    ApiUnreachable {
        /// The URL.
        url: String,
        /// The HTTP client error.
        source: reqwest::Error,
    },
    /// The AMP API answered with a status other than 200.
    #[error("{method} {url} answered HTTP {status}: {body}")]
    ApiStatus {
        /// GET or POST.
        method: &'static str,
        /// The URL.
        url: String,
        /// The HTTP status.
        status: u16,
        /// The start of the body.
        body: String,
    },
    /// The AMP API answered 200 with a body of the wrong shape.
    #[error("{url} answered with an unexpected body ({reason}): {body}")]
    ApiBody {
        /// The URL.
        url: String,
        /// What did not match.
        reason: String,
        /// The start of the body.
        body: String,
    },
    /// Login failed.
    #[error("login as {username:?} at {url} failed with HTTP {status}: check -u/-p (or TESSERA_CONFIRM_PASSWORD)")]
    LoginFailed {
        /// The login URL.
        url: String,
        /// The user name.
        username: String,
        /// The HTTP status.
        status: u16,
    },
    /// The server reports outputs it cannot track.
    #[error("asset {asset_uuid} has lost outputs {outputs}: the platform cannot track them; resolve them (blacklist or contact support) before confirming anything")]
    LostOutputs {
        /// The asset.
        asset_uuid: String,
        /// The lost outputs, as JSON.
        outputs: String,
    },
    /// No assignment carries this distribution.
    #[error("no assignment of asset {asset_uuid} belongs to distribution {distribution_uuid}: the distribution was cancelled or the file is stale; create a new distribution")]
    NoAssignments {
        /// The asset.
        asset_uuid: String,
        /// The distribution.
        distribution_uuid: String,
    },
    /// Some assignment of the distribution is already distributed.
    #[error("assignments {ids:?} of distribution {distribution_uuid} are already distributed: this distribution was paid before; if you hold its txid, confirm it with `distribute -f FILE --use-existing TXID`")]
    AlreadyDistributed {
        /// The distribution.
        distribution_uuid: String,
        /// The distributed assignment ids.
        ids: Vec<String>,
    },
    /// Reissuance token outputs named by the file are not in the wallet.
    #[error("reissuance token outputs {missing:?} are not unspent in the node wallet: reissue from the wallet holding the token (or pass --have-split-reissuance-token if it holds only some of them)")]
    MissingReissuanceUtxos {
        /// `txid:vout` of the missing outputs.
        missing: Vec<String>,
    },
    /// Burn outputs named by the file are not in the wallet.
    #[error("outputs {missing:?} to burn are not unspent in the node wallet: burn from the treasury wallet that holds them")]
    MissingBurnUtxos {
        /// `txid:vout` of the missing outputs.
        missing: Vec<String>,
    },
    /// Not enough of the asset to burn.
    #[error("the wallet holds {balance} of asset {asset}, less than the {amount} to burn")]
    InsufficientBalance {
        /// The asset.
        asset: AssetId,
        /// The balance, coin units.
        balance: String,
        /// The amount to burn, coin units.
        amount: String,
    },
    /// A `--use-existing` transaction is not what it should be.
    #[error("--use-existing {txid}: {reason}")]
    ExistingMismatch {
        /// The transaction given.
        txid: Txid,
        /// What is wrong with it.
        reason: String,
    },
    /// The wallet shows several transactions that each match the request.
    #[error("several wallet transactions match this request ({txids:?}): confirm the right one with --use-existing TXID; nothing was sent")]
    Ambiguous {
        /// The candidates.
        txids: Vec<Txid>,
    },
    /// A transaction this tool made is in neither the mempool nor a block.
    #[error("transaction {txid} ({state}) is in neither the mempool nor a block, so it does not count as sent; nothing more was paid. Check `elements-cli gettransaction {txid}`; if it is really gone, run `elements-cli abandontransaction {txid}`, delete {journal:?} and run the command again")]
    TransactionLost {
        /// The transaction.
        txid: Txid,
        /// What the node says about it.
        state: String,
        /// The journal that remembers it.
        journal: PathBuf,
    },
    /// The confirmation wait ran out.
    #[error("transaction {txid} has {confirmations} of {required} confirmations after {waited_secs} s: it is broadcast; run the same command again later to resume waiting and confirm (it will not pay again)")]
    WaitTimedOut {
        /// The transaction.
        txid: Txid,
        /// Confirmations so far.
        confirmations: i64,
        /// Confirmations wanted.
        required: u32,
        /// Seconds waited.
        waited_secs: u64,
    },
    /// The confirm POST failed after the transaction confirmed.
    #[error("transaction {txid} is confirmed on chain but reporting it failed: {source}. Run the same command again to retry the report (the journal {journal:?} remembers the txid; it will not pay again), or use --use-existing {txid}")]
    ReportFailed {
        /// The transaction.
        txid: Txid,
        /// The journal.
        journal: PathBuf,
        /// Why the POST failed.
        source: Box<ConfirmError>,
    },
    /// `update-blinders` found nothing to update.
    #[error("asset {asset_uuid}: every output of issuance {txid} already has its blinders on the server; nothing to update")]
    NothingToUpdate {
        /// The asset.
        asset_uuid: String,
        /// The issuance transaction.
        txid: Txid,
    },
    /// `distribute --all` got the same distribution twice.
    #[error("the server handed out distribution {distribution_uuid} again although it is already confirmed: stopping to avoid a loop")]
    DistributionRepeated {
        /// The distribution.
        distribution_uuid: String,
    },
    /// Another run holds the journal's lock.
    #[error("another tessera confirm run is working on this request (lock {lock:?} is held): let it finish, then run the command again if needed; nothing was done")]
    Busy {
        /// The lock file.
        lock: PathBuf,
    },
    /// The request file does not say what the server's record of the request says.
    #[error("the request file does not match the server's record of {what}: {reason}; nothing was paid. Request a new file from the platform")]
    FileMismatch {
        /// Which request (`distribution <uuid>`, `reissuance of asset <uuid>`, ...).
        what: String,
        /// The first difference found.
        reason: String,
    },
    /// The wallet already paid some of a distribution's addresses, in a transaction that does
    /// not pay the whole distribution.
    #[error("the wallet already sent to addresses of distribution {distribution_uuid} in {txids:?}, but no single transaction pays it as requested: nothing was sent; check these transactions (elements-cli gettransaction TXID) before doing anything else")]
    PartlyPaid {
        /// The distribution.
        distribution_uuid: String,
        /// The transactions that pay some of its addresses.
        txids: Vec<Txid>,
    },
    /// Local file system trouble outside the journal (saving a distribution file).
    #[error("cannot write {path:?}: {source}")]
    Io {
        /// The path.
        path: PathBuf,
        /// The I/O error.
        source: std::io::Error,
    },
}

impl ConfirmError {
    /// The process exit code for this error: 1, like the original script, for everything.
    pub fn exit_code(&self) -> i32 {
        1
    }

    /// A stable reason code, printed before the message (`error[CODE]: ...`), for scripts.
    pub fn code(&self) -> &'static str {
        match self {
            ConfirmError::File(FileError::BaseUrl {
                source: crate::base_url::BaseUrlError::PlainHttp(_),
                ..
            }) => "insecure_base_url",
            ConfirmError::File(_) => "invalid_file",
            ConfirmError::Journal(JournalError::Mismatch { .. }) => "journal_mismatch",
            ConfirmError::Journal(_) => "journal",
            ConfirmError::Usage { .. } => "usage",
            ConfirmError::Node(_)
            | ConfirmError::NotElements { .. }
            | ConfirmError::NodeTooOld { .. }
            | ConfirmError::NotSynced { .. } => "node",
            ConfirmError::WalletLocked { .. } => "wallet_locked",
            ConfirmError::ApiUnreachable { .. }
            | ConfirmError::ApiStatus { .. }
            | ConfirmError::ApiBody { .. } => "api",
            ConfirmError::LoginFailed { .. } => "login_failed",
            ConfirmError::LostOutputs { .. } => "lost_outputs",
            ConfirmError::NoAssignments { .. } => "no_assignments",
            ConfirmError::AlreadyDistributed { .. } => "already_distributed",
            ConfirmError::MissingReissuanceUtxos { .. } | ConfirmError::MissingBurnUtxos { .. } => {
                "missing_utxos"
            }
            ConfirmError::InsufficientBalance { .. } => "insufficient_balance",
            ConfirmError::ExistingMismatch { .. } => "existing_mismatch",
            ConfirmError::Ambiguous { .. } => "ambiguous",
            ConfirmError::TransactionLost { .. } => "transaction_lost",
            ConfirmError::WaitTimedOut { .. } => "wait_timed_out",
            ConfirmError::ReportFailed { .. } => "report_failed",
            ConfirmError::NothingToUpdate { .. } => "nothing_to_update",
            ConfirmError::DistributionRepeated { .. } => "distribution_repeated",
            ConfirmError::Busy { .. } => "journal_locked",
            ConfirmError::FileMismatch { .. } => "file_mismatch",
            ConfirmError::PartlyPaid { .. } => "partly_paid",
            ConfirmError::Io { .. } => "io",
        }
    }
}

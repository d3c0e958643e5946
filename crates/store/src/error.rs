//! Store errors: domain conflicts (from constraint names) and backend failures.

use elements::{AssetId, Txid};
use tessera_core::{
    AccountId, AssetUuid, AssignmentId, DistributionUuid, Gaid, Name, RegisteredUserId, Username,
};

/// A write that contradicts data already stored; the API answers 409/400 with the value.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Conflict {
    /// An issuer already has this username.
    #[error("an issuer named {0} already exists")]
    UsernameTaken(Username),
    /// Another registered user of this issuer has this GAID.
    #[error("GAID {0} already belongs to another registered user")]
    GaidTaken(Gaid),
    /// This issuer already has a category with this name.
    #[error("a category named {name:?} already exists", name = .0.as_str())]
    CategoryNameTaken(Name),
    /// The co-signer key index was never reserved, or another account uses it.
    #[error("co-signer key index {0} is not reserved or is already used by an account")]
    CosignerIndexUnavailable(u32),
    /// A managed account with this GAID, or with the same descriptor, exists.
    #[error("a managed account with GAID {0} or the same descriptor already exists")]
    AccountExists(Gaid),
    /// The address (or its script, or its derivation path) is recorded already.
    #[error("address {0} or its script or derivation index is already recorded")]
    AddressExists(String),
    /// A block at this height or with this hash is stored already.
    #[error("a block at height {height} or with hash {hash} is already stored")]
    BlockExists {
        /// Height of the refused block.
        height: u32,
        /// Hash of the refused block.
        hash: String,
    },
    /// The output is tracked already.
    #[error("output {txid}:{vout} is already tracked")]
    OutputExists {
        /// Its transaction.
        txid: String,
        /// Its index.
        vout: u32,
    },
    /// An asset with this asset id (or uuid) is recorded already.
    #[error("an asset with asset id {0} (or the same uuid) is already recorded")]
    AssetExists(AssetId),
    /// The asset has assignments, distributions, reissuances or burns, so it stays.
    #[error("asset {0} has assignments, distributions, reissuances or burns")]
    AssetInUse(AssetUuid),
    /// The registered user is not one of this issuer's.
    #[error("registered user {0} does not exist")]
    UnknownRegisteredUser(RegisteredUserId),
    /// The registered user has assignments, so it cannot be deleted.
    #[error("registered user {0} has assignments")]
    UserHasAssignments(RegisteredUserId),
    /// The assignment was taken by a distribution (unconfirmed, or confirmed: paid).
    #[error("assignment {id} is taken by distribution {distribution}")]
    AssignmentTaken {
        /// The assignment.
        id: AssignmentId,
        /// The distribution holding (or having paid) it.
        distribution: DistributionUuid,
    },
    /// The assignment is locked, or not one of this asset's.
    #[error("assignment {0} is locked or not an assignment of this asset")]
    AssignmentUnavailable(AssignmentId),
    /// The asset has an unconfirmed distribution already.
    #[error("distribution {0} of this asset is still unconfirmed")]
    DistributionOpen(DistributionUuid),
    /// A distribution with this uuid exists.
    #[error("distribution {0} already exists")]
    DistributionExists(DistributionUuid),
    /// The distribution is confirmed (by this transaction): it cannot be cancelled or
    /// confirmed by another one.
    #[error("distribution {distribution} is already confirmed by {txid}")]
    DistributionConfirmed {
        /// The distribution.
        distribution: DistributionUuid,
        /// The transaction that confirmed it.
        txid: Txid,
    },
    /// The distribution's addresses were already paid on chain, so it cannot be cancelled.
    #[error("distribution {distribution} was already paid by transaction {txid}: confirm it (tessera confirm distribute -f FILE --use-existing {txid}) instead of cancelling")]
    DistributionPaid {
        /// The distribution.
        distribution: DistributionUuid,
        /// A transaction paying one of its addresses.
        txid: Txid,
    },
    /// The distribution was cancelled, so it cannot be confirmed.
    #[error("distribution {0} was cancelled")]
    DistributionCancelled(DistributionUuid),
    /// The transaction confirmed another reissuance or burn (or another asset's, or with
    /// other figures).
    #[error("transaction {0} already confirmed another reissuance or burn")]
    TransactionRecorded(Txid),
}

/// Why a store call failed.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The write conflicts with stored data.
    #[error(transparent)]
    Conflict(#[from] Conflict),
    /// The database failed (connection, I/O, a bug). Not shown to API clients.
    #[error("database error: {0}")]
    Backend(#[from] sqlx::Error),
    /// Schema migration failed at start.
    #[error("database migration failed: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    /// The database URL names a backend Tessera does not have (only the scheme is kept:
    /// the rest may hold a password).
    #[error(
        "unsupported database URL scheme {scheme:?}: use postgres://, postgresql:// or sqlite:"
    )]
    UnsupportedUrl {
        /// The scheme, e.g. `mysql`.
        scheme: String,
    },
    /// The data directory could not be created.
    #[error("cannot create data directory {path}")]
    DataDir {
        /// The directory.
        path: std::path::PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// No managed account has this id.
    #[error("managed account {0} does not exist")]
    UnknownAccount(AccountId),
    /// A block that does not extend the stored tip.
    #[error(
        "block {got_height} (parent {got_prev}) does not extend the tip: \
         expected height {expected_height} with parent {expected_prev}"
    )]
    NotNextBlock {
        /// The tip's height + 1.
        expected_height: u32,
        /// The tip's hash.
        expected_prev: String,
        /// Height of the refused block.
        got_height: u32,
        /// Parent hash of the refused block.
        got_prev: String,
    },
    /// A block spends an output that is not tracked.
    #[error("output {txid}:{vout} is not tracked, so it cannot be spent")]
    UnknownOutpoint {
        /// Its transaction.
        txid: String,
        /// Its index.
        vout: u32,
    },
    /// A block spends an output that is spent already.
    #[error("output {txid}:{vout} is already spent by {spent_by_txid}:{spent_by_vin}")]
    OutpointAlreadySpent {
        /// Its transaction.
        txid: String,
        /// Its index.
        vout: u32,
        /// The transaction that spent it.
        spent_by_txid: String,
        /// The input that spent it.
        spent_by_vin: u32,
    },
    /// A block's changes contradict themselves (a row of another height, an amount out
    /// of range, a new output marked spent).
    #[error("changes of block {height} are inconsistent: {detail}")]
    InconsistentBlock {
        /// The block's height.
        height: u32,
        /// What is wrong, naming the row.
        detail: String,
    },
    /// A stored value no longer parses as its domain type (data written by hand?).
    #[error("stored {what} {value:?} is invalid")]
    Corrupt {
        /// What kind of value.
        what: &'static str,
        /// The stored text.
        value: String,
    },
}

//! Persistence for Tessera: one [`Store`] trait speaking domain types, two implementations.
//!
//! SQLite is the embedded default (a file in the data directory); PostgreSQL is the
//! production store, shared by several server instances. Both run the same contract test
//! suite (`tests/contract/`; the PostgreSQL half runs when `TEST_DATABASE_URL` is set, e.g.
//! `postgres://postgres@127.0.0.1:5432/postgres`, with a fresh database per test). The
//! method bodies are written once (`backend/`) and instantiated per backend; each backend
//! has its own migrations (`migrations/sqlite`, `migrations/postgres`).
//!
//! The API is split by area so that no trait or file grows without bound:
//! [`IssuerStore`] (issuers, API tokens), [`ManagerStore`] (managers, their assets and
//! tokens), [`RegistryStore`] (registered users, GAIDs,
//! categories), [`AccountStore`] (managed accounts, their addresses and wallet sessions) and
//! [`ChainStore`] (the chain watcher's blocks, outputs and ownership ledger), and the asset
//! lifecycle: [`AssetStore`] (assets, requirements, treasury addresses, locked outputs,
//! activities), [`AssignmentStore`], [`DistributionStore`] and [`SupplyStore`]
//! (reissuances and burns), and [`ReportStore`] (issuer settings, dividends, payment
//! records, vesting notices), and [`TransferStore`] (the co-signer's decision log). [`Store`] is
//! all of them together and is what the server holds (`Arc<dyn Store>`): on a `dyn Store`
//! every area's methods resolve with `use tessera_store::Store` alone. Code that calls
//! methods on a concrete store (`SqliteStore`, `PgStore`) or on a generic `S: Store` needs
//! the area trait in scope as well, e.g. `use tessera_store::{RegistryStore, Store};`.
//!
//! Every method is scoped by issuer where the data belongs to one: another issuer's ids
//! behave exactly like unknown ids (`None` / `false`), so the API answers 404 and never
//! leaks their existence.

mod account_store;
mod asset_store;
mod asset_types;
mod assignment_store;
mod backend;
mod chain;
mod chain_store;
mod conflict;
mod distribution_store;
mod error;
mod issuer_store;
mod lifecycle;
mod manager_store;
mod open;
mod postgres;
mod registry_store;
mod report_store;
mod rows;
mod sql;
mod sqlite;
mod supply_store;
mod transfer_store;
mod treasury_store;

pub use account_store::AccountStore;
pub use asset_store::AssetStore;
pub use asset_types::{Activity, ActivityKind, AssetFlags, AuthorizationMode, NewActivity};
pub use assignment_store::AssignmentStore;
pub use chain::{
    BlockChanges, BlockRef, LedgerRow, OwnerRef, Spend, TrackedOutput, UnreadableOutput,
};
pub use chain_store::ChainStore;
pub use distribution_store::DistributionStore;
pub use error::{Conflict, StoreError};
pub use issuer_store::{IssuerCredentials, IssuerStore};
pub use lifecycle::{
    AssignmentTotals, Burn, BurnConfirmation, Distribution, DistributionOutput, NewDistribution,
    Reissuance, ReissuanceConfirmation, SupplyTotals, UserAssignmentTotals,
};
pub use manager_store::{AuditEntry, ManagerCredentials, ManagerStore, NewAuditEntry};
pub use open::{open, StoreConfig, SQLITE_FILE_NAME};
pub use postgres::PgStore;
pub use registry_store::{CategoryEdit, RegistryStore};
pub use report_store::{
    DividendLineRecord, DividendRecord, DueNotice, IssuerSettings, NewDividend, NewPayment,
    NoticeClaim, NoticeKind, NoticeOutcome, NoticeSend, PaymentRecord, ReportStore, SendFailure,
    DEFAULT_NOTICE_DAYS, NOTICE_LEASE_SECONDS,
};
pub use sqlite::{SqliteStore, BUSY_TIMEOUT};
pub use supply_store::SupplyStore;
pub use transfer_store::{
    DecisionOrigin, NewTransferDecision, TransferDecision, TransferStore, WebhookAnswer,
};
pub use treasury_store::{
    OutputBlinders, OutputOrigin, TreasuryOutput, TreasuryOutputKind, TreasuryStore,
};

/// Everything Tessera keeps: every area of the store. Times are unix seconds, passed in
/// by the caller (the store never reads the clock, so tests control time).
///
/// Implemented for every type that implements all the areas; nothing implements it by
/// hand.
pub trait Store:
    IssuerStore
    + ManagerStore
    + RegistryStore
    + AccountStore
    + ChainStore
    + AssetStore
    + AssignmentStore
    + DistributionStore
    + SupplyStore
    + ReportStore
    + TreasuryStore
    + TransferStore
    + Send
    + Sync
    + 'static
{
}

impl<T> Store for T where
    T: IssuerStore
        + ManagerStore
        + RegistryStore
        + AccountStore
        + ChainStore
        + AssetStore
        + AssignmentStore
        + DistributionStore
        + SupplyStore
        + ReportStore
        + TreasuryStore
        + TransferStore
        + Send
        + Sync
        + 'static
{
}

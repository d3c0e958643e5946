//! The one implementation of every store area, instantiated once per backend.
//!
//! sqlx's query API is the same for every database, but code generic over `Database`
//! needs pages of higher-ranked bounds and trips over `Send` inside `async_trait`. Macros
//! give both backends the same method bodies as plain, concrete code instead: one macro per
//! area trait (one file each, so none grows without bound), all invoked by [`impl_store!`].
//! A backend module provides the store type (a struct with a `pool` field), its connection
//! type, and `async fn write_tx(&self)`, which starts a transaction that will write
//! (SQLite takes the write lock up front so a read-then-write never fails half way, and
//! writers serialize). The SQL text lives in `sql/`, row assembly in `rows/`, conflict
//! mapping in `conflict.rs`.

mod accounts;
mod asset_helpers;
mod assets;
mod assignments;
mod chain;
mod distributions;
mod helpers;
mod issuers;
mod managers;
mod registry;
pub(crate) mod reports;
mod supply;
mod transfers;
mod treasury;

pub(crate) use accounts::impl_account_store;
pub(crate) use asset_helpers::impl_asset_helpers;
pub(crate) use assets::impl_asset_store;
pub(crate) use assignments::impl_assignment_store;
pub(crate) use chain::impl_chain_store;
pub(crate) use distributions::impl_distribution_store;
pub(crate) use helpers::impl_helpers;
pub(crate) use issuers::impl_issuer_store;
pub(crate) use managers::impl_manager_store;
pub(crate) use registry::impl_registry_store;
pub(crate) use reports::impl_report_store;
pub(crate) use supply::impl_supply_store;
pub(crate) use transfers::impl_transfer_store;
pub(crate) use treasury::impl_treasury_store;

/// Implements every area trait (and so [`Store`](crate::Store)) for `$store`, whose
/// connections are `$conn`.
macro_rules! impl_store {
    ($store:ty, $conn:ty) => {
        $crate::backend::impl_helpers!($store, $conn);
        $crate::backend::impl_issuer_store!($store);
        $crate::backend::impl_manager_store!($store);
        $crate::backend::impl_registry_store!($store);
        $crate::backend::impl_account_store!($store);
        $crate::backend::impl_chain_store!($store, $conn);
        $crate::backend::impl_asset_helpers!($store, $conn);
        $crate::backend::impl_asset_store!($store);
        $crate::backend::impl_assignment_store!($store, $conn);
        $crate::backend::impl_distribution_store!($store, $conn);
        $crate::backend::impl_supply_store!($store, $conn);
        $crate::backend::impl_report_store!($store, $conn);
        $crate::backend::impl_treasury_store!($store);
        $crate::backend::impl_transfer_store!($store);
    };
}

pub(crate) use impl_store;

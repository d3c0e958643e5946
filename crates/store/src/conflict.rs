//! Turns unique-constraint violations into domain conflicts.
//!
//! The schema names every unique constraint a caller can hit (`<table>_<columns>_unique`;
//! primary keys keep PostgreSQL's default `<table>_pkey`). PostgreSQL reports that name; SQLite has no constraint names in its errors and reports
//! `UNIQUE constraint failed: table.col, table.col` instead, so each known constraint is
//! listed here under both spellings. Error *messages* are read only for SQLite, and only
//! after the driver classified the error as a unique violation.

use crate::{Conflict, StoreError};

/// A unique constraint that means a domain conflict.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Constraint {
    /// `issuers (username)`.
    IssuerUsername,
    /// `registered_user_gaids (issuer_id, gaid)`.
    Gaid,
    /// `categories (issuer_id, name)`.
    CategoryName,
    /// `managed_accounts (gaid)`.
    AccountGaid,
    /// `managed_accounts (descriptor)`.
    AccountDescriptor,
    /// `managed_accounts (cosigner_index)`.
    AccountCosignerIndex,
    /// `account_addresses (account_id, chain, address_index)`.
    AddressPath,
    /// `account_addresses (address)`.
    Address,
    /// `account_addresses (script_pubkey)`.
    AddressScript,
    /// `managers (username)`.
    ManagerUsername,
    /// `chain_blocks (height)`.
    BlockHeight,
    /// `chain_blocks (hash)`.
    BlockHash,
    /// `tracked_outputs (txid, vout)`.
    Outpoint,
    /// `assets (uuid)` (and `(uuid, issuer_id)`, which SQLite may report instead).
    AssetUuid,
    /// `assets (asset_id)`.
    AssetId,
    /// `distributions (asset_uuid) WHERE state = 'unconfirmed'`.
    OpenDistribution,
    /// `distributions (uuid)`.
    DistributionUuid,
    /// `distribution_outputs (distribution_uuid, address)`.
    DistributionAddress,
    /// `reissuances (txid)`.
    ReissuanceTxid,
    /// `burns (txid)`.
    BurnTxid,
}

/// Each constraint with its name (PostgreSQL) and its column list as SQLite reports it.
const KNOWN: [(Constraint, &str, &str); 21] = [
    (
        Constraint::IssuerUsername,
        "issuers_username_unique",
        "issuers.username",
    ),
    (
        Constraint::Gaid,
        "registered_user_gaids_issuer_id_gaid_unique",
        "registered_user_gaids.issuer_id, registered_user_gaids.gaid",
    ),
    (
        Constraint::CategoryName,
        "categories_issuer_id_name_unique",
        "categories.issuer_id, categories.name",
    ),
    (
        Constraint::AccountGaid,
        "managed_accounts_gaid_unique",
        "managed_accounts.gaid",
    ),
    (
        Constraint::AccountDescriptor,
        "managed_accounts_descriptor_unique",
        "managed_accounts.descriptor",
    ),
    (
        Constraint::AccountCosignerIndex,
        "managed_accounts_cosigner_index_unique",
        "managed_accounts.cosigner_index",
    ),
    (
        Constraint::AddressPath,
        "account_addresses_pkey",
        "account_addresses.account_id, account_addresses.chain, account_addresses.address_index",
    ),
    (
        Constraint::Address,
        "account_addresses_address_unique",
        "account_addresses.address",
    ),
    (
        Constraint::AddressScript,
        "account_addresses_script_pubkey_unique",
        "account_addresses.script_pubkey",
    ),
    (
        Constraint::BlockHeight,
        "chain_blocks_pkey",
        "chain_blocks.height",
    ),
    (
        Constraint::BlockHash,
        "chain_blocks_hash_unique",
        "chain_blocks.hash",
    ),
    (
        Constraint::Outpoint,
        "tracked_outputs_pkey",
        "tracked_outputs.txid, tracked_outputs.vout",
    ),
    (Constraint::AssetUuid, "assets_pkey", "assets.uuid"),
    (
        Constraint::AssetUuid,
        "assets_uuid_issuer_id_unique",
        "assets.uuid, assets.issuer_id",
    ),
    (
        Constraint::AssetId,
        "assets_asset_id_unique",
        "assets.asset_id",
    ),
    (
        Constraint::OpenDistribution,
        "distributions_asset_uuid_open_unique",
        "distributions.asset_uuid",
    ),
    (
        Constraint::DistributionUuid,
        "distributions_pkey",
        "distributions.uuid",
    ),
    (
        Constraint::DistributionAddress,
        "distribution_outputs_distribution_uuid_address_unique",
        "distribution_outputs.distribution_uuid, distribution_outputs.address",
    ),
    (
        Constraint::ReissuanceTxid,
        "reissuances_txid_unique",
        "reissuances.txid",
    ),
    (Constraint::BurnTxid, "burns_txid_unique", "burns.txid"),
    (
        Constraint::ManagerUsername,
        "managers_username_unique",
        "managers.username",
    ),
];

/// The known unique constraint an error violated, if any.
pub(crate) fn violated(err: &sqlx::Error) -> Option<Constraint> {
    let db = err.as_database_error()?;
    if !db.is_unique_violation() {
        return None;
    }
    match db.constraint() {
        Some(name) => KNOWN.iter().find(|k| k.1 == name).map(|k| k.0),
        None => sqlite_columns(db.message())
            .and_then(|cols| KNOWN.iter().find(|k| k.2 == cols))
            .map(|k| k.0),
    }
}

/// The column list of a SQLite unique-violation message.
fn sqlite_columns(message: &str) -> Option<&str> {
    message
        .strip_prefix("UNIQUE constraint failed: ")
        .map(str::trim)
}

/// Maps violations of expected constraints to conflicts; other errors pass through.
pub(crate) trait OnConflict<T> {
    /// `Conflict` from `conflict()` if `constraint` was violated, else the backend error.
    fn on_conflict(
        self,
        constraint: Constraint,
        conflict: impl FnOnce() -> Conflict,
    ) -> Result<T, StoreError>;

    /// The conflict `conflict(constraint)` gives for the violated constraint, if any;
    /// otherwise the backend error.
    fn on_conflicts(
        self,
        conflict: impl FnOnce(Constraint) -> Option<Conflict>,
    ) -> Result<T, StoreError>;
}

impl<T> OnConflict<T> for Result<T, sqlx::Error> {
    fn on_conflict(
        self,
        constraint: Constraint,
        conflict: impl FnOnce() -> Conflict,
    ) -> Result<T, StoreError> {
        self.on_conflicts(|violated| (violated == constraint).then(conflict))
    }

    fn on_conflicts(
        self,
        conflict: impl FnOnce(Constraint) -> Option<Conflict>,
    ) -> Result<T, StoreError> {
        self.map_err(|err| match violated(&err).and_then(conflict) {
            Some(conflict) => StoreError::Conflict(conflict),
            None => StoreError::Backend(err),
        })
    }
}

/// Whether an error is a foreign-key violation (statements that can hit one reference
/// only a managed account, so callers report `StoreError::UnknownAccount`).
pub(crate) fn foreign_key_violated(err: &sqlx::Error) -> bool {
    err.as_database_error()
        .is_some_and(|db| db.is_foreign_key_violation())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sqlite_messages_name_the_columns_of_known_constraints() {
        let cols =
            sqlite_columns("UNIQUE constraint failed: categories.issuer_id, categories.name");
        assert_eq!(cols, Some("categories.issuer_id, categories.name"));
        assert_eq!(sqlite_columns("FOREIGN KEY constraint failed"), None);
    }

    #[test]
    fn every_known_constraint_has_distinct_spellings() {
        for (i, a) in KNOWN.iter().enumerate() {
            for b in &KNOWN[i + 1..] {
                assert_ne!(a.1, b.1);
                assert_ne!(a.2, b.2);
            }
        }
    }
}

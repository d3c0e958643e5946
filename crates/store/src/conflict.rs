//! Turns unique-constraint violations into domain conflicts.
//!
//! The schema names every unique constraint a caller can hit (`<table>_<columns>_unique`).
//! PostgreSQL reports that name; SQLite has no constraint names in its errors and reports
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
}

/// Each constraint with its name (PostgreSQL) and its column list as SQLite reports it.
const KNOWN: [(Constraint, &str, &str); 3] = [
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

/// Maps a violation of one expected constraint to its conflict; other errors pass through.
pub(crate) trait OnConflict<T> {
    /// `Conflict` from `conflict()` if `constraint` was violated, else the backend error.
    fn on_conflict(
        self,
        constraint: Constraint,
        conflict: impl FnOnce() -> Conflict,
    ) -> Result<T, StoreError>;
}

impl<T> OnConflict<T> for Result<T, sqlx::Error> {
    fn on_conflict(
        self,
        constraint: Constraint,
        conflict: impl FnOnce() -> Conflict,
    ) -> Result<T, StoreError> {
        self.map_err(|err| {
            if violated(&err) == Some(constraint) {
                StoreError::Conflict(conflict())
            } else {
                StoreError::Backend(err)
            }
        })
    }
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

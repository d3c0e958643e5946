//! Store errors: domain conflicts (from constraint names) and backend failures.

use tessera_core::{Gaid, Name, Username};

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
    /// A stored value no longer parses as its domain type (data written by hand?).
    #[error("stored {what} {value:?} is invalid")]
    Corrupt {
        /// What kind of value.
        what: &'static str,
        /// The stored text.
        value: String,
    },
}

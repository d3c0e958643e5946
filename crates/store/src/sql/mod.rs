//! SQL text shared by both backends.
//!
//! Everything here is valid in SQLite and PostgreSQL alike: `$n` placeholders (sqlx binds
//! them by number on SQLite too), `RETURNING`, `ON CONFLICT DO NOTHING`, `TRUE`/`FALSE`.
//! Loaders take an optional id as `$2`: `CAST($2 AS BIGINT) IS NULL` selects all rows of the
//! issuer, so one statement serves both the list and the single-row read. Every statement
//! on issuer-owned data filters by `issuer_id`. Accounts, the chain, assets and the
//! asset lifecycle have their own files, re-exported here.

mod accounts;
mod assets;
mod chain;
mod lifecycle;
mod managers;
mod reports;
mod transfers;
mod treasury;

pub(crate) use accounts::*;
pub(crate) use assets::*;
pub(crate) use chain::*;
pub(crate) use lifecycle::*;
pub(crate) use managers::*;
pub(crate) use reports::*;
pub(crate) use transfers::*;
pub(crate) use treasury::*;

// ---- issuers and tokens ----

pub(crate) const ISSUER_INSERT: &str =
    "INSERT INTO issuers (username, password_hash, created_at) VALUES ($1, $2, $3) RETURNING id";
pub(crate) const ISSUER_BY_ID: &str = "SELECT id, username, created_at FROM issuers WHERE id = $1";
pub(crate) const ISSUER_CREDENTIALS: &str =
    "SELECT id, username, created_at, password_hash FROM issuers WHERE username = $1";
pub(crate) const ISSUER_SET_PASSWORD: &str = "UPDATE issuers SET password_hash = $2 WHERE id = $1";

pub(crate) const TOKEN_INSERT: &str =
    "INSERT INTO api_tokens (token_hash, issuer_id, expires_at) VALUES ($1, $2, $3)";
pub(crate) const TOKEN_ISSUER: &str =
    "SELECT issuer_id FROM api_tokens WHERE token_hash = $1 AND expires_at > $2";
pub(crate) const TOKEN_DELETE: &str = "DELETE FROM api_tokens WHERE token_hash = $1";
pub(crate) const TOKEN_DELETE_ISSUER: &str = "DELETE FROM api_tokens WHERE issuer_id = $1";

// ---- registered users and GAIDs ----

pub(crate) const USERS: &str = "SELECT id, issuer_id, name, is_company FROM registered_users \
     WHERE issuer_id = $1 AND (CAST($2 AS BIGINT) IS NULL OR id = $2) ORDER BY id";
pub(crate) const USERS_GAIDS: &str = "SELECT registered_user_id, gaid, is_default \
     FROM registered_user_gaids \
     WHERE issuer_id = $1 AND (CAST($2 AS BIGINT) IS NULL OR registered_user_id = $2) \
     ORDER BY id";
pub(crate) const USERS_CATEGORIES: &str = "SELECT registered_user_id, category_id \
     FROM category_members \
     WHERE issuer_id = $1 AND (CAST($2 AS BIGINT) IS NULL OR registered_user_id = $2) \
     ORDER BY category_id";
pub(crate) const USER_EXISTS: &str =
    "SELECT id FROM registered_users WHERE id = $1 AND issuer_id = $2";
pub(crate) const USER_INSERT: &str = "INSERT INTO registered_users \
     (issuer_id, name, is_company, created_at) VALUES ($1, $2, $3, $4) RETURNING id";
pub(crate) const USER_RENAME: &str =
    "UPDATE registered_users SET name = $3 WHERE id = $1 AND issuer_id = $2";
/// GAIDs and category memberships go with the user (`ON DELETE CASCADE`).
pub(crate) const USER_DELETE: &str =
    "DELETE FROM registered_users WHERE id = $1 AND issuer_id = $2";

pub(crate) const GAID_OWNER: &str =
    "SELECT registered_user_id FROM registered_user_gaids WHERE issuer_id = $1 AND gaid = $2";
/// The first GAID of a user becomes its default. `created_at` takes the column default
/// (the database clock): `Store::add_gaid` receives no time.
pub(crate) const GAID_INSERT: &str = "INSERT INTO registered_user_gaids \
     (registered_user_id, issuer_id, gaid, is_default) \
     VALUES ($1, $2, $3, \
       NOT EXISTS (SELECT 1 FROM registered_user_gaids WHERE registered_user_id = $1))";
/// Cleared before [`GAID_SET_DEFAULT`]: the one-default index is checked row by row.
pub(crate) const GAID_CLEAR_DEFAULT: &str = "UPDATE registered_user_gaids SET is_default = FALSE \
     WHERE registered_user_id = $1 AND is_default";
pub(crate) const GAID_SET_DEFAULT: &str = "UPDATE registered_user_gaids SET is_default = TRUE \
     WHERE registered_user_id = $1 AND gaid = $2";

// ---- categories ----

pub(crate) const CATEGORIES: &str = "SELECT id, issuer_id, name, description FROM categories \
     WHERE issuer_id = $1 AND (CAST($2 AS BIGINT) IS NULL OR id = $2) ORDER BY id";
pub(crate) const CATEGORIES_MEMBERS: &str = "SELECT category_id, registered_user_id \
     FROM category_members \
     WHERE issuer_id = $1 AND (CAST($2 AS BIGINT) IS NULL OR category_id = $2) \
     ORDER BY registered_user_id";
pub(crate) const CATEGORIES_ASSETS: &str = "SELECT a.category_id, a.asset_uuid \
     FROM category_assets a JOIN categories c ON c.id = a.category_id \
     WHERE c.issuer_id = $1 AND (CAST($2 AS BIGINT) IS NULL OR a.category_id = $2) \
     ORDER BY a.asset_uuid";
pub(crate) const CATEGORY_EXISTS: &str =
    "SELECT id FROM categories WHERE id = $1 AND issuer_id = $2";
pub(crate) const CATEGORY_INSERT: &str = "INSERT INTO categories \
     (issuer_id, name, description, created_at) VALUES ($1, $2, $3, $4) RETURNING id";
/// `NULL` keeps the current value.
pub(crate) const CATEGORY_EDIT: &str = "UPDATE categories \
     SET name = COALESCE($3, name), description = COALESCE($4, description) \
     WHERE id = $1 AND issuer_id = $2";
/// Memberships and requirements go with the category (`ON DELETE CASCADE`).
pub(crate) const CATEGORY_DELETE: &str = "DELETE FROM categories WHERE id = $1 AND issuer_id = $2";
pub(crate) const MEMBER_INSERT: &str = "INSERT INTO category_members \
     (category_id, registered_user_id, issuer_id) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING";
pub(crate) const MEMBER_DELETE: &str = "DELETE FROM category_members \
     WHERE category_id = $1 AND registered_user_id = $2 AND issuer_id = $3";

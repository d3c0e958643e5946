//! SQL of managed accounts, their addresses and wallet sessions (both backends).

/// Takes the next co-signer index; the row lock (PostgreSQL) or the write lock (SQLite)
/// makes concurrent callers wait, so each gets its own.
pub(crate) const COSIGNER_NEXT: &str = "UPDATE cosigner_index_counter \
     SET next_index = next_index + 1 RETURNING next_index - 1";
pub(crate) const COSIGNER_RESERVE: &str = "INSERT INTO cosigner_reservations \
     (cosigner_index, created_at, used) VALUES ($1, $2, FALSE)";
/// Marks a reservation used; no row if it does not exist or is used already.
pub(crate) const COSIGNER_USE: &str = "UPDATE cosigner_reservations SET used = TRUE \
     WHERE cosigner_index = $1 AND NOT used";

pub(crate) const ACCOUNT_INSERT: &str = "INSERT INTO managed_accounts \
     (gaid, descriptor, cosigner_index, created_at) VALUES ($1, $2, $3, $4) RETURNING id";
macro_rules! account_select {
    () => {
        "SELECT id, gaid, descriptor, cosigner_index, created_at FROM managed_accounts"
    };
}
pub(crate) const ACCOUNT_BY_ID: &str = concat!(account_select!(), " WHERE id = $1");
pub(crate) const ACCOUNT_BY_GAID: &str = concat!(account_select!(), " WHERE gaid = $1");
pub(crate) const ACCOUNTS: &str = concat!(account_select!(), " ORDER BY id");

/// Hands out the next index of a chain: the update takes the row's lock, so concurrent
/// callers get consecutive indexes. `RETURNING` sees the new value.
pub(crate) const NEXT_EXTERNAL: &str = "UPDATE managed_accounts \
     SET next_external = next_external + 1 WHERE id = $1 RETURNING next_external - 1";
pub(crate) const NEXT_INTERNAL: &str = "UPDATE managed_accounts \
     SET next_internal = next_internal + 1 WHERE id = $1 RETURNING next_internal - 1";

pub(crate) const ADDRESS_INSERT: &str = "INSERT INTO account_addresses \
     (account_id, chain, address_index, address, script_pubkey, created_at) \
     VALUES ($1, $2, $3, $4, $5, $6)";
macro_rules! address_select {
    () => {
        "SELECT account_id, chain, address_index, address, script_pubkey FROM account_addresses"
    };
}
pub(crate) const ADDRESSES_OF_ACCOUNT: &str = concat!(
    address_select!(),
    " WHERE account_id = $1 ORDER BY chain, address_index"
);
pub(crate) const ADDRESS_BY_SCRIPT: &str = concat!(address_select!(), " WHERE script_pubkey = $1");
pub(crate) const ADDRESSES: &str = concat!(
    address_select!(),
    " ORDER BY account_id, chain, address_index"
);

pub(crate) const CHALLENGE_INSERT: &str = "INSERT INTO wallet_challenges \
     (challenge, account_id, expires_at) VALUES ($1, $2, $3)";
pub(crate) const CHALLENGES_OPEN: &str =
    "SELECT COUNT(*) FROM wallet_challenges WHERE account_id = $1 AND expires_at > $2";
/// The purge job's deletes, each `expires_at <= $1`.
pub(crate) const SESSIONS_PURGE: [&str; 4] = [
    "DELETE FROM api_tokens WHERE expires_at <= $1",
    "DELETE FROM manager_tokens WHERE expires_at <= $1",
    "DELETE FROM wallet_tokens WHERE expires_at <= $1",
    "DELETE FROM wallet_challenges WHERE expires_at <= $1",
];
/// Single use: the challenge is deleted by the call that accepts it.
pub(crate) const CHALLENGE_TAKE: &str = "DELETE FROM wallet_challenges \
     WHERE challenge = $1 AND account_id = $2 AND expires_at > $3";

pub(crate) const WALLET_TOKEN_INSERT: &str =
    "INSERT INTO wallet_tokens (token_hash, account_id, expires_at) VALUES ($1, $2, $3)";
pub(crate) const WALLET_TOKEN_ACCOUNT: &str =
    "SELECT account_id FROM wallet_tokens WHERE token_hash = $1 AND expires_at > $2";

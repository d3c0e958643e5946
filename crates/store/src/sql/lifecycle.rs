//! SQL of assignments, distributions, reissuances and burns (both backends).
//!
//! An assignment's state is in its columns: `distribution_uuid` NULL is pending, set with
//! `distributed_txid` NULL is in an unconfirmed distribution, both set is distributed.
//! The guards that keep a taken assignment from changing are in the `WHERE` clauses, so
//! they hold even when the caller's own check raced with another server.

macro_rules! assignment_select {
    () => {
        "SELECT id, asset_uuid, registered_user_id, amount, vesting_timestamp, \
         ready_for_distribution, is_locked, distribution_uuid, distributed_txid \
         FROM assignments WHERE issuer_id = $1 AND asset_uuid = $2"
    };
}
pub(crate) const ASSIGNMENT_INSERT: &str = "INSERT INTO assignments (asset_uuid, issuer_id, \
     registered_user_id, amount, vesting_timestamp, ready_for_distribution, is_locked, \
     created_at, creator) VALUES ($1, $2, $3, $4, $5, $6, FALSE, $7, $2) RETURNING id";
/// `$3` NULL: all; TRUE: distributed only; FALSE: undistributed only.
pub(crate) const ASSIGNMENTS: &str = concat!(
    assignment_select!(),
    " AND (CAST($3 AS BOOLEAN) IS NULL OR (distributed_txid IS NOT NULL) = $3) ORDER BY id"
);
pub(crate) const ASSIGNMENT_ONE: &str = concat!(assignment_select!(), " AND id = $3");
/// Never a distributed one; one in a distribution keeps its amount.
pub(crate) const ASSIGNMENT_UPDATE: &str = "UPDATE assignments SET amount = $4, \
     vesting_timestamp = $5, ready_for_distribution = $6, is_locked = $7 \
     WHERE id = $1 AND issuer_id = $2 AND asset_uuid = $3 AND distributed_txid IS NULL \
     AND (distribution_uuid IS NULL OR amount = $4)";
pub(crate) const ASSIGNMENT_DELETE: &str = "DELETE FROM assignments \
     WHERE id = $1 AND issuer_id = $2 AND asset_uuid = $3 AND distribution_uuid IS NULL";
/// Counts and sums (undistributed, distributed) of an asset.
pub(crate) const ASSIGNMENT_TOTALS: &str = "SELECT \
     COUNT(*), \
     COUNT(*) - COUNT(distributed_txid), \
     CAST(COALESCE(SUM(CASE WHEN distributed_txid IS NULL THEN amount END), 0) AS BIGINT), \
     COUNT(distributed_txid), \
     CAST(COALESCE(SUM(CASE WHEN distributed_txid IS NOT NULL THEN amount END), 0) AS BIGINT) \
     FROM assignments WHERE issuer_id = $1 AND asset_uuid = $2";
pub(crate) const USER_ASSIGNMENT_TOTALS: &str = "SELECT asset_uuid, COUNT(*), \
     CAST(SUM(amount) AS BIGINT), COUNT(distributed_txid), \
     CAST(COALESCE(SUM(CASE WHEN distributed_txid IS NOT NULL THEN amount END), 0) AS BIGINT) \
     FROM assignments WHERE issuer_id = $1 AND registered_user_id = $2 \
     GROUP BY asset_uuid ORDER BY asset_uuid";
pub(crate) const USER_HAS_ASSIGNMENTS: &str =
    "SELECT id FROM assignments WHERE registered_user_id = $1 AND issuer_id = $2 LIMIT 1";
/// Takes a pending, unlocked assignment of the asset; no row otherwise.
pub(crate) const ASSIGNMENT_TAKE: &str = "UPDATE assignments SET distribution_uuid = $1 \
     WHERE id = $2 AND asset_uuid = $3 AND distribution_uuid IS NULL AND NOT is_locked";
pub(crate) const ASSIGNMENT_STATE: &str =
    "SELECT distribution_uuid FROM assignments WHERE id = $1 AND asset_uuid = $2";
pub(crate) const ASSIGNMENTS_RELEASE: &str = "UPDATE assignments SET distribution_uuid = NULL \
     WHERE distribution_uuid = $1 AND distributed_txid IS NULL";
pub(crate) const ASSIGNMENTS_DISTRIBUTE: &str =
    "UPDATE assignments SET distributed_txid = $2 WHERE distribution_uuid = $1";

macro_rules! distribution_select {
    () => {
        "SELECT uuid, asset_uuid, state, created_at, txid, confirmed_height, confirmed_at \
         FROM distributions WHERE issuer_id = $1 AND asset_uuid = $2"
    };
}
pub(crate) const DISTRIBUTIONS: &str = concat!(
    distribution_select!(),
    " AND (CAST($3 AS TEXT) IS NULL OR uuid = $3) ORDER BY created_at, uuid"
);
pub(crate) const DISTRIBUTION_OPEN: &str =
    "SELECT uuid FROM distributions WHERE asset_uuid = $1 AND state = 'unconfirmed'";
pub(crate) const DISTRIBUTION_INSERT: &str = "INSERT INTO distributions \
     (uuid, asset_uuid, issuer_id, state, created_at) VALUES ($1, $2, $3, 'unconfirmed', $4)";
/// Only an unconfirmed one: a concurrent cancel or confirm makes this change nothing.
pub(crate) const DISTRIBUTION_CANCEL: &str = "UPDATE distributions SET state = 'cancelled' \
     WHERE uuid = $1 AND issuer_id = $2 AND asset_uuid = $3 AND state = 'unconfirmed'";
/// A tracked output paying one of an unconfirmed distribution's addresses exactly its asset
/// and amount (`cancel_distribution` refuses then).
pub(crate) const DISTRIBUTION_PAID_BY: &str = "SELECT o.txid FROM distributions x \
     JOIN distribution_outputs d ON d.distribution_uuid = x.uuid \
     JOIN assets a ON a.uuid = x.asset_uuid \
     JOIN tracked_outputs o ON o.script_pubkey = d.script_pubkey \
         AND o.asset_id = a.asset_id AND o.amount = d.amount \
     WHERE x.uuid = $1 AND x.issuer_id = $2 AND x.asset_uuid = $3 AND x.state = 'unconfirmed' \
     ORDER BY o.height, o.txid LIMIT 1";
pub(crate) const DISTRIBUTION_CONFIRM: &str = "UPDATE distributions SET state = 'confirmed', \
     txid = $4, confirmed_height = $5, confirmed_at = $6 \
     WHERE uuid = $1 AND issuer_id = $2 AND asset_uuid = $3 AND state = 'unconfirmed'";
pub(crate) const PAYOUT_INSERT: &str = "INSERT INTO distribution_outputs (distribution_uuid, \
     address, script_pubkey, registered_user_id, gaid, account_id, amount, vout) \
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id";
pub(crate) const PAYOUT_SET_VOUT: &str = "UPDATE distribution_outputs SET vout = $3 \
     WHERE distribution_uuid = $1 AND address = $2";
/// Outputs of the asset's distributions (`$3` NULL: all of them).
pub(crate) const PAYOUTS: &str = "SELECT o.id, o.distribution_uuid, o.address, \
     o.script_pubkey, o.registered_user_id, o.gaid, o.account_id, o.amount, o.vout \
     FROM distribution_outputs o JOIN distributions d ON d.uuid = o.distribution_uuid \
     WHERE d.issuer_id = $1 AND d.asset_uuid = $2 \
     AND (CAST($3 AS TEXT) IS NULL OR d.uuid = $3) ORDER BY o.id";
pub(crate) const PAYOUTS_ASSIGNMENTS: &str = "SELECT l.distribution_output_id, \
     l.assignment_id FROM distribution_assignments l \
     JOIN distributions d ON d.uuid = l.distribution_uuid \
     WHERE d.issuer_id = $1 AND d.asset_uuid = $2 \
     AND (CAST($3 AS TEXT) IS NULL OR d.uuid = $3) ORDER BY l.assignment_id";
pub(crate) const PAYOUT_LINK: &str = "INSERT INTO distribution_assignments \
     (distribution_uuid, assignment_id, distribution_output_id) VALUES ($1, $2, $3)";

// ---- reissuances and burns: the same statements on two tables ----
//
// Burns have no `vin`: their statements select `NULL` in its place, and the confirming
// statements take one parameter fewer (the backend binds accordingly).

macro_rules! supply_sql {
    ($table:literal, $vin:literal, $confirmed_cols:literal, $confirmed_vals:literal,
     $confirm_set:literal) => {
        SupplySql {
            insert_request: concat!(
                "INSERT INTO ",
                $table,
                " (asset_uuid, amount, state, created_at) VALUES ($1, $2, 'requested', $3) \
                 RETURNING id"
            ),
            insert_confirmed: concat!(
                "INSERT INTO ",
                $table,
                " (asset_uuid, amount, state, ",
                $confirmed_cols,
                ") VALUES ($1, $2, 'confirmed', ",
                $confirmed_vals,
                ") RETURNING id"
            ),
            oldest_request: concat!(
                "SELECT id FROM ",
                $table,
                " WHERE asset_uuid = $1 AND amount = $2 AND state = 'requested' \
                 ORDER BY id LIMIT 1"
            ),
            confirm: concat!(
                "UPDATE ",
                $table,
                " SET state = 'confirmed', ",
                $confirm_set,
                " WHERE id = $1 AND state = 'requested'"
            ),
            by_txid: concat!(
                "SELECT id, asset_uuid, amount, created_at, txid, ",
                $vin,
                ", height, confirmed_at FROM ",
                $table,
                " WHERE txid = $1"
            ),
            list: concat!(
                "SELECT id, asset_uuid, amount, created_at, txid, ",
                $vin,
                ", height, confirmed_at FROM ",
                $table,
                " WHERE asset_uuid = $1 AND (CAST($2 AS BIGINT) IS NULL OR id = $2) ORDER BY id"
            ),
            confirmed_sum: concat!(
                "SELECT CAST(COALESCE(SUM(amount), 0) AS BIGINT) FROM ",
                $table,
                " WHERE asset_uuid = $1 AND state = 'confirmed'"
            ),
        }
    };
}

/// The statements of one supply table.
pub(crate) struct SupplySql {
    /// `(asset, amount, now)` → id.
    pub(crate) insert_request: &'static str,
    /// `(asset, amount, txid, [vin,] height, now)` → id.
    pub(crate) insert_confirmed: &'static str,
    /// `(asset, amount)` → id.
    pub(crate) oldest_request: &'static str,
    /// `(id, txid, [vin,] height, now)`.
    pub(crate) confirm: &'static str,
    /// `(txid)` → row.
    pub(crate) by_txid: &'static str,
    /// `(asset, id or NULL)` → rows.
    pub(crate) list: &'static str,
    /// `(asset)` → sum of confirmed amounts.
    pub(crate) confirmed_sum: &'static str,
}

/// Reissuances: rows `(id, asset, amount, created_at, txid, vin, height, confirmed_at)`.
pub(crate) const REISSUANCE: SupplySql = supply_sql!(
    "reissuances",
    "vin",
    "txid, vin, height, created_at, confirmed_at",
    "$3, $4, $5, $6, $6",
    "txid = $2, vin = $3, height = $4, confirmed_at = $5"
);
/// Burns: rows as reissuances', with a NULL vin.
pub(crate) const BURN: SupplySql = supply_sql!(
    "burns",
    "CAST(NULL AS BIGINT)",
    "txid, height, created_at, confirmed_at",
    "$3, $4, $5, $5",
    "txid = $2, height = $3, confirmed_at = $4"
);

//! SQL of the chain watcher's blocks, tracked outputs and ownership ledger (both backends).
//!
//! Owners are bound as four values, `(owner_kind, account_id, gaid, treasury_address)`,
//! see `rows::chain::owner_columns`. Sums are cast to `BIGINT` because PostgreSQL sums
//! `BIGINT`s as `NUMERIC`.

pub(crate) const BLOCK_TIP: &str =
    "SELECT height, hash, prev_hash, time FROM chain_blocks ORDER BY height DESC LIMIT 1";
pub(crate) const BLOCK_AT: &str =
    "SELECT height, hash, prev_hash, time FROM chain_blocks WHERE height = $1";
pub(crate) const BLOCK_INSERT: &str =
    "INSERT INTO chain_blocks (height, hash, prev_hash, time) VALUES ($1, $2, $3, $4)";

pub(crate) const OUTPUT_INSERT: &str = "INSERT INTO tracked_outputs \
     (txid, vout, owner_kind, account_id, gaid, treasury_address, asset_id, amount, \
      asset_blinder, amount_blinder, script_pubkey, height) \
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)";
/// Marks a spend; no row if the output is unknown or spent already.
pub(crate) const OUTPUT_SPEND: &str = "UPDATE tracked_outputs \
     SET spent_txid = $3, spent_vin = $4, spent_height = $5 \
     WHERE txid = $1 AND vout = $2 AND spent_txid IS NULL";
macro_rules! output_select {
    () => {
        "SELECT txid, vout, owner_kind, account_id, gaid, treasury_address, asset_id, amount, \
         asset_blinder, amount_blinder, script_pubkey, height, spent_txid, spent_vin, \
         spent_height FROM tracked_outputs"
    };
}
pub(crate) const OUTPUT_BY_OUTPOINT: &str =
    concat!(output_select!(), " WHERE txid = $1 AND vout = $2");
pub(crate) const OUTPUTS_UNSPENT_OF_ACCOUNT: &str = concat!(
    output_select!(),
    " WHERE account_id = $1 AND spent_txid IS NULL ORDER BY height, txid, vout"
);
pub(crate) const OUTPOINTS_UNSPENT: &str =
    "SELECT txid, vout FROM tracked_outputs WHERE spent_txid IS NULL ORDER BY txid, vout";

pub(crate) const LEDGER_INSERT: &str = "INSERT INTO ownership_ledger \
     (asset_id, owner_kind, account_id, gaid, treasury_address, delta, txid, vout, height, \
      time) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)";
pub(crate) const BALANCES_OF_GAID: &str = "SELECT asset_id, CAST(SUM(delta) AS BIGINT) \
     FROM ownership_ledger WHERE gaid = $1 \
     GROUP BY asset_id HAVING SUM(delta) <> 0 ORDER BY asset_id";
pub(crate) const BALANCE_OF_GAID: &str = "SELECT CAST(COALESCE(SUM(delta), 0) AS BIGINT) \
     FROM ownership_ledger WHERE gaid = $1 AND asset_id = $2";

// Rollback, in this order: rows referencing blocks first, then the blocks.
pub(crate) const ROLLBACK_LEDGER: &str = "DELETE FROM ownership_ledger WHERE height > $1";
pub(crate) const ROLLBACK_SPENDS: &str = "UPDATE tracked_outputs \
     SET spent_txid = NULL, spent_vin = NULL, spent_height = NULL WHERE spent_height > $1";
pub(crate) const UNREADABLE_INSERT: &str = "INSERT INTO unreadable_outputs \
     (txid, vout, owner_kind, account_id, gaid, treasury_address, asset_id, amount, \
     script_pubkey, reason, height) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) \
     ON CONFLICT (txid, vout) DO NOTHING";
pub(crate) const UNREADABLE_ALL: &str = "SELECT txid, vout, owner_kind, account_id, gaid, \
     treasury_address, asset_id, amount, script_pubkey, reason, height \
     FROM unreadable_outputs ORDER BY height, txid, vout";
pub(crate) const ROLLBACK_UNREADABLE: &str = "DELETE FROM unreadable_outputs WHERE height > $1";
/// The holding of an asset by an account, or by a treasury address.
pub(crate) const HOLDING_OF_ACCOUNT: &str = "SELECT CAST(COALESCE(SUM(delta), 0) AS BIGINT) \
     FROM ownership_ledger WHERE asset_id = $1 AND owner_kind = 'account' AND account_id = $2";
pub(crate) const HOLDING_OF_TREASURY: &str = "SELECT CAST(COALESCE(SUM(delta), 0) AS BIGINT) \
     FROM ownership_ledger WHERE asset_id = $1 AND owner_kind = 'treasury' \
     AND treasury_address = $2";
pub(crate) const ROLLBACK_OUTPUTS: &str = "DELETE FROM tracked_outputs WHERE height > $1";
pub(crate) const ROLLBACK_BLOCKS: &str = "DELETE FROM chain_blocks WHERE height > $1";

/// The latest checkpoint of asset `$1` at or below height `$2`; -1 if none.
macro_rules! checkpoint_below {
    () => {
        "(SELECT COALESCE(MAX(height), -1) FROM ledger_checkpoint_heads \
         WHERE asset_id = $1 AND height <= $2)"
    };
}
/// Owners and their balances of asset `$1` as of height `$2`, zeros included: the latest
/// checkpoint at or below `$2` plus the ledger rows after it (`ownership_ledger` alone when
/// there is none).
macro_rules! holdings_grouped {
    () => {
        concat!(
            "SELECT owner_kind, account_id, gaid, treasury_address, \
             CAST(SUM(delta) AS BIGINT) AS balance FROM (\
             SELECT owner_kind, account_id, gaid, treasury_address, balance AS delta \
             FROM ledger_checkpoints WHERE asset_id = $1 AND height = ",
            checkpoint_below!(),
            " UNION ALL SELECT owner_kind, account_id, gaid, treasury_address, delta \
             FROM ownership_ledger WHERE asset_id = $1 AND height <= $2 AND height > ",
            checkpoint_below!(),
            ") t GROUP BY owner_kind, account_id, gaid, treasury_address HAVING SUM(delta) <> 0"
        )
    };
}
pub(crate) const ASSET_HOLDINGS: &str = concat!(
    holdings_grouped!(),
    " ORDER BY owner_kind, gaid, treasury_address"
);

// Checkpoints (`apply_block`): the latest one of an asset, the ledger rows after it (counted
// up to a limit), and a new one at a height.
pub(crate) const CHECKPOINT_LATEST: &str = "SELECT height, owners FROM ledger_checkpoint_heads \
     WHERE asset_id = $1 ORDER BY height DESC LIMIT 1";
pub(crate) const LEDGER_ROWS_ABOVE: &str = "SELECT COUNT(*) FROM (SELECT 1 FROM ownership_ledger \
     WHERE asset_id = $1 AND height > $2 LIMIT $3) t";
pub(crate) const CHECKPOINT_INSERT: &str = concat!(
    "INSERT INTO ledger_checkpoints \
     (owner_kind, account_id, gaid, treasury_address, balance, asset_id, height) \
     SELECT h.*, $1, $2 FROM (",
    holdings_grouped!(),
    ") h"
);
pub(crate) const CHECKPOINT_HEAD_INSERT: &str =
    "INSERT INTO ledger_checkpoint_heads (asset_id, height, owners) VALUES ($1, $2, $3)";
pub(crate) const ROLLBACK_CHECKPOINTS: &str = "DELETE FROM ledger_checkpoints WHERE height > $1";
pub(crate) const ROLLBACK_CHECKPOINT_HEADS: &str =
    "DELETE FROM ledger_checkpoint_heads WHERE height > $1";
pub(crate) const OUTPUTS_UNSPENT_OF_ASSET: &str = concat!(
    output_select!(),
    " WHERE asset_id = $1 AND spent_txid IS NULL ORDER BY height, txid, vout"
);
pub(crate) const OUTPUTS_OF_ASSET: &str = concat!(
    output_select!(),
    " WHERE asset_id = $1 ORDER BY height, txid, vout"
);
/// The blocks at some heights: `$1, …, $n` are appended by the caller.
pub(crate) const BLOCKS_AT_PREFIX: &str =
    "SELECT height, hash, prev_hash, time FROM chain_blocks WHERE height IN (";
pub(crate) const BLOCK_AT_OR_BEFORE_TIME: &str = "SELECT height, hash, prev_hash, time \
     FROM chain_blocks WHERE time <= $1 ORDER BY height DESC LIMIT 1";

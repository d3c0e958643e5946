//! SQL of assets, their requirements, treasury addresses, locked outputs and activities
//! (both backends). Every statement on an asset filters by `issuer_id`, except the few
//! the chain side uses, which say so.

pub(crate) const ASSET_INSERT: &str = "INSERT INTO assets (uuid, issuer_id, asset_id, \
     reissuance_token_id, name, ticker, domain, pubkey, precision, transfer_restricted, \
     is_reissuable, is_locked, is_registered, is_authorized, issuer_authorization_endpoint, \
     issuance_txid, issuance_vin, asset_vout, reissuance_vout, issued_amount, created_at) \
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, \
     $18, $19, $20, $21)";
macro_rules! asset_select {
    () => {
        "SELECT uuid, issuer_id, asset_id, reissuance_token_id, name, ticker, domain, pubkey, \
         precision, transfer_restricted, is_reissuable, is_locked, is_registered, \
         is_authorized, issuer_authorization_endpoint, issuance_txid, issuance_vin, \
         asset_vout, reissuance_vout FROM assets"
    };
}
/// `$2` NULL: every asset of the issuer.
pub(crate) const ASSETS: &str = concat!(
    asset_select!(),
    " WHERE issuer_id = $1 AND (CAST($2 AS TEXT) IS NULL OR uuid = $2) \
     ORDER BY created_at, uuid"
);
pub(crate) const ASSETS_REQUIREMENTS: &str = "SELECT r.asset_uuid, r.category_id \
     FROM category_assets r JOIN assets a ON a.uuid = r.asset_uuid \
     WHERE a.issuer_id = $1 AND (CAST($2 AS TEXT) IS NULL OR a.uuid = $2) \
     ORDER BY r.category_id";
/// Unscoped: the chain side meets assets by their on-chain id.
pub(crate) const ASSET_OWNER_BY_ASSET_ID: &str =
    "SELECT uuid, issuer_id FROM assets WHERE asset_id = $1";
pub(crate) const ASSET_EXISTS: &str =
    "SELECT issued_amount FROM assets WHERE uuid = $1 AND issuer_id = $2";
/// `NULL` keeps a flag.
pub(crate) const ASSET_SET_FLAGS: &str = "UPDATE assets SET \
     is_locked = COALESCE($3, is_locked), is_registered = COALESCE($4, is_registered), \
     is_authorized = COALESCE($5, is_authorized) WHERE uuid = $1 AND issuer_id = $2";
pub(crate) const ASSET_SET_ENDPOINT: &str = "UPDATE assets \
     SET issuer_authorization_endpoint = $3, authorization_mode = $4 \
     WHERE uuid = $1 AND issuer_id = $2";
pub(crate) const ASSET_MODE: &str =
    "SELECT authorization_mode FROM assets WHERE uuid = $1 AND issuer_id = $2";
pub(crate) const ASSET_MEMO: &str = "SELECT memo FROM assets WHERE uuid = $1 AND issuer_id = $2";
pub(crate) const ASSET_SET_MEMO: &str =
    "UPDATE assets SET memo = $3 WHERE uuid = $1 AND issuer_id = $2";
/// Whether anything that moved or reserved the asset refers to it.
pub(crate) const ASSET_IN_USE: &str = "SELECT \
     EXISTS (SELECT 1 FROM assignments WHERE asset_uuid = $1) \
     OR EXISTS (SELECT 1 FROM distributions WHERE asset_uuid = $1) \
     OR EXISTS (SELECT 1 FROM reissuances WHERE asset_uuid = $1) \
     OR EXISTS (SELECT 1 FROM burns WHERE asset_uuid = $1)";
/// `category_assets` has no foreign key to `assets` (see migration 0004).
pub(crate) const ASSET_DELETE_REQUIREMENTS: &str =
    "DELETE FROM category_assets WHERE asset_uuid = $1";
/// Treasury addresses, locked outputs and activities go with it (`ON DELETE CASCADE`).
pub(crate) const ASSET_DELETE: &str = "DELETE FROM assets WHERE uuid = $1 AND issuer_id = $2";

pub(crate) const REQUIREMENT_INSERT: &str =
    "INSERT INTO category_assets (category_id, asset_uuid) VALUES ($1, $2) \
     ON CONFLICT DO NOTHING";
pub(crate) const REQUIREMENT_DELETE: &str =
    "DELETE FROM category_assets WHERE category_id = $1 AND asset_uuid = $2";

pub(crate) const TREASURY_ADDRESSES: &str =
    "SELECT address FROM treasury_addresses WHERE asset_uuid = $1 ORDER BY address";
pub(crate) const TREASURY_INSERT: &str = "INSERT INTO treasury_addresses \
     (asset_uuid, address, script_pubkey) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING";
pub(crate) const TREASURY_DELETE: &str =
    "DELETE FROM treasury_addresses WHERE asset_uuid = $1 AND address = $2";
/// Unscoped: for the chain watcher.
pub(crate) const TREASURY_ALL: &str = "SELECT asset_uuid, address, script_pubkey \
     FROM treasury_addresses ORDER BY asset_uuid, address";

pub(crate) const LOCKED_OUTPUTS: &str =
    "SELECT txid, vout FROM locked_outputs WHERE asset_uuid = $1 ORDER BY txid, vout";
pub(crate) const LOCKED_INSERT: &str = "INSERT INTO locked_outputs (asset_uuid, txid, vout) \
     VALUES ($1, $2, $3) ON CONFLICT DO NOTHING";
pub(crate) const LOCKED_DELETE: &str =
    "DELETE FROM locked_outputs WHERE asset_uuid = $1 AND txid = $2 AND vout = $3";
/// Unscoped: for the co-signer.
pub(crate) const LOCKED_ONE: &str =
    "SELECT CAST(1 AS BIGINT) FROM locked_outputs WHERE asset_uuid = $1 AND txid = $2 AND vout = $3";

pub(crate) const ACTIVITY_INSERT: &str = "INSERT INTO asset_activities (asset_uuid, kind, \
     txid, vout, height, amount, gaid, registered_user_id, description, created_at) \
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id";
macro_rules! activity_select {
    () => {
        "SELECT id, asset_uuid, kind, txid, vout, height, amount, gaid, registered_user_id, \
         description, created_at FROM asset_activities WHERE asset_uuid = $1"
    };
}
pub(crate) const ACTIVITIES_ASC: &str =
    concat!(activity_select!(), " ORDER BY id LIMIT $2 OFFSET $3");
pub(crate) const ACTIVITIES_DESC: &str =
    concat!(activity_select!(), " ORDER BY id DESC LIMIT $2 OFFSET $3");

//! SQL of treasury outputs and output blinders (both backends).

pub(crate) const TREASURY_ASSET_OWNED: &str =
    "SELECT uuid FROM assets WHERE uuid = $1 AND issuer_id = $2";
pub(crate) const TREASURY_OUTPUT_INSERT: &str = "INSERT INTO treasury_outputs \
     (asset_uuid, txid, vout, kind, amount, asset_blinder, amount_blinder, origin, created_at) \
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT DO NOTHING";
pub(crate) const TREASURY_OUTPUTS: &str = "SELECT txid, vout, kind, amount, asset_blinder, \
     amount_blinder, origin FROM treasury_outputs WHERE asset_uuid = $1 ORDER BY id";
pub(crate) const OUTPUT_BLINDERS_UPSERT: &str = "INSERT INTO output_blinders \
     (asset_uuid, txid, vout, asset_blinder, amount_blinder, updated_at) \
     VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (asset_uuid, txid, vout) DO UPDATE SET \
     asset_blinder = excluded.asset_blinder, amount_blinder = excluded.amount_blinder, \
     updated_at = excluded.updated_at";
pub(crate) const OUTPUT_BLINDERS: &str = "SELECT txid, vout, asset_blinder, amount_blinder \
     FROM output_blinders WHERE asset_uuid = $1 ORDER BY txid, vout";
pub(crate) const OUTPUT_ADDRESS_INSERT: &str = "INSERT INTO output_addresses \
     (asset_uuid, txid, vout, address, created_at) VALUES ($1, $2, $3, $4, $5) \
     ON CONFLICT DO NOTHING";
pub(crate) const OUTPUT_ADDRESSES: &str = "SELECT txid, vout, address FROM output_addresses \
     WHERE asset_uuid = $1 ORDER BY txid, vout";

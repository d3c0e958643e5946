-- AMP wire values the server knows instead of constants (issue 11).
--
-- The address a verified output of an asset's transaction paid, as the issuer's wallet
-- reported it (`gettransaction` details) and checked against the output's script on
-- chain: a reissuance's `destination_address`.
CREATE TABLE output_addresses (
    asset_uuid TEXT    NOT NULL REFERENCES assets (uuid) ON DELETE CASCADE,
    txid       TEXT    NOT NULL,
    vout       INTEGER NOT NULL CHECK (vout >= 0),
    address    TEXT    NOT NULL,
    created_at INTEGER NOT NULL,
    PRIMARY KEY (asset_uuid, txid, vout)
);

-- An asset's history and lost outputs read every tracked output of the asset.
CREATE INDEX tracked_outputs_asset ON tracked_outputs (asset_id, height);

-- Treasury outputs the server verified (issuance transfer, reissuance outputs, change of
-- distributions and burns), for the reissue and burn files; and the blinders issuers
-- supply for issuance outputs (AMP's update-blinders).
--
-- Outputs are never deleted: whether one is still unspent is asked of the chain when a
-- file is made. Txids and blinders are lower-case hex in Elements' display order.

CREATE TABLE treasury_outputs (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    asset_uuid     TEXT    NOT NULL REFERENCES assets (uuid) ON DELETE CASCADE,
    txid           TEXT    NOT NULL,
    vout           INTEGER NOT NULL CHECK (vout >= 0),
    kind           TEXT    NOT NULL CHECK (kind IN ('asset', 'token')),
    amount         INTEGER NOT NULL CHECK (amount > 0),
    asset_blinder  TEXT    NOT NULL,
    amount_blinder TEXT    NOT NULL,
    origin         TEXT    NOT NULL
        CHECK (origin IN ('issuance', 'reissuance', 'distribution', 'burn')),
    created_at     INTEGER NOT NULL,
    CONSTRAINT treasury_outputs_outpoint_unique UNIQUE (asset_uuid, txid, vout)
);

CREATE TABLE output_blinders (
    asset_uuid     TEXT    NOT NULL REFERENCES assets (uuid) ON DELETE CASCADE,
    txid           TEXT    NOT NULL,
    vout           INTEGER NOT NULL CHECK (vout >= 0),
    asset_blinder  TEXT    NOT NULL,
    amount_blinder TEXT    NOT NULL,
    updated_at     INTEGER NOT NULL,
    PRIMARY KEY (asset_uuid, txid, vout)
);

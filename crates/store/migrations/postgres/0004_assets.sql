-- The asset lifecycle: assets with their treasury addresses and locked outputs,
-- assignments, distributions, reissuances, burns and the activity history.
--
-- Kept from 0001: unix seconds, ids that are never reused, `(id, issuer_id)` references so
-- the database itself refuses a link across issuers, named unique constraints. Uuids are
-- stored as their hyphenated lower-case text (as `category_assets.asset_uuid`), txids as
-- lower-case hex, amounts as base units (BIGINT; Elements' money range fits).
--
-- `category_assets.asset_uuid` cannot reference `assets` without rebuilding that table on
-- SQLite; the store deletes an asset's requirements in the transaction that deletes it.

CREATE TABLE assets (
    uuid                          TEXT    NOT NULL PRIMARY KEY,
    issuer_id                     BIGINT  NOT NULL REFERENCES issuers (id),
    asset_id                      TEXT    NOT NULL,
    reissuance_token_id           TEXT,
    name                          TEXT    NOT NULL,
    ticker                        TEXT    NOT NULL,
    domain                        TEXT    NOT NULL,
    pubkey                        TEXT    NOT NULL,
    precision                     BIGINT  NOT NULL CHECK (precision BETWEEN 0 AND 8),
    transfer_restricted           BOOLEAN NOT NULL,
    is_reissuable                 BOOLEAN NOT NULL,
    is_locked                     BOOLEAN NOT NULL,
    is_registered                 BOOLEAN NOT NULL,
    is_authorized                 BOOLEAN NOT NULL,
    issuer_authorization_endpoint TEXT,
    authorization_mode            TEXT    NOT NULL DEFAULT 'enforce'
        CHECK (authorization_mode IN ('enforce', 'shadow')),
    memo                          TEXT    NOT NULL DEFAULT '',
    issuance_txid                 TEXT    NOT NULL,
    issuance_vin                  BIGINT  NOT NULL CHECK (issuance_vin >= 0),
    asset_vout                    BIGINT  NOT NULL CHECK (asset_vout >= 0),
    reissuance_vout               BIGINT  CHECK (reissuance_vout >= 0),
    issued_amount                 BIGINT  NOT NULL CHECK (issued_amount >= 0),
    created_at                    BIGINT  NOT NULL,
    CONSTRAINT assets_asset_id_unique UNIQUE (asset_id),
    CONSTRAINT assets_uuid_issuer_id_unique UNIQUE (uuid, issuer_id)
);
CREATE INDEX assets_issuer_id ON assets (issuer_id);

CREATE TABLE treasury_addresses (
    asset_uuid    TEXT    NOT NULL REFERENCES assets (uuid) ON DELETE CASCADE,
    address       TEXT    NOT NULL,
    script_pubkey BYTEA   NOT NULL,
    PRIMARY KEY (asset_uuid, address)
);

CREATE TABLE locked_outputs (
    asset_uuid TEXT    NOT NULL REFERENCES assets (uuid) ON DELETE CASCADE,
    txid       TEXT    NOT NULL,
    vout       BIGINT  NOT NULL CHECK (vout >= 0),
    PRIMARY KEY (asset_uuid, txid, vout)
);

CREATE TABLE distributions (
    uuid             TEXT    NOT NULL PRIMARY KEY,
    asset_uuid       TEXT    NOT NULL,
    issuer_id        BIGINT  NOT NULL,
    state            TEXT    NOT NULL
        CHECK (state IN ('unconfirmed', 'confirmed', 'cancelled')),
    created_at       BIGINT  NOT NULL,
    txid             TEXT,
    confirmed_height BIGINT  CHECK (confirmed_height >= 0),
    confirmed_at     BIGINT ,
    CONSTRAINT distributions_asset_fk FOREIGN KEY (asset_uuid, issuer_id)
        REFERENCES assets (uuid, issuer_id),
    CONSTRAINT distributions_confirmed_check CHECK (
        (state = 'confirmed' AND txid IS NOT NULL AND confirmed_height IS NOT NULL
            AND confirmed_at IS NOT NULL)
        OR (state <> 'confirmed' AND txid IS NULL))
);
-- At most one unconfirmed distribution per asset: this settles concurrent creations.
CREATE UNIQUE INDEX distributions_asset_uuid_open_unique
    ON distributions (asset_uuid) WHERE state = 'unconfirmed';
CREATE INDEX distributions_asset_uuid ON distributions (asset_uuid, created_at);

CREATE TABLE distribution_outputs (
    id                 BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    distribution_uuid  TEXT    NOT NULL REFERENCES distributions (uuid),
    address            TEXT    NOT NULL,
    script_pubkey      BYTEA   NOT NULL,
    registered_user_id BIGINT  NOT NULL,
    gaid               TEXT    NOT NULL,
    account_id         BIGINT  NOT NULL,
    amount             BIGINT  NOT NULL CHECK (amount > 0),
    vout               BIGINT  CHECK (vout >= 0),
    CONSTRAINT distribution_outputs_distribution_uuid_address_unique
        UNIQUE (distribution_uuid, address)
);

CREATE TABLE assignments (
    id                   BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    asset_uuid           TEXT    NOT NULL,
    issuer_id            BIGINT  NOT NULL,
    registered_user_id   BIGINT  NOT NULL,
    amount               BIGINT  NOT NULL CHECK (amount > 0),
    vesting_timestamp    BIGINT ,
    ready_for_distribution BOOLEAN NOT NULL,
    is_locked            BOOLEAN NOT NULL DEFAULT FALSE,
    distribution_uuid    TEXT    REFERENCES distributions (uuid),
    distributed_txid     TEXT,
    created_at           BIGINT  NOT NULL,
    creator              BIGINT  NOT NULL,
    CONSTRAINT assignments_asset_fk FOREIGN KEY (asset_uuid, issuer_id)
        REFERENCES assets (uuid, issuer_id),
    -- No cascade: a registered user with assignments cannot be deleted.
    CONSTRAINT assignments_user_fk FOREIGN KEY (registered_user_id, issuer_id)
        REFERENCES registered_users (id, issuer_id),
    CONSTRAINT assignments_distributed_check
        CHECK (distributed_txid IS NULL OR distribution_uuid IS NOT NULL)
);
CREATE INDEX assignments_asset_uuid ON assignments (asset_uuid);
CREATE INDEX assignments_registered_user_id ON assignments (registered_user_id);
CREATE INDEX assignments_distribution_uuid ON assignments (distribution_uuid);

-- Which output of a distribution pays which assignment; kept after a cancel as history.
CREATE TABLE distribution_assignments (
    distribution_uuid      TEXT    NOT NULL REFERENCES distributions (uuid),
    assignment_id          BIGINT  NOT NULL REFERENCES assignments (id),
    distribution_output_id BIGINT  NOT NULL REFERENCES distribution_outputs (id),
    PRIMARY KEY (distribution_uuid, assignment_id)
);

CREATE TABLE reissuances (
    id           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    asset_uuid   TEXT    NOT NULL REFERENCES assets (uuid),
    amount       BIGINT  NOT NULL CHECK (amount > 0),
    state        TEXT    NOT NULL CHECK (state IN ('requested', 'confirmed')),
    txid         TEXT,
    vin          BIGINT  CHECK (vin >= 0),
    height       BIGINT  CHECK (height >= 0),
    created_at   BIGINT  NOT NULL,
    confirmed_at BIGINT ,
    CONSTRAINT reissuances_txid_unique UNIQUE (txid),
    CONSTRAINT reissuances_confirmed_check CHECK (
        (state = 'requested' AND txid IS NULL AND vin IS NULL AND height IS NULL
            AND confirmed_at IS NULL)
        OR (state = 'confirmed' AND txid IS NOT NULL AND vin IS NOT NULL
            AND height IS NOT NULL AND confirmed_at IS NOT NULL))
);
CREATE INDEX reissuances_asset_uuid ON reissuances (asset_uuid, state);

CREATE TABLE burns (
    id           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    asset_uuid   TEXT    NOT NULL REFERENCES assets (uuid),
    amount       BIGINT  NOT NULL CHECK (amount > 0),
    state        TEXT    NOT NULL CHECK (state IN ('requested', 'confirmed')),
    txid         TEXT,
    height       BIGINT  CHECK (height >= 0),
    created_at   BIGINT  NOT NULL,
    confirmed_at BIGINT ,
    CONSTRAINT burns_txid_unique UNIQUE (txid),
    CONSTRAINT burns_confirmed_check CHECK (
        (state = 'requested' AND txid IS NULL AND height IS NULL AND confirmed_at IS NULL)
        OR (state = 'confirmed' AND txid IS NOT NULL AND height IS NOT NULL
            AND confirmed_at IS NOT NULL))
);
CREATE INDEX burns_asset_uuid ON burns (asset_uuid, state);

CREATE TABLE asset_activities (
    id                 BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    asset_uuid         TEXT    NOT NULL REFERENCES assets (uuid) ON DELETE CASCADE,
    kind               TEXT    NOT NULL CHECK (kind IN
        ('issuance', 'reissuance', 'distribution', 'burn', 'transfer', 'other')),
    txid               TEXT    NOT NULL,
    vout               BIGINT  CHECK (vout >= 0),
    height             BIGINT  CHECK (height >= 0),
    amount             BIGINT  NOT NULL CHECK (amount >= 0),
    gaid               TEXT,
    registered_user_id BIGINT ,
    description        TEXT    NOT NULL DEFAULT '',
    created_at         BIGINT  NOT NULL
);
CREATE INDEX asset_activities_asset_uuid ON asset_activities (asset_uuid, id);

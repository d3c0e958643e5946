-- Issuers with their API tokens, registered users with their GAIDs, categories with their
-- members and asset requirements.
--
-- Conventions kept by later migrations:
-- * times are unix seconds (INTEGER);
-- * ids are `INTEGER PRIMARY KEY AUTOINCREMENT`, so a deleted row's id is never reused;
-- * rows owned by an issuer carry `issuer_id`, and child rows reference their parent by
--   `(id, issuer_id)`, so the database itself refuses a link across issuers;
-- * unique constraints are named `<table>_<columns>_unique`; the store maps them to domain
--   conflicts (SQLite reports the columns, PostgreSQL the name; see src/conflict.rs).

CREATE TABLE issuers (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    username      TEXT    NOT NULL,
    password_hash TEXT    NOT NULL,
    email         TEXT,
    notice_days   INTEGER NOT NULL DEFAULT 3,
    created_at    INTEGER NOT NULL,
    CONSTRAINT issuers_username_unique UNIQUE (username)
);

CREATE TABLE api_tokens (
    token_hash TEXT    NOT NULL PRIMARY KEY,
    issuer_id  INTEGER NOT NULL REFERENCES issuers (id) ON DELETE CASCADE,
    expires_at INTEGER NOT NULL
);
CREATE INDEX api_tokens_issuer_id ON api_tokens (issuer_id);

CREATE TABLE registered_users (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    issuer_id  INTEGER NOT NULL REFERENCES issuers (id),
    name       TEXT    NOT NULL,
    is_company BOOLEAN NOT NULL,
    created_at INTEGER NOT NULL,
    CONSTRAINT registered_users_id_issuer_id_unique UNIQUE (id, issuer_id)
);
CREATE INDEX registered_users_issuer_id ON registered_users (issuer_id);

CREATE TABLE registered_user_gaids (
    id                 INTEGER PRIMARY KEY AUTOINCREMENT,
    registered_user_id INTEGER NOT NULL,
    issuer_id          INTEGER NOT NULL,
    gaid               TEXT    NOT NULL,
    is_default         BOOLEAN NOT NULL,
    -- The database clock: adding a GAID to an existing user carries no time.
    created_at         INTEGER NOT NULL DEFAULT (CAST(strftime('%s', 'now') AS INTEGER)),
    CONSTRAINT registered_user_gaids_issuer_id_gaid_unique UNIQUE (issuer_id, gaid),
    CONSTRAINT registered_user_gaids_user_fk FOREIGN KEY (registered_user_id, issuer_id)
        REFERENCES registered_users (id, issuer_id) ON DELETE CASCADE
);
CREATE INDEX registered_user_gaids_registered_user_id
    ON registered_user_gaids (registered_user_id);
CREATE UNIQUE INDEX registered_user_gaids_one_default
    ON registered_user_gaids (registered_user_id) WHERE is_default;

CREATE TABLE categories (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    issuer_id   INTEGER NOT NULL REFERENCES issuers (id),
    name        TEXT    NOT NULL,
    description TEXT    NOT NULL DEFAULT '',
    created_at  INTEGER NOT NULL,
    CONSTRAINT categories_issuer_id_name_unique UNIQUE (issuer_id, name),
    CONSTRAINT categories_id_issuer_id_unique UNIQUE (id, issuer_id)
);

CREATE TABLE category_members (
    category_id        INTEGER NOT NULL,
    registered_user_id INTEGER NOT NULL,
    issuer_id          INTEGER NOT NULL,
    PRIMARY KEY (category_id, registered_user_id),
    CONSTRAINT category_members_category_fk FOREIGN KEY (category_id, issuer_id)
        REFERENCES categories (id, issuer_id) ON DELETE CASCADE,
    CONSTRAINT category_members_user_fk FOREIGN KEY (registered_user_id, issuer_id)
        REFERENCES registered_users (id, issuer_id) ON DELETE CASCADE
);
CREATE INDEX category_members_registered_user_id ON category_members (registered_user_id);
CREATE INDEX category_members_issuer_id ON category_members (issuer_id);

-- Asset requirements of a category; filled by the assets issue (asset_uuid is the
-- hyphenated lower-case text form).
CREATE TABLE category_assets (
    category_id INTEGER NOT NULL REFERENCES categories (id) ON DELETE CASCADE,
    asset_uuid  TEXT    NOT NULL,
    PRIMARY KEY (category_id, asset_uuid)
);
CREATE INDEX category_assets_asset_uuid ON category_assets (asset_uuid);

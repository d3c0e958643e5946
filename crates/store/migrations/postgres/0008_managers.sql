-- Managers: logins an issuer creates for people who run some of its assets (AMP §2.4).
--
-- A manager belongs to one issuer and acts as that issuer, but only on the assets granted
-- to it (`manager_assets`). Managers are created locked; a locked manager can neither log
-- in nor use a token it already holds (token lookups join `managers` on `is_locked`).
-- Usernames share one namespace with issuers' (one login form); the store checks the
-- other table in the same write transaction.

CREATE TABLE managers (
    id            BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    issuer_id     BIGINT  NOT NULL REFERENCES issuers (id),
    username      TEXT    NOT NULL,
    password_hash TEXT    NOT NULL,
    is_locked     BOOLEAN NOT NULL DEFAULT TRUE,
    created_at    BIGINT  NOT NULL,
    CONSTRAINT managers_username_unique UNIQUE (username),
    CONSTRAINT managers_id_issuer_id_unique UNIQUE (id, issuer_id)
);
CREATE INDEX managers_issuer_id ON managers (issuer_id);

-- The asset must be the manager's issuer's: both references carry `issuer_id`.
CREATE TABLE manager_assets (
    manager_id BIGINT  NOT NULL,
    issuer_id  BIGINT  NOT NULL,
    asset_uuid TEXT    NOT NULL,
    PRIMARY KEY (manager_id, asset_uuid),
    CONSTRAINT manager_assets_manager_fk FOREIGN KEY (manager_id, issuer_id)
        REFERENCES managers (id, issuer_id) ON DELETE CASCADE,
    CONSTRAINT manager_assets_asset_fk FOREIGN KEY (asset_uuid, issuer_id)
        REFERENCES assets (uuid, issuer_id) ON DELETE CASCADE
);
CREATE INDEX manager_assets_asset_uuid ON manager_assets (asset_uuid);

CREATE TABLE manager_tokens (
    token_hash TEXT    NOT NULL PRIMARY KEY,
    manager_id BIGINT  NOT NULL REFERENCES managers (id) ON DELETE CASCADE,
    expires_at BIGINT  NOT NULL
);
CREATE INDEX manager_tokens_manager_id ON manager_tokens (manager_id);

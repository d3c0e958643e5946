-- Managed accounts (the 2-of-2 wallets behind GAIDs), the co-signer key indexes they use,
-- the addresses handed out for them, and the wallet client's challenges and tokens.

-- Co-signer key indexes are handed out from this one-row counter, so an index is never
-- returned twice (a reservation is never deleted; the counter only grows).
CREATE TABLE cosigner_index_counter (
    singleton  BOOLEAN NOT NULL PRIMARY KEY DEFAULT TRUE CHECK (singleton),
    next_index BIGINT  NOT NULL CHECK (next_index >= 0)
);
INSERT INTO cosigner_index_counter (singleton, next_index) VALUES (TRUE, 0);

CREATE TABLE cosigner_reservations (
    cosigner_index BIGINT  NOT NULL PRIMARY KEY CHECK (cosigner_index >= 0),
    created_at     BIGINT  NOT NULL,
    used           BOOLEAN NOT NULL DEFAULT FALSE
);

CREATE TABLE managed_accounts (
    id             BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    gaid           TEXT    NOT NULL,
    descriptor     TEXT    NOT NULL,
    cosigner_index BIGINT  NOT NULL REFERENCES cosigner_reservations (cosigner_index),
    created_at     BIGINT  NOT NULL,
    next_external  INTEGER NOT NULL DEFAULT 0 CHECK (next_external >= 0),
    next_internal  INTEGER NOT NULL DEFAULT 0 CHECK (next_internal >= 0),
    CONSTRAINT managed_accounts_gaid_unique UNIQUE (gaid),
    CONSTRAINT managed_accounts_descriptor_unique UNIQUE (descriptor),
    CONSTRAINT managed_accounts_cosigner_index_unique UNIQUE (cosigner_index)
);

CREATE TABLE account_addresses (
    account_id    BIGINT   NOT NULL REFERENCES managed_accounts (id) ON DELETE CASCADE,
    -- 0 external (receive), 1 internal (change).
    chain         SMALLINT NOT NULL CHECK (chain IN (0, 1)),
    address_index INTEGER  NOT NULL CHECK (address_index >= 0),
    address       TEXT     NOT NULL,
    script_pubkey BYTEA    NOT NULL,
    created_at    BIGINT   NOT NULL,
    CONSTRAINT account_addresses_pkey PRIMARY KEY (account_id, chain, address_index),
    CONSTRAINT account_addresses_address_unique UNIQUE (address),
    CONSTRAINT account_addresses_script_pubkey_unique UNIQUE (script_pubkey)
);

CREATE TABLE wallet_challenges (
    challenge  TEXT    NOT NULL PRIMARY KEY,
    account_id BIGINT  NOT NULL REFERENCES managed_accounts (id) ON DELETE CASCADE,
    expires_at BIGINT  NOT NULL
);
CREATE INDEX wallet_challenges_account_id ON wallet_challenges (account_id);

CREATE TABLE wallet_tokens (
    token_hash TEXT    NOT NULL PRIMARY KEY,
    account_id BIGINT  NOT NULL REFERENCES managed_accounts (id) ON DELETE CASCADE,
    expires_at BIGINT  NOT NULL
);
CREATE INDEX wallet_tokens_account_id ON wallet_tokens (account_id);

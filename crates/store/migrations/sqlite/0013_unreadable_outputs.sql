-- Outputs to a followed script that the chain watcher could not read, and the index a
-- distribution cancel needs.
--
-- An output the watcher cannot read (no or wrong blinding key, or an amount that does not
-- fit the ledger's 64-bit signed columns, or that would push its owner's holding past
-- them) must never stop the watcher: the block is applied without it, and the output is
-- recorded here, in the same transaction, so it can be reported as a lost output. The asset
-- and amount are kept when they were read (an amount too large for BIGINT is kept as
-- decimal text). Rows of a block carry its height and go away with it on a reorg.

CREATE TABLE unreadable_outputs (
    txid             TEXT    NOT NULL,
    vout             INTEGER  NOT NULL CHECK (vout >= 0),
    owner_kind       TEXT    NOT NULL CHECK (owner_kind IN ('account', 'treasury', 'unknown')),
    account_id       INTEGER  REFERENCES managed_accounts (id),
    gaid             TEXT,
    treasury_address TEXT,
    asset_id         TEXT,
    amount           TEXT,
    script_pubkey    BLOB    NOT NULL,
    reason           TEXT    NOT NULL,
    height           INTEGER  NOT NULL REFERENCES chain_blocks (height),
    CONSTRAINT unreadable_outputs_pkey PRIMARY KEY (txid, vout),
    CONSTRAINT unreadable_outputs_owner_check CHECK (
        (owner_kind = 'account' AND account_id IS NOT NULL AND gaid IS NOT NULL
            AND treasury_address IS NULL)
        OR (owner_kind = 'treasury' AND account_id IS NULL AND gaid IS NULL
            AND treasury_address IS NOT NULL)
        OR (owner_kind = 'unknown' AND account_id IS NULL AND gaid IS NULL
            AND treasury_address IS NULL))
);
-- Rollback (and the foreign key to chain_blocks).
CREATE INDEX unreadable_outputs_height ON unreadable_outputs (height);

-- Cancelling a distribution looks for tracked outputs paying its addresses.
CREATE INDEX tracked_outputs_script_pubkey ON tracked_outputs (script_pubkey);

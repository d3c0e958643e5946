-- Checkpoints of the ownership ledger, so a snapshot of an asset as of a height reads the
-- latest checkpoint at or below it plus the ledger rows after it, instead of the whole
-- ledger.
--
-- `ledger_checkpoints` holds, per asset and checkpoint height, every owner's non-zero
-- balance summed over the ledger rows with `height <= height`; `ledger_checkpoint_heads`
-- lists the checkpoints (one even when no owner holds anything) and their owners' count.
-- Both are written by `apply_block` in its transaction, when an asset's ledger rows since
-- its latest checkpoint are at least as many as that checkpoint's owners (and a minimum),
-- so checkpoints cost no more rows than the ledger; `rollback_to(H)` deletes those above
-- H. A database migrated with a ledger already in place starts without checkpoints, and
-- gets them as blocks are applied (a snapshot is right with or without any).

CREATE TABLE ledger_checkpoint_heads (
    asset_id TEXT    NOT NULL,
    height   INTEGER  NOT NULL CHECK (height >= 0),
    owners   INTEGER  NOT NULL CHECK (owners >= 0),
    CONSTRAINT ledger_checkpoint_heads_pkey PRIMARY KEY (asset_id, height)
);
-- Rollback.
CREATE INDEX ledger_checkpoint_heads_height ON ledger_checkpoint_heads (height);

CREATE TABLE ledger_checkpoints (
    asset_id         TEXT    NOT NULL,
    height           INTEGER  NOT NULL CHECK (height >= 0),
    owner_kind       TEXT    NOT NULL CHECK (owner_kind IN ('account', 'treasury', 'unknown')),
    account_id       INTEGER,
    gaid             TEXT,
    treasury_address TEXT,
    balance          INTEGER  NOT NULL
);
-- A checkpoint's rows, read from the index alone.
CREATE INDEX ledger_checkpoints_asset_height ON ledger_checkpoints
    (asset_id, height, owner_kind, account_id, gaid, treasury_address, balance);
-- Rollback.
CREATE INDEX ledger_checkpoints_height ON ledger_checkpoints (height);

-- Reports beyond AMP: per-issuer settings (where vesting notices go), dividend
-- calculations with their lines, payment records, and the vesting notices sent.
--
-- Dividends and payments are history: they keep the GAIDs and registered user ids they
-- were computed for as plain values (no foreign key), so deleting a user later neither
-- fails nor rewrites what was paid. They go with their asset (`ON DELETE CASCADE`).
--
-- `vesting_notices` is what makes the notice e-mails exactly-once: the job inserts the
-- (assignment, kind) row in the transaction that sends the e-mail and commits only after
-- the SMTP server accepted it; the primary key refuses a second row whichever instance
-- or restart tries.

CREATE TABLE issuer_settings (
    issuer_id   BIGINT  NOT NULL PRIMARY KEY REFERENCES issuers (id),
    email       TEXT,
    notice_days BIGINT  NOT NULL CHECK (notice_days BETWEEN 0 AND 365),
    updated_at  BIGINT  NOT NULL
);

CREATE TABLE dividends (
    id                           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    asset_uuid                   TEXT    NOT NULL,
    issuer_id                    BIGINT  NOT NULL,
    height                       BIGINT  NOT NULL CHECK (height >= 0),
    time                         BIGINT,
    basis                        TEXT    NOT NULL CHECK (basis IN ('per_unit', 'total')),
    basis_amount                 BIGINT  NOT NULL CHECK (basis_amount >= 0),
    currency                     TEXT    NOT NULL,
    precision                    BIGINT  NOT NULL CHECK (precision BETWEEN 0 AND 18),
    excluded                     TEXT    NOT NULL,
    include_vested_undistributed BOOLEAN NOT NULL,
    minimum                      BIGINT  NOT NULL CHECK (minimum >= 0),
    total                        BIGINT  NOT NULL CHECK (total >= 0),
    remainder                    BIGINT  NOT NULL CHECK (remainder >= 0),
    created_at                   BIGINT  NOT NULL,
    CONSTRAINT dividends_asset_fk FOREIGN KEY (asset_uuid, issuer_id)
        REFERENCES assets (uuid, issuer_id) ON DELETE CASCADE,
    CONSTRAINT dividends_id_asset_uuid_unique UNIQUE (id, asset_uuid)
);
CREATE INDEX dividends_asset_uuid ON dividends (asset_uuid, id);

CREATE TABLE dividend_lines (
    dividend_id        BIGINT  NOT NULL REFERENCES dividends (id) ON DELETE CASCADE,
    line               BIGINT  NOT NULL CHECK (line >= 0),
    gaid               TEXT,
    registered_user_id BIGINT,
    units              BIGINT  NOT NULL CHECK (units > 0),
    amount             BIGINT  NOT NULL CHECK (amount > 0),
    CONSTRAINT dividend_lines_pkey PRIMARY KEY (dividend_id, line)
);

CREATE TABLE payments (
    id                 BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    asset_uuid         TEXT    NOT NULL,
    issuer_id          BIGINT  NOT NULL,
    reference          TEXT    NOT NULL,
    amount             BIGINT  CHECK (amount >= 0),
    currency           TEXT,
    gaid               TEXT,
    registered_user_id BIGINT,
    dividend_id        BIGINT,
    created_at         BIGINT  NOT NULL,
    CONSTRAINT payments_asset_fk FOREIGN KEY (asset_uuid, issuer_id)
        REFERENCES assets (uuid, issuer_id) ON DELETE CASCADE,
    CONSTRAINT payments_dividend_fk FOREIGN KEY (dividend_id, asset_uuid)
        REFERENCES dividends (id, asset_uuid) ON DELETE CASCADE
);
CREATE INDEX payments_asset_uuid ON payments (asset_uuid, id);

CREATE TABLE vesting_notices (
    assignment_id     BIGINT  NOT NULL REFERENCES assignments (id) ON DELETE CASCADE,
    kind              TEXT    NOT NULL CHECK (kind IN ('upcoming', 'vesting_day')),
    issuer_id         BIGINT  NOT NULL,
    email             TEXT    NOT NULL,
    vesting_timestamp BIGINT  NOT NULL,
    sent_at           BIGINT  NOT NULL,
    CONSTRAINT vesting_notices_pkey PRIMARY KEY (assignment_id, kind)
);
-- The job's search: undistributed assignments by vesting time.
CREATE INDEX assignments_vesting_timestamp ON assignments (vesting_timestamp)
    WHERE vesting_timestamp IS NOT NULL AND distributed_txid IS NULL;

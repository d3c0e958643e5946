-- The co-signer's decision log: one row per decision about an asset, allowed or refused,
-- with its reason code, the category verdict, the issuer endpoint's answer and latency,
-- and whether shadow mode disagreed. Kept in the store (not in memory) so that the log
-- survives restarts and every server instance sharing the database sees one log.
--
-- Numbered 0006 although 0007 was written first (the slot was reserved for transfers).
-- sqlx applies every migration missing from `_sqlx_migrations` in version order and does
-- not refuse an older version that was never applied (it only refuses applied versions
-- missing from the source, and changed checksums): fresh databases run 0001..0007 in order,
-- and a database that already ran 0007 runs 0006 on its next start. No `ignore_missing`.
--
-- Rows are history: the sender and receivers are plain text (GAIDs, `treasury:<address>`,
-- `script:<hex>`), not foreign keys; `receivers` is a JSON array of strings. Rows go
-- with their asset. `(asset_uuid, id)` serves the per-asset listing in id order.

CREATE TABLE transfer_decisions (
    id                  BIGSERIAL PRIMARY KEY,
    asset_uuid          TEXT    NOT NULL REFERENCES assets (uuid) ON DELETE CASCADE,
    issuer_id           BIGINT  NOT NULL REFERENCES issuers (id),
    created_at          BIGINT  NOT NULL,
    source              TEXT    NOT NULL CHECK (source IN ('cosign', 'authorize')),
    asset_id            TEXT    NOT NULL,
    result              BOOLEAN NOT NULL,
    reason_code         TEXT,
    message             TEXT    NOT NULL,
    category_verdict    TEXT,
    sender_gaid         TEXT,
    receivers           TEXT    NOT NULL,
    amount              BIGINT  NOT NULL CHECK (amount >= 0),
    txid                TEXT,
    webhook_mode        TEXT,
    webhook_answer      TEXT,
    webhook_detail      TEXT,
    webhook_latency_ms  BIGINT  CHECK (webhook_latency_ms >= 0),
    shadow_disagreement BOOLEAN NOT NULL,
    CONSTRAINT transfer_decisions_refusal_has_code CHECK (result OR reason_code IS NOT NULL)
);

CREATE INDEX transfer_decisions_asset ON transfer_decisions (asset_uuid, id);

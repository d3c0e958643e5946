-- The audit log: every change a manager makes to data its issuer's assets share
-- (registered users, their GAIDs, category memberships), with who, what, when, and the
-- record before and after (JSON text). The issuer reads it (`GET /api/audit-log`).
-- Append-only: nothing updates or deletes a row; rows go only with their issuer.

CREATE TABLE audit_log (
    id               BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    issuer_id        BIGINT  NOT NULL REFERENCES issuers (id),
    manager_id       BIGINT  NOT NULL,
    manager_username TEXT    NOT NULL,
    action           TEXT    NOT NULL,
    subject          TEXT    NOT NULL,
    before_json      TEXT,
    after_json       TEXT,
    created_at       BIGINT  NOT NULL
);
CREATE INDEX audit_log_issuer_id ON audit_log (issuer_id, id);

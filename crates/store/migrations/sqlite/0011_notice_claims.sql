-- Vesting notices are sent outside any database transaction (issue 13): the job claims a
-- notice in a short transaction (a lease: `claimed_until`), sends the e-mail under a
-- timeout, then marks it sent (`sent_at`). A stalled SMTP server therefore holds no lock.
-- `attempts` counts claims that may have reached the mail server: a second one means the
-- first may have been delivered (crash between send and mark, or a timed-out send), and
-- the message then says it may be a duplicate.
--
-- The key includes `vesting_timestamp`: a notice belongs to the date it announced, so
-- moving an assignment's vesting date makes the notices of the new date due (and the old
-- date's are never due again, as the due query joins on the assignment's current date).

CREATE TABLE vesting_notices_claimed (
    assignment_id     INTEGER NOT NULL REFERENCES assignments (id) ON DELETE CASCADE,
    kind              TEXT    NOT NULL CHECK (kind IN ('upcoming', 'vesting_day')),
    vesting_timestamp INTEGER NOT NULL,
    issuer_id         INTEGER NOT NULL,
    email             TEXT    NOT NULL,
    claimed_until     INTEGER NOT NULL,
    attempts          INTEGER NOT NULL CHECK (attempts >= 0),
    sent_at           INTEGER,
    CONSTRAINT vesting_notices_pkey PRIMARY KEY (assignment_id, kind, vesting_timestamp)
);
INSERT INTO vesting_notices_claimed (assignment_id, kind, vesting_timestamp, issuer_id, email,
    claimed_until, attempts, sent_at)
SELECT assignment_id, kind, vesting_timestamp, issuer_id, email, sent_at, 1, sent_at
FROM vesting_notices;
DROP TABLE vesting_notices;
ALTER TABLE vesting_notices_claimed RENAME TO vesting_notices;

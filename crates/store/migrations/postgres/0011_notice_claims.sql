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

ALTER TABLE vesting_notices ADD COLUMN claimed_until BIGINT;
ALTER TABLE vesting_notices ADD COLUMN attempts BIGINT NOT NULL DEFAULT 1 CHECK (attempts >= 0);
UPDATE vesting_notices SET claimed_until = sent_at;
ALTER TABLE vesting_notices ALTER COLUMN claimed_until SET NOT NULL;
ALTER TABLE vesting_notices ALTER COLUMN sent_at DROP NOT NULL;
ALTER TABLE vesting_notices DROP CONSTRAINT vesting_notices_pkey;
ALTER TABLE vesting_notices ADD CONSTRAINT vesting_notices_pkey
    PRIMARY KEY (assignment_id, kind, vesting_timestamp);

//! SQL of issuer settings, dividends, payments and vesting notices (both backends).

pub(crate) const SETTINGS: &str =
    "SELECT email, notice_days FROM issuer_settings WHERE issuer_id = $1";
pub(crate) const SETTINGS_UPSERT: &str = "INSERT INTO issuer_settings \
     (issuer_id, email, notice_days, updated_at) VALUES ($1, $2, $3, $4) \
     ON CONFLICT (issuer_id) DO UPDATE SET email = excluded.email, \
     notice_days = excluded.notice_days, updated_at = excluded.updated_at";

pub(crate) const REPORT_ASSET_EXISTS: &str =
    "SELECT 1 FROM assets WHERE uuid = $1 AND issuer_id = $2";

pub(crate) const DIVIDEND_INSERT: &str = "INSERT INTO dividends (asset_uuid, issuer_id, \
     height, time, basis, basis_amount, currency, precision, excluded, \
     include_vested_undistributed, minimum, total, remainder, created_at) \
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) RETURNING id";
pub(crate) const DIVIDEND_LINE_INSERT: &str = "INSERT INTO dividend_lines \
     (dividend_id, line, gaid, registered_user_id, units, amount) \
     VALUES ($1, $2, $3, $4, $5, $6)";
/// `$3` NULL: every dividend of the asset.
pub(crate) const DIVIDENDS: &str = "SELECT id, asset_uuid, height, time, basis, \
     basis_amount, currency, precision, excluded, include_vested_undistributed, minimum, \
     total, remainder, created_at FROM dividends \
     WHERE issuer_id = $1 AND asset_uuid = $2 AND (CAST($3 AS BIGINT) IS NULL OR id = $3) \
     ORDER BY id";
pub(crate) const DIVIDEND_LINES: &str = "SELECT l.dividend_id, l.gaid, \
     l.registered_user_id, l.units, l.amount FROM dividend_lines l \
     JOIN dividends d ON d.id = l.dividend_id \
     WHERE d.issuer_id = $1 AND d.asset_uuid = $2 AND (CAST($3 AS BIGINT) IS NULL OR d.id = $3) \
     ORDER BY l.dividend_id, l.line";

pub(crate) const DIVIDEND_OF_ASSET: &str =
    "SELECT 1 FROM dividends WHERE id = $1 AND asset_uuid = $2 AND issuer_id = $3";
pub(crate) const PAYMENT_INSERT: &str = "INSERT INTO payments (asset_uuid, issuer_id, \
     reference, amount, currency, gaid, registered_user_id, dividend_id, created_at) \
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id";
/// `$3` NULL: every payment of the asset.
pub(crate) const PAYMENTS: &str = "SELECT id, asset_uuid, reference, amount, currency, gaid, \
     registered_user_id, dividend_id, created_at FROM payments \
     WHERE issuer_id = $1 AND asset_uuid = $2 AND (CAST($3 AS BIGINT) IS NULL OR id = $3) \
     ORDER BY id";

/// Due notices at `$1` (see `ReportStore::due_notices`).
pub(crate) const NOTICES_DUE: &str = "SELECT a.issuer_id, s.email, k.kind, a.id, \
     a.asset_uuid, x.name, a.registered_user_id, u.name, a.amount, x.precision, \
     a.vesting_timestamp \
     FROM assignments a \
     JOIN issuer_settings s ON s.issuer_id = a.issuer_id \
     JOIN assets x ON x.uuid = a.asset_uuid \
     JOIN registered_users u ON u.id = a.registered_user_id \
     CROSS JOIN (SELECT 'upcoming' AS kind UNION ALL SELECT 'vesting_day' AS kind) k \
     WHERE a.vesting_timestamp IS NOT NULL AND a.distributed_txid IS NULL \
     AND s.email IS NOT NULL \
     AND ((k.kind = 'upcoming' AND a.vesting_timestamp > CAST($1 AS BIGINT) \
           AND a.vesting_timestamp <= CAST($1 AS BIGINT) + s.notice_days * 86400) \
       OR (k.kind = 'vesting_day' AND a.vesting_timestamp <= CAST($1 AS BIGINT) \
           AND a.vesting_timestamp > CAST($1 AS BIGINT) - 86400)) \
     AND NOT EXISTS (SELECT 1 FROM vesting_notices n \
                     WHERE n.assignment_id = a.id AND n.kind = k.kind \
                     AND n.vesting_timestamp = a.vesting_timestamp \
                     AND (n.sent_at IS NOT NULL OR n.claimed_until > CAST($1 AS BIGINT))) \
     ORDER BY a.vesting_timestamp, a.id, k.kind";
/// Claims a notice until `$6`: a new row, or an unsent one whose lease ran out. Answers
/// the attempts so far (none: someone else holds or sent it).
pub(crate) const NOTICE_CLAIM: &str = "INSERT INTO vesting_notices \
     (assignment_id, kind, vesting_timestamp, issuer_id, email, claimed_until, attempts) \
     VALUES ($1, $2, $3, $4, $5, $6, 1) \
     ON CONFLICT (assignment_id, kind, vesting_timestamp) DO UPDATE \
     SET claimed_until = excluded.claimed_until, attempts = vesting_notices.attempts + 1 \
     WHERE vesting_notices.sent_at IS NULL AND vesting_notices.claimed_until <= $7 \
     RETURNING attempts";
pub(crate) const NOTICE_SENT: &str = "UPDATE vesting_notices SET sent_at = $4 \
     WHERE assignment_id = $1 AND kind = $2 AND vesting_timestamp = $3";
/// Releases a claim whose send failed; `$4` is 1 when the message surely did not leave
/// (the attempt is not counted), 0 when it may have.
pub(crate) const NOTICE_RELEASE: &str = "UPDATE vesting_notices \
     SET claimed_until = 0, attempts = attempts - $4 \
     WHERE assignment_id = $1 AND kind = $2 AND vesting_timestamp = $3 AND sent_at IS NULL";

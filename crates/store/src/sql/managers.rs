//! SQL of the manager area (`0008_managers.sql`).

pub(crate) const MANAGER_INSERT: &str = "INSERT INTO managers \
     (issuer_id, username, password_hash, is_locked, created_at) \
     VALUES ($1, $2, $3, TRUE, $4) RETURNING id";
/// Usernames are one namespace: an issuer's blocks a manager's and the other way round.
pub(crate) const ISSUER_USERNAME_USED: &str = "SELECT id FROM issuers WHERE username = $1";
pub(crate) const MANAGERS: &str = "SELECT id, issuer_id, username, is_locked, created_at \
     FROM managers WHERE issuer_id = $1 AND (CAST($2 AS BIGINT) IS NULL OR id = $2) \
     ORDER BY id";
pub(crate) const MANAGERS_ASSETS: &str = "SELECT manager_id, asset_uuid FROM manager_assets \
     WHERE issuer_id = $1 AND (CAST($2 AS BIGINT) IS NULL OR manager_id = $2) \
     ORDER BY asset_uuid";
pub(crate) const MANAGER_CREDENTIALS: &str =
    "SELECT id, issuer_id, password_hash FROM managers WHERE username = $1";
pub(crate) const MANAGER_SET_LOCKED: &str =
    "UPDATE managers SET is_locked = $3 WHERE id = $1 AND issuer_id = $2";
pub(crate) const MANAGER_SET_PASSWORD: &str =
    "UPDATE managers SET password_hash = $3 WHERE id = $1 AND issuer_id = $2";
/// Inserts nothing unless both the manager and the asset are the issuer's.
pub(crate) const MANAGER_GRANT: &str = "INSERT INTO manager_assets \
     (manager_id, issuer_id, asset_uuid) \
     SELECT m.id, m.issuer_id, a.uuid FROM managers m \
     JOIN assets a ON a.issuer_id = m.issuer_id \
     WHERE m.id = $1 AND m.issuer_id = $2 AND a.uuid = $3 \
     ON CONFLICT DO NOTHING";
pub(crate) const MANAGER_REVOKE: &str = "DELETE FROM manager_assets \
     WHERE manager_id = $1 AND issuer_id = $2 AND asset_uuid = $3";

pub(crate) const MANAGER_TOKEN_INSERT: &str =
    "INSERT INTO manager_tokens (token_hash, manager_id, expires_at) VALUES ($1, $2, $3)";
/// A locked manager's tokens find nothing, so locking takes effect at once.
pub(crate) const MANAGER_TOKEN_OWNER: &str = "SELECT m.id, m.issuer_id \
     FROM manager_tokens t JOIN managers m ON m.id = t.manager_id \
     WHERE t.token_hash = $1 AND t.expires_at > $2 AND NOT m.is_locked";
pub(crate) const MANAGER_TOKEN_DELETE: &str = "DELETE FROM manager_tokens WHERE token_hash = $1";
pub(crate) const MANAGER_TOKENS_DELETE: &str = "DELETE FROM manager_tokens WHERE manager_id = $1";

/// The audit log (`0010_audit_log.sql`).
pub(crate) const AUDIT_INSERT: &str = "INSERT INTO audit_log \
     (issuer_id, manager_id, manager_username, action, subject, before_json, after_json, \
     created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id";
pub(crate) const AUDIT_PAGE: &str = "SELECT id, issuer_id, manager_id, manager_username, \
     action, subject, before_json, after_json, created_at FROM audit_log \
     WHERE issuer_id = $1 ORDER BY id LIMIT $2 OFFSET $3";

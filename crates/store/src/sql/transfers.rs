//! SQL of the co-signer's decision log (both backends).

/// Inserts a decision if the asset is the issuer's (`$2`); returns nothing otherwise.
pub(crate) const DECISION_INSERT: &str = "INSERT INTO transfer_decisions \
     (asset_uuid, issuer_id, created_at, source, asset_id, result, reason_code, message, \
      category_verdict, sender_gaid, receivers, amount, txid, webhook_mode, webhook_answer, \
      webhook_detail, webhook_latency_ms, shadow_disagreement) \
     SELECT uuid, issuer_id, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, \
      $17, $18 FROM assets WHERE uuid = $1 AND issuer_id = $2 \
     RETURNING id";
pub(crate) const DECISION_SET_TXID: &str =
    "UPDATE transfer_decisions SET txid = $3 WHERE id = $1 AND issuer_id = $2";
pub(crate) const DECISION_ASSET_OWNED: &str =
    "SELECT uuid FROM assets WHERE uuid = $1 AND issuer_id = $2";
pub(crate) const DECISIONS: &str = "SELECT id, asset_uuid, issuer_id, created_at, source, \
     asset_id, result, reason_code, message, category_verdict, sender_gaid, receivers, amount, \
     txid, webhook_mode, webhook_answer, webhook_detail, webhook_latency_ms, \
     shadow_disagreement FROM transfer_decisions \
     WHERE asset_uuid = $1 AND issuer_id = $2 ORDER BY id LIMIT $3 OFFSET $4";

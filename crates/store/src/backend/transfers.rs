//! [`TransferStore`](crate::TransferStore) for a backend: the co-signer's decision log.

macro_rules! impl_transfer_store {
    ($store:ty) => {
        const _: () = {
            use sqlx::Row;
            use tessera_core::{AssetUuid, IssuerId};
            use $crate::{
                rows, sql, NewTransferDecision, StoreError, TransferDecision, TransferStore,
            };

            #[async_trait::async_trait]
            impl TransferStore for $store {
                async fn record_decision(
                    &self,
                    issuer: IssuerId,
                    d: &NewTransferDecision,
                    now: i64,
                ) -> Result<Option<TransferDecision>, StoreError> {
                    let amount = i64::try_from(d.amount)
                        .map_err(|_| rows::corrupt("amount", d.amount.to_string()))?;
                    let (mode, answer, detail, latency) =
                        rows::webhook_columns(d.webhook.as_ref())?;
                    let id: Option<(i64,)> = sqlx::query_as(sql::DECISION_INSERT)
                        .bind(d.asset_uuid.to_string())
                        .bind(issuer.0)
                        .bind(now)
                        .bind(d.origin.as_str())
                        .bind(&d.asset_id)
                        .bind(d.result)
                        .bind(d.reason_code.as_deref())
                        .bind(&d.message)
                        .bind(d.category_verdict.as_deref())
                        .bind(d.sender_gaid.as_deref())
                        .bind(rows::receivers_text(&d.receivers))
                        .bind(amount)
                        .bind(d.txid.as_deref())
                        .bind(mode)
                        .bind(answer)
                        .bind(detail)
                        .bind(latency)
                        .bind(d.shadow_disagreement)
                        .fetch_optional(&self.pool)
                        .await?;
                    Ok(id.map(|(id,)| TransferDecision {
                        id,
                        issuer,
                        created_at: now,
                        decision: d.clone(),
                    }))
                }

                async fn set_decision_txid(
                    &self,
                    issuer: IssuerId,
                    id: i64,
                    txid: &str,
                ) -> Result<bool, StoreError> {
                    let done = sqlx::query(sql::DECISION_SET_TXID)
                        .bind(id)
                        .bind(issuer.0)
                        .bind(txid)
                        .execute(&self.pool)
                        .await?;
                    Ok(done.rows_affected() > 0)
                }

                async fn decisions(
                    &self,
                    issuer: IssuerId,
                    uuid: AssetUuid,
                    start: u64,
                    count: u32,
                ) -> Result<Option<Vec<TransferDecision>>, StoreError> {
                    let owned: Option<(String,)> = sqlx::query_as(sql::DECISION_ASSET_OWNED)
                        .bind(uuid.to_string())
                        .bind(issuer.0)
                        .fetch_optional(&self.pool)
                        .await?;
                    if owned.is_none() {
                        return Ok(None);
                    }
                    let offset = i64::try_from(start).unwrap_or(i64::MAX);
                    let found = sqlx::query(sql::DECISIONS)
                        .bind(uuid.to_string())
                        .bind(issuer.0)
                        .bind(i64::from(count))
                        .bind(offset)
                        .fetch_all(&self.pool)
                        .await?;
                    let mut out = Vec::with_capacity(found.len());
                    for r in found {
                        let head = (
                            r.try_get(0)?,
                            r.try_get(1)?,
                            r.try_get(2)?,
                            r.try_get(3)?,
                            r.try_get(4)?,
                            r.try_get(5)?,
                            r.try_get(6)?,
                            r.try_get(7)?,
                            r.try_get(8)?,
                        );
                        let tail = (
                            r.try_get(9)?,
                            r.try_get(10)?,
                            r.try_get(11)?,
                            r.try_get(12)?,
                            r.try_get(13)?,
                            r.try_get(14)?,
                            r.try_get(15)?,
                            r.try_get(16)?,
                            r.try_get(17)?,
                            r.try_get(18)?,
                        );
                        out.push(rows::transfer_decision(head, tail)?);
                    }
                    Ok(Some(out))
                }
            }
        };
    };
}

pub(crate) use impl_transfer_store;

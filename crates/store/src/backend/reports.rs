//! [`ReportStore`](crate::ReportStore) for a backend: issuer settings, dividends, payments
//! and vesting notices (claimed, then marked sent, each in its own short transaction).

macro_rules! impl_report_store {
    ($store:ty, $conn:ty) => {
        const _: () = {
            use tessera_core::{AssetUuid, IssuerId};
            use $crate::rows::{amount_column, excluded_column, payout_columns};
            use $crate::{
                rows, sql, DividendRecord, DueNotice, IssuerSettings, NewDividend, NewPayment,
                NoticeClaim, PaymentRecord, ReportStore, StoreError,
            };

            impl $store {
                async fn report_asset_exists(
                    &self,
                    issuer: IssuerId,
                    uuid: AssetUuid,
                ) -> Result<bool, StoreError> {
                    let row: Option<(i32,)> = sqlx::query_as(sql::REPORT_ASSET_EXISTS)
                        .bind(uuid.to_string())
                        .bind(issuer.0)
                        .fetch_optional(&self.pool)
                        .await?;
                    Ok(row.is_some())
                }

                async fn load_dividends(
                    &self,
                    issuer: IssuerId,
                    uuid: AssetUuid,
                    id: Option<i64>,
                ) -> Result<Vec<DividendRecord>, StoreError> {
                    let rows: Vec<rows::DividendRow> = sqlx::query_as(sql::DIVIDENDS)
                        .bind(issuer.0)
                        .bind(uuid.to_string())
                        .bind(id)
                        .fetch_all(&self.pool)
                        .await?;
                    let lines: Vec<rows::DividendLineRow> = sqlx::query_as(sql::DIVIDEND_LINES)
                        .bind(issuer.0)
                        .bind(uuid.to_string())
                        .bind(id)
                        .fetch_all(&self.pool)
                        .await?;
                    rows::dividends(rows, lines)
                }

                async fn load_payments(
                    &self,
                    issuer: IssuerId,
                    uuid: AssetUuid,
                    id: Option<i64>,
                ) -> Result<Vec<PaymentRecord>, StoreError> {
                    let rows: Vec<rows::PaymentRow> = sqlx::query_as(sql::PAYMENTS)
                        .bind(issuer.0)
                        .bind(uuid.to_string())
                        .bind(id)
                        .fetch_all(&self.pool)
                        .await?;
                    rows.into_iter().map(rows::payment).collect()
                }
            }

            #[async_trait::async_trait]
            impl ReportStore for $store {
                async fn issuer_settings(
                    &self,
                    issuer: IssuerId,
                ) -> Result<IssuerSettings, StoreError> {
                    let row: Option<(Option<String>, i64)> = sqlx::query_as(sql::SETTINGS)
                        .bind(issuer.0)
                        .fetch_optional(&self.pool)
                        .await?;
                    Ok(match row {
                        None => IssuerSettings::default(),
                        Some((email, days)) => IssuerSettings {
                            email,
                            notice_days: u32::try_from(days)
                                .map_err(|_| rows::corrupt("notice_days", days.to_string()))?,
                        },
                    })
                }

                async fn set_issuer_settings(
                    &self,
                    issuer: IssuerId,
                    settings: &IssuerSettings,
                    now: i64,
                ) -> Result<(), StoreError> {
                    sqlx::query(sql::SETTINGS_UPSERT)
                        .bind(issuer.0)
                        .bind(settings.email.as_deref())
                        .bind(i64::from(settings.notice_days))
                        .bind(now)
                        .execute(&self.pool)
                        .await?;
                    Ok(())
                }

                async fn create_dividend(
                    &self,
                    issuer: IssuerId,
                    uuid: AssetUuid,
                    dividend: &NewDividend,
                    now: i64,
                ) -> Result<Option<DividendRecord>, StoreError> {
                    let mut tx = self.write_tx().await?;
                    let exists: Option<(i32,)> = sqlx::query_as(sql::REPORT_ASSET_EXISTS)
                        .bind(uuid.to_string())
                        .bind(issuer.0)
                        .fetch_optional(&mut *tx)
                        .await?;
                    if exists.is_none() {
                        tx.rollback().await?;
                        return Ok(None);
                    }
                    let (basis, basis_amount) = payout_columns(dividend.payout);
                    let (id,): (i64,) = sqlx::query_as(sql::DIVIDEND_INSERT)
                        .bind(uuid.to_string())
                        .bind(issuer.0)
                        .bind(i64::from(dividend.height))
                        .bind(dividend.time)
                        .bind(basis)
                        .bind(amount_column(basis_amount))
                        .bind(&dividend.currency)
                        .bind(i64::from(dividend.precision))
                        .bind(excluded_column(&dividend.excluded))
                        .bind(dividend.include_vested_undistributed)
                        .bind(amount_column(dividend.minimum))
                        .bind(amount_column(dividend.total))
                        .bind(amount_column(dividend.remainder))
                        .bind(now)
                        .fetch_one(&mut *tx)
                        .await?;
                    for (n, line) in (0_i64..).zip(&dividend.lines) {
                        sqlx::query(sql::DIVIDEND_LINE_INSERT)
                            .bind(id)
                            .bind(n)
                            .bind(line.gaid.as_ref().map(|g| g.to_string()))
                            .bind(line.registered_user.map(|u| u.0))
                            .bind(amount_column(line.units))
                            .bind(amount_column(line.amount))
                            .execute(&mut *tx)
                            .await?;
                    }
                    tx.commit().await?;
                    Ok(Some(DividendRecord {
                        id,
                        asset: uuid,
                        created_at: now,
                        dividend: dividend.clone(),
                    }))
                }

                async fn dividends(
                    &self,
                    issuer: IssuerId,
                    uuid: AssetUuid,
                ) -> Result<Option<Vec<DividendRecord>>, StoreError> {
                    if !self.report_asset_exists(issuer, uuid).await? {
                        return Ok(None);
                    }
                    Ok(Some(self.load_dividends(issuer, uuid, None).await?))
                }

                async fn dividend(
                    &self,
                    issuer: IssuerId,
                    uuid: AssetUuid,
                    id: i64,
                ) -> Result<Option<DividendRecord>, StoreError> {
                    Ok(self.load_dividends(issuer, uuid, Some(id)).await?.pop())
                }

                async fn create_payment(
                    &self,
                    issuer: IssuerId,
                    uuid: AssetUuid,
                    payment: &NewPayment,
                    now: i64,
                ) -> Result<Option<PaymentRecord>, StoreError> {
                    let mut tx = self.write_tx().await?;
                    let exists: Option<(i32,)> = sqlx::query_as(sql::REPORT_ASSET_EXISTS)
                        .bind(uuid.to_string())
                        .bind(issuer.0)
                        .fetch_optional(&mut *tx)
                        .await?;
                    let dividend_ok = match payment.dividend {
                        None => true,
                        Some(d) => {
                            let row: Option<(i32,)> = sqlx::query_as(sql::DIVIDEND_OF_ASSET)
                                .bind(d)
                                .bind(uuid.to_string())
                                .bind(issuer.0)
                                .fetch_optional(&mut *tx)
                                .await?;
                            row.is_some()
                        }
                    };
                    if exists.is_none() || !dividend_ok {
                        tx.rollback().await?;
                        return Ok(None);
                    }
                    let (id,): (i64,) = sqlx::query_as(sql::PAYMENT_INSERT)
                        .bind(uuid.to_string())
                        .bind(issuer.0)
                        .bind(&payment.reference)
                        .bind(payment.amount.map(amount_column))
                        .bind(payment.currency.as_deref())
                        .bind(payment.gaid.as_ref().map(|g| g.to_string()))
                        .bind(payment.registered_user.map(|u| u.0))
                        .bind(payment.dividend)
                        .bind(now)
                        .fetch_one(&mut *tx)
                        .await?;
                    tx.commit().await?;
                    Ok(Some(PaymentRecord {
                        id,
                        asset: uuid,
                        created_at: now,
                        payment: payment.clone(),
                    }))
                }

                async fn payments(
                    &self,
                    issuer: IssuerId,
                    uuid: AssetUuid,
                ) -> Result<Option<Vec<PaymentRecord>>, StoreError> {
                    if !self.report_asset_exists(issuer, uuid).await? {
                        return Ok(None);
                    }
                    Ok(Some(self.load_payments(issuer, uuid, None).await?))
                }

                async fn payment(
                    &self,
                    issuer: IssuerId,
                    uuid: AssetUuid,
                    id: i64,
                ) -> Result<Option<PaymentRecord>, StoreError> {
                    Ok(self.load_payments(issuer, uuid, Some(id)).await?.pop())
                }

                async fn due_notices(&self, now: i64) -> Result<Vec<DueNotice>, StoreError> {
                    let rows: Vec<rows::NoticeRow> = sqlx::query_as(sql::NOTICES_DUE)
                        .bind(now)
                        .fetch_all(&self.pool)
                        .await?;
                    rows.into_iter().map(rows::notice).collect()
                }

                async fn claim_notice(
                    &self,
                    notice: &DueNotice,
                    now: i64,
                    lease_seconds: i64,
                ) -> Result<NoticeClaim, StoreError> {
                    let mut tx = self.write_tx().await?;
                    let attempts: Option<(i64,)> = sqlx::query_as(sql::NOTICE_CLAIM)
                        .bind(notice.assignment.0)
                        .bind(notice.kind.as_str())
                        .bind(notice.vesting_timestamp)
                        .bind(notice.issuer.0)
                        .bind(&notice.email)
                        .bind(now.saturating_add(lease_seconds))
                        .bind(now)
                        .fetch_optional(&mut *tx)
                        .await?;
                    tx.commit().await?;
                    Ok(match attempts {
                        Some((n,)) => NoticeClaim::Claimed {
                            possible_duplicate: n > 1,
                        },
                        None => NoticeClaim::Taken,
                    })
                }

                async fn mark_notice_sent(
                    &self,
                    notice: &DueNotice,
                    now: i64,
                ) -> Result<(), StoreError> {
                    sqlx::query(sql::NOTICE_SENT)
                        .bind(notice.assignment.0)
                        .bind(notice.kind.as_str())
                        .bind(notice.vesting_timestamp)
                        .bind(now)
                        .execute(&self.pool)
                        .await?;
                    Ok(())
                }

                async fn release_notice(
                    &self,
                    notice: &DueNotice,
                    may_have_delivered: bool,
                ) -> Result<(), StoreError> {
                    sqlx::query(sql::NOTICE_RELEASE)
                        .bind(notice.assignment.0)
                        .bind(notice.kind.as_str())
                        .bind(notice.vesting_timestamp)
                        .bind(if may_have_delivered { 0_i64 } else { 1_i64 })
                        .execute(&self.pool)
                        .await?;
                    Ok(())
                }
            }
        };
    };
}

pub(crate) use impl_report_store;

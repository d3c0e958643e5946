//! [`TreasuryStore`](crate::TreasuryStore) for a backend: verified treasury outputs and
//! supplied output blinders.

macro_rules! impl_treasury_store {
    ($store:ty) => {
        const _: () = {
            use elements::Txid;
            use tessera_core::{Amount, AssetUuid, IssuerId};
            use $crate::{
                rows, sql, OutputBlinders, OutputOrigin, StoreError, TreasuryOutput,
                TreasuryOutputKind, TreasuryStore,
            };

            type OutputRow = (String, i64, String, i64, String, String, String);

            fn txid(text: String) -> Result<Txid, StoreError> {
                text.parse().map_err(|_| rows::corrupt("txid", text))
            }

            fn vout(value: i64) -> Result<u32, StoreError> {
                u32::try_from(value).map_err(|_| rows::corrupt("vout", value.to_string()))
            }

            fn output(row: OutputRow) -> Result<TreasuryOutput, StoreError> {
                let (tx, out, kind, amount, asset_blinder, amount_blinder, origin) = row;
                Ok(TreasuryOutput {
                    txid: txid(tx)?,
                    vout: vout(out)?,
                    kind: TreasuryOutputKind::from_name(&kind)
                        .ok_or_else(|| rows::corrupt("treasury output kind", kind))?,
                    amount: u64::try_from(amount)
                        .ok()
                        .and_then(|u| Amount::from_units(u).ok())
                        .ok_or_else(|| rows::corrupt("amount", amount.to_string()))?,
                    asset_blinder,
                    amount_blinder,
                    origin: OutputOrigin::from_name(&origin)
                        .ok_or_else(|| rows::corrupt("treasury output origin", origin))?,
                })
            }

            impl $store {
                async fn treasury_owns_asset(
                    &self,
                    issuer: IssuerId,
                    uuid: AssetUuid,
                ) -> Result<bool, StoreError> {
                    let row: Option<(String,)> = sqlx::query_as(sql::TREASURY_ASSET_OWNED)
                        .bind(uuid.to_string())
                        .bind(issuer.0)
                        .fetch_optional(&self.pool)
                        .await?;
                    Ok(row.is_some())
                }
            }

            #[async_trait::async_trait]
            impl TreasuryStore for $store {
                async fn record_treasury_outputs(
                    &self,
                    issuer: IssuerId,
                    uuid: AssetUuid,
                    outputs: &[TreasuryOutput],
                    now: i64,
                ) -> Result<Option<()>, StoreError> {
                    let mut tx = self.write_tx().await?;
                    let owned: Option<(String,)> = sqlx::query_as(sql::TREASURY_ASSET_OWNED)
                        .bind(uuid.to_string())
                        .bind(issuer.0)
                        .fetch_optional(&mut *tx)
                        .await?;
                    if owned.is_none() {
                        return Ok(None);
                    }
                    for o in outputs {
                        let amount = i64::try_from(o.amount.units())
                            .map_err(|_| rows::corrupt("amount", o.amount.to_string()))?;
                        sqlx::query(sql::TREASURY_OUTPUT_INSERT)
                            .bind(uuid.to_string())
                            .bind(o.txid.to_string())
                            .bind(i64::from(o.vout))
                            .bind(o.kind.as_str())
                            .bind(amount)
                            .bind(&o.asset_blinder)
                            .bind(&o.amount_blinder)
                            .bind(o.origin.as_str())
                            .bind(now)
                            .execute(&mut *tx)
                            .await?;
                    }
                    tx.commit().await?;
                    Ok(Some(()))
                }

                async fn treasury_outputs(
                    &self,
                    issuer: IssuerId,
                    uuid: AssetUuid,
                ) -> Result<Option<Vec<TreasuryOutput>>, StoreError> {
                    if !self.treasury_owns_asset(issuer, uuid).await? {
                        return Ok(None);
                    }
                    let rows: Vec<OutputRow> = sqlx::query_as(sql::TREASURY_OUTPUTS)
                        .bind(uuid.to_string())
                        .fetch_all(&self.pool)
                        .await?;
                    rows.into_iter()
                        .map(output)
                        .collect::<Result<_, _>>()
                        .map(Some)
                }

                async fn set_output_blinders(
                    &self,
                    issuer: IssuerId,
                    uuid: AssetUuid,
                    blinders: &OutputBlinders,
                    now: i64,
                ) -> Result<Option<()>, StoreError> {
                    if !self.treasury_owns_asset(issuer, uuid).await? {
                        return Ok(None);
                    }
                    sqlx::query(sql::OUTPUT_BLINDERS_UPSERT)
                        .bind(uuid.to_string())
                        .bind(blinders.txid.to_string())
                        .bind(i64::from(blinders.vout))
                        .bind(&blinders.asset_blinder)
                        .bind(&blinders.amount_blinder)
                        .bind(now)
                        .execute(&self.pool)
                        .await?;
                    Ok(Some(()))
                }

                async fn output_blinders(
                    &self,
                    issuer: IssuerId,
                    uuid: AssetUuid,
                ) -> Result<Option<Vec<OutputBlinders>>, StoreError> {
                    if !self.treasury_owns_asset(issuer, uuid).await? {
                        return Ok(None);
                    }
                    let rows: Vec<(String, i64, String, String)> =
                        sqlx::query_as(sql::OUTPUT_BLINDERS)
                            .bind(uuid.to_string())
                            .fetch_all(&self.pool)
                            .await?;
                    rows.into_iter()
                        .map(|(t, v, asset_blinder, amount_blinder)| {
                            Ok(OutputBlinders {
                                txid: txid(t)?,
                                vout: vout(v)?,
                                asset_blinder,
                                amount_blinder,
                            })
                        })
                        .collect::<Result<_, _>>()
                        .map(Some)
                }

                async fn record_output_addresses(
                    &self,
                    issuer: IssuerId,
                    uuid: AssetUuid,
                    addresses: &[(Txid, u32, String)],
                    now: i64,
                ) -> Result<Option<()>, StoreError> {
                    if !self.treasury_owns_asset(issuer, uuid).await? {
                        return Ok(None);
                    }
                    let mut tx = self.write_tx().await?;
                    for (t, v, address) in addresses {
                        sqlx::query(sql::OUTPUT_ADDRESS_INSERT)
                            .bind(uuid.to_string())
                            .bind(t.to_string())
                            .bind(i64::from(*v))
                            .bind(address)
                            .bind(now)
                            .execute(&mut *tx)
                            .await?;
                    }
                    tx.commit().await?;
                    Ok(Some(()))
                }

                async fn output_addresses(
                    &self,
                    issuer: IssuerId,
                    uuid: AssetUuid,
                ) -> Result<Option<Vec<(Txid, u32, String)>>, StoreError> {
                    if !self.treasury_owns_asset(issuer, uuid).await? {
                        return Ok(None);
                    }
                    let rows: Vec<(String, i64, String)> = sqlx::query_as(sql::OUTPUT_ADDRESSES)
                        .bind(uuid.to_string())
                        .fetch_all(&self.pool)
                        .await?;
                    rows.into_iter()
                        .map(|(t, v, address)| Ok((txid(t)?, vout(v)?, address)))
                        .collect::<Result<_, _>>()
                        .map(Some)
                }
            }
        };
    };
}

pub(crate) use impl_treasury_store;

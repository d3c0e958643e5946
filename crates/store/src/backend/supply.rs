//! [`SupplyStore`](crate::SupplyStore) for a backend: reissuances and burns share their
//! statements (`sql::REISSUANCE`, `sql::BURN`) and one body per operation here.
//!
//! A confirmation is keyed by its txid: the same one again answers the stored row; a
//! txid that confirmed anything else is refused. Two servers confirming the same txid at
//! once meet at the unique txid; the loser reads the winner's row and answers as a retry.

macro_rules! impl_supply_store {
    ($store:ty, $conn:ty) => {
        const _: () = {
            use elements::Txid;
            use tessera_core::{Amount, AssetUuid, IssuerId};
            use $crate::conflict::{Constraint, OnConflict};
            use $crate::sql::SupplySql;
            use $crate::{
                rows, sql, ActivityKind, Burn, Conflict, NewActivity, Reissuance, StoreError,
                SupplyStore, SupplyTotals,
            };

            type Conn = $conn;

            /// What is confirmed: the table, its activity kind and unique constraint, and
            /// the reissuance input (burns have none).
            struct Confirmation<'a> {
                table: &'a SupplySql,
                kind: ActivityKind,
                constraint: Constraint,
                txid: &'a Txid,
                vin: Option<u32>,
                amount: Amount,
                height: u32,
            }

            impl Confirmation<'_> {
                /// Whether a stored row is this very confirmation.
                fn is(&self, row: &rows::SupplyRow, uuid: AssetUuid) -> bool {
                    row.1 == uuid.to_string()
                        && row.2 == rows::amount_column(self.amount)
                        && row.5 == self.vin.map(i64::from)
                }
            }

            #[async_trait::async_trait]
            impl SupplyStore for $store {
                async fn request_reissuance(
                    &self,
                    issuer: IssuerId,
                    uuid: AssetUuid,
                    amount: Amount,
                    now: i64,
                ) -> Result<Option<Reissuance>, StoreError> {
                    let row = self
                        .request(&sql::REISSUANCE, issuer, uuid, amount, now)
                        .await?;
                    row.map(rows::reissuance).transpose()
                }

                async fn confirm_reissuance(
                    &self,
                    issuer: IssuerId,
                    uuid: AssetUuid,
                    txid: &Txid,
                    vin: u32,
                    amount: Amount,
                    height: u32,
                    now: i64,
                ) -> Result<Option<Reissuance>, StoreError> {
                    let what = Confirmation {
                        table: &sql::REISSUANCE,
                        kind: ActivityKind::Reissuance,
                        constraint: Constraint::ReissuanceTxid,
                        txid,
                        vin: Some(vin),
                        amount,
                        height,
                    };
                    let row = self.confirm(&what, issuer, uuid, now).await?;
                    row.map(rows::reissuance).transpose()
                }

                async fn reissuances(
                    &self,
                    issuer: IssuerId,
                    uuid: AssetUuid,
                ) -> Result<Option<Vec<Reissuance>>, StoreError> {
                    let found = self.list(&sql::REISSUANCE, issuer, uuid).await?;
                    found
                        .map(|list| list.into_iter().map(rows::reissuance).collect())
                        .transpose()
                }

                async fn request_burn(
                    &self,
                    issuer: IssuerId,
                    uuid: AssetUuid,
                    amount: Amount,
                    now: i64,
                ) -> Result<Option<Burn>, StoreError> {
                    let row = self.request(&sql::BURN, issuer, uuid, amount, now).await?;
                    row.map(rows::burn).transpose()
                }

                async fn confirm_burn(
                    &self,
                    issuer: IssuerId,
                    uuid: AssetUuid,
                    txid: &Txid,
                    amount: Amount,
                    height: u32,
                    now: i64,
                ) -> Result<Option<Burn>, StoreError> {
                    let what = Confirmation {
                        table: &sql::BURN,
                        kind: ActivityKind::Burn,
                        constraint: Constraint::BurnTxid,
                        txid,
                        vin: None,
                        amount,
                        height,
                    };
                    let row = self.confirm(&what, issuer, uuid, now).await?;
                    row.map(rows::burn).transpose()
                }

                async fn burns(
                    &self,
                    issuer: IssuerId,
                    uuid: AssetUuid,
                ) -> Result<Option<Vec<Burn>>, StoreError> {
                    let found = self.list(&sql::BURN, issuer, uuid).await?;
                    found
                        .map(|list| list.into_iter().map(rows::burn).collect())
                        .transpose()
                }

                async fn supply_totals(
                    &self,
                    issuer: IssuerId,
                    uuid: AssetUuid,
                ) -> Result<Option<SupplyTotals>, StoreError> {
                    let mut tx = self.pool.begin().await?;
                    let Some(issued) = Self::owned_asset(&mut tx, issuer, uuid).await? else {
                        return Ok(None);
                    };
                    let mut sums = [0_i64; 2];
                    for (sum, table) in sums.iter_mut().zip([&sql::REISSUANCE, &sql::BURN]) {
                        let (total,): (i64,) = sqlx::query_as(table.confirmed_sum)
                            .bind(uuid.to_string())
                            .fetch_one(&mut *tx)
                            .await?;
                        *sum = total;
                    }
                    tx.commit().await?;
                    Ok(Some(SupplyTotals {
                        issued: rows::amount(issued)?,
                        reissued: rows::amount(sums[0])?,
                        burned: rows::amount(sums[1])?,
                    }))
                }
            }

            impl $store {
                async fn supply_row(
                    conn: &mut Conn,
                    table: &SupplySql,
                    uuid: AssetUuid,
                    id: i64,
                ) -> Result<Option<rows::SupplyRow>, StoreError> {
                    Ok(sqlx::query_as(table.list)
                        .bind(uuid.to_string())
                        .bind(Some(id))
                        .fetch_optional(&mut *conn)
                        .await?)
                }

                async fn request(
                    &self,
                    table: &SupplySql,
                    issuer: IssuerId,
                    uuid: AssetUuid,
                    amount: Amount,
                    now: i64,
                ) -> Result<Option<rows::SupplyRow>, StoreError> {
                    let mut tx = self.write_tx().await?;
                    if Self::owned_asset(&mut tx, issuer, uuid).await?.is_none() {
                        return Ok(None);
                    }
                    let (id,): (i64,) = sqlx::query_as(table.insert_request)
                        .bind(uuid.to_string())
                        .bind(rows::amount_column(amount))
                        .bind(now)
                        .fetch_one(&mut *tx)
                        .await?;
                    let row = Self::supply_row(&mut tx, table, uuid, id).await?;
                    tx.commit().await?;
                    Ok(row)
                }

                async fn list(
                    &self,
                    table: &SupplySql,
                    issuer: IssuerId,
                    uuid: AssetUuid,
                ) -> Result<Option<Vec<rows::SupplyRow>>, StoreError> {
                    let mut tx = self.pool.begin().await?;
                    if Self::owned_asset(&mut tx, issuer, uuid).await?.is_none() {
                        return Ok(None);
                    }
                    let found = sqlx::query_as(table.list)
                        .bind(uuid.to_string())
                        .bind(None::<i64>)
                        .fetch_all(&mut *tx)
                        .await?;
                    tx.commit().await?;
                    Ok(Some(found))
                }

                async fn confirm(
                    &self,
                    what: &Confirmation<'_>,
                    issuer: IssuerId,
                    uuid: AssetUuid,
                    now: i64,
                ) -> Result<Option<rows::SupplyRow>, StoreError> {
                    let mut tx = self.write_tx().await?;
                    let confirmed = Self::confirm_in(&mut tx, what, issuer, uuid, now).await;
                    match confirmed {
                        Ok(row) => {
                            tx.commit().await?;
                            Ok(row)
                        }
                        Err(err) => {
                            tx.rollback().await?;
                            // Lost a race on the txid: a retry of the winner is fine.
                            let existing: Option<rows::SupplyRow> =
                                sqlx::query_as(what.table.by_txid)
                                    .bind(what.txid.to_string())
                                    .fetch_optional(&self.pool)
                                    .await?;
                            match existing {
                                Some(row) if what.is(&row, uuid) => Ok(Some(row)),
                                _ => Err(err),
                            }
                        }
                    }
                }

                async fn confirm_in(
                    conn: &mut Conn,
                    what: &Confirmation<'_>,
                    issuer: IssuerId,
                    uuid: AssetUuid,
                    now: i64,
                ) -> Result<Option<rows::SupplyRow>, StoreError> {
                    if Self::owned_asset(conn, issuer, uuid).await?.is_none() {
                        return Ok(None);
                    }
                    let (txid, asset) = (what.txid.to_string(), uuid.to_string());
                    let existing: Option<rows::SupplyRow> = sqlx::query_as(what.table.by_txid)
                        .bind(&txid)
                        .fetch_optional(&mut *conn)
                        .await?;
                    if let Some(row) = existing {
                        return match what.is(&row, uuid) {
                            true => Ok(Some(row)),
                            false => Err(Conflict::TransactionRecorded(*what.txid).into()),
                        };
                    }
                    let amount = rows::amount_column(what.amount);
                    let height = i64::from(what.height);
                    let vin = what.vin.map(i64::from);
                    let request: Option<(i64,)> = sqlx::query_as(what.table.oldest_request)
                        .bind(&asset)
                        .bind(amount)
                        .fetch_optional(&mut *conn)
                        .await?;
                    let id = match request {
                        Some((id,)) => {
                            let mut query = sqlx::query(what.table.confirm).bind(id).bind(&txid);
                            if let Some(vin) = vin {
                                query = query.bind(vin);
                            }
                            let done = query.bind(height).bind(now).execute(&mut *conn).await;
                            done.on_conflict(what.constraint, || {
                                Conflict::TransactionRecorded(*what.txid)
                            })?;
                            id
                        }
                        None => {
                            let mut query = sqlx::query_as(what.table.insert_confirmed)
                                .bind(&asset)
                                .bind(amount)
                                .bind(&txid);
                            if let Some(vin) = vin {
                                query = query.bind(vin);
                            }
                            let inserted: Result<(i64,), _> =
                                query.bind(height).bind(now).fetch_one(&mut *conn).await;
                            let (id,) = inserted.on_conflict(what.constraint, || {
                                Conflict::TransactionRecorded(*what.txid)
                            })?;
                            id
                        }
                    };
                    let activity = NewActivity {
                        kind: what.kind,
                        txid: *what.txid,
                        vout: None,
                        height: Some(what.height),
                        amount: what.amount,
                        gaid: None,
                        registered_user: None,
                        description: String::new(),
                    };
                    Self::insert_activity(conn, uuid, &activity, now).await?;
                    Self::supply_row(conn, what.table, uuid, id).await
                }
            }
        };
    };
}

pub(crate) use impl_supply_store;

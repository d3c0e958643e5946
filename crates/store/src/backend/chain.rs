//! [`ChainStore`](crate::ChainStore) for a backend: the chain watcher's blocks, tracked
//! outputs and ownership ledger.
//!
//! `apply_block` and `rollback_to` each run in one write transaction and roll it back
//! explicitly on any refusal, so a refused block leaves no trace (and, on SQLite, releases
//! the write lock at once rather than when the connection is next used).

macro_rules! impl_chain_store {
    ($store:ty, $conn:ty) => {
        const _: () = {
            use tessera_core::{AccountId, Gaid};
            use $crate::conflict::{Constraint, OnConflict};
            use $crate::{
                rows, sql, BlockChanges, BlockRef, ChainStore, Conflict, OwnerRef, StoreError,
                TrackedOutput, UnreadableOutput,
            };

            type Conn = $conn;

            #[async_trait::async_trait]
            impl ChainStore for $store {
                async fn chain_tip(&self) -> Result<Option<BlockRef>, StoreError> {
                    let row: Option<rows::BlockRow> = sqlx::query_as(sql::BLOCK_TIP)
                        .fetch_optional(&self.pool)
                        .await?;
                    row.map(rows::block).transpose()
                }

                async fn block_at(&self, height: u32) -> Result<Option<BlockRef>, StoreError> {
                    let row: Option<rows::BlockRow> = sqlx::query_as(sql::BLOCK_AT)
                        .bind(i64::from(height))
                        .fetch_optional(&self.pool)
                        .await?;
                    row.map(rows::block).transpose()
                }

                async fn apply_block_noting(
                    &self,
                    changes: &BlockChanges,
                    unreadable: &[UnreadableOutput],
                ) -> Result<(), StoreError> {
                    let amounts = rows::checked_amounts(changes)?;
                    rows::check_unreadable(changes, unreadable)?;
                    let mut tx = self.write_tx().await?;
                    let applied = match Self::apply_in(&mut tx, changes, &amounts).await {
                        Ok(()) => Self::note_unreadable(&mut tx, unreadable).await,
                        Err(err) => Err(err),
                    };
                    match applied {
                        Ok(()) => Ok(tx.commit().await?),
                        Err(err) => {
                            tx.rollback().await?;
                            Err(err)
                        }
                    }
                }

                async fn rollback_to(&self, height: u32) -> Result<u64, StoreError> {
                    let height = i64::from(height);
                    let mut tx = self.write_tx().await?;
                    for query in [
                        sql::ROLLBACK_UNREADABLE,
                        sql::ROLLBACK_CHECKPOINTS,
                        sql::ROLLBACK_CHECKPOINT_HEADS,
                        sql::ROLLBACK_LEDGER,
                        sql::ROLLBACK_SPENDS,
                        sql::ROLLBACK_OUTPUTS,
                    ] {
                        sqlx::query(query).bind(height).execute(&mut *tx).await?;
                    }
                    let blocks = sqlx::query(sql::ROLLBACK_BLOCKS)
                        .bind(height)
                        .execute(&mut *tx)
                        .await?;
                    tx.commit().await?;
                    Ok(blocks.rows_affected())
                }

                async fn unspent_outputs(
                    &self,
                    account: AccountId,
                ) -> Result<Vec<TrackedOutput>, StoreError> {
                    let rows: Vec<rows::OutputRow> =
                        sqlx::query_as(sql::OUTPUTS_UNSPENT_OF_ACCOUNT)
                            .bind(account.0)
                            .fetch_all(&self.pool)
                            .await?;
                    rows.into_iter().map(rows::output).collect()
                }

                async fn unspent_outpoints(&self) -> Result<Vec<(String, u32)>, StoreError> {
                    let rows: Vec<(String, i64)> = sqlx::query_as(sql::OUTPOINTS_UNSPENT)
                        .fetch_all(&self.pool)
                        .await?;
                    rows.into_iter()
                        .map(|(txid, vout)| Ok((txid, rows::to_u32("output index", vout)?)))
                        .collect()
                }

                async fn tracked_output(
                    &self,
                    txid: &str,
                    vout: u32,
                ) -> Result<Option<TrackedOutput>, StoreError> {
                    let row: Option<rows::OutputRow> = sqlx::query_as(sql::OUTPUT_BY_OUTPOINT)
                        .bind(txid)
                        .bind(i64::from(vout))
                        .fetch_optional(&self.pool)
                        .await?;
                    row.map(rows::output).transpose()
                }

                async fn balances_of_gaid(
                    &self,
                    gaid: &Gaid,
                ) -> Result<Vec<(String, i64)>, StoreError> {
                    Ok(sqlx::query_as(sql::BALANCES_OF_GAID)
                        .bind(gaid.as_str())
                        .fetch_all(&self.pool)
                        .await?)
                }

                async fn asset_holdings(
                    &self,
                    asset_id: &str,
                    at_height: Option<u32>,
                ) -> Result<Vec<($crate::OwnerRef, i64)>, StoreError> {
                    let height = at_height.map_or(i64::MAX, i64::from);
                    let rows: Vec<rows::HoldingRow> = sqlx::query_as(sql::ASSET_HOLDINGS)
                        .bind(asset_id)
                        .bind(height)
                        .fetch_all(&self.pool)
                        .await?;
                    rows.into_iter().map(rows::holding).collect()
                }

                async fn asset_unspent_outputs(
                    &self,
                    asset_id: &str,
                ) -> Result<Vec<TrackedOutput>, StoreError> {
                    let rows: Vec<rows::OutputRow> = sqlx::query_as(sql::OUTPUTS_UNSPENT_OF_ASSET)
                        .bind(asset_id)
                        .fetch_all(&self.pool)
                        .await?;
                    rows.into_iter().map(rows::output).collect()
                }

                async fn asset_tracked_outputs(
                    &self,
                    asset_id: &str,
                ) -> Result<Vec<TrackedOutput>, StoreError> {
                    let rows: Vec<rows::OutputRow> = sqlx::query_as(sql::OUTPUTS_OF_ASSET)
                        .bind(asset_id)
                        .fetch_all(&self.pool)
                        .await?;
                    rows.into_iter().map(rows::output).collect()
                }

                async fn blocks_at(&self, heights: &[u32]) -> Result<Vec<BlockRef>, StoreError> {
                    let mut wanted: Vec<u32> = heights.to_vec();
                    wanted.sort_unstable();
                    wanted.dedup();
                    let mut blocks = Vec::with_capacity(wanted.len());
                    // Bounded statements: one per 500 heights.
                    for chunk in wanted.chunks(500) {
                        let marks: Vec<String> =
                            (1..=chunk.len()).map(|i| format!("${i}")).collect();
                        let text = format!(
                            "{}{}) ORDER BY height",
                            sql::BLOCKS_AT_PREFIX,
                            marks.join(", ")
                        );
                        let mut query = sqlx::query_as::<_, rows::BlockRow>(&text);
                        for h in chunk {
                            query = query.bind(i64::from(*h));
                        }
                        for row in query.fetch_all(&self.pool).await? {
                            blocks.push(rows::block(row)?);
                        }
                    }
                    Ok(blocks)
                }

                async fn block_at_or_before_time(
                    &self,
                    time: i64,
                ) -> Result<Option<BlockRef>, StoreError> {
                    let row: Option<rows::BlockRow> = sqlx::query_as(sql::BLOCK_AT_OR_BEFORE_TIME)
                        .bind(time)
                        .fetch_optional(&self.pool)
                        .await?;
                    row.map(rows::block).transpose()
                }

                async fn unreadable_outputs(&self) -> Result<Vec<UnreadableOutput>, StoreError> {
                    let rows: Vec<rows::UnreadableRow> = sqlx::query_as(sql::UNREADABLE_ALL)
                        .fetch_all(&self.pool)
                        .await?;
                    rows.into_iter().map(rows::unreadable).collect()
                }

                async fn holding(
                    &self,
                    owner: &OwnerRef,
                    asset_id: &str,
                ) -> Result<i64, StoreError> {
                    let query = match owner {
                        OwnerRef::Account { account, .. } => {
                            sqlx::query_as(sql::HOLDING_OF_ACCOUNT)
                                .bind(asset_id)
                                .bind(account.0)
                        }
                        OwnerRef::Treasury { address } => sqlx::query_as(sql::HOLDING_OF_TREASURY)
                            .bind(asset_id)
                            .bind(address.as_str()),
                        OwnerRef::Unknown => return Ok(0),
                    };
                    let (holding,): (i64,) = query.fetch_one(&self.pool).await?;
                    Ok(holding)
                }

                async fn balance_of_gaid(
                    &self,
                    gaid: &Gaid,
                    asset_id: &str,
                ) -> Result<i64, StoreError> {
                    let (balance,): (i64,) = sqlx::query_as(sql::BALANCE_OF_GAID)
                        .bind(gaid.as_str())
                        .bind(asset_id)
                        .fetch_one(&self.pool)
                        .await?;
                    Ok(balance)
                }
            }

            /// A reason as stored: at most 500 characters.
            fn reason_text(reason: &str) -> String {
                reason.chars().take(500).collect()
            }

            impl $store {
                /// Records the unreadable outputs of the block being applied.
                async fn note_unreadable(
                    conn: &mut Conn,
                    unreadable: &[UnreadableOutput],
                ) -> Result<(), StoreError> {
                    for out in unreadable {
                        let (kind, account, gaid, treasury) = rows::owner_columns(&out.owner);
                        sqlx::query(sql::UNREADABLE_INSERT)
                            .bind(&out.txid)
                            .bind(i64::from(out.vout))
                            .bind(kind)
                            .bind(account)
                            .bind(gaid)
                            .bind(treasury)
                            .bind(out.asset_id.as_deref())
                            .bind(out.amount.map(|a| a.to_string()))
                            .bind(&out.script_pubkey)
                            .bind(reason_text(&out.reason))
                            .bind(i64::from(out.height))
                            .execute(&mut *conn)
                            .await?;
                    }
                    Ok(())
                }

                /// The writes of `apply_block`, inside its transaction; `amounts` are the
                /// outputs' amounts as checked by `rows::checked_amounts`.
                async fn apply_in(
                    conn: &mut Conn,
                    changes: &BlockChanges,
                    amounts: &[i64],
                ) -> Result<(), StoreError> {
                    let block = &changes.block;
                    Self::check_extends_tip(conn, block).await?;
                    let height = i64::from(block.height);
                    sqlx::query(sql::BLOCK_INSERT)
                        .bind(height)
                        .bind(&block.hash)
                        .bind(&block.prev_hash)
                        .bind(block.time)
                        .execute(&mut *conn)
                        .await
                        .on_conflicts(|c| {
                            matches!(c, Constraint::BlockHeight | Constraint::BlockHash).then(
                                || Conflict::BlockExists {
                                    height: block.height,
                                    hash: block.hash.clone(),
                                },
                            )
                        })?;
                    for (out, amount) in changes.outputs.iter().zip(amounts) {
                        let (kind, account, gaid, treasury) = rows::owner_columns(&out.owner);
                        sqlx::query(sql::OUTPUT_INSERT)
                            .bind(&out.txid)
                            .bind(i64::from(out.vout))
                            .bind(kind)
                            .bind(account)
                            .bind(gaid)
                            .bind(treasury)
                            .bind(&out.asset_id)
                            .bind(amount)
                            .bind(&out.asset_blinder)
                            .bind(&out.amount_blinder)
                            .bind(&out.script_pubkey)
                            .bind(height)
                            .execute(&mut *conn)
                            .await
                            .on_conflict(Constraint::Outpoint, || Conflict::OutputExists {
                                txid: out.txid.clone(),
                                vout: out.vout,
                            })?;
                    }
                    for spend in &changes.spends {
                        let done = sqlx::query(sql::OUTPUT_SPEND)
                            .bind(&spend.txid)
                            .bind(i64::from(spend.vout))
                            .bind(&spend.spent_by_txid)
                            .bind(i64::from(spend.spent_by_vin))
                            .bind(height)
                            .execute(&mut *conn)
                            .await?;
                        if done.rows_affected() == 0 {
                            return Err(Self::unspendable(conn, &spend.txid, spend.vout).await);
                        }
                    }
                    for row in &changes.ledger {
                        let (kind, account, gaid, treasury) = rows::owner_columns(&row.owner);
                        sqlx::query(sql::LEDGER_INSERT)
                            .bind(&row.asset_id)
                            .bind(kind)
                            .bind(account)
                            .bind(gaid)
                            .bind(treasury)
                            .bind(row.delta)
                            .bind(&row.txid)
                            .bind(i64::from(row.vout))
                            .bind(height)
                            .bind(row.time)
                            .execute(&mut *conn)
                            .await?;
                    }
                    let assets: std::collections::BTreeSet<&str> = changes
                        .ledger
                        .iter()
                        .map(|row| row.asset_id.as_str())
                        .collect();
                    for asset_id in assets {
                        Self::checkpoint_if_due(conn, asset_id, height).await?;
                    }
                    Ok(())
                }

                /// Writes a checkpoint of `asset_id` at `height` (the block being applied)
                /// when the ledger rows after its latest checkpoint are at least as many as
                /// that checkpoint's owners, and at least `rows::CHECKPOINT_MIN_ROWS`: a
                /// snapshot then reads at most about twice the owners' count in rows, and
                /// checkpoints never hold more rows than twice the ledger.
                async fn checkpoint_if_due(
                    conn: &mut Conn,
                    asset_id: &str,
                    height: i64,
                ) -> Result<(), StoreError> {
                    let latest: Option<(i64, i64)> = sqlx::query_as(sql::CHECKPOINT_LATEST)
                        .bind(asset_id)
                        .fetch_optional(&mut *conn)
                        .await?;
                    let (since, owners) = latest.unwrap_or((-1, 0));
                    let due = owners.max(rows::CHECKPOINT_MIN_ROWS);
                    let (rows_after,): (i64,) = sqlx::query_as(sql::LEDGER_ROWS_ABOVE)
                        .bind(asset_id)
                        .bind(since)
                        .bind(due)
                        .fetch_one(&mut *conn)
                        .await?;
                    if rows_after < due {
                        return Ok(());
                    }
                    let written = sqlx::query(sql::CHECKPOINT_INSERT)
                        .bind(asset_id)
                        .bind(height)
                        .execute(&mut *conn)
                        .await?;
                    let owners = i64::try_from(written.rows_affected()).unwrap_or(i64::MAX);
                    sqlx::query(sql::CHECKPOINT_HEAD_INSERT)
                        .bind(asset_id)
                        .bind(height)
                        .bind(owners)
                        .execute(&mut *conn)
                        .await?;
                    Ok(())
                }

                /// `NotNextBlock` unless `block` is the tip's successor (any block on an
                /// empty chain). A concurrent writer that got there first is caught by the
                /// block's primary key instead.
                async fn check_extends_tip(
                    conn: &mut Conn,
                    block: &BlockRef,
                ) -> Result<(), StoreError> {
                    let tip: Option<rows::BlockRow> = sqlx::query_as(sql::BLOCK_TIP)
                        .fetch_optional(&mut *conn)
                        .await?;
                    let Some(tip) = tip.map(rows::block).transpose()? else {
                        return Ok(());
                    };
                    let expected_height = tip.height.checked_add(1);
                    if expected_height == Some(block.height) && tip.hash == block.prev_hash {
                        return Ok(());
                    }
                    Err(StoreError::NotNextBlock {
                        expected_height: expected_height.unwrap_or(u32::MAX),
                        expected_prev: tip.hash,
                        got_height: block.height,
                        got_prev: block.prev_hash.clone(),
                    })
                }

                /// Why an outpoint could not be marked spent: unknown, or spent already.
                async fn unspendable(conn: &mut Conn, txid: &str, vout: u32) -> StoreError {
                    let row: Result<Option<rows::OutputRow>, _> =
                        sqlx::query_as(sql::OUTPUT_BY_OUTPOINT)
                            .bind(txid)
                            .bind(i64::from(vout))
                            .fetch_optional(&mut *conn)
                            .await;
                    match row.map(|row| row.map(rows::output).transpose()) {
                        Ok(Ok(Some(TrackedOutput {
                            spent_by: Some((spent_by_txid, spent_by_vin)),
                            ..
                        }))) => StoreError::OutpointAlreadySpent {
                            txid: txid.to_owned(),
                            vout,
                            spent_by_txid,
                            spent_by_vin,
                        },
                        Ok(Ok(_)) => StoreError::UnknownOutpoint {
                            txid: txid.to_owned(),
                            vout,
                        },
                        Ok(Err(err)) => err,
                        Err(err) => StoreError::Backend(err),
                    }
                }
            }
        };
    };
}

pub(crate) use impl_chain_store;

//! [`DistributionStore`](crate::DistributionStore) for a backend.
//!
//! Creation runs in one write transaction, rolled back explicitly on any refusal, so a
//! refused distribution leaves no trace. Cancel and confirm first try the guarded update
//! (`state = 'unconfirmed'`) and only then read what is there: when two callers race, the
//! loser's update changes nothing and its read sees the winner's committed state, which it
//! answers idempotently or with a conflict.

macro_rules! impl_distribution_store {
    ($store:ty, $conn:ty) => {
        const _: () = {
            use elements::Txid;
            use std::collections::BTreeMap;
            use tessera_core::{AssetUuid, DistributionState, DistributionUuid, IssuerId};
            use $crate::conflict::{violated, Constraint, OnConflict};
            use $crate::{
                rows, sql, ActivityKind, Conflict, Distribution, DistributionStore, NewActivity,
                NewDistribution, StoreError,
            };

            type Conn = $conn;

            #[async_trait::async_trait]
            impl DistributionStore for $store {
                async fn create_distribution(
                    &self,
                    issuer: IssuerId,
                    uuid: AssetUuid,
                    distribution: &NewDistribution,
                    now: i64,
                ) -> Result<Option<Distribution>, StoreError> {
                    let mut tx = self.write_tx().await?;
                    let created =
                        Self::create_distribution_in(&mut tx, issuer, uuid, distribution, now)
                            .await;
                    let err = match created {
                        Ok(created) => {
                            tx.commit().await?;
                            return Ok(created);
                        }
                        Err(err) => err,
                    };
                    tx.rollback().await?;
                    // Lost a race with another creation: name the winner.
                    if let StoreError::Backend(backend) = &err {
                        if violated(backend) == Some(Constraint::OpenDistribution) {
                            let open: Option<(String,)> = sqlx::query_as(sql::DISTRIBUTION_OPEN)
                                .bind(uuid.to_string())
                                .fetch_optional(&self.pool)
                                .await?;
                            if let Some((open,)) = open {
                                let open = rows::parse("distribution uuid", open)?;
                                return Err(Conflict::DistributionOpen(open).into());
                            }
                        }
                    }
                    Err(err)
                }

                async fn distributions(
                    &self,
                    issuer: IssuerId,
                    uuid: AssetUuid,
                ) -> Result<Option<Vec<Distribution>>, StoreError> {
                    let mut tx = self.pool.begin().await?;
                    if Self::owned_asset(&mut tx, issuer, uuid).await?.is_none() {
                        return Ok(None);
                    }
                    let list = Self::load_distributions(&mut tx, issuer, uuid, None).await?;
                    tx.commit().await?;
                    Ok(Some(list))
                }

                async fn distribution(
                    &self,
                    issuer: IssuerId,
                    uuid: AssetUuid,
                    distribution: DistributionUuid,
                ) -> Result<Option<Distribution>, StoreError> {
                    let mut tx = self.pool.begin().await?;
                    let found =
                        Self::load_distribution(&mut tx, issuer, uuid, distribution).await?;
                    tx.commit().await?;
                    Ok(found)
                }

                async fn cancel_distribution(
                    &self,
                    issuer: IssuerId,
                    uuid: AssetUuid,
                    distribution: DistributionUuid,
                ) -> Result<Option<Distribution>, StoreError> {
                    let mut tx = self.write_tx().await?;
                    let key = distribution.to_string();
                    let paid: Option<(String,)> = sqlx::query_as(sql::DISTRIBUTION_PAID_BY)
                        .bind(&key)
                        .bind(issuer.0)
                        .bind(uuid.to_string())
                        .fetch_optional(&mut *tx)
                        .await?;
                    if let Some((txid,)) = paid {
                        tx.rollback().await?;
                        let txid = txid
                            .parse::<Txid>()
                            .map_err(|_| rows::corrupt("tracked output txid", txid))?;
                        return Err(Conflict::DistributionPaid { distribution, txid }.into());
                    }
                    let done = sqlx::query(sql::DISTRIBUTION_CANCEL)
                        .bind(&key)
                        .bind(issuer.0)
                        .bind(uuid.to_string())
                        .execute(&mut *tx)
                        .await?;
                    if done.rows_affected() > 0 {
                        sqlx::query(sql::ASSIGNMENTS_RELEASE)
                            .bind(&key)
                            .execute(&mut *tx)
                            .await?;
                    }
                    let found =
                        Self::load_distribution(&mut tx, issuer, uuid, distribution).await?;
                    if let Some(Distribution {
                        state: DistributionState::Confirmed { txids, .. },
                        ..
                    }) = &found
                    {
                        let txid = txids.first().copied();
                        tx.rollback().await?;
                        return Err(confirmed_conflict(distribution, txid));
                    }
                    tx.commit().await?;
                    Ok(found)
                }

                async fn confirm_distribution(
                    &self,
                    issuer: IssuerId,
                    uuid: AssetUuid,
                    distribution: DistributionUuid,
                    txid: &Txid,
                    height: u32,
                    vouts: &[(String, u32)],
                    now: i64,
                ) -> Result<Option<Distribution>, StoreError> {
                    let mut tx = self.write_tx().await?;
                    let key = distribution.to_string();
                    let done = sqlx::query(sql::DISTRIBUTION_CONFIRM)
                        .bind(&key)
                        .bind(issuer.0)
                        .bind(uuid.to_string())
                        .bind(txid.to_string())
                        .bind(i64::from(height))
                        .bind(now)
                        .execute(&mut *tx)
                        .await?;
                    if done.rows_affected() > 0 {
                        Self::record_payment(&mut tx, &key, txid, vouts).await?;
                    }
                    let found =
                        Self::load_distribution(&mut tx, issuer, uuid, distribution).await?;
                    let refusal = match &found {
                        Some(d) => match &d.state {
                            DistributionState::Confirmed { txids, .. }
                                if txids.first() != Some(txid) =>
                            {
                                Some(confirmed_conflict(distribution, txids.first().copied()))
                            }
                            DistributionState::Cancelled => {
                                Some(Conflict::DistributionCancelled(distribution).into())
                            }
                            _ => None,
                        },
                        None => None,
                    };
                    if let Some(refusal) = refusal {
                        tx.rollback().await?;
                        return Err(refusal);
                    }
                    if let (Some(d), true) = (&found, done.rows_affected() > 0) {
                        for output in &d.outputs {
                            let activity = NewActivity {
                                kind: ActivityKind::Distribution,
                                txid: *txid,
                                vout: output.vout,
                                height: Some(height),
                                amount: output.amount,
                                gaid: Some(output.gaid.clone()),
                                registered_user: Some(output.registered_user),
                                description: format!("distribution {distribution}"),
                            };
                            Self::insert_activity(&mut tx, uuid, &activity, now).await?;
                        }
                    }
                    tx.commit().await?;
                    Ok(found)
                }
            }

            /// The conflict for a distribution confirmed already (by `txid`).
            fn confirmed_conflict(
                distribution: DistributionUuid,
                txid: Option<Txid>,
            ) -> StoreError {
                match txid {
                    Some(txid) => Conflict::DistributionConfirmed { distribution, txid }.into(),
                    None => rows::corrupt("confirmed distribution", distribution.to_string()),
                }
            }

            impl $store {
                /// The body of `create_distribution`, in the caller's transaction.
                async fn create_distribution_in(
                    conn: &mut Conn,
                    issuer: IssuerId,
                    uuid: AssetUuid,
                    distribution: &NewDistribution,
                    now: i64,
                ) -> Result<Option<Distribution>, StoreError> {
                    if Self::owned_asset(conn, issuer, uuid).await?.is_none() {
                        return Ok(None);
                    }
                    let asset = uuid.to_string();
                    let open: Option<(String,)> = sqlx::query_as(sql::DISTRIBUTION_OPEN)
                        .bind(&asset)
                        .fetch_optional(&mut *conn)
                        .await?;
                    if let Some((open,)) = open {
                        let open = rows::parse("distribution uuid", open)?;
                        return Err(Conflict::DistributionOpen(open).into());
                    }
                    let key = distribution.uuid.to_string();
                    let inserted = sqlx::query(sql::DISTRIBUTION_INSERT)
                        .bind(&key)
                        .bind(&asset)
                        .bind(issuer.0)
                        .bind(now)
                        .execute(&mut *conn)
                        .await;
                    if let Err(err) = &inserted {
                        if violated(err) == Some(Constraint::DistributionUuid) {
                            return Err(Conflict::DistributionExists(distribution.uuid).into());
                        }
                    }
                    inserted?;
                    for output in &distribution.outputs {
                        let (output_id,): (i64,) = sqlx::query_as(sql::PAYOUT_INSERT)
                            .bind(&key)
                            .bind(&output.address)
                            .bind(&output.script_pubkey)
                            .bind(output.registered_user.0)
                            .bind(output.gaid.as_str())
                            .bind(output.account.0)
                            .bind(rows::amount_column(output.amount))
                            .bind(output.vout.map(i64::from))
                            .fetch_one(&mut *conn)
                            .await
                            .on_conflict(Constraint::DistributionAddress, || {
                                Conflict::AddressExists(output.address.clone())
                            })?;
                        for id in &output.assignment_ids {
                            Self::take_assignment(conn, &key, &asset, id.0, output_id).await?;
                        }
                    }
                    Self::load_distribution(conn, issuer, uuid, distribution.uuid).await
                }

                /// Takes a pending, unlocked assignment of the asset into the distribution
                /// `key`, paid by `output`; a conflict naming it otherwise.
                async fn take_assignment(
                    conn: &mut Conn,
                    key: &str,
                    asset: &str,
                    id: i64,
                    output: i64,
                ) -> Result<(), StoreError> {
                    let taken = sqlx::query(sql::ASSIGNMENT_TAKE)
                        .bind(key)
                        .bind(id)
                        .bind(asset)
                        .execute(&mut *conn)
                        .await?;
                    if taken.rows_affected() == 0 {
                        let holder: Option<(Option<String>,)> =
                            sqlx::query_as(sql::ASSIGNMENT_STATE)
                                .bind(id)
                                .bind(asset)
                                .fetch_optional(&mut *conn)
                                .await?;
                        let id = tessera_core::AssignmentId(id);
                        return Err(match holder {
                            Some((Some(distribution),)) => Conflict::AssignmentTaken {
                                id,
                                distribution: rows::parse("distribution uuid", distribution)?,
                            },
                            _ => Conflict::AssignmentUnavailable(id),
                        }
                        .into());
                    }
                    sqlx::query(sql::PAYOUT_LINK)
                        .bind(key)
                        .bind(id)
                        .bind(output)
                        .execute(&mut *conn)
                        .await?;
                    Ok(())
                }

                /// Records the paying outputs and marks the assignments distributed.
                async fn record_payment(
                    conn: &mut Conn,
                    key: &str,
                    txid: &Txid,
                    vouts: &[(String, u32)],
                ) -> Result<(), StoreError> {
                    let vouts: BTreeMap<&str, u32> =
                        vouts.iter().map(|(a, v)| (a.as_str(), *v)).collect();
                    for (address, vout) in vouts {
                        sqlx::query(sql::PAYOUT_SET_VOUT)
                            .bind(key)
                            .bind(address)
                            .bind(i64::from(vout))
                            .execute(&mut *conn)
                            .await?;
                    }
                    sqlx::query(sql::ASSIGNMENTS_DISTRIBUTE)
                        .bind(key)
                        .bind(txid.to_string())
                        .execute(&mut *conn)
                        .await?;
                    Ok(())
                }
            }
        };
    };
}

pub(crate) use impl_distribution_store;

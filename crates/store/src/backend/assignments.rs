//! [`AssignmentStore`](crate::AssignmentStore) for a backend. The guards that keep a
//! taken assignment unchanged are in the SQL (`sql/lifecycle.rs`); when one refuses, the
//! assignment is read back to name the distribution in the conflict.

macro_rules! impl_assignment_store {
    ($store:ty, $conn:ty) => {
        const _: () = {
            use tessera_core::{
                AssetUuid, Assignment, AssignmentId, AssignmentState, IssuerId, NewAssignment,
                RegisteredUserId,
            };
            use $crate::{
                rows, sql, AssignmentStore, AssignmentTotals, Conflict, StoreError,
                UserAssignmentTotals,
            };

            #[async_trait::async_trait]
            impl AssignmentStore for $store {
                async fn create_assignments(
                    &self,
                    issuer: IssuerId,
                    uuid: AssetUuid,
                    assignments: &[NewAssignment],
                    now: i64,
                ) -> Result<Option<Vec<Assignment>>, StoreError> {
                    let mut tx = self.write_tx().await?;
                    if Self::owned_asset(&mut tx, issuer, uuid).await?.is_none() {
                        return Ok(None);
                    }
                    for new in assignments {
                        let user = new.registered_user;
                        if !Self::exists(&mut tx, sql::USER_EXISTS, user.0, issuer).await? {
                            tx.rollback().await?;
                            return Err(Conflict::UnknownRegisteredUser(user).into());
                        }
                    }
                    let mut created = Vec::with_capacity(assignments.len());
                    for new in assignments {
                        let (id,): (i64,) = sqlx::query_as(sql::ASSIGNMENT_INSERT)
                            .bind(uuid.to_string())
                            .bind(issuer.0)
                            .bind(new.registered_user.0)
                            .bind(rows::amount_column(new.amount))
                            .bind(new.vesting_timestamp)
                            .bind(new.ready_for_distribution)
                            .bind(now)
                            .fetch_one(&mut *tx)
                            .await?;
                        created.push(new.into_assignment(AssignmentId(id), uuid));
                    }
                    tx.commit().await?;
                    Ok(Some(created))
                }

                async fn assignments(
                    &self,
                    issuer: IssuerId,
                    uuid: AssetUuid,
                    distributed: Option<bool>,
                ) -> Result<Option<Vec<Assignment>>, StoreError> {
                    let mut tx = self.pool.begin().await?;
                    if Self::owned_asset(&mut tx, issuer, uuid).await?.is_none() {
                        return Ok(None);
                    }
                    let found: Vec<rows::AssignmentRow> = sqlx::query_as(sql::ASSIGNMENTS)
                        .bind(issuer.0)
                        .bind(uuid.to_string())
                        .bind(distributed)
                        .fetch_all(&mut *tx)
                        .await?;
                    tx.commit().await?;
                    let list = found.into_iter().map(rows::assignment);
                    list.collect::<Result<_, _>>().map(Some)
                }

                async fn assignment(
                    &self,
                    issuer: IssuerId,
                    uuid: AssetUuid,
                    id: AssignmentId,
                ) -> Result<Option<Assignment>, StoreError> {
                    let mut conn = self.pool.acquire().await?;
                    Self::load_assignment(&mut conn, issuer, uuid, id).await
                }

                async fn update_assignment(
                    &self,
                    issuer: IssuerId,
                    assignment: &Assignment,
                ) -> Result<bool, StoreError> {
                    let mut tx = self.write_tx().await?;
                    let done = sqlx::query(sql::ASSIGNMENT_UPDATE)
                        .bind(assignment.id.0)
                        .bind(issuer.0)
                        .bind(assignment.asset.to_string())
                        .bind(rows::amount_column(assignment.amount))
                        .bind(assignment.vesting_timestamp)
                        .bind(assignment.ready_for_distribution)
                        .bind(assignment.is_locked)
                        .execute(&mut *tx)
                        .await?;
                    if done.rows_affected() == 0 {
                        let (asset, id) = (assignment.asset, assignment.id);
                        return Self::refusal(&mut tx, issuer, asset, id).await;
                    }
                    tx.commit().await?;
                    Ok(true)
                }

                async fn delete_assignment(
                    &self,
                    issuer: IssuerId,
                    uuid: AssetUuid,
                    id: AssignmentId,
                ) -> Result<bool, StoreError> {
                    let mut tx = self.write_tx().await?;
                    let done = sqlx::query(sql::ASSIGNMENT_DELETE)
                        .bind(id.0)
                        .bind(issuer.0)
                        .bind(uuid.to_string())
                        .execute(&mut *tx)
                        .await?;
                    if done.rows_affected() == 0 {
                        return Self::refusal(&mut tx, issuer, uuid, id).await;
                    }
                    tx.commit().await?;
                    Ok(true)
                }

                async fn assignment_totals(
                    &self,
                    issuer: IssuerId,
                    uuid: AssetUuid,
                ) -> Result<Option<AssignmentTotals>, StoreError> {
                    let mut tx = self.pool.begin().await?;
                    if Self::owned_asset(&mut tx, issuer, uuid).await?.is_none() {
                        return Ok(None);
                    }
                    let (count, undistributed_count, undistributed, distributed_count, distributed): (
                        i64,
                        i64,
                        i64,
                        i64,
                        i64,
                    ) = sqlx::query_as(sql::ASSIGNMENT_TOTALS)
                        .bind(issuer.0)
                        .bind(uuid.to_string())
                        .fetch_one(&mut *tx)
                        .await?;
                    tx.commit().await?;
                    Ok(Some(AssignmentTotals {
                        count: rows::count(count),
                        undistributed_count: rows::count(undistributed_count),
                        assigned_undistributed: rows::amount(undistributed)?,
                        distributed_count: rows::count(distributed_count),
                        distributed: rows::amount(distributed)?,
                    }))
                }

                async fn user_assignment_totals(
                    &self,
                    issuer: IssuerId,
                    user: RegisteredUserId,
                ) -> Result<Vec<UserAssignmentTotals>, StoreError> {
                    let found: Vec<(String, i64, i64, i64, i64)> =
                        sqlx::query_as(sql::USER_ASSIGNMENT_TOTALS)
                            .bind(issuer.0)
                            .bind(user.0)
                            .fetch_all(&self.pool)
                            .await?;
                    found
                        .into_iter()
                        .map(|(asset, count, sum, distributed_count, distributed_sum)| {
                            Ok(UserAssignmentTotals {
                                asset: rows::parse("asset uuid", asset)?,
                                count: rows::count(count),
                                sum: rows::amount(sum)?,
                                distributed_count: rows::count(distributed_count),
                                distributed_sum: rows::amount(distributed_sum)?,
                            })
                        })
                        .collect()
                }
            }

            impl $store {
                async fn load_assignment(
                    conn: &mut $conn,
                    issuer: IssuerId,
                    uuid: AssetUuid,
                    id: AssignmentId,
                ) -> Result<Option<Assignment>, StoreError> {
                    let row: Option<rows::AssignmentRow> = sqlx::query_as(sql::ASSIGNMENT_ONE)
                        .bind(issuer.0)
                        .bind(uuid.to_string())
                        .bind(id.0)
                        .fetch_optional(&mut *conn)
                        .await?;
                    row.map(rows::assignment).transpose()
                }

                /// Why a guarded update or delete of an assignment changed nothing:
                /// `false` if unknown, else the distribution that took it.
                async fn refusal(
                    conn: &mut $conn,
                    issuer: IssuerId,
                    uuid: AssetUuid,
                    id: AssignmentId,
                ) -> Result<bool, StoreError> {
                    match Self::load_assignment(conn, issuer, uuid, id).await? {
                        None => Ok(false),
                        Some(found) => match found.state {
                            AssignmentState::InDistribution { distribution }
                            | AssignmentState::Distributed { distribution, .. } => {
                                Err(Conflict::AssignmentTaken { id, distribution }.into())
                            }
                            AssignmentState::Pending => Ok(false),
                        },
                    }
                }
            }
        };
    };
}

pub(crate) use impl_assignment_store;

//! [`ManagerStore`](crate::ManagerStore) for a backend: managers, grants, manager tokens.

macro_rules! impl_manager_store {
    ($store:ty) => {
        const _: () = {
            use tessera_core::{AssetUuid, IssuerId, Manager, ManagerId, Username};
            use $crate::conflict::{Constraint, OnConflict};
            use $crate::rows::corrupt;
            use $crate::{
                sql, AuditEntry, Conflict, ManagerCredentials, ManagerStore, NewAuditEntry,
                StoreError,
            };

            type ManagerRow = (i64, i64, String, bool, i64);
            type AuditRow = (
                i64,
                i64,
                i64,
                String,
                String,
                String,
                Option<String>,
                Option<String>,
                i64,
            );

            fn json_text(value: &Option<serde_json::Value>) -> Option<String> {
                value.as_ref().map(ToString::to_string)
            }

            fn json_value(text: Option<String>) -> Result<Option<serde_json::Value>, StoreError> {
                text.map(|t| serde_json::from_str(&t).map_err(|_| corrupt("audit JSON", t)))
                    .transpose()
            }

            fn audit_entry(row: AuditRow) -> Result<AuditEntry, StoreError> {
                let (id, issuer, manager, username, action, subject, before, after, at) = row;
                Ok(AuditEntry {
                    id,
                    created_at: at,
                    entry: NewAuditEntry {
                        issuer: IssuerId(issuer),
                        manager: ManagerId(manager),
                        manager_username: username,
                        action,
                        subject,
                        before: json_value(before)?,
                        after: json_value(after)?,
                    },
                })
            }

            impl $store {
                /// The issuer's managers (one if `id` is given) with their assets.
                async fn load_managers(
                    &self,
                    issuer: IssuerId,
                    id: Option<ManagerId>,
                ) -> Result<Vec<Manager>, StoreError> {
                    let rows: Vec<ManagerRow> = sqlx::query_as(sql::MANAGERS)
                        .bind(issuer.0)
                        .bind(id.map(|m| m.0))
                        .fetch_all(&self.pool)
                        .await?;
                    let grants: Vec<(i64, String)> = sqlx::query_as(sql::MANAGERS_ASSETS)
                        .bind(issuer.0)
                        .bind(id.map(|m| m.0))
                        .fetch_all(&self.pool)
                        .await?;
                    rows.into_iter()
                        .map(|(id, issuer_id, name, is_locked, created_at)| {
                            let username = Username::parse(&name)
                                .map_err(|_| corrupt("username", name.clone()))?;
                            let assets = grants
                                .iter()
                                .filter(|(m, _)| *m == id)
                                .map(|(_, u)| {
                                    u.parse::<AssetUuid>()
                                        .map_err(|_| corrupt("asset uuid", u.clone()))
                                })
                                .collect::<Result<Vec<_>, _>>()?;
                            Ok(Manager {
                                id: ManagerId(id),
                                issuer: IssuerId(issuer_id),
                                username,
                                is_locked,
                                assets,
                                created_at,
                            })
                        })
                        .collect()
                }
            }

            #[async_trait::async_trait]
            impl ManagerStore for $store {
                async fn create_manager(
                    &self,
                    issuer: IssuerId,
                    username: &Username,
                    password_hash: &str,
                    now: i64,
                ) -> Result<Manager, StoreError> {
                    let taken = || Conflict::UsernameTaken(username.clone());
                    let mut tx = self.write_tx().await?;
                    let issuer_named: Option<(i64,)> = sqlx::query_as(sql::ISSUER_USERNAME_USED)
                        .bind(username.as_str())
                        .fetch_optional(&mut *tx)
                        .await?;
                    if issuer_named.is_some() {
                        return Err(StoreError::Conflict(taken()));
                    }
                    let (id,): (i64,) = sqlx::query_as(sql::MANAGER_INSERT)
                        .bind(issuer.0)
                        .bind(username.as_str())
                        .bind(password_hash)
                        .bind(now)
                        .fetch_one(&mut *tx)
                        .await
                        .on_conflict(Constraint::ManagerUsername, taken)?;
                    tx.commit().await?;
                    Ok(Manager {
                        id: ManagerId(id),
                        issuer,
                        username: username.clone(),
                        is_locked: true,
                        assets: Vec::new(),
                        created_at: now,
                    })
                }

                async fn managers(&self, issuer: IssuerId) -> Result<Vec<Manager>, StoreError> {
                    self.load_managers(issuer, None).await
                }

                async fn manager(
                    &self,
                    issuer: IssuerId,
                    id: ManagerId,
                ) -> Result<Option<Manager>, StoreError> {
                    Ok(self.load_managers(issuer, Some(id)).await?.pop())
                }

                async fn manager_credentials(
                    &self,
                    username: &Username,
                ) -> Result<Option<ManagerCredentials>, StoreError> {
                    let row: Option<(i64, i64, String)> = sqlx::query_as(sql::MANAGER_CREDENTIALS)
                        .bind(username.as_str())
                        .fetch_optional(&self.pool)
                        .await?;
                    let Some((id, issuer, password_hash)) = row else {
                        return Ok(None);
                    };
                    let manager = self.manager(IssuerId(issuer), ManagerId(id)).await?;
                    Ok(manager.map(|manager| ManagerCredentials {
                        manager,
                        password_hash,
                    }))
                }

                async fn set_manager_locked(
                    &self,
                    issuer: IssuerId,
                    id: ManagerId,
                    locked: bool,
                ) -> Result<bool, StoreError> {
                    let done = sqlx::query(sql::MANAGER_SET_LOCKED)
                        .bind(id.0)
                        .bind(issuer.0)
                        .bind(locked)
                        .execute(&self.pool)
                        .await?;
                    Ok(done.rows_affected() > 0)
                }

                async fn set_manager_password_hash(
                    &self,
                    issuer: IssuerId,
                    id: ManagerId,
                    password_hash: &str,
                ) -> Result<bool, StoreError> {
                    let done = sqlx::query(sql::MANAGER_SET_PASSWORD)
                        .bind(id.0)
                        .bind(issuer.0)
                        .bind(password_hash)
                        .execute(&self.pool)
                        .await?;
                    Ok(done.rows_affected() > 0)
                }

                async fn grant_manager_asset(
                    &self,
                    issuer: IssuerId,
                    id: ManagerId,
                    asset: AssetUuid,
                ) -> Result<bool, StoreError> {
                    let done = sqlx::query(sql::MANAGER_GRANT)
                        .bind(id.0)
                        .bind(issuer.0)
                        .bind(asset.to_string())
                        .execute(&self.pool)
                        .await?;
                    Ok(done.rows_affected() > 0)
                }

                async fn revoke_manager_asset(
                    &self,
                    issuer: IssuerId,
                    id: ManagerId,
                    asset: AssetUuid,
                ) -> Result<bool, StoreError> {
                    let done = sqlx::query(sql::MANAGER_REVOKE)
                        .bind(id.0)
                        .bind(issuer.0)
                        .bind(asset.to_string())
                        .execute(&self.pool)
                        .await?;
                    Ok(done.rows_affected() > 0)
                }

                async fn insert_manager_token(
                    &self,
                    manager: ManagerId,
                    token_hash: &str,
                    expires_at: i64,
                ) -> Result<(), StoreError> {
                    sqlx::query(sql::MANAGER_TOKEN_INSERT)
                        .bind(token_hash)
                        .bind(manager.0)
                        .bind(expires_at)
                        .execute(&self.pool)
                        .await?;
                    Ok(())
                }

                async fn token_manager(
                    &self,
                    token_hash: &str,
                    now: i64,
                ) -> Result<Option<Manager>, StoreError> {
                    let row: Option<(i64, i64)> = sqlx::query_as(sql::MANAGER_TOKEN_OWNER)
                        .bind(token_hash)
                        .bind(now)
                        .fetch_optional(&self.pool)
                        .await?;
                    match row {
                        Some((id, issuer)) => self.manager(IssuerId(issuer), ManagerId(id)).await,
                        None => Ok(None),
                    }
                }

                async fn delete_manager_token(&self, token_hash: &str) -> Result<bool, StoreError> {
                    let done = sqlx::query(sql::MANAGER_TOKEN_DELETE)
                        .bind(token_hash)
                        .execute(&self.pool)
                        .await?;
                    Ok(done.rows_affected() > 0)
                }

                async fn delete_manager_tokens(
                    &self,
                    manager: ManagerId,
                ) -> Result<u64, StoreError> {
                    let done = sqlx::query(sql::MANAGER_TOKENS_DELETE)
                        .bind(manager.0)
                        .execute(&self.pool)
                        .await?;
                    Ok(done.rows_affected())
                }

                async fn record_audit(
                    &self,
                    entry: &NewAuditEntry,
                    now: i64,
                ) -> Result<AuditEntry, StoreError> {
                    let (id,): (i64,) = sqlx::query_as(sql::AUDIT_INSERT)
                        .bind(entry.issuer.0)
                        .bind(entry.manager.0)
                        .bind(&entry.manager_username)
                        .bind(&entry.action)
                        .bind(&entry.subject)
                        .bind(json_text(&entry.before))
                        .bind(json_text(&entry.after))
                        .bind(now)
                        .fetch_one(&self.pool)
                        .await?;
                    Ok(AuditEntry {
                        id,
                        created_at: now,
                        entry: entry.clone(),
                    })
                }

                async fn audit_log(
                    &self,
                    issuer: IssuerId,
                    start: u64,
                    count: u32,
                ) -> Result<Vec<AuditEntry>, StoreError> {
                    let rows: Vec<AuditRow> = sqlx::query_as(sql::AUDIT_PAGE)
                        .bind(issuer.0)
                        .bind(i64::from(count))
                        .bind(i64::try_from(start).unwrap_or(i64::MAX))
                        .fetch_all(&self.pool)
                        .await?;
                    rows.into_iter().map(audit_entry).collect()
                }
            }
        };
    };
}

pub(crate) use impl_manager_store;

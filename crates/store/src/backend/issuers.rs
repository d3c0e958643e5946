//! [`IssuerStore`](crate::IssuerStore) for a backend: issuers, passwords, API tokens.

macro_rules! impl_issuer_store {
    ($store:ty) => {
        const _: () = {
            use tessera_core::{Issuer, IssuerId, Username};
            use $crate::conflict::{Constraint, OnConflict};
            use $crate::{rows, sql, Conflict, IssuerCredentials, IssuerStore, StoreError};

            #[async_trait::async_trait]
            impl IssuerStore for $store {
                async fn create_issuer(
                    &self,
                    username: &Username,
                    password_hash: &str,
                    now: i64,
                ) -> Result<Issuer, StoreError> {
                    let (id,): (i64,) = sqlx::query_as(sql::ISSUER_INSERT)
                        .bind(username.as_str())
                        .bind(password_hash)
                        .bind(now)
                        .fetch_one(&self.pool)
                        .await
                        .on_conflict(Constraint::IssuerUsername, || {
                            Conflict::UsernameTaken(username.clone())
                        })?;
                    Ok(Issuer {
                        id: IssuerId(id),
                        username: username.clone(),
                        created_at: now,
                    })
                }

                async fn issuer_credentials(
                    &self,
                    username: &Username,
                ) -> Result<Option<IssuerCredentials>, StoreError> {
                    let row: Option<(i64, String, i64, String)> =
                        sqlx::query_as(sql::ISSUER_CREDENTIALS)
                            .bind(username.as_str())
                            .fetch_optional(&self.pool)
                            .await?;
                    row.map(|(id, name, created_at, password_hash)| {
                        let issuer = rows::issuer((id, name, created_at))?;
                        Ok(IssuerCredentials {
                            issuer,
                            password_hash,
                        })
                    })
                    .transpose()
                }

                async fn issuer(&self, id: IssuerId) -> Result<Option<Issuer>, StoreError> {
                    let row: Option<rows::IssuerRow> = sqlx::query_as(sql::ISSUER_BY_ID)
                        .bind(id.0)
                        .fetch_optional(&self.pool)
                        .await?;
                    row.map(rows::issuer).transpose()
                }

                async fn set_password_hash(
                    &self,
                    id: IssuerId,
                    password_hash: &str,
                ) -> Result<bool, StoreError> {
                    let done = sqlx::query(sql::ISSUER_SET_PASSWORD)
                        .bind(id.0)
                        .bind(password_hash)
                        .execute(&self.pool)
                        .await?;
                    Ok(done.rows_affected() > 0)
                }

                async fn insert_token(
                    &self,
                    issuer: IssuerId,
                    token_hash: &str,
                    expires_at: i64,
                ) -> Result<(), StoreError> {
                    sqlx::query(sql::TOKEN_INSERT)
                        .bind(token_hash)
                        .bind(issuer.0)
                        .bind(expires_at)
                        .execute(&self.pool)
                        .await?;
                    Ok(())
                }

                async fn token_issuer(
                    &self,
                    token_hash: &str,
                    now: i64,
                ) -> Result<Option<IssuerId>, StoreError> {
                    let row: Option<(i64,)> = sqlx::query_as(sql::TOKEN_ISSUER)
                        .bind(token_hash)
                        .bind(now)
                        .fetch_optional(&self.pool)
                        .await?;
                    Ok(row.map(|(id,)| IssuerId(id)))
                }

                async fn delete_token(&self, token_hash: &str) -> Result<bool, StoreError> {
                    let done = sqlx::query(sql::TOKEN_DELETE)
                        .bind(token_hash)
                        .execute(&self.pool)
                        .await?;
                    Ok(done.rows_affected() > 0)
                }

                async fn delete_issuer_tokens(&self, issuer: IssuerId) -> Result<u64, StoreError> {
                    let done = sqlx::query(sql::TOKEN_DELETE_ISSUER)
                        .bind(issuer.0)
                        .execute(&self.pool)
                        .await?;
                    Ok(done.rows_affected())
                }
            }
        };
    };
}

pub(crate) use impl_issuer_store;

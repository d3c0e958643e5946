//! The one implementation of [`Store`](crate::Store), instantiated once per backend.
//!
//! sqlx's query API is the same for every database, but code generic over `Database`
//! needs pages of higher-ranked bounds and trips over `Send` inside `async_trait`. A
//! macro gives both backends the same method bodies as plain, concrete code instead. A
//! backend module provides the store type (a struct with a `pool` field), its connection
//! type, and `async fn write_tx(&self)`, which starts a transaction that will write
//! (SQLite takes the write lock up front so a read-then-write never fails half way).
//! The SQL text lives in `sql.rs`, row assembly in `rows.rs`, conflict mapping in
//! `conflict.rs`.

mod helpers;

pub(crate) use helpers::impl_helpers;

macro_rules! impl_store {
    ($store:ty, $conn:ty) => {
        $crate::backend::impl_helpers!($store, $conn);

        const _: () = {
            use tessera_core::{
                Category, CategoryId, Gaid, Issuer, IssuerId, Name, NewCategory, NewRegisteredUser,
                RegisteredUser, RegisteredUserId, Username,
            };
            use $crate::conflict::{Constraint, OnConflict};
            use $crate::{rows, sql, CategoryEdit, Conflict, IssuerCredentials, Store, StoreError};

            #[async_trait::async_trait]
            impl Store for $store {
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

                async fn registered_users(
                    &self,
                    issuer: IssuerId,
                ) -> Result<Vec<RegisteredUser>, StoreError> {
                    let mut tx = self.pool.begin().await?;
                    let users = Self::load_users(&mut tx, issuer, None).await?;
                    tx.commit().await?;
                    Ok(users)
                }

                async fn registered_user(
                    &self,
                    issuer: IssuerId,
                    id: RegisteredUserId,
                ) -> Result<Option<RegisteredUser>, StoreError> {
                    let mut tx = self.pool.begin().await?;
                    let user = Self::load_user(&mut tx, issuer, id).await?;
                    tx.commit().await?;
                    Ok(user)
                }

                async fn add_registered_user(
                    &self,
                    issuer: IssuerId,
                    user: &NewRegisteredUser,
                    now: i64,
                ) -> Result<RegisteredUser, StoreError> {
                    let mut tx = self.write_tx().await?;
                    let (id,): (i64,) = sqlx::query_as(sql::USER_INSERT)
                        .bind(issuer.0)
                        .bind(user.name.as_str())
                        .bind(user.is_company)
                        .bind(now)
                        .fetch_one(&mut *tx)
                        .await?;
                    let id = RegisteredUserId(id);
                    if let Some(gaid) = &user.gaid {
                        Self::ensure_gaid(&mut tx, issuer, id, gaid).await?;
                    }
                    let loaded = Self::load_user(&mut tx, issuer, id).await?;
                    tx.commit().await?;
                    loaded.ok_or(StoreError::Backend(sqlx::Error::RowNotFound))
                }

                async fn rename_registered_user(
                    &self,
                    issuer: IssuerId,
                    id: RegisteredUserId,
                    name: &Name,
                ) -> Result<Option<RegisteredUser>, StoreError> {
                    let mut tx = self.write_tx().await?;
                    let done = sqlx::query(sql::USER_RENAME)
                        .bind(id.0)
                        .bind(issuer.0)
                        .bind(name.as_str())
                        .execute(&mut *tx)
                        .await?;
                    if done.rows_affected() == 0 {
                        return Ok(None);
                    }
                    let loaded = Self::load_user(&mut tx, issuer, id).await?;
                    tx.commit().await?;
                    Ok(loaded)
                }

                async fn delete_registered_user(
                    &self,
                    issuer: IssuerId,
                    id: RegisteredUserId,
                ) -> Result<bool, StoreError> {
                    let done = sqlx::query(sql::USER_DELETE)
                        .bind(id.0)
                        .bind(issuer.0)
                        .execute(&self.pool)
                        .await?;
                    Ok(done.rows_affected() > 0)
                }

                async fn add_gaid(
                    &self,
                    issuer: IssuerId,
                    id: RegisteredUserId,
                    gaid: &Gaid,
                ) -> Result<Option<RegisteredUser>, StoreError> {
                    let mut tx = self.write_tx().await?;
                    if !Self::ensure_gaid(&mut tx, issuer, id, gaid).await? {
                        return Ok(None);
                    }
                    let loaded = Self::load_user(&mut tx, issuer, id).await?;
                    tx.commit().await?;
                    Ok(loaded)
                }

                async fn set_default_gaid(
                    &self,
                    issuer: IssuerId,
                    id: RegisteredUserId,
                    gaid: &Gaid,
                ) -> Result<Option<RegisteredUser>, StoreError> {
                    let mut tx = self.write_tx().await?;
                    if !Self::ensure_gaid(&mut tx, issuer, id, gaid).await? {
                        return Ok(None);
                    }
                    sqlx::query(sql::GAID_CLEAR_DEFAULT)
                        .bind(id.0)
                        .execute(&mut *tx)
                        .await?;
                    sqlx::query(sql::GAID_SET_DEFAULT)
                        .bind(id.0)
                        .bind(gaid.as_str())
                        .execute(&mut *tx)
                        .await?;
                    let loaded = Self::load_user(&mut tx, issuer, id).await?;
                    tx.commit().await?;
                    Ok(loaded)
                }

                async fn registered_user_by_gaid(
                    &self,
                    issuer: IssuerId,
                    gaid: &Gaid,
                ) -> Result<Option<RegisteredUser>, StoreError> {
                    let mut tx = self.pool.begin().await?;
                    let owner: Option<(i64,)> = sqlx::query_as(sql::GAID_OWNER)
                        .bind(issuer.0)
                        .bind(gaid.as_str())
                        .fetch_optional(&mut *tx)
                        .await?;
                    let user = match owner {
                        Some((id,)) => {
                            Self::load_user(&mut tx, issuer, RegisteredUserId(id)).await?
                        }
                        None => None,
                    };
                    tx.commit().await?;
                    Ok(user)
                }

                async fn categories(&self, issuer: IssuerId) -> Result<Vec<Category>, StoreError> {
                    let mut tx = self.pool.begin().await?;
                    let categories = Self::load_categories(&mut tx, issuer, None).await?;
                    tx.commit().await?;
                    Ok(categories)
                }

                async fn category(
                    &self,
                    issuer: IssuerId,
                    id: CategoryId,
                ) -> Result<Option<Category>, StoreError> {
                    let mut tx = self.pool.begin().await?;
                    let category = Self::load_category(&mut tx, issuer, id).await?;
                    tx.commit().await?;
                    Ok(category)
                }

                async fn add_category(
                    &self,
                    issuer: IssuerId,
                    category: &NewCategory,
                    now: i64,
                ) -> Result<Category, StoreError> {
                    let (id,): (i64,) = sqlx::query_as(sql::CATEGORY_INSERT)
                        .bind(issuer.0)
                        .bind(category.name.as_str())
                        .bind(category.description.as_str())
                        .bind(now)
                        .fetch_one(&self.pool)
                        .await
                        .on_conflict(Constraint::CategoryName, || {
                            Conflict::CategoryNameTaken(category.name.clone())
                        })?;
                    Ok(Category {
                        id: CategoryId(id),
                        issuer,
                        name: category.name.clone(),
                        description: category.description.clone(),
                        registered_users: Vec::new(),
                        assets: Vec::new(),
                    })
                }

                async fn edit_category(
                    &self,
                    issuer: IssuerId,
                    id: CategoryId,
                    edit: &CategoryEdit,
                ) -> Result<Option<Category>, StoreError> {
                    let mut tx = self.write_tx().await?;
                    let result = sqlx::query(sql::CATEGORY_EDIT)
                        .bind(id.0)
                        .bind(issuer.0)
                        .bind(edit.name.as_ref().map(Name::as_str))
                        .bind(edit.description.as_ref().map(|d| d.as_str()))
                        .execute(&mut *tx)
                        .await;
                    let done = match &edit.name {
                        Some(name) => result.on_conflict(Constraint::CategoryName, || {
                            Conflict::CategoryNameTaken(name.clone())
                        })?,
                        None => result?,
                    };
                    if done.rows_affected() == 0 {
                        return Ok(None);
                    }
                    let loaded = Self::load_category(&mut tx, issuer, id).await?;
                    tx.commit().await?;
                    Ok(loaded)
                }

                async fn delete_category(
                    &self,
                    issuer: IssuerId,
                    id: CategoryId,
                ) -> Result<bool, StoreError> {
                    let done = sqlx::query(sql::CATEGORY_DELETE)
                        .bind(id.0)
                        .bind(issuer.0)
                        .execute(&self.pool)
                        .await?;
                    Ok(done.rows_affected() > 0)
                }

                async fn add_category_member(
                    &self,
                    issuer: IssuerId,
                    category: CategoryId,
                    user: RegisteredUserId,
                ) -> Result<Option<Category>, StoreError> {
                    self.change_membership(sql::MEMBER_INSERT, issuer, category, user)
                        .await
                }

                async fn remove_category_member(
                    &self,
                    issuer: IssuerId,
                    category: CategoryId,
                    user: RegisteredUserId,
                ) -> Result<Option<Category>, StoreError> {
                    self.change_membership(sql::MEMBER_DELETE, issuer, category, user)
                        .await
                }
            }
        };
    };
}

pub(crate) use impl_store;

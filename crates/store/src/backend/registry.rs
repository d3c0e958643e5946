//! [`RegistryStore`](crate::RegistryStore) for a backend: registered users, GAIDs and
//! categories. The loaders they share are in `helpers.rs`.

macro_rules! impl_registry_store {
    ($store:ty) => {
        const _: () = {
            use tessera_core::{
                Category, CategoryId, Gaid, IssuerId, Name, NewCategory, NewRegisteredUser,
                RegisteredUser, RegisteredUserId,
            };
            use $crate::conflict::{Constraint, OnConflict};
            use $crate::{sql, CategoryEdit, Conflict, RegistryStore, StoreError};

            #[async_trait::async_trait]
            impl RegistryStore for $store {
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
                    let mut tx = self.write_tx().await?;
                    let assigned: Option<(i64,)> = sqlx::query_as(sql::USER_HAS_ASSIGNMENTS)
                        .bind(id.0)
                        .bind(issuer.0)
                        .fetch_optional(&mut *tx)
                        .await?;
                    if assigned.is_some() {
                        tx.rollback().await?;
                        return Err(Conflict::UserHasAssignments(id).into());
                    }
                    let done = sqlx::query(sql::USER_DELETE)
                        .bind(id.0)
                        .bind(issuer.0)
                        .execute(&mut *tx)
                        .await?;
                    tx.commit().await?;
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

pub(crate) use impl_registry_store;

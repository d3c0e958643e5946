//! Loaders and checks shared by the methods of [`impl_store!`](super::impl_store).
//!
//! They take the connection of the caller's transaction, so a write and the read that
//! answers it see the same data, and the store never holds two connections at once (an
//! in-memory SQLite store has only one).

macro_rules! impl_helpers {
    ($store:ty, $conn:ty) => {
        const _: () = {
            use tessera_core::{
                Category, CategoryId, Gaid, IssuerId, RegisteredUser, RegisteredUserId,
            };
            use $crate::conflict::{Constraint, OnConflict};
            use $crate::{rows, sql, Conflict, StoreError};

            type Conn = $conn;

            impl $store {
                async fn load_users(
                    conn: &mut Conn,
                    issuer: IssuerId,
                    id: Option<RegisteredUserId>,
                ) -> Result<Vec<RegisteredUser>, StoreError> {
                    let id = id.map(|id| id.0);
                    let users: Vec<rows::UserRow> = sqlx::query_as(sql::USERS)
                        .bind(issuer.0)
                        .bind(id)
                        .fetch_all(&mut *conn)
                        .await?;
                    let gaids: Vec<rows::GaidRow> = sqlx::query_as(sql::USERS_GAIDS)
                        .bind(issuer.0)
                        .bind(id)
                        .fetch_all(&mut *conn)
                        .await?;
                    let links: Vec<rows::LinkRow> = sqlx::query_as(sql::USERS_CATEGORIES)
                        .bind(issuer.0)
                        .bind(id)
                        .fetch_all(&mut *conn)
                        .await?;
                    rows::registered_users(users, gaids, links)
                }

                async fn load_user(
                    conn: &mut Conn,
                    issuer: IssuerId,
                    id: RegisteredUserId,
                ) -> Result<Option<RegisteredUser>, StoreError> {
                    Ok(Self::load_users(conn, issuer, Some(id))
                        .await?
                        .into_iter()
                        .next())
                }

                async fn load_categories(
                    conn: &mut Conn,
                    issuer: IssuerId,
                    id: Option<CategoryId>,
                ) -> Result<Vec<Category>, StoreError> {
                    let id = id.map(|id| id.0);
                    let categories: Vec<rows::CategoryRow> = sqlx::query_as(sql::CATEGORIES)
                        .bind(issuer.0)
                        .bind(id)
                        .fetch_all(&mut *conn)
                        .await?;
                    let members: Vec<rows::LinkRow> = sqlx::query_as(sql::CATEGORIES_MEMBERS)
                        .bind(issuer.0)
                        .bind(id)
                        .fetch_all(&mut *conn)
                        .await?;
                    let assets: Vec<rows::AssetRow> = sqlx::query_as(sql::CATEGORIES_ASSETS)
                        .bind(issuer.0)
                        .bind(id)
                        .fetch_all(&mut *conn)
                        .await?;
                    rows::categories(categories, members, assets)
                }

                async fn load_category(
                    conn: &mut Conn,
                    issuer: IssuerId,
                    id: CategoryId,
                ) -> Result<Option<Category>, StoreError> {
                    Ok(Self::load_categories(conn, issuer, Some(id))
                        .await?
                        .into_iter()
                        .next())
                }

                /// Whether a row `(id, issuer)` exists, by one of the `*_EXISTS` queries.
                async fn exists(
                    conn: &mut Conn,
                    query: &'static str,
                    id: i64,
                    issuer: IssuerId,
                ) -> Result<bool, StoreError> {
                    let row: Option<(i64,)> = sqlx::query_as(query)
                        .bind(id)
                        .bind(issuer.0)
                        .fetch_optional(&mut *conn)
                        .await?;
                    Ok(row.is_some())
                }

                /// Gives the user this GAID unless it has it already. `false` if the user
                /// is unknown to the issuer.
                async fn ensure_gaid(
                    conn: &mut Conn,
                    issuer: IssuerId,
                    id: RegisteredUserId,
                    gaid: &Gaid,
                ) -> Result<bool, StoreError> {
                    if !Self::exists(conn, sql::USER_EXISTS, id.0, issuer).await? {
                        return Ok(false);
                    }
                    let owner: Option<(i64,)> = sqlx::query_as(sql::GAID_OWNER)
                        .bind(issuer.0)
                        .bind(gaid.as_str())
                        .fetch_optional(&mut *conn)
                        .await?;
                    match owner {
                        Some((owner,)) if owner == id.0 => Ok(true),
                        Some(_) => Err(Conflict::GaidTaken(gaid.clone()).into()),
                        None => {
                            sqlx::query(sql::GAID_INSERT)
                                .bind(id.0)
                                .bind(issuer.0)
                                .bind(gaid.as_str())
                                .execute(&mut *conn)
                                .await
                                .on_conflict(Constraint::Gaid, || {
                                    Conflict::GaidTaken(gaid.clone())
                                })?;
                            Ok(true)
                        }
                    }
                }

                /// Adds or removes a membership after checking both ends belong to the
                /// issuer; the category afterwards.
                async fn change_membership(
                    &self,
                    query: &'static str,
                    issuer: IssuerId,
                    category: CategoryId,
                    user: RegisteredUserId,
                ) -> Result<Option<Category>, StoreError> {
                    let mut tx = self.write_tx().await?;
                    if !Self::exists(&mut tx, sql::CATEGORY_EXISTS, category.0, issuer).await?
                        || !Self::exists(&mut tx, sql::USER_EXISTS, user.0, issuer).await?
                    {
                        return Ok(None);
                    }
                    sqlx::query(query)
                        .bind(category.0)
                        .bind(user.0)
                        .bind(issuer.0)
                        .execute(&mut *tx)
                        .await?;
                    let loaded = Self::load_category(&mut tx, issuer, category).await?;
                    tx.commit().await?;
                    Ok(loaded)
                }
            }
        };
    };
}

pub(crate) use impl_helpers;

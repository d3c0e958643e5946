//! Loaders shared by the asset, assignment, distribution and supply areas of
//! [`impl_store!`](super::impl_store). Like `helpers.rs`, they take the caller's
//! transaction, so a write and the read answering it see the same data.

macro_rules! impl_asset_helpers {
    ($store:ty, $conn:ty) => {
        const _: () = {
            use elements::Txid;
            use tessera_core::{Asset, AssetUuid, CategoryId, DistributionUuid, IssuerId};
            use $crate::{rows, sql, Activity, Distribution, NewActivity, StoreError};

            type Conn = $conn;
            type Tx = sqlx::Transaction<'static, <Conn as sqlx::Connection>::Database>;

            impl $store {
                /// The issued amount of an asset of this issuer; `None` if unknown to it.
                async fn owned_asset(
                    conn: &mut Conn,
                    issuer: IssuerId,
                    uuid: AssetUuid,
                ) -> Result<Option<i64>, StoreError> {
                    let row: Option<(i64,)> = sqlx::query_as(sql::ASSET_EXISTS)
                        .bind(uuid.to_string())
                        .bind(issuer.0)
                        .fetch_optional(&mut *conn)
                        .await?;
                    Ok(row.map(|(issued,)| issued))
                }

                async fn load_assets(
                    conn: &mut Conn,
                    issuer: IssuerId,
                    uuid: Option<AssetUuid>,
                ) -> Result<Vec<Asset>, StoreError> {
                    let uuid = uuid.map(|u| u.to_string());
                    let assets: Vec<rows::AssetRecordRow> = sqlx::query_as(sql::ASSETS)
                        .bind(issuer.0)
                        .bind(uuid.as_deref())
                        .fetch_all(&mut *conn)
                        .await?;
                    let requirements: Vec<rows::RequirementRow> =
                        sqlx::query_as(sql::ASSETS_REQUIREMENTS)
                            .bind(issuer.0)
                            .bind(uuid.as_deref())
                            .fetch_all(&mut *conn)
                            .await?;
                    rows::assets(assets, requirements)
                }

                async fn load_asset(
                    conn: &mut Conn,
                    issuer: IssuerId,
                    uuid: AssetUuid,
                ) -> Result<Option<Asset>, StoreError> {
                    Ok(Self::load_assets(conn, issuer, Some(uuid))
                        .await?
                        .into_iter()
                        .next())
                }

                /// A list of `(text, number)` pairs of an asset (treasury addresses use
                /// only the text).
                async fn load_strings(
                    conn: &mut Conn,
                    query: &'static str,
                    uuid: AssetUuid,
                ) -> Result<Vec<String>, StoreError> {
                    let rows: Vec<(String,)> = sqlx::query_as(query)
                        .bind(uuid.to_string())
                        .fetch_all(&mut *conn)
                        .await?;
                    Ok(rows.into_iter().map(|(s,)| s).collect())
                }

                async fn load_locked(
                    conn: &mut Conn,
                    uuid: AssetUuid,
                ) -> Result<Vec<(Txid, u32)>, StoreError> {
                    let rows: Vec<(String, i64)> = sqlx::query_as(sql::LOCKED_OUTPUTS)
                        .bind(uuid.to_string())
                        .fetch_all(&mut *conn)
                        .await?;
                    rows.into_iter()
                        .map(|(txid, vout)| {
                            Ok((
                                rows::parse("txid", txid)?,
                                rows::to_u32("output index", vout)?,
                            ))
                        })
                        .collect()
                }

                async fn insert_activity(
                    conn: &mut Conn,
                    uuid: AssetUuid,
                    activity: &NewActivity,
                    now: i64,
                ) -> Result<Activity, StoreError> {
                    let (id,): (i64,) = sqlx::query_as(sql::ACTIVITY_INSERT)
                        .bind(uuid.to_string())
                        .bind(activity.kind.as_str())
                        .bind(activity.txid.to_string())
                        .bind(activity.vout.map(i64::from))
                        .bind(activity.height.map(i64::from))
                        .bind(rows::amount_column(activity.amount))
                        .bind(activity.gaid.as_ref().map(|g| g.as_str().to_owned()))
                        .bind(activity.registered_user.map(|u| u.0))
                        .bind(activity.description.as_str())
                        .bind(now)
                        .fetch_one(&mut *conn)
                        .await?;
                    Ok(Activity {
                        id,
                        asset: uuid,
                        activity: activity.clone(),
                        created_at: now,
                    })
                }

                async fn load_distributions(
                    conn: &mut Conn,
                    issuer: IssuerId,
                    uuid: AssetUuid,
                    distribution: Option<DistributionUuid>,
                ) -> Result<Vec<Distribution>, StoreError> {
                    let asset = uuid.to_string();
                    let distribution = distribution.map(|d| d.to_string());
                    let found: Vec<rows::DistributionRow> = sqlx::query_as(sql::DISTRIBUTIONS)
                        .bind(issuer.0)
                        .bind(&asset)
                        .bind(distribution.as_deref())
                        .fetch_all(&mut *conn)
                        .await?;
                    let outputs: Vec<rows::PayoutRow> = sqlx::query_as(sql::PAYOUTS)
                        .bind(issuer.0)
                        .bind(&asset)
                        .bind(distribution.as_deref())
                        .fetch_all(&mut *conn)
                        .await?;
                    let links: Vec<rows::PayoutLinkRow> = sqlx::query_as(sql::PAYOUTS_ASSIGNMENTS)
                        .bind(issuer.0)
                        .bind(&asset)
                        .bind(distribution.as_deref())
                        .fetch_all(&mut *conn)
                        .await?;
                    rows::distributions(found, outputs, links)
                }

                /// Commits and returns the asset after an update of `changed` rows; `None`
                /// (rolling back) if nothing changed, i.e. the asset is unknown.
                async fn answer_update(
                    &self,
                    mut tx: Tx,
                    changed: u64,
                    issuer: IssuerId,
                    uuid: AssetUuid,
                ) -> Result<Option<Asset>, StoreError> {
                    if changed == 0 {
                        return Ok(None);
                    }
                    let loaded = Self::load_asset(&mut tx, issuer, uuid).await?;
                    tx.commit().await?;
                    Ok(loaded)
                }

                /// Adds or removes a requirement after checking both ends are the
                /// issuer's.
                async fn change_requirement(
                    &self,
                    query: &'static str,
                    issuer: IssuerId,
                    category: CategoryId,
                    uuid: AssetUuid,
                ) -> Result<Option<()>, StoreError> {
                    let mut tx = self.write_tx().await?;
                    if !Self::exists(&mut tx, sql::CATEGORY_EXISTS, category.0, issuer).await?
                        || Self::owned_asset(&mut tx, issuer, uuid).await?.is_none()
                    {
                        return Ok(None);
                    }
                    sqlx::query(query)
                        .bind(category.0)
                        .bind(uuid.to_string())
                        .execute(&mut *tx)
                        .await?;
                    tx.commit().await?;
                    Ok(Some(()))
                }

                /// Runs `query` (lock or unlock) on each output, if given; the locked
                /// outputs afterwards.
                async fn change_locks(
                    &self,
                    query: Option<&'static str>,
                    issuer: IssuerId,
                    uuid: AssetUuid,
                    outputs: &[(Txid, u32)],
                ) -> Result<Option<Vec<(Txid, u32)>>, StoreError> {
                    let mut tx = match query {
                        Some(_) => self.write_tx().await?,
                        None => self.pool.begin().await?,
                    };
                    if Self::owned_asset(&mut tx, issuer, uuid).await?.is_none() {
                        return Ok(None);
                    }
                    if let Some(query) = query {
                        for (txid, vout) in outputs {
                            sqlx::query(query)
                                .bind(uuid.to_string())
                                .bind(txid.to_string())
                                .bind(i64::from(*vout))
                                .execute(&mut *tx)
                                .await?;
                        }
                    }
                    let locked = Self::load_locked(&mut tx, uuid).await?;
                    tx.commit().await?;
                    Ok(Some(locked))
                }

                async fn load_distribution(
                    conn: &mut Conn,
                    issuer: IssuerId,
                    uuid: AssetUuid,
                    distribution: DistributionUuid,
                ) -> Result<Option<Distribution>, StoreError> {
                    Ok(
                        Self::load_distributions(conn, issuer, uuid, Some(distribution))
                            .await?
                            .into_iter()
                            .next(),
                    )
                }
            }
        };
    };
}

pub(crate) use impl_asset_helpers;

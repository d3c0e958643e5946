//! [`AssetStore`](crate::AssetStore) for a backend: asset records, requirements, memo,
//! treasury addresses, locked outputs and activities. Loaders are in `asset_helpers.rs`.

macro_rules! impl_asset_store {
    ($store:ty) => {
        const _: () = {
            use elements::{AssetId, Txid};
            use tessera_core::{
                Amount, Asset, AssetUuid, AuthorizationEndpoint, CategoryId, IssuerId,
            };
            use $crate::conflict::{Constraint, OnConflict};
            use $crate::{
                rows, sql, Activity, ActivityKind, AssetFlags, AssetStore, AuthorizationMode,
                Conflict, NewActivity, StoreError,
            };

            #[async_trait::async_trait]
            impl AssetStore for $store {
                async fn create_asset(
                    &self,
                    issuer: IssuerId,
                    asset: &Asset,
                    issued_amount: Amount,
                    now: i64,
                ) -> Result<Asset, StoreError> {
                    let mut tx = self.write_tx().await?;
                    let endpoint = asset.issuer_authorization_endpoint.as_ref();
                    sqlx::query(sql::ASSET_INSERT)
                        .bind(asset.uuid.to_string())
                        .bind(issuer.0)
                        .bind(asset.asset_id.to_string())
                        .bind(asset.reissuance_token_id.map(|t| t.to_string()))
                        .bind(asset.name.as_str())
                        .bind(asset.ticker.as_str())
                        .bind(asset.domain.as_str())
                        .bind(asset.pubkey.to_hex())
                        .bind(i64::from(asset.precision.decimals()))
                        .bind(asset.kind.is_transfer_restricted())
                        .bind(asset.is_reissuable)
                        .bind(asset.is_locked)
                        .bind(asset.is_registered)
                        .bind(asset.is_authorized)
                        .bind(endpoint.map(AuthorizationEndpoint::as_str))
                        .bind(asset.issuance.txid.to_string())
                        .bind(i64::from(asset.issuance.vin))
                        .bind(i64::from(asset.issuance.asset_vout))
                        .bind(asset.issuance.reissuance_vout.map(i64::from))
                        .bind(rows::amount_column(issued_amount))
                        .bind(now)
                        .execute(&mut *tx)
                        .await
                        .on_conflicts(|c| {
                            matches!(c, Constraint::AssetUuid | Constraint::AssetId)
                                .then_some(Conflict::AssetExists(asset.asset_id))
                        })?;
                    let issuance = NewActivity {
                        kind: ActivityKind::Issuance,
                        txid: asset.issuance.txid,
                        vout: Some(asset.issuance.asset_vout),
                        height: None,
                        amount: issued_amount,
                        gaid: None,
                        registered_user: None,
                        description: String::new(),
                    };
                    Self::insert_activity(&mut tx, asset.uuid, &issuance, now).await?;
                    let loaded = Self::load_asset(&mut tx, issuer, asset.uuid).await?;
                    tx.commit().await?;
                    loaded.ok_or(StoreError::Backend(sqlx::Error::RowNotFound))
                }

                async fn asset(
                    &self,
                    issuer: IssuerId,
                    uuid: AssetUuid,
                ) -> Result<Option<Asset>, StoreError> {
                    let mut conn = self.pool.acquire().await?;
                    Self::load_asset(&mut conn, issuer, uuid).await
                }

                async fn asset_by_asset_id(
                    &self,
                    asset_id: &AssetId,
                ) -> Result<Option<Asset>, StoreError> {
                    let mut tx = self.pool.begin().await?;
                    let owner: Option<(String, i64)> = sqlx::query_as(sql::ASSET_OWNER_BY_ASSET_ID)
                        .bind(asset_id.to_string())
                        .fetch_optional(&mut *tx)
                        .await?;
                    let asset = match owner {
                        Some((uuid, issuer)) => {
                            let uuid = rows::parse("asset uuid", uuid)?;
                            Self::load_asset(&mut tx, IssuerId(issuer), uuid).await?
                        }
                        None => None,
                    };
                    tx.commit().await?;
                    Ok(asset)
                }

                async fn assets(&self, issuer: IssuerId) -> Result<Vec<Asset>, StoreError> {
                    let mut tx = self.pool.begin().await?;
                    let assets = Self::load_assets(&mut tx, issuer, None).await?;
                    tx.commit().await?;
                    Ok(assets)
                }

                async fn set_asset_flags(
                    &self,
                    issuer: IssuerId,
                    uuid: AssetUuid,
                    flags: AssetFlags,
                ) -> Result<Option<Asset>, StoreError> {
                    let mut tx = self.write_tx().await?;
                    let done = sqlx::query(sql::ASSET_SET_FLAGS)
                        .bind(uuid.to_string())
                        .bind(issuer.0)
                        .bind(flags.is_locked)
                        .bind(flags.is_registered)
                        .bind(flags.is_authorized)
                        .execute(&mut *tx)
                        .await?;
                    self.answer_update(tx, done.rows_affected(), issuer, uuid)
                        .await
                }

                async fn set_authorization_endpoint(
                    &self,
                    issuer: IssuerId,
                    uuid: AssetUuid,
                    endpoint: Option<&AuthorizationEndpoint>,
                    mode: AuthorizationMode,
                ) -> Result<Option<Asset>, StoreError> {
                    let mut tx = self.write_tx().await?;
                    let done = sqlx::query(sql::ASSET_SET_ENDPOINT)
                        .bind(uuid.to_string())
                        .bind(issuer.0)
                        .bind(endpoint.map(AuthorizationEndpoint::as_str))
                        .bind(mode.as_str())
                        .execute(&mut *tx)
                        .await?;
                    self.answer_update(tx, done.rows_affected(), issuer, uuid)
                        .await
                }

                async fn authorization_mode(
                    &self,
                    issuer: IssuerId,
                    uuid: AssetUuid,
                ) -> Result<Option<AuthorizationMode>, StoreError> {
                    let row: Option<(String,)> = sqlx::query_as(sql::ASSET_MODE)
                        .bind(uuid.to_string())
                        .bind(issuer.0)
                        .fetch_optional(&self.pool)
                        .await?;
                    row.map(|(mode,)| {
                        AuthorizationMode::from_name(&mode)
                            .ok_or_else(|| rows::corrupt("authorization mode", mode))
                    })
                    .transpose()
                }

                async fn delete_asset(
                    &self,
                    issuer: IssuerId,
                    uuid: AssetUuid,
                ) -> Result<bool, StoreError> {
                    let mut tx = self.write_tx().await?;
                    if Self::owned_asset(&mut tx, issuer, uuid).await?.is_none() {
                        return Ok(false);
                    }
                    let key = uuid.to_string();
                    let (in_use,): (bool,) = sqlx::query_as(sql::ASSET_IN_USE)
                        .bind(&key)
                        .fetch_one(&mut *tx)
                        .await?;
                    if in_use {
                        return Err(Conflict::AssetInUse(uuid).into());
                    }
                    sqlx::query(sql::ASSET_DELETE_REQUIREMENTS)
                        .bind(&key)
                        .execute(&mut *tx)
                        .await?;
                    let done = sqlx::query(sql::ASSET_DELETE)
                        .bind(&key)
                        .bind(issuer.0)
                        .execute(&mut *tx)
                        .await?;
                    tx.commit().await?;
                    Ok(done.rows_affected() > 0)
                }

                async fn memo(
                    &self,
                    issuer: IssuerId,
                    uuid: AssetUuid,
                ) -> Result<Option<String>, StoreError> {
                    let row: Option<(String,)> = sqlx::query_as(sql::ASSET_MEMO)
                        .bind(uuid.to_string())
                        .bind(issuer.0)
                        .fetch_optional(&self.pool)
                        .await?;
                    Ok(row.map(|(memo,)| memo))
                }

                async fn set_memo(
                    &self,
                    issuer: IssuerId,
                    uuid: AssetUuid,
                    memo: &str,
                ) -> Result<bool, StoreError> {
                    let done = sqlx::query(sql::ASSET_SET_MEMO)
                        .bind(uuid.to_string())
                        .bind(issuer.0)
                        .bind(memo)
                        .execute(&self.pool)
                        .await?;
                    Ok(done.rows_affected() > 0)
                }

                async fn add_requirement(
                    &self,
                    issuer: IssuerId,
                    category: CategoryId,
                    uuid: AssetUuid,
                ) -> Result<Option<()>, StoreError> {
                    self.change_requirement(sql::REQUIREMENT_INSERT, issuer, category, uuid)
                        .await
                }

                async fn remove_requirement(
                    &self,
                    issuer: IssuerId,
                    category: CategoryId,
                    uuid: AssetUuid,
                ) -> Result<Option<()>, StoreError> {
                    self.change_requirement(sql::REQUIREMENT_DELETE, issuer, category, uuid)
                        .await
                }

                async fn treasury_addresses(
                    &self,
                    issuer: IssuerId,
                    uuid: AssetUuid,
                ) -> Result<Option<Vec<String>>, StoreError> {
                    let mut tx = self.pool.begin().await?;
                    if Self::owned_asset(&mut tx, issuer, uuid).await?.is_none() {
                        return Ok(None);
                    }
                    let list = Self::load_strings(&mut tx, sql::TREASURY_ADDRESSES, uuid).await?;
                    tx.commit().await?;
                    Ok(Some(list))
                }

                async fn add_treasury_addresses(
                    &self,
                    issuer: IssuerId,
                    uuid: AssetUuid,
                    addresses: &[(String, Vec<u8>)],
                ) -> Result<Option<Vec<String>>, StoreError> {
                    let mut tx = self.write_tx().await?;
                    if Self::owned_asset(&mut tx, issuer, uuid).await?.is_none() {
                        return Ok(None);
                    }
                    for (address, script) in addresses {
                        sqlx::query(sql::TREASURY_INSERT)
                            .bind(uuid.to_string())
                            .bind(address)
                            .bind(script)
                            .execute(&mut *tx)
                            .await?;
                    }
                    let list = Self::load_strings(&mut tx, sql::TREASURY_ADDRESSES, uuid).await?;
                    tx.commit().await?;
                    Ok(Some(list))
                }

                async fn delete_treasury_addresses(
                    &self,
                    issuer: IssuerId,
                    uuid: AssetUuid,
                    addresses: &[String],
                ) -> Result<Option<Vec<String>>, StoreError> {
                    let mut tx = self.write_tx().await?;
                    if Self::owned_asset(&mut tx, issuer, uuid).await?.is_none() {
                        return Ok(None);
                    }
                    for address in addresses {
                        sqlx::query(sql::TREASURY_DELETE)
                            .bind(uuid.to_string())
                            .bind(address)
                            .execute(&mut *tx)
                            .await?;
                    }
                    let list = Self::load_strings(&mut tx, sql::TREASURY_ADDRESSES, uuid).await?;
                    tx.commit().await?;
                    Ok(Some(list))
                }

                async fn all_treasury_scripts(
                    &self,
                ) -> Result<Vec<(AssetUuid, String, Vec<u8>)>, StoreError> {
                    let rows: Vec<(String, String, Vec<u8>)> = sqlx::query_as(sql::TREASURY_ALL)
                        .fetch_all(&self.pool)
                        .await?;
                    rows.into_iter()
                        .map(|(uuid, address, script)| {
                            Ok((rows::parse("asset uuid", uuid)?, address, script))
                        })
                        .collect()
                }

                async fn lock_outputs(
                    &self,
                    issuer: IssuerId,
                    uuid: AssetUuid,
                    outputs: &[(Txid, u32)],
                ) -> Result<Option<Vec<(Txid, u32)>>, StoreError> {
                    self.change_locks(Some(sql::LOCKED_INSERT), issuer, uuid, outputs)
                        .await
                }

                async fn unlock_outputs(
                    &self,
                    issuer: IssuerId,
                    uuid: AssetUuid,
                    outputs: &[(Txid, u32)],
                ) -> Result<Option<Vec<(Txid, u32)>>, StoreError> {
                    self.change_locks(Some(sql::LOCKED_DELETE), issuer, uuid, outputs)
                        .await
                }

                async fn locked_outputs(
                    &self,
                    issuer: IssuerId,
                    uuid: AssetUuid,
                ) -> Result<Option<Vec<(Txid, u32)>>, StoreError> {
                    self.change_locks(None, issuer, uuid, &[]).await
                }

                async fn is_output_locked(
                    &self,
                    asset: AssetUuid,
                    txid: &Txid,
                    vout: u32,
                ) -> Result<bool, StoreError> {
                    let row: Option<(i64,)> = sqlx::query_as(sql::LOCKED_ONE)
                        .bind(asset.to_string())
                        .bind(txid.to_string())
                        .bind(i64::from(vout))
                        .fetch_optional(&self.pool)
                        .await?;
                    Ok(row.is_some())
                }

                async fn add_activity(
                    &self,
                    issuer: IssuerId,
                    uuid: AssetUuid,
                    activity: &NewActivity,
                    now: i64,
                ) -> Result<Option<Activity>, StoreError> {
                    let mut tx = self.write_tx().await?;
                    if Self::owned_asset(&mut tx, issuer, uuid).await?.is_none() {
                        return Ok(None);
                    }
                    let added = Self::insert_activity(&mut tx, uuid, activity, now).await?;
                    tx.commit().await?;
                    Ok(Some(added))
                }

                async fn activities(
                    &self,
                    issuer: IssuerId,
                    uuid: AssetUuid,
                    start: u64,
                    count: u64,
                    ascending: bool,
                ) -> Result<Option<Vec<Activity>>, StoreError> {
                    let mut tx = self.pool.begin().await?;
                    if Self::owned_asset(&mut tx, issuer, uuid).await?.is_none() {
                        return Ok(None);
                    }
                    let query = if ascending {
                        sql::ACTIVITIES_ASC
                    } else {
                        sql::ACTIVITIES_DESC
                    };
                    let found: Vec<rows::ActivityRow> = sqlx::query_as(query)
                        .bind(uuid.to_string())
                        .bind(i64::try_from(count).unwrap_or(i64::MAX))
                        .bind(i64::try_from(start).unwrap_or(i64::MAX))
                        .fetch_all(&mut *tx)
                        .await?;
                    tx.commit().await?;
                    found
                        .into_iter()
                        .map(rows::activity)
                        .collect::<Result<_, _>>()
                        .map(Some)
                }
            }
        };
    };
}

pub(crate) use impl_asset_store;

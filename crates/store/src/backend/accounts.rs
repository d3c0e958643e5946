//! [`AccountStore`](crate::AccountStore) for a backend: managed accounts, co-signer index
//! reservations, address allocation and wallet sessions.
//!
//! Indexes are handed out by single `UPDATE … RETURNING` statements inside write
//! transactions: PostgreSQL serializes them on the row lock, SQLite on its write lock, so
//! concurrent callers (and several server instances) never receive the same index.

macro_rules! impl_account_store {
    ($store:ty) => {
        const _: () = {
            use tessera_core::{
                AccountAddress, AccountId, AddressChain, Gaid, ManagedAccount, NewManagedAccount,
            };
            use $crate::conflict::{foreign_key_violated, Constraint, OnConflict};
            use $crate::{rows, sql, AccountStore, Conflict, StoreError};

            #[async_trait::async_trait]
            impl AccountStore for $store {
                async fn reserve_cosigner_index(&self, now: i64) -> Result<u32, StoreError> {
                    let mut tx = self.write_tx().await?;
                    let (index,): (i64,) = sqlx::query_as(sql::COSIGNER_NEXT)
                        .fetch_one(&mut *tx)
                        .await?;
                    sqlx::query(sql::COSIGNER_RESERVE)
                        .bind(index)
                        .bind(now)
                        .execute(&mut *tx)
                        .await?;
                    tx.commit().await?;
                    rows::to_u32("co-signer index", index)
                }

                async fn create_account(
                    &self,
                    account: &NewManagedAccount,
                    now: i64,
                ) -> Result<ManagedAccount, StoreError> {
                    let index = account.cosigner_index;
                    let unavailable = || Conflict::CosignerIndexUnavailable(index);
                    let mut tx = self.write_tx().await?;
                    let reserved = sqlx::query(sql::COSIGNER_USE)
                        .bind(i64::from(index))
                        .execute(&mut *tx)
                        .await?;
                    if reserved.rows_affected() == 0 {
                        tx.rollback().await?;
                        return Err(unavailable().into());
                    }
                    let inserted: Result<(i64,), _> = sqlx::query_as(sql::ACCOUNT_INSERT)
                        .bind(account.gaid.as_str())
                        .bind(&account.descriptor)
                        .bind(i64::from(index))
                        .bind(now)
                        .fetch_one(&mut *tx)
                        .await;
                    let (id,) = match inserted.on_conflicts(|c| match c {
                        Constraint::AccountGaid | Constraint::AccountDescriptor => {
                            Some(Conflict::AccountExists(account.gaid.clone()))
                        }
                        Constraint::AccountCosignerIndex => Some(unavailable()),
                        _ => None,
                    }) {
                        Ok(row) => row,
                        Err(err) => {
                            tx.rollback().await?;
                            return Err(err);
                        }
                    };
                    tx.commit().await?;
                    Ok(ManagedAccount {
                        id: AccountId(id),
                        gaid: account.gaid.clone(),
                        descriptor: account.descriptor.clone(),
                        cosigner_index: index,
                        created_at: now,
                    })
                }

                async fn account(
                    &self,
                    id: AccountId,
                ) -> Result<Option<ManagedAccount>, StoreError> {
                    let row: Option<rows::AccountRow> = sqlx::query_as(sql::ACCOUNT_BY_ID)
                        .bind(id.0)
                        .fetch_optional(&self.pool)
                        .await?;
                    row.map(rows::account).transpose()
                }

                async fn account_by_gaid(
                    &self,
                    gaid: &Gaid,
                ) -> Result<Option<ManagedAccount>, StoreError> {
                    let row: Option<rows::AccountRow> = sqlx::query_as(sql::ACCOUNT_BY_GAID)
                        .bind(gaid.as_str())
                        .fetch_optional(&self.pool)
                        .await?;
                    row.map(rows::account).transpose()
                }

                async fn accounts(&self) -> Result<Vec<ManagedAccount>, StoreError> {
                    let rows: Vec<rows::AccountRow> =
                        sqlx::query_as(sql::ACCOUNTS).fetch_all(&self.pool).await?;
                    rows.into_iter().map(rows::account).collect()
                }

                async fn allocate_address_index(
                    &self,
                    account: AccountId,
                    chain: AddressChain,
                ) -> Result<Option<u32>, StoreError> {
                    let query = match chain {
                        AddressChain::External => sql::NEXT_EXTERNAL,
                        AddressChain::Internal => sql::NEXT_INTERNAL,
                    };
                    let mut tx = self.write_tx().await?;
                    let row: Option<(i32,)> = sqlx::query_as(query)
                        .bind(account.0)
                        .fetch_optional(&mut *tx)
                        .await?;
                    tx.commit().await?;
                    row.map(|(index,)| rows::to_u32("address index", index.into()))
                        .transpose()
                }

                async fn record_address(
                    &self,
                    address: &AccountAddress,
                    now: i64,
                ) -> Result<(), StoreError> {
                    let done = sqlx::query(sql::ADDRESS_INSERT)
                        .bind(address.account.0)
                        .bind(rows::chain_number(address.chain))
                        .bind(i64::from(address.index))
                        .bind(&address.address)
                        .bind(&address.script_pubkey)
                        .bind(now)
                        .execute(&self.pool)
                        .await;
                    match done {
                        Err(err) if foreign_key_violated(&err) => {
                            Err(StoreError::UnknownAccount(address.account))
                        }
                        done => done
                            .on_conflicts(|c| match c {
                                Constraint::AddressPath
                                | Constraint::Address
                                | Constraint::AddressScript => {
                                    Some(Conflict::AddressExists(address.address.clone()))
                                }
                                _ => None,
                            })
                            .map(|_| ()),
                    }
                }

                async fn account_addresses(
                    &self,
                    account: AccountId,
                ) -> Result<Vec<AccountAddress>, StoreError> {
                    let rows: Vec<rows::AddressRow> = sqlx::query_as(sql::ADDRESSES_OF_ACCOUNT)
                        .bind(account.0)
                        .fetch_all(&self.pool)
                        .await?;
                    rows.into_iter().map(rows::address).collect()
                }

                async fn address_by_script(
                    &self,
                    script_pubkey: &[u8],
                ) -> Result<Option<AccountAddress>, StoreError> {
                    let row: Option<rows::AddressRow> = sqlx::query_as(sql::ADDRESS_BY_SCRIPT)
                        .bind(script_pubkey)
                        .fetch_optional(&self.pool)
                        .await?;
                    row.map(rows::address).transpose()
                }

                async fn watched_scripts(&self) -> Result<Vec<AccountAddress>, StoreError> {
                    let rows: Vec<rows::AddressRow> =
                        sqlx::query_as(sql::ADDRESSES).fetch_all(&self.pool).await?;
                    rows.into_iter().map(rows::address).collect()
                }

                async fn insert_wallet_challenge(
                    &self,
                    account: AccountId,
                    challenge: &str,
                    expires_at: i64,
                ) -> Result<(), StoreError> {
                    self.insert_for_account(sql::CHALLENGE_INSERT, challenge, account, expires_at)
                        .await
                }

                async fn open_wallet_challenges(
                    &self,
                    account: AccountId,
                    now: i64,
                ) -> Result<u64, StoreError> {
                    let (count,): (i64,) = sqlx::query_as(sql::CHALLENGES_OPEN)
                        .bind(account.0)
                        .bind(now)
                        .fetch_one(&self.pool)
                        .await?;
                    Ok(u64::try_from(count).unwrap_or(0))
                }

                async fn purge_expired_sessions(&self, now: i64) -> Result<u64, StoreError> {
                    let mut tx = self.write_tx().await?;
                    let mut purged = 0;
                    for statement in sql::SESSIONS_PURGE {
                        purged += sqlx::query(statement)
                            .bind(now)
                            .execute(&mut *tx)
                            .await?
                            .rows_affected();
                    }
                    tx.commit().await?;
                    Ok(purged)
                }

                async fn take_wallet_challenge(
                    &self,
                    account: AccountId,
                    challenge: &str,
                    now: i64,
                ) -> Result<bool, StoreError> {
                    let done = sqlx::query(sql::CHALLENGE_TAKE)
                        .bind(challenge)
                        .bind(account.0)
                        .bind(now)
                        .execute(&self.pool)
                        .await?;
                    Ok(done.rows_affected() > 0)
                }

                async fn insert_wallet_token(
                    &self,
                    account: AccountId,
                    token_hash: &str,
                    expires_at: i64,
                ) -> Result<(), StoreError> {
                    self.insert_for_account(
                        sql::WALLET_TOKEN_INSERT,
                        token_hash,
                        account,
                        expires_at,
                    )
                    .await
                }

                async fn wallet_token_account(
                    &self,
                    token_hash: &str,
                    now: i64,
                ) -> Result<Option<AccountId>, StoreError> {
                    let row: Option<(i64,)> = sqlx::query_as(sql::WALLET_TOKEN_ACCOUNT)
                        .bind(token_hash)
                        .bind(now)
                        .fetch_optional(&self.pool)
                        .await?;
                    Ok(row.map(|(id,)| AccountId(id)))
                }
            }

            impl $store {
                /// Runs `(key, account, expires_at)` inserts of wallet sessions.
                async fn insert_for_account(
                    &self,
                    query: &'static str,
                    key: &str,
                    account: AccountId,
                    expires_at: i64,
                ) -> Result<(), StoreError> {
                    sqlx::query(query)
                        .bind(key)
                        .bind(account.0)
                        .bind(expires_at)
                        .execute(&self.pool)
                        .await
                        .map_err(|err| {
                            if foreign_key_violated(&err) {
                                StoreError::UnknownAccount(account)
                            } else {
                                StoreError::Backend(err)
                            }
                        })?;
                    Ok(())
                }
            }
        };
    };
}

pub(crate) use impl_account_store;

//! The account area of the store: managed accounts (the 2-of-2 wallets behind GAIDs), the
//! co-signer key indexes they use, the addresses handed out for them, and the wallet
//! client's login challenges and session tokens.
//!
//! Address indexes and co-signer indexes are handed out by the database, atomically, so
//! that two server instances (or two requests) never derive the same key or address.

use crate::StoreError;
use async_trait::async_trait;
use tessera_core::{
    AccountAddress, AccountId, AddressChain, Gaid, ManagedAccount, NewManagedAccount,
};

/// Managed accounts, their addresses and wallet sessions. Times are unix seconds passed in
/// by the caller.
#[async_trait]
pub trait AccountStore: Send + Sync {
    /// Reserves a co-signer key index that was never returned before (0, 1, 2, … in
    /// order, also under concurrent callers and several server instances).
    async fn reserve_cosigner_index(&self, now: i64) -> Result<u32, StoreError>;

    /// Registers a managed account and marks its co-signer index used, in one transaction.
    /// `Conflict::CosignerIndexUnavailable` if the index was never reserved or is used
    /// already; `Conflict::AccountExists` if an account has the same GAID or descriptor.
    /// A refused call changes nothing (the reservation stays available).
    async fn create_account(
        &self,
        account: &NewManagedAccount,
        now: i64,
    ) -> Result<ManagedAccount, StoreError>;

    /// The account with this id.
    async fn account(&self, id: AccountId) -> Result<Option<ManagedAccount>, StoreError>;

    /// The account with this GAID.
    async fn account_by_gaid(&self, gaid: &Gaid) -> Result<Option<ManagedAccount>, StoreError>;

    /// Every account, by ascending id.
    async fn accounts(&self) -> Result<Vec<ManagedAccount>, StoreError>;

    /// Hands out the next unused derivation index of a chain of an account and advances
    /// it, atomically: no index is ever returned twice. `None` for an unknown account.
    async fn allocate_address_index(
        &self,
        account: AccountId,
        chain: AddressChain,
    ) -> Result<Option<u32>, StoreError>;

    /// Records an address derived for an account. `Conflict::AddressExists` if the
    /// address, its script or its (account, chain, index) is recorded already;
    /// `StoreError::UnknownAccount` if the account does not exist.
    async fn record_address(&self, address: &AccountAddress, now: i64) -> Result<(), StoreError>;

    /// The recorded addresses of an account, by chain (external first) and index.
    async fn account_addresses(
        &self,
        account: AccountId,
    ) -> Result<Vec<AccountAddress>, StoreError>;

    /// The recorded address with this output script.
    async fn address_by_script(
        &self,
        script_pubkey: &[u8],
    ) -> Result<Option<AccountAddress>, StoreError>;

    /// Every recorded address (the chain watcher keeps their scripts in memory to filter
    /// outputs before unblinding), by account, chain and index.
    async fn watched_scripts(&self) -> Result<Vec<AccountAddress>, StoreError>;

    /// Stores a login challenge issued to the wallet of an account, valid until
    /// `expires_at`. `StoreError::UnknownAccount` if the account does not exist.
    async fn insert_wallet_challenge(
        &self,
        account: AccountId,
        challenge: &str,
        expires_at: i64,
    ) -> Result<(), StoreError>;

    /// How many unexpired (`expires_at > now`) login challenges the account holds (the
    /// app caps them: each is a row anyone may ask for).
    async fn open_wallet_challenges(&self, account: AccountId, now: i64)
        -> Result<u64, StoreError>;

    /// Deletes every expired (`expires_at <= now`) API, manager and wallet token and wallet
    /// challenge; returns how many rows went.
    async fn purge_expired_sessions(&self, now: i64) -> Result<u64, StoreError>;

    /// Uses up a challenge: `true` (and the challenge is deleted) if it exists, belongs
    /// to this account and is unexpired (`expires_at > now`); `false` otherwise, and then
    /// nothing changes.
    async fn take_wallet_challenge(
        &self,
        account: AccountId,
        challenge: &str,
        now: i64,
    ) -> Result<bool, StoreError>;

    /// Stores a wallet session token (by its hash) valid until `expires_at`.
    /// `StoreError::UnknownAccount` if the account does not exist.
    async fn insert_wallet_token(
        &self,
        account: AccountId,
        token_hash: &str,
        expires_at: i64,
    ) -> Result<(), StoreError>;

    /// The account of an unexpired wallet token (`expires_at > now`).
    async fn wallet_token_account(
        &self,
        token_hash: &str,
        now: i64,
    ) -> Result<Option<AccountId>, StoreError>;
}

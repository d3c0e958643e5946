//! Managed accounts on the platform side: co-signer keys, registration, wallet login and
//! addresses.
//!
//! A wallet first asks for a co-signer key (an index is reserved for it), builds its
//! descriptor with that key and registers it. The platform accepts only descriptors of the
//! managed shape whose platform key is the one it handed out for that index, derives the
//! GAID from the descriptor, and from then on is the only party that hands out the
//! account's addresses, so every holding is visible to it.

use crate::{App, AuthError};
use tessera_core::{AccountAddress, AddressChain, Gaid, ManagedAccount, NewManagedAccount};
use tessera_custody::{
    verify_challenge, AccountKey, Chain, Challenge, ChallengeSignature, CosignerMaster,
    DescriptorError, ManagedDescriptor, Network,
};
use tessera_store::{Conflict, StoreError};

/// How long a login challenge stays valid, in seconds.
pub const CHALLENGE_TTL_SECONDS: i64 = 300;

/// Why a managed-account operation failed.
#[derive(Debug, thiserror::Error)]
pub enum AccountError {
    /// The descriptor is not an acceptable managed-account descriptor.
    #[error("descriptor refused: {0}")]
    Descriptor(#[from] DescriptorError),
    /// The co-signer index was never handed out, or is already used by another account.
    #[error("co-signer key {0} is not available; ask for a new one")]
    CosignerIndex(u32),
    /// The account is already registered.
    #[error("the account with GAID {0} is already registered")]
    AlreadyRegistered(Gaid),
    /// No managed account has this GAID.
    #[error("no managed account has GAID {0}")]
    UnknownAccount(Gaid),
    /// The login challenge is unknown, used or expired.
    #[error("the login challenge is unknown, used or expired; ask for a new one")]
    InvalidChallenge,
    /// The signature does not answer the challenge with the account's key.
    #[error("the signature does not answer the challenge for GAID {0}")]
    InvalidSignature(Gaid),
    /// Too many calls or open challenges: try again later.
    #[error(transparent)]
    Throttled(crate::Throttled),
    /// The server was started without a co-signer key.
    #[error("this server has no co-signer key; managed accounts are unavailable")]
    NoCosigner,
    /// Deriving a key or address failed.
    #[error("key derivation failed: {0}")]
    Derivation(String),
    /// The store failed.
    #[error(transparent)]
    Store(StoreError),
}

impl From<StoreError> for AccountError {
    fn from(value: StoreError) -> Self {
        match value {
            StoreError::Conflict(Conflict::AccountExists(gaid)) => Self::AlreadyRegistered(gaid),
            StoreError::Conflict(Conflict::CosignerIndexUnavailable(i)) => Self::CosignerIndex(i),
            other => Self::Store(other),
        }
    }
}

impl App {
    /// The platform's co-signer master key.
    pub fn cosigner(&self) -> Result<&CosignerMaster, AccountError> {
        self.cosigner.as_deref().ok_or(AccountError::NoCosigner)
    }

    /// The network the platform's keys and addresses are for.
    pub fn network(&self) -> Result<Network, AccountError> {
        Ok(self.cosigner()?.network())
    }

    /// Reserves a co-signer key for an account about to be registered.
    pub async fn new_cosigner_key(&self) -> Result<(u32, AccountKey), AccountError> {
        let index = self.store.reserve_cosigner_index(self.now()).await?;
        let key = self
            .cosigner()?
            .account_key(index)
            .map_err(|e| AccountError::Derivation(e.to_string()))?;
        Ok((index, key))
    }

    /// Registers a managed account from its descriptor; returns it with its GAID.
    #[tracing::instrument(skip(self, descriptor))]
    pub async fn register_account(
        &self,
        descriptor: &str,
        cosigner_index: u32,
    ) -> Result<ManagedAccount, AccountError> {
        let expected = self
            .cosigner()?
            .account_key(cosigner_index)
            .map_err(|_| AccountError::CosignerIndex(cosigner_index))?;
        let parsed = ManagedDescriptor::parse(descriptor, &expected, self.network()?)?;
        let gaid = parsed.gaid();
        // A repeated registration (e.g. a retry) names the account, rather than the
        // co-signer index it already used.
        if self.store.account_by_gaid(&gaid).await?.is_some() {
            return Err(AccountError::AlreadyRegistered(gaid));
        }
        let new = NewManagedAccount {
            gaid,
            descriptor: parsed.as_str().to_owned(),
            cosigner_index,
        };
        Ok(self.store.create_account(&new, self.now()).await?)
    }

    /// The managed account with this GAID.
    pub async fn account_by_gaid(&self, gaid: &Gaid) -> Result<ManagedAccount, AccountError> {
        self.store
            .account_by_gaid(gaid)
            .await?
            .ok_or_else(|| AccountError::UnknownAccount(gaid.clone()))
    }

    /// The parsed descriptor of a stored account.
    pub fn descriptor_of(
        &self,
        account: &ManagedAccount,
    ) -> Result<ManagedDescriptor, AccountError> {
        let expected = self
            .cosigner()?
            .account_key(account.cosigner_index)
            .map_err(|e| AccountError::Derivation(e.to_string()))?;
        Ok(ManagedDescriptor::parse(
            &account.descriptor,
            &expected,
            self.network()?,
        )?)
    }

    /// Starts a wallet login: a fresh single-use challenge for the account, at most
    /// [`ThrottleConfig::open_challenges`](crate::ThrottleConfig) unexpired ones at a time.
    pub async fn wallet_challenge(&self, gaid: &Gaid) -> Result<Challenge, AccountError> {
        let account = self.account_by_gaid(gaid).await?;
        let cap = self.throttle.config().open_challenges;
        if self
            .store
            .open_wallet_challenges(account.id, self.now())
            .await?
            >= u64::from(cap)
        {
            return Err(AccountError::Throttled(crate::Throttled::new(
                "too_many_challenges",
                format!("GAID {gaid} already has {cap} open login challenges"),
                std::time::Duration::from_secs(u64::try_from(CHALLENGE_TTL_SECONDS).unwrap_or(1)),
            )));
        }
        let challenge = Challenge::generate();
        let expires = self.now().saturating_add(CHALLENGE_TTL_SECONDS);
        self.store
            .insert_wallet_challenge(account.id, &challenge.to_string(), expires)
            .await?;
        Ok(challenge)
    }

    /// Finishes a wallet login from `client`: admitted by the login throttle (keyed by the
    /// GAID), checks the signature over the challenge and hands out a wallet token (which
    /// opens wallet endpoints only).
    pub async fn wallet_login(
        &self,
        client: Option<std::net::IpAddr>,
        gaid: &Gaid,
        challenge: &Challenge,
        signature: &ChallengeSignature,
    ) -> Result<crate::Token, AccountError> {
        let key = gaid.to_string();
        self.throttle
            .admit_login(client, &key)
            .map_err(AccountError::Throttled)?;
        let outcome = self.check_wallet_login(gaid, challenge, signature).await;
        let failed = matches!(
            outcome,
            Err(AccountError::InvalidChallenge | AccountError::InvalidSignature(_))
        );
        self.throttle.record_login(client, &key, !failed);
        outcome
    }

    async fn check_wallet_login(
        &self,
        gaid: &Gaid,
        challenge: &Challenge,
        signature: &ChallengeSignature,
    ) -> Result<crate::Token, AccountError> {
        let account = self.account_by_gaid(gaid).await?;
        if !self
            .store
            .take_wallet_challenge(account.id, &challenge.to_string(), self.now())
            .await?
        {
            return Err(AccountError::InvalidChallenge);
        }
        let descriptor = self.descriptor_of(&account)?;
        if !verify_challenge(&descriptor, challenge, signature) {
            return Err(AccountError::InvalidSignature(gaid.clone()));
        }
        let token = crate::Token::generate();
        let expires = self.now().saturating_add(self.auth.token_ttl_seconds);
        self.store
            .insert_wallet_token(account.id, &token.hash(), expires)
            .await?;
        Ok(token)
    }

    /// The account a wallet token belongs to.
    pub async fn authenticate_wallet(
        &self,
        token: &crate::Token,
    ) -> Result<ManagedAccount, AuthError> {
        let id = self
            .store
            .wallet_token_account(&token.hash(), self.now())
            .await?
            .ok_or(AuthError::InvalidToken)?;
        self.store.account(id).await?.ok_or(AuthError::InvalidToken)
    }

    /// Hands out the next address of an account's chain: derived, recorded, never twice.
    pub async fn next_address(
        &self,
        account: &ManagedAccount,
        chain: AddressChain,
    ) -> Result<AccountAddress, AccountError> {
        let descriptor = self.descriptor_of(account)?;
        let index = self
            .store
            .allocate_address_index(account.id, chain)
            .await?
            .ok_or_else(|| AccountError::UnknownAccount(account.gaid.clone()))?;
        let branch = match chain {
            AddressChain::External => Chain::External,
            AddressChain::Internal => Chain::Internal,
        };
        let address = descriptor
            .address(index, branch)
            .map_err(|e| AccountError::Derivation(e.to_string()))?;
        let record = AccountAddress {
            account: account.id,
            chain,
            index,
            address: address.to_string(),
            script_pubkey: address.script_pubkey().to_bytes(),
        };
        self.store.record_address(&record, self.now()).await?;
        Ok(record)
    }
}

impl App {
    /// Unspent outputs of an account, as the chain watcher recorded them.
    pub async fn account_unspent(
        &self,
        account: &ManagedAccount,
    ) -> Result<Vec<tessera_store::TrackedOutput>, AccountError> {
        Ok(self.store.unspent_outputs(account.id).await?)
    }

    /// Balances of an account by asset id (non-zero), from the ownership ledger.
    pub async fn account_balances(
        &self,
        account: &ManagedAccount,
    ) -> Result<Vec<(String, i64)>, AccountError> {
        Ok(self.store.balances_of_gaid(&account.gaid).await?)
    }
}

impl App {
    /// Balances of a managed account in the assets of `issuer`: (asset uuid, asset id,
    /// balance). Other issuers' assets and L-BTC are not shown to an issuer.
    pub async fn gaid_balances_for_issuer(
        &self,
        issuer: tessera_core::IssuerId,
        gaid: &Gaid,
    ) -> Result<Vec<(tessera_core::AssetUuid, String, i64)>, AccountError> {
        let account = self.account_by_gaid(gaid).await?;
        let balances = self.store.balances_of_gaid(&account.gaid).await?;
        let assets = self.issuer_asset_ids(issuer).await?;
        Ok(balances
            .into_iter()
            .filter_map(|(asset_id, balance)| {
                assets.get(&asset_id).map(|uuid| (*uuid, asset_id, balance))
            })
            .collect())
    }

    /// The on-chain ids of the issuer's assets, keyed by asset id hex.
    async fn issuer_asset_ids(
        &self,
        issuer: tessera_core::IssuerId,
    ) -> Result<std::collections::HashMap<String, tessera_core::AssetUuid>, AccountError> {
        Ok(self
            .store
            .assets(issuer)
            .await?
            .into_iter()
            .map(|a| (a.asset_id.to_string(), a.uuid))
            .collect())
    }
}

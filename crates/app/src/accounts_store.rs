//! The account directory backed by the store: a GAID is known when a managed account of
//! this server has it.

use crate::{AccountDirectory, GaidCheck};
use async_trait::async_trait;
use std::sync::Arc;
use tessera_core::Gaid;
use tessera_store::{Store, StoreError};

/// Answers from the `managed_accounts` table.
pub struct StoreAccounts(pub Arc<dyn Store>);

#[async_trait]
impl AccountDirectory for StoreAccounts {
    async fn check(&self, gaid: &Gaid) -> Result<GaidCheck, StoreError> {
        Ok(match self.0.account_by_gaid(gaid).await? {
            Some(_) => GaidCheck::Known,
            None => GaidCheck::Unknown,
        })
    }
}

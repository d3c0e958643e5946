//! Which GAIDs name real managed accounts.
//!
//! A GAID's syntax is checked by `tessera_core::Gaid`; whether the account exists is a
//! question for the account registry. Until managed accounts exist every syntactically
//! valid GAID is accepted ([`SyntaxOnlyAccounts`]); the managed-accounts work plugs in a
//! directory backed by the store without changing any caller.

use async_trait::async_trait;
use tessera_core::Gaid;

/// What the directory knows about a GAID.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GaidCheck {
    /// A managed account of this server.
    Known,
    /// Valid syntax, but no such account here.
    Unknown,
}

/// Answers whether a GAID is a managed account of this server.
#[async_trait]
pub trait AccountDirectory: Send + Sync + 'static {
    /// Looks the GAID up.
    async fn check(&self, gaid: &Gaid) -> Result<GaidCheck, tessera_store::StoreError>;
}

/// Accepts every syntactically valid GAID (used before managed accounts exist).
#[derive(Debug, Default, Clone, Copy)]
pub struct SyntaxOnlyAccounts;

#[async_trait]
impl AccountDirectory for SyntaxOnlyAccounts {
    async fn check(&self, _gaid: &Gaid) -> Result<GaidCheck, tessera_store::StoreError> {
        Ok(GaidCheck::Known)
    }
}

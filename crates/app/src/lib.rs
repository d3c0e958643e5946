//! Tessera's use cases: load from the store, decide with the core, persist, report.
//!
//! The server and the CLI call these functions and never talk to the store directly, so
//! that rules (who may see what, how passwords and tokens are handled) live in one place.
//! Storage, clock and the account directory are injected, so tests control them.

pub mod accounts;
mod accounts_store;
pub mod assets;
pub mod assignment_preview;
pub mod assignments;
pub mod auth;
pub mod clock;
pub mod error;
mod hashing;
pub mod managed;
pub mod manager_scope;
pub mod managers;
pub mod notices;
pub mod registry;
pub mod reports;
pub mod supply_ops;
pub mod throttle;
pub mod transfers;
pub mod watcher;

pub use accounts::{AccountDirectory, GaidCheck, SyntaxOnlyAccounts};
pub use accounts_store::StoreAccounts;
pub use auth::{AuthConfig, Password, Token};
pub use clock::{Clock, FixedClock, SystemClock};
pub use error::{AuthError, RegistryError};
pub use managed::AccountError;
pub use managers::{Actor, ManagerError};
pub use throttle::{Rate, Throttle, ThrottleConfig, Throttled};

use std::sync::Arc;
use tessera_custody::CosignerMaster;
use tessera_store::Store;

/// The application: everything a request handler needs.
#[derive(Clone)]
pub struct App {
    store: Arc<dyn Store>,
    clock: Arc<dyn Clock>,
    accounts: Arc<dyn AccountDirectory>,
    cosigner: Option<Arc<CosignerMaster>>,
    node: Option<tessera_elements_rpc::ElementsRpc>,
    auth: AuthConfig,
    transfers: Arc<transfers::TransferSettings>,
    throttle: Arc<Throttle>,
}

impl App {
    /// Builds the application from its parts.
    pub fn new(
        store: Arc<dyn Store>,
        clock: Arc<dyn Clock>,
        accounts: Arc<dyn AccountDirectory>,
        auth: AuthConfig,
    ) -> Self {
        Self {
            store,
            clock,
            accounts,
            cosigner: None,
            node: None,
            auth,
            transfers: Arc::default(),
            throttle: Arc::default(),
        }
    }

    /// The same application with the platform's co-signer key, which managed accounts
    /// (wallet registration, addresses, co-signing) need.
    pub fn with_cosigner(mut self, cosigner: Arc<CosignerMaster>) -> Self {
        self.cosigner = Some(cosigner);
        self
    }

    /// The same application with the server's Elements node; `rpc` selects the server's
    /// own wallet (which funds issuances) with `/wallet/NAME`.
    pub fn with_node(mut self, rpc: tessera_elements_rpc::ElementsRpc) -> Self {
        self.node = Some(rpc);
        self
    }

    /// The server's node (its wallet selected), if configured.
    pub fn node(&self) -> Option<&tessera_elements_rpc::ElementsRpc> {
        self.node.as_ref()
    }

    /// The same application with these transfer settings (authorization endpoint client,
    /// decision log).
    pub fn with_transfer_settings(mut self, settings: transfers::TransferSettings) -> Self {
        self.transfers = Arc::new(settings);
        self
    }

    /// The same application with these throttle limits (fresh state).
    pub fn with_throttle(mut self, config: ThrottleConfig) -> Self {
        self.throttle = Arc::new(Throttle::new(config));
        self
    }

    /// The throttle of unauthenticated calls.
    pub fn throttle(&self) -> &Throttle {
        &self.throttle
    }

    /// The store (for read models that need no rules).
    pub fn store(&self) -> &Arc<dyn Store> {
        &self.store
    }

    /// Current unix time from the injected clock.
    pub fn now(&self) -> i64 {
        self.clock.now()
    }
}

//! How far a manager's hand reaches into data every asset of its issuer shares.
//!
//! Registered users, their GAIDs and category memberships are not per asset: a manager
//! granted asset G who could point investor X's default GAID at its own account would
//! redirect the issuer's next distribution of asset H, and adding X to a category H
//! requires would let X receive H. So a manager may change such data only where every
//! asset it affects is granted (ADR 0005):
//!
//! * a registered user is in reach when each asset it has assignments in, holds through
//!   one of its GAIDs, or is eligible for through a category membership (the category is
//!   one of the asset's requirements) is granted;
//! * a category is in reach when every asset requiring it is granted;
//! * a GAID is in reach when it holds no asset of the issuer outside the grants.
//!
//! Anything else is refused with [`RegistryError::OutsideGrants`] (403
//! `manager_forbidden`) before a byte is written. Each change a manager does make is
//! appended to the issuer's audit log with the registered user before and after.

use crate::{Actor, App, RegistryError};
use serde_json::{json, Value};
use std::collections::{BTreeMap, BTreeSet};
use tessera_core::{AssetUuid, Category, Gaid, IssuerId, Manager, RegisteredUser};
use tessera_store::NewAuditEntry;

/// The most audit entries one call of [`App::audit_log`] returns.
pub const AUDIT_PAGE_MAX: u32 = 1000;

/// A registered user as the audit log records it.
pub(crate) fn user_record(user: &RegisteredUser) -> Value {
    json!({
        "id": user.id.0,
        "name": user.name.as_str(),
        "is_company": user.is_company,
        "default_gaid": user.default_gaid.as_ref().map(ToString::to_string),
        "gaids": user.gaids.iter().map(ToString::to_string).collect::<Vec<_>>(),
        "categories": user.categories.iter().map(|c| c.0).collect::<Vec<_>>(),
    })
}

/// What the scope checks need to know about the issuer's assets and categories; loaded
/// once per request (one query each), never per user or GAID row.
struct IssuerView {
    by_asset_id: BTreeMap<String, AssetUuid>,
    categories: Vec<Category>,
}

impl App {
    async fn issuer_view(&self, issuer: IssuerId) -> Result<IssuerView, RegistryError> {
        let assets = self.store.assets(issuer).await?;
        Ok(IssuerView {
            by_asset_id: assets
                .iter()
                .map(|a| (a.asset_id.to_string(), a.uuid))
                .collect(),
            categories: self.store.categories(issuer).await?,
        })
    }

    /// The issuer's assets `gaid` holds (a non-zero ledger balance).
    async fn held_assets(
        &self,
        view: &IssuerView,
        gaid: &Gaid,
    ) -> Result<BTreeSet<AssetUuid>, RegistryError> {
        let balances = self.store.balances_of_gaid(gaid).await?;
        Ok(balances
            .into_iter()
            .filter(|(_, balance)| *balance != 0)
            .filter_map(|(asset_id, _)| view.by_asset_id.get(&asset_id).copied())
            .collect())
    }

    /// Refuses a manager's change to `user` unless every asset the user touches is
    /// granted; issuers pass.
    pub(crate) async fn require_user_in_reach(
        &self,
        actor: &Actor,
        user: &RegisteredUser,
    ) -> Result<(), RegistryError> {
        let Actor::Manager(manager) = actor else {
            return Ok(());
        };
        let view = self.issuer_view(manager.issuer).await?;
        let mut touched: BTreeSet<AssetUuid> = self
            .store
            .user_assignment_totals(manager.issuer, user.id)
            .await?
            .into_iter()
            .map(|t| t.asset)
            .collect();
        for gaid in &user.gaids {
            touched.extend(self.held_assets(&view, gaid).await?);
        }
        for category in &view.categories {
            if user.categories.contains(&category.id) {
                touched.extend(category.assets.iter().copied());
            }
        }
        if manager.covers(&touched) {
            Ok(())
        } else {
            Err(outside(manager, format!("registered user {}", user.id)))
        }
    }

    /// Refuses a manager's change of membership in `category` unless every asset
    /// requiring it is granted; issuers pass.
    pub(crate) fn require_category_in_reach(
        &self,
        actor: &Actor,
        category: &Category,
    ) -> Result<(), RegistryError> {
        match actor {
            Actor::Manager(m) if !m.covers(&category.assets) => {
                Err(outside(m, format!("category {}", category.id)))
            }
            _ => Ok(()),
        }
    }

    /// Refuses a manager's attaching `gaid` to a user when the GAID already holds an
    /// asset of the issuer outside the grants; issuers pass.
    pub(crate) async fn require_gaid_in_reach(
        &self,
        actor: &Actor,
        gaid: &Gaid,
    ) -> Result<(), RegistryError> {
        let Actor::Manager(manager) = actor else {
            return Ok(());
        };
        let view = self.issuer_view(manager.issuer).await?;
        if manager.covers(&self.held_assets(&view, gaid).await?) {
            Ok(())
        } else {
            Err(outside(manager, format!("GAID {gaid}")))
        }
    }

    /// Appends a manager's change of a registered user to the audit log (issuers' own
    /// changes are not logged: the log answers "what did my managers do").
    pub(crate) async fn audit_user_change(
        &self,
        actor: &Actor,
        action: &str,
        before: Option<&RegisteredUser>,
        after: &RegisteredUser,
    ) -> Result<(), RegistryError> {
        let Actor::Manager(manager) = actor else {
            return Ok(());
        };
        let entry = NewAuditEntry {
            issuer: manager.issuer,
            manager: manager.id,
            manager_username: manager.username.as_str().to_owned(),
            action: action.to_owned(),
            subject: format!("registered_user:{}", after.id),
            before: before.map(user_record),
            after: Some(user_record(after)),
        };
        self.store.record_audit(&entry, self.now()).await?;
        tracing::info!(manager = %manager.id, action, subject = %entry.subject, "audited");
        Ok(())
    }

    /// Up to `count` entries (at most [`AUDIT_PAGE_MAX`]) of the issuer's audit log,
    /// oldest first, skipping the first `start`.
    pub async fn audit_log(
        &self,
        issuer: IssuerId,
        start: u64,
        count: u32,
    ) -> Result<Vec<tessera_store::AuditEntry>, RegistryError> {
        let count = count.min(AUDIT_PAGE_MAX);
        Ok(self.store.audit_log(issuer, start, count).await?)
    }
}

fn outside(manager: &Manager, what: String) -> RegistryError {
    RegistryError::OutsideGrants {
        manager: manager.username.as_str().to_owned(),
        what,
    }
}

//! What the signed-in person may do, asked of the API's manager policy.
//!
//! A console action is the API call it stands for (method and path); the one policy in
//! `tessera_server::manager_policy` answers for both front ends, so a manager sees in the
//! console exactly what the API would let it do: assets it was not granted do not exist,
//! issuer-only actions are hidden and refused.

use crate::ConsoleError;
use axum::http::Method;
use tessera_app::Actor;
use tessera_server::manager_policy::{decide, Verdict};
use tessera_server::ApiError;

/// Whether the actor may make the API call `method path`.
pub fn may(actor: &Actor, method: Method, path: &str) -> bool {
    require(actor, method, path).is_ok()
}

/// Refuses as the API would when the actor may not make the API call `method path`.
pub fn require(actor: &Actor, method: Method, path: &str) -> Result<(), ConsoleError> {
    let Actor::Manager(manager) = actor else {
        return Ok(());
    };
    match decide(&method, path, manager) {
        Verdict::Allow => Ok(()),
        Verdict::AssetNotFound(uuid) => Err(ConsoleError::Api(ApiError::NotFound {
            code: "asset_not_found",
            message: format!("asset {uuid} not found"),
        })),
        Verdict::Forbidden => Err(ConsoleError::Api(ApiError::Forbidden {
            code: "manager_forbidden",
            message: format!("managers may not {method} {path}; ask the issuer"),
        })),
    }
}

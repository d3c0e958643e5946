//! What a manager may call: the one place that decides it, from the method and path.
//!
//! A manager's request is served as its issuer's (see `extract::CurrentActor`), so the
//! handlers need no manager logic; this policy runs first and refuses what a manager must
//! not do. The rules:
//!
//! * Any path naming an asset (`/api/assets/{uuid}/…`, `/api/categories/{id}/assets/{uuid}/…`,
//!   `/api/gaids/{gaid}/balance/{uuid}`) whose uuid is not granted answers
//!   **404 `asset_not_found`**, exactly like an unknown
//!   asset, so a manager cannot probe for other assets.
//! * On a granted asset a manager may do everything the issuer may, except delete it and
//!   add or delete treasury addresses (they name the issuer's own wallet).
//! * `GET /api/assets` is allowed (the handler lists only granted assets).
//! * Registered users, categories and GAIDs: every read, plus the writes onboarding an
//!   investor needs (add and rename users, their GAIDs and category memberships).
//!   Defining, editing or deleting categories and deleting users stay with the issuer, as
//!   do the reads that span every asset (`registered_users/{id}/summary|vesting`,
//!   `gaids/{gaid}/balance`), which would show assets that were not granted.
//! * Everything else is **403 `manager_forbidden`**: issuing assets, managing managers
//!   (only `GET /api/managers/me` is open), the issuer's password and settings, and any
//!   route not listed here (deny by default, so new routes are closed to managers until
//!   someone decides otherwise).

use axum::http::Method;
use tessera_core::{AssetUuid, Manager};

/// The policy's answer for one request of a manager.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// Serve it as the manager's issuer.
    Allow,
    /// The path names an asset that is not granted (or is no uuid): answer as unknown.
    AssetNotFound(String),
    /// An issuer-only call.
    Forbidden,
}

/// Decides a manager's request.
pub fn decide(method: &Method, path: &str, manager: &Manager) -> Verdict {
    let segments: Vec<&str> = path
        .strip_prefix("/api/")
        .unwrap_or(path)
        .split('/')
        .filter(|s| !s.is_empty())
        .collect();
    if segments.first() == Some(&"managers") {
        return allow_if(segments == ["managers", "me"] && method == Method::GET);
    }
    let named_assets = segments
        .windows(2)
        .enumerate()
        .filter(|(i, pair)| pair[0] == "assets" && !(*i == 0 && pair[1] == "issue"))
        .map(|(_, pair)| pair[1]);
    // `gaids/{gaid}/balance/{uuid}` names an asset too.
    let balance_asset = match segments.as_slice() {
        ["gaids", _, "balance", uuid] => Some(*uuid),
        _ => None,
    };
    for named in named_assets.chain(balance_asset) {
        let granted = named
            .parse::<AssetUuid>()
            .is_ok_and(|uuid| manager.may_act_on(uuid));
        if !granted {
            return Verdict::AssetNotFound(named.to_owned());
        }
    }
    allow_if(allowed(method, &segments))
}

fn allow_if(allowed: bool) -> Verdict {
    if allowed {
        Verdict::Allow
    } else {
        Verdict::Forbidden
    }
}

/// Whether a manager may make this call (asset grants already checked).
fn allowed(method: &Method, s: &[&str]) -> bool {
    let read = method == Method::GET;
    match s {
        ["info"] | ["changelog"] => true,
        ["user", "refresh-token" | "refresh_token"] => true,
        ["assets"] => read,
        ["assets", "issue"] => false,
        ["assets", _, "delete"] => false,
        // The issuer's own wallet: a manager's address there would be a redemption target.
        ["assets", _, "treasury-addresses", "add" | "delete"] => false,
        ["assets", _, ..] => true,
        ["registered_users" | "investors", _, "summary" | "vesting"] => false,
        ["registered_users" | "investors", _, "delete"] => false,
        ["registered_users" | "investors", ..] => true,
        ["categories", _, "registered_users" | "assets", _, "add" | "remove"] => true,
        ["categories", ..] => read,
        ["gaids", _, "balance"] => false,
        ["gaids", _, "balance", _] => read,
        ["gaids", ..] => read,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use tessera_core::{IssuerId, ManagerId, Username};

    const GRANTED: &str = "6f1c1f1e-5a3b-4c1d-9e2f-0a1b2c3d4e5f";
    const OTHER: &str = "0e0e0e0e-1111-4222-8333-444455556666";

    fn manager() -> Manager {
        Manager {
            id: ManagerId(1),
            issuer: IssuerId(1),
            username: Username::parse("carol").unwrap(),
            is_locked: false,
            assets: vec![GRANTED.parse().unwrap()],
            created_at: 0,
        }
    }

    #[test]
    fn verdicts_by_method_and_path() {
        use Verdict::*;
        let g = |p: &str| p.replace("{g}", GRANTED).replace("{o}", OTHER);
        let not_found = |s: &str| AssetNotFound(s.to_owned());
        let cases = [
            ("info", Method::GET, "/api/info", Allow),
            ("me", Method::GET, "/api/managers/me", Allow),
            ("list managers", Method::GET, "/api/managers", Forbidden),
            (
                "create manager",
                Method::POST,
                "/api/managers/create",
                Forbidden,
            ),
            (
                "grant",
                Method::PUT,
                "/api/managers/1/assets/{g}/add",
                Forbidden,
            ),
            ("issue", Method::POST, "/api/assets/issue", Forbidden),
            ("list assets", Method::GET, "/api/assets", Allow),
            (
                "granted summary",
                Method::GET,
                "/api/assets/{g}/summary",
                Allow,
            ),
            (
                "granted assign",
                Method::POST,
                "/api/assets/{g}/assignments/create",
                Allow,
            ),
            (
                "treasury add",
                Method::POST,
                "/api/assets/{g}/treasury-addresses/add",
                Forbidden,
            ),
            (
                "treasury list",
                Method::GET,
                "/api/assets/{g}/treasury-addresses",
                Allow,
            ),
            (
                "granted delete",
                Method::DELETE,
                "/api/assets/{g}/delete",
                Forbidden,
            ),
            (
                "other summary",
                Method::GET,
                "/api/assets/{o}/summary",
                not_found(OTHER),
            ),
            (
                "other asset",
                Method::GET,
                "/api/assets/{o}",
                not_found(OTHER),
            ),
            (
                "not a uuid",
                Method::GET,
                "/api/assets/nope",
                not_found("nope"),
            ),
            (
                "requirement",
                Method::PUT,
                "/api/categories/3/assets/{g}/add",
                Allow,
            ),
            (
                "other requirement",
                Method::PUT,
                "/api/categories/3/assets/{o}/add",
                not_found(OTHER),
            ),
            (
                "membership",
                Method::PUT,
                "/api/categories/3/registered_users/4/add",
                Allow,
            ),
            (
                "category add",
                Method::POST,
                "/api/categories/add",
                Forbidden,
            ),
            ("category list", Method::GET, "/api/categories", Allow),
            ("user add", Method::POST, "/api/registered_users/add", Allow),
            (
                "user delete",
                Method::DELETE,
                "/api/registered_users/4/delete",
                Forbidden,
            ),
            (
                "user summary",
                Method::GET,
                "/api/registered_users/4/summary",
                Forbidden,
            ),
            (
                "gaid balance",
                Method::GET,
                "/api/gaids/GA1/balance",
                Forbidden,
            ),
            (
                "gaid balance in granted",
                Method::GET,
                "/api/gaids/GA1/balance/{g}",
                Allow,
            ),
            (
                "gaid balance in other",
                Method::GET,
                "/api/gaids/GA1/balance/{o}",
                not_found(OTHER),
            ),
            (
                "gaid validate",
                Method::GET,
                "/api/gaids/GA1/validate",
                Allow,
            ),
            (
                "password",
                Method::POST,
                "/api/user/change-password",
                Forbidden,
            ),
            ("settings", Method::PUT, "/api/user/settings", Forbidden),
            ("refresh", Method::POST, "/api/user/refresh-token", Allow),
            (
                "unknown route",
                Method::GET,
                "/api/authorizer-key",
                Forbidden,
            ),
        ];
        for (name, method, path, want) in cases {
            assert_eq!(decide(&method, &g(path), &manager()), want, "{name}");
        }
    }
}

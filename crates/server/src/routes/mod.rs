//! Route table: one module per resource, paths as in AMP.

pub mod asset_history;
pub mod asset_reports;
pub mod assets;
pub mod assignments;
pub mod audit;
pub mod categories;
pub mod gaid_asset_balance;
pub mod gaids;
pub mod general;
pub mod locks;
pub mod managers;
pub mod registered_users;
pub mod registry;
pub mod supply_ops;
pub mod transfers;
pub mod user;
pub mod wallet;
// reports, dividends, payments, settings
pub mod dividends;
pub mod issuer_settings;
pub mod payments;
pub mod reports;

use axum::routing::{delete, get, post, put};
use axum::Router;
use tessera_app::App;

/// Every route of the API.
pub fn router() -> Router<App> {
    use categories as c;
    use registered_users as ru;
    use supply_ops as so;
    Router::new()
        .route("/api/info", get(general::info))
        .route("/api/changelog", get(general::changelog))
        .route("/api/openapi.json", get(general::openapi))
        .route("/api/user/obtain_token", post(user::obtain_token))
        .route("/api/user/refresh-token", post(user::refresh_token))
        .route("/api/user/refresh_token", post(user::refresh_token))
        .route("/api/user/change-password", post(user::change_password))
        .route("/api/user/change_password", post(user::change_password))
        .route("/api/registered_users", get(ru::list))
        .route("/api/registered_users/add", post(ru::add))
        .route("/api/registered_users/{id}", get(ru::get_one))
        .route("/api/registered_users/{id}/edit", put(ru::edit))
        .route("/api/registered_users/{id}/delete", delete(ru::remove))
        .route("/api/registered_users/{id}/summary", get(ru::summary))
        .route("/api/registered_users/{id}/gaids", get(ru::gaids))
        .route("/api/registered_users/{id}/gaids/add", post(ru::add_gaid))
        .route(
            "/api/registered_users/{id}/gaids/set-default",
            post(ru::set_default_gaid),
        )
        .route(
            "/api/registered_users/{id}/categories/add",
            put(ru::add_categories),
        )
        .route(
            "/api/registered_users/{id}/categories/delete",
            put(ru::remove_categories),
        )
        // Pre-0.1.7 AMP names, still used by some clients.
        .route("/api/investors", get(ru::list))
        .route("/api/investors/add", post(ru::add))
        .route("/api/investors/{id}", get(ru::get_one))
        .route("/api/categories", get(c::list))
        .route("/api/categories/add", post(c::add))
        .route("/api/categories/{id}", get(c::get_one))
        .route("/api/categories/{id}/edit", put(c::edit))
        .route("/api/categories/{id}/delete", delete(c::remove))
        .route(
            "/api/categories/{id}/registered_users/{user}/add",
            put(c::add_member),
        )
        .route(
            "/api/categories/{id}/registered_users/{user}/remove",
            put(c::remove_member),
        )
        .route("/api/gaids/{gaid}/validate", get(gaids::validate))
        .route(
            "/api/gaids/{gaid}/registered_user",
            get(gaids::registered_user),
        )
        .route("/api/gaids/{gaid}/investor", get(gaids::registered_user))
        .route("/api/assets", get(assets::list))
        .route("/api/assets/issue", post(assets::issue))
        .route("/api/assets/{uuid}", get(assets::get_one))
        .route("/api/assets/{uuid}/edit", put(assets::edit))
        .route("/api/assets/{uuid}/delete", delete(assets::remove))
        .route("/api/assets/{uuid}/register", get(assets::register))
        .route(
            "/api/assets/{uuid}/register-authorized",
            get(assets::register_authorized),
        )
        .route("/api/assets/{uuid}/lock", put(assets::lock))
        .route("/api/assets/{uuid}/unlock", put(assets::unlock))
        .route("/api/assets/{uuid}/memo", get(assets::memo))
        .route("/api/assets/{uuid}/memo/set", post(assets::set_memo))
        .route(
            "/api/assets/{uuid}/treasury-addresses",
            get(assets::treasury),
        )
        .route(
            "/api/assets/{uuid}/treasury-addresses/add",
            post(assets::add_treasury),
        )
        .route(
            "/api/assets/{uuid}/treasury-addresses/delete",
            delete(assets::delete_treasury),
        )
        .route(
            "/api/categories/{id}/assets/{uuid}/add",
            put(assets::add_requirement),
        )
        .route(
            "/api/categories/{id}/assets/{uuid}/remove",
            put(assets::remove_requirement),
        )
        .route("/api/assets/{uuid}/summary", get(asset_reports::summary))
        .route("/api/assets/{uuid}/balance", get(asset_reports::balance))
        .route(
            "/api/assets/{uuid}/lost-outputs",
            get(asset_reports::lost_outputs),
        )
        .route(
            "/api/assets/{uuid}/ownerships",
            get(asset_reports::ownerships),
        )
        .route(
            "/api/assets/{uuid}/ownerships/{height}",
            get(asset_reports::ownerships_at),
        )
        .route("/api/assets/{uuid}/utxos", get(asset_reports::utxos))
        .route("/api/assets/{uuid}/assignments", get(assignments::list))
        .route(
            "/api/assets/{uuid}/assignments/create",
            post(assignments::create),
        )
        .route(
            "/api/assets/{uuid}/assignments/vesting-schedule",
            post(assignments::vesting_schedule),
        )
        .route(
            "/api/assets/{uuid}/assignments/{id}",
            get(assignments::get_one),
        )
        .route(
            "/api/assets/{uuid}/assignments/{id}/edit",
            put(assignments::edit),
        )
        .route(
            "/api/assets/{uuid}/assignments/{id}/lock",
            put(assignments::lock),
        )
        .route(
            "/api/assets/{uuid}/assignments/{id}/unlock",
            put(assignments::unlock),
        )
        .route(
            "/api/assets/{uuid}/assignments/{id}/delete",
            delete(assignments::remove),
        )
        .route("/api/gaids/{gaid}/address", get(gaids::address))
        .route("/api/gaids/{gaid}/balance", get(gaids::balance))
        .route("/api/wallet/cosigner-key", post(wallet::cosigner_key))
        .route("/api/wallet/accounts", post(wallet::register))
        .route("/api/wallet/challenge", post(wallet::challenge))
        .route("/api/wallet/login", post(wallet::login))
        .route("/api/wallet/account", get(wallet::account))
        .route("/api/wallet/address", post(wallet::address))
        .route("/api/wallet/change-address", post(wallet::change_address))
        .route("/api/wallet/utxos", get(wallet::utxos))
        .route("/api/wallet/balance", get(wallet::balance))
        // distributions, reissuances, burns
        .route(
            "/api/assets/{uuid}/distributions",
            get(so::distributions::list),
        )
        .route(
            "/api/assets/{uuid}/distributions/create",
            get(so::distributions::create).post(so::distributions::create),
        )
        .route(
            "/api/assets/{uuid}/distributions/{duuid}",
            get(so::distributions::get_one),
        )
        .route(
            "/api/assets/{uuid}/distributions/{duuid}/cancel",
            delete(so::distributions::cancel),
        )
        .route(
            "/api/assets/{uuid}/distributions/{duuid}/confirm",
            post(so::distributions::confirm),
        )
        .route(
            "/api/assets/{uuid}/reissue-request",
            post(so::reissue_burn::reissue_request),
        )
        .route(
            "/api/assets/{uuid}/reissue-confirm",
            post(so::reissue_burn::reissue_confirm),
        )
        .route(
            "/api/assets/{uuid}/reissuances",
            get(so::reissue_burn::reissuances),
        )
        .route(
            "/api/assets/{uuid}/reissuance-requests",
            get(so::reissue_burn::reissuance_requests),
        )
        .route(
            "/api/assets/{uuid}/burn-request",
            post(so::reissue_burn::burn_request),
        )
        .route(
            "/api/assets/{uuid}/burn-confirm",
            post(so::reissue_burn::burn_confirm),
        )
        .route("/api/assets/{uuid}/burns", get(so::reissue_burn::burns))
        .route(
            "/api/assets/{uuid}/update-blinders",
            post(so::reissue_burn::update_blinders),
        )
        // asset history (txs, activities) and a GAID's balance in one asset
        .route("/api/assets/{uuid}/txs", get(asset_history::txs))
        .route("/api/assets/{uuid}/txs/{txid}", get(asset_history::tx_one))
        .route(
            "/api/assets/{uuid}/activities",
            get(asset_history::activities),
        )
        .route(
            "/api/gaids/{gaid}/balance/{uuid}",
            get(gaid_asset_balance::balance_in_asset),
        )
        // transfers and locks
        .route("/api/wallet/transfers", post(transfers::submit))
        .route("/api/wallet/spendable", get(transfers::spendable))
        .route("/api/wallet/assets", get(transfers::assets))
        .route(
            "/api/assets/{uuid}/transfers/authorize",
            post(transfers::authorize),
        )
        .route(
            "/api/assets/{uuid}/transfers/decisions",
            get(transfers::decisions),
        )
        .route("/api/assets/{uuid}/utxos/blacklist", post(locks::blacklist))
        .route("/api/assets/{uuid}/utxos/whitelist", post(locks::whitelist))
        .route("/api/authorizer-key", get(transfers::authorizer_key))
        // reports, dividends, payments, settings
        .route(
            "/api/user/settings",
            get(issuer_settings::get).put(issuer_settings::put),
        )
        .route("/api/assets/{uuid}/vesting", get(reports::asset_vesting))
        .route(
            "/api/registered_users/{id}/vesting",
            get(reports::user_vesting),
        )
        .route("/api/assets/{uuid}/dividends", get(dividends::list))
        .route(
            "/api/assets/{uuid}/dividends/calculate",
            post(dividends::calculate),
        )
        .route("/api/assets/{uuid}/dividends/{id}", get(dividends::get_one))
        .route(
            "/api/assets/{uuid}/payments",
            get(payments::list).post(payments::create),
        )
        .route("/api/assets/{uuid}/payments/{id}", get(payments::get_one))
        // managers: issuer-side administration; `me` for the manager itself. What a
        // manager may call elsewhere is `manager_policy`'s decision, in the extractor.
        .route("/api/audit-log", get(audit::list))
        .route("/api/managers", get(managers::list))
        .route("/api/managers/create", post(managers::create))
        .route("/api/managers/me", get(managers::me))
        .route("/api/managers/{id}", get(managers::get_one))
        .route("/api/managers/{id}/lock", put(managers::lock))
        .route("/api/managers/{id}/unlock", put(managers::unlock))
        .route(
            "/api/managers/{id}/assets/{uuid}/add",
            put(managers::add_asset),
        )
        .route(
            "/api/managers/{id}/assets/{uuid}/remove",
            post(managers::remove_asset).put(managers::remove_asset),
        )
        .route(
            "/api/managers/{id}/change-password",
            post(managers::change_password),
        )
        // the registry of published assets (no authentication)
        .route("/registry/{asset_id}", get(registry::entry))
        .fallback(general::not_found)
}

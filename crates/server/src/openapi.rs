//! The OpenAPI document, generated from the handlers' annotations.
//!
//! A committed copy lives at `docs/openapi.json`; a test fails when it drifts, and
//! `UPDATE_OPENAPI=1 cargo test -p tessera-server openapi` rewrites it.

use crate::openapi_common::Common;
use crate::routes::managers;
use crate::routes::{asset_history, gaid_asset_balance, locks, transfers};
use crate::routes::{
    asset_reports, assets, assignments, categories, gaids, general, registered_users, supply_ops,
    user, wallet,
};
use crate::routes::{dividends, issuer_settings, payments, reports};
use utoipa::openapi::security::{ApiKey, ApiKeyValue, SecurityScheme};
use utoipa::{Modify, OpenApi};

#[derive(OpenApi)]
#[openapi(
    info(title = "Tessera API", description = "Blockstream AMP-compatible asset management API"),
    paths(
        general::info, general::changelog,
        user::obtain_token, user::refresh_token, user::change_password,
        registered_users::list, registered_users::get_one, registered_users::add,
        registered_users::edit, registered_users::remove, registered_users::summary,
        registered_users::gaids, registered_users::add_gaid, registered_users::set_default_gaid,
        registered_users::add_categories, registered_users::remove_categories,
        categories::list, categories::get_one, categories::add, categories::edit,
        categories::remove, categories::add_member, categories::remove_member,
        gaids::validate, gaids::registered_user, gaids::address, gaids::balance,
        crate::routes::registry::entry,
        assets::list, assets::issue, assets::get_one, assets::edit, assets::remove,
        assets::register, assets::register_authorized, assets::lock, assets::unlock,
        assets::memo, assets::set_memo, assets::treasury, assets::add_treasury,
        assets::delete_treasury, assets::add_requirement, assets::remove_requirement,
        asset_reports::summary, asset_reports::balance, asset_reports::lost_outputs,
        asset_reports::ownerships, asset_reports::ownerships_at, asset_reports::utxos,
        assignments::list, assignments::create, assignments::vesting_schedule,
        assignments::get_one, assignments::edit, assignments::lock, assignments::unlock,
        assignments::remove,
        wallet::cosigner_key, wallet::register, wallet::challenge, wallet::login,
        wallet::account, wallet::address, wallet::change_address, wallet::utxos, wallet::balance,
        supply_ops::distributions::create, supply_ops::distributions::list,
        supply_ops::distributions::get_one, supply_ops::distributions::cancel,
        supply_ops::distributions::confirm, supply_ops::reissue_burn::reissue_request,
        supply_ops::reissue_burn::reissue_confirm, supply_ops::reissue_burn::reissuances,
        supply_ops::reissue_burn::reissuance_requests,
        supply_ops::reissue_burn::burn_request, supply_ops::reissue_burn::burn_confirm,
        supply_ops::reissue_burn::burns, supply_ops::reissue_burn::update_blinders,
        transfers::submit, transfers::spendable, transfers::assets, transfers::authorize,
        transfers::decisions, transfers::authorizer_key, locks::blacklist, locks::whitelist,
        asset_history::txs, asset_history::tx_one, asset_history::activities,
        gaid_asset_balance::balance_in_asset,
        // reports, dividends, payments, settings
        issuer_settings::get, issuer_settings::put, reports::asset_vesting, reports::user_vesting,
        dividends::calculate, dividends::list, dividends::get_one,
        payments::create, payments::list, payments::get_one,
        // managers
        managers::list, managers::create, managers::me, managers::get_one, managers::lock,
        managers::unlock, managers::add_asset, managers::remove_asset, managers::change_password,
        crate::routes::audit::list,
    ),
    modifiers(&TokenAuth, &Common),
)]
struct ApiDoc;

struct TokenAuth;

impl Modify for TokenAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "token",
            SecurityScheme::ApiKey(ApiKey::Header(ApiKeyValue::with_description(
                "Authorization",
                "`token <token>` from POST /api/user/obtain_token",
            ))),
        );
        components.add_security_scheme(
            "wallet",
            SecurityScheme::ApiKey(ApiKey::Header(ApiKeyValue::with_description(
                "Authorization",
                "`wallet <token>` from POST /api/wallet/login",
            ))),
        );
    }
}

/// The OpenAPI document of the API.
pub fn document() -> utoipa::openapi::OpenApi {
    let mut doc = ApiDoc::openapi();
    doc.info.version = env!("CARGO_PKG_VERSION").to_owned();
    doc
}

//! Issue 12: treasury addresses are validated — an address of the server's network, and
//! never a managed account's address of this server (its script would be both an
//! investor's holding and a redemption target the co-signer accepts).

use crate::harness::{spawn_app, Auth, NET};
use axum::http::StatusCode;
use elements::{Address, AddressParams};
use serde_json::json;
use std::str::FromStr;
use tessera_core::Username;

#[path = "../common/stored_asset.rs"]
mod stored_asset;

#[tokio::test]
async fn a_managed_accounts_address_or_another_networks_is_refused_as_a_treasury_address() {
    let t = spawn_app().await;
    let issuer = t.issuer("issuer").await;
    let id = t
        .store
        .issuer_credentials(&Username::parse("issuer").unwrap())
        .await
        .unwrap()
        .unwrap()
        .issuer
        .id;
    let uuid = stored_asset::record(&*t.store, id, 1, 0).await;
    let w = t.wallet().await;
    let managed = t
        .post("/api/wallet/address", Auth::Wallet(&w.token), json!({}))
        .await
        .expect(StatusCode::OK)["address"]
        .as_str()
        .unwrap()
        .to_owned();
    let parsed = Address::from_str(&managed).unwrap();
    // The same script without its blinding key: still the account's.
    let unconfidential = parsed.to_unconfidential().to_string();
    let mainnet = Address {
        params: &AddressParams::LIQUID,
        ..parsed.to_unconfidential()
    }
    .to_string();
    let own_wallet = w
        .descriptor
        .address(0, tessera_custody::Chain::External)
        .unwrap();
    assert_eq!(
        own_wallet.to_string(),
        managed,
        "the harness derives the same"
    );
    let issuers = Address::p2sh(
        &elements::Script::from(vec![0x51]),
        None,
        NET.address_params(),
    )
    .to_string();

    let path = format!("/api/assets/{uuid}/treasury-addresses");
    let add_path = format!("{path}/add");
    let add = |body| t.post(&add_path, Auth::Issuer(&issuer), body);
    for address in [&managed, &unconfidential] {
        let message = add(json!([issuers, address]))
            .await
            .expect_error(StatusCode::BAD_REQUEST, "treasury_address_is_managed");
        assert!(message.contains(address.as_str()), "{message}");
    }
    add(json!([mainnet]))
        .await
        .expect_error(StatusCode::BAD_REQUEST, "invalid_address");
    // Nothing was added by the refused calls, not even the good address beside the bad.
    let listed = t
        .get(&path, Auth::Issuer(&issuer))
        .await
        .expect(StatusCode::OK);
    assert_eq!(listed, json!([]));
    add(json!([issuers])).await.expect(StatusCode::OK);
    let listed = t
        .get(&path, Auth::Issuer(&issuer))
        .await
        .expect(StatusCode::OK);
    assert_eq!(listed, json!([issuers]));
}

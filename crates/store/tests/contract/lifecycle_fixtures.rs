//! Fixtures of the asset lifecycle tests: assets, txids, registered users, distributions.

use crate::harness::{gaid, issuer, new_user};
use std::str::FromStr;
use tessera_core::{
    AccountId, Amount, Asset, AssetKind, AssetName, AssetUuid, AssignmentId, Domain,
    IssuanceOutpoints, Issuer, IssuerId, IssuerPubkey, NewAssignment, Precision, RegisteredUser,
    Ticker,
};
use tessera_store::{DistributionOutput, Store};

/// A txid made of one repeated byte.
pub fn txid(n: u8) -> elements::Txid {
    elements::Txid::from_str(&format!("{n:02x}").repeat(32)).unwrap()
}

/// An asset id made of one repeated byte.
pub fn asset_id(n: u8) -> elements::AssetId {
    elements::AssetId::from_str(&format!("{n:02x}").repeat(32)).unwrap()
}

/// An amount.
pub fn amount(units: u64) -> Amount {
    Amount::from_units(units).unwrap()
}

/// An asset record numbered `n` (distinct uuid, asset id and issuance txid).
pub fn new_asset(n: u8) -> Asset {
    Asset {
        uuid: AssetUuid::new_random(),
        issuer: IssuerId(0),
        asset_id: asset_id(n),
        reissuance_token_id: Some(asset_id(n.wrapping_add(100))),
        name: AssetName::parse(&format!("Asset {n}")).unwrap(),
        ticker: Ticker::parse(&format!("AS{n:02}")).unwrap(),
        domain: Domain::parse("example.com").unwrap(),
        pubkey: IssuerPubkey::parse(
            "0337cceec0beea0232ebe14cba0197a9fbd45fcf2ec946749de920e71434c2b904",
        )
        .unwrap(),
        precision: Precision::new(2).unwrap(),
        kind: AssetKind::TransferRestricted,
        is_reissuable: true,
        is_locked: false,
        is_registered: false,
        is_authorized: false,
        issuer_authorization_endpoint: None,
        requirements: Vec::new(),
        issuance: IssuanceOutpoints {
            txid: txid(n),
            vin: 0,
            asset_vout: 1,
            reissuance_vout: Some(2),
        },
    }
}

/// An issuer with asset `n` (issued amount 1,000,000) and two registered users with GAIDs.
pub struct World {
    pub issuer: Issuer,
    pub asset: Asset,
    pub ann: RegisteredUser,
    pub bo: RegisteredUser,
}

/// Creates [`World`] for issuer `login`, with fixture GAIDs `2 * g` and `2 * g + 1`.
pub async fn world(store: &dyn Store, login: &str, n: u8, g: usize) -> World {
    let issuer = issuer(store, login).await;
    let asset = store
        .create_asset(issuer.id, &new_asset(n), amount(1_000_000), 1000)
        .await
        .unwrap();
    let ann = store
        .add_registered_user(issuer.id, &new_user("Ann", Some(gaid(2 * g))), 1000)
        .await
        .unwrap();
    let bo = store
        .add_registered_user(issuer.id, &new_user("Bo", Some(gaid(2 * g + 1))), 1000)
        .await
        .unwrap();
    World {
        issuer,
        asset,
        ann,
        bo,
    }
}

/// A ready assignment of `units` to `user`.
pub fn assign(user: &RegisteredUser, units: u64) -> NewAssignment {
    NewAssignment::new(user.id, amount(units), None, true).unwrap()
}

/// A distribution output paying `user` the assignments `ids` (amount `units`).
pub fn payout(
    user: &RegisteredUser,
    address: &str,
    units: u64,
    ids: &[AssignmentId],
) -> DistributionOutput {
    DistributionOutput {
        address: address.to_owned(),
        script_pubkey: address.as_bytes().to_vec(),
        registered_user: user.id,
        gaid: user.default_gaid.clone().unwrap(),
        account: AccountId(1),
        amount: amount(units),
        assignment_ids: ids.to_vec(),
        vout: None,
    }
}

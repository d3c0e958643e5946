//! An asset recorded directly in the store (no node needed), for API tests about access.

use tessera_core::*;
use tessera_store::Store;

/// Records asset `n` (asset id `nn…nn`) of `issuer` with 1,000 units; returns its uuid.
pub async fn record(store: &dyn Store, issuer: IssuerId, n: u8, now: i64) -> String {
    let asset = Asset {
        uuid: AssetUuid::new_random(),
        issuer,
        asset_id: format!("{n:02x}").repeat(32).parse().unwrap(),
        reissuance_token_id: None,
        name: AssetName::parse(&format!("Asset {n}")).unwrap(),
        ticker: Ticker::parse(&format!("AS{n:02}")).unwrap(),
        domain: Domain::parse("example.com").unwrap(),
        pubkey: IssuerPubkey::parse(
            "0337cceec0beea0232ebe14cba0197a9fbd45fcf2ec946749de920e71434c2b904",
        )
        .unwrap(),
        precision: Precision::new(0).unwrap(),
        kind: AssetKind::IssuerTracked,
        is_reissuable: false,
        is_locked: false,
        is_registered: true,
        is_authorized: true,
        issuer_authorization_endpoint: None,
        requirements: Vec::new(),
        issuance: IssuanceOutpoints {
            txid: format!("{:02x}", n.wrapping_add(0x80))
                .repeat(32)
                .parse()
                .unwrap(),
            vin: 0,
            asset_vout: 0,
            reissuance_vout: None,
        },
    };
    let amount = Amount::from_units(1_000).unwrap();
    let created = store
        .create_asset(issuer, &asset, amount, now)
        .await
        .unwrap();
    created.uuid.to_string()
}

//! The API tests' harness (`tests/api/harness.rs`: `spawn_app()` on a fresh database with a
//! controllable clock), plus manager fixtures.

#[allow(dead_code)]
#[path = "../api/harness.rs"]
mod base;

use axum::http::StatusCode;
pub use base::*;
use tessera_core::Username;

/// Manager fixtures: assets created through the store (no node needed).
impl TestApp {
    /// The id of the issuer `name`.
    pub async fn issuer_id(&self, name: &str) -> tessera_core::IssuerId {
        self.store
            .issuer_credentials(&Username::parse(name).unwrap())
            .await
            .unwrap()
            .unwrap()
            .issuer
            .id
    }

    /// Records asset `n` of issuer `name` directly in the store; returns its uuid.
    pub async fn asset(&self, name: &str, n: u8) -> String {
        use tessera_core::*;
        let issuer = self.issuer_id(name).await;
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
        let created = self
            .store
            .create_asset(issuer, &asset, amount, T0)
            .await
            .unwrap();
        created.uuid.to_string()
    }

    /// Creates manager `name` for the issuer token; returns its id (still locked).
    pub async fn manager(&self, issuer_token: &str, name: &str) -> i64 {
        let body = serde_json::json!({ "username": name, "password": PASSWORD });
        let m = self
            .post("/api/managers/create", issuer_token, body)
            .await
            .expect(StatusCode::OK);
        assert_eq!(m["is_locked"], true);
        m["id"].as_i64().unwrap()
    }

    /// Logs in and returns the token (panics unless 200).
    pub async fn token(&self, name: &str) -> String {
        self.login(name, PASSWORD).await.expect(StatusCode::OK)["token"]
            .as_str()
            .unwrap()
            .to_owned()
    }
}

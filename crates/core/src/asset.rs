//! Assets issued through Tessera: their kind and the record the platform keeps.
//!
//! An asset is known by two ids: `asset_uuid` (ours, public, AMP's) and `asset_id` (on
//! chain). Its kind decides who may receive it (see `transfer_rules`); its flags decide
//! whether the co-signer handles it at all.

use crate::amount::Precision;
use crate::asset_fields::{AssetName, AuthorizationEndpoint, Domain, IssuerPubkey, Ticker};
use crate::contract::AssetContract;
use crate::ids::{AssetUuid, CategoryId, IssuerId};
use elements::{AssetId, Txid};
use serde::{Deserialize, Serialize};

/// Who may receive an asset.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AssetKind {
    /// Anyone with a managed account may receive it; ownership is tracked.
    IssuerTracked,
    /// Only registered users in every required category may receive it.
    TransferRestricted,
}

impl AssetKind {
    /// The kind from AMP's `transfer_restricted` flag.
    pub fn from_transfer_restricted(transfer_restricted: bool) -> Self {
        if transfer_restricted {
            Self::TransferRestricted
        } else {
            Self::IssuerTracked
        }
    }

    /// AMP's `transfer_restricted` flag.
    pub fn is_transfer_restricted(self) -> bool {
        self == Self::TransferRestricted
    }
}

/// Where an asset was issued: the issuance input and the outputs it created.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct IssuanceOutpoints {
    /// The issuance transaction.
    pub txid: Txid,
    /// The input carrying the issuance.
    pub vin: u32,
    /// The output paying the issued amount.
    pub asset_vout: u32,
    /// The output paying the reissuance token, if any were made.
    pub reissuance_vout: Option<u32>,
}

/// An asset as the platform records it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Asset {
    /// Our public id (AMP's `asset_uuid`).
    pub uuid: AssetUuid,
    /// The issuer that owns it.
    pub issuer: IssuerId,
    /// The on-chain asset id.
    pub asset_id: AssetId,
    /// The reissuance token's id, if the asset is reissuable.
    pub reissuance_token_id: Option<AssetId>,
    /// Registry name.
    pub name: AssetName,
    /// Registry ticker.
    pub ticker: Ticker,
    /// Registry domain.
    pub domain: Domain,
    /// Registry issuer key (AMP's `pubkey`).
    pub pubkey: IssuerPubkey,
    /// Decimals shown; amounts stay in base units.
    pub precision: Precision,
    /// Who may receive it.
    pub kind: AssetKind,
    /// Whether reissuance tokens were created.
    pub is_reissuable: bool,
    /// All transfers frozen by the issuer.
    pub is_locked: bool,
    /// Published to the asset registry.
    pub is_registered: bool,
    /// Marked as one the co-signer handles (`register-authorized`).
    pub is_authorized: bool,
    /// The issuer's authorization endpoint, which replaces the category rules if set.
    pub issuer_authorization_endpoint: Option<AuthorizationEndpoint>,
    /// Categories a receiver must all belong to (ascending, no duplicates).
    pub requirements: Vec<CategoryId>,
    /// Where it was issued.
    pub issuance: IssuanceOutpoints,
}

impl Asset {
    /// The registry contract this asset was issued with.
    pub fn contract(&self) -> AssetContract {
        AssetContract::new(
            self.name.clone(),
            self.ticker.clone(),
            self.domain.clone(),
            self.pubkey,
            self.precision,
        )
    }

    /// Whether the co-signer may handle transfers at all: registered-authorized and not
    /// locked. (Which receivers are allowed is `transfer_rules`' business.)
    pub fn accepts_transfers(&self) -> bool {
        self.is_authorized && !self.is_locked
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use std::str::FromStr;

    fn asset() -> Asset {
        Asset {
            uuid: AssetUuid::new_random(),
            issuer: IssuerId(1),
            asset_id: AssetId::from_str(
                "ad16277f7ba7a2947d20214d386dbe45790021e3b2b243af89d2d97620af238d",
            )
            .unwrap(),
            reissuance_token_id: None,
            name: AssetName::parse("Fixture Asset").unwrap(),
            ticker: Ticker::parse("FIXA").unwrap(),
            domain: Domain::parse("example.com").unwrap(),
            pubkey: IssuerPubkey::parse(
                "0337cceec0beea0232ebe14cba0197a9fbd45fcf2ec946749de920e71434c2b904",
            )
            .unwrap(),
            precision: Precision::new(0).unwrap(),
            kind: AssetKind::TransferRestricted,
            is_reissuable: false,
            is_locked: false,
            is_registered: true,
            is_authorized: true,
            issuer_authorization_endpoint: None,
            requirements: vec![CategoryId(3)],
            issuance: IssuanceOutpoints {
                txid: Txid::from_str(
                    "5375de7e8b707407a888e67bf7d1e23e02322b32831928a2b2cca90e6d07bb85",
                )
                .unwrap(),
                vin: 0,
                asset_vout: 0,
                reissuance_vout: None,
            },
        }
    }

    #[test]
    fn kind_maps_to_and_from_the_amp_flag() {
        for flag in [false, true] {
            assert_eq!(
                AssetKind::from_transfer_restricted(flag).is_transfer_restricted(),
                flag
            );
        }
        assert_eq!(
            serde_json::to_string(&AssetKind::TransferRestricted).unwrap(),
            "\"transfer_restricted\""
        );
    }

    #[test]
    fn locked_or_unauthorized_assets_accept_no_transfers() {
        let mut a = asset();
        assert!(a.accepts_transfers());
        a.is_locked = true;
        assert!(!a.accepts_transfers());
        a.is_locked = false;
        a.is_authorized = false;
        assert!(!a.accepts_transfers());
    }

    #[test]
    fn the_record_rebuilds_its_contract_and_round_trips_through_json() {
        let a = asset();
        assert_eq!(a.contract().name.as_str(), "Fixture Asset");
        assert_eq!(a.contract().version, 0);
        let back: Asset = serde_json::from_str(&serde_json::to_string(&a).unwrap()).unwrap();
        assert_eq!(back, a);
    }
}

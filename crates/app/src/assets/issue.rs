//! Issuing a new asset with the server's node wallet.
//!
//! One transaction, built and funded by the server's wallet, issues the asset and its
//! reissuance token straight to the issuer's addresses with the registry contract's hash
//! committed (see `issuance_tx.rs` for why it must be one transaction and how its fee is
//! found). The issuer's own node then knows the issuance and can reissue.

use super::issuance_tx::{issue_to, IssuanceSpec};
use super::AssetError;
use crate::App;
use tessera_core::{
    Amount, Asset, AssetContract, AssetKind, AssetName, AssetUuid, Domain, IssuanceOutpoints,
    IssuerId, IssuerPubkey, Precision, Ticker,
};
use tessera_elements_rpc::Sats;

/// A validated issuance request (parsed at the edge).
#[derive(Debug, Clone)]
pub struct IssueRequest {
    /// Asset name.
    pub name: AssetName,
    /// Ticker.
    pub ticker: Ticker,
    /// Issuer domain.
    pub domain: Domain,
    /// Issuer key of the registry contract.
    pub pubkey: IssuerPubkey,
    /// Display precision.
    pub precision: Precision,
    /// Amount issued, base units.
    pub amount: Amount,
    /// Treasury address receiving the asset.
    pub destination_address: String,
    /// Blind the issuance.
    pub is_confidential: bool,
    /// Whether a reissuance token is created.
    pub is_reissuable: bool,
    /// Reissuance tokens created, base units (at least 1 when reissuable).
    pub reissuance_amount: Amount,
    /// Address receiving the tokens (defaults to the destination).
    pub reissuance_address: Option<String>,
    /// Issuer-tracked or transfer-restricted.
    pub kind: AssetKind,
}

/// What an issuance produced.
#[derive(Debug, Clone)]
pub struct Issued {
    /// The stored asset.
    pub asset: Asset,
    /// Value blinder of the issued amount (`listissuances.assetblinds`; zeros when explicit
    /// or unknown).
    pub asset_blinder: String,
    /// Value blinder of the issued tokens (`listissuances.tokenblinds`; zeros when explicit,
    /// none or unknown).
    pub token_blinder: String,
}

impl App {
    /// Issues a new asset to the issuer's treasury and records it.
    #[tracing::instrument(skip(self, request), fields(issuer = %issuer, name = %request.name.as_str()))]
    pub async fn issue_asset(
        &self,
        issuer: IssuerId,
        request: IssueRequest,
    ) -> Result<Issued, AssetError> {
        let node = self.node().ok_or(AssetError::NoNode)?;
        let destination =
            self.checked_address("destination_address", &request.destination_address)?;
        let token_address = match &request.reissuance_address {
            Some(a) => self.checked_address("reissuance_address", a)?,
            None => destination.clone(),
        };
        if request.amount == Amount::ZERO {
            return Err(AssetError::Amount(
                "amount must be at least 1 base unit".into(),
            ));
        }
        let tokens = if request.is_reissuable {
            if request.reissuance_amount == Amount::ZERO {
                return Err(AssetError::Amount(
                    "reissuance_amount must be at least 1 for a reissuable asset".into(),
                ));
            }
            request.reissuance_amount
        } else {
            Amount::ZERO
        };
        let contract = AssetContract::new(
            request.name.clone(),
            request.ticker.clone(),
            request.domain.clone(),
            request.pubkey,
            request.precision,
        );
        let spec = IssuanceSpec {
            amount: Sats::from_sat(request.amount.units()),
            asset_address: destination,
            tokens: (tokens > Amount::ZERO)
                .then(|| (Sats::from_sat(tokens.units()), token_address)),
            blind: request.is_confidential,
            contract_hash: contract.issueasset_param(),
        };
        let issued = issue_to(node, &spec).await?;
        // The server's wallet made the issuance, so it knows the issuance blinders.
        let blinders = node
            .list_issuances(Some(&issued.asset))
            .await?
            .into_iter()
            .find(|i| i.txid == issued.txid && !i.isreissuance);
        let zeros = || "0".repeat(64);
        let asset_blinder = blinders
            .as_ref()
            .map_or_else(zeros, |i| i.assetblinds.clone());
        let token_blinder = blinders.and_then(|i| i.tokenblinds).unwrap_or_else(zeros);
        let asset = Asset {
            uuid: AssetUuid::new_random(),
            issuer,
            asset_id: issued.asset,
            reissuance_token_id: (tokens > Amount::ZERO).then_some(issued.token),
            name: request.name,
            ticker: request.ticker,
            domain: request.domain,
            pubkey: request.pubkey,
            precision: request.precision,
            kind: request.kind,
            is_reissuable: tokens > Amount::ZERO,
            is_locked: false,
            is_registered: false,
            is_authorized: false,
            issuer_authorization_endpoint: None,
            requirements: Vec::new(),
            issuance: IssuanceOutpoints {
                txid: issued.txid,
                vin: issued.vin,
                asset_vout: issued.asset_vout,
                reissuance_vout: issued.token_vout,
            },
        };
        let stored = self
            .store
            .create_asset(issuer, &asset, request.amount, self.now())
            .await?;
        tracing::info!(asset = %stored.uuid, asset_id = %stored.asset_id, txid = %issued.txid, "asset issued");
        Ok(Issued {
            asset: stored,
            asset_blinder,
            token_blinder,
        })
    }

    /// Parses an address and checks it belongs to the server's network.
    pub fn checked_address(
        &self,
        field: &'static str,
        text: &str,
    ) -> Result<elements::Address, AssetError> {
        let network = self
            .cosigner()
            .map(|c| c.network())
            .unwrap_or(tessera_custody::Network::ElementsRegtest);
        let bad = || AssetError::Address {
            field,
            address: text.to_owned(),
            network: network.as_str(),
        };
        let address: elements::Address = text.parse().map_err(|_| bad())?;
        if address.params != network.address_params() {
            return Err(bad());
        }
        Ok(address)
    }
}

//! Issuing a new asset with the server's node wallet.
//!
//! `issueasset` creates the asset and its reissuance token in the node wallet, with the
//! registry contract's hash committed in the issuance; a `sendmany` then moves both to the
//! issuer's addresses (the treasury) — in two transactions when asset and token go to the
//! same address, which one `sendmany` cannot pay twice. Elements' `issueasset` takes no destination, and the
//! raw-transaction route (`rawissueasset`) is not part of the RPC subset Tessera relies on.

use super::AssetError;
use crate::App;
use tessera_core::{
    Amount, Asset, AssetContract, AssetKind, AssetName, AssetUuid, Domain, IssuanceOutpoints,
    IssuerId, IssuerPubkey, Precision, Ticker,
};
use tessera_elements_rpc::{IssueAssetOptions, Recipient, Sats};

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
    /// The transfer of asset and token to the issuer's addresses.
    pub transfer_txid: String,
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
        self.checked_address("destination_address", &request.destination_address)?;
        let destination = request.destination_address.clone();
        let token_address = match &request.reissuance_address {
            Some(a) => {
                self.checked_address("reissuance_address", a)?;
                a.clone()
            }
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
        let options = IssueAssetOptions {
            blind: Some(request.is_confidential),
            contract_hash: Some(contract.issueasset_param()),
        };
        let issued = node
            .issue_asset(
                Sats::from_sat(request.amount.units()),
                Sats::from_sat(tokens.units()),
                &options,
            )
            .await?;
        let in_mempool = node.get_mempool_entry(&issued.txid).await.is_ok();
        let wallet_tx = node.get_transaction(&issued.txid).await;
        if !in_mempool && wallet_tx.as_ref().map_or(0, |t| t.confirmations) < 1 {
            return Err(AssetError::NotBroadcast(issued.txid.to_string()));
        }
        let details = wallet_tx?.details;
        let vout_of = |asset| {
            details
                .iter()
                .find(|d| d.asset == asset && d.amount.to_sat() > 0)
                .map(|d| d.vout)
        };
        let asset_out = Recipient::new(
            &destination,
            Sats::from_sat(request.amount.units()),
            issued.asset,
        );
        let token_out = (tokens > Amount::ZERO)
            .then(|| Recipient::new(&token_address, Sats::from_sat(tokens.units()), issued.token));
        // `sendmany` refuses the same address twice: a token going to the destination
        // address itself travels in a second transaction.
        let transfer = match token_out {
            Some(token) if token_address != destination => {
                node.send_many(&[asset_out, token]).await?
            }
            Some(token) => {
                let transfer = node.send_many(&[asset_out]).await?;
                node.send_many(&[token]).await?;
                transfer
            }
            None => node.send_many(&[asset_out]).await?,
        };
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
                asset_vout: vout_of(issued.asset).unwrap_or(0),
                reissuance_vout: if tokens > Amount::ZERO {
                    vout_of(issued.token)
                } else {
                    None
                },
            },
        };
        let stored = self
            .store
            .create_asset(issuer, &asset, request.amount, self.now())
            .await?;
        tracing::info!(asset = %stored.uuid, asset_id = %stored.asset_id, "asset issued");
        Ok(Issued {
            asset: stored,
            transfer_txid: transfer.to_string(),
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

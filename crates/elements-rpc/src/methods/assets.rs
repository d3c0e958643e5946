//! Asset calls: issue, reissue, burn, and the AMP payout `sendmany`. None of them is retried
//! once the request may have reached the node (see [`ElementsRpc`]).

use std::collections::BTreeSet;

use elements::{AssetId, Txid};
use serde_json::{Map, Value};

use crate::amount::Sats;
use crate::client::{param, ElementsRpc};
use crate::error::Error;
use crate::types::assets::{Issuance, IssueAssetOptions, IssuedAsset, Recipient, Reissued};

impl ElementsRpc {
    /// `issueasset AMOUNT TOKENS [BLIND [CONTRACT_HASH]]`.
    ///
    /// The returned txid may never reach the mempool (an explicit issuance over 21 M does
    /// not): confirm with [`Self::get_mempool_entry`].
    pub async fn issue_asset(
        &self,
        amount: Sats,
        tokens: Sats,
        options: &IssueAssetOptions,
    ) -> Result<IssuedAsset, Error> {
        self.call("issueasset", issue_params(amount, tokens, options))
            .await
    }

    /// `reissueasset ASSET AMOUNT`, from the wallet holding the reissuance token
    /// ([`Error::NoReissuanceToken`] otherwise).
    pub async fn reissue_asset(&self, asset: &AssetId, amount: Sats) -> Result<Reissued, Error> {
        self.call("reissueasset", vec![param(asset), param(amount)])
            .await
    }

    /// `listissuances [ASSET]`: issuances and reissuances the wallet made.
    pub async fn list_issuances(&self, asset: Option<&AssetId>) -> Result<Vec<Issuance>, Error> {
        self.call("listissuances", asset.map(param).into_iter().collect())
            .await
    }

    /// `destroyamount ASSET AMOUNT`: burns to an explicit OP_RETURN output.
    pub async fn destroy_amount(&self, asset: &AssetId, amount: Sats) -> Result<Txid, Error> {
        self.call("destroyamount", vec![param(asset), param(amount)])
            .await
    }

    /// The AMP payout: `sendmany "" {addr: amount} 0 "" [] false 1 "UNSET" {addr: asset}`.
    ///
    /// Not replaceable, confirmation target 1. Each address may appear once
    /// ([`Error::DuplicateRecipient`]). Keep a batch within the standard weight (about 81
    /// confidential or 1465 explicit recipients, else [`Error::TransactionTooLarge`]). The
    /// returned txid is not proof of broadcast: check [`Self::get_mempool_entry`].
    pub async fn send_many(&self, recipients: &[Recipient]) -> Result<Txid, Error> {
        self.call("sendmany", send_many_params(recipients)?).await
    }
}

/// Builds the AMP `sendmany` parameters.
pub(crate) fn send_many_params(recipients: &[Recipient]) -> Result<Vec<Value>, Error> {
    let mut seen = BTreeSet::new();
    let mut amounts = Map::new();
    let mut assets = Map::new();
    for recipient in recipients {
        if !seen.insert(recipient.address.as_str()) {
            return Err(Error::DuplicateRecipient {
                address: recipient.address.clone(),
            });
        }
        amounts.insert(recipient.address.clone(), param(recipient.amount));
        if let Some(asset) = &recipient.asset {
            assets.insert(recipient.address.clone(), param(asset));
        }
    }
    Ok(vec![
        param(""),
        Value::Object(amounts),
        param(0),
        param(""),
        Value::Array(vec![]),
        Value::Bool(false),
        param(1),
        param("UNSET"),
        Value::Object(assets),
    ])
}

/// Builds `issueasset` parameters, sending `blind` only when needed.
fn issue_params(amount: Sats, tokens: Sats, options: &IssueAssetOptions) -> Vec<Value> {
    let mut params = vec![param(amount), param(tokens)];
    match (&options.contract_hash, options.blind) {
        (Some(hash), blind) => {
            params.push(Value::Bool(blind.unwrap_or(true)));
            params.push(param(hash));
        }
        (None, Some(blind)) => params.push(Value::Bool(blind)),
        (None, None) => {}
    }
    params
}

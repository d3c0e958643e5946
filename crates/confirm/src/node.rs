//! The issuer's Elements node: the script's pre-flight checks and the questions the tool asks
//! about its own transactions.
//!
//! Confirm bodies carry the node's own JSON (`gettransaction.details`, `listissuances`,
//! `listunspent` entries) verbatim, as the script posts them, so those are fetched untyped;
//! with serde_json's `arbitrary_precision` the amounts keep the node's exact text.

use std::collections::BTreeSet;

use elements::{AssetId, Txid};
use serde_json::Value;
use tessera_elements_rpc::{ElementsRpc, Error as RpcError, UnspentFilter};

use crate::error::ConfirmError;

/// The node name the script requires in `subversion`.
pub const NODE_NAME: &str = "Elements Core";
/// The oldest node the script accepts.
pub const MIN_SUPPORTED_ELEMENTS_VERSION: u64 = 170_001;
/// The sync level the script requires.
pub const MIN_VERIFICATION_PROGRESS: f64 = 0.999;

/// What the node says about one of the tool's transactions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TxState {
    /// In a block with this many confirmations.
    Mined(i64),
    /// In the mempool.
    InMempool,
    /// Known to the wallet but in neither the mempool nor a block.
    Missing(String),
}

/// The node and wallet the tool works with.
#[derive(Debug, Clone)]
pub struct Node {
    rpc: ElementsRpc,
}

impl Node {
    /// Wraps a client (whose URL may name a wallet).
    pub fn new(rpc: ElementsRpc) -> Self {
        Node { rpc }
    }

    /// The typed client.
    pub fn rpc(&self) -> &ElementsRpc {
        &self.rpc
    }

    /// The script's checks: an Elements node, recent enough, synced, wallet unlocked.
    pub async fn preflight(&self) -> Result<(), ConfirmError> {
        let info = self.rpc.get_network_info().await?;
        if !info.subversion.contains(NODE_NAME) {
            return Err(ConfirmError::NotElements {
                subversion: info.subversion,
            });
        }
        if info.version < MIN_SUPPORTED_ELEMENTS_VERSION {
            return Err(ConfirmError::NodeTooOld {
                version: info.version,
                minimum: MIN_SUPPORTED_ELEMENTS_VERSION,
            });
        }
        let chain = self.rpc.get_blockchain_info().await?;
        if chain.verificationprogress < MIN_VERIFICATION_PROGRESS {
            return Err(ConfirmError::NotSynced {
                progress: chain.verificationprogress,
            });
        }
        match self.rpc.sign_message("invalidaddress", "message").await {
            Err(RpcError::WalletLocked { .. }) => {
                let name = self.rpc.wallet_name();
                Err(ConfirmError::WalletLocked {
                    wallet: name.map_or("(default)".to_owned(), |n| format!("{n:?}")),
                    wallet_arg: name.map_or(String::new(), |n| format!(" -rpcwallet={n}")),
                })
            }
            Ok(_) | Err(RpcError::InvalidAddress { .. } | RpcError::Node { .. }) => Ok(()),
            Err(other) => Err(other.into()),
        }
    }

    /// Txids with an output in `listunspent 0` (mempool included).
    pub async fn unspent_txids(&self) -> Result<BTreeSet<Txid>, ConfirmError> {
        let filter = UnspentFilter {
            min_conf: Some(0),
            ..UnspentFilter::default()
        };
        let unspent = self.rpc.list_unspent(&filter).await?;
        Ok(unspent.into_iter().map(|u| u.txid).collect())
    }

    /// `listunspent` (the script's call, default confirmations) as raw node JSON.
    pub async fn list_unspent_raw(&self) -> Result<Vec<Value>, ConfirmError> {
        Ok(self.rpc.call("listunspent", vec![]).await?)
    }

    /// Outpoints `txid:vout` in the script's `listunspent`.
    pub async fn unspent_outpoints(&self) -> Result<BTreeSet<(Txid, u32)>, ConfirmError> {
        let unspent = self.rpc.list_unspent(&UnspentFilter::default()).await?;
        Ok(unspent.into_iter().map(|u| (u.txid, u.vout)).collect())
    }

    /// `gettransaction(txid)["details"]`, raw.
    pub async fn details_raw(&self, txid: &Txid) -> Result<Value, ConfirmError> {
        let tx: Value = self
            .rpc
            .call("gettransaction", vec![Value::String(txid.to_string())])
            .await?;
        Ok(tx.get("details").cloned().unwrap_or(Value::Array(vec![])))
    }

    /// `listissuances` entries of `txid`, raw.
    pub async fn issuances_of_raw(&self, txid: &Txid) -> Result<Vec<Value>, ConfirmError> {
        let all: Vec<Value> = self.rpc.call("listissuances", vec![]).await?;
        let wanted = txid.to_string();
        Ok(all
            .into_iter()
            .filter(|e| e.get("txid").and_then(Value::as_str) == Some(wanted.as_str()))
            .collect())
    }

    /// `listunspent` entries of `txid` holding `asset`, raw (the script's `change_data`).
    pub async fn change_data(
        &self,
        txid: &Txid,
        asset: &AssetId,
    ) -> Result<Vec<Value>, ConfirmError> {
        let (txid, asset) = (txid.to_string(), asset.to_string());
        Ok(self
            .list_unspent_raw()
            .await?
            .into_iter()
            .filter(|u| {
                u.get("txid").and_then(Value::as_str) == Some(txid.as_str())
                    && u.get("asset").and_then(Value::as_str) == Some(asset.as_str())
            })
            .collect())
    }

    /// Where `txid` is: mined, in the mempool, or nowhere (design §6: a wallet send can return
    /// a txid that never entered the mempool, which does not count as sent).
    pub async fn tx_state(&self, txid: &Txid) -> Result<TxState, ConfirmError> {
        let tx = match self.rpc.get_transaction(txid).await {
            Ok(tx) => tx,
            Err(RpcError::NotWalletTransaction { .. }) => {
                return Ok(TxState::Missing("unknown to the wallet".to_owned()))
            }
            Err(e) => return Err(e.into()),
        };
        if tx.confirmations > 0 {
            return Ok(TxState::Mined(tx.confirmations));
        }
        if tx.confirmations < 0 {
            return Ok(TxState::Missing(format!(
                "conflicted, {} confirmations",
                tx.confirmations
            )));
        }
        if tx.details.iter().any(|d| d.abandoned == Some(true)) {
            return Ok(TxState::Missing("abandoned".to_owned()));
        }
        match self.rpc.get_mempool_entry(txid).await {
            Ok(_) => Ok(TxState::InMempool),
            Err(RpcError::NotInMempool { .. }) => {
                // A block may have taken it between the two calls: ask once more.
                let again = self.rpc.get_transaction(txid).await?.confirmations;
                if again > 0 {
                    return Ok(TxState::Mined(again));
                }
                Ok(TxState::Missing(
                    "0 confirmations and not in the mempool".to_owned(),
                ))
            }
            Err(e) => Err(e.into()),
        }
    }

    /// Confirmations of `txid` (negative when conflicted).
    pub async fn confirmations(&self, txid: &Txid) -> Result<i64, ConfirmError> {
        Ok(self.rpc.get_transaction(txid).await?.confirmations)
    }

    /// The unconfidential form of `address` (`validateaddress`), as wallet details show it.
    pub async fn unconfidential(&self, address: &str) -> Result<String, ConfirmError> {
        let v = self.rpc.node().validate_address(address).await?;
        if !v.isvalid {
            return Err(tessera_elements_rpc::Error::InvalidAddress {
                address: address.to_owned(),
                message: v.error.unwrap_or_else(|| "invalid".to_owned()),
            }
            .into());
        }
        Ok(v.unconfidential
            .filter(|u| !u.is_empty())
            .unwrap_or_else(|| address.to_owned()))
    }
}

//! Reading a reported transaction from the server's own node.
//!
//! The confirm tool says which transaction it made; this is where the server looks it up
//! itself (never trusting the tool's copy), with its height and confirmations.

use super::{SupplyOpError, REQUIRED_CONFIRMATIONS};
use crate::App;
use elements::{Transaction, Txid};
use tessera_elements_rpc::{ElementsRpc, Error as RpcError};

/// A transaction as the server's node sees it, buried deep enough.
#[derive(Debug, Clone)]
pub(crate) struct ConfirmedTx {
    /// The decoded transaction.
    pub tx: Transaction,
    /// Height of its block.
    pub height: u32,
}

impl App {
    /// The server's node, or [`SupplyOpError::NoNode`].
    pub(crate) fn supply_node(&self) -> Result<&ElementsRpc, SupplyOpError> {
        self.node().ok_or(SupplyOpError::NoNode)
    }

    /// Fetches `txid` from the node and requires [`REQUIRED_CONFIRMATIONS`].
    pub(crate) async fn confirmed_tx(&self, txid: Txid) -> Result<ConfirmedTx, SupplyOpError> {
        let node = self.supply_node()?;
        let raw = match node.get_raw_transaction(&txid).await {
            Ok(raw) => raw,
            Err(RpcError::TransactionNotFound { .. }) => {
                return Err(SupplyOpError::TransactionNotFound(txid))
            }
            Err(e) if e.rpc_code() == Some(-5) => {
                return Err(SupplyOpError::TransactionNotFound(txid))
            }
            Err(e) => return Err(e.into()),
        };
        let confirmations = raw.confirmations.unwrap_or(0);
        let not_confirmed = SupplyOpError::NotConfirmed {
            txid,
            confirmations,
            required: REQUIRED_CONFIRMATIONS,
        };
        let Some(blockhash) = raw
            .blockhash
            .filter(|_| confirmations >= REQUIRED_CONFIRMATIONS)
        else {
            return Err(not_confirmed);
        };
        let header = node.get_block_header(&blockhash).await?;
        if header.confirmations < 0 {
            return Err(not_confirmed);
        }
        let hex_text = match raw.hex {
            Some(h) => h,
            None => node.get_raw_transaction_hex(&txid).await?,
        };
        let tx: Transaction = hex::decode(&hex_text)
            .ok()
            .and_then(|bytes| elements::encode::deserialize(&bytes).ok())
            .ok_or_else(|| SupplyOpError::mismatch(txid, "the node's copy does not decode"))?;
        if tx.txid() != txid {
            return Err(SupplyOpError::mismatch(
                txid,
                "the node returned another transaction",
            ));
        }
        let height = u32::try_from(header.height)
            .map_err(|_| SupplyOpError::mismatch(txid, "block height out of range"))?;
        Ok(ConfirmedTx { tx, height })
    }

    /// Whether `(txid, vout)` is unspent on the node's chain (mempool spends count).
    pub(crate) async fn is_unspent(&self, txid: &Txid, vout: u32) -> Result<bool, SupplyOpError> {
        Ok(self.supply_node()?.get_tx_out(txid, vout).await?.is_some())
    }
}

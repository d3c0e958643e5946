//! What a wallet needs to build a spend: its spendable outputs and the assets it holds.
//!
//! The wallet keeps no chain data of its own (the platform follows the chain for it), so
//! the platform hands it, for each unspent output, the output as on chain, its blinders
//! and the address index it pays — everything a PSET input needs — and for each asset
//! the ticker and precision that amounts on the command line are written in.

use super::TransferError;
use crate::App;
use elements::encode::deserialize;
use elements::{Transaction, Txid};
use std::collections::HashMap;
use std::str::FromStr;
use tessera_core::{AddressChain, ManagedAccount};

/// An output of the account with what spending it needs.
#[derive(Debug, Clone)]
pub struct Spendable {
    /// The watcher's record (asset, amount, blinders).
    pub output: tessera_store::TrackedOutput,
    /// Chain of the address it pays.
    pub chain: AddressChain,
    /// Index of that address.
    pub index: u32,
    /// The output as on chain, consensus-serialized hex.
    pub txout_hex: String,
}

/// An asset the account holds.
#[derive(Debug, Clone)]
pub struct HeldAsset {
    /// Asset id hex.
    pub asset_id: String,
    /// The managed asset, if it is one.
    pub asset: Option<tessera_core::Asset>,
    /// Balance, base units.
    pub balance: u64,
    /// L-BTC.
    pub is_policy_asset: bool,
}

impl App {
    /// The account's unspent outputs with their on-chain form and address index.
    pub async fn spendable_outputs(
        &self,
        account: &ManagedAccount,
    ) -> Result<Vec<Spendable>, TransferError> {
        let node = self.node().ok_or(TransferError::NoNode)?.node();
        let mut txs: HashMap<String, Transaction> = HashMap::new();
        let mut out = Vec::new();
        for output in self.store.unspent_outputs(account.id).await? {
            let Some(address) = self.store.address_by_script(&output.script_pubkey).await? else {
                continue;
            };
            if !txs.contains_key(&output.txid) {
                let txid = Txid::from_str(&output.txid)
                    .map_err(|e| TransferError::Internal(e.to_string()))?;
                let hex_tx = node.get_raw_transaction_hex(&txid).await?;
                let bytes = hex::decode(hex_tx.trim())
                    .map_err(|e| TransferError::Internal(e.to_string()))?;
                let tx: Transaction =
                    deserialize(&bytes).map_err(|e| TransferError::Internal(e.to_string()))?;
                txs.insert(output.txid.clone(), tx);
            }
            let Some(txout) = txs
                .get(&output.txid)
                .and_then(|tx| tx.output.get(output.vout as usize))
                .cloned()
            else {
                continue;
            };
            out.push(Spendable {
                chain: address.chain,
                index: address.index,
                txout_hex: elements::encode::serialize_hex(&txout),
                output,
            });
        }
        Ok(out)
    }

    /// The assets the account holds, with their records when managed here.
    pub async fn wallet_assets(
        &self,
        account: &ManagedAccount,
    ) -> Result<Vec<HeldAsset>, TransferError> {
        let policy = super::cosign::policy_asset(self).await?.to_string();
        let mut held = Vec::new();
        for (asset_id, balance) in self.store.balances_of_gaid(&account.gaid).await? {
            let asset = match elements::AssetId::from_str(&asset_id) {
                Ok(id) => self.store.asset_by_asset_id(&id).await?,
                Err(_) => None,
            };
            held.push(HeldAsset {
                is_policy_asset: asset_id == policy,
                asset_id,
                asset,
                balance: u64::try_from(balance).unwrap_or(0),
            });
        }
        Ok(held)
    }
}

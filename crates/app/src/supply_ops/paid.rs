//! Whether a distribution was already paid on chain, before it may be cancelled.
//!
//! Cancelling releases the assignments, and the next distribution pays them again: if the
//! issuer's node had already paid the cancelled one, the investors are paid twice. A payment
//! is an output to one of the distribution's (fresh, single-use) addresses carrying exactly
//! its asset and amount, read with the receiving account's blinding key — the same test the
//! confirmation applies, so stray dust sent to an address does not block a cancel.
//!
//! Three places can show it: the outputs the chain watcher has stored (checked by the store
//! inside the cancel's own transaction, see `DistributionStore::cancel_distribution`), and,
//! here, what the watcher has not seen yet: the node's mempool and the blocks above the
//! watcher's tip. When the watcher is more than [`MAX_UNFOLLOWED_BLOCKS`] behind, the cancel
//! is refused until it catches up rather than scanning the chain.

use super::verify::read_own_output;
use super::SupplyOpError;
use crate::App;
use elements::secp256k1_zkp::SecretKey;
use elements::{AssetId, Transaction, Txid};
use tessera_elements_rpc::{ElementsRpc, Error as RpcError};
use tessera_store::Distribution;

/// Blocks above the watcher's tip that a cancel still scans itself.
pub const MAX_UNFOLLOWED_BLOCKS: u64 = 100;

/// One output to look for: script, blinding key, and the exact asset and amount.
struct Expected {
    script: elements::Script,
    secret: SecretKey,
    asset: AssetId,
    amount: u64,
}

impl App {
    /// A transaction in the node's mempool, or in a block the watcher has not applied yet,
    /// that pays one of `d`'s outputs; `None` without a node (nothing else to ask).
    pub(crate) async fn unfollowed_payment(
        &self,
        asset: AssetId,
        d: &Distribution,
    ) -> Result<Option<Txid>, SupplyOpError> {
        let Some(node) = self.node() else {
            return Ok(None);
        };
        let mut expected = Vec::with_capacity(d.outputs.len());
        for output in &d.outputs {
            let account = self
                .store
                .account(output.account)
                .await?
                .ok_or_else(|| SupplyOpError::UnknownAccount(output.gaid.to_string()))?;
            let script = elements::Script::from(output.script_pubkey.clone());
            let secret = self.descriptor_of(&account)?.blinding_secret(&script);
            expected.push(Expected {
                script,
                secret,
                asset,
                amount: output.amount.units(),
            });
        }
        if let Some(txid) = mempool_payment(node, &expected).await? {
            return Ok(Some(txid));
        }
        let next = self
            .store
            .chain_tip()
            .await?
            .map_or(0, |t| u64::from(t.height) + 1);
        let height = node.get_block_count().await?;
        if height.saturating_add(1).saturating_sub(next) > MAX_UNFOLLOWED_BLOCKS {
            return Err(SupplyOpError::ChainBehind {
                behind: height.saturating_add(1).saturating_sub(next),
            });
        }
        for h in next..=height {
            let hash = node.get_block_hash(h).await?;
            let block = node.get_block_raw(&hash).await?;
            if let Some(tx) = block.txdata.iter().find(|tx| pays(tx, &expected)) {
                return Ok(Some(tx.txid()));
            }
        }
        Ok(None)
    }
}

/// A mempool transaction paying one of `expected` (transactions that left the mempool
/// between the two calls are skipped: they are in a block, scanned next).
async fn mempool_payment(
    node: &ElementsRpc,
    expected: &[Expected],
) -> Result<Option<Txid>, SupplyOpError> {
    for txid in node.get_raw_mempool().await? {
        let hex_text = match node.get_raw_transaction_hex(&txid).await {
            Ok(h) => h,
            Err(RpcError::TransactionNotFound { .. }) => continue,
            Err(e) if e.rpc_code() == Some(-5) => continue,
            Err(e) => return Err(e.into()),
        };
        let tx: Option<Transaction> = hex::decode(&hex_text)
            .ok()
            .and_then(|bytes| elements::encode::deserialize(&bytes).ok());
        if tx.is_some_and(|tx| pays(&tx, expected)) {
            return Ok(Some(txid));
        }
    }
    Ok(None)
}

/// Whether an output of `tx` pays one of `expected` exactly.
fn pays(tx: &Transaction, expected: &[Expected]) -> bool {
    tx.output.iter().any(|out| {
        expected.iter().any(|e| {
            out.script_pubkey == e.script
                && read_own_output(out, &e.secret) == Some((e.asset, e.amount))
        })
    })
}

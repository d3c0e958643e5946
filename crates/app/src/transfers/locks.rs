//! Locked outputs (AMP's UTXO blacklist): single outputs the co-signer will not spend.
//!
//! Locking an output is how an issuer freezes one holding (a court order, a lost key under
//! investigation) without freezing the whole asset. The co-signer checks every input
//! against these locks ([`super::cases`]); this module only changes them and answers the
//! UTXO objects concerned.

use super::TransferError;
use crate::App;
use elements::Txid;
use tessera_core::{AssetUuid, IssuerId};
use tessera_store::TrackedOutput;

impl App {
    /// Locks (`lock = true`) or unlocks outputs of an issuer's asset; answers the asset's
    /// UTXOs among them with their lock state (outputs not held any more are locked all
    /// the same, but not listed).
    pub async fn set_outputs_locked(
        &self,
        issuer: IssuerId,
        uuid: AssetUuid,
        outputs: &[(Txid, u32)],
        lock: bool,
    ) -> Result<Vec<(TrackedOutput, bool)>, TransferError> {
        let changed = if lock {
            self.store.lock_outputs(issuer, uuid, outputs).await?
        } else {
            self.store.unlock_outputs(issuer, uuid, outputs).await?
        };
        let locked = changed.ok_or(TransferError::AssetNotFound(uuid))?;
        let asset = self
            .store
            .asset(issuer, uuid)
            .await?
            .ok_or(TransferError::AssetNotFound(uuid))?;
        let wanted: Vec<(String, u32)> = outputs.iter().map(|(t, v)| (t.to_string(), *v)).collect();
        let held = self
            .store
            .asset_unspent_outputs(&asset.asset_id.to_string())
            .await?;
        Ok(held
            .into_iter()
            .filter(|o| wanted.contains(&(o.txid.clone(), o.vout)))
            .map(|o| {
                let is_locked = locked
                    .iter()
                    .any(|(t, v)| t.to_string() == o.txid && *v == o.vout);
                (o, is_locked)
            })
            .collect())
    }
}

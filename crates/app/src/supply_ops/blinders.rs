//! `update-blinders`: issuers supply the blinders of their issuance outputs so that the
//! transaction list can show them (AMP 0.1.12).
//!
//! A blinder is stored only if it opens the output's asset commitment on chain for the
//! asset or its token (and, for the asset's issuance output, the value commitment for the
//! issued amount too); storing the same values again changes nothing.

use super::verify::{asset_blinder, value_blinder};
use super::SupplyOpError;
use crate::App;
use elements::confidential::{Asset as AssetCommitment, Value};
use elements::secp256k1_zkp::Secp256k1;
use elements::Txid;
use tessera_core::{AssetUuid, IssuerId};
use tessera_store::OutputBlinders;

impl App {
    /// Checks and stores the blinders of output `vout` of the asset's issuance `txid`.
    #[tracing::instrument(skip(self, asset_hex, amount_hex))]
    pub async fn update_blinders(
        &self,
        issuer: IssuerId,
        uuid: AssetUuid,
        txid: Txid,
        vout: u32,
        asset_hex: &str,
        amount_hex: &str,
    ) -> Result<(), SupplyOpError> {
        let asset = self.supply_asset(issuer, uuid).await?;
        if txid != asset.issuance.txid {
            return Err(SupplyOpError::mismatch(
                txid,
                format!("it is not the issuance of asset {uuid}"),
            ));
        }
        let invalid = |field, value: &str| SupplyOpError::InvalidReport {
            field,
            value: value.to_owned(),
        };
        let abf =
            asset_blinder(Some(asset_hex)).ok_or_else(|| invalid("asset_blinder", asset_hex))?;
        let vbf =
            value_blinder(Some(amount_hex)).ok_or_else(|| invalid("amount_blinder", amount_hex))?;
        let tx = self.confirmed_tx(txid).await?.tx;
        let out = tx
            .output
            .get(vout as usize)
            .ok_or_else(|| SupplyOpError::mismatch(txid, format!("it has no output {vout}")))?;
        let secp = Secp256k1::new();
        let candidates = [Some(asset.asset_id), asset.reissuance_token_id];
        let opened = candidates.into_iter().flatten().find(|id| match out.asset {
            AssetCommitment::Explicit(explicit) => explicit == *id,
            _ => AssetCommitment::new_confidential(&secp, *id, abf) == out.asset,
        });
        let Some(opened) = opened else {
            return Err(SupplyOpError::mismatch(
                txid,
                format!("asset_blinder does not open output {vout}"),
            ));
        };
        let is_issued_output = opened == asset.asset_id && vout == asset.issuance.asset_vout;
        if let (true, Some(generator)) = (is_issued_output, out.asset.commitment()) {
            let issued = self.issued_amount(issuer, uuid).await?;
            if issued.is_some_and(|units| {
                Value::new_confidential(&secp, units, generator, vbf) != out.value
            }) {
                return Err(SupplyOpError::mismatch(
                    txid,
                    format!("amount_blinder does not open output {vout}"),
                ));
            }
        }
        let blinders = OutputBlinders {
            txid,
            vout,
            asset_blinder: abf.to_string(),
            amount_blinder: vbf.to_string(),
        };
        self.store
            .set_output_blinders(issuer, uuid, &blinders, self.now())
            .await?
            .ok_or(SupplyOpError::AssetNotFound(uuid))
    }

    async fn issued_amount(
        &self,
        issuer: IssuerId,
        uuid: AssetUuid,
    ) -> Result<Option<u64>, SupplyOpError> {
        let totals = self.store.supply_totals(issuer, uuid).await?;
        Ok(totals.map(|t| t.issued.units()))
    }
}

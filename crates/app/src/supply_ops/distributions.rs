//! Distributions: plan the ready assignments, pay each receiver at a fresh managed
//! address, and believe the payment only once the chain shows it.
//!
//! Creation derives one new address per receiver (never reused, so the file's
//! address → amount map has distinct keys and the payment is recognisable by script), and
//! the store reserves the assignments atomically. Confirmation unblinds every output paying
//! a distribution address with the receiving account's blinding key: the asset and amount
//! must be exactly the planned ones, or nothing is recorded.

use super::verify::read_own_output;
use super::{DistributionReport, SupplyOpError};
use crate::App;
use std::collections::BTreeMap;
use tessera_core::{
    plan_distribution, AddressChain, Asset, AssetUuid, DistributionState, DistributionUuid, Gaid,
    IssuerId, ManagedAccount, RegisteredUserId, MAX_CONFIDENTIAL_RECEIVERS,
};
use tessera_store::{Distribution, DistributionOutput, NewDistribution, OutputOrigin};

impl App {
    /// One asset of the issuer, or [`SupplyOpError::AssetNotFound`].
    pub(crate) async fn supply_asset(
        &self,
        issuer: IssuerId,
        uuid: AssetUuid,
    ) -> Result<Asset, SupplyOpError> {
        self.store
            .asset(issuer, uuid)
            .await?
            .ok_or(SupplyOpError::AssetNotFound(uuid))
    }

    /// Creates a distribution of every distributable assignment (at most
    /// `MAX_CONFIDENTIAL_RECEIVERS` receivers; the rest waits for the next one).
    #[tracing::instrument(skip(self))]
    pub async fn create_distribution(
        &self,
        issuer: IssuerId,
        uuid: AssetUuid,
    ) -> Result<(Asset, Distribution), SupplyOpError> {
        let asset = self.supply_asset(issuer, uuid).await?;
        let existing = self.distributions(issuer, uuid).await?;
        if let Some(open) = existing.iter().find(|d| d.state.is_open()) {
            return Err(SupplyOpError::Conflict(
                tessera_store::Conflict::DistributionOpen(open.uuid),
            ));
        }
        let assignments = self
            .store
            .assignments(issuer, uuid, Some(false))
            .await?
            .ok_or(SupplyOpError::AssetNotFound(uuid))?;
        let accounts = self.receiving_accounts(issuer).await?;
        let gaid_of = |user: RegisteredUserId| accounts.get(&user).map(|(g, _)| g.clone());
        let plan = plan_distribution(
            uuid,
            &assignments,
            gaid_of,
            self.now(),
            MAX_CONFIDENTIAL_RECEIVERS,
        )
        .map_err(SupplyOpError::NothingToDistribute)?;
        let mut outputs = Vec::with_capacity(plan.receivers.len());
        for receiver in plan.receivers {
            let Some((gaid, account)) = accounts.get(&receiver.registered_user) else {
                return Err(SupplyOpError::UnknownAccount(receiver.gaid.to_string()));
            };
            let address = self.next_address(account, AddressChain::External).await?;
            outputs.push(DistributionOutput {
                address: address.address,
                script_pubkey: address.script_pubkey,
                registered_user: receiver.registered_user,
                gaid: gaid.clone(),
                account: account.id,
                amount: receiver.amount,
                assignment_ids: receiver.assignments,
                vout: None,
            });
        }
        let new = NewDistribution {
            uuid: DistributionUuid::new_random(),
            outputs,
        };
        let created = self
            .store
            .create_distribution(issuer, uuid, &new, self.now())
            .await?
            .ok_or(SupplyOpError::AssetNotFound(uuid))?;
        tracing::info!(distribution = %created.uuid, receivers = created.outputs.len(), "distribution created");
        Ok((asset, created))
    }

    /// Registered users whose default GAID is a managed account of this server.
    async fn receiving_accounts(
        &self,
        issuer: IssuerId,
    ) -> Result<BTreeMap<RegisteredUserId, (Gaid, ManagedAccount)>, SupplyOpError> {
        let mut accounts = BTreeMap::new();
        for user in self.store.registered_users(issuer).await? {
            let Some(gaid) = user.default_gaid else {
                continue;
            };
            if let Some(account) = self.store.account_by_gaid(&gaid).await? {
                accounts.insert(user.id, (gaid, account));
            }
        }
        Ok(accounts)
    }

    /// The asset's distributions in every state, oldest first.
    pub async fn distributions(
        &self,
        issuer: IssuerId,
        uuid: AssetUuid,
    ) -> Result<Vec<Distribution>, SupplyOpError> {
        self.store
            .distributions(issuer, uuid)
            .await?
            .ok_or(SupplyOpError::AssetNotFound(uuid))
    }

    /// One distribution of the asset.
    pub async fn distribution(
        &self,
        issuer: IssuerId,
        uuid: AssetUuid,
        distribution: DistributionUuid,
    ) -> Result<Distribution, SupplyOpError> {
        self.supply_asset(issuer, uuid).await?;
        self.store
            .distribution(issuer, uuid, distribution)
            .await?
            .ok_or(SupplyOpError::DistributionNotFound(distribution))
    }

    /// Cancels an unconfirmed distribution; its assignments become pending again. Refused
    /// with `Conflict::DistributionPaid` (naming the transaction, which the issuer confirms
    /// instead) when any of its addresses was already paid: releasing the assignments would
    /// pay them twice.
    #[tracing::instrument(skip(self))]
    pub async fn cancel_distribution(
        &self,
        issuer: IssuerId,
        uuid: AssetUuid,
        distribution: DistributionUuid,
    ) -> Result<Distribution, SupplyOpError> {
        let asset = self.supply_asset(issuer, uuid).await?;
        let current = self.distribution(issuer, uuid, distribution).await?;
        if matches!(current.state, DistributionState::Unconfirmed { .. }) {
            if let Some(txid) = self.unfollowed_payment(asset.asset_id, &current).await? {
                tracing::warn!(%distribution, %txid, "cancel refused: the distribution is paid");
                return Err(SupplyOpError::Conflict(
                    tessera_store::Conflict::DistributionPaid { distribution, txid },
                ));
            }
        }
        self.store
            .cancel_distribution(issuer, uuid, distribution)
            .await?
            .ok_or(SupplyOpError::DistributionNotFound(distribution))
    }

    /// Confirms a distribution once its transaction, fetched from the server's node, pays
    /// every output exactly; records the reported treasury change after checking it.
    #[tracing::instrument(skip(self, report), fields(txid = %report.txid))]
    pub async fn confirm_distribution(
        &self,
        issuer: IssuerId,
        uuid: AssetUuid,
        distribution: DistributionUuid,
        report: &DistributionReport,
    ) -> Result<Distribution, SupplyOpError> {
        let asset = self.supply_asset(issuer, uuid).await?;
        let current = self.distribution(issuer, uuid, distribution).await?;
        match &current.state {
            DistributionState::Confirmed { txids, .. } if txids.contains(&report.txid) => {
                return Ok(current);
            }
            DistributionState::Confirmed { .. } | DistributionState::Cancelled => {
                let refused = current.state.confirm(vec![report.txid], 0);
                if let Err(e) = refused {
                    return Err(SupplyOpError::State(distribution, e));
                }
            }
            DistributionState::Unconfirmed { .. } => {}
        }
        let confirmed = self.confirmed_tx(report.txid).await?;
        let mut vouts = Vec::with_capacity(current.outputs.len());
        for output in &current.outputs {
            let vout = self.paid_vout(&asset, output, &confirmed.tx).await?;
            vouts.push((output.address.clone(), vout));
        }
        self.record_claims(
            issuer,
            &asset,
            &confirmed.tx,
            &report.change,
            OutputOrigin::Distribution,
        )
        .await?;
        let done = self
            .store
            .confirm_distribution(
                issuer,
                uuid,
                distribution,
                &report.txid,
                confirmed.height,
                &vouts,
                self.now(),
            )
            .await?
            .ok_or(SupplyOpError::DistributionNotFound(distribution))?;
        tracing::info!(distribution = %distribution, height = confirmed.height, "distribution confirmed");
        Ok(done)
    }

    /// The output of `tx` paying `output`'s script exactly its asset and amount.
    async fn paid_vout(
        &self,
        asset: &Asset,
        output: &DistributionOutput,
        tx: &elements::Transaction,
    ) -> Result<u32, SupplyOpError> {
        let account = self
            .store
            .account(output.account)
            .await?
            .ok_or_else(|| SupplyOpError::UnknownAccount(output.gaid.to_string()))?;
        let script = elements::Script::from(output.script_pubkey.clone());
        let secret = self.descriptor_of(&account)?.blinding_secret(&script);
        let expected = (asset.asset_id, output.amount.units());
        let found = tx.output.iter().enumerate().find(|(_, out)| {
            out.script_pubkey == script && read_own_output(out, &secret) == Some(expected)
        });
        match found {
            Some((vout, _)) => u32::try_from(vout)
                .map_err(|_| SupplyOpError::mismatch(tx.txid(), "output index out of range")),
            None => Err(SupplyOpError::mismatch(
                tx.txid(),
                format!(
                    "no output pays {} of asset {} to {}",
                    output.amount, asset.asset_id, output.address
                ),
            )),
        }
    }
}

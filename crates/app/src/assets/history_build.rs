//! Gathering an asset's history from the store: the lifecycle records and the chain
//! watcher's tracked outputs, merged per transaction. No node call but the issuance's
//! block (and the blocks the watcher has not stored yet).

use super::history::{AssetTx, TxInputLine, TxKind, TxOutputLine, UNKNOWN_BLINDER};
use super::AssetError;
use crate::App;
use elements::Txid;
use std::collections::{BTreeMap, HashMap};
use tessera_core::{Amount, Asset, AssetUuid, DistributionState, Gaid, IssuerId};
use tessera_store::{OwnerRef, TrackedOutput, TreasuryOutputKind};

/// Index of a burn's destroyed output until the node names it.
pub(crate) const BURN_VOUT_UNKNOWN: u32 = u32::MAX;

/// A transaction being assembled.
struct Draft {
    kind: TxKind,
    height: Option<u32>,
    order: usize,
    inputs: Vec<TxInputLine>,
    outputs: BTreeMap<u32, TxOutputLine>,
}

/// The asset's history as stored, in chain order.
pub(crate) struct History {
    /// The asset.
    pub asset: Asset,
    txs: Vec<AssetTx>,
    /// Every output the history knows, for inputs the node reveals.
    pub known: HashMap<(Txid, u32), TxOutputLine>,
}

fn line(asset_id: String, vout: u32, amount: Amount) -> TxOutputLine {
    TxOutputLine {
        vout,
        asset_id,
        amount,
        asset_blinder: UNKNOWN_BLINDER.to_owned(),
        amount_blinder: UNKNOWN_BLINDER.to_owned(),
        gaid: None,
        registered_user: None,
        is_treasury: false,
        is_spent: false,
        is_burnt: false,
    }
}

#[derive(Default)]
struct Drafts {
    by_txid: HashMap<Txid, Draft>,
    met: usize,
}

impl Drafts {
    fn entry(&mut self, txid: Txid, kind: TxKind, height: Option<u32>) -> &mut Draft {
        self.met += 1;
        let order = self.met;
        self.by_txid.entry(txid).or_insert(Draft {
            kind,
            height,
            order,
            inputs: Vec::new(),
            outputs: BTreeMap::new(),
        })
    }
}

impl History {
    /// Loads everything stored about the asset's transactions.
    pub async fn load(app: &App, issuer: IssuerId, uuid: AssetUuid) -> Result<Self, AssetError> {
        let asset = app.asset(issuer, uuid).await?;
        let store = &app.store;
        let missing = || AssetError::NotFound(uuid);
        let asset_hex = asset.asset_id.to_string();
        let token_hex = asset.reissuance_token_id.map(|t| t.to_string());
        let users: HashMap<Gaid, tessera_core::RegisteredUserId> = store
            .registered_users(issuer)
            .await?
            .into_iter()
            .flat_map(|u| u.gaids.into_iter().map(move |g| (g, u.id)))
            .collect();
        let mut drafts = Drafts::default();
        let draft = Drafts::entry;
        let issuance_height = app.issuance_height(&asset).await?;
        let issued = store.supply_totals(issuer, uuid).await?.unwrap_or_default();
        let entry = draft(
            &mut drafts,
            asset.issuance.txid,
            TxKind::Issuance,
            issuance_height,
        );
        let paid = asset.issuance.asset_vout;
        entry
            .outputs
            .insert(paid, line(asset_hex.clone(), paid, issued.issued));
        if let (Some(vout), Some(token)) = (asset.issuance.reissuance_vout, &token_hex) {
            // Its amount is read from the issuance input by the node, for the page.
            entry
                .outputs
                .insert(vout, line(token.clone(), vout, Amount::ZERO));
        }
        for r in store.reissuances(issuer, uuid).await?.ok_or_else(missing)? {
            if let Some(c) = r.confirmed {
                draft(&mut drafts, c.txid, TxKind::Reissuance, Some(c.height));
            }
        }
        for d in store
            .distributions(issuer, uuid)
            .await?
            .ok_or_else(missing)?
        {
            let DistributionState::Confirmed { txids, height } = &d.state else {
                continue;
            };
            for txid in txids {
                let entry = draft(&mut drafts, *txid, TxKind::Distribution, Some(*height));
                for o in &d.outputs {
                    let Some(vout) = o.vout else { continue };
                    let mut paid = line(asset_hex.clone(), vout, o.amount);
                    paid.gaid = Some(o.gaid.to_string());
                    paid.registered_user = Some(o.registered_user);
                    entry.outputs.insert(vout, paid);
                }
            }
        }
        for b in store.burns(issuer, uuid).await?.ok_or_else(missing)? {
            if let Some(c) = b.confirmed {
                let entry = draft(&mut drafts, c.txid, TxKind::Burn, Some(c.height));
                let mut burnt = line(asset_hex.clone(), BURN_VOUT_UNKNOWN, b.amount);
                burnt.is_burnt = true;
                entry.outputs.insert(BURN_VOUT_UNKNOWN, burnt);
            }
        }
        for t in store
            .treasury_outputs(issuer, uuid)
            .await?
            .unwrap_or_default()
        {
            let Some(entry) = drafts.by_txid.get_mut(&t.txid) else {
                continue;
            };
            let id = match t.kind {
                TreasuryOutputKind::Asset => asset_hex.clone(),
                TreasuryOutputKind::Token => token_hex.clone().unwrap_or_default(),
            };
            let mut kept = line(id, t.vout, t.amount);
            kept.is_treasury = true;
            kept.asset_blinder = t.asset_blinder;
            kept.amount_blinder = t.amount_blinder;
            entry.outputs.insert(t.vout, kept);
        }
        let mut tracked = store.asset_tracked_outputs(&asset_hex).await?;
        if let Some(token) = &token_hex {
            tracked.extend(store.asset_tracked_outputs(token).await?);
        }
        for o in &tracked {
            let Ok(txid) = o.txid.parse::<Txid>() else {
                continue;
            };
            let entry = draft(&mut drafts, txid, TxKind::Transfer, Some(o.height));
            // The block the watcher saw it in is the truth (a distribution records only
            // the height of its last transaction).
            entry.height = Some(o.height);
            let merged = merge_tracked(entry.outputs.remove(&o.vout), o, &users);
            entry.outputs.insert(o.vout, merged.clone());
            if let (Some((spender, vin)), Some(height)) = (&o.spent_by, o.spent_height) {
                let Ok(spender) = spender.parse::<Txid>() else {
                    continue;
                };
                let entry = draft(&mut drafts, spender, TxKind::Transfer, Some(height));
                entry.height = Some(height);
                entry.inputs.push(TxInputLine {
                    vin: *vin,
                    prev_txid: txid,
                    prev_vout: o.vout,
                    spent: merged,
                });
            }
        }
        let blinders = store
            .output_blinders(issuer, uuid)
            .await?
            .unwrap_or_default();
        for b in blinders {
            let Some(entry) = drafts.by_txid.get_mut(&b.txid) else {
                continue;
            };
            if let Some(o) = entry.outputs.get_mut(&b.vout) {
                o.asset_blinder = b.asset_blinder;
                o.amount_blinder = b.amount_blinder;
            }
        }
        Self::assemble(app, asset, drafts.by_txid).await
    }

    async fn assemble(
        app: &App,
        asset: Asset,
        drafts: HashMap<Txid, Draft>,
    ) -> Result<Self, AssetError> {
        let mut mined: Vec<(Txid, Draft)> = drafts
            .into_iter()
            .filter(|(_, d)| d.height.is_some())
            .collect();
        let heights: Vec<u32> = mined.iter().filter_map(|(_, d)| d.height).collect();
        let times = app.block_times(&heights).await?;
        // Chain order: the issuance first, then by block, then as met.
        mined.sort_by_key(|(_, d)| (d.kind != TxKind::Issuance, d.height, d.order));
        let mut known = HashMap::new();
        let mut txs = Vec::with_capacity(mined.len());
        for (txid, d) in mined {
            let (Some(height), kind) = (d.height, d.kind) else {
                continue;
            };
            let Some(time) = times.get(&height).copied() else {
                continue;
            };
            let kind = match kind {
                TxKind::Transfer
                    if d.outputs.values().any(|o| o.is_treasury)
                        || d.inputs.iter().any(|i| i.spent.is_treasury) =>
                {
                    TxKind::Treasury
                }
                other => other,
            };
            for o in d.outputs.values() {
                known.insert((txid, o.vout), o.clone());
            }
            let mut inputs = d.inputs;
            inputs.sort_by_key(|i| i.vin);
            txs.push(AssetTx {
                txid,
                kind,
                height,
                time,
                inputs,
                outputs: d.outputs.into_values().collect(),
            });
        }
        Ok(Self { asset, txs, known })
    }

    /// The transactions, in chain order.
    pub fn txs(&self) -> Vec<AssetTx> {
        self.txs.clone()
    }
}

/// A tracked output's line, keeping what a lifecycle record said of the same output.
fn merge_tracked(
    earlier: Option<TxOutputLine>,
    o: &TrackedOutput,
    users: &HashMap<Gaid, tessera_core::RegisteredUserId>,
) -> TxOutputLine {
    let amount = Amount::from_units(o.amount).unwrap_or(Amount::ZERO);
    let mut merged = earlier.unwrap_or_else(|| line(o.asset_id.clone(), o.vout, amount));
    match &o.owner {
        OwnerRef::Account { gaid, .. } => {
            merged.gaid = Some(gaid.to_string());
            merged.registered_user = merged.registered_user.or(users.get(gaid).copied());
        }
        OwnerRef::Treasury { .. } => merged.is_treasury = true,
        OwnerRef::Unknown => {}
    }
    // The watcher unblinded it with the key the platform holds.
    merged.asset_blinder = o.asset_blinder.clone();
    merged.amount_blinder = o.amount_blinder.clone();
    merged.is_spent = o.spent_by.is_some();
    merged
}

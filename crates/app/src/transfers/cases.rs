//! From a read PSET to one [`Case`] per managed asset it moves.
//!
//! Several assets may move in one transaction; each is checked under its own issuer's
//! rules. An output whose asset the platform cannot establish goes into every asset's
//! case, so it can never slip past a rule by hiding what it carries; inputs that are not
//! the sender's, or spent, refuse every case (their asset is unknown or irrelevant).

use super::decision_log::DecisionSource;
use super::evaluate::{Case, CaseInput, CaseOutput};
use super::facts::{Payee, ReadOutput, ReadTransfer};
use super::TransferError;
use crate::App;
use elements::AssetId;
use std::collections::BTreeSet;
use tessera_core::transfer_rules::{InputFacts, OutputFacts, ReceiverUser};
use tessera_core::{Asset, Gaid, ManagedAccount};

/// The cases of a read transfer, one per non-policy asset among its inputs and outputs.
pub(crate) async fn cases_of(
    app: &App,
    sender: &ManagedAccount,
    read: &ReadTransfer,
    policy_asset: AssetId,
) -> Result<Vec<Case>, TransferError> {
    let mut assets = BTreeSet::new();
    let values = read.inputs.iter().filter_map(|i| i.value);
    for (asset, _) in values.chain(read.outputs.iter().filter_map(|o| o.value)) {
        if asset != policy_asset {
            assets.insert(asset);
        }
    }
    let mut cases = Vec::new();
    for asset_id in assets {
        let asset = app.store().asset_by_asset_id(&asset_id).await?;
        let inputs = case_inputs(app, sender, read, asset_id, asset.as_ref()).await?;
        let mut outputs = Vec::new();
        for output in &read.outputs {
            if let Some(o) = case_output(app, output, asset_id, asset.as_ref()).await? {
                outputs.push(o);
            }
        }
        cases.push(Case {
            asset_id,
            asset,
            inputs,
            outputs,
            sender: Some(sender.gaid.clone()),
            tx_hex: read.tx_hex.clone(),
            source: DecisionSource::Cosign,
        });
    }
    Ok(cases)
}

async fn case_inputs(
    app: &App,
    sender: &ManagedAccount,
    read: &ReadTransfer,
    asset_id: AssetId,
    asset: Option<&Asset>,
) -> Result<Vec<CaseInput>, TransferError> {
    let mut inputs = Vec::new();
    for input in &read.inputs {
        let ours = input.value.is_some_and(|(a, _)| a == asset_id);
        let broken = !input.owned || !input.unspent;
        if !ours && !broken {
            continue;
        }
        let locked = match asset {
            Some(a) if ours => {
                let (txid, vout) = &input.outpoint;
                app.store().is_output_locked(a.uuid, txid, *vout).await?
            }
            _ => false,
        };
        inputs.push(CaseInput {
            facts: InputFacts {
                owned_by_sender: input.owned,
                unspent: input.unspent,
                locked,
            },
            vin: input.vin,
            amount: input.value.map_or(0, |(_, v)| v),
            gaid: input.owned.then(|| sender.gaid.clone()),
        });
    }
    Ok(inputs)
}

async fn case_output(
    app: &App,
    output: &ReadOutput,
    asset_id: AssetId,
    asset: Option<&Asset>,
) -> Result<Option<CaseOutput>, TransferError> {
    let amount = match output.value {
        Some((a, v)) if a == asset_id => v,
        // Another asset's output: not this case's business, unless it leaves the platform.
        Some(_) if !matches!(output.payee, Payee::Unknown(_)) => return Ok(None),
        _ => 0,
    };
    let mut out = CaseOutput {
        facts: OutputFacts::Unmanaged,
        vout: output.vout,
        amount,
        gaid: None,
        is_treasury: false,
        label: String::new(),
    };
    match &output.payee {
        Payee::Fee => return Ok(None),
        Payee::Change => out.facts = OutputFacts::Change,
        Payee::Managed(account) => {
            out.facts = managed(app, &account.gaid, asset).await?;
            out.gaid = Some(account.gaid.clone());
            out.label = account.gaid.to_string();
        }
        Payee::Treasury { address, assets } => {
            out.label = format!("treasury:{address}");
            // Only the asset's own treasury list counts: another asset's treasury address
            // (even the same issuer's, which a manager of that asset may run) is anyone.
            if asset.is_some_and(|a| assets.contains(&a.uuid)) {
                out.facts = OutputFacts::Treasury;
                out.is_treasury = true;
            }
        }
        Payee::Unknown(script) => out.label = format!("script:{script}"),
    }
    Ok(Some(out))
}

/// A managed receiver with its registered user of the asset's issuer.
pub(crate) async fn managed(
    app: &App,
    gaid: &Gaid,
    asset: Option<&Asset>,
) -> Result<OutputFacts, TransferError> {
    let registered_user = match asset {
        Some(a) => app
            .store()
            .registered_user_by_gaid(a.issuer, gaid)
            .await?
            .map(|u| ReceiverUser {
                id: u.id,
                categories: u.categories.into_iter().collect(),
            }),
        None => None,
    };
    Ok(OutputFacts::Managed {
        gaid: gaid.clone(),
        registered_user,
    })
}

//! Between the wire (AMP's files and confirm bodies) and the app's types.
//!
//! Parsing a report only checks its syntax (hex, blinders, coin amounts); whether it is
//! true is the app's question, asked of the chain.

use crate::ApiError;
use std::collections::BTreeMap;
use tessera_api_types as api;
use tessera_app::supply_ops::{
    verify, AssetId, BurnReport, ClaimedOutput, DistributionReport, ReissuanceLine,
    ReissuanceReport, Txid,
};
use tessera_core::{coin_number, parse_coin, Amount, Asset, DistributionState};
use tessera_store::{Burn, Distribution, Reissuance, TreasuryOutput};

fn invalid(field: &str, value: &str) -> ApiError {
    ApiError::bad_request("invalid_report", format!("invalid {field}: {value:?}"))
}

/// A txid of a report.
pub fn txid(text: &str) -> Result<Txid, ApiError> {
    text.parse().map_err(|_| invalid("txid", text))
}

/// An amount in coin units, in whatever form the client's JSON library wrote it
/// (`0.00000085`, `8.5e-07`, `1E-8`, `2`), read exactly; the error names `field`.
fn coin_amount(field: &str, amount: &serde_json::Number) -> Result<Amount, ApiError> {
    parse_coin(&amount.to_string())
        .map_err(|e| ApiError::bad_request("invalid_report", format!("invalid {field}: {e}")))
}

fn claim(
    field: &str,
    vout: u32,
    asset: &str,
    amount: &serde_json::Number,
    abf: Option<&str>,
    vbf: Option<&str>,
) -> Result<Option<ClaimedOutput>, ApiError> {
    let Ok(asset) = asset.parse::<AssetId>() else {
        return Err(invalid("asset", asset));
    };
    let units = coin_amount(field, amount)?;
    let asset_blinder =
        verify::asset_blinder(abf).ok_or_else(|| invalid("assetblinder", abf.unwrap_or("")))?;
    let amount_blinder =
        verify::value_blinder(vbf).ok_or_else(|| invalid("amountblinder", vbf.unwrap_or("")))?;
    Ok((units.units() > 0).then_some(ClaimedOutput {
        vout,
        asset,
        amount: units,
        asset_blinder,
        amount_blinder,
    }))
}

/// `change_data` entries of `txid` as claims (entries of other transactions are ignored,
/// as the confirm script filters them the same way).
fn change(entries: &[api::ChangeEntry], txid: Txid) -> Result<Vec<ClaimedOutput>, ApiError> {
    let mut out = Vec::new();
    for e in entries.iter().filter(|e| e.txid == txid.to_string()) {
        let parsed = claim(
            "change_data amount",
            e.vout,
            &e.asset,
            &e.amount,
            e.assetblinder.as_deref(),
            e.amountblinder.as_deref(),
        )?;
        out.extend(parsed);
    }
    Ok(out)
}

/// §3.5 body → report.
pub fn distribution_report(
    body: &api::DistributionConfirm,
) -> Result<DistributionReport, ApiError> {
    let txid = txid(&body.tx_data.txid)?;
    Ok(DistributionReport {
        txid,
        change: change(&body.change_data, txid)?,
    })
}

/// §3.6 body → report.
pub fn burn_report(body: &api::BurnConfirm) -> Result<BurnReport, ApiError> {
    let txid = txid(&body.tx_data.txid)?;
    Ok(BurnReport {
        txid,
        change: change(&body.change_data, txid)?,
    })
}

/// §3.4 body → report (receive entries only: the outputs that landed in the treasury).
pub fn reissuance_report(body: &api::ReissueConfirm) -> Result<ReissuanceReport, ApiError> {
    let out = &body.reissuance_output;
    let txid = txid(&out.txid)?;
    let mut received = Vec::new();
    for d in body.details.iter().filter(|d| d.category == "receive") {
        let Some(asset) = d.asset.as_deref() else {
            continue;
        };
        received.extend(claim(
            "details amount",
            d.vout,
            asset,
            &d.amount,
            d.assetblinder.as_deref(),
            d.amountblinder.as_deref(),
        )?);
    }
    let entry = body
        .listissuances
        .iter()
        .find(|i| i.isreissuance && i.txid == out.txid && i.vin == out.vin);
    let issuance_blinder = match entry.and_then(|i| i.assetblinds.as_deref()) {
        Some(text) => {
            Some(verify::value_blinder(Some(text)).ok_or_else(|| invalid("assetblinds", text))?)
        }
        None => None,
    };
    let addresses = body
        .details
        .iter()
        .filter(|d| d.category == "receive")
        .filter_map(|d| Some((d.vout, d.address.clone()?)))
        .collect();
    Ok(ReissuanceReport {
        txid,
        vin: out.vin,
        received,
        issuance_blinder,
        addresses,
    })
}

pub(super) fn datetime(unix: i64) -> Option<String> {
    chrono::DateTime::from_timestamp(unix, 0)
        .map(|t| t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true))
}

/// A stored distribution in AMP's shape.
pub fn distribution(d: &Distribution) -> api::Distribution {
    let transactions = match &d.state {
        DistributionState::Confirmed { txids, height } => txids
            .iter()
            .map(|txid| api::DistributionTransaction {
                txid: txid.to_string(),
                transaction_status: "CONFIRMED".to_owned(),
                included_blockheight: *height,
                confirmed_datetime: d.confirmed_at.and_then(datetime),
                assignments: d
                    .outputs
                    .iter()
                    .map(|o| api::DistributionAssignment {
                        registered_user: o.registered_user.0,
                        amount: o.amount.units(),
                        vout: o.vout,
                    })
                    .collect(),
            })
            .collect(),
        _ => Vec::new(),
    };
    api::Distribution {
        distribution_uuid: d.uuid.to_string(),
        distribution_status: d.state.amp_status().to_owned(),
        transactions,
        created: datetime(d.created_at),
        map_address_amount: address_amounts(d),
    }
}

/// Address → coin amount of a distribution's outputs (its file's `map_address_amount`).
fn address_amounts(d: &Distribution) -> BTreeMap<String, serde_json::Number> {
    d.outputs
        .iter()
        .map(|o| (o.address.clone(), coin_number(o.amount)))
        .collect()
}

/// The §3.2 file of a new distribution.
pub fn distribution_file(
    asset: &Asset,
    d: &Distribution,
    base_url: String,
) -> api::DistributionFile {
    let map_address_amount = address_amounts(d);
    let map_address_asset = d
        .outputs
        .iter()
        .map(|o| (o.address.clone(), asset.asset_id.to_string()))
        .collect();
    api::DistributionFile {
        command: "distribute".to_owned(),
        min_supported_client_script_version: api::MIN_SUPPORTED_CLIENT_SCRIPT_VERSION,
        base_url,
        asset_uuid: asset.uuid.to_string(),
        asset_id: asset.asset_id.to_string(),
        distribution_uuid: d.uuid.to_string(),
        map_address_amount,
        map_address_asset,
    }
}

fn outpoints(outputs: &[TreasuryOutput]) -> Vec<api::Outpoint> {
    outputs
        .iter()
        .map(|o| api::Outpoint {
            txid: o.txid.to_string(),
            vout: o.vout,
        })
        .collect()
}

/// The §3.1 file of a reissuance request.
pub fn reissue_file(
    asset: &Asset,
    r: &Reissuance,
    tokens: &[TreasuryOutput],
    base_url: String,
) -> api::ReissueFile {
    api::ReissueFile {
        command: "reissue".to_owned(),
        min_supported_client_script_version: api::MIN_SUPPORTED_CLIENT_SCRIPT_VERSION,
        base_url,
        asset_uuid: asset.uuid.to_string(),
        asset_id: asset.asset_id.to_string(),
        amount: coin_number(r.amount),
        reissuance_utxos: outpoints(tokens),
    }
}

/// The §3.3 file of a burn request.
pub fn burn_file(
    asset: &Asset,
    b: &Burn,
    outputs: &[TreasuryOutput],
    base_url: String,
) -> api::BurnFile {
    api::BurnFile {
        command: "burn".to_owned(),
        min_supported_client_script_version: api::MIN_SUPPORTED_CLIENT_SCRIPT_VERSION,
        base_url,
        asset_uuid: asset.uuid.to_string(),
        asset_id: asset.asset_id.to_string(),
        amount: coin_number(b.amount),
        utxos: outpoints(outputs),
    }
}

/// A confirmed reissuance with what the server verified of it.
pub fn reissuance(l: &ReissuanceLine) -> api::Reissuance {
    api::Reissuance {
        txid: l.confirmed.txid.to_string(),
        vin: l.confirmed.vin,
        vout: l.vout,
        destination_address: l.address.clone(),
        reissuance_amount: l.reissuance.amount.units(),
        confirmed_in_block: l.block_hash.clone(),
        confirmed_height: l.confirmed.height,
        created: datetime(l.reissuance.created_at).unwrap_or_default(),
        status: "confirmed".to_owned(),
    }
}

/// A burn record.
pub fn burn(b: &Burn) -> api::Burn {
    api::Burn {
        txid: b.confirmed.map(|c| c.txid.to_string()),
        amount: b.amount.units(),
        confirmed_in_block: b.confirmed.map(|c| c.height),
        created: datetime(b.created_at),
        status: if b.confirmed.is_some() {
            "confirmed"
        } else {
            "requested"
        }
        .to_owned(),
    }
}

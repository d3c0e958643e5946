//! The issuance transaction, built by the server's node wallet on the issuer's behalf.
//!
//! `issueasset` can only pay the wallet that calls it, and a later transfer is not enough:
//! an Elements wallet can `reissueasset` only if it saw the *issuance* as its own ("Asset
//! reissuance token definition could not be found in wallet", checked on Elements 23.3.3).
//! So the server's wallet builds one raw transaction whose issuance outputs pay the issuer's
//! addresses: `createrawtransaction [] [{"data":"00"}]` → `fundrawtransaction` (an input
//! for the issuance to sit on, and the fee) → `rawissueasset` with the addresses →
//! `blindrawtransaction` → `signrawtransactionwithwallet` → `sendrawtransaction`.
//!
//! **Fee.** `fundrawtransaction` sizes the fee before `rawissueasset` adds the issued outputs
//! and before blinding adds a range proof per confidential output and issuance amount, so
//! the result can pay less than the relay minimum (measured: 250 sat offered, 487 needed).
//! Each attempt is therefore measured after signing, and funded again at a rate scaled by
//! what was missing until it pays the node's floor rate (`relayfee`, or its fee estimate
//! when higher) for its real size. Nothing is broadcast before that.

use super::AssetError;
use elements::{Address, AssetId, Transaction, Txid};
use tessera_elements_rpc::{ElementsRpc, FeeRate, FundOptions, RawIssuance, RawOutput, Sats};

/// Funding attempts before giving up (the second one pays enough in practice).
const ATTEMPTS: usize = 4;

/// What to issue and to whom.
#[derive(Debug, Clone)]
pub(super) struct IssuanceSpec {
    /// Amount of the asset, base units (at least 1).
    pub amount: Sats,
    /// Receiver of the asset.
    pub asset_address: Address,
    /// Reissuance tokens and their receiver; `None` for a non-reissuable asset.
    pub tokens: Option<(Sats, Address)>,
    /// Blind the issuance amounts.
    pub blind: bool,
    /// Contract hash in the node's display order.
    pub contract_hash: String,
}

/// The broadcast issuance.
#[derive(Debug, Clone)]
pub(super) struct IssuanceTx {
    /// The issuance transaction.
    pub txid: Txid,
    /// Input carrying the issuance.
    pub vin: u32,
    /// The new asset.
    pub asset: AssetId,
    /// Its reissuance token.
    pub token: AssetId,
    /// Output paying the asset.
    pub asset_vout: u32,
    /// Output paying the tokens, if any.
    pub token_vout: Option<u32>,
}

/// A signed, not yet broadcast attempt.
struct Attempt {
    hex: String,
    vsize: u64,
    fee: Sats,
    issued: IssuanceTx,
}

/// Builds the issuance with the node wallet `node`, and broadcasts it once it pays enough.
/// Counts it as sent only once the node shows it in its mempool or a block.
pub(super) async fn issue_to(
    node: &ElementsRpc,
    spec: &IssuanceSpec,
) -> Result<IssuanceTx, AssetError> {
    let floor = floor_rate(node).await?;
    let mut rate = floor;
    for _ in 0..ATTEMPTS {
        let attempt = build(node, spec, rate).await?;
        let needed = floor
            .fee_for(attempt.vsize)
            .ok_or_else(|| invalid(format!("no fee for {} vB", attempt.vsize)))?;
        if attempt.fee >= needed {
            return broadcast(node, attempt).await;
        }
        rate = scaled(rate, attempt.fee, needed);
        tracing::debug!(fee = attempt.fee.to_sat(), needed = needed.to_sat(), rate = %rate,
            "issuance fee below the floor after blinding; funding again");
    }
    Err(invalid(format!(
        "the fee stayed below {floor} sat/vB after {ATTEMPTS} attempts"
    )))
}

/// The node's floor: its relay fee, or its own estimate for the next blocks when higher.
async fn floor_rate(node: &ElementsRpc) -> Result<FeeRate, AssetError> {
    let relay = FeeRate::from_coins_per_kvb(node.get_network_info().await?.relayfee);
    let estimate = node
        .estimate_smart_fee(2)
        .await
        .ok()
        .and_then(|e| e.feerate)
        .map(FeeRate::from_coins_per_kvb);
    Ok(estimate.map_or(relay, |e| e.max(relay)))
}

/// `rate` raised so that a transaction of the same shape pays `needed` instead of `paid`
/// (plus 1% for the signature-size jitter).
fn scaled(rate: FeeRate, paid: Sats, needed: Sats) -> FeeRate {
    let msat = u128::from(rate.msat_per_vb().max(1));
    let target = msat * u128::from(needed.to_sat()) / u128::from(paid.to_sat().max(1));
    let with_margin = target * 101 / 100 + 1;
    FeeRate::from_msat_per_vb(u64::try_from(with_margin).unwrap_or(u64::MAX))
}

async fn build(
    node: &ElementsRpc,
    spec: &IssuanceSpec,
    rate: FeeRate,
) -> Result<Attempt, AssetError> {
    let raw = node
        .create_raw_transaction(&[], &[RawOutput::Data("00".to_owned())])
        .await?;
    let options = FundOptions {
        fee_rate: Some(rate),
    };
    let funded = node.fund_raw_transaction(&raw, &options).await?;
    let issuance = RawIssuance {
        asset_amount: Some(spec.amount),
        asset_address: Some(spec.asset_address.to_string()),
        token_amount: spec.tokens.as_ref().map(|(n, _)| *n),
        token_address: spec.tokens.as_ref().map(|(_, a)| a.to_string()),
        blind: Some(spec.blind),
        contract_hash: Some(spec.contract_hash.clone()),
    };
    let issued = node.raw_issue_asset(&funded.hex, &[issuance]).await?;
    let entry = issued
        .last()
        .ok_or_else(|| invalid("rawissueasset returned no issuance".to_owned()))?;
    let unsigned_hex = entry
        .hex
        .clone()
        .ok_or_else(|| invalid("rawissueasset returned no transaction".to_owned()))?;
    // Outputs are found in the unblinded transaction, where their assets are explicit.
    let unblinded = decode(&unsigned_hex)?;
    let asset_vout = output_paying(&unblinded, &spec.asset_address, entry.asset)?;
    let token_vout = match &spec.tokens {
        Some((_, address)) => Some(output_paying(&unblinded, address, entry.token)?),
        None => None,
    };
    let blinded = node
        .blind_raw_transaction(&unsigned_hex, spec.blind)
        .await?;
    let signed = node.sign_raw_transaction_with_wallet(&blinded).await?;
    if !signed.complete {
        let why: Vec<String> = signed.errors.iter().map(|e| e.error.clone()).collect();
        return Err(invalid(format!(
            "the node wallet could not sign every input: {}",
            why.join("; ")
        )));
    }
    let tx = decode(&signed.hex)?;
    let same_script = |vout: u32, address: &Address| {
        tx.output
            .get(vout as usize)
            .is_some_and(|o| o.script_pubkey == address.script_pubkey())
    };
    let tokens_in_place = match (&spec.tokens, token_vout) {
        (Some((_, address)), Some(vout)) => same_script(vout, address),
        _ => true,
    };
    if !same_script(asset_vout, &spec.asset_address) || !tokens_in_place {
        return Err(invalid("blinding moved the issued outputs".to_owned()));
    }
    Ok(Attempt {
        vsize: u64::try_from(tx.vsize()).unwrap_or(u64::MAX),
        hex: signed.hex,
        fee: funded.fee,
        issued: IssuanceTx {
            txid: tx.txid(),
            vin: entry.vin,
            asset: entry.asset,
            token: entry.token,
            asset_vout,
            token_vout,
        },
    })
}

async fn broadcast(node: &ElementsRpc, attempt: Attempt) -> Result<IssuanceTx, AssetError> {
    let txid = node.send_raw_transaction(&attempt.hex).await?;
    if txid != attempt.issued.txid {
        return Err(invalid(format!(
            "the node broadcast {txid}, not the signed {}",
            attempt.issued.txid
        )));
    }
    let in_mempool = node.get_mempool_entry(&txid).await.is_ok();
    let confirmed = || async {
        node.get_raw_transaction(&txid)
            .await
            .is_ok_and(|t| t.confirmations.unwrap_or(0) > 0)
    };
    if !in_mempool && !confirmed().await {
        return Err(AssetError::NotBroadcast(txid.to_string()));
    }
    Ok(attempt.issued)
}

/// The output of `tx` paying explicit `asset` to `address`.
fn output_paying(tx: &Transaction, address: &Address, asset: AssetId) -> Result<u32, AssetError> {
    let script = address.script_pubkey();
    tx.output
        .iter()
        .position(|o| o.script_pubkey == script && o.asset.explicit() == Some(asset))
        .and_then(|i| u32::try_from(i).ok())
        .ok_or_else(|| invalid(format!("no output pays {asset} to {address}")))
}

fn decode(hex_text: &str) -> Result<Transaction, AssetError> {
    hex::decode(hex_text)
        .ok()
        .and_then(|bytes| elements::encode::deserialize(&bytes).ok())
        .ok_or_else(|| invalid("the node returned a transaction that does not decode".to_owned()))
}

fn invalid(reason: String) -> AssetError {
    AssetError::IssuanceTx(reason)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_short_fee_scales_the_rate_to_what_was_missing() {
        // Measured on Elements 23.3.3: 250 sat offered at 1 sat/vB, 487 needed.
        let rate = scaled(
            FeeRate::from_msat_per_vb(1000),
            Sats::from_sat(250),
            Sats::from_sat(487),
        );
        assert_eq!(
            rate,
            FeeRate::from_msat_per_vb(1000 * 487 / 250 * 101 / 100 + 1)
        );
        assert!(rate.fee_for(250) >= Some(Sats::from_sat(487)));
    }

    #[test]
    fn a_zero_fee_or_rate_still_raises_the_rate() {
        let rate = scaled(
            FeeRate::from_msat_per_vb(0),
            Sats::from_sat(0),
            Sats::from_sat(500),
        );
        assert!(rate.msat_per_vb() > 0);
    }
}

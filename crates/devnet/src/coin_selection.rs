//! Coin selection and change for wallet transactions.
//!
//! Largest-first per asset, only over coins Elements would consider spendable (confirmed,
//! mature, or unconfirmed change of our own transactions); one blinded change output per
//! asset with a surplus, to a fresh change address (a reissuance's token: a receive
//! address, as Elements does).

use elements::secp256k1_zkp::{All, Secp256k1};
use std::collections::BTreeMap;

use elements::{AssetId, OutPoint, TxOut, TxOutSecrets};

use crate::builder::{IssuancePlan, Payment, Plan};
use crate::chain::{Chain, COINBASE_MATURITY};
use crate::error::RpcError;
use crate::keys::KeyKind;
use crate::wallet::Wallet;

/// Spendable coins of the wallet: unspent, mature, confirmed or our own unconfirmed change.
pub fn spendable(wallet: &Wallet, chain: &Chain) -> Vec<(OutPoint, TxOut, TxOutSecrets)> {
    let mut coins: Vec<(OutPoint, TxOut, TxOutSecrets)> = wallet
        .outputs()
        .iter()
        .filter_map(|(op, owned)| {
            let view = chain.unspent_output(op)?;
            match view.height {
                Some(h) if view.coinbase && chain.confirmations(h) < COINBASE_MATURITY => {
                    return None
                }
                Some(_) => {}
                None => {
                    let tx = chain.transaction(&op.txid)?;
                    if !wallet.is_from_me(tx) {
                        return None;
                    }
                }
            }
            Some((*op, owned.txout.clone(), owned.secrets))
        })
        .collect();
    coins.sort_by(|a, b| {
        b.2.value
            .cmp(&a.2.value)
            .then(a.0.txid.cmp(&b.0.txid))
            .then(a.0.vout.cmp(&b.0.vout))
    });
    coins
}

/// Largest-first selection per asset; returns `None` when funds are insufficient.
pub fn select(
    wallet: &Wallet,
    chain: &Chain,
    payments: &[Payment],
    fee: u64,
    plan: &Plan,
    policy: AssetId,
) -> Option<Vec<(OutPoint, TxOut, TxOutSecrets)>> {
    let mut needs: BTreeMap<AssetId, u64> = BTreeMap::new();
    for p in payments {
        let e = needs.entry(p.asset).or_default();
        *e = e.checked_add(p.value)?;
    }
    let e = needs.entry(policy).or_default();
    *e = e.checked_add(fee)?;
    let mut preset: Vec<(OutPoint, TxOut, TxOutSecrets)> = Vec::new();
    if let Some(IssuancePlan::Reissue { token_outpoint, .. }) = &plan.issuance {
        preset.push(
            spendable(wallet, chain)
                .into_iter()
                .find(|c| c.0 == *token_outpoint)?,
        );
    }
    select_for(wallet, chain, &needs, preset)
}

/// Adds spendable coins to `preset`, largest first per asset, until every asset of `needs`
/// is covered; `None` when funds are insufficient.
pub fn select_for(
    wallet: &Wallet,
    chain: &Chain,
    needs: &BTreeMap<AssetId, u64>,
    preset: Vec<(OutPoint, TxOut, TxOutSecrets)>,
) -> Option<Vec<(OutPoint, TxOut, TxOutSecrets)>> {
    let coins = spendable(wallet, chain);
    let mut chosen = preset;
    for (asset, need) in needs {
        let mut have: u64 = chosen
            .iter()
            .filter(|c| c.2.asset == *asset)
            .map(|c| c.2.value)
            .sum();
        for coin in coins.iter().filter(|c| c.2.asset == *asset) {
            if have >= *need {
                break;
            }
            if chosen.iter().any(|c| c.0 == coin.0) {
                continue;
            }
            have += coin.2.value;
            chosen.push(coin.clone());
        }
        if have < *need {
            return None;
        }
    }
    Some(chosen)
}

/// Adds one blinded change output per asset with a surplus.
pub fn add_change(
    wallet: &mut Wallet,
    secp: &Secp256k1<All>,
    inputs: &[(OutPoint, TxOut, TxOutSecrets)],
    outputs: &mut Vec<Payment>,
    fee: u64,
    policy: AssetId,
    plan: &Plan,
) -> Result<(), RpcError> {
    let mut balance: BTreeMap<AssetId, i128> = BTreeMap::new();
    for (_, _, s) in inputs {
        *balance.entry(s.asset).or_default() += i128::from(s.value);
    }
    // Issued amounts are outputs funded by the issuance, not by inputs.
    let issued: Vec<AssetId> = match &plan.issuance {
        Some(_) => outputs
            .iter()
            .take(outputs.len() - plan.payments.len())
            .map(|p| p.asset)
            .collect(),
        None => Vec::new(),
    };
    for (i, p) in outputs.iter().enumerate() {
        if i < issued.len() {
            continue;
        }
        *balance.entry(p.asset).or_default() -= i128::from(p.value);
    }
    *balance.entry(policy).or_default() -= i128::from(fee);
    // A reissuance spends its token as the first input.
    let reissued_token = match &plan.issuance {
        Some(IssuancePlan::Reissue { .. }) => inputs.first().map(|(_, _, s)| s.asset),
        _ => None,
    };
    for (asset, surplus) in balance {
        if surplus < 0 {
            return Err(RpcError::new(
                plan.insufficient_code.unwrap_or(-6),
                "Insufficient funds",
            ));
        }
        if surplus == 0 {
            continue;
        }
        // Elements sends the token a reissuance moves to a fresh receive address, which
        // `gettransaction` then lists as a `receive` detail (change it would omit).
        let script = if Some(asset) == reissued_token {
            wallet.next_script(secp, KeyKind::Wpkh, false, Some(""))
        } else {
            wallet.next_script(secp, KeyKind::Wpkh, true, None)
        };
        let blinder = Some(wallet.blinding_pubkey(secp, &script));
        let value = u64::try_from(surplus).map_err(|_| RpcError::amount_out_of_range())?;
        outputs.push(Payment {
            script,
            blinder,
            asset,
            value,
        });
    }
    Ok(())
}

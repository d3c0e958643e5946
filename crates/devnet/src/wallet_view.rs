//! Read-only wallet views computed from a wallet and the chain: balances by trust class and
//! the per-transaction summary behind `gettransaction`.

use std::collections::BTreeMap;

use elements::{AssetId, ContractHash, OutPoint, Transaction, TxOutSecrets};

use crate::chain::{Chain, TxLocation, COINBASE_MATURITY};
use crate::state::AssetInfo;
use crate::wallet::Wallet;

/// Balances per asset, split like `getbalances`.
#[derive(Debug, Default, Clone)]
pub struct Balances {
    /// Confirmed, or unconfirmed from our own transactions.
    pub trusted: BTreeMap<AssetId, u64>,
    /// Unconfirmed payments from others.
    pub untrusted_pending: BTreeMap<AssetId, u64>,
    /// Coinbase outputs younger than the maturity.
    pub immature: BTreeMap<AssetId, u64>,
}

/// One unspent wallet output with its chain context.
#[derive(Debug, Clone)]
pub struct WalletUtxo {
    /// Where it is.
    pub outpoint: OutPoint,
    /// Unblinded secrets.
    pub secrets: TxOutSecrets,
    /// The output.
    pub txout: elements::TxOut,
    /// Confirmations (0 in the mempool).
    pub confirmations: u32,
    /// Coinbase output.
    pub coinbase: bool,
    /// Created by a transaction of ours (trusted even unconfirmed).
    pub from_me: bool,
}

/// Every unspent output of the wallet.
pub fn utxos(wallet: &Wallet, chain: &Chain) -> Vec<WalletUtxo> {
    let mut out: Vec<WalletUtxo> = wallet
        .outputs()
        .iter()
        .filter_map(|(op, owned)| {
            let view = chain.unspent_output(op)?;
            let confirmations = view.height.map_or(0, |h| chain.confirmations(h));
            let from_me = chain
                .transaction(&op.txid)
                .is_some_and(|tx| wallet.is_from_me(tx));
            Some(WalletUtxo {
                outpoint: *op,
                secrets: owned.secrets,
                txout: owned.txout.clone(),
                confirmations,
                coinbase: view.coinbase,
                from_me,
            })
        })
        .collect();
    out.sort_by_key(|u| (u.outpoint.txid, u.outpoint.vout));
    out
}

/// Balances by trust class, counting trusted outputs with at least `minconf` confirmations.
pub fn balances(wallet: &Wallet, chain: &Chain, minconf: u32) -> Balances {
    let mut b = Balances::default();
    for u in utxos(wallet, chain) {
        let bucket = if u.coinbase && u.confirmations < COINBASE_MATURITY {
            &mut b.immature
        } else if u.confirmations >= minconf.max(1)
            || (minconf == 0 && u.confirmations == 0 && u.from_me)
        {
            &mut b.trusted
        } else if u.confirmations == 0 {
            &mut b.untrusted_pending
        } else {
            continue;
        };
        *bucket.entry(u.secrets.asset).or_default() += u.secrets.value;
    }
    b
}

/// Net effect of one transaction on the wallet.
#[derive(Debug, Default, Clone)]
pub struct TxSummary {
    /// Assets debited (our inputs), by asset.
    pub debit: BTreeMap<AssetId, u64>,
    /// Assets credited (our outputs), by asset.
    pub credit: BTreeMap<AssetId, u64>,
    /// All inputs are ours.
    pub from_me: bool,
    /// Policy-asset fee paid (only meaningful when `from_me`).
    pub fee: u64,
}

/// Debits, credits and fee of `tx` for `wallet`.
pub fn summarize(wallet: &Wallet, chain: &Chain, tx: &Transaction) -> TxSummary {
    let mut s = TxSummary {
        from_me: wallet.is_from_me(tx),
        ..TxSummary::default()
    };
    for input in &tx.input {
        if let Some(owned) = wallet.outputs().get(&input.previous_output) {
            *s.debit.entry(owned.secrets.asset).or_default() += owned.secrets.value;
        }
    }
    let txid = tx.txid();
    for vout in 0..tx.output.len() {
        let op = OutPoint::new(txid, u32::try_from(vout).unwrap_or(u32::MAX));
        if let Some(owned) = wallet.outputs().get(&op) {
            *s.credit.entry(owned.secrets.asset).or_default() += owned.secrets.value;
        }
    }
    if s.from_me {
        s.fee = tx.fee_in(chain.policy_asset());
    }
    s
}

/// Confirmation context of a wallet transaction: (confirmations, block height, index).
pub fn confirmation(chain: &Chain, tx: &Transaction) -> Option<(u32, u32, usize)> {
    match chain.locate(&tx.txid())? {
        TxLocation::Block { height, index } => Some((chain.confirmations(height), height, index)),
        TxLocation::Mempool => None,
    }
}

/// The issuance of `asset` if one of the wallet's transactions carries it (what Elements'
/// `reissueasset` looks for): its entropy and reissuance token.
pub fn known_issuance(wallet: &Wallet, chain: &Chain, asset: AssetId) -> Option<AssetInfo> {
    wallet.record.tx_times.keys().find_map(|txid| {
        let tx = chain.transaction(txid)?;
        tx.input.iter().find_map(|input| {
            let issuance = &input.asset_issuance;
            if !input.has_issuance() || !issuance.asset_blinding_nonce.is_null() {
                return None;
            }
            let (issued, token) = input.issuance_ids();
            let contract = ContractHash::from_byte_array(issuance.asset_entropy.to_byte_array());
            let entropy = AssetId::generate_asset_entropy(input.previous_output, contract);
            (issued == asset).then_some(AssetInfo { entropy, token })
        })
    })
}

//! Reading a submitted PSET into facts the platform can vouch for.
//!
//! The PSET comes from the wallet and proves nothing by itself: every input is looked up
//! among the outputs the chain watcher tracks for the sending account, its script is
//! derived again from the account's descriptor, its previous output is taken from the
//! node, and its witness script and key derivations are rewritten from the descriptor
//! before anyone signs. Outputs are classified by their script (fee, change of the
//! sender, another managed account, a treasury address, anything else) and opened with
//! the receiving account's blinding key; outputs the platform cannot unblind count only
//! through blind proofs that open their commitments.

use super::TransferError;
use crate::App;
use elements::encode::deserialize;
use elements::pset::PartiallySignedTransaction;
use elements::{AssetId, Transaction, TxOut, Txid};
use std::str::FromStr;
use tessera_core::{AddressChain, ManagedAccount};
use tessera_custody::{provable_output, unblind, Chain, ManagedDescriptor};
use tessera_store::OwnerRef;

/// One input as the platform sees it.
#[derive(Debug, Clone)]
pub(crate) struct ReadInput {
    /// Input index.
    pub vin: u32,
    /// It spends a tracked output of the sender.
    pub owned: bool,
    /// That output is unspent (store and node mempool).
    pub unspent: bool,
    /// Its asset and amount, when owned.
    pub value: Option<(AssetId, u64)>,
    /// The spent outpoint.
    pub outpoint: (Txid, u32),
}

/// Whom an output pays.
#[derive(Debug, Clone)]
pub(crate) enum Payee {
    /// The explicit fee.
    Fee,
    /// Back to the sender.
    Change,
    /// Another managed account.
    Managed(ManagedAccount),
    /// A treasury address (of the assets listed).
    Treasury {
        /// The address.
        address: String,
        /// Assets whose treasury it is.
        assets: Vec<tessera_core::AssetUuid>,
    },
    /// Anyone else.
    Unknown(String),
}

/// One output as the platform sees it.
#[derive(Debug, Clone)]
pub(crate) struct ReadOutput {
    /// Output index.
    pub vout: u32,
    /// Whom it pays.
    pub payee: Payee,
    /// Asset and amount when the platform can establish them.
    pub value: Option<(AssetId, u64)>,
    /// For an output to a managed account: the account itself can read it (explicit, or
    /// it unblinds with the account's blinding key), so the chain watcher will see it.
    /// An output opened only through the PSET's blind proofs is not.
    pub owner_readable: bool,
}

/// The whole transfer as read.
#[derive(Debug, Clone)]
pub(crate) struct ReadTransfer {
    /// Inputs in order.
    pub inputs: Vec<ReadInput>,
    /// Outputs in order.
    pub outputs: Vec<ReadOutput>,
    /// The unsigned transaction, hex (sent to authorization endpoints).
    pub tx_hex: String,
}

/// Reads (and repairs from trusted data) the inputs of `pset`, then classifies its outputs.
pub(crate) async fn read_pset(
    app: &App,
    sender: &ManagedAccount,
    descriptor: &ManagedDescriptor,
    pset: &mut PartiallySignedTransaction,
) -> Result<ReadTransfer, TransferError> {
    let mut inputs = Vec::with_capacity(pset.inputs().len());
    for vin in 0..pset.inputs().len() {
        inputs.push(read_input(app, sender, descriptor, pset, vin).await?);
    }
    let tx = pset
        .extract_tx()
        .map_err(|e| TransferError::InvalidPset(e.to_string()))?;
    let mut outputs = Vec::with_capacity(tx.output.len());
    for (vout, txout) in tx.output.iter().enumerate() {
        outputs.push(read_output(app, sender, pset, txout, vout).await?);
    }
    Ok(ReadTransfer {
        inputs,
        outputs,
        tx_hex: elements::encode::serialize_hex(&tx),
    })
}

async fn read_input(
    app: &App,
    sender: &ManagedAccount,
    descriptor: &ManagedDescriptor,
    pset: &mut PartiallySignedTransaction,
    vin: usize,
) -> Result<ReadInput, TransferError> {
    let store = app.store();
    let details = &pset.inputs()[vin];
    let (txid, vout) = (details.previous_txid, details.previous_output_index);
    let mut read = ReadInput {
        vin: u32::try_from(vin).unwrap_or(u32::MAX),
        owned: false,
        unspent: false,
        value: None,
        outpoint: (txid, vout),
    };
    let Some(tracked) = store.tracked_output(&txid.to_string(), vout).await? else {
        return Ok(read);
    };
    let mine = matches!(&tracked.owner, OwnerRef::Account { account, .. } if *account == sender.id);
    let Some(address) = store.address_by_script(&tracked.script_pubkey).await? else {
        return Ok(read);
    };
    let chain = match address.chain {
        AddressChain::External => Chain::External,
        AddressChain::Internal => Chain::Internal,
    };
    let derived = descriptor
        .script_pubkey(address.index, chain)
        .map_err(|e| TransferError::Internal(e.to_string()))?;
    if !mine || address.account != sender.id || derived.as_bytes() != tracked.script_pubkey {
        return Ok(read);
    }
    read.owned = true;
    read.value = AssetId::from_str(&tracked.asset_id)
        .ok()
        .map(|a| (a, tracked.amount));
    let node = app.node().ok_or(TransferError::NoNode)?.node();
    let on_chain = node.get_tx_out(&txid, vout).await?;
    read.unspent = tracked.spent_by.is_none() && on_chain.is_some();
    let txout = previous_output(app, &txid, vout).await?;
    let input = &mut pset.inputs_mut()[vin];
    input.witness_utxo = Some(txout);
    input.non_witness_utxo = None;
    input.witness_script = None;
    input.redeem_script = None;
    input.bip32_derivation.clear();
    descriptor
        .update_input(pset, vin, address.index, chain)
        .map_err(|e| TransferError::Internal(e.to_string()))?;
    Ok(read)
}

/// The output `vout` of `txid` as the node has it.
async fn previous_output(app: &App, txid: &Txid, vout: u32) -> Result<TxOut, TransferError> {
    let node = app.node().ok_or(TransferError::NoNode)?.node();
    let hex_tx = node.get_raw_transaction_hex(txid).await?;
    let bytes = hex::decode(hex_tx.trim()).map_err(|e| TransferError::Internal(e.to_string()))?;
    let tx: Transaction =
        deserialize(&bytes).map_err(|e| TransferError::Internal(e.to_string()))?;
    tx.output
        .get(vout as usize)
        .cloned()
        .ok_or_else(|| TransferError::Internal(format!("{txid}:{vout} does not exist")))
}

async fn read_output(
    app: &App,
    sender: &ManagedAccount,
    pset: &PartiallySignedTransaction,
    txout: &TxOut,
    vout: usize,
) -> Result<ReadOutput, TransferError> {
    let store = app.store();
    let index = u32::try_from(vout).unwrap_or(u32::MAX);
    let script = txout.script_pubkey.as_bytes();
    let provable = || provable_output(pset, txout, vout);
    if txout.is_fee() {
        return Ok(ReadOutput {
            vout: index,
            payee: Payee::Fee,
            value: provable(),
            owner_readable: false,
        });
    }
    if let Some(address) = store.address_by_script(script).await? {
        if let Some(account) = store.account(address.account).await? {
            let descriptor = app.descriptor_of(&account)?;
            let secret = descriptor.blinding_secret(&txout.script_pubkey);
            let explicit = txout.asset.is_explicit() && txout.value.is_explicit();
            let (value, owner_readable) = match unblind(txout, &secret) {
                Ok(u) => (Some((u.asset, u.value)), true),
                Err(_) => (provable(), explicit),
            };
            let payee = if account.id == sender.id {
                Payee::Change
            } else {
                Payee::Managed(account)
            };
            return Ok(ReadOutput {
                vout: index,
                payee,
                value,
                owner_readable,
            });
        }
    }
    let treasury: Vec<_> = store
        .all_treasury_scripts()
        .await?
        .into_iter()
        .filter(|(_, _, s)| s.as_slice() == script)
        .collect();
    let payee = match treasury.first() {
        Some((_, address, _)) => Payee::Treasury {
            address: address.clone(),
            assets: treasury.iter().map(|(uuid, _, _)| *uuid).collect(),
        },
        None => Payee::Unknown(hex::encode(script)),
    };
    Ok(ReadOutput {
        vout: index,
        payee,
        value: provable(),
        owner_readable: false,
    })
}

//! Building a blinded spend from a managed account, ready for the investor to sign.
//!
//! The wallet knows which outputs it spends (the platform tells it their amounts and
//! blinders), whom it pays and where its change goes; this module turns that into a PSET:
//! each input carries its previous output and the account's witness script and key
//! derivations (so both sides can sign), every output but the fee is blinded to its
//! receiver's blinding key (elements' PSET blinder, which also attaches the explicit
//! value and asset proofs the co-signer may check), and change outputs are marked as the
//! account's own. Coin selection and fee estimation are the caller's.

use crate::{Chain, ManagedDescriptor, PsetError};
use elements::confidential::{AssetBlindingFactor, ValueBlindingFactor};
use elements::pset::{self, PartiallySignedTransaction};
use elements::{Address, AssetId, OutPoint, Script, TxOut, TxOutSecrets};
use std::collections::HashMap;

/// An output of the account to spend, with what the platform says it holds.
#[derive(Debug, Clone)]
pub struct SpendInput {
    /// Where it is.
    pub outpoint: OutPoint,
    /// The output itself, as on chain.
    pub txout: TxOut,
    /// Chain of the account address it pays.
    pub chain: Chain,
    /// Index of that address.
    pub index: u32,
    /// Asset, amount and blinders.
    pub secrets: TxOutSecrets,
}

/// An output to create.
#[derive(Debug, Clone)]
pub struct SpendOutput {
    /// Confidential address of the receiver.
    pub address: Address,
    /// Asset paid.
    pub asset: AssetId,
    /// Amount, base units.
    pub amount: u64,
    /// For change: the account address `(chain, index)` it pays.
    pub change: Option<(Chain, u32)>,
}

/// Why a spend could not be built.
#[derive(Debug, thiserror::Error)]
pub enum SpendError {
    /// A spend needs inputs.
    #[error("a spend needs at least one input")]
    NoInputs,
    /// Receivers must be confidential (the platform only hands those out).
    #[error("address {0} is not confidential")]
    NotConfidential(String),
    /// Input or output preparation failed.
    #[error(transparent)]
    Pset(#[from] PsetError),
    /// Amounts of an asset do not balance.
    #[error("asset {asset}: inputs hold {inputs} but outputs pay {outputs}")]
    Unbalanced {
        /// The asset.
        asset: AssetId,
        /// Sum of its inputs.
        inputs: u64,
        /// Sum of its outputs (fee included).
        outputs: u64,
    },
    /// Blinding failed.
    #[error("blinding failed: {0}")]
    Blind(#[from] elements::pset::PsetBlindError),
}

impl SpendInput {
    /// The secrets of an explicit output (zero blinders), or of a confidential one whose
    /// blinders the caller read from hex.
    pub fn secrets(
        asset: AssetId,
        value: u64,
        asset_bf: AssetBlindingFactor,
        value_bf: ValueBlindingFactor,
    ) -> TxOutSecrets {
        TxOutSecrets::new(asset, asset_bf, value, value_bf)
    }
}

/// Builds and blinds the PSET paying `outputs` from `inputs` with an explicit `fee` in
/// `policy_asset`. Every asset must balance exactly (inputs = outputs + fee).
pub fn build_spend(
    descriptor: &ManagedDescriptor,
    inputs: &[SpendInput],
    outputs: &[SpendOutput],
    fee: u64,
    policy_asset: AssetId,
) -> Result<PartiallySignedTransaction, SpendError> {
    if inputs.is_empty() {
        return Err(SpendError::NoInputs);
    }
    check_balance(inputs, outputs, fee, policy_asset)?;
    let mut pset = PartiallySignedTransaction::new_v2();
    let mut secrets = HashMap::new();
    for (i, input) in inputs.iter().enumerate() {
        let mut details = pset::Input::from_prevout(input.outpoint);
        details.witness_utxo = Some(input.txout.clone());
        pset.add_input(details);
        descriptor.update_input(&mut pset, i, input.index, input.chain)?;
        secrets.insert(i, input.secrets);
    }
    for output in outputs {
        let key = output
            .address
            .blinding_pubkey
            .ok_or_else(|| SpendError::NotConfidential(output.address.to_string()))?;
        let mut details = pset::Output::new_explicit(
            output.address.script_pubkey(),
            output.amount,
            output.asset,
            Some(key.into()),
        );
        details.blinder_index = Some(0);
        pset.add_output(details);
        if let Some((chain, index)) = output.change {
            let last = pset.outputs().len() - 1;
            descriptor.update_output(&mut pset, last, index, chain)?;
        }
    }
    pset.add_output(pset::Output::new_explicit(
        Script::new(),
        fee,
        policy_asset,
        None,
    ));
    pset.blind_last(&mut rand::rngs::OsRng, &crate::SECP, &secrets)?;
    Ok(pset)
}

fn check_balance(
    inputs: &[SpendInput],
    outputs: &[SpendOutput],
    fee: u64,
    policy_asset: AssetId,
) -> Result<(), SpendError> {
    let mut sums: HashMap<AssetId, (u128, u128)> = HashMap::new();
    for i in inputs {
        sums.entry(i.secrets.asset).or_default().0 += u128::from(i.secrets.value);
    }
    for o in outputs {
        sums.entry(o.asset).or_default().1 += u128::from(o.amount);
    }
    sums.entry(policy_asset).or_default().1 += u128::from(fee);
    for (asset, (ins, outs)) in sums {
        if ins != outs {
            return Err(SpendError::Unbalanced {
                asset,
                inputs: u64::try_from(ins).unwrap_or(u64::MAX),
                outputs: u64::try_from(outs).unwrap_or(u64::MAX),
            });
        }
    }
    Ok(())
}

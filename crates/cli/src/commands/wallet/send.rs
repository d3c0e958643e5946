//! `tessera wallet send`: pay an asset from the managed account.
//!
//! The wallet holds only the investor's key, so it asks the platform for what a spend
//! needs (its outputs as on chain with their blinders, the assets' precision, fresh change
//! addresses), builds and blinds the PSET locally, signs its half, and submits it. The
//! platform checks the asset's rules, co-signs and broadcasts — or says why not, which is
//! printed as one line (exit status 1).

use super::client::Server;
use super::files::WalletDir;
use crate::Output;
use anyhow::{anyhow, bail, Context};
use elements::confidential::{AssetBlindingFactor, ValueBlindingFactor};
use elements::encode::deserialize;
use elements::{Address, AssetId, OutPoint, TxOut, Txid};
use serde_json::json;
use std::path::Path;
use std::str::FromStr;
use tessera_api_types as api;
use tessera_custody::{
    build_spend, Chain, InvestorKeys, InvestorMnemonic, ManagedDescriptor, Network, SpendInput,
    SpendOutput,
};

/// What to pay.
#[derive(Debug)]
pub struct SendRequest {
    /// Asset id or uuid.
    pub asset: String,
    /// Receiving confidential address.
    pub to: String,
    /// Amount in the asset's precision.
    pub amount: String,
}

/// Fee rate used for the estimate, sat/vB (Liquid's relay minimum is 0.1).
const FEE_RATE: u64 = 1;

/// Runs `wallet send`.
pub async fn send(
    dir: &WalletDir,
    passphrase_file: Option<&Path>,
    request: SendRequest,
    out: Output,
) -> anyhow::Result<()> {
    let (server, pset) = prepare(dir, passphrase_file, request).await?;
    let result: api::TransferResult = server
        .post("wallet/transfers", json!({ "pset": pset.to_string() }))
        .await?;
    report(&result, out)
}

/// Builds and signs (the investor's half) the PSET that `wallet send` would submit, and
/// returns it unsubmitted: for tools and tests that inspect it — or tamper with it, to
/// show the platform refuses what the investor did not sign.
pub async fn signed_transfer(
    wallet_dir: &Path,
    passphrase_file: Option<&Path>,
    request: SendRequest,
) -> anyhow::Result<elements::pset::PartiallySignedTransaction> {
    let dir = WalletDir(wallet_dir.to_path_buf());
    Ok(prepare(&dir, passphrase_file, request).await?.1)
}

/// Signs `pset` again with the wallet's investor key, replacing the investor's earlier
/// signatures: the investor may sign any transaction of its own making, and tests play an
/// investor who changed what `wallet send` built (a fee in the asset, unreadable change)
/// to show the platform still refuses to co-sign it.
pub fn investor_resign(
    wallet_dir: &Path,
    passphrase_file: Option<&Path>,
    pset: &mut elements::pset::PartiallySignedTransaction,
) -> anyhow::Result<()> {
    let dir = WalletDir(wallet_dir.to_path_buf());
    let network = Network::from_str(&dir.load()?.network).map_err(|e| anyhow!("{e}"))?;
    let keys = investor_keys(&dir, passphrase_file, network)?;
    for input in pset.inputs_mut() {
        input.partial_sigs.clear();
    }
    keys.investor_sign(pset)?;
    Ok(())
}

/// Logs in, plans the spend from the account's outputs, and signs the investor's half.
async fn prepare(
    dir: &WalletDir,
    passphrase_file: Option<&Path>,
    request: SendRequest,
) -> anyhow::Result<(Server, elements::pset::PartiallySignedTransaction)> {
    let wallet = dir.load()?;
    let network = Network::from_str(&wallet.network).map_err(|e| anyhow!("{e}"))?;
    let server = super::login(dir, passphrase_file).await?;
    let keys = investor_keys(dir, passphrase_file, network)?;
    let descriptor = descriptor_of(&wallet.descriptor, &keys)?;
    let assets: Vec<api::WalletAsset> = server.get("wallet/assets").await?;
    let asset = find_asset(&assets, &request.asset)?;
    let policy = policy_asset(&assets, &wallet.network)?;
    let precision = tessera_core::Precision::new(i64::from(asset.precision))?;
    let amount = precision
        .parse(&request.amount)
        .with_context(|| format!("amount {:?}", request.amount))?
        .units();
    let asset_id = AssetId::from_str(&asset.asset_id)?;
    let to =
        Address::from_str(&request.to).map_err(|e| anyhow!("address {:?}: {e}", request.to))?;
    if !to.is_blinded() {
        bail!(
            "address {} is not confidential; managed assets go to confidential addresses",
            request.to
        );
    }
    let spendable: Vec<api::SpendableOutput> = server.get("wallet/spendable").await?;
    let mut pset = plan(
        &server,
        &descriptor,
        &spendable,
        asset_id,
        policy,
        amount,
        to,
    )
    .await?;
    keys.investor_sign(&mut pset)?;
    Ok((server, pset))
}

fn report(result: &api::TransferResult, out: Output) -> anyhow::Result<()> {
    let value = serde_json::to_value(result)?;
    match (&result.txid, &result.reason_code) {
        (Some(txid), _) => {
            out.result(txid, value);
            Ok(())
        }
        (None, code) => {
            let code = code.as_deref().unwrap_or("refused");
            if out.is_json() {
                out.result("", value);
            }
            bail!("transfer refused ({code}): {}", result.message)
        }
    }
}

async fn plan(
    server: &Server,
    descriptor: &ManagedDescriptor,
    spendable: &[api::SpendableOutput],
    asset: AssetId,
    policy: AssetId,
    amount: u64,
    to: Address,
) -> anyhow::Result<elements::pset::PartiallySignedTransaction> {
    if asset == policy {
        bail!("wallet send moves managed assets; L-BTC only pays the fee");
    }
    let (mut inputs, asset_in) = select(spendable, asset, amount)?;
    let mut outputs = vec![SpendOutput {
        address: to,
        asset,
        amount,
        change: None,
    }];
    if asset_in > amount {
        outputs.push(change(server, asset, asset_in - amount).await?);
    }
    // Sized for one more input and three blinded outputs, whatever the selection gives.
    let fee = fee_for(inputs.len() + 2, 3);
    let (fee_inputs, fee_in) = select(spendable, policy, fee)?;
    inputs.extend(fee_inputs);
    if fee_in > fee {
        outputs.push(change(server, policy, fee_in - fee).await?);
    }
    Ok(build_spend(descriptor, &inputs, &outputs, fee, policy)?)
}

/// Rough vsize of a confidential spend from 2-of-2 inputs, times the fee rate.
fn fee_for(inputs: usize, blinded_outputs: usize) -> u64 {
    let vsize = 60 + 110 * inputs as u64 + 1_300 * blinded_outputs as u64;
    vsize * FEE_RATE
}

async fn change(server: &Server, asset: AssetId, amount: u64) -> anyhow::Result<SpendOutput> {
    let a: api::AddressResponse = server.post("wallet/change-address", json!({})).await?;
    let address = Address::from_str(&a.address).map_err(|e| anyhow!("change address: {e}"))?;
    Ok(SpendOutput {
        address,
        asset,
        amount,
        change: Some((Chain::Internal, a.index)),
    })
}

/// Largest outputs of `asset` first until `target` is covered.
fn select(
    spendable: &[api::SpendableOutput],
    asset: AssetId,
    target: u64,
) -> anyhow::Result<(Vec<SpendInput>, u64)> {
    let mut mine: Vec<&api::SpendableOutput> = spendable
        .iter()
        .filter(|s| s.asset_id == asset.to_string())
        .collect();
    mine.sort_by_key(|s| std::cmp::Reverse(s.amount));
    let mut chosen = Vec::new();
    let mut total = 0u64;
    for s in mine {
        if total >= target {
            break;
        }
        total = total.saturating_add(s.amount);
        chosen.push(spend_input(s)?);
    }
    if total < target {
        bail!("insufficient funds: {total} base units of {asset} spendable, {target} needed");
    }
    Ok((chosen, total))
}

fn spend_input(s: &api::SpendableOutput) -> anyhow::Result<SpendInput> {
    let txout: TxOut = deserialize(&hex::decode(&s.txout)?)?;
    let asset = AssetId::from_str(&s.asset_id)?;
    let abf = AssetBlindingFactor::from_str(&s.asset_blinder)?;
    let vbf = ValueBlindingFactor::from_str(&s.amount_blinder)?;
    let chain = if s.chain == "internal" {
        Chain::Internal
    } else {
        Chain::External
    };
    Ok(SpendInput {
        outpoint: OutPoint::new(Txid::from_str(&s.txid)?, s.vout),
        txout,
        chain,
        index: s.index,
        secrets: SpendInput::secrets(asset, s.amount, abf, vbf),
    })
}

fn find_asset<'a>(
    assets: &'a [api::WalletAsset],
    wanted: &str,
) -> anyhow::Result<&'a api::WalletAsset> {
    assets
        .iter()
        .find(|a| a.asset_id == wanted || a.asset_uuid.as_deref() == Some(wanted))
        .ok_or_else(|| {
            anyhow!("this account holds no asset {wanted:?} (give its asset id or uuid)")
        })
}

fn policy_asset(assets: &[api::WalletAsset], network: &str) -> anyhow::Result<AssetId> {
    if let Some(a) = assets.iter().find(|a| a.is_policy_asset) {
        return Ok(AssetId::from_str(&a.asset_id)?);
    }
    bail!("this account holds no L-BTC on {network} to pay the fee")
}

fn investor_keys(
    dir: &WalletDir,
    passphrase_file: Option<&Path>,
    network: Network,
) -> anyhow::Result<InvestorKeys> {
    let passphrase = if dir.is_encrypted()? {
        Some(super::read_passphrase(passphrase_file)?)
    } else {
        None
    };
    let phrase = dir.phrase(passphrase.as_deref())?;
    Ok(InvestorKeys::from_mnemonic(
        &InvestorMnemonic::parse(&phrase)?,
        "",
        network,
    )?)
}

fn descriptor_of(text: &str, keys: &InvestorKeys) -> anyhow::Result<ManagedDescriptor> {
    let platform = text
        .split("multi(2,")
        .nth(1)
        .and_then(|rest| rest.split(',').next())
        .and_then(|key| key.strip_suffix("/<0;1>/*"))
        .ok_or_else(|| anyhow!("the wallet's descriptor has no platform key"))?;
    let platform = tessera_custody::AccountKey::from_str(platform)
        .map_err(|e| anyhow!("platform key: {e}"))?;
    let descriptor = keys.descriptor(&platform)?;
    if descriptor.as_str() != text {
        bail!("the wallet's recovery phrase does not match its descriptor");
    }
    Ok(descriptor)
}

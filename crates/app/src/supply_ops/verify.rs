//! Checks of a transaction against what it should do: pure functions, no I/O.
//!
//! Three kinds of evidence are accepted, strongest first: explicit values on chain; outputs
//! we can unblind ourselves (managed accounts: we hold their blinding keys); and blinders
//! the issuer's wallet reported, from which we recompute the Pedersen commitments and
//! compare them with the chain's — a wrong asset, amount or blinder gives another
//! commitment. Elements prints blinders byte-reversed (like txids); elements'
//! `AssetBlindingFactor::from_str`/`ValueBlindingFactor::from_str` read that display order.

use super::ClaimedOutput;
use elements::confidential::{Asset, AssetBlindingFactor, Value, ValueBlindingFactor};
use elements::secp256k1_zkp::{All, Generator, Secp256k1, SecretKey};
use elements::{AssetId, Transaction, TxOut};
use std::str::FromStr;
use std::sync::LazyLock;

static SECP: LazyLock<Secp256k1<All>> = LazyLock::new(Secp256k1::new);

/// Parses a blinder as Elements prints it (64 hex digits, display order); `None` for
/// anything else. A missing blinder is zero (explicit outputs).
pub fn asset_blinder(text: Option<&str>) -> Option<AssetBlindingFactor> {
    match text {
        None => Some(AssetBlindingFactor::zero()),
        Some(t) if t.len() == 64 => AssetBlindingFactor::from_str(t).ok(),
        Some(_) => None,
    }
}

/// Like [`asset_blinder`], for value blinders.
pub fn value_blinder(text: Option<&str>) -> Option<ValueBlindingFactor> {
    match text {
        None => Some(ValueBlindingFactor::zero()),
        Some(t) if t.len() == 64 => ValueBlindingFactor::from_str(t).ok(),
        Some(_) => None,
    }
}

/// Whether `txout` carries exactly `claim.asset` and `claim.amount`: explicit fields are
/// compared, committed ones recomputed from the claimed blinders.
pub fn opens(txout: &TxOut, claim: &ClaimedOutput) -> bool {
    let generator = match txout.asset {
        Asset::Explicit(asset) if asset == claim.asset => {
            Generator::new_unblinded(&SECP, asset.into_tag())
        }
        Asset::Confidential(generator) => {
            let expected = Asset::new_confidential(&SECP, claim.asset, claim.asset_blinder);
            if expected != txout.asset {
                return false;
            }
            generator
        }
        _ => return false,
    };
    match txout.value {
        Value::Explicit(value) => value == claim.amount.units(),
        Value::Confidential(_) => {
            Value::new_confidential(&SECP, claim.amount.units(), generator, claim.amount_blinder)
                == txout.value
        }
        Value::Null => false,
    }
}

/// The asset and value of an output to one of our managed scripts: explicit, or
/// unblinded with the account's blinding key. `None` if it does not open.
pub fn read_own_output(txout: &TxOut, blinding_secret: &SecretKey) -> Option<(AssetId, u64)> {
    if let (Asset::Explicit(asset), Value::Explicit(value)) = (txout.asset, txout.value) {
        return Some((asset, value));
    }
    tessera_custody::unblind(txout, blinding_secret)
        .ok()
        .map(|u| (u.asset, u.value))
}

/// The reissuance at input `vin` of `tx`: the asset it creates (from its entropy) and its
/// amount commitment. `None` if the input is missing or carries no reissuance (a new
/// issuance has a zero blinding nonce).
pub fn reissuance_at(tx: &Transaction, vin: u32) -> Option<(AssetId, Value)> {
    let input = tx.input.get(usize::try_from(vin).ok()?)?;
    if !input.has_issuance() {
        return None;
    }
    let issuance = &input.asset_issuance;
    if issuance.asset_blinding_nonce.is_null() {
        return None;
    }
    Some((
        AssetId::from_entropy(issuance.asset_entropy),
        issuance.amount,
    ))
}

/// Whether an issuance amount commitment (`amount`, of `asset`) holds `units`: explicit,
/// or recomputed with the issuance's value blinder (`listissuances`' `assetblinds`;
/// issuance amounts are committed with the unblinded asset generator).
pub fn issuance_amount_is(
    amount: &Value,
    asset: AssetId,
    units: u64,
    blinder: Option<ValueBlindingFactor>,
) -> bool {
    match amount {
        Value::Explicit(v) => *v == units,
        Value::Confidential(_) => blinder.is_some_and(|bf| {
            let generator = Generator::new_unblinded(&SECP, asset.into_tag());
            Value::new_confidential(&SECP, units, generator, bf) == *amount
        }),
        Value::Null => false,
    }
}

/// The sum of provably unspendable (OP_RETURN) outputs of `tx` that carry `asset`
/// explicitly: what the transaction burns of it. `None` on overflow.
pub fn burned(tx: &Transaction, asset: AssetId) -> Option<u64> {
    tx.output
        .iter()
        .filter(|o| o.script_pubkey.is_provably_unspendable() && !o.is_fee())
        .filter_map(|o| match (o.asset, o.value) {
            (Asset::Explicit(a), Value::Explicit(v)) if a == asset => Some(v),
            _ => None,
        })
        .try_fold(0u64, u64::checked_add)
}

#[cfg(test)]
#[path = "verify_tests.rs"]
mod tests;

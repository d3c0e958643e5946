//! Helpers shared by the RPC handlers: address and asset parsing, wallet access.

use std::str::FromStr;

use elements::{Address, AddressParams, AssetId};

use crate::error::RpcError;
use crate::state::State;
use crate::wallet::Wallet;

/// Parses a regtest address (confidential or not); -5 "Invalid Bitcoin address: X" otherwise.
pub fn parse_address(s: &str) -> Result<Address, RpcError> {
    Address::from_str(s)
        .ok()
        .filter(|a| a.params == &AddressParams::ELEMENTS)
        .ok_or_else(|| RpcError::invalid_address(s))
}

/// Parses an asset given as hex id or the label "bitcoin" (the policy asset).
pub fn parse_asset(state: &State, s: &str) -> Result<AssetId, RpcError> {
    if s == "bitcoin" {
        return Ok(state.chain.policy_asset());
    }
    if s.len() == 64 {
        if let Ok(a) = AssetId::from_str(s) {
            return Ok(a);
        }
    }
    Err(RpcError::wallet(format!(
        "Unknown label and invalid asset hex: {}",
        "0".repeat(64)
    )))
}

/// The label Elements prints for an asset: "bitcoin" for the policy asset, hex otherwise.
pub fn asset_label(state: &State, asset: &AssetId) -> String {
    if *asset == state.chain.policy_asset() {
        "bitcoin".to_string()
    } else {
        asset.to_string()
    }
}

/// The named wallet (exists: `wallet_name` checked it).
pub fn wallet<'a>(state: &'a State, name: &str) -> Result<&'a Wallet, RpcError> {
    state
        .wallets
        .get(name)
        .ok_or_else(RpcError::wallet_not_found)
}

/// The named wallet, mutably.
pub fn wallet_mut<'a>(state: &'a mut State, name: &str) -> Result<&'a mut Wallet, RpcError> {
    state
        .wallets
        .get_mut(name)
        .ok_or_else(RpcError::wallet_not_found)
}

/// -13 when the wallet is encrypted and locked.
pub fn ensure_unlocked(state: &State, name: &str) -> Result<(), RpcError> {
    if wallet(state, name)?.is_locked(crate::state::now()) {
        return Err(RpcError::wallet_locked());
    }
    Ok(())
}

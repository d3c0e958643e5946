//! The derivation paths Tessera uses, written down once.
//!
//! * Account keys (both sides): BIP87 multisig accounts, `m/87'/coin'/account'`. BIP87 is the
//!   standard purpose for multisig account xpubs, so hardware wallets and LWK display them
//!   sensibly; AMP2's ELIP-153 purpose is specific to Blockstream's server and not needed.
//! * The platform co-signer gives managed account number `n` the account `n`: one master key
//!   serves every account, yet no account's key reveals another's (hardened derivation).
//! * The investor uses account 0 of their mnemonic.
//! * Below an account key: `0/*` receive, `1/*` change (the descriptor's `<0;1>/*`), and
//!   `2/0` the wallet-authentication key (never used in a script, so a challenge signature can
//!   never double as a transaction signature).

use crate::Network;
use elements::bitcoin::bip32::{ChildNumber, DerivationPath};

/// BIP87 purpose (multisig accounts).
pub const PURPOSE: u32 = 87;

/// The investor's account number inside their own mnemonic.
pub const INVESTOR_ACCOUNT: u32 = 0;

/// Chain below the account key reserved for wallet authentication (receive is 0, change 1).
pub const AUTH_CHAIN: u32 = 2;

/// Index on [`AUTH_CHAIN`] of the wallet-authentication key.
pub const AUTH_INDEX: u32 = 0;

/// An account number that cannot be a hardened BIP32 index (it is 2^31 or more).
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("account index {0} is too large: account indexes are below 2^31")]
pub struct AccountIndexError(pub u32);

/// `m/87'/coin'/account'` for `network`.
pub fn account_path(network: Network, account: u32) -> Result<DerivationPath, AccountIndexError> {
    let hardened =
        |index| ChildNumber::from_hardened_idx(index).map_err(|_| AccountIndexError(index));
    Ok(DerivationPath::from(vec![
        hardened(PURPOSE)?,
        hardened(network.coin_type())?,
        hardened(account)?,
    ]))
}

/// The relative path of the wallet-authentication key below an account key (`2/0`).
pub fn auth_path() -> DerivationPath {
    DerivationPath::from(vec![
        ChildNumber::Normal { index: AUTH_CHAIN },
        ChildNumber::Normal { index: AUTH_INDEX },
    ])
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn account_paths_are_bip87() {
        let path = account_path(Network::Liquid, 5).unwrap();
        assert_eq!(path.to_string(), "87'/1776'/5'");
        let path = account_path(Network::ElementsRegtest, 0).unwrap();
        assert_eq!(path.to_string(), "87'/1'/0'");
    }

    #[test]
    fn account_indexes_past_the_hardened_range_are_refused() {
        assert_eq!(
            account_path(Network::Liquid, 1 << 31),
            Err(AccountIndexError(1 << 31))
        );
    }
}

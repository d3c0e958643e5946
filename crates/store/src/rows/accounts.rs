//! Rows of managed accounts and their addresses, and their assembly.

use super::corrupt;
use crate::StoreError;
use tessera_core::{AccountAddress, AccountId, AddressChain, Gaid, ManagedAccount};

/// `managed_accounts (id, gaid, descriptor, cosigner_index, created_at)`.
pub(crate) type AccountRow = (i64, String, String, i64, i64);
/// `account_addresses (account_id, chain, address_index, address, script_pubkey)`.
pub(crate) type AddressRow = (i64, i16, i32, String, Vec<u8>);

/// A stored integer that must fit a `u32` (an index, a height).
pub(crate) fn to_u32(what: &'static str, value: i64) -> Result<u32, StoreError> {
    u32::try_from(value).map_err(|_| corrupt(what, value.to_string()))
}

/// The stored number of an address chain (`0` external, `1` internal).
pub(crate) fn chain_number(chain: AddressChain) -> i16 {
    match chain {
        AddressChain::External => 0,
        AddressChain::Internal => 1,
    }
}

/// An account from its row.
pub(crate) fn account(
    (id, gaid, descriptor, cosigner_index, created_at): AccountRow,
) -> Result<ManagedAccount, StoreError> {
    Ok(ManagedAccount {
        id: AccountId(id),
        gaid: Gaid::parse(&gaid).map_err(|_| corrupt("GAID", gaid))?,
        descriptor,
        cosigner_index: to_u32("co-signer index", cosigner_index)?,
        created_at,
    })
}

/// An address from its row.
pub(crate) fn address(
    (account, chain, index, address, script_pubkey): AddressRow,
) -> Result<AccountAddress, StoreError> {
    Ok(AccountAddress {
        account: AccountId(account),
        chain: AddressChain::from_number(chain.into())
            .ok_or_else(|| corrupt("address chain", chain.to_string()))?,
        index: u32::try_from(index).map_err(|_| corrupt("address index", index.to_string()))?,
        address,
        script_pubkey,
    })
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn chain_numbers_round_trip_through_the_core() {
        for chain in [AddressChain::External, AddressChain::Internal] {
            let n = chain_number(chain);
            assert_eq!(i64::from(n), i64::from(chain.number()));
            let row = (1, n, 4, "addr".into(), vec![0x51]);
            assert_eq!(address(row).unwrap().chain, chain);
        }
    }

    #[test]
    fn out_of_range_stored_values_are_corrupt() {
        let err = address((1, 2, 0, "a".into(), vec![])).unwrap_err();
        assert!(
            matches!(err, StoreError::Corrupt { what: "address chain", ref value } if value == "2")
        );
        let err = address((1, 0, -1, "a".into(), vec![])).unwrap_err();
        assert!(matches!(
            err,
            StoreError::Corrupt {
                what: "address index",
                ..
            }
        ));
        let row = (1, "GAbYScu6jkWUND2jo3L4KJxyvo55d".into(), "d".into(), -5, 0);
        assert!(matches!(
            account(row).unwrap_err(),
            StoreError::Corrupt {
                what: "co-signer index",
                ..
            }
        ));
    }
}

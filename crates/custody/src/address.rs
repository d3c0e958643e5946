//! Addresses of a managed account and the blinding keys that open their outputs.
//!
//! Addresses are confidential (blech32 on Liquid, `el1…` on regtest): the descriptor's SLIP-77
//! master blinding key gives each script its own blinding key pair, whose public half is in
//! the address and whose private half lets the wallet and the chain watcher unblind outputs
//! sent to it. Derivation itself is LWK's (`WolletDescriptor`).

use crate::ManagedDescriptor;
use elements::secp256k1_zkp::SecretKey;
use elements::{Address, Script};

/// Receive or change chain of a descriptor (`<0;1>` in its keys).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Chain {
    /// Receiving addresses (`/0/*`).
    External,
    /// Change addresses (`/1/*`).
    Internal,
}

impl From<Chain> for lwk_wollet::Chain {
    fn from(chain: Chain) -> Self {
        match chain {
            Chain::External => lwk_wollet::Chain::External,
            Chain::Internal => lwk_wollet::Chain::Internal,
        }
    }
}

/// Why an address could not be derived.
#[derive(Debug, thiserror::Error)]
pub enum AddressError {
    /// Address indexes are non-hardened BIP32 indexes.
    #[error("address index {0} is too large: indexes are below 2^31")]
    HardenedIndex(u32),
    /// LWK could not derive the script.
    #[error("deriving {chain:?} address {index} failed: {source}")]
    Derivation {
        /// The index.
        index: u32,
        /// The chain.
        chain: Chain,
        /// LWK's error.
        source: lwk_wollet::Error,
    },
}

impl ManagedDescriptor {
    /// The confidential address at `index` on `chain`.
    pub fn address(&self, index: u32, chain: Chain) -> Result<Address, AddressError> {
        check_index(index)?;
        let params = self.network().address_params();
        let derived = match chain {
            Chain::External => self.wollet().address(index, params),
            Chain::Internal => self.wollet().change(index, params),
        };
        derived.map_err(|source| AddressError::Derivation {
            index,
            chain,
            source,
        })
    }

    /// The script (`OP_0 <sha256(witness script)>`) of the address at `index` on `chain`.
    pub fn script_pubkey(&self, index: u32, chain: Chain) -> Result<Script, AddressError> {
        check_index(index)?;
        self.wollet()
            .script_pubkey(chain.into(), index)
            .map_err(|source| AddressError::Derivation {
                index,
                chain,
                source,
            })
    }

    /// The blinding private key of outputs paying `script_pubkey` (SLIP-77).
    pub fn blinding_secret(&self, script_pubkey: &Script) -> SecretKey {
        self.master_blinding_key()
            .blinding_private_key(script_pubkey)
    }

    /// The blinding private key of the address at `index` on `chain`.
    pub fn blinding_secret_at(&self, index: u32, chain: Chain) -> Result<SecretKey, AddressError> {
        Ok(self.blinding_secret(&self.script_pubkey(index, chain)?))
    }
}

fn check_index(index: u32) -> Result<(), AddressError> {
    if index >= 1 << 31 {
        return Err(AddressError::HardenedIndex(index));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use crate::testkit::{descriptor, ALICE};
    use elements::secp256k1_zkp::PublicKey;

    #[test]
    fn addresses_are_confidential_regtest_addresses_of_the_script() {
        let d = descriptor(ALICE, 0);
        let address = d.address(0, Chain::External).unwrap();
        assert!(address.to_string().starts_with("el1"), "{address}");
        assert!(address.is_blinded());
        assert_eq!(
            address.script_pubkey(),
            d.script_pubkey(0, Chain::External).unwrap()
        );
        assert!(address.script_pubkey().is_v0_p2wsh());
    }

    #[test]
    fn the_blinding_key_in_the_address_matches_the_private_key() {
        let d = descriptor(ALICE, 0);
        for chain in [Chain::External, Chain::Internal] {
            for index in [0, 1, 1000] {
                let address = d.address(index, chain).unwrap();
                let secret = d.blinding_secret_at(index, chain).unwrap();
                let public = PublicKey::from_secret_key(&crate::SECP, &secret);
                assert_eq!(address.blinding_pubkey, Some(public), "{chain:?}/{index}");
            }
        }
    }

    #[test]
    fn chains_and_indexes_give_distinct_addresses() {
        let d = descriptor(ALICE, 0);
        let a = d.address(0, Chain::External).unwrap();
        let b = d.address(1, Chain::External).unwrap();
        let c = d.address(0, Chain::Internal).unwrap();
        assert_ne!(a, b);
        assert_ne!(a, c);
        assert_ne!(
            d.blinding_secret_at(0, Chain::External).unwrap(),
            d.blinding_secret_at(0, Chain::Internal).unwrap()
        );
    }

    #[test]
    fn hardened_indexes_are_refused() {
        let d = descriptor(ALICE, 0);
        assert!(matches!(
            d.address(1 << 31, Chain::External),
            Err(AddressError::HardenedIndex(2147483648))
        ));
    }
}

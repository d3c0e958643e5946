//! The three chains Tessera runs on, and what each one changes for keys and addresses.
//!
//! Only two things differ per chain in this crate: the address encoding (`lq1`/`ex1` on
//! Liquid, `tlq1`/`tex1` on testnet, `el1`/`ert1` on the Elements regtest chain that the
//! devnet and the recorded node replies use) and the BIP44-style coin type in derivation
//! paths (1776 for Liquid, 1 for every test chain, as SLIP-44 and LWK use).

use elements::bitcoin::NetworkKind;
use elements::AddressParams;
use std::fmt;
use std::str::FromStr;

/// A chain whose addresses and keys this crate derives.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Network {
    /// Liquid mainnet.
    Liquid,
    /// Liquid testnet.
    LiquidTestnet,
    /// An Elements regtest chain (`-chain=elementsregtest`, addresses `el1…`/`ert1…`).
    ElementsRegtest,
}

/// A network name that is not one of `liquid`, `liquidtestnet`, `elementsregtest`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown network {0:?}: expected liquid, liquidtestnet or elementsregtest")]
pub struct NetworkParseError(pub String);

impl Network {
    /// Every network, for tests and option lists.
    pub const ALL: [Network; 3] = [
        Network::Liquid,
        Network::LiquidTestnet,
        Network::ElementsRegtest,
    ];

    /// Address encoding parameters.
    pub fn address_params(self) -> &'static AddressParams {
        match self {
            Network::Liquid => &AddressParams::LIQUID,
            Network::LiquidTestnet => &AddressParams::LIQUID_TESTNET,
            Network::ElementsRegtest => &AddressParams::ELEMENTS,
        }
    }

    /// BIP32 coin type used in account paths (SLIP-44: 1776 for Liquid, 1 for test chains).
    pub fn coin_type(self) -> u32 {
        match self {
            Network::Liquid => 1776,
            Network::LiquidTestnet | Network::ElementsRegtest => 1,
        }
    }

    /// True for Liquid mainnet.
    pub fn is_mainnet(self) -> bool {
        self == Network::Liquid
    }

    /// Extended keys are `xpub`/`xprv` on mainnet and `tpub`/`tprv` elsewhere.
    pub fn key_kind(self) -> NetworkKind {
        if self.is_mainnet() {
            NetworkKind::Main
        } else {
            NetworkKind::Test
        }
    }

    /// The name used in configuration and on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            Network::Liquid => "liquid",
            Network::LiquidTestnet => "liquidtestnet",
            Network::ElementsRegtest => "elementsregtest",
        }
    }

    /// LWK's view of the same chain (its signer checks key kinds against it). The regtest
    /// genesis hash LWK assumes only matters for taproot sighashes, which managed accounts
    /// (segwit v0) never compute.
    pub(crate) fn lwk(self) -> lwk_common::Network {
        match self {
            Network::Liquid => lwk_common::Network::Liquid,
            Network::LiquidTestnet => lwk_common::Network::TestnetLiquid,
            Network::ElementsRegtest => lwk_common::Network::default_regtest(),
        }
    }
}

impl fmt::Display for Network {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Network {
    type Err = NetworkParseError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Network::ALL
            .into_iter()
            .find(|n| n.as_str() == s)
            .ok_or_else(|| NetworkParseError(s.to_owned()))
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn names_round_trip_and_unknown_names_are_refused() {
        for network in Network::ALL {
            assert_eq!(network.as_str().parse::<Network>().unwrap(), network);
        }
        let err = "bitcoin".parse::<Network>().unwrap_err();
        assert!(err.to_string().contains("\"bitcoin\""));
    }

    #[test]
    fn regtest_uses_the_elements_prefixes_of_the_devnet() {
        let params = Network::ElementsRegtest.address_params();
        assert_eq!(params.blech_hrp.to_string(), "el");
        assert_eq!(params.bech_hrp.to_string(), "ert");
        assert_eq!(Network::Liquid.coin_type(), 1776);
        assert_eq!(Network::ElementsRegtest.coin_type(), 1);
    }
}

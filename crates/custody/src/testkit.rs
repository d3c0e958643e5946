//! Fixtures shared by the unit tests: a co-signer, two investors, their descriptors.

#![allow(clippy::unwrap_used)]

use crate::{CosignerMaster, InvestorKeys, InvestorMnemonic, ManagedDescriptor, Network};

pub const NET: Network = Network::ElementsRegtest;

pub const ALICE: &str =
    "abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about";
pub const BOB: &str = "legal winner thank year wave sausage worth useful legal winner thank yellow";

/// A fixed co-signer master (deterministic tests).
pub fn cosigner() -> CosignerMaster {
    let xprv = elements::bitcoin::bip32::Xpriv::new_master(NET.key_kind(), &[7u8; 32]).unwrap();
    CosignerMaster::from_xprv(xprv, NET).unwrap()
}

pub fn investor(phrase: &str) -> InvestorKeys {
    InvestorKeys::from_mnemonic(&InvestorMnemonic::parse(phrase).unwrap(), "", NET).unwrap()
}

/// The managed account `account` of `phrase`'s investor.
pub fn descriptor(phrase: &str, account: u32) -> ManagedDescriptor {
    let platform = cosigner().account_key(account).unwrap();
    investor(phrase).descriptor(&platform).unwrap()
}

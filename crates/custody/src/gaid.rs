//! The GAID of a managed account, derived from its descriptor.
//!
//! AMP's GAIDs are opaque 20-byte numbers issued by Blockstream's backend. Tessera derives
//! them instead, so that the same account always gets the same GAID on every server instance
//! without a counter in the database: `hash160(tag || canonical descriptor || counter)`, with
//! the 4-byte big-endian counter starting at 0 and raised only in the few-in-a-million cases
//! where the bytes would print shorter than a GAID may be ([`Gaid::from_account_bytes`]). The
//! tag keeps these hashes apart from any other hash160 of the same text.

use crate::ManagedDescriptor;
use elements::hashes::{hash160, HashEngine};
use tessera_core::gaid::Gaid;

/// Domain-separation tag of GAID derivation.
const GAID_TAG: &[u8] = b"tessera/gaid/v1\0";

impl ManagedDescriptor {
    /// The account's GAID (a pure function of the canonical descriptor).
    pub fn gaid(&self) -> Gaid {
        derive(self.as_str(), Gaid::from_account_bytes)
    }
}

fn derive(canonical: &str, accept: impl Fn([u8; 20]) -> Option<Gaid>) -> Gaid {
    let mut counter: u32 = 0;
    loop {
        let mut engine = hash160::Hash::engine();
        engine.input(GAID_TAG);
        engine.input(canonical.as_bytes());
        engine.input(&counter.to_be_bytes());
        if let Some(gaid) = accept(hash160::Hash::from_engine(engine).to_byte_array()) {
            return gaid;
        }
        counter = counter.wrapping_add(1);
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use crate::testkit::{descriptor, ALICE, BOB};
    use std::cell::Cell;

    #[test]
    fn the_same_account_always_gets_the_same_gaid() {
        let a = descriptor(ALICE, 0).gaid();
        let b = descriptor(ALICE, 0).gaid();
        assert_eq!(a, b);
        assert_eq!(Gaid::parse(a.as_str()).unwrap(), a);
    }

    #[test]
    fn different_accounts_get_different_gaids() {
        let gaids = [
            descriptor(ALICE, 0).gaid(),
            descriptor(ALICE, 1).gaid(),
            descriptor(BOB, 0).gaid(),
        ];
        assert_ne!(gaids[0], gaids[1]);
        assert_ne!(gaids[0], gaids[2]);
        assert_ne!(gaids[1], gaids[2]);
    }

    #[test]
    fn refused_bytes_are_rehashed_with_the_next_counter() {
        let tries = Cell::new(0);
        let gaid = derive("text", |bytes| {
            tries.set(tries.get() + 1);
            (tries.get() > 2)
                .then(|| Gaid::from_account_bytes(bytes))
                .flatten()
        });
        assert_eq!(tries.get(), 3);
        assert_ne!(gaid, derive("text", Gaid::from_account_bytes));
    }
}

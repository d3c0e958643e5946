//! The managed-account descriptor, and the gate that decides which descriptors are managed
//! accounts.
//!
//! A managed account is exactly
//! `ct(slip77(<key>),elwsh(multi(2,<platform>/<0;1>/*,<investor>/<0;1>/*)))`, platform key
//! first as in AMP2. The server registers descriptors that wallets send it, so [`parse`] is a
//! security boundary: anything else — another script, another threshold, a bare or missing
//! blinding key, keys without origin or with other derivation steps, the same key twice, or a
//! platform key that is not the one the server issued for that account (a *foreign co-signer*,
//! which would make the server co-sign for nobody it knows) — is refused with an error that
//! names what was found. Parsing and address derivation are elements-miniscript's and LWK's;
//! this module only checks the shape.
//!
//! [`parse`]: ManagedDescriptor::parse

use crate::{AccountKey, Network};
use elements::bitcoin::bip32::{ChildNumber, DerivationPath};
use elements_miniscript::confidential::Key;
use elements_miniscript::descriptor::{DescriptorMultiXKey, Wildcard, WshInner};
use elements_miniscript::slip77::MasterBlindingKey;
use elements_miniscript::{
    AnalysisError, ConfidentialDescriptor, Descriptor, DescriptorPublicKey, Terminal,
};
use lwk_wollet::WolletDescriptor;
use std::fmt;
use std::str::FromStr;

/// Why a descriptor is not the managed account it claims to be.
#[derive(Debug, thiserror::Error)]
pub enum DescriptorError {
    /// Not a descriptor at all (bad syntax, bad checksum, bad key encoding).
    #[error("malformed descriptor: {0}")]
    Malformed(elements_miniscript::Error),
    /// The blinding key is not `slip77(…)`.
    #[error("the blinding key must be slip77(<hex>), found {0}")]
    BlindingKey(String),
    /// The script is not `elwsh(multi(…))`.
    #[error("the script must be elwsh(multi(2,<platform>,<investor>)), found {0}")]
    ScriptType(String),
    /// A multisig other than 2-of-2.
    #[error("the multisig must be 2-of-2, found {threshold}-of-{keys}")]
    Threshold {
        /// Signatures required.
        threshold: usize,
        /// Keys present.
        keys: usize,
    },
    /// A key that is not `[fingerprint/path]xpub/<0;1>/*`.
    #[error("key {0} must be an xpub with a [fingerprint/path] origin followed by /<0;1>/*")]
    KeyShape(String),
    /// The same key appears twice.
    #[error("the same key appears twice: {0}")]
    DuplicateKey(String),
    /// The platform key is not the one this platform issued for the account.
    #[error("foreign co-signer key {found}: this account's platform key is {expected}")]
    ForeignCosigner {
        /// The key in the descriptor's platform position.
        found: String,
        /// The key the platform issued.
        expected: String,
    },
    /// A key encoded for another chain.
    #[error("key {key} is not a {network} key")]
    WrongNetwork {
        /// The key.
        key: String,
        /// The network expected.
        network: Network,
    },
    /// LWK refuses the descriptor as a wallet.
    #[error("the descriptor is not usable as a wallet: {0}")]
    Unsupported(lwk_wollet::Error),
    /// The investor's own key could not be derived.
    #[error("the investor key could not be derived: {0}")]
    InvestorKey(#[from] crate::InvestorKeyError),
}

/// A validated managed-account descriptor.
#[derive(Clone)]
pub struct ManagedDescriptor {
    wollet: WolletDescriptor,
    canonical: String,
    platform: AccountKey,
    investor: AccountKey,
    blinding: MasterBlindingKey,
    network: Network,
}

impl ManagedDescriptor {
    /// Builds the descriptor of a managed account from its parts.
    pub fn new(
        blinding: &MasterBlindingKey,
        platform: &AccountKey,
        investor: &AccountKey,
        network: Network,
    ) -> Result<Self, DescriptorError> {
        let text = format!(
            "ct(slip77({blinding}),elwsh(multi(2,{},{})))",
            platform.descriptor_key(),
            investor.descriptor_key()
        );
        Self::parse(&text, platform, network)
    }

    /// Parses a descriptor and accepts it only if it is a managed account whose platform key
    /// is `expected_platform_key`.
    pub fn parse(
        text: &str,
        expected_platform_key: &AccountKey,
        network: Network,
    ) -> Result<Self, DescriptorError> {
        let ct =
            ConfidentialDescriptor::<DescriptorPublicKey>::from_str(text.trim()).map_err(|e| {
                match e {
                    elements_miniscript::Error::AnalysisError(AnalysisError::RepeatedPubkeys) => {
                        DescriptorError::DuplicateKey(repeated_key(text))
                    }
                    e => DescriptorError::Malformed(e),
                }
            })?;
        let blinding = match &ct.key {
            Key::Slip77(k) => *k,
            Key::Bare(k) => return Err(DescriptorError::BlindingKey(format!("bare key {k}"))),
            Key::View(_) => return Err(DescriptorError::BlindingKey("a view key".into())),
        };
        let [platform, investor] = multisig_keys(&ct.descriptor)?;
        let platform = account_key(platform)?;
        let investor = account_key(investor)?;
        if platform.xpub() == investor.xpub() {
            return Err(DescriptorError::DuplicateKey(investor.to_string()));
        }
        if &platform != expected_platform_key {
            return Err(DescriptorError::ForeignCosigner {
                found: platform.to_string(),
                expected: expected_platform_key.to_string(),
            });
        }
        for key in [&platform, &investor] {
            if !key.is_for(network) {
                return Err(DescriptorError::WrongNetwork {
                    key: key.to_string(),
                    network,
                });
            }
        }
        let canonical = ct.to_string();
        let wollet = WolletDescriptor::try_from(ct).map_err(DescriptorError::Unsupported)?;
        Ok(Self {
            wollet,
            canonical,
            platform,
            investor,
            blinding,
            network,
        })
    }

    /// The canonical text (elements-miniscript's rendering, with checksum): store and compare
    /// this form.
    pub fn as_str(&self) -> &str {
        &self.canonical
    }

    /// The platform co-signer's key.
    pub fn platform_key(&self) -> &AccountKey {
        &self.platform
    }

    /// The investor's key.
    pub fn investor_key(&self) -> &AccountKey {
        &self.investor
    }

    /// The SLIP-77 master blinding key (lets its holder unblind every output of the account).
    pub fn master_blinding_key(&self) -> &MasterBlindingKey {
        &self.blinding
    }

    /// The chain the descriptor's addresses are for.
    pub fn network(&self) -> Network {
        self.network
    }

    pub(crate) fn wollet(&self) -> &WolletDescriptor {
        &self.wollet
    }
}

/// The two keys of `elwsh(multi(2,a,b))`, or why the descriptor has another shape.
fn multisig_keys(
    descriptor: &Descriptor<DescriptorPublicKey>,
) -> Result<[&DescriptorPublicKey; 2], DescriptorError> {
    let found = || format!("{:?}", descriptor.desc_type());
    let Descriptor::Wsh(wsh) = descriptor else {
        return Err(DescriptorError::ScriptType(found()));
    };
    let WshInner::Ms(ms) = wsh.as_inner() else {
        return Err(DescriptorError::ScriptType(found()));
    };
    let Terminal::Multi(threshold, keys) = &ms.node else {
        return Err(DescriptorError::ScriptType(format!("elwsh({ms})")));
    };
    match keys.as_slice() {
        [a, b] if *threshold == 2 => Ok([a, b]),
        _ => Err(DescriptorError::Threshold {
            threshold: *threshold,
            keys: keys.len(),
        }),
    }
}

/// The account key behind `[fp/path]xpub/<0;1>/*`, or [`DescriptorError::KeyShape`].
fn account_key(key: &DescriptorPublicKey) -> Result<AccountKey, DescriptorError> {
    let shape_err = || DescriptorError::KeyShape(key.to_string());
    let DescriptorPublicKey::MultiXPub(DescriptorMultiXKey {
        origin: Some((fingerprint, path)),
        xkey,
        derivation_paths,
        wildcard: Wildcard::Unhardened,
    }) = key
    else {
        return Err(shape_err());
    };
    let receive_change =
        [0, 1].map(|index| DerivationPath::from(vec![ChildNumber::Normal { index }]));
    if derivation_paths.paths().as_slice() != receive_change {
        return Err(shape_err());
    }
    Ok(AccountKey::new(*fingerprint, path.clone(), *xkey))
}

/// Best effort at naming the key that appears twice in a descriptor the parser refused.
fn repeated_key(text: &str) -> String {
    let keys: Vec<&str> = text
        .split([',', '(', ')'])
        .filter(|part| part.contains("pub"))
        .collect();
    keys.iter()
        .enumerate()
        .find(|(i, k)| keys[i + 1..].contains(k))
        .map(|(_, k)| (*k).to_owned())
        .unwrap_or_else(|| "(not located)".to_owned())
}

impl fmt::Display for ManagedDescriptor {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.canonical)
    }
}

impl fmt::Debug for ManagedDescriptor {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ManagedDescriptor")
            .field("platform", &self.platform.to_string())
            .field("investor", &self.investor.to_string())
            .field("blinding", &"<redacted>")
            .field("network", &self.network)
            .finish()
    }
}

impl PartialEq for ManagedDescriptor {
    fn eq(&self, other: &Self) -> bool {
        self.canonical == other.canonical && self.network == other.network
    }
}

impl Eq for ManagedDescriptor {}

#[cfg(test)]
#[path = "descriptor_tests.rs"]
mod tests;

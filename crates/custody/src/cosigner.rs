//! The platform co-signer's master key: one BIP32 master from which every managed account's
//! platform key is derived.
//!
//! One master instead of one key per account keeps backups to a single secret and lets the
//! server re-derive any account key from its index alone. Each account gets the hardened
//! account `m/87'/coin'/index'`, so a leaked account key (or a descriptor) says nothing about
//! the others. The master is serialised as a BIP32 extended private key (`xprv…` on Liquid,
//! `tprv…` elsewhere) and never appears in `Debug` output.

use crate::path::{account_path, AccountIndexError};
use crate::{AccountKey, Network};
use elements::bitcoin::bip32::{DerivationPath, Fingerprint, Xpriv, Xpub};
use lwk_signer::SwSigner;
use rand::rngs::OsRng;
use rand::RngCore;
use secrecy::SecretString;
use std::fmt;
use std::str::FromStr;

/// Why a co-signer master key could not be made or read.
#[derive(Debug, thiserror::Error)]
pub enum CosignerKeyError {
    /// The text is not an extended private key (the text itself is not repeated: it is secret).
    #[error("the co-signer key is not a BIP32 extended private key: {0}")]
    Syntax(elements::bitcoin::bip32::Error),
    /// The key was made for another chain.
    #[error("the co-signer key is a {found:?}-network key but the platform runs on {network}")]
    WrongNetwork {
        /// Kind of key found.
        found: elements::bitcoin::NetworkKind,
        /// Network configured.
        network: Network,
    },
    /// The key is not a master key (depth 0).
    #[error("the co-signer key has depth {0}; a master key (depth 0) is expected")]
    NotMaster(u8),
    /// An account index outside the hardened range.
    #[error(transparent)]
    AccountIndex(#[from] AccountIndexError),
    /// BIP32 derivation failed.
    #[error("deriving the co-signer key along {path} failed: {source}")]
    Derivation {
        /// The path tried.
        path: DerivationPath,
        /// The signer's error.
        source: lwk_signer::SignError,
    },
}

/// The platform co-signer's BIP32 master key.
#[derive(Clone)]
pub struct CosignerMaster {
    signer: SwSigner,
    network: Network,
}

impl CosignerMaster {
    /// A fresh master key from 32 bytes of operating-system randomness.
    pub fn generate(network: Network) -> Result<Self, CosignerKeyError> {
        let mut seed = [0u8; 32];
        OsRng.fill_bytes(&mut seed);
        let xprv = Xpriv::new_master(network.key_kind(), &seed).map_err(CosignerKeyError::Syntax);
        seed.fill(0);
        Self::from_xprv(xprv?, network)
    }

    /// Reads a master key from its `xprv…`/`tprv…` text, checking its chain and depth.
    pub fn from_xprv_str(text: &str, network: Network) -> Result<Self, CosignerKeyError> {
        let xprv = Xpriv::from_str(text.trim()).map_err(CosignerKeyError::Syntax)?;
        Self::from_xprv(xprv, network)
    }

    pub(crate) fn from_xprv(xprv: Xpriv, network: Network) -> Result<Self, CosignerKeyError> {
        if xprv.network != network.key_kind() {
            return Err(CosignerKeyError::WrongNetwork {
                found: xprv.network,
                network,
            });
        }
        if xprv.depth != 0 {
            return Err(CosignerKeyError::NotMaster(xprv.depth));
        }
        let signer = SwSigner::from_xprv_with_network(xprv, network.lwk()).map_err(|_| {
            CosignerKeyError::WrongNetwork {
                found: xprv.network,
                network,
            }
        })?;
        Ok(Self { signer, network })
    }

    /// The master key as text, for the key file. Keep it secret.
    pub fn to_xprv_string(&self) -> Result<SecretString, CosignerKeyError> {
        let master = self.derive_xprv(&DerivationPath::master())?;
        Ok(SecretString::from(master.to_string()))
    }

    /// Fingerprint of the master key (appears in every account key origin).
    pub fn fingerprint(&self) -> Fingerprint {
        self.signer.fingerprint()
    }

    /// The chain this key serves.
    pub fn network(&self) -> Network {
        self.network
    }

    /// The platform key of managed account `account_index`: origin `[fingerprint/87'/coin'/index']`
    /// and the account xpub.
    pub fn account_key(&self, account_index: u32) -> Result<AccountKey, CosignerKeyError> {
        let path = account_path(self.network, account_index)?;
        let xprv = self.derive_xprv(&path)?;
        let xpub = Xpub::from_priv(&crate::SECP, &xprv);
        Ok(AccountKey::new(self.fingerprint(), path, xpub))
    }

    pub(crate) fn derive_xprv(&self, path: &DerivationPath) -> Result<Xpriv, CosignerKeyError> {
        self.signer
            .derive_xprv(path)
            .map_err(|source| CosignerKeyError::Derivation {
                path: path.clone(),
                source,
            })
    }

    pub(crate) fn signer(&self) -> &SwSigner {
        &self.signer
    }
}

impl fmt::Debug for CosignerMaster {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("CosignerMaster")
            .field("fingerprint", &self.fingerprint())
            .field("network", &self.network)
            .field("xprv", &"<redacted>")
            .finish()
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use secrecy::ExposeSecret;

    #[test]
    fn a_master_key_survives_its_text_form() {
        let master = CosignerMaster::generate(Network::ElementsRegtest).unwrap();
        let text = master.to_xprv_string().unwrap();
        assert!(text.expose_secret().starts_with("tprv"));
        let again =
            CosignerMaster::from_xprv_str(text.expose_secret(), Network::ElementsRegtest).unwrap();
        assert_eq!(again.fingerprint(), master.fingerprint());
        assert_eq!(
            again.account_key(7).unwrap(),
            master.account_key(7).unwrap()
        );
    }

    #[test]
    fn generated_keys_differ() {
        let a = CosignerMaster::generate(Network::Liquid).unwrap();
        let b = CosignerMaster::generate(Network::Liquid).unwrap();
        assert_ne!(a.fingerprint(), b.fingerprint());
    }

    #[test]
    fn debug_never_shows_the_private_key() {
        let master = CosignerMaster::generate(Network::Liquid).unwrap();
        let secret = master.to_xprv_string().unwrap();
        let debug = format!("{master:?}");
        assert!(!debug.contains(secret.expose_secret()));
        assert!(!debug.contains("xprv9"));
        assert!(debug.contains("redacted"));
    }

    #[test]
    fn account_keys_are_hardened_bip87_accounts_and_distinct() {
        let master = CosignerMaster::generate(Network::LiquidTestnet).unwrap();
        let k0 = master.account_key(0).unwrap();
        let k1 = master.account_key(1).unwrap();
        assert_ne!(k0.xpub(), k1.xpub());
        assert_eq!(k1.fingerprint(), master.fingerprint());
        assert_eq!(k1.path(), &"m/87'/1'/1'".parse::<DerivationPath>().unwrap());
        assert!(k1.xpub().to_string().starts_with("tpub"));
        assert!(matches!(
            master.account_key(u32::MAX),
            Err(CosignerKeyError::AccountIndex(_))
        ));
    }

    #[test]
    fn keys_of_another_chain_or_depth_are_refused() {
        let master = CosignerMaster::generate(Network::Liquid).unwrap();
        let text = master.to_xprv_string().unwrap();
        let err = CosignerMaster::from_xprv_str(text.expose_secret(), Network::LiquidTestnet)
            .unwrap_err();
        assert!(
            matches!(err, CosignerKeyError::WrongNetwork { .. }),
            "{err}"
        );
        let child = master.derive_xprv(&"m/1".parse().unwrap()).unwrap();
        let err = CosignerMaster::from_xprv_str(&child.to_string(), Network::Liquid).unwrap_err();
        assert!(matches!(err, CosignerKeyError::NotMaster(1)), "{err}");
        let err = CosignerMaster::from_xprv_str("not a key", Network::Liquid).unwrap_err();
        assert!(matches!(err, CosignerKeyError::Syntax(_)), "{err}");
    }
}

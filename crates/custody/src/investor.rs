//! The investor's side of a managed account: everything derives from a BIP39 mnemonic.
//!
//! From the mnemonic (and an optional BIP39 passphrase) come the BIP32 master key, the account
//! key `m/87'/coin'/0'` that goes into the descriptor, and the SLIP-77 master blinding key that
//! makes the account's addresses confidential. LWK's software signer holds the master key and
//! signs; the passphrase is applied here because LWK's mnemonic constructor has no passphrase.

use crate::path::{account_path, AccountIndexError, INVESTOR_ACCOUNT};
use crate::{AccountKey, DescriptorError, ManagedDescriptor, Network};
use elements::bitcoin::bip32::{DerivationPath, Xpriv, Xpub};
use elements_miniscript::slip77::MasterBlindingKey;
use lwk_signer::SwSigner;
use secrecy::SecretString;
use std::fmt;
use std::str::FromStr;

/// Number of words of a new mnemonic.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WordCount {
    /// 12 words (128 bits of entropy).
    Twelve,
    /// 24 words (256 bits of entropy).
    TwentyFour,
}

/// Why investor keys could not be made.
#[derive(Debug, thiserror::Error)]
pub enum InvestorKeyError {
    /// The phrase is not a valid BIP39 English mnemonic (the phrase is not repeated: it is secret).
    #[error("not a valid BIP39 mnemonic: {0}")]
    Mnemonic(bip39::Error),
    /// The seed does not give a BIP32 master key (probability 2^-127).
    #[error("the seed does not give a BIP32 master key: {0}")]
    Master(elements::bitcoin::bip32::Error),
    /// LWK's signer refused the master key.
    #[error("the software signer refused the master key: {0}")]
    Signer(lwk_signer::NewError),
    /// An account index outside the hardened range.
    #[error(transparent)]
    AccountIndex(#[from] AccountIndexError),
    /// BIP32 derivation failed.
    #[error("deriving the investor key along {path} failed: {source}")]
    Derivation {
        /// The path tried.
        path: DerivationPath,
        /// The signer's error.
        source: lwk_signer::SignError,
    },
}

/// A BIP39 mnemonic whose words never appear in `Debug` output.
#[derive(Clone)]
pub struct InvestorMnemonic(bip39::Mnemonic);

impl InvestorMnemonic {
    /// A new random mnemonic (operating-system randomness).
    pub fn generate(words: WordCount) -> Result<Self, InvestorKeyError> {
        let mut entropy = [0u8; 32];
        rand::RngCore::fill_bytes(&mut rand::rngs::OsRng, &mut entropy);
        let len = match words {
            WordCount::Twelve => 16,
            WordCount::TwentyFour => 32,
        };
        let mnemonic = bip39::Mnemonic::from_entropy(&entropy[..len]);
        entropy.fill(0);
        mnemonic.map(Self).map_err(InvestorKeyError::Mnemonic)
    }

    /// Parses an English mnemonic (checksum included).
    pub fn parse(phrase: &str) -> Result<Self, InvestorKeyError> {
        bip39::Mnemonic::parse_in(bip39::Language::English, phrase)
            .map(Self)
            .map_err(InvestorKeyError::Mnemonic)
    }

    /// The words, to show once to the investor for backup.
    pub fn phrase(&self) -> SecretString {
        SecretString::from(self.0.to_string())
    }

    /// Number of words.
    pub fn word_count(&self) -> usize {
        self.0.word_count()
    }
}

impl FromStr for InvestorMnemonic {
    type Err = InvestorKeyError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s)
    }
}

impl fmt::Debug for InvestorMnemonic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "InvestorMnemonic(<{} words redacted>)",
            self.0.word_count()
        )
    }
}

/// The investor's keys for one managed account.
#[derive(Clone)]
pub struct InvestorKeys {
    signer: SwSigner,
    blinding: MasterBlindingKey,
    network: Network,
}

impl InvestorKeys {
    /// Derives the keys from a mnemonic and BIP39 passphrase (`""` for none).
    pub fn from_mnemonic(
        mnemonic: &InvestorMnemonic,
        passphrase: &str,
        network: Network,
    ) -> Result<Self, InvestorKeyError> {
        let mut seed = mnemonic.0.to_seed(passphrase);
        let blinding = MasterBlindingKey::from_seed(&seed);
        let xprv = Xpriv::new_master(network.key_kind(), &seed);
        seed.fill(0);
        let xprv = xprv.map_err(InvestorKeyError::Master)?;
        let signer = SwSigner::from_xprv_with_network(xprv, network.lwk())
            .map_err(InvestorKeyError::Signer)?;
        Ok(Self {
            signer,
            blinding,
            network,
        })
    }

    /// The account key `[fingerprint/87'/coin'/0']xpub` that goes into the descriptor.
    pub fn account_key(&self) -> Result<AccountKey, InvestorKeyError> {
        let path = account_path(self.network, INVESTOR_ACCOUNT)?;
        let xprv = self.derive_xprv(&path)?;
        Ok(AccountKey::new(
            self.signer.fingerprint(),
            path,
            Xpub::from_priv(&crate::SECP, &xprv),
        ))
    }

    /// The SLIP-77 master blinding key (from the BIP39 seed, passphrase included).
    pub fn master_blinding_key(&self) -> MasterBlindingKey {
        self.blinding
    }

    /// The chain these keys are for.
    pub fn network(&self) -> Network {
        self.network
    }

    /// The managed account's descriptor with the platform key the server handed out.
    pub fn descriptor(&self, platform: &AccountKey) -> Result<ManagedDescriptor, DescriptorError> {
        let investor = self.account_key()?;
        ManagedDescriptor::new(&self.blinding, platform, &investor, self.network)
    }

    pub(crate) fn derive_xprv(&self, path: &DerivationPath) -> Result<Xpriv, InvestorKeyError> {
        self.signer
            .derive_xprv(path)
            .map_err(|source| InvestorKeyError::Derivation {
                path: path.clone(),
                source,
            })
    }

    pub(crate) fn signer(&self) -> &SwSigner {
        &self.signer
    }
}

impl fmt::Debug for InvestorKeys {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("InvestorKeys")
            .field("fingerprint", &self.signer.fingerprint())
            .field("network", &self.network)
            .field("secrets", &"<redacted>")
            .finish()
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use lwk_common::Signer;
    use secrecy::ExposeSecret;

    /// The BIP39 test vector mnemonic ("abandon … about").
    const ABANDON: &str = "abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about";

    #[test]
    fn mnemonics_have_the_requested_length_and_round_trip() {
        for (count, words) in [(WordCount::Twelve, 12), (WordCount::TwentyFour, 24)] {
            let m = InvestorMnemonic::generate(count).unwrap();
            assert_eq!(m.word_count(), words);
            let again = InvestorMnemonic::parse(m.phrase().expose_secret()).unwrap();
            assert_eq!(again.phrase().expose_secret(), m.phrase().expose_secret());
        }
        assert!(InvestorMnemonic::parse("abandon abandon").is_err());
    }

    #[test]
    fn debug_hides_words_and_keys() {
        let m = InvestorMnemonic::parse(ABANDON).unwrap();
        assert!(!format!("{m:?}").contains("abandon"));
        let keys = InvestorKeys::from_mnemonic(&m, "", Network::Liquid).unwrap();
        let debug = format!("{keys:?}");
        assert!(!debug.contains(&keys.master_blinding_key().to_string()));
    }

    #[test]
    fn keys_without_passphrase_match_lwk_software_signer() {
        let m = InvestorMnemonic::parse(ABANDON).unwrap();
        let keys = InvestorKeys::from_mnemonic(&m, "", Network::LiquidTestnet).unwrap();
        let lwk = SwSigner::new_with_network(ABANDON, lwk_common::Network::TestnetLiquid).unwrap();
        assert_eq!(
            keys.master_blinding_key(),
            lwk.slip77_master_blinding_key().unwrap()
        );
        let key = keys.account_key().unwrap();
        assert_eq!(key.fingerprint().to_string(), "73c5da0a");
        assert_eq!(
            key.xpub(),
            &lwk.derive_xpub(&"m/87h/1h/0h".parse().unwrap()).unwrap()
        );
    }

    #[test]
    fn a_passphrase_gives_other_keys() {
        let m = InvestorMnemonic::parse(ABANDON).unwrap();
        let plain = InvestorKeys::from_mnemonic(&m, "", Network::Liquid).unwrap();
        let salted = InvestorKeys::from_mnemonic(&m, "TREZOR", Network::Liquid).unwrap();
        assert_ne!(plain.account_key().unwrap(), salted.account_key().unwrap());
        assert_ne!(plain.master_blinding_key(), salted.master_blinding_key());
        assert!(plain
            .account_key()
            .unwrap()
            .xpub()
            .to_string()
            .starts_with("xpub"));
    }
}

//! The wallet's files: `wallet.json` (public account data) and `mnemonic` (the secret).
//!
//! The mnemonic is written once, readable only by its owner (0600), and optionally
//! encrypted with a passphrase (argon2id key derivation, ChaCha20-Poly1305).

use crate::commands::private_file::write_private;
use anyhow::{bail, Context};
use argon2::Argon2;
use chacha20poly1305::aead::{Aead, KeyInit};
use chacha20poly1305::{ChaCha20Poly1305, Key, Nonce};
use rand::RngCore;
use serde::{Deserialize, Serialize};
use std::path::PathBuf;

/// Public data of a wallet (safe to show).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct WalletFile {
    /// Base URL of the Tessera server, e.g. `http://127.0.0.1:8080`.
    pub server: String,
    /// Network name (`elementsregtest`, `liquid`, ...).
    pub network: String,
    /// The account's GAID.
    pub gaid: String,
    /// The account's descriptor.
    pub descriptor: String,
}

#[derive(Serialize, Deserialize)]
#[serde(tag = "format")]
enum MnemonicFile {
    #[serde(rename = "plain")]
    Plain { phrase: String },
    #[serde(rename = "argon2id-chacha20poly1305")]
    Encrypted {
        salt: String,
        nonce: String,
        ciphertext: String,
    },
}

/// Paths of a wallet directory.
pub struct WalletDir(pub PathBuf);

impl WalletDir {
    fn wallet_json(&self) -> PathBuf {
        self.0.join("wallet.json")
    }

    fn mnemonic(&self) -> PathBuf {
        self.0.join("mnemonic.json")
    }

    /// Whether a wallet already exists here.
    pub fn exists(&self) -> bool {
        self.wallet_json().exists() || self.mnemonic().exists()
    }

    /// Reads `wallet.json`.
    pub fn load(&self) -> anyhow::Result<WalletFile> {
        let path = self.wallet_json();
        let text = std::fs::read_to_string(&path).with_context(|| {
            format!(
                "no wallet at {} (create one with `tessera wallet create --server URL`)",
                path.display()
            )
        })?;
        serde_json::from_str(&text).with_context(|| format!("{} is damaged", path.display()))
    }

    /// Writes `wallet.json` and the mnemonic (encrypted when a passphrase is given).
    pub fn save(
        &self,
        wallet: &WalletFile,
        phrase: &str,
        passphrase: Option<&str>,
    ) -> anyhow::Result<()> {
        std::fs::create_dir_all(&self.0)
            .with_context(|| format!("cannot create {}", self.0.display()))?;
        let secret = match passphrase {
            None => MnemonicFile::Plain {
                phrase: phrase.to_owned(),
            },
            Some(p) => encrypt(phrase, p)?,
        };
        write_private(&self.mnemonic(), &serde_json::to_string_pretty(&secret)?)?;
        write_private(&self.wallet_json(), &serde_json::to_string_pretty(wallet)?)?;
        Ok(())
    }

    /// Whether the mnemonic is encrypted (a passphrase is needed to read it).
    pub fn is_encrypted(&self) -> anyhow::Result<bool> {
        Ok(matches!(
            self.read_mnemonic_file()?,
            MnemonicFile::Encrypted { .. }
        ))
    }

    /// Reads the mnemonic phrase, decrypting it with `passphrase` when encrypted.
    pub fn phrase(&self, passphrase: Option<&str>) -> anyhow::Result<String> {
        match self.read_mnemonic_file()? {
            MnemonicFile::Plain { phrase } => Ok(phrase),
            MnemonicFile::Encrypted {
                salt,
                nonce,
                ciphertext,
            } => {
                let Some(passphrase) = passphrase else {
                    bail!("the wallet is encrypted; give its passphrase with --passphrase-file or TESSERA_WALLET_PASSPHRASE");
                };
                decrypt(&salt, &nonce, &ciphertext, passphrase)
            }
        }
    }

    fn read_mnemonic_file(&self) -> anyhow::Result<MnemonicFile> {
        let path = self.mnemonic();
        let text = std::fs::read_to_string(&path)
            .with_context(|| format!("cannot read {}", path.display()))?;
        serde_json::from_str(&text).with_context(|| format!("{} is damaged", path.display()))
    }
}

fn key_of(passphrase: &str, salt: &[u8]) -> anyhow::Result<Key> {
    let mut key = [0u8; 32];
    Argon2::default()
        .hash_password_into(passphrase.as_bytes(), salt, &mut key)
        .map_err(|e| anyhow::anyhow!("key derivation failed: {e}"))?;
    Ok(Key::from(key))
}

fn encrypt(phrase: &str, passphrase: &str) -> anyhow::Result<MnemonicFile> {
    let mut salt = [0u8; 16];
    let mut nonce = [0u8; 12];
    rand::thread_rng().fill_bytes(&mut salt);
    rand::thread_rng().fill_bytes(&mut nonce);
    let cipher = ChaCha20Poly1305::new(&key_of(passphrase, &salt)?);
    let ciphertext = cipher
        .encrypt(Nonce::from_slice(&nonce), phrase.as_bytes())
        .map_err(|_| anyhow::anyhow!("encryption failed"))?;
    Ok(MnemonicFile::Encrypted {
        salt: hex::encode(salt),
        nonce: hex::encode(nonce),
        ciphertext: hex::encode(ciphertext),
    })
}

fn decrypt(salt: &str, nonce: &str, ciphertext: &str, passphrase: &str) -> anyhow::Result<String> {
    let damaged = || anyhow::anyhow!("the mnemonic file is damaged");
    let salt = hex::decode(salt).map_err(|_| damaged())?;
    let nonce = hex::decode(nonce).map_err(|_| damaged())?;
    let ciphertext = hex::decode(ciphertext).map_err(|_| damaged())?;
    if nonce.len() != 12 {
        return Err(damaged());
    }
    let cipher = ChaCha20Poly1305::new(&key_of(passphrase, &salt)?);
    let plain = cipher
        .decrypt(Nonce::from_slice(&nonce), ciphertext.as_slice())
        .map_err(|_| anyhow::anyhow!("wrong wallet passphrase"))?;
    String::from_utf8(plain).map_err(|_| damaged())
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn an_encrypted_mnemonic_needs_the_right_passphrase() {
        let dir = tempfile::tempdir().unwrap();
        let w = WalletDir(dir.path().join("w"));
        let file = WalletFile {
            server: "s".into(),
            network: "n".into(),
            gaid: "g".into(),
            descriptor: "d".into(),
        };
        w.save(&file, "abandon ability", Some("open sesame"))
            .unwrap();
        assert!(w.is_encrypted().unwrap());
        assert_eq!(w.phrase(Some("open sesame")).unwrap(), "abandon ability");
        assert!(w
            .phrase(Some("wrong"))
            .unwrap_err()
            .to_string()
            .contains("wrong wallet passphrase"));
        assert!(w.phrase(None).is_err());
        let raw = std::fs::read_to_string(dir.path().join("w/mnemonic.json")).unwrap();
        assert!(!raw.contains("abandon"));
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(dir.path().join("w/mnemonic.json"))
                .unwrap()
                .permissions()
                .mode();
            assert_eq!(mode & 0o777, 0o600);
        }
    }

    #[test]
    fn a_plain_mnemonic_reads_back() {
        let dir = tempfile::tempdir().unwrap();
        let w = WalletDir(dir.path().to_path_buf());
        let file = WalletFile {
            server: "s".into(),
            network: "n".into(),
            gaid: "g".into(),
            descriptor: "d".into(),
        };
        w.save(&file, "abandon ability", None).unwrap();
        assert!(!w.is_encrypted().unwrap());
        assert_eq!(w.phrase(None).unwrap(), "abandon ability");
        assert_eq!(w.load().unwrap().gaid, "g");
    }
}

//! Wallet key material: a BIP32 seed, per-type account paths, SLIP-77 blinding keys and the
//! output descriptors Elements prints.
//!
//! Descriptor wallets in Elements derive `m/84'/1'/0'/{0,1}/i` (p2wpkh), `m/49'/..` (p2sh-p2wpkh)
//! and `m/44'/..` (p2pkh); the blinding key of an output is HMAC-SHA256(master blinding key,
//! scriptPubKey) — checked against the recorded `dumpmasterblindingkey`/`dumpblindingkey` pair —
//! so any holder of the master blinding key can unblind, like SLIP-77.

use elements::bitcoin::bip32::{ChildNumber, DerivationPath, Fingerprint, Xpriv, Xpub};
use elements::bitcoin::NetworkKind;
use elements::hashes::{hash160, sha256, sha512, Hash, HashEngine, HmacEngine};
use elements::secp256k1_zkp::{All, PublicKey, Secp256k1, SecretKey};
use elements::{Address, AddressParams, Script};

/// The address/script kinds the devnet wallet derives and can spend.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
pub enum KeyKind {
    /// Native segwit v0 key hash (`el1q…` / `ert1q…`), BIP84 path.
    Wpkh,
    /// Segwit v0 key hash nested in p2sh (`Az…`), BIP49 path.
    ShWpkh,
    /// Legacy pay-to-pubkey-hash (`CTE…`), BIP44 path; the only kind `signmessage` signs for.
    Pkh,
}

impl KeyKind {
    /// BIP purpose number of the account path.
    pub fn purpose(self) -> u32 {
        match self {
            KeyKind::Wpkh => 84,
            KeyKind::ShWpkh => 49,
            KeyKind::Pkh => 44,
        }
    }
}

/// The keys of one wallet, derived from its seed.
#[derive(Clone)]
pub struct WalletKeys {
    master: Xpriv,
    master_blinding: [u8; 32],
}

/// One derived key with everything the wallet prints about it.
#[derive(Debug, Clone)]
pub struct DerivedKey {
    /// Private key.
    pub secret: SecretKey,
    /// Compressed public key.
    pub public: PublicKey,
    /// Full derivation path, e.g. `m/84'/1'/0'/0/3`.
    pub path: String,
}

impl WalletKeys {
    /// Derives the wallet's master key and SLIP-77 master blinding key from a 32-byte seed.
    pub fn from_seed(seed: &[u8; 32]) -> Self {
        // `new_master` only fails for seeds outside 16..=64 bytes.
        let master = match Xpriv::new_master(NetworkKind::Test, seed) {
            Ok(m) => m,
            Err(_) => unreachable_seed(),
        };
        Self {
            master,
            master_blinding: slip77_master(seed),
        }
    }

    /// The master key fingerprint as Elements prints it (`hdmasterfingerprint`).
    pub fn fingerprint(&self, secp: &Secp256k1<All>) -> Fingerprint {
        self.master.fingerprint(secp)
    }

    /// The SLIP-77 master blinding key (`dumpmasterblindingkey`).
    pub fn master_blinding_key(&self) -> [u8; 32] {
        self.master_blinding
    }

    /// Derives key `index` of `kind` on the external (`change = false`) or internal chain.
    pub fn derive(
        &self,
        secp: &Secp256k1<All>,
        kind: KeyKind,
        change: bool,
        index: u32,
    ) -> DerivedKey {
        let path = format!(
            "m/{}'/1'/0'/{}/{}",
            kind.purpose(),
            u32::from(change),
            index
        );
        let secret = self
            .path_xpriv(secp, &path)
            .map(|x| x.private_key)
            .unwrap_or_else(unreachable_path);
        DerivedKey {
            secret,
            public: PublicKey::from_secret_key(secp, &secret),
            path,
        }
    }

    /// The account-level descriptor, e.g. `wpkh([fp/84'/1'/0']tpub…/0/*)#checksum`.
    pub fn parent_descriptor(&self, secp: &Secp256k1<All>, kind: KeyKind, change: bool) -> String {
        let account = format!("m/{}'/1'/0'", kind.purpose());
        let xpub = self
            .path_xpriv(secp, &account)
            .map(|x| Xpub::from_priv(secp, &x).to_string())
            .unwrap_or_default();
        let origin = format!(
            "[{}/{}'/1'/0']{}/{}/*",
            self.fingerprint(secp),
            kind.purpose(),
            xpub,
            u32::from(change)
        );
        with_checksum(&wrap(kind, &origin))
    }

    /// The single-key descriptor of a derived key, e.g. `wpkh([fp/84'/1'/0'/0/0]02…)#checksum`.
    pub fn key_descriptor(&self, secp: &Secp256k1<All>, kind: KeyKind, key: &DerivedKey) -> String {
        let origin = format!(
            "[{}{}]{}",
            self.fingerprint(secp),
            key.path.trim_start_matches('m'),
            key.public
        );
        with_checksum(&wrap(kind, &origin))
    }

    /// Blinding private key for an output script (Elements' HMAC rule).
    pub fn blinding_key(&self, script: &Script) -> SecretKey {
        blinding_key_for(&self.master_blinding, script)
    }

    fn path_xpriv(&self, secp: &Secp256k1<All>, path: &str) -> Option<Xpriv> {
        let path: DerivationPath = path.parse().ok()?;
        let children: Vec<ChildNumber> = path.into_iter().copied().collect();
        self.master.derive_priv(secp, &children).ok()
    }
}

fn unreachable_seed() -> Xpriv {
    // A 32-byte seed is always accepted; keep the type checker happy without unwrap.
    panic!("BIP32 rejected a 32-byte seed")
}

fn unreachable_path() -> SecretKey {
    panic!("BIP32 derivation of a fixed wallet path failed")
}

/// Elements' per-script blinding key: HMAC-SHA256(master blinding key, scriptPubKey).
pub fn blinding_key_for(master: &[u8; 32], script: &Script) -> SecretKey {
    let mut engine = HmacEngine::<sha256::HashEngine>::new(master);
    engine.input(script.as_bytes());
    let bytes = engine.finalize().to_byte_array();
    // Probability of an invalid scalar is negligible (~2^-128); fall back to a hash of it.
    SecretKey::from_slice(&bytes).unwrap_or_else(|_| {
        SecretKey::from_slice(&sha256::Hash::hash(&bytes).to_byte_array())
            .unwrap_or_else(|_| panic!("invalid blinding key"))
    })
}

/// SLIP-77 master blinding key from a BIP32 seed.
fn slip77_master(seed: &[u8]) -> [u8; 32] {
    let mut engine = HmacEngine::<sha512::HashEngine>::new(b"Symmetric key seed");
    engine.input(seed);
    let root = engine.finalize().to_byte_array();
    let mut engine = HmacEngine::<sha512::HashEngine>::new(&root[..32]);
    engine.input(b"\x00SLIP-0077");
    let node = engine.finalize().to_byte_array();
    let mut out = [0u8; 32];
    out.copy_from_slice(&node[32..]);
    out
}

fn wrap(kind: KeyKind, inner: &str) -> String {
    match kind {
        KeyKind::Wpkh => format!("wpkh({inner})"),
        KeyKind::ShWpkh => format!("sh(wpkh({inner}))"),
        KeyKind::Pkh => format!("pkh({inner})"),
    }
}

/// The scriptPubKey of a key of `kind`.
pub fn script_for(kind: KeyKind, public: &PublicKey) -> Script {
    unconfidential_address(kind, public).script_pubkey()
}

/// The unconfidential regtest address of a key of `kind`.
pub fn unconfidential_address(kind: KeyKind, public: &PublicKey) -> Address {
    let pk = elements::bitcoin::PublicKey::new(*public);
    let params = &AddressParams::ELEMENTS;
    match kind {
        KeyKind::Wpkh => Address::p2wpkh(&pk, None, params),
        KeyKind::ShWpkh => Address::p2shwpkh(&pk, None, params),
        KeyKind::Pkh => Address::p2pkh(&pk, None, params),
    }
}

/// `OP_DUP OP_HASH160 <pkh> OP_EQUALVERIFY OP_CHECKSIG`, also the p2wpkh script code.
pub fn p2pkh_script(pubkey_hash: &[u8]) -> Script {
    let mut bytes = vec![0x76, 0xa9, 0x14];
    bytes.extend_from_slice(pubkey_hash);
    bytes.extend_from_slice(&[0x88, 0xac]);
    Script::from(bytes)
}

/// HASH160 of a public key.
pub fn pubkey_hash(public: &PublicKey) -> hash160::Hash {
    hash160::Hash::hash(&public.serialize())
}

/// Appends Bitcoin Core's descriptor checksum (`desc#checksum`).
pub fn with_checksum(desc: &str) -> String {
    match descriptor_checksum(desc) {
        Some(c) => format!("{desc}#{c}"),
        None => desc.to_string(),
    }
}

/// Bitcoin Core's descriptor checksum (BIP-380).
pub fn descriptor_checksum(desc: &str) -> Option<String> {
    const INPUT: &str = "0123456789()[],'/*abcdefgh@:$%{}IJKLMNOPQRSTUVWXYZ&+-.;<=>?!^_|~ijklmnopqrstuvwxyzABCDEFGH`#\"\\ ";
    const CHECKSUM: &[u8] = b"qpzry9x8gf2tvdw0s3jn54khce6mua7l";
    fn polymod(c: u64, val: u64) -> u64 {
        let c0 = c >> 35;
        let mut c = ((c & 0x7_ffff_ffff) << 5) ^ val;
        let gens = [
            0xf5_dee5_1989,
            0xa9_fdca_3312,
            0x1b_ab10_e32d,
            0x37_06b1_677a,
            0x64_4d62_6ffd,
        ];
        for (i, g) in gens.iter().enumerate() {
            if (c0 >> i) & 1 == 1 {
                c ^= g;
            }
        }
        c
    }
    let mut c = 1u64;
    let mut cls = 0u64;
    let mut count = 0;
    for ch in desc.chars() {
        let pos = INPUT.find(ch)? as u64;
        c = polymod(c, pos & 31);
        cls = cls * 3 + (pos >> 5);
        count += 1;
        if count == 3 {
            c = polymod(c, cls);
            cls = 0;
            count = 0;
        }
    }
    if count > 0 {
        c = polymod(c, cls);
    }
    for _ in 0..8 {
        c = polymod(c, 0);
    }
    c ^= 1;
    Some(
        (0..8)
            .map(|j| CHECKSUM[((c >> (5 * (7 - j))) & 31) as usize] as char)
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn descriptor_checksums_match_elements() {
        assert_eq!(descriptor_checksum("raw(6a)").as_deref(), Some("4mhr9ur5"));
        assert_eq!(
            descriptor_checksum("addr(ert1qemhc6zwjnqhatwgn39x6nqg4rys6k86eef9lw9)").as_deref(),
            Some("mprtva2w")
        );
    }

    #[test]
    fn blinding_keys_follow_the_recorded_elements_rule() {
        let master: [u8; 32] =
            hex::decode("9dda16b5e69b10dd3ff229f9afed43bd2abad8f019be6018d169f37eb3c1571e")
                .ok()
                .and_then(|v| v.try_into().ok())
                .unwrap_or([0; 32]);
        let script = Script::from(
            hex::decode("0014ab738019427474fc09019077facb7c3ab3270a99").unwrap_or_default(),
        );
        assert_eq!(
            hex::encode(blinding_key_for(&master, &script).secret_bytes()),
            "0c9bbde6a060575daed1b27b7daa7eb037ef3b3b7487cde86e862d5c73824c5f"
        );
    }
}

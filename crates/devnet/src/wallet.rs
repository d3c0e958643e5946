//! A devnet wallet: its persisted record, derived keys and addresses, and the outputs it owns.
//!
//! Every wallet (loaded or not) follows every transaction the chain accepts through
//! [`Wallet::observe`], so loading is only a flag and no rescan is ever needed. Confidential
//! outputs paying the wallet are unblinded once, with the output's blinding key, and their
//! secrets kept beside the output.

use std::collections::{BTreeMap, HashMap};

use elements::confidential::{AssetBlindingFactor, ValueBlindingFactor};
use elements::secp256k1_zkp::{All, PublicKey, Secp256k1};
use elements::{Address, AddressParams, OutPoint, Script, Transaction, TxOut, TxOutSecrets, Txid};
use serde::{Deserialize, Serialize};

use crate::keys::{self, DerivedKey, KeyKind, WalletKeys};

/// Secrets of an issuance the wallet made (amounts may be blinded on chain).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct IssuanceRecord {
    /// Issued asset amount.
    pub asset_amount: u64,
    /// Issued token amount (0 for none or for reissuances).
    pub token_amount: u64,
    /// Value blinding factor of the asset amount (zero when explicit), display hex.
    pub asset_blinds: String,
    /// Value blinding factor of the token amount (zero when explicit), display hex.
    pub token_blinds: String,
}

/// Asset, amount and blinders of an output the wallet created (it cannot unblind outputs
/// paying others, so it keeps what it used when blinding them, as Elements does).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SentOutput {
    /// Asset id hex.
    pub asset: String,
    /// Amount in base units.
    pub value: u64,
    /// Asset blinder, display hex.
    pub asset_blinder: String,
    /// Value blinder, display hex.
    pub value_blinder: String,
}

impl SentOutput {
    /// From unblinded secrets.
    pub fn from_secrets(s: &TxOutSecrets) -> Self {
        Self {
            asset: s.asset.to_string(),
            value: s.value,
            asset_blinder: crate::blinding::asset_blinder_hex(s),
            value_blinder: crate::blinding::value_blinder_hex(s),
        }
    }
}

/// What is persisted about a wallet; everything else is derived from it and the chain.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct WalletRecord {
    /// Wallet name (the `/wallet/NAME` path).
    pub name: String,
    /// BIP32 seed, hex.
    pub seed: String,
    /// Next unused index per (kind, change) chain, key `"Wpkh/0"`.
    pub next_index: BTreeMap<String, u32>,
    /// Labels of handed-out receive addresses, keyed by scriptPubKey hex.
    pub labels: BTreeMap<String, String>,
    /// Passphrase check when encrypted: (salt hex, sha256(salt || passphrase) hex).
    pub encryption: Option<(String, String)>,
    /// First-seen time of each wallet transaction.
    pub tx_times: BTreeMap<Txid, u64>,
    /// Issuances and reissuances made by this wallet, keyed `"txid:vin"`.
    pub issuances: BTreeMap<String, IssuanceRecord>,
    /// Output secrets of transactions this wallet built, by txid.
    #[serde(default)]
    pub sent: BTreeMap<Txid, Vec<SentOutput>>,
    /// Whether the wallet is loaded (wallet RPCs answer -18 otherwise).
    pub loaded: bool,
    /// Creation time (address `timestamp`).
    pub created: u64,
}

/// One address the wallet handed out.
#[derive(Debug, Clone)]
pub struct AddressEntry {
    /// Script kind.
    pub kind: KeyKind,
    /// Internal (change) chain or external.
    pub change: bool,
    /// The derived key.
    pub key: DerivedKey,
}

/// An output the wallet owns, with its unblinded secrets.
#[derive(Debug, Clone)]
pub struct OwnedOutput {
    /// The output as on chain.
    pub txout: TxOut,
    /// Asset, value and blinders (zero blinders for explicit outputs).
    pub secrets: TxOutSecrets,
}

/// A wallet with its derived state.
#[derive(Clone)]
pub struct Wallet {
    /// Persisted part.
    pub record: WalletRecord,
    keys: WalletKeys,
    scripts: HashMap<Script, AddressEntry>,
    outputs: HashMap<OutPoint, OwnedOutput>,
    /// Unix time until which an encrypted wallet is unlocked.
    pub unlocked_until: u64,
}

impl Wallet {
    /// Rebuilds a wallet from its record (derives every handed-out address).
    pub fn from_record(record: WalletRecord, secp: &Secp256k1<All>) -> Self {
        let mut seed = [0u8; 32];
        if let Ok(bytes) = hex::decode(&record.seed) {
            if bytes.len() == 32 {
                seed.copy_from_slice(&bytes);
            }
        }
        let keys = WalletKeys::from_seed(&seed);
        let mut wallet = Self {
            record,
            keys,
            scripts: HashMap::new(),
            outputs: HashMap::new(),
            unlocked_until: 0,
        };
        let chains: Vec<(String, u32)> = wallet
            .record
            .next_index
            .iter()
            .map(|(k, v)| (k.clone(), *v))
            .collect();
        for (chain, next) in chains {
            let Some((kind, change)) = parse_chain(&chain) else {
                continue;
            };
            for index in 0..next {
                wallet.insert_key(secp, kind, change, index);
            }
        }
        wallet
    }

    /// A fresh wallet with a random seed.
    pub fn create(name: &str, now: u64, secp: &Secp256k1<All>) -> Self {
        let seed: [u8; 32] = rand::random();
        let record = WalletRecord {
            name: name.to_string(),
            seed: hex::encode(seed),
            next_index: BTreeMap::new(),
            labels: BTreeMap::new(),
            encryption: None,
            tx_times: BTreeMap::new(),
            issuances: BTreeMap::new(),
            sent: BTreeMap::new(),
            loaded: true,
            created: now,
        };
        Self::from_record(record, secp)
    }

    /// The key material.
    pub fn keys(&self) -> &WalletKeys {
        &self.keys
    }

    fn insert_key(
        &mut self,
        secp: &Secp256k1<All>,
        kind: KeyKind,
        change: bool,
        index: u32,
    ) -> Script {
        let key = self.keys.derive(secp, kind, change, index);
        let script = keys::script_for(kind, &key.public);
        self.scripts
            .insert(script.clone(), AddressEntry { kind, change, key });
        script
    }

    /// Hands out the next address of `kind` (external or change chain); returns its script.
    pub fn next_script(
        &mut self,
        secp: &Secp256k1<All>,
        kind: KeyKind,
        change: bool,
        label: Option<&str>,
    ) -> Script {
        let chain = format!("{kind:?}/{}", u32::from(change));
        let index = *self.record.next_index.get(&chain).unwrap_or(&0);
        self.record.next_index.insert(chain, index + 1);
        let script = self.insert_key(secp, kind, change, index);
        if let Some(label) = label {
            self.record
                .labels
                .insert(hex::encode(script.as_bytes()), label.to_string());
        }
        script
    }

    /// The confidential address of one of our scripts.
    pub fn confidential_address(&self, secp: &Secp256k1<All>, script: &Script) -> Option<Address> {
        let blinder = self.blinding_pubkey(secp, script);
        Address::from_script(script, Some(blinder), &AddressParams::ELEMENTS)
    }

    /// Blinding public key for a script (ours or not: derivation only needs the script).
    pub fn blinding_pubkey(&self, secp: &Secp256k1<All>, script: &Script) -> PublicKey {
        PublicKey::from_secret_key(secp, &self.keys.blinding_key(script))
    }

    /// The address entry of one of our scripts.
    pub fn entry(&self, script: &Script) -> Option<&AddressEntry> {
        self.scripts.get(script)
    }

    /// The label of a receive script, if it was handed out with one (or "").
    pub fn label(&self, script: &Script) -> Option<&str> {
        self.record
            .labels
            .get(&hex::encode(script.as_bytes()))
            .map(String::as_str)
    }

    /// Owned outputs (spent or not; the chain decides which are unspent).
    pub fn outputs(&self) -> &HashMap<OutPoint, OwnedOutput> {
        &self.outputs
    }

    /// Whether the transaction touches the wallet; records it and its outputs if so.
    pub fn observe(&mut self, secp: &Secp256k1<All>, tx: &Transaction, time: u64) -> bool {
        let txid = tx.txid();
        let spends_ours = tx
            .input
            .iter()
            .any(|i| self.outputs.contains_key(&i.previous_output));
        let mut pays_ours = false;
        for (vout, out) in tx.output.iter().enumerate() {
            if !self.scripts.contains_key(&out.script_pubkey) {
                continue;
            }
            let Some(secrets) = self.unblind(secp, out) else {
                continue;
            };
            pays_ours = true;
            let outpoint = OutPoint::new(txid, u32::try_from(vout).unwrap_or(u32::MAX));
            self.outputs.insert(
                outpoint,
                OwnedOutput {
                    txout: out.clone(),
                    secrets,
                },
            );
        }
        if spends_ours || pays_ours {
            self.record.tx_times.entry(txid).or_insert(time);
        }
        spends_ours || pays_ours
    }

    /// Secrets of an output paying one of our scripts (explicit: zero blinders).
    pub fn unblind(&self, secp: &Secp256k1<All>, out: &TxOut) -> Option<TxOutSecrets> {
        match (out.asset.explicit(), out.value.explicit()) {
            (Some(asset), Some(value)) => Some(TxOutSecrets::new(
                asset,
                AssetBlindingFactor::zero(),
                value,
                ValueBlindingFactor::zero(),
            )),
            _ => out
                .unblind(secp, self.keys.blinding_key(&out.script_pubkey))
                .ok(),
        }
    }

    /// Whether every input of `tx` spends one of our outputs ("from me").
    pub fn is_from_me(&self, tx: &Transaction) -> bool {
        !tx.input.is_empty()
            && tx
                .input
                .iter()
                .all(|i| self.outputs.contains_key(&i.previous_output))
    }

    /// Whether the wallet is encrypted and currently locked.
    pub fn is_locked(&self, now: u64) -> bool {
        self.record.encryption.is_some() && self.unlocked_until <= now
    }

    /// The unconfidential address of one of our scripts.
    pub fn unconfidential_address(script: &Script) -> Option<Address> {
        Address::from_script(script, None, &AddressParams::ELEMENTS)
    }
}

fn parse_chain(s: &str) -> Option<(KeyKind, bool)> {
    let (kind, change) = s.split_once('/')?;
    let kind = match kind {
        "Wpkh" => KeyKind::Wpkh,
        "ShWpkh" => KeyKind::ShWpkh,
        "Pkh" => KeyKind::Pkh,
        _ => return None,
    };
    Some((kind, change == "1"))
}

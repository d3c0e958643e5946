//! Wallet calls: wallet management, addresses, balances, coins and wallet transactions.
//!
//! Wallet amounts are per asset ([`AssetAmounts`]): a balance object lists the policy asset
//! under `"bitcoin"` and issued assets under their hex ids, and a wallet transaction's
//! `amount`/`fee` are signed deltas in the same shape. `listunspent` and `gettransaction`
//! show the *unconfidential* address even when the confidential one was paid; use
//! `getaddressinfo` to map between them.

use std::fmt;

use elements::{AssetId, BlockHash, Txid};
use serde::{Deserialize, Serialize};

use crate::amount::{Sats, SignedSats};
use crate::asset_map::AssetAmounts;
use crate::types::tx::RawTransaction;

/// Options of `createwallet`. The default is a descriptor wallet with private keys,
/// unencrypted — v23 would otherwise make a legacy BDB wallet.
#[derive(Debug, Clone)]
pub struct CreateWalletOptions {
    /// Watch-only wallet without private keys.
    pub disable_private_keys: bool,
    /// Start without keys or seed.
    pub blank: bool,
    /// Encrypt with this passphrase.
    pub passphrase: Option<secrecy::SecretString>,
    /// Track address reuse.
    pub avoid_reuse: bool,
    /// Descriptor wallet (`true` by default here).
    pub descriptors: bool,
}

impl Default for CreateWalletOptions {
    fn default() -> Self {
        CreateWalletOptions {
            disable_private_keys: false,
            blank: false,
            passphrase: None,
            avoid_reuse: false,
            descriptors: true,
        }
    }
}

/// `createwallet` / `loadwallet`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WalletLoaded {
    /// Wallet name.
    pub name: String,
    /// Warning text (empty when none).
    #[serde(default)]
    pub warning: String,
}

/// `unloadwallet`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WalletUnloaded {
    /// Warning text (empty when none).
    #[serde(default)]
    pub warning: String,
}

/// `getwalletinfo` (the fields Tessera reads).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WalletInfo {
    /// Wallet name.
    pub walletname: String,
    /// `sqlite` (descriptor) or `bdb` (legacy).
    pub format: String,
    /// Descriptor wallet.
    pub descriptors: bool,
    /// Confirmed balance per asset.
    pub balance: AssetAmounts,
    /// Unconfirmed balance per asset.
    pub unconfirmed_balance: AssetAmounts,
    /// Immature balance per asset.
    pub immature_balance: AssetAmounts,
    /// Transactions in the wallet.
    pub txcount: u64,
    /// Private keys available.
    pub private_keys_enabled: bool,
    /// For an encrypted wallet: UNIX time until which it is unlocked (0: locked). Absent for
    /// an unencrypted wallet.
    #[serde(default)]
    pub unlocked_until: Option<u64>,
}

/// Address types of `getnewaddress`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AddressType {
    /// Confidential segwit v0 (`el1q…`); the node's default.
    Blech32,
    /// **Unconfidential** segwit v0 (`ert1…`/`ex1…`).
    Bech32,
    /// Confidential segwit v1 (`el1p…`).
    Bech32m,
    /// Confidential P2SH-wrapped segwit (`Az…`).
    P2shSegwit,
    /// Confidential P2PKH (`CTE…`); the only type `signmessage` accepts.
    Legacy,
}

impl fmt::Display for AddressType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            AddressType::Blech32 => "blech32",
            AddressType::Bech32 => "bech32",
            AddressType::Bech32m => "bech32m",
            AddressType::P2shSegwit => "p2sh-segwit",
            AddressType::Legacy => "legacy",
        })
    }
}

/// `getaddressinfo`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AddressInfo {
    /// The address asked about.
    pub address: String,
    /// Output script, hex.
    #[serde(rename = "scriptPubKey")]
    pub script_pub_key: String,
    /// The wallet can spend it.
    pub ismine: bool,
    /// Watch-only.
    pub iswatchonly: bool,
    /// Solvable.
    pub solvable: bool,
    /// Change address.
    pub ischange: bool,
    /// Confidential form of the address.
    pub confidential: String,
    /// Unconfidential form of the address.
    pub unconfidential: String,
    /// Blinding public key, hex (empty for unconfidential addresses).
    #[serde(default)]
    pub confidential_key: String,
    /// Descriptor (wallet addresses).
    #[serde(default)]
    pub desc: Option<String>,
    /// BIP32 path (wallet addresses).
    #[serde(default)]
    pub hdkeypath: Option<String>,
    /// Public key, hex (single-key addresses).
    #[serde(default)]
    pub pubkey: Option<String>,
    /// Labels.
    #[serde(default)]
    pub labels: Vec<String>,
}

/// `validateaddress`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AddressValidation {
    /// Valid address for this chain.
    pub isvalid: bool,
    /// The address (valid addresses only).
    #[serde(default)]
    pub address: Option<String>,
    /// Output script, hex (valid addresses only).
    #[serde(default, rename = "scriptPubKey")]
    pub script_pub_key: Option<String>,
    /// Blinding public key, hex; empty for an unconfidential address.
    #[serde(default)]
    pub confidential_key: Option<String>,
    /// Unconfidential form (valid addresses only).
    #[serde(default)]
    pub unconfidential: Option<String>,
    /// Why it is invalid.
    #[serde(default)]
    pub error: Option<String>,
}

/// `getbalances`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Balances {
    /// Balances of coins the wallet can spend.
    pub mine: BalanceSet,
    /// Watch-only balances, when the wallet has watch-only coins.
    #[serde(default)]
    pub watchonly: Option<BalanceSet>,
}

/// One group of `getbalances`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BalanceSet {
    /// Confirmed, or unconfirmed from this wallet.
    pub trusted: AssetAmounts,
    /// Unconfirmed from others.
    pub untrusted_pending: AssetAmounts,
    /// Immature coinbase outputs.
    pub immature: AssetAmounts,
}

/// Which coins `listunspent` lists; the default lists all confirmed coins.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct UnspentFilter {
    /// Minimum confirmations (node default 1; 0 includes the mempool).
    pub min_conf: Option<u32>,
    /// Maximum confirmations (node default 9999999).
    pub max_conf: Option<u32>,
    /// Only these addresses (confidential or not).
    pub addresses: Vec<String>,
}

/// A `listunspent` entry, unblinded by the wallet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Unspent {
    /// Transaction id.
    pub txid: Txid,
    /// Output index.
    pub vout: u32,
    /// Unconfidential address.
    #[serde(default)]
    pub address: Option<String>,
    /// Address label.
    #[serde(default)]
    pub label: Option<String>,
    /// Output script, hex.
    #[serde(rename = "scriptPubKey")]
    pub script_pub_key: String,
    /// Unblinded value.
    pub amount: Sats,
    /// Unblinded asset.
    pub asset: AssetId,
    /// Value blinding factor, hex, display order (all zeros for explicit outputs).
    pub amountblinder: String,
    /// Asset blinding factor, hex, display order (all zeros for explicit outputs).
    pub assetblinder: String,
    /// Value commitment, hex.
    #[serde(default)]
    pub amountcommitment: Option<String>,
    /// Asset commitment, hex.
    #[serde(default)]
    pub assetcommitment: Option<String>,
    /// Confirmations (0 in the mempool).
    pub confirmations: u64,
    /// The wallet can spend it.
    pub spendable: bool,
    /// Solvable.
    pub solvable: bool,
    /// Safe to spend (not unconfirmed from others).
    pub safe: bool,
    /// Descriptor.
    #[serde(default)]
    pub desc: Option<String>,
}

/// `gettransaction`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WalletTransaction {
    /// Transaction id.
    pub txid: Txid,
    /// Net effect on the wallet per asset (`"bitcoin"` label for L-BTC).
    pub amount: AssetAmounts<SignedSats>,
    /// Fee paid by this wallet, per asset, **negative** (`{"bitcoin": -0.00004958}`); absent
    /// for received transactions.
    #[serde(default)]
    pub fee: Option<AssetAmounts<SignedSats>>,
    /// Confirmations: 0 unconfirmed, negative when conflicted.
    pub confirmations: i64,
    /// Unconfirmed but trusted (own send). Absent once confirmed.
    #[serde(default)]
    pub trusted: Option<bool>,
    /// Containing block.
    #[serde(default)]
    pub blockhash: Option<BlockHash>,
    /// Height of the containing block.
    #[serde(default)]
    pub blockheight: Option<u64>,
    /// Position in the block.
    #[serde(default)]
    pub blockindex: Option<u64>,
    /// Block time.
    #[serde(default)]
    pub blocktime: Option<u64>,
    /// Conflicting wallet transactions.
    #[serde(default)]
    pub walletconflicts: Vec<Txid>,
    /// Time the wallet saw it.
    pub time: u64,
    /// Time it was received.
    pub timereceived: u64,
    /// `"yes"`, `"no"` or `"unknown"`.
    #[serde(rename = "bip125-replaceable")]
    pub bip125_replaceable: String,
    /// One entry per wallet-relevant output.
    pub details: Vec<WalletTxDetail>,
    /// The serialized transaction.
    pub hex: String,
    /// The decoded transaction (`gettransaction TXID false true`).
    #[serde(default)]
    pub decoded: Option<RawTransaction>,
}

/// A `gettransaction.details[]` entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WalletTxDetail {
    /// Unconfidential address; absent for `destroyamount`'s OP_RETURN output.
    #[serde(default)]
    pub address: Option<String>,
    /// Send, receive, …
    pub category: TxCategory,
    /// Signed amount of `asset` (negative for sends).
    pub amount: SignedSats,
    /// The asset.
    pub asset: AssetId,
    /// Value blinding factor, hex, display order (all zeros for explicit outputs).
    pub amountblinder: String,
    /// Asset blinding factor, hex, display order (all zeros for explicit outputs).
    pub assetblinder: String,
    /// Output index.
    pub vout: u32,
    /// Fee of the transaction (a bare L-BTC amount, on sends).
    #[serde(default)]
    pub fee: Option<SignedSats>,
    /// Address label.
    #[serde(default)]
    pub label: Option<String>,
    /// Abandoned (sends).
    #[serde(default)]
    pub abandoned: Option<bool>,
}

/// `details[].category`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum TxCategory {
    /// Paid out.
    Send,
    /// Received.
    Receive,
    /// Mature coinbase.
    Generate,
    /// Immature coinbase.
    Immature,
    /// Orphaned coinbase.
    Orphan,
    /// A category this client does not know.
    #[serde(other)]
    Other,
}

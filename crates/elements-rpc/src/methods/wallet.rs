//! Wallet calls. Use a client from [`ElementsRpc::wallet`] (or a URL with `/wallet/NAME`)
//! when the node has more than one wallet loaded, or these fail with
//! [`Error::WalletNotSpecified`].

use elements::Txid;
use secrecy::{ExposeSecret, SecretString};
use serde_json::Value;

use crate::amount::Sats;
use crate::asset_map::{AssetAmounts, AssetKey, AssetLabels};
use crate::client::{param, ElementsRpc};
use crate::error::Error;
use crate::types::wallet::{
    AddressInfo, AddressType, AddressValidation, Balances, CreateWalletOptions, Unspent,
    UnspentFilter, WalletInfo, WalletLoaded, WalletTransaction, WalletUnloaded,
};

impl ElementsRpc {
    /// `createwallet NAME …` with positional parameters.
    pub async fn create_wallet(
        &self,
        name: &str,
        options: &CreateWalletOptions,
    ) -> Result<WalletLoaded, Error> {
        let passphrase = options
            .passphrase
            .as_ref()
            .map(|p| p.expose_secret().to_owned())
            .unwrap_or_default();
        let params = vec![
            param(name),
            Value::Bool(options.disable_private_keys),
            Value::Bool(options.blank),
            Value::String(passphrase),
            Value::Bool(options.avoid_reuse),
            Value::Bool(options.descriptors),
        ];
        self.call("createwallet", params).await
    }

    /// `loadwallet NAME`. Loading a wallet that is already loaded fails with -4 (a database
    /// lock message) on v23, reported as [`Error::Node`].
    pub async fn load_wallet(&self, name: &str) -> Result<WalletLoaded, Error> {
        self.call("loadwallet", vec![param(name)]).await
    }

    /// `unloadwallet [NAME]`: `None` unloads the wallet this client addresses.
    pub async fn unload_wallet(&self, name: Option<&str>) -> Result<WalletUnloaded, Error> {
        self.call("unloadwallet", name.map(param).into_iter().collect())
            .await
    }

    /// `listwallets`: names of the loaded wallets.
    pub async fn list_wallets(&self) -> Result<Vec<String>, Error> {
        self.call("listwallets", vec![]).await
    }

    /// `getwalletinfo`.
    pub async fn get_wallet_info(&self) -> Result<WalletInfo, Error> {
        self.call("getwalletinfo", vec![]).await
    }

    /// `getnewaddress`: a new address of the wallet's default type (confidential `el1…`).
    pub async fn get_new_address(&self) -> Result<String, Error> {
        self.call("getnewaddress", vec![]).await
    }

    /// `getnewaddress "" TYPE`. Note that [`AddressType::Bech32`] is unconfidential.
    pub async fn get_new_address_of_type(&self, kind: AddressType) -> Result<String, Error> {
        let params = vec![param(""), param(kind.to_string())];
        self.call("getnewaddress", params).await
    }

    /// `getrawchangeaddress`.
    pub async fn get_raw_change_address(&self) -> Result<String, Error> {
        self.call("getrawchangeaddress", vec![]).await
    }

    /// `getaddressinfo ADDRESS`: ownership, confidential/unconfidential forms, blinding key.
    pub async fn get_address_info(&self, address: &str) -> Result<AddressInfo, Error> {
        self.call("getaddressinfo", vec![param(address)]).await
    }

    /// `validateaddress ADDRESS` (no wallet needed). An invalid address is a normal result
    /// with `isvalid: false`, not an error.
    pub async fn validate_address(&self, address: &str) -> Result<AddressValidation, Error> {
        self.call("validateaddress", vec![param(address)]).await
    }

    /// `dumpblindingkey ADDRESS`: the blinding private key, hex (the unconfidential form of
    /// the address works too).
    pub async fn dump_blinding_key(&self, address: &str) -> Result<SecretString, Error> {
        let key: String = self.call("dumpblindingkey", vec![param(address)]).await?;
        Ok(SecretString::from(key))
    }

    /// `getbalance`: confirmed balance per asset.
    pub async fn get_balance(&self) -> Result<AssetAmounts, Error> {
        self.call("getbalance", vec![]).await
    }

    /// `getbalance "*" MINCONF INCLUDE_WATCHONLY` (the AMP tool uses `"*" 0 false`).
    pub async fn get_balance_with(
        &self,
        min_conf: u32,
        include_watchonly: bool,
    ) -> Result<AssetAmounts, Error> {
        let params = vec![param("*"), param(min_conf), Value::Bool(include_watchonly)];
        self.call("getbalance", params).await
    }

    /// `getbalance "*" MINCONF false false ASSET`: one asset's balance as a bare amount.
    pub async fn get_asset_balance(&self, asset: &AssetKey, min_conf: u32) -> Result<Sats, Error> {
        let params = vec![
            param("*"),
            param(min_conf),
            Value::Bool(false),
            Value::Bool(false),
            param(asset),
        ];
        self.call("getbalance", params).await
    }

    /// `getbalances`: trusted, pending and immature balances per asset.
    pub async fn get_balances(&self) -> Result<Balances, Error> {
        self.call("getbalances", vec![]).await
    }

    /// `listunspent [MINCONF [MAXCONF [ADDRESSES]]]`, sending only the arguments needed.
    pub async fn list_unspent(&self, filter: &UnspentFilter) -> Result<Vec<Unspent>, Error> {
        let mut params = Vec::new();
        let wants_max = filter.max_conf.is_some() || !filter.addresses.is_empty();
        if filter.min_conf.is_some() || wants_max {
            params.push(param(filter.min_conf.unwrap_or(1)));
        }
        if wants_max {
            params.push(param(filter.max_conf.unwrap_or(9_999_999)));
        }
        if !filter.addresses.is_empty() {
            params.push(param(&filter.addresses));
        }
        self.call("listunspent", params).await
    }

    /// `gettransaction TXID`: the wallet's view (amounts, fee, confirmations, unblinded
    /// details). [`Error::NotWalletTransaction`] for a txid this wallet does not know.
    pub async fn get_transaction(&self, txid: &Txid) -> Result<WalletTransaction, Error> {
        self.call("gettransaction", vec![param(txid)]).await
    }

    /// `gettransaction TXID false true`: as [`Self::get_transaction`], plus `decoded`.
    pub async fn get_transaction_verbose(&self, txid: &Txid) -> Result<WalletTransaction, Error> {
        let params = vec![param(txid), Value::Bool(false), Value::Bool(true)];
        self.call("gettransaction", params).await
    }

    /// `abandontransaction TXID`: frees the inputs of a wallet transaction that is not in the
    /// mempool or a block.
    pub async fn abandon_transaction(&self, txid: &Txid) -> Result<(), Error> {
        self.call("abandontransaction", vec![param(txid)]).await
    }

    /// `sendtoaddress`: pays `amount` of `asset` (`None`: the policy asset).
    ///
    /// Not retried once sent (see [`ElementsRpc`]). With an asset the call uses named
    /// parameters (`address`, `amount`, `assetlabel`).
    pub async fn send_to_address(
        &self,
        address: &str,
        amount: Sats,
        asset: Option<&AssetKey>,
    ) -> Result<Txid, Error> {
        match asset {
            None => {
                self.call("sendtoaddress", vec![param(address), param(amount)])
                    .await
            }
            Some(asset) => {
                let mut named = serde_json::Map::new();
                named.insert("address".to_owned(), param(address));
                named.insert("amount".to_owned(), param(amount));
                named.insert("assetlabel".to_owned(), param(asset));
                self.call_named("sendtoaddress", named).await
            }
        }
    }

    /// `signmessage ADDRESS MESSAGE` (legacy `CTE…` addresses only). The AMP tool calls it
    /// with `"invalidaddress"` just to learn whether the wallet is locked
    /// ([`Error::WalletLocked`]) — see [`Self::is_locked`].
    pub async fn sign_message(&self, address: &str, message: &str) -> Result<String, Error> {
        self.call("signmessage", vec![param(address), param(message)])
            .await
    }

    /// Whether the wallet is encrypted and locked, asked the way the AMP tool does
    /// (`signmessage "invalidaddress" "message"`: -13 means locked).
    pub async fn is_locked(&self) -> Result<bool, Error> {
        match self.sign_message("invalidaddress", "message").await {
            Err(Error::WalletLocked { .. }) => Ok(true),
            Ok(_) | Err(Error::InvalidAddress { .. }) => Ok(false),
            Err(other) => Err(other),
        }
    }

    /// `walletpassphrase PASSPHRASE SECONDS`: unlocks an encrypted wallet for a while.
    pub async fn wallet_passphrase(
        &self,
        passphrase: &SecretString,
        seconds: u64,
    ) -> Result<(), Error> {
        let params = vec![param(passphrase.expose_secret()), param(seconds)];
        self.call("walletpassphrase", params).await
    }

    /// `walletlock`.
    pub async fn wallet_lock(&self) -> Result<(), Error> {
        self.call("walletlock", vec![]).await
    }

    /// `dumpassetlabels`: label → asset id (at least `"bitcoin"`).
    pub async fn dump_asset_labels(&self) -> Result<AssetLabels, Error> {
        self.call("dumpassetlabels", vec![]).await
    }
}

//! A server with a co-signer and the devnet's "server" wallet as its node, an issuer
//! wallet ("issuer") as the treasury, managed accounts registered as `tessera wallet` does,
//! and helpers that pay, reissue and burn from the issuer wallet.

use axum::body::Body;
use axum::http::{Method, Request, StatusCode};
use http_body_util::BodyExt;
use serde_json::{json, Value};
use std::str::FromStr;
use std::sync::Arc;
use tessera_app::{App, AuthConfig, FixedClock, Password, StoreAccounts};
use tessera_core::Username;
use tessera_custody::{
    AccountKey, CosignerMaster, InvestorKeys, InvestorMnemonic, Network, WordCount,
};
use tessera_devnet::{Devnet, DevnetConfig};
use tessera_elements_rpc::{CreateWalletOptions, ElementsRpc, NodeUrl, Options, Recipient, Sats};
use tessera_store::{SqliteStore, Store};
use tower::ServiceExt;

pub const T0: i64 = 1_800_000_000;
const PASSWORD: &str = "correct horse battery";
const PUBKEY: &str = "0279be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798";

pub struct World {
    pub app: App,
    pub rpc: ElementsRpc,
    pub issuer_wallet: ElementsRpc,
    pub token: String,
    mine_to: String,
    _dir: tempfile::TempDir,
}

pub struct Reply {
    pub status: StatusCode,
    pub body: Value,
}

impl Reply {
    #[track_caller]
    pub fn expect(self, status: StatusCode) -> Value {
        assert_eq!(self.status, status, "body: {}", self.body);
        self.body
    }

    #[track_caller]
    pub fn expect_error(self, status: StatusCode, code: &str) -> Value {
        assert_eq!(self.status, status, "body: {}", self.body);
        assert_eq!(self.body["code"], code, "body: {}", self.body);
        self.body
    }
}

pub fn coins(units: u64) -> Sats {
    Sats::from_sat(units)
}

impl World {
    pub async fn start() -> World {
        let dir = tempfile::tempdir().unwrap();
        let devnet = Devnet::open(DevnetConfig::new(dir.path().join("chain"), "u", "p")).unwrap();
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        tokio::spawn(devnet.serve(listener, std::future::pending()));
        let url = NodeUrl::parse(&format!("http://u:p@{addr}")).unwrap();
        let rpc = ElementsRpc::new(url, Options::default()).unwrap();
        for name in ["server", "issuer", "miner"] {
            rpc.create_wallet(name, &CreateWalletOptions::default())
                .await
                .unwrap();
        }
        let mine_to = rpc.wallet("miner").get_new_address().await.unwrap();
        // The server's wallet pays issuance fees: give it L-BTC from the first wallet.
        let server = rpc.wallet("server");
        let store: Arc<dyn Store> = Arc::new(
            SqliteStore::open_path(dir.path().join("t.db"))
                .await
                .unwrap(),
        );
        let cosigner = Arc::new(CosignerMaster::generate(Network::ElementsRegtest).unwrap());
        let app = App::new(
            store.clone(),
            Arc::new(FixedClock::new(T0)),
            Arc::new(StoreAccounts(store.clone())),
            AuthConfig::default(),
        )
        .with_cosigner(cosigner)
        .with_node(server);
        app.create_issuer(
            &Username::parse("issuer").unwrap(),
            &Password::new(PASSWORD),
        )
        .await
        .unwrap();
        let mut world = World {
            app,
            issuer_wallet: rpc.wallet("issuer"),
            rpc,
            token: String::new(),
            mine_to,
            _dir: dir,
        };
        let body = json!({ "username": "issuer", "password": PASSWORD });
        let login = world
            .call(Method::POST, "/api/user/obtain_token", Some(body))
            .await;
        world.token = login.expect(StatusCode::OK)["token"]
            .as_str()
            .unwrap()
            .to_owned();
        // The issuer's wallet pays fees of its own sends.
        let to = world.issuer_wallet.get_new_address().await.unwrap();
        world
            .rpc
            .wallet("server")
            .send_to_address(&to, coins(100_000_000), None)
            .await
            .unwrap();
        world.mine(1).await;
        world
    }

    pub async fn mine(&self, blocks: u64) {
        self.rpc
            .generate_to_address(blocks, &self.mine_to)
            .await
            .unwrap();
    }

    pub async fn call(&self, method: Method, path: &str, body: Option<Value>) -> Reply {
        self.call_text(method, path, body.map(|v| v.to_string()))
            .await
    }

    /// Like [`World::call`] with the body's exact JSON text.
    pub async fn call_text(&self, method: Method, path: &str, body: Option<String>) -> Reply {
        let mut req = Request::builder()
            .method(method)
            .uri(path)
            .header("host", "tessera.test:8080");
        if !self.token.is_empty() {
            req = req.header("authorization", format!("token {}", self.token));
        }
        let body = match body {
            Some(text) => {
                req = req.header("content-type", "application/json");
                Body::from(text)
            }
            None => Body::empty(),
        };
        let resp = tessera_server::service(self.app.clone())
            .oneshot(req.body(body).unwrap())
            .await
            .unwrap();
        let status = resp.status();
        let bytes = resp.into_body().collect().await.unwrap().to_bytes();
        let body = if bytes.is_empty() {
            Value::Null
        } else {
            serde_json::from_slice(&bytes).unwrap_or_else(|_| panic!("non-JSON body: {bytes:?}"))
        };
        Reply { status, body }
    }

    pub async fn get(&self, path: &str) -> Reply {
        self.call(Method::GET, path, None).await
    }

    pub async fn post(&self, path: &str, body: Value) -> Reply {
        self.call(Method::POST, path, Some(body)).await
    }

    /// Issues `amount` (reissuable, 1 token) to the issuer wallet; `(uuid, asset_id)`.
    pub async fn issue(&self, amount: u64) -> (String, String) {
        let address = self.issuer_wallet.get_new_address().await.unwrap();
        let token_address = self.issuer_wallet.get_new_address().await.unwrap();
        let body = json!({
            "name": "Tessera Test", "amount": amount, "destination_address": address,
            "domain": "example.com", "ticker": "TST", "pubkey": PUBKEY, "precision": 2,
            "is_confidential": true, "is_reissuable": true, "reissuance_amount": 1,
            "reissuance_address": token_address, "transfer_restricted": false
        });
        let issued = self
            .post("/api/assets/issue", body)
            .await
            .expect(StatusCode::CREATED);
        self.mine(1).await;
        (
            issued["asset_uuid"].as_str().unwrap().to_owned(),
            issued["asset_id"].as_str().unwrap().to_owned(),
        )
    }

    /// A managed account registered as `tessera wallet create` does; its GAID.
    pub async fn managed_gaid(&self) -> String {
        let mnemonic = InvestorMnemonic::generate(WordCount::Twelve).unwrap();
        let keys = InvestorKeys::from_mnemonic(&mnemonic, "", Network::ElementsRegtest).unwrap();
        let key = self
            .post("/api/wallet/cosigner-key", json!({}))
            .await
            .expect(StatusCode::OK);
        let platform = AccountKey::from_str(key["key"].as_str().unwrap()).unwrap();
        let descriptor = keys.descriptor(&platform).unwrap();
        let body =
            json!({ "descriptor": descriptor.as_str(), "cosigner_index": key["cosigner_index"] });
        let account = self
            .post("/api/wallet/accounts", body)
            .await
            .expect(StatusCode::CREATED);
        account["gaid"].as_str().unwrap().to_owned()
    }

    /// A registered user with a managed account and a ready assignment of `amount`.
    pub async fn assigned_user(&self, uuid: &str, name: &str, amount: u64) -> i64 {
        let gaid = self.managed_gaid().await;
        let body = json!({ "name": name, "GAID": gaid, "is_company": false });
        let user = self
            .post("/api/registered_users/add", body)
            .await
            .expect(StatusCode::CREATED);
        let id = user["id"].as_i64().unwrap();
        let body = json!({ "assignments": [
            { "registered_user": id, "amount": amount, "ready_for_distribution": true }
        ]});
        self.post(&format!("/api/assets/{uuid}/assignments/create"), body)
            .await
            .expect(StatusCode::OK);
        id
    }

    /// Pays a distribution file from the issuer wallet with `amounts` overriding the
    /// file's (address → base units) and `asset` overriding its asset.
    pub async fn pay(&self, file: &Value, amounts: Option<u64>, asset: Option<&str>) -> String {
        let mut recipients = Vec::new();
        for (address, amount) in file["map_address_amount"].as_object().unwrap() {
            let units = amounts.unwrap_or_else(|| {
                tessera_core::parse_coin(&amount.to_string())
                    .unwrap()
                    .units()
            });
            let asset = asset.unwrap_or(file["asset_id"].as_str().unwrap());
            recipients.push(Recipient::new(
                address.clone(),
                coins(units),
                asset.parse().unwrap(),
            ));
        }
        self.issuer_wallet
            .send_many(&recipients)
            .await
            .unwrap()
            .to_string()
    }

    /// The raw wallet JSON `gettransaction(txid).details`.
    pub async fn details(&self, txid: &str) -> Value {
        let tx: Value = self
            .issuer_wallet
            .call("gettransaction", vec![json!(txid)])
            .await
            .unwrap();
        tx["details"].clone()
    }

    /// `listunspent` entries of `asset` in `txid` (the tool's `change_data`).
    pub async fn change_data(&self, txid: &str, asset: &str) -> Value {
        let all: Vec<Value> = self
            .issuer_wallet
            .call("listunspent", vec![json!(0)])
            .await
            .unwrap();
        Value::Array(
            all.into_iter()
                .filter(|u| u["txid"] == txid && u["asset"] == asset)
                .collect(),
        )
    }
}

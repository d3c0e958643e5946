//! `spawn_app()` with a co-signer and the store-backed account directory, and an investor
//! that registers and logs in exactly as `tessera wallet` does.

use axum::body::Body;
use axum::http::{Method, Request, StatusCode};
use http_body_util::BodyExt;
use serde_json::{json, Value};
use std::str::FromStr;
use std::sync::Arc;
use tessera_app::{App, AuthConfig, FixedClock, Password, StoreAccounts};
use tessera_core::Username;
use tessera_custody::{
    AccountKey, Challenge, CosignerMaster, InvestorKeys, InvestorMnemonic, ManagedDescriptor,
    Network, WordCount,
};
use tessera_store::{SqliteStore, Store};
use tower::ServiceExt;

pub const T0: i64 = 1_800_000_000;
pub const NET: Network = Network::ElementsRegtest;
const PASSWORD: &str = "correct horse battery";

pub struct TestApp {
    pub app: App,
    pub clock: Arc<FixedClock>,
    pub store: Arc<dyn Store>,
    pub cosigner: Arc<CosignerMaster>,
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

    /// Asserts the status and the machine code; returns the message.
    #[track_caller]
    pub fn expect_error(self, status: StatusCode, code: &str) -> String {
        assert_eq!(self.status, status, "body: {}", self.body);
        assert_eq!(self.body["code"], code, "body: {}", self.body);
        let message = self.body["message"].as_str().unwrap_or_default().to_owned();
        assert!(!message.is_empty(), "body: {}", self.body);
        message
    }
}

/// How a request authenticates.
#[derive(Clone, Copy)]
pub enum Auth<'a> {
    None,
    Issuer(&'a str),
    Wallet(&'a str),
}

/// An investor's keys, before or after registration.
pub struct Investor {
    pub keys: InvestorKeys,
}

/// A registered, logged-in managed account.
pub struct Wallet {
    pub investor: Investor,
    pub gaid: String,
    pub descriptor: ManagedDescriptor,
    pub cosigner_index: u32,
    pub token: String,
}

impl Investor {
    pub fn generate() -> Self {
        let mnemonic = InvestorMnemonic::generate(WordCount::Twelve).unwrap();
        Self {
            keys: InvestorKeys::from_mnemonic(&mnemonic, "", NET).unwrap(),
        }
    }

    pub fn descriptor(&self, platform: &AccountKey) -> ManagedDescriptor {
        self.keys.descriptor(platform).unwrap()
    }
}

pub async fn spawn_app() -> TestApp {
    let dir = tempfile::tempdir().unwrap();
    let store: Arc<dyn Store> = Arc::new(
        SqliteStore::open_path(dir.path().join("t.db"))
            .await
            .unwrap(),
    );
    let clock = Arc::new(FixedClock::new(T0));
    let cosigner = Arc::new(CosignerMaster::generate(NET).unwrap());
    let app = App::new(
        store.clone(),
        clock.clone(),
        Arc::new(StoreAccounts(store.clone())),
        AuthConfig::default(),
    )
    .with_cosigner(cosigner.clone());
    TestApp {
        app,
        clock,
        store,
        cosigner,
        _dir: dir,
    }
}

impl TestApp {
    pub async fn call(
        &self,
        method: Method,
        path: &str,
        auth: Auth<'_>,
        body: Option<Value>,
    ) -> Reply {
        let mut req = Request::builder().method(method).uri(path);
        match auth {
            Auth::None => {}
            Auth::Issuer(t) => req = req.header("authorization", format!("token {t}")),
            Auth::Wallet(t) => req = req.header("authorization", format!("wallet {t}")),
        }
        let body = match body {
            Some(v) => {
                req = req.header("content-type", "application/json");
                Body::from(v.to_string())
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

    pub async fn get(&self, path: &str, auth: Auth<'_>) -> Reply {
        self.call(Method::GET, path, auth, None).await
    }

    pub async fn post(&self, path: &str, auth: Auth<'_>, body: Value) -> Reply {
        self.call(Method::POST, path, auth, Some(body)).await
    }

    /// Creates an issuer and logs it in; returns its token.
    pub async fn issuer(&self, name: &str) -> String {
        self.app
            .create_issuer(&Username::parse(name).unwrap(), &Password::new(PASSWORD))
            .await
            .unwrap();
        let body = json!({ "username": name, "password": PASSWORD });
        self.post("/api/user/obtain_token", Auth::None, body)
            .await
            .expect(StatusCode::OK)["token"]
            .as_str()
            .unwrap()
            .to_owned()
    }

    /// Reserves a co-signer key over the API: (index, key).
    pub async fn cosigner_key(&self) -> (u32, AccountKey) {
        let body = self
            .post("/api/wallet/cosigner-key", Auth::None, json!({}))
            .await
            .expect(StatusCode::OK);
        assert_eq!(body["network"], "elementsregtest");
        let index = u32::try_from(body["cosigner_index"].as_u64().unwrap()).unwrap();
        (
            index,
            AccountKey::from_str(body["key"].as_str().unwrap()).unwrap(),
        )
    }

    pub async fn register(&self, descriptor: &str, cosigner_index: u32) -> Reply {
        let body = json!({ "descriptor": descriptor, "cosigner_index": cosigner_index });
        self.post("/api/wallet/accounts", Auth::None, body).await
    }

    pub async fn challenge(&self, gaid: &str) -> Reply {
        self.post("/api/wallet/challenge", Auth::None, json!({ "gaid": gaid }))
            .await
    }

    /// Signs `challenge` with `keys` and posts the login for `gaid`.
    pub async fn login(&self, gaid: &str, challenge: &str, keys: &InvestorKeys) -> Reply {
        let signature = keys
            .sign_challenge(&Challenge::from_str(challenge).unwrap())
            .unwrap();
        let body =
            json!({ "gaid": gaid, "challenge": challenge, "signature": signature.to_string() });
        self.post("/api/wallet/login", Auth::None, body).await
    }

    /// A fresh investor registered and logged in, as `tessera wallet create` does.
    pub async fn wallet(&self) -> Wallet {
        let investor = Investor::generate();
        let (index, key) = self.cosigner_key().await;
        let descriptor = investor.descriptor(&key);
        let account = self
            .register(descriptor.as_str(), index)
            .await
            .expect(StatusCode::CREATED);
        let gaid = account["gaid"].as_str().unwrap().to_owned();
        let challenge = self.challenge(&gaid).await.expect(StatusCode::OK)["challenge"]
            .as_str()
            .unwrap()
            .to_owned();
        let token = self
            .login(&gaid, &challenge, &investor.keys)
            .await
            .expect(StatusCode::OK)["token"]
            .as_str()
            .unwrap()
            .to_owned();
        Wallet {
            investor,
            gaid,
            descriptor,
            cosigner_index: index,
            token,
        }
    }
}

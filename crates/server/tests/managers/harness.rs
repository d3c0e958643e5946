//! `spawn_app()`: a service on a fresh database with a controllable clock (copied from
//! `tests/api/harness.rs`), plus manager fixtures.

use axum::body::Body;
use axum::http::{Method, Request, StatusCode};
use http_body_util::BodyExt;
use serde_json::Value;
use std::sync::Arc;
use tessera_app::{App, AuthConfig, FixedClock, Password, SyntaxOnlyAccounts};
use tessera_core::Username;
use tessera_store::{SqliteStore, Store};
use tower::ServiceExt;

pub const T0: i64 = 1_800_000_000;
pub const PASSWORD: &str = "correct horse battery";

pub struct TestApp {
    pub app: App,
    pub clock: Arc<FixedClock>,
    #[allow(dead_code)]
    pub store: Arc<dyn Store>,
    _dir: tempfile::TempDir,
}

pub struct Reply {
    pub status: StatusCode,
    pub body: Value,
}

impl Reply {
    /// Asserts the status and, for errors, that the body is a JSON error with `code`.
    #[track_caller]
    pub fn expect(self, status: StatusCode) -> Value {
        assert_eq!(self.status, status, "body: {}", self.body);
        self.body
    }

    #[track_caller]
    pub fn expect_error(self, status: StatusCode, code: &str) -> Value {
        assert_eq!(self.status, status, "body: {}", self.body);
        assert_eq!(self.body["code"], code, "body: {}", self.body);
        assert!(self.body["message"].as_str().is_some_and(|m| !m.is_empty()));
        assert_eq!(self.body["detail"], self.body["message"]);
        self.body
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
    let app = App::new(
        store.clone(),
        clock.clone(),
        Arc::new(SyntaxOnlyAccounts),
        AuthConfig::default(),
    );
    TestApp {
        app,
        clock,
        store,
        _dir: dir,
    }
}

impl TestApp {
    /// Creates an issuer and logs it in; returns the token.
    pub async fn issuer(&self, name: &str) -> String {
        self.app
            .create_issuer(&Username::parse(name).unwrap(), &Password::new(PASSWORD))
            .await
            .unwrap();
        self.login(name, PASSWORD).await.expect(StatusCode::OK)["token"]
            .as_str()
            .unwrap()
            .to_owned()
    }

    pub async fn login(&self, name: &str, password: &str) -> Reply {
        let body = serde_json::json!({ "username": name, "password": password });
        self.call(Method::POST, "/api/user/obtain_token", None, Some(body))
            .await
    }

    pub async fn get(&self, path: &str, token: &str) -> Reply {
        self.call(Method::GET, path, Some(token), None).await
    }

    pub async fn post(&self, path: &str, token: &str, body: Value) -> Reply {
        self.call(Method::POST, path, Some(token), Some(body)).await
    }

    pub async fn put(&self, path: &str, token: &str, body: Option<Value>) -> Reply {
        self.call(Method::PUT, path, Some(token), body).await
    }

    pub async fn delete(&self, path: &str, token: &str) -> Reply {
        self.call(Method::DELETE, path, Some(token), None).await
    }

    pub async fn call(
        &self,
        method: Method,
        path: &str,
        token: Option<&str>,
        body: Option<Value>,
    ) -> Reply {
        let mut req = Request::builder().method(method).uri(path);
        if let Some(token) = token {
            req = req.header("authorization", format!("token {token}"));
        }
        let body = match body {
            Some(v) => {
                req = req.header("content-type", "application/json");
                Body::from(v.to_string())
            }
            None => Body::empty(),
        };
        self.raw(req.body(body).unwrap()).await
    }

    pub async fn raw(&self, req: Request<Body>) -> Reply {
        let resp = tessera_server::service(self.app.clone())
            .oneshot(req)
            .await
            .unwrap();
        let status = resp.status();
        let bytes = resp.into_body().collect().await.unwrap().to_bytes();
        let body = if bytes.is_empty() {
            Value::Null
        } else {
            serde_json::from_slice(&bytes).unwrap_or_else(|_| panic!("non-JSON body: {:?}", bytes))
        };
        Reply { status, body }
    }

    /// Creates a registered user and returns its id.
    pub async fn user(&self, token: &str, name: &str, gaid: Option<&str>) -> i64 {
        let body = serde_json::json!({ "name": name, "GAID": gaid, "is_company": false });
        self.post("/api/registered_users/add", token, body)
            .await
            .expect(StatusCode::CREATED)["id"]
            .as_i64()
            .unwrap()
    }

    /// A snapshot of everything an issuer can see, to prove a refused call changed nothing.
    pub async fn snapshot(&self, token: &str) -> Value {
        let users = self
            .get("/api/registered_users", token)
            .await
            .expect(StatusCode::OK);
        let categories = self
            .get("/api/categories", token)
            .await
            .expect(StatusCode::OK);
        serde_json::json!({ "users": users, "categories": categories })
    }
}

/// Manager fixtures: assets created through the store (no node needed).
impl TestApp {
    /// The id of the issuer `name`.
    pub async fn issuer_id(&self, name: &str) -> tessera_core::IssuerId {
        self.store
            .issuer_credentials(&Username::parse(name).unwrap())
            .await
            .unwrap()
            .unwrap()
            .issuer
            .id
    }

    /// Records asset `n` of issuer `name` directly in the store; returns its uuid.
    pub async fn asset(&self, name: &str, n: u8) -> String {
        use tessera_core::*;
        let issuer = self.issuer_id(name).await;
        let asset = Asset {
            uuid: AssetUuid::new_random(),
            issuer,
            asset_id: format!("{n:02x}").repeat(32).parse().unwrap(),
            reissuance_token_id: None,
            name: AssetName::parse(&format!("Asset {n}")).unwrap(),
            ticker: Ticker::parse(&format!("AS{n:02}")).unwrap(),
            domain: Domain::parse("example.com").unwrap(),
            pubkey: IssuerPubkey::parse(
                "0337cceec0beea0232ebe14cba0197a9fbd45fcf2ec946749de920e71434c2b904",
            )
            .unwrap(),
            precision: Precision::new(0).unwrap(),
            kind: AssetKind::IssuerTracked,
            is_reissuable: false,
            is_locked: false,
            is_registered: true,
            is_authorized: true,
            issuer_authorization_endpoint: None,
            requirements: Vec::new(),
            issuance: IssuanceOutpoints {
                txid: format!("{:02x}", n.wrapping_add(0x80))
                    .repeat(32)
                    .parse()
                    .unwrap(),
                vin: 0,
                asset_vout: 0,
                reissuance_vout: None,
            },
        };
        let amount = Amount::from_units(1_000).unwrap();
        let created = self
            .store
            .create_asset(issuer, &asset, amount, T0)
            .await
            .unwrap();
        created.uuid.to_string()
    }

    /// Creates manager `name` for the issuer token; returns its id (still locked).
    pub async fn manager(&self, issuer_token: &str, name: &str) -> i64 {
        let body = serde_json::json!({ "username": name, "password": PASSWORD });
        let m = self
            .post("/api/managers/create", issuer_token, body)
            .await
            .expect(StatusCode::OK);
        assert_eq!(m["is_locked"], true);
        m["id"].as_i64().unwrap()
    }

    /// Logs in and returns the token (panics unless 200).
    pub async fn token(&self, name: &str) -> String {
        self.login(name, PASSWORD).await.expect(StatusCode::OK)["token"]
            .as_str()
            .unwrap()
            .to_owned()
    }
}

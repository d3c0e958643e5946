//! `spawn_app()`: a service on a fresh database with a controllable clock.

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

    /// Creates a category and returns its id.
    pub async fn category(&self, token: &str, name: &str) -> i64 {
        let body = serde_json::json!({ "name": name, "description": "d" });
        self.post("/api/categories/add", token, body)
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

pub const GAID_A: &str = "GAbYScu6jkWUND2jo3L4KJxyvo55d";
pub const GAID_B: &str = "GA2G8fjDNWvZiJP8Y5iV2ywTAQeZeo";
pub const GAID_C: &str = "GA114wqp9EXcPFELYrmgg2nmBpX4T";

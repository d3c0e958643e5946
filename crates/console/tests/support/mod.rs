//! The console in-process (no browser): a fresh SQLite database with issuer `acme`, the
//! console's router called directly, and helpers to sign in and read pages.

#![allow(dead_code)]

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use http_body_util::BodyExt;
use std::sync::Arc;
use tessera_app::{App, AuthConfig, FixedClock, Password, SyntaxOnlyAccounts};
use tessera_core::Username;
use tessera_store::{SqliteStore, Store};
use tower::ServiceExt;

pub const PASSWORD: &str = "correct horse battery";

pub struct Console {
    pub app: App,
    pub clock: Arc<FixedClock>,
    pub store: Arc<dyn Store>,
    _dir: tempfile::TempDir,
}

pub struct Reply {
    pub status: StatusCode,
    pub headers: axum::http::HeaderMap,
    pub body: String,
}

impl Console {
    pub async fn start() -> Self {
        let dir = tempfile::tempdir().expect("tempdir");
        let store: Arc<dyn Store> = Arc::new(
            SqliteStore::open_path(dir.path().join("t.db"))
                .await
                .expect("store"),
        );
        let clock = Arc::new(FixedClock::new(1_800_000_000));
        let app = App::new(
            store.clone(),
            clock.clone(),
            Arc::new(SyntaxOnlyAccounts),
            AuthConfig::default(),
        );
        app.create_issuer(
            &Username::parse("acme").expect("name"),
            &Password::new(PASSWORD),
        )
        .await
        .expect("issuer");
        Self {
            app,
            clock,
            store,
            _dir: dir,
        }
    }

    pub async fn send(
        &self,
        method: &str,
        path: &str,
        cookie: &str,
        form: Option<String>,
    ) -> Reply {
        let mut req = Request::builder()
            .method(method)
            .uri(path)
            .header(header::COOKIE, cookie);
        if form.is_some() {
            req = req.header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
        }
        let req = req
            .body(Body::from(form.unwrap_or_default()))
            .expect("request");
        let res = tessera_console::router(self.app.clone())
            .oneshot(req)
            .await
            .expect("answer");
        let status = res.status();
        let headers = res.headers().clone();
        let bytes = res.into_body().collect().await.expect("body").to_bytes();
        Reply {
            status,
            headers,
            body: String::from_utf8_lossy(&bytes).into_owned(),
        }
    }

    /// The id of the issuer `acme`.
    pub async fn acme(&self) -> tessera_core::IssuerId {
        let name = Username::parse("acme").expect("name");
        let credentials = self.store.issuer_credentials(&name).await.expect("store");
        credentials.expect("acme exists").issuer.id
    }

    /// Signs in through the login form; the session cookie (`name=value`).
    pub async fn sign_in(&self, user: &str, password: &str) -> Reply {
        let page = self.send("GET", "/login", "", None).await;
        let login_cookie = cookie(&page, "tessera_login_csrf").expect("a login CSRF cookie");
        let csrf = login_cookie.split_once('=').expect("pair").1.to_owned();
        let form = format!(
            "csrf={csrf}&username={user}&password={}&next=/",
            password.replace(' ', "+")
        );
        self.send("POST", "/login", &login_cookie, Some(form)).await
    }
}

pub fn cookies(r: &Reply) -> Vec<String> {
    r.headers
        .get_all(header::SET_COOKIE)
        .iter()
        .map(|v| v.to_str().unwrap_or_default().to_owned())
        .collect()
}

pub fn cookie(r: &Reply, name: &str) -> Option<String> {
    cookies(r)
        .into_iter()
        .find(|c| c.starts_with(&format!("{name}=")))
        .map(|c| c.split(';').next().unwrap_or_default().to_owned())
}

pub fn csrf_of(page: &str) -> String {
    let at = page.find("name=\"csrf\" value=\"").expect("a csrf field") + 19;
    page[at..at + 64].to_owned()
}

//! Sessions: log in with the API's credentials, keep its token in a cookie, refuse
//! forms without the session's CSRF token.
//!
//! A console session *is* an API token (issued by `obtain_token`, checked by
//! `authenticate_actor`, revoked by `revoke_token`), so it expires, is revoked when a
//! manager is locked or a password changes, and is throttled exactly like API logins.
//! The cookie is `HttpOnly` (scripts cannot read it), `SameSite=Strict` (other sites'
//! pages do not send it) and `Secure` when the request came over https (a TLS proxy's
//! `X-Forwarded-Proto`).
//!
//! CSRF: every form carries `csrf`, the SHA-256 of a fixed label and the session token.
//! Only someone who holds the (HttpOnly) token can compute it; it needs no storage and
//! works on every server instance sharing the database. The login form, before any
//! session exists, uses a random value in a short-lived cookie (double submit).

use crate::error::urlencode;
use crate::form::FormState;
use crate::{layout, ConsoleError};
use axum::body::Bytes;
use axum::extract::{FromRequest, FromRequestParts, Query, Request, State};
use axum::http::header::{COOKIE, LOCATION, SET_COOKIE};
use axum::http::request::Parts;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{AppendHeaders, IntoResponse, Response};
use maud::{html, Markup};
use rand::RngCore;
use serde::de::DeserializeOwned;
use serde::Deserialize;
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use tessera_app::{Actor, App, Password, Token};

/// Name of the session cookie.
pub const SESSION_COOKIE: &str = "tessera_session";
const LOGIN_COOKIE: &str = "tessera_login_csrf";

/// The signed-in person of a request.
#[derive(Debug, Clone)]
pub struct Session {
    /// Issuer or manager.
    pub actor: Actor,
    /// The login name shown in the header.
    pub username: String,
    /// The CSRF token every form of this session carries.
    pub csrf: String,
    token: Token,
}

impl Session {
    /// Whether the signed-in person is the issuer itself (not a manager).
    pub fn is_issuer(&self) -> bool {
        matches!(self.actor, Actor::Issuer(_))
    }
}

/// The CSRF token of a session token.
pub fn csrf_for(token: &str) -> String {
    hex::encode(Sha256::digest(format!("tessera-console-csrf\0{token}")))
}

fn same(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}

/// The value of cookie `name`.
pub fn cookie(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.to_owned())
}

fn over_https(headers: &HeaderMap) -> bool {
    headers
        .get("x-forwarded-proto")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.split(',').next().unwrap_or(v).trim() == "https")
}

/// A `Set-Cookie` value; `max_age` 0 deletes the cookie.
fn set_cookie(headers: &HeaderMap, name: &str, value: &str, max_age: Option<u32>) -> String {
    let mut c = format!("{name}={value}; Path=/; HttpOnly; SameSite=Strict");
    if let Some(age) = max_age {
        c.push_str(&format!("; Max-Age={age}"));
    }
    if over_https(headers) {
        c.push_str("; Secure");
    }
    c
}

impl FromRequestParts<App> for Session {
    type Rejection = ConsoleError;

    async fn from_request_parts(parts: &mut Parts, app: &App) -> Result<Self, Self::Rejection> {
        if let Some(session) = parts.extensions.get::<Session>() {
            return Ok(session.clone());
        }
        let logged_out = || ConsoleError::LoggedOut {
            next: parts
                .uri
                .path_and_query()
                .map_or("/".into(), |p| p.as_str().to_owned()),
        };
        let text = cookie(&parts.headers, SESSION_COOKIE).ok_or_else(logged_out)?;
        let token = Token::from_client(&text);
        let actor = match app.authenticate_actor(&token).await {
            Ok(actor) => actor,
            Err(tessera_app::AuthError::InvalidToken) => return Err(logged_out()),
            Err(other) => return Err(other.into()),
        };
        let username = match &actor {
            Actor::Manager(m) => m.username.to_string(),
            Actor::Issuer(id) => app
                .store()
                .issuer(*id)
                .await?
                .map_or_else(|| "issuer".into(), |i| i.username.to_string()),
        };
        let session = Session {
            actor,
            username,
            csrf: csrf_for(&text),
            token,
        };
        parts.extensions.insert(session.clone());
        Ok(session)
    }
}

/// A form posted by the signed-in person, refused unless it carries the session's
/// CSRF token.
pub struct Posted<T> {
    /// Who posted it.
    pub session: Session,
    /// The form's fields.
    pub form: T,
}

impl<T: DeserializeOwned> FromRequest<App> for Posted<T> {
    type Rejection = ConsoleError;

    async fn from_request(req: Request, app: &App) -> Result<Self, Self::Rejection> {
        let (mut parts, body) = req.into_parts();
        let session = Session::from_request_parts(&mut parts, app).await?;
        let req = Request::from_parts(parts, body);
        let bytes = Bytes::from_request(req, app)
            .await
            .map_err(|_| ConsoleError::Api(tessera_server::ApiError::PayloadTooLarge))?;
        let fields: HashMap<String, String> =
            serde_urlencoded::from_bytes(&bytes).map_err(|_| ConsoleError::Csrf)?;
        let sent = fields.get("csrf").map(String::as_str).unwrap_or_default();
        if !same(sent, &session.csrf) {
            tracing::warn!(user = %session.username, "form without a valid CSRF token refused");
            return Err(ConsoleError::Csrf);
        }
        let form = serde_urlencoded::from_bytes(&bytes).map_err(|e| {
            ConsoleError::Api(tessera_server::ApiError::bad_request(
                "invalid_form",
                format!("invalid form: {e}"),
            ))
        })?;
        Ok(Self { session, form })
    }
}

/// `?next=` of the login page.
#[derive(Debug, Deserialize)]
pub struct Next {
    next: Option<String>,
}

/// Only same-site paths are followed after login (no open redirect).
fn safe_next(next: Option<&str>) -> String {
    match next {
        Some(n) if n.starts_with('/') && !n.starts_with("//") && !n.contains('\\') => n.into(),
        _ => "/".into(),
    }
}

/// `GET /login`.
pub async fn login_page(headers: HeaderMap, Query(q): Query<Next>) -> Response {
    login_form(
        &headers,
        q.next.as_deref(),
        &FormState::default(),
        StatusCode::OK,
    )
}

fn login_form(
    headers: &HeaderMap,
    next: Option<&str>,
    state: &FormState,
    status: StatusCode,
) -> Response {
    let csrf = cookie(headers, LOGIN_COOKIE)
        .filter(|c| c.len() == 64)
        .unwrap_or_else(|| {
            let mut bytes = [0u8; 32];
            rand::thread_rng().fill_bytes(&mut bytes);
            hex::encode(bytes)
        });
    let body = login_body(&csrf, &safe_next(next), state);
    let cookie = set_cookie(headers, LOGIN_COOKIE, &csrf, Some(3600));
    (
        status,
        [(SET_COOKIE, cookie)],
        layout::bare("Sign in", body),
    )
        .into_response()
}

fn login_body(csrf: &str, next: &str, state: &FormState) -> Markup {
    html! {
        section.login {
            h1 { "Sign in to Tessera" }
            p.muted { "Use your issuer account or a manager login your issuer created." }
            (state.general_errors())
            form method="post" action="/login" {
                input type="hidden" name="csrf" value=(csrf);
                input type="hidden" name="next" value=(next);
                (state.text("username", "Username", "", "username"))
                (state.password("password", "Password", "current-password"))
                button.primary type="submit" { "Sign in" }
            }
        }
    }
}

/// The login form's fields.
#[derive(Debug, Deserialize)]
pub struct LoginForm {
    csrf: Option<String>,
    username: String,
    password: String,
    next: Option<String>,
}

/// `POST /login`: a session on success, the form with the API's message otherwise.
pub async fn login(
    State(app): State<App>,
    tessera_server::ClientAddr(client): tessera_server::ClientAddr,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let Ok(form) = serde_urlencoded::from_bytes::<LoginForm>(&body) else {
        return ConsoleError::Csrf.into_response();
    };
    let expected = cookie(&headers, LOGIN_COOKIE).unwrap_or_default();
    if expected.is_empty() || !same(form.csrf.as_deref().unwrap_or(""), &expected) {
        return ConsoleError::Csrf.into_response();
    }
    match app
        .obtain_token(client, form.username.trim(), &Password::new(form.password))
        .await
    {
        Ok(token) => {
            let to = safe_next(form.next.as_deref());
            let session = set_cookie(&headers, SESSION_COOKIE, token.reveal(), None);
            let clear = set_cookie(&headers, LOGIN_COOKIE, "", Some(0));
            (
                StatusCode::SEE_OTHER,
                [(LOCATION, to)],
                AppendHeaders([(SET_COOKIE, session), (SET_COOKIE, clear)]),
            )
                .into_response()
        }
        Err(e) => {
            let (status, code, message) = tessera_server::ApiError::from(e).public();
            let mut state = FormState::default();
            state.set("username", form.username);
            state.general.push(format!("{message} ({code})"));
            login_form(&headers, form.next.as_deref(), &state, status)
        }
    }
}

/// The logout form's fields (only the CSRF token).
#[derive(Debug, Deserialize)]
pub struct Empty {}

/// `POST /logout`: the token stops working, the cookie goes.
pub async fn logout(
    State(app): State<App>,
    headers: HeaderMap,
    posted: Posted<Empty>,
) -> Result<Response, ConsoleError> {
    app.revoke_token(&posted.session.token).await?;
    let clear = set_cookie(&headers, SESSION_COOKIE, "", Some(0));
    let to = format!("/login?next={}", urlencode("/"));
    Ok((StatusCode::SEE_OTHER, [(LOCATION, to), (SET_COOKIE, clear)]).into_response())
}

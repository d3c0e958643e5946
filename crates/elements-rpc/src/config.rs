//! Where the node is and how to log in.
//!
//! Operators hand Tessera one string, `http://rpcuser:rpcpass@host:port[/wallet/NAME]`, the
//! same shape the AMP confirm script takes, or a URL without credentials plus elementsd's
//! cookie file. [`NodeUrl`] parses that once, keeps the password in a secret type, and never
//! prints it: its `Display` is what goes into error messages and logs.

use std::fmt;
use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::time::Duration;

use base64::Engine as _;
use secrecy::{ExposeSecret, SecretString};
use url::Url;

use crate::error::Error;

/// How requests authenticate (HTTP basic auth, as elementsd expects).
#[derive(Clone)]
pub enum Auth {
    /// No credentials (only useful behind a proxy that adds them).
    None,
    /// `rpcuser` / `rpcpassword`, taken from the URL.
    UserPass {
        /// The RPC user.
        user: String,
        /// The RPC password.
        password: SecretString,
    },
    /// elementsd's cookie file (`__cookie__:<random>`), read again for every request so a
    /// restarted node's new cookie is picked up.
    CookieFile(PathBuf),
}

impl fmt::Debug for Auth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Auth::None => f.write_str("None"),
            Auth::UserPass { user, .. } => {
                write!(f, "UserPass {{ user: {user:?}, password: *** }}")
            }
            Auth::CookieFile(path) => write!(f, "CookieFile({path:?})"),
        }
    }
}

impl Auth {
    /// The `Authorization` header value, or `None` without credentials.
    pub(crate) fn header(&self) -> Result<Option<String>, Error> {
        let pair = match self {
            Auth::None => return Ok(None),
            Auth::UserPass { user, password } => {
                format!("{user}:{}", password.expose_secret())
            }
            Auth::CookieFile(path) => read_cookie(path)?,
        };
        let encoded = base64::engine::general_purpose::STANDARD.encode(pair);
        Ok(Some(format!("Basic {encoded}")))
    }
}

/// Reads a cookie file: one line `user:password` (elementsd writes `__cookie__:<hex>`).
fn read_cookie(path: &Path) -> Result<String, Error> {
    let text = std::fs::read_to_string(path).map_err(|source| Error::CookieRead {
        path: path.to_owned(),
        source,
    })?;
    let line = text.lines().next().unwrap_or("").trim();
    match line.split_once(':') {
        Some((user, password)) if !user.is_empty() && !password.is_empty() => Ok(line.to_owned()),
        _ => Err(Error::CookieFormat {
            path: path.to_owned(),
        }),
    }
}

/// A parsed node address: endpoint, credentials and optional wallet.
#[derive(Clone)]
pub struct NodeUrl {
    /// Scheme, host and port only (no credentials, path `/`).
    base: Url,
    auth: Auth,
    wallet: Option<String>,
}

impl NodeUrl {
    /// Parses `http://user:pass@host:port[/wallet/NAME]` (`https` works too). User and
    /// password may be percent-encoded; so may the wallet name.
    pub fn parse(text: &str) -> Result<Self, Error> {
        let mut url = Url::parse(text).map_err(|e| invalid(text, &e.to_string()))?;
        if !matches!(url.scheme(), "http" | "https") {
            return Err(invalid(text, "the scheme must be http or https"));
        }
        if url.host_str().is_none_or(str::is_empty) {
            return Err(invalid(text, "there is no host"));
        }
        if url.query().is_some() || url.fragment().is_some() {
            return Err(invalid(text, "a node URL has no query or fragment"));
        }
        let user = decode(url.username(), text)?;
        let password = url.password().map(|p| decode(p, text)).transpose()?;
        let auth = match (user.is_empty(), password) {
            (true, None) => Auth::None,
            (_, Some(password)) => Auth::UserPass {
                user,
                password: SecretString::from(password),
            },
            (false, None) => return Err(invalid(text, "the user has no password (user:pass@)")),
        };
        let wallet = match url.path() {
            "" | "/" => None,
            path => match path.trim_end_matches('/').strip_prefix("/wallet/") {
                Some(name) if !name.is_empty() => Some(decode(name, text)?),
                _ => {
                    return Err(invalid(
                        text,
                        "the only path allowed is /wallet/NAME (or none)",
                    ))
                }
            },
        };
        // Both setters only fail for URLs that cannot have credentials, checked above.
        let _ = url.set_username("");
        let _ = url.set_password(None);
        url.set_path("/");
        Ok(NodeUrl {
            base: url,
            auth,
            wallet,
        })
    }

    /// Authenticates with elementsd's cookie file instead of URL credentials.
    pub fn with_cookie_file(mut self, path: impl Into<PathBuf>) -> Self {
        self.auth = Auth::CookieFile(path.into());
        self
    }

    /// The same node, with requests sent to `/wallet/NAME` (`None`: to `/`).
    pub fn with_wallet(mut self, wallet: Option<String>) -> Self {
        self.wallet = wallet;
        self
    }

    /// The wallet named in the URL, if any.
    pub fn wallet(&self) -> Option<&str> {
        self.wallet.as_deref()
    }

    /// The credentials used.
    pub fn auth(&self) -> &Auth {
        &self.auth
    }

    /// The HTTP endpoint requests are posted to (`/` or `/wallet/NAME`, name percent-encoded).
    pub fn endpoint(&self) -> Url {
        let mut url = self.base.clone();
        if let Some(name) = &self.wallet {
            if let Ok(mut segments) = url.path_segments_mut() {
                segments.clear().push("wallet").push(name);
            }
        }
        url
    }
}

/// Percent-decodes a URL part.
fn decode(part: &str, whole: &str) -> Result<String, Error> {
    percent_encoding::percent_decode_str(part)
        .decode_utf8()
        .map(|text| text.into_owned())
        .map_err(|_| invalid(whole, "a percent-encoded part is not UTF-8"))
}

/// The URL with any password replaced by `***`, fit for an error message.
fn redact(text: &str) -> String {
    match Url::parse(text) {
        Ok(mut url) => {
            if url.password().is_some() {
                let _ = url.set_password(Some("***"));
            }
            url.to_string()
        }
        Err(_) => "(unparsable URL, not shown: it may hold a password)".to_owned(),
    }
}

fn invalid(text: &str, reason: &str) -> Error {
    Error::InvalidUrl {
        url: redact(text),
        reason: reason.to_owned(),
    }
}

impl FromStr for NodeUrl {
    type Err = Error;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        NodeUrl::parse(text)
    }
}

/// Shows the endpoint without the password, e.g. `http://user@127.0.0.1:18884/wallet/issuer`.
impl fmt::Display for NodeUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut url = self.endpoint();
        if let Auth::UserPass { user, .. } = &self.auth {
            let _ = url.set_username(user);
        }
        write!(f, "{url}")
    }
}

impl fmt::Debug for NodeUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("NodeUrl")
            .field("endpoint", &self.endpoint().as_str())
            .field("auth", &self.auth)
            .finish()
    }
}

/// Connection behaviour. The defaults suit a node on the same host or LAN.
#[derive(Debug, Clone)]
pub struct Options {
    /// How many times a request is tried again when the TCP connection cannot be made
    /// (refused, unreachable, connect timeout). Failures after the request was sent are never
    /// retried: see [`crate::ElementsRpc`]. Default 4 (5 attempts, like the AMP script).
    pub connect_retries: u32,
    /// Pause between connection attempts. Default 2 s.
    pub retry_delay: Duration,
    /// Time allowed to open the TCP connection. Default 5 s.
    pub connect_timeout: Duration,
    /// Time allowed for a whole request, reply included. Default 120 s: a `sendmany` to 81
    /// confidential recipients takes ~3 s of node time, and big blocks take a while too.
    pub request_timeout: Duration,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            connect_retries: 4,
            retry_delay: Duration::from_secs(2),
            connect_timeout: Duration::from_secs(5),
            request_timeout: Duration::from_secs(120),
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn amp_style_url_yields_endpoint_credentials_and_wallet() {
        let url = NodeUrl::parse("http://user:p%40ss@127.0.0.1:18884/wallet/issuer").unwrap();
        assert_eq!(url.wallet(), Some("issuer"));
        assert_eq!(
            url.endpoint().as_str(),
            "http://127.0.0.1:18884/wallet/issuer"
        );
        match url.auth() {
            Auth::UserPass { user, password } => {
                assert_eq!(user, "user");
                assert_eq!(password.expose_secret(), "p@ss");
            }
            other => panic!("{other:?}"),
        }
        let shown = format!("{url} {url:?}");
        assert!(
            !shown.contains("p@ss") && !shown.contains("p%40ss"),
            "{shown}"
        );
    }

    #[test]
    fn wallet_names_are_percent_encoded_in_the_path() {
        let url = NodeUrl::parse("http://u:p@localhost:7041/wallet/my%20wallet/").unwrap();
        assert_eq!(url.wallet(), Some("my wallet"));
        assert_eq!(url.endpoint().path(), "/wallet/my%20wallet");
        let plain = url.with_wallet(None);
        assert_eq!(plain.endpoint().path(), "/");
    }

    #[test]
    fn bad_urls_are_refused_without_echoing_the_password() {
        for text in [
            "ftp://u:secret@host:1",
            "http://u:secret@host:1/other",
            "http://u:secret@host:1/wallet/",
            "http://u:secret@host:1/?x=1",
            "http://u@host:1",
            "not a url",
        ] {
            let err = NodeUrl::parse(text).unwrap_err();
            assert!(matches!(err, Error::InvalidUrl { .. }), "{text}");
            assert!(!err.to_string().contains("secret"), "{err}");
        }
    }

    #[test]
    fn cookie_file_gives_basic_auth_and_bad_cookies_are_named() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(".cookie");
        std::fs::write(&path, "__cookie__:abc123\n").unwrap();
        let auth = Auth::CookieFile(path.clone());
        assert_eq!(
            auth.header().unwrap().unwrap(),
            "Basic X19jb29raWVfXzphYmMxMjM="
        );
        std::fs::write(&path, "garbage").unwrap();
        assert!(matches!(auth.header(), Err(Error::CookieFormat { .. })));
        let missing = Auth::CookieFile(dir.path().join("nope"));
        let err = missing.header().unwrap_err();
        assert!(err.to_string().contains("nope"), "{err}");
    }
}

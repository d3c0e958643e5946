//! The API URL template.
//!
//! The original script builds every URL with Python's `base_url.format(path)`, so files carry
//! templates like `https://amp.blockstream.com/api/{}`. A template without `{}` would send
//! every call to the same URL, so it is refused when parsed; [`BaseUrl::url`] is the one place
//! that fills the placeholder.
//!
//! The tool sends the issuer's password to this URL, and the URL comes from a file anybody
//! could have edited: plain `http://` is accepted only for a loopback host (`localhost`,
//! `127.0.0.0/8`, `::1`, e.g. a local test server), never for any other host.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// The script's default template (`update-blinders -b`).
pub const DEFAULT_BASE_URL: &str = "https://amp.blockstream.com/api/{}";

/// Why a URL template was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum BaseUrlError {
    /// No `{}` placeholder.
    #[error("base_url {0:?} has no {{}} placeholder (expected e.g. \"https://host/api/{{}}\")")]
    NoPlaceholder(String),
    /// Not http(s).
    #[error("base_url {0:?} does not start with http:// or https://")]
    Scheme(String),
    /// Plain http to a host that is not loopback: the password would travel in clear.
    #[error("base_url {0:?} is plain http to a host that is not loopback: the password would travel in clear; use https://")]
    PlainHttp(String),
    /// No host could be read.
    #[error("base_url {0:?} is not a valid URL")]
    Invalid(String),
}

/// An API URL template containing `{}`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct BaseUrl(String);

impl BaseUrl {
    /// Checks a template.
    pub fn parse(text: &str) -> Result<Self, BaseUrlError> {
        if !text.contains("{}") {
            return Err(BaseUrlError::NoPlaceholder(text.to_owned()));
        }
        if !(text.starts_with("http://") || text.starts_with("https://")) {
            return Err(BaseUrlError::Scheme(text.to_owned()));
        }
        let url = url::Url::parse(&text.replace("{}", "x"))
            .map_err(|_| BaseUrlError::Invalid(text.to_owned()))?;
        let host = url
            .host()
            .ok_or_else(|| BaseUrlError::Invalid(text.to_owned()))?;
        if url.scheme() == "http" && !is_loopback(&host) {
            return Err(BaseUrlError::PlainHttp(text.to_owned()));
        }
        Ok(BaseUrl(text.to_owned()))
    }

    /// The URL of `path` (`base_url.replace("{}", path)`).
    pub fn url(&self, path: &str) -> String {
        self.0.replace("{}", path)
    }

    /// The template text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// `localhost` (and its subdomains), `127.0.0.0/8` and `::1`.
fn is_loopback(host: &url::Host<&str>) -> bool {
    match host {
        url::Host::Domain(name) => {
            let name = name.trim_end_matches('.').to_ascii_lowercase();
            name == "localhost" || name.ends_with(".localhost")
        }
        url::Host::Ipv4(ip) => ip.is_loopback(),
        url::Host::Ipv6(ip) => ip.is_loopback(),
    }
}

impl fmt::Display for BaseUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::str::FromStr for BaseUrl {
    type Err = BaseUrlError;
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        BaseUrl::parse(text)
    }
}

impl Serialize for BaseUrl {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for BaseUrl {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        BaseUrl::parse(&text).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn urls_fill_the_placeholder_like_python_format() {
        let base = BaseUrl::parse("http://127.0.0.1:9/api/{}").unwrap();
        assert_eq!(
            base.url("user/obtain_token"),
            "http://127.0.0.1:9/api/user/obtain_token"
        );
        assert_eq!(
            BaseUrl::parse(DEFAULT_BASE_URL).unwrap().as_str(),
            DEFAULT_BASE_URL
        );
    }

    #[test]
    fn templates_without_placeholder_or_scheme_are_refused() {
        assert_eq!(
            BaseUrl::parse("https://amp.blockstream.com/api/"),
            Err(BaseUrlError::NoPlaceholder(
                "https://amp.blockstream.com/api/".into()
            ))
        );
        assert!(matches!(
            BaseUrl::parse("ftp://x/{}"),
            Err(BaseUrlError::Scheme(_))
        ));
    }

    #[test]
    fn plain_http_is_only_for_loopback_hosts() {
        for ok in [
            "http://127.0.0.1:9/api/{}",
            "http://127.9.9.9/api/{}",
            "http://localhost:8080/api/{}",
            "http://[::1]:9/api/{}",
            "https://amp.example.com/api/{}",
            "https://10.0.0.5/api/{}",
        ] {
            assert!(BaseUrl::parse(ok).is_ok(), "{ok}");
        }
        for refused in [
            "http://amp.example.com/api/{}",
            "http://10.0.0.5:80/api/{}",
            "http://127.0.0.1.evil.example/api/{}",
            "http://localhost@evil.example/api/{}",
            "http://[::ffff:10.0.0.1]/api/{}",
        ] {
            assert_eq!(
                BaseUrl::parse(refused),
                Err(BaseUrlError::PlainHttp(refused.into())),
                "{refused}"
            );
        }
    }
}

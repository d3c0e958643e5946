//! The API URL template.
//!
//! The original script builds every URL with Python's `base_url.format(path)`, so files carry
//! templates like `https://amp.blockstream.com/api/{}`. A template without `{}` would send
//! every call to the same URL, so it is refused when parsed; [`BaseUrl::url`] is the one place
//! that fills the placeholder.

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
}

//! The request files the API hands out (`reissue-request`, `distributions/create`,
//! `burn-request`; amp-api.md §3), parsed strictly.
//!
//! These files decide what the issuer's node pays, so a field the tool does not understand is
//! an error rather than something to ignore, and amounts are read from the JSON number's text
//! into exact base units ([`Sats`]), never through a float. The checks the original script
//! makes come first and in its order: `min_supported_client_script_version`, then `command`.

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

use elements::{AssetId, Txid};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use tessera_elements_rpc::Sats;

use crate::base_url::{BaseUrl, BaseUrlError};

/// The script version this tool speaks (`CLIENT_SCRIPT_VERSION` of the original).
pub const CLIENT_SCRIPT_VERSION: i64 = 2;

/// The four things the tool does; a file's `command` must name the sub-command used.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum CommandKind {
    /// `reissue`.
    Reissue,
    /// `distribute`.
    Distribute,
    /// `burn`.
    Burn,
    /// `update-blinders`.
    UpdateBlinders,
}

impl fmt::Display for CommandKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            CommandKind::Reissue => "reissue",
            CommandKind::Distribute => "distribute",
            CommandKind::Burn => "burn",
            CommandKind::UpdateBlinders => "update-blinders",
        })
    }
}

/// Why a request file was refused.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum FileError {
    /// The file could not be read.
    #[error("cannot read request file {path:?}: {source}")]
    Read {
        /// The file.
        path: PathBuf,
        /// The I/O error.
        source: std::io::Error,
    },
    /// Not JSON, or a field is missing, unknown or of the wrong type.
    #[error("request file {path:?} is not a valid {command} file: {source}")]
    Invalid {
        /// The file.
        path: PathBuf,
        /// The command it was read for.
        command: CommandKind,
        /// What serde refused (names the field).
        source: serde_json::Error,
    },
    /// `min_supported_client_script_version` is missing or not an integer.
    #[error(
        "request file {path:?} has no integer min_supported_client_script_version (found {found})"
    )]
    NoVersion {
        /// The file.
        path: PathBuf,
        /// What was there.
        found: String,
    },
    /// The file asks for an older client protocol than this tool speaks.
    #[error("request file {path:?} has min_supported_client_script_version {found}, below this tool's version {CLIENT_SCRIPT_VERSION}: the file is from an incompatible server; request a new one")]
    VersionTooLow {
        /// The file.
        path: PathBuf,
        /// The file's value.
        found: i64,
    },
    /// The file is for another sub-command.
    #[error("request file {path:?} is a {found:?} file, not a {expected} file: use `tessera confirm {found} -f ...` or the right file")]
    WrongCommand {
        /// The file.
        path: PathBuf,
        /// The file's `command`.
        found: String,
        /// The sub-command used.
        expected: CommandKind,
    },
    /// `base_url` is unusable.
    #[error("request file {path:?}: {source}")]
    BaseUrl {
        /// The file.
        path: PathBuf,
        /// Why.
        source: BaseUrlError,
    },
    /// The two address maps of a distribution do not name the same addresses.
    #[error("distribution file {path:?}: address {address} is in one of map_address_amount / map_address_asset but not the other")]
    MapsDiffer {
        /// The file.
        path: PathBuf,
        /// The address.
        address: String,
    },
    /// A distribution output pays another asset than the file's.
    #[error("distribution file {path:?}: address {address} would be paid asset {asset}, not the file's asset_id {expected}")]
    ForeignAsset {
        /// The file.
        path: PathBuf,
        /// The address.
        address: String,
        /// Its asset.
        asset: AssetId,
        /// The file's asset.
        expected: AssetId,
    },
    /// A zero amount (would make the node refuse or do nothing).
    #[error("request file {path:?}: amount for {what} is zero")]
    ZeroAmount {
        /// The file.
        path: PathBuf,
        /// Which amount.
        what: String,
    },
    /// A distribution without recipients.
    #[error("distribution file {path:?} pays nobody (map_address_amount is empty)")]
    NoRecipients {
        /// The file.
        path: PathBuf,
    },
}

/// An outpoint as the files write it: exactly `{"txid", "vout"}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OutPointRef {
    /// Transaction.
    pub txid: Txid,
    /// Output index.
    pub vout: u32,
}

impl fmt::Display for OutPointRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.txid, self.vout)
    }
}

/// The `reissue-request` response (§3.1).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReissueFile {
    /// Always `"reissue"`.
    pub command: String,
    /// Checked against [`CLIENT_SCRIPT_VERSION`].
    pub min_supported_client_script_version: i64,
    /// API URL template with `{}`.
    pub base_url: BaseUrl,
    /// The asset.
    pub asset_uuid: String,
    /// The asset on chain.
    pub asset_id: AssetId,
    /// Amount to reissue, coin units.
    pub amount: Sats,
    /// The reissuance-token outputs.
    pub reissuance_utxos: Vec<OutPointRef>,
}

/// The `distributions/create` response (§3.2).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DistributeFile {
    /// Always `"distribute"`.
    pub command: String,
    /// Checked against [`CLIENT_SCRIPT_VERSION`].
    pub min_supported_client_script_version: i64,
    /// API URL template with `{}`.
    pub base_url: BaseUrl,
    /// The asset.
    pub asset_uuid: String,
    /// The asset on chain.
    pub asset_id: AssetId,
    /// The distribution.
    pub distribution_uuid: String,
    /// Address → amount in coin units.
    pub map_address_amount: BTreeMap<String, Sats>,
    /// Address → asset id.
    pub map_address_asset: BTreeMap<String, AssetId>,
}

/// The `burn-request` response (§3.3).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BurnFile {
    /// Always `"burn"`.
    pub command: String,
    /// Checked against [`CLIENT_SCRIPT_VERSION`].
    pub min_supported_client_script_version: i64,
    /// API URL template with `{}`.
    pub base_url: BaseUrl,
    /// The asset.
    pub asset_uuid: String,
    /// The asset on chain.
    pub asset_id: AssetId,
    /// Amount to burn, coin units.
    pub amount: Sats,
    /// Outputs that must be in the wallet.
    pub utxos: Vec<OutPointRef>,
}

/// The common checks, in the script's order, before the strict parse.
fn check_header(path: &Path, value: &Value, expected: CommandKind) -> Result<(), FileError> {
    let version = value.get("min_supported_client_script_version");
    let found = version
        .and_then(Value::as_i64)
        .ok_or_else(|| FileError::NoVersion {
            path: path.to_owned(),
            found: version.map_or("nothing".to_owned(), Value::to_string),
        })?;
    if found < CLIENT_SCRIPT_VERSION {
        return Err(FileError::VersionTooLow {
            path: path.to_owned(),
            found,
        });
    }
    let command = value.get("command").and_then(Value::as_str);
    if command != Some(&expected.to_string()) {
        return Err(FileError::WrongCommand {
            path: path.to_owned(),
            found: command.map_or("(none)".to_owned(), str::to_owned),
            expected,
        });
    }
    if let Some(base) = value.get("base_url").and_then(Value::as_str) {
        BaseUrl::parse(base).map_err(|source| FileError::BaseUrl {
            path: path.to_owned(),
            source,
        })?;
    }
    Ok(())
}

fn parse_as<T: DeserializeOwned>(
    path: &Path,
    text: &str,
    expected: CommandKind,
) -> Result<T, FileError> {
    let invalid = |source| FileError::Invalid {
        path: path.to_owned(),
        command: expected,
        source,
    };
    let value: Value = serde_json::from_str(text).map_err(invalid)?;
    check_header(path, &value, expected)?;
    serde_json::from_value(value).map_err(invalid)
}

fn nonzero(path: &Path, amount: Sats, what: impl Into<String>) -> Result<(), FileError> {
    if amount == Sats::ZERO {
        return Err(FileError::ZeroAmount {
            path: path.to_owned(),
            what: what.into(),
        });
    }
    Ok(())
}

impl ReissueFile {
    /// Parses and checks a reissue file's text (`path` only names it in errors).
    pub fn parse(path: &Path, text: &str) -> Result<Self, FileError> {
        let file: Self = parse_as(path, text, CommandKind::Reissue)?;
        nonzero(path, file.amount, "the reissuance")?;
        Ok(file)
    }
}

impl BurnFile {
    /// Parses and checks a burn file's text (`path` only names it in errors).
    pub fn parse(path: &Path, text: &str) -> Result<Self, FileError> {
        let file: Self = parse_as(path, text, CommandKind::Burn)?;
        nonzero(path, file.amount, "the burn")?;
        Ok(file)
    }
}

impl DistributeFile {
    /// Parses and checks a distribution file's text (`path` only names it in errors).
    pub fn parse(path: &Path, text: &str) -> Result<Self, FileError> {
        let file: Self = parse_as(path, text, CommandKind::Distribute)?;
        if file.map_address_amount.is_empty() {
            return Err(FileError::NoRecipients {
                path: path.to_owned(),
            });
        }
        let differ = |address: &String| FileError::MapsDiffer {
            path: path.to_owned(),
            address: address.clone(),
        };
        for (address, amount) in &file.map_address_amount {
            let asset = file
                .map_address_asset
                .get(address)
                .ok_or_else(|| differ(address))?;
            if *asset != file.asset_id {
                return Err(FileError::ForeignAsset {
                    path: path.to_owned(),
                    address: address.clone(),
                    asset: *asset,
                    expected: file.asset_id,
                });
            }
            nonzero(path, *amount, address.clone())?;
        }
        if let Some(extra) = file
            .map_address_asset
            .keys()
            .find(|a| !file.map_address_amount.contains_key(*a))
        {
            return Err(differ(extra));
        }
        Ok(file)
    }
}

/// Reads a file from disk.
pub fn read(path: &Path) -> Result<String, FileError> {
    std::fs::read_to_string(path).map_err(|source| FileError::Read {
        path: path.to_owned(),
        source,
    })
}

#[cfg(test)]
#[path = "file_tests.rs"]
mod tests;

//! The crash journal: what this tool was about to do, and what it did, for one request.
//!
//! The original script tells the operator never to re-run a command whose confirm POST
//! failed, because a re-run pays again. Tessera writes a journal beside the request file
//! (`FILE.journal.json`) instead: the *intent* (the request and a snapshot of the wallet) before
//! the node is asked to broadcast, the txid as soon as the node returns it, and the fact that
//! the server accepted the confirmation. A re-run reads it and resumes (see `ops::driver`), so
//! a crash at any point never leads to a second payment.
//!
//! Every write is atomic (temp file, fsync, rename, fsync of the directory): after a crash the
//! journal is either the old or the new version, never a torn one.

use std::fs::{self, File};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

use elements::{AssetId, Txid};
use serde::{Deserialize, Serialize};
use tessera_elements_rpc::Sats;

use crate::file::{CommandKind, OutPointRef};

/// The journal format version.
pub const JOURNAL_VERSION: u32 = 1;

/// Journal failures.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum JournalError {
    /// Reading or writing failed.
    #[error("journal {path:?}: {source}")]
    Io {
        /// The journal.
        path: PathBuf,
        /// The I/O error.
        source: std::io::Error,
    },
    /// The journal is not valid JSON of this format.
    #[error(
        "journal {path:?} is corrupt ({source}): inspect it; if no transaction was sent, delete it"
    )]
    Corrupt {
        /// The journal.
        path: PathBuf,
        /// The parse error.
        source: serde_json::Error,
    },
    /// The journal records another request than the one given now.
    #[error("journal {path:?} records a different {command} request for asset {asset_uuid}: the request file changed after a transaction may have been sent; move the journal away only after checking the wallet")]
    Mismatch {
        /// The journal.
        path: PathBuf,
        /// Its command.
        command: CommandKind,
        /// Its asset.
        asset_uuid: String,
    },
    /// A state change that the state machine forbids (a bug, or a hand-edited journal).
    #[error("journal: cannot go from {from} to {to}")]
    Transition {
        /// Stage name before.
        from: &'static str,
        /// Stage name requested.
        to: &'static str,
    },
}

/// What the request asks the node to do: enough to recognise the transaction later.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Request {
    /// `reissueasset ASSET AMOUNT`.
    Reissue {
        /// Amount, coin units.
        amount: Sats,
    },
    /// `sendmany` to these recipients.
    Distribute {
        /// The distribution.
        distribution_uuid: String,
        /// Who gets what.
        recipients: Vec<JournalRecipient>,
    },
    /// `destroyamount ASSET AMOUNT`.
    Burn {
        /// Amount, coin units.
        amount: Sats,
        /// Outputs the file named.
        utxos: Vec<OutPointRef>,
    },
}

/// One distribution output.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct JournalRecipient {
    /// The address as the file gives it (usually confidential).
    pub address: String,
    /// Its unconfidential form, as `gettransaction.details[].address` shows it.
    pub unconfidential: String,
    /// Amount, coin units.
    pub amount: Sats,
}

/// Where the operation stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "stage", rename_all = "snake_case")]
pub enum Stage {
    /// About to ask the node to broadcast; the wallet as it was just before.
    Intent {
        /// Txids in `listunspent 0` before the broadcast.
        known_txids: Vec<Txid>,
        /// Txids of the asset's reissuances in `listissuances` before (reissue only).
        #[serde(default)]
        known_reissuances: Vec<Txid>,
    },
    /// The node returned this transaction (or it was found after a crash, or given with
    /// `--use-existing`).
    Broadcast {
        /// The transaction.
        txid: Txid,
        /// The reissuance input (reissue only).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        vin: Option<u32>,
    },
    /// The server accepted the confirmation: nothing left to do.
    Confirmed {
        /// The transaction.
        txid: Txid,
        /// The reissuance input (reissue only).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        vin: Option<u32>,
    },
}

impl Stage {
    /// The stage's name.
    pub fn name(&self) -> &'static str {
        match self {
            Stage::Intent { .. } => "intent",
            Stage::Broadcast { .. } => "broadcast",
            Stage::Confirmed { .. } => "confirmed",
        }
    }

    /// Checks that `next` may follow this stage: intent → intent (a fresh snapshot after
    /// finding nothing sent), intent → broadcast, broadcast → confirmed. Nothing leaves
    /// confirmed, and a known txid is never replaced or forgotten.
    pub fn check_transition(&self, next: &Stage) -> Result<(), JournalError> {
        let allowed = match (self, next) {
            (Stage::Intent { .. }, Stage::Intent { .. } | Stage::Broadcast { .. }) => true,
            (Stage::Broadcast { txid: a, .. }, Stage::Confirmed { txid: b, .. }) => a == b,
            _ => false,
        };
        if allowed {
            Ok(())
        } else {
            Err(JournalError::Transition {
                from: self.name(),
                to: next.name(),
            })
        }
    }
}

/// One request's journal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Journal {
    /// [`JOURNAL_VERSION`].
    pub version: u32,
    /// The sub-command.
    pub command: CommandKind,
    /// The asset.
    pub asset_uuid: String,
    /// The asset on chain.
    pub asset_id: AssetId,
    /// What was asked.
    pub request: Request,
    /// Where it stands.
    pub stage: Stage,
    /// Last write, UNIX seconds (for people reading it).
    pub updated_at: u64,
}

impl Journal {
    /// A journal for `request`, at `stage`.
    pub fn new(
        command: CommandKind,
        asset_uuid: &str,
        asset_id: AssetId,
        request: Request,
        stage: Stage,
    ) -> Self {
        Journal {
            version: JOURNAL_VERSION,
            command,
            asset_uuid: asset_uuid.to_owned(),
            asset_id,
            request,
            stage,
            updated_at: now(),
        }
    }

    /// Whether this journal is about the same request.
    pub fn matches(&self, command: CommandKind, asset_id: &AssetId, request: &Request) -> bool {
        self.command == command && self.asset_id == *asset_id && self.request == *request
    }

    /// Moves to `next` if the state machine allows it.
    pub fn advance(&mut self, next: Stage) -> Result<(), JournalError> {
        self.stage.check_transition(&next)?;
        self.stage = next;
        self.updated_at = now();
        Ok(())
    }

    /// Reads a journal; `None` when there is none.
    pub fn load(path: &Path) -> Result<Option<Journal>, JournalError> {
        let text = match fs::read_to_string(path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(source) => {
                return Err(JournalError::Io {
                    path: path.to_owned(),
                    source,
                })
            }
        };
        serde_json::from_str(&text)
            .map(Some)
            .map_err(|source| JournalError::Corrupt {
                path: path.to_owned(),
                source,
            })
    }

    /// Writes the journal atomically.
    pub fn save(&self, path: &Path) -> Result<(), JournalError> {
        let text = serde_json::to_vec_pretty(self).map_err(|source| JournalError::Corrupt {
            path: path.to_owned(),
            source,
        })?;
        write_atomically(path, &text).map_err(|source| JournalError::Io {
            path: path.to_owned(),
            source,
        })
    }
}

/// The journal path for a request file: `FILE.journal.json` beside it.
pub fn journal_path(request_file: &Path) -> PathBuf {
    let mut name = request_file
        .file_name()
        .map(|n| n.to_os_string())
        .unwrap_or_default();
    name.push(".journal.json");
    request_file.with_file_name(name)
}

/// Writes `bytes` to `path` so that a crash leaves either the old or the new content: a
/// temporary file in the same directory, fsync, rename over `path`, fsync of the directory.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir.to_owned(),
        _ => PathBuf::from("."),
    };
    let mut tmp_name = path
        .file_name()
        .map(|n| n.to_os_string())
        .unwrap_or_default();
    tmp_name.push(format!(".tmp-{}", std::process::id()));
    let tmp = dir.join(tmp_name);
    {
        let mut file = File::create(&tmp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
    }
    fs::rename(&tmp, path)?;
    // Make the rename itself durable. Opening a directory works on Unix; elsewhere skip.
    if let Ok(dir) = File::open(&dir) {
        let _ = dir.sync_all();
    }
    Ok(())
}

fn now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0)
}

#[cfg(test)]
#[path = "journal_tests.rs"]
mod tests;

//! Persistence in the data directory.
//!
//! * `blocks.dat` — append-only, one hex-encoded block per line (heights 1..); a torn last
//!   line from a crash is ignored on load.
//! * `state.json` — wallets (seeds included) and the mempool, rewritten atomically (temp file
//!   + rename) after every state change, with mode 0600 because it holds keys.
//!
//! Derived data (UTXO set, wallet outputs and their unblinded secrets) is rebuilt by replaying
//! the blocks, which keeps the format small and impossible to get out of sync.

use std::fs::{self, File, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};

use elements::encode::{deserialize, serialize_hex};
use elements::{Block, Transaction};
use serde::{Deserialize, Serialize};

use crate::error::DevnetError;
use crate::state::State;
use crate::wallet::{Wallet, WalletRecord};

const BLOCKS: &str = "blocks.dat";
const SNAPSHOT: &str = "state.json";

#[derive(Serialize, Deserialize, Default)]
struct Snapshot {
    wallets: Vec<WalletRecord>,
    loaded: Vec<String>,
    mempool: Vec<MempoolRecord>,
}

#[derive(Serialize, Deserialize)]
struct MempoolRecord {
    hex: String,
    time: u64,
}

/// Writes state changes to a data directory.
#[derive(Debug)]
pub struct Persister {
    dir: PathBuf,
    blocks_written: usize,
}

fn io_err(path: &Path) -> impl FnOnce(std::io::Error) -> DevnetError + '_ {
    move |source| DevnetError::Io {
        path: path.to_path_buf(),
        source,
    }
}

impl Persister {
    /// Opens (creating it if needed) `dir` and loads the state it holds.
    pub fn open(dir: &Path) -> Result<(Self, State), DevnetError> {
        fs::create_dir_all(dir).map_err(io_err(dir))?;
        let mut state = State::new();
        let snapshot_path = dir.join(SNAPSHOT);
        let snapshot: Snapshot = match fs::read_to_string(&snapshot_path) {
            Ok(text) => serde_json::from_str(&text).map_err(|e| DevnetError::Corrupt {
                path: snapshot_path.clone(),
                reason: e.to_string(),
            })?,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Snapshot::default(),
            Err(e) => {
                return Err(DevnetError::Io {
                    path: snapshot_path,
                    source: e,
                })
            }
        };
        for record in snapshot.wallets {
            let mut wallet = Wallet::from_record(record, &state.secp);
            wallet.record.loaded = false;
            state.add_wallet(wallet);
        }
        for name in snapshot.loaded {
            if let Some(w) = state.wallets.get_mut(&name) {
                w.record.loaded = true;
                state.loaded.push(name);
            }
        }
        let blocks_path = dir.join(BLOCKS);
        let mut blocks_written = 1;
        match fs::read_to_string(&blocks_path) {
            Ok(text) => {
                for line in text.lines() {
                    let Some(block) = hex::decode(line.trim())
                        .ok()
                        .and_then(|b| deserialize::<Block>(&b).ok())
                    else {
                        break; // torn write at the end: stop here
                    };
                    if block.header.prev_blockhash != state.chain.tip().block_hash() {
                        return Err(DevnetError::Corrupt {
                            path: blocks_path,
                            reason: "block does not extend the tip".into(),
                        });
                    }
                    state.connect(block);
                    blocks_written += 1;
                }
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => {
                return Err(DevnetError::Io {
                    path: blocks_path,
                    source: e,
                })
            }
        }
        for record in snapshot.mempool {
            let tx = hex::decode(&record.hex)
                .ok()
                .and_then(|b| deserialize::<Transaction>(&b).ok());
            if let Some(tx) = tx {
                // Already validated when first accepted; drop it if it no longer fits.
                let _ = state.accept(tx, true);
            }
        }
        let mut persister = Self {
            dir: dir.to_path_buf(),
            blocks_written,
        };
        // Rewrite the block file if it had a torn tail, so appends stay line-aligned.
        if blocks_written != state.chain.blocks().len() || fs::metadata(&blocks_path).is_ok() {
            persister.rewrite_blocks(&state)?;
        }
        Ok((persister, state))
    }

    fn rewrite_blocks(&mut self, state: &State) -> Result<(), DevnetError> {
        let path = self.dir.join(BLOCKS);
        let tmp = self.dir.join("blocks.dat.tmp");
        let mut text = String::new();
        for block in state.chain.blocks().iter().skip(1) {
            text.push_str(&serialize_hex(block));
            text.push('\n');
        }
        write_private(&tmp, text.as_bytes())?;
        fs::rename(&tmp, &path).map_err(io_err(&path))?;
        self.blocks_written = state.chain.blocks().len();
        Ok(())
    }

    /// Appends new blocks and rewrites the snapshot.
    pub fn save(&mut self, state: &State) -> Result<(), DevnetError> {
        let blocks = state.chain.blocks();
        if blocks.len() > self.blocks_written {
            let path = self.dir.join(BLOCKS);
            let mut file = OpenOptions::new()
                .create(true)
                .append(true)
                .open(&path)
                .map_err(io_err(&path))?;
            let mut text = String::new();
            for block in &blocks[self.blocks_written..] {
                text.push_str(&serialize_hex(block));
                text.push('\n');
            }
            file.write_all(text.as_bytes()).map_err(io_err(&path))?;
            file.sync_data().map_err(io_err(&path))?;
            self.blocks_written = blocks.len();
        }
        let snapshot = Snapshot {
            wallets: state.wallets.values().map(|w| w.record.clone()).collect(),
            loaded: state.loaded.clone(),
            mempool: state
                .chain
                .mempool
                .entries()
                .iter()
                .map(|e| MempoolRecord {
                    hex: serialize_hex(&e.tx),
                    time: e.time,
                })
                .collect(),
        };
        let path = self.dir.join(SNAPSHOT);
        let tmp = self.dir.join("state.json.tmp");
        let text = serde_json::to_vec(&snapshot).map_err(|e| DevnetError::Corrupt {
            path: path.clone(),
            reason: e.to_string(),
        })?;
        write_private(&tmp, &text)?;
        fs::rename(&tmp, &path).map_err(io_err(&path))?;
        Ok(())
    }
}

/// Writes a file readable only by its owner (it may hold keys), synced to disk.
fn write_private(path: &Path, bytes: &[u8]) -> Result<(), DevnetError> {
    let mut options = OpenOptions::new();
    options.create(true).write(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let mut file: File = options.open(path).map_err(io_err(path))?;
    file.write_all(bytes).map_err(io_err(path))?;
    file.sync_all().map_err(io_err(path))?;
    Ok(())
}

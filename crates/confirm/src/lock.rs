//! One run per journal: an exclusive advisory lock held for the whole run.
//!
//! The journal makes a *re-run* safe, but two runs at the same time would both read "no
//! journal" (or the same intent), both decide that nothing was sent, and both pay. So each run
//! first takes an exclusive, non-blocking lock on `FILE.journal.lock` beside the journal and
//! keeps it until it ends; a second run fails at once with [`ConfirmError::Busy`] instead of
//! waiting (a waiting run would only resume what the first one finished).
//!
//! The lock is on a separate file because the journal itself is replaced by rename on every
//! write (a lock on the old inode would not cover the new one). The lock file stays behind
//! after the run; that is harmless: the operating system releases the lock when the process
//! ends, even when it is killed, so a crash never leaves a run locked out.

use std::fs::{File, OpenOptions, TryLockError};
use std::path::{Path, PathBuf};

use crate::error::ConfirmError;

/// A held lock; released when dropped (or when the process ends).
#[derive(Debug)]
pub struct RunLock {
    _file: File,
    path: PathBuf,
}

impl RunLock {
    /// Takes the lock of the journal at `journal`, or fails at once if another process holds it.
    pub fn journal(journal: &Path) -> Result<RunLock, ConfirmError> {
        Self::acquire(lock_path(journal))
    }

    /// Takes the lock at `path` (created if missing), or fails at once if it is held.
    pub fn acquire(path: PathBuf) -> Result<RunLock, ConfirmError> {
        let file = OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)
            .map_err(|source| ConfirmError::Io {
                path: path.clone(),
                source,
            })?;
        match file.try_lock() {
            Ok(()) => Ok(RunLock { _file: file, path }),
            Err(TryLockError::WouldBlock) => Err(ConfirmError::Busy { lock: path }),
            Err(TryLockError::Error(source)) => Err(ConfirmError::Io { path, source }),
        }
    }

    /// The lock file.
    pub fn path(&self) -> &Path {
        &self.path
    }
}

/// `FILE.journal.lock` for the journal `FILE.journal.json`.
pub fn lock_path(journal: &Path) -> PathBuf {
    journal.with_extension("lock")
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn a_second_lock_on_the_same_journal_is_refused_until_the_first_is_dropped() {
        let dir = tempfile::tempdir().unwrap();
        let journal = dir.path().join("d.json.journal.json");
        let first = RunLock::journal(&journal).unwrap();
        assert_eq!(first.path(), dir.path().join("d.json.journal.lock"));
        let second = RunLock::journal(&journal).unwrap_err();
        assert!(
            matches!(&second, ConfirmError::Busy { lock } if lock == first.path()),
            "{second}"
        );
        assert_eq!(second.code(), "journal_locked");
        drop(first);
        RunLock::journal(&journal).unwrap();
    }
}

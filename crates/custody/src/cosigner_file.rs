//! Keeping the co-signer master key on disk.
//!
//! Losing this key strands every managed account (2-of-2, no recovery key), and leaking it
//! halves their protection, so the file rules are strict: the file is created with mode 0600
//! (never widened by a later write), an existing file is never overwritten, and a file that
//! group or others can read is refused at load time (as ssh does), with the fix in the message.
//! Unix only: the server runs on Linux.

use crate::{CosignerKeyError, CosignerMaster, Network};
use secrecy::{ExposeSecret, SecretString};
use std::fs::{self, OpenOptions};
use std::io::{self, Write};
use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};

/// Why the co-signer key file could not be written or read.
#[derive(Debug, thiserror::Error)]
pub enum CosignerFileError {
    /// `save` never replaces a key file.
    #[error("co-signer key file {0} already exists; refusing to overwrite it")]
    AlreadyExists(PathBuf),
    /// The file can be read by group or others.
    #[error("co-signer key file {path} has mode {mode:o}; it must not be readable by group or others (chmod 600 {path})")]
    InsecurePermissions {
        /// The file.
        path: PathBuf,
        /// Its permission bits.
        mode: u32,
    },
    /// File-system failure.
    #[error("co-signer key file {path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The I/O error.
        source: io::Error,
    },
    /// The file does not hold a usable key.
    #[error("co-signer key file {path}: {source}")]
    Key {
        /// The file.
        path: PathBuf,
        /// What is wrong with its content.
        source: Box<CosignerKeyError>,
    },
}

impl CosignerMaster {
    /// Writes the key to a new file with mode 0600; fails if the file exists.
    pub fn save(&self, path: &Path) -> Result<(), CosignerFileError> {
        let io_err = |source| CosignerFileError::Io {
            path: path.to_owned(),
            source,
        };
        let text = self
            .to_xprv_string()
            .map_err(|source| CosignerFileError::Key {
                path: path.to_owned(),
                source: Box::new(source),
            })?;
        let mut file = OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(0o600)
            .open(path)
            .map_err(|e| match e.kind() {
                io::ErrorKind::AlreadyExists => CosignerFileError::AlreadyExists(path.to_owned()),
                _ => io_err(e),
            })?;
        let written = file
            .write_all(format!("{}\n", text.expose_secret()).as_bytes())
            .and_then(|()| file.sync_all());
        if let Err(e) = written {
            // A half-written key file must not be mistaken for a key later.
            let _ = fs::remove_file(path);
            return Err(io_err(e));
        }
        // The file's data is synced; its directory entry is only durable once the directory
        // is: without this a power cut could leave no key file while accounts were already
        // registered against the key.
        sync_parent_dir(path).map_err(io_err)
    }

    /// Reads the key file, refusing files readable by group or others.
    pub fn load(path: &Path, network: Network) -> Result<Self, CosignerFileError> {
        let io_err = |source| CosignerFileError::Io {
            path: path.to_owned(),
            source,
        };
        let mode = fs::metadata(path).map_err(io_err)?.permissions().mode();
        if mode & 0o077 != 0 {
            return Err(CosignerFileError::InsecurePermissions {
                path: path.to_owned(),
                mode: mode & 0o7777,
            });
        }
        let text = SecretString::from(fs::read_to_string(path).map_err(io_err)?);
        CosignerMaster::from_xprv_str(text.expose_secret(), network).map_err(|source| {
            CosignerFileError::Key {
                path: path.to_owned(),
                source: Box::new(source),
            }
        })
    }

    /// Loads the key file, or creates it with a fresh key when it does not exist yet.
    pub fn load_or_create(path: &Path, network: Network) -> Result<Self, CosignerFileError> {
        match Self::load(path, network) {
            Err(CosignerFileError::Io { source, .. })
                if source.kind() == io::ErrorKind::NotFound =>
            {
                let master =
                    CosignerMaster::generate(network).map_err(|source| CosignerFileError::Key {
                        path: path.to_owned(),
                        source: Box::new(source),
                    })?;
                match master.save(path) {
                    Ok(()) => Ok(master),
                    // Another process created it in between: use theirs.
                    Err(CosignerFileError::AlreadyExists(_)) => Self::load(path, network),
                    Err(e) => Err(e),
                }
            }
            other => other,
        }
    }
}

/// fsyncs the directory holding `path` (its new entries become durable).
fn sync_parent_dir(path: &Path) -> io::Result<()> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    fs::File::open(dir)?.sync_all()
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn saved_keys_load_back_with_mode_0600() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("cosigner.key");
        let master = CosignerMaster::generate(Network::ElementsRegtest).unwrap();
        master.save(&path).unwrap();
        let mode = fs::metadata(&path).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
        let loaded = CosignerMaster::load(&path, Network::ElementsRegtest).unwrap();
        assert_eq!(
            loaded.account_key(3).unwrap(),
            master.account_key(3).unwrap()
        );
    }

    #[test]
    fn save_never_overwrites_a_key_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("cosigner.key");
        let first = CosignerMaster::generate(Network::Liquid).unwrap();
        first.save(&path).unwrap();
        let second = CosignerMaster::generate(Network::Liquid).unwrap();
        assert!(matches!(
            second.save(&path),
            Err(CosignerFileError::AlreadyExists(_))
        ));
        let loaded = CosignerMaster::load(&path, Network::Liquid).unwrap();
        assert_eq!(loaded.fingerprint(), first.fingerprint());
    }

    #[test]
    fn load_or_create_creates_once_then_loads_the_same_key() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("cosigner.key");
        let created = CosignerMaster::load_or_create(&path, Network::LiquidTestnet).unwrap();
        let loaded = CosignerMaster::load_or_create(&path, Network::LiquidTestnet).unwrap();
        assert_eq!(created.fingerprint(), loaded.fingerprint());
    }

    #[test]
    fn readable_key_files_and_bad_content_are_refused_with_the_path() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("cosigner.key");
        CosignerMaster::generate(Network::Liquid)
            .unwrap()
            .save(&path)
            .unwrap();
        fs::set_permissions(&path, fs::Permissions::from_mode(0o644)).unwrap();
        let err = CosignerMaster::load(&path, Network::Liquid).unwrap_err();
        assert!(matches!(
            err,
            CosignerFileError::InsecurePermissions { mode: 0o644, .. }
        ));
        assert!(err.to_string().contains("chmod 600"));

        let garbage = dir.path().join("garbage.key");
        fs::write(&garbage, "hello").unwrap();
        fs::set_permissions(&garbage, fs::Permissions::from_mode(0o600)).unwrap();
        let err = CosignerMaster::load(&garbage, Network::Liquid).unwrap_err();
        assert!(matches!(err, CosignerFileError::Key { .. }));
        assert!(err.to_string().contains("garbage.key"));
        assert!(!err.to_string().contains("hello"));
    }
}

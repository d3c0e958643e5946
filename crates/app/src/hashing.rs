//! Where passwords are hashed: a fixed set of threads, each reusing one Argon2 memory
//! block, behind a semaphore.
//!
//! Why not tokio's blocking pool: Argon2 allocates ~19 MiB per hash, and the allocator
//! keeps freed blocks in per-thread arenas (and fragments them), so a burst of logins on up
//! to 512 blocking threads made the process grow by hundreds of MiB and keep it. Here at
//! most [`MAX_CONCURRENT_HASHES`] threads hash, each verification reuses its thread's
//! buffer, and a login waits at most [`HASH_WAIT`] for a slot (then `login_busy`, 429).

use crate::AuthError;
use argon2::password_hash::{Output, PasswordHash};
use argon2::{Algorithm, Argon2, Block, Params, Version};
use std::cell::RefCell;

/// Password hashings (Argon2, ~19 MiB each) running at once, process-wide: the bound on
/// the memory that logins and password changes can take together.
pub const MAX_CONCURRENT_HASHES: usize = 4;
/// How long a login waits for a free hashing slot before it is told to come back.
pub const HASH_WAIT: std::time::Duration = std::time::Duration::from_secs(5);

static HASHING: tokio::sync::Semaphore = tokio::sync::Semaphore::const_new(MAX_CONCURRENT_HASHES);

/// Runs `work` (an Argon2 computation) on the hashing threads once a slot is free.
///
/// Dedicated threads, not tokio's blocking pool: the allocator keeps a freed 19 MiB Argon2
/// block in the arena of the thread that used it, so hashing on up to 512 blocking threads
/// would let the process grow by 19 MiB per thread that ever hashed. The semaphore also
/// bounds how long a login queues (`login_busy` after [`HASH_WAIT`]).
pub(crate) async fn with_hashing_slot<T: Send + 'static>(
    work: impl FnOnce() -> T + Send + 'static,
) -> Result<T, AuthError> {
    let permit = tokio::time::timeout(HASH_WAIT, HASHING.acquire())
        .await
        .map_err(|_| {
            AuthError::Throttled(crate::Throttled::new(
                "login_busy",
                "too many logins are being checked right now",
                std::time::Duration::from_secs(1),
            ))
        })?
        .map_err(|e| AuthError::Hashing(e.to_string()))?;
    let (done, result) = tokio::sync::oneshot::channel();
    hashing_threads()
        .send(Box::new(move || {
            let _ = done.send(work());
        }))
        .map_err(|e| AuthError::Hashing(e.to_string()))?;
    let result = result.await.map_err(|e| AuthError::Hashing(e.to_string()));
    drop(permit);
    result
}

type HashJob = Box<dyn FnOnce() + Send>;

/// The queue of the [`MAX_CONCURRENT_HASHES`] hashing threads (started on first use).
fn hashing_threads() -> &'static std::sync::mpsc::Sender<HashJob> {
    static QUEUE: std::sync::OnceLock<std::sync::mpsc::Sender<HashJob>> =
        std::sync::OnceLock::new();
    QUEUE.get_or_init(|| {
        let (queue, jobs) = std::sync::mpsc::channel::<HashJob>();
        let jobs = std::sync::Arc::new(std::sync::Mutex::new(jobs));
        for n in 0..MAX_CONCURRENT_HASHES {
            let jobs = jobs.clone();
            let spawned = std::thread::Builder::new()
                .name(format!("argon2-{n}"))
                .spawn(move || loop {
                    let job = match jobs.lock() {
                        Ok(rx) => rx.recv(),
                        Err(_) => return,
                    };
                    match job {
                        Ok(job) => job(),
                        Err(_) => return,
                    }
                });
            if let Err(e) = spawned {
                tracing::error!(error = %e, "cannot start a password hashing thread");
            }
        }
        queue
    })
}

/// The largest Argon2 memory a verification reuses (larger stored costs are refused).
const MAX_REUSED_BLOCKS: usize = 64 * 1024;

thread_local! {
    static MEMORY: RefCell<Vec<Block>> = const { RefCell::new(Vec::new()) };
}

/// Whether `password` matches the PHC string `phc`, computed in this thread's reused
/// Argon2 memory; compares in constant time.
pub(crate) fn verify_reusing_memory(password: &[u8], phc: &str) -> bool {
    let Ok(parsed) = PasswordHash::new(phc) else {
        return false;
    };
    let (Ok(algorithm), Ok(params)) = (
        Algorithm::try_from(parsed.algorithm),
        Params::try_from(&parsed),
    ) else {
        return false;
    };
    let version = match parsed.version.map(Version::try_from) {
        None => Version::default(),
        Some(Ok(v)) => v,
        Some(Err(_)) => return false,
    };
    let (Some(salt), Some(expected)) = (parsed.salt, parsed.hash) else {
        return false;
    };
    let mut salt_buf = [0u8; 64];
    let Ok(salt) = salt.decode_b64(&mut salt_buf) else {
        return false;
    };
    let blocks = params.block_count();
    if blocks > MAX_REUSED_BLOCKS {
        return false;
    }
    let mut out = vec![0u8; expected.len()];
    let argon = Argon2::new(algorithm, version, params);
    let computed = MEMORY.with(|memory| {
        let mut memory = memory.borrow_mut();
        if memory.len() < blocks {
            memory.resize(blocks, Block::default());
        }
        argon.hash_password_into_with_memory(password, salt, &mut out, &mut memory[..blocks])
    });
    computed.is_ok() && Output::new(&out).is_ok_and(|o| o == expected)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use argon2::password_hash::{rand_core::OsRng, PasswordHasher, SaltString};

    #[test]
    fn reused_memory_verifies_like_argon2_itself() {
        let salt = SaltString::generate(&mut OsRng);
        let phc = Argon2::default()
            .hash_password(b"correct horse", &salt)
            .unwrap()
            .to_string();
        assert!(verify_reusing_memory(b"correct horse", &phc));
        assert!(!verify_reusing_memory(b"wrong horse", &phc));
        assert!(!verify_reusing_memory(b"correct horse", "not a phc string"));
    }
}

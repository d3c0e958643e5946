//! Test hook: kill the process at a chosen point, to prove the journal makes re-runs safe.
//!
//! Set `TESSERA_CONFIRM_FAILPOINT` to one of
//! * `before-broadcast` — the intent is journaled, the node has not been asked to send;
//! * `after-broadcast` — the node returned the txid, which is **not** journaled yet (a re-run
//!   must find the transaction in the wallet);
//! * `during-wait` — the txid is journaled and the tool is waiting for confirmations.
//!
//! The process then sends itself SIGKILL (no destructors, no flushing), like a power cut or
//! `kill -9`. Unset in normal use; any other value is ignored.

/// The environment variable naming the failpoint.
pub const FAILPOINT_ENV: &str = "TESSERA_CONFIRM_FAILPOINT";

/// The points where the process can be killed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Failpoint {
    /// Intent written, nothing sent.
    BeforeBroadcast,
    /// Sent, txid not yet written.
    AfterBroadcast,
    /// Waiting for confirmations.
    DuringWait,
}

impl Failpoint {
    /// The env value that selects this point.
    pub fn name(self) -> &'static str {
        match self {
            Failpoint::BeforeBroadcast => "before-broadcast",
            Failpoint::AfterBroadcast => "after-broadcast",
            Failpoint::DuringWait => "during-wait",
        }
    }
}

/// Kills the process with SIGKILL if `TESSERA_CONFIRM_FAILPOINT` names `point`.
pub fn hit(point: Failpoint) {
    if std::env::var(FAILPOINT_ENV).ok().as_deref() != Some(point.name()) {
        return;
    }
    tracing::warn!(
        failpoint = point.name(),
        "failpoint hit: killing this process"
    );
    let pid = std::process::id().to_string();
    let _ = std::process::Command::new("kill")
        .args(["-9", &pid])
        .status();
    // SIGKILL is asynchronous; never carry on past the failpoint.
    loop {
        std::thread::sleep(std::time::Duration::from_secs(1));
    }
}

//! Waiting for confirmations, with a progress display.
//!
//! The script polls `gettransaction` every 15 s for at most 10 minutes and succeeds at two
//! confirmations. This does the same with configurable numbers, shows an indicatif bar when
//! stdout is a terminal and plain lines on stderr otherwise, and also notices a transaction
//! that drops out of the mempool (it would never confirm; design §6).

use std::io::IsTerminal;
use std::path::Path;
use std::time::{Duration, Instant};

use elements::Txid;
use indicatif::{ProgressBar, ProgressStyle};

use crate::error::ConfirmError;
use crate::failpoint::{self, Failpoint};
use crate::node::{Node, TxState};

/// How to wait.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WaitSettings {
    /// Confirmations required (script: 2).
    pub confirmations: u32,
    /// Time between polls (script: 15 s).
    pub poll_interval: Duration,
    /// Give up after this long; `Duration::ZERO` waits forever.
    pub timeout: Duration,
    /// Draw a progress bar (a terminal and not `--json`).
    pub progress_bar: bool,
}

impl Default for WaitSettings {
    fn default() -> Self {
        WaitSettings {
            confirmations: 2,
            poll_interval: Duration::from_secs(15),
            timeout: Duration::from_secs(600),
            progress_bar: std::io::stdout().is_terminal(),
        }
    }
}

enum Display {
    Bar(ProgressBar),
    Lines { last: Option<i64> },
}

impl Display {
    fn new(settings: &WaitSettings, txid: &Txid) -> Self {
        if !settings.progress_bar {
            return Display::Lines { last: None };
        }
        let bar = ProgressBar::new(u64::from(settings.confirmations));
        let style = ProgressStyle::with_template(
            "{spinner} {msg} [{bar:20}] {pos}/{len} confirmations ({elapsed})",
        )
        .unwrap_or_else(|_| ProgressStyle::default_bar())
        .progress_chars("=> ");
        bar.set_style(style);
        bar.set_message(format!("waiting for {txid}"));
        bar.enable_steady_tick(Duration::from_millis(120));
        Display::Bar(bar)
    }

    fn show(&mut self, txid: &Txid, confirmations: i64, required: u32) {
        match self {
            Display::Bar(bar) => bar.set_position(u64::try_from(confirmations).unwrap_or(0)),
            Display::Lines { last } => {
                if *last != Some(confirmations) {
                    eprintln!("waiting for {txid}: {confirmations}/{required} confirmations");
                    *last = Some(confirmations);
                }
            }
        }
    }

    fn finish(self) {
        if let Display::Bar(bar) = self {
            bar.finish_and_clear();
        }
    }
}

/// Polls until `txid` has the required confirmations. Errors when the timeout passes or the
/// transaction leaves the mempool without being mined.
pub async fn wait_for_confirmations(
    node: &Node,
    txid: &Txid,
    settings: &WaitSettings,
    journal: &Path,
) -> Result<i64, ConfirmError> {
    let start = Instant::now();
    let mut display = Display::new(settings, txid);
    let required = i64::from(settings.confirmations);
    let result = loop {
        failpoint::hit(Failpoint::DuringWait);
        let confirmations = match node.tx_state(txid).await {
            Ok(TxState::Mined(n)) => n,
            Ok(TxState::InMempool) => 0,
            Ok(TxState::Missing(state)) => {
                break Err(ConfirmError::TransactionLost {
                    txid: *txid,
                    state,
                    journal: journal.to_owned(),
                })
            }
            Err(e) => break Err(e),
        };
        display.show(txid, confirmations, settings.confirmations);
        if confirmations >= required {
            break Ok(confirmations);
        }
        if !settings.timeout.is_zero() && start.elapsed() >= settings.timeout {
            break Err(ConfirmError::WaitTimedOut {
                txid: *txid,
                confirmations,
                required: settings.confirmations,
                waited_secs: start.elapsed().as_secs(),
            });
        }
        tokio::time::sleep(settings.poll_interval).await;
    };
    display.finish();
    result
}

//! The vesting notice job: e-mails each issuer about assignments vesting soon and on the
//! day they vest, exactly once per assignment and kind of notice.
//!
//! Each round lists the notices due ([`ReportStore::due_notices`]) and sends each one
//! through [`ReportStore::send_notice_once`], which inserts the (assignment, kind) row and
//! sends the e-mail inside one transaction, committing only once the SMTP server accepted
//! the message. So a notice is recorded if and only if it was accepted: a failed send
//! leaves no row and is tried again next round; a restart, or a second server instance on
//! the same PostgreSQL, finds the row (the primary key refuses a second one, and an
//! instance that loses the race waits on the first's uncommitted row, then sees it). On
//! PostgreSQL the transaction also takes an advisory lock without waiting, so while one
//! instance is sending, the others skip their round instead of queueing behind it.
//!
//! The one remaining window is a crash (or a lost connection to the database) after the
//! SMTP server accepted a message and before the commit: that notice is sent again next
//! round. No protocol closes it without the mail server's help; this keeps it to the time
//! of one commit, and errs towards a duplicate rather than a lost notice.

mod mailer;
mod message;

pub use mailer::{MailError, Mailer, SmtpConfig, SmtpMailer, SmtpTls};
pub use message::compose;

use crate::App;
use std::future::Future;
use std::sync::Arc;
use std::time::Duration;
use tessera_store::{DueNotice, NoticeOutcome, NoticeSend, ReportStore, SendFailure, StoreError};
use tracing::Instrument;

/// What one round did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct RoundReport {
    /// Notices found due.
    pub due: usize,
    /// Sent now.
    pub sent: usize,
    /// Found sent already (by another instance meanwhile).
    pub already_sent: usize,
    /// Failed to send (tried again next round).
    pub failed: usize,
    /// Whether the round stopped because another instance was sending.
    pub busy: bool,
}

/// Sends the vesting notices, round after round.
pub struct NoticeJob {
    app: App,
    mailer: Arc<dyn Mailer>,
}

/// The store's callback: composes a notice and hands it to the mailer.
struct MailSender<'a> {
    mailer: &'a dyn Mailer,
}

#[async_trait::async_trait]
impl NoticeSend for MailSender<'_> {
    async fn send(&self, notice: &DueNotice) -> Result<(), SendFailure> {
        let (subject, body) = compose(notice);
        self.mailer.send(&notice.email, &subject, &body).await?;
        Ok(())
    }
}

impl NoticeJob {
    /// A job sending through `mailer`, with the app's store and clock.
    pub fn new(app: App, mailer: Arc<dyn Mailer>) -> Self {
        Self { app, mailer }
    }

    /// Sends every notice due now; stops early if another instance is sending.
    pub async fn run_round(&self) -> Result<RoundReport, StoreError> {
        let now = self.app.now();
        let store: &dyn ReportStore = &*self.app.store;
        let due = store.due_notices(now).await?;
        let sender = MailSender {
            mailer: &*self.mailer,
        };
        let mut report = RoundReport {
            due: due.len(),
            ..RoundReport::default()
        };
        for notice in &due {
            let span = tracing::info_span!(
                "vesting_notice",
                assignment = notice.assignment.0,
                kind = notice.kind.as_str(),
                issuer = notice.issuer.0
            );
            let outcome = store
                .send_notice_once(notice, now, &sender)
                .instrument(span.clone())
                .await?;
            match outcome {
                NoticeOutcome::Sent => {
                    tracing::info!(parent: &span, "vesting notice sent");
                    report.sent += 1;
                }
                NoticeOutcome::AlreadySent => report.already_sent += 1,
                NoticeOutcome::Busy => {
                    report.busy = true;
                    break;
                }
                NoticeOutcome::Failed(err) => {
                    tracing::warn!(parent: &span, error = %err, "vesting notice not sent; will retry");
                    report.failed += 1;
                }
            }
        }
        Ok(report)
    }

    /// Runs a round every `interval` until `shutdown` completes (a round in progress is
    /// finished first).
    pub async fn run(self, interval: Duration, shutdown: impl Future<Output = ()>) {
        tokio::pin!(shutdown);
        loop {
            if let Err(err) = self.run_round().await {
                tracing::warn!(error = %err, "vesting notice round failed");
            }
            tokio::select! {
                () = &mut shutdown => break,
                () = tokio::time::sleep(interval) => {}
            }
        }
    }
}

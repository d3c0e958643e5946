//! The vesting notice job: e-mails each issuer about assignments vesting soon and on the
//! day they vest, once per assignment, kind of notice and vesting date.
//!
//! Each round lists the notices due ([`ReportStore::due_notices`]) and sends each one
//! through [`ReportStore::send_notice_once`]: the notice is *claimed* in a short
//! transaction (a lease, see [`tessera_store::NOTICE_LEASE_SECONDS`]), the e-mail is sent
//! outside any transaction under the SMTP timeout, and the notice is then marked sent. So a
//! stalled SMTP server holds no database lock: logins, decisions and the chain watcher keep
//! writing meanwhile (issue 13). Several instances on one PostgreSQL never send the same
//! notice at once: the claim is a row only one of them gets.
//!
//! A crash between the send and the mark (or a timed-out send, which the server may have
//! taken) leaves the notice to be sent again once the lease runs out, and that message
//! carries [`POSSIBLE_DUPLICATE_HEADER`]. A send the server surely refused (connection
//! refused, an SMTP error reply) is released and retried next round without that header.
//!
//! A notice belongs to the vesting date it announces: when an assignment's date is edited
//! after its notice went out, the new date's notices fall due; the old date's never again.

mod mailer;
mod message;

pub use mailer::{
    Mail, MailError, Mailer, SmtpConfig, SmtpMailer, SmtpTls, POSSIBLE_DUPLICATE_HEADER,
};
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
    async fn send(&self, notice: &DueNotice, possible_duplicate: bool) -> Result<(), SendFailure> {
        let (subject, body) = compose(notice);
        let mail = Mail {
            to: notice.email.clone(),
            subject,
            body,
            possible_duplicate,
        };
        self.mailer.send(&mail).await?;
        Ok(())
    }

    fn may_have_delivered(&self, failure: &SendFailure) -> bool {
        failure
            .downcast_ref::<MailError>()
            .is_none_or(MailError::may_have_delivered)
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

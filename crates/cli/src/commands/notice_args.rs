//! `tessera serve`'s SMTP flags and the vesting notice job they switch on.
//!
//! The job is off unless `--smtp-host` is given. The SMTP password is read from the
//! environment only (`TESSERA_SMTP_PASSWORD`), never from a flag, so it does not show in
//! process listings or shell history.

use anyhow::Context;
use clap::{Args, ValueEnum};
use secrecy::SecretString;
use std::future::Future;
use std::sync::Arc;
use std::time::Duration;
use tessera_app::notices::{NoticeJob, SmtpConfig, SmtpMailer, SmtpTls};
use tessera_app::App;

/// Environment variable holding the SMTP password.
pub const SMTP_PASSWORD_ENV: &str = "TESSERA_SMTP_PASSWORD";

/// How the SMTP connection is secured.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TlsArg {
    /// Plain text (a local relay).
    None,
    /// STARTTLS, required.
    Starttls,
    /// TLS from the start (SMTPS).
    Tls,
}

/// SMTP flags of `tessera serve`.
#[derive(Debug, Args)]
pub struct NoticeArgs {
    /// SMTP server for vesting notice e-mails; without it no notices are sent.
    #[arg(long, env = "TESSERA_SMTP_HOST")]
    smtp_host: Option<String>,
    /// SMTP port. Default: 25 with `none`, 587 with `starttls`, 465 with `tls`.
    #[arg(long, env = "TESSERA_SMTP_PORT")]
    smtp_port: Option<u16>,
    /// SMTP connection security.
    #[arg(long, env = "TESSERA_SMTP_TLS", value_enum, default_value = "starttls")]
    smtp_tls: TlsArg,
    /// SMTP user name; the password is read from TESSERA_SMTP_PASSWORD.
    #[arg(long, env = "TESSERA_SMTP_USER")]
    smtp_user: Option<String>,
    /// Sender address of the notices, e.g. `Tessera <tessera@example.com>`.
    #[arg(long, env = "TESSERA_MAIL_FROM")]
    mail_from: Option<String>,
    /// Seconds between rounds of the vesting notice job.
    #[arg(long, default_value_t = 300, value_parser = clap::value_parser!(u64).range(1..))]
    notice_interval: u64,
}

impl NoticeArgs {
    /// The SMTP settings, or `None` when no host is given.
    pub fn smtp_config(&self) -> anyhow::Result<Option<SmtpConfig>> {
        let Some(host) = self.smtp_host.clone() else {
            return Ok(None);
        };
        let from = self
            .mail_from
            .clone()
            .context("--mail-from is required with --smtp-host")?;
        let (tls, port) = match self.smtp_tls {
            TlsArg::None => (SmtpTls::None, 25),
            TlsArg::Starttls => (SmtpTls::StartTls, 587),
            TlsArg::Tls => (SmtpTls::Tls, 465),
        };
        let credentials = match &self.smtp_user {
            None => None,
            Some(user) => {
                let password = std::env::var(SMTP_PASSWORD_ENV)
                    .with_context(|| format!("--smtp-user needs {SMTP_PASSWORD_ENV}"))?;
                Some((user.clone(), SecretString::from(password)))
            }
        };
        Ok(Some(SmtpConfig {
            host,
            port: self.smtp_port.unwrap_or(port),
            tls,
            credentials,
            from,
            // Below SQLite's busy timeout: the send runs while the notice is claimed.
            timeout: Duration::from_secs(4),
        }))
    }

    /// Starts the vesting notice job when SMTP is configured; says whether it did.
    pub fn spawn(
        &self,
        app: App,
        shutdown: impl Future<Output = ()> + Send + 'static,
    ) -> anyhow::Result<bool> {
        let Some(config) = self.smtp_config()? else {
            tracing::info!("vesting notices off (no --smtp-host)");
            return Ok(false);
        };
        let mailer = SmtpMailer::new(&config).context("SMTP settings")?;
        tracing::info!(host = %config.host, port = config.port, "vesting notices on");
        let job = NoticeJob::new(app, Arc::new(mailer));
        tokio::spawn(job.run(Duration::from_secs(self.notice_interval), shutdown));
        Ok(true)
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use clap::Parser;

    #[derive(Parser)]
    struct Cli {
        #[command(flatten)]
        notices: NoticeArgs,
    }

    fn parse(args: &[&str]) -> NoticeArgs {
        Cli::try_parse_from(std::iter::once("serve").chain(args.iter().copied()))
            .unwrap()
            .notices
    }

    #[test]
    fn without_an_smtp_host_the_notice_job_is_off() {
        assert!(parse(&[]).smtp_config().unwrap().is_none());
    }

    #[test]
    fn an_smtp_host_needs_a_sender_and_gets_the_port_of_its_tls_mode() {
        let err = parse(&["--smtp-host", "mail.example"])
            .smtp_config()
            .unwrap_err();
        assert!(err.to_string().contains("--mail-from"), "{err}");
        let args = [
            "--smtp-host",
            "mail.example",
            "--mail-from",
            "t@example.com",
        ];
        let config = parse(&args).smtp_config().unwrap().unwrap();
        assert_eq!((config.tls, config.port), (SmtpTls::StartTls, 587));
        let plain = [&args[..], &["--smtp-tls", "none"]].concat();
        let config = parse(&plain).smtp_config().unwrap().unwrap();
        assert_eq!(
            (config.tls, config.port, config.credentials.is_none()),
            (SmtpTls::None, 25, true)
        );
        let tls = [&args[..], &["--smtp-tls", "tls", "--smtp-port", "2465"]].concat();
        let config = parse(&tls).smtp_config().unwrap().unwrap();
        assert_eq!((config.tls, config.port), (SmtpTls::Tls, 2465));
    }
}

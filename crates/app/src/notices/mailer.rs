//! Sending e-mail: a small [`Mailer`] trait (so tests and other transports can stand in)
//! and its SMTP implementation over `lettre`.

use lettre::message::header::ContentType;
use lettre::message::Mailbox;
use lettre::transport::smtp::authentication::Credentials;
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use secrecy::{ExposeSecret, SecretString};
use std::time::Duration;

/// Why an e-mail was not sent.
#[derive(Debug, thiserror::Error)]
pub enum MailError {
    /// An address that does not parse.
    #[error("{0:?} is not an e-mail address")]
    Address(String),
    /// The message could not be built.
    #[error("cannot build the message: {0}")]
    Build(#[from] lettre::error::Error),
    /// The SMTP server refused or could not be reached.
    #[error("SMTP: {0}")]
    Smtp(#[from] lettre::transport::smtp::Error),
}

/// Sends one plain-text e-mail.
#[async_trait::async_trait]
pub trait Mailer: Send + Sync {
    /// Sends it; `Ok` once the server accepted it for delivery.
    async fn send(&self, to: &str, subject: &str, body: &str) -> Result<(), MailError>;
}

/// How the SMTP connection is secured.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SmtpTls {
    /// Plain text (a local relay or a test server).
    None,
    /// Plain connection upgraded with STARTTLS (required).
    StartTls,
    /// TLS from the first byte (SMTPS, usually port 465).
    Tls,
}

/// Where and how to send.
#[derive(Debug, Clone)]
pub struct SmtpConfig {
    /// Server host name.
    pub host: String,
    /// Server port.
    pub port: u16,
    /// Connection security.
    pub tls: SmtpTls,
    /// User name and password, if the server wants them.
    pub credentials: Option<(String, SecretString)>,
    /// The sender address.
    pub from: String,
    /// How long one send may take.
    pub timeout: Duration,
}

/// [`Mailer`] over SMTP.
pub struct SmtpMailer {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
}

impl SmtpMailer {
    /// Builds the transport (nothing is connected until the first send).
    pub fn new(config: &SmtpConfig) -> Result<Self, MailError> {
        type T = AsyncSmtpTransport<Tokio1Executor>;
        let builder = match config.tls {
            SmtpTls::None => T::builder_dangerous(&config.host),
            SmtpTls::StartTls => T::starttls_relay(&config.host)?,
            SmtpTls::Tls => T::relay(&config.host)?,
        };
        let mut builder = builder.port(config.port).timeout(Some(config.timeout));
        if let Some((user, password)) = &config.credentials {
            let credentials = Credentials::new(user.clone(), password.expose_secret().to_owned());
            builder = builder.credentials(credentials);
        }
        let from = config
            .from
            .parse()
            .map_err(|_| MailError::Address(config.from.clone()))?;
        Ok(Self {
            transport: builder.build(),
            from,
        })
    }
}

#[async_trait::async_trait]
impl Mailer for SmtpMailer {
    async fn send(&self, to: &str, subject: &str, body: &str) -> Result<(), MailError> {
        let to: Mailbox = to.parse().map_err(|_| MailError::Address(to.to_owned()))?;
        let message = Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(subject)
            .header(ContentType::TEXT_PLAIN)
            .body(body.to_owned())?;
        self.transport.send(message).await?;
        Ok(())
    }
}

//! Sending e-mail: a small [`Mailer`] trait (so tests and other transports can stand in)
//! and its SMTP implementation over `lettre`.

use lettre::message::header::{ContentType, HeaderName, HeaderValue};
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
    /// The server did not answer in time; it may have taken the message anyway.
    #[error("SMTP: no answer within {} s", .0.as_secs())]
    Timeout(Duration),
}

/// The header a message carries when an earlier attempt to send it may have been
/// delivered (the notice job crashed or timed out after handing it over).
pub const POSSIBLE_DUPLICATE_HEADER: &str = "X-Tessera-Possible-Duplicate";

/// One plain-text e-mail.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mail {
    /// Recipient address.
    pub to: String,
    /// Subject line.
    pub subject: String,
    /// Plain-text body.
    pub body: String,
    /// An earlier attempt may have been delivered ([`POSSIBLE_DUPLICATE_HEADER`]).
    pub possible_duplicate: bool,
}

/// Sends one plain-text e-mail.
#[async_trait::async_trait]
pub trait Mailer: Send + Sync {
    /// Sends it; `Ok` once the server accepted it for delivery.
    async fn send(&self, mail: &Mail) -> Result<(), MailError>;
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
    timeout: Duration,
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
            timeout: config.timeout,
        })
    }
}

#[async_trait::async_trait]
impl Mailer for SmtpMailer {
    /// Sends under [`SmtpConfig::timeout`] for the whole exchange (lettre's own timeout
    /// is per read or write, so a server trickling bytes could hold a send forever).
    async fn send(&self, mail: &Mail) -> Result<(), MailError> {
        let to: Mailbox = mail
            .to
            .parse()
            .map_err(|_| MailError::Address(mail.to.clone()))?;
        let mut builder = Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(mail.subject.as_str())
            .header(ContentType::TEXT_PLAIN);
        if mail.possible_duplicate {
            builder = builder.raw_header(HeaderValue::new(
                HeaderName::new_from_ascii_str(POSSIBLE_DUPLICATE_HEADER),
                "yes".to_owned(),
            ));
        }
        let message = builder.body(mail.body.clone())?;
        // A little beyond lettre's per-operation timeout, so that its error wins when it
        // fires first.
        let whole = self.timeout.saturating_mul(2);
        match tokio::time::timeout(whole, self.transport.send(message)).await {
            Ok(sent) => sent.map(|_| ()).map_err(MailError::from),
            Err(_) => Err(MailError::Timeout(whole)),
        }
    }
}

impl MailError {
    /// Whether the server may have taken the message despite the error: a timeout or a
    /// broken connection (after the data was written, the acceptance may just be lost).
    pub fn may_have_delivered(&self) -> bool {
        match self {
            Self::Timeout(_) => true,
            Self::Smtp(e) => {
                let answered = e.is_permanent() || e.is_transient() || e.is_client();
                e.is_timeout() || !(answered || refused_connection(e))
            }
            Self::Address(_) | Self::Build(_) => false,
        }
    }
}

/// Whether the error is a refused connection (nothing was sent).
fn refused_connection(e: &lettre::transport::smtp::Error) -> bool {
    let mut source = std::error::Error::source(e);
    while let Some(err) = source {
        if let Some(io) = err.downcast_ref::<std::io::Error>() {
            return io.kind() == std::io::ErrorKind::ConnectionRefused;
        }
        source = err.source();
    }
    false
}

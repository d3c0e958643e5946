//! Payment records and issuer settings: what the issuer writes down.
//!
//! Tessera pays nothing: a payment record is the issuer's note that it paid a dividend
//! or a reward outside the platform (a free-form `reference`, AMP's wish for a "free
//! format field"), optionally tied to a holder and to a dividend calculation. Settings
//! say where vesting notices go and how early.

use super::error::check_len;
use super::ReportError;
use crate::App;
use tessera_core::{Amount, AssetUuid, Gaid, IssuerId, RegisteredUserId};
use tessera_store::{IssuerSettings, NewPayment, PaymentRecord};

/// Longest `reference`, in characters.
const MAX_REFERENCE: usize = 2000;
/// Longest `currency`, in characters.
const MAX_CURRENCY: usize = 64;
/// Longest e-mail address (RFC 5321).
const MAX_EMAIL: usize = 254;

/// Who was paid.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HolderRef {
    /// A managed account.
    Gaid(Gaid),
    /// A registered user (of this issuer).
    User(RegisteredUserId),
}

/// A payment to record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PaymentSpec {
    /// Free-form text.
    pub reference: String,
    /// Amount paid.
    pub amount: Option<Amount>,
    /// Its currency.
    pub currency: Option<String>,
    /// Who was paid.
    pub holder: Option<HolderRef>,
    /// The dividend paid.
    pub dividend: Option<i64>,
}

impl App {
    /// Records a payment made outside Tessera.
    pub async fn record_payment(
        &self,
        issuer: IssuerId,
        uuid: AssetUuid,
        spec: PaymentSpec,
    ) -> Result<PaymentRecord, ReportError> {
        check_len("reference", &spec.reference, MAX_REFERENCE)?;
        if let Some(c) = &spec.currency {
            check_len("currency", c, MAX_CURRENCY)?;
        }
        self.asset(issuer, uuid).await?;
        let (gaid, registered_user) = match spec.holder {
            None => (None, None),
            Some(HolderRef::Gaid(g)) => {
                let user = self.store.registered_user_by_gaid(issuer, &g).await?;
                (Some(g), user.map(|u| u.id))
            }
            Some(HolderRef::User(u)) => (None, Some(self.known_user(issuer, u).await?.id)),
        };
        if let Some(d) = spec.dividend {
            self.dividend(issuer, uuid, d).await?;
        }
        let payment = NewPayment {
            reference: spec.reference,
            amount: spec.amount,
            currency: spec.currency,
            gaid,
            registered_user,
            dividend: spec.dividend,
        };
        let stored = self
            .store
            .create_payment(issuer, uuid, &payment, self.now())
            .await?;
        // `None` only if the asset or dividend went away since the checks above.
        stored.ok_or(ReportError::DividendNotFound(
            spec.dividend.unwrap_or_default(),
        ))
    }

    /// The asset's payment records, oldest first.
    pub async fn payments(
        &self,
        issuer: IssuerId,
        uuid: AssetUuid,
    ) -> Result<Vec<PaymentRecord>, ReportError> {
        let found = self.store.payments(issuer, uuid).await?;
        Ok(found.ok_or(crate::assets::AssetError::NotFound(uuid))?)
    }

    /// One payment record of the asset.
    pub async fn payment(
        &self,
        issuer: IssuerId,
        uuid: AssetUuid,
        id: i64,
    ) -> Result<PaymentRecord, ReportError> {
        self.asset(issuer, uuid).await?;
        let found = self.store.payment(issuer, uuid, id).await?;
        found.ok_or(ReportError::PaymentNotFound(id))
    }

    /// The issuer's settings.
    pub async fn issuer_settings(&self, issuer: IssuerId) -> Result<IssuerSettings, ReportError> {
        Ok(self.store.issuer_settings(issuer).await?)
    }

    /// Replaces the issuer's settings after checking them.
    pub async fn set_issuer_settings(
        &self,
        issuer: IssuerId,
        settings: IssuerSettings,
    ) -> Result<IssuerSettings, ReportError> {
        if settings.notice_days > 365 {
            return Err(ReportError::NoticeDays(settings.notice_days));
        }
        if let Some(email) = &settings.email {
            check_len("email", email, MAX_EMAIL)?;
            if email.parse::<lettre::Address>().is_err() {
                return Err(ReportError::InvalidEmail(email.clone()));
            }
        }
        self.store
            .set_issuer_settings(issuer, &settings, self.now())
            .await?;
        Ok(settings)
    }
}

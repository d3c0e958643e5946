//! The report area of the store: issuer settings, dividend calculations, payment records
//! and the vesting notices sent.
//!
//! Dividends and payments are records of what the issuer computed and paid outside
//! Tessera; they are written once and never edited. Vesting notices are the one place
//! where the store takes part in an effect: [`ReportStore::send_notice_once`] claims, runs the
//! e-mail send inside the transaction that claims it, so that each (assignment, kind)
//! notice is sent once, whatever restarts or how many server instances share the store.

use crate::StoreError;
use async_trait::async_trait;
use tessera_core::{Amount, AssetUuid, AssignmentId, Gaid, IssuerId, Payout, RegisteredUserId};

/// Days before vesting that an issuer is told, when it did not say.
pub const DEFAULT_NOTICE_DAYS: u32 = 3;

/// An issuer's settings (extension: `GET/PUT /api/user/settings`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IssuerSettings {
    /// Where vesting notices go; none are sent without it.
    pub email: Option<String>,
    /// How many days before a vesting date the first notice is sent (0 to 365).
    pub notice_days: u32,
}

impl Default for IssuerSettings {
    fn default() -> Self {
        Self {
            email: None,
            notice_days: DEFAULT_NOTICE_DAYS,
        }
    }
}

/// One line of a dividend: who is paid how much for how many units.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DividendLineRecord {
    /// The managed account, if the holding had one.
    pub gaid: Option<Gaid>,
    /// The registered user, if known.
    pub registered_user: Option<RegisteredUserId>,
    /// Units of the asset counted (base units).
    pub units: Amount,
    /// Amount to pay (payout base units).
    pub amount: Amount,
}

/// A computed dividend, as the app hands it to the store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewDividend {
    /// The block height whose holdings were used.
    pub height: u32,
    /// The time asked for, when the request gave a time rather than a height.
    pub time: Option<i64>,
    /// What was paid: per whole unit or a total.
    pub payout: Payout,
    /// The payout's currency (free text, e.g. `USD` or an asset id).
    pub currency: String,
    /// Decimals of the payout currency (display only).
    pub precision: u8,
    /// GAIDs and registered user ids excluded, as given.
    pub excluded: Vec<String>,
    /// Whether vested but undistributed assignments counted as holdings.
    pub include_vested_undistributed: bool,
    /// Smallest line paid.
    pub minimum: Amount,
    /// The amount apportioned.
    pub total: Amount,
    /// What was not paid out (lines under the minimum).
    pub remainder: Amount,
    /// The lines, in the order computed.
    pub lines: Vec<DividendLineRecord>,
}

/// A stored dividend.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DividendRecord {
    /// Its id.
    pub id: i64,
    /// The asset.
    pub asset: AssetUuid,
    /// When it was computed (unix seconds).
    pub created_at: i64,
    /// What was computed.
    pub dividend: NewDividend,
}

/// A payment made outside Tessera, as recorded by the issuer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewPayment {
    /// Free-form text (bank reference, note).
    pub reference: String,
    /// Amount paid, in the payout currency's base units.
    pub amount: Option<Amount>,
    /// The currency.
    pub currency: Option<String>,
    /// The holder paid, by GAID.
    pub gaid: Option<Gaid>,
    /// The holder paid, by registered user.
    pub registered_user: Option<RegisteredUserId>,
    /// The dividend it pays (a dividend of the same asset).
    pub dividend: Option<i64>,
}

/// A stored payment record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PaymentRecord {
    /// Its id.
    pub id: i64,
    /// The asset.
    pub asset: AssetUuid,
    /// When it was recorded (unix seconds).
    pub created_at: i64,
    /// What was recorded.
    pub payment: NewPayment,
}

/// Which vesting notice.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum NoticeKind {
    /// Vesting within the issuer's `notice_days`.
    Upcoming,
    /// Vesting today (sent during the 24 hours from the vesting time).
    VestingDay,
}

impl NoticeKind {
    /// The stored spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Upcoming => "upcoming",
            Self::VestingDay => "vesting_day",
        }
    }

    /// From the stored spelling.
    pub fn parse(text: &str) -> Option<Self> {
        match text {
            "upcoming" => Some(Self::Upcoming),
            "vesting_day" => Some(Self::VestingDay),
            _ => None,
        }
    }
}

/// A vesting notice that is due and was not sent yet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DueNotice {
    /// The issuer told.
    pub issuer: IssuerId,
    /// Its e-mail address.
    pub email: String,
    /// Which notice.
    pub kind: NoticeKind,
    /// The assignment vesting.
    pub assignment: AssignmentId,
    /// Its asset.
    pub asset: AssetUuid,
    /// The asset's name.
    pub asset_name: String,
    /// Who the assignment is for.
    pub registered_user: RegisteredUserId,
    /// Their name.
    pub user_name: String,
    /// How much vests (base units).
    pub amount: Amount,
    /// The asset's precision (for the text).
    pub precision: u8,
    /// When it vests (unix seconds).
    pub vesting_timestamp: i64,
}

/// Why a notice could not be sent (returned by the sender, kept for the log).
pub type SendFailure = Box<dyn std::error::Error + Send + Sync>;

/// Sends one notice; called by [`ReportStore::send_notice_once`] between the claim and
/// the mark, outside any transaction.
#[async_trait]
pub trait NoticeSend: Send + Sync {
    /// Sends it; `Ok` only once the message was accepted for delivery. With
    /// `possible_duplicate` an earlier attempt may have been delivered: the message must
    /// say so.
    async fn send(&self, notice: &DueNotice, possible_duplicate: bool) -> Result<(), SendFailure>;

    /// Whether a failed send may still have delivered the message (a timeout after the
    /// data was written): then the next attempt is flagged as a possible duplicate.
    fn may_have_delivered(&self, _failure: &SendFailure) -> bool {
        false
    }
}

/// How long a claim on a notice lasts: longer than any send may take, so that only a
/// crashed claimant's notice is claimed again.
pub const NOTICE_LEASE_SECONDS: i64 = 600;

/// What [`ReportStore::claim_notice`] got.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoticeClaim {
    /// This caller sends it now; with `possible_duplicate` an earlier claim may have
    /// delivered it.
    Claimed {
        /// An earlier attempt may have been delivered.
        possible_duplicate: bool,
    },
    /// Sent already, or another instance holds the claim.
    Taken,
}

/// What [`ReportStore::send_notice_once`] did.
#[derive(Debug)]
pub enum NoticeOutcome {
    /// Sent now, and recorded.
    Sent,
    /// Recorded as sent before (by this or another instance); nothing sent.
    AlreadySent,
    /// Another instance is sending notices; nothing sent (try in the next round).
    Busy,
    /// The sender failed; nothing recorded, so the next round tries again.
    Failed(SendFailure),
}

/// Issuer settings, dividends, payments and vesting notices.
#[async_trait]
pub trait ReportStore: Send + Sync {
    /// The issuer's settings ([`IssuerSettings::default`] until set).
    async fn issuer_settings(&self, issuer: IssuerId) -> Result<IssuerSettings, StoreError>;

    /// Replaces the issuer's settings.
    async fn set_issuer_settings(
        &self,
        issuer: IssuerId,
        settings: &IssuerSettings,
        now: i64,
    ) -> Result<(), StoreError>;

    /// Stores a dividend with its lines in one transaction. `None` if the asset is
    /// unknown.
    async fn create_dividend(
        &self,
        issuer: IssuerId,
        uuid: AssetUuid,
        dividend: &NewDividend,
        now: i64,
    ) -> Result<Option<DividendRecord>, StoreError>;

    /// The asset's dividends, oldest first, with their lines. `None` if the asset is
    /// unknown.
    async fn dividends(
        &self,
        issuer: IssuerId,
        uuid: AssetUuid,
    ) -> Result<Option<Vec<DividendRecord>>, StoreError>;

    /// One dividend of the asset.
    async fn dividend(
        &self,
        issuer: IssuerId,
        uuid: AssetUuid,
        id: i64,
    ) -> Result<Option<DividendRecord>, StoreError>;

    /// Records a payment. `None` if the asset is unknown or `payment.dividend` is not a
    /// dividend of this asset.
    async fn create_payment(
        &self,
        issuer: IssuerId,
        uuid: AssetUuid,
        payment: &NewPayment,
        now: i64,
    ) -> Result<Option<PaymentRecord>, StoreError>;

    /// The asset's payment records, oldest first. `None` if the asset is unknown.
    async fn payments(
        &self,
        issuer: IssuerId,
        uuid: AssetUuid,
    ) -> Result<Option<Vec<PaymentRecord>>, StoreError>;

    /// One payment record of the asset.
    async fn payment(
        &self,
        issuer: IssuerId,
        uuid: AssetUuid,
        id: i64,
    ) -> Result<Option<PaymentRecord>, StoreError>;

    /// Notices due at `now` and not yet sent, for every issuer with an e-mail address:
    /// `Upcoming` for undistributed assignments vesting in `(now, now + notice_days]`,
    /// `VestingDay` for those that vested in `(now − 1 day, now]`. By vesting time.
    async fn due_notices(&self, now: i64) -> Result<Vec<DueNotice>, StoreError>;

    /// Claims `notice` until `now + lease_seconds` in one short transaction: a new claim,
    /// or one whose earlier claimant's lease ran out without marking it sent.
    async fn claim_notice(
        &self,
        notice: &DueNotice,
        now: i64,
        lease_seconds: i64,
    ) -> Result<NoticeClaim, StoreError>;

    /// Marks a claimed notice sent (it is never due again).
    async fn mark_notice_sent(&self, notice: &DueNotice, now: i64) -> Result<(), StoreError>;

    /// Releases a claim whose send failed, so the next round retries it at once.
    /// `may_have_delivered`: the attempt counts, and the retry says it may be a duplicate.
    async fn release_notice(
        &self,
        notice: &DueNotice,
        may_have_delivered: bool,
    ) -> Result<(), StoreError>;

    /// Sends `notice` at most once per claim: claims it, calls `sender` outside any
    /// transaction, then marks it sent or releases it. A crash between the send and the
    /// mark leaves the claim to expire; the next claimant sends again, flagged as a possible
    /// duplicate.
    async fn send_notice_once(
        &self,
        notice: &DueNotice,
        now: i64,
        sender: &dyn NoticeSend,
    ) -> Result<NoticeOutcome, StoreError> {
        let possible_duplicate = match self.claim_notice(notice, now, NOTICE_LEASE_SECONDS).await? {
            NoticeClaim::Taken => return Ok(NoticeOutcome::AlreadySent),
            NoticeClaim::Claimed { possible_duplicate } => possible_duplicate,
        };
        match sender.send(notice, possible_duplicate).await {
            Ok(()) => {
                self.mark_notice_sent(notice, now).await?;
                Ok(NoticeOutcome::Sent)
            }
            Err(err) => {
                self.release_notice(notice, sender.may_have_delivered(&err))
                    .await?;
                Ok(NoticeOutcome::Failed(err))
            }
        }
    }
}

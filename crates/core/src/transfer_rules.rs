//! The co-signer's decision: may this transfer of a managed asset be co-signed?
//!
//! The platform key is one of two keys on every managed account, so nothing moves
//! without this decision. It is a pure function of facts the app gathers (wallet,
//! ledger, registered users) so that it can be tested exhaustively and logged with a
//! stable reason code. Checks run in a fixed order and the first failure is the verdict:
//!
//! 1. every input belongs to the sending account (`input_not_owned`) and is unspent
//!    (`input_spent`);
//! 2. the asset is managed here and registered-authorized (`asset_not_authorized`);
//! 3. the asset is not locked (`asset_locked`);
//! 4. no input is a locked output (`output_locked`);
//! 5. every output other than change pays a managed account or a treasury address of the
//!    issuer (`receiver_not_managed`);
//! 6. the category rules: for a transfer-restricted asset each receiving account belongs
//!    to a registered user (`receiver_not_registered`) in every required category
//!    (`receiver_missing_category`); for an issuer-tracked asset any managed account will
//!    do.
//!
//! Checks 1–5 are [`hard_checks`] and always apply. Check 6 is [`category_verdict`]; an
//! issuer authorization endpoint, when set, replaces it (and only it) — see
//! [`decide_with_authorizer`]. AMP sends the category verdict to that endpoint as
//! `server_result`.

use crate::asset::{Asset, AssetKind};
use crate::gaid::Gaid;
use crate::ids::{CategoryId, RegisteredUserId};
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;
use std::fmt;

/// Why a transfer was refused; the strings are stable (logs, API answers).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReasonCode {
    /// An input is not an output of the sending account.
    InputNotOwned,
    /// An input is already spent.
    InputSpent,
    /// The asset is not managed here or not registered-authorized.
    AssetNotAuthorized,
    /// The issuer locked all transfers of the asset.
    AssetLocked,
    /// An input is a locked (blacklisted) output.
    OutputLocked,
    /// An output pays neither a managed account nor a treasury address.
    ReceiverNotManaged,
    /// A receiving account of a transfer-restricted asset has no registered user.
    ReceiverNotRegistered,
    /// A receiver lacks a category the asset requires.
    ReceiverMissingCategory,
    /// The issuer's authorization endpoint said no.
    IssuerAuthorizationRefused,
    /// The issuer's authorization endpoint did not answer usably (fail closed).
    IssuerAuthorizationUnavailable,
}

impl ReasonCode {
    /// The stable snake_case code.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::InputNotOwned => "input_not_owned",
            Self::InputSpent => "input_spent",
            Self::AssetNotAuthorized => "asset_not_authorized",
            Self::AssetLocked => "asset_locked",
            Self::OutputLocked => "output_locked",
            Self::ReceiverNotManaged => "receiver_not_managed",
            Self::ReceiverNotRegistered => "receiver_not_registered",
            Self::ReceiverMissingCategory => "receiver_missing_category",
            Self::IssuerAuthorizationRefused => "issuer_authorization_refused",
            Self::IssuerAuthorizationUnavailable => "issuer_authorization_unavailable",
        }
    }
}

impl fmt::Display for ReasonCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The decision.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "verdict", content = "reason")]
pub enum Verdict {
    /// Co-sign.
    Allowed,
    /// Do not co-sign, for this reason.
    Refused(ReasonCode),
}

impl Verdict {
    /// Whether it is [`Verdict::Allowed`].
    pub fn is_allowed(self) -> bool {
        self == Self::Allowed
    }
}

/// What the decision needs to know about the asset.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AssetFacts {
    /// Whether the asset is one of this platform's.
    pub managed: bool,
    /// Registered-authorized (AMP's `is_authorized`).
    pub is_authorized: bool,
    /// All transfers frozen.
    pub is_locked: bool,
    /// Who may receive it.
    pub kind: AssetKind,
    /// Categories a receiver must all belong to.
    pub requirements: BTreeSet<CategoryId>,
}

impl AssetFacts {
    /// The facts of an asset managed here.
    pub fn of(asset: &Asset) -> Self {
        Self {
            managed: true,
            is_authorized: asset.is_authorized,
            is_locked: asset.is_locked,
            kind: asset.kind,
            requirements: asset.requirements.iter().copied().collect(),
        }
    }
}

/// What the decision needs to know about one input of the asset.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct InputFacts {
    /// The output spent belongs to the sending managed account.
    pub owned_by_sender: bool,
    /// It is unspent.
    pub unspent: bool,
    /// It is a locked (blacklisted) output.
    pub locked: bool,
}

/// The registered user behind a receiving account.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReceiverUser {
    /// Its id.
    pub id: RegisteredUserId,
    /// Its categories.
    pub categories: BTreeSet<CategoryId>,
}

/// Who one output of the asset pays.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "to")]
pub enum OutputFacts {
    /// Back to the sending account.
    Change,
    /// A managed account, with its registered user if it has one.
    Managed {
        /// The account.
        gaid: Gaid,
        /// Its registered user of this asset's issuer, if any.
        registered_user: Option<ReceiverUser>,
    },
    /// A treasury address of the asset's issuer.
    Treasury,
    /// Any other address.
    Unmanaged,
}

/// Everything the decision looks at. Inputs and outputs are those of the asset only
/// (L-BTC fee inputs and change are not the co-signer's business).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TransferFacts {
    /// The asset.
    pub asset: AssetFacts,
    /// Its inputs.
    pub inputs: Vec<InputFacts>,
    /// Its outputs.
    pub outputs: Vec<OutputFacts>,
}

/// The issuer authorization endpoint's answer, as the app obtained it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AuthorizerAnswer {
    /// The asset has no endpoint: the category rules decide.
    NotConfigured,
    /// `{"result": true}`.
    Allowed,
    /// `{"result": false}`.
    Refused,
    /// Timeout, transport error, bad signature or bad body: refused (fail closed).
    Unavailable,
}

/// Checks 1–5, which always apply.
pub fn hard_checks(facts: &TransferFacts) -> Verdict {
    let refuse = Verdict::Refused;
    if facts.inputs.iter().any(|i| !i.owned_by_sender) {
        return refuse(ReasonCode::InputNotOwned);
    }
    if facts.inputs.iter().any(|i| !i.unspent) {
        return refuse(ReasonCode::InputSpent);
    }
    if !(facts.asset.managed && facts.asset.is_authorized) {
        return refuse(ReasonCode::AssetNotAuthorized);
    }
    if facts.asset.is_locked {
        return refuse(ReasonCode::AssetLocked);
    }
    if facts.inputs.iter().any(|i| i.locked) {
        return refuse(ReasonCode::OutputLocked);
    }
    if facts
        .outputs
        .iter()
        .any(|o| matches!(o, OutputFacts::Unmanaged))
    {
        return refuse(ReasonCode::ReceiverNotManaged);
    }
    Verdict::Allowed
}

/// Check 6, the category rules (what an authorization endpoint replaces).
pub fn category_verdict(facts: &TransferFacts) -> Verdict {
    if facts.asset.kind == AssetKind::IssuerTracked {
        return Verdict::Allowed;
    }
    for output in &facts.outputs {
        let OutputFacts::Managed {
            registered_user, ..
        } = output
        else {
            continue; // change and treasury addresses are not receivers to check
        };
        let Some(user) = registered_user else {
            return Verdict::Refused(ReasonCode::ReceiverNotRegistered);
        };
        if !facts.asset.requirements.is_subset(&user.categories) {
            return Verdict::Refused(ReasonCode::ReceiverMissingCategory);
        }
    }
    Verdict::Allowed
}

/// The whole decision without an authorization endpoint: hard checks, then categories.
pub fn decide(facts: &TransferFacts) -> Verdict {
    decide_with_authorizer(facts, AuthorizerAnswer::NotConfigured)
}

/// The whole decision: hard checks always; then the endpoint's answer if the asset has
/// one, else the category rules.
pub fn decide_with_authorizer(facts: &TransferFacts, answer: AuthorizerAnswer) -> Verdict {
    match hard_checks(facts) {
        Verdict::Allowed => {}
        refused => return refused,
    }
    match answer {
        AuthorizerAnswer::NotConfigured => category_verdict(facts),
        AuthorizerAnswer::Allowed => Verdict::Allowed,
        AuthorizerAnswer::Refused => Verdict::Refused(ReasonCode::IssuerAuthorizationRefused),
        AuthorizerAnswer::Unavailable => {
            Verdict::Refused(ReasonCode::IssuerAuthorizationUnavailable)
        }
    }
}

#[cfg(test)]
#[path = "transfer_rules_tests.rs"]
mod tests;

//! The API's error type: one explicit map from failures to HTTP status and machine code.
//!
//! Every error body is `ErrorBody { code, message, detail }`. Internal failures are logged
//! here, once, with their cause, and reach the client only as `internal_error`.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use tessera_api_types::ErrorBody;
use tessera_app::{AccountError, AuthError, RegistryError};
use tessera_store::Conflict;

/// A failed API call.
#[derive(Debug)]
pub enum ApiError {
    /// 400: the request is malformed or a value is invalid.
    BadRequest {
        /// Machine code.
        code: &'static str,
        /// Message naming the offending value.
        message: String,
    },
    /// 401: no, malformed or expired credentials.
    Unauthenticated {
        /// Machine code.
        code: &'static str,
        /// What to do about it.
        message: String,
    },
    /// 403: authenticated, but a manager may not make this call (`manager_policy`).
    Forbidden {
        /// Machine code.
        code: &'static str,
        /// What was refused.
        message: String,
    },
    /// 404: unknown id (or another issuer's).
    NotFound {
        /// Machine code.
        code: &'static str,
        /// Which id.
        message: String,
    },
    /// Conflicts with stored data: 400, as AMP answers (GAID taken, name taken, user with
    /// assignments, distribution open); the machine `code` tells the cases apart.
    Conflict {
        /// Machine code.
        code: &'static str,
        /// The conflicting value.
        message: String,
    },
    /// 400 with AMP's `{"Error": message}` beside the usual fields (an already registered
    /// asset: AMP clients look for that key).
    AmpError {
        /// Machine code.
        code: &'static str,
        /// AMP's text.
        message: String,
    },
    /// 413: body too large.
    PayloadTooLarge,
    /// 429: throttled; answered with `Retry-After`.
    TooManyRequests(tessera_app::Throttled),
    /// 503: a dependency (the Elements node) is unavailable; try again later.
    Unavailable {
        /// Machine code.
        code: &'static str,
        /// What is unavailable.
        message: String,
    },
    /// 500: a failure that is not the client's; the cause is logged, not returned.
    Internal(String),
}

impl ApiError {
    /// A 400 with a code and message.
    pub fn bad_request(code: &'static str, message: impl ToString) -> Self {
        Self::BadRequest {
            code,
            message: message.to_string(),
        }
    }

    /// A refused login answers 400, as AMP's `obtain_token` does (a bad or expired token
    /// elsewhere stays 401).
    pub fn login_refused(self) -> Self {
        match self {
            Self::Unauthenticated { code, message } => Self::BadRequest { code, message },
            other => other,
        }
    }

    /// Status, machine code and message exactly as the API would answer them (an internal
    /// cause is logged here and replaced by the generic message), for front ends that show
    /// the API's errors in their own form (the console).
    pub fn public(&self) -> (StatusCode, &'static str, String) {
        if let Self::Internal(cause) = self {
            tracing::error!(%cause, "request failed");
        }
        self.parts()
    }

    fn parts(&self) -> (StatusCode, &'static str, String) {
        match self {
            Self::BadRequest { code, message } => (StatusCode::BAD_REQUEST, code, message.clone()),
            Self::Unauthenticated { code, message } => {
                (StatusCode::UNAUTHORIZED, code, message.clone())
            }
            Self::Forbidden { code, message } => (StatusCode::FORBIDDEN, code, message.clone()),
            Self::NotFound { code, message } => (StatusCode::NOT_FOUND, code, message.clone()),
            Self::Conflict { code, message } => (StatusCode::BAD_REQUEST, code, message.clone()),
            Self::AmpError { code, message } => (StatusCode::BAD_REQUEST, code, message.clone()),
            Self::PayloadTooLarge => (
                StatusCode::PAYLOAD_TOO_LARGE,
                "payload_too_large",
                format!("request body exceeds {} bytes", crate::MAX_BODY_BYTES),
            ),
            Self::TooManyRequests(t) => (StatusCode::TOO_MANY_REQUESTS, t.code, t.to_string()),
            Self::Unavailable { code, message } => {
                (StatusCode::SERVICE_UNAVAILABLE, code, message.clone())
            }
            Self::Internal(_) => (
                StatusCode::INTERNAL_SERVER_ERROR,
                "internal_error",
                "internal error; see the server log".to_owned(),
            ),
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        if let Self::Internal(cause) = &self {
            tracing::error!(%cause, "request failed");
        }
        let (status, code, message) = self.parts();
        let mut body = ErrorBody::new(code, message);
        if let Self::AmpError { message, .. } = &self {
            body.error = Some(message.clone());
        }
        let retry_after = match &self {
            Self::TooManyRequests(t) => Some(t.retry_after.as_secs()),
            Self::Unavailable { .. } => Some(5),
            _ => None,
        };
        let mut response = (status, Json(body)).into_response();
        if let Some(secs) = retry_after {
            response
                .headers_mut()
                .insert(axum::http::header::RETRY_AFTER, secs.into());
        }
        response
    }
}

fn conflict(c: Conflict) -> ApiError {
    let code = match &c {
        Conflict::UsernameTaken(_) => "username_taken",
        Conflict::GaidTaken(_) => "gaid_taken",
        Conflict::CategoryNameTaken(_) => "category_name_taken",
        Conflict::CosignerIndexUnavailable(_) => "cosigner_index_unavailable",
        Conflict::AccountExists(_) => "account_exists",
        Conflict::AddressExists(_) => "address_exists",
        Conflict::BlockExists { .. } => "block_exists",
        Conflict::OutputExists { .. } => "output_exists",
        Conflict::AssetExists(_) => "asset_exists",
        Conflict::AssetInUse(_) => "asset_in_use",
        Conflict::UnknownRegisteredUser(_) => "registered_user_not_found",
        Conflict::UserHasAssignments(_) => "registered_user_has_assignments",
        Conflict::AssignmentTaken { .. } => "assignment_in_distribution",
        Conflict::AssignmentUnavailable(_) => "assignment_unavailable",
        Conflict::DistributionOpen(_) => "distribution_open",
        Conflict::DistributionExists(_) => "distribution_exists",
        Conflict::DistributionConfirmed { .. } => "distribution_confirmed",
        Conflict::DistributionCancelled(_) => "distribution_cancelled",
        Conflict::DistributionPaid { .. } => "distribution_paid",
        Conflict::TransactionRecorded(_) => "transaction_recorded",
    };
    ApiError::Conflict {
        code,
        message: c.to_string(),
    }
}

impl From<AuthError> for ApiError {
    fn from(e: AuthError) -> Self {
        match e {
            AuthError::InvalidCredentials => Self::Unauthenticated {
                code: "invalid_credentials",
                message: e.to_string(),
            },
            AuthError::AccountLocked(_) => Self::Unauthenticated {
                code: "account_locked",
                message: e.to_string(),
            },
            AuthError::InvalidToken => Self::Unauthenticated {
                code: "invalid_token",
                message: e.to_string(),
            },
            AuthError::WeakPassword { .. } => Self::bad_request("invalid_password", e),
            AuthError::WrongCurrentPassword => Self::bad_request("wrong_current_password", e),
            AuthError::Throttled(t) => Self::TooManyRequests(t),
            AuthError::Conflict(c) => conflict(c),
            AuthError::Hashing(_) | AuthError::Store(_) => Self::Internal(e.to_string()),
        }
    }
}

impl From<tessera_app::Throttled> for ApiError {
    fn from(t: tessera_app::Throttled) -> Self {
        Self::TooManyRequests(t)
    }
}

impl From<RegistryError> for ApiError {
    fn from(e: RegistryError) -> Self {
        let not_found = |code| Self::NotFound {
            code,
            message: e.to_string(),
        };
        match &e {
            RegistryError::UserNotFound(_) => not_found("registered_user_not_found"),
            RegistryError::CategoryNotFound(_) => not_found("category_not_found"),
            RegistryError::GaidNotRegistered(_) => not_found("gaid_not_registered"),
            RegistryError::UnknownGaid(_) => Self::bad_request("unknown_gaid", &e),
            RegistryError::OutsideGrants { .. } => Self::Forbidden {
                code: "manager_forbidden",
                message: e.to_string(),
            },
            RegistryError::Conflict(c) => conflict(c.clone()),
            RegistryError::Store(_) => Self::Internal(e.to_string()),
        }
    }
}

impl From<AccountError> for ApiError {
    fn from(e: AccountError) -> Self {
        match &e {
            AccountError::Descriptor(d) => {
                let code = match d {
                    tessera_custody::DescriptorError::ForeignCosigner { .. } => {
                        "foreign_cosigner_key"
                    }
                    _ => "invalid_descriptor",
                };
                Self::bad_request(code, &e)
            }
            AccountError::CosignerIndex(_) => Self::bad_request("cosigner_index_unavailable", &e),
            AccountError::AlreadyRegistered(_) => Self::Conflict {
                code: "account_exists",
                message: e.to_string(),
            },
            AccountError::UnknownAccount(_) => Self::NotFound {
                code: "unknown_account",
                message: e.to_string(),
            },
            AccountError::InvalidChallenge => Self::Unauthenticated {
                code: "invalid_challenge",
                message: e.to_string(),
            },
            AccountError::InvalidSignature(_) => Self::Unauthenticated {
                code: "invalid_signature",
                message: e.to_string(),
            },
            AccountError::Throttled(t) => Self::TooManyRequests(t.clone()),
            AccountError::NoCosigner | AccountError::Derivation(_) | AccountError::Store(_) => {
                Self::Internal(e.to_string())
            }
        }
    }
}

impl From<tessera_app::assets::AssetError> for ApiError {
    fn from(e: tessera_app::assets::AssetError) -> Self {
        use tessera_app::assets::AssetError as E;
        match &e {
            E::NotFound(_) => Self::NotFound {
                code: "asset_not_found",
                message: e.to_string(),
            },
            E::CategoryNotFound(_) => Self::NotFound {
                code: "category_not_found",
                message: e.to_string(),
            },
            E::Address { .. } => Self::bad_request("invalid_address", &e),
            E::ManagedTreasuryAddress(_) => Self::Conflict {
                code: "treasury_address_is_managed",
                message: e.to_string(),
            },
            E::Amount(_) => Self::bad_request("invalid_amount", &e),
            E::Node(n) => match n {
                tessera_elements_rpc::Error::InsufficientFunds { .. } => {
                    Self::bad_request("insufficient_funds", &e)
                }
                _ => Self::Internal(e.to_string()),
            },
            E::NotBroadcast(_) => Self::bad_request("not_broadcast", &e),
            E::Conflict(c) => conflict(c.clone()),
            E::NoNode | E::Store(_) | E::IssuanceTx(_) => Self::Internal(e.to_string()),
        }
    }
}

impl From<tessera_app::assignments::AssignError> for ApiError {
    fn from(e: tessera_app::assignments::AssignError) -> Self {
        use tessera_app::assignments::AssignError as E;
        match e {
            E::Asset(a) => a.into(),
            E::NotFound(_) => Self::NotFound {
                code: "assignment_not_found",
                message: e.to_string(),
            },
            E::UserNotFound(_) => Self::NotFound {
                code: "registered_user_not_found",
                message: e.to_string(),
            },
            E::MissingCategory { .. } => Self::bad_request("requirements_not_met", &e),
            E::ExceedsTreasury { .. } => Self::bad_request("exceeds_treasury", &e),
            E::Rule(_) => Self::bad_request("assignment_rule", &e),
            E::Vesting(_) => Self::bad_request("invalid_vesting_schedule", &e),
            E::Supply(_) => Self::Internal(e.to_string()),
        }
    }
}

impl From<tessera_app::supply_ops::SupplyOpError> for ApiError {
    fn from(e: tessera_app::supply_ops::SupplyOpError) -> Self {
        use tessera_app::supply_ops::SupplyOpError as E;
        let not_found = |code| Self::NotFound {
            code,
            message: e.to_string(),
        };
        let conflict_with = |code| Self::Conflict {
            code,
            message: e.to_string(),
        };
        match &e {
            E::AssetNotFound(_) => not_found("asset_not_found"),
            E::DistributionNotFound(_) => not_found("distribution_not_found"),
            E::NothingToDistribute(_) => Self::bad_request("nothing_to_distribute", &e),
            E::UnknownAccount(_) => Self::bad_request("unknown_account", &e),
            E::Amount(_) => Self::bad_request("invalid_amount", &e),
            E::NotReissuable(_) => Self::bad_request("not_reissuable", &e),
            E::NoTreasuryOutputs { .. } => conflict_with("treasury_outputs_unknown"),
            E::Supply(_) => Self::bad_request("exceeds_treasury", &e),
            E::TransactionNotFound(_) => Self::bad_request("transaction_not_found", &e),
            E::NotConfirmed { .. } => Self::bad_request("not_confirmed", &e),
            E::Mismatch { .. } => Self::bad_request("transaction_mismatch", &e),
            E::InvalidReport { .. } => Self::bad_request("invalid_report", &e),
            E::NoOpenRequest { .. } => Self::bad_request("no_open_request", &e),
            E::State(_, tessera_core::DistributionStateError::Cancelled) => {
                conflict_with("distribution_cancelled")
            }
            E::State(..) => conflict_with("distribution_confirmed"),
            E::Conflict(c) => conflict(c.clone()),
            E::ChainBehind { .. } => conflict_with("chain_not_followed"),
            E::Account(_) | E::NoNode | E::Node(_) | E::Store(_) => Self::Internal(e.to_string()),
        }
    }
}

impl From<tessera_app::transfers::TransferError> for ApiError {
    fn from(e: tessera_app::transfers::TransferError) -> Self {
        use tessera_app::transfers::TransferError as E;
        match e {
            E::Account(a) => a.into(),
            E::AssetNotFound(_) => Self::NotFound {
                code: "asset_not_found",
                message: e.to_string(),
            },
            E::InvalidPset(_) => Self::bad_request("invalid_pset", &e),
            E::BadRequest(_) => Self::bad_request("invalid_transfer", &e),
            E::Node(tessera_elements_rpc::Error::Node { .. }) => {
                Self::bad_request("rejected_by_node", &e)
            }
            E::NoNode | E::Node(_) | E::Store(_) | E::Log(_) | E::Internal(_) => {
                Self::Internal(e.to_string())
            }
        }
    }
}

impl From<tessera_app::reports::ReportError> for ApiError {
    fn from(e: tessera_app::reports::ReportError) -> Self {
        use tessera_app::reports::ReportError as E;
        let e = match e {
            E::Asset(a) => return a.into(),
            other => other,
        };
        let not_found = |code| Self::NotFound {
            code,
            message: e.to_string(),
        };
        match &e {
            E::UserNotFound(_) => not_found("registered_user_not_found"),
            E::DividendNotFound(_) => not_found("dividend_not_found"),
            E::PaymentNotFound(_) => not_found("payment_not_found"),
            E::HeightAboveTip { .. } => Self::bad_request("height_above_tip", &e),
            E::NoBlockAtTime(_) => Self::bad_request("no_block_at_time", &e),
            E::Dividend(_) => Self::bad_request("invalid_dividend", &e),
            E::Amount(_) => Self::bad_request("invalid_amount", &e),
            E::InvalidEmail(_) => Self::bad_request("invalid_email", &e),
            E::NoticeDays(_) => Self::bad_request("invalid_notice_days", &e),
            E::TextLength { .. } => Self::bad_request("invalid_length", &e),
            E::Asset(_) | E::Ledger { .. } | E::Store(_) => Self::Internal(e.to_string()),
        }
    }
}

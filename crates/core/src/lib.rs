//! Tessera's pure domain: ids, amounts, names, GAIDs, issuers, registered users and
//! categories; assets and their registry contract; assignments, vesting and distribution
//! planning; treasury math; the ownership ledger; dividends; and the co-signer's transfer
//! rules.
//!
//! Everything here is plain data and decisions: no I/O, no async, no SQL. Values are
//! parsed once at the edge (`parse`/`TryFrom`/`new`) so that the rest of the program only
//! ever sees valid ones.

pub mod account;
pub mod amount;
pub mod asset;
pub mod asset_fields;
pub mod assignment;
pub mod category;
pub mod coin;
pub mod contract;
mod decimal;
pub mod distribution;
pub mod distribution_plan;
pub mod dividend;
pub mod gaid;
pub mod ids;
pub mod issuer;
pub mod manager;
pub mod ownership;
pub mod registered_user;
pub mod supply;
pub mod text;
pub mod transfer_rules;
pub mod vesting;

pub use account::{AccountAddress, AccountId, AddressChain, ManagedAccount, NewManagedAccount};
pub use amount::{Amount, AmountError, Precision, PrecisionError};
pub use asset::{Asset, AssetKind, IssuanceOutpoints};
pub use asset_fields::{
    AssetName, AssetNameError, AuthorizationEndpoint, Domain, DomainError, EndpointError,
    IssuerPubkey, IssuerPubkeyError, Ticker, TickerError,
};
pub use assignment::{
    Assignment, AssignmentEdit, AssignmentError, AssignmentState, NewAssignment, NotDistributable,
};
pub use category::{Category, CategoryDescription, NewCategory};
pub use coin::{coin_number, coin_string, parse_coin};
pub use contract::{AssetContract, ContractEntity};
pub use distribution::{DistributionState, DistributionStateError};
pub use distribution_plan::{
    estimated_confidential_weight, plan_distribution, DistributionPlan, PlanError, PlannedReceiver,
    MAX_CONFIDENTIAL_RECEIVERS,
};
pub use dividend::{
    compute_dividend, DividendError, DividendLine, DividendRequest, DividendResult, Exclusion,
    Holder, Payout,
};
pub use gaid::{Gaid, GaidError};
pub use ids::{AssetUuid, AssignmentId, CategoryId, DistributionUuid, IssuerId, RegisteredUserId};
pub use issuer::{Issuer, Username, UsernameError};
pub use manager::{Manager, ManagerId};
pub use ownership::{snapshot, Cutoff, Holding, LedgerEntry, Owner, OwnershipError};
pub use registered_user::{NewRegisteredUser, RegisteredUser};
pub use supply::{Supply, SupplyError};
pub use text::{Name, TextError};
pub use transfer_rules::{
    category_verdict, decide, decide_with_authorizer, hard_checks, AssetFacts, AuthorizerAnswer,
    InputFacts, OutputFacts, ReasonCode, ReceiverUser, TransferFacts, Verdict,
};
pub use vesting::{Period, Tranche, VestingError, VestingSchedule};

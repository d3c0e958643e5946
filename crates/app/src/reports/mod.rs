//! What an issuer learns from the ledger and the assignments beyond AMP's own reports:
//! ownership snapshots with the treasury and locked amounts, vesting reports and the
//! registered user summary, dividend calculations and payment records.
//!
//! Everything here reads; the only writes are the records the issuer asks for (a
//! dividend calculation, a payment record, settings). Nothing is paid by Tessera: a
//! dividend is a computed list and a payment is the issuer's note that it paid.

mod dividends;
mod error;
mod ownership;
mod payments;
mod vesting;

pub use dividends::{At, DividendSpec, ExcludeRef};
pub use error::ReportError;
pub use ownership::{OwnershipLine, OwnershipSnapshot};
pub use payments::{HolderRef, PaymentSpec};
pub use vesting::{
    vesting_totals, AssetVesting, UpcomingVesting, UserAssetSummary, UserAssetVesting, UserVesting,
    VestingTotals,
};

//! Tessera's pure domain: ids, amounts, names, GAIDs, issuers, registered users and
//! categories.
//!
//! Everything here is plain data and decisions: no I/O, no async, no SQL. Values are
//! parsed once at the edge (`parse`/`TryFrom`/`new`) so that the rest of the program only
//! ever sees valid ones.

pub mod account;
pub mod amount;
pub mod category;
pub mod gaid;
pub mod ids;
pub mod issuer;
pub mod registered_user;
pub mod text;

pub use account::{AccountAddress, AccountId, AddressChain, ManagedAccount, NewManagedAccount};
pub use amount::{Amount, AmountError, Precision, PrecisionError};
pub use category::{Category, CategoryDescription, NewCategory};
pub use gaid::{Gaid, GaidError};
pub use ids::{AssetUuid, CategoryId, IssuerId, RegisteredUserId};
pub use issuer::{Issuer, Username, UsernameError};
pub use registered_user::{NewRegisteredUser, RegisteredUser};
pub use text::{Name, TextError};

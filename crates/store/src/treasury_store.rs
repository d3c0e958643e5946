//! The treasury area of the store: which outputs of the issuer's treasury hold an asset
//! or its reissuance token, and the blinders issuers supply for issuance outputs.
//!
//! The reissue and burn files name treasury outpoints that the issuer's node must hold;
//! the server learns them only from verified facts (the issuance transfer its own wallet
//! made, and reported outputs whose commitments it recomputed), and records them here.
//! Recording is idempotent per outpoint, since confirmations are retried. All methods are
//! scoped by issuer: another issuer's asset behaves like an unknown one (`None`).

use crate::StoreError;
use async_trait::async_trait;
use elements::Txid;
use tessera_core::{Amount, AssetUuid, IssuerId};

/// What a treasury output holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TreasuryOutputKind {
    /// The asset itself.
    Asset,
    /// Its reissuance token.
    Token,
}

/// How the server learned of a treasury output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum OutputOrigin {
    /// The issuance (or the transfer that moved it to the issuer).
    Issuance,
    /// A confirmed reissuance.
    Reissuance,
    /// Change of a confirmed distribution.
    Distribution,
    /// Change of a confirmed burn.
    Burn,
}

macro_rules! names {
    ($ty:ty { $($variant:ident => $name:literal),+ $(,)? }) => {
        impl $ty {
            /// The stored name.
            pub fn as_str(self) -> &'static str {
                match self { $(Self::$variant => $name),+ }
            }

            /// The value of a stored name.
            pub fn from_name(text: &str) -> Option<Self> {
                match text { $($name => Some(Self::$variant),)+ _ => None }
            }
        }
    };
}

names!(TreasuryOutputKind { Asset => "asset", Token => "token" });
names!(OutputOrigin {
    Issuance => "issuance",
    Reissuance => "reissuance",
    Distribution => "distribution",
    Burn => "burn",
});

/// A verified output of the issuer's treasury.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TreasuryOutput {
    /// Transaction.
    pub txid: Txid,
    /// Output index.
    pub vout: u32,
    /// Asset or token.
    pub kind: TreasuryOutputKind,
    /// Base units.
    pub amount: Amount,
    /// Asset blinding factor, hex, Elements' display order (zeros when explicit).
    pub asset_blinder: String,
    /// Value blinding factor, hex, display order (zeros when explicit).
    pub amount_blinder: String,
    /// How it was learned.
    pub origin: OutputOrigin,
}

/// Blinders of one output of an asset's transaction (AMP's `update-blinders`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputBlinders {
    /// Transaction.
    pub txid: Txid,
    /// Output index.
    pub vout: u32,
    /// Asset blinding factor, hex, display order.
    pub asset_blinder: String,
    /// Value blinding factor, hex, display order.
    pub amount_blinder: String,
}

/// Treasury outputs and output blinders of each issuer's assets.
#[async_trait]
pub trait TreasuryStore: Send + Sync {
    /// Records outputs of the asset's treasury; an outpoint recorded already keeps its
    /// first record. `None` if the asset is unknown.
    async fn record_treasury_outputs(
        &self,
        issuer: IssuerId,
        uuid: AssetUuid,
        outputs: &[TreasuryOutput],
        now: i64,
    ) -> Result<Option<()>, StoreError>;

    /// Every recorded treasury output of the asset (spent or not), in recording order.
    async fn treasury_outputs(
        &self,
        issuer: IssuerId,
        uuid: AssetUuid,
    ) -> Result<Option<Vec<TreasuryOutput>>, StoreError>;

    /// Sets the blinders of an output (replacing earlier ones). `None` if the asset is
    /// unknown.
    async fn set_output_blinders(
        &self,
        issuer: IssuerId,
        uuid: AssetUuid,
        blinders: &OutputBlinders,
        now: i64,
    ) -> Result<Option<()>, StoreError>;

    /// The blinders supplied for the asset's outputs, by txid then vout.
    async fn output_blinders(
        &self,
        issuer: IssuerId,
        uuid: AssetUuid,
    ) -> Result<Option<Vec<OutputBlinders>>, StoreError>;

    /// Records the addresses verified outputs paid, `(txid, vout, address)`; an outpoint
    /// recorded already keeps its first address. `None` if the asset is unknown.
    async fn record_output_addresses(
        &self,
        issuer: IssuerId,
        uuid: AssetUuid,
        addresses: &[(Txid, u32, String)],
        now: i64,
    ) -> Result<Option<()>, StoreError>;

    /// The recorded addresses of the asset's outputs, by txid then vout.
    async fn output_addresses(
        &self,
        issuer: IssuerId,
        uuid: AssetUuid,
    ) -> Result<Option<Vec<(Txid, u32, String)>>, StoreError>;
}

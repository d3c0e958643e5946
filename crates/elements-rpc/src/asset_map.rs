//! Per-asset amounts as the node prints them.
//!
//! Balances and wallet transaction amounts are JSON objects keyed by asset: the policy asset
//! appears under its label (`"bitcoin"`), every other asset under its 64-hex id, and
//! `getrawtransaction`'s `fee` uses the hex id even for L-BTC. [`AssetKey`] keeps that
//! distinction visible instead of guessing, and [`AssetAmounts`] offers lookups that resolve a
//! label through `dumpassetlabels` when the caller has it.

use std::collections::BTreeMap;
use std::fmt;
use std::str::FromStr;

use elements::AssetId;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::amount::Sats;

/// The label Elements gives its policy asset (L-BTC on Liquid).
pub const POLICY_ASSET_LABEL: &str = "bitcoin";

/// Asset labels known to the node (`dumpassetlabels`): label → asset id.
pub type AssetLabels = BTreeMap<String, AssetId>;

/// How the node names an asset: by label (`"bitcoin"`) or by 64-hex asset id.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum AssetKey {
    /// A label such as `"bitcoin"` (see `dumpassetlabels`).
    Label(String),
    /// An asset id, printed as 64 hex digits.
    Id(AssetId),
}

impl AssetKey {
    /// The policy asset's label, `"bitcoin"`.
    pub fn policy_asset() -> Self {
        AssetKey::Label(POLICY_ASSET_LABEL.to_owned())
    }

    /// Reads a key: 64 hex digits are an asset id, anything else is a label.
    pub fn parse(text: &str) -> Self {
        if text.len() == 64 && text.bytes().all(|b| b.is_ascii_hexdigit()) {
            if let Ok(id) = AssetId::from_str(text) {
                return AssetKey::Id(id);
            }
        }
        AssetKey::Label(text.to_owned())
    }

    /// The asset id, resolving a label through `labels` (from `dumpassetlabels`).
    pub fn resolve(&self, labels: &AssetLabels) -> Option<AssetId> {
        match self {
            AssetKey::Id(id) => Some(*id),
            AssetKey::Label(label) => labels.get(label).copied(),
        }
    }
}

impl From<AssetId> for AssetKey {
    fn from(id: AssetId) -> Self {
        AssetKey::Id(id)
    }
}

impl fmt::Display for AssetKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            AssetKey::Label(label) => f.write_str(label),
            AssetKey::Id(id) => write!(f, "{id}"),
        }
    }
}

impl Serialize for AssetKey {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for AssetKey {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Ok(AssetKey::parse(&text))
    }
}

/// Amounts keyed by asset, exactly as the node reported them (`{"bitcoin": 0.5, "<hex>": 2}`).
///
/// `A` is [`Sats`] for balances and [`crate::SignedSats`] for wallet deltas and fees.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
#[serde(bound(serialize = "A: Serialize", deserialize = "A: Deserialize<'de>"))]
pub struct AssetAmounts<A = Sats>(BTreeMap<AssetKey, A>);

impl<A> Default for AssetAmounts<A> {
    fn default() -> Self {
        AssetAmounts(BTreeMap::new())
    }
}

impl<A: Copy> AssetAmounts<A> {
    /// The amount under exactly this key.
    pub fn get(&self, key: &AssetKey) -> Option<A> {
        self.0.get(key).copied()
    }

    /// The amount listed under the asset's hex id.
    pub fn asset(&self, id: &AssetId) -> Option<A> {
        self.get(&AssetKey::Id(*id))
    }

    /// The policy asset (L-BTC) amount, listed under the label `"bitcoin"`.
    pub fn policy_asset(&self) -> Option<A> {
        self.get(&AssetKey::policy_asset())
    }

    /// The amount for an asset id, whether the node listed it by id or by a label that
    /// `labels` (from `dumpassetlabels`) maps to that id.
    pub fn lookup(&self, id: &AssetId, labels: &AssetLabels) -> Option<A> {
        self.asset(id).or_else(|| {
            labels
                .iter()
                .filter(|(_, labelled)| *labelled == id)
                .find_map(|(label, _)| self.get(&AssetKey::Label(label.clone())))
        })
    }
}

impl<A> AssetAmounts<A> {
    /// Builds a map (for tests and callers that assemble amounts themselves).
    pub fn new(amounts: BTreeMap<AssetKey, A>) -> Self {
        AssetAmounts(amounts)
    }

    /// All entries, in key order.
    pub fn iter(&self) -> impl Iterator<Item = (&AssetKey, &A)> {
        self.0.iter()
    }

    /// Number of assets listed.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// `true` when no asset is listed (a coinbase's `fee` is `{}`).
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The underlying map.
    pub fn into_inner(self) -> BTreeMap<AssetKey, A> {
        self.0
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use crate::amount::SignedSats;

    const ASSET: &str = "d1919c5cf11de219d1dd21a3860553ca760afaf1bc27b1b384ac10f040d81e26";
    const LBTC: &str = "b2e15d0d7a0c94e4e2ce0fe6e8691b9e451377f6e46e8045a86f7c4b5d4f0f23";

    #[test]
    fn balance_objects_keep_labels_and_ids_apart() {
        let text = format!(r#"{{"bitcoin":20999989.99976624,"{ASSET}":900.00000000}}"#);
        let balances: AssetAmounts = serde_json::from_str(&text).unwrap();
        let asset = AssetId::from_str(ASSET).unwrap();
        assert_eq!(
            balances.policy_asset(),
            Some(Sats::from_sat(2_099_998_999_976_624))
        );
        assert_eq!(balances.asset(&asset), Some(Sats::from_sat(90_000_000_000)));
        let lbtc = AssetId::from_str(LBTC).unwrap();
        assert_eq!(balances.asset(&lbtc), None);
        let labels = AssetLabels::from([("bitcoin".to_owned(), lbtc)]);
        assert_eq!(
            balances.lookup(&lbtc, &labels),
            Some(Sats::from_sat(2_099_998_999_976_624))
        );
        assert_eq!(serde_json::to_string(&balances).unwrap(), text);
    }

    #[test]
    fn negative_fee_objects_parse_as_signed_amounts() {
        let fee: AssetAmounts<SignedSats> =
            serde_json::from_str(r#"{"bitcoin":-0.00004958}"#).unwrap();
        assert_eq!(fee.policy_asset(), Some(SignedSats::from_sat(-4_958)));
    }

    #[test]
    fn keys_that_look_like_ids_become_ids() {
        assert!(matches!(AssetKey::parse(ASSET), AssetKey::Id(_)));
        assert!(matches!(AssetKey::parse("bitcoin"), AssetKey::Label(_)));
        assert!(matches!(AssetKey::parse(&ASSET[1..]), AssetKey::Label(_)));
        assert_eq!(AssetKey::parse(ASSET).to_string(), ASSET);
    }
}

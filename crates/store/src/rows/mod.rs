//! Rows as the queries return them, and their assembly into domain values.
//!
//! Both backends decode the same tuples, so turning rows into `RegisteredUser`s and
//! `Category`s (grouping GAIDs, memberships and requirements by owner, parsing stored text
//! back into domain types) is written once, here, without any database in sight. Accounts
//! and the chain have their own files, re-exported here.

mod accounts;
mod assets;
mod chain;
mod reports;
mod transfers;

pub(crate) use accounts::*;
pub(crate) use assets::*;
pub(crate) use chain::*;
pub(crate) use reports::*;
pub(crate) use transfers::*;

use crate::StoreError;
use std::collections::BTreeMap;
use tessera_core::{
    AssetUuid, Category, CategoryDescription, CategoryId, Gaid, Issuer, IssuerId, Name,
    RegisteredUser, RegisteredUserId, Username,
};

/// `issuers (id, username, created_at)`.
pub(crate) type IssuerRow = (i64, String, i64);
/// `registered_users (id, issuer_id, name, is_company)`.
pub(crate) type UserRow = (i64, i64, String, bool);
/// `registered_user_gaids (registered_user_id, gaid, is_default)`, oldest first.
pub(crate) type GaidRow = (i64, String, bool);
/// A link `(owner id, linked id)`: a membership seen from either side.
pub(crate) type LinkRow = (i64, i64);
/// `categories (id, issuer_id, name, description)`.
pub(crate) type CategoryRow = (i64, i64, String, String);
/// `category_assets (category_id, asset_uuid)`.
pub(crate) type AssetRow = (i64, String);

pub(crate) fn corrupt(what: &'static str, value: String) -> StoreError {
    StoreError::Corrupt { what, value }
}

fn name(text: String) -> Result<Name, StoreError> {
    Name::parse(&text).map_err(|_| corrupt("name", text))
}

/// An issuer from its row.
pub(crate) fn issuer((id, username, created_at): IssuerRow) -> Result<Issuer, StoreError> {
    let username = Username::parse(&username).map_err(|_| corrupt("username", username))?;
    Ok(Issuer {
        id: IssuerId(id),
        username,
        created_at,
    })
}

/// Groups `(owner, value)` pairs by owner, keeping their order.
fn group<T>(pairs: impl IntoIterator<Item = (i64, T)>) -> BTreeMap<i64, Vec<T>> {
    let mut map: BTreeMap<i64, Vec<T>> = BTreeMap::new();
    for (owner, value) in pairs {
        map.entry(owner).or_default().push(value);
    }
    map
}

/// Registered users with their GAIDs (oldest first) and categories (ascending).
pub(crate) fn registered_users(
    users: Vec<UserRow>,
    gaids: Vec<GaidRow>,
    memberships: Vec<LinkRow>,
) -> Result<Vec<RegisteredUser>, StoreError> {
    let mut gaids = group(gaids.into_iter().map(|(user, g, d)| (user, (g, d))));
    let mut categories = group(memberships);
    users
        .into_iter()
        .map(|(id, issuer, user_name, is_company)| {
            let mut default_gaid = None;
            let mut all = Vec::new();
            for (text, is_default) in gaids.remove(&id).unwrap_or_default() {
                let gaid = Gaid::parse(&text).map_err(|_| corrupt("GAID", text))?;
                if is_default {
                    default_gaid = Some(gaid.clone());
                }
                all.push(gaid);
            }
            let mut categories: Vec<CategoryId> = categories
                .remove(&id)
                .unwrap_or_default()
                .into_iter()
                .map(CategoryId)
                .collect();
            categories.sort_unstable();
            Ok(RegisteredUser {
                id: RegisteredUserId(id),
                issuer: IssuerId(issuer),
                name: name(user_name)?,
                is_company,
                default_gaid,
                gaids: all,
                categories,
            })
        })
        .collect()
}

/// Categories with their members and required assets (both ascending).
pub(crate) fn categories(
    rows: Vec<CategoryRow>,
    members: Vec<LinkRow>,
    assets: Vec<AssetRow>,
) -> Result<Vec<Category>, StoreError> {
    let mut members = group(members);
    let mut assets = group(assets);
    rows.into_iter()
        .map(|(id, issuer, category_name, description)| {
            let mut registered_users: Vec<RegisteredUserId> = members
                .remove(&id)
                .unwrap_or_default()
                .into_iter()
                .map(RegisteredUserId)
                .collect();
            registered_users.sort_unstable();
            let mut required: Vec<AssetUuid> = assets
                .remove(&id)
                .unwrap_or_default()
                .into_iter()
                .map(|text| text.parse().map_err(|_| corrupt("asset uuid", text)))
                .collect::<Result<_, _>>()?;
            required.sort_unstable();
            Ok(Category {
                id: CategoryId(id),
                issuer: IssuerId(issuer),
                name: name(category_name)?,
                description: CategoryDescription::parse(&description)
                    .map_err(|_| corrupt("category description", description))?,
                registered_users,
                assets: required,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    const G1: &str = "GAbYScu6jkWUND2jo3L4KJxyvo55d";
    const G2: &str = "GA2G8fjDNWvZiJP8Y5iV2ywTAQeZeo";

    #[test]
    fn users_get_their_own_gaids_in_order_and_sorted_categories() {
        let users = vec![
            (1, 7, "Alice".into(), false),
            (2, 7, "Bob Ltd".into(), true),
        ];
        let gaids = vec![
            (1, G2.into(), false),
            (2, G1.into(), true),
            (1, G1.into(), true),
        ];
        let links = vec![(1, 9), (1, 3), (2, 3)];
        let got = registered_users(users, gaids, links).unwrap();
        assert_eq!(
            got[0].gaids,
            vec![Gaid::parse(G2).unwrap(), Gaid::parse(G1).unwrap()]
        );
        assert_eq!(got[0].default_gaid, Some(Gaid::parse(G1).unwrap()));
        assert_eq!(got[0].categories, vec![CategoryId(3), CategoryId(9)]);
        assert_eq!(got[1].gaids, vec![Gaid::parse(G1).unwrap()]);
        assert!(got[1].is_company);
    }

    #[test]
    fn categories_get_sorted_members_and_assets() {
        let a = "00000000-0000-4000-8000-000000000002";
        let b = "00000000-0000-4000-8000-000000000001";
        let rows = vec![(4, 7, "KYC".into(), String::new())];
        let got = categories(
            rows,
            vec![(4, 8), (4, 2)],
            vec![(4, a.into()), (4, b.into())],
        );
        let got = got.unwrap();
        assert_eq!(
            got[0].registered_users,
            vec![RegisteredUserId(2), RegisteredUserId(8)]
        );
        assert_eq!(got[0].assets, vec![b.parse().unwrap(), a.parse().unwrap()]);
    }

    #[test]
    fn stored_text_that_no_longer_parses_is_reported_as_corrupt() {
        let err = registered_users(
            vec![(1, 7, "A".into(), false)],
            vec![(1, "GAbad".into(), true)],
            vec![],
        )
        .unwrap_err();
        assert!(matches!(err, StoreError::Corrupt { what: "GAID", ref value } if value == "GAbad"));
    }
}

//! Categories and their members.

use crate::harness::{contract, gaid, issuer, name, new_category, new_user, Ctx};
use tessera_core::{CategoryDescription, CategoryId, RegisteredUserId};
use tessera_store::{CategoryEdit, Conflict, StoreError};

fn is_name_taken(err: &StoreError, expected: &str) -> bool {
    matches!(err, StoreError::Conflict(Conflict::CategoryNameTaken(n)) if n.as_str() == expected)
}

async fn category_is_created_empty_and_listed_by_ascending_id(ctx: Ctx) {
    let store = ctx.store;
    let a = issuer(&*store, "alice").await;
    assert!(store.categories(a.id).await.unwrap().is_empty());
    let kyc = store
        .add_category(a.id, &new_category("KYC", "verified"), 1000)
        .await
        .unwrap();
    assert_eq!(kyc.issuer, a.id);
    assert_eq!(kyc.name, name("KYC"));
    assert_eq!(kyc.description.as_str(), "verified");
    assert!(kyc.registered_users.is_empty());
    assert!(kyc.assets.is_empty());
    let eu = store
        .add_category(a.id, &new_category("EU", ""), 1000)
        .await
        .unwrap();
    assert!(kyc.id < eu.id);
    assert_eq!(store.categories(a.id).await.unwrap(), vec![kyc.clone(), eu]);
    assert_eq!(store.category(a.id, kyc.id).await.unwrap(), Some(kyc));
    assert_eq!(store.category(a.id, CategoryId(9999)).await.unwrap(), None);
}

async fn duplicate_category_name_is_a_conflict_that_changes_nothing(ctx: Ctx) {
    let store = ctx.store;
    let a = issuer(&*store, "alice").await;
    let kyc = store
        .add_category(a.id, &new_category("KYC", "first"), 1000)
        .await
        .unwrap();
    let err = store
        .add_category(a.id, &new_category("KYC", "second"), 2000)
        .await
        .unwrap_err();
    assert!(is_name_taken(&err, "KYC"), "{err:?}");
    assert_eq!(store.categories(a.id).await.unwrap(), vec![kyc]);
    let b = issuer(&*store, "bob").await;
    assert!(store
        .add_category(b.id, &new_category("KYC", ""), 1000)
        .await
        .is_ok());
}

async fn category_name_and_description_are_edited_separately(ctx: Ctx) {
    let store = ctx.store;
    let a = issuer(&*store, "alice").await;
    let c = store
        .add_category(a.id, &new_category("KYC", "old"), 1000)
        .await
        .unwrap();
    let rename = CategoryEdit {
        name: Some(name("Verified")),
        description: None,
    };
    let c = store
        .edit_category(a.id, c.id, &rename)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (c.name.as_str(), c.description.as_str()),
        ("Verified", "old")
    );
    let describe = CategoryEdit {
        name: None,
        description: Some(CategoryDescription::parse("new").unwrap()),
    };
    let c = store
        .edit_category(a.id, c.id, &describe)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (c.name.as_str(), c.description.as_str()),
        ("Verified", "new")
    );
    let same = store
        .edit_category(a.id, c.id, &CategoryEdit::default())
        .await
        .unwrap();
    assert_eq!(same, Some(c.clone()));
    let own_name = CategoryEdit {
        name: Some(name("Verified")),
        description: None,
    };
    assert_eq!(
        store.edit_category(a.id, c.id, &own_name).await.unwrap(),
        Some(c)
    );
    let unknown = store
        .edit_category(a.id, CategoryId(9999), &rename)
        .await
        .unwrap();
    assert_eq!(unknown, None);
}

async fn renaming_a_category_to_a_taken_name_is_a_conflict_that_changes_nothing(ctx: Ctx) {
    let store = ctx.store;
    let a = issuer(&*store, "alice").await;
    store
        .add_category(a.id, &new_category("KYC", ""), 1000)
        .await
        .unwrap();
    let eu = store
        .add_category(a.id, &new_category("EU", "eu"), 1000)
        .await
        .unwrap();
    let edit = CategoryEdit {
        name: Some(name("KYC")),
        description: Some(CategoryDescription::parse("changed").unwrap()),
    };
    let err = store.edit_category(a.id, eu.id, &edit).await.unwrap_err();
    assert!(is_name_taken(&err, "KYC"), "{err:?}");
    assert_eq!(store.category(a.id, eu.id).await.unwrap(), Some(eu));
}

async fn category_is_deleted_once_with_its_memberships(ctx: Ctx) {
    let store = ctx.store;
    let a = issuer(&*store, "alice").await;
    let c = store
        .add_category(a.id, &new_category("KYC", ""), 1000)
        .await
        .unwrap();
    let user = store
        .add_registered_user(a.id, &new_user("Ann", None), 1000)
        .await
        .unwrap();
    store
        .add_category_member(a.id, c.id, user.id)
        .await
        .unwrap()
        .unwrap();
    assert!(store.delete_category(a.id, c.id).await.unwrap());
    assert!(!store.delete_category(a.id, c.id).await.unwrap());
    assert_eq!(store.category(a.id, c.id).await.unwrap(), None);
    let user = store.registered_user(a.id, user.id).await.unwrap().unwrap();
    assert!(user.categories.is_empty());
    assert!(store
        .add_category(a.id, &new_category("KYC", ""), 2000)
        .await
        .is_ok());
}

async fn membership_is_added_and_removed_idempotently(ctx: Ctx) {
    let store = ctx.store;
    let a = issuer(&*store, "alice").await;
    let kyc = store
        .add_category(a.id, &new_category("KYC", ""), 1000)
        .await
        .unwrap();
    let eu = store
        .add_category(a.id, &new_category("EU", ""), 1000)
        .await
        .unwrap();
    let ann = store
        .add_registered_user(a.id, &new_user("Ann", None), 1000)
        .await
        .unwrap();
    let bob = store
        .add_registered_user(a.id, &new_user("Bob", None), 1000)
        .await
        .unwrap();

    store
        .add_category_member(a.id, kyc.id, bob.id)
        .await
        .unwrap()
        .unwrap();
    let once = store
        .add_category_member(a.id, kyc.id, ann.id)
        .await
        .unwrap()
        .unwrap();
    let twice = store
        .add_category_member(a.id, kyc.id, ann.id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(once, twice);
    assert_eq!(once.registered_users, vec![ann.id, bob.id]);
    store
        .add_category_member(a.id, eu.id, ann.id)
        .await
        .unwrap()
        .unwrap();
    let ann_now = store.registered_user(a.id, ann.id).await.unwrap().unwrap();
    assert_eq!(ann_now.categories, vec![kyc.id, eu.id]);

    let removed = store
        .remove_category_member(a.id, kyc.id, ann.id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(removed.registered_users, vec![bob.id]);
    let again = store
        .remove_category_member(a.id, kyc.id, ann.id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(again, removed);
    let ann_now = store.registered_user(a.id, ann.id).await.unwrap().unwrap();
    assert_eq!(ann_now.categories, vec![eu.id]);
}

async fn membership_with_an_unknown_user_or_category_is_none(ctx: Ctx) {
    let store = ctx.store;
    let a = issuer(&*store, "alice").await;
    let c = store
        .add_category(a.id, &new_category("KYC", ""), 1000)
        .await
        .unwrap();
    let u = store
        .add_registered_user(a.id, &new_user("Ann", None), 1000)
        .await
        .unwrap();
    let (nc, nu) = (CategoryId(9999), RegisteredUserId(9999));
    assert_eq!(
        store.add_category_member(a.id, c.id, nu).await.unwrap(),
        None
    );
    assert_eq!(
        store.add_category_member(a.id, nc, u.id).await.unwrap(),
        None
    );
    assert_eq!(
        store.remove_category_member(a.id, c.id, nu).await.unwrap(),
        None
    );
    assert_eq!(
        store.remove_category_member(a.id, nc, u.id).await.unwrap(),
        None
    );
    assert_eq!(store.category(a.id, c.id).await.unwrap(), Some(c));
}

async fn deleting_a_user_removes_its_memberships(ctx: Ctx) {
    let store = ctx.store;
    let a = issuer(&*store, "alice").await;
    let c = store
        .add_category(a.id, &new_category("KYC", ""), 1000)
        .await
        .unwrap();
    let ann = store
        .add_registered_user(a.id, &new_user("Ann", None), 1000)
        .await
        .unwrap();
    let bob = store
        .add_registered_user(a.id, &new_user("Bob", None), 1000)
        .await
        .unwrap();
    store
        .add_category_member(a.id, c.id, ann.id)
        .await
        .unwrap()
        .unwrap();
    store
        .add_category_member(a.id, c.id, bob.id)
        .await
        .unwrap()
        .unwrap();
    assert!(store.delete_registered_user(a.id, ann.id).await.unwrap());
    let c = store.category(a.id, c.id).await.unwrap().unwrap();
    assert_eq!(c.registered_users, vec![bob.id]);
}

/// Regression, AMP (amp-api.md §7): a registered user that had been added to categories,
/// removed from them and deleted could not be registered again with its name and GAID.
async fn regression_amp_deleted_user_with_category_history_can_be_registered_again(ctx: Ctx) {
    let store = ctx.store;
    let a = issuer(&*store, "alice").await;
    let kyc = store
        .add_category(a.id, &new_category("KYC", ""), 1000)
        .await
        .unwrap();
    let eu = store
        .add_category(a.id, &new_category("EU", ""), 1000)
        .await
        .unwrap();
    let ann = store
        .add_registered_user(a.id, &new_user("Ann", Some(gaid(0))), 1000)
        .await;
    let ann = ann.unwrap();
    store
        .add_category_member(a.id, kyc.id, ann.id)
        .await
        .unwrap()
        .unwrap();
    store
        .add_category_member(a.id, eu.id, ann.id)
        .await
        .unwrap()
        .unwrap();
    store
        .remove_category_member(a.id, kyc.id, ann.id)
        .await
        .unwrap()
        .unwrap();
    store
        .remove_category_member(a.id, eu.id, ann.id)
        .await
        .unwrap()
        .unwrap();
    assert!(store.delete_registered_user(a.id, ann.id).await.unwrap());

    let again = store
        .add_registered_user(a.id, &new_user("Ann", Some(gaid(0))), 2000)
        .await;
    let again = again.unwrap();
    assert_eq!(again.default_gaid, Some(gaid(0)));
    assert!(again.categories.is_empty());
    let in_kyc = store
        .add_category_member(a.id, kyc.id, again.id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(in_kyc.registered_users, vec![again.id]);
}

contract!(
    category_is_created_empty_and_listed_by_ascending_id,
    duplicate_category_name_is_a_conflict_that_changes_nothing,
    category_name_and_description_are_edited_separately,
    renaming_a_category_to_a_taken_name_is_a_conflict_that_changes_nothing,
    category_is_deleted_once_with_its_memberships,
    membership_is_added_and_removed_idempotently,
    membership_with_an_unknown_user_or_category_is_none,
    deleting_a_user_removes_its_memberships,
    regression_amp_deleted_user_with_category_history_can_be_registered_again,
);

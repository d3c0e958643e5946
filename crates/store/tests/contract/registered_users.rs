//! Registered users and their GAIDs.

use crate::harness::{contract, gaid, issuer, name, new_user, Ctx};
use tessera_core::{NewRegisteredUser, RegisteredUserId};
use tessera_store::{Conflict, StoreError};

fn is_gaid_taken(err: &StoreError, expected: &tessera_core::Gaid) -> bool {
    matches!(err, StoreError::Conflict(Conflict::GaidTaken(g)) if g == expected)
}

async fn registered_user_is_created_with_its_gaid_as_default(ctx: Ctx) {
    let store = ctx.store;
    let a = issuer(&*store, "alice").await;
    let new = NewRegisteredUser {
        name: name("Acme Ltd"),
        is_company: true,
        gaid: Some(gaid(0)),
    };
    let user = store.add_registered_user(a.id, &new, 1000).await.unwrap();
    assert_eq!(user.issuer, a.id);
    assert_eq!(user.name, name("Acme Ltd"));
    assert!(user.is_company);
    assert_eq!(user.default_gaid, Some(gaid(0)));
    assert_eq!(user.gaids, vec![gaid(0)]);
    assert!(user.categories.is_empty());
    assert_eq!(
        store.registered_user(a.id, user.id).await.unwrap(),
        Some(user)
    );
}

async fn registered_user_without_gaid_has_none(ctx: Ctx) {
    let store = ctx.store;
    let a = issuer(&*store, "alice").await;
    let user = store
        .add_registered_user(a.id, &new_user("Ann", None), 1000)
        .await
        .unwrap();
    assert_eq!(user.default_gaid, None);
    assert!(user.gaids.is_empty());
    assert!(!user.is_company);
}

async fn registered_users_are_listed_by_ascending_id(ctx: Ctx) {
    let store = ctx.store;
    let a = issuer(&*store, "alice").await;
    assert!(store.registered_users(a.id).await.unwrap().is_empty());
    let mut ids = Vec::new();
    for (i, n) in ["Carol", "Ann", "Bob"].into_iter().enumerate() {
        let user = store
            .add_registered_user(a.id, &new_user(n, Some(gaid(i))), 1000)
            .await;
        ids.push(user.unwrap().id);
    }
    let listed = store.registered_users(a.id).await.unwrap();
    assert_eq!(listed.iter().map(|u| u.id).collect::<Vec<_>>(), ids);
    assert!(ids.windows(2).all(|w| w[0] < w[1]));
    assert_eq!(listed[1].gaids, vec![gaid(1)]);
}

async fn registered_user_is_renamed(ctx: Ctx) {
    let store = ctx.store;
    let a = issuer(&*store, "alice").await;
    let user = store
        .add_registered_user(a.id, &new_user("Ann", Some(gaid(0))), 1000)
        .await;
    let user = user.unwrap();
    let renamed = store
        .rename_registered_user(a.id, user.id, &name("Anne"))
        .await
        .unwrap();
    let renamed = renamed.unwrap();
    assert_eq!(renamed.name, name("Anne"));
    assert_eq!(renamed.gaids, user.gaids);
    let unknown = store
        .rename_registered_user(a.id, RegisteredUserId(9999), &name("X"))
        .await;
    assert_eq!(unknown.unwrap(), None);
}

async fn registered_user_is_deleted_once(ctx: Ctx) {
    let store = ctx.store;
    let a = issuer(&*store, "alice").await;
    let user = store
        .add_registered_user(a.id, &new_user("Ann", Some(gaid(0))), 1000)
        .await;
    let user = user.unwrap();
    assert!(store.delete_registered_user(a.id, user.id).await.unwrap());
    assert!(!store.delete_registered_user(a.id, user.id).await.unwrap());
    assert_eq!(store.registered_user(a.id, user.id).await.unwrap(), None);
    assert_eq!(
        store.registered_user_by_gaid(a.id, &gaid(0)).await.unwrap(),
        None
    );
    assert!(store.registered_users(a.id).await.unwrap().is_empty());
}

async fn first_added_gaid_becomes_the_default_and_later_ones_follow_oldest_first(ctx: Ctx) {
    let store = ctx.store;
    let a = issuer(&*store, "alice").await;
    let user = store
        .add_registered_user(a.id, &new_user("Ann", None), 1000)
        .await
        .unwrap();
    let user = store
        .add_gaid(a.id, user.id, &gaid(2))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(user.default_gaid, Some(gaid(2)));
    let user = store
        .add_gaid(a.id, user.id, &gaid(0))
        .await
        .unwrap()
        .unwrap();
    let user = store
        .add_gaid(a.id, user.id, &gaid(1))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(user.gaids, vec![gaid(2), gaid(0), gaid(1)]);
    assert_eq!(user.default_gaid, Some(gaid(2)));
}

async fn re_adding_a_gaid_the_user_has_changes_nothing(ctx: Ctx) {
    let store = ctx.store;
    let a = issuer(&*store, "alice").await;
    let user = store
        .add_registered_user(a.id, &new_user("Ann", Some(gaid(0))), 1000)
        .await;
    let user = store
        .add_gaid(a.id, user.unwrap().id, &gaid(1))
        .await
        .unwrap()
        .unwrap();
    let again = store
        .add_gaid(a.id, user.id, &gaid(0))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(again, user);
    let again = store
        .add_gaid(a.id, user.id, &gaid(1))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(again, user);
}

async fn gaid_of_another_user_is_a_conflict_that_changes_nothing(ctx: Ctx) {
    let store = ctx.store;
    let a = issuer(&*store, "alice").await;
    let ann = store
        .add_registered_user(a.id, &new_user("Ann", Some(gaid(0))), 1000)
        .await;
    let ann = ann.unwrap();
    let bob = store
        .add_registered_user(a.id, &new_user("Bob", Some(gaid(1))), 1000)
        .await;
    let bob = bob.unwrap();

    let err = store.add_gaid(a.id, bob.id, &gaid(0)).await.unwrap_err();
    assert!(is_gaid_taken(&err, &gaid(0)), "{err:?}");
    let err = store
        .set_default_gaid(a.id, bob.id, &gaid(0))
        .await
        .unwrap_err();
    assert!(is_gaid_taken(&err, &gaid(0)), "{err:?}");
    // Creating a user with a taken GAID creates no user at all (one transaction).
    let err = store
        .add_registered_user(a.id, &new_user("Carol", Some(gaid(0))), 1000)
        .await
        .unwrap_err();
    assert!(is_gaid_taken(&err, &gaid(0)), "{err:?}");

    assert_eq!(
        store.registered_users(a.id).await.unwrap(),
        vec![ann.clone(), bob]
    );
    let owner = store.registered_user_by_gaid(a.id, &gaid(0)).await.unwrap();
    assert_eq!(owner, Some(ann));
}

async fn set_default_switches_to_a_gaid_the_user_has(ctx: Ctx) {
    let store = ctx.store;
    let a = issuer(&*store, "alice").await;
    let user = store
        .add_registered_user(a.id, &new_user("Ann", Some(gaid(0))), 1000)
        .await;
    let user = store
        .add_gaid(a.id, user.unwrap().id, &gaid(1))
        .await
        .unwrap()
        .unwrap();
    let user = store
        .set_default_gaid(a.id, user.id, &gaid(1))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(user.default_gaid, Some(gaid(1)));
    assert_eq!(user.gaids, vec![gaid(0), gaid(1)]);
    let user = store
        .set_default_gaid(a.id, user.id, &gaid(0))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(user.default_gaid, Some(gaid(0)));
    assert_eq!(
        store.registered_user(a.id, user.id).await.unwrap(),
        Some(user)
    );
}

async fn set_default_adds_a_new_gaid_first(ctx: Ctx) {
    let store = ctx.store;
    let a = issuer(&*store, "alice").await;
    let user = store
        .add_registered_user(a.id, &new_user("Ann", Some(gaid(0))), 1000)
        .await;
    let user = store
        .set_default_gaid(a.id, user.unwrap().id, &gaid(3))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(user.gaids, vec![gaid(0), gaid(3)]);
    assert_eq!(user.default_gaid, Some(gaid(3)));
    let none = store
        .add_registered_user(a.id, &new_user("Bob", None), 1000)
        .await
        .unwrap();
    let bob = store
        .set_default_gaid(a.id, none.id, &gaid(1))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(bob.default_gaid, Some(gaid(1)));
    assert_eq!(
        store
            .set_default_gaid(a.id, RegisteredUserId(9999), &gaid(2))
            .await
            .unwrap(),
        None
    );
    assert_eq!(
        store
            .add_gaid(a.id, RegisteredUserId(9999), &gaid(2))
            .await
            .unwrap(),
        None
    );
}

async fn registered_user_is_found_by_any_of_its_gaids(ctx: Ctx) {
    let store = ctx.store;
    let a = issuer(&*store, "alice").await;
    let user = store
        .add_registered_user(a.id, &new_user("Ann", Some(gaid(0))), 1000)
        .await;
    let user = store
        .add_gaid(a.id, user.unwrap().id, &gaid(1))
        .await
        .unwrap()
        .unwrap();
    let by_default = store.registered_user_by_gaid(a.id, &gaid(0)).await.unwrap();
    assert_eq!(by_default, Some(user.clone()));
    let by_other = store.registered_user_by_gaid(a.id, &gaid(1)).await.unwrap();
    assert_eq!(by_other, Some(user));
    assert_eq!(
        store.registered_user_by_gaid(a.id, &gaid(2)).await.unwrap(),
        None
    );
}

async fn deleting_a_user_frees_its_name_and_gaids(ctx: Ctx) {
    let store = ctx.store;
    let a = issuer(&*store, "alice").await;
    let user = store
        .add_registered_user(a.id, &new_user("Ann", Some(gaid(0))), 1000)
        .await;
    let user = store
        .add_gaid(a.id, user.unwrap().id, &gaid(1))
        .await
        .unwrap()
        .unwrap();
    assert!(store.delete_registered_user(a.id, user.id).await.unwrap());
    let again = store
        .add_registered_user(a.id, &new_user("Ann", Some(gaid(1))), 2000)
        .await;
    let again = again.unwrap();
    assert_ne!(again.id, user.id, "ids are not reused");
    let again = store
        .add_gaid(a.id, again.id, &gaid(0))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(again.gaids, vec![gaid(1), gaid(0)]);
}

async fn two_issuers_may_register_the_same_gaid(ctx: Ctx) {
    let store = ctx.store;
    let a = issuer(&*store, "alice").await;
    let b = issuer(&*store, "bob").await;
    let ua = store
        .add_registered_user(a.id, &new_user("Ann", Some(gaid(0))), 1000)
        .await;
    let ub = store
        .add_registered_user(b.id, &new_user("Ann", Some(gaid(0))), 1000)
        .await;
    let (ua, ub) = (ua.unwrap(), ub.unwrap());
    assert_eq!(
        store.registered_user_by_gaid(a.id, &gaid(0)).await.unwrap(),
        Some(ua)
    );
    assert_eq!(
        store.registered_user_by_gaid(b.id, &gaid(0)).await.unwrap(),
        Some(ub)
    );
}

/// Racing writers (several server instances on PostgreSQL) meet the unique constraint,
/// which still reads as the domain conflict.
async fn concurrent_claims_of_one_gaid_leave_exactly_one_owner(ctx: Ctx) {
    let store = ctx.store;
    let a = issuer(&*store, "alice").await;
    let mut tasks = Vec::new();
    for i in 0..8 {
        let store = store.clone();
        let user = store
            .add_registered_user(a.id, &new_user(&format!("U{i}"), None), 1000)
            .await;
        let id = user.unwrap().id;
        tasks.push(tokio::spawn(async move {
            store.add_gaid(a.id, id, &gaid(0)).await
        }));
    }
    let mut owners = 0;
    for task in tasks {
        match task.await.unwrap() {
            Ok(Some(user)) => {
                assert_eq!(user.gaids, vec![gaid(0)]);
                owners += 1;
            }
            Err(err) => assert!(is_gaid_taken(&err, &gaid(0)), "{err:?}"),
            Ok(None) => panic!("the user exists"),
        }
    }
    assert_eq!(owners, 1);
}

contract!(
    concurrent_claims_of_one_gaid_leave_exactly_one_owner,
    registered_user_is_created_with_its_gaid_as_default,
    registered_user_without_gaid_has_none,
    registered_users_are_listed_by_ascending_id,
    registered_user_is_renamed,
    registered_user_is_deleted_once,
    first_added_gaid_becomes_the_default_and_later_ones_follow_oldest_first,
    re_adding_a_gaid_the_user_has_changes_nothing,
    gaid_of_another_user_is_a_conflict_that_changes_nothing,
    set_default_switches_to_a_gaid_the_user_has,
    set_default_adds_a_new_gaid_first,
    registered_user_is_found_by_any_of_its_gaids,
    deleting_a_user_frees_its_name_and_gaids,
    two_issuers_may_register_the_same_gaid,
);

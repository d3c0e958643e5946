//! Issuer isolation: another issuer's ids behave exactly like unknown ids.

use crate::harness::{contract, gaid, issuer, name, new_category, new_user, Ctx};
use tessera_core::{Category, Issuer, RegisteredUser};
use tessera_store::{CategoryEdit, Store};

/// Alice with a user (two GAIDs) in a category, and Bob with his own user and category.
struct World {
    alice: Issuer,
    bob: Issuer,
    ann: RegisteredUser,
    kyc: Category,
    bobs_user: RegisteredUser,
    bobs_category: Category,
}

async fn world(store: &dyn Store) -> World {
    let alice = issuer(store, "alice").await;
    let bob = issuer(store, "bob").await;
    let ann = store
        .add_registered_user(alice.id, &new_user("Ann", Some(gaid(0))), 1000)
        .await;
    let ann = store
        .add_gaid(alice.id, ann.unwrap().id, &gaid(1))
        .await
        .unwrap()
        .unwrap();
    let kyc = store
        .add_category(alice.id, &new_category("KYC", ""), 1000)
        .await
        .unwrap();
    let kyc = store
        .add_category_member(alice.id, kyc.id, ann.id)
        .await
        .unwrap()
        .unwrap();
    let ann = store
        .registered_user(alice.id, ann.id)
        .await
        .unwrap()
        .unwrap();
    let bobs_user = store
        .add_registered_user(bob.id, &new_user("Bo", Some(gaid(2))), 1000)
        .await;
    let bobs_category = store
        .add_category(bob.id, &new_category("Bob's", ""), 1000)
        .await;
    World {
        alice,
        bob,
        ann,
        kyc,
        bobs_user: bobs_user.unwrap(),
        bobs_category: bobs_category.unwrap(),
    }
}

/// Alice's data is exactly as `world` left it.
async fn assert_alice_unchanged(store: &dyn Store, w: &World) {
    let users = store.registered_users(w.alice.id).await.unwrap();
    assert_eq!(users, vec![w.ann.clone()]);
    assert_eq!(
        store.categories(w.alice.id).await.unwrap(),
        vec![w.kyc.clone()]
    );
}

async fn another_issuer_sees_none_of_the_users_categories_or_gaids(ctx: Ctx) {
    let store = &*ctx.store;
    let w = world(store).await;
    let bob = w.bob.id;
    assert_eq!(
        store.registered_users(bob).await.unwrap(),
        vec![w.bobs_user.clone()]
    );
    assert_eq!(
        store.categories(bob).await.unwrap(),
        vec![w.bobs_category.clone()]
    );
    assert_eq!(store.registered_user(bob, w.ann.id).await.unwrap(), None);
    assert_eq!(store.category(bob, w.kyc.id).await.unwrap(), None);
    assert_eq!(
        store.registered_user_by_gaid(bob, &gaid(0)).await.unwrap(),
        None
    );
    assert_eq!(
        store.registered_user_by_gaid(bob, &gaid(1)).await.unwrap(),
        None
    );
}

async fn another_issuer_cannot_change_the_users(ctx: Ctx) {
    let store = &*ctx.store;
    let w = world(store).await;
    let (bob, ann) = (w.bob.id, w.ann.id);
    assert_eq!(
        store
            .rename_registered_user(bob, ann, &name("Mallory"))
            .await
            .unwrap(),
        None
    );
    assert!(!store.delete_registered_user(bob, ann).await.unwrap());
    assert_eq!(store.add_gaid(bob, ann, &gaid(3)).await.unwrap(), None);
    assert_eq!(
        store.set_default_gaid(bob, ann, &gaid(1)).await.unwrap(),
        None
    );
    assert_eq!(
        store.set_default_gaid(bob, ann, &gaid(3)).await.unwrap(),
        None
    );
    assert_alice_unchanged(store, &w).await;
    // Bob's own lookups did not pick up anything either.
    assert_eq!(
        store.registered_user_by_gaid(bob, &gaid(3)).await.unwrap(),
        None
    );
}

async fn another_issuer_cannot_change_the_categories_or_their_members(ctx: Ctx) {
    let store = &*ctx.store;
    let w = world(store).await;
    let (bob, kyc, ann) = (w.bob.id, w.kyc.id, w.ann.id);
    let edit = CategoryEdit {
        name: Some(name("Hijacked")),
        description: None,
    };
    assert_eq!(store.edit_category(bob, kyc, &edit).await.unwrap(), None);
    assert!(!store.delete_category(bob, kyc).await.unwrap());
    assert_eq!(
        store.add_category_member(bob, kyc, ann).await.unwrap(),
        None
    );
    assert_eq!(
        store.remove_category_member(bob, kyc, ann).await.unwrap(),
        None
    );
    // Mixing one issuer's category with the other's user fails from either side.
    let (bc, bu) = (w.bobs_category.id, w.bobs_user.id);
    assert_eq!(store.add_category_member(bob, bc, ann).await.unwrap(), None);
    assert_eq!(store.add_category_member(bob, kyc, bu).await.unwrap(), None);
    assert_eq!(
        store
            .add_category_member(w.alice.id, kyc, bu)
            .await
            .unwrap(),
        None
    );
    assert_eq!(
        store
            .add_category_member(w.alice.id, bc, ann)
            .await
            .unwrap(),
        None
    );
    assert_eq!(
        store.remove_category_member(bob, bc, ann).await.unwrap(),
        None
    );
    assert_alice_unchanged(store, &w).await;
    let bobs = store.category(bob, bc).await.unwrap().unwrap();
    assert!(bobs.registered_users.is_empty());
}

contract!(
    another_issuer_sees_none_of_the_users_categories_or_gaids,
    another_issuer_cannot_change_the_users,
    another_issuer_cannot_change_the_categories_or_their_members,
);

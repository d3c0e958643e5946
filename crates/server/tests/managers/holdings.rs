//! Issue 12: a registered user is out of a manager's reach when one of its GAIDs *holds*
//! an asset the manager was not granted — even with no assignment of it (units can arrive
//! by a co-signed transfer or outside any distribution). Holdings are applied through
//! `ChainStore::apply_block`, the chain watcher's own entry point.

use crate::harness::*;
use axum::http::StatusCode;
use serde_json::json;
use tessera_core::{Gaid, NewManagedAccount};
use tessera_store::{BlockChanges, BlockRef, LedgerRow, OwnerRef, TrackedOutput};

const ZERO: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// The account of `gaid`, created in the store when the harness has none.
async fn account_of(t: &TestApp, gaid: &Gaid) -> OwnerRef {
    let account = match t.store.account_by_gaid(gaid).await.unwrap() {
        Some(account) => account.id,
        None => {
            let index = t.store.reserve_cosigner_index(T0).await.unwrap();
            let new = NewManagedAccount {
                gaid: gaid.clone(),
                descriptor: format!(
                    "ct(slip77(k),elwsh(multi(2,investor/<0;1>/*,cosigner{index})))"
                ),
                cosigner_index: index,
            };
            t.store.create_account(&new, T0).await.unwrap().id
        }
    };
    OwnerRef::Account {
        account,
        gaid: gaid.clone(),
    }
}

/// One block in which each `(gaid, n, amount)` account receives `amount` of stored asset
/// `n` (whose id is `nn…nn`).
async fn block(t: &TestApp, received: &[(&str, u8, u64)]) {
    let txid = "cc".repeat(32);
    let mut changes = BlockChanges {
        block: BlockRef {
            height: 0,
            hash: "dd".repeat(32),
            prev_hash: ZERO.to_owned(),
            time: 1_700_000_000,
        },
        outputs: Vec::new(),
        spends: Vec::new(),
        ledger: Vec::new(),
    };
    for (vout, (gaid, n, amount)) in received.iter().enumerate() {
        let vout = u32::try_from(vout).unwrap();
        let owner = account_of(t, &Gaid::parse(gaid).unwrap()).await;
        let asset_id = format!("{n:02x}").repeat(32);
        changes.outputs.push(TrackedOutput {
            txid: txid.clone(),
            vout,
            owner: owner.clone(),
            asset_id: asset_id.clone(),
            amount: *amount,
            asset_blinder: ZERO.to_owned(),
            amount_blinder: ZERO.to_owned(),
            script_pubkey: vec![0x00, 0x14, u8::try_from(vout).unwrap()],
            height: 0,
            spent_by: None,
            spent_height: None,
        });
        changes.ledger.push(LedgerRow {
            asset_id,
            owner,
            delta: i64::try_from(*amount).unwrap(),
            txid: txid.clone(),
            vout,
            height: 0,
            time: 1_700_000_000,
        });
    }
    t.store.apply_block(&changes).await.unwrap();
}

#[tokio::test]
async fn a_user_whose_gaid_holds_an_ungranted_asset_is_out_of_a_managers_reach() {
    let t = spawn_app().await;
    let issuer = t.issuer("abcompany").await;
    let granted = t.asset("abcompany", 1).await;
    let _other = t.asset("abcompany", 2).await;
    let id = t.manager(&issuer, "carol").await;
    t.put(&format!("/api/managers/{id}/unlock"), &issuer, None)
        .await
        .expect(StatusCode::OK);
    t.put(
        &format!("/api/managers/{id}/assets/{granted}/add"),
        &issuer,
        None,
    )
    .await
    .expect(StatusCode::OK);
    let carol = t.token("carol").await;
    // Yvonne has no assignment at all; her GAID holds 5 units of the other asset.
    let yvonne = t.user(&issuer, "Yvonne", Some(GAID_B)).await;
    let zed = t.user(&issuer, "Zed", Some(GAID_C)).await;
    // Zed's GAID holds only the granted asset: Zed stays in reach.
    block(&t, &[(GAID_B, 2, 5), (GAID_C, 1, 5)]).await;
    let before = t.snapshot(&issuer).await;

    let attacks = [
        t.put(
            &format!("/api/registered_users/{yvonne}/edit"),
            &carol,
            Some(json!({"name": "Mallory"})),
        )
        .await,
        t.post(
            &format!("/api/registered_users/{yvonne}/gaids/add"),
            &carol,
            json!(GAID_A),
        )
        .await,
        // Attaching the holding GAID to a user of the manager's own is refused too.
        t.post(
            "/api/registered_users/add",
            &carol,
            json!({"name": "Eve", "GAID": GAID_B, "is_company": false}),
        )
        .await,
        t.post(
            &format!("/api/registered_users/{zed}/gaids/add"),
            &carol,
            json!(GAID_B),
        )
        .await,
    ];
    for reply in attacks {
        reply.expect_error(StatusCode::FORBIDDEN, "manager_forbidden");
    }
    assert_eq!(
        t.snapshot(&issuer).await,
        before,
        "a refused call changed the register"
    );

    // Zed (holding only the granted asset) is the manager's to edit, and that is audited.
    t.put(
        &format!("/api/registered_users/{zed}/edit"),
        &carol,
        Some(json!({"name": "Zed Two"})),
    )
    .await
    .expect(StatusCode::OK);
    let log = t
        .get("/api/audit-log", &issuer)
        .await
        .expect(StatusCode::OK);
    let log = log.as_array().unwrap();
    assert_eq!(log.len(), 1, "{log:?}");
    assert_eq!(log[0]["action"], "registered_user.rename");
    assert_eq!(log[0]["after"]["name"], "Zed Two");
}

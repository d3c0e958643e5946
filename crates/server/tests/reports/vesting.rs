//! Vesting reports per asset and per registered user, AMP's registered user summary, and
//! the issuer settings that steer the vesting notices.

use crate::fixtures::{abcompany, txid, ASSET_ID};
use crate::harness::T0;
use axum::http::StatusCode;
use serde_json::json;
use tessera_core::{Amount, DistributionUuid, NewAssignment, RegisteredUserId};
use tessera_store::{DistributionOutput, NewDistribution};

const DAY: i64 = 86_400;

#[tokio::test]
async fn vesting_reports_split_assignments_into_distributed_owed_and_unvested() {
    let mut w = abcompany(1000).await;
    let (alice, bob) = (
        RegisteredUserId(w.alice.user.unwrap()),
        RegisteredUserId(w.bob.user.unwrap()),
    );
    let units = |n| Amount::from_units(n).unwrap();
    let new = |u, n, t| NewAssignment::new(u, units(n), t, t.is_none()).unwrap();
    let created =
        w.t.store
            .create_assignments(
                w.issuer,
                w.uuid,
                &[
                    new(alice, 100, None),
                    new(alice, 50, Some(T0 - 100)),
                    new(alice, 30, Some(T0 + DAY)),
                    new(alice, 20, Some(T0 + 10 * DAY)),
                    new(bob, 40, Some(T0 + 2 * DAY)),
                ],
                T0,
            )
            .await
            .unwrap()
            .unwrap();
    let ids: Vec<i64> = created.iter().map(|a| a.id.0).collect();
    // Alice's first assignment is paid by a confirmed distribution, seen on chain.
    let duuid = DistributionUuid::new_random();
    let output = DistributionOutput {
        address: "ert1qalice".into(),
        script_pubkey: vec![0x00, 0x14, 1, 0],
        registered_user: alice,
        gaid: w.alice.account.gaid.clone(),
        account: w.alice.account.id,
        amount: units(100),
        assignment_ids: vec![created[0].id],
        vout: None,
    };
    let dist = NewDistribution {
        uuid: duuid,
        outputs: vec![output],
    };
    w.t.store
        .create_distribution(w.issuer, w.uuid, &dist, T0)
        .await
        .unwrap()
        .unwrap();
    let owner = w.alice.owner();
    let h = w.block(|b| b.receive(1, 0, owner, 100)).await;
    let paid_by = txid(1).parse().unwrap();
    w.t.store
        .confirm_distribution(
            w.issuer,
            w.uuid,
            duuid,
            &paid_by,
            h,
            &[("ert1qalice".into(), 0)],
            T0,
        )
        .await
        .unwrap();

    let report =
        w.t.get(&w.path("/vesting"), &w.token)
            .await
            .expect(StatusCode::OK);
    assert_eq!(report["asset_id"], ASSET_ID);
    assert_eq!(
        (report["at"].as_i64(), report["vested_distributed"].as_u64()),
        (Some(T0), Some(100))
    );
    assert_eq!(
        (
            report["vested_undistributed"].as_u64(),
            report["not_yet_vested"].as_u64()
        ),
        (Some(50), Some(90))
    );
    assert_eq!(report["next_vesting_timestamp"].as_i64(), Some(T0 + DAY));
    let upcoming: Vec<_> = report["upcoming"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["assignment_id"].as_i64().unwrap())
        .collect();
    assert_eq!(upcoming, vec![ids[2], ids[4], ids[3]]);
    assert_eq!(
        report["registered_users"],
        json!([
            {"registered_user": alice.0, "vested_undistributed": 50, "vested_distributed": 100, "not_yet_vested": 50, "next_vesting_timestamp": T0 + DAY},
            {"registered_user": bob.0, "vested_undistributed": 0, "vested_distributed": 0, "not_yet_vested": 40, "next_vesting_timestamp": T0 + 2 * DAY},
        ])
    );

    let path = format!("/api/registered_users/{}/vesting", bob.0);
    let mine = w.t.get(&path, &w.token).await.expect(StatusCode::OK);
    assert_eq!(
        mine["assets"][0]["upcoming"],
        json!([
            {"assignment_id": ids[4], "registered_user": bob.0, "vesting_timestamp": T0 + 2 * DAY, "amount": 40}
        ])
    );
    // Two days later Bob's assignment has vested and is owed.
    w.t.clock.advance(2 * DAY);
    let login = w.t.login("abcompany", crate::harness::PASSWORD).await;
    w.token = login.expect(StatusCode::OK)["token"]
        .as_str()
        .unwrap()
        .to_owned();
    let mine = w.t.get(&path, &w.token).await.expect(StatusCode::OK);
    assert_eq!(
        (
            mine["assets"][0]["vested_undistributed"].as_u64(),
            mine["assets"][0]["not_yet_vested"].as_u64()
        ),
        (Some(40), Some(0))
    );

    let summary =
        w.t.get(
            &format!("/api/registered_users/{}/summary", alice.0),
            &w.token,
        )
        .await
        .expect(StatusCode::OK);
    assert_eq!(
        summary,
        json!([{
            "asset_uuid": w.uuid.to_string(), "asset_id": ASSET_ID, "assignments": 4, "assignments_sum": 200,
            "distributions": 1, "distributions_sum": 100, "balance": 100,
        }])
    );
    let carol_less = w.t.get("/api/registered_users/999/vesting", &w.token).await;
    carol_less.expect_error(StatusCode::NOT_FOUND, "registered_user_not_found");
}

#[tokio::test]
async fn a_holder_without_assignments_appears_in_the_summary_with_its_balance() {
    let mut w = abcompany(1000).await;
    let bob = w.bob.owner();
    w.block(|b| b.receive(1, 0, bob, 70)).await;
    let path = format!("/api/registered_users/{}/summary", w.bob.user.unwrap());
    let summary = w.t.get(&path, &w.token).await.expect(StatusCode::OK);
    assert_eq!(
        (
            summary[0]["assignments"].as_u64(),
            summary[0]["balance"].as_u64()
        ),
        (Some(0), Some(70))
    );
}

#[tokio::test]
async fn issuer_settings_default_to_three_days_and_refuse_bad_values() {
    let w = abcompany(1).await;
    let got =
        w.t.get("/api/user/settings", &w.token)
            .await
            .expect(StatusCode::OK);
    assert_eq!(got, json!({"email": null, "notice_days": 3}));
    let bad = json!({"email": "not an address", "notice_days": 3});
    w.t.put("/api/user/settings", &w.token, Some(bad))
        .await
        .expect_error(StatusCode::BAD_REQUEST, "invalid_email");
    let far = json!({"email": "ops@abcompany.example", "notice_days": 400});
    w.t.put("/api/user/settings", &w.token, Some(far))
        .await
        .expect_error(StatusCode::BAD_REQUEST, "invalid_notice_days");
    let ok = json!({"email": "ops@abcompany.example"});
    let set =
        w.t.put("/api/user/settings", &w.token, Some(ok))
            .await
            .expect(StatusCode::OK);
    assert_eq!(
        set,
        json!({"email": "ops@abcompany.example", "notice_days": 3})
    );
    let other = w.t.issuer("othercorp").await;
    let theirs =
        w.t.get("/api/user/settings", &other)
            .await
            .expect(StatusCode::OK);
    assert_eq!(theirs["email"], json!(null));
}

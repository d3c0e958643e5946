#![allow(clippy::unwrap_used)]
use super::*;
use crate::assignment::{AssignmentState, NewAssignment};
use crate::ids::DistributionUuid;

/// `testdata/elements-rpc/batch-weight.json`, confidential rows: (recipients, weight or
/// `None` when the node answered -6 "Transaction too large"). 2 inputs each.
const MEASURED_CONFIDENTIAL: [(usize, Option<u64>); 10] = [
    (50, Some(248_468)),
    (75, Some(367_675)),
    (81, Some(396_265)),
    (82, None),
    (84, None),
    (87, None),
    (100, None),
    (150, None),
    (200, None),
    (250, None),
];

const NOW: i64 = 1_700_000_000;

fn gaid(n: u8) -> Gaid {
    let mut bytes = [0xa0; 20];
    bytes[19] = n;
    Gaid::from_account_bytes(bytes).unwrap()
}

fn assignment(id: i64, asset: AssetUuid, user: i64, units: u64) -> Assignment {
    NewAssignment::new(
        RegisteredUserId(user),
        Amount::from_units(units).unwrap(),
        None,
        true,
    )
    .unwrap()
    .into_assignment(AssignmentId(id), asset)
}

fn every_user_has_a_gaid(user: RegisteredUserId) -> Option<Gaid> {
    Some(gaid(u8::try_from(user.0 % 200).unwrap()))
}

#[test]
fn the_estimate_covers_every_measured_weight_and_predicts_the_refusals() {
    for (n, weight) in MEASURED_CONFIDENTIAL {
        let estimate = estimated_confidential_weight(n);
        match weight {
            Some(w) => {
                assert!(estimate >= w, "{n}: estimate {estimate} < measured {w}");
                assert!(
                    estimate - w < 1_000,
                    "{n}: estimate {estimate} far above {w}"
                );
            }
            None => assert!(estimate > STANDARD_TX_WEIGHT, "{n}: {estimate}"),
        }
    }
}

#[test]
fn the_receiver_cap_keeps_a_ten_percent_margin_below_the_measured_maximum() {
    assert_eq!(MAX_CONFIDENTIAL_RECEIVERS, 73);
    assert!(
        estimated_confidential_weight(MAX_CONFIDENTIAL_RECEIVERS) <= DISTRIBUTION_WEIGHT_BUDGET
    );
    assert!(
        estimated_confidential_weight(MAX_CONFIDENTIAL_RECEIVERS + 1) > DISTRIBUTION_WEIGHT_BUDGET
    );
}

#[test]
fn the_embedded_table_matches_the_recorded_measurements() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../testdata/elements-rpc/batch-weight.json"
    );
    let text = std::fs::read_to_string(path).unwrap();
    let data: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(data["max_recipients"]["confidential"], 81);
    let rows: Vec<(usize, Option<u64>)> = data["rows"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["kind"] == "confidential")
        .map(|r| (r["n"].as_u64().unwrap() as usize, r["weight"].as_u64()))
        .collect();
    assert_eq!(rows, MEASURED_CONFIDENTIAL.to_vec());
}

#[test]
fn assignments_of_one_user_become_one_output_in_order_of_first_assignment() {
    let asset = AssetUuid::new_random();
    let list = vec![
        assignment(3, asset, 20, 5),
        assignment(1, asset, 10, 1),
        assignment(2, asset, 20, 2),
        assignment(4, asset, 10, 4),
    ];
    let plan = plan_distribution(asset, &list, every_user_has_a_gaid, NOW, 73).unwrap();
    let summary: Vec<(i64, u64, Vec<i64>)> = plan
        .receivers
        .iter()
        .map(|r| {
            (
                r.registered_user.0,
                r.amount.units(),
                r.assignments.iter().map(|a| a.0).collect(),
            )
        })
        .collect();
    assert_eq!(summary, vec![(10, 5, vec![1, 4]), (20, 7, vec![2, 3])]);
    assert_eq!(plan.receivers[0].gaid, gaid(10));
    assert_eq!(plan.total().unwrap().units(), 12);
    assert_eq!(
        plan.assignment_ids(),
        vec![
            AssignmentId(1),
            AssignmentId(2),
            AssignmentId(3),
            AssignmentId(4)
        ]
    );
    assert!(plan.deferred.is_empty() && plan.skipped.is_empty());
}

#[test]
fn ineligible_assignments_are_skipped_with_their_reason() {
    let asset = AssetUuid::new_random();
    let d = DistributionUuid::new_random();
    let mut locked = assignment(1, asset, 1, 1);
    locked.is_locked = true;
    let mut taken = assignment(2, asset, 2, 1);
    taken.state = AssignmentState::InDistribution { distribution: d };
    let mut vesting = assignment(3, asset, 3, 1);
    vesting.vesting_timestamp = Some(NOW + 60);
    let no_gaid = assignment(4, asset, 4, 1);
    let fine = assignment(5, asset, 5, 1);
    let gaids = |u: RegisteredUserId| (u.0 != 4).then(|| gaid(u8::try_from(u.0).unwrap()));
    let plan = plan_distribution(
        asset,
        &[locked, taken, vesting, no_gaid, fine],
        gaids,
        NOW,
        73,
    )
    .unwrap();
    assert_eq!(plan.receivers.len(), 1);
    assert_eq!(plan.receivers[0].registered_user, RegisteredUserId(5));
    assert_eq!(
        plan.skipped,
        vec![
            (AssignmentId(1), NotDistributable::Locked),
            (
                AssignmentId(2),
                NotDistributable::InDistribution { distribution: d }
            ),
            (
                AssignmentId(3),
                NotDistributable::NotVested {
                    vesting_timestamp: NOW + 60,
                    now: NOW
                }
            ),
            (
                AssignmentId(4),
                NotDistributable::NoGaid(RegisteredUserId(4))
            ),
        ]
    );
}

#[test]
fn receivers_beyond_the_cap_wait_for_the_next_distribution() {
    let asset = AssetUuid::new_random();
    // 100 users, and user 1 has a second, late assignment: it travels with user 1.
    let mut list: Vec<Assignment> = (1..=100).map(|i| assignment(i, asset, i, 1)).collect();
    list.push(assignment(101, asset, 1, 1));
    list.push(assignment(102, asset, 99, 1));
    let plan = plan_distribution(
        asset,
        &list,
        every_user_has_a_gaid,
        NOW,
        MAX_CONFIDENTIAL_RECEIVERS,
    )
    .unwrap();
    assert_eq!(plan.receivers.len(), 73);
    assert_eq!(plan.receivers[0].amount.units(), 2);
    assert_eq!(plan.receivers[72].registered_user, RegisteredUserId(73));
    let expected: Vec<AssignmentId> = (74..=100).chain([102]).map(AssignmentId).collect();
    assert_eq!(plan.deferred, expected);
}

#[test]
fn planning_refuses_empty_distributions_foreign_assets_and_a_zero_cap() {
    let asset = AssetUuid::new_random();
    let other = AssetUuid::new_random();
    let mut locked = assignment(1, asset, 1, 1);
    locked.is_locked = true;
    assert_eq!(
        plan_distribution(asset, &[locked], every_user_has_a_gaid, NOW, 73),
        Err(PlanError::NothingToDistribute { skipped: 1 })
    );
    assert_eq!(
        plan_distribution(asset, &[], every_user_has_a_gaid, NOW, 73),
        Err(PlanError::NothingToDistribute { skipped: 0 })
    );
    assert_eq!(
        plan_distribution(
            asset,
            &[assignment(7, other, 1, 1)],
            every_user_has_a_gaid,
            NOW,
            73
        ),
        Err(PlanError::MixedAssets {
            id: AssignmentId(7),
            expected: asset,
            found: other
        })
    );
    assert_eq!(
        plan_distribution(
            asset,
            &[assignment(1, asset, 1, 1)],
            every_user_has_a_gaid,
            NOW,
            0
        ),
        Err(PlanError::ZeroCap)
    );
    let big = Amount::MAX.units();
    assert_eq!(
        plan_distribution(
            asset,
            &[assignment(1, asset, 1, big), assignment(2, asset, 1, 1)],
            every_user_has_a_gaid,
            NOW,
            73
        ),
        Err(PlanError::Overflow(RegisteredUserId(1)))
    );
}

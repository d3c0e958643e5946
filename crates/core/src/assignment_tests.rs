#![allow(clippy::unwrap_used)]
use super::*;
use std::str::FromStr;

const NOW: i64 = 1_700_000_000;

fn txid() -> Txid {
    Txid::from_str("f48e324368ac29f8802d12cba7f4477917d31aa721ad2ea3394acd20362ddeb8").unwrap()
}

fn pending() -> Assignment {
    NewAssignment::new(
        RegisteredUserId(7),
        Amount::from_units(2).unwrap(),
        None,
        true,
    )
    .unwrap()
    .into_assignment(AssignmentId(1), AssetUuid::new_random())
}

#[test]
fn zero_amounts_are_refused() {
    assert_eq!(
        NewAssignment::new(RegisteredUserId(1), Amount::ZERO, None, true),
        Err(AssignmentError::ZeroAmount)
    );
    let edit = AssignmentEdit {
        amount: Some(Amount::ZERO),
        ..Default::default()
    };
    assert_eq!(pending().edit(edit), Err(AssignmentError::ZeroAmount));
}

#[test]
fn an_assignment_without_vesting_time_has_always_vested() {
    let a = pending();
    assert!(a.has_vested(i64::MIN));
    let vesting = Assignment {
        vesting_timestamp: Some(NOW),
        ..a
    };
    assert!(!vesting.has_vested(NOW - 1));
    assert!(vesting.has_vested(NOW));
}

#[test]
fn each_reason_for_not_distributing_is_reported() {
    let d = DistributionUuid::new_random();
    let base = pending();
    let cases: Vec<(&str, Assignment, bool, Result<(), NotDistributable>)> = vec![
        ("eligible", base.clone(), true, Ok(())),
        (
            "distributed",
            Assignment {
                state: AssignmentState::Distributed {
                    distribution: d,
                    txid: txid(),
                },
                ..base.clone()
            },
            true,
            Err(NotDistributable::AlreadyDistributed { distribution: d }),
        ),
        (
            "in a distribution",
            Assignment {
                state: AssignmentState::InDistribution { distribution: d },
                ..base.clone()
            },
            true,
            Err(NotDistributable::InDistribution { distribution: d }),
        ),
        (
            "locked",
            Assignment {
                is_locked: true,
                ..base.clone()
            },
            true,
            Err(NotDistributable::Locked),
        ),
        (
            "not ready",
            Assignment {
                ready_for_distribution: false,
                ..base.clone()
            },
            true,
            Err(NotDistributable::NotReady),
        ),
        (
            "not vested",
            Assignment {
                vesting_timestamp: Some(NOW + 1),
                ..base.clone()
            },
            true,
            Err(NotDistributable::NotVested {
                vesting_timestamp: NOW + 1,
                now: NOW,
            }),
        ),
        (
            "vested exactly now",
            Assignment {
                vesting_timestamp: Some(NOW),
                ..base.clone()
            },
            true,
            Ok(()),
        ),
        (
            "no GAID",
            base.clone(),
            false,
            Err(NotDistributable::NoGaid(RegisteredUserId(7))),
        ),
        (
            "locked and not ready reports the lock first",
            Assignment {
                is_locked: true,
                ready_for_distribution: false,
                ..base.clone()
            },
            false,
            Err(NotDistributable::Locked),
        ),
    ];
    for (name, assignment, has_gaid, expected) in cases {
        assert_eq!(
            assignment.is_distributable(NOW, has_gaid),
            expected,
            "{name}"
        );
    }
}

#[test]
fn distributed_assignments_cannot_be_edited_or_reclaimed() {
    let d = DistributionUuid::new_random();
    let a = pending()
        .take_into(d)
        .unwrap()
        .mark_distributed(d, txid())
        .unwrap();
    let err = AssignmentError::Distributed {
        id: AssignmentId(1),
        distribution: d,
    };
    let lock = AssignmentEdit {
        is_locked: Some(true),
        ..Default::default()
    };
    assert_eq!(a.edit(lock), Err(err));
    assert_eq!(a.check_reclaim(), Err(err));
}

#[test]
fn an_assignment_in_a_distribution_keeps_its_amount_and_cannot_be_reclaimed() {
    let d = DistributionUuid::new_random();
    let a = pending().take_into(d).unwrap();
    let err = AssignmentError::InDistribution {
        id: AssignmentId(1),
        distribution: d,
    };
    let grow = AssignmentEdit {
        amount: Some(Amount::from_units(3).unwrap()),
        ..Default::default()
    };
    assert_eq!(a.edit(grow), Err(err));
    assert_eq!(a.check_reclaim(), Err(err));
    let lock = AssignmentEdit {
        is_locked: Some(true),
        amount: Some(a.amount),
        ..Default::default()
    };
    assert!(a.edit(lock).unwrap().is_locked);
}

#[test]
fn pending_assignments_can_be_edited_and_reclaimed() {
    let a = pending();
    assert_eq!(a.check_reclaim(), Ok(()));
    let edited = a
        .edit(AssignmentEdit {
            amount: Some(Amount::from_units(5).unwrap()),
            vesting_timestamp: Some(Some(NOW)),
            ready_for_distribution: Some(false),
            is_locked: Some(true),
        })
        .unwrap();
    assert_eq!(edited.amount.units(), 5);
    assert_eq!(edited.vesting_timestamp, Some(NOW));
    assert!(!edited.ready_for_distribution);
    assert!(edited.is_locked);
    let unvested = edited
        .edit(AssignmentEdit {
            vesting_timestamp: Some(None),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(unvested.vesting_timestamp, None);
    assert_eq!(a.edit(AssignmentEdit::default()).unwrap(), a);
}

#[test]
fn state_transitions_follow_the_life_cycle() {
    let d = DistributionUuid::new_random();
    let other = DistributionUuid::new_random();
    let a = pending();
    assert!(a.release_from(d).is_err());
    assert!(a.mark_distributed(d, txid()).is_err());
    let taken = a.take_into(d).unwrap();
    assert_eq!(taken.state.distribution(), Some(d));
    assert!(taken.take_into(other).is_err());
    assert!(taken.release_from(other).is_err());
    assert!(taken.mark_distributed(other, txid()).is_err());
    assert_eq!(
        taken.release_from(d).unwrap().state,
        AssignmentState::Pending
    );
    let done = taken.mark_distributed(d, txid()).unwrap();
    assert!(done.state.is_distributed());
    assert_eq!(
        done.mark_distributed(d, txid()).unwrap(),
        done,
        "idempotent"
    );
    assert!(matches!(
        done.release_from(d),
        Err(AssignmentError::Transition { to: "pending", .. })
    ));
    assert!(done.take_into(other).is_err());
}

#[test]
fn state_serialises_with_a_tag() {
    let json = serde_json::to_string(&AssignmentState::Pending).unwrap();
    assert_eq!(json, r#"{"state":"pending"}"#);
}

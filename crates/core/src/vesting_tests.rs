#![allow(clippy::unwrap_used)]
use super::*;
use chrono::TimeZone;
use proptest::prelude::*;

fn ts(y: i32, m: u32, d: u32) -> i64 {
    Utc.with_ymd_and_hms(y, m, d, 12, 0, 0).unwrap().timestamp()
}

fn units(n: u64) -> Amount {
    Amount::from_units(n).unwrap()
}

fn schedule(total: u64, tranches: u32, period: Period, start: i64) -> VestingSchedule {
    VestingSchedule {
        total: units(total),
        tranches,
        period,
        start,
        cliff: None,
    }
}

fn amounts(t: &[Tranche]) -> Vec<u64> {
    t.iter().map(|t| t.amount.units()).collect()
}

#[test]
fn hundred_shares_ten_every_six_months_gives_ten_tranches_of_ten() {
    let t = schedule(100, 10, Period::Months(6), ts(2024, 1, 15))
        .tranches()
        .unwrap();
    assert_eq!(amounts(&t), vec![10; 10]);
    assert_eq!(t[0].vesting_timestamp, ts(2024, 7, 15));
    assert_eq!(t[1].vesting_timestamp, ts(2025, 1, 15));
    assert_eq!(t[9].vesting_timestamp, ts(2029, 1, 15));
}

#[test]
fn twenty_four_shares_two_a_month_gives_twelve_tranches() {
    let t = schedule(24, 12, Period::Months(1), ts(2024, 3, 1))
        .tranches()
        .unwrap();
    assert_eq!(amounts(&t), vec![2; 12]);
    assert_eq!(t[11].vesting_timestamp, ts(2025, 3, 1));
}

#[test]
fn twelve_shares_one_a_month_gives_twelve_tranches_of_one() {
    let t = schedule(12, 12, Period::Months(1), ts(2024, 3, 1))
        .tranches()
        .unwrap();
    assert_eq!(amounts(&t), vec![1; 12]);
}

#[test]
fn uneven_totals_give_the_remainder_to_the_earliest_tranches() {
    let t = schedule(10, 3, Period::Days(30), 0).tranches().unwrap();
    assert_eq!(amounts(&t), vec![4, 3, 3]);
    let t = schedule(101, 4, Period::Days(1), 0).tranches().unwrap();
    assert_eq!(amounts(&t), vec![26, 25, 25, 25]);
    assert_eq!(t[3].vesting_timestamp, 4 * 86_400);
}

#[test]
fn month_ends_are_clamped_and_do_not_drift() {
    let t = schedule(4, 4, Period::Months(1), ts(2024, 1, 31))
        .tranches()
        .unwrap();
    let dates: Vec<i64> = t.iter().map(|t| t.vesting_timestamp).collect();
    assert_eq!(
        dates,
        vec![
            ts(2024, 2, 29),
            ts(2024, 3, 31),
            ts(2024, 4, 30),
            ts(2024, 5, 31)
        ]
    );
    let t = schedule(1, 1, Period::Months(1), ts(2023, 1, 31))
        .tranches()
        .unwrap();
    assert_eq!(t[0].vesting_timestamp, ts(2023, 2, 28));
}

#[test]
fn a_cliff_merges_earlier_tranches_into_one_at_the_cliff() {
    // 48 monthly tranches of 1 with a one-year cliff: 12 at month 12, then 1 a month.
    let mut s = schedule(48, 48, Period::Months(1), ts(2024, 1, 1));
    s.cliff = Some(Period::Months(12));
    let t = s.tranches().unwrap();
    assert_eq!(t.len(), 37);
    assert_eq!(
        t[0],
        Tranche {
            vesting_timestamp: ts(2025, 1, 1),
            amount: units(12)
        }
    );
    assert_eq!(t[1].vesting_timestamp, ts(2025, 2, 1));
    // A cliff between two tranche dates gets its own date.
    s.cliff = Some(Period::Days(45));
    let t = s.tranches().unwrap();
    assert_eq!(
        t[0],
        Tranche {
            vesting_timestamp: ts(2024, 1, 1) + 45 * 86_400,
            amount: units(1)
        }
    );
    assert_eq!(t[1].vesting_timestamp, ts(2024, 3, 1));
    // A cliff before the first tranche changes nothing; one after the last merges all.
    s.cliff = Some(Period::Days(1));
    assert_eq!(s.tranches().unwrap().len(), 48);
    s.cliff = Some(Period::Months(100));
    assert_eq!(
        s.tranches().unwrap(),
        vec![Tranche {
            vesting_timestamp: ts(2032, 5, 1),
            amount: units(48)
        }]
    );
}

#[test]
fn impossible_schedules_are_refused() {
    assert_eq!(
        schedule(2, 3, Period::Months(1), 0).tranches(),
        Err(VestingError::TooFewUnits {
            total: units(2),
            tranches: 3
        })
    );
    assert_eq!(
        schedule(2, 0, Period::Months(1), 0).tranches(),
        Err(VestingError::TrancheCount(0))
    );
    assert_eq!(
        schedule(5000, 1001, Period::Days(1), 0).tranches(),
        Err(VestingError::TrancheCount(1001))
    );
    assert_eq!(
        schedule(2, 2, Period::Days(0), 0).tranches(),
        Err(VestingError::ZeroPeriod)
    );
    assert_eq!(
        schedule(2, 2, Period::Months(1), i64::MAX).tranches(),
        Err(VestingError::OutOfRange { start: i64::MAX })
    );
}

#[test]
fn a_schedule_becomes_ready_vesting_assignments() {
    let a = schedule(24, 12, Period::Months(1), ts(2024, 3, 1))
        .assignments(RegisteredUserId(9))
        .unwrap();
    assert_eq!(a.len(), 12);
    assert!(a.iter().all(|a| a.ready_for_distribution
        && a.registered_user == RegisteredUserId(9)
        && a.amount == units(2)));
    assert_eq!(a[0].vesting_timestamp, Some(ts(2024, 4, 1)));
}

fn period() -> impl Strategy<Value = Period> {
    prop_oneof![
        (1u32..=24).prop_map(Period::Months),
        (1u32..=400).prop_map(Period::Days)
    ]
}

proptest! {
    #[test]
    fn tranches_sum_to_the_total_in_increasing_order(
        total in 1..=Amount::MAX.units(),
        tranches in 1u32..=120,
        period in period(),
        start in 0i64..4_000_000_000,
        cliff in proptest::option::of(period()),
    ) {
        prop_assume!(total >= u64::from(tranches));
        let s = VestingSchedule { total: units(total), tranches, period, start, cliff };
        let t = s.tranches().unwrap();
        let sum: u64 = t.iter().map(|t| t.amount.units()).sum();
        prop_assert_eq!(sum, total);
        if cliff.is_none() {
            prop_assert_eq!(t.len(), tranches as usize);
            let min = t.iter().map(|t| t.amount.units()).min().unwrap();
            let max = t.iter().map(|t| t.amount.units()).max().unwrap();
            prop_assert!(max - min <= 1);
        } else {
            prop_assert!(t.len() <= tranches as usize);
        }
        prop_assert!(t.iter().all(|t| t.amount.units() > 0));
        prop_assert!(t.windows(2).all(|w| w[0].vesting_timestamp < w[1].vesting_timestamp));
        prop_assert!(t[0].vesting_timestamp > start);
    }
}

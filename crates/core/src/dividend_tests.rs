#![allow(clippy::unwrap_used)]
use super::*;
use proptest::prelude::*;

fn gaid(n: u8) -> Gaid {
    let mut bytes = [0xa0; 20];
    bytes[19] = n;
    Gaid::from_account_bytes(bytes).unwrap()
}

fn investor(n: u8) -> Holder {
    Holder {
        gaid: Some(gaid(n)),
        registered_user: Some(RegisteredUserId(i64::from(n))),
        is_treasury: false,
    }
}

fn u(n: u64) -> Amount {
    Amount::from_units(n).unwrap()
}

fn request(payout: Payout) -> DividendRequest {
    DividendRequest {
        payout,
        precision: Precision::new(0).unwrap(),
        excluded_gaids: BTreeSet::new(),
        excluded_users: BTreeSet::new(),
        minimum: Amount::ZERO,
    }
}

fn paid(result: &DividendResult) -> Vec<(Holder, u64)> {
    result
        .lines
        .iter()
        .map(|l| (l.holder.clone(), l.amount.units()))
        .collect()
}

/// ABCompany has 1000 shares: Alice 600, Bob 300, the treasury 100. A dividend of 90
/// is shared by the 900 shares outside the treasury: Alice 60, Bob 30.
#[test]
fn abcompany_pays_alice_and_bob_but_not_its_treasury() {
    let (alice, bob) = (investor(1), investor(2));
    let holdings = vec![
        (alice.clone(), u(600)),
        (bob.clone(), u(300)),
        (Holder::treasury(), u(100)),
    ];
    let r = compute_dividend(&holdings, &request(Payout::Total(u(90)))).unwrap();
    assert_eq!(r.total, u(90));
    assert_eq!(paid(&r), vec![(alice.clone(), 60), (bob.clone(), 30)]);
    assert_eq!(r.remainder, Amount::ZERO);
    assert_eq!(
        r.excluded,
        vec![(Holder::treasury(), u(100), Exclusion::Treasury)]
    );
    // The same as 0.1 payout unit per share (precision 0: per share).
    let per_share = compute_dividend(&holdings, &request(Payout::PerUnit(u(10)))).unwrap();
    assert_eq!(paid(&per_share), vec![(alice, 6000), (bob, 3000)]);
    assert_eq!(per_share.total, u(9000));
}

#[test]
fn per_unit_payouts_count_whole_units_of_the_asset_precision() {
    // Precision 2: 150 base units are 1.50 shares; 100 payout units per share → 150.
    let mut req = request(Payout::PerUnit(u(100)));
    req.precision = Precision::new(2).unwrap();
    let r = compute_dividend(&[(investor(1), u(150)), (investor(2), u(1))], &req).unwrap();
    assert_eq!(r.total, u(151));
    assert_eq!(paid(&r), vec![(investor(1), 150), (investor(2), 1)]);
    // 1 payout unit per share, 3 holders of 0.50: exact 0.5 each, total ⌊1.5⌋ = 1, which
    // goes to the first holder in holder order (equal remainders and holdings).
    let mut req = request(Payout::PerUnit(u(1)));
    req.precision = Precision::new(2).unwrap();
    let r = compute_dividend(
        &[
            (investor(3), u(50)),
            (investor(1), u(50)),
            (investor(2), u(50)),
        ],
        &req,
    )
    .unwrap();
    assert_eq!(r.total, u(1));
    assert_eq!(paid(&r), vec![(investor(1), 1)]);
    assert_eq!(r.excluded.len(), 2);
}

#[test]
fn leftover_units_go_to_the_largest_remainders() {
    // 100 over 3 equal holders: 34, 33, 33 — the extra unit to the first holder.
    let holdings: Vec<(Holder, Amount)> = (1..=3).map(|n| (investor(n), u(1))).collect();
    let r = compute_dividend(&holdings, &request(Payout::Total(u(100)))).unwrap();
    assert_eq!(
        paid(&r),
        vec![(investor(1), 34), (investor(2), 33), (investor(3), 33)]
    );
    // 10 over 5, 3, 2 (of 10): exact 5, 3, 2; over 6, 3, 1 with total 7: 4.2, 2.1, 0.7 →
    // floors 4, 2, 0 and one extra unit to the largest remainder (0.7).
    let holdings = vec![
        (investor(1), u(6)),
        (investor(2), u(3)),
        (investor(3), u(1)),
    ];
    let r = compute_dividend(&holdings, &request(Payout::Total(u(7)))).unwrap();
    assert_eq!(
        paid(&r),
        vec![(investor(1), 4), (investor(2), 2), (investor(3), 1)]
    );
}

#[test]
fn exclusions_minimums_and_unreachable_holders_are_reported() {
    let unreachable = Holder {
        gaid: None,
        registered_user: None,
        is_treasury: false,
    };
    let user_only = Holder {
        gaid: None,
        registered_user: Some(RegisteredUserId(9)),
        is_treasury: false,
    };
    let holdings = vec![
        (investor(1), u(500)),
        (investor(2), u(300)),
        (investor(3), u(195)),
        (investor(4), u(5)),
        (user_only.clone(), u(100)),
        (unreachable.clone(), u(1000)),
    ];
    let mut req = request(Payout::Total(u(1000)));
    req.excluded_gaids.insert(gaid(2));
    req.excluded_users.insert(RegisteredUserId(3));
    req.minimum = u(10);
    let r = compute_dividend(&holdings, &req).unwrap();
    // Eligible: 500 + 5 + 100 = 605 units share 1000 → 826.4, 8.26, 165.28.
    assert_eq!(paid(&r), vec![(investor(1), 827), (user_only, 165)]);
    assert_eq!(r.remainder, u(8));
    assert_eq!(
        r.excluded,
        vec![
            (unreachable, u(1000), Exclusion::Unreachable),
            (investor(2), u(300), Exclusion::Gaid),
            (investor(3), u(195), Exclusion::RegisteredUser),
            (investor(4), u(5), Exclusion::BelowMinimum),
        ]
    );
}

#[test]
fn a_total_without_eligible_holders_is_refused() {
    let holdings = vec![(Holder::treasury(), u(100))];
    assert_eq!(
        compute_dividend(&holdings, &request(Payout::Total(u(5)))),
        Err(DividendError::NoEligibleUnits(u(5)))
    );
    let r = compute_dividend(&holdings, &request(Payout::Total(Amount::ZERO))).unwrap();
    assert!(r.lines.is_empty() && r.total == Amount::ZERO);
    let big = vec![(investor(1), Amount::MAX), (investor(2), Amount::MAX)];
    assert!(matches!(
        compute_dividend(&big, &request(Payout::Total(u(1)))),
        Err(DividendError::UnitsOutOfRange(_))
    ));
    assert!(matches!(
        compute_dividend(
            &[(investor(1), Amount::MAX)],
            &request(Payout::PerUnit(u(2)))
        ),
        Err(DividendError::TotalOutOfRange(_))
    ));
}

#[test]
fn duplicate_holders_are_merged() {
    let holdings = vec![
        (investor(1), u(1)),
        (investor(2), u(1)),
        (investor(1), u(2)),
    ];
    let r = compute_dividend(&holdings, &request(Payout::Total(u(4)))).unwrap();
    assert_eq!(paid(&r), vec![(investor(1), 3), (investor(2), 1)]);
}

fn holdings() -> impl Strategy<Value = Vec<(Holder, Amount)>> {
    let holder = (0u8..12, any::<bool>()).prop_map(|(n, treasury)| {
        if treasury && n == 0 {
            Holder::treasury()
        } else {
            investor(n)
        }
    });
    proptest::collection::vec((holder, (0u64..100_000_000_000).prop_map(u)), 0..20)
}

proptest! {
    #[test]
    fn dividends_are_exact_bounded_and_deterministic(
        holdings in holdings(),
        total in 0u64..=Amount::MAX.units(),
        per_unit in proptest::option::of(0u64..1_000),
        decimals in 0i64..=8,
        minimum in 0u64..1_000,
        excluded in proptest::collection::btree_set(0u8..12, 0..3),
    ) {
        let payout = per_unit.map_or(Payout::Total(u(total)), |p| Payout::PerUnit(u(p)));
        let req = DividendRequest {
            payout,
            precision: Precision::new(decimals).unwrap(),
            excluded_gaids: excluded.iter().map(|n| gaid(*n)).collect(),
            excluded_users: BTreeSet::new(),
            minimum: u(minimum),
        };
        let Ok(r) = compute_dividend(&holdings, &req) else {
            // Only a total with nobody eligible is refused at these sizes.
            prop_assert!(matches!(payout, Payout::Total(_)));
            return Ok(());
        };
        let lines: u128 = r.lines.iter().map(|l| u128::from(l.amount.units())).sum();
        prop_assert_eq!(lines + u128::from(r.remainder.units()), u128::from(r.total.units()));
        if let Payout::Total(t) = payout {
            prop_assert_eq!(r.total, t);
        }
        let eligible: u128 = r.lines.iter().map(|l| u128::from(l.units.units())).sum::<u128>()
            + r.excluded.iter().filter(|e| e.2 == Exclusion::BelowMinimum).map(|e| u128::from(e.1.units())).sum::<u128>();
        for line in &r.lines {
            prop_assert!(!line.holder.is_treasury);
            prop_assert!(line.holder.gaid.as_ref().is_none_or(|g| !req.excluded_gaids.contains(g)));
            prop_assert!(line.amount >= req.minimum && line.amount > Amount::ZERO);
            // Within one unit of the exact share.
            let (num, den) = match payout {
                Payout::Total(t) => (u128::from(t.units()), eligible),
                Payout::PerUnit(p) => (u128::from(p.units()), 10u128.pow(u32::try_from(decimals).unwrap())),
            };
            let floor = u128::from(line.units.units()) * num / den;
            let amount = u128::from(line.amount.units());
            prop_assert!(amount == floor || amount == floor + 1);
        }
        let mut shuffled = holdings.clone();
        shuffled.reverse();
        prop_assert_eq!(compute_dividend(&shuffled, &req).unwrap(), r);
    }
}

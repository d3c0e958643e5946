//! The asset life cycle through the core's public API, the way the app layer strings it
//! together: issue, assign with vesting, distribute, confirm, track ownership, pay a
//! dividend, and check a transfer.
#![allow(clippy::unwrap_used)]

use elements::{AssetId, Txid};
use std::str::FromStr;
use tessera_core::*;

fn gaid(n: u8) -> Gaid {
    let mut bytes = [0xa0; 20];
    bytes[19] = n;
    Gaid::from_account_bytes(bytes).unwrap()
}

fn u(n: u64) -> Amount {
    Amount::from_units(n).unwrap()
}

#[test]
fn an_asset_goes_from_issuance_to_dividend_with_supply_conserved() {
    let asset = AssetUuid::new_random();
    let asset_id =
        AssetId::from_str("ad16277f7ba7a2947d20214d386dbe45790021e3b2b243af89d2d97620af238d")
            .unwrap();
    let start = 1_704_067_200; // 2024-01-01T00:00:00Z
    let mut supply = Supply::issued(u(100));

    // Alice gets 24 shares vesting 2 a month; Bob 10 at once.
    let schedule = VestingSchedule {
        total: u(24),
        tranches: 12,
        period: Period::Months(1),
        start,
        cliff: None,
    };
    let mut assignments = Vec::new();
    let grants = schedule
        .assignments(RegisteredUserId(1))
        .unwrap()
        .into_iter()
        .chain([NewAssignment::new(RegisteredUserId(2), u(10), None, true).unwrap()]);
    for (id, new) in (1..).zip(grants) {
        supply = supply.assign(new.amount).unwrap();
        assignments.push(new.into_assignment(AssignmentId(id), asset));
    }
    assert_eq!(supply.treasury_balance().unwrap(), u(66));
    assert!(supply.assign(u(67)).is_err());

    // Three months later, three of Alice's tranches and Bob's grant are distributable.
    let now = start + 92 * 86_400;
    let users_gaid = |user: RegisteredUserId| Some(gaid(u8::try_from(user.0).unwrap()));
    let plan = plan_distribution(
        asset,
        &assignments,
        users_gaid,
        now,
        MAX_CONFIDENTIAL_RECEIVERS,
    )
    .unwrap();
    let paid: Vec<(i64, u64)> = plan
        .receivers
        .iter()
        .map(|r| (r.registered_user.0, r.amount.units()))
        .collect();
    assert_eq!(paid, vec![(1, 6), (2, 10)]);
    assert_eq!(plan.skipped.len(), 9);
    assert_eq!(coin_string(plan.receivers[0].amount), "0.00000006");

    // The distribution is created, paid and confirmed on chain.
    let distribution = DistributionUuid::new_random();
    let txid = Txid::from_str(&"ab".repeat(32)).unwrap();
    let state = DistributionState::Unconfirmed { created_at: now };
    for id in plan.assignment_ids() {
        let a = assignments.iter_mut().find(|a| a.id == id).unwrap();
        *a = a.take_into(distribution).unwrap();
    }
    let state = state.confirm(vec![txid], 200).unwrap();
    assert_eq!(state.amp_status(), "CONFIRMED");
    for id in plan.assignment_ids() {
        let a = assignments.iter_mut().find(|a| a.id == id).unwrap();
        *a = a.mark_distributed(distribution, txid).unwrap();
        assert!(a.check_reclaim().is_err());
    }
    supply = supply.distribute(plan.total().unwrap()).unwrap();
    assert_eq!(supply.holders().unwrap(), u(16));
    assert_eq!(supply.treasury_balance().unwrap(), u(66));

    // The chain watcher's ledger agrees with the supply figures.
    let entry = |owner, delta, height| LedgerEntry {
        asset: asset_id,
        owner,
        delta,
        txid,
        vout: 0,
        height,
        time: now,
    };
    let ledger = vec![
        entry(Owner::Treasury, 100, 150),
        entry(Owner::Treasury, -100, 200),
        entry(Owner::Gaid(gaid(1)), 6, 200),
        entry(Owner::Gaid(gaid(2)), 10, 200),
        entry(Owner::Treasury, 84, 200),
    ];
    let holdings = snapshot(&ledger, Cutoff::Tip).unwrap();
    let treasury_wallet = supply
        .treasury_balance()
        .unwrap()
        .checked_add(supply.assigned_undistributed)
        .unwrap();
    assert_eq!(
        holdings[0],
        Holding {
            owner: Owner::Treasury,
            amount: treasury_wallet
        }
    );

    // A dividend of 800 over the holders (treasury excluded): 300 and 500.
    let holders: Vec<(Holder, Amount)> = holdings
        .into_iter()
        .map(|h| match h.owner {
            Owner::Gaid(g) => {
                let user = RegisteredUserId(if g == gaid(1) { 1 } else { 2 });
                (
                    Holder {
                        gaid: Some(g),
                        registered_user: Some(user),
                        is_treasury: false,
                    },
                    h.amount,
                )
            }
            _ => (Holder::treasury(), h.amount),
        })
        .collect();
    let request = DividendRequest {
        payout: Payout::Total(u(800)),
        precision: Precision::new(0).unwrap(),
        excluded_gaids: Default::default(),
        excluded_users: Default::default(),
        minimum: Amount::ZERO,
    };
    let dividend = compute_dividend(&holders, &request).unwrap();
    let lines: Vec<u64> = dividend.lines.iter().map(|l| l.amount.units()).collect();
    assert_eq!(lines, vec![500, 300]);

    // Alice may send to Bob only while Bob keeps the required category.
    let facts = |bob_categories: &[CategoryId]| TransferFacts {
        asset: AssetFacts {
            managed: true,
            is_authorized: true,
            is_locked: false,
            kind: AssetKind::TransferRestricted,
            requirements: [CategoryId(7)].into_iter().collect(),
        },
        inputs: vec![InputFacts {
            owned_by_sender: true,
            unspent: true,
            locked: false,
        }],
        outputs: vec![
            OutputFacts::Managed {
                gaid: gaid(2),
                registered_user: Some(ReceiverUser {
                    id: RegisteredUserId(2),
                    categories: bob_categories.iter().copied().collect(),
                }),
            },
            OutputFacts::Change,
        ],
    };
    assert_eq!(decide(&facts(&[CategoryId(7)])), Verdict::Allowed);
    assert_eq!(
        decide(&facts(&[])),
        Verdict::Refused(ReasonCode::ReceiverMissingCategory)
    );
}

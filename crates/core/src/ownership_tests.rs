#![allow(clippy::unwrap_used)]
use super::*;
use proptest::prelude::*;
use std::str::FromStr;

fn asset() -> AssetId {
    AssetId::from_str("ad16277f7ba7a2947d20214d386dbe45790021e3b2b243af89d2d97620af238d").unwrap()
}

fn gaid(n: u8) -> Gaid {
    let mut bytes = [0xa0; 20];
    bytes[19] = n;
    Gaid::from_account_bytes(bytes).unwrap()
}

fn owner(i: u8) -> Owner {
    match i % 4 {
        0 => Owner::Treasury,
        3 => Owner::Unknown,
        n => Owner::Gaid(gaid(n)),
    }
}

fn entry(owner: Owner, delta: i64, height: u32) -> LedgerEntry {
    LedgerEntry {
        asset: asset(),
        owner,
        delta,
        txid: Txid::from_str(&format!("{:064x}", height)).unwrap(),
        vout: 0,
        height,
        time: 1_700_000_000 + i64::from(height) * 60,
    }
}

fn units(n: u64) -> Amount {
    Amount::from_units(n).unwrap()
}

#[test]
fn a_distribution_and_a_transfer_show_at_the_right_heights() {
    let alice = Owner::Gaid(gaid(1));
    let bob = Owner::Gaid(gaid(2));
    let ledger = vec![
        entry(Owner::Treasury, 150, 100),  // issuance
        entry(Owner::Treasury, -150, 101), // distribution spends the treasury output…
        entry(alice.clone(), 20, 101),     // …pays Alice
        entry(Owner::Treasury, 130, 101),  // …and returns change
        entry(alice.clone(), -20, 105),    // Alice pays Bob 5, keeps 15
        entry(bob.clone(), 5, 105),
        entry(alice.clone(), 15, 105),
    ];
    let at = |c| snapshot(&ledger, c).unwrap();
    assert_eq!(at(Cutoff::Height(99)), vec![]);
    assert_eq!(
        at(Cutoff::Height(100)),
        vec![Holding {
            owner: Owner::Treasury,
            amount: units(150)
        }]
    );
    assert_eq!(
        at(Cutoff::Height(104)),
        vec![
            Holding {
                owner: Owner::Treasury,
                amount: units(130)
            },
            Holding {
                owner: alice.clone(),
                amount: units(20)
            },
        ]
    );
    let tip = vec![
        Holding {
            owner: Owner::Treasury,
            amount: units(130),
        },
        Holding {
            owner: alice,
            amount: units(15),
        },
        Holding {
            owner: bob,
            amount: units(5),
        },
    ];
    assert_eq!(at(Cutoff::Tip), tip);
    assert_eq!(at(Cutoff::Time(1_700_000_000 + 105 * 60)), tip);
    assert_eq!(at(Cutoff::Time(1_700_000_000 + 105 * 60 - 1)).len(), 2);
}

#[test]
fn a_ledger_that_contradicts_itself_is_reported() {
    let spend_only = vec![entry(owner(1), -1, 5)];
    assert_eq!(
        snapshot(&spend_only, Cutoff::Tip),
        Err(OwnershipError::Negative {
            owner: owner(1),
            balance: -1
        })
    );
    let mut other = entry(owner(1), 1, 5);
    other.asset = AssetId::from_str(&"11".repeat(32)).unwrap();
    assert!(matches!(
        snapshot(&[entry(owner(1), 1, 5), other], Cutoff::Tip),
        Err(OwnershipError::MixedAssets { .. })
    ));
    let huge = vec![entry(owner(0), i64::MAX, 1)];
    assert!(matches!(
        snapshot(&huge, Cutoff::Tip),
        Err(OwnershipError::OutOfRange { .. })
    ));
}

/// Builds a consistent ledger: credits, and transfers that never spend more than the
/// sender holds, at non-decreasing heights.
fn ledger(steps: &[(u8, u8, u64, u32)]) -> Vec<LedgerEntry> {
    let mut balances = [0i64; 4];
    let mut height = 0u32;
    let mut out = Vec::new();
    for &(from, to, amount, step) in steps {
        height += step;
        let (from, to) = (usize::from(from % 4), usize::from(to % 4));
        let held = u64::try_from(balances[from]).unwrap();
        if from == to || held == 0 {
            let amount = i64::try_from(amount).unwrap();
            balances[to] += amount;
            out.push(entry(owner(to as u8), amount, height));
        } else {
            let moved = i64::try_from(amount % (held + 1)).unwrap();
            balances[from] -= moved;
            balances[to] += moved;
            out.push(entry(owner(from as u8), -moved, height));
            out.push(entry(owner(to as u8), moved, height));
        }
    }
    out
}

fn steps() -> impl Strategy<Value = Vec<(u8, u8, u64, u32)>> {
    proptest::collection::vec((0u8..4, 0u8..4, 1u64..1_000_000, 0u32..3), 0..80)
}

proptest! {
    #[test]
    fn the_snapshot_at_the_tip_is_the_sum_of_all_deltas(steps in steps()) {
        let entries = ledger(&steps);
        let mut sums: BTreeMap<Owner, i128> = BTreeMap::new();
        for e in &entries {
            *sums.entry(e.owner.clone()).or_default() += i128::from(e.delta);
        }
        let expected: Vec<Holding> = sums
            .into_iter()
            .filter(|(_, b)| *b != 0)
            .map(|(owner, b)| Holding { owner, amount: units(u64::try_from(b).unwrap()) })
            .collect();
        prop_assert_eq!(snapshot(&entries, Cutoff::Tip).unwrap(), expected);
        let mut reversed = entries.clone();
        reversed.reverse();
        prop_assert_eq!(snapshot(&reversed, Cutoff::Tip).unwrap(), snapshot(&entries, Cutoff::Tip).unwrap());
    }

    #[test]
    fn a_snapshot_at_a_height_ignores_later_entries(steps in steps(), at in 0u32..100) {
        let entries = ledger(&steps);
        let earlier: Vec<LedgerEntry> = entries.iter().filter(|e| e.height <= at).cloned().collect();
        prop_assert_eq!(
            snapshot(&entries, Cutoff::Height(at)).unwrap(),
            snapshot(&earlier, Cutoff::Tip).unwrap()
        );
    }
}

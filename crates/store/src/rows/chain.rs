//! Rows of blocks, tracked outputs and ledger entries; owners spelt out in columns; and the
//! checks a block's changes must pass before any of it is written.

use super::{corrupt, to_u32};
use crate::{BlockChanges, BlockRef, OwnerRef, StoreError, TrackedOutput, UnreadableOutput};
use tessera_core::{AccountId, Gaid};

/// `chain_blocks (height, hash, prev_hash, time)`.
pub(crate) type BlockRow = (i64, String, String, i64);

/// A block from its row.
pub(crate) fn block((height, hash, prev_hash, time): BlockRow) -> Result<BlockRef, StoreError> {
    Ok(BlockRef {
        height: to_u32("block height", height)?,
        hash,
        prev_hash,
        time,
    })
}

/// An owner as the four columns `(owner_kind, account_id, gaid, treasury_address)`.
pub(crate) type OwnerColumns<'a> = (&'static str, Option<i64>, Option<&'a str>, Option<&'a str>);

/// The columns of an owner.
pub(crate) fn owner_columns(owner: &OwnerRef) -> OwnerColumns<'_> {
    match owner {
        OwnerRef::Account { account, gaid } => {
            ("account", Some(account.0), Some(gaid.as_str()), None)
        }
        OwnerRef::Treasury { address } => ("treasury", None, None, Some(address.as_str())),
        OwnerRef::Unknown => ("unknown", None, None, None),
    }
}

/// The owner of stored columns.
fn owner(
    kind: String,
    account: Option<i64>,
    gaid: Option<String>,
    treasury: Option<String>,
) -> Result<OwnerRef, StoreError> {
    match (kind.as_str(), account, gaid, treasury) {
        ("account", Some(account), Some(gaid), None) => Ok(OwnerRef::Account {
            account: AccountId(account),
            gaid: Gaid::parse(&gaid).map_err(|_| corrupt("GAID", gaid))?,
        }),
        ("treasury", None, None, Some(address)) => Ok(OwnerRef::Treasury { address }),
        ("unknown", None, None, None) => Ok(OwnerRef::Unknown),
        _ => Err(corrupt("owner kind", kind)),
    }
}

/// The fewest ledger rows of an asset after its latest checkpoint that call for a new one
/// (see `apply_block`); small, so few-owner assets get checkpoints too.
pub(crate) const CHECKPOINT_MIN_ROWS: i64 = 16;

/// A holding row: owner columns and a balance.
pub(crate) type HoldingRow = (String, Option<i64>, Option<String>, Option<String>, i64);

/// An owner and balance from a holding row.
pub(crate) fn holding(
    (kind, account, gaid, treasury, balance): HoldingRow,
) -> Result<(OwnerRef, i64), StoreError> {
    Ok((owner(kind, account, gaid, treasury)?, balance))
}

/// A `tracked_outputs` row.
#[derive(Debug, sqlx::FromRow)]
pub(crate) struct OutputRow {
    txid: String,
    vout: i64,
    owner_kind: String,
    account_id: Option<i64>,
    gaid: Option<String>,
    treasury_address: Option<String>,
    asset_id: String,
    amount: i64,
    asset_blinder: String,
    amount_blinder: String,
    script_pubkey: Vec<u8>,
    height: i64,
    spent_txid: Option<String>,
    spent_vin: Option<i64>,
    spent_height: Option<i64>,
}

/// A tracked output from its row.
pub(crate) fn output(row: OutputRow) -> Result<TrackedOutput, StoreError> {
    let spent_by = match (row.spent_txid, row.spent_vin) {
        (Some(txid), Some(vin)) => Some((txid, to_u32("input index", vin)?)),
        _ => None,
    };
    Ok(TrackedOutput {
        vout: to_u32("output index", row.vout)?,
        owner: owner(
            row.owner_kind,
            row.account_id,
            row.gaid,
            row.treasury_address,
        )?,
        amount: u64::try_from(row.amount).map_err(|_| corrupt("amount", row.amount.to_string()))?,
        height: to_u32("block height", row.height)?,
        spent_height: row
            .spent_height
            .map(|h| to_u32("block height", h))
            .transpose()?,
        txid: row.txid,
        asset_id: row.asset_id,
        asset_blinder: row.asset_blinder,
        amount_blinder: row.amount_blinder,
        script_pubkey: row.script_pubkey,
        spent_by,
    })
}

/// Checks that a block's rows belong to it and fit the columns, before anything is
/// written. Amounts come back as `i64`, in the order of `changes.outputs`.
pub(crate) fn checked_amounts(changes: &BlockChanges) -> Result<Vec<i64>, StoreError> {
    let height = changes.block.height;
    let inconsistent = |detail: String| StoreError::InconsistentBlock { height, detail };
    for row in &changes.ledger {
        if row.height != height {
            return Err(inconsistent(format!(
                "ledger row {}:{} has height {}",
                row.txid, row.vout, row.height
            )));
        }
    }
    changes
        .outputs
        .iter()
        .map(|out| {
            let name = format!("output {}:{}", out.txid, out.vout);
            if out.height != height {
                return Err(inconsistent(format!("{name} has height {}", out.height)));
            }
            if out.spent_by.is_some() || out.spent_height.is_some() {
                return Err(inconsistent(format!(
                    "new {name} is marked spent; list its spend in `spends`"
                )));
            }
            i64::try_from(out.amount)
                .map_err(|_| inconsistent(format!("{name} has amount {} out of range", out.amount)))
        })
        .collect()
}

/// Checks that a block's unreadable outputs belong to it.
pub(crate) fn check_unreadable(
    changes: &BlockChanges,
    unreadable: &[UnreadableOutput],
) -> Result<(), StoreError> {
    let height = changes.block.height;
    match unreadable.iter().find(|u| u.height != height) {
        Some(u) => Err(StoreError::InconsistentBlock {
            height,
            detail: format!(
                "unreadable output {}:{} has height {}",
                u.txid, u.vout, u.height
            ),
        }),
        None => Ok(()),
    }
}

/// An `unreadable_outputs` row.
#[derive(Debug, sqlx::FromRow)]
pub(crate) struct UnreadableRow {
    txid: String,
    vout: i64,
    owner_kind: String,
    account_id: Option<i64>,
    gaid: Option<String>,
    treasury_address: Option<String>,
    asset_id: Option<String>,
    amount: Option<String>,
    script_pubkey: Vec<u8>,
    reason: String,
    height: i64,
}

/// An unreadable output from its row.
pub(crate) fn unreadable(row: UnreadableRow) -> Result<UnreadableOutput, StoreError> {
    let amount = row
        .amount
        .map(|a| a.parse::<u64>().map_err(|_| corrupt("amount", a)))
        .transpose()?;
    Ok(UnreadableOutput {
        vout: to_u32("output index", row.vout)?,
        owner: owner(
            row.owner_kind,
            row.account_id,
            row.gaid,
            row.treasury_address,
        )?,
        height: to_u32("block height", row.height)?,
        txid: row.txid,
        asset_id: row.asset_id,
        amount,
        script_pubkey: row.script_pubkey,
        reason: row.reason,
    })
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use crate::LedgerRow;

    fn changes() -> BlockChanges {
        BlockChanges {
            block: BlockRef {
                height: 7,
                hash: "b7".into(),
                prev_hash: "b6".into(),
                time: 70,
            },
            outputs: vec![TrackedOutput {
                txid: "t".into(),
                vout: 1,
                owner: OwnerRef::Unknown,
                asset_id: "a".into(),
                amount: 5,
                asset_blinder: "0".repeat(64),
                amount_blinder: "0".repeat(64),
                script_pubkey: vec![0x51],
                height: 7,
                spent_by: None,
                spent_height: None,
            }],
            spends: vec![],
            ledger: vec![LedgerRow {
                asset_id: "a".into(),
                owner: OwnerRef::Unknown,
                delta: 5,
                txid: "t".into(),
                vout: 1,
                height: 7,
                time: 70,
            }],
        }
    }

    #[test]
    fn consistent_changes_pass_with_their_amounts() {
        assert_eq!(checked_amounts(&changes()).unwrap(), vec![5]);
    }

    #[test]
    fn rows_of_another_height_or_out_of_range_are_refused_naming_the_row() {
        type Case = (&'static str, fn(&mut BlockChanges), &'static str);
        let cases: [Case; 4] = [
            (
                "ledger height",
                |c| c.ledger[0].height = 8,
                "ledger row t:1 has height 8",
            ),
            (
                "output height",
                |c| c.outputs[0].height = 6,
                "output t:1 has height 6",
            ),
            (
                "spent",
                |c| c.outputs[0].spent_height = Some(7),
                "marked spent",
            ),
            ("amount", |c| c.outputs[0].amount = u64::MAX, "out of range"),
        ];
        for (case, change, expected) in cases {
            let mut c = changes();
            change(&mut c);
            let err = checked_amounts(&c).unwrap_err();
            assert!(
                matches!(&err, StoreError::InconsistentBlock { height: 7, detail } if detail.contains(expected)),
                "{case}: {err}"
            );
        }
    }

    #[test]
    fn owners_round_trip_through_their_columns() {
        let gaid = Gaid::parse("GAbYScu6jkWUND2jo3L4KJxyvo55d").unwrap();
        for o in [
            OwnerRef::Account {
                account: AccountId(3),
                gaid,
            },
            OwnerRef::Treasury {
                address: "ex1q".into(),
            },
            OwnerRef::Unknown,
        ] {
            let (kind, account, gaid, treasury) = owner_columns(&o);
            let back = owner(
                kind.into(),
                account,
                gaid.map(Into::into),
                treasury.map(Into::into),
            );
            assert_eq!(back.unwrap(), o);
        }
        assert!(owner("account".into(), None, None, None).is_err());
    }
}

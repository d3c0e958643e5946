//! Treasury outputs and output blinders: recorded idempotently per outpoint, scoped by
//! issuer, gone with their asset.

use crate::harness::{contract, issuer, Ctx};
use crate::lifecycle_fixtures::{amount, txid, world};
use tessera_store::{OutputBlinders, OutputOrigin, TreasuryOutput, TreasuryOutputKind};

fn output(n: u8, vout: u32, kind: TreasuryOutputKind, origin: OutputOrigin) -> TreasuryOutput {
    TreasuryOutput {
        txid: txid(n),
        vout,
        kind,
        amount: amount(100 + u64::from(vout)),
        asset_blinder: format!("{n:02x}").repeat(32),
        amount_blinder: "00".repeat(32),
        origin,
    }
}

async fn treasury_outputs_are_recorded_once_per_outpoint_in_order(ctx: Ctx) {
    let store = &*ctx.store;
    let w = world(store, "alice", 1, 0).await;
    let (a, uuid) = (w.issuer.id, w.asset.uuid);
    assert_eq!(store.treasury_outputs(a, uuid).await.unwrap(), Some(vec![]));
    let first = vec![
        output(50, 0, TreasuryOutputKind::Asset, OutputOrigin::Issuance),
        output(50, 1, TreasuryOutputKind::Token, OutputOrigin::Issuance),
    ];
    assert_eq!(
        store
            .record_treasury_outputs(a, uuid, &first, 10)
            .await
            .unwrap(),
        Some(())
    );
    // Recording again (a retried confirmation) keeps the first records.
    let mut changed = first.clone();
    changed[0].amount = amount(999);
    changed.push(output(
        51,
        2,
        TreasuryOutputKind::Asset,
        OutputOrigin::Distribution,
    ));
    store
        .record_treasury_outputs(a, uuid, &changed, 20)
        .await
        .unwrap();
    let mut expected = first;
    expected.push(output(
        51,
        2,
        TreasuryOutputKind::Asset,
        OutputOrigin::Distribution,
    ));
    assert_eq!(
        store.treasury_outputs(a, uuid).await.unwrap(),
        Some(expected)
    );
    assert_eq!(
        ctx.reopen()
            .await
            .treasury_outputs(a, uuid)
            .await
            .unwrap()
            .map(|o| o.len()),
        Some(3)
    );
}

async fn output_blinders_are_replaced_per_outpoint(ctx: Ctx) {
    let store = &*ctx.store;
    let w = world(store, "alice", 1, 0).await;
    let (a, uuid) = (w.issuer.id, w.asset.uuid);
    let blinders = |vout, byte: &str| OutputBlinders {
        txid: txid(60),
        vout,
        asset_blinder: byte.repeat(32),
        amount_blinder: "ab".repeat(32),
    };
    store
        .set_output_blinders(a, uuid, &blinders(1, "01"), 10)
        .await
        .unwrap();
    store
        .set_output_blinders(a, uuid, &blinders(0, "02"), 10)
        .await
        .unwrap();
    store
        .set_output_blinders(a, uuid, &blinders(1, "03"), 11)
        .await
        .unwrap();
    assert_eq!(
        store.output_blinders(a, uuid).await.unwrap(),
        Some(vec![blinders(0, "02"), blinders(1, "03")])
    );
}

async fn another_issuer_sees_no_treasury_of_the_asset(ctx: Ctx) {
    let store = &*ctx.store;
    let w = world(store, "alice", 1, 0).await;
    let bob = issuer(store, "bob").await;
    let out = [output(
        70,
        0,
        TreasuryOutputKind::Asset,
        OutputOrigin::Issuance,
    )];
    assert_eq!(
        store
            .record_treasury_outputs(bob.id, w.asset.uuid, &out, 10)
            .await
            .unwrap(),
        None
    );
    assert_eq!(
        store.treasury_outputs(bob.id, w.asset.uuid).await.unwrap(),
        None
    );
    let b = OutputBlinders {
        txid: txid(70),
        vout: 0,
        asset_blinder: "00".repeat(32),
        amount_blinder: "00".repeat(32),
    };
    assert_eq!(
        store
            .set_output_blinders(bob.id, w.asset.uuid, &b, 10)
            .await
            .unwrap(),
        None
    );
    assert_eq!(
        store.output_blinders(bob.id, w.asset.uuid).await.unwrap(),
        None
    );
    assert_eq!(
        store
            .treasury_outputs(w.issuer.id, w.asset.uuid)
            .await
            .unwrap(),
        Some(vec![])
    );
}

contract!(
    treasury_outputs_are_recorded_once_per_outpoint_in_order,
    output_blinders_are_replaced_per_outpoint,
    another_issuer_sees_no_treasury_of_the_asset,
);

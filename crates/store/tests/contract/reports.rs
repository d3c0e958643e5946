//! Issuer settings, dividends, payment records and vesting notices: records round-trip,
//! stay with their issuer and asset, and each notice is claimed once, also when two
//! store handles (two server instances) race for it and across a reopen.

use crate::harness::{contract, gaid, Ctx};
use crate::lifecycle_fixtures::{amount, world};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use tessera_core::{AssetUuid, NewAssignment, Payout, RegisteredUserId};
use tessera_store::{
    DividendLineRecord, DueNotice, IssuerSettings, NewDividend, NewPayment, NoticeClaim,
    NoticeKind, NoticeOutcome, NoticeSend, SendFailure, Store,
};
use tokio::sync::Notify;

const DAY: i64 = 86_400;
const NOW: i64 = 1_800_000_000;

fn dividend(lines: Vec<DividendLineRecord>) -> NewDividend {
    NewDividend {
        height: 7,
        time: Some(1234),
        payout: Payout::PerUnit(amount(5)),
        currency: "USD".into(),
        precision: 2,
        excluded: vec![gaid(2).to_string(), "17".into()],
        include_vested_undistributed: true,
        minimum: amount(1),
        total: amount(30),
        remainder: amount(0),
        lines,
    }
}

async fn settings_default_to_three_days_without_email_and_round_trip(ctx: Ctx) {
    let store = &*ctx.store;
    let w = world(store, "alice", 1, 0).await;
    let got = store.issuer_settings(w.issuer.id).await.unwrap();
    assert_eq!(
        got,
        IssuerSettings {
            email: None,
            notice_days: 3
        }
    );
    let set = IssuerSettings {
        email: Some("ops@example.com".into()),
        notice_days: 7,
    };
    store
        .set_issuer_settings(w.issuer.id, &set, 1100)
        .await
        .unwrap();
    store
        .set_issuer_settings(w.issuer.id, &set, 1200)
        .await
        .unwrap();
    assert_eq!(store.issuer_settings(w.issuer.id).await.unwrap(), set);
}

async fn a_dividend_round_trips_with_its_lines_and_stays_with_its_asset(ctx: Ctx) {
    let store = &*ctx.store;
    let w = world(store, "alice", 1, 0).await;
    let other = world(store, "bob", 2, 1).await;
    let lines = vec![
        DividendLineRecord {
            gaid: Some(gaid(0)),
            registered_user: Some(w.ann.id),
            units: amount(400),
            amount: amount(20),
        },
        DividendLineRecord {
            gaid: None,
            registered_user: Some(w.bo.id),
            units: amount(200),
            amount: amount(10),
        },
    ];
    let new = dividend(lines);
    let stored = store
        .create_dividend(w.issuer.id, w.asset.uuid, &new, 1500)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(stored.dividend, new);
    let listed = store
        .dividends(w.issuer.id, w.asset.uuid)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(listed, vec![stored.clone()]);
    let one = store
        .dividend(w.issuer.id, w.asset.uuid, stored.id)
        .await
        .unwrap();
    assert_eq!(one, Some(stored.clone()));
    // Another issuer, another asset or an unknown asset see nothing.
    assert_eq!(
        store
            .dividend(other.issuer.id, w.asset.uuid, stored.id)
            .await
            .unwrap(),
        None
    );
    assert_eq!(
        store
            .dividend(w.issuer.id, other.asset.uuid, stored.id)
            .await
            .unwrap(),
        None
    );
    assert_eq!(
        store
            .dividends(other.issuer.id, w.asset.uuid)
            .await
            .unwrap(),
        None
    );
    let unknown = AssetUuid::new_random();
    assert_eq!(
        store
            .create_dividend(w.issuer.id, unknown, &new, 1)
            .await
            .unwrap(),
        None
    );
}

async fn a_payment_round_trips_and_may_only_name_a_dividend_of_its_asset(ctx: Ctx) {
    let store = &*ctx.store;
    let w = world(store, "alice", 1, 0).await;
    let second = store
        .create_asset(
            w.issuer.id,
            &crate::lifecycle_fixtures::new_asset(9),
            amount(10),
            1000,
        )
        .await
        .unwrap();
    let d = store
        .create_dividend(w.issuer.id, w.asset.uuid, &dividend(vec![]), 1500)
        .await
        .unwrap()
        .unwrap();
    let payment = NewPayment {
        reference: "wire 2026-11 ref ABC/42 — paid".into(),
        amount: Some(amount(20)),
        currency: Some("USD".into()),
        gaid: Some(gaid(0)),
        registered_user: Some(w.ann.id),
        dividend: Some(d.id),
    };
    let stored = store
        .create_payment(w.issuer.id, w.asset.uuid, &payment, 1600)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(stored.payment, payment);
    assert_eq!(
        store
            .payments(w.issuer.id, w.asset.uuid)
            .await
            .unwrap()
            .unwrap(),
        vec![stored.clone()]
    );
    assert_eq!(
        store
            .payment(w.issuer.id, w.asset.uuid, stored.id)
            .await
            .unwrap(),
        Some(stored)
    );
    let elsewhere = store
        .create_payment(w.issuer.id, second.uuid, &payment, 1600)
        .await
        .unwrap();
    assert_eq!(
        elsewhere, None,
        "dividend {} is not of the second asset",
        d.id
    );
    let bare = NewPayment {
        reference: "cash".into(),
        amount: None,
        currency: None,
        gaid: None,
        registered_user: None,
        dividend: None,
    };
    assert!(store
        .create_payment(w.issuer.id, second.uuid, &bare, 1700)
        .await
        .unwrap()
        .is_some());
    assert_eq!(
        store
            .payments(w.issuer.id, second.uuid)
            .await
            .unwrap()
            .unwrap()
            .len(),
        1
    );
}

/// Counts sends; optionally fails, or parks inside the send until released.
#[derive(Default)]
struct Sender {
    sent: AtomicUsize,
    flagged: AtomicUsize,
    fail: bool,
    entered: Notify,
    release: Option<Notify>,
}

#[async_trait::async_trait]
impl NoticeSend for Sender {
    async fn send(&self, _notice: &DueNotice, possible_duplicate: bool) -> Result<(), SendFailure> {
        if possible_duplicate {
            self.flagged.fetch_add(1, Ordering::SeqCst);
        }
        if let Some(release) = &self.release {
            self.entered.notify_one();
            release.notified().await;
        }
        if self.fail {
            return Err("mail server down".into());
        }
        self.sent.fetch_add(1, Ordering::SeqCst);
        Ok(())
    }
}

/// Ann: one assignment vesting in 2 days, one that vested an hour ago, one in 10 days,
/// one without vesting time. Alice's settings: an address, 3 days.
async fn vesting_world(store: &dyn Store) -> (crate::lifecycle_fixtures::World, Vec<i64>) {
    let w = world(store, "alice", 1, 0).await;
    let at =
        |t: i64, units: u64| NewAssignment::new(w.ann.id, amount(units), Some(t), false).unwrap();
    let created = store
        .create_assignments(
            w.issuer.id,
            w.asset.uuid,
            &[
                at(NOW + 2 * DAY, 10),
                at(NOW - 3600, 20),
                at(NOW + 10 * DAY, 30),
                NewAssignment::new(w.ann.id, amount(40), None, true).unwrap(),
            ],
            1000,
        )
        .await
        .unwrap()
        .unwrap();
    let settings = IssuerSettings {
        email: Some("ops@example.com".into()),
        notice_days: 3,
    };
    store
        .set_issuer_settings(w.issuer.id, &settings, 1000)
        .await
        .unwrap();
    (w, created.iter().map(|a| a.id.0).collect())
}

async fn notices_due_are_the_upcoming_and_todays_ones_until_sent(ctx: Ctx) {
    let store = &*ctx.store;
    let (w, ids) = vesting_world(store).await;
    let due = store.due_notices(NOW).await.unwrap();
    let got: Vec<(i64, NoticeKind)> = due.iter().map(|n| (n.assignment.0, n.kind)).collect();
    assert_eq!(
        got,
        vec![
            (ids[1], NoticeKind::VestingDay),
            (ids[0], NoticeKind::Upcoming)
        ]
    );
    assert_eq!(due[1].email, "ops@example.com");
    assert_eq!(
        (due[1].user_name.as_str(), due[1].amount),
        ("Ann", amount(10))
    );
    assert_eq!(due[1].registered_user, RegisteredUserId(w.ann.id.0));
    let sender = Sender::default();
    for n in &due {
        assert!(matches!(
            store.send_notice_once(n, NOW, &sender).await.unwrap(),
            NoticeOutcome::Sent
        ));
    }
    assert!(store.due_notices(NOW).await.unwrap().is_empty());
    // Eight days on, the 10-day one is upcoming and the 2-day one vested (its day passed).
    let later: Vec<_> = store.due_notices(NOW + 8 * DAY).await.unwrap();
    let later: Vec<(i64, NoticeKind)> = later.iter().map(|n| (n.assignment.0, n.kind)).collect();
    assert_eq!(later, vec![(ids[2], NoticeKind::Upcoming)]);
    // Without an address nothing is due.
    store
        .set_issuer_settings(w.issuer.id, &IssuerSettings::default(), 1)
        .await
        .unwrap();
    assert!(store.due_notices(NOW + 8 * DAY).await.unwrap().is_empty());
}

async fn a_failed_send_records_nothing_and_a_sent_notice_stays_sent_after_reopening(ctx: Ctx) {
    let store = &*ctx.store;
    vesting_world(store).await;
    let notice = store.due_notices(NOW).await.unwrap().remove(0);
    let failing = Sender {
        fail: true,
        ..Sender::default()
    };
    let outcome = store
        .send_notice_once(&notice, NOW, &failing)
        .await
        .unwrap();
    assert!(matches!(outcome, NoticeOutcome::Failed(_)), "{outcome:?}");
    assert_eq!(
        store.due_notices(NOW).await.unwrap().len(),
        2,
        "nothing recorded"
    );
    let sender = Sender::default();
    assert!(matches!(
        store.send_notice_once(&notice, NOW, &sender).await.unwrap(),
        NoticeOutcome::Sent
    ));
    let reopened = ctx.reopen().await;
    let again = reopened
        .send_notice_once(&notice, NOW + 60, &sender)
        .await
        .unwrap();
    assert!(matches!(again, NoticeOutcome::AlreadySent), "{again:?}");
    assert_eq!(sender.sent.load(Ordering::SeqCst), 1);
    assert_eq!(reopened.due_notices(NOW).await.unwrap().len(), 1);
}

async fn two_instances_racing_for_a_notice_send_it_once(ctx: Ctx) {
    let first: Arc<dyn Store> = ctx.store.clone();
    let second = ctx.reopen().await;
    vesting_world(&*first).await;
    let notice = first.due_notices(NOW).await.unwrap().remove(0);
    let parked = Arc::new(Sender {
        release: Some(Notify::new()),
        ..Sender::default()
    });
    let a = {
        let (store, notice, sender) = (first.clone(), notice.clone(), parked.clone());
        tokio::spawn(async move {
            store
                .send_notice_once(&notice, NOW, &*sender)
                .await
                .unwrap()
        })
    };
    parked.entered.notified().await; // A holds the claim, mid-send.
    let plain = Arc::new(Sender::default());
    let b = {
        let (store, notice, sender) = (second.clone(), notice.clone(), plain.clone());
        tokio::spawn(async move {
            store
                .send_notice_once(&notice, NOW, &*sender)
                .await
                .unwrap()
        })
    };
    parked.release.as_ref().unwrap().notify_one();
    let (a, b) = (a.await.unwrap(), b.await.unwrap());
    assert!(matches!(a, NoticeOutcome::Sent), "{a:?}");
    assert!(
        matches!(b, NoticeOutcome::Busy | NoticeOutcome::AlreadySent),
        "{b:?}"
    );
    assert_eq!(
        parked.sent.load(Ordering::SeqCst) + plain.sent.load(Ordering::SeqCst),
        1
    );
    let after = second
        .send_notice_once(&notice, NOW, &*plain)
        .await
        .unwrap();
    assert!(matches!(after, NoticeOutcome::AlreadySent), "{after:?}");
}

/// Issue 13: the claim is a lease; a claimant that dies between send and mark leaves the
/// notice to be sent again once the lease runs out, flagged as a possible duplicate.
async fn a_claim_that_was_never_marked_is_sent_again_after_its_lease_flagged(ctx: Ctx) {
    let store = &*ctx.store;
    vesting_world(store).await;
    let notice = store.due_notices(NOW).await.unwrap().remove(0);
    let lease = tessera_store::NOTICE_LEASE_SECONDS;
    assert_eq!(
        store.claim_notice(&notice, NOW, lease).await.unwrap(),
        NoticeClaim::Claimed {
            possible_duplicate: false
        }
    );
    // "crash": never marked. While the lease runs, nobody else takes it.
    assert!(!store.due_notices(NOW + 60).await.unwrap().contains(&notice));
    assert_eq!(
        store.claim_notice(&notice, NOW + 60, lease).await.unwrap(),
        NoticeClaim::Taken
    );
    let reopened = ctx.reopen().await;
    let after = NOW + lease + 1;
    assert!(reopened.due_notices(after).await.unwrap().contains(&notice));
    let sender = Sender::default();
    assert!(matches!(
        reopened
            .send_notice_once(&notice, after, &sender)
            .await
            .unwrap(),
        NoticeOutcome::Sent
    ));
    assert_eq!(
        sender.flagged.load(Ordering::SeqCst),
        1,
        "possible duplicate"
    );
    assert!(matches!(
        reopened
            .send_notice_once(&notice, after, &sender)
            .await
            .unwrap(),
        NoticeOutcome::AlreadySent
    ));
}

/// Issue 13: a notice belongs to the date it announced. Moving the vesting date after
/// the notice went out makes the new date's notice due; moving it back does not resend.
async fn moving_a_vesting_date_makes_the_new_dates_notice_due(ctx: Ctx) {
    let store = &*ctx.store;
    let (w, ids) = vesting_world(store).await;
    let sender = Sender::default();
    let notice = store
        .due_notices(NOW)
        .await
        .unwrap()
        .into_iter()
        .find(|n| n.assignment.0 == ids[0])
        .unwrap();
    store.send_notice_once(&notice, NOW, &sender).await.unwrap();
    let mut moved = store
        .assignment(w.issuer.id, w.asset.uuid, notice.assignment)
        .await
        .unwrap()
        .unwrap();
    moved.vesting_timestamp = Some(NOW + DAY);
    assert!(store.update_assignment(w.issuer.id, &moved).await.unwrap());
    let due = store.due_notices(NOW).await.unwrap();
    let new_date: Vec<_> = due.iter().filter(|n| n.assignment.0 == ids[0]).collect();
    assert_eq!(new_date.len(), 1);
    assert_eq!(new_date[0].vesting_timestamp, NOW + DAY);
    assert_eq!(new_date[0].kind, NoticeKind::Upcoming);
    store
        .send_notice_once(new_date[0], NOW, &sender)
        .await
        .unwrap();
    // Back to the old date: its notice went out already, nothing is due for it.
    moved.vesting_timestamp = Some(NOW + 2 * DAY);
    assert!(store.update_assignment(w.issuer.id, &moved).await.unwrap());
    assert!(store
        .due_notices(NOW)
        .await
        .unwrap()
        .iter()
        .all(|n| n.assignment.0 != ids[0]));
    assert_eq!(sender.sent.load(Ordering::SeqCst), 2);
}

contract!(
    a_claim_that_was_never_marked_is_sent_again_after_its_lease_flagged,
    moving_a_vesting_date_makes_the_new_dates_notice_due,
    settings_default_to_three_days_without_email_and_round_trip,
    a_dividend_round_trips_with_its_lines_and_stays_with_its_asset,
    a_payment_round_trips_and_may_only_name_a_dividend_of_its_asset,
    notices_due_are_the_upcoming_and_todays_ones_until_sent,
    a_failed_send_records_nothing_and_a_sent_notice_stays_sent_after_reopening,
    two_instances_racing_for_a_notice_send_it_once,
);

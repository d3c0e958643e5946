//! Ownership snapshots at several heights across transfers, a reissuance, a redemption
//! to a treasury address, a burn and a locked output, against holdings computed by hand
//! from the ledger entries of `fixtures`.

use crate::fixtures::{abcompany, block_time, txid, World};
use axum::http::StatusCode;
use serde_json::{json, Value};

/// `(owner, amount, GAID, blacklisted)` of each line, in the API's order.
fn lines(body: &Value) -> Vec<(Value, u64, Value, u64)> {
    body.as_array()
        .unwrap()
        .iter()
        .map(|l| {
            (
                l["owner"].clone(),
                l["amount"].as_u64().unwrap(),
                l["GAID"].clone(),
                l["blacklisted"].as_u64().unwrap(),
            )
        })
        .collect()
}

#[tokio::test]
async fn snapshots_at_each_height_match_the_ledger_computed_by_hand() {
    let mut w = abcompany(1000).await;
    let (alice, bob, carol) = (w.alice.owner(), w.bob.owner(), w.carol.owner());
    // 1: the treasury pays Alice 300 and Bob 200 (tx 1).
    let h1 = w
        .block(|b| {
            b.receive(1, 0, alice.clone(), 300)
                .receive(1, 1, bob.clone(), 200)
        })
        .await;
    // 2: Alice sends 100 to Carol, keeps 200 as change (tx 2).
    let h2 = w
        .block(|b| {
            b.spend(1, 0, 2, alice.clone(), 300)
                .receive(2, 0, carol.clone(), 100)
                .receive(2, 1, alice.clone(), 200)
        })
        .await;
    // 3: the issuer reissues 500 into its own wallet (no ledger entry).
    let h3 = w.block(|b| b).await;
    let store = &w.t.store;
    store
        .confirm_reissuance(
            w.issuer,
            w.uuid,
            &txid(3).parse().unwrap(),
            0,
            amount(500),
            h3,
            10,
        )
        .await
        .unwrap()
        .unwrap();
    // 4: Bob redeems 50 to a treasury address, keeps 150 (tx 4).
    let h4 = w
        .block(|b| {
            b.spend(1, 1, 4, bob.clone(), 200)
                .receive(4, 0, World::treasury(), 50)
                .receive(4, 1, bob.clone(), 150)
        })
        .await;
    // 5: the redeemed 50 are burned (tx 5).
    let h5 = w.block(|b| b.spend(4, 0, 5, World::treasury(), 50)).await;
    let store = &w.t.store;
    store
        .confirm_burn(
            w.issuer,
            w.uuid,
            &txid(5).parse().unwrap(),
            amount(50),
            h5,
            20,
        )
        .await
        .unwrap()
        .unwrap();
    // Alice's change output is locked.
    store
        .lock_outputs(w.issuer, w.uuid, &[(txid(2).parse().unwrap(), 1)])
        .await
        .unwrap()
        .unwrap();

    let (a, b, c) = (
        json!(w.alice.gaid()),
        json!(w.bob.gaid()),
        json!(w.carol.gaid()),
    );
    let t = || (json!("treasury"), Value::Null);
    let expected = [
        (
            h1,
            vec![
                (t(), 500, 0),
                ((json!("Alice"), a.clone()), 300, 0),
                ((json!("Bob"), b.clone()), 200, 0),
            ],
        ),
        (
            h2,
            vec![
                (t(), 500, 0),
                ((json!("Alice"), a.clone()), 200, 200),
                ((json!("Bob"), b.clone()), 200, 0),
                ((Value::Null, c.clone()), 100, 0),
            ],
        ),
        (
            h3,
            vec![
                (t(), 1000, 0),
                ((json!("Alice"), a.clone()), 200, 200),
                ((json!("Bob"), b.clone()), 200, 0),
                ((Value::Null, c.clone()), 100, 0),
            ],
        ),
        (
            h4,
            vec![
                (t(), 1050, 0),
                ((json!("Alice"), a.clone()), 200, 200),
                ((json!("Bob"), b.clone()), 150, 0),
                ((Value::Null, c.clone()), 100, 0),
            ],
        ),
        (
            h5,
            vec![
                (t(), 1000, 0),
                ((json!("Alice"), a.clone()), 200, 200),
                ((json!("Bob"), b.clone()), 150, 0),
                ((Value::Null, c.clone()), 100, 0),
            ],
        ),
    ];
    for (height, want) in expected {
        let want: Vec<(Value, u64, Value, u64)> = want
            .into_iter()
            .map(|((o, g), n, bl)| (o, n, g, bl))
            .collect();
        let mut want_sorted = want.clone();
        want_sorted[1..].sort_by_key(|l| l.2.as_str().unwrap().to_owned());
        let by_query =
            w.t.get(&w.path(&format!("/ownerships?height={height}")), &w.token)
                .await
                .expect(StatusCode::OK);
        assert_eq!(lines(&by_query), want_sorted, "height {height}");
        let by_path =
            w.t.get(&w.path(&format!("/ownerships/{height}")), &w.token)
                .await
                .expect(StatusCode::OK);
        assert_eq!(by_path, by_query, "height {height}");
        let by_time =
            w.t.get(
                &w.path(&format!("/ownerships?time={}", block_time(height) + 1)),
                &w.token,
            )
            .await
            .expect(StatusCode::OK);
        assert_eq!(by_time, by_query, "time of height {height}");
        // Everything that exists is held by someone.
        let existing = match height {
            1 | 2 => 1000,
            3 | 4 => 1500,
            _ => 1450,
        };
        let total: u64 = lines(&by_query).iter().map(|l| l.1).sum();
        assert_eq!(total, existing, "height {height}");
    }
    let tip =
        w.t.get(&w.path("/ownerships"), &w.token)
            .await
            .expect(StatusCode::OK);
    let at_h5 =
        w.t.get(&w.path(&format!("/ownerships?height={h5}")), &w.token)
            .await
            .expect(StatusCode::OK);
    assert_eq!(tip, at_h5);
    let rfc3339 = chrono::DateTime::from_timestamp(block_time(h2), 0)
        .unwrap()
        .to_rfc3339();
    let by_text =
        w.t.get(
            &w.path(&format!("/ownerships?time={}", rfc3339.replace('+', "%2B"))),
            &w.token,
        )
        .await
        .expect(StatusCode::OK);
    let at_h2 =
        w.t.get(&w.path(&format!("/ownerships/{h2}")), &w.token)
            .await
            .expect(StatusCode::OK);
    assert_eq!(by_text, at_h2);
    let first = &tip.as_array().unwrap()[0];
    assert_eq!(
        (
            first["is_treasury"].as_bool(),
            first["registered_user"].is_null()
        ),
        (Some(true), true)
    );
    let alice_line = tip
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["GAID"] == a)
        .unwrap();
    assert_eq!(alice_line["registered_user"].as_i64(), w.alice.user);
}

#[tokio::test]
async fn a_height_above_the_followed_tip_is_refused() {
    let mut w = abcompany(10).await;
    let h = w.block(|b| b).await;
    let reply =
        w.t.get(&w.path(&format!("/ownerships/{}", h + 1)), &w.token)
            .await;
    reply.expect_error(StatusCode::BAD_REQUEST, "height_above_tip");
}

fn amount(units: u64) -> tessera_core::Amount {
    tessera_core::Amount::from_units(units).unwrap()
}

//! The seed's examples end to end: ABCompany issued 1,000 shares; Alice holds 600 and
//! Bob 400. ABCompany pays a dividend of $0.25 per share (USD, 2 decimals, so 25 cents
//! per share), records the two payments with free-form references, and exports the
//! calculation as CSV. Then the variants: a total split with largest remainders, an
//! exclusion, and vested but undistributed assignments counted.

use crate::fixtures::abcompany;
use axum::body::Body;
use axum::http::{Request, StatusCode};
use http_body_util::BodyExt;
use serde_json::json;
use tessera_core::{Amount, NewAssignment, RegisteredUserId};
use tower::ServiceExt;

#[tokio::test]
async fn abcompany_pays_a_dividend_per_share_to_alice_and_bob_and_records_the_payments() {
    let mut w = abcompany(1000).await;
    let (alice, bob) = (w.alice.owner(), w.bob.owner());
    let h = w
        .block(|b| b.receive(1, 0, alice, 600).receive(1, 1, bob, 400))
        .await;
    let request = json!({"height": h, "amount_per_unit": 25, "currency": "USD", "precision": 2});
    let d =
        w.t.post(&w.path("/dividends/calculate"), &w.token, request)
            .await
            .expect(StatusCode::OK);
    assert_eq!(
        d["lines"],
        json!([
            {"GAID": w.alice.gaid(), "registered_user": w.alice.user, "units": 600, "amount": 15000},
            {"GAID": w.bob.gaid(), "registered_user": w.bob.user, "units": 400, "amount": 10000},
        ])
    );
    assert_eq!(
        (
            d["total"].as_u64(),
            d["remainder"].as_u64(),
            d["height"].as_u64()
        ),
        (Some(25000), Some(0), Some(u64::from(h)))
    );
    let id = d["id"].as_i64().unwrap();
    assert_eq!(
        w.t.get(&w.path(&format!("/dividends/{id}")), &w.token)
            .await
            .expect(StatusCode::OK),
        d
    );
    assert_eq!(
        w.t.get(&w.path("/dividends"), &w.token)
            .await
            .expect(StatusCode::OK),
        json!([d])
    );

    for (holder, amount, reference) in [
        (
            json!(w.alice.user),
            15000,
            "SEPA 2026-11-30 ABC-DIV-1 Alice",
        ),
        (json!(w.bob.gaid()), 10000, "wire ref 7781 / Bob"),
    ] {
        let body = json!({"reference": reference, "amount": amount, "currency": "USD", "holder": holder, "dividend_id": id});
        let p =
            w.t.post(&w.path("/payments"), &w.token, body)
                .await
                .expect(StatusCode::OK);
        assert_eq!(
            (p["reference"].as_str(), p["dividend_id"].as_i64()),
            (Some(reference), Some(id))
        );
        let got =
            w.t.get(&w.path(&format!("/payments/{}", p["id"])), &w.token)
                .await
                .expect(StatusCode::OK);
        assert_eq!(got, p);
    }
    let payments =
        w.t.get(&w.path("/payments"), &w.token)
            .await
            .expect(StatusCode::OK);
    let users: Vec<_> = payments
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["registered_user"].as_i64())
        .collect();
    assert_eq!(
        users,
        vec![w.alice.user, w.bob.user],
        "Bob found by his GAID"
    );
    assert_eq!(payments[1]["GAID"], json!(w.bob.gaid()));

    let req = Request::get(w.path(&format!("/dividends/{id}?format=csv")))
        .header("authorization", format!("token {}", w.token))
        .body(Body::empty())
        .unwrap();
    let resp = tessera_server::service(w.t.app.clone())
        .oneshot(req)
        .await
        .unwrap();
    assert_eq!(resp.headers()["content-type"], "text/csv; charset=utf-8");
    let text = String::from_utf8(
        resp.into_body()
            .collect()
            .await
            .unwrap()
            .to_bytes()
            .to_vec(),
    )
    .unwrap();
    let alice_user = w.alice.user.unwrap();
    let bob_user = w.bob.user.unwrap();
    assert_eq!(text, format!(
        "dividend_id,GAID,registered_user,units,amount,currency\r\n{id},{},{alice_user},600,15000,\"USD\"\r\n{id},{},{bob_user},400,10000,\"USD\"\r\n",
        w.alice.gaid(), w.bob.gaid()
    ));
}

#[tokio::test]
async fn a_total_is_split_to_the_unit_with_exclusions_and_owed_assignments() {
    let mut w = abcompany(1000).await;
    let (alice, bob, carol) = (w.alice.owner(), w.bob.owner(), w.carol.owner());
    w.block(|b| {
        b.receive(1, 0, alice, 200)
            .receive(1, 1, bob, 150)
            .receive(1, 2, carol, 100)
    })
    .await;
    // 1000 over Alice 200 and Bob 150 (Carol excluded): 571.43 and 428.57 → 571 and 429.
    let body = json!({"total": 1000, "currency": "EUR", "exclude": [w.carol.gaid()]});
    let d =
        w.t.post(&w.path("/dividends/calculate"), &w.token, body)
            .await
            .expect(StatusCode::OK);
    let amounts: Vec<_> = d["lines"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| (l["GAID"].clone(), l["amount"].as_u64().unwrap()))
        .collect();
    assert_eq!(
        amounts,
        vec![(json!(w.alice.gaid()), 571), (json!(w.bob.gaid()), 429)]
    );
    // Bob is owed a vested assignment of 50 not yet distributed; with it he has 200 too.
    let bob_id = RegisteredUserId(w.bob.user.unwrap());
    let vested =
        NewAssignment::new(bob_id, Amount::from_units(50).unwrap(), Some(1), true).unwrap();
    w.t.store
        .create_assignments(w.issuer, w.uuid, &[vested], 1)
        .await
        .unwrap()
        .unwrap();
    let body = json!({"amount_per_unit": 3, "currency": "EUR", "exclude": [w.carol.gaid(), w.alice.user], "include_vested_undistributed": true});
    let d =
        w.t.post(&w.path("/dividends/calculate"), &w.token, body)
            .await
            .expect(StatusCode::OK);
    assert_eq!(
        d["lines"],
        json!([{"GAID": w.bob.gaid(), "registered_user": w.bob.user, "units": 200, "amount": 600}])
    );
    assert_eq!(
        d["exclude"],
        json!([w.carol.gaid(), w.alice.user.unwrap().to_string()])
    );
    // Without it, Bob's 150 only; and a minimum of 500 drops his line into the remainder.
    let body = json!({"amount_per_unit": 3, "currency": "EUR", "exclude": [w.alice.user, w.carol.gaid()], "minimum": 500});
    let d =
        w.t.post(&w.path("/dividends/calculate"), &w.token, body)
            .await
            .expect(StatusCode::OK);
    assert_eq!(
        (
            d["lines"].clone(),
            d["total"].as_u64(),
            d["remainder"].as_u64()
        ),
        (json!([]), Some(450), Some(450))
    );
}

#[tokio::test]
async fn malformed_dividend_and_payment_requests_are_refused_with_codes() {
    let mut w = abcompany(1000).await;
    let alice = w.alice.owner();
    w.block(|b| b.receive(1, 0, alice, 10)).await;
    let calc = w.path("/dividends/calculate");
    let both = json!({"total": 1, "amount_per_unit": 1, "currency": "X"});
    w.t.post(&calc, &w.token, both)
        .await
        .expect_error(StatusCode::BAD_REQUEST, "invalid_body");
    let bad_exclude = json!({"total": 1, "currency": "X", "exclude": ["nobody"]});
    w.t.post(&calc, &w.token, bad_exclude)
        .await
        .expect_error(StatusCode::BAD_REQUEST, "invalid_holder");
    let early = json!({"total": 1, "currency": "X", "time": 5});
    w.t.post(&calc, &w.token, early)
        .await
        .expect_error(StatusCode::BAD_REQUEST, "no_block_at_time");
    let nobody = json!({"total": 1, "currency": "X", "exclude": [w.alice.gaid()]});
    w.t.post(&calc, &w.token, nobody)
        .await
        .expect_error(StatusCode::BAD_REQUEST, "invalid_dividend");
    w.t.get(&w.path("/dividends/999"), &w.token)
        .await
        .expect_error(StatusCode::NOT_FOUND, "dividend_not_found");
    let pay = w.path("/payments");
    w.t.post(&pay, &w.token, json!({"reference": ""}))
        .await
        .expect_error(StatusCode::BAD_REQUEST, "invalid_length");
    let unknown_dividend = json!({"reference": "r", "dividend_id": 999});
    w.t.post(&pay, &w.token, unknown_dividend)
        .await
        .expect_error(StatusCode::NOT_FOUND, "dividend_not_found");
    let unknown_user = json!({"reference": "r", "holder": 999});
    w.t.post(&pay, &w.token, unknown_user)
        .await
        .expect_error(StatusCode::NOT_FOUND, "registered_user_not_found");
    // Another issuer sees none of it.
    let other = w.t.issuer("othercorp").await;
    w.t.get(&w.path("/dividends"), &other)
        .await
        .expect_error(StatusCode::NOT_FOUND, "asset_not_found");
    w.t.get(&w.path("/payments"), &other)
        .await
        .expect_error(StatusCode::NOT_FOUND, "asset_not_found");
}

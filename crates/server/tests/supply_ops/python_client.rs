//! A distribution confirmed by a Python client: its `json.load` turns the node's amounts
//! into floats and `json.dumps` writes them back as Python prints floats (`8.5e-07`,
//! `1e-08`, `-4.958e-05`, `0.0001`), with Python's separators. The server must read those
//! exactly and record the change, so that the next burn finds the treasury's outputs.

use crate::harness::World;
use axum::http::{Method, StatusCode};
use serde_json::{json, Value};

/// `repr(float(text))` as Python 3 writes it: the shortest text that reads back to the same
/// float, in scientific notation (two-digit exponent at least) below 1e-4 and from 1e16.
fn python_float(text: &str) -> String {
    let x: f64 = text.parse().unwrap();
    let sci = format!("{x:e}");
    let (mantissa, exp) = sci.split_once('e').unwrap();
    let exp: i32 = exp.parse().unwrap();
    if !(-4..16).contains(&exp) {
        let sign = if exp < 0 { '-' } else { '+' };
        return format!("{mantissa}e{sign}{:02}", exp.abs());
    }
    let fixed = format!("{x}");
    if fixed.contains('.') {
        fixed
    } else {
        format!("{fixed}.0")
    }
}

/// `json.dumps(json.loads(value))` in Python 3: integers stay integers, other numbers go
/// through a float; `", "` and `": "` separators.
fn python_dumps(value: &Value) -> String {
    match value {
        Value::Number(n) => {
            let text = n.to_string();
            if text.contains(['.', 'e', 'E']) {
                python_float(&text)
            } else {
                text
            }
        }
        Value::Array(items) => {
            let parts: Vec<String> = items.iter().map(python_dumps).collect();
            format!("[{}]", parts.join(", "))
        }
        Value::Object(map) => {
            let parts: Vec<String> = map
                .iter()
                .map(|(k, v)| format!("{}: {}", Value::String(k.clone()), python_dumps(v)))
                .collect();
            format!("{{{}}}", parts.join(", "))
        }
        other => other.to_string(),
    }
}

#[test]
fn python_floats_are_written_as_python_writes_them() {
    let cases = [
        ("0.00000085", "8.5e-07"),
        ("0.00000001", "1e-08"),
        ("-0.00004958", "-4.958e-05"),
        ("0.00010000", "0.0001"),
        ("1.50000000", "1.5"),
        ("21000000.00000000", "21000000.0"),
        ("0.00000000", "0.0"),
        ("10000000000000000.0", "1e+16"),
    ];
    for (node, python) in cases {
        assert_eq!(python_float(node), python, "{node}");
    }
}

#[tokio::test]
async fn a_confirmation_written_by_python_with_exponent_amounts_is_accepted() {
    let w = World::start().await;
    // 100 units issued, 14 + 1 distributed: the treasury's change is 85 units, which
    // Python writes 8.5e-07; the one-unit output is 1e-08 in the wallet's details.
    let (uuid, asset_id) = w.issue(100).await;
    w.assigned_user(&uuid, "Alice", 14).await;
    w.assigned_user(&uuid, "Bob", 1).await;
    let file = w
        .get(&format!("/api/assets/{uuid}/distributions/create"))
        .await
        .expect(StatusCode::OK);
    let duuid = file["distribution_uuid"].as_str().unwrap().to_owned();
    let txid = w.pay(&file, None, None).await;
    w.mine(2).await;
    let body = json!({
        "tx_data": { "details": w.details(&txid).await, "txid": txid },
        "change_data": w.change_data(&txid, &asset_id).await,
    });
    let text = python_dumps(&body);
    assert!(
        text.contains("\"amount\": 8.5e-07") && text.contains("1e-08"),
        "{text}"
    );
    let done = w
        .call_text(
            Method::POST,
            &format!("/api/assets/{uuid}/distributions/{duuid}/confirm"),
            Some(text),
        )
        .await
        .expect(StatusCode::OK);
    assert_eq!(done["distribution_status"], "CONFIRMED");
    // Base units are whole numbers, in whatever form the client prints them: a fraction is
    // refused naming the value, `float(85)` as Python writes it (and `8.5e+01`) is 85.
    let burn_path = format!("/api/assets/{uuid}/burn-request");
    let refused = w
        .call_text(
            Method::POST,
            &burn_path,
            Some(r#"{"amount": 85.5}"#.to_owned()),
        )
        .await
        .expect(StatusCode::BAD_REQUEST);
    assert!(
        refused["message"].as_str().unwrap().contains("85.5"),
        "{refused}"
    );
    for text in [r#"{"amount": 8.5e+01}"#, r#"{"amount": 85.0}"#] {
        w.call_text(Method::POST, &burn_path, Some(text.to_owned()))
            .await
            .expect(StatusCode::OK);
    }
    // The change was recorded: the treasury's 85 units can be burned.
    let burn = w
        .post(&burn_path, json!({ "amount": 85 }))
        .await
        .expect(StatusCode::OK);
    let utxos = burn["utxos"].as_array().unwrap();
    assert!(
        utxos.iter().any(|u| u["txid"] == txid.as_str()),
        "the change output of {txid} is a treasury output: {burn}"
    );
}

#[tokio::test]
async fn amounts_that_are_not_whole_base_units_are_refused_naming_the_field() {
    let w = World::start().await;
    let (uuid, asset_id) = w.issue(100).await;
    w.assigned_user(&uuid, "Alice", 15).await;
    let file = w
        .get(&format!("/api/assets/{uuid}/distributions/create"))
        .await
        .expect(StatusCode::OK);
    let duuid = file["distribution_uuid"].as_str().unwrap().to_owned();
    let txid = w.pay(&file, None, None).await;
    w.mine(2).await;
    let change = w.change_data(&txid, &asset_id).await;
    let path = format!("/api/assets/{uuid}/distributions/{duuid}/confirm");
    for (amount, why) in [
        ("8.5e-09", "more than 8 decimals"),
        ("-8.5e-07", "negative"),
        ("2.2e+7", "money range"),
    ] {
        let mut change = change.clone();
        change[0]["amount"] = serde_json::from_str(amount).unwrap();
        let body = format!(
            r#"{{"tx_data": {{"txid": "{txid}", "details": []}}, "change_data": {change}}}"#
        );
        let refused = w
            .call_text(Method::POST, &path, Some(body))
            .await
            .expect_error(StatusCode::BAD_REQUEST, "invalid_report");
        let message = refused["message"].as_str().unwrap_or_default().to_owned();
        assert!(
            message.contains("change_data amount")
                && message.contains(amount)
                && message.contains(why),
            "{amount}: {refused}"
        );
    }
}

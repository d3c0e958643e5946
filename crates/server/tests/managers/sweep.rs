//! Issue 12: the tenant-isolation sweep, generated from the OpenAPI document.
//!
//! For every path with a path parameter and every method the document lists, the first
//! issuer's objects are named in the path (its asset, registered user, category, manager,
//! assignment, GAID) and the call is made with a body built from the operation's request
//! schema by:
//!
//! * a second issuer — 404, always;
//! * the second issuer's manager (granted all of its issuer's assets) — 404;
//! * a manager of the first issuer without the grant of its asset — 404 on every path
//!   naming that asset (the register it shares with the issuer's other assets is its to
//!   read, see ADR 0005).
//!
//! For managers, 403 `manager_forbidden` on an issuer-only route counts as hiding too: the
//! policy decides it from the path before any lookup, so it tells nothing about the object.
//!
//! A new route is swept as soon as it is in the document. Routes that name no issuer's
//! object are listed in [`NOT_ISSUER_OBJECTS`] with the reason.

use crate::harness::*;
use axum::http::{Method, StatusCode};
use serde_json::{json, Value};
use std::collections::BTreeMap;

/// Paths with a parameter that is not an issuer's object.
const NOT_ISSUER_OBJECTS: &[(&str, &str)] = &[
    (
        "/api/gaids/{gaid}/validate",
        "a GAID's syntax and whether it is a managed account of this server: the same answer for every issuer",
    ),
    ("/registry/{asset_id}", "the public registry of published assets, no login"),
];

/// Optional fields a schema's body needs to be valid (rules across fields the schema cannot
/// say), so that the call reaches the lookup of the object.
const EXTRA_FIELDS: &[(&str, &str)] = &[
    ("VestingScheduleRequest", r#"{"period_months": 1}"#),
    ("DividendCalculationRequest", r#"{"total": 100}"#),
];

struct Objects {
    params: BTreeMap<&'static str, String>,
    /// Values of `{id}` by the path's first segment after `/api/`.
    ids: BTreeMap<&'static str, String>,
}

impl Objects {
    fn path(&self, template: &str) -> String {
        let mut out = Vec::new();
        let segments: Vec<&str> = template.split('/').collect();
        for (i, segment) in segments.iter().enumerate() {
            let Some(name) = segment.strip_prefix('{').and_then(|s| s.strip_suffix('}')) else {
                out.push((*segment).to_owned());
                continue;
            };
            let value = match name {
                "id" => {
                    let owner = segments.get(i.saturating_sub(1)).copied().unwrap_or("");
                    self.ids.get(owner).cloned().unwrap_or_else(|| "1".into())
                }
                other => self.params.get(other).cloned().unwrap_or_else(|| {
                    panic!("the sweep has no value for path parameter {{{other}}} in {template}")
                }),
            };
            out.push(value);
        }
        out.join("/")
    }
}

/// A body the operation accepts, from its schema: required fields only, values by type,
/// some by name so that they parse (a GAID, a txid).
fn body(doc: &Value, schema: &Value, name: Option<&str>) -> Value {
    if let Some(reference) = schema["$ref"].as_str() {
        let key = reference.rsplit('/').next().unwrap_or_default();
        let mut value = body(doc, &doc["components"]["schemas"][key], name);
        for (schema, extra) in EXTRA_FIELDS {
            if *schema == key {
                let extra: Value = serde_json::from_str(extra).unwrap();
                for (k, v) in extra.as_object().unwrap() {
                    value[k] = v.clone();
                }
            }
        }
        return value;
    }
    match name {
        Some("GAID" | "gaid" | "sender" | "receiver" | "holder") => return json!(GAID_B),
        Some("txid") => return json!("ab".repeat(32)),
        Some("asset_blinder" | "amount_blinder") => return json!("00".repeat(32)),
        Some("password") => return json!("a long new password"),
        _ => {}
    }
    let kind = match &schema["type"] {
        Value::Array(kinds) => kinds
            .iter()
            .find(|k| *k != "null")
            .cloned()
            .unwrap_or_default(),
        other => other.clone(),
    };
    match kind.as_str().unwrap_or("object") {
        "object" => {
            let mut out = serde_json::Map::new();
            for field in schema["required"].as_array().into_iter().flatten() {
                let field = field.as_str().unwrap();
                let value = body(doc, &schema["properties"][field], Some(field));
                out.insert(field.to_owned(), value);
            }
            Value::Object(out)
        }
        "array" => json!([body(doc, &schema["items"], Some("address"))]),
        "integer" | "number" => json!(1),
        "boolean" => json!(false),
        _ if name.is_none() => json!(GAID_B),
        _ if name == Some("address") => json!(address()),
        _ => json!("text"),
    }
}

/// A valid regtest address nobody manages.
fn address() -> String {
    let script = elements::Script::from(vec![0x51]);
    elements::Address::p2sh(&script, None, &elements::AddressParams::ELEMENTS).to_string()
}

/// 404, or the manager policy's 403 for an issuer-only route: decided from the path alone,
/// before any lookup, so it says nothing about the object either.
fn hides(reply: &Reply) -> bool {
    reply.status == StatusCode::NOT_FOUND
        || (reply.status == StatusCode::FORBIDDEN && reply.body["code"] == "manager_forbidden")
}

async fn manager_token(t: &TestApp, issuer: &str, name: &str, asset: Option<&str>) -> String {
    let id = t.manager(issuer, name).await;
    t.put(&format!("/api/managers/{id}/unlock"), issuer, None)
        .await
        .expect(StatusCode::OK);
    if let Some(asset) = asset {
        t.put(
            &format!("/api/managers/{id}/assets/{asset}/add"),
            issuer,
            None,
        )
        .await
        .expect(StatusCode::OK);
    }
    t.token(name).await
}

#[tokio::test]
async fn another_issuer_and_managers_without_the_grant_get_404_on_every_path_with_an_id() {
    let t = spawn_app().await;
    let first = t.issuer("firstco").await;
    let second = t.issuer("secondco").await;
    let asset = t.asset("firstco", 1).await;
    let theirs = t.asset("secondco", 2).await;
    let user = t.user(&first, "Xavier", Some(GAID_A)).await;
    let category = t.category(&first, "qualified").await;
    for path in [
        format!("/api/categories/{category}/registered_users/{user}/add"),
        format!("/api/categories/{category}/assets/{asset}/add"),
    ] {
        t.put(&path, &first, None).await.expect(StatusCode::OK);
    }
    let assign = json!({"assignments": [{"registered_user": user, "amount": 10}]});
    let created = t
        .post(
            &format!("/api/assets/{asset}/assignments/create"),
            &first,
            assign,
        )
        .await
        .expect(StatusCode::OK);
    let assignment = created[0]["id"].to_string();
    let granted_manager = t.manager(&first, "carol").await;
    let ungranted = manager_token(&t, &first, "dave", None).await;
    let second_manager = manager_token(&t, &second, "erin", Some(&theirs)).await;
    let objects = Objects {
        params: BTreeMap::from([
            ("uuid", asset.clone()),
            ("gaid", GAID_A.to_owned()),
            ("user", user.to_string()),
            ("distribution_uuid", uuid::Uuid::new_v4().to_string()),
            ("height", "1".to_owned()),
            ("txid", "cd".repeat(32)),
        ]),
        ids: BTreeMap::from([
            ("registered_users", user.to_string()),
            ("categories", category.to_string()),
            ("managers", granted_manager.to_string()),
            ("assignments", assignment),
        ]),
    };

    let doc = serde_json::to_value(tessera_server::openapi::document()).unwrap();
    let before = t.snapshot(&first).await;
    let mut swept = 0;
    for (template, operations) in doc["paths"].as_object().unwrap() {
        if !template.contains('{') || NOT_ISSUER_OBJECTS.iter().any(|(p, _)| p == template) {
            continue;
        }
        let path = objects.path(template);
        for (method, operation) in operations.as_object().unwrap() {
            let method = Method::from_bytes(method.to_uppercase().as_bytes()).unwrap();
            // Whatever media type the document names (a bare string is `text/plain`), the
            // handlers take JSON.
            let content = operation["requestBody"]["content"].as_object();
            let schema = content
                .and_then(|c| c.values().next())
                .map(|c| &c["schema"]);
            let body = schema.map(|schema| body(&doc, schema, None));
            let what = format!("{method} {path} (from {template}) body {body:?}");

            let reply = t
                .call(method.clone(), &path, Some(&second), body.clone())
                .await;
            assert_eq!(
                reply.status,
                StatusCode::NOT_FOUND,
                "second issuer: {what}: {}",
                reply.body
            );

            let mut managers = vec![("second issuer's manager", &second_manager)];
            if template.contains("{uuid}") {
                managers.push(("manager without the grant", &ungranted));
            }
            for (who, token) in managers {
                let reply = t
                    .call(method.clone(), &path, Some(token), body.clone())
                    .await;
                assert!(
                    hides(&reply),
                    "{who}: {what}: {} {}",
                    reply.status,
                    reply.body
                );
            }
            swept += 1;
        }
    }
    assert!(swept > 70, "only {swept} operations swept");
    // And nothing of the first issuer's changed.
    assert_eq!(t.snapshot(&first).await, before);
    let log = t.get("/api/audit-log", &first).await.expect(StatusCode::OK);
    assert_eq!(log, json!([]));
}

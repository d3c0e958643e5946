//! What every operation of the OpenAPI document shares, added once instead of on each
//! handler: the error statuses the extractors and the token check answer, and the alias
//! paths and extra methods the router serves for AMP's older or other clients.
//!
//! A status is documented where it can happen: 400 where a path parameter, query string
//! or body is parsed; 401 and 403 (a manager outside its grant) where a token is needed;
//! 404 where a path names something; 413 where a body is read. An OpenAPI-driven fuzzer
//! (`scripts/fuzz`) checks that nothing else comes back.

use utoipa::openapi::path::{Operation, PathItem};
use utoipa::openapi::{Content, OpenApi, Ref, RefOr, ResponseBuilder};
use utoipa::Modify;

/// Paths served under a second name: `(alias, documented path)`.
const ALIASES: &[(&str, &str)] = &[
    ("/api/user/refresh_token", "/api/user/refresh-token"),
    ("/api/user/change_password", "/api/user/change-password"),
    ("/api/investors", "/api/registered_users"),
    ("/api/investors/add", "/api/registered_users/add"),
    ("/api/investors/{id}", "/api/registered_users/{id}"),
    (
        "/api/gaids/{gaid}/investor",
        "/api/gaids/{gaid}/registered_user",
    ),
];

/// Adds the shared statuses, the aliases and the second methods.
pub(crate) struct Common;

fn error(description: &str) -> RefOr<utoipa::openapi::Response> {
    let schema = RefOr::Ref(Ref::from_schema_name("ErrorBody"));
    RefOr::T(
        ResponseBuilder::new()
            .description(description)
            .content("application/json", Content::new(Some(schema)))
            .build(),
    )
}

fn add_statuses(path: &str, op: &mut Operation) {
    let secured = op.security.as_ref().is_some_and(|s| !s.is_empty());
    let parses = path.contains('{')
        || op.parameters.as_ref().is_some_and(|p| !p.is_empty())
        || op.request_body.is_some();
    let mut wanted: Vec<(&str, &str)> = Vec::new();
    if parses {
        wanted.push((
            "400",
            "Malformed path parameter, query or body; or a refused value",
        ));
    }
    if secured {
        wanted.push(("401", "No, malformed or expired token"));
        wanted.push(("403", "A manager's token outside the manager's grant"));
    }
    if path.contains('{') {
        wanted.push(("404", "Unknown (or another issuer's) id"));
    }
    if op.request_body.is_some() {
        wanted.push(("413", "Body too large"));
    }
    for (status, description) in wanted {
        op.responses
            .responses
            .entry(status.to_owned())
            .or_insert_with(|| error(description));
    }
}

fn operations(item: &mut PathItem) -> impl Iterator<Item = &mut Operation> {
    [
        item.get.as_mut(),
        item.put.as_mut(),
        item.post.as_mut(),
        item.delete.as_mut(),
        item.patch.as_mut(),
    ]
    .into_iter()
    .flatten()
}

fn renamed(op: &Operation, suffix: &str) -> Operation {
    let mut op = op.clone();
    op.operation_id = op.operation_id.map(|id| format!("{id}_{suffix}"));
    op
}

impl Modify for Common {
    fn modify(&self, openapi: &mut OpenApi) {
        let paths = &mut openapi.paths.paths;
        for (alias, original) in ALIASES {
            if let Some(item) = paths.get(*original).cloned() {
                let mut item = item;
                for op in operations(&mut item) {
                    *op = renamed(op, "alias");
                }
                paths.insert((*alias).to_owned(), item);
            }
        }
        // Second methods: AMP clients call distributions/create with GET and POST.
        if let Some(item) = paths.get_mut("/api/assets/{uuid}/distributions/create") {
            item.post = item.get.as_ref().map(|op| renamed(op, "post"));
        }
        if let Some(item) = paths.get_mut("/api/managers/{id}/assets/{uuid}/remove") {
            item.put = item.post.as_ref().map(|op| renamed(op, "put"));
        }
        for (path, item) in paths.iter_mut() {
            for op in operations(item) {
                add_statuses(path, op);
            }
        }
    }
}

//! `distribute --all`: create, pay and confirm distributions until none is left.
//!
//! Each batch is one `GET assets/{uuid}/distributions/create/`, saved as
//! `distribution-<uuid>.json` in the journal directory with its own journal, then run like
//! `distribute -f` of that file. Before creating anything, unfinished journals of this asset
//! in that directory are resumed, so a crash in the middle of `--all` never pays a batch twice.
//!
//! The end is recognised tolerantly, because servers differ (amp-api.md §2.3: AMP "doesn't
//! return error code" when nothing is eligible): a non-200 answer whose body mentions
//! `nothing_to_distribute`, or a 200 answer that is `null`, `{}`, `[]` or has an empty
//! `map_address_amount`.

use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::api::ApiReply;
use crate::error::ConfirmError;
use crate::file::{CommandKind, DistributeFile};
use crate::journal::{journal_path, write_atomically, Journal, Stage};
use crate::ops::driver::execute_job;
use crate::ops::{Ctx, Job, Outcome};

/// The error code a server may use when no assignment is eligible.
pub const NOTHING_TO_DISTRIBUTE: &str = "nothing_to_distribute";

/// Whether a `distributions/create` answer means "nothing left".
pub fn is_nothing_to_distribute(reply: &ApiReply) -> bool {
    if reply.status != 200 {
        return reply.body.to_string().contains(NOTHING_TO_DISTRIBUTE);
    }
    match &reply.body {
        Value::Null => true,
        Value::Object(map) => {
            map.is_empty()
                || map
                    .get("map_address_amount")
                    .is_some_and(|m| m.as_object().is_some_and(serde_json::Map::is_empty))
        }
        Value::Array(list) => list.is_empty(),
        _ => false,
    }
}

/// Unconfirmed distribution journals of `asset_uuid` in `dir`, with their request files.
fn unfinished(dir: &Path, asset_uuid: &str) -> Result<Vec<PathBuf>, ConfirmError> {
    let io = |source| ConfirmError::Io {
        path: dir.to_owned(),
        source,
    };
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).map_err(io)? {
        let path = entry.map_err(io)?.path();
        let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
            continue;
        };
        let Some(request_name) = name.strip_suffix(".journal.json") else {
            continue;
        };
        let Some(journal) = Journal::load(&path)? else {
            continue;
        };
        let open = !matches!(journal.stage, Stage::Confirmed { .. });
        if open && journal.command == CommandKind::Distribute && journal.asset_uuid == asset_uuid {
            files.push(path.with_file_name(request_name));
        }
    }
    files.sort();
    Ok(files)
}

/// Runs one distribution file.
pub async fn run_file(ctx: &Ctx, path: &Path) -> Result<Outcome, ConfirmError> {
    let text = crate::file::read(path)?;
    let file = DistributeFile::parse(path, &text)?;
    execute_job(ctx, &Job::Distribute { file }, &journal_path(path), None).await
}

/// Resumes open batches, then creates and pays new ones until nothing is left.
pub async fn distribute_all(
    ctx: &Ctx,
    asset_uuid: &str,
    dir: &Path,
    first: Option<&Path>,
) -> Result<Vec<Outcome>, ConfirmError> {
    let mut outcomes = Vec::new();
    let mut pending = unfinished(dir, asset_uuid)?;
    if let Some(first) = first {
        let done = matches!(
            Journal::load(&journal_path(first))?.map(|j| j.stage),
            Some(Stage::Confirmed { .. })
        );
        if !done && !pending.iter().any(|p| p == first) && !first_is_settled(ctx, first).await? {
            pending.insert(0, first.to_owned());
        }
    }
    for path in pending {
        eprintln!("resuming distribution file {}", path.display());
        outcomes.push(run_file(ctx, &path).await?);
    }
    loop {
        let reply = ctx
            .api
            .get_reply(&format!("assets/{asset_uuid}/distributions/create/"))
            .await?;
        if is_nothing_to_distribute(&reply) {
            eprintln!(
                "nothing left to distribute ({} batch(es) done)",
                outcomes.len()
            );
            return Ok(outcomes);
        }
        let body = reply.ok("GET")?;
        let duuid = body
            .get("distribution_uuid")
            .and_then(Value::as_str)
            .unwrap_or("unknown")
            .to_owned();
        let path = dir.join(format!("distribution-{duuid}.json"));
        let text = serde_json::to_string_pretty(&body).unwrap_or_default();
        DistributeFile::parse(&path, &text)?;
        if let Some(Stage::Confirmed { .. }) = Journal::load(&journal_path(&path))?.map(|j| j.stage)
        {
            return Err(ConfirmError::DistributionRepeated {
                distribution_uuid: duuid,
            });
        }
        write_atomically(&path, text.as_bytes()).map_err(|source| ConfirmError::Io {
            path: path.clone(),
            source,
        })?;
        eprintln!(
            "batch {}: distribution {duuid} saved to {}",
            outcomes.len() + 1,
            path.display()
        );
        outcomes.push(run_file(ctx, &path).await?);
    }
}

/// A `-f` file given with `--all` that the server already reports distributed is skipped.
async fn first_is_settled(ctx: &Ctx, path: &Path) -> Result<bool, ConfirmError> {
    let text = crate::file::read(path)?;
    let file = DistributeFile::parse(path, &text)?;
    let reply = ctx
        .api
        .get(&format!("assets/{}/assignments", file.asset_uuid))
        .await?;
    let mine: Vec<&Value> = reply
        .as_array()
        .into_iter()
        .flatten()
        .filter(|a| {
            a.get("distribution_uuid").and_then(Value::as_str) == Some(&file.distribution_uuid)
        })
        .collect();
    Ok(mine.is_empty()
        || mine
            .iter()
            .any(|a| a.get("is_distributed").and_then(Value::as_bool) == Some(true)))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use serde_json::json;

    fn reply(status: u16, body: Value) -> ApiReply {
        ApiReply {
            url: "http://x/api/assets/u/distributions/create/".into(),
            status,
            body,
        }
    }

    #[test]
    fn every_spelling_of_nothing_to_distribute_ends_the_loop() {
        let done = [
            reply(400, json!({"code": "nothing_to_distribute"})),
            reply(404, json!({"error": {"code": "nothing_to_distribute"}})),
            reply(200, Value::Null),
            reply(200, json!({})),
            reply(200, json!([])),
            reply(
                200,
                json!({"command": "distribute", "map_address_amount": {}}),
            ),
        ];
        for r in done {
            assert!(is_nothing_to_distribute(&r), "{:?}", r.body);
        }
        let go_on = [
            reply(
                200,
                json!({"command": "distribute", "map_address_amount": {"el1a": 1}}),
            ),
            reply(500, json!({"detail": "database down"})),
            reply(401, json!({"detail": "no token"})),
        ];
        for r in go_on {
            assert!(!is_nothing_to_distribute(&r), "{:?}", r.body);
        }
    }
}

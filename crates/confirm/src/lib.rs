//! # tessera-confirm
//!
//! `tessera confirm`, the issuer-side tool that replaces Blockstream's
//! `blockstream-amp-confirm.py` (amp-api.md §4): it takes a request file the platform handed
//! out, checks the issuer's Elements node and the file the way the script does, makes the
//! transaction on the node (`reissueasset`, the AMP `sendmany`, `destroyamount`), waits for
//! confirmations and posts the confirmation body the script posts (§3.4–§3.7).
//!
//! What it adds is **crash safety** (design §4): a journal beside the request file records the
//! intent before anything is broadcast and the txid right after, so running the same command
//! again — after a crash, a timeout or a failed confirm POST — finds the transaction already
//! made and resumes instead of paying twice (rules in [`ops::driver`](crate::ops) and
//! [`journal`]). `distribute --all` loops over server-created distributions, each journaled.
//!
//! Entry points: [`ConfirmArgs`] (clap) and [`run`], which prints the outcome; [`execute`]
//! returns it instead. The test hook `TESSERA_CONFIRM_FAILPOINT` is described in
//! [`failpoint`].

pub mod api;
pub mod base_url;
pub mod cli;
pub mod error;
pub mod failpoint;
pub mod file;
pub mod journal;
pub mod lock;
pub mod node;
pub mod ops;
mod record;
pub mod wait;

use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use tessera_elements_rpc::{ElementsRpc, NodeUrl, Options};

pub use crate::base_url::{BaseUrl, DEFAULT_BASE_URL};
pub use crate::cli::{
    BurnArgs, ConfirmArgs, ConfirmCommand, DistributeArgs, ExistingReissuance, ReissueArgs,
    UpdateBlindersArgs,
};
pub use crate::error::ConfirmError;
pub use crate::file::{
    BurnFile, CommandKind, DistributeFile, OutPointRef, ReissueFile, CLIENT_SCRIPT_VERSION,
};
pub use crate::journal::{journal_path, Journal, Request, Stage};
pub use crate::ops::{Outcome, Status};

use crate::api::Api;
use crate::node::Node;
use crate::ops::driver::execute_job;
use crate::ops::{Ctx, Job, Sent};
use crate::wait::WaitSettings;

/// The lock file `distribute --all` holds in its journal directory (one `--all` run at a time).
pub const ALL_LOCK: &str = ".tessera-confirm-all.lock";

/// Runs `tessera confirm` and prints the outcome (text, or one JSON document with `json`).
/// The caller prints the error, if any, as one line on stderr and exits with
/// [`ConfirmError::exit_code`].
pub async fn run(args: ConfirmArgs, json: bool) -> Result<(), ConfirmError> {
    if args.verbose > 0 {
        let _ = tracing_subscriber::fmt()
            .with_writer(std::io::stderr)
            .with_max_level(tracing::Level::DEBUG)
            .try_init();
    }
    let outcomes = execute(args, json).await?;
    if json {
        let doc = serde_json::json!({"outcomes": outcomes});
        println!("{doc}");
    } else {
        for o in &outcomes {
            println!("{}", describe(o));
        }
    }
    Ok(())
}

/// One human line per outcome.
fn describe(o: &Outcome) -> String {
    let what = match &o.distribution_uuid {
        Some(d) => format!("{} of asset {} (distribution {d})", o.command, o.asset_uuid),
        None => format!("{} of asset {}", o.command, o.asset_uuid),
    };
    let txid = o.txid.map(|t| t.to_string()).unwrap_or_default();
    match o.status {
        Status::Confirmed if o.resumed => format!("{what}: resumed transaction {txid}, confirmed"),
        Status::Confirmed => format!("{what}: transaction {txid} confirmed"),
        Status::AlreadyConfirmed => format!("{what}: already confirmed ({txid}); nothing to do"),
        Status::BlindersUpdated => format!(
            "{what}: blinders of {txid} sent for outputs {:?}",
            o.updated_vouts
        ),
    }
}

/// Runs `tessera confirm` and returns what it did, without printing a summary.
/// `json` only turns off the progress bar.
pub async fn execute(args: ConfirmArgs, json: bool) -> Result<Vec<Outcome>, ConfirmError> {
    let node = NodeUrl::parse(&args.node_url)?;
    let node = Node::new(ElementsRpc::new(node, Options::default())?);
    node.preflight().await?;
    let wait = WaitSettings {
        confirmations: args.confirmations,
        poll_interval: args.poll_interval,
        timeout: args.timeout,
        progress_bar: !json && std::io::stdout().is_terminal(),
    };
    let login = |base: BaseUrl| {
        let (node, wait) = (node.clone(), wait);
        let (user, password) = (args.username.clone(), args.password.clone());
        async move {
            let api = Api::login(base, &user, &password).await?;
            Ok::<_, ConfirmError>(Ctx { node, api, wait })
        }
    };
    match &args.command {
        ConfirmCommand::Reissue(a) => {
            let file = ReissueFile::parse(&a.file, &file::read(&a.file)?)?;
            let ctx = login(file.base_url.clone()).await?;
            let existing = a.use_existing.map(|e| Sent {
                txid: e.txid,
                vin: Some(e.vin),
            });
            let job = Job::Reissue {
                file,
                split_token: a.have_split_reissuance_token,
            };
            Ok(vec![
                execute_job(&ctx, &job, &journal_path(&a.file), existing).await?,
            ])
        }
        ConfirmCommand::Burn(a) => {
            let file = BurnFile::parse(&a.file, &file::read(&a.file)?)?;
            let ctx = login(file.base_url.clone()).await?;
            let existing = a.use_existing.map(|txid| Sent { txid, vin: None });
            let job = Job::Burn { file };
            Ok(vec![
                execute_job(&ctx, &job, &journal_path(&a.file), existing).await?,
            ])
        }
        ConfirmCommand::Distribute(a) if a.all => {
            let (asset_uuid, base) = all_target(a)?;
            let dir = a
                .journal_dir
                .clone()
                .or_else(|| a.file.as_deref().and_then(Path::parent).map(Path::to_owned))
                .filter(|d| !d.as_os_str().is_empty())
                .unwrap_or_else(|| PathBuf::from("."));
            let _lock = lock::RunLock::acquire(dir.join(ALL_LOCK))?;
            let ctx = login(base).await?;
            ops::all::distribute_all(&ctx, &asset_uuid, &dir, a.file.as_deref()).await
        }
        ConfirmCommand::Distribute(a) => {
            let path = a.file.as_deref().ok_or(ConfirmError::Usage {
                option: "-f",
                reason: "distribute needs -f FILE (or --all)".to_owned(),
            })?;
            let file = DistributeFile::parse(path, &file::read(path)?)?;
            let ctx = login(file.base_url.clone()).await?;
            let existing = a.use_existing.map(|txid| Sent { txid, vin: None });
            let job = Job::Distribute { file };
            Ok(vec![
                execute_job(&ctx, &job, &journal_path(path), existing).await?,
            ])
        }
        ConfirmCommand::UpdateBlinders(a) => {
            let base = BaseUrl::parse(&a.base_url).map_err(|e| ConfirmError::Usage {
                option: "-b/--base-url",
                reason: e.to_string(),
            })?;
            let ctx = login(base).await?;
            Ok(vec![
                ops::update_blinders::update_blinders(&ctx, &a.asset_uuid).await?,
            ])
        }
    }
}

/// The asset and API of `distribute --all`: from `-f FILE`, or `-a` and `-b`.
fn all_target(a: &DistributeArgs) -> Result<(String, BaseUrl), ConfirmError> {
    if let Some(path) = &a.file {
        let file = DistributeFile::parse(path, &file::read(path)?)?;
        return Ok((file.asset_uuid, file.base_url));
    }
    let asset_uuid = a.asset_uuid.clone().ok_or(ConfirmError::Usage {
        option: "--all",
        reason: "give -f FILE or -a ASSET_UUID".to_owned(),
    })?;
    let base = a.base_url.as_deref().unwrap_or(DEFAULT_BASE_URL);
    let base = BaseUrl::parse(base).map_err(|e| ConfirmError::Usage {
        option: "-b/--base-url",
        reason: e.to_string(),
    })?;
    Ok((asset_uuid, base))
}

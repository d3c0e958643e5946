//! `tessera issuer add`: create issuer accounts from the command line.
//!
//! Opens the same store as `serve` (SQLite allows a second writer while the server runs),
//! so no running server is needed.

use super::store_args::StoreArgs;
use crate::Output;
use anyhow::{bail, Context};
use clap::{Args, Subcommand};
use std::io::IsTerminal;
use std::path::PathBuf;
use std::sync::Arc;
use tessera_app::{App, AuthConfig, Password, SyntaxOnlyAccounts, SystemClock};
use tessera_core::Username;

/// Issuer subcommands.
#[derive(Debug, Subcommand)]
pub enum IssuerCommand {
    /// Create an issuer account that can log in to the API.
    ///
    /// Example: tessera issuer add --username acme --password-file ./pw.txt
    Add(AddArgs),
}

/// Flags of `tessera issuer add`.
#[derive(Debug, Args)]
pub struct AddArgs {
    #[command(flatten)]
    store: StoreArgs,
    /// Login name (3 to 150 letters, digits and @.+-_).
    #[arg(long)]
    username: String,
    /// Read the password from this file (first line). Prompted for when omitted.
    #[arg(long)]
    password_file: Option<PathBuf>,
}

/// Runs an issuer subcommand.
pub async fn run(cmd: IssuerCommand, out: Output) -> anyhow::Result<()> {
    match cmd {
        IssuerCommand::Add(args) => add(args, out).await,
    }
}

async fn add(args: AddArgs, out: Output) -> anyhow::Result<()> {
    let username = Username::parse(&args.username)?;
    let password = read_password(args.password_file.as_deref())?;
    let store = tessera_store::open(&args.store.config())
        .await
        .context("cannot open the store")?;
    let app = App::new(
        store,
        Arc::new(SystemClock),
        Arc::new(SyntaxOnlyAccounts),
        AuthConfig::default(),
    );
    let issuer = app.create_issuer(&username, &password).await?;
    out.result(
        &format!("Created issuer {} (id {})", issuer.username, issuer.id),
        serde_json::json!({ "id": issuer.id.0, "username": issuer.username.as_str() }),
    );
    Ok(())
}

fn read_password(file: Option<&std::path::Path>) -> anyhow::Result<Password> {
    if let Some(path) = file {
        let text = std::fs::read_to_string(path)
            .with_context(|| format!("cannot read password file {}", path.display()))?;
        let line = text.lines().next().unwrap_or_default();
        return Ok(Password::new(line));
    }
    if !std::io::stdin().is_terminal() {
        bail!("no terminal to prompt for a password; pass --password-file FILE");
    }
    let first = rpassword::prompt_password("Password: ")?;
    let again = rpassword::prompt_password("Password again: ")?;
    if first != again {
        bail!("the two passwords differ; run the command again");
    }
    Ok(Password::new(first))
}

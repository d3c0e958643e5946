//! `tessera wallet`: the investor's managed-account client.
//!
//! The wallet keeps the investor's key (a BIP39 mnemonic) in its directory and nothing
//! else secret; the Tessera server co-signs and is the only one that hands out the
//! account's addresses, so it can follow every holding.

mod client;
mod files;
mod send;

pub use send::{investor_resign, signed_transfer, SendRequest};

use crate::Output;
use anyhow::{bail, Context};
use clap::{Args, Subcommand};
use client::Server;
use files::{WalletDir, WalletFile};
use serde_json::json;
use std::io::IsTerminal;
use std::path::PathBuf;
use std::str::FromStr;
use tessera_api_types as api;
use tessera_custody::{AccountKey, Challenge, InvestorKeys, InvestorMnemonic, Network, WordCount};

/// Flags shared by every wallet command.
#[derive(Debug, Args)]
pub struct WalletArgs {
    /// Directory of the wallet (its key and account data).
    #[arg(
        long,
        env = "TESSERA_WALLET_DIR",
        default_value = "./tessera-wallet",
        visible_alias = "data-dir",
        global = true
    )]
    wallet_dir: PathBuf,
    /// File whose first line is the passphrase that encrypts the wallet's mnemonic.
    #[arg(long, global = true)]
    passphrase_file: Option<PathBuf>,
    /// What to do.
    #[command(subcommand)]
    command: WalletCommand,
}

/// Wallet subcommands.
#[derive(Debug, Subcommand)]
pub enum WalletCommand {
    /// Create a managed account on a Tessera server and print its GAID.
    ///
    /// Makes a new recovery phrase (shown once: write it down), registers the 2-of-2
    /// account with the server's co-signer and saves the wallet in --wallet-dir.
    /// Example: tessera wallet create --server http://127.0.0.1:8080 --encrypt
    Create {
        /// Base URL of the Tessera server.
        #[arg(long, env = "TESSERA_SERVER")]
        server: String,
        /// Length of the recovery phrase.
        #[arg(long, default_value = "12", value_parser = ["12", "24"])]
        words: String,
        /// Encrypt the recovery phrase with a passphrase (from --passphrase-file, the
        /// TESSERA_WALLET_PASSPHRASE variable, or a prompt).
        #[arg(long)]
        encrypt: bool,
    },
    /// Get a fresh receiving address of the account from the server.
    Receive,
    /// Show the account's balances by asset.
    Balance,
    /// Show the account's GAID and descriptor.
    Show,
    /// Pay an asset to an address; the platform checks the asset's rules and co-signs.
    ///
    /// Prints the txid once the platform has co-signed and broadcast the transfer, or its
    /// reason for refusing (exit status 1).
    /// Example: tessera wallet send --asset <asset id or uuid> --to <address> --amount 1.5
    Send {
        /// Asset id or asset uuid.
        #[arg(long)]
        asset: String,
        /// Receiving confidential address (from the receiver's `wallet receive`).
        #[arg(long)]
        to: String,
        /// Amount in the asset's precision (e.g. 1.5 for an asset with 2 decimals).
        #[arg(long)]
        amount: String,
    },
}

/// Runs a wallet subcommand.
pub async fn run(args: WalletArgs, out: Output) -> anyhow::Result<()> {
    let dir = WalletDir(args.wallet_dir.clone());
    match args.command {
        WalletCommand::Create {
            server,
            words,
            encrypt,
        } => {
            create(
                &dir,
                &server,
                words,
                encrypt,
                args.passphrase_file.as_deref(),
                out,
            )
            .await
        }
        WalletCommand::Receive => {
            let a = receive(&dir, args.passphrase_file.as_deref()).await?;
            out.result(
                &a.address,
                json!({ "address": a.address, "index": a.index }),
            );
            Ok(())
        }
        WalletCommand::Send { asset, to, amount } => {
            let request = send::SendRequest { asset, to, amount };
            send::send(&dir, args.passphrase_file.as_deref(), request, out).await
        }
        WalletCommand::Balance => balance(&dir, args.passphrase_file.as_deref(), out).await,
        WalletCommand::Show => {
            let wallet = dir.load()?;
            out.result(
                &format!(
                    "GAID {}\nserver {}\nnetwork {}\ndescriptor {}",
                    wallet.gaid, wallet.server, wallet.network, wallet.descriptor
                ),
                serde_json::to_value(&wallet)?,
            );
            Ok(())
        }
    }
}

/// A fresh receiving address of the account, from the server.
async fn receive(
    dir: &WalletDir,
    passphrase_file: Option<&std::path::Path>,
) -> anyhow::Result<api::AddressResponse> {
    let server = login(dir, passphrase_file).await?;
    server.post("wallet/address", json!({})).await
}

/// Creates an unencrypted wallet in `dir` on `server` without printing; returns its GAID
/// (`tessera demo`'s investors).
pub async fn create_quietly(dir: &std::path::Path, server: &str) -> anyhow::Result<String> {
    let dir = WalletDir(dir.to_path_buf());
    create(&dir, server, "12".into(), false, None, Output::silent()).await?;
    Ok(dir.load()?.gaid)
}

/// A fresh receiving address of the (unencrypted) wallet in `dir`.
pub async fn receive_quietly(dir: &std::path::Path) -> anyhow::Result<String> {
    Ok(receive(&WalletDir(dir.to_path_buf()), None).await?.address)
}

/// `wallet send` from the (unencrypted) wallet in `dir`, without printing.
pub async fn send_quietly(dir: &std::path::Path, request: SendRequest) -> anyhow::Result<()> {
    send::send(
        &WalletDir(dir.to_path_buf()),
        None,
        request,
        Output::silent(),
    )
    .await
}

async fn create(
    dir: &WalletDir,
    server_url: &str,
    words: String,
    encrypt: bool,
    passphrase_file: Option<&std::path::Path>,
    out: Output,
) -> anyhow::Result<()> {
    if dir.exists() {
        bail!(
            "a wallet already exists in {}; use another --wallet-dir",
            dir.0.display()
        );
    }
    let passphrase = if encrypt {
        Some(new_passphrase(passphrase_file)?)
    } else {
        None
    };
    let server = Server::new(server_url)?;
    let key: api::CosignerKey = server.post("wallet/cosigner-key", json!({})).await?;
    let network = Network::from_str(&key.network).map_err(|e| anyhow::anyhow!("{e}"))?;
    let platform =
        AccountKey::from_str(&key.key).map_err(|e| anyhow::anyhow!("server key: {e}"))?;
    let count = if words == "24" {
        WordCount::TwentyFour
    } else {
        WordCount::Twelve
    };
    let mnemonic = InvestorMnemonic::generate(count)?;
    let keys = InvestorKeys::from_mnemonic(&mnemonic, "", network)?;
    let descriptor = keys.descriptor(&platform)?;
    let account: api::Account = server
        .post(
            "wallet/accounts",
            json!({ "descriptor": descriptor.as_str(), "cosigner_index": key.cosigner_index }),
        )
        .await?;
    let phrase = secrecy::ExposeSecret::expose_secret(&mnemonic.phrase()).to_owned();
    let wallet = WalletFile {
        server: server_url.to_owned(),
        network: network.as_str().to_owned(),
        gaid: account.gaid.clone(),
        descriptor: account.descriptor,
    };
    dir.save(&wallet, &phrase, passphrase.as_deref())?;
    out.result(
        &format!(
            "Created managed account {gaid}\n\nRecovery phrase (write it down now; it is not shown again):\n  {phrase}\n\nWallet saved in {}",
            dir.0.display(),
            gaid = account.gaid
        ),
        json!({ "gaid": account.gaid, "mnemonic": phrase, "wallet_dir": dir.0 }),
    );
    Ok(())
}

/// Logs in with the wallet's key: signs the server's challenge, returns an authenticated
/// client.
async fn login(
    dir: &WalletDir,
    passphrase_file: Option<&std::path::Path>,
) -> anyhow::Result<Server> {
    let wallet = dir.load()?;
    let passphrase = if dir.is_encrypted()? {
        Some(read_passphrase(passphrase_file)?)
    } else {
        None
    };
    let phrase = dir.phrase(passphrase.as_deref())?;
    let network = Network::from_str(&wallet.network).map_err(|e| anyhow::anyhow!("{e}"))?;
    let mnemonic = InvestorMnemonic::parse(&phrase)?;
    let keys = InvestorKeys::from_mnemonic(&mnemonic, "", network)?;
    let server = Server::new(&wallet.server)?;
    let c: api::ChallengeResponse = server
        .post("wallet/challenge", json!({ "gaid": wallet.gaid }))
        .await?;
    let challenge =
        Challenge::from_str(&c.challenge).map_err(|e| anyhow::anyhow!("server challenge: {e}"))?;
    let signature = keys.sign_challenge(&challenge)?;
    let t: api::TokenResponse = server
        .post(
            "wallet/login",
            json!({ "gaid": wallet.gaid, "challenge": c.challenge, "signature": signature.to_string() }),
        )
        .await
        .context("login refused")?;
    Ok(server.with_token(t.token))
}

async fn balance(
    dir: &WalletDir,
    passphrase_file: Option<&std::path::Path>,
    out: Output,
) -> anyhow::Result<()> {
    let server = login(dir, passphrase_file).await?;
    let assets: Vec<api::WalletAsset> = server.get("wallet/assets").await?;
    let lines: Vec<String> = assets
        .iter()
        .map(|a| {
            let name = match (&a.ticker, a.is_policy_asset) {
                (_, true) => "L-BTC".to_owned(),
                (Some(t), false) => t.clone(),
                (None, false) => a.asset_id.clone(),
            };
            format!("{name}  {}", decimal(a.balance, a.precision))
        })
        .collect();
    let text = if lines.is_empty() {
        "no holdings".to_owned()
    } else {
        lines.join("\n")
    };
    out.result(&text, serde_json::to_value(&assets)?);
    Ok(())
}

/// Base units shown with `precision` decimals, exactly.
fn decimal(units: u64, precision: u8) -> String {
    let p = u32::from(precision.min(8));
    if p == 0 {
        return units.to_string();
    }
    let scale = 10u64.pow(p);
    format!(
        "{}.{:0width$}",
        units / scale,
        units % scale,
        width = p as usize
    )
}

fn read_passphrase(file: Option<&std::path::Path>) -> anyhow::Result<String> {
    if let Some(path) = file {
        let text = std::fs::read_to_string(path)
            .with_context(|| format!("cannot read {}", path.display()))?;
        return Ok(text.lines().next().unwrap_or_default().to_owned());
    }
    if let Ok(p) = std::env::var("TESSERA_WALLET_PASSPHRASE") {
        return Ok(p);
    }
    if !std::io::stdin().is_terminal() {
        bail!(
            "the wallet is encrypted; pass --passphrase-file FILE or set TESSERA_WALLET_PASSPHRASE"
        );
    }
    Ok(rpassword::prompt_password("Wallet passphrase: ")?)
}

fn new_passphrase(file: Option<&std::path::Path>) -> anyhow::Result<String> {
    let first = if file.is_some() || std::env::var("TESSERA_WALLET_PASSPHRASE").is_ok() {
        read_passphrase(file)?
    } else {
        if !std::io::stdin().is_terminal() {
            bail!("--encrypt needs a passphrase: pass --passphrase-file FILE or set TESSERA_WALLET_PASSPHRASE");
        }
        let a = rpassword::prompt_password("New wallet passphrase: ")?;
        let b = rpassword::prompt_password("Again: ")?;
        if a != b {
            bail!("the two passphrases differ; run the command again");
        }
        a
    };
    if first.chars().count() < 8 {
        bail!("the wallet passphrase must have at least 8 characters");
    }
    Ok(first)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimals_follow_the_precision() {
        assert_eq!(decimal(150, 2), "1.50");
        assert_eq!(decimal(150, 0), "150");
        assert_eq!(decimal(1, 8), "0.00000001");
    }
}

//! The demo's example data, made through the platform's own paths: the app's use cases
//! for the issuer's actions, `tessera wallet` for the investors' managed accounts and
//! transfers, and `tessera confirm` (in-process) to pay and confirm on the devnet.

use super::super::serve::Started;
use super::USERNAME;
use anyhow::{anyhow, Context};
use clap::Parser;
use rand::RngCore;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use tessera_app::assets::IssueRequest;
use tessera_app::{App, Password};
use tessera_core::{
    Amount, AssetKind, AssetName, AssetUuid, CategoryDescription, Domain, IssuerId, IssuerPubkey,
    Name, NewAssignment, NewCategory, NewRegisteredUser, Precision, Ticker, Username,
};
use tessera_elements_rpc::{ElementsRpc, NodeUrl, Options, Sats};
use tessera_store::AssetFlags;

/// What the demo made, kept in `demo/seeded.json` so a restart prints the same login.
#[derive(Debug, Serialize, Deserialize)]
pub struct Seeded {
    /// The demo issuer's password.
    pub password: String,
    /// The issuer's own wallet on the devnet (for `tessera confirm -n`).
    pub issuer_wallet_url: String,
    /// `(ticker, uuid)` of the assets.
    pub assets: Vec<(String, String)>,
    /// Wallet directories of the investors (for `tessera wallet --wallet-dir`).
    pub investor_wallets: Vec<PathBuf>,
}

/// A registry-contract key for the demo's assets (any valid compressed key does).
const PUBKEY: &str = "02a1633cafcc01ebfb6d78e39f687a1f0995c62fc95f51ead10a02ee0be551b5dc";

const FIRST: [&str; 16] = [
    "Ada", "Bruno", "Chiara", "Dmitri", "Elena", "Farid", "Greta", "Hiro", "Ines", "Jonas",
    "Kemal", "Lucia", "Mateo", "Nadia", "Oskar", "Priya",
];
const LAST: [&str; 8] = [
    "Almeida", "Bauer", "Costa", "Dubois", "Eriksen", "Fischer", "Greco", "Horvat",
];
const COMPANIES: [&str; 6] = [
    "Alpine Capital AG",
    "Baltic Ventures OÜ",
    "Corvo Family Office",
    "Delta Pension Fund",
    "Ember Holdings Ltd",
    "Fjord Asset Partners",
];

/// Mines a block every 250 ms while alive, so confirmations come quickly.
struct Miner(Arc<AtomicBool>);

impl Miner {
    fn start(node: ElementsRpc, address: String) -> Self {
        let stop = Arc::new(AtomicBool::new(false));
        let flag = stop.clone();
        tokio::spawn(async move {
            while !flag.load(Ordering::Relaxed) {
                let _ = node.generate_to_address(1, &address).await;
                tokio::time::sleep(std::time::Duration::from_millis(250)).await;
            }
        });
        Self(stop)
    }
}

impl Drop for Miner {
    fn drop(&mut self) {
        self.0.store(true, Ordering::Relaxed);
    }
}

fn random_password() -> String {
    let mut bytes = [0u8; 9];
    rand::thread_rng().fill_bytes(&mut bytes);
    format!("demo-{}", hex::encode(bytes))
}

/// Fills the platform (first start of the demo only).
pub async fn seed(s: &Started, dir: &Path, investors: usize) -> anyhow::Result<Seeded> {
    let app = &s.app;
    let password = random_password();
    let issuer = app
        .create_issuer(
            &Username::parse(USERNAME)?,
            &Password::new(password.clone()),
        )
        .await
        .context("the demo issuer")?
        .id;
    let node = ElementsRpc::new(NodeUrl::parse(&s.node_url)?, Options::default())?;
    node.create_wallet("demo", &Default::default())
        .await
        .context("createwallet demo")?;
    let wallet = node.wallet("demo");
    let server_wallet = node.wallet(super::super::chain::SERVER_WALLET);
    let to = wallet.get_new_address().await?;
    server_wallet
        .send_to_address(&to, Sats::from_sat(5_000_000_000), None)
        .await?;
    let _miner = Miner::start(node.clone(), server_wallet.get_new_address().await?);
    let issuer_wallet_url = format!("{}wallet/demo", ensure_slash(&s.node_url));

    let shares = issue(
        app,
        issuer,
        &wallet,
        "Demo Shares",
        "DEMO",
        0,
        1_000_000,
        false,
    )
    .await?;
    let bond = issue(
        app,
        issuer,
        &wallet,
        "Demo Green Bond",
        "DGB",
        2,
        50_000_000,
        true,
    )
    .await?;
    let accredited = category(
        app,
        issuer,
        "Accredited investors",
        "Passed the accreditation check",
    )
    .await?;
    let eu = category(
        app,
        issuer,
        "EU residents",
        "Resident in the European Union",
    )
    .await?;
    app.set_requirement(issuer, accredited, bond, true).await?;

    let mut users = Vec::new();
    let mut wallets = Vec::new();
    let mut gaids = Vec::new();
    for i in 0..investors {
        let name = if i % 6 == 5 {
            COMPANIES[(i / 6) % COMPANIES.len()].to_owned()
        } else {
            format!("{} {}", FIRST[i % FIRST.len()], LAST[(i / 2) % LAST.len()])
        };
        let name = if i >= FIRST.len() * 2 {
            format!("{name} {}", i + 1)
        } else {
            name
        };
        let wallet_dir = dir.join("wallets").join(format!("investor-{:02}", i + 1));
        let gaid = crate::commands::wallet::create_quietly(&wallet_dir, &s.base_url).await?;
        let mut categories = Vec::new();
        if i % 3 != 2 {
            categories.push(accredited);
        }
        if i % 2 == 0 {
            categories.push(eu);
        }
        let new = NewRegisteredUser {
            name: Name::parse(&name)?,
            is_company: i % 6 == 5,
            gaid: Some(tessera_core::Gaid::parse(&gaid)?),
        };
        let actor = tessera_app::Actor::Issuer(issuer);
        let user = app.add_registered_user(&actor, &new, &categories).await?;
        users.push((user.id, i % 3 != 2));
        wallets.push(wallet_dir);
        gaids.push(gaid);
    }

    // Shares: a grant each, a quarter of them vesting monthly over the next year.
    let now = app.now();
    let month = 30 * 24 * 3600;
    let mut grants = Vec::new();
    for (i, (user, _)) in users.iter().enumerate() {
        let amount = Amount::from_units(1_000 * (1 + (i as u64 * 7) % 13))?;
        grants.push(NewAssignment::new(*user, amount, None, true)?);
        if i % 4 == 0 {
            for k in 1..=6 {
                let tranche = Amount::from_units(500)?;
                grants.push(NewAssignment::new(
                    *user,
                    tranche,
                    Some(now + k * 2 * month),
                    true,
                )?);
            }
        }
    }
    app.create_assignments(issuer, shares, &grants).await?;
    // The bond: accredited investors only (its requirement), not yet distributed.
    let bond_grants: Vec<_> = users
        .iter()
        .filter(|(_, accredited)| *accredited)
        .map(|(u, _)| {
            NewAssignment::new(
                *u,
                Amount::from_units(250_000).unwrap_or(Amount::ZERO),
                None,
                true,
            )
        })
        .collect::<Result<_, _>>()?;
    app.create_assignments(issuer, bond, &bond_grants).await?;

    let base = format!("{}/api/{{}}", s.base_url);
    let (asset, d) = app.create_distribution(issuer, shares).await?;
    let file = tessera_server::files::distribution_file(&asset, &d, base.clone());
    confirm(
        dir,
        &password,
        &issuer_wallet_url,
        "distribute",
        &serde_json::to_value(file)?,
    )
    .await?;

    // Transfers between investors (each sender gets L-BTC for the fee first).
    let shares_id = asset.asset_id.to_string();
    let pairs = [(0usize, 1usize), (3, 4), (5, 1)];
    for (from, _) in pairs {
        let fee_address = crate::commands::wallet::receive_quietly(&wallets[from]).await?;
        server_wallet
            .send_to_address(&fee_address, Sats::from_sat(1_000_000), None)
            .await?;
    }
    for (from, to) in pairs {
        wait_until_spendable(app, &gaids[from], &shares_id).await?;
        let receive = crate::commands::wallet::receive_quietly(&wallets[to]).await?;
        let request = crate::commands::wallet::SendRequest {
            asset: shares_id.clone(),
            to: receive,
            amount: "250".into(),
        };
        crate::commands::wallet::send_quietly(&wallets[from], request)
            .await
            .context("a demo transfer")?;
    }

    let (asset, r, tokens) = app.request_reissuance(issuer, shares, 100_000).await?;
    let file = tessera_server::files::reissue_file(&asset, &r, &tokens, base.clone());
    confirm(
        dir,
        &password,
        &issuer_wallet_url,
        "reissue",
        &serde_json::to_value(file)?,
    )
    .await?;
    let (asset, b, outputs) = app.request_burn(issuer, shares, 5_000).await?;
    let file = tessera_server::files::burn_file(&asset, &b, &outputs, base);
    confirm(
        dir,
        &password,
        &issuer_wallet_url,
        "burn",
        &serde_json::to_value(file)?,
    )
    .await?;

    Ok(Seeded {
        password,
        issuer_wallet_url,
        assets: vec![
            ("DEMO".into(), shares.to_string()),
            ("DGB".into(), bond.to_string()),
        ],
        investor_wallets: wallets,
    })
}

fn ensure_slash(url: &str) -> String {
    if url.ends_with('/') {
        url.to_owned()
    } else {
        format!("{url}/")
    }
}

#[allow(clippy::too_many_arguments)]
async fn issue(
    app: &App,
    issuer: IssuerId,
    wallet: &ElementsRpc,
    name: &str,
    ticker: &str,
    precision: i64,
    amount: u64,
    restricted: bool,
) -> anyhow::Result<AssetUuid> {
    let request = IssueRequest {
        name: AssetName::parse(name)?,
        ticker: Ticker::parse(ticker)?,
        domain: Domain::parse("demo.example")?,
        pubkey: IssuerPubkey::parse(PUBKEY)?,
        precision: Precision::new(precision)?,
        amount: Amount::from_units(amount)?,
        destination_address: wallet.get_new_address().await?,
        is_confidential: true,
        is_reissuable: true,
        reissuance_amount: Amount::from_units(1)?,
        reissuance_address: None,
        kind: AssetKind::from_transfer_restricted(restricted),
    };
    let issued = app
        .issue_asset(issuer, request)
        .await
        .with_context(|| format!("issuing {ticker}"))?;
    let uuid = issued.asset.uuid;
    let flags = AssetFlags {
        is_authorized: Some(true),
        is_registered: Some(true),
        ..AssetFlags::default()
    };
    app.set_asset_flags(issuer, uuid, flags).await?;
    Ok(uuid)
}

async fn category(
    app: &App,
    issuer: IssuerId,
    name: &str,
    description: &str,
) -> anyhow::Result<tessera_core::CategoryId> {
    let new = NewCategory {
        name: Name::parse(name)?,
        description: CategoryDescription::parse(description)?,
    };
    Ok(app.add_category(issuer, &new).await?.id)
}

/// Waits (up to a minute) until the watcher has seen the account receive the asset and
/// some other asset (the L-BTC that pays its fee).
async fn wait_until_spendable(app: &App, gaid: &str, asset_id: &str) -> anyhow::Result<()> {
    let account = app
        .account_by_gaid(&tessera_core::Gaid::parse(gaid)?)
        .await?;
    for _ in 0..240 {
        let outputs = app.spendable_outputs(&account).await?;
        let has = |mine: bool| {
            outputs
                .iter()
                .any(|o| (o.output.asset_id == asset_id) == mine)
        };
        if has(true) && has(false) {
            return Ok(());
        }
        tokio::time::sleep(std::time::Duration::from_millis(250)).await;
    }
    Err(anyhow!("the watcher did not show {gaid}'s outputs in time"))
}

/// `tessera confirm COMMAND -f FILE`, in-process, against the issuer's wallet.
async fn confirm(
    dir: &Path,
    password: &str,
    node: &str,
    command: &str,
    file: &serde_json::Value,
) -> anyhow::Result<()> {
    #[derive(Parser)]
    struct Line {
        #[command(flatten)]
        args: tessera_confirm::ConfirmArgs,
    }
    let path = dir.join(format!("{command}.json"));
    std::fs::write(&path, serde_json::to_vec_pretty(file)?)?;
    let path_text = path.to_string_lossy().to_string();
    let line = Line::try_parse_from([
        "confirm",
        "-u",
        USERNAME,
        "-p",
        password,
        "-n",
        node,
        "--poll-interval",
        "0.25",
        "--timeout",
        "120",
        command,
        "-f",
        &path_text,
    ])?;
    tessera_confirm::execute(line.args, true)
        .await
        .map_err(|e| anyhow!("tessera confirm {command}: {e}"))?;
    Ok(())
}

//! The command line: the original script's (`-u -p -n [-v] COMMAND ...`), plus the waiting
//! options, `distribute --all` and a journal directory.
//!
//! `--json` is not defined here: the `tessera` binary has a global `--json` and passes it to
//! [`crate::run`]; the stand-alone `tessera-confirm` binary adds its own.

use std::path::PathBuf;
use std::str::FromStr;
use std::time::Duration;

use clap::{Args, Subcommand};
use elements::Txid;

const LONG_ABOUT: &str = "\
Carry out an AMP request on the issuer's Elements node and confirm it back to the platform.

The platform hands out a request file (reissue-request, distributions/create, burn-request).
This command checks the node (Elements Core >= 0.17.0.1, synced, wallet unlocked) and the file,
logs in to the API named by the file's base_url, makes the transaction (reissueasset,
sendmany, destroyamount), waits for --confirmations blocks and posts the confirmation.

Crash safety: before broadcasting it writes FILE.journal.json beside the request file, and the
txid right after. Running the same command again after a crash, a timeout or a failed report
never pays twice: it finds the transaction already made and resumes waiting and reporting.

Examples:
  tessera confirm -u issuer -n http://rpc:pass@127.0.0.1:18884/wallet/treasury \\
      distribute -f distribution.json
  TESSERA_CONFIRM_PASSWORD=... tessera confirm -u issuer -n URL reissue -f reissue.json
  tessera confirm -u issuer -p PW -n URL burn -f burn.json --use-existing TXID
  tessera confirm -u issuer -p PW -n URL distribute --all -a ASSET_UUID -b https://host/api/{}
  tessera confirm -u issuer -p PW -n URL update-blinders -a ASSET_UUID -b https://host/api/{}

Exit status: 0 when the platform has the confirmation (or already had it), 1 otherwise, with
one line on stderr saying what to do.";

/// `tessera confirm`: the whole command line.
#[derive(Debug, Clone, Args)]
#[command(
    about = "Carry out a reissue/distribute/burn request on your Elements node and confirm it to the platform",
    long_about = LONG_ABOUT
)]
pub struct ConfirmArgs {
    /// API user name.
    #[arg(short = 'u', long = "username")]
    pub username: String,
    /// API password (or set TESSERA_CONFIRM_PASSWORD).
    #[arg(
        short = 'p',
        long = "password",
        env = "TESSERA_CONFIRM_PASSWORD",
        hide_env_values = true
    )]
    pub password: String,
    /// Elements RPC URL with credentials: http://user:pass@host:port[/wallet/NAME].
    #[arg(short = 'n', long = "node-url")]
    pub node_url: String,
    /// Debug logging on stderr.
    #[arg(short = 'v', long = "verbose", action = clap::ArgAction::Count, global = true)]
    pub verbose: u8,
    /// Confirmations to wait for before reporting.
    #[arg(long, default_value_t = 2, global = true, value_parser = clap::value_parser!(u32).range(1..))]
    pub confirmations: u32,
    /// Seconds between confirmation polls (decimals allowed).
    #[arg(long = "poll-interval", value_name = "SECS", default_value = "15", global = true, value_parser = parse_secs)]
    pub poll_interval: Duration,
    /// Give up waiting after SECS (0: wait forever); a re-run resumes.
    #[arg(long, value_name = "SECS", default_value = "600", global = true, value_parser = parse_secs)]
    pub timeout: Duration,
    /// What to do.
    #[command(subcommand)]
    pub command: ConfirmCommand,
}

/// The sub-commands.
#[derive(Debug, Clone, Subcommand)]
pub enum ConfirmCommand {
    /// Reissue the asset (file from POST assets/{uuid}/reissue-request).
    Reissue(ReissueArgs),
    /// Pay a distribution (file from GET assets/{uuid}/distributions/create/).
    Distribute(DistributeArgs),
    /// Burn the asset (file from POST assets/{uuid}/burn-request).
    Burn(BurnArgs),
    /// Send the issuance's missing blinders to the platform.
    UpdateBlinders(UpdateBlindersArgs),
}

/// `reissue`.
#[derive(Debug, Clone, Args)]
pub struct ReissueArgs {
    /// The reissue request file.
    #[arg(short = 'f', long = "file")]
    pub file: PathBuf,
    /// The wallet holds only some of the reissuance token outputs.
    #[arg(long)]
    pub have_split_reissuance_token: bool,
    /// Confirm a reissuance already made: TXID:VIN.
    #[arg(long, value_name = "TXID:VIN")]
    pub use_existing: Option<ExistingReissuance>,
}

/// `distribute`.
#[derive(Debug, Clone, Args)]
pub struct DistributeArgs {
    /// The distribution file (with --all: optional, names asset and API).
    #[arg(short = 'f', long = "file", required_unless_present = "all")]
    pub file: Option<PathBuf>,
    /// Confirm a distribution already paid by TXID.
    #[arg(long, value_name = "TXID", conflicts_with = "all")]
    pub use_existing: Option<Txid>,
    /// Create, pay and confirm distributions until nothing is left to distribute.
    #[arg(long)]
    pub all: bool,
    /// With --all and no file: the asset.
    #[arg(short = 'a', long = "asset-uuid", requires = "all")]
    pub asset_uuid: Option<String>,
    /// With --all and no file: the API URL template (default https://amp.blockstream.com/api/{}).
    #[arg(short = 'b', long = "base-url", requires = "all")]
    pub base_url: Option<String>,
    /// With --all: where batch files and journals go (default: the file's folder, or .).
    #[arg(long, value_name = "DIR", requires = "all")]
    pub journal_dir: Option<PathBuf>,
}

/// `burn`.
#[derive(Debug, Clone, Args)]
pub struct BurnArgs {
    /// The burn request file.
    #[arg(short = 'f', long = "file")]
    pub file: PathBuf,
    /// Confirm a burn already made by TXID.
    #[arg(long, value_name = "TXID")]
    pub use_existing: Option<Txid>,
}

/// `update-blinders`.
#[derive(Debug, Clone, Args)]
pub struct UpdateBlindersArgs {
    /// The asset.
    #[arg(short = 'a', long = "asset-uuid")]
    pub asset_uuid: String,
    /// The API URL template.
    #[arg(short = 'b', long = "base-url", default_value = crate::base_url::DEFAULT_BASE_URL)]
    pub base_url: String,
}

/// `--use-existing TXID:VIN` of `reissue`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ExistingReissuance {
    /// The reissuance transaction.
    pub txid: Txid,
    /// Its reissuance input.
    pub vin: u32,
}

impl FromStr for ExistingReissuance {
    type Err = String;
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let (txid, vin) = text
            .split_once(':')
            .ok_or_else(|| format!("{text:?} is not TXID:VIN"))?;
        Ok(ExistingReissuance {
            txid: txid
                .parse()
                .map_err(|e| format!("{txid:?} is not a txid: {e}"))?,
            vin: vin
                .parse()
                .map_err(|e| format!("{vin:?} is not an input index: {e}"))?,
        })
    }
}

/// Parses seconds (`15`, `0.1`) into a duration.
pub fn parse_secs(text: &str) -> Result<Duration, String> {
    let secs: f64 = text
        .parse()
        .map_err(|_| format!("{text:?} is not a number of seconds"))?;
    if !secs.is_finite() || !(0.0..=1e9).contains(&secs) {
        return Err(format!("{text:?} is not a usable number of seconds"));
    }
    Ok(Duration::from_secs_f64(secs))
}

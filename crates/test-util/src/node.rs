//! A real Elements Core node on `elementsregtest`, started for a test and gone after it.
//!
//! The node runs under a small watchdog shell whose standard input is a pipe from the test
//! process: when the pipe closes — the [`ElementsNode`] is dropped, or the test process
//! ends in any way, even killed — the shell kills the node and removes its data directory.
//! So a node shared by a whole test binary ([`SharedNode`]) never outlives it either.
//! Flags are those the recorded fixtures were made with (`testdata/elements-rpc/README.md`);
//! wallets are descriptor wallets; the genesis anyone-can-spend coins (21M L-BTC) are swept
//! into the first wallet, split over several outputs so that parallel payments from it do
//! not chain unconfirmed transactions. The node mines only when asked.

use anyhow::{bail, Context};
use serde_json::{json, Value};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::str::FromStr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Once;
use std::time::{Duration, Instant};
use tessera_elements_rpc::{ElementsRpc, NodeUrl, Options};

const USER: &str = "user";
const PASSWORD: &str = "pass";
/// Outputs the genesis coins are split into (the last takes the remainder).
const SWEEP_OUTPUTS: usize = 21;

/// Kills the node when its standard input closes, then removes the data directory.
const WATCHDOG: &str = r#"dir=$1; shift
"$@" >"$dir/node.log" 2>&1 &
pid=$!
read -r _
kill -9 "$pid" 2>/dev/null
wait "$pid" 2>/dev/null
rm -rf "$dir""#;

static SKIPPED: Once = Once::new();

/// The `elementsd` named by `ELEMENTSD`. When unset, says once per test binary (on the
/// real stderr, not the captured one) that the real-node tests are skipped, and returns
/// `None`. A set but wrong path panics: CI must not skip silently.
pub fn elementsd() -> Option<PathBuf> {
    match std::env::var_os("ELEMENTSD").filter(|v| !v.is_empty()) {
        Some(path) => {
            let path = PathBuf::from(path);
            assert!(
                path.is_file(),
                "ELEMENTSD={} is not a file: point it at Elements Core 23.x's elementsd",
                path.display()
            );
            Some(path)
        }
        None => {
            SKIPPED.call_once(|| {
                let _ = writeln!(
                    std::io::stderr(),
                    "real-node tests skipped: ELEMENTSD is not set (see README, \"Real Elements node\")"
                );
            });
            None
        }
    }
}

/// A running `elementsd` with its wallets; stopped (killed) and removed on drop.
pub struct ElementsNode {
    watchdog: Child,
    stdin: Option<ChildStdin>,
    url: String,
    dir: PathBuf,
    wallets: Vec<String>,
    miner: String,
}

impl std::fmt::Debug for ElementsNode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ElementsNode")
            .field("url", &self.url)
            .field("dir", &self.dir)
            .finish()
    }
}

impl ElementsNode {
    /// Starts a node with descriptor wallets `wallets` (the first gets the free coins).
    /// Fails when `ELEMENTSD` is unset.
    pub async fn start(wallets: &[&str]) -> anyhow::Result<Self> {
        let binary = elementsd().context("ELEMENTSD is not set")?;
        let dir = tempfile::Builder::new()
            .prefix("tessera-elementsd-")
            .tempdir()?
            .keep();
        let (rpc_port, p2p_port) = (free_port()?, free_port()?);
        let mut watchdog = Command::new("sh")
            .arg("-c")
            .arg(WATCHDOG)
            .arg("sh")
            .arg(&dir)
            .arg(&binary)
            .args([
                "-chain=elementsregtest",
                "-validatepegin=0",
                "-initialfreecoins=2100000000000000",
                "-fallbackfee=0.00001",
                "-txindex=1",
                "-acceptnonstdtxn=0",
                "-rpcbind=127.0.0.1",
                "-rpcallowip=127.0.0.1",
                "-listen=0",
                "-server=1",
                "-printtoconsole=1",
            ])
            .arg(format!("-datadir={}", dir.display()))
            .arg(format!("-rpcuser={USER}"))
            .arg(format!("-rpcpassword={PASSWORD}"))
            .arg(format!("-rpcport={rpc_port}"))
            .arg(format!("-port={p2p_port}"))
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .context("cannot run sh for the elementsd watchdog")?;
        let stdin = watchdog.stdin.take();
        let mut node = ElementsNode {
            watchdog,
            stdin,
            url: format!("http://{USER}:{PASSWORD}@127.0.0.1:{rpc_port}"),
            dir,
            wallets: wallets.iter().map(|w| (*w).to_owned()).collect(),
            miner: String::new(),
        };
        node.prepare()
            .await
            .with_context(|| format!("elementsd log:\n{}", node.log_tail()))?;
        Ok(node)
    }

    async fn prepare(&mut self) -> anyhow::Result<()> {
        let rpc = self.rpc();
        let deadline = Instant::now() + Duration::from_secs(60);
        while rpc.call::<u64>("getblockcount", vec![]).await.is_err() {
            if let Ok(Some(status)) = self.watchdog.try_wait() {
                bail!("the elementsd watchdog exited ({status})");
            }
            if Instant::now() > deadline {
                bail!("elementsd did not answer on RPC within 60 s");
            }
            // The node gives no other sign of readiness than answering.
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        for name in &self.wallets {
            create_descriptor_wallet(&rpc, name).await?;
        }
        let bank = match self.wallets.first() {
            Some(first) => rpc.wallet(first),
            None => {
                create_descriptor_wallet(&rpc, "miner").await?;
                rpc.wallet("miner")
            }
        };
        self.miner = unconfidential_address(&bank).await?;
        sweep_free_coins(&rpc, &bank).await?;
        self.mine(1).await
    }

    /// `http://user:pass@127.0.0.1:PORT` (no wallet).
    pub fn url(&self) -> &str {
        &self.url
    }

    /// The URL of wallet `name`: `…/wallet/NAME`.
    pub fn wallet_url(&self, name: &str) -> String {
        format!("{}/wallet/{name}", self.url)
    }

    /// A new client of the node (no wallet selected). Each test makes its own: a client is
    /// bound to the runtime that first uses it.
    pub fn rpc(&self) -> ElementsRpc {
        let url = NodeUrl::parse(&self.url).unwrap_or_else(|e| panic!("{}: {e}", self.url));
        ElementsRpc::new(url, Options::default()).unwrap_or_else(|e| panic!("client: {e}"))
    }

    /// The wallet that holds the chain's free coins (the first one created).
    pub fn bank(&self) -> ElementsRpc {
        let first = self.wallets.first().map_or("miner", String::as_str);
        self.rpc().wallet(first)
    }

    /// Creates a descriptor wallet named `prefix-N`, unique on this node, and returns its
    /// name.
    pub async fn new_wallet(&self, prefix: &str) -> anyhow::Result<String> {
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let name = format!("{prefix}-{}", NEXT.fetch_add(1, Ordering::Relaxed));
        create_descriptor_wallet(&self.rpc(), &name).await?;
        Ok(name)
    }

    /// Pays `coins` L-BTC (decimal text) from the bank to a new address of `wallet` and mines
    /// the payment.
    pub async fn fund(&self, wallet: &str, coins: &str) -> anyhow::Result<()> {
        let to: String = self
            .rpc()
            .wallet(wallet)
            .call("getnewaddress", vec![])
            .await?;
        let amount = serde_json::Number::from_str(coins)?;
        let _: String = self
            .bank()
            .call("sendtoaddress", vec![json!(to), Value::Number(amount)])
            .await?;
        self.mine(1).await
    }

    /// Mines `blocks` blocks (to the bank; the chain pays no subsidy, only fees) and waits
    /// until the wallets have seen them.
    pub async fn mine(&self, blocks: u64) -> anyhow::Result<()> {
        let rpc = self.rpc();
        {
            let _one_miner = mining_lock().await;
            rpc.generate_to_address(blocks, &self.miner).await?;
        }
        wallets_caught_up(&rpc).await
    }

    /// An address to mine to.
    pub fn miner_address(&self) -> &str {
        &self.miner
    }

    /// The data directory (removed when the node stops).
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    fn log_tail(&self) -> String {
        let text = std::fs::read_to_string(self.dir.join("node.log")).unwrap_or_default();
        let lines: Vec<&str> = text.lines().collect();
        lines[lines.len().saturating_sub(20)..].join("\n")
    }
}

impl Drop for ElementsNode {
    fn drop(&mut self) {
        // Closing the pipe tells the watchdog to kill the node and remove its directory.
        drop(self.stdin.take());
        let _ = self.watchdog.wait();
    }
}

/// One node per test binary, started by the first test that asks and stopped when the
/// binary exits (its watchdog sees the pipe close).
pub struct SharedNode;

impl SharedNode {
    /// The binary's shared node (wallet `bank` holds the free coins), or `None` when
    /// `ELEMENTSD` is unset.
    pub async fn get() -> Option<&'static ElementsNode> {
        static NODE: tokio::sync::OnceCell<ElementsNode> = tokio::sync::OnceCell::const_new();
        elementsd()?;
        let node = NODE
            .get_or_init(|| async {
                ElementsNode::start(&["bank"])
                    .await
                    .unwrap_or_else(|e| panic!("cannot start the shared Elements node: {e:#}"))
            })
            .await;
        Some(node)
    }
}

/// Held while mining: two `generatetoaddress` calls at once on one node race for the same
/// tip and one fails ("ProcessNewBlock, block not accepted"), so tests sharing a node mine
/// one at a time.
pub async fn mining_lock() -> tokio::sync::MutexGuard<'static, ()> {
    static LOCK: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());
    LOCK.lock().await
}

/// Waits until the node's wallets have processed every block and transaction it accepted
/// so far: `generatetoaddress` returns before the wallets are told of the block, so a
/// wallet asked at once may not yet count its coins as confirmed.
pub async fn wallets_caught_up(rpc: &ElementsRpc) -> anyhow::Result<()> {
    let _: Value = rpc.call("syncwithvalidationinterfacequeue", vec![]).await?;
    Ok(())
}

async fn create_descriptor_wallet(rpc: &ElementsRpc, name: &str) -> anyhow::Result<()> {
    rpc.create_wallet(name, &Default::default())
        .await
        .with_context(|| format!("createwallet {name}"))?;
    Ok(())
}

async fn unconfidential_address(wallet: &ElementsRpc) -> anyhow::Result<String> {
    let address: String = wallet.call("getnewaddress", vec![]).await?;
    let info: Value = wallet.call("getaddressinfo", vec![json!(address)]).await?;
    info["unconfidential"]
        .as_str()
        .map(str::to_owned)
        .context("getaddressinfo without unconfidential")
}

/// Sweeps the genesis block's anyone-can-spend output (21M L-BTC, invisible to descriptor
/// wallets) into `bank`, split over [`SWEEP_OUTPUTS`] addresses.
async fn sweep_free_coins(rpc: &ElementsRpc, bank: &ElementsRpc) -> anyhow::Result<()> {
    let hash: String = rpc.call("getblockhash", vec![json!(0)]).await?;
    let genesis: Value = rpc.call("getblock", vec![json!(hash), json!(2)]).await?;
    let (txid, vout) = genesis["tx"]
        .as_array()
        .into_iter()
        .flatten()
        .find_map(|tx| {
            let out = tx["vout"]
                .as_array()?
                .iter()
                .find(|o| o["scriptPubKey"]["type"] == "true")?;
            Some((tx["txid"].clone(), out["n"].clone()))
        })
        .context("no anyone-can-spend output in the genesis block")?;
    // 21 000 000 coins: 20 outputs of 1 000 000, the rest, and a fee of 0.0001.
    let mut outputs = Vec::new();
    for i in 0..SWEEP_OUTPUTS {
        let amount = if i + 1 < SWEEP_OUTPUTS {
            "1000000"
        } else {
            "999999.9999"
        };
        let address = unconfidential_address(bank).await?;
        outputs.push(json!({ address: Value::Number(serde_json::Number::from_str(amount)?) }));
    }
    outputs.push(json!({ "fee": Value::Number(serde_json::Number::from_str("0.0001")?) }));
    let raw: String = rpc
        .call(
            "createrawtransaction",
            vec![
                json!([{ "txid": txid, "vout": vout }]),
                Value::Array(outputs),
            ],
        )
        .await?;
    let _: String = rpc.call("sendrawtransaction", vec![json!(raw)]).await?;
    Ok(())
}

fn free_port() -> anyhow::Result<u16> {
    let listener = std::net::TcpListener::bind("127.0.0.1:0")?;
    Ok(listener.local_addr()?.port())
}

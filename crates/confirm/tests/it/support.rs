//! A chain — a devnet on a loopback port, or a real Elements node — with an issuer holding
//! an asset and two receivers, plus helpers to build request files and run the tool while
//! blocks are mined.

use std::collections::BTreeMap;
use std::future::Future;
use std::path::{Path, PathBuf};
use std::time::Duration;

use clap::Parser;
use elements::{AssetId, Txid};
use serde_json::{json, Value};
use tessera_confirm::{ConfirmArgs, ConfirmError, Outcome};
use tessera_devnet::{Devnet, DevnetConfig};
use tessera_elements_rpc::{
    CreateWalletOptions, ElementsRpc, IssueAssetOptions, NodeUrl, Options, Sats, UnspentFilter,
};

use tessera_test_util::Chain;

use crate::mock_api::MockApi;

pub const ASSET_UUID: &str = "6f3c1b9e-0000-4000-8000-000000000001";

#[derive(Parser)]
struct TestCli {
    #[command(flatten)]
    args: ConfirmArgs,
}

pub struct World {
    pub dir: tempfile::TempDir,
    pub node_base: String,
    pub rpc: ElementsRpc,
    pub issuer: ElementsRpc,
    pub alice: ElementsRpc,
    pub bob: ElementsRpc,
    pub asset: AssetId,
    pub token: AssetId,
    pub issuance_txid: Txid,
    pub mine_to: String,
    pub api: MockApi,
    /// The node's name of each of this world's wallets (`issuer` → `issuer-7` on a node
    /// shared with other tests).
    names: BTreeMap<String, String>,
    chain: Chain,
}

impl World {
    /// [`World::start_on`] the devnet.
    pub async fn start() -> World {
        World::start_on(Chain::Devnet).await
    }

    /// Wallets issuer/alice/bob/miner on `chain`, 1000 of a new asset and 1 token in
    /// "issuer": on an in-process devnet, or on the test binary's real node with wallets of
    /// this world's own (named uniquely) and 50 L-BTC for the issuer's fees.
    pub async fn start_on(chain: Chain) -> World {
        let dir = tempfile::tempdir().unwrap();
        let mut names = BTreeMap::new();
        let node_base = match &chain {
            Chain::Devnet => {
                let devnet =
                    Devnet::open(DevnetConfig::new(dir.path().join("chain"), "u", "p")).unwrap();
                let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
                let addr = listener.local_addr().unwrap();
                tokio::spawn(devnet.serve(listener, std::future::pending()));
                let node_base = format!("http://u:p@{addr}");
                let rpc = ElementsRpc::new(NodeUrl::parse(&node_base).unwrap(), Options::default())
                    .unwrap();
                // The first wallet created on a devnet holds its free coins.
                for name in ["issuer", "alice", "bob", "miner"] {
                    rpc.create_wallet(name, &CreateWalletOptions::default())
                        .await
                        .unwrap();
                    names.insert(name.to_owned(), name.to_owned());
                }
                node_base
            }
            Chain::Real(node) => {
                for name in ["issuer", "alice", "bob", "miner"] {
                    names.insert(name.to_owned(), node.new_wallet(name).await.unwrap());
                }
                node.fund(&names["issuer"], "50").await.unwrap();
                node.url().to_owned()
            }
        };
        let rpc =
            ElementsRpc::new(NodeUrl::parse(&node_base).unwrap(), Options::default()).unwrap();
        let issuer = rpc.wallet(&names["issuer"]);
        let issued = issuer
            .issue_asset(coins("1000"), coins("1"), &IssueAssetOptions::default())
            .await
            .unwrap();
        let mine_to = rpc.wallet(&names["miner"]).get_new_address().await.unwrap();
        {
            let _one_miner = tessera_test_util::mining_lock().await;
            rpc.generate_to_address(1, &mine_to).await.unwrap();
        }
        chain.caught_up(&rpc).await;
        World {
            dir,
            node_base,
            alice: rpc.wallet(&names["alice"]),
            bob: rpc.wallet(&names["bob"]),
            rpc,
            issuer,
            asset: issued.asset,
            token: issued.token,
            issuance_txid: issued.txid,
            mine_to,
            api: MockApi::start().await,
            names,
            chain,
        }
    }

    /// The node's name of this world's wallet `wallet` (other names pass through).
    pub fn wallet_name<'a>(&'a self, wallet: &'a str) -> &'a str {
        self.names.get(wallet).map_or(wallet, String::as_str)
    }

    pub fn node_url(&self, wallet: &str) -> String {
        format!("{}/wallet/{}", self.node_base, self.wallet_name(wallet))
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// The command line (`-u -p -n` and fast waiting options) followed by `rest`.
    pub fn argv(&self, wallet: &str, rest: &[&str]) -> Vec<String> {
        let mut argv: Vec<String> = [
            "confirm",
            "-u",
            "issuer",
            "-p",
            "secret",
            "-n",
            &self.node_url(wallet),
            "--poll-interval",
            "0.05",
            "--timeout",
            "60",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        argv.extend(rest.iter().map(|s| s.to_string()));
        argv
    }

    /// Runs the tool in-process with `rest` after the global options, mining meanwhile.
    pub async fn run(&self, wallet: &str, rest: &[&str]) -> Result<Vec<Outcome>, ConfirmError> {
        let cli = TestCli::try_parse_from(self.argv(wallet, rest)).unwrap();
        self.mining_while(tessera_confirm::execute(cli.args, true))
            .await
    }

    /// Drives `fut` to completion while mining a block every 50 ms, so that the tool's
    /// confirmation wait (polling every 50 ms) sees its transaction confirm.
    pub async fn mining_while<F: Future>(&self, fut: F) -> F::Output {
        tokio::pin!(fut);
        loop {
            tokio::select! {
                out = &mut fut => return out,
                _ = tokio::time::sleep(Duration::from_millis(50)) => {
                    let _one_miner = tessera_test_util::mining_lock().await;
                    self.rpc.generate_to_address(1, &self.mine_to).await.unwrap();
                }
            }
        }
    }

    /// Writes a distribution file paying `recipients` (address, coins) and registers its
    /// assignments with the mock API.
    pub fn distribution_file(
        &self,
        name: &str,
        duuid: &str,
        recipients: &[(&str, &str)],
    ) -> PathBuf {
        let doc = self.distribution_doc(duuid, recipients);
        self.api.with(|d| {
            d.record_request(&doc);
            for (i, _) in recipients.iter().enumerate() {
                d.assignments.push(json!({
                    "id": d.assignments.len() + i + 1, "distribution_uuid": duuid,
                    "is_distributed": false, "amount": 1, "registered_user": 1
                }));
            }
        });
        let path = self.path(name);
        std::fs::write(&path, doc.to_string()).unwrap();
        path
    }

    pub fn distribution_doc(&self, duuid: &str, recipients: &[(&str, &str)]) -> Value {
        let amounts: serde_json::Map<String, Value> = recipients
            .iter()
            .map(|(a, c)| (a.to_string(), serde_json::from_str(c).unwrap()))
            .collect();
        let assets: serde_json::Map<String, Value> = recipients
            .iter()
            .map(|(a, _)| (a.to_string(), json!(self.asset.to_string())))
            .collect();
        json!({
            "command": "distribute", "min_supported_client_script_version": 2,
            "base_url": self.api.base_url, "asset_uuid": ASSET_UUID,
            "asset_id": self.asset.to_string(), "distribution_uuid": duuid,
            "map_address_amount": amounts, "map_address_asset": assets
        })
    }

    /// Writes a request file, and gives the mock server the record of it.
    pub fn write_json(&self, name: &str, doc: &Value) -> PathBuf {
        self.api.with(|d| d.record_request(doc));
        let path = self.path(name);
        std::fs::write(&path, doc.to_string()).unwrap();
        path
    }

    /// Unspent outputs of `asset` in `wallet` (mempool included).
    pub async fn utxos_of(&self, wallet: &ElementsRpc, asset: &AssetId) -> Vec<(Txid, Sats)> {
        self.chain.caught_up(&self.rpc).await;
        let filter = UnspentFilter {
            min_conf: Some(0),
            ..UnspentFilter::default()
        };
        wallet
            .list_unspent(&filter)
            .await
            .unwrap()
            .into_iter()
            .filter(|u| u.asset == *asset)
            .map(|u| (u.txid, u.amount))
            .collect()
    }

    /// The issuer's reissuance token outputs, as `{"txid", "vout"}` (a reissue file's
    /// `reissuance_utxos`).
    pub async fn token_outpoints(&self) -> Vec<Value> {
        self.issuer
            .call::<Vec<Value>>("listunspent", vec![])
            .await
            .unwrap()
            .into_iter()
            .filter(|u| u["asset"] == json!(self.token.to_string()))
            .map(|u| json!({"txid": u["txid"], "vout": u["vout"]}))
            .collect()
    }

    pub async fn balance(&self, wallet: &ElementsRpc, asset: &AssetId) -> Sats {
        self.chain.caught_up(&self.rpc).await;
        wallet
            .get_balance_with(0, false)
            .await
            .unwrap()
            .asset(asset)
            .unwrap_or_default()
    }
}

pub fn coins(text: &str) -> Sats {
    text.parse().unwrap()
}

pub fn p(path: &Path) -> &str {
    path.to_str().unwrap()
}

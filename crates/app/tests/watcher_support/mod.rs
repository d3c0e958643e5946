//! A devnet on a loopback port and a platform on a SQLite file, for the watcher tests.

use elements::AssetId;
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;
use tessera_app::watcher::ChainWatcher;
use tessera_app::{App, AuthConfig, FixedClock, StoreAccounts};
use tessera_core::{AddressChain, ManagedAccount};
use tessera_custody::{CosignerMaster, InvestorKeys, InvestorMnemonic, Network, WordCount};
use tessera_devnet::{Devnet, DevnetConfig};
use tessera_elements_rpc::{ElementsRpc, NodeUrl, Options, Recipient, Sats};
use tessera_store::{
    BlockChanges, BlockRef, LedgerRow, OwnerRef, SqliteStore, Store, TrackedOutput,
};
use tokio::sync::oneshot;

/// A devnet served on 127.0.0.1:0 with a funded wallet `funder`; stops when dropped.
pub struct Node {
    pub rpc: ElementsRpc,
    funder: ElementsRpc,
    miner: String,
    _stop: oneshot::Sender<()>,
    _dir: tempfile::TempDir,
}

impl Node {
    pub async fn start() -> Self {
        let dir = tempfile::tempdir().unwrap();
        let config = DevnetConfig::new(dir.path(), "u", "p");
        let devnet = tokio::task::spawn_blocking(move || Devnet::open(config))
            .await
            .unwrap()
            .unwrap();
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let (stop, stopped) = oneshot::channel::<()>();
        tokio::spawn(devnet.serve(listener, async {
            let _ = stopped.await;
        }));
        let url = NodeUrl::parse(&format!("http://u:p@{addr}/")).unwrap();
        let rpc = ElementsRpc::new(url, Options::default()).unwrap();
        // The first wallet receives the initial coins (and mines block 1).
        rpc.create_wallet("funder", &Default::default())
            .await
            .unwrap();
        let funder = rpc.wallet("funder");
        let miner = funder.get_new_address().await.unwrap();
        Self {
            rpc,
            funder,
            miner,
            _stop: stop,
            _dir: dir,
        }
    }

    /// The policy asset's id.
    pub fn lbtc(&self) -> String {
        tessera_devnet::policy_asset().to_string()
    }

    /// Issues `amount` of a new asset to the funder (confirmed).
    pub async fn issue(&self, amount: u64) -> AssetId {
        let issued = self
            .funder
            .issue_asset(
                Sats::from_sat(amount),
                Sats::from_sat(1),
                &Default::default(),
            )
            .await
            .unwrap();
        self.mine(1).await;
        issued.asset
    }

    /// Reissues `amount` more of `asset` (issued by [`Self::issue`]) to the funder (confirmed).
    pub async fn reissue(&self, asset: &AssetId, amount: u64) {
        self.funder
            .reissue_asset(asset, Sats::from_sat(amount))
            .await
            .unwrap();
        self.mine(1).await;
    }

    /// Pays `(address, amount, asset)` (None: L-BTC) in one transaction; like Elements'
    /// `sendmany`, one payment per address.
    pub async fn pay(&self, payments: &[(&str, u64, Option<AssetId>)]) -> elements::Txid {
        let distinct: std::collections::BTreeSet<&str> =
            payments.iter().map(|(a, _, _)| *a).collect();
        assert_eq!(distinct.len(), payments.len(), "one payment per address");
        let recipients: Vec<Recipient> = payments
            .iter()
            .map(|(address, amount, asset)| {
                Recipient::new(
                    *address,
                    Sats::from_sat(*amount),
                    asset.unwrap_or_else(tessera_devnet::policy_asset),
                )
            })
            .collect();
        self.funder.send_many(&recipients).await.unwrap()
    }

    pub async fn mine(&self, blocks: u64) {
        self.rpc
            .generate_to_address(blocks, &self.miner)
            .await
            .unwrap();
    }

    pub async fn height(&self) -> u64 {
        self.rpc.get_block_count().await.unwrap()
    }

    pub async fn tip_hash(&self) -> String {
        self.rpc.get_best_block_hash().await.unwrap().to_string()
    }
}

/// A registered managed account.
pub struct Account {
    pub account: ManagedAccount,
}

/// The platform: an app on a SQLite file, with its co-signer key.
pub struct Platform {
    pub app: App,
    pub store: Arc<dyn Store>,
    cosigner: Arc<CosignerMaster>,
    db: PathBuf,
    dir: tempfile::TempDir,
}

impl Platform {
    pub async fn new() -> Self {
        let dir = tempfile::tempdir().unwrap();
        let cosigner = Arc::new(CosignerMaster::generate(Network::ElementsRegtest).unwrap());
        Self::open(dir, cosigner).await
    }

    async fn open(dir: tempfile::TempDir, cosigner: Arc<CosignerMaster>) -> Self {
        let db = dir.path().join("tessera.db");
        let store: Arc<dyn Store> = Arc::new(SqliteStore::open_path(&db).await.unwrap());
        let app = App::new(
            store.clone(),
            Arc::new(FixedClock::new(1_800_000_000)),
            Arc::new(StoreAccounts(store.clone())),
            AuthConfig::default(),
        )
        .with_cosigner(cosigner.clone());
        Self {
            app,
            store,
            cosigner,
            db,
            dir,
        }
    }

    /// The same platform after a restart: everything in memory dropped, the database
    /// file and key kept.
    pub async fn restart(self) -> Self {
        let Self {
            app,
            store,
            cosigner,
            db,
            dir,
        } = self;
        drop(app);
        drop(store);
        assert!(db.exists());
        Self::open(dir, cosigner).await
    }

    /// Registers a new investor's account as the wallet API does.
    pub async fn account(&self) -> Account {
        let mnemonic = InvestorMnemonic::generate(WordCount::Twelve).unwrap();
        let keys = InvestorKeys::from_mnemonic(&mnemonic, "", Network::ElementsRegtest).unwrap();
        let (index, key) = self.app.new_cosigner_key().await.unwrap();
        assert_eq!(key, self.cosigner.account_key(index).unwrap());
        let descriptor = keys.descriptor(&key).unwrap();
        let account = self
            .app
            .register_account(descriptor.as_str(), index)
            .await
            .unwrap();
        Account { account }
    }

    /// Hands out the account's next receiving address.
    pub async fn address(&self, account: &Account) -> String {
        self.address_and_script(account).await.0
    }

    /// Hands out the account's next receiving address, with its script.
    pub async fn address_and_script(&self, account: &Account) -> (String, Vec<u8>) {
        let a = self
            .app
            .next_address(&account.account, AddressChain::External)
            .await
            .unwrap();
        (a.address, a.script_pubkey)
    }

    pub fn watcher(&self, node: &Node) -> ChainWatcher {
        ChainWatcher::new(self.app.clone(), node.rpc.clone())
    }

    /// Balances by asset id, from the ownership ledger.
    pub async fn balances(&self, account: &Account) -> BTreeMap<String, i64> {
        self.app
            .account_balances(&account.account)
            .await
            .unwrap()
            .into_iter()
            .collect()
    }

    /// Appends `count` made-up blocks after `fork`, the first crediting `amount` of
    /// `asset` to `account`: a branch the node never had.
    pub async fn apply_stale_blocks(
        &self,
        account: &Account,
        fork: u32,
        count: u32,
        asset: &str,
        amount: u64,
    ) {
        let owner = OwnerRef::Account {
            account: account.account.id,
            gaid: account.account.gaid.clone(),
        };
        let mut prev = self.store.block_at(fork).await.unwrap().unwrap().hash;
        for i in 1..=count {
            let height = fork + i;
            let hash = format!("{:064x}", 0xdead_0000u64 + u64::from(i));
            let txid = format!("{:064x}", 0xbeef_0000u64 + u64::from(i));
            let mut changes = BlockChanges {
                block: BlockRef {
                    height,
                    hash: hash.clone(),
                    prev_hash: prev.clone(),
                    time: 1_700_000_000,
                },
                outputs: Vec::new(),
                spends: Vec::new(),
                ledger: Vec::new(),
            };
            if i == 1 {
                changes.outputs.push(TrackedOutput {
                    txid: txid.clone(),
                    vout: 0,
                    owner: owner.clone(),
                    asset_id: asset.to_owned(),
                    amount,
                    asset_blinder: "0".repeat(64),
                    amount_blinder: "0".repeat(64),
                    script_pubkey: vec![0x00, 0x20, 0xff],
                    height,
                    spent_by: None,
                    spent_height: None,
                });
                changes.ledger.push(LedgerRow {
                    asset_id: asset.to_owned(),
                    owner: owner.clone(),
                    delta: i64::try_from(amount).unwrap(),
                    txid,
                    vout: 0,
                    height,
                    time: 1_700_000_000,
                });
            }
            self.store.apply_block(&changes).await.unwrap();
            prev = hash;
        }
    }
}

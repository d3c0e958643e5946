//! ABCompany's world: an issuer with an asset of shares, Alice and Bob as registered
//! users with managed accounts, Carol's account with no registered user, and blocks
//! built by hand and applied through `ChainStore::apply_block` (the chain watcher's own
//! entry point), so every ledger entry is known and the expected holdings can be
//! computed by hand.

use crate::harness::{spawn_app, TestApp};
use tessera_core::{
    Amount, Asset, AssetKind, AssetName, AssetUuid, Domain, Gaid, IssuanceOutpoints, IssuerId,
    IssuerPubkey, ManagedAccount, Name, NewManagedAccount, NewRegisteredUser, Precision, Ticker,
    Username,
};
use tessera_store::{BlockChanges, BlockRef, LedgerRow, OwnerRef, Spend, TrackedOutput};

pub const ASSET_ID: &str = "ab00000000000000000000000000000000000000000000000000000000000001";
pub const TREASURY_ADDRESS: &str = "ert1qtreasury";

/// A txid (hex) from a short name.
pub fn txid(n: u8) -> String {
    format!("{n:02x}").repeat(32)
}

/// The time of the fixture block at `height`.
pub fn block_time(height: u32) -> i64 {
    1_700_000_000 + i64::from(height) * 600
}

pub struct Holder {
    pub user: Option<i64>,
    pub account: ManagedAccount,
}

impl Holder {
    pub fn owner(&self) -> OwnerRef {
        OwnerRef::Account {
            account: self.account.id,
            gaid: self.account.gaid.clone(),
        }
    }
    pub fn gaid(&self) -> String {
        self.account.gaid.to_string()
    }
}

pub struct World {
    pub t: TestApp,
    pub token: String,
    pub issuer: IssuerId,
    pub uuid: AssetUuid,
    pub alice: Holder,
    pub bob: Holder,
    pub carol: Holder,
    next_height: u32,
}

fn gaid(i: u8) -> Gaid {
    Gaid::from_account_bytes([0x40 | i; 20]).unwrap()
}

/// ABCompany with `issued` shares (precision 0), and Alice, Bob and Carol.
pub async fn abcompany(issued: u64) -> World {
    let t = spawn_app().await;
    let token = t.issuer("abcompany").await;
    let store = &t.store;
    let issuer = store
        .issuer_credentials(&Username::parse("abcompany").unwrap())
        .await
        .unwrap()
        .unwrap()
        .issuer
        .id;
    let asset = Asset {
        uuid: AssetUuid::new_random(),
        issuer,
        asset_id: ASSET_ID.parse().unwrap(),
        reissuance_token_id: Some("cd".repeat(32).parse().unwrap()),
        name: AssetName::parse("ABCompany shares").unwrap(),
        ticker: Ticker::parse("ABCO").unwrap(),
        domain: Domain::parse("abcompany.example").unwrap(),
        pubkey: IssuerPubkey::parse(
            "0337cceec0beea0232ebe14cba0197a9fbd45fcf2ec946749de920e71434c2b904",
        )
        .unwrap(),
        precision: Precision::new(0).unwrap(),
        kind: AssetKind::TransferRestricted,
        is_reissuable: true,
        is_locked: false,
        is_registered: true,
        is_authorized: true,
        issuer_authorization_endpoint: None,
        requirements: Vec::new(),
        issuance: IssuanceOutpoints {
            txid: txid(0xee).parse().unwrap(),
            vin: 0,
            asset_vout: 0,
            reissuance_vout: Some(1),
        },
    };
    let amount = Amount::from_units(issued).unwrap();
    let asset = store
        .create_asset(issuer, &asset, amount, crate::harness::T0)
        .await
        .unwrap();
    let mut holders = Vec::new();
    for (i, name) in [(1u8, Some("Alice")), (2, Some("Bob")), (3, None)] {
        let index = store.reserve_cosigner_index(1000).await.unwrap();
        let new = NewManagedAccount {
            gaid: gaid(i),
            descriptor: format!("ct(slip77(k{i}),elwsh(multi(2,investor{i}/<0;1>/*,cosigner)))"),
            cosigner_index: index,
        };
        let account = store.create_account(&new, 1000).await.unwrap();
        let user = match name {
            Some(n) => {
                let u = NewRegisteredUser {
                    name: Name::parse(n).unwrap(),
                    is_company: false,
                    gaid: Some(gaid(i)),
                };
                Some(
                    store
                        .add_registered_user(issuer, &u, 1000)
                        .await
                        .unwrap()
                        .id
                        .0,
                )
            }
            None => None,
        };
        holders.push(Holder { user, account });
    }
    let carol = holders.pop().unwrap();
    let bob = holders.pop().unwrap();
    let alice = holders.pop().unwrap();
    World {
        t,
        token,
        issuer,
        uuid: asset.uuid,
        alice,
        bob,
        carol,
        next_height: 1,
    }
}

/// One block's changes, built by hand.
pub struct Block(BlockChanges);

impl Block {
    /// A new output `tx:vout` of `amount` for `owner`, with its ledger row.
    pub fn receive(mut self, tx: u8, vout: u32, owner: OwnerRef, amount: u64) -> Self {
        let height = self.0.block.height;
        self.0.outputs.push(TrackedOutput {
            txid: txid(tx),
            vout,
            owner: owner.clone(),
            asset_id: ASSET_ID.into(),
            amount,
            asset_blinder: "0".repeat(64),
            amount_blinder: "0".repeat(64),
            script_pubkey: vec![0x00, 0x14, tx, u8::try_from(vout).unwrap()],
            height,
            spent_by: None,
            spent_height: None,
        });
        self.row(tx, vout, owner, i64::try_from(amount).unwrap())
    }

    /// Spends `tx:vout` (of `amount`, held by `owner`) in transaction `by`.
    pub fn spend(mut self, tx: u8, vout: u32, by: u8, owner: OwnerRef, amount: u64) -> Self {
        self.0.spends.push(Spend {
            txid: txid(tx),
            vout,
            spent_by_txid: txid(by),
            spent_by_vin: 0,
        });
        self.row(by, vout, owner, -i64::try_from(amount).unwrap())
    }

    fn row(mut self, tx: u8, vout: u32, owner: OwnerRef, delta: i64) -> Self {
        let height = self.0.block.height;
        self.0.ledger.push(LedgerRow {
            asset_id: ASSET_ID.into(),
            owner,
            delta,
            txid: txid(tx),
            vout,
            height,
            time: block_time(height),
        });
        self
    }
}

impl World {
    /// Applies the next block, built by `build`; returns its height.
    pub async fn block(&mut self, build: impl FnOnce(Block) -> Block) -> u32 {
        let height = self.next_height;
        let hash = |h: u32| format!("{:064x}", 0xb10c_0000_u64 + u64::from(h));
        let block = Block(BlockChanges {
            block: BlockRef {
                height,
                hash: hash(height),
                prev_hash: hash(height - 1),
                time: block_time(height),
            },
            outputs: vec![],
            spends: vec![],
            ledger: vec![],
        });
        self.t.store.apply_block(&build(block).0).await.unwrap();
        self.next_height += 1;
        height
    }

    pub fn treasury() -> OwnerRef {
        OwnerRef::Treasury {
            address: TREASURY_ADDRESS.into(),
        }
    }

    pub fn path(&self, rest: &str) -> String {
        format!("/api/assets/{}{rest}", self.uuid)
    }
}

//! `process_block` on a hand-built block: what the watcher records, without a node.

use elements::confidential::{Asset, AssetBlindingFactor, Nonce, Value, ValueBlindingFactor};
use elements::secp256k1_zkp::Secp256k1;
use elements::{
    AssetId, Block, BlockExtData, BlockHash, BlockHeader, LockTime, OutPoint, Script, Sequence,
    Transaction, TxIn, TxMerkleNode, TxOut, Txid,
};
use std::collections::BTreeMap;
use std::str::FromStr;
use tessera_app::watcher::process::{process_block, Unspent, Watched, Watchlist};
use tessera_core::{AccountId, Gaid};
use tessera_store::{OwnerRef, Spend, TrackedOutput};

const ZERO: &str = "0000000000000000000000000000000000000000000000000000000000000000";

fn owner(id: i64, gaid: &str) -> OwnerRef {
    OwnerRef::Account {
        account: AccountId(id),
        gaid: Gaid::parse(gaid).unwrap(),
    }
}

fn script(tag: u8) -> Script {
    Script::from(
        vec![0x00, 0x20]
            .into_iter()
            .chain([tag; 32])
            .collect::<Vec<u8>>(),
    )
}

fn asset() -> AssetId {
    AssetId::from_byte_array([0x11; 32])
}

fn explicit(to: &Script, amount: u64) -> TxOut {
    TxOut {
        asset: Asset::Explicit(asset()),
        value: Value::Explicit(amount),
        nonce: Nonce::Null,
        script_pubkey: to.clone(),
        witness: Default::default(),
    }
}

fn spending(outpoints: &[OutPoint], outputs: Vec<TxOut>) -> Transaction {
    Transaction {
        version: 2,
        lock_time: LockTime::ZERO,
        input: outpoints
            .iter()
            .map(|o| TxIn {
                previous_output: *o,
                is_pegin: false,
                script_sig: Script::new(),
                sequence: Sequence::MAX,
                asset_issuance: Default::default(),
                witness: Default::default(),
            })
            .collect(),
        output: outputs,
    }
}

#[test]
fn process_block_records_receipts_and_spends_including_those_inside_the_block() {
    let (alice, bob) = (
        owner(1, "GAbYScu6jkWUND2jo3L4KJxyvo55d"),
        owner(2, "GA2G8fjDNWvZiJP8Y5iV2ywTAQeZeo"),
    );
    let (alice_script, bob_script, stranger) = (script(1), script(2), script(3));
    let watch: Watchlist = [
        (
            alice_script.to_bytes(),
            Watched {
                owner: alice.clone(),
                blinding: None,
            },
        ),
        (
            bob_script.to_bytes(),
            Watched {
                owner: bob.clone(),
                blinding: None,
            },
        ),
    ]
    .into_iter()
    .collect();
    // Alice's output from an earlier block, and an outpoint nobody follows.
    let earlier = Txid::from_str(&"e1".repeat(32)).unwrap();
    let unrelated = OutPoint::new(Txid::from_str(&"f2".repeat(32)).unwrap(), 4);
    let unspent: Unspent = [(
        (earlier.to_string(), 0),
        TrackedOutput {
            txid: earlier.to_string(),
            vout: 0,
            owner: alice.clone(),
            asset_id: asset().to_string(),
            amount: 700,
            asset_blinder: ZERO.into(),
            amount_blinder: ZERO.into(),
            script_pubkey: alice_script.to_bytes(),
            height: 3,
            spent_by: None,
            spent_height: None,
        },
    )]
    .into_iter()
    .collect();
    // A confidential output to Bob's script, but the watchlist has no blinding key for it.
    let secp = Secp256k1::new();
    let abf = AssetBlindingFactor::from_slice(&[3; 32]).unwrap();
    let vbf = ValueBlindingFactor::from_slice(&[4; 32]).unwrap();
    let hidden = TxOut {
        asset: Asset::new_confidential(&secp, asset(), abf),
        value: Value::new_confidential_from_assetid(&secp, 5, asset(), vbf, abf),
        nonce: Nonce::Null,
        script_pubkey: bob_script.clone(),
        witness: Default::default(),
    };

    // tx1 spends Alice's earlier output (and a stranger's), pays Alice 300, Bob 400, a
    // stranger 1 and Bob 5 confidentially; tx2, in the same block, spends Alice's 300 to Bob.
    let tx1 = spending(
        &[OutPoint::new(earlier, 0), unrelated],
        vec![
            explicit(&alice_script, 300),
            explicit(&bob_script, 400),
            explicit(&stranger, 1),
            hidden,
        ],
    );
    let tx1_id = tx1.txid();
    let tx2 = spending(
        &[OutPoint::new(tx1_id, 0)],
        vec![explicit(&bob_script, 300)],
    );
    let tx2_id = tx2.txid();
    let block = Block {
        header: BlockHeader {
            version: 0x2000_0000,
            prev_blockhash: BlockHash::from_byte_array([9; 32]),
            merkle_root: TxMerkleNode::from_byte_array([0; 32]),
            time: 1_700_000_123,
            height: 4,
            ext: BlockExtData::Proof {
                challenge: Script::new(),
                solution: Script::new(),
            },
        },
        txdata: vec![tx1, tx2],
    };

    let (changes, unreadable) = process_block(4, &block, &watch, &unspent);

    assert_eq!(changes.block.height, 4);
    assert_eq!(changes.block.hash, block.block_hash().to_string());
    assert_eq!(changes.block.prev_hash, "09".repeat(32));
    assert_eq!(changes.block.time, 1_700_000_123);
    // Alice's 300 was created and spent inside the block: it is never stored as unspent.
    let outputs: Vec<(String, u32, OwnerRef, u64)> = changes
        .outputs
        .iter()
        .map(|o| (o.txid.clone(), o.vout, o.owner.clone(), o.amount))
        .collect();
    assert_eq!(
        outputs,
        [
            (tx1_id.to_string(), 1, bob.clone(), 400),
            (tx2_id.to_string(), 0, bob.clone(), 300),
        ]
    );
    assert!(changes
        .outputs
        .iter()
        .all(|o| o.height == 4 && o.spent_by.is_none()));
    // Only the earlier tracked output is a stored spend; the stranger's input is ignored.
    assert_eq!(
        changes.spends,
        [Spend {
            txid: earlier.to_string(),
            vout: 0,
            spent_by_txid: tx1_id.to_string(),
            spent_by_vin: 0,
        }]
    );
    let ledger: Vec<(String, OwnerRef, i64)> = changes
        .ledger
        .iter()
        .map(|r| (r.txid.clone(), r.owner.clone(), r.delta))
        .collect();
    assert_eq!(
        ledger,
        [
            (tx1_id.to_string(), alice.clone(), -700),
            (tx1_id.to_string(), alice.clone(), 300),
            (tx1_id.to_string(), bob.clone(), 400),
            (tx2_id.to_string(), alice.clone(), -300),
            (tx2_id.to_string(), bob.clone(), 300),
        ]
    );
    assert!(changes
        .ledger
        .iter()
        .all(|r| r.height == 4 && r.time == 1_700_000_123 && r.asset_id == asset().to_string()));
    let mut net: BTreeMap<OwnerRef, i64> = BTreeMap::new();
    for row in &changes.ledger {
        *net.entry(row.owner.clone()).or_default() += row.delta;
    }
    assert_eq!(net, BTreeMap::from([(alice, -700), (bob, 700)]));
    // The confidential output without a key is reported, not guessed.
    assert_eq!(unreadable.len(), 1);
    assert_eq!(
        (unreadable[0].txid.clone(), unreadable[0].vout),
        (tx1_id.to_string(), 3)
    );
}

/// A block at `height` (time 1, zero parent) with `txdata`.
fn block_of(height: u32, txdata: Vec<Transaction>) -> Block {
    Block {
        header: BlockHeader {
            version: 0x2000_0000,
            prev_blockhash: BlockHash::from_byte_array([0; 32]),
            merkle_root: TxMerkleNode::from_byte_array([0; 32]),
            time: 1,
            height,
            ext: BlockExtData::Proof {
                challenge: Script::new(),
                solution: Script::new(),
            },
        },
        txdata,
    }
}

#[test]
fn process_block_ignores_blocks_that_touch_no_followed_script() {
    let watch = Watchlist::new();
    let tx = spending(
        &[OutPoint::new(Txid::from_str(&"aa".repeat(32)).unwrap(), 0)],
        vec![explicit(&script(7), 50)],
    );
    let block = block_of(1, vec![tx]);
    let (changes, unreadable) = process_block(1, &block, &watch, &Unspent::new());
    assert!(changes.outputs.is_empty() && changes.spends.is_empty() && changes.ledger.is_empty());
    assert!(unreadable.is_empty());
    assert_eq!(changes.block.hash, block.block_hash().to_string());
}

#[test]
fn an_output_whose_amount_does_not_fit_is_unreadable_and_the_rest_of_the_block_counts() {
    let alice = owner(1, "GAbYScu6jkWUND2jo3L4KJxyvo55d");
    let alice_script = script(1);
    let watch: Watchlist = [(
        alice_script.to_bytes(),
        Watched {
            owner: alice.clone(),
            blinding: None,
        },
    )]
    .into_iter()
    .collect();
    let huge = u64::try_from(i64::MAX).unwrap() + 1;
    let tx = spending(
        &[OutPoint::new(Txid::from_str(&"aa".repeat(32)).unwrap(), 0)],
        vec![explicit(&alice_script, huge), explicit(&alice_script, 42)],
    );
    let txid = tx.txid().to_string();
    let block = block_of(7, vec![tx]);
    let (changes, unreadable) = process_block(7, &block, &watch, &Unspent::new());
    let outputs: Vec<(u32, u64)> = changes.outputs.iter().map(|o| (o.vout, o.amount)).collect();
    assert_eq!(outputs, [(1, 42)]);
    let ledger: Vec<i64> = changes.ledger.iter().map(|r| r.delta).collect();
    assert_eq!(ledger, [42]);
    assert_eq!(unreadable.len(), 1);
    let lost = &unreadable[0];
    assert_eq!(
        (lost.txid.as_str(), lost.vout, lost.height),
        (txid.as_str(), 0, 7)
    );
    assert_eq!(lost.owner, alice);
    assert_eq!(lost.asset_id, Some(asset().to_string()));
    assert_eq!(lost.amount, Some(huge));
    assert_eq!(lost.script_pubkey, alice_script.to_bytes());
    assert!(lost.reason.contains("does not fit"), "{}", lost.reason);
}

//! Concrete values from the recorded replies: amounts to the base unit, ids, confirmations,
//! and the wording of the mapped errors.

use std::str::FromStr;

use elements::{AssetId, BlockHash, Txid};
use secrecy::ExposeSecret;
use tessera_elements_rpc::{
    AssetKey, Error, Recipient, Sats, SignedSats, TxCategory, UnspentFilter,
};

use crate::support::{line, MockNode};

const ASSET: &str = "d1919c5cf11de219d1dd21a3860553ca760afaf1bc27b1b384ac10f040d81e26";
const TOKEN: &str = "9967efee8ae27a08f17f904c16961c02f914a2cc8b7c560e445fa98ae3952db2";
const LBTC: &str = "b2e15d0d7a0c94e4e2ce0fe6e8691b9e451377f6e46e8045a86f7c4b5d4f0f23";
const DISTRIBUTION: &str = "110b0bfd29c00b41456e63c6c462f76bbbca3f692da2571effa3d08f27b21eb3";

fn asset() -> AssetId {
    AssetId::from_str(ASSET).unwrap()
}
fn txid(hex: &str) -> Txid {
    Txid::from_str(hex).unwrap()
}
fn sats(units: u64) -> Sats {
    Sats::from_sat(units)
}

#[tokio::test]
async fn platform_balances_are_exact_in_base_units() {
    let node = MockNode::start().await;
    let balances = node
        .client_for(&line("04-issuance.jsonl", 36))
        .get_balances()
        .await
        .unwrap();
    let trusted = &balances.mine.trusted;
    assert_eq!(trusted.policy_asset(), Some(sats(2_099_998_999_976_624)));
    assert_eq!(trusted.asset(&asset()), Some(sats(90_000_000_000)));
    let big = AssetId::from_str("199a88ffccbf7d100e349ae81aab219de04fdaf1831ab366af494e6d8750a3e7")
        .unwrap();
    assert_eq!(trusted.asset(&big), Some(sats(3_000_000_000_000_000)));
    assert_eq!(balances.mine.immature.policy_asset(), Some(sats(23_376)));
    assert_eq!(trusted.len(), 7);

    let map = node
        .client_for(&line("04-issuance.jsonl", 32))
        .get_balance_with(0, false)
        .await
        .unwrap();
    assert_eq!(
        map.asset(&AssetId::from_str(TOKEN).unwrap()),
        Some(sats(100_000_000))
    );
}

#[tokio::test]
async fn single_asset_balances_follow_reissue_and_burn() {
    let node = MockNode::start().await;
    let key = AssetKey::Id(asset());
    let cases = [
        ("04-issuance.jsonl", 34, 90_000_000_000),
        ("06-reissue.jsonl", 8, 91_000_000_000),
        ("07-burn.jsonl", 1, 9_825_000_000),
        ("07-burn.jsonl", 4, 9_775_000_000),
    ];
    for (file, number, units) in cases {
        let rpc = node.client_for(&line(file, number));
        assert_eq!(
            rpc.get_asset_balance(&key, 0).await.unwrap(),
            sats(units),
            "{file}:{number}"
        );
    }
    let lbtc = node
        .client_for(&line("04-issuance.jsonl", 35))
        .get_asset_balance(&AssetKey::policy_asset(), 0)
        .await
        .unwrap();
    assert_eq!(lbtc, sats(2_099_998_999_976_624));
    let sent = node.seen().pop().unwrap().json();
    assert_eq!(sent["params"][4], "bitcoin");
}

#[tokio::test]
async fn amp_sendmany_is_sent_in_the_recorded_form_with_exact_amounts() {
    let node = MockNode::start().await;
    let recorded = line("05-distribute.jsonl", 4);
    let rpc = node.client_for(&recorded);
    let alice = "el1qqf47yskulrnkykmrfys32dsgjfz0gll0en6c3z2g5hwtwtn76qc9zpmhxlfdp8s6qcrks4d0dwww4lyec9twyn2vcpjhutrhf";
    let bob = "el1qq2a8g82nmxq3a9qg49dh2adxr4qt4tvxjwg3q8qj753plju95rj0l8wgqjuuq98zx4z66wegftjsj0znz7m9cxp75x4kdk7cn";
    let recipients = [
        Recipient::new(alice, sats(150_000_000), asset()),
        Recipient::new(bob, sats(25_000_000), asset()),
    ];
    assert_eq!(
        rpc.send_many(&recipients).await.unwrap(),
        txid(DISTRIBUTION)
    );
    let seen = node.seen().pop().unwrap();
    assert_eq!(seen.path, "/wallet/issuer");
    assert!(
        seen.body.contains(&format!("\"{alice}\":1.50000000")),
        "{}",
        seen.body
    );
    assert!(
        seen.body.contains(&format!("\"{bob}\":0.25000000")),
        "{}",
        seen.body
    );
    let params = &seen.json()["params"];
    assert_eq!(params[0], "");
    assert_eq!(params[7], "UNSET");
    assert_eq!(params[8][alice], ASSET);
}

#[tokio::test]
async fn duplicate_recipients_are_refused_before_anything_is_sent() {
    let node = MockNode::start().await;
    let rpc = node.client().wallet("issuer");
    let twice = [
        Recipient::new("el1qqsame", sats(1), asset()),
        Recipient::new("el1qqsame", sats(2), asset()),
    ];
    let err = rpc.send_many(&twice).await.unwrap_err();
    assert!(matches!(err, Error::DuplicateRecipient { ref address } if address == "el1qqsame"));
    assert!(node.seen().is_empty());
}

#[tokio::test]
async fn distribution_reaches_two_confirmations_with_unblinded_details() {
    let node = MockNode::start().await;
    let rpc = node.client_for(&line("05-distribute.jsonl", 14));
    let tx = rpc.get_transaction(&txid(DISTRIBUTION)).await.unwrap();
    assert_eq!(tx.confirmations, 2);
    assert_eq!(tx.blockheight, Some(103));
    assert_eq!(
        tx.amount.asset(&asset()),
        Some(SignedSats::from_sat(-175_000_000))
    );
    assert_eq!(tx.amount.policy_asset(), Some(SignedSats::ZERO));
    let fee = tx.fee.unwrap();
    assert_eq!(fee.policy_asset(), Some(SignedSats::from_sat(-4_958)));
    let amounts: Vec<(u32, i64)> = tx
        .details
        .iter()
        .map(|d| (d.vout, d.amount.to_sat()))
        .collect();
    assert_eq!(amounts, [(0, -25_000_000), (2, -150_000_000)]);
    assert!(tx.details.iter().all(|d| d.category == TxCategory::Send));
    assert_eq!(tx.details[0].fee, Some(SignedSats::from_sat(4_958)));
    assert_eq!(tx.bip125_replaceable, "no");

    let entry = node
        .client_for(&line("05-distribute.jsonl", 5))
        .get_mempool_entry(&txid(DISTRIBUTION))
        .await
        .unwrap();
    assert_eq!((entry.vsize, entry.weight), (4_958, 19_830));
    assert_eq!(entry.fees.base, sats(4_958));
    assert!(!entry.bip125_replaceable);
}

#[tokio::test]
async fn receiver_sees_its_coin_by_address() {
    let node = MockNode::start().await;
    let recorded = line("05-distribute.jsonl", 9);
    let filter = UnspentFilter {
        min_conf: Some(0),
        max_conf: Some(9_999_999),
        addresses: vec![recorded.request.params[2][0].as_str().unwrap().to_owned()],
    };
    let coins = node
        .client_for(&recorded)
        .list_unspent(&filter)
        .await
        .unwrap();
    assert_eq!(coins.len(), 1);
    let coin = &coins[0];
    assert_eq!((coin.txid, coin.vout), (txid(DISTRIBUTION), 2));
    assert_eq!((coin.amount, coin.asset), (sats(150_000_000), asset()));
    assert_eq!(coin.confirmations, 0);
    assert!(coin.amountblinder.starts_with("b028203857"));

    let key = node
        .client_for(&line("05-distribute.jsonl", 22))
        .dump_blinding_key(&filter.addresses[0])
        .await
        .unwrap();
    assert!(key.expose_secret().starts_with("99468c7bf49e"));
}

#[tokio::test]
async fn issuances_report_ids_and_token_amounts() {
    let node = MockNode::start().await;
    let issued = node
        .client_for(&line("04-issuance.jsonl", 12))
        .issue_asset(
            sats(100_000_000_000),
            sats(100_000_000),
            &Default::default(),
        )
        .await
        .unwrap();
    assert_eq!(issued.asset, asset());
    assert_eq!(issued.token, AssetId::from_str(TOKEN).unwrap());
    assert_eq!(issued.vin, 0);

    let all = node
        .client_for(&line("04-issuance.jsonl", 29))
        .list_issuances(None)
        .await
        .unwrap();
    let ours = all.iter().find(|i| i.asset == asset()).unwrap();
    assert_eq!(ours.assetamount, Some(sats(100_000_000_000)));
    assert_eq!(ours.tokenamount, Some(sats(100_000_000)));
    assert!(
        all.iter()
            .any(|i| !i.isreissuance && i.tokenamount.is_none()),
        "tokenamount -1"
    );

    let history = node
        .client_for(&line("06-reissue.jsonl", 5))
        .list_issuances(Some(&asset()))
        .await
        .unwrap();
    assert!(history[0].isreissuance && history[0].token.is_none());
    assert_eq!(history[0].assetamount, Some(sats(1_000_000_000)));
    assert_eq!(history[0].vin, 1);
}

#[tokio::test]
async fn raw_issuance_transaction_shows_issuance_and_fee_output() {
    let node = MockNode::start().await;
    let tx = node
        .client_for(&line("04-issuance.jsonl", 40))
        .get_raw_transaction(&txid(
            "f48e324368ac29f8802d12cba7f4477917d31aa721ad2ea3394acd20362ddeb8",
        ))
        .await
        .unwrap();
    let issuance = tx.vin[0].issuance.as_ref().unwrap();
    assert_eq!(issuance.asset, asset());
    assert!(!issuance.isreissuance);
    assert!(issuance.assetamount.is_none() && issuance.assetamountcommitment.is_some());
    let fee_output = tx.vout.iter().find(|o| o.is_fee()).unwrap();
    assert_eq!(fee_output.value, Some(sats(5_936)));
    assert_eq!(
        tx.fee.asset(&AssetId::from_str(LBTC).unwrap()),
        Some(sats(5_936))
    );
    assert!(tx.vout[0].value.is_none() && tx.vout[0].valuecommitment.is_some());
}

#[tokio::test]
async fn raw_block_decodes_to_the_txids_the_node_lists() {
    let node = MockNode::start().await;
    let hash =
        BlockHash::from_str("45154fdcf9a2c4bef03695c5c4aee5131a074e87e03bfae3e30f762b466f2a1f")
            .unwrap();
    let listed = node
        .client_for(&line("01-node-info.jsonl", 8))
        .call::<tessera_elements_rpc::BlockInfo>(
            "getblock",
            vec![hash.to_string().into(), 1.into()],
        )
        .await
        .unwrap();
    let raw = node
        .client_for(&line("01-node-info.jsonl", 10))
        .get_block_raw(&hash)
        .await
        .unwrap();
    assert_eq!(raw.block_hash(), hash);
    let decoded: Vec<Txid> = raw.txdata.iter().map(|tx| tx.txid()).collect();
    assert_eq!(decoded, listed.tx);

    let verbose = node
        .client_for(&line("01-node-info.jsonl", 9))
        .get_block_verbose(&hash)
        .await
        .unwrap();
    assert_eq!(
        (verbose.height, verbose.n_tx, verbose.tx.len()),
        (102, 7, 7)
    );
    assert!(verbose.tx[0].fee.is_empty(), "coinbase fee is {{}}");
    assert_eq!(
        verbose.tx[1].fee.asset(&AssetId::from_str(LBTC).unwrap()),
        Some(sats(3_804))
    );
}

#[tokio::test]
async fn node_and_chain_info_identify_an_elements_node() {
    let node = MockNode::start().await;
    let rpc = node.client_for(&line("01-node-info.jsonl", 1));
    let info = rpc.get_network_info().await.unwrap();
    assert_eq!(info.version, 230_303);
    assert!(info.is_elements());
    assert_eq!(info.relayfee, sats(100));
    let chain = node
        .client_for(&line("01-node-info.jsonl", 2))
        .get_blockchain_info()
        .await
        .unwrap();
    assert_eq!(
        (chain.chain.as_str(), chain.blocks),
        ("elementsregtest", 106)
    );
    assert!(chain.verificationprogress >= 0.999);
    let out = node
        .client_for(&line("04-issuance.jsonl", 5))
        .get_tx_out(
            &txid("027f015923d266ffb8af1fadd09a3743dffebd199e8f1e45c96ca12e58992d5f"),
            0,
        )
        .await
        .unwrap()
        .unwrap();
    assert_eq!(out.value, Some(sats(2_100_000_000_000_000)));
    assert_eq!(out.script_pub_key.kind, "true");
}

#[tokio::test]
async fn a_refused_issuance_is_visible_as_untrusted_and_not_in_mempool() {
    let node = MockNode::start().await;
    let refused = txid("594161dd74944e43b5f4271ff84fe64be449a7fb62033b43a79813ad760cadd9");
    let err = node
        .client_for(&line("04-issuance.jsonl", 18))
        .get_mempool_entry(&refused)
        .await
        .unwrap_err();
    assert!(matches!(&err, Error::NotInMempool { txid } if *txid == refused.to_string()));
    let tx = node
        .client_for(&line("04-issuance.jsonl", 19))
        .get_transaction(&refused)
        .await
        .unwrap();
    assert_eq!((tx.confirmations, tx.trusted), (0, Some(false)));
    let big = AssetId::from_str("36c2a8f00863ba26819bf325da6700a33cfaf738546766fb027ad04fa02b3d47")
        .unwrap();
    assert_eq!(
        tx.amount.asset(&big),
        Some(SignedSats::from_sat(3_000_000_000_000_000))
    );
}

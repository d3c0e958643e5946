//! Attacks on the chain watcher (issue 12): an output whose amount does not fit must not stop
//! it, and a treasury entry must not take a managed account's script.

use crate::support::{Node, Platform};
use std::collections::BTreeMap;
use tessera_app::Password;
use tessera_core::{
    Amount, Asset, AssetKind, AssetName, AssetUuid, Domain, IssuanceOutpoints, IssuerId,
    IssuerPubkey, Precision, Ticker, Username,
};
use tessera_store::OwnerRef;

/// An issuer with one (made-up) asset record, so that treasury addresses can be stored.
async fn issuer_asset(platform: &Platform, asset_id: elements::AssetId) -> (IssuerId, AssetUuid) {
    let issuer = platform
        .app
        .create_issuer(
            &Username::parse("issuer").unwrap(),
            &Password::new("correct horse battery"),
        )
        .await
        .unwrap();
    let asset = Asset {
        uuid: AssetUuid::new_random(),
        issuer: issuer.id,
        asset_id,
        reissuance_token_id: None,
        name: AssetName::parse("Treasury Test").unwrap(),
        ticker: Ticker::parse("TRT").unwrap(),
        domain: Domain::parse("example.com").unwrap(),
        pubkey: IssuerPubkey::parse(
            "0337cceec0beea0232ebe14cba0197a9fbd45fcf2ec946749de920e71434c2b904",
        )
        .unwrap(),
        precision: Precision::new(0).unwrap(),
        kind: AssetKind::TransferRestricted,
        is_reissuable: false,
        is_locked: false,
        is_registered: false,
        is_authorized: false,
        issuer_authorization_endpoint: None,
        requirements: Vec::new(),
        issuance: IssuanceOutpoints {
            txid: "11".repeat(32).parse().unwrap(),
            vin: 0,
            asset_vout: 0,
            reissuance_vout: None,
        },
    };
    let stored = platform
        .store
        .create_asset(issuer.id, &asset, Amount::from_units(1).unwrap(), 0)
        .await
        .unwrap();
    (issuer.id, stored.uuid)
}

#[tokio::test]
async fn a_treasury_entry_for_a_managed_address_never_takes_the_accounts_funds_even_after_a_restart(
) {
    let node = Node::start().await;
    let platform = Platform::new().await;
    let alice = platform.account().await;
    let asset = node.issue(1_000_000).await;
    let (address, script) = platform.address_and_script(&alice).await;
    // Stored before the API refused such addresses (or written around it): the treasury
    // list of an asset names Alice's managed address.
    let (issuer, uuid) = issuer_asset(&platform, asset).await;
    platform
        .store
        .add_treasury_addresses(issuer, uuid, &[(address.clone(), script.clone())])
        .await
        .unwrap();
    node.pay(&[(&address, 500, Some(asset))]).await;
    node.mine(1).await;

    platform.watcher(&node).sync().await.unwrap();
    let treasury = OwnerRef::Treasury {
        address: address.clone(),
    };
    assert_eq!(
        platform.balances(&alice).await,
        BTreeMap::from([(asset.to_string(), 500)])
    );
    let store = platform.store.clone();
    assert_eq!(
        store.holding(&treasury, &asset.to_string()).await.unwrap(),
        0
    );

    // After a restart the watchlist is rebuilt, treasury entries first: still Alice's.
    let platform = platform.restart().await;
    node.pay(&[(&address, 20, Some(asset))]).await;
    node.mine(1).await;
    platform.watcher(&node).sync().await.unwrap();
    assert_eq!(
        platform.balances(&alice).await,
        BTreeMap::from([(asset.to_string(), 520)])
    );
    let unspent = platform.app.account_unspent(&alice.account).await.unwrap();
    assert_eq!(unspent.len(), 2, "both outputs are in Alice's wallet");
    assert_eq!(
        platform
            .store
            .holding(&treasury, &asset.to_string())
            .await
            .unwrap(),
        0
    );
}

#[tokio::test]
async fn an_output_that_would_overflow_a_holding_is_recorded_as_lost_and_the_block_still_counts() {
    let node = Node::start().await;
    let platform = Platform::new().await;
    let (alice, bob) = (platform.account().await, platform.account().await);
    let max = u64::try_from(i64::MAX).unwrap();
    let asset = node.issue(max).await;
    let (a0, a1, b0) = (
        platform.address(&alice).await,
        platform.address(&alice).await,
        platform.address(&bob).await,
    );
    node.pay(&[(&a0, max, Some(asset))]).await;
    node.mine(1).await;
    let mut watcher = platform.watcher(&node);
    watcher.sync().await.unwrap();
    assert_eq!(
        platform.balances(&alice).await[&asset.to_string()],
        i64::MAX
    );

    // The attack: 5 more units to Alice (her holding cannot be written), with an ordinary
    // payment to Bob in the same block.
    node.reissue(&asset, 8).await;
    node.pay(&[(&a1, 5, Some(asset)), (&b0, 3, Some(asset))])
        .await;
    node.mine(1).await;
    let height = node.height().await;

    let report = watcher.sync().await.expect("the watcher is not stopped");
    assert_eq!(
        report.applied, 2,
        "the reissuance block and the attack block"
    );
    let tip = platform.store.chain_tip().await.unwrap().unwrap();
    assert_eq!(
        u64::from(tip.height),
        height,
        "the watcher reached the node's tip"
    );
    assert_eq!(
        platform.balances(&alice).await[&asset.to_string()],
        i64::MAX,
        "Alice's holding is unchanged"
    );
    assert_eq!(
        platform.balances(&bob).await,
        BTreeMap::from([(asset.to_string(), 3)]),
        "the rest of the block is counted"
    );
    let lost = platform.store.unreadable_outputs().await.unwrap();
    assert_eq!(lost.len(), 1, "{lost:?}");
    assert_eq!(lost[0].asset_id, Some(asset.to_string()));
    assert_eq!(lost[0].amount, Some(5));
    assert_eq!(u64::from(lost[0].height), height);
    assert!(lost[0].reason.contains("limit"), "{}", lost[0].reason);
    assert!(
        matches!(&lost[0].owner, OwnerRef::Account { account, .. } if *account == alice.account.id)
    );

    // Following on, and after a restart, nothing is retried or doubled.
    node.mine(1).await;
    assert_eq!(watcher.sync().await.unwrap().applied, 1);
    drop(watcher);
    let platform = platform.restart().await;
    assert_eq!(platform.watcher(&node).sync().await.unwrap().applied, 0);
    assert_eq!(platform.store.unreadable_outputs().await.unwrap(), lost);
}

//! The checks against transactions recorded on a real Elements 23.3.3 node
//! (`testdata/elements-rpc/`: the distribute, reissue and burn scenarios).

#![allow(clippy::unwrap_used, clippy::expect_used)]

use super::*;
use crate::supply_ops::ClaimedOutput;
use elements::encode::deserialize;
use std::path::PathBuf;
use tessera_core::Amount;

fn fixtures() -> PathBuf {
    std::env::var_os("TESSERA_RPC_FIXTURES")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../testdata/elements-rpc")
        })
}

/// The raw value text of the `n`-th `"key": …` in `text` (the fixtures are flat enough),
/// without quotes.
fn string_after<'t>(text: &'t str, key: &str, n: usize) -> &'t str {
    let pattern = format!("\"{key}\":");
    let start = text.match_indices(&pattern).nth(n).expect(key).0 + pattern.len();
    let rest = text[start..].trim_start().trim_start_matches('"');
    let len = rest.find(['"', ',', '}']).unwrap();
    &rest[..len]
}

fn tx_of_line(file: &str, txid: &str) -> Transaction {
    let text = std::fs::read_to_string(fixtures().join(file)).unwrap();
    let line = text
        .lines()
        .find(|l| l.contains("\"getrawtransaction\"") && l.contains(txid) && l.contains("\"hex\""))
        .expect("a getrawtransaction reply");
    // Scripts have "hex" members too; the transaction's is the longest.
    let count = line.matches("\"hex\":").count();
    let hex_text = (0..count)
        .map(|n| string_after(line, "hex", n))
        .max_by_key(|h| h.len());
    deserialize(&hex::decode(hex_text.unwrap()).unwrap()).unwrap()
}

fn asset(text: &str) -> AssetId {
    text.parse().unwrap()
}

fn claim(vout: u32, asset_id: &str, units: u64, abf: &str, vbf: &str) -> ClaimedOutput {
    ClaimedOutput {
        vout,
        asset: asset(asset_id),
        amount: Amount::from_units(units).unwrap(),
        asset_blinder: asset_blinder(Some(abf)).unwrap(),
        amount_blinder: value_blinder(Some(vbf)).unwrap(),
    }
}

const ASSET: &str = "d1919c5cf11de219d1dd21a3860553ca760afaf1bc27b1b384ac10f040d81e26";
const TOKEN: &str = "9967efee8ae27a08f17f904c16961c02f914a2cc8b7c560e445fa98ae3952db2";

#[test]
fn reported_blinders_open_the_outputs_only_with_the_true_asset_and_amount() {
    let text = std::fs::read_to_string(fixtures().join("unblind-vectors.json")).unwrap();
    let tx: Transaction =
        deserialize(&hex::decode(string_after(&text, "tx_hex", 0)).unwrap()).unwrap();
    for n in 0..2 {
        let vout: u32 = string_after(&text, "vout", n).trim().parse().unwrap();
        let abf = string_after(&text, "asset_blinder", n);
        let vbf = string_after(&text, "value_blinder", n);
        let out = &tx.output[vout as usize];
        let value: u64 = string_after(&text, "value", n).trim().parse().unwrap();
        assert!(
            opens(out, &claim(vout, ASSET, value, abf, vbf)),
            "output {vout}"
        );
        assert!(
            !opens(out, &claim(vout, ASSET, value + 1, abf, vbf)),
            "wrong amount"
        );
        assert!(
            !opens(out, &claim(vout, TOKEN, value, abf, vbf)),
            "wrong asset"
        );
        let abf_wire = string_after(&text, "asset_blinder_wire", n);
        assert!(
            !opens(out, &claim(vout, ASSET, value, abf_wire, vbf)),
            "wire order"
        );
        let key: SecretKey = string_after(&text, "blinding_private_key", n)
            .parse()
            .unwrap();
        assert_eq!(read_own_output(out, &key), Some((asset(ASSET), value)));
    }
}

#[test]
fn a_reissuance_is_found_at_its_input_and_its_amount_proven_by_assetblinds() {
    let txid = "f22e0a735cb929bb453dc06a36fc0ac3431ba094e4ddf7d7f9bee38722112d76";
    let tx = tx_of_line("06-reissue.jsonl", txid);
    let (found, amount) = reissuance_at(&tx, 1).expect("a reissuance at input 1");
    assert_eq!(found, asset(ASSET));
    assert!(reissuance_at(&tx, 0).is_none(), "input 0 spends L-BTC");
    assert!(reissuance_at(&tx, 9).is_none(), "no such input");
    let bf = value_blinder(Some(
        "16f75893c424cfb9c85bd7d243b593a8fcd2355b4419432782d9fecd0edac88c",
    ));
    assert!(issuance_amount_is(&amount, found, 1_000_000_000, bf));
    assert!(!issuance_amount_is(&amount, found, 1_000_000_001, bf));
    assert!(!issuance_amount_is(&amount, found, 1_000_000_000, None));
    // The wallet's receive entries: the new asset (vout 1) and the moved token (vout 2).
    let new_asset = claim(
        1,
        ASSET,
        1_000_000_000,
        "6c27332d14fc50680686a31cddbb8df105a532eb885c279a42317102ede8e6fa",
        "646d271075c54dc655e5024f32ca3c25054425ca3fb2974ab17bddfe7d56538d",
    );
    assert!(opens(&tx.output[1], &new_asset));
    let token = claim(
        2,
        TOKEN,
        100_000_000,
        "166f952c5a91d2434ba829d49876c60be417faadb13307df917210777b5d787c",
        "28fb3a11ab18415207f591fc641525997ea618bfc4d4ccfd2c82fe339a195285",
    );
    assert!(opens(&tx.output[2], &token));
    assert!(
        !opens(&tx.output[1], &token),
        "claims are checked per output"
    );
}

#[test]
fn a_burn_is_the_explicit_op_return_output_of_the_asset() {
    let txid = "4bd9ee8b7ee0293169d878aab06f27780ff43b7f1a326d0262f8e96c2eed5d40";
    let tx = tx_of_line("07-burn.jsonl", txid);
    assert_eq!(burned(&tx, asset(ASSET)), Some(50_000_000));
    assert_eq!(burned(&tx, asset(TOKEN)), Some(0));
}

#[test]
fn blinders_must_be_64_hex_digits_and_default_to_zero() {
    assert_eq!(asset_blinder(None), Some(AssetBlindingFactor::zero()));
    assert_eq!(value_blinder(None), Some(ValueBlindingFactor::zero()));
    assert!(asset_blinder(Some("00")).is_none());
    assert!(value_blinder(Some(&"zz".repeat(32))).is_none());
    assert_eq!(
        asset_blinder(Some(&"00".repeat(32))),
        Some(AssetBlindingFactor::zero())
    );
}

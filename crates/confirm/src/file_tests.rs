#![allow(clippy::unwrap_used)]
use super::*;
use serde_json::json;

const ASSET: &str = "b2e15d0d7a0c94e4e2ce0fe6e8691b9e451377f6e46e8045a86f7c4b5d4f0f23";
const OTHER: &str = "0000000000000000000000000000000000000000000000000000000000000001";
const TXID: &str = "1111111111111111111111111111111111111111111111111111111111111111";

fn path() -> &'static Path {
    Path::new("req.json")
}

fn distribute() -> Value {
    json!({
        "command": "distribute",
        "min_supported_client_script_version": 2,
        "base_url": "https://amp.example/api/{}",
        "asset_uuid": "u-1",
        "asset_id": ASSET,
        "distribution_uuid": "d-1",
        "map_address_amount": {"el1alice": 1.5, "el1bob": 0.25},
        "map_address_asset": {"el1alice": ASSET, "el1bob": ASSET}
    })
}

fn reissue() -> Value {
    json!({
        "command": "reissue",
        "min_supported_client_script_version": 2,
        "base_url": "https://amp.example/api/{}",
        "asset_uuid": "u-1",
        "asset_id": ASSET,
        "amount": 10.0,
        "reissuance_utxos": [{"txid": TXID, "vout": 1}]
    })
}

fn burn() -> Value {
    json!({
        "command": "burn",
        "min_supported_client_script_version": 2,
        "base_url": "https://amp.example/api/{}",
        "asset_uuid": "u-1",
        "asset_id": ASSET,
        "amount": 0.5,
        "utxos": [{"txid": TXID, "vout": 0}]
    })
}

#[test]
fn valid_files_of_each_kind_parse_with_exact_amounts() {
    let d = DistributeFile::parse(path(), &distribute().to_string()).unwrap();
    assert_eq!(d.map_address_amount["el1alice"].to_sat(), 150_000_000);
    assert_eq!(d.map_address_amount["el1bob"].to_sat(), 25_000_000);
    assert_eq!(d.base_url.url("x"), "https://amp.example/api/x");
    let r = ReissueFile::parse(path(), &reissue().to_string()).unwrap();
    assert_eq!(r.amount.to_sat(), 1_000_000_000);
    assert_eq!(r.reissuance_utxos[0].to_string(), format!("{TXID}:1"));
    let b = BurnFile::parse(path(), &burn().to_string()).unwrap();
    assert_eq!(b.amount.to_sat(), 50_000_000);
}

#[test]
fn coin_amounts_in_python_float_spellings_are_exact() {
    let cases = [
        ("1e-05", 1_000),
        ("0.00000001", 1),
        ("20999999.99999999", 2_099_999_999_999_999),
        ("30000000.0", 3_000_000_000_000_000),
    ];
    for (text, sats) in cases {
        let doc = reissue().to_string().replace("10.0", text);
        let r = ReissueFile::parse(path(), &doc).unwrap();
        assert_eq!(r.amount.to_sat(), sats, "{text}");
    }
    let doc = reissue().to_string().replace("10.0", "0.000000001");
    assert!(matches!(
        ReissueFile::parse(path(), &doc),
        Err(FileError::Invalid { .. })
    ));
}

#[test]
fn a_file_for_another_command_is_refused() {
    let err = ReissueFile::parse(path(), &distribute().to_string()).unwrap_err();
    assert!(matches!(
        &err,
        FileError::WrongCommand { found, expected: CommandKind::Reissue, .. } if found == "distribute"
    ));
    assert!(err.to_string().contains("distribute"), "{err}");
}

#[test]
fn versions_below_the_client_version_are_refused_as_the_script_does() {
    for (version, ok) in [(0, false), (1, false), (2, true), (3, true)] {
        let mut doc = burn();
        doc["min_supported_client_script_version"] = json!(version);
        let result = BurnFile::parse(path(), &doc.to_string());
        assert_eq!(result.is_ok(), ok, "version {version}: {result:?}");
        if !ok {
            assert!(
                matches!(result, Err(FileError::VersionTooLow { found, .. }) if found == version)
            );
        }
    }
    let mut doc = burn();
    doc.as_object_mut()
        .unwrap()
        .remove("min_supported_client_script_version");
    assert!(matches!(
        BurnFile::parse(path(), &doc.to_string()),
        Err(FileError::NoVersion { .. })
    ));
}

#[test]
fn base_url_without_placeholder_is_refused() {
    let mut doc = distribute();
    doc["base_url"] = json!("https://amp.example/api/");
    let err = DistributeFile::parse(path(), &doc.to_string()).unwrap_err();
    assert!(matches!(err, FileError::BaseUrl { .. }), "{err}");
    assert!(err.to_string().contains("{}"), "{err}");
}

#[test]
fn unknown_and_missing_fields_are_refused_naming_the_field() {
    let mut doc = distribute();
    doc["surprise"] = json!(1);
    let err = DistributeFile::parse(path(), &doc.to_string()).unwrap_err();
    assert!(err.to_string().contains("surprise"), "{err}");
    let mut doc = burn();
    doc.as_object_mut().unwrap().remove("utxos");
    let err = BurnFile::parse(path(), &doc.to_string()).unwrap_err();
    assert!(err.to_string().contains("utxos"), "{err}");
    let mut doc = reissue();
    doc["reissuance_utxos"] = json!([{"txid": TXID, "vout": 1, "amount": 1}]);
    let err = ReissueFile::parse(path(), &doc.to_string()).unwrap_err();
    assert!(err.to_string().contains("amount"), "{err}");
}

#[test]
fn distribution_maps_must_agree_and_pay_only_the_files_asset() {
    let mut doc = distribute();
    doc["map_address_asset"] = json!({"el1alice": ASSET});
    assert!(matches!(
        DistributeFile::parse(path(), &doc.to_string()),
        Err(FileError::MapsDiffer { address, .. }) if address == "el1bob"
    ));
    let mut doc = distribute();
    doc["map_address_asset"]["el1bob"] = json!(OTHER);
    assert!(matches!(
        DistributeFile::parse(path(), &doc.to_string()),
        Err(FileError::ForeignAsset { .. })
    ));
    let mut doc = distribute();
    doc["map_address_amount"]["el1bob"] = json!(0);
    assert!(matches!(
        DistributeFile::parse(path(), &doc.to_string()),
        Err(FileError::ZeroAmount { .. })
    ));
    let mut doc = distribute();
    doc["map_address_amount"] = json!({});
    doc["map_address_asset"] = json!({});
    assert!(matches!(
        DistributeFile::parse(path(), &doc.to_string()),
        Err(FileError::NoRecipients { .. })
    ));
}

#[test]
fn not_json_is_refused() {
    assert!(matches!(
        BurnFile::parse(path(), "{not json"),
        Err(FileError::Invalid { .. })
    ));
}

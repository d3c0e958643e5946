#![allow(clippy::unwrap_used)]
use super::*;

/// The issuer key of the Tether USD contract on Liquid.
const TETHER_KEY: &str = "0337cceec0beea0232ebe14cba0197a9fbd45fcf2ec946749de920e71434c2b904";

#[test]
fn asset_names_are_printable_ascii_of_bounded_length() {
    assert_eq!(
        AssetName::parse("Tether USD").unwrap().as_str(),
        "Tether USD"
    );
    assert!(AssetName::parse(&"n".repeat(255)).is_ok());
    assert!(matches!(
        AssetName::parse(""),
        Err(AssetNameError::Length { len: 0, .. })
    ));
    assert!(matches!(
        AssetName::parse(&"n".repeat(256)),
        Err(AssetNameError::Length { len: 256, .. })
    ));
    assert_eq!(
        AssetName::parse("Café"),
        Err(AssetNameError::Character {
            name: "Café".into(),
            character: 'é'
        })
    );
    assert!(matches!(
        AssetName::parse("a\tb"),
        Err(AssetNameError::Character {
            character: '\t',
            ..
        })
    ));
    assert_eq!(
        AssetName::parse(" pad"),
        Err(AssetNameError::Padding(" pad".into()))
    );
}

#[test]
fn tickers_follow_the_registry_pattern() {
    for ok in ["USDt", "ABC", "L-BTC", "a.b", &"X".repeat(24)] {
        assert!(Ticker::parse(ok).is_ok(), "{ok}");
    }
    assert!(matches!(
        Ticker::parse("AB"),
        Err(TickerError::Length { len: 2, .. })
    ));
    assert!(matches!(
        Ticker::parse(&"X".repeat(25)),
        Err(TickerError::Length { len: 25, .. })
    ));
    let err = Ticker::parse("AB C").unwrap_err();
    assert!(err.to_string().contains("\"AB C\""), "{err}");
    assert!(err.to_string().contains("' '"), "{err}");
}

#[test]
fn domains_are_lower_cased_dns_names() {
    assert_eq!(
        Domain::parse("Example.COM").unwrap().as_str(),
        "example.com"
    );
    assert!(Domain::parse("a-b.c0.example.org").is_ok());
    let cases = [
        (
            "",
            DomainError::Length {
                domain: String::new(),
                len: 0,
            },
        ),
        ("localhost", DomainError::NotQualified("localhost".into())),
        ("10.0.0.1", DomainError::NotQualified("10.0.0.1".into())),
        (
            "example.com.",
            DomainError::Label {
                domain: "example.com.".into(),
                label: String::new(),
            },
        ),
        (
            "-a.com",
            DomainError::Label {
                domain: "-a.com".into(),
                label: "-a".into(),
            },
        ),
        (
            "a_b.com",
            DomainError::Label {
                domain: "a_b.com".into(),
                label: "a_b".into(),
            },
        ),
        (
            "https://a.com",
            DomainError::Label {
                domain: "https://a.com".into(),
                label: "https://a".into(),
            },
        ),
    ];
    for (input, expected) in cases {
        assert_eq!(Domain::parse(input), Err(expected), "{input:?}");
    }
    let long_label = format!("{}.com", "a".repeat(64));
    assert!(matches!(
        Domain::parse(&long_label),
        Err(DomainError::Label { .. })
    ));
}

#[test]
fn issuer_pubkeys_must_be_compressed_points() {
    let key = IssuerPubkey::parse(TETHER_KEY).unwrap();
    assert_eq!(key.to_hex(), TETHER_KEY);
    assert_eq!(
        IssuerPubkey::parse(&TETHER_KEY.to_uppercase()).unwrap(),
        key
    );
    let uncompressed = format!("04{}", &TETHER_KEY[2..]);
    assert_eq!(
        IssuerPubkey::parse(&uncompressed),
        Err(IssuerPubkeyError::Prefix(uncompressed.clone()))
    );
    assert_eq!(
        IssuerPubkey::parse("02abcd"),
        Err(IssuerPubkeyError::Format("02abcd".into()))
    );
    let not_hex = format!("02{}", "zz".repeat(32));
    assert_eq!(
        IssuerPubkey::parse(&not_hex),
        Err(IssuerPubkeyError::Format(not_hex.clone()))
    );
    // x = p + 1 is not a field element, so no point has it.
    let off_curve = format!("02{}", "f".repeat(64));
    assert_eq!(
        IssuerPubkey::parse(&off_curve),
        Err(IssuerPubkeyError::NotOnCurve(off_curve.clone()))
    );
    let json = serde_json::to_string(&key).unwrap();
    assert_eq!(json, format!("\"{TETHER_KEY}\""));
    assert_eq!(serde_json::from_str::<IssuerPubkey>(&json).unwrap(), key);
}

#[test]
fn authorization_endpoints_are_http_urls() {
    assert!(AuthorizationEndpoint::parse("https://issuer.example/authz/").is_ok());
    assert!(AuthorizationEndpoint::parse("http://127.0.0.1:8080").is_ok());
    for bad in ["", "issuer.example", "ftp://issuer.example", "https://"] {
        assert_eq!(
            AuthorizationEndpoint::parse(bad),
            Err(EndpointError(bad.into())),
            "{bad:?}"
        );
    }
}

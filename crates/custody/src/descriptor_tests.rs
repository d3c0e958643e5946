#![allow(clippy::unwrap_used)]

use super::*;
use crate::testkit::{cosigner, descriptor, investor, ALICE, BOB, NET};

#[test]
fn a_built_descriptor_has_the_managed_shape_and_parses_back() {
    let d = descriptor(ALICE, 0);
    let text = d.as_str();
    assert!(text.starts_with("ct(slip77("), "{text}");
    assert!(text.contains(",elwsh(multi(2,["), "{text}");
    assert!(
        text.contains('#'),
        "canonical form carries a checksum: {text}"
    );
    let platform = cosigner().account_key(0).unwrap();
    let again = ManagedDescriptor::parse(text, &platform, NET).unwrap();
    assert_eq!(again, d);
    assert_eq!(again.as_str(), text);
    assert_eq!(again.platform_key(), &platform);
    assert_eq!(
        again.investor_key(),
        &investor(ALICE).account_key().unwrap()
    );
}

#[test]
fn spelling_variants_share_one_canonical_form() {
    let d = descriptor(ALICE, 0);
    let platform = cosigner().account_key(0).unwrap();
    let without_checksum = d.as_str().split('#').next().unwrap().to_owned();
    let with_h = without_checksum.replace('\'', "h");
    for variant in [without_checksum, with_h] {
        let parsed = ManagedDescriptor::parse(&variant, &platform, NET).unwrap();
        assert_eq!(parsed.as_str(), d.as_str(), "{variant}");
    }
}

/// Replaces the script part of `d` by `script`, keeping its blinding key.
fn with_script(d: &ManagedDescriptor, script: &str) -> String {
    format!("ct(slip77({}),{script})", d.master_blinding_key())
}

/// Tells whether an error is the one a case expects.
type IsExpected = fn(&DescriptorError) -> bool;

#[test]
fn descriptors_of_other_shapes_are_refused_with_what_was_found() {
    let d = descriptor(ALICE, 0);
    let platform = cosigner().account_key(0).unwrap();
    let p = platform.descriptor_key();
    let i = d.investor_key().descriptor_key();
    let other = investor(BOB).account_key().unwrap().descriptor_key();
    let body = format!("elwsh(multi(2,{p},{i}))");
    let cases: Vec<(&str, String, IsExpected)> = vec![
        ("garbage", "ct(nonsense".into(), |e| {
            matches!(e, DescriptorError::Malformed(_))
        }),
        ("no ct()", body.clone(), |e| {
            matches!(e, DescriptorError::Malformed(_))
        }),
        (
            "bad checksum",
            format!("{}#aaaaaaaa", with_script(&d, &body)),
            |e| matches!(e, DescriptorError::Malformed(_)),
        ),
        (
            "1-of-2",
            with_script(&d, &format!("elwsh(multi(1,{p},{i}))")),
            |e| {
                matches!(
                    e,
                    DescriptorError::Threshold {
                        threshold: 1,
                        keys: 2
                    }
                )
            },
        ),
        (
            "2-of-3",
            with_script(&d, &format!("elwsh(multi(2,{p},{i},{other}))")),
            |e| {
                matches!(
                    e,
                    DescriptorError::Threshold {
                        threshold: 2,
                        keys: 3
                    }
                )
            },
        ),
        (
            "sortedmulti",
            with_script(&d, &format!("elwsh(sortedmulti(2,{p},{i}))")),
            |e| matches!(e, DescriptorError::ScriptType(_)),
        ),
        (
            "p2sh-wrapped",
            with_script(&d, &format!("elsh(wsh(multi(2,{p},{i})))")),
            |e| matches!(e, DescriptorError::ScriptType(_)),
        ),
        (
            "single sig",
            with_script(&d, &format!("elwpkh({i})")),
            |e| matches!(e, DescriptorError::ScriptType(_)),
        ),
        (
            "bare blinding key",
            format!(
                "ct(02dce16018bbbb8e36de7b394df5b5166e9adb7498be7d881a85a09aeecf76b623,{body})"
            ),
            |e| matches!(e, DescriptorError::BlindingKey(_)),
        ),
        ("elip151 blinding key", format!("ct(elip151,{body})"), |e| {
            matches!(e, DescriptorError::BlindingKey(_))
        }),
        (
            "single-path keys",
            with_script(
                &d,
                &format!(
                    "elwsh(multi(2,{},{}))",
                    p.replace("<0;1>", "0"),
                    i.replace("<0;1>", "0")
                ),
            ),
            |e| matches!(e, DescriptorError::KeyShape(_)),
        ),
        (
            "key without origin",
            with_script(
                &d,
                &format!("elwsh(multi(2,{p},{}/<0;1>/*))", d.investor_key().xpub()),
            ),
            |e| matches!(e, DescriptorError::KeyShape(_)),
        ),
        (
            "same key twice",
            with_script(&d, &format!("elwsh(multi(2,{p},{p}))")),
            |e| matches!(e, DescriptorError::DuplicateKey(_)),
        ),
        (
            "keys swapped",
            with_script(&d, &format!("elwsh(multi(2,{i},{p}))")),
            |e| matches!(e, DescriptorError::ForeignCosigner { .. }),
        ),
    ];
    for (name, text, expected) in cases {
        match ManagedDescriptor::parse(&text, &platform, NET) {
            Ok(_) => panic!("{name}: accepted {text}"),
            Err(e) => assert!(expected(&e), "{name}: unexpected error {e:?} ({e})"),
        }
    }
}

#[test]
fn a_foreign_cosigner_key_is_refused_and_named() {
    let alice = descriptor(ALICE, 0);
    // Right platform, wrong account: the key of account 1 where account 0 was issued.
    let expected = cosigner().account_key(1).unwrap();
    let err = ManagedDescriptor::parse(alice.as_str(), &expected, NET).unwrap_err();
    let DescriptorError::ForeignCosigner {
        found,
        expected: want,
    } = &err
    else {
        panic!("unexpected {err:?}");
    };
    assert_eq!(found, &alice.platform_key().to_string());
    assert_eq!(want, &expected.to_string());
    assert!(err.to_string().contains("foreign co-signer key"));
    // Someone else's co-signer entirely.
    let stranger = crate::CosignerMaster::generate(NET).unwrap();
    let their_key = stranger.account_key(0).unwrap();
    let forged = ManagedDescriptor::new(
        alice.master_blinding_key(),
        &their_key,
        alice.investor_key(),
        NET,
    )
    .unwrap();
    let ours = cosigner().account_key(0).unwrap();
    assert!(matches!(
        ManagedDescriptor::parse(forged.as_str(), &ours, NET),
        Err(DescriptorError::ForeignCosigner { .. })
    ));
}

#[test]
fn keys_of_another_chain_are_refused() {
    let liquid = crate::CosignerMaster::generate(Network::Liquid).unwrap();
    let platform = liquid.account_key(0).unwrap();
    let d = descriptor(ALICE, 0);
    let err = ManagedDescriptor::new(d.master_blinding_key(), &platform, d.investor_key(), NET)
        .unwrap_err();
    assert!(matches!(err, DescriptorError::WrongNetwork { .. }), "{err}");
}

#[test]
fn debug_does_not_show_the_blinding_key() {
    let d = descriptor(ALICE, 0);
    assert!(!format!("{d:?}").contains(&d.master_blinding_key().to_string()));
}

#[test]
fn the_duplicate_key_is_named() {
    let d = descriptor(ALICE, 0);
    let platform = cosigner().account_key(0).unwrap();
    let p = platform.descriptor_key();
    let text = with_script(&d, &format!("elwsh(multi(2,{p},{p}))"));
    let err = ManagedDescriptor::parse(&text, &platform, NET).unwrap_err();
    assert!(
        err.to_string().contains(&platform.xpub().to_string()),
        "{err}"
    );
}

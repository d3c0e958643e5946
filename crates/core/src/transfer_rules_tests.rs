#![allow(clippy::unwrap_used)]
use super::*;

const KYC: CategoryId = CategoryId(1);
const ACCREDITED: CategoryId = CategoryId(2);

fn gaid(n: u8) -> Gaid {
    let mut bytes = [0xa0; 20];
    bytes[19] = n;
    Gaid::from_account_bytes(bytes).unwrap()
}

fn good_input() -> InputFacts {
    InputFacts {
        owned_by_sender: true,
        unspent: true,
        locked: false,
    }
}

fn receiver(categories: &[CategoryId]) -> OutputFacts {
    OutputFacts::Managed {
        gaid: gaid(2),
        registered_user: Some(ReceiverUser {
            id: RegisteredUserId(2),
            categories: categories.iter().copied().collect(),
        }),
    }
}

/// A transfer-restricted asset requiring KYC and ACCREDITED, paying a receiver in both,
/// with change: allowed.
fn allowed() -> TransferFacts {
    TransferFacts {
        asset: AssetFacts {
            managed: true,
            is_authorized: true,
            is_locked: false,
            kind: AssetKind::TransferRestricted,
            requirements: [KYC, ACCREDITED].into_iter().collect(),
        },
        inputs: vec![good_input(), good_input()],
        outputs: vec![
            receiver(&[KYC, ACCREDITED, CategoryId(9)]),
            OutputFacts::Change,
        ],
    }
}

fn with(change: impl FnOnce(&mut TransferFacts)) -> TransferFacts {
    let mut facts = allowed();
    change(&mut facts);
    facts
}

#[test]
fn every_reason_code_is_reached_in_order() {
    use ReasonCode as R;
    let cases: Vec<(&str, TransferFacts, Verdict)> = vec![
        ("all rules met", allowed(), Verdict::Allowed),
        (
            "an input of another account",
            with(|f| f.inputs[1].owned_by_sender = false),
            Verdict::Refused(R::InputNotOwned),
        ),
        (
            "a spent input",
            with(|f| f.inputs[0].unspent = false),
            Verdict::Refused(R::InputSpent),
        ),
        (
            "ownership is checked before spentness",
            with(|f| {
                f.inputs[0].unspent = false;
                f.inputs[1].owned_by_sender = false;
            }),
            Verdict::Refused(R::InputNotOwned),
        ),
        (
            "an asset not managed here",
            with(|f| f.asset.managed = false),
            Verdict::Refused(R::AssetNotAuthorized),
        ),
        (
            "an asset not registered-authorized",
            with(|f| f.asset.is_authorized = false),
            Verdict::Refused(R::AssetNotAuthorized),
        ),
        (
            "inputs are checked before the asset",
            with(|f| {
                f.asset.is_authorized = false;
                f.inputs[0].unspent = false;
            }),
            Verdict::Refused(R::InputSpent),
        ),
        (
            "a locked asset",
            with(|f| f.asset.is_locked = true),
            Verdict::Refused(R::AssetLocked),
        ),
        (
            "authorization is checked before the lock",
            with(|f| {
                f.asset.is_locked = true;
                f.asset.is_authorized = false;
            }),
            Verdict::Refused(R::AssetNotAuthorized),
        ),
        (
            "a locked input",
            with(|f| f.inputs[1].locked = true),
            Verdict::Refused(R::OutputLocked),
        ),
        (
            "the asset lock is checked before output locks",
            with(|f| {
                f.inputs[1].locked = true;
                f.asset.is_locked = true;
            }),
            Verdict::Refused(R::AssetLocked),
        ),
        (
            "an unmanaged receiver",
            with(|f| f.outputs.push(OutputFacts::Unmanaged)),
            Verdict::Refused(R::ReceiverNotManaged),
        ),
        (
            "output locks are checked before receivers",
            with(|f| {
                f.outputs.push(OutputFacts::Unmanaged);
                f.inputs[0].locked = true;
            }),
            Verdict::Refused(R::OutputLocked),
        ),
        (
            "a treasury address receives",
            with(|f| f.outputs = vec![OutputFacts::Treasury]),
            Verdict::Allowed,
        ),
        (
            "a managed account without registered user",
            with(|f| {
                f.outputs.push(OutputFacts::Managed {
                    gaid: gaid(3),
                    registered_user: None,
                })
            }),
            Verdict::Refused(R::ReceiverNotRegistered),
        ),
        (
            "a receiver missing one category",
            with(|f| f.outputs[0] = receiver(&[KYC])),
            Verdict::Refused(R::ReceiverMissingCategory),
        ),
        (
            "unmanaged receivers are refused before categories",
            with(|f| {
                f.outputs[0] = receiver(&[]);
                f.outputs.push(OutputFacts::Unmanaged);
            }),
            Verdict::Refused(R::ReceiverNotManaged),
        ),
        (
            "an issuer-tracked asset accepts any managed account",
            with(|f| {
                f.asset.kind = AssetKind::IssuerTracked;
                f.outputs = vec![
                    receiver(&[]),
                    OutputFacts::Managed {
                        gaid: gaid(3),
                        registered_user: None,
                    },
                ];
            }),
            Verdict::Allowed,
        ),
        (
            "an issuer-tracked asset still refuses unmanaged receivers",
            with(|f| {
                f.asset.kind = AssetKind::IssuerTracked;
                f.outputs = vec![OutputFacts::Unmanaged];
            }),
            Verdict::Refused(R::ReceiverNotManaged),
        ),
        (
            "a restricted asset without requirements needs only a registered user",
            with(|f| {
                f.asset.requirements.clear();
                f.outputs[0] = receiver(&[]);
            }),
            Verdict::Allowed,
        ),
    ];
    for (name, facts, expected) in cases {
        assert_eq!(decide(&facts), expected, "{name}");
    }
}

#[test]
fn the_authorizer_replaces_only_the_category_rules() {
    use AuthorizerAnswer as A;
    let missing_category = with(|f| f.outputs[0] = receiver(&[KYC]));
    let locked = with(|f| f.asset.is_locked = true);
    let cases = [
        (
            &missing_category,
            A::NotConfigured,
            Verdict::Refused(ReasonCode::ReceiverMissingCategory),
        ),
        (&missing_category, A::Allowed, Verdict::Allowed),
        (
            &missing_category,
            A::Refused,
            Verdict::Refused(ReasonCode::IssuerAuthorizationRefused),
        ),
        (
            &missing_category,
            A::Unavailable,
            Verdict::Refused(ReasonCode::IssuerAuthorizationUnavailable),
        ),
        (
            &locked,
            A::Allowed,
            Verdict::Refused(ReasonCode::AssetLocked),
        ),
    ];
    for (facts, answer, expected) in cases {
        assert_eq!(
            decide_with_authorizer(facts, answer),
            expected,
            "{answer:?}"
        );
    }
    assert_eq!(hard_checks(&missing_category), Verdict::Allowed);
    assert!(!category_verdict(&missing_category).is_allowed());
}

#[test]
fn reason_codes_are_stable_snake_case_strings() {
    let all = [
        ReasonCode::InputNotOwned,
        ReasonCode::InputSpent,
        ReasonCode::AssetNotAuthorized,
        ReasonCode::AssetLocked,
        ReasonCode::OutputLocked,
        ReasonCode::ReceiverNotManaged,
        ReasonCode::ReceiverNotRegistered,
        ReasonCode::ReceiverMissingCategory,
        ReasonCode::IssuerAuthorizationRefused,
        ReasonCode::IssuerAuthorizationUnavailable,
    ];
    for code in all {
        assert_eq!(
            serde_json::to_string(&code).unwrap(),
            format!("\"{}\"", code.as_str())
        );
        assert_eq!(code.to_string(), code.as_str());
    }
    assert_eq!(ReasonCode::OutputLocked.as_str(), "output_locked");
    assert_eq!(
        serde_json::to_string(&Verdict::Refused(ReasonCode::AssetLocked)).unwrap(),
        r#"{"verdict":"refused","reason":"asset_locked"}"#
    );
    assert_eq!(
        serde_json::to_string(&Verdict::Allowed).unwrap(),
        r#"{"verdict":"allowed"}"#
    );
}

#![allow(clippy::unwrap_used)]
use super::*;

fn txid(byte: u8) -> Txid {
    format!("{:02x}", byte).repeat(32).parse().unwrap()
}

fn asset() -> AssetId {
    "b2e15d0d7a0c94e4e2ce0fe6e8691b9e451377f6e46e8045a86f7c4b5d4f0f23"
        .parse()
        .unwrap()
}

fn request() -> Request {
    Request::Distribute {
        distribution_uuid: "d-1".into(),
        recipients: vec![JournalRecipient {
            address: "el1alice".into(),
            unconfidential: "ert1alice".into(),
            amount: Sats::from_sat(150_000_000),
        }],
    }
}

fn intent() -> Stage {
    Stage::Intent {
        known_txids: vec![txid(1)],
        known_reissuances: vec![],
    }
}

fn broadcast(t: u8) -> Stage {
    Stage::Broadcast {
        txid: txid(t),
        vin: None,
    }
}

fn confirmed(t: u8) -> Stage {
    Stage::Confirmed {
        txid: txid(t),
        vin: None,
    }
}

#[test]
fn stage_transitions_follow_the_state_machine() {
    let cases = [
        ("intent to broadcast", intent(), broadcast(2), true),
        ("intent refreshed", intent(), intent(), true),
        ("broadcast to confirmed", broadcast(2), confirmed(2), true),
        (
            "confirmed under another txid",
            broadcast(2),
            confirmed(3),
            false,
        ),
        (
            "intent straight to confirmed",
            intent(),
            confirmed(2),
            false,
        ),
        ("txid replaced", broadcast(2), broadcast(3), false),
        ("txid forgotten", broadcast(2), intent(), false),
        ("leaving confirmed", confirmed(2), intent(), false),
        ("confirmed again", confirmed(2), confirmed(2), false),
    ];
    for (name, from, to, allowed) in cases {
        assert_eq!(from.check_transition(&to).is_ok(), allowed, "{name}");
    }
}

#[test]
fn journal_round_trips_through_an_atomic_write() {
    let dir = tempfile::tempdir().unwrap();
    let path = journal_path(&dir.path().join("dist.json"));
    assert_eq!(path.file_name().unwrap(), "dist.json.journal.json");
    assert!(Journal::load(&path).unwrap().is_none());
    let mut journal = Journal::new(CommandKind::Distribute, "u-1", asset(), request(), intent());
    journal.save(&path).unwrap();
    assert_eq!(Journal::load(&path).unwrap().unwrap(), journal);
    journal.advance(broadcast(2)).unwrap();
    journal.save(&path).unwrap();
    let back = Journal::load(&path).unwrap().unwrap();
    assert_eq!(back.stage, broadcast(2));
    assert!(back.matches(CommandKind::Distribute, &asset(), &request()));
    assert!(!back.matches(CommandKind::Burn, &asset(), &request()));
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(leftovers.len(), 1, "no temp file left: {leftovers:?}");
}

#[test]
fn a_refused_transition_leaves_the_journal_unchanged() {
    let mut journal = Journal::new(
        CommandKind::Distribute,
        "u-1",
        asset(),
        request(),
        broadcast(2),
    );
    assert!(journal.advance(intent()).is_err());
    assert_eq!(journal.stage, broadcast(2));
}

#[test]
fn a_stale_temp_file_does_not_affect_the_journal() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("x.journal.json");
    let journal = Journal::new(
        CommandKind::Distribute,
        "u-1",
        asset(),
        request(),
        broadcast(2),
    );
    journal.save(&path).unwrap();
    std::fs::write(dir.path().join("x.journal.json.tmp-1"), b"{torn").unwrap();
    assert_eq!(Journal::load(&path).unwrap().unwrap(), journal);
}

#[test]
fn a_torn_journal_is_reported_not_ignored() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("x.journal.json");
    std::fs::write(&path, b"{\"version\": 1, ").unwrap();
    let err = Journal::load(&path).unwrap_err();
    assert!(matches!(err, JournalError::Corrupt { .. }), "{err}");
}

#[test]
fn journal_json_uses_tagged_stages_and_exact_amounts() {
    let journal = Journal::new(
        CommandKind::Distribute,
        "u-1",
        asset(),
        request(),
        broadcast(2),
    );
    let value = serde_json::to_value(&journal).unwrap();
    assert_eq!(value["stage"]["stage"], "broadcast");
    assert_eq!(value["request"]["kind"], "distribute");
    assert_eq!(value["command"], "distribute");
    assert_eq!(
        value["request"]["recipients"][0]["amount"].to_string(),
        "1.50000000"
    );
}

//! The vesting notice job against a real SMTP server (Python's `aiosmtpd`, writing each
//! accepted message into a Maildir): every notice is delivered exactly once, also across
//! a restart of the job on the same database, and a notice the server could not take is
//! delivered by a later round. Needs `python3 -m pip install aiosmtpd` (`.ci/run` does).

#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::time::Duration;
use tessera_app::notices::{NoticeJob, RoundReport, SmtpConfig, SmtpMailer, SmtpTls};
use tessera_app::{App, AuthConfig, FixedClock, SyntaxOnlyAccounts};
use tessera_core::{
    Amount, Asset, AssetKind, AssetName, AssetUuid, AssignmentId, Domain, IssuanceOutpoints,
    IssuerPubkey, Name, NewAssignment, NewRegisteredUser, Precision, Ticker, Username,
};
use tessera_store::{IssuerSettings, SqliteStore, Store};

const NOW: i64 = 1_800_000_000;
const DAY: i64 = 86_400;

/// An aiosmtpd process delivering into `maildir`; killed on drop.
struct SmtpServer {
    child: Child,
    port: u16,
}

impl SmtpServer {
    async fn start(maildir: &Path) -> Self {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let child = Command::new("python3")
            .args(["-m", "aiosmtpd", "-n", "-l", &format!("127.0.0.1:{port}")])
            .args(["-c", "aiosmtpd.handlers.Mailbox"])
            .arg(maildir)
            .stdout(Stdio::null())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("python3 with aiosmtpd (python3 -m pip install aiosmtpd)");
        let mut server = Self { child, port };
        // Ready when it accepts a connection (or failed when it exited).
        for _ in 0..500 {
            if tokio::net::TcpStream::connect(("127.0.0.1", port))
                .await
                .is_ok()
            {
                return server;
            }
            if let Some(status) = server.child.try_wait().unwrap() {
                panic!("aiosmtpd exited with {status}; is it installed (python3 -m pip install aiosmtpd)?");
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        panic!("aiosmtpd did not listen on port {port}");
    }

    fn mailer(&self) -> Arc<SmtpMailer> {
        let config = SmtpConfig {
            host: "127.0.0.1".into(),
            port: self.port,
            tls: SmtpTls::None,
            credentials: None,
            from: "Tessera <tessera@platform.example>".into(),
            timeout: Duration::from_secs(4),
        };
        Arc::new(SmtpMailer::new(&config).unwrap())
    }
}

impl Drop for SmtpServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Every delivered message, soft line breaks undone, oldest first.
fn delivered(maildir: &Path) -> Vec<String> {
    let mut files: Vec<PathBuf> = ["new", "cur"]
        .iter()
        .filter_map(|d| std::fs::read_dir(maildir.join(d)).ok())
        .flatten()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort_by_key(|p| std::fs::metadata(p).unwrap().modified().unwrap());
    files
        .iter()
        .map(|p| {
            std::fs::read_to_string(p)
                .unwrap()
                .replace("=\r\n", "")
                .replace("=\n", "")
        })
        .collect()
}

/// ABCompany with Alice's assignment vesting in 2 days and Bob's in 10; notices to
/// ops@abcompany.example, 3 days ahead. Returns the two assignment ids.
async fn abcompany(store: &dyn Store) -> (AssignmentId, AssignmentId) {
    let issuer = store
        .create_issuer(&Username::parse("abcompany").unwrap(), "$argon2id$x", NOW)
        .await
        .unwrap();
    let asset = Asset {
        uuid: AssetUuid::new_random(),
        issuer: issuer.id,
        asset_id: "ab".repeat(32).parse().unwrap(),
        reissuance_token_id: None,
        name: AssetName::parse("ABCompany shares").unwrap(),
        ticker: Ticker::parse("ABCO").unwrap(),
        domain: Domain::parse("abcompany.example").unwrap(),
        pubkey: IssuerPubkey::parse(
            "0337cceec0beea0232ebe14cba0197a9fbd45fcf2ec946749de920e71434c2b904",
        )
        .unwrap(),
        precision: Precision::new(0).unwrap(),
        kind: AssetKind::TransferRestricted,
        is_reissuable: false,
        is_locked: false,
        is_registered: true,
        is_authorized: true,
        issuer_authorization_endpoint: None,
        requirements: Vec::new(),
        issuance: IssuanceOutpoints {
            txid: "ee".repeat(32).parse().unwrap(),
            vin: 0,
            asset_vout: 0,
            reissuance_vout: None,
        },
    };
    let asset = store
        .create_asset(issuer.id, &asset, Amount::from_units(1000).unwrap(), NOW)
        .await
        .unwrap();
    let mut ids = Vec::new();
    for (name, units, vests) in [("Alice", 100, NOW + 2 * DAY), ("Bob", 40, NOW + 10 * DAY)] {
        let user = NewRegisteredUser {
            name: Name::parse(name).unwrap(),
            is_company: false,
            gaid: None,
        };
        let user = store
            .add_registered_user(issuer.id, &user, NOW)
            .await
            .unwrap();
        let a = NewAssignment::new(
            user.id,
            Amount::from_units(units).unwrap(),
            Some(vests),
            false,
        )
        .unwrap();
        let created = store
            .create_assignments(issuer.id, asset.uuid, &[a], NOW)
            .await
            .unwrap()
            .unwrap();
        ids.push(created[0].id);
    }
    let settings = IssuerSettings {
        email: Some("ops@abcompany.example".into()),
        notice_days: 3,
    };
    store
        .set_issuer_settings(issuer.id, &settings, NOW)
        .await
        .unwrap();
    (ids[0], ids[1])
}

/// The server-side pieces of one run of the job: a store opened on `db`, a clock at `now`.
async fn job(db: &Path, now: i64, mailer: Arc<SmtpMailer>) -> (NoticeJob, Arc<dyn Store>) {
    let store: Arc<dyn Store> = Arc::new(SqliteStore::open_path(db).await.unwrap());
    let app = App::new(
        store.clone(),
        Arc::new(FixedClock::new(now)),
        Arc::new(SyntaxOnlyAccounts),
        AuthConfig::default(),
    );
    (NoticeJob::new(app, mailer), store)
}

fn sent(n: usize) -> RoundReport {
    RoundReport {
        due: n,
        sent: n,
        ..RoundReport::default()
    }
}

#[tokio::test]
async fn each_vesting_notice_is_delivered_once_across_restarts_and_a_mail_server_outage() {
    let dir = tempfile::tempdir().unwrap();
    let (db, maildir) = (dir.path().join("t.db"), dir.path().join("maildir"));
    let smtp = SmtpServer::start(&maildir).await;
    let (alice, bob) = {
        let store = SqliteStore::open_path(&db).await.unwrap();
        abcompany(&store).await
    };

    // Alice's assignment vests within 3 days: one notice; a second round sends nothing.
    let (first, _store) = job(&db, NOW, smtp.mailer()).await;
    assert_eq!(first.run_round().await.unwrap(), sent(1));
    assert_eq!(first.run_round().await.unwrap(), RoundReport::default());
    let mail = delivered(&maildir);
    assert_eq!(mail.len(), 1);
    assert!(mail[0].contains("To: ops@abcompany.example"), "{}", mail[0]);
    assert!(
        mail[0].contains(&format!("Assignment: {}", alice.0)),
        "{}",
        mail[0]
    );
    assert!(
        mail[0].contains("Vesting date: 2027-01-17 08:00 UTC"),
        "{}",
        mail[0]
    );
    assert!(mail[0].contains("Registered user: Alice"), "{}", mail[0]);
    drop(first);

    // A restarted job on the same database sends nothing again.
    let (restarted, _store) = job(&db, NOW + 3600, smtp.mailer()).await;
    assert_eq!(restarted.run_round().await.unwrap(), RoundReport::default());
    assert_eq!(delivered(&maildir).len(), 1);

    // On the vesting day, the day's notice, once.
    let (vesting_day, _store) = job(&db, NOW + 2 * DAY, smtp.mailer()).await;
    assert_eq!(vesting_day.run_round().await.unwrap(), sent(1));
    assert_eq!(
        vesting_day.run_round().await.unwrap(),
        RoundReport::default()
    );
    let mail = delivered(&maildir);
    assert_eq!(mail.len(), 2);
    assert!(
        mail[1].contains("Vesting today") && mail[1].contains(&format!("Assignment: {}", alice.0)),
        "{}",
        mail[1]
    );

    // Bob's notice falls due while the mail server is down: nothing recorded, so the
    // next round after it is back delivers it, once.
    let mailer = smtp.mailer();
    drop(smtp);
    let (outage, _store) = job(&db, NOW + 8 * DAY, mailer).await;
    let report = outage.run_round().await.unwrap();
    assert_eq!((report.due, report.sent, report.failed), (1, 0, 1));
    let smtp = SmtpServer::start(&maildir).await;
    let (back, _store) = job(&db, NOW + 8 * DAY, smtp.mailer()).await;
    assert_eq!(back.run_round().await.unwrap(), sent(1));
    assert_eq!(back.run_round().await.unwrap(), RoundReport::default());
    let mail = delivered(&maildir);
    assert_eq!(mail.len(), 3);
    assert!(
        mail[2].contains(&format!("Assignment: {}", bob.0))
            && mail[2].contains("Vesting date: 2027-01-25 08:00 UTC"),
        "{}",
        mail[2]
    );
}

/// An SMTP server that accepts connections and never says a word; reports each accept.
async fn silent_smtp() -> (u16, tokio::sync::mpsc::UnboundedReceiver<()>) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    let (accepted, rx) = tokio::sync::mpsc::unbounded_channel();
    tokio::spawn(async move {
        let mut held = Vec::new();
        while let Ok((socket, _)) = listener.accept().await {
            held.push(socket);
            let _ = accepted.send(());
        }
    });
    (port, rx)
}

/// Issue 13: a stalled SMTP server holds no database lock. While the job waits on a server
/// that accepted the connection and never answers, logins and assignment writes on the same
/// SQLite file go through at once; the send times out, and once a server answers the
/// notice is delivered, saying it may be a duplicate (the timed-out attempt may have
/// reached the server).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_silent_smtp_server_blocks_no_writes_and_the_notice_follows_once_it_answers() {
    let dir = tempfile::tempdir().unwrap();
    let (db, maildir) = (dir.path().join("t.db"), dir.path().join("maildir"));
    let (alice, _bob) = {
        let store = SqliteStore::open_path(&db).await.unwrap();
        abcompany(&store).await
    };
    let (port, mut accepted) = silent_smtp().await;
    let silent = Arc::new(
        SmtpMailer::new(&SmtpConfig {
            host: "127.0.0.1".into(),
            port,
            tls: SmtpTls::None,
            credentials: None,
            from: "Tessera <tessera@platform.example>".into(),
            timeout: Duration::from_secs(2),
        })
        .unwrap(),
    );
    let (stalled, store) = job(&db, NOW, silent).await;
    let round = tokio::spawn(async move { stalled.run_round().await.unwrap() });
    accepted.recv().await.unwrap(); // the send is in progress now

    // Meanwhile another connection to the same file writes: an issuer, a login, an edit.
    let app = App::new(
        Arc::new(SqliteStore::open_path(&db).await.unwrap()),
        Arc::new(FixedClock::new(NOW)),
        Arc::new(SyntaxOnlyAccounts),
        AuthConfig::default(),
    );
    let started = std::time::Instant::now();
    let name = Username::parse("second").unwrap();
    let pw = tessera_app::Password::new("a long enough password");
    app.create_issuer(&name, &pw).await.unwrap();
    app.obtain_token(None, "second", &pw).await.unwrap();
    let settings = IssuerSettings {
        email: Some("other@second.example".into()),
        notice_days: 5,
    };
    let issuer = store
        .issuer_credentials(&name)
        .await
        .unwrap()
        .unwrap()
        .issuer
        .id;
    store
        .set_issuer_settings(issuer, &settings, NOW)
        .await
        .unwrap();
    assert!(
        started.elapsed() < Duration::from_secs(1),
        "writes waited {:?} behind the SMTP send",
        started.elapsed()
    );
    assert!(!round.is_finished(), "the send is still stalled");

    let report = round.await.unwrap();
    assert_eq!((report.due, report.sent, report.failed), (1, 0, 1));

    let smtp = SmtpServer::start(&maildir).await;
    let (back, _store) = job(&db, NOW + 60, smtp.mailer()).await;
    assert_eq!(back.run_round().await.unwrap(), sent(1));
    assert_eq!(back.run_round().await.unwrap(), RoundReport::default());
    let mail = delivered(&maildir);
    assert_eq!(mail.len(), 1);
    assert!(
        mail[0].contains(&format!("Assignment: {}", alice.0)),
        "{}",
        mail[0]
    );
    assert!(
        mail[0].contains("X-Tessera-Possible-Duplicate: yes"),
        "{}",
        mail[0]
    );
}

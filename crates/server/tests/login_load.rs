//! Issue 13's load test: many connections hammer `obtain_token` with wrong passwords over
//! loopback, against the real listener (`tessera_server::run`).
//!
//! Stated bound: the process (server and clients) peaks below [`PEAK_RSS_BOUND`]. Without
//! the hashing semaphore, 64 parallel logins would each hold Argon2's 19 MiB at once
//! (~1.2 GiB); with it at most `MAX_CONCURRENT_HASHES` do. Loopback has a whole /8, so
//! attackers come from 127.0.0.2 and up while the owner logs in from 127.0.0.1.

#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

use futures::future::join_all;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::sync::Arc;
use std::time::{Duration, Instant};
use tessera_app::{App, AuthConfig, Password, SyntaxOnlyAccounts, SystemClock};
use tessera_core::Username;
use tessera_store::{SqliteStore, Store};

/// Growth of the test process's peak resident memory during the attack, once the
/// clients exist (the server's share: connections, requests, password hashing).
const PEAK_RSS_BOUND_MIB: u64 = 160;
const PEAK_RSS_BOUND: &str = "160 MiB";
const PASSWORD: &str = "correct horse battery";

fn status_kib(field: &str) -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap();
    status
        .lines()
        .find(|l| l.starts_with(field))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|v| v.parse().ok())
        .unwrap()
}

async fn serve() -> (
    SocketAddr,
    tokio::sync::oneshot::Sender<()>,
    tempfile::TempDir,
) {
    let dir = tempfile::tempdir().unwrap();
    let store: Arc<dyn Store> = Arc::new(
        SqliteStore::open_path(dir.path().join("t.db"))
            .await
            .unwrap(),
    );
    let app = App::new(
        store,
        Arc::new(SystemClock),
        Arc::new(SyntaxOnlyAccounts),
        AuthConfig::default(),
    );
    app.create_issuer(&Username::parse("acme").unwrap(), &Password::new(PASSWORD))
        .await
        .unwrap();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    tokio::spawn(tessera_server::run(listener, app, async {
        let _ = stopped.await;
    }));
    (addr, stop, dir)
}

fn client_from(ip: Ipv4Addr) -> reqwest::Client {
    reqwest::Client::builder()
        .local_address(IpAddr::V4(ip))
        .timeout(Duration::from_secs(30))
        .build()
        .unwrap()
}

/// Status, `Retry-After` and JSON `code` of one login.
async fn login(
    client: &reqwest::Client,
    addr: SocketAddr,
    user: &str,
    pw: &str,
) -> (u16, Option<String>, String) {
    let resp = client
        .post(format!("http://{addr}/api/user/obtain_token"))
        .json(&serde_json::json!({ "username": user, "password": pw }))
        .send()
        .await
        .unwrap();
    let status = resp.status().as_u16();
    let retry = resp
        .headers()
        .get("retry-after")
        .map(|v| v.to_str().unwrap().to_owned());
    let body: serde_json::Value = resp.json().await.unwrap();
    let code = body["code"].as_str().unwrap_or_default().to_owned();
    (status, retry, code)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn hammering_obtain_token_is_throttled_within_a_memory_bound_and_the_owner_still_logs_in_issue_13(
) {
    let (addr, _stop, _dir) = serve().await;

    // 64 connections: 16 from one address guessing acme's password, 48 from 47 other
    // addresses spraying other usernames, 12 requests each.
    let clients: Vec<_> = (0..64u8)
        .map(|i| {
            if i < 16 {
                (client_from(Ipv4Addr::new(127, 0, 0, 2)), "acme".to_owned())
            } else {
                (client_from(Ipv4Addr::new(127, 0, 1, i)), format!("user{i}"))
            }
        })
        .collect();
    let base_rss_mib = status_kib("VmRSS:") / 1024;
    let tasks = clients.into_iter().map(|(client, user)| async move {
        let mut seen = Vec::new();
        for n in 0..12 {
            seen.push(login(&client, addr, &user, &format!("wrong guess {n}")).await);
        }
        seen
    });
    let results: Vec<_> = join_all(tasks).await.into_iter().flatten().collect();
    let peak_mib = (status_kib("VmHWM:") / 1024).saturating_sub(base_rss_mib);

    let throttled: Vec<_> = results.iter().filter(|r| r.0 == 429).collect();
    // A refused login answers 400 `invalid_credentials` (AMP's status for it).
    let refused = results.iter().filter(|r| r.0 == 400).count();
    assert_eq!(throttled.len() + refused, results.len(), "only 400 and 429");
    assert!(throttled.len() > 64, "throttled: {}", throttled.len());
    for (_, retry, code) in &throttled {
        let secs: u64 = retry.as_deref().expect("Retry-After").parse().unwrap();
        assert!(secs >= 1);
        assert!(
            ["too_many_login_attempts", "login_busy"].contains(&code.as_str()),
            "{code}"
        );
    }
    // The single guessing address got its burst, not its 192 attempts.
    assert!(
        peak_mib < PEAK_RSS_BOUND_MIB,
        "peak RSS grew by {peak_mib} MiB (from {base_rss_mib} MiB); bound {PEAK_RSS_BOUND}"
    );

    // The owner, from its own address, right after.
    let started = Instant::now();
    let (status, _, code) = login(
        &client_from(Ipv4Addr::new(127, 0, 0, 1)),
        addr,
        "acme",
        PASSWORD,
    )
    .await;
    assert_eq!(status, 200, "{code}");
    assert!(
        started.elapsed() < Duration::from_secs(1),
        "{:?}",
        started.elapsed()
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_guessing_address_is_refused_with_retry_after_while_others_are_served_issue_13() {
    let (addr, _stop, _dir) = serve().await;
    let guesser = client_from(Ipv4Addr::new(127, 0, 0, 3));
    let mut statuses = Vec::new();
    for n in 0..6 {
        statuses.push(login(&guesser, addr, "acme", &format!("guess {n}")).await);
    }
    // three free failures, then the pair backs off: 2 s, then it must wait.
    assert_eq!(
        statuses.iter().map(|s| s.0).collect::<Vec<_>>()[..4],
        [400, 400, 400, 400]
    );
    let (status, retry, code) = &statuses[4];
    assert_eq!((*status, code.as_str()), (429, "too_many_login_attempts"));
    assert!(retry.as_deref().unwrap().parse::<u64>().unwrap() >= 1);
    // The right password from the guessing address is refused too while it waits…
    let (status, _, _) = login(&guesser, addr, "acme", PASSWORD).await;
    assert_eq!(status, 429);
    // …but not from elsewhere.
    let (status, _, _) = login(
        &client_from(Ipv4Addr::new(127, 0, 0, 1)),
        addr,
        "acme",
        PASSWORD,
    )
    .await;
    assert_eq!(status, 200);
    // A password far beyond any stored one is refused without hashing.
    let huge = "x".repeat(100_000);
    let (status, _, code) = login(
        &client_from(Ipv4Addr::new(127, 0, 0, 4)),
        addr,
        "acme",
        &huge,
    )
    .await;
    assert_eq!((status, code.as_str()), (400, "invalid_credentials"));
}

//! Crash tests: the real binary is killed (SIGKILL via `TESSERA_CONFIRM_FAILPOINT`) before
//! broadcasting, right after, and while waiting; a re-run must pay exactly once and post
//! exactly one confirmation.

use std::os::unix::process::ExitStatusExt;
use std::process::Stdio;

use crate::support::{coins, p, World};

async fn crash_then_rerun(failpoint: &str) {
    let w = World::start().await;
    let alice = w.alice.get_new_address().await.unwrap();
    let bob = w.bob.get_new_address().await.unwrap();
    let file = w.distribution_file("dist.json", "d-crash", &[(&alice, "1.5"), (&bob, "0.25")]);
    let mut argv = w.argv("issuer", &["distribute", "-f", p(&file)]);
    argv.remove(0);
    let command = |fail: Option<&str>| {
        let mut c = tokio::process::Command::new(env!("CARGO_BIN_EXE_tessera-confirm"));
        c.args(&argv).stdout(Stdio::null()).stderr(Stdio::piped());
        match fail {
            Some(f) => c.env("TESSERA_CONFIRM_FAILPOINT", f),
            None => c.env_remove("TESSERA_CONFIRM_FAILPOINT"),
        };
        c
    };

    let killed = command(Some(failpoint)).output().await.unwrap();
    assert_eq!(
        killed.status.signal(),
        Some(9),
        "{failpoint}: {}",
        String::from_utf8_lossy(&killed.stderr)
    );
    assert!(w.api.confirms().is_empty());

    let rerun = w.mining_while(command(None).output()).await.unwrap();
    let stderr = String::from_utf8_lossy(&rerun.stderr);
    assert!(
        rerun.status.success(),
        "{failpoint}: re-run failed: {stderr}"
    );

    let paid_alice = w.utxos_of(&w.alice, &w.asset).await;
    let paid_bob = w.utxos_of(&w.bob, &w.asset).await;
    assert_eq!(paid_alice.len(), 1, "{failpoint}: alice paid once");
    assert_eq!(paid_bob.len(), 1, "{failpoint}: bob paid once");
    assert_eq!(paid_alice[0].1, coins("1.5"));
    assert_eq!(paid_bob[0].1, coins("0.25"));
    assert_eq!(paid_alice[0].0, paid_bob[0].0, "one transaction pays both");
    assert_eq!(
        w.balance(&w.issuer, &w.asset).await,
        coins("998.25"),
        "{failpoint}: the issuer paid 1.75 once"
    );
    let confirms = w.api.confirms();
    assert_eq!(confirms.len(), 1, "{failpoint}: one confirmation POST");
    assert_eq!(
        confirms[0].1["tx_data"]["txid"],
        serde_json::json!(paid_alice[0].0.to_string())
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn killed_before_broadcast_the_rerun_pays_once() {
    crash_then_rerun("before-broadcast").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn killed_right_after_broadcast_the_rerun_finds_the_transaction_and_pays_nothing_more() {
    crash_then_rerun("after-broadcast").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn killed_while_waiting_the_rerun_resumes_the_wait() {
    crash_then_rerun("during-wait").await;
}

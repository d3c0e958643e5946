//! Helpers of `console_browser.rs`: `tessera demo` as the server, Debian's Chromium driven
//! through chromedriver (WebDriver, via fantoccini), screenshots and accessibility checks.

use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::{json, Value};
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// `tessera demo` on a fresh data directory; killed when dropped.
pub struct Demo {
    child: Child,
    /// The demo's JSON line (console, username, password, node, issuer_wallet, …).
    pub info: Value,
}

impl Demo {
    pub fn start(data: &Path) -> Self {
        let mut child = Command::new(env!("CARGO_BIN_EXE_tessera"))
            .args(["--json", "demo", "--investors", "6", "--data-dir"])
            .arg(data)
            .args([
                "--listen",
                "127.0.0.1:0",
                "--devnet-rpc-listen",
                "127.0.0.1:0",
            ])
            .args([
                "--devnet-block-interval",
                "1",
                "--authorizer-allow-http-loopback",
            ])
            // The test's authorization endpoint listens on loopback.
            .args(["--authorizer-allow-ip", "127.0.0.1"])
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("tessera demo starts");
        let mut lines = BufReader::new(child.stdout.take().expect("stdout")).lines();
        let line = lines
            .next()
            .expect("the demo prints its login")
            .expect("readable");
        let info: Value =
            serde_json::from_str(&line).unwrap_or_else(|_| panic!("not JSON: {line}"));
        Self { child, info }
    }

    pub fn console(&self) -> String {
        self.info["console"]
            .as_str()
            .expect("console")
            .trim_end_matches('/')
            .to_owned()
    }

    pub fn password(&self) -> String {
        self.info["password"].as_str().expect("password").to_owned()
    }
}

impl Drop for Demo {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// chromedriver on a free port, and a Chromium session through it.
pub struct Browser {
    driver: Child,
    pub client: Client,
    _profile: tempfile::TempDir,
    shots: PathBuf,
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}

fn which(candidates: &[&str]) -> String {
    for c in candidates {
        if Path::new(c).exists() {
            return (*c).to_owned();
        }
    }
    panic!("none of {candidates:?} exists: install Debian's chromium and chromium-driver (apt-get install -y chromium chromium-driver; .ci/run does)")
}

impl Browser {
    pub async fn start() -> Self {
        let port = free_port();
        let driver = Command::new(which(&[
            "/usr/bin/chromedriver",
            "/usr/lib/chromium/chromedriver",
        ]))
        .arg(format!("--port={port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("chromedriver starts");
        let url = format!("http://127.0.0.1:{port}");
        let deadline = Instant::now() + Duration::from_secs(30);
        while reqwest::get(format!("{url}/status")).await.is_err() {
            assert!(Instant::now() < deadline, "chromedriver did not answer");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        let profile = tempfile::tempdir().expect("profile dir");
        let args = [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-dev-shm-usage",
            "--window-size=1280,900",
        ];
        let mut args: Vec<String> = args.iter().map(|a| (*a).to_owned()).collect();
        args.push(format!("--user-data-dir={}", profile.path().display()));
        let caps = json!({
            "browserName": "chrome",
            "goog:chromeOptions": { "binary": which(&["/usr/bin/chromium"]), "args": args },
        });
        let caps = caps
            .as_object()
            .expect("object")
            .clone()
            .into_iter()
            .collect();
        let _ = rustls::crypto::ring::default_provider().install_default();
        let client = ClientBuilder::rustls()
            .expect("tls")
            .capabilities(caps)
            .connect(&url)
            .await
            .expect("a Chromium session");
        let shots = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/console-screenshots");
        std::fs::create_dir_all(&shots).expect("screenshot dir");
        Self {
            driver,
            client,
            _profile: profile,
            shots,
        }
    }

    pub async fn goto(&self, url: &str) {
        self.client.goto(url).await.expect("navigates");
    }

    pub async fn text(&self, css: &str) -> String {
        self.client
            .find(Locator::Css(css))
            .await
            .unwrap_or_else(|_| panic!("{css} on the page"))
            .text()
            .await
            .expect("text")
    }

    pub async fn count(&self, css: &str) -> usize {
        self.client
            .find_all(Locator::Css(css))
            .await
            .expect("query")
            .len()
    }

    pub async fn fill(&self, css: &str, value: &str) {
        let field = self
            .client
            .find(Locator::Css(css))
            .await
            .unwrap_or_else(|_| panic!("{css}"));
        field.clear().await.expect("clear");
        field.send_keys(value).await.expect("type");
    }

    pub async fn click(&self, css: &str) {
        self.client
            .find(Locator::Css(css))
            .await
            .unwrap_or_else(|_| panic!("{css}"))
            .click()
            .await
            .expect("click");
    }

    /// Clicks a submit button (or link) and waits until the next page has loaded.
    pub async fn submit(&self, css: &str) {
        self.js("window.__tesseraBefore = true;").await;
        self.click(css).await;
        eventually(&format!("the page after {css}"), 30, || async {
            self.js("return !window.__tesseraBefore && document.readyState === 'complete';")
                .await
                == json!(true)
        })
        .await;
    }

    pub async fn js(&self, script: &str) -> Value {
        self.client
            .execute(script, vec![])
            .await
            .expect("script runs")
    }

    pub async fn path(&self) -> String {
        self.client
            .current_url()
            .await
            .expect("url")
            .path()
            .to_owned()
    }

    /// Screenshots at desktop (1280 px) and phone (390 px) width, then checks that every
    /// form control has a label and that Tab moves through the page's controls.
    pub async fn check_page(&self, name: &str) {
        for (width, height) in [(390u32, 844u32), (1280, 900)] {
            self.client
                .set_window_size(width, height)
                .await
                .expect("resize");
            let png = self.client.screenshot().await.expect("screenshot");
            std::fs::write(self.shots.join(format!("{name}-{width}.png")), png).expect("write png");
        }
        let unlabelled = self.js(UNLABELLED).await;
        assert_eq!(
            unlabelled,
            json!([]),
            "{name}: form controls without a label"
        );
        let stops = self.tab_through(12).await;
        let distinct: std::collections::BTreeSet<_> =
            stops.iter().filter(|s| !s.starts_with("BODY")).collect();
        let focusable = self
            .js("return document.querySelectorAll('a[href], button, input:not([type=hidden]), select, textarea').length;")
            .await
            .as_u64()
            .unwrap_or(0) as usize;
        assert!(
            distinct.len() >= focusable.min(3),
            "{name}: Tab does not reach the page's controls: {stops:?}"
        );
    }

    /// Presses Tab `n` times from the top of the page; the focused elements, described.
    pub async fn tab_through(&self, n: usize) -> Vec<String> {
        // Focus the body, so the sequential focus starting point is the top of the page
        // (a reload would post a form page again).
        self.js("document.body.tabIndex = -1; document.body.focus(); document.body.removeAttribute('tabindex'); window.scrollTo(0, 0);").await;
        let mut stops = Vec::new();
        for _ in 0..n {
            let focused = self.client.active_element().await.expect("focus");
            focused.send_keys("\u{E004}").await.expect("Tab");
            let what = self.js("var e=document.activeElement; return e ? (e.tagName+'|'+(e.id||e.name||e.textContent||'').trim().slice(0,30)) : '';").await;
            stops.push(what.as_str().unwrap_or_default().to_owned());
        }
        stops
    }

    pub async fn quit(self) {
        let Self {
            mut driver, client, ..
        } = self;
        let _ = client.close().await;
        let _ = driver.kill();
        let _ = driver.wait();
    }
}

/// Visible inputs, selects and text areas with no label (for=, wrapping, aria-label).
const UNLABELLED: &str = r#"
return Array.from(document.querySelectorAll('input, select, textarea'))
  .filter(function (e) { return e.type !== 'hidden'; })
  .filter(function (e) {
    if (e.getAttribute('aria-label') || e.getAttribute('aria-labelledby')) return false;
    if (e.closest('label')) return false;
    return !(e.id && document.querySelector('label[for="' + e.id + '"]'));
  })
  .map(function (e) { return e.outerHTML.slice(0, 80); });
"#;

/// Polls `check` every 250 ms for up to `secs` seconds (the page changes when the chain
/// and the watcher catch up; there is no event to await from a browser).
pub async fn eventually<F, Fut>(what: &str, secs: u64, mut check: F)
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = bool>,
{
    let deadline = Instant::now() + Duration::from_secs(secs);
    while !check().await {
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
}

//! The console in a real browser: Debian's Chromium through chromedriver, against
//! `tessera demo` (the embedded devnet, real wallets, the real confirm tool).
//!
//! One scenario, as an issuer's operations staff would go: sign in, issue an asset (a
//! field error first), import assignments from CSV (a refused row first), distribute and
//! pay with `tessera confirm`, see the holders chart change, calculate dividends and
//! download the CSV, try an authorization endpoint in shadow mode and find the
//! disagreement in the log; a form without the CSRF token is refused; a manager sees only
//! its asset. Every page is screenshotted at 1280 and 390 px (target/console-screenshots)
//! and checked for unlabelled controls and keyboard navigation.

#[path = "console_browser_support/mod.rs"]
mod support;

use fantoccini::Locator;
use support::{eventually, Browser, Demo};

const PUBKEY: &str = "02a1633cafcc01ebfb6d78e39f687a1f0995c62fc95f51ead10a02ee0be551b5dc";

/// An authorization endpoint that refuses every transfer (AMP posts to
/// `{endpoint}/issuerauthorizer`).
async fn refusing_endpoint() -> String {
    use axum::{routing::post, Json, Router};
    let app = Router::new().route(
        "/issuerauthorizer",
        post(|| async { Json(serde_json::json!({"result": false, "error": "not on our list"})) }),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let url = format!("http://{}/", listener.local_addr().expect("addr"));
    tokio::spawn(async move { axum::serve(listener, app).await });
    url
}

async fn sign_in(b: &Browser, console: &str, user: &str, password: &str) {
    b.goto(&format!("{console}/login")).await;
    b.fill("#username", user).await;
    b.fill("#password", password).await;
    b.submit("form button[type=submit]").await;
}

fn session_cookie(cookies: &[fantoccini::cookies::Cookie<'static>]) -> String {
    let c = cookies
        .iter()
        .find(|c| c.name() == "tessera_session")
        .expect("a session cookie");
    format!("tessera_session={}", c.value())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_issuer_runs_the_platform_from_the_console_in_chromium() {
    let dir = tempfile::tempdir().expect("tempdir");
    let demo = Demo::start(&dir.path().join("data"));
    let console = demo.console();
    let b = Browser::start().await;

    // Signing in.
    b.goto(&console).await;
    assert_eq!(
        b.path().await,
        "/login",
        "the console asks to sign in first"
    );
    b.check_page("login").await;
    sign_in(&b, &console, "demo", "wrong password").await;
    assert!(
        b.text(".error-box").await.contains("invalid"),
        "a wrong password is refused"
    );
    sign_in(&b, &console, "demo", &demo.password()).await;
    assert_eq!(b.path().await, "/", "signed in: {}", b.text("main").await);
    let assets = b.text("table").await;
    assert!(
        assets.contains("DEMO") && assets.contains("DGB"),
        "{assets}"
    );
    b.check_page("assets").await;
    // The demo's restricted bond requires its accredited investors' category.
    let bond_uuid = demo.info["assets"][1][1].as_str().expect("uuid");
    b.goto(&format!("{console}/assets/{bond_uuid}")).await;
    let required = b.js("return Array.from(document.querySelectorAll('#req-h ~ form input:checked')).map(function(e){return e.labels[0].textContent;});").await;
    assert_eq!(required, serde_json::json!(["Accredited investors"]));
    b.check_page("bond").await;
    b.goto(&console).await;
    let stops = b.tab_through(3).await;
    assert!(
        stops[0].contains("Skip to content"),
        "the skip link comes first: {stops:?}"
    );

    // Issuing, with a field error first.
    let wallet = tessera_elements_rpc::ElementsRpc::new(
        tessera_elements_rpc::NodeUrl::parse(demo.info["issuer_wallet"].as_str().expect("wallet"))
            .expect("url"),
        Default::default(),
    )
    .expect("rpc");
    let address = wallet.get_new_address().await.expect("address");
    b.submit("a[href='/assets/issue']").await;
    b.check_page("issue").await;
    b.fill("#name", "Browser Test Shares").await;
    b.fill("#ticker", "!").await;
    b.fill("#domain", "test.example").await;
    b.fill("#pubkey", PUBKEY).await;
    b.fill("#amount", "10000").await;
    b.fill("#destination_address", &address).await;
    b.submit("form.panel button[type=submit]").await;
    assert!(
        !b.text("#ticker-error").await.is_empty(),
        "the ticker's error shows next to it"
    );
    b.check_page("issue-error").await;
    b.fill("#ticker", "BTS").await;
    b.submit("form.panel button[type=submit]").await;
    let asset_path = b.path().await;
    assert!(asset_path.starts_with("/assets/"), "{asset_path}");
    assert_eq!(
        b.count("#holders-chart rect").await,
        1,
        "only the treasury holds it"
    );
    b.submit("form[action$='/settings/authorize'] button").await;
    assert!(b.text("#asset-settings").await.contains("co-signed"));

    // The demo's investors: ids and GAIDs.
    b.goto(&format!("{console}/users")).await;
    b.check_page("users").await;
    let ids: Vec<String> = b.js("return Array.from(document.querySelectorAll('#users tbody tr td:first-child')).map(function(e){return e.textContent.trim();})").await
        .as_array().expect("ids").iter().map(|v| v.as_str().unwrap_or_default().to_owned()).collect();
    let gaids: Vec<String> = b.js("return Array.from(document.querySelectorAll('#users tbody tr td:nth-child(4)')).map(function(e){return e.textContent.trim();})").await
        .as_array().expect("gaids").iter().map(|v| v.as_str().unwrap_or_default().to_owned()).collect();
    assert!(
        ids.len() >= 3 && gaids.iter().all(|g| g.starts_with("GA")),
        "{ids:?} {gaids:?}"
    );

    // Importing assignments: a refused row first (nothing created), then all of them.
    b.goto(&format!("{console}{asset_path}/assignments")).await;
    b.check_page("assignments").await;
    let csv = format!(
        "registered_user,amount\n{},100\n{},200\n999999,5\n",
        ids[0], ids[1]
    );
    b.fill("#csv", &csv).await;
    b.submit("#import-h ~ form button[type=submit]").await;
    assert_eq!(
        b.count("#import-preview tr.row-error").await,
        1,
        "the unknown user's row is refused"
    );
    assert!(b
        .text("#import-preview tr.row-error")
        .await
        .contains("999999"));
    b.check_page("import-preview").await;
    let fixed = format!(
        "registered_user,amount\n{},100\n{},200\n{},300\n",
        ids[0], ids[1], ids[2]
    );
    b.fill("#csv", &fixed).await;
    b.submit("button[value=preview]").await;
    assert_eq!(b.count("#import-preview tr.row-error").await, 0);
    b.submit("button[value=create]").await;
    assert_eq!(
        b.count("#assignments tbody tr").await,
        3,
        "all three rows were created"
    );
    b.submit("#assignments tbody tr:first-child a[href$='/edit']")
        .await;
    b.fill("#amount", "1.5").await;
    b.submit("form.panel button[type=submit]").await;
    assert!(
        !b.text("#amount-error").await.is_empty(),
        "precision 0 takes no decimals"
    );
    b.check_page("assignment-edit").await;
    b.fill("#amount", "100").await;
    b.submit("form.panel button[type=submit]").await;
    assert!(b.path().await.ends_with("/assignments"));

    // Distributing and paying with `tessera confirm`.
    b.goto(&format!("{console}{asset_path}/distributions"))
        .await;
    b.submit("form button.primary").await;
    b.check_page("distribution").await;
    let command = b.text("#confirm-command").await;
    assert!(command.starts_with("tessera confirm -u demo"), "{command}");
    let href = b
        .client
        .find(Locator::Css("a[download]"))
        .await
        .expect("download link")
        .attr("href")
        .await
        .expect("attr")
        .expect("href");
    let cookie = session_cookie(&b.client.get_all_cookies().await.expect("cookies"));
    let http = reqwest::Client::new();
    let file = http
        .get(format!("{console}{href}"))
        .header("cookie", &cookie)
        .send()
        .await
        .expect("file")
        .text()
        .await
        .expect("body");
    let file_path = dir.path().join("distribution.json");
    std::fs::write(&file_path, &file).expect("write file");
    let out = tokio::process::Command::new(env!("CARGO_BIN_EXE_tessera"))
        .args(["confirm", "-u", "demo", "-p", &demo.password(), "-n"])
        .arg(demo.info["issuer_wallet"].as_str().expect("wallet"))
        .args([
            "--poll-interval",
            "0.2",
            "--timeout",
            "120",
            "distribute",
            "-f",
        ])
        .arg(&file_path)
        .stdin(std::process::Stdio::null())
        .output()
        .await
        .expect("tessera confirm runs");
    assert!(
        out.status.success(),
        "tessera confirm: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    eventually("the distribution page to show it confirmed", 60, || async {
        b.client.refresh().await.expect("reload");
        b.text("#distribution-status").await.contains("Confirmed")
    })
    .await;
    eventually(
        "the holders chart to show the three investors",
        60,
        || async {
            b.goto(&format!("{console}{asset_path}")).await;
            b.count("#holders-chart rect").await == 4
        },
    )
    .await;
    b.check_page("asset").await;
    b.goto(&format!("{console}{asset_path}/activity")).await;
    let activity = b.text("#activity").await;
    assert!(
        activity.contains("distribution") && activity.contains("issuance"),
        "{activity}"
    );
    b.check_page("activity").await;
    b.goto(&format!("{console}{asset_path}/ownership")).await;
    b.check_page("ownership").await;
    assert!(
        b.count("#ownership-chart polyline").await == 2,
        "treasury and investors over time"
    );

    // A burn request hands out the file for the confirm tool.
    b.goto(&format!("{console}{asset_path}/supply")).await;
    b.fill("#burn_amount", "10").await;
    b.submit("#burn-h ~ form button[type=submit]").await;
    assert!(b.text("#handout").await.contains("burn -f burn.json"));
    assert_eq!(
        b.count("#supply-ops tbody tr").await,
        1,
        "the burn waits for the node"
    );
    b.check_page("supply").await;

    // Dividends, and their CSV.
    b.goto(&format!("{console}{asset_path}/dividends")).await;
    b.check_page("dividends").await;
    b.fill("#amount", "0.10").await;
    b.submit("#calc-h ~ form button[type=submit]").await;
    assert_eq!(b.count("#dividend-lines tbody tr").await, 3);
    b.check_page("dividend").await;
    let dividend_id = b.path().await.rsplit('/').next().expect("id").to_owned();
    let href = b
        .client
        .find(Locator::Css("a.button[download]"))
        .await
        .expect("csv link")
        .attr("href")
        .await
        .expect("attr")
        .expect("href");
    let csv = http
        .get(format!("{console}{href}"))
        .header("cookie", &cookie)
        .send()
        .await
        .expect("csv")
        .text()
        .await
        .expect("body");
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(
        lines[0],
        "dividend_id,GAID,registered_user,units,amount,currency"
    );
    assert_eq!(lines.len(), 4, "{csv}");
    assert!(
        csv.contains(",300,3000,") && csv.contains(",100,1000,"),
        "0.10 per unit: {csv}"
    );

    // Recording its payment outside Tessera (a wrong holder first).
    b.goto(&format!("{console}{asset_path}/payments")).await;
    b.fill("#reference", "Bank transfer 2026-12").await;
    b.fill("#holder", "nobody").await;
    b.fill("#amount", "1000").await;
    b.fill("#currency", "USD").await;
    b.fill("#dividend", &dividend_id).await;
    b.submit("#pay-h ~ form button[type=submit]").await;
    assert!(!b.text("#holder-error").await.is_empty());
    b.fill("#holder", &ids[2]).await;
    b.submit("#pay-h ~ form button[type=submit]").await;
    assert!(b.text("#payments").await.contains("Bank transfer 2026-12"));
    b.check_page("payments").await;

    // An endpoint in shadow mode: the category rules allow, the endpoint refuses.
    let endpoint = refusing_endpoint().await;
    b.goto(&format!("{console}{asset_path}/authorization"))
        .await;
    b.fill("#endpoint", &endpoint).await;
    b.client
        .find(Locator::Css("#mode option[value=shadow]"))
        .await
        .expect("shadow")
        .click()
        .await
        .expect("choose");
    b.submit("#endpoint-h ~ form button[type=submit]").await;
    b.fill("#sender", &gaids[0]).await;
    b.fill("#receiver", &gaids[1]).await;
    b.fill("#amount", "10").await;
    b.submit("#check-h ~ form button[type=submit]").await;
    let answer = b.text("#check-answer").await;
    assert!(
        answer.starts_with("Allowed"),
        "shadow mode: the categories decide: {answer}"
    );
    assert_eq!(
        b.count("#decisions tr.disagree").await,
        1,
        "the disagreement is highlighted"
    );
    let row = b.text("#decisions tr.disagree").await;
    assert!(
        row.contains("shadow: refused") && row.contains("not on our list"),
        "{row}"
    );
    b.check_page("authorization").await;

    // A form posted without (or with a wrong) CSRF token is refused.
    for body in [
        "name=Sneaky&description=x",
        "name=Sneaky&description=x&csrf=00",
    ] {
        let r = http
            .post(format!("{console}/categories"))
            .header("cookie", &cookie)
            .header("content-type", "application/x-www-form-urlencoded")
            .body(body)
            .send()
            .await
            .expect("post");
        assert_eq!(r.status(), 403, "{body}");
    }
    b.goto(&format!("{console}/categories")).await;
    assert!(!b.text("#categories").await.contains("Sneaky"));
    b.check_page("categories").await;

    // A manager sees only its asset.
    b.goto(&format!("{console}/managers")).await;
    b.fill("#username", "carol").await;
    b.fill("#password", "carol's password").await;
    b.submit("#add-h ~ form button[type=submit]").await;
    b.submit("#managers form[action$='/unlock'] button").await;
    let bts = asset_path.trim_start_matches("/assets/");
    b.submit(&format!(
        "#managers form[action$='/grant']:has(input[value='{bts}']) button"
    ))
    .await;
    b.check_page("managers").await;
    let granted = b.text("#managers").await;
    assert!(granted.contains("✓"), "{granted}");
    b.submit("header form[action='/logout'] button").await;
    assert_eq!(b.path().await, "/login");
    sign_in(&b, &console, "carol", "carol's password").await;
    let visible = b.text("table").await;
    assert!(
        visible.contains("BTS") && !visible.contains("DGB") && !visible.contains("DEMO"),
        "{visible}"
    );
    assert_eq!(
        b.count("a[href='/assets/issue']").await,
        0,
        "managers do not issue"
    );
    assert_eq!(b.count("a[href='/managers']").await, 0);
    let demo_uuid = demo.info["assets"][0][1].as_str().expect("uuid");
    b.goto(&format!("{console}/assets/{demo_uuid}")).await;
    assert!(
        b.text("main").await.contains("not found"),
        "another asset does not exist for carol"
    );
    b.check_page("manager-not-found").await;
    b.quit().await;
}

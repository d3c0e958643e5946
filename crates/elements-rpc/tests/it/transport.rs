//! Transport behaviour: wallet paths, basic auth, cookie files, bounded connection retries,
//! no retry once a request may have reached the node, timeouts, non-JSON replies.

use std::str::FromStr;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use tessera_elements_rpc::{ElementsRpc, Error, NodeUrl, Options, Recipient, Sats};
use tokio::io::AsyncReadExt;
use tokio::net::TcpListener;

use crate::support::{quick_options, MockNode};

const OK_BALANCE: &str = r#"{"result":{"bitcoin":1.00000000},"error":null,"id":1}"#;

#[tokio::test]
async fn wallet_path_basic_auth_and_json_body_are_sent() {
    let node = MockNode::start().await;
    let url = format!("http://user:pass@{}/wallet/issuer", node.addr);
    let rpc = ElementsRpc::new(NodeUrl::parse(&url).unwrap(), quick_options()).unwrap();
    node.reply(200, OK_BALANCE);
    let balance = rpc.get_balance().await.unwrap();
    assert_eq!(balance.policy_asset(), Some(Sats::from_sat(100_000_000)));

    node.reply(200, OK_BALANCE);
    rpc.wallet("my wallet").get_balance().await.unwrap();
    node.reply(200, r#"{"result":106,"error":null,"id":2}"#);
    assert_eq!(rpc.node().get_block_count().await.unwrap(), 106);

    let seen = node.seen();
    let paths: Vec<&str> = seen.iter().map(|s| s.path.as_str()).collect();
    assert_eq!(paths, ["/wallet/issuer", "/wallet/my%20wallet", "/"]);
    assert_eq!(seen[0].authorization.as_deref(), Some("Basic dXNlcjpwYXNz"));
    assert_eq!(seen[0].content_type.as_deref(), Some("application/json"));
    let body = seen[0].json();
    assert_eq!(body["method"], "getbalance");
    assert_eq!(body["params"], serde_json::json!([]));
    assert_eq!(body["jsonrpc"], "1.0");
    assert_ne!(seen[0].json()["id"], seen[1].json()["id"]);
}

#[tokio::test]
async fn cookie_file_credentials_are_read_for_each_request() {
    let node = MockNode::start().await;
    let dir = tempfile::tempdir().unwrap();
    let cookie = dir.path().join(".cookie");
    std::fs::write(&cookie, "__cookie__:first\n").unwrap();
    let url = NodeUrl::parse(&format!("http://{}", node.addr))
        .unwrap()
        .with_cookie_file(&cookie);
    let rpc = ElementsRpc::new(url, quick_options()).unwrap();
    node.reply(200, r#"{"result":1,"error":null,"id":1}"#);
    rpc.get_block_count().await.unwrap();
    // The node restarted and wrote a new cookie.
    std::fs::write(&cookie, "__cookie__:second").unwrap();
    node.reply(200, r#"{"result":2,"error":null,"id":2}"#);
    rpc.get_block_count().await.unwrap();

    let auth: Vec<String> = node
        .seen()
        .into_iter()
        .filter_map(|s| s.authorization)
        .collect();
    assert_eq!(
        auth,
        [
            "Basic X19jb29raWVfXzpmaXJzdA==",
            "Basic X19jb29raWVfXzpzZWNvbmQ="
        ]
    );

    std::fs::remove_file(&cookie).unwrap();
    let err = rpc.get_block_count().await.unwrap_err();
    assert!(matches!(err, Error::CookieRead { .. }), "{err:?}");
    assert_eq!(node.seen().len(), 2, "no request without credentials");
}

/// A local port with nothing listening on it.
async fn closed_port() -> std::net::SocketAddr {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    listener.local_addr().unwrap()
}

#[tokio::test]
async fn refused_connections_are_retried_a_bounded_number_of_times() {
    let addr = closed_port().await;
    let options = Options {
        connect_retries: 3,
        retry_delay: Duration::from_millis(20),
        ..quick_options()
    };
    let rpc = ElementsRpc::new(
        NodeUrl::parse(&format!("http://u:secret@{addr}")).unwrap(),
        options,
    )
    .unwrap();
    let started = Instant::now();
    let err = rpc.get_block_count().await.unwrap_err();
    match &err {
        Error::NodeUnreachable { attempts, .. } => assert_eq!(*attempts, 4),
        other => panic!("{other:?}"),
    }
    assert!(
        started.elapsed() >= Duration::from_millis(60),
        "three pauses between four attempts"
    );
    let text = err.to_string();
    assert!(
        text.contains(&addr.to_string()) && !text.contains("secret"),
        "{text}"
    );
}

#[tokio::test]
async fn a_node_that_comes_up_during_the_retries_is_reached() {
    let addr = closed_port().await;
    let options = Options {
        connect_retries: 100,
        retry_delay: Duration::from_millis(10),
        ..quick_options()
    };
    let rpc = ElementsRpc::new(
        NodeUrl::parse(&format!("http://u:p@{addr}")).unwrap(),
        options,
    )
    .unwrap();
    let server = tokio::spawn(async move {
        tokio::time::sleep(Duration::from_millis(50)).await;
        let listener = TcpListener::bind(addr).await.unwrap();
        let app = axum::Router::new().fallback(|| async {
            (
                [(axum::http::header::CONTENT_TYPE, "application/json")],
                r#"{"result":7,"error":null,"id":1}"#,
            )
        });
        axum::serve(listener, app).await.unwrap();
    });
    assert_eq!(rpc.get_block_count().await.unwrap(), 7);
    server.abort();
}

/// A server that accepts connections, reads the request, and then drops or holds them
/// without replying. Counts connections.
async fn silent_server(hold: bool) -> (std::net::SocketAddr, Arc<AtomicU32>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let accepted = Arc::new(AtomicU32::new(0));
    let counter = Arc::clone(&accepted);
    tokio::spawn(async move {
        loop {
            let (mut socket, _) = listener.accept().await.unwrap();
            counter.fetch_add(1, Ordering::SeqCst);
            tokio::spawn(async move {
                let mut buf = vec![0u8; 65536];
                let _ = socket.read(&mut buf).await;
                if hold {
                    tokio::time::sleep(Duration::from_secs(30)).await;
                }
            });
        }
    });
    (addr, accepted)
}

#[tokio::test]
async fn a_send_whose_connection_drops_after_the_request_is_not_repeated() {
    let (addr, accepted) = silent_server(false).await;
    let options = Options {
        connect_retries: 5,
        retry_delay: Duration::from_millis(5),
        ..quick_options()
    };
    let rpc = ElementsRpc::new(
        NodeUrl::parse(&format!("http://u:p@{addr}/wallet/issuer")).unwrap(),
        options,
    )
    .unwrap();
    let asset = elements::AssetId::default();
    let err = rpc
        .send_many(&[Recipient::new("el1qqaddress", Sats::from_sat(1), asset)])
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Transport { .. }), "{err:?}");
    assert!(err.to_string().contains("not retried"), "{err}");
    assert_eq!(
        accepted.load(Ordering::SeqCst),
        1,
        "sendmany must be sent once"
    );
}

#[tokio::test]
async fn a_reply_that_never_comes_times_out_without_a_retry() {
    let (addr, accepted) = silent_server(true).await;
    let options = Options {
        request_timeout: Duration::from_millis(300),
        ..quick_options()
    };
    let rpc = ElementsRpc::new(
        NodeUrl::parse(&format!("http://u:p@{addr}")).unwrap(),
        options,
    )
    .unwrap();
    let err = rpc.get_block_count().await.unwrap_err();
    assert!(
        matches!(err, Error::Timeout { ref method, .. } if method == "getblockcount"),
        "{err:?}"
    );
    assert_eq!(accepted.load(Ordering::SeqCst), 1);
}

#[tokio::test]
async fn non_json_replies_and_wrong_shapes_are_reported_with_the_method() {
    let node = MockNode::start().await;
    let rpc = node.client();
    node.reply(403, "Forbidden");
    let err = rpc.get_block_count().await.unwrap_err();
    assert!(matches!(err, Error::Http { status: 403, .. }), "{err:?}");

    node.reply(200, r#"{"result":"not a number","error":null,"id":1}"#);
    let err = rpc.get_block_count().await.unwrap_err();
    assert!(matches!(err, Error::Decode { ref method, .. } if method == "getblockcount"));
    assert!(err.to_string().contains("getblockcount"), "{err}");

    node.reply(
        200,
        r#"{"result":{"bitcoin":0.000000001},"error":null,"id":1}"#,
    );
    let err = rpc.wallet("w").get_balance().await.unwrap_err();
    assert!(err.to_string().contains("0.000000001"), "{err}");

    node.reply(200, r#"{"result":null,"error":null,"id":1}"#);
    rpc.wallet("w").wallet_lock().await.unwrap();
    node.reply(200, r#"{"result":null,"error":null,"id":1}"#);
    let none = rpc
        .get_tx_out(&elements::Txid::from_str(&"11".repeat(32)).unwrap(), 0)
        .await
        .unwrap();
    assert!(none.is_none());
}

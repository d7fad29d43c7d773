//! Injected failures: retries of idempotent requests on 503/429/connection resets,
//! Retry-After honoured up to the configured cap, POST never retried.

use std::time::{Duration, Instant};

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

use crate::support::{anonymous, client};
use passerelle_nextcloud::{Client, LoginFlow, RetryPolicy};

const STATUS: &str = r#"{"installed":true,"maintenance":false,"needsDbUpgrade":false,"version":"29.0.6.1","versionstring":"29.0.6","edition":"","productname":"Nextcloud","extendedSupport":false}"#;

#[tokio::test]
async fn get_503_twice_then_200_is_retried() {
    let s = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/status.php"))
        .respond_with(ResponseTemplate::new(503))
        .up_to_n_times(2)
        .expect(2)
        .with_priority(1)
        .mount(&s)
        .await;
    Mock::given(method("GET"))
        .and(path("/status.php"))
        .respond_with(ResponseTemplate::new(200).set_body_string(STATUS))
        .expect(1)
        .with_priority(2)
        .mount(&s)
        .await;
    let status = anonymous(&s.uri()).check_server().await.unwrap();
    assert_eq!(status.version.major, 29);
}

#[tokio::test]
async fn retry_after_is_honoured_up_to_the_cap() {
    let s = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/status.php"))
        .respond_with(ResponseTemplate::new(429).insert_header("Retry-After", "30"))
        .up_to_n_times(1)
        .with_priority(1)
        .mount(&s)
        .await;
    Mock::given(method("GET"))
        .and(path("/status.php"))
        .respond_with(ResponseTemplate::new(200).set_body_string(STATUS))
        .with_priority(2)
        .mount(&s)
        .await;
    let c = Client::builder(s.uri())
        .retry_policy(RetryPolicy {
            max_retries: 2,
            base_delay: Duration::from_millis(1),
            max_delay: Duration::from_millis(150),
            max_wait: Duration::MAX,
        })
        .build()
        .unwrap();
    let started = Instant::now();
    c.check_server().await.unwrap();
    let waited = started.elapsed();
    // Retry-After (30 s) capped at 150 ms, far above the 1 ms backoff.
    assert!(waited >= Duration::from_millis(150), "{waited:?}");
    assert!(waited < Duration::from_secs(5), "{waited:?}");
}

#[tokio::test]
async fn persistent_429_reports_retry_after() {
    let s = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(429).insert_header("Retry-After", "7"))
        .expect(4)
        .mount(&s)
        .await;
    let e = client(&s.uri(), "alice", "pw")
        .current_user()
        .await
        .unwrap_err();
    assert!(e.is_rate_limited());
    assert_eq!(e.code(), "throttled");
    assert_eq!(e.retry_after(), Some(Duration::from_secs(7)));
    // The client was this request's retry layer: no other layer retries it again.
    assert!(e.retried_by_client());
}

#[tokio::test]
async fn post_is_never_retried() {
    let s = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(503))
        .expect(1)
        .mount(&s)
        .await;
    let e = LoginFlow::start(&anonymous(&s.uri())).await.unwrap_err();
    assert_eq!(e.code(), "server-error");
    assert_eq!(e.status(), Some(503));
    assert!(
        !e.retried_by_client(),
        "a POST is left to the caller's layer"
    );
}

/// A server that resets the first connection, then answers status.php.
#[tokio::test]
async fn connection_reset_is_retried_for_get() {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        let mut first = true;
        loop {
            let (mut sock, _) = listener.accept().await.unwrap();
            let mut buf = [0u8; 4096];
            let _ = sock.read(&mut buf).await;
            if first {
                first = false;
                // Close without answering: the client sees the connection end mid-request.
                drop(sock);
                continue;
            }
            let answer = format!(
                "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{STATUS}",
                STATUS.len()
            );
            let _ = sock.write_all(answer.as_bytes()).await;
        }
    });
    let status = anonymous(&format!("http://{addr}"))
        .check_server()
        .await
        .unwrap();
    assert_eq!(status.version.major, 29);
}

#[tokio::test]
async fn connection_refused_is_offline() {
    let port = crate::support::process::free_port();
    let e = anonymous(&format!("http://127.0.0.1:{port}"))
        .check_server()
        .await
        .unwrap_err();
    assert!(e.is_offline(), "{e:?}");
    assert_eq!(e.code(), "offline");
}

#[tokio::test]
async fn unknown_host_is_dns() {
    let e = anonymous("https://does-not-exist.invalid")
        .check_server()
        .await
        .unwrap_err();
    assert!(e.is_dns(), "{e:?}");
    assert!(e.is_offline());
}

#[tokio::test]
async fn slow_server_is_timeout() {
    let s = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_delay(Duration::from_secs(5)))
        .mount(&s)
        .await;
    let c = Client::builder(s.uri())
        .timeout(Duration::from_millis(200))
        .retry_policy(RetryPolicy::none())
        .build()
        .unwrap();
    let e = c.check_server().await.unwrap_err();
    assert!(e.is_timeout(), "{e:?}");
}

/// A server that accepts the connection and then says nothing (a stalled PHP worker, a broken
/// proxy): the per-read timeout abandons it, with no whole-request timeout involved. Before, the
/// per-read timeout was the 60 s whole-request one and `server check` could wait for minutes.
#[tokio::test]
async fn accepted_then_silent_is_a_timeout_within_the_read_timeout() {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        let mut held = Vec::new();
        loop {
            let (sock, _) = listener.accept().await.unwrap();
            held.push(sock); // never answered, never closed
        }
    });
    assert_eq!(
        passerelle_nextcloud::client::DEFAULT_READ_TIMEOUT,
        Duration::from_secs(25)
    );
    let c = Client::builder(format!("http://{addr}"))
        .read_timeout(Duration::from_millis(300))
        .retry_policy(RetryPolicy::none())
        .build()
        .unwrap();
    let started = Instant::now();
    let e = c.check_server().await.unwrap_err();
    assert!(e.is_timeout(), "{e:?}");
    assert_eq!(e.code(), "timeout");
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "{:?}",
        started.elapsed()
    );
}

/// A COPY of a whole tree is work the server finishes before it answers: it waits past the
/// per-read timeout that abandons an ordinary request to the same silent server.
#[tokio::test]
async fn server_side_copy_waits_longer_than_ordinary_requests() {
    let s = MockServer::start().await;
    let slow = || ResponseTemplate::new(201).set_delay(Duration::from_millis(900));
    Mock::given(method("COPY"))
        .respond_with(slow())
        .mount(&s)
        .await;
    Mock::given(method("PROPFIND"))
        .respond_with(slow())
        .mount(&s)
        .await;
    let c = Client::builder(s.uri())
        .credentials("alice", "app-password")
        .read_timeout(Duration::from_millis(300))
        .retry_policy(RetryPolicy::none())
        .build()
        .unwrap();
    let files = c.files().unwrap();
    let p = |s: &str| passerelle_nextcloud::dav::RemotePath::parse(s).unwrap();
    files.copy_to(&p("/A"), &p("/B"), false).await.unwrap();
    let e = files.list(&p("/A")).await.unwrap_err();
    assert!(e.is_timeout(), "{e:?}");
}

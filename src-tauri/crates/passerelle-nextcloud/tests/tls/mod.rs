//! A real TLS server on 127.0.0.1 with a self-signed certificate made by rcgen:
//! untrusted → `tls-untrusted` with the right fingerprint; pinned → accepted; another pin
//! → refused.

use std::sync::Arc;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;
use tokio_rustls::TlsAcceptor;
use tokio_rustls::rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer};

use passerelle_nextcloud::{Client, Fingerprint, RetryPolicy};

const STATUS: &str = r#"{"installed":true,"maintenance":false,"needsDbUpgrade":false,"version":"30.0.1.2","versionstring":"30.0.1","edition":"","productname":"Nextcloud","extendedSupport":false}"#;

/// Serve status.php over TLS with a fresh self-signed certificate; returns (port, cert DER).
async fn self_signed_server() -> (u16, Vec<u8>) {
    let cert =
        rcgen::generate_simple_self_signed(vec!["localhost".into(), "127.0.0.1".into()]).unwrap();
    let der = cert.cert.der().to_vec();
    let key = PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(cert.signing_key.serialize_der()));
    let provider = Arc::new(tokio_rustls::rustls::crypto::ring::default_provider());
    let config = tokio_rustls::rustls::ServerConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .unwrap()
        .with_no_client_auth()
        .with_single_cert(vec![CertificateDer::from(der.clone())], key)
        .unwrap();
    let acceptor = TlsAcceptor::from(Arc::new(config));
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    tokio::spawn(async move {
        loop {
            let Ok((sock, _)) = listener.accept().await else {
                return;
            };
            let acceptor = acceptor.clone();
            tokio::spawn(async move {
                let Ok(mut tls) = acceptor.accept(sock).await else {
                    return;
                };
                let mut buf = vec![0u8; 8192];
                let _ = tls.read(&mut buf).await;
                let answer = format!(
                    "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{STATUS}",
                    STATUS.len()
                );
                let _ = tls.write_all(answer.as_bytes()).await;
                let _ = tls.shutdown().await;
            });
        }
    });
    (port, der)
}

fn client(port: u16, pin: Option<Fingerprint>) -> Client {
    Client::builder(format!("https://localhost:{port}"))
        .pinned_certificate(pin)
        .retry_policy(RetryPolicy::none())
        .build()
        .unwrap()
}

#[tokio::test]
async fn untrusted_certificate_reports_its_fingerprint() {
    let (port, der) = self_signed_server().await;
    let e = client(port, None).check_server().await.unwrap_err();
    assert!(e.is_tls(), "{e:?}");
    assert_eq!(e.code(), "tls-untrusted");
    let expected = Fingerprint::of_der(&der);
    assert_eq!(e.certificate_fingerprint(), Some(&expected));
    assert!(e.to_string().contains(&expected.to_string()));
}

#[tokio::test]
async fn pinned_certificate_is_accepted() {
    let (port, der) = self_signed_server().await;
    let status = client(port, Some(Fingerprint::of_der(&der)))
        .check_server()
        .await
        .unwrap();
    assert_eq!(status.version.major, 30);
    // The pin holds for an IP address too (the certificate names 127.0.0.1).
    let by_ip = Client::builder(format!("https://127.0.0.1:{port}"))
        .pinned_certificate(Fingerprint::of_der(&der))
        .build()
        .unwrap();
    by_ip.check_server().await.unwrap();
}

#[tokio::test]
async fn another_pin_is_refused() {
    let (port, der) = self_signed_server().await;
    let other = Fingerprint::of_der(b"some other certificate");
    let e = client(port, Some(other)).check_server().await.unwrap_err();
    assert_eq!(e.code(), "tls-untrusted");
    assert_eq!(
        e.certificate_fingerprint(),
        Some(&Fingerprint::of_der(&der))
    );
}

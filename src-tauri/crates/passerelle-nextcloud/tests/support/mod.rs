//! Test helpers: the captured-Nextcloud double, real server processes, small utilities.

pub mod capture;
pub mod process;

use std::time::Duration;

use passerelle_nextcloud::{Client, RetryPolicy};

/// Retries that keep tests fast.
pub fn tiny_retries() -> RetryPolicy {
    RetryPolicy {
        max_retries: 3,
        base_delay: Duration::from_millis(5),
        max_delay: Duration::from_millis(50),
        max_wait: Duration::MAX,
    }
}

/// A client for `base` with credentials and tiny retries.
pub fn client(base: &str, user: &str, secret: &str) -> Client {
    Client::builder(base)
        .credentials(user, secret)
        .retry_policy(tiny_retries())
        .timeout(Duration::from_secs(20))
        .build()
        .unwrap()
}

/// An anonymous client for `base` with tiny retries.
pub fn anonymous(base: &str) -> Client {
    Client::builder(base)
        .retry_policy(tiny_retries())
        .timeout(Duration::from_secs(20))
        .build()
        .unwrap()
}

/// `Basic base64(user:secret)`, computed here (the captures only show a placeholder).
pub fn basic_auth(user: &str, secret: &str) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let input = format!("{user}:{secret}").into_bytes();
    let mut out = String::new();
    for chunk in input.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ALPHABET[((n >> (18 - 6 * i)) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    format!("Basic {out}")
}

#[test]
fn basic_auth_matches_rfc7617_example() {
    assert_eq!(
        basic_auth("Aladdin", "open sesame"),
        "Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ=="
    );
}

//! The captured-Nextcloud double: loads a capture folder from `shared/nextcloud-captures`,
//! substitutes the mock server's address for `http://127.0.0.1:8080`, and replays the answer
//! with wiremock (Content-Length recomputed by wiremock from the substituted body).

use std::path::PathBuf;

use wiremock::matchers::{method, path};
use wiremock::{MockBuilder, ResponseTemplate};

/// The base URL used in every capture.
pub const CAPTURED_BASE: &str = "http://127.0.0.1:8080";

/// The folder holding the captures (`<repo>/../shared/nextcloud-captures`).
pub fn captures_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../../shared/nextcloud-captures")
}

/// One captured exchange.
#[derive(Debug, Clone)]
pub struct Capture {
    pub method: String,
    /// Path without the query.
    pub path: String,
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

fn replace_bytes(haystack: &[u8], from: &[u8], to: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(haystack.len());
    let mut i = 0;
    while i < haystack.len() {
        if haystack[i..].starts_with(from) {
            out.extend_from_slice(to);
            i += from.len();
        } else {
            out.push(haystack[i]);
            i += 1;
        }
    }
    out
}

/// This crate's own captures (`tests/fixtures/nc29`, the same layout).
#[allow(dead_code)] // Also compiled into passerelle-core's tests, which do not use it.
pub fn fixtures_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/nc29")
}

/// The body of a captured request (after the blank line), the base substituted.
#[allow(dead_code)] // Also compiled into passerelle-core's tests, which do not use it.
pub fn request_body(dir: &std::path::Path, base: &str) -> Vec<u8> {
    let request = std::fs::read(dir.join("request.txt")).unwrap();
    let at = request
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("a blank line after the headers");
    replace_bytes(
        &request[at + 4..],
        CAPTURED_BASE.as_bytes(),
        base.as_bytes(),
    )
}

impl Capture {
    /// Load capture `name`, substituting `base` (the mock server URI) for the captured base.
    pub fn load(name: &str, base: &str) -> Capture {
        Capture::load_at(&captures_dir(), name, base)
    }

    /// Load capture `name` from `root` (e.g. [`fixtures_dir`]).
    pub fn load_at(root: &std::path::Path, name: &str, base: &str) -> Capture {
        let dir = root.join(name);
        assert!(
            dir.is_dir(),
            "capture {name} not found in {} (the shared captures must be present)",
            root.display()
        );
        let request = std::fs::read_to_string(dir.join("request.txt")).unwrap();
        let request_line = request.split("\r\n").next().unwrap();
        let mut parts = request_line.split(' ');
        let method = parts.next().unwrap().to_owned();
        let target = parts.next().unwrap().to_owned();
        let path = target.split('?').next().unwrap().to_owned();

        let head = std::fs::read_to_string(dir.join("response.headers")).unwrap();
        let mut head_lines = head.split("\r\n").filter(|l| !l.is_empty());
        let status_line = head_lines.next().unwrap();
        let status: u16 = status_line.split(' ').nth(1).unwrap().parse().unwrap();
        let headers = head_lines
            .filter_map(|l| l.split_once(':'))
            .map(|(k, v)| (k.trim().to_owned(), v.trim().replace(CAPTURED_BASE, base)))
            .collect();
        let body = std::fs::read(dir.join("response.body")).unwrap_or_default();
        let body = replace_bytes(&body, CAPTURED_BASE.as_bytes(), base.as_bytes());
        // JSON bodies escape slashes: `http:\/\/127.0.0.1:8080`.
        let escaped_from = CAPTURED_BASE.replace('/', "\\/");
        let escaped_to = base.replace('/', "\\/");
        let body = replace_bytes(&body, escaped_from.as_bytes(), escaped_to.as_bytes());
        Capture {
            method,
            path,
            status,
            headers,
            body,
        }
    }

    /// The replayed answer: status, headers in order (framing headers dropped), body.
    pub fn response(&self) -> ResponseTemplate {
        let mut t = ResponseTemplate::new(self.status);
        for (k, v) in &self.headers {
            let lower = k.to_ascii_lowercase();
            if matches!(
                lower.as_str(),
                "content-length" | "connection" | "transfer-encoding" | "host" | "date"
            ) {
                continue;
            }
            t = t.append_header(k.as_str(), v.as_str());
        }
        t.set_body_bytes(self.body.clone())
    }

    /// A mock matching this capture's method and path (add matchers, then `respond_with`).
    pub fn mock(&self) -> MockBuilder {
        wiremock::Mock::given(method(self.method.as_str())).and(path(self.path.as_str()))
    }
}

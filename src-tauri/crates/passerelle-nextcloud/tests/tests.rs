//! Integration tests of passerelle-nextcloud, in one binary:
//! - `captures`: doubles built from real Nextcloud 29.0.6 exchanges (wiremock),
//! - `faults`: retries, Retry-After, POST never retried,
//! - `tls`: a real self-signed TLS server (untrusted, pinned, wrong pin),
//! - `radicale`, `rclone`: real CalDAV/CardDAV and WebDAV servers on 127.0.0.1.

mod captures;
mod faults;
mod radicale;
mod rclone;
mod support;
mod tls;

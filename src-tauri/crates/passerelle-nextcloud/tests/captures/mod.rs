//! Doubles built from real Nextcloud 29.0.6 captures (`shared/nextcloud-captures`, and this
//! crate's `tests/fixtures/nc29` for bulk upload and the session cookie).
//! Each test names the capture(s) it replays.

mod bulk;
mod dav;
mod loginflow;
mod ocs;
mod own_account;

use wiremock::MockServer;

use crate::support::capture::Capture;

/// Start a mock server and load captures against its address.
pub async fn server() -> MockServer {
    MockServer::start().await
}

/// Load a capture for this server.
pub fn cap(server: &MockServer, name: &str) -> Capture {
    Capture::load(name, &server.uri())
}

pub const ALICE_APP_PASSWORD: &str = "alice-app-password-0123456789";
pub const BOB_APP_PASSWORD: &str = "bob-app-password-0123456789";
pub const ADMIN_PASSWORD: &str = "admin-password-0123456789";

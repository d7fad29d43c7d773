//! The anonymous server check: `GET /status.php`, which tells whether an address leads to a
//! Nextcloud, which version, and whether it is in maintenance. Versions below
//! [`MIN_SUPPORTED_MAJOR`] are refused with `server-too-old`.
//!
//! It must not guess other locations: the base URL is tried as given, nothing else.

use std::fmt;

use reqwest::Method;
use serde::{Deserialize, Serialize};

use crate::client::{Client, Request, error_from_response, read_body};
use crate::error::{Error, ErrorKind, Result};

/// Oldest supported Nextcloud major version.
pub const MIN_SUPPORTED_MAJOR: u32 = 27;
/// Newest Nextcloud major version this crate was checked against.
pub const MAX_TESTED_MAJOR: u32 = 32;

/// A Nextcloud version (`29.0.6.1` → major 29, minor 0, patch 6, build 1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Default)]
pub struct Version {
    /// Major version (27, 28…).
    pub major: u32,
    /// Minor version.
    pub minor: u32,
    /// Patch version.
    pub patch: u32,
    /// Fourth component of `version` in status.php (0 when absent).
    pub build: u32,
}

impl Version {
    /// Parse `"29.0.6.1"`, `"29.0.6"`, `"30"`, ignoring suffixes like `"-rc1"`.
    pub fn parse(s: &str) -> Option<Version> {
        let mut parts = [0u32; 4];
        let mut seen = 0;
        for (i, raw) in s.trim().split('.').take(4).enumerate() {
            let digits: String = raw.chars().take_while(char::is_ascii_digit).collect();
            if digits.is_empty() {
                if i == 0 {
                    return None;
                }
                break;
            }
            parts[i] = digits.parse().ok()?;
            seen = i + 1;
        }
        (seen > 0).then_some(Version {
            major: parts[0],
            minor: parts[1],
            patch: parts[2],
            build: parts[3],
        })
    }

    /// Whether this version is at least [`MIN_SUPPORTED_MAJOR`].
    pub fn is_supported(&self) -> bool {
        self.major >= MIN_SUPPORTED_MAJOR
    }
}

impl fmt::Display for Version {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}.{}", self.major, self.minor, self.patch)
    }
}

/// What `/status.php` says.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ServerStatus {
    /// Nextcloud is installed.
    pub installed: bool,
    /// Maintenance mode is on (status.php still answers 200 then).
    pub maintenance: bool,
    /// The parsed version.
    pub version: Version,
    /// The human version string (`"29.0.6"`).
    pub version_string: String,
    /// Product name (`"Nextcloud"`, or a themed name).
    pub product_name: String,
    /// Edition (usually empty; `"Enterprise"` for subscriptions).
    pub edition: String,
    /// The database needs an upgrade (`occ upgrade` pending).
    pub needs_db_upgrade: bool,
    /// Extended support subscription.
    pub extended_support: bool,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawStatus {
    installed: bool,
    maintenance: bool,
    #[serde(default)]
    needs_db_upgrade: bool,
    version: String,
    #[serde(default, rename = "versionstring")]
    version_string: Option<String>,
    #[serde(default)]
    edition: String,
    #[serde(default, rename = "productname")]
    product_name: Option<String>,
    #[serde(default)]
    extended_support: bool,
}

/// Parse a status.php body, read whole: anything that is not a Nextcloud status is
/// `not-nextcloud`, a status below version 27 is `server-too-old`, a Nextcloud that was never
/// installed is `server-not-installed` and one whose database upgrade is pending is
/// `server-needs-upgrade` (neither can serve an account). Maintenance is not an error here: it
/// is reported in [`ServerStatus::maintenance`] and each front end refuses it with its own words.
pub fn parse_status(body: &[u8]) -> Result<ServerStatus> {
    let not_nc = || Error::new(ErrorKind::NotNextcloud);
    let raw: RawStatus = serde_json::from_slice(body)
        .map_err(|_| not_nc().with_message("status.php is not a Nextcloud status"))?;
    let product_name = raw.product_name.unwrap_or_else(|| "Nextcloud".into());
    // ownCloud also serves status.php; its product name says so.
    if product_name.to_ascii_lowercase().contains("owncloud") {
        return Err(not_nc().with_message(format!("this server is {product_name}")));
    }
    let version = Version::parse(&raw.version)
        .ok_or_else(|| not_nc().with_message("status.php has no version"))?;
    let status = ServerStatus {
        installed: raw.installed,
        maintenance: raw.maintenance,
        version_string: raw.version_string.unwrap_or_else(|| version.to_string()),
        version,
        product_name,
        edition: raw.edition,
        needs_db_upgrade: raw.needs_db_upgrade,
        extended_support: raw.extended_support,
    };
    if !status.installed {
        return Err(Error::new(ErrorKind::NotInstalled).with_message(format!(
            "{} {} is not installed (status.php says installed: false)",
            status.product_name, status.version_string
        )));
    }
    if status.needs_db_upgrade && !status.maintenance {
        return Err(Error::new(ErrorKind::NeedsUpgrade).with_message(format!(
            "{} {} waits for its database upgrade (needsDbUpgrade: true)",
            status.product_name, status.version_string
        )));
    }
    if !status.version.is_supported() {
        return Err(Error::new(ErrorKind::ServerTooOld).with_message(format!(
            "Nextcloud {} is older than {MIN_SUPPORTED_MAJOR}",
            status.version_string
        )));
    }
    Ok(status)
}

impl Client {
    /// `GET <base>/status.php` (anonymous). Maintenance is reported in
    /// [`ServerStatus::maintenance`], not as an error, since status.php answers 200.
    pub async fn check_server(&self) -> Result<ServerStatus> {
        let url = self.endpoint("status.php");
        let resp = self
            .send_raw(
                Request::new(Method::GET, url.clone())
                    .anonymous()
                    .header("accept", "application/json"),
            )
            .await?;
        let status = resp.status().as_u16();
        match status {
            200 => {
                let body = read_body(resp).await?;
                parse_status(&body).map_err(|e| e.with_url(&url))
            }
            // A 404, a login page, another application: not a Nextcloud at this address.
            404 | 400 | 405 | 410 => Err(Error::new(ErrorKind::NotNextcloud)
                .with_status(status)
                .with_url(&url)),
            _ => {
                let e = error_from_response(resp).await;
                // Anything but a clear server-side state means no Nextcloud here.
                if e.is_maintenance() || e.is_rate_limited() || e.is_auth() || status >= 500 {
                    Err(e)
                } else {
                    Err(e.with_kind(ErrorKind::NotNextcloud))
                }
            }
        }
    }
}

/// Normalise `input`, then check the server anonymously with default settings.
/// Use [`Client::check_server`] for a pinned certificate or custom timeouts.
pub async fn check_server(input: &str) -> Result<ServerStatus> {
    let address = crate::normalize_address(input)?;
    Client::builder(address.url).build()?.check_server().await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions() {
        let v = Version::parse("29.0.6.1").unwrap();
        assert_eq!((v.major, v.minor, v.patch, v.build), (29, 0, 6, 1));
        assert_eq!(Version::parse("30").unwrap().major, 30);
        assert_eq!(Version::parse("31.0.0-rc1").unwrap().major, 31);
        assert!(Version::parse("abc").is_none());
        assert!(Version::parse("27.1.0").unwrap().is_supported());
        assert!(!Version::parse("26.0.13").unwrap().is_supported());
    }

    #[test]
    fn status_bodies() {
        let ok = br#"{"installed":true,"maintenance":false,"needsDbUpgrade":false,"version":"29.0.6.1","versionstring":"29.0.6","edition":"","productname":"Nextcloud","extendedSupport":false}"#;
        let s = parse_status(ok).unwrap();
        assert_eq!(s.version.major, 29);
        assert_eq!(s.version_string, "29.0.6");
        let old = br#"{"installed":true,"maintenance":false,"needsDbUpgrade":false,"version":"25.0.2.3","versionstring":"25.0.2","edition":"","productname":"Nextcloud","extendedSupport":false}"#;
        assert!(parse_status(old).unwrap_err().is_too_old());
        for bad in [
            &b"<html><body>Hello</body></html>"[..],
            br#"{"status":"ok"}"#,
            br#"{"installed":true,"maintenance":false,"version":"10.13.0.1","productname":"ownCloud"}"#,
            b"",
        ] {
            assert!(parse_status(bad).unwrap_err().is_not_nextcloud());
        }
    }

    /// Each state of a real status.php that cannot serve an account has its own error; before
    /// this, `installed: false` was reported as a ready server.
    #[test]
    fn states_that_cannot_serve_an_account() {
        let body = |installed: bool, maintenance: bool, upgrade: bool| {
            format!(
                r#"{{"installed":{installed},"maintenance":{maintenance},"needsDbUpgrade":{upgrade},"version":"29.0.6.1","versionstring":"29.0.6","edition":"","productname":"Nextcloud","extendedSupport":false}}"#
            )
        };
        let e = parse_status(body(false, false, false).as_bytes()).unwrap_err();
        assert_eq!(e.code(), "server-not-installed");
        let e = parse_status(body(true, false, true).as_bytes()).unwrap_err();
        assert_eq!(e.code(), "server-needs-upgrade");
        // During an upgrade Nextcloud is also in maintenance: that state has its own words.
        let s = parse_status(body(true, true, true).as_bytes()).unwrap();
        assert!(s.maintenance);
        let s = parse_status(body(true, true, false).as_bytes()).unwrap();
        assert!(s.maintenance && s.installed);
    }
}

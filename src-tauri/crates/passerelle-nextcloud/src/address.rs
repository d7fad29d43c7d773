//! Turns what a person typed or pasted ("monasso.frama.space", a link to the Files app, a
//! WebDAV URL…) into the server's base address. Forgiving on input, strict on security:
//! plain `http://` is accepted only for loopback, private-network and `.local`-style hosts,
//! and flagged so the UI can warn.
//!
//! It must not touch the network (see [`crate::status`] for that).

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

use serde::Serialize;
use url::{Host, Url};

use crate::error::{Error, ErrorKind, Result};

/// A normalised server address.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Address {
    /// Base URL without trailing slash, e.g. `https://example.org/nextcloud`.
    pub url: String,
    /// `true` when the address is plain http (allowed only on a local network).
    pub insecure_http: bool,
}

/// Path segments where a Nextcloud base URL ends: anything from there on is a page, an
/// API or a file inside the instance.
const CUT_AT: &[&str] = &[
    "index.php",
    "apps",
    "login",
    "remote.php",
    "ocs",
    "public.php",
    "status.php",
];

/// Normalise a server address; see the module docs.
///
/// ```
/// let a = passerelle_nextcloud::normalize_address("monasso.frama.space").unwrap();
/// assert_eq!(a.url, "https://monasso.frama.space");
/// ```
pub fn normalize_address(input: &str) -> Result<Address> {
    let invalid = |m: &str| Error::new(ErrorKind::InvalidAddress).with_message(m.to_owned());
    let trimmed = input.trim();
    if trimmed.is_empty() {
        return Err(invalid("empty address"));
    }
    if trimmed.chars().any(char::is_whitespace) {
        return Err(invalid("an address cannot contain spaces"));
    }
    let with_scheme = if trimmed.contains("://") {
        trimmed.to_owned()
    } else {
        format!("https://{}", trimmed.trim_start_matches('/'))
    };
    let url = Url::parse(&with_scheme).map_err(|e| invalid(&e.to_string()))?;
    let scheme = url.scheme().to_owned();
    if scheme != "https" && scheme != "http" {
        return Err(invalid("only https:// addresses are supported"));
    }
    let host = url.host().ok_or_else(|| invalid("missing host name"))?;
    let host_is_local = is_local_host(&host);
    if let Host::Domain(d) = &host
        && (d.is_empty() || d.starts_with('.') || d.contains(".."))
    {
        return Err(invalid("invalid host name"));
    }

    let mut kept = Vec::new();
    if let Some(segments) = url.path_segments() {
        for seg in segments {
            if CUT_AT.contains(&seg.to_ascii_lowercase().as_str()) {
                break;
            }
            if !seg.is_empty() {
                kept.push(seg.to_owned());
            }
        }
    }

    let mut base = format!("{scheme}://{}", host_string(&host));
    if let Some(port) = url.port() {
        base.push_str(&format!(":{port}"));
    }
    for seg in &kept {
        base.push('/');
        base.push_str(seg);
    }

    let insecure_http = scheme == "http";
    if insecure_http && !host_is_local {
        return Err(Error::new(ErrorKind::InsecureHttp)
            .with_message("http:// is only accepted for local-network servers; use https://"));
    }
    Ok(Address {
        url: base,
        insecure_http,
    })
}

fn host_string(host: &Host<&str>) -> String {
    match host {
        Host::Domain(d) => d.to_ascii_lowercase(),
        Host::Ipv4(ip) => ip.to_string(),
        Host::Ipv6(ip) => format!("[{ip}]"),
    }
}

/// When `input` named no scheme and its host is on a local network (a workshop box, a
/// YunoHost at home), the plain-http address to try after https failed; `None` otherwise.
/// Public hosts never fall back to http.
pub fn local_http_fallback(input: &str) -> Option<Address> {
    if input.trim().contains("://") {
        return None;
    }
    let https = normalize_address(input).ok()?;
    let url = Url::parse(&https.url).ok()?;
    if !url.host().is_some_and(|h| is_local_host(&h)) {
        return None;
    }
    let http = https.url.replacen("https://", "http://", 1);
    Some(Address {
        url: http,
        insecure_http: true,
    })
}

/// Loopback, private networks (RFC 1918, link-local, ULA) and local-only names.
pub(crate) fn is_local_host(host: &Host<&str>) -> bool {
    match host {
        Host::Ipv4(ip) => is_local_v4(ip),
        Host::Ipv6(ip) => is_local_v6(ip),
        Host::Domain(d) => {
            let d = d.trim_end_matches('.').to_ascii_lowercase();
            if let Ok(ip) = d.parse::<IpAddr>() {
                return match ip {
                    IpAddr::V4(v4) => is_local_v4(&v4),
                    IpAddr::V6(v6) => is_local_v6(&v6),
                };
            }
            d == "localhost"
                || [".localhost", ".local", ".home.arpa", ".internal"]
                    .iter()
                    .any(|suffix| d.ends_with(suffix))
        }
    }
}

fn is_local_v4(ip: &Ipv4Addr) -> bool {
    ip.is_loopback() || ip.is_private() || ip.is_link_local()
}

fn is_local_v6(ip: &Ipv6Addr) -> bool {
    if let Some(v4) = ip.to_ipv4_mapped() {
        return is_local_v4(&v4);
    }
    let first = ip.segments()[0];
    ip.is_loopback() || (first & 0xfe00) == 0xfc00 || (first & 0xffc0) == 0xfe80
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(input: &str) -> String {
        normalize_address(input).unwrap().url
    }

    #[test]
    fn forgiving_input() {
        assert_eq!(ok("monasso.frama.space"), "https://monasso.frama.space");
        assert_eq!(
            ok("  MonAsso.Frama.Space/  "),
            "https://monasso.frama.space"
        );
        assert_eq!(
            ok("https://monasso.frama.space/index.php/apps/files/?dir=/Docs#x"),
            "https://monasso.frama.space"
        );
        assert_eq!(
            ok("https://monasso.frama.space/apps/files"),
            "https://monasso.frama.space"
        );
        assert_eq!(
            ok("https://monasso.frama.space/login?redirect_url=x"),
            "https://monasso.frama.space"
        );
        assert_eq!(
            ok("https://example.org/remote.php/dav/files/alice/"),
            "https://example.org"
        );
        assert_eq!(
            ok("https://example.org/ocs/v2.php/cloud/user"),
            "https://example.org"
        );
        assert_eq!(
            ok("https://example.org/nextcloud/index.php/apps/files"),
            "https://example.org/nextcloud"
        );
        assert_eq!(
            ok("https://example.org/nextcloud///"),
            "https://example.org/nextcloud"
        );
        assert_eq!(
            ok("example.org:8443/cloud"),
            "https://example.org:8443/cloud"
        );
        assert_eq!(ok("https://user:pw@example.org/"), "https://example.org");
    }

    #[test]
    fn http_fallback_only_for_local_hosts_without_a_scheme() {
        let a = local_http_fallback("192.168.1.20:8080/index.php/apps/files").unwrap();
        assert_eq!(a.url, "http://192.168.1.20:8080");
        assert!(a.insecure_http);
        assert!(local_http_fallback("atelier.local").is_some());
        assert!(local_http_fallback("monasso.frama.space").is_none());
        assert!(local_http_fallback("https://192.168.1.20").is_none());
    }

    #[test]
    fn http_only_on_local_networks() {
        for local in [
            "http://localhost:8080",
            "http://127.0.0.1:8080/index.php",
            "http://192.168.1.10",
            "http://10.0.0.2/nextcloud",
            "http://172.16.5.5",
            "http://nas.local",
            "http://[::1]:8080",
            "http://[fd00::1]",
        ] {
            let a = normalize_address(local).unwrap();
            assert!(a.insecure_http, "{local}");
        }
        assert_eq!(
            ok("http://127.0.0.1:8080/index.php"),
            "http://127.0.0.1:8080"
        );
        assert_eq!(ok("http://[::1]:8080"), "http://[::1]:8080");
        for public in [
            "http://monasso.frama.space",
            "http://8.8.8.8",
            "http://172.32.0.1",
        ] {
            let e = normalize_address(public).unwrap_err();
            assert_eq!(e.code(), "insecure-http", "{public}");
        }
        assert!(
            !normalize_address("monasso.frama.space")
                .unwrap()
                .insecure_http
        );
    }

    #[test]
    fn rejects_garbage() {
        for bad in [
            "",
            "   ",
            "ftp://example.org",
            "https://",
            "exa mple.org",
            "https://a..b",
        ] {
            assert!(normalize_address(bad).is_err(), "{bad:?}");
        }
    }
}

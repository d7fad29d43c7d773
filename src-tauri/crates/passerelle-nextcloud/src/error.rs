//! The crate's one error type: an opaque [`Error`] with a [`ErrorKind`], predicates
//! (`is_auth()`, `is_tls()`…), a stable kebab-case [`Error::code`] for the UI, and the
//! details a person needs (HTTP status, server message, certificate fingerprint, Retry-After).
//!
//! It must never carry a secret: URLs are stored without user info, query or fragment, and
//! neither `Display` nor `Debug` prints credentials, tokens or request bodies.

use std::fmt;
use std::time::Duration;

use url::Url;

use crate::fingerprint::Fingerprint;

/// Shorthand for results of this crate.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// What went wrong, as a closed list the UI can branch on. Each kind has a stable
/// [`ErrorKind::code`] that maps 1:1 to the Fluent id `error-<code>`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, thiserror::Error)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The server could not be reached (connection refused, reset, network down).
    #[error("the server cannot be reached")]
    Offline,
    /// The host name does not resolve.
    #[error("the server name cannot be found")]
    Dns,
    /// The server's certificate is not trusted (self-signed, unknown authority, expired,
    /// wrong name, or not the pinned one). The error carries its SHA-256 fingerprint.
    #[error("the server's certificate is not trusted")]
    TlsUntrusted,
    /// The TLS handshake failed for another reason than the certificate.
    #[error("secure connection failed")]
    Tls,
    /// The request took too long.
    #[error("the server took too long to answer")]
    Timeout,
    /// The address uses plain `http://` on a public host.
    #[error("unencrypted http:// is only allowed on a local network")]
    InsecureHttp,
    /// The address typed by the person cannot be understood.
    #[error("this is not a valid server address")]
    InvalidAddress,
    /// Wrong login, wrong or revoked app password (401).
    #[error("the login or password was refused")]
    Auth,
    /// The account is not allowed to do this (403).
    #[error("this account is not allowed to do this")]
    Forbidden,
    /// The resource does not exist (404, OCS 998).
    #[error("not found")]
    NotFound,
    /// The resource already exists or changed meanwhile (409, 412).
    #[error("conflict with the state on the server")]
    Conflict,
    /// The method is not allowed here, typically creating something that exists (405).
    #[error("not allowed on this resource (it may already exist)")]
    NotAllowed,
    /// The storage quota is exhausted (507).
    #[error("not enough storage space on the server")]
    Quota,
    /// The resource is locked (423).
    #[error("the resource is locked")]
    Locked,
    /// Too many requests (429); see [`Error::retry_after`].
    #[error("the server asks to slow down")]
    Throttled,
    /// The server is in maintenance mode.
    #[error("the server is in maintenance mode")]
    Maintenance,
    /// The server answered 5xx.
    #[error("the server had an internal error")]
    ServerError,
    /// The server refused the request for another reason (other 4xx).
    #[error("the server refused the request")]
    Rejected,
    /// The address does not lead to a Nextcloud server.
    #[error("this is not a Nextcloud server")]
    NotNextcloud,
    /// The Nextcloud version is older than [`crate::MIN_SUPPORTED_MAJOR`].
    #[error("this Nextcloud version is too old")]
    ServerTooOld,
    /// Nextcloud's files are there but it was never installed (`installed: false`).
    #[error("this Nextcloud is not installed yet")]
    NotInstalled,
    /// An update of Nextcloud was started and its database upgrade is pending
    /// (`needsDbUpgrade: true`).
    #[error("this Nextcloud waits for its update to be finished")]
    NeedsUpgrade,
    /// The answer could not be understood (bad JSON/XML, missing fields).
    #[error("unexpected answer from the server")]
    Protocol,
    /// A file or folder name cannot be used (`/`, `..`, NUL, empty).
    #[error("this name cannot be used")]
    InvalidName,
    /// A WebDAV listing returned an href outside the listed collection.
    #[error("the server listed an entry outside the requested folder")]
    HrefEscape,
    /// The Login Flow was not completed in time.
    #[error("the login in the browser was not completed in time")]
    LoginFlowTimeout,
    /// The Login Flow was cancelled.
    #[error("the login was cancelled")]
    LoginFlowCancelled,
    /// The Login Flow started on https but returned an http server address.
    #[error("the login returned an unencrypted server address")]
    LoginFlowDowngrade,
    /// The account does not accept its login password from an app (two-factor authentication,
    /// or the server enforces app passwords): only the browser or an app password will do.
    #[error("this account does not accept its login password in apps")]
    PasswordLoginForbidden,
}

impl ErrorKind {
    /// Every kind, in declaration order (for docs, translation checks and tests).
    pub const ALL: &'static [ErrorKind] = &[
        Self::Offline,
        Self::Dns,
        Self::TlsUntrusted,
        Self::Tls,
        Self::Timeout,
        Self::InsecureHttp,
        Self::InvalidAddress,
        Self::Auth,
        Self::Forbidden,
        Self::NotFound,
        Self::Conflict,
        Self::NotAllowed,
        Self::Quota,
        Self::Locked,
        Self::Throttled,
        Self::Maintenance,
        Self::ServerError,
        Self::Rejected,
        Self::NotNextcloud,
        Self::ServerTooOld,
        Self::NotInstalled,
        Self::NeedsUpgrade,
        Self::Protocol,
        Self::InvalidName,
        Self::HrefEscape,
        Self::LoginFlowTimeout,
        Self::LoginFlowCancelled,
        Self::LoginFlowDowngrade,
        Self::PasswordLoginForbidden,
    ];

    /// Stable kebab-case code (Fluent id `error-<code>`). Never change an existing one.
    pub fn code(self) -> &'static str {
        match self {
            Self::Offline => "offline",
            Self::Dns => "dns",
            Self::TlsUntrusted => "tls-untrusted",
            Self::Tls => "tls",
            Self::Timeout => "timeout",
            Self::InsecureHttp => "insecure-http",
            Self::InvalidAddress => "invalid-address",
            Self::Auth => "auth",
            Self::Forbidden => "forbidden",
            Self::NotFound => "not-found",
            Self::Conflict => "conflict",
            Self::NotAllowed => "not-allowed",
            Self::Quota => "quota",
            Self::Locked => "locked",
            Self::Throttled => "throttled",
            Self::Maintenance => "maintenance",
            Self::ServerError => "server-error",
            Self::Rejected => "rejected",
            Self::NotNextcloud => "not-nextcloud",
            Self::ServerTooOld => "server-too-old",
            Self::NotInstalled => "server-not-installed",
            Self::NeedsUpgrade => "server-needs-upgrade",
            Self::Protocol => "protocol",
            Self::InvalidName => "invalid-name",
            Self::HrefEscape => "href-escape",
            Self::LoginFlowTimeout => "login-flow-timeout",
            Self::LoginFlowCancelled => "login-flow-cancelled",
            Self::LoginFlowDowngrade => "login-flow-downgrade",
            Self::PasswordLoginForbidden => "password-login-forbidden",
        }
    }

    /// The kind for an HTTP error status (no body inspection).
    pub(crate) fn from_status(status: u16) -> ErrorKind {
        match status {
            401 => Self::Auth,
            403 => Self::Forbidden,
            404 | 410 => Self::NotFound,
            405 => Self::NotAllowed,
            409 | 412 => Self::Conflict,
            423 => Self::Locked,
            429 => Self::Throttled,
            507 => Self::Quota,
            500..=599 => Self::ServerError,
            _ => Self::Rejected,
        }
    }
}

/// Where an error came from, kept for `source()` (never printed with secrets).
#[derive(Debug)]
enum Source {
    Http(reqwest::Error),
    Json(serde_json::Error),
    Xml(quick_xml::DeError),
    Io(std::io::Error),
}

/// The crate's error: opaque, cheap to move, safe to print.
pub struct Error {
    inner: Box<Inner>,
}

struct Inner {
    kind: ErrorKind,
    status: Option<u16>,
    url: Option<Url>,
    message: Option<String>,
    retry_after: Option<Duration>,
    retried: bool,
    fingerprint: Option<Fingerprint>,
    source: Option<Source>,
}

impl Error {
    /// A new error of `kind` without details.
    pub fn new(kind: ErrorKind) -> Self {
        Error {
            inner: Box::new(Inner {
                kind,
                status: None,
                url: None,
                message: None,
                retry_after: None,
                retried: false,
                fingerprint: None,
                source: None,
            }),
        }
    }

    pub(crate) fn with_status(mut self, status: u16) -> Self {
        self.inner.status = Some(status);
        self
    }

    /// Attach the URL, stripped of user info, query and fragment.
    pub(crate) fn with_url(mut self, url: &Url) -> Self {
        self.inner.url = Some(strip_url(url));
        self
    }

    /// Attach a short human message (server message or our own explanation).
    pub fn with_message(mut self, message: impl Into<String>) -> Self {
        let message: String = message.into();
        let message = message.trim();
        if !message.is_empty() {
            // Server messages can be long HTML pages: keep the first line, bounded.
            let first = message.lines().next().unwrap_or_default();
            self.inner.message = Some(first.chars().take(300).collect());
        }
        self
    }

    pub(crate) fn with_retry_after(mut self, delay: Option<Duration>) -> Self {
        self.inner.retry_after = delay;
        self
    }

    pub(crate) fn with_client_retries(mut self, retried: bool) -> Self {
        self.inner.retried = retried;
        self
    }

    pub(crate) fn with_fingerprint(mut self, fingerprint: Option<Fingerprint>) -> Self {
        self.inner.fingerprint = fingerprint;
        self
    }

    pub(crate) fn with_kind(mut self, kind: ErrorKind) -> Self {
        self.inner.kind = kind;
        self
    }

    pub(crate) fn http(kind: ErrorKind, err: reqwest::Error) -> Self {
        let url = err.url().map(strip_url);
        let mut e = Error::new(kind);
        e.inner.url = url;
        e.inner.source = Some(Source::Http(err.without_url()));
        e
    }

    pub(crate) fn json(err: serde_json::Error) -> Self {
        let mut e = Error::new(ErrorKind::Protocol).with_message(format!("invalid JSON: {err}"));
        e.inner.source = Some(Source::Json(err));
        e
    }

    pub(crate) fn xml(err: quick_xml::DeError) -> Self {
        let mut e = Error::new(ErrorKind::Protocol).with_message(format!("invalid XML: {err}"));
        e.inner.source = Some(Source::Xml(err));
        e
    }

    pub(crate) fn io(kind: ErrorKind, err: std::io::Error) -> Self {
        let mut e = Error::new(kind);
        e.inner.source = Some(Source::Io(err));
        e
    }

    pub(crate) fn protocol(message: impl Into<String>) -> Self {
        Error::new(ErrorKind::Protocol).with_message(message)
    }

    /// What went wrong.
    pub fn kind(&self) -> ErrorKind {
        self.inner.kind
    }

    /// Stable kebab-case code, e.g. `"tls-untrusted"`.
    pub fn code(&self) -> &'static str {
        self.inner.kind.code()
    }

    /// The HTTP status, when the server answered.
    pub fn status(&self) -> Option<u16> {
        self.inner.status
    }

    /// The URL involved, without credentials, query or fragment.
    pub fn url(&self) -> Option<&Url> {
        self.inner.url.as_ref()
    }

    /// The server's own message (OCS `meta.message`, Sabre `s:message`), when it gave one.
    pub fn server_message(&self) -> Option<&str> {
        self.inner.message.as_deref()
    }

    /// How long the server asked to wait (429, 503), when it said so.
    pub fn retry_after(&self) -> Option<Duration> {
        self.inner.retry_after
    }

    /// The client already retried this request under its [`crate::RetryPolicy`] (an idempotent
    /// request that kept failing in a way a retry may cure): no other layer retries it again.
    pub fn retried_by_client(&self) -> bool {
        self.inner.retried
    }

    /// The SHA-256 fingerprint of the certificate that was refused (for [`Self::is_tls`]).
    pub fn certificate_fingerprint(&self) -> Option<&Fingerprint> {
        self.inner.fingerprint.as_ref()
    }

    /// Login, password or app password refused.
    pub fn is_auth(&self) -> bool {
        self.inner.kind == ErrorKind::Auth
    }

    /// Not allowed for this account (403).
    pub fn is_forbidden(&self) -> bool {
        self.inner.kind == ErrorKind::Forbidden
    }

    /// The resource does not exist.
    pub fn is_not_found(&self) -> bool {
        self.inner.kind == ErrorKind::NotFound
    }

    /// 409 or 412 (e.g. `If-None-Match: *` on an existing resource).
    pub fn is_conflict(&self) -> bool {
        self.inner.kind == ErrorKind::Conflict
    }

    /// Storage quota exhausted (507).
    pub fn is_quota(&self) -> bool {
        self.inner.kind == ErrorKind::Quota
    }

    /// Resource locked (423).
    pub fn is_locked(&self) -> bool {
        self.inner.kind == ErrorKind::Locked
    }

    /// Too many requests (429); see [`Self::retry_after`].
    pub fn is_rate_limited(&self) -> bool {
        self.inner.kind == ErrorKind::Throttled
    }

    /// The server cannot be reached (includes DNS failures).
    pub fn is_offline(&self) -> bool {
        matches!(self.inner.kind, ErrorKind::Offline | ErrorKind::Dns)
    }

    /// The host name does not resolve.
    pub fn is_dns(&self) -> bool {
        self.inner.kind == ErrorKind::Dns
    }

    /// A TLS problem; for an untrusted certificate [`Self::certificate_fingerprint`] is set.
    pub fn is_tls(&self) -> bool {
        matches!(self.inner.kind, ErrorKind::TlsUntrusted | ErrorKind::Tls)
    }

    /// The request timed out.
    pub fn is_timeout(&self) -> bool {
        self.inner.kind == ErrorKind::Timeout
    }

    /// The server is in maintenance mode.
    pub fn is_maintenance(&self) -> bool {
        self.inner.kind == ErrorKind::Maintenance
    }

    /// The address does not lead to a Nextcloud server.
    pub fn is_not_nextcloud(&self) -> bool {
        self.inner.kind == ErrorKind::NotNextcloud
    }

    /// The Nextcloud version is below [`crate::MIN_SUPPORTED_MAJOR`].
    pub fn is_too_old(&self) -> bool {
        self.inner.kind == ErrorKind::ServerTooOld
    }
}

/// Remove what may hold a secret from a URL: user info, query, fragment.
pub(crate) fn strip_url(url: &Url) -> Url {
    let mut url = url.clone();
    let _ = url.set_username("");
    let _ = url.set_password(None);
    url.set_query(None);
    url.set_fragment(None);
    url
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.inner.kind)?;
        if let Some(status) = self.inner.status {
            write!(f, " (HTTP {status})")?;
        }
        if let Some(message) = &self.inner.message {
            write!(f, ": {message}")?;
        }
        if let Some(url) = &self.inner.url {
            write!(f, " [{url}]")?;
        }
        if let Some(fp) = &self.inner.fingerprint {
            write!(f, " [certificate SHA-256 {fp}]")?;
        }
        if let Some(Source::Http(e)) = &self.inner.source {
            // reqwest's chain explains connection problems ("connection refused"…);
            // the URL was removed with `without_url`.
            let mut cause = std::error::Error::source(e);
            if let Some(c) = cause {
                write!(f, ": {c}")?;
                cause = c.source();
                if let Some(c) = cause {
                    write!(f, ": {c}")?;
                }
            }
        }
        Ok(())
    }
}

impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut d = f.debug_struct("Error");
        d.field("kind", &self.inner.kind);
        if let Some(status) = self.inner.status {
            d.field("status", &status);
        }
        if let Some(url) = &self.inner.url {
            d.field("url", &url.as_str());
        }
        if let Some(message) = &self.inner.message {
            d.field("message", message);
        }
        if let Some(delay) = self.inner.retry_after {
            d.field("retry_after", &delay);
        }
        if let Some(fp) = &self.inner.fingerprint {
            d.field("fingerprint", &fp.to_string());
        }
        if let Some(source) = &self.inner.source {
            d.field("source", source);
        }
        d.finish()
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self.inner.source.as_ref()? {
            Source::Http(e) => Some(e),
            Source::Json(e) => Some(e),
            Source::Xml(e) => Some(e),
            Source::Io(e) => Some(e),
        }
    }
}

impl From<ErrorKind> for Error {
    fn from(kind: ErrorKind) -> Self {
        Error::new(kind)
    }
}

// Here rather than in `fingerprint`, which then imports nothing of this crate (this module
// names `Fingerprint`): no import loop.
impl std::str::FromStr for Fingerprint {
    type Err = Error;

    fn from_str(s: &str) -> Result<Self> {
        Fingerprint::from_hex(s)
            .ok_or_else(|| Error::new(ErrorKind::Tls).with_message("invalid SHA-256 fingerprint"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_kebab_case() {
        let mut seen = std::collections::HashSet::new();
        for kind in ErrorKind::ALL {
            let code = kind.code();
            assert!(seen.insert(code), "duplicate code {code}");
            assert!(
                code.chars().all(|c| c.is_ascii_lowercase() || c == '-'),
                "not kebab-case: {code}"
            );
        }
        for required in [
            "offline",
            "dns",
            "tls-untrusted",
            "auth",
            "throttled",
            "maintenance",
            "not-nextcloud",
            "server-too-old",
            "server-not-installed",
            "server-needs-upgrade",
            "not-found",
            "quota",
            "locked",
            "conflict",
            "timeout",
            "insecure-http",
            "protocol",
            "server-error",
            "login-flow-timeout",
            "login-flow-cancelled",
            "login-flow-downgrade",
            "href-escape",
        ] {
            assert!(seen.contains(required), "missing code {required}");
        }
    }

    #[test]
    fn url_is_stripped_of_secrets() {
        let url = Url::parse("https://alice:s3cr3t@example.org/a/b?token=s3cr3t#s3cr3t").unwrap();
        let e = Error::new(ErrorKind::Auth).with_status(401).with_url(&url);
        let shown = format!("{e} {e:?}");
        assert!(!shown.contains("s3cr3t"), "{shown}");
        assert!(shown.contains("https://example.org/a/b"));
        assert_eq!(e.code(), "auth");
        assert!(e.is_auth());
        assert_eq!(e.status(), Some(401));
    }

    #[test]
    fn status_mapping() {
        assert!(Error::new(ErrorKind::from_status(412)).is_conflict());
        assert!(Error::new(ErrorKind::from_status(409)).is_conflict());
        assert!(Error::new(ErrorKind::from_status(507)).is_quota());
        assert!(Error::new(ErrorKind::from_status(423)).is_locked());
        assert!(Error::new(ErrorKind::from_status(429)).is_rate_limited());
        assert!(Error::new(ErrorKind::Dns).is_offline());
        assert_eq!(ErrorKind::from_status(502), ErrorKind::ServerError);
    }
}

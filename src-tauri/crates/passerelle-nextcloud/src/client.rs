//! The HTTP client for one Nextcloud account: a cheap-to-clone [`Client`] (an `Arc` inside)
//! built once with [`ClientBuilder`]. It owns the transport concerns shared by every protocol
//! module: base URL, credentials, User-Agent, TLS (platform roots + pinned certificate),
//! redirects, timeouts, bounded retries of idempotent requests, and turning HTTP failures into
//! [`Error`]s.
//!
//! It also keeps the session cookie Nextcloud returns to WebDAV requests, so the next ones are
//! not authenticated from scratch ([`SessionCookies`]).
//!
//! It must not know about OCS, WebDAV or CalDAV payloads (those live in their modules), and it
//! must never put a secret into a URL, a log line or an error.

use std::fmt;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use bytes::Bytes;
use reqwest::header::{HeaderMap, HeaderName, HeaderValue};
use reqwest::{Method, StatusCode};
use url::Url;
use zeroize::Zeroizing;

use crate::error::{Error, ErrorKind, Result};
use crate::tls::{self, Fingerprint, RejectedCerts};

/// A secret (password, app password, token): printed as `Secret(***)` by `Debug` and
/// `Display`, wiped from memory when dropped (a login password typed by a person must not
/// linger), and not comparable (a comparison would invite non-constant-time checks). Only
/// [`Secret::expose`] gives it out. The one secret type of Passerelle: the core's `secrets`
/// module keeps these in the keyring or in memory.
#[derive(Clone)]
pub struct Secret(Zeroizing<String>);

impl Secret {
    /// Wrap a secret string.
    pub fn new(secret: impl Into<String>) -> Self {
        Secret(Zeroizing::new(secret.into()))
    }

    /// The secret itself, for storing it in the keyring or sending it. Do not keep, format or
    /// log it.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

/// What a [`Secret`] prints instead of itself.
const MASKED: &str = "Secret(***)";

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(MASKED)
    }
}

impl fmt::Display for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(MASKED)
    }
}

/// Read from a string (a secret the person typed, arriving through IPC). There is no
/// `Serialize`: a secret is never written out.
impl<'de> serde::Deserialize<'de> for Secret {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        String::deserialize(d).map(Secret::from)
    }
}

impl From<String> for Secret {
    fn from(s: String) -> Self {
        Secret::new(s)
    }
}

impl From<&str> for Secret {
    fn from(s: &str) -> Self {
        Secret::new(s)
    }
}

impl From<Zeroizing<String>> for Secret {
    fn from(s: Zeroizing<String>) -> Self {
        Secret(s)
    }
}

/// Login name + password or app password.
#[derive(Clone, Debug)]
pub struct Credentials {
    /// The login name (may differ from the user id, e.g. an email address).
    pub login: String,
    /// The password or app password.
    pub secret: Secret,
}

/// Bounded retries with exponential backoff: the one policy of Passerelle, applied at one layer
/// per request. The client applies it to idempotent requests (their failures then say
/// [`Error::retried_by_client`]); the hand-over applies the same policy per item to what the
/// client cannot replay (a streamed upload, a MOVE), and never again to a request the client
/// already retried.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Retries after the first attempt (0 = never retry).
    pub max_retries: u32,
    /// First backoff delay; doubled at each retry.
    pub base_delay: Duration,
    /// Cap on any delay, the backoff's and a server's `Retry-After`.
    pub max_delay: Duration,
    /// Longest `Retry-After` still retried; a server asking for longer is not (the error keeps
    /// its `Retry-After`, so the person can be told when to try again). The client's default
    /// never gives up this way: it waits `max_delay` and retries.
    pub max_wait: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            max_retries: 3,
            base_delay: Duration::from_millis(500),
            max_delay: Duration::from_secs(10),
            max_wait: Duration::MAX,
        }
    }
}

impl RetryPolicy {
    /// No retries at all.
    pub fn none() -> Self {
        RetryPolicy {
            max_retries: 0,
            ..Default::default()
        }
    }

    /// The backoff before retry number `retries_done + 1`.
    pub fn backoff(&self, retries_done: u32) -> Duration {
        let factor = 2u32.saturating_pow(retries_done.min(16));
        self.base_delay.saturating_mul(factor).min(self.max_delay)
    }

    /// How long to wait before retry number `retries_done + 1`: the server's `retry_after`
    /// when it gave one, else the backoff, capped at [`Self::max_delay`]. `None` when the
    /// policy says stop: the retries are used up, or the server asks to wait longer than
    /// [`Self::max_wait`].
    pub fn delay(&self, retries_done: u32, retry_after: Option<Duration>) -> Option<Duration> {
        if retries_done >= self.max_retries {
            return None;
        }
        match retry_after {
            Some(d) if d > self.max_wait => None,
            Some(d) => Some(d.min(self.max_delay)),
            None => Some(self.backoff(retries_done)),
        }
    }
}

/// How long a server may stay silent before a request is abandoned (see
/// [`ClientBuilder::read_timeout`]).
pub const DEFAULT_READ_TIMEOUT: Duration = Duration::from_secs(25);

/// How long server-side work (a COPY or MOVE of a whole tree) may take before Passerelle stops
/// waiting for the answer.
pub const SERVER_SIDE_WAIT: Duration = Duration::from_secs(2 * 3600);

/// The default User-Agent: `Passerelle/<version> (<os>)`.
pub fn default_user_agent(app_version: &str) -> String {
    format!("Passerelle/{app_version} ({})", std::env::consts::OS)
}

/// Builds a [`Client`]. Only [`ClientBuilder::build`] can fail.
#[derive(Debug)]
pub struct ClientBuilder {
    base: String,
    credentials: Option<Credentials>,
    user_id: Option<String>,
    user_agent: String,
    timeout: Duration,
    read_timeout: Duration,
    connect_timeout: Duration,
    pinned: Option<Fingerprint>,
    retry: RetryPolicy,
    max_redirects: usize,
}

impl ClientBuilder {
    /// Login name and password/app password, sent as HTTP basic auth.
    pub fn credentials(mut self, login: impl Into<String>, secret: impl Into<Secret>) -> Self {
        self.credentials = Some(Credentials {
            login: login.into(),
            secret: secret.into(),
        });
        self
    }

    /// The user id used in DAV paths, when it differs from the login name.
    pub fn user_id(mut self, user_id: impl Into<String>) -> Self {
        self.user_id = Some(user_id.into());
        self
    }

    /// Override the User-Agent (default: [`default_user_agent`] with this crate's version).
    pub fn user_agent(mut self, user_agent: impl Into<String>) -> Self {
        self.user_agent = user_agent.into();
        self
    }

    /// Whole-request timeout (default 60 s) and, when shorter, the per-read timeout too.
    /// Streaming transfers have no whole-request timeout; the per-read one still applies.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self.read_timeout = self.read_timeout.min(timeout);
        self
    }

    /// How long the server may stay silent, while Passerelle waits for the answer or for the
    /// next bytes of a transfer (default 25 s, so a whole check stays within 30 s): a server
    /// that accepts the connection and then says nothing is abandoned by then.
    pub fn read_timeout(mut self, timeout: Duration) -> Self {
        self.read_timeout = timeout;
        self
    }

    /// Connection timeout, the TLS handshake included (default 10 s).
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = timeout;
        self
    }

    /// Trust exactly this certificate (SHA-256 of its DER form) in addition to the platform's
    /// trust store: what the person accepted after a [`ErrorKind::TlsUntrusted`] error.
    pub fn pinned_certificate(mut self, fingerprint: impl Into<Option<Fingerprint>>) -> Self {
        self.pinned = fingerprint.into();
        self
    }

    /// Retry policy for idempotent requests (tests use tiny delays).
    pub fn retry_policy(mut self, retry: RetryPolicy) -> Self {
        self.retry = retry;
        self
    }

    /// Build the client. The base URL must be absolute http(s); it is used as given (run
    /// [`crate::normalize_address`] on what a person typed first).
    pub fn build(self) -> Result<Client> {
        let mut base = Url::parse(self.base.trim()).map_err(|e| {
            Error::new(ErrorKind::InvalidAddress).with_message(format!("invalid base URL: {e}"))
        })?;
        if !matches!(base.scheme(), "http" | "https") || base.host_str().is_none() {
            return Err(Error::new(ErrorKind::InvalidAddress).with_message("not an http(s) URL"));
        }
        base.set_query(None);
        base.set_fragment(None);
        let _ = base.set_username("");
        let _ = base.set_password(None);
        if !base.path().ends_with('/') {
            let path = format!("{}/", base.path());
            base.set_path(&path);
        }

        let rejected = Arc::new(RejectedCerts::default());
        let tls_config = tls::client_config(self.pinned, rejected.clone())?;
        let max_redirects = self.max_redirects;
        let redirect = reqwest::redirect::Policy::custom(move |attempt| {
            let downgrade = attempt.previous().iter().any(|u| u.scheme() == "https")
                && attempt.url().scheme() != "https";
            if downgrade {
                attempt.error("refusing a redirect from https to http")
            } else if attempt.previous().len() > max_redirects {
                attempt.error("too many redirects")
            } else {
                attempt.follow()
            }
        });
        let http_with = |read_timeout: Duration, redirect: reqwest::redirect::Policy| {
            reqwest::Client::builder()
                .tls_backend_preconfigured(tls_config.clone())
                .user_agent(self.user_agent.clone())
                .timeout(self.timeout)
                .read_timeout(read_timeout)
                .connect_timeout(self.connect_timeout)
                .redirect(redirect)
                .build()
                .map_err(|e| Error::http(ErrorKind::Tls, e))
        };
        let http = http_with(self.read_timeout, redirect)?;
        // Server-side work (a COPY or MOVE of a whole tree) answers nothing until it is done:
        // those requests go through a client that waits longer for the first byte. They are
        // never redirected (a redirected COPY would be sent again elsewhere).
        let patient = http_with(SERVER_SIDE_WAIT, reqwest::redirect::Policy::none())?;

        let user_id = self
            .user_id
            .or_else(|| self.credentials.as_ref().map(|c| c.login.clone()));
        Ok(Client {
            inner: Arc::new(Inner {
                http,
                patient,
                base,
                credentials: self.credentials,
                user_id,
                retry: self.retry,
                rejected,
                session: SessionCookies::default(),
            }),
        })
    }
}

/// A Nextcloud client for one server and (optionally) one account. Clone freely.
#[derive(Clone)]
pub struct Client {
    inner: Arc<Inner>,
}

struct Inner {
    http: reqwest::Client,
    /// For [`Request::server_side_work`]: a long wait for the first byte.
    patient: reqwest::Client,
    base: Url,
    credentials: Option<Credentials>,
    user_id: Option<String>,
    retry: RetryPolicy,
    rejected: Arc<RejectedCerts>,
    session: SessionCookies,
}

/// The cookies of the account's WebDAV session on its server. With them Nextcloud finds the
/// logged-in session and skips checking the app password (a hash and database writes per
/// request); basic auth still rides along, so an expired session is replaced by the server in
/// the same request. Sent only to WebDAV below the base (`remote.php/dav/`) and never with a
/// POST: Nextcloud takes a POST carrying a session cookie for a CSRF attempt and logs the
/// session out, and a session opened by an OCS call is not WebDAV-authenticated (WebDAV would
/// answer 401). Never sent with a streamed body, which could not be sent again after a 401.
#[derive(Default)]
pub(crate) struct SessionCookies {
    cookies: Mutex<Vec<(String, String)>>,
}

impl SessionCookies {
    fn lock(&self) -> std::sync::MutexGuard<'_, Vec<(String, String)>> {
        self.cookies.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// The `Cookie` header value, when there is a session.
    fn header(&self) -> Option<String> {
        let cookies = self.lock();
        (!cookies.is_empty()).then(|| {
            cookies
                .iter()
                .map(|(k, v)| format!("{k}={v}"))
                .collect::<Vec<_>>()
                .join("; ")
        })
    }

    /// Keeps what the server set, forgets what it deleted (`deleted`, `Max-Age=0`).
    fn update(&self, headers: &HeaderMap) {
        let mut cookies = self.lock();
        for value in headers.get_all(reqwest::header::SET_COOKIE) {
            let Ok(value) = value.to_str() else { continue };
            let mut parts = value.split(';');
            let Some((name, v)) = parts.next().and_then(|p| p.split_once('=')) else {
                continue;
            };
            let (name, v) = (name.trim(), v.trim());
            if name.is_empty() || !cookie_safe(name) || !cookie_safe(v) {
                continue;
            }
            let deleted = v.is_empty()
                || v == "deleted"
                || parts.any(|a| {
                    a.trim().split_once('=').is_some_and(|(k, n)| {
                        k.eq_ignore_ascii_case("max-age") && n.trim().starts_with(['0', '-'])
                    })
                });
            cookies.retain(|(k, _)| k != name);
            if !deleted {
                cookies.push((name.to_owned(), v.to_owned()));
            }
        }
    }

    fn clear(&self) {
        self.lock().clear();
    }
}

/// Cookie names and values as a `Cookie` header can carry them back.
fn cookie_safe(s: &str) -> bool {
    s.bytes()
        .all(|b| b.is_ascii_graphic() && !matches!(b, b';' | b',' | b'"' | b'\\'))
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("base", &self.inner.base.as_str())
            .field(
                "login",
                &self.inner.credentials.as_ref().map(|c| c.login.as_str()),
            )
            .field("user_id", &self.inner.user_id)
            .finish_non_exhaustive()
    }
}

/// A request body. Bytes can be re-sent on retry; a stream cannot.
pub(crate) enum Body {
    Empty,
    Bytes(Bytes),
    Stream(reqwest::Body),
}

/// One request as the protocol modules describe it.
pub(crate) struct Request {
    pub method: Method,
    pub url: Url,
    pub headers: HeaderMap,
    pub body: Body,
    /// Send the account's credentials (default true).
    pub auth: bool,
    /// Override the method-based idempotency rule (e.g. chunk PUTs).
    pub idempotent: Option<bool>,
    /// Override the whole-request timeout (long transfers; stalls are still caught by the
    /// per-read timeout).
    pub timeout: Option<Duration>,
    /// Sent through the patient client (see [`Request::server_side_work`]).
    pub server_side: bool,
}

impl Request {
    pub(crate) fn new(method: Method, url: Url) -> Self {
        Request {
            method,
            url,
            headers: HeaderMap::new(),
            body: Body::Empty,
            auth: true,
            idempotent: None,
            timeout: None,
            server_side: false,
        }
    }

    pub(crate) fn header(mut self, name: &'static str, value: impl AsRef<str>) -> Self {
        if let Ok(v) = HeaderValue::from_str(value.as_ref()) {
            self.headers.insert(HeaderName::from_static(name), v);
        }
        self
    }

    pub(crate) fn body(mut self, body: impl Into<Bytes>) -> Self {
        self.body = Body::Bytes(body.into());
        self
    }

    pub(crate) fn xml(self, body: impl Into<Bytes>) -> Self {
        self.header("content-type", "application/xml; charset=utf-8")
            .body(body)
    }

    /// Work the server does before it answers anything (a COPY or MOVE of a whole tree inside
    /// the server): it may take up to [`SERVER_SIDE_WAIT`], where other requests give up after
    /// the client's per-read timeout.
    pub(crate) fn server_side_work(mut self) -> Self {
        self.timeout = Some(SERVER_SIDE_WAIT);
        self.server_side = true;
        self
    }

    /// A streaming transfer: no whole-request timeout (stalls still time out).
    pub(crate) fn long_transfer(mut self) -> Self {
        self.timeout = Some(Duration::from_secs(24 * 3600));
        self
    }

    pub(crate) fn anonymous(mut self) -> Self {
        self.auth = false;
        self
    }

    fn is_idempotent(&self) -> bool {
        if let Some(explicit) = self.idempotent {
            return explicit;
        }
        match self.method.as_str() {
            "GET" | "HEAD" | "PROPFIND" | "OPTIONS" | "DELETE" | "REPORT" => true,
            "PUT" => self.headers.contains_key("if-none-match"),
            _ => false,
        }
    }
}

/// Custom WebDAV/CalDAV methods.
pub(crate) fn method(name: &str) -> Method {
    Method::from_bytes(name.as_bytes()).unwrap_or(Method::GET)
}

impl Client {
    /// Start building a client for the server at `base_url`.
    pub fn builder(base_url: impl Into<String>) -> ClientBuilder {
        ClientBuilder {
            base: base_url.into(),
            credentials: None,
            user_id: None,
            user_agent: default_user_agent(env!("CARGO_PKG_VERSION")),
            timeout: Duration::from_secs(60),
            read_timeout: DEFAULT_READ_TIMEOUT,
            connect_timeout: Duration::from_secs(10),
            pinned: None,
            retry: RetryPolicy::default(),
            max_redirects: 5,
        }
    }

    /// The server's base URL, always ending with `/`.
    pub fn base_url(&self) -> &Url {
        &self.inner.base
    }

    /// The login name, if the client has credentials.
    pub fn login(&self) -> Option<&str> {
        self.inner.credentials.as_ref().map(|c| c.login.as_str())
    }

    /// The user id used in DAV paths (defaults to the login name).
    pub fn user_id(&self) -> Option<&str> {
        self.inner.user_id.as_deref()
    }

    pub(crate) fn require_user_id(&self) -> Result<&str> {
        self.user_id()
            .ok_or_else(|| Error::new(ErrorKind::Auth).with_message("no account configured"))
    }

    /// `base` + a relative path (no leading slash), e.g. `"status.php"`.
    pub(crate) fn endpoint(&self, relative: &str) -> Url {
        let mut url = self.inner.base.clone();
        let path = format!("{}{}", url.path(), relative.trim_start_matches('/'));
        url.set_path(&path);
        url
    }

    /// Like [`Self::endpoint`] followed by percent-encoded segments.
    pub(crate) fn endpoint_segments<I, S>(&self, relative: &str, segments: I) -> Url
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        let mut url = self.endpoint(relative);
        if let Ok(mut segs) = url.path_segments_mut() {
            segs.pop_if_empty();
            for s in segments {
                segs.push(s.as_ref());
            }
        }
        url
    }

    /// Whether `req` belongs to the account's WebDAV session (see [`SessionCookies`]).
    fn in_session(&self, req: &Request) -> bool {
        let base = &self.inner.base;
        req.auth
            && self.inner.credentials.is_some()
            && req.method != Method::POST
            && req.url.origin() == base.origin()
            && req
                .url
                .path()
                .strip_prefix(base.path())
                .is_some_and(|rest| rest.starts_with("remote.php/dav/"))
    }

    /// Send with retries; the response may have any status (maintenance 503s excepted).
    pub(crate) async fn send_raw(&self, mut req: Request) -> Result<reqwest::Response> {
        let retry = self.inner.retry;
        let streamed = matches!(req.body, Body::Stream(_));
        let idempotent = req.is_idempotent() && !streamed;
        // The client is this request's retry layer: its failures must not be retried again.
        let retried_here = idempotent && retry.max_retries > 0;
        let session = self.in_session(&req);
        let mut session_refused = false;
        let mut attempt = 0u32;
        loop {
            let body = match std::mem::replace(&mut req.body, Body::Empty) {
                Body::Empty => None,
                Body::Bytes(b) => {
                    req.body = Body::Bytes(b.clone());
                    Some(reqwest::Body::from(b))
                }
                Body::Stream(s) => Some(s),
            };
            let http = if req.server_side {
                &self.inner.patient
            } else {
                &self.inner.http
            };
            let mut builder = http
                .request(req.method.clone(), req.url.clone())
                .headers(req.headers.clone());
            if req.auth
                && let Some(c) = &self.inner.credentials
            {
                builder = builder.basic_auth(&c.login, Some(c.secret.expose()));
            }
            let cookie = if session && !streamed && !session_refused {
                self.inner.session.header()
            } else {
                None
            };
            if let Some(cookie) = &cookie {
                builder = builder.header(reqwest::header::COOKIE, cookie);
            }
            if let Some(body) = body {
                builder = builder.body(body);
            }
            if let Some(t) = req.timeout {
                builder = builder.timeout(t);
            }
            let can_retry = idempotent && attempt < retry.max_retries;
            match builder.send().await {
                Ok(mut resp) => {
                    let status = resp.status().as_u16();
                    if session {
                        self.inner.session.update(resp.headers());
                    }
                    if status == 401 && cookie.is_some() {
                        // The session is gone or refused: once more with basic auth alone.
                        self.inner.session.clear();
                        session_refused = true;
                        continue;
                    }
                    let passing = matches!(status, 429 | 502 | 503 | 504);
                    if retried_here && passing {
                        resp.headers_mut()
                            .insert(RETRIED_MARK, reqwest::header::HeaderValue::from_static("1"));
                    }
                    if !passing || !can_retry {
                        return Ok(resp);
                    }
                    if resp.headers().contains_key("x-nextcloud-maintenance-mode") {
                        return Ok(resp);
                    }
                    let Some(delay) = retry.delay(attempt, retry_after(resp.headers())) else {
                        return Ok(resp);
                    };
                    if status == 503 {
                        // WebDAV's maintenance 503 has no header: look at the body.
                        let url = resp.url().clone();
                        let headers = resp.headers().clone();
                        let text = resp.text().await.unwrap_or_default();
                        if text.contains("MaintenanceMode") || account_disabled(&text) {
                            return Err(error_from_parts(resp_status(503), &url, &headers, &text));
                        }
                    }
                    tokio::time::sleep(delay).await;
                }
                Err(e) => {
                    let reset = is_connection_reset(&e);
                    if !(can_retry && reset) {
                        return Err(self
                            .transport_error(e, &req.url)
                            .with_client_retries(retried_here && reset));
                    }
                    tokio::time::sleep(retry.backoff(attempt)).await;
                }
            }
            attempt += 1;
        }
    }

    /// Send and turn any non-2xx status into an [`Error`].
    pub(crate) async fn send(&self, req: Request) -> Result<reqwest::Response> {
        let resp = self.send_raw(req).await?;
        if resp.status().is_success() {
            Ok(resp)
        } else {
            Err(error_from_response(resp).await)
        }
    }

    fn transport_error(&self, e: reqwest::Error, url: &Url) -> Error {
        let host = url.host_str().unwrap_or_default().to_ascii_lowercase();
        let host = host
            .trim_start_matches('[')
            .trim_end_matches(']')
            .to_owned();
        if let Some(tls_err) = tls::find_rustls_error(&e) {
            let (kind, fp) = match tls_err {
                rustls::Error::InvalidCertificate(_) => {
                    (ErrorKind::TlsUntrusted, self.inner.rejected.get(&host))
                }
                _ => (ErrorKind::Tls, None),
            };
            let message = tls_err.to_string();
            return Error::http(kind, e)
                .with_url(url)
                .with_fingerprint(fp)
                .with_message(message);
        }
        let kind = if e.is_timeout() {
            ErrorKind::Timeout
        } else if is_dns_error(&e) {
            ErrorKind::Dns
        } else if e.is_redirect() || e.is_decode() {
            ErrorKind::Protocol
        } else {
            ErrorKind::Offline
        };
        Error::http(kind, e).with_url(url)
    }
}

/// Walk an error chain as text (hyper/hyper-util error types are not ours to downcast).
fn chain_text(e: &(dyn std::error::Error + 'static)) -> String {
    let mut out = e.to_string();
    let mut cur = e.source();
    while let Some(c) = cur {
        out.push_str(": ");
        out.push_str(&c.to_string());
        cur = c.source();
    }
    out.to_ascii_lowercase()
}

fn is_dns_error(e: &reqwest::Error) -> bool {
    let text = chain_text(e);
    text.contains("dns error")
        || text.contains("failed to lookup address")
        || text.contains("name or service not known")
        || text.contains("no such host")
}

fn is_connection_reset(e: &reqwest::Error) -> bool {
    if e.is_timeout() || e.is_connect() && is_dns_error(e) {
        return false;
    }
    let mut cur: Option<&(dyn std::error::Error + 'static)> = Some(e);
    while let Some(c) = cur {
        if let Some(io) = c.downcast_ref::<std::io::Error>() {
            use std::io::ErrorKind as K;
            if matches!(
                io.kind(),
                K::ConnectionReset | K::ConnectionAborted | K::BrokenPipe | K::UnexpectedEof
            ) {
                return true;
            }
        }
        cur = c.source();
    }
    let text = chain_text(e);
    text.contains("connection reset") || text.contains("connection closed before message")
}

/// `Retry-After` as seconds or an HTTP date.
pub(crate) fn retry_after(headers: &HeaderMap) -> Option<Duration> {
    let value = headers.get("retry-after")?.to_str().ok()?.trim();
    if let Ok(secs) = value.parse::<u64>() {
        return Some(Duration::from_secs(secs));
    }
    let when = httpdate::parse_http_date(value).ok()?;
    Some(
        when.duration_since(std::time::SystemTime::now())
            .unwrap_or(Duration::ZERO),
    )
}

/// The server's message in an error body: OCS JSON/XML `message`, Sabre `s:message`,
/// or a bare `{"message": …}`.
pub(crate) fn extract_message(body: &str) -> Option<String> {
    let trimmed = body.trim_start();
    if trimmed.starts_with('{') {
        let v: serde_json::Value = serde_json::from_str(trimmed).ok()?;
        let m = v
            .pointer("/ocs/meta/message")
            .or_else(|| v.pointer("/ocs/data/message"))
            .or_else(|| v.get("message"))?
            .as_str()?;
        return (!m.is_empty()).then(|| m.to_owned());
    }
    if trimmed.starts_with('<') {
        // Both `<message>` (OCS XML) and `<s:message>` (Sabre).
        for open in ["<s:message>", "<message>"] {
            if let Some(start) = body.find(open) {
                let rest = &body[start + open.len()..];
                let end = rest.find('<').unwrap_or(rest.len());
                let m = rest[..end].trim();
                if !m.is_empty() {
                    return Some(unescape_xml(m));
                }
            }
        }
    }
    None
}

fn unescape_xml(s: &str) -> String {
    quick_xml::escape::unescape(s)
        .map(|c| c.into_owned())
        .unwrap_or_else(|_| s.to_owned())
}

/// Map a non-success response to an [`Error`], reading (a bounded part of) its body.
/// Added by the client to the headers of a response it gave up retrying, so that every error
/// built from those headers says [`Error::retried_by_client`]. Never sent; a server's own
/// header of this name is overwritten only on a failure the client retried.
const RETRIED_MARK: &str = "x-passerelle-client-retried";

pub(crate) async fn error_from_response(resp: reqwest::Response) -> Error {
    let status = resp.status();
    let url = resp.url().clone();
    let headers = resp.headers().clone();
    let body = read_limited(resp, 64 * 1024).await;
    error_from_parts(status, &url, &headers, &body)
}

pub(crate) fn error_from_parts(
    status: StatusCode,
    url: &Url,
    headers: &HeaderMap,
    body: &str,
) -> Error {
    let code = status.as_u16();
    let mut kind = ErrorKind::from_status(code);
    if code == 503
        && (headers.contains_key("x-nextcloud-maintenance-mode")
            || body.contains("MaintenanceMode"))
    {
        kind = ErrorKind::Maintenance;
    }
    if code == 503 && account_disabled(body) {
        // A disabled account's WebDAV requests: refused credentials, not a passing failure.
        kind = ErrorKind::Auth;
    }
    let mut err = Error::new(kind).with_status(code).with_url(url);
    if matches!(code, 429 | 503) {
        err = err.with_retry_after(retry_after(headers));
    }
    if let Some(m) = extract_message(body) {
        err = err.with_message(m);
    }
    err.with_client_retries(headers.contains_key(RETRIED_MARK))
}

/// Nextcloud answers a disabled account's WebDAV requests with 503 and the Sabre message
/// "OC\\User\\LoginException: Account disabled" (seen on 29.0.6), not with 401.
fn account_disabled(body: &str) -> bool {
    body.contains("LoginException: Account disabled")
}

fn resp_status(code: u16) -> StatusCode {
    StatusCode::from_u16(code).unwrap_or(StatusCode::SERVICE_UNAVAILABLE)
}

async fn read_limited(mut resp: reqwest::Response, limit: usize) -> String {
    let mut buf = Vec::new();
    while let Ok(Some(chunk)) = resp.chunk().await {
        buf.extend_from_slice(&chunk);
        if buf.len() >= limit {
            buf.truncate(limit);
            break;
        }
    }
    String::from_utf8_lossy(&buf).into_owned()
}

/// Read a whole (small) body as bytes, mapping transport errors.
pub(crate) async fn read_body(resp: reqwest::Response) -> Result<Bytes> {
    let url = resp.url().clone();
    resp.bytes()
        .await
        .map_err(|e| Error::http(ErrorKind::Offline, e).with_url(&url))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_disabled_accounts_503_is_refused_credentials() {
        // The body Nextcloud 29.0.6 sends to a disabled account's PROPFIND.
        let body = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<d:error xmlns:d=\"DAV:\" \
                    xmlns:s=\"http://sabredav.org/ns\">\n  <s:exception>Sabre\\DAV\\Exception\\\
                    ServiceUnavailable</s:exception>\n  <s:message>OC\\User\\LoginException: \
                    Account disabled</s:message>\n</d:error>\n";
        let url = Url::parse("https://cloud.example.org/remote.php/dav/files/a/").unwrap();
        let e = error_from_parts(
            StatusCode::SERVICE_UNAVAILABLE,
            &url,
            &HeaderMap::new(),
            body,
        );
        assert_eq!(e.kind(), ErrorKind::Auth);
        let e = error_from_parts(StatusCode::SERVICE_UNAVAILABLE, &url, &HeaderMap::new(), "");
        assert_eq!(e.kind(), ErrorKind::ServerError);
    }

    #[test]
    fn secret_is_never_printed() {
        let c = Credentials {
            login: "alice".into(),
            secret: Secret::new("hunter2-app-password"),
        };
        let shown = format!("{c:?} {}", c.secret);
        assert!(!shown.contains("hunter2"), "{shown}");
        let client = Client::builder("https://cloud.example.org")
            .credentials("alice", "hunter2-app-password")
            .build()
            .unwrap();
        let shown = format!("{client:?}");
        assert!(!shown.contains("hunter2"), "{shown}");
        assert!(shown.contains("alice"));
    }

    #[test]
    fn messages_are_extracted() {
        let xml = "<?xml version=\"1.0\"?>\n<ocs>\n <meta>\n  <status>failure</status>\n  \
                   <statuscode>997</statuscode>\n  <message>Unauthorised</message>\n </meta>\n</ocs>";
        assert_eq!(extract_message(xml).as_deref(), Some("Unauthorised"));
        let json = r#"{"message":"CSRF check failed"}"#;
        assert_eq!(extract_message(json).as_deref(), Some("CSRF check failed"));
        let sabre = "<d:error xmlns:d=\"DAV:\" xmlns:s=\"http://sabredav.org/ns\">\
                     <s:message>Insufficient space in /a, 2 required, 0 available</s:message></d:error>";
        assert!(
            extract_message(sabre)
                .unwrap()
                .starts_with("Insufficient space")
        );
    }

    #[test]
    fn retry_after_parses_seconds() {
        let mut h = HeaderMap::new();
        h.insert("retry-after", HeaderValue::from_static("7"));
        assert_eq!(retry_after(&h), Some(Duration::from_secs(7)));
    }

    #[test]
    fn backoff_is_capped() {
        let p = RetryPolicy {
            max_retries: 10,
            base_delay: Duration::from_millis(100),
            max_delay: Duration::from_millis(350),
            max_wait: Duration::from_secs(1),
        };
        assert_eq!(p.backoff(0), Duration::from_millis(100));
        assert_eq!(p.backoff(1), Duration::from_millis(200));
        assert_eq!(p.backoff(5), Duration::from_millis(350));
        let wait = |n, after: Option<u64>| p.delay(n, after.map(Duration::from_millis));
        assert_eq!(wait(0, None), Some(Duration::from_millis(100)));
        assert_eq!(wait(0, Some(200)), Some(Duration::from_millis(200)));
        assert_eq!(wait(0, Some(900)), Some(Duration::from_millis(350)));
        assert_eq!(wait(0, Some(1001)), None, "longer than max_wait");
        assert_eq!(wait(10, None), None, "retries used up");
    }
}

//! A loopback HTTP/1.1 fault proxy for tests: forwards each request to a real server (one
//! request per connection: `Connection: close` both ways), or answers it with a fault chosen
//! by rule — a status (500, 502, 503, 507, 423, 429 with `Retry-After`…), a connection reset,
//! a hang (the client's timeout fires), or a response cut after some bytes. A rule applies to
//! requests whose method and path match: "fail `times` times after `after` successes".
//! Runs on the caller's tokio runtime; stops when dropped.

#![allow(dead_code)]

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

/// What the proxy does instead of forwarding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fault {
    /// Answer with this status (and `Retry-After: <secs>` when given), after reading the body.
    Status(u16, Option<u64>),
    /// Reset the connection as soon as the request head arrived.
    Reset,
    /// Say nothing for this long, then close.
    Hang(Duration),
    /// Forward, but reset the connection after this many bytes of the response.
    CutResponse(usize),
}

/// "Fail `times` times after `after` successes" of requests matching `method` and `path`.
#[derive(Debug, Clone)]
pub struct Rule {
    /// HTTP method, or any.
    pub method: Option<String>,
    /// Substring of the (percent-encoded) request path.
    pub path: String,
    /// Matching requests let through first.
    pub after: u32,
    /// Matching requests that then fail.
    pub times: u32,
    /// How they fail.
    pub fault: Fault,
    seen: u32,
}

impl Rule {
    pub fn new(method: Option<&str>, path: &str, after: u32, times: u32, fault: Fault) -> Self {
        Rule {
            method: method.map(str::to_owned),
            path: path.to_owned(),
            after,
            times,
            fault,
            seen: 0,
        }
    }
}

#[derive(Default)]
struct Shared {
    rules: Vec<Rule>,
    /// `(method, path, fault applied)` of every request.
    log: Vec<(String, String, Option<Fault>)>,
}

/// The running proxy.
pub struct FaultProxy {
    addr: SocketAddr,
    shared: Arc<Mutex<Shared>>,
    task: tokio::task::JoinHandle<()>,
}

impl Drop for FaultProxy {
    fn drop(&mut self) {
        self.task.abort();
    }
}

impl FaultProxy {
    /// Starts a proxy on 127.0.0.1:0 in front of `upstream`.
    pub async fn start(upstream: SocketAddr) -> FaultProxy {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let shared = Arc::new(Mutex::new(Shared::default()));
        let s = shared.clone();
        let task = tokio::spawn(async move {
            while let Ok((conn, _)) = listener.accept().await {
                let s = s.clone();
                tokio::spawn(async move {
                    let _ = handle(conn, upstream, s).await;
                });
            }
        });
        FaultProxy { addr, shared, task }
    }

    /// `http://127.0.0.1:<port>`.
    pub fn base(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// Adds a rule (checked in order; the first that fires wins).
    pub fn rule(&self, rule: Rule) {
        self.shared.lock().unwrap().rules.push(rule);
    }

    /// Removes every rule: everything is forwarded.
    pub fn clear(&self) {
        self.shared.lock().unwrap().rules.clear();
    }

    /// Faults applied so far.
    pub fn faults_applied(&self) -> Vec<(String, String, Fault)> {
        self.shared
            .lock()
            .unwrap()
            .log
            .iter()
            .filter_map(|(m, p, f)| f.clone().map(|f| (m.clone(), p.clone(), f)))
            .collect()
    }

    /// Requests seen with this method.
    pub fn count(&self, method: &str) -> usize {
        self.shared
            .lock()
            .unwrap()
            .log
            .iter()
            .filter(|(m, _, _)| m == method)
            .count()
    }
}

fn decide(shared: &Mutex<Shared>, method: &str, path: &str) -> Option<Fault> {
    let mut s = shared.lock().unwrap();
    let mut chosen = None;
    // Rules are tried in order; a request taken by an earlier rule is not counted by later
    // ones, so a specific rule listed first (one file) never shifts a general one's count.
    for rule in &mut s.rules {
        if chosen.is_some()
            || rule.method.as_deref().is_some_and(|m| m != method)
            || !path.contains(&rule.path)
        {
            continue;
        }
        let n = rule.seen;
        rule.seen += 1;
        if chosen.is_none() && n >= rule.after && n < rule.after + rule.times {
            chosen = Some(rule.fault.clone());
        }
    }
    s.log
        .push((method.to_owned(), path.to_owned(), chosen.clone()));
    chosen
}

/// Reads until the end of an HTTP head; returns (head, bytes read after it).
async fn read_head(conn: &mut TcpStream) -> std::io::Result<Option<(String, Vec<u8>)>> {
    let mut buf = Vec::with_capacity(4096);
    let mut chunk = [0u8; 8192];
    loop {
        if let Some(end) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
            let head = String::from_utf8_lossy(&buf[..end + 4]).into_owned();
            return Ok(Some((head, buf[end + 4..].to_vec())));
        }
        let n = conn.read(&mut chunk).await?;
        if n == 0 {
            return Ok(None);
        }
        buf.extend_from_slice(&chunk[..n]);
        if buf.len() > 256 * 1024 {
            return Err(std::io::Error::other("head too long"));
        }
    }
}

fn header<'a>(head: &'a str, name: &str) -> Option<&'a str> {
    head.lines().skip(1).find_map(|l| {
        let (k, v) = l.split_once(':')?;
        k.trim().eq_ignore_ascii_case(name).then(|| v.trim())
    })
}

/// The head with `Connection: close` instead of any connection header.
fn closing(head: &str) -> String {
    let mut out = String::new();
    for line in head.split("\r\n").filter(|l| !l.is_empty()) {
        let is_conn = line
            .split_once(':')
            .is_some_and(|(k, _)| k.trim().eq_ignore_ascii_case("connection"));
        if !is_conn {
            out.push_str(line);
            out.push_str("\r\n");
        }
    }
    out.push_str("Connection: close\r\n\r\n");
    out
}

/// Reads (and drops) the request body, so the client sees our answer rather than a broken pipe.
async fn drain_body(conn: &mut TcpStream, head: &str, already: Vec<u8>) -> std::io::Result<()> {
    if let Some(len) = header(head, "content-length").and_then(|v| v.parse::<u64>().ok()) {
        let mut left = len.saturating_sub(already.len() as u64);
        let mut chunk = [0u8; 65536];
        while left > 0 {
            let n = conn.read(&mut chunk).await?;
            if n == 0 {
                break;
            }
            left = left.saturating_sub(n as u64);
        }
        return Ok(());
    }
    if header(head, "transfer-encoding").is_some_and(|v| v.eq_ignore_ascii_case("chunked")) {
        let mut buf = already;
        let mut chunk = [0u8; 65536];
        loop {
            // Done when the terminating zero-size chunk and its CRLF arrived.
            if buf.windows(5).any(|w| w == b"0\r\n\r\n") {
                return Ok(());
            }
            let n = conn.read(&mut chunk).await?;
            if n == 0 {
                return Ok(());
            }
            buf.extend_from_slice(&chunk[..n]);
            if buf.len() > 1024 * 1024 {
                buf.drain(..buf.len() - 16);
            }
        }
    }
    Ok(())
}

fn reason(status: u16) -> &'static str {
    match status {
        423 => "Locked",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        507 => "Insufficient Storage",
        _ => "Error",
    }
}

async fn handle(
    mut client: TcpStream,
    upstream: SocketAddr,
    shared: Arc<Mutex<Shared>>,
) -> std::io::Result<()> {
    let Some((head, rest)) = read_head(&mut client).await? else {
        return Ok(());
    };
    let mut first = head.lines().next().unwrap_or_default().split(' ');
    let method = first.next().unwrap_or_default().to_owned();
    let path = first.next().unwrap_or_default().to_owned();
    let fault = decide(&shared, &method, &path);
    match fault {
        Some(Fault::Status(status, retry_after)) => {
            drain_body(&mut client, &head, rest).await?;
            let mut resp = format!(
                "HTTP/1.1 {status} {}\r\nContent-Length: 0\r\nConnection: close\r\n",
                reason(status)
            );
            if let Some(secs) = retry_after {
                resp.push_str(&format!("Retry-After: {secs}\r\n"));
            }
            resp.push_str("\r\n");
            client.write_all(resp.as_bytes()).await?;
            client.shutdown().await?;
            Ok(())
        }
        Some(Fault::Reset) => {
            client.set_zero_linger()?;
            drop(client);
            Ok(())
        }
        Some(Fault::Hang(d)) => {
            tokio::time::sleep(d).await;
            Ok(())
        }
        other => {
            let cut = match other {
                Some(Fault::CutResponse(n)) => Some(n),
                _ => None,
            };
            forward(client, upstream, &head, rest, cut).await
        }
    }
}

async fn forward(
    client: TcpStream,
    upstream: SocketAddr,
    head: &str,
    rest: Vec<u8>,
    cut: Option<usize>,
) -> std::io::Result<()> {
    let mut server = TcpStream::connect(upstream).await?;
    server.write_all(closing(head).as_bytes()).await?;
    server.write_all(&rest).await?;
    let (mut client_read, mut client_write) = client.into_split();
    let (mut server_read, mut server_write) = server.into_split();
    // Request body: client → server, until the client is done.
    let upload = tokio::spawn(async move {
        let _ = tokio::io::copy(&mut client_read, &mut server_write).await;
        client_read
    });
    // Response: its head rewritten with `Connection: close`, then the body as it comes.
    let mut buf = Vec::new();
    let mut chunk = [0u8; 65536];
    let (resp_head, body_start) = loop {
        let n = server_read.read(&mut chunk).await?;
        if n == 0 {
            upload.abort();
            return Ok(());
        }
        buf.extend_from_slice(&chunk[..n]);
        if let Some(end) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
            let h = String::from_utf8_lossy(&buf[..end + 4]).into_owned();
            break (h, buf[end + 4..].to_vec());
        }
    };
    client_write
        .write_all(closing(&resp_head).as_bytes())
        .await?;
    let mut sent = 0usize;
    let mut pending = body_start;
    loop {
        if let Some(limit) = cut
            && sent + pending.len() >= limit
        {
            let keep = limit.saturating_sub(sent);
            client_write.write_all(&pending[..keep]).await?;
            client_write.flush().await?;
            upload.abort();
            // Reset the connection mid-body.
            if let Ok(client_read) = upload.await {
                let stream = client_read.reunite(client_write).ok();
                if let Some(s) = stream {
                    let _ = s.set_zero_linger();
                }
            }
            return Ok(());
        }
        client_write.write_all(&pending).await?;
        sent += pending.len();
        let n = server_read.read(&mut chunk).await?;
        if n == 0 {
            break;
        }
        pending = chunk[..n].to_vec();
    }
    client_write.shutdown().await?;
    upload.abort();
    Ok(())
}

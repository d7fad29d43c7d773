//! Real servers as child processes on 127.0.0.1: a free port, a bounded wait until the port
//! answers (no fixed sleeps), and a guard that kills the process it started. Shared (through
//! `#[path]`) by the test binaries of several crates; each uses a part of it.
#![allow(dead_code)]

use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// A started server, killed (by its own pid) when dropped.
pub struct ServerProcess {
    child: Child,
    name: &'static str,
}

impl Drop for ServerProcess {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A port that was free a moment ago.
pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// Fail (never skip) when a binary needed by the tests is missing: CI must install it.
pub fn require_binary(binary: &str, debian_package: &str) {
    let found = std::env::var_os("PATH")
        .map(|paths| std::env::split_paths(&paths).any(|dir| dir.join(binary).is_file()))
        .unwrap_or(false)
        || Path::new(binary).is_file();
    assert!(
        found,
        "`{binary}` is required by these tests but was not found in PATH; \
         install it with `apt-get install {debian_package}`"
    );
}

/// Start `command` and wait (bounded) until 127.0.0.1:`port` accepts connections.
pub fn start(name: &'static str, mut command: Command, port: u16) -> ServerProcess {
    // Log to a file: a pipe nobody reads would block a chatty server.
    let log_path = std::env::temp_dir().join(format!("passerelle-test-{name}-{port}.log"));
    let log = std::fs::File::create(&log_path).unwrap();
    command
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::from(log));
    let child = command
        .spawn()
        .unwrap_or_else(|e| panic!("cannot start {name}: {e}"));
    let mut server = ServerProcess { child, name };
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        if TcpStream::connect(("127.0.0.1", port)).is_ok() {
            return server;
        }
        if let Ok(Some(status)) = server.child.try_wait() {
            let err = std::fs::read_to_string(&log_path).unwrap_or_default();
            panic!("{name} exited early ({status}): {err}");
        }
        assert!(
            Instant::now() < deadline,
            "{} did not open port {port} within 20 s",
            server.name
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// A real server started for a test, with its temporary folder.
pub struct RealServer {
    _process: ServerProcess,
    /// The temporary folder (configuration, and the data under `data/` for rclone).
    pub dir: tempfile::TempDir,
    /// Its base URL.
    pub base: String,
}

impl RealServer {
    /// What rclone serves, on disk.
    pub fn data(&self) -> PathBuf {
        self.dir.path().join("data")
    }
}

/// `rclone serve webdav` (Debian package `rclone`) of an empty folder; base ends with `/`.
/// Listings read the disk each time, so what a test changes there shows at once.
pub fn rclone_webdav() -> RealServer {
    require_binary("rclone", "rclone");
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    std::fs::create_dir(&data).unwrap();
    let port = free_port();
    let mut cmd = Command::new("rclone");
    cmd.args(["serve", "webdav"])
        .arg(&data)
        .arg("--addr")
        .arg(format!("127.0.0.1:{port}"))
        .args(["--dir-cache-time", "1ms"])
        .arg("--config")
        .arg(dir.path().join("rclone.conf"));
    RealServer {
        _process: start("rclone", cmd, port),
        dir,
        base: format!("http://127.0.0.1:{port}/"),
    }
}

/// Radicale (Debian package `radicale`), CalDAV and CardDAV, any user without password.
pub fn radicale() -> RealServer {
    let dir = tempfile::tempdir().unwrap();
    let (process, port) = radicale_in(&dir.path().join("collections"));
    RealServer {
        _process: process,
        dir,
        base: format!("http://127.0.0.1:{port}"),
    }
}

/// Radicale storing its collections in `storage`; its config file sits next to it.
fn radicale_in(storage: &Path) -> (ServerProcess, u16) {
    require_binary("radicale", "radicale");
    let port = free_port();
    let config = storage.with_extension("conf");
    std::fs::write(
        &config,
        format!(
            "[server]\nhosts = 127.0.0.1:{port}\n\n[auth]\ntype = none\n\n\
             [storage]\nfilesystem_folder = {}\n\n[logging]\nlevel = warning\n",
            storage.display()
        ),
    )
    .unwrap();
    let mut cmd = Command::new("radicale");
    cmd.arg("--config").arg(&config);
    (start("radicale", cmd, port), port)
}

/// Two members' servers for hand-over tests: `rclone serve webdav` of `files/` (with `alice/`
/// and `bob/` below it) and Radicale (any user, no auth).
pub struct MemberServers {
    _rclone: ServerProcess,
    _radicale: ServerProcess,
    /// The temporary folder holding `files/` and Radicale's storage.
    pub dir: tempfile::TempDir,
    /// rclone's port.
    pub files_port: u16,
    /// Radicale's port.
    pub dav_port: u16,
    /// rclone's base URL (no trailing slash).
    pub files: String,
    /// Radicale's base URL.
    pub dav: String,
}

impl MemberServers {
    /// Alice's files, on disk.
    pub fn alice_dir(&self) -> PathBuf {
        self.dir.path().join("files/alice")
    }

    /// Bob's files, on disk.
    pub fn bob_dir(&self) -> PathBuf {
        self.dir.path().join("files/bob")
    }
}

/// Starts [`MemberServers`]; `populate` writes alice's tree first (rclone's directory cache
/// would not see later disk writes).
pub fn member_servers(populate: impl FnOnce(&Path)) -> MemberServers {
    require_binary("rclone", "rclone");
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("files");
    std::fs::create_dir_all(root.join("alice")).unwrap();
    std::fs::create_dir_all(root.join("bob")).unwrap();
    populate(&root.join("alice"));
    let files_port = free_port();
    let mut cmd = Command::new("rclone");
    cmd.args(["serve", "webdav"])
        .arg(&root)
        .arg("--addr")
        .arg(format!("127.0.0.1:{files_port}"))
        .arg("--config")
        .arg(dir.path().join("rclone.conf"));
    let rclone = start("rclone", cmd, files_port);
    let radicale = radicale_in(&dir.path().join("radicale"));
    MemberServers {
        _rclone: rclone,
        _radicale: radicale.0,
        dav_port: radicale.1,
        files_port,
        files: format!("http://127.0.0.1:{files_port}"),
        dav: format!("http://127.0.0.1:{}", radicale.1),
        dir,
    }
}

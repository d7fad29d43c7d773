//! Real servers as child processes on 127.0.0.1: a free port, a bounded wait until the port
//! answers (no fixed sleeps), and a guard that kills the process it started.

use std::net::{TcpListener, TcpStream};
use std::path::Path;
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

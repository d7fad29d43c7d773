//! A real Secret Service for tests: a private D-Bus session bus and a gnome-keyring-daemon on it,
//! with its files in a temporary folder, stopped when the test ends.
//!
//! libdbus reads `DBUS_SESSION_BUS_ADDRESS` once per process (and setting it is `unsafe` in
//! edition 2024), so [`run`] starts the services, then runs the same `#[test]` again in a child
//! process of this test binary whose environment points at them. Each test has its own bus and
//! keyring: the tests stay independent and may run in parallel.

use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// Names the child process's test; its presence means "this process is the child".
const CHILD_VAR: &str = "PASSERELLE_TEST_SECRET_SERVICE_CHILD";
/// The temporary folder of the services, for the child's checks.
const ROOT_VAR: &str = "PASSERELLE_TEST_SECRET_SERVICE_ROOT";
/// The password of the login keyring the harness creates.
const LOGIN_PASSWORD: &str = "login-keyring-password";
const SECRETS_NAME: &str = "org.freedesktop.secrets";
const LOGIN_COLLECTION: &str = "/org/freedesktop/secrets/collection/login";

/// What the session bus of a test offers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bus {
    /// gnome-keyring with an unlocked login keyring as the default collection.
    Keyring,
    /// gnome-keyring whose login keyring has been locked.
    LockedKeyring,
    /// gnome-keyring never unlocked: no login keyring, so no default collection.
    KeyringWithoutDefault,
    /// A bus on which nothing provides the Secret Service (and nothing can be activated).
    NoSecretService,
    /// An address where no bus listens.
    Unreachable,
}

/// The services of a test as its body (in the child process) sees them.
#[derive(Debug)]
pub struct Env {
    root: PathBuf,
}

impl Env {
    /// The folder that holds the keyring's files (`$XDG_DATA_HOME/keyrings`).
    pub fn keyrings_dir(&self) -> PathBuf {
        self.root.join("data/keyrings")
    }

    /// Every file under the services' folder whose bytes contain `needle`.
    pub fn files_containing(&self, needle: &[u8]) -> Vec<PathBuf> {
        let mut found = Vec::new();
        let mut folders = vec![self.root.clone()];
        while let Some(folder) = folders.pop() {
            for entry in std::fs::read_dir(&folder).unwrap() {
                let entry = entry.unwrap();
                let kind = entry.file_type().unwrap();
                if kind.is_dir() {
                    folders.push(entry.path());
                } else if kind.is_file() {
                    let bytes = std::fs::read(entry.path()).unwrap();
                    if bytes.windows(needle.len()).any(|w| w == needle) {
                        found.push(entry.path());
                    }
                }
            }
        }
        found
    }

    /// The secret `secret-tool` (another Secret Service client) finds for this entry.
    pub fn lookup(&self, service: &str, username: &str) -> Option<String> {
        let out = command("secret-tool")
            .args(["lookup", "service", service, "username", username])
            .output()
            .unwrap();
        // secret-tool exits 1 with no output when nothing matches.
        out.status
            .success()
            .then(|| String::from_utf8(out.stdout).unwrap())
    }

    /// The `username` attributes of every item of `service`, as `secret-tool` lists them.
    pub fn usernames(&self, service: &str) -> Vec<String> {
        let out = command("secret-tool")
            .args(["search", "--all", "service", service])
            .output()
            .unwrap();
        // Attributes go to stderr, one `attribute.name = value` line each.
        let mut names: Vec<String> = String::from_utf8(out.stderr)
            .unwrap()
            .lines()
            .filter_map(|line| line.strip_prefix("attribute.username = "))
            .map(str::to_owned)
            .collect();
        names.sort();
        names
    }
}

/// Runs `body` with a session bus offering `bus`. `test` is the calling `#[test]` function
/// itself: its name is how the child process runs exactly that test.
pub fn run<T: Fn()>(test: T, bus: Bus, body: impl FnOnce(&Env)) {
    let name = test_name(&test);
    if let Ok(child_of) = std::env::var(CHILD_VAR) {
        assert_eq!(child_of, name, "the child process ran another test");
        let root = PathBuf::from(std::env::var_os(ROOT_VAR).unwrap());
        return body(&Env { root });
    }
    let services = Services::start(bus);
    services.run_child(&name);
}

/// `tests::secrets::round_trip` → `secrets::round_trip`, the name libtest knows it by.
fn test_name<T>(_: &T) -> String {
    let full = std::any::type_name::<T>();
    full.split_once("::").unwrap().1.to_owned()
}

/// The bus and keyring daemons of one test, killed on drop.
struct Services {
    root: tempfile::TempDir,
    address: String,
    daemons: Vec<Child>,
}

impl Services {
    fn start(bus: Bus) -> Self {
        let root = tempfile::tempdir().unwrap();
        for dir in ["home", "data", "config", "cache", "runtime"] {
            std::fs::create_dir(root.path().join(dir)).unwrap();
        }
        let mut services = Self {
            address: String::new(),
            root,
            daemons: Vec::new(),
        };
        if bus == Bus::Unreachable {
            let nowhere = services.root.path().join("no-bus-here");
            services.address = format!("unix:path={}", nowhere.display());
            return services;
        }
        services.start_bus();
        if bus == Bus::NoSecretService {
            return services;
        }
        services.start_keyring(bus != Bus::KeyringWithoutDefault);
        let default = services.read_alias("default");
        match bus {
            Bus::KeyringWithoutDefault => assert_eq!(default, "/", "a default collection exists"),
            _ => assert_eq!(default, LOGIN_COLLECTION, "--unlock made no login keyring"),
        }
        if bus == Bus::LockedKeyring {
            services.lock_login();
        }
        services
    }

    /// `dbus-daemon` with a configuration that lists no service folder, so that nothing (the
    /// system's gnome-keyring in particular) is started by D-Bus activation.
    fn start_bus(&mut self) {
        let socket = self.root.path().join("bus");
        let config = self.root.path().join("bus.conf");
        std::fs::write(
            &config,
            format!(
                r#"<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:path={}</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
"#,
                socket.display()
            ),
        )
        .unwrap();
        let mut daemon = command("dbus-daemon")
            .arg(format!("--config-file={}", config.display()))
            .args(["--nofork", "--print-address=1"])
            .stdout(Stdio::piped())
            .stderr(self.log("bus.log"))
            .spawn()
            .unwrap();
        // The address is printed once the bus listens, or stdout closes if it failed.
        let mut address = String::new();
        BufReader::new(daemon.stdout.take().unwrap())
            .read_line(&mut address)
            .unwrap();
        self.daemons.push(daemon);
        assert!(!address.trim().is_empty(), "dbus-daemon did not start");
        self.address = address.trim().to_owned();
    }

    /// `gnome-keyring-daemon` with only its Secret Service, its files under the temporary
    /// folder. With `unlock`, the password on stdin creates and unlocks the login keyring,
    /// which becomes the default collection; without, there is no default collection.
    fn start_keyring(&mut self, unlock: bool) {
        let root = self.root.path();
        let mut cmd = command("gnome-keyring-daemon");
        cmd.env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .env("LANG", "C.UTF-8")
            .env("HOME", root.join("home"))
            .env("XDG_DATA_HOME", root.join("data"))
            .env("XDG_CONFIG_HOME", root.join("config"))
            .env("XDG_CACHE_HOME", root.join("cache"))
            .env("XDG_RUNTIME_DIR", root.join("runtime"))
            .env("DBUS_SESSION_BUS_ADDRESS", &self.address)
            .args(["--foreground", "--components=secrets"])
            .stdout(self.log("keyring.log"))
            .stderr(self.log("keyring.log"));
        if unlock {
            cmd.arg("--unlock").stdin(Stdio::piped());
        } else {
            cmd.stdin(Stdio::null());
        }
        let mut daemon = cmd.spawn().unwrap();
        if unlock {
            // It reads the password up to end of file: write it, then close stdin.
            let mut stdin = daemon.stdin.take().unwrap();
            stdin.write_all(LOGIN_PASSWORD.as_bytes()).unwrap();
        }
        self.daemons.push(daemon);
        self.wait_for_name(SECRETS_NAME);
    }

    /// Appends a daemon's output to a log in the temporary folder, out of the test's output.
    fn log(&self, name: &str) -> std::fs::File {
        std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(self.root.path().join(name))
            .unwrap()
    }

    fn wait_for_name(&mut self, name: &str) {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            let reply = self.dbus_send(&[
                "--dest=org.freedesktop.DBus",
                "/org/freedesktop/DBus",
                "org.freedesktop.DBus.NameHasOwner",
                &format!("string:{name}"),
            ]);
            if reply.contains("boolean true") {
                return;
            }
            if let Some(status) = self.daemons.last_mut().unwrap().try_wait().unwrap() {
                panic!("gnome-keyring-daemon exited ({status}) before owning {name}");
            }
            assert!(
                Instant::now() < deadline,
                "{name} did not appear on the bus"
            );
            std::thread::sleep(Duration::from_millis(10));
        }
    }

    /// The collection an alias points at, `/` for none.
    fn read_alias(&self, alias: &str) -> String {
        let reply = self.dbus_send(&[
            &format!("--dest={SECRETS_NAME}"),
            "/org/freedesktop/secrets",
            "org.freedesktop.Secret.Service.ReadAlias",
            &format!("string:{alias}"),
        ]);
        let path = reply.split("object path \"").nth(1).expect(&reply);
        path.split('"').next().unwrap().to_owned()
    }

    /// Locks the login keyring (gnome-keyring locks without a prompt) and checks it is locked.
    fn lock_login(&self) {
        self.dbus_send(&[
            &format!("--dest={SECRETS_NAME}"),
            "/org/freedesktop/secrets",
            "org.freedesktop.Secret.Service.Lock",
            &format!("array:objpath:{LOGIN_COLLECTION}"),
        ]);
        let locked = self.dbus_send(&[
            &format!("--dest={SECRETS_NAME}"),
            LOGIN_COLLECTION,
            "org.freedesktop.DBus.Properties.Get",
            "string:org.freedesktop.Secret.Collection",
            "string:Locked",
        ]);
        assert!(locked.contains("boolean true"), "not locked: {locked}");
    }

    fn dbus_send(&self, args: &[&str]) -> String {
        let out = command("dbus-send")
            .env("DBUS_SESSION_BUS_ADDRESS", &self.address)
            .args(["--session", "--print-reply"])
            .args(args)
            .output()
            .unwrap();
        String::from_utf8(out.stdout).unwrap()
    }

    /// Runs test `name` in a child process of this binary, on this bus, and fails with its
    /// output if it fails.
    fn run_child(&self, name: &str) {
        let stdout_path = self.root.path().join("child.out");
        let stderr_path = self.root.path().join("child.err");
        let mut child = Command::new(std::env::current_exe().unwrap())
            .args([name, "--exact", "--nocapture", "--test-threads=1"])
            .env(CHILD_VAR, name)
            .env(ROOT_VAR, self.root.path())
            .env("DBUS_SESSION_BUS_ADDRESS", &self.address)
            // No X11 autolaunch of another bus, no graphical prompt.
            .env_remove("DISPLAY")
            .env_remove("WAYLAND_DISPLAY")
            .stdin(Stdio::null())
            .stdout(std::fs::File::create(&stdout_path).unwrap())
            .stderr(std::fs::File::create(&stderr_path).unwrap())
            .spawn()
            .unwrap();
        let deadline = Instant::now() + Duration::from_secs(60);
        let status = loop {
            if let Some(status) = child.try_wait().unwrap() {
                break Some(status);
            }
            if Instant::now() > deadline {
                child.kill().unwrap();
                child.wait().unwrap();
                break None;
            }
            std::thread::sleep(Duration::from_millis(10));
        };
        let stdout = std::fs::read_to_string(&stdout_path).unwrap();
        let stderr = std::fs::read_to_string(&stderr_path).unwrap();
        let report = format!("--- child stdout\n{stdout}\n--- child stderr\n{stderr}");
        match status {
            None => panic!("the child test {name} took more than 60 s\n{report}"),
            Some(status) if !status.success() => {
                panic!("the child test {name} failed ({status})\n{report}")
            }
            // An exact filter that matches nothing passes too: make sure the test ran.
            Some(_) => assert!(stdout.contains("1 passed"), "{name} did not run\n{report}"),
        }
    }
}

impl Drop for Services {
    fn drop(&mut self) {
        // The keyring first, then the bus it is on.
        for daemon in self.daemons.iter_mut().rev() {
            let _ = daemon.kill();
            let _ = daemon.wait();
        }
    }
}

/// A command for a program the harness needs, or a clear failure naming its Debian package.
fn command(program: &str) -> Command {
    let package = match program {
        "dbus-daemon" => "dbus-daemon",
        "dbus-send" => "dbus-bin",
        "gnome-keyring-daemon" => "gnome-keyring",
        "secret-tool" => "libsecret-tools",
        _ => unreachable!("unknown program {program}"),
    };
    let found = std::env::var_os("PATH")
        .map(|path| std::env::split_paths(&path).any(|dir| is_program(&dir.join(program))))
        .unwrap_or(false);
    assert!(
        found,
        "`{program}` is missing: install the Debian package {package} (apt-get install {package})"
    );
    Command::new(program)
}

fn is_program(path: &Path) -> bool {
    path.metadata().is_ok_and(|m| m.is_file())
}

//! Signed updates end to end, through the real IPC commands and the real tauri-plugin-updater,
//! against a loopback update server started by each test (127.0.0.1:0, stopped at its end) and a
//! minisign key pair generated for the test (never committed), as `tauri signer` makes them.
//!
//! What "installed" means here: this test binary is not a bundle, so the updater takes its
//! AppImage route on Linux — it replaces the file it is told is the running app with the signed
//! download, keeping its permissions. Each test points that path (`Updates::set_install_path`,
//! the same field as the updater's `APPIMAGE` path) at a temporary copy of `/bin/false` standing
//! for the installed Passerelle; the new version offered is a copy of `/bin/true`. "Installed"
//! is then checked for real: the file's bytes are the signed file's and running it exits 0.
//! "The installed app keeps working" after a refusal: the file is byte-for-byte the old one,
//! still runs (exit 1, as before), and the app still answers its commands.
//! The `.deb` route (pkexec + dpkg) needs a desktop session's password prompt and is not run here;
//! `tests/deb/install-test` installs and removes the real `.deb` instead.

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;

use base64::Engine;
use passerelle_core::DataPaths;
use passerelle_lib::{AppState, Updates, updater_plugin, with_app};
use serde_json::{Value, json};
use tauri::Manager;
use tauri::ipc::{CallbackFn, InvokeBody};
use tauri::test::{
    INVOKE_KEY, MockRuntime, get_ipc_response, mock_builder, mock_context, noop_assets,
};
use tauri::webview::InvokeRequest;

const INSTALLED_VERSION: &str = "0.1.0";

/// A minisign key pair in the form Tauri uses: the public key as base64 of the `.pub` file.
struct Keys {
    pair: minisign::KeyPair,
}

impl Keys {
    fn generate() -> Self {
        Self {
            pair: minisign::KeyPair::generate_unencrypted_keypair().unwrap(),
        }
    }

    fn tauri_pubkey(&self) -> String {
        let text = self.pair.pk.to_box().unwrap().into_string();
        base64::engine::general_purpose::STANDARD.encode(text)
    }

    /// The `signature` field of a manifest: base64 of the `.sig` file, with the trusted comment
    /// `tauri signer sign` writes.
    fn sign(&self, data: &[u8]) -> String {
        let sig = minisign::sign(
            Some(&self.pair.pk),
            &self.pair.sk,
            std::io::Cursor::new(data),
            Some("timestamp:1795251040\tfile:Passerelle.AppImage"),
            Some("signature from tauri secret key"),
        )
        .unwrap();
        base64::engine::general_purpose::STANDARD.encode(sig.into_string())
    }
}

/// A tiny HTTP/1.1 file server on 127.0.0.1:0 serving in-memory files; stopped on drop.
struct UpdateServer {
    addr: SocketAddr,
    files: Arc<Mutex<HashMap<String, Vec<u8>>>>,
    requests: Arc<AtomicUsize>,
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
}

impl UpdateServer {
    fn start() -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = listener.local_addr().unwrap();
        let files: Arc<Mutex<HashMap<String, Vec<u8>>>> = Arc::default();
        let requests = Arc::new(AtomicUsize::new(0));
        let stop = Arc::new(AtomicBool::new(false));
        let (f, r, s) = (files.clone(), requests.clone(), stop.clone());
        let thread = std::thread::spawn(move || {
            for stream in listener.incoming() {
                if s.load(Ordering::SeqCst) {
                    break;
                }
                if let Ok(stream) = stream {
                    r.fetch_add(1, Ordering::SeqCst);
                    serve(stream, &f);
                }
            }
        });
        Self {
            addr,
            files,
            requests,
            stop,
            thread: Some(thread),
        }
    }

    fn url(&self, path: &str) -> String {
        format!("http://{}/{path}", self.addr)
    }

    fn put(&self, path: &str, body: impl Into<Vec<u8>>) {
        self.files
            .lock()
            .unwrap()
            .insert(format!("/{path}"), body.into());
    }

    fn requests(&self) -> usize {
        self.requests.load(Ordering::SeqCst)
    }
}

impl Drop for UpdateServer {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        // Wake the accept loop so it sees the flag.
        let _ = TcpStream::connect(self.addr);
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

fn serve(stream: TcpStream, files: &Mutex<HashMap<String, Vec<u8>>>) {
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    let mut request_line = String::new();
    if reader.read_line(&mut request_line).is_err() {
        return;
    }
    loop {
        let mut header = String::new();
        if reader.read_line(&mut header).unwrap_or(0) == 0 || header == "\r\n" {
            break;
        }
    }
    let path = request_line.split_whitespace().nth(1).unwrap_or("/");
    let body = files.lock().unwrap().get(path).cloned();
    let mut stream = stream;
    let (status, body) = match body {
        Some(b) => ("200 OK", b),
        None => ("404 Not Found", b"not found".to_vec()),
    };
    let head = format!(
        "HTTP/1.1 {status}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    );
    let _ = stream.write_all(head.as_bytes());
    let _ = stream.write_all(&body);
}

/// The app as the tests drive it: mock runtime, the updater plugin configured with `pubkey`
/// (plain http allowed, as only a test build does), and its "installed" file.
struct TestApp {
    _dir: tempfile::TempDir,
    window: tauri::WebviewWindow<MockRuntime>,
    installed: PathBuf,
}

const OLD_APP: &str = "/bin/false";
const NEW_APP: &str = "/bin/true";

impl TestApp {
    fn new(pubkey: &str) -> Self {
        let dir = tempfile::tempdir().unwrap();
        let mut ctx = mock_context(noop_assets());
        ctx.config_mut().plugins.0.insert(
            "updater".into(),
            json!({ "pubkey": pubkey, "dangerousInsecureTransportProtocol": true }),
        );
        ctx.package_info_mut().version = INSTALLED_VERSION.parse().unwrap();
        let app = with_app(
            mock_builder(),
            AppState::at(DataPaths::at(dir.path().join("data"))),
        )
        .plugin(updater_plugin())
        .build(ctx)
        .unwrap();
        let installed = dir.path().join("Passerelle.AppImage");
        std::fs::copy(OLD_APP, &installed).unwrap();
        app.state::<Updates>().set_install_path(installed.clone());
        let window = tauri::WebviewWindowBuilder::new(&app, "main", Default::default())
            .build()
            .unwrap();
        Self {
            _dir: dir,
            window,
            installed,
        }
    }

    fn call(&self, cmd: &str, args: Value) -> Result<Value, Value> {
        let request = InvokeRequest {
            cmd: cmd.into(),
            callback: CallbackFn(0),
            error: CallbackFn(1),
            url: "tauri://localhost".parse().unwrap(),
            body: InvokeBody::Json(args),
            headers: Default::default(),
            invoke_key: INVOKE_KEY.to_string(),
        };
        get_ipc_response(&self.window, request).map(|b| b.deserialize::<Value>().unwrap())
    }

    fn use_mirror(&self, url: &str) {
        let status = self
            .call("updates_set_mirror", json!({ "mirror": url }))
            .unwrap();
        assert_eq!(status["source"], "setting");
    }

    fn download(&self) -> Result<Value, Value> {
        self.call("update_download", json!({ "onEvent": "__CHANNEL__:7" }))
    }

    /// The installed file is still the old app, unchanged, and runs as before.
    fn assert_old_app_kept(&self) {
        assert_eq!(
            std::fs::read(&self.installed).unwrap(),
            std::fs::read(OLD_APP).unwrap(),
            "the installed app was changed"
        );
        assert_eq!(run(&self.installed), Some(1));
        // The app itself still answers.
        self.call("app_bootstrap", json!({})).unwrap();
    }
}

fn run(path: &Path) -> Option<i32> {
    std::process::Command::new(path).status().unwrap().code()
}

fn platform() -> String {
    tauri_plugin_updater::target().unwrap()
}

fn manifest(version: &str, platforms: Value) -> Vec<u8> {
    serde_json::to_vec(&json!({
        "version": version,
        "notes": "Fixes and a new tour",
        "notes_i18n": { "fr": "Corrections et un nouveau parcours" },
        "pub_date": "2026-11-20T12:00:00Z",
        "platforms": platforms,
    }))
    .unwrap()
}

/// A server offering `version`, whose file is `/bin/true` signed with `signer`.
fn offer(server: &UpdateServer, signer: &Keys, version: &str) -> Vec<u8> {
    let file = std::fs::read(NEW_APP).unwrap();
    server.put("Passerelle.AppImage", file.clone());
    let platforms = json!({
        platform(): { "url": server.url("Passerelle.AppImage"), "signature": signer.sign(&file) }
    });
    server.put("latest.json", manifest(version, platforms));
    file
}

#[test]
fn a_newer_signed_version_is_offered_then_installed_on_click() {
    let keys = Keys::generate();
    let server = UpdateServer::start();
    let new_file = offer(&server, &keys, "0.2.0");
    let app = TestApp::new(&keys.tauri_pubkey());
    app.use_mirror(&server.url("latest.json"));

    let check = app.call("update_check", json!({ "lang": "fr" })).unwrap();
    assert_eq!(check["kind"], "available");
    assert_eq!(check["update"]["version"], "0.2.0");
    assert_eq!(check["update"]["currentVersion"], INSTALLED_VERSION);
    assert_eq!(
        check["update"]["notes"],
        "Corrections et un nouveau parcours"
    );
    let status = app.call("updates_status", json!({})).unwrap();
    assert!(status["lastCheck"].is_string());

    app.download().unwrap();
    // Downloaded and verified, but nothing installed before the person's click.
    app.assert_old_app_kept();

    app.call("update_install", json!({})).unwrap();
    assert_eq!(std::fs::read(&app.installed).unwrap(), new_file);
    assert_eq!(run(&app.installed), Some(0), "the installed update runs");
    // Installed once: a second click has nothing left to install.
    let err = app.call("update_install", json!({})).unwrap_err();
    assert_eq!(err["code"], "update-none-pending");
}

#[test]
fn a_tampered_file_is_refused_and_the_app_is_kept() {
    let keys = Keys::generate();
    let server = UpdateServer::start();
    let mut file = offer(&server, &keys, "0.2.0");
    // Altered on the way: one byte changed after signing.
    let last = file.len() - 1;
    file[last] ^= 0xff;
    server.put("Passerelle.AppImage", file);
    let app = TestApp::new(&keys.tauri_pubkey());
    app.use_mirror(&server.url("latest.json"));

    let check = app.call("update_check", json!({ "lang": "en" })).unwrap();
    assert_eq!(check["kind"], "available");
    assert_eq!(check["update"]["notes"], "Fixes and a new tour");
    let err = app.download().unwrap_err();
    assert_eq!(err["code"], "update-signature", "{err}");
    let err = app.call("update_install", json!({})).unwrap_err();
    assert_eq!(err["code"], "update-none-pending");
    app.assert_old_app_kept();
}

#[test]
fn a_file_signed_with_another_key_is_refused() {
    let keys = Keys::generate();
    let intruder = Keys::generate();
    let server = UpdateServer::start();
    offer(&server, &intruder, "0.2.0");
    let app = TestApp::new(&keys.tauri_pubkey());
    app.use_mirror(&server.url("latest.json"));

    app.call("update_check", json!({ "lang": "en" })).unwrap();
    let err = app.download().unwrap_err();
    assert_eq!(err["code"], "update-signature", "{err}");
    app.assert_old_app_kept();
}

#[test]
fn a_manifest_for_another_platform_is_refused() {
    let keys = Keys::generate();
    let server = UpdateServer::start();
    let file = std::fs::read(NEW_APP).unwrap();
    server.put("Passerelle.AppImage", file.clone());
    let entry = json!({ "url": server.url("Passerelle.AppImage"), "signature": keys.sign(&file) });
    let other = if platform().starts_with("darwin") {
        "windows-x86_64"
    } else {
        "darwin-aarch64"
    };
    server.put("latest.json", manifest("0.2.0", json!({ other: entry })));
    let app = TestApp::new(&keys.tauri_pubkey());
    app.use_mirror(&server.url("latest.json"));

    let err = app
        .call("update_check", json!({ "lang": "en" }))
        .unwrap_err();
    assert_eq!(err["code"], "update-no-platform", "{err}");
    // The server answered: no need to ask it again at every start today.
    let status = app.call("updates_status", json!({})).unwrap();
    assert!(status["lastCheck"].is_string());
    let message = err["message"].as_str().unwrap();
    assert!(
        message.contains("0.2.0") && message.contains(&platform()),
        "{message}"
    );
    let err = app.download().unwrap_err();
    assert_eq!(err["code"], "update-none-pending");
    app.assert_old_app_kept();
}

#[test]
fn an_older_version_is_not_offered() {
    let keys = Keys::generate();
    let server = UpdateServer::start();
    offer(&server, &keys, "0.0.9");
    let app = TestApp::new(&keys.tauri_pubkey());
    app.use_mirror(&server.url("latest.json"));

    let check = app.call("update_check", json!({ "lang": "en" })).unwrap();
    assert_eq!(
        check,
        json!({ "kind": "upToDate", "currentVersion": INSTALLED_VERSION, "offered": "0.0.9" })
    );
    let err = app.download().unwrap_err();
    assert_eq!(err["code"], "update-none-pending");
    app.assert_old_app_kept();
}

#[test]
fn offline_is_quiet_at_start_and_said_when_asked() {
    let keys = Keys::generate();
    // A port that was free a moment ago: nothing listens there any more.
    let port = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let app = TestApp::new(&keys.tauri_pubkey());
    app.use_mirror(&format!("http://127.0.0.1:{port}/latest.json"));

    let quiet = app
        .call("update_check_at_start", json!({ "lang": "fr" }))
        .unwrap();
    assert_eq!(quiet, json!({ "kind": "skipped" }));
    let status = app.call("updates_status", json!({})).unwrap();
    assert!(
        status["lastCheck"].is_null(),
        "a failed check is not a check"
    );

    let err = app
        .call("update_check", json!({ "lang": "fr" }))
        .unwrap_err();
    assert_eq!(err["code"], "update-offline", "{err}");
    app.assert_old_app_kept();
}

#[test]
fn the_check_at_start_asks_the_server_at_most_once_a_day() {
    let keys = Keys::generate();
    let server = UpdateServer::start();
    offer(&server, &keys, "0.2.0");
    let app = TestApp::new(&keys.tauri_pubkey());
    app.use_mirror(&server.url("latest.json"));

    let first = app
        .call("update_check_at_start", json!({ "lang": "en" }))
        .unwrap();
    assert_eq!(first["kind"], "available");
    assert_eq!(server.requests(), 1);
    let second = app
        .call("update_check_at_start", json!({ "lang": "en" }))
        .unwrap();
    assert_eq!(second, json!({ "kind": "skipped" }));
    assert_eq!(server.requests(), 1, "the server was asked twice in a day");
    // Asking in Settings always asks.
    app.call("update_check", json!({ "lang": "en" })).unwrap();
    assert_eq!(server.requests(), 2);
}

#[test]
fn an_unusable_mirror_is_refused_with_its_code() {
    let keys = Keys::generate();
    let app = TestApp::new(&keys.tauri_pubkey());
    let err = app
        .call(
            "updates_set_mirror",
            json!({ "mirror": "http://mirror.example.net/latest.json" }),
        )
        .unwrap_err();
    assert_eq!(err["code"], "update-mirror-invalid");
    let status = app
        .call("updates_set_mirror", json!({ "mirror": null }))
        .unwrap();
    assert!(status["mirror"].is_null());
    // No address built into a test build, no mirror: updates are not configured.
    if option_env!("PASSERELLE_UPDATE_ENDPOINT").is_some() {
        return;
    }
    let err = app
        .call("update_check", json!({ "lang": "en" }))
        .unwrap_err();
    assert_eq!(err["code"], "update-not-configured");
}

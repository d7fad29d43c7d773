//! The member's space in a Passerelle window: a separate webview on the account's server (Nextcloud
//! refuses to be framed), with its own web session kept per account in the data folder (so it
//! can be cleared), links to other sites sent to the system browser, and the overlay script
//! injected on every page.
//!
//! The remote page gets none of Passerelle's commands. Its only channel is the inlined `space`
//! plugin (`overlay_step`, `overlay_report`), granted at run time by a capability scoped to that
//! window and to that server's origin (`remote.urls`). Tauri refuses every app command to a
//! remote origin that no capability names, so the rest stays out of reach (tested in
//! `window.rs`, through real IPC). The overlay's reports reach the main window on the channel
//! its last `space_open` / `space_show_step` gave for that window (kept in the session), not
//! as an app-wide event.
//!
//! Layout: this file is the `space` plugin (the open windows' state, the overlay's two
//! commands, the page rules); [`window`] opens, changes and closes the windows; [`commands`]
//! holds the main window's few-line commands over them. This file must not import `window`.

pub mod commands;
pub mod window;

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Mutex, MutexGuard};

use passerelle_core::IpcError;
use passerelle_core::tours::{OverlayReport, OverlayStep, health};
use serde::{Deserialize, Serialize};
use tauri::ipc::Channel;
use tauri::plugin::{Builder as PluginBuilder, TauriPlugin};
use tauri::{Manager, Runtime, Url};
use ts_rs::TS;

use crate::AppStateExt;

/// The overlay, built from `ui/src/overlay` (see `build.rs`).
pub const OVERLAY_JS: &str = include_str!(concat!(env!("OUT_DIR"), "/passerelle-overlay.js"));

/// The plugin the overlay talks through.
pub const PLUGIN: &str = "space";

/// Run in the space window when the step changes: the overlay asks for it again.
const REFRESH_JS: &str = "window.__passerelleOverlay && window.__passerelleOverlay.refresh();";

/// An overlay report, as the main window receives it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SpaceEvent {
    /// The account whose space window sent it.
    #[ts(type = "number")]
    pub account_id: i64,
    /// What happened.
    pub report: OverlayReport,
}

/// One space window.
struct Session {
    account_id: i64,
    /// `scheme://host[:port]` of the server.
    origin: String,
    /// The server's address (with its sub-path).
    server: Url,
    /// The step the overlay shows, if any.
    step: Option<OverlayStep>,
    /// Where the overlay's reports go: the channel of the main window's last call that set the
    /// step (a JS channel serves one call, so each call brings its own).
    on_event: Option<Channel<SpaceEvent>>,
}

impl std::fmt::Debug for Session {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Session")
            .field("account_id", &self.account_id)
            .field("origin", &self.origin)
            .field("step", &self.step.as_ref().map(|s| &s.step_id))
            .field("on_event", &self.on_event.as_ref().map(Channel::id))
            .finish()
    }
}

/// The open space windows, by window label.
#[derive(Debug, Default)]
pub struct Spaces {
    sessions: Mutex<HashMap<String, Session>>,
}

impl Spaces {
    fn lock(&self) -> MutexGuard<'_, HashMap<String, Session>> {
        self.sessions.lock().unwrap_or_else(|p| p.into_inner())
    }
}

/// The window label of an account's space.
pub fn label(account_id: i64) -> String {
    format!("space-{account_id}")
}

/// `https://cloud.example.org` of `https://cloud.example.org/sub/index.php`.
pub fn origin_of(url: &Url) -> String {
    url.origin().ascii_serialization()
}

/// Where an account's web session lives (cookies, local storage).
pub fn session_dir(data_dir: &std::path::Path, account_id: i64) -> PathBuf {
    data_dir.join("web-sessions").join(account_id.to_string())
}

/// Freezes `Object.prototype` in Passerelle's own pages only. Tauri's `freezePrototype` would
/// freeze it in every webview, and Nextcloud's scripts assign inherited properties
/// (`F.prototype.constructor = F`), which throws on a frozen prototype in strict code.
const FREEZE_LOCAL_PROTOTYPE: &str = "if (location.protocol === 'tauri:' || \
    location.hostname === 'tauri.localhost' || location.host === 'localhost:1420') \
    { Object.freeze(Object.prototype); }";

/// The `space` plugin, with the overlay's two commands.
pub fn plugin<R: Runtime>() -> TauriPlugin<R> {
    PluginBuilder::new(PLUGIN)
        .js_init_script(FREEZE_LOCAL_PROTOTYPE)
        .invoke_handler(tauri::generate_handler![overlay_step, overlay_report])
        .setup(|app, _| {
            app.manage(Spaces::default());
            Ok(())
        })
        .build()
}

fn spaces<R: Runtime>(app: &impl Manager<R>) -> &Spaces {
    app.state::<Spaces>().inner()
}

/// The step to show, for the overlay of the calling space window (none on another origin).
#[tauri::command]
fn overlay_step<R: Runtime>(webview: tauri::Webview<R>) -> Option<OverlayStep> {
    let sessions = spaces(&webview).lock();
    let session = sessions.get(webview.label())?;
    let here = webview.url().ok()?;
    (origin_of(&here) == session.origin)
        .then(|| session.step.clone())
        .flatten()
}

/// What the person did in the overlay; misses go to tour health, everything to the main window
/// (on the channel of its call that set the step).
#[tauri::command]
fn overlay_report<R: Runtime>(
    webview: tauri::Webview<R>,
    report: OverlayReport,
) -> Result<(), IpcError> {
    match accept_report(&webview, &report) {
        Some(accepted) => accepted.deliver(&webview, report),
        None => Ok(()),
    }
}

/// A report the window's session takes.
struct AcceptedReport {
    account_id: i64,
    /// The server's version, as the step says it.
    version: Option<String>,
    /// The window shows the step's own page (a miss there counts for tour health).
    on_step_page: bool,
    /// Where the main window hears it.
    on_event: Option<Channel<SpaceEvent>>,
}

impl AcceptedReport {
    /// A miss on the step's own page goes to tour health; every report to the main window.
    fn deliver<R: Runtime>(
        self,
        webview: &tauri::Webview<R>,
        report: OverlayReport,
    ) -> Result<(), IpcError> {
        if self.on_step_page {
            let version = self.version.as_deref();
            health::record_report(webview.passerelle().store()?, &report, version)?;
        }
        let Some(on_event) = self.on_event else {
            return Ok(());
        };
        let account_id = self.account_id;
        on_event
            .send(SpaceEvent { account_id, report })
            .map_err(|e| IpcError::new("space-window", e.to_string()))
    }
}

/// Whether the window's session takes `report` (`None` for a stale report). A closing report
/// takes the step off show.
fn accept_report<R: Runtime>(
    webview: &tauri::Webview<R>,
    report: &OverlayReport,
) -> Option<AcceptedReport> {
    let here = webview.url().ok();
    let mut sessions = spaces(webview).lock();
    let session = sessions.get_mut(webview.label())?;
    // A report about another step than the one on show is stale (a page that was leaving).
    let step = session.step.as_ref()?;
    if report.step() != (step.tour_id.as_str(), step.step_id.as_str()) {
        return None;
    }
    let version = step
        .nextcloud_version
        .clone()
        .or(step.nextcloud_major.map(|m| m.to_string()));
    // A miss counts only on the step's own page: a sign-in page or another app of the
    // space does not hold the target, whatever the page says.
    let on_step_page = here
        .as_ref()
        .is_some_and(|here| is_step_page(here, &session.server, step.page.as_deref()));
    if matches!(report, OverlayReport::Close { .. }) {
        session.step = None;
    }
    Some(AcceptedReport {
        account_id: session.account_id,
        version,
        on_step_page,
        on_event: session.on_event.clone(),
    })
}

/// A page of the space (`…/index.php/<page>`), for pages made of `[a-z0-9_-]` segments.
pub fn page_url(server: &Url, page: &str) -> Option<Url> {
    let base = server.as_str().trim_end_matches('/');
    passerelle_core::tours::format::is_valid_page(page)
        .then(|| Url::parse(&format!("{base}/index.php/{page}")).ok())
        .flatten()
}

/// Whether `url` is one of Nextcloud's sign-in pages on `server`: login, two-factor
/// (`login/challenge/…`, `login/selectchallenge`, `login/setupchallenge`), Login Flow consent
/// (`login/v2/…`, `login/flow/…`) or password reset, with or without `index.php`. Mirrors the
/// overlay's `isSignInPath` (`ui/src/overlay/page.ts`).
pub fn is_sign_in_page(url: &Url, server: &Url) -> bool {
    let root = server.path().trim_end_matches('/');
    let path = url.path();
    let rest = path.strip_prefix(root).unwrap_or(path);
    let rest = rest.strip_prefix("/index.php").unwrap_or(rest);
    ["/login", "/lostpassword"].iter().any(|p| {
        rest.strip_prefix(p)
            .is_some_and(|tail| tail.is_empty() || tail.starts_with('/'))
    })
}

/// Whether a miss reported from `here` is about the step's page: the server's origin, not a
/// sign-in page, and the step's `page` when it names one.
fn is_step_page(here: &Url, server: &Url, page: Option<&str>) -> bool {
    origin_of(here) == origin_of(server)
        && !is_sign_in_page(here, server)
        && page.is_none_or(|p| shows_page(here, p))
}

/// Whether the window shows `page` (or a page under it) already.
fn shows_page(here: &Url, page: &str) -> bool {
    let page = page.trim_end_matches('/');
    let path = here.path();
    path.ends_with(&format!("/{page}")) || path.contains(&format!("/{page}/"))
}

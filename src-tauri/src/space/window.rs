//! The space window itself: opening it on the account's server (sized to the screen, in the
//! person's language, its web session in its own folder), links to other sites sent to the
//! system browser, the step on show changed or cleared, and signing out of the web space. It
//! keeps no state of its own: the open windows are the plugin's [`super::Spaces`]; it must not
//! grant the remote page anything (the plugin's capability does, per window and origin).

use std::path::PathBuf;

use passerelle_core::IpcError;
use passerelle_core::model::{Account, Language};
use passerelle_core::tours::OverlayStep;
use tauri::ipc::{CapabilityBuilder, Channel};
use tauri::webview::NewWindowResponse;
use tauri::{AppHandle, Manager, Runtime, Url, WebviewUrl, WebviewWindowBuilder};

use super::{
    OVERLAY_JS, PLUGIN, REFRESH_JS, Session, SpaceEvent, is_sign_in_page, label, origin_of,
    page_url, shows_page, spaces,
};

/// The overlay, built from `ui/src/overlay` (see `build.rs`).
/// The space window's size when the screen has room (logical pixels).
const WISHED_SIZE: (f64, f64) = (1200.0, 820.0);
/// The smallest it can be made, when the screen has room for that.
const MIN_SIZE: (f64, f64) = (480.0, 400.0);
/// Room kept for what the desktop draws around the window (borders, title bar).
const FRAME: (f64, f64) = (16.0, 48.0);

/// Where the space window goes in a monitor's work area, in logical pixels.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct WindowFit {
    /// Inner width and height.
    pub size: (f64, f64),
    /// The smallest inner size allowed.
    pub min_size: (f64, f64),
    /// Top-left corner of the window, centred in the work area.
    pub position: (f64, f64),
}

/// Fits the space window in a work area (`x`, `y`, `width`, `height`, logical pixels: the
/// monitor less the desktop's panels): its wished size when there is room, else the room left.
pub fn fit_window(area: (f64, f64, f64, f64)) -> WindowFit {
    let (x, y, width, height) = area;
    let room = ((width - FRAME.0).max(1.0), (height - FRAME.1).max(1.0));
    let min_size = (MIN_SIZE.0.min(room.0), MIN_SIZE.1.min(room.1));
    let size = (WISHED_SIZE.0.min(room.0), WISHED_SIZE.1.min(room.1));
    let position = (
        x + ((width - size.0 - FRAME.0) / 2.0).max(0.0),
        y + ((height - size.1 - FRAME.1) / 2.0).max(0.0),
    );
    WindowFit {
        size,
        min_size,
        position,
    }
}

/// The work area of the monitor the main window is on (else the primary one), logical.
fn work_area<R: Runtime>(app: &AppHandle<R>) -> Option<(f64, f64, f64, f64)> {
    let main = app.get_webview_window("main")?;
    let monitor = main
        .current_monitor()
        .ok()
        .flatten()
        .or_else(|| main.primary_monitor().ok().flatten())?;
    let scale = monitor.scale_factor();
    let area = monitor.work_area();
    let position = area.position.to_logical::<f64>(scale);
    let size = area.size.to_logical::<f64>(scale);
    (size.width > 0.0 && size.height > 0.0).then_some((
        position.x,
        position.y,
        size.width,
        size.height,
    ))
}

/// The languages the space window asks the server for (its `Accept-Language`), Passerelle's
/// own first: Nextcloud's sign-in pages, and its apps for an account without a language of its
/// own, follow them.
pub fn accept_languages(lang: Language) -> &'static [&'static str] {
    match lang {
        Language::Fr => &["fr-FR", "fr", "en"],
        Language::En => &["en-US", "en", "fr"],
    }
}

/// Sets the languages of the space window's web engine. WebKitGTK (Linux) takes them on its
/// web context (a space window has its own, by its data folder), and only for requests made
/// afterwards: the window starts blank (see [`first_url`]) and `then_load` (the first page) is
/// loaded once they are set.
#[cfg(target_os = "linux")]
fn prefer_languages<R: Runtime>(
    window: &tauri::WebviewWindow<R>,
    languages: &'static [&'static str],
    then_load: Option<Url>,
) {
    let _ = window.with_webview(move |webview| {
        use webkit2gtk::{WebContextExt, WebViewExt};
        let view = webview.inner();
        if let Some(context) = view.context() {
            context.set_preferred_languages(languages);
        }
        if let Some(url) = then_load {
            view.load_uri(url.as_str());
        }
    });
}

/// Where the window starts: blank on Linux until its languages are set (a first request would
/// go out in the system's language), else the first page.
fn first_url(first_page: &Url) -> Url {
    if cfg!(target_os = "linux") {
        Url::parse("about:blank").unwrap_or_else(|_| first_page.clone())
    } else {
        first_page.clone()
    }
}

/// Elsewhere the engine takes them at creation (WebView2's browser arguments, see `open`); no
/// setting exists for WKWebView (macOS), where the account's own language is what counts.
#[cfg(not(target_os = "linux"))]
fn prefer_languages<R: Runtime>(
    _window: &tauri::WebviewWindow<R>,
    _languages: &'static [&'static str],
    _then_load: Option<Url>,
) {
}

/// Takes the space window to the step's app when it shows another page (tours span apps).
fn follow_app<R: Runtime>(
    window: &tauri::WebviewWindow<R>,
    server: &Url,
    step: Option<&OverlayStep>,
) -> Result<bool, IpcError> {
    let Some(page) = step.and_then(|s| s.page.as_deref()) else {
        return Ok(false);
    };
    let here = window
        .url()
        .map_err(|e| IpcError::new("space-window", e.to_string()))?;
    // Never while the person signs in: that would lose what they typed. Nextcloud goes on to
    // the page it came from, where the overlay links to the step's page if it is another one.
    if is_sign_in_page(&here, server) {
        return Ok(false);
    }
    match page_url(server, page) {
        Some(there) if !shows_page(&here, page) => {
            window
                .navigate(there)
                .map_err(|e| IpcError::new("space-window", e.to_string()))?;
            Ok(true)
        }
        _ => Ok(false),
    }
}

/// Opens (or brings forward) an account's space window on its address (on the step's page when
/// it names one), its session kept in `session_dir`, with `step` on show and the overlay's
/// reports sent `on_event`, asking the server for pages in `lang`, fitted to the screen.
pub fn open<R: Runtime>(
    app: &AppHandle<R>,
    account: &Account,
    session_dir: PathBuf,
    step: Option<OverlayStep>,
    on_event: Channel<SpaceEvent>,
    lang: Language,
) -> Result<(), IpcError> {
    let (account_id, server_url) = (account.id, account.server_url.as_str());
    let title = account.space_window_title();
    let languages = accept_languages(lang);
    let url = Url::parse(server_url)
        .ok()
        .filter(|u| matches!(u.scheme(), "https" | "http"))
        .ok_or_else(|| {
            IpcError::new("space-address", format!("not a web address: {server_url}"))
        })?;
    let origin = origin_of(&url);
    let label = label(account_id);
    let first_page = step
        .as_ref()
        .and_then(|s| s.page.as_deref())
        .and_then(|p| page_url(&url, p))
        .unwrap_or_else(|| url.clone());
    let shown = step.clone();
    let known = {
        let mut sessions = spaces(app).lock();
        let known = sessions.contains_key(&label);
        let session = sessions.entry(label.clone()).or_insert_with(|| Session {
            account_id,
            origin: origin.clone(),
            server: url.clone(),
            step: None,
            on_event: None,
        });
        session.step = step;
        session.on_event = Some(on_event);
        known
    };
    if !known {
        app.add_capability(
            CapabilityBuilder::new(format!("space-overlay-{account_id}"))
                .local(false)
                .remote(format!("{origin}/*"))
                .window(label.clone())
                .permission(format!("{PLUGIN}:default")),
        )
        .map_err(|e| IpcError::new("space-window", e.to_string()))?;
    }
    if let Some(window) = app.get_webview_window(&label) {
        let _ = window.unminimize();
        let _ = window.set_focus();
        // Passerelle's language may have changed since: the next pages follow it.
        prefer_languages(&window, languages, None);
        if follow_app(&window, &url, shown.as_ref())? {
            return Ok(());
        }
        return window
            .eval(REFRESH_JS)
            .map_err(|e| IpcError::new("space-window", e.to_string()));
    }
    if let Some(sessions) = session_dir.parent() {
        purge_forgotten(sessions);
    }
    std::fs::create_dir_all(&session_dir)
        .map_err(|e| IpcError::new("space-window", e.to_string()))?;
    let same_origin = origin.clone();
    let mut builder =
        WebviewWindowBuilder::new(app, &label, WebviewUrl::External(first_url(&first_page)))
            .title(&title)
            .data_directory(session_dir)
            // WebView2 (Windows) only; a space window has its own data folder, as it requires.
            // Wry's defaults are repeated: these arguments replace them.
            .additional_browser_args(&format!(
                "--disable-features=msWebOOUI,msPdfOOUI,msSmartScreenProtection --accept-lang={}",
                languages.join(",")
            ));
    builder = match work_area(app) {
        Some(area) => {
            let fit = fit_window(area);
            builder
                .inner_size(fit.size.0, fit.size.1)
                .min_inner_size(fit.min_size.0, fit.min_size.1)
                .position(fit.position.0, fit.position.1)
        }
        None => builder
            .inner_size(WISHED_SIZE.0, WISHED_SIZE.1)
            .min_inner_size(MIN_SIZE.0, MIN_SIZE.1),
    };
    let window = builder
        .initialization_script(OVERLAY_JS)
        .on_navigation(move |to| {
            if origin_of(to) == same_origin || to.scheme() == "about" {
                return true;
            }
            open_outside(to);
            false
        })
        .on_new_window(|to, _| {
            open_outside(&to);
            NewWindowResponse::Deny
        })
        .build()
        .map_err(|e| IpcError::new("space-window", e.to_string()))?;
    let then_load = cfg!(target_os = "linux").then_some(first_page);
    prefer_languages(&window, languages, then_load);
    Ok(())
}

/// Links to other sites open in the system browser (web addresses only).
fn open_outside(url: &Url) {
    if matches!(url.scheme(), "https" | "http" | "mailto") {
        let _ = tauri_plugin_opener::open_url(url.as_str(), None::<&str>);
    }
}

/// Changes the step on show in an open space window (none: the overlay goes away); the overlay's
/// reports go `on_event` from now on.
pub fn show_step<R: Runtime>(
    app: &AppHandle<R>,
    account_id: i64,
    step: Option<OverlayStep>,
    on_event: Channel<SpaceEvent>,
) -> Result<bool, IpcError> {
    let label = label(account_id);
    let server = {
        let mut sessions = spaces(app).lock();
        let Some(session) = sessions.get_mut(&label) else {
            return Ok(false);
        };
        session.step = step.clone();
        session.on_event = Some(on_event);
        session.server.clone()
    };
    if let Some(window) = app.get_webview_window(&label) {
        if follow_app(&window, &server, step.as_ref())? {
            return Ok(true);
        }
        window
            .eval(REFRESH_JS)
            .map_err(|e| IpcError::new("space-window", e.to_string()))?;
        return Ok(true);
    }
    Ok(false)
}

/// Loads the space window's page again (after its account's language changed), if it is open.
pub fn reload<R: Runtime>(app: &AppHandle<R>, account_id: i64) -> Result<(), IpcError> {
    match app.get_webview_window(&label(account_id)) {
        Some(window) => window
            .reload()
            .map_err(|e| IpcError::new("space-window", e.to_string())),
        None => Ok(()),
    }
}

/// Signs out of the web space: closes the window and deletes its session folder. The folder is
/// first renamed aside (atomic: the next window starts with an empty session even if the web
/// engine is still writing its last files), then deleted; leftovers go on the next open.
pub fn forget<R: Runtime>(
    app: &AppHandle<R>,
    account_id: i64,
    session_dir: PathBuf,
) -> Result<(), IpcError> {
    let label = label(account_id);
    if let Some(window) = app.get_webview_window(&label) {
        let _ = window.clear_all_browsing_data();
        window
            .destroy()
            .map_err(|e| IpcError::new("space-window", format!("closing the window: {e}")))?;
    }
    if let Some(session) = spaces(app).lock().get_mut(&label) {
        session.step = None;
        session.on_event = None;
    }
    let Some(parent) = session_dir.parent() else {
        return Ok(());
    };
    if session_dir.exists() {
        let stamp = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or_default();
        let aside = parent.join(format!(".forgotten-{account_id}-{stamp}"));
        std::fs::rename(&session_dir, &aside).map_err(|e| {
            IpcError::new("space-window", format!("{}: {e}", session_dir.display()))
        })?;
    }
    purge_forgotten(parent);
    Ok(())
}

/// Deletes the session folders set aside by [`forget`] (best effort).
fn purge_forgotten(sessions: &std::path::Path) {
    let Ok(entries) = std::fs::read_dir(sessions) else {
        return;
    };
    for entry in entries.flatten() {
        if entry
            .file_name()
            .to_string_lossy()
            .starts_with(".forgotten-")
        {
            let _ = std::fs::remove_dir_all(entry.path());
        }
    }
}

#[cfg(test)]
mod tests {
    //! The remote page's reach, through real IPC on the mock runtime with the app's real ACL
    //! (generated context): only the `space` plugin, only from that window and origin.

    use passerelle_core::DataPaths;
    use passerelle_core::tours::{HighlightTarget, OverlayLabels};
    use serde_json::{Value, json};
    use std::sync::{Arc, Mutex};
    use tauri::ipc::{CallbackFn, InvokeBody, InvokeResponseBody};
    use tauri::test::{INVOKE_KEY, MockRuntime, get_ipc_response, mock_builder, noop_assets};
    use tauri::webview::InvokeRequest;

    use super::super::session_dir;
    use super::*;
    use crate::AppStateExt;
    use crate::{AppState, with_app};
    use passerelle_core::tours::health;

    const SERVER: &str = "http://127.0.0.1:9/nextcloud";

    fn account() -> Account {
        Account {
            id: 7,
            profile_id: 1,
            server_url: SERVER.into(),
            user_id: "space".into(),
            login_name: "space".into(),
            display_name: None,
            secret_storage: passerelle_core::secrets::SecretStorage::Session,
            created_at: String::new(),
            last_used_at: None,
        }
    }

    fn app(dir: &std::path::Path) -> tauri::App<MockRuntime> {
        let context = tauri::generate_context!(test = true, assets = noop_assets());
        with_app(mock_builder(), AppState::at(DataPaths::at(dir)))
            .build(context)
            .unwrap()
    }

    fn step() -> OverlayStep {
        let s = |v: &str| v.to_owned();
        OverlayStep {
            tour_id: s("files"),
            step_id: s("new-button"),
            index: 1,
            total: 5,
            text: s("Click New."),
            fallback: s("Top left, above the list."),
            advance: s("click"),
            target: HighlightTarget {
                wait_ms: Some(8000),
                open: None,
                candidates: vec![],
            },
            page: None,
            nextcloud_major: Some(29),
            nextcloud_version: Some(s("29.0.6")),
            labels: OverlayLabels {
                dialog: s("Guided tour"),
                progress: s("Step 2 of 5"),
                back: s("Back"),
                next: s("Next"),
                done: s("Finish"),
                close: s("Close"),
                not_found: s("Not found."),
                click_hint: s("Click it."),
                check_hint: s("Do it."),
                sign_in: s("Sign in first."),
                elsewhere: s("This step is on another page."),
                go_there: s("Go there"),
            },
        }
    }

    /// What was sent on a channel standing for the main window's (JSON values).
    type Heard = Arc<Mutex<Vec<Value>>>;

    /// A channel standing for the one the main window gives with a call, and what it heard.
    /// The page the opened space window is taken to.
    const FILES_PAGE: &str = "http://127.0.0.1:9/nextcloud/index.php/apps/files/";

    /// The account's space window opened with `step()` on show, taken to the Files page.
    fn opened_on_files(
        app: &tauri::App<MockRuntime>,
        dir: &std::path::Path,
    ) -> tauri::WebviewWindow<MockRuntime> {
        open(
            app.handle(),
            &account(),
            session_dir(dir, 7),
            Some(step()),
            heard().0,
            Language::Fr,
        )
        .unwrap();
        let space = app.get_webview_window("space-7").unwrap();
        // Blank until the web engine has Passerelle's languages, then the first page (which
        // the mock runtime, without a web engine, does not load).
        assert_eq!(space.url().unwrap().as_str(), "about:blank");
        space.navigate(FILES_PAGE.parse().unwrap()).unwrap();
        space
    }

    fn heard() -> (Channel<SpaceEvent>, Heard) {
        let got = Heard::default();
        let sink = got.clone();
        let channel = Channel::new(move |body| {
            if let InvokeResponseBody::Json(json) = body {
                sink.lock()
                    .unwrap()
                    .push(serde_json::from_str(&json).unwrap());
            }
            Ok(())
        });
        (channel, got)
    }

    fn call(
        webview: &tauri::WebviewWindow<MockRuntime>,
        url: &str,
        cmd: &str,
        args: Value,
    ) -> Result<Value, Value> {
        let request = InvokeRequest {
            cmd: cmd.into(),
            callback: CallbackFn(0),
            error: CallbackFn(1),
            url: url.parse().unwrap(),
            body: InvokeBody::Json(args),
            headers: Default::default(),
            invoke_key: INVOKE_KEY.to_string(),
        };
        get_ipc_response(webview, request).map(|b| b.deserialize::<Value>().unwrap())
    }

    #[test]
    fn the_remote_page_reaches_the_overlay_channel_and_nothing_else() {
        let dir = tempfile::tempdir().unwrap();
        let app = app(dir.path());
        let main = WebviewWindowBuilder::new(&app, "main", Default::default())
            .build()
            .unwrap();
        let space = opened_on_files(&app, dir.path());
        let page = FILES_PAGE;

        // The overlay's channel works from the space window on the server's origin…
        let got = call(&space, page, "plugin:space|overlay_step", json!({})).unwrap();
        assert_eq!(got["stepId"], "new-button");
        assert_eq!(got["labels"]["progress"], "Step 2 of 5");

        // …but no app command does, however harmless.
        for cmd in [
            "accounts_list",
            "app_bootstrap",
            "tour_health_list",
            "space_open",
        ] {
            let err = call(&space, page, cmd, json!({ "profileId": 1 })).unwrap_err();
            assert!(
                err.as_str().unwrap_or_default().contains("not allowed"),
                "{cmd}: {err}"
            );
        }
        // Nor a plugin command of the app's own window (opener).
        let err = call(
            &space,
            page,
            "plugin:opener|open_url",
            json!({ "url": "https://example.org" }),
        )
        .unwrap_err();
        assert!(err.to_string().contains("not allowed"), "{err}");

        // Another origin in the same window gets nothing, not even the overlay channel.
        let err = call(
            &space,
            "https://elsewhere.example/",
            "plugin:space|overlay_step",
            json!({}),
        )
        .unwrap_err();
        assert!(err.to_string().contains("not allowed"), "{err}");
        // The same origin in another window neither.
        let err = call(&main, page, "plugin:space|overlay_step", json!({})).unwrap_err();
        assert!(err.to_string().contains("not allowed"), "{err}");

        // The main window keeps its app commands.
        call(&main, "tauri://localhost", "tour_health_list", json!({})).unwrap();
    }

    #[test]
    fn sign_in_pages_are_known_with_or_without_index_php_and_sub_path() {
        let server = Url::parse("https://cloud.example.org/nextcloud").unwrap();
        let at = |p: &str| Url::parse(&format!("https://cloud.example.org{p}")).unwrap();
        for p in [
            "/nextcloud/login",
            "/nextcloud/index.php/login?redirect_url=/nextcloud/index.php/apps/files/",
            "/nextcloud/index.php/login/selectchallenge",
            "/nextcloud/login/challenge/backup_codes",
            "/nextcloud/index.php/login/v2/flow/abc",
            "/nextcloud/index.php/login/v2/grant",
            "/nextcloud/index.php/login/flow/grant",
            "/nextcloud/index.php/lostpassword/reset/form/x/alice",
        ] {
            assert!(is_sign_in_page(&at(p), &server), "{p}");
        }
        for p in [
            "/nextcloud/index.php/apps/files/",
            "/nextcloud/index.php/loginhelp",
            "/nextcloud/index.php/settings/user/security",
        ] {
            assert!(!is_sign_in_page(&at(p), &server), "{p}");
        }
    }

    // Issue #16, item 14: the space window opened at 1200×820 on an 800-pixel screen.

    #[test]
    fn pages_are_built_under_the_server_sub_path() {
        let server = Url::parse("https://cloud.example.org/nextcloud").unwrap();
        assert_eq!(
            page_url(&server, "apps/calendar/").unwrap().as_str(),
            "https://cloud.example.org/nextcloud/index.php/apps/calendar/"
        );
        assert!(page_url(&server, "../settings").is_none());
        assert!(page_url(&server, "").is_none());
        let here = Url::parse("https://cloud.example.org/nextcloud/index.php/apps/files/files/32")
            .unwrap();
        assert!(shows_page(&here, "apps/files/") && !shows_page(&here, "apps/calendar/"));
        let security =
            Url::parse("https://cloud.example.org/nextcloud/index.php/settings/user/security")
                .unwrap();
        assert!(shows_page(&security, "settings/user/security"));
    }

    #[test]
    fn a_miss_reported_by_the_overlay_lands_in_tour_health() {
        let dir = tempfile::tempdir().unwrap();
        let app = app(dir.path());
        let space = opened_on_files(&app, dir.path());
        let page = FILES_PAGE;
        let missed = json!({ "report": {
            "event": "missed", "tourId": "files", "stepId": "new-button",
            "tried": ["[data-cy-upload-picker] button"]
        }});
        call(&space, page, "plugin:space|overlay_report", missed.clone()).unwrap();
        // A report about a step no longer on show is ignored.
        let stale = json!({ "report": {
            "event": "missed", "tourId": "files", "stepId": "other", "tried": []
        }});
        call(&space, page, "plugin:space|overlay_report", stale).unwrap();
        let store = app.passerelle().store().unwrap();
        let misses = health::list(store).unwrap();
        assert_eq!(misses.len(), 1);
        assert_eq!(misses[0].step_id, "new-button");
        assert_eq!(misses[0].nextcloud_version.as_deref(), Some("29.0.6"));
        assert_eq!(misses[0].candidates, ["[data-cy-upload-picker] button"]);

        // Issue #16, item 1: a miss sent from a sign-in page (or another app than the step's)
        // is not recorded, whatever the page says; the report still reaches the main window.
        for (page, url) in [
            (
                None,
                "http://127.0.0.1:9/nextcloud/index.php/login?redirect_url=/x",
            ),
            (None, "http://127.0.0.1:9/nextcloud/login/challenge/totp"),
            (
                None,
                "http://127.0.0.1:9/nextcloud/index.php/login/v2/grant",
            ),
            (
                Some("apps/files/"),
                "http://127.0.0.1:9/nextcloud/index.php/apps/calendar/",
            ),
        ] {
            let mut shown = step();
            shown.page = page.map(str::to_owned);
            show_step(app.handle(), 7, Some(shown), heard().0).unwrap();
            space.navigate(url.parse().unwrap()).unwrap();
            call(&space, url, "plugin:space|overlay_report", missed.clone()).unwrap();
        }
        assert_eq!(
            health::list(store).unwrap().len(),
            1,
            "a miss off the step's page"
        );
        // A step on another page does not take the window away from a sign-in page.
        let login = "http://127.0.0.1:9/nextcloud/index.php/login?redirect_url=/x";
        space.navigate(login.parse().unwrap()).unwrap();
        let mut calendar = step();
        calendar.page = Some("apps/calendar/".to_owned());
        show_step(app.handle(), 7, Some(calendar), heard().0).unwrap();
        assert_eq!(space.url().unwrap().as_str(), login);
        space.navigate(page.parse().unwrap()).unwrap();

        // Close hides the step: the overlay then gets nothing.
        let close =
            json!({ "report": { "event": "close", "tourId": "files", "stepId": "new-button" }});
        call(&space, page, "plugin:space|overlay_report", close).unwrap();
        let got = call(&space, page, "plugin:space|overlay_step", json!({})).unwrap();
        assert!(got.is_null());
    }

    // Issue #14: the overlay's reports went to the main window as an app-wide event; they go
    // on the channel of the main window's last call that set the step, and only there.
    #[test]
    fn overlay_reports_reach_the_channel_of_the_last_call_that_set_the_step() {
        let dir = tempfile::tempdir().unwrap();
        let app = app(dir.path());
        let (opened, heard_open) = heard();
        let dir7 = session_dir(dir.path(), 7);
        open(
            app.handle(),
            &account(),
            dir7,
            Some(step()),
            opened,
            Language::Fr,
        )
        .unwrap();
        let space = app.get_webview_window("space-7").unwrap();
        let page = "http://127.0.0.1:9/nextcloud/index.php/apps/files/";
        space.navigate(page.parse().unwrap()).unwrap();
        let report = |event: &str, step_id: &str| json!({ "report": { "event": event, "tourId": "files", "stepId": step_id }});
        call(
            &space,
            page,
            "plugin:space|overlay_report",
            report("shown", "new-button"),
        )
        .unwrap();
        // A stale report (another step) is not passed on.
        call(
            &space,
            page,
            "plugin:space|overlay_report",
            report("next", "other"),
        )
        .unwrap();
        assert_eq!(
            *heard_open.lock().unwrap(),
            [json!({ "accountId": 7, "report": {
                "event": "shown", "tourId": "files", "stepId": "new-button" }})]
        );

        // The next step brings its own channel: reports go there, no longer to the first.
        let (shown, heard_shown) = heard();
        let mut next = step();
        next.step_id = "share".to_owned();
        assert!(show_step(app.handle(), 7, Some(next), shown).unwrap());
        call(
            &space,
            page,
            "plugin:space|overlay_report",
            report("clicked", "share"),
        )
        .unwrap();
        assert_eq!(heard_open.lock().unwrap().len(), 1);
        let got = heard_shown.lock().unwrap().clone();
        assert_eq!(got.len(), 1);
        assert_eq!(got[0]["report"]["event"], "clicked");

        // Signed out of the space: nothing is kept to send on.
        let dir7 = session_dir(dir.path(), 7);
        forget(app.handle(), 7, dir7).unwrap();
        let sessions = spaces(app.handle()).lock();
        assert!(sessions.get("space-7").unwrap().on_event.is_none());
    }

    #[test]
    fn the_space_window_fits_the_work_area() {
        // Room enough: the wished size, centred.
        let big = fit_window((0.0, 0.0, 1920.0, 1050.0));
        assert_eq!(big.size, (1200.0, 820.0));
        assert_eq!(big.position, (352.0, 91.0));
        // 1280×800 less a 32-pixel panel at the top: the window and its title bar fit.
        let small = fit_window((0.0, 32.0, 1280.0, 768.0));
        assert_eq!(small.size, (1200.0, 720.0));
        assert_eq!(small.min_size, (480.0, 400.0));
        assert!(small.position.1 >= 32.0 && small.position.1 + small.size.1 + 48.0 <= 800.0);
        // A tiny screen: never larger than the room, and the minimum shrinks with it.
        let tiny = fit_window((0.0, 0.0, 400.0, 300.0));
        assert_eq!(tiny.size, (384.0, 252.0));
        assert_eq!(tiny.min_size, tiny.size);
    }
}

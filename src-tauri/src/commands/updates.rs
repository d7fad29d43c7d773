//! Updates: check (quietly at start, at most once a day, or when asked in Settings), download
//! with progress, install and restart — each only on the person's click. The policy (which
//! address, when, which version, which notes) is `passerelle_core::updates`; this module drives
//! tauri-plugin-updater, which verifies the minisign signature against the public key in
//! `tauri.conf.json` before anything is installed, and maps its errors to `{ code, message }`.

use std::path::PathBuf;
use std::sync::{Arc, Mutex, MutexGuard};

use passerelle_core::IpcError;
use passerelle_core::model::Language;
use passerelle_core::updates::{
    self, UpdateCheck, UpdateError, UpdateEvent, UpdateInfo, UpdateSetup, UpdateStatus,
};
use tauri::ipc::Channel;
use tauri::{AppHandle, Manager, Runtime};
use tauri_plugin_updater::{Update, UpdaterExt};

use crate::AppStateExt;

/// The update address built in, from `PASSERELLE_UPDATE_ENDPOINT` at build time (see build.rs).
pub const BUILD_ENDPOINT: Option<&str> = option_env!("PASSERELLE_UPDATE_ENDPOINT");

/// Updates found, downloaded and waiting for the person's click.
#[derive(Default)]
pub struct Updates {
    pending: Mutex<Option<Pending>>,
    install_path: Mutex<Option<PathBuf>>,
}

struct Pending {
    update: Update,
    /// The downloaded file, already verified against its signature.
    bytes: Option<Arc<Vec<u8>>>,
}

impl std::fmt::Debug for Updates {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Updates").finish_non_exhaustive()
    }
}

impl Updates {
    /// Installs updates over this file instead of the running executable (on Linux, the
    /// AppImage the updater replaces). Used by the tests, which must not replace themselves.
    pub fn set_install_path(&self, path: PathBuf) {
        *lock(&self.install_path) = Some(path);
    }

    /// The update found by the last check.
    fn pending_update(&self) -> Result<Update, UpdateError> {
        lock(&self.pending)
            .as_ref()
            .map(|p| p.update.clone())
            .ok_or(UpdateError::NonePending)
    }

    /// Keeps the downloaded, verified file of `version` when it is still the one pending.
    fn keep_download(&self, version: &str, bytes: Vec<u8>) {
        if let Some(p) = lock(&self.pending).as_mut()
            && p.update.version == version
        {
            p.bytes = Some(Arc::new(bytes));
        }
    }
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}

/// Whether this build accepts plain-http update addresses on this computer: only when its
/// updater configuration sets `dangerousInsecureTransportProtocol` (the tests' builds).
fn allows_loopback_http<R: Runtime>(app: &AppHandle<R>) -> bool {
    app.config()
        .plugins
        .0
        .get("updater")
        .and_then(|c| c.get("dangerousInsecureTransportProtocol"))
        .and_then(serde_json::Value::as_bool)
        .unwrap_or(false)
}

/// Where this build on this laptop looks for updates.
fn setup<R: Runtime>(app: &AppHandle<R>) -> Result<UpdateSetup, IpcError> {
    Ok(UpdateSetup {
        data_dir: app.passerelle().paths()?.data_dir().to_owned(),
        build_endpoint: BUILD_ENDPOINT.map(str::to_owned),
        allow_loopback_http: allows_loopback_http(app),
    })
}

fn current_version<R: Runtime>(app: &AppHandle<R>) -> String {
    app.package_info().version.to_string()
}

/// What Settings shows about updates: version, address in use and where it comes from.
#[passerelle_ipc::command]
pub async fn updates_status<R: Runtime>(app: AppHandle<R>) -> Result<UpdateStatus, IpcError> {
    let state = app.passerelle();
    let store = state.store()?;
    setup(&app)?.status(store, current_version(&app))
}

/// Sets (or with `null`, removes) the organisation's update mirror; refuses an unusable one.
#[passerelle_ipc::command]
pub async fn updates_set_mirror<R: Runtime>(
    app: AppHandle<R>,
    mirror: Option<String>,
) -> Result<UpdateStatus, IpcError> {
    let mirror = updates::checked_mirror(mirror, allows_loopback_http(&app))?;
    app.passerelle()
        .store()?
        .set_update_mirror(mirror.as_deref())?;
    *lock(&app.state::<Updates>().pending) = None;
    updates_status(app).await
}

/// Asks the update server now (Settings → "Check for updates"); errors are shown.
#[passerelle_ipc::command]
pub async fn update_check<R: Runtime>(
    app: AppHandle<R>,
    lang: Language,
) -> Result<UpdateCheck, IpcError> {
    check(&app, lang).await
}

/// The quiet check at start: at most once a day, and never an error (offline, not
/// configured…): it only says whether an update is on offer.
#[passerelle_ipc::command]
pub async fn update_check_at_start<R: Runtime>(
    app: AppHandle<R>,
    lang: Language,
) -> Result<UpdateCheck, IpcError> {
    let Ok(store) = app.passerelle().store() else {
        return Ok(UpdateCheck::Skipped);
    };
    let last = store.last_update_check().ok().flatten();
    if !updates::check_due(last, time::OffsetDateTime::now_utc()) {
        return Ok(UpdateCheck::Skipped);
    }
    Ok(check(&app, lang).await.unwrap_or(UpdateCheck::Skipped))
}

async fn check<R: Runtime>(app: &AppHandle<R>, lang: Language) -> Result<UpdateCheck, IpcError> {
    let state = app.passerelle();
    let store = state.store()?;
    let source = setup(app)?.source(store)?;
    let offered: Arc<Mutex<Option<String>>> = Arc::default();
    let seen = offered.clone();
    let mut builder = app
        .updater_builder()
        .endpoints(vec![source.endpoint])
        .map_err(plugin_error)?
        .version_comparator(move |current, release| {
            let version = release.version.to_string();
            let newer = updates::is_newer(&current.to_string(), &version);
            *lock(&seen) = Some(version);
            newer
        });
    if let Some(path) = lock(&app.state::<Updates>().install_path).clone() {
        builder = builder.executable_path(path);
    }
    let updater = builder.build().map_err(plugin_error)?;
    let found = updater.check().await.map_err(|e| {
        let version = lock(&offered).clone().unwrap_or_default();
        match e {
            tauri_plugin_updater::Error::TargetNotFound(t) => {
                IpcError::from(UpdateError::NoPlatform {
                    version,
                    targets: t,
                })
            }
            tauri_plugin_updater::Error::TargetsNotFound(t) => {
                IpcError::from(UpdateError::NoPlatform {
                    version,
                    targets: t.join(", "),
                })
            }
            other => plugin_error(other),
        }
    });
    // The server answered (even "not for this system"): that was today's check. Offline, the
    // next start tries again.
    if !matches!(&found, Err(e) if e.code == "update-offline") {
        store.set_last_update_check(time::OffsetDateTime::now_utc())?;
    }
    let found = found?;
    let current = current_version(app);
    let Some(update) = found else {
        *lock(&app.state::<Updates>().pending) = None;
        return Ok(UpdateCheck::UpToDate {
            current_version: current,
            offered: lock(&offered).clone(),
        });
    };
    let info = UpdateInfo {
        current_version: current,
        version: update.version.clone(),
        date: update
            .raw_json
            .get("pub_date")
            .and_then(|d| d.as_str())
            .map(str::to_owned),
        notes: updates::release_notes(&update.raw_json, lang),
    };
    *lock(&app.state::<Updates>().pending) = Some(Pending {
        update,
        bytes: None,
    });
    Ok(UpdateCheck::Available { update: info })
}

/// Downloads the update found by the last check and verifies its signature; streams progress.
/// Nothing is installed.
#[passerelle_ipc::command]
pub async fn update_download<R: Runtime>(
    app: AppHandle<R>,
    on_event: Channel<UpdateEvent>,
) -> Result<(), IpcError> {
    let updates = app.state::<Updates>();
    let update = updates.pending_update()?;
    let bytes = download(&update, &on_event).await?;
    updates.keep_download(&update.version, bytes);
    Ok(())
}

/// Downloads `update` and verifies its signature, its progress over `on_event`.
async fn download(update: &Update, on_event: &Channel<UpdateEvent>) -> Result<Vec<u8>, IpcError> {
    let mut progress = updates::DownloadProgress::default();
    let send = |event: Option<UpdateEvent>| drop(event.map(|e| on_event.send(e)));
    let bytes = update
        .download(|chunk, total| send(progress.chunk(chunk, total)), || {})
        .await
        .map_err(plugin_error)?;
    send(Some(UpdateEvent::Verified));
    Ok(bytes)
}

/// Installs the downloaded, verified update (its signature is checked again first). The app
/// keeps running the old version until [`update_restart`].
#[passerelle_ipc::command]
pub async fn update_install<R: Runtime>(app: AppHandle<R>) -> Result<(), IpcError> {
    let (update, bytes) = {
        let updates = app.state::<Updates>();
        let pending = lock(&updates.pending);
        let p = pending.as_ref().ok_or(UpdateError::NonePending)?;
        let bytes = p.bytes.clone().ok_or(UpdateError::NonePending)?;
        (p.update.clone(), bytes)
    };
    tauri::async_runtime::spawn_blocking(move || update.install(bytes.as_slice()))
        .await
        .map_err(|e| IpcError::from(UpdateError::Install(e.to_string())))?
        .map_err(plugin_error)?;
    *lock(&app.state::<Updates>().pending) = None;
    Ok(())
}

/// Restarts Passerelle on the installed version (after [`update_install`], on the person's click).
#[passerelle_ipc::command]
pub fn update_restart<R: Runtime>(app: AppHandle<R>) {
    app.restart();
}

/// Maps the updater plugin's error to Passerelle's codes.
fn plugin_error(err: tauri_plugin_updater::Error) -> IpcError {
    use tauri_plugin_updater::Error as E;
    let detail = err.to_string();
    let mapped = match err {
        E::EmptyEndpoints => UpdateError::NotConfigured,
        E::InsecureTransportProtocol | E::UrlParse(_) => UpdateError::MirrorInvalid {
            value: String::new(),
            reason: detail,
        },
        E::Reqwest(e) if e.is_status() || e.is_decode() || e.is_body() => {
            UpdateError::Server(detail)
        }
        E::Reqwest(_) => UpdateError::Offline(detail),
        E::Network(_) | E::Serialization(_) | E::ReleaseNotFound | E::Semver(_) => {
            UpdateError::Server(detail)
        }
        E::TargetNotFound(t) => UpdateError::NoPlatform {
            version: String::new(),
            targets: t,
        },
        E::TargetsNotFound(t) => UpdateError::NoPlatform {
            version: String::new(),
            targets: t.join(", "),
        },
        E::Minisign(_)
        | E::Base64(_)
        | E::SignatureUtf8(_)
        | E::SignedVersionMismatch { .. }
        | E::MissingSignedVersion => UpdateError::Signature(detail),
        E::InvalidUpdaterFormat | E::BinaryNotFoundInArchive | E::UnsupportedOs => {
            UpdateError::Format(detail)
        }
        _ => UpdateError::Install(detail),
    };
    mapped.into()
}

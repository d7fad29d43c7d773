//! Update policy, without Tauri: where to look for updates (build-time endpoint, an
//! organisation's mirror from Settings or from a file), when the quiet check at start is due (at
//! most once a day), whether an offered version is newer, and which release notes to show.
//!
//! It never downloads, verifies or installs anything: the desktop shell does that with
//! tauri-plugin-updater (minisign signatures), and maps the plugin's failures to
//! [`UpdateError`] so they reach the person as `error-<code>` Fluent messages.

use std::path::{Path, PathBuf};

use rusqlite::{OptionalExtension, params};
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;
use ts_rs::TS;
use url::Url;

use crate::model::Language;
use crate::{CoreError, IpcError, Store};

/// Name of the file, in the data folder, that an organisation can drop to point every profile of
/// this computer (or of a portable install) to its own update mirror: one address per file,
/// lines starting with `#` are comments.
pub const MIRROR_FILE_NAME: &str = "update-mirror.txt";

/// The quiet check at start runs at most this often.
pub const CHECK_INTERVAL: time::Duration = time::Duration::days(1);

const LAST_CHECK_KEY: &str = "updates.last_check";
const MIRROR_KEY: &str = "updates.mirror";

/// Every code an [`UpdateError`] can have, listed once: a test checks each has a Fluent message.
pub const UPDATE_ERROR_CODES: &[&str] = &[
    "update-not-configured",
    "update-mirror-invalid",
    "update-offline",
    "update-server",
    "update-no-platform",
    "update-signature",
    "update-format",
    "update-install",
    "update-none-pending",
];

/// Why an update could not be found, downloaded or installed. The installed app is left as it
/// was in every case.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum UpdateError {
    /// This build has no update address and no mirror is set.
    #[error("no update address is configured for this build and no mirror is set")]
    NotConfigured,
    /// A mirror address (Settings or file) is not a usable `https://` address.
    #[error("the update mirror {value:?} is not usable: {reason}")]
    MirrorInvalid {
        /// What was given.
        value: String,
        /// Why it was refused.
        reason: String,
    },
    /// The update server could not be reached (offline, DNS, timeout).
    #[error("the update server cannot be reached: {0}")]
    Offline(String),
    /// The server answered, but not with a usable update manifest or file.
    #[error("the update server gave an unusable answer: {0}")]
    Server(String),
    /// The manifest offers a newer version, but not for this system.
    #[error("version {version} is not offered for this system ({targets})")]
    NoPlatform {
        /// The version offered.
        version: String,
        /// The platform names looked for, e.g. `linux-x86_64`.
        targets: String,
    },
    /// The downloaded file does not match its signature, or is not signed by Passerelle's key.
    #[error("the update's signature does not match (altered file or unknown key): {0}")]
    Signature(String),
    /// The file is signed but is not something this install can use (e.g. not an AppImage).
    #[error("the update file cannot be installed on this system: {0}")]
    Format(String),
    /// Installing failed; the previous version was kept.
    #[error("the update could not be installed: {0}")]
    Install(String),
    /// Download or install was asked before a check found an update.
    #[error("no update is waiting: check for updates first")]
    NonePending,
}

impl UpdateError {
    /// The stable code of this error; the UI shows the Fluent message `error-<code>`.
    pub fn code(&self) -> &'static str {
        match self {
            Self::NotConfigured => "update-not-configured",
            Self::MirrorInvalid { .. } => "update-mirror-invalid",
            Self::Offline(_) => "update-offline",
            Self::Server(_) => "update-server",
            Self::NoPlatform { .. } => "update-no-platform",
            Self::Signature(_) => "update-signature",
            Self::Format(_) => "update-format",
            Self::Install(_) => "update-install",
            Self::NonePending => "update-none-pending",
        }
    }
}

impl From<UpdateError> for IpcError {
    fn from(err: UpdateError) -> Self {
        Self::new(err.code(), err.to_string())
    }
}

/// Where the update address in use comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum UpdateSourceKind {
    /// The address built into this version of Passerelle.
    Build,
    /// A mirror set in Settings.
    Setting,
    /// A mirror named in the `update-mirror.txt` file of the data folder.
    File,
}

/// The manifest address to ask, and where it comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UpdateSource {
    /// The manifest address (may hold `{{target}}`, `{{arch}}`, `{{current_version}}`).
    pub endpoint: Url,
    /// Where it comes from.
    pub kind: UpdateSourceKind,
}

/// Checks a mirror address given by a person or a file: `https://` only, except plain `http://`
/// on this computer (a trainer's laptop serving a room) when `allow_loopback_http` is set.
pub fn parse_mirror(value: &str, allow_loopback_http: bool) -> Result<Url, UpdateError> {
    let invalid = |reason: &str| UpdateError::MirrorInvalid {
        value: value.to_owned(),
        reason: reason.to_owned(),
    };
    let trimmed = value.trim();
    let url = Url::parse(trimmed).map_err(|e| invalid(&e.to_string()))?;
    if url.host_str().is_none_or(str::is_empty) {
        return Err(invalid("no host"));
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err(invalid("an address with a login or password is refused"));
    }
    match url.scheme() {
        "https" => Ok(url),
        "http" if allow_loopback_http && is_loopback(&url) => Ok(url),
        "http" => Err(invalid("updates are fetched over https only")),
        other => Err(invalid(&format!("unsupported scheme {other:?}"))),
    }
}

fn is_loopback(url: &Url) -> bool {
    match url.host() {
        Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
        Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
        Some(url::Host::Domain(d)) => d.eq_ignore_ascii_case("localhost"),
        None => false,
    }
}

/// Reads the mirror file's address: the first line that is neither empty nor a `#` comment.
/// `Ok(None)` when the file does not exist.
pub fn read_mirror_file(path: &Path) -> Result<Option<String>, UpdateError> {
    match std::fs::read_to_string(path) {
        Ok(text) => Ok(text
            .lines()
            .map(str::trim)
            .find(|l| !l.is_empty() && !l.starts_with('#'))
            .map(str::to_owned)),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(UpdateError::MirrorInvalid {
            value: path.display().to_string(),
            reason: e.to_string(),
        }),
    }
}

/// The mirror file for a data folder.
pub fn mirror_file(data_dir: &Path) -> PathBuf {
    data_dir.join(MIRROR_FILE_NAME)
}

/// Chooses the address to ask: the mirror set in Settings, else the mirror file, else the
/// address built in. A mirror that is set but unusable is an error (never a silent fallback to
/// another server).
pub fn resolve_source(
    setting: Option<&str>,
    file: Option<&str>,
    build: Option<&str>,
    allow_loopback_http: bool,
) -> Result<UpdateSource, UpdateError> {
    fn nonempty(s: Option<&str>) -> Option<&str> {
        s.map(str::trim).filter(|s| !s.is_empty())
    }
    if let Some(value) = nonempty(setting) {
        return Ok(UpdateSource {
            endpoint: parse_mirror(value, allow_loopback_http)?,
            kind: UpdateSourceKind::Setting,
        });
    }
    if let Some(value) = nonempty(file) {
        return Ok(UpdateSource {
            endpoint: parse_mirror(value, allow_loopback_http)?,
            kind: UpdateSourceKind::File,
        });
    }
    match nonempty(build) {
        Some(value) => Ok(UpdateSource {
            endpoint: parse_mirror(value, allow_loopback_http)?,
            kind: UpdateSourceKind::Build,
        }),
        None => Err(UpdateError::NotConfigured),
    }
}

/// A mirror as Settings keeps it: trimmed, `None` when empty; refuses an unusable one.
pub fn checked_mirror(
    mirror: Option<String>,
    allow_loopback_http: bool,
) -> Result<Option<String>, UpdateError> {
    let mirror = mirror
        .map(|m| m.trim().to_owned())
        .filter(|m| !m.is_empty());
    if let Some(m) = &mirror {
        parse_mirror(m, allow_loopback_http)?;
    }
    Ok(mirror)
}

/// What the desktop shell knows of this build and laptop to find updates, besides the store.
#[derive(Debug, Clone)]
pub struct UpdateSetup {
    /// The data folder, where the mirror file may be.
    pub data_dir: PathBuf,
    /// The address built in, if any.
    pub build_endpoint: Option<String>,
    /// Whether plain-http addresses on this computer are accepted (the tests' builds).
    pub allow_loopback_http: bool,
}

impl UpdateSetup {
    /// The address to ask and where it comes from (see [`resolve_source`]).
    pub fn source(&self, store: &Store) -> Result<UpdateSource, IpcError> {
        let from_file = read_mirror_file(&mirror_file(&self.data_dir))?;
        Ok(resolve_source(
            store.update_mirror()?.as_deref(),
            from_file.as_deref(),
            self.build_endpoint.as_deref(),
            self.allow_loopback_http,
        )?)
    }

    /// What Settings shows about updates for the version running now.
    pub fn status(&self, store: &Store, current_version: String) -> Result<UpdateStatus, IpcError> {
        let (endpoint, kind, problem) = match self.source(store) {
            Ok(s) => (Some(s.endpoint.to_string()), Some(s.kind), None),
            Err(e) if e.code == "update-not-configured" => (None, None, None),
            Err(e) => (None, None, Some(e)),
        };
        Ok(UpdateStatus {
            current_version,
            endpoint,
            source: kind,
            mirror: store.update_mirror()?,
            mirror_file: mirror_file(&self.data_dir).display().to_string(),
            last_check: store
                .last_update_check()?
                .and_then(|t| t.format(&Rfc3339).ok()),
            problem,
        })
    }
}

/// Turns a download's chunks into progress events: one per 64 KiB received (and the last one)
/// is plenty for a progress bar.
#[derive(Debug, Default)]
pub struct DownloadProgress {
    downloaded: u64,
    reported: u64,
}

impl DownloadProgress {
    /// Counts `len` more bytes; the event to send, if one is due.
    pub fn chunk(&mut self, len: usize, total: Option<u64>) -> Option<UpdateEvent> {
        self.downloaded += len as u64;
        let due = self.downloaded - self.reported >= 64 * 1024 || Some(self.downloaded) == total;
        due.then(|| {
            self.reported = self.downloaded;
            UpdateEvent::Progress {
                downloaded: self.downloaded,
                total,
            }
        })
    }
}

/// Whether the quiet check at start is due: never checked, a day or more ago, or a last check
/// "in the future" (the clock was set back).
pub fn check_due(last: Option<OffsetDateTime>, now: OffsetDateTime) -> bool {
    match last {
        None => true,
        Some(last) => now - last >= CHECK_INTERVAL || last > now,
    }
}

/// Whether `offered` is a newer version than `current` (semantic versioning; a leading `v` is
/// accepted). An unreadable version is never newer.
pub fn is_newer(current: &str, offered: &str) -> bool {
    let parse = |v: &str| semver::Version::parse(v.trim().trim_start_matches('v')).ok();
    match (parse(current), parse(offered)) {
        (Some(current), Some(offered)) => offered > current,
        _ => false,
    }
}

/// The release notes to show, from a Tauri update manifest: `notes_i18n.<lang>` when the
/// manifest has it (e.g. `{"notes_i18n": {"fr": "…", "en": "…"}}`), else the plain `notes`.
pub fn release_notes(manifest: &serde_json::Value, lang: Language) -> Option<String> {
    let localised = manifest
        .get("notes_i18n")
        .and_then(|n| n.get(lang.tag()))
        .and_then(|n| n.as_str());
    localised
        .or_else(|| manifest.get("notes").and_then(|n| n.as_str()))
        .map(str::trim)
        .filter(|n| !n.is_empty())
        .map(str::to_owned)
}

/// What Settings shows about updates.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct UpdateStatus {
    /// The version running now.
    pub current_version: String,
    /// The manifest address in use, or `None` when updates are not configured.
    pub endpoint: Option<String>,
    /// Where that address comes from.
    pub source: Option<UpdateSourceKind>,
    /// The mirror set in Settings, if any.
    pub mirror: Option<String>,
    /// The mirror file looked at (it may not exist).
    pub mirror_file: String,
    /// When the last successful check happened (RFC 3339).
    pub last_check: Option<String>,
    /// A problem with the configured mirror, as an error to show.
    pub problem: Option<IpcError>,
}

/// An update on offer, as the person sees it before deciding.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct UpdateInfo {
    /// The version running now.
    pub current_version: String,
    /// The version offered.
    pub version: String,
    /// Publication date as the manifest gives it.
    pub date: Option<String>,
    /// Release notes in the person's language when the manifest has them.
    pub notes: Option<String>,
}

/// The answer of a check.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum UpdateCheck {
    /// A newer version is offered for this system.
    Available {
        /// What is offered.
        update: UpdateInfo,
    },
    /// Nothing newer. `offered` is the version the server named when it is not newer (e.g. an
    /// older one), so the person knows what was refused.
    #[serde(rename_all = "camelCase")]
    UpToDate {
        /// The version running now.
        current_version: String,
        /// The version the server offered, when it offered one that is not newer.
        offered: Option<String>,
    },
    /// The quiet check at start did not run (checked less than a day ago, or not configured).
    Skipped,
}

/// Progress of a download, streamed to the UI.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "event", content = "data", rename_all = "camelCase")]
pub enum UpdateEvent {
    /// Bytes received so far, and the total when the server said it.
    #[serde(rename_all = "camelCase")]
    Progress {
        /// Bytes received so far.
        #[ts(type = "number")]
        downloaded: u64,
        /// Size announced by the server.
        #[ts(type = "number | null")]
        total: Option<u64>,
    },
    /// The file is complete and its signature was verified.
    Verified,
}

impl Store {
    /// When the last successful update check happened.
    pub fn last_update_check(&self) -> Result<Option<OffsetDateTime>, CoreError> {
        Ok(self
            .raw_setting(LAST_CHECK_KEY)?
            .and_then(|s| OffsetDateTime::parse(&s, &Rfc3339).ok()))
    }

    /// Remembers a successful update check.
    pub fn set_last_update_check(&self, at: OffsetDateTime) -> Result<(), CoreError> {
        let stamp = at.format(&Rfc3339).expect("RFC 3339 formats any date");
        self.set_raw_setting(LAST_CHECK_KEY, Some(stamp))
    }

    /// The update mirror set in Settings.
    pub fn update_mirror(&self) -> Result<Option<String>, CoreError> {
        self.raw_setting(MIRROR_KEY)
    }

    /// Sets (or with `None`, removes) the update mirror.
    pub fn set_update_mirror(&self, mirror: Option<&str>) -> Result<(), CoreError> {
        self.set_raw_setting(MIRROR_KEY, mirror.map(str::to_owned))
    }

    fn raw_setting(&self, key: &str) -> Result<Option<String>, CoreError> {
        let raw: Option<String> = self.read(|c| {
            Ok(c.query_row(
                "SELECT value FROM app_settings WHERE key = ?1",
                [key],
                |r| r.get(0),
            )
            .optional()?)
        })?;
        Ok(raw.and_then(|v| serde_json::from_str(&v).ok()))
    }

    fn set_raw_setting(&self, key: &str, value: Option<String>) -> Result<(), CoreError> {
        self.read(|c| {
            match value {
                Some(v) => c.execute(
                    "INSERT INTO app_settings (key, value) VALUES (?1, ?2)
                     ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                    params![key, serde_json::Value::String(v).to_string()],
                )?,
                None => c.execute("DELETE FROM app_settings WHERE key = ?1", [key])?,
            };
            Ok(())
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    #[test]
    fn the_quiet_check_runs_at_most_once_a_day() {
        let now = datetime!(2026-11-21 10:00 UTC);
        assert!(check_due(None, now));
        assert!(!check_due(Some(datetime!(2026-11-21 08:00 UTC)), now));
        assert!(!check_due(Some(datetime!(2026-11-20 10:01 UTC)), now));
        assert!(check_due(Some(datetime!(2026-11-20 10:00 UTC)), now));
        // A clock set back must not silence the check for months.
        assert!(check_due(Some(datetime!(2027-03-01 00:00 UTC)), now));
    }

    #[test]
    fn versions_compare_as_semver() {
        assert!(is_newer("0.1.0", "0.2.0"));
        assert!(is_newer("0.9.0", "0.10.0"), "not a string comparison");
        assert!(is_newer("0.1.0", "v0.1.1"));
        assert!(is_newer("0.2.0-beta.1", "0.2.0"));
        assert!(!is_newer("0.2.0", "0.2.0"));
        assert!(!is_newer("0.2.0", "0.1.9"));
        assert!(!is_newer("0.2.0", "not a version"));
    }

    #[test]
    fn the_mirror_in_settings_wins_then_the_file_then_the_build() {
        let build = Some("https://updates.example.org/latest.json");
        let file = Some("https://chatons.example.net/passerelle/latest.json");
        let setting = Some("https://trainer.example.com/latest.json");
        let s = resolve_source(setting, file, build, false).unwrap();
        assert_eq!(s.kind, UpdateSourceKind::Setting);
        assert_eq!(s.endpoint.host_str(), Some("trainer.example.com"));
        let s = resolve_source(Some("  "), file, build, false).unwrap();
        assert_eq!(s.kind, UpdateSourceKind::File);
        let s = resolve_source(None, None, build, false).unwrap();
        assert_eq!(s.kind, UpdateSourceKind::Build);
        assert_eq!(
            resolve_source(None, None, None, false).unwrap_err(),
            UpdateError::NotConfigured
        );
    }

    #[test]
    fn a_bad_mirror_is_refused_not_skipped() {
        let build = Some("https://updates.example.org/latest.json");
        let err = resolve_source(Some("http://mirror.example.net/x.json"), None, build, false);
        assert_eq!(err.unwrap_err().code(), "update-mirror-invalid");
        for bad in [
            "mirror.example.net",
            "ftp://mirror.example.net/x.json",
            "https://user:pw@mirror.example.net/x.json",
            "http://127.0.0.1:8080/latest.json",
        ] {
            assert!(parse_mirror(bad, false).is_err(), "{bad} accepted");
        }
        assert!(parse_mirror("http://127.0.0.1:8080/latest.json", true).is_ok());
        assert!(parse_mirror("http://192.168.1.4/latest.json", true).is_err());
    }

    #[test]
    fn the_mirror_file_skips_comments_and_blank_lines() {
        let dir = tempfile::tempdir().unwrap();
        let path = mirror_file(dir.path());
        assert_eq!(read_mirror_file(&path).unwrap(), None);
        std::fs::write(
            &path,
            "# Our CHATONS mirror\n\n  https://chatons.example.net/latest.json  \nignored\n",
        )
        .unwrap();
        assert_eq!(
            read_mirror_file(&path).unwrap().as_deref(),
            Some("https://chatons.example.net/latest.json")
        );
    }

    #[test]
    fn release_notes_follow_the_language_then_fall_back() {
        let manifest = serde_json::json!({
            "version": "0.2.0",
            "notes": "Fixes",
            "notes_i18n": { "fr": "Corrections" }
        });
        assert_eq!(
            release_notes(&manifest, Language::Fr).as_deref(),
            Some("Corrections")
        );
        assert_eq!(
            release_notes(&manifest, Language::En).as_deref(),
            Some("Fixes")
        );
        assert_eq!(
            release_notes(&serde_json::json!({ "notes": " " }), Language::En),
            None
        );
    }

    #[test]
    fn last_check_and_mirror_are_kept_in_the_store() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&crate::DataPaths::at(dir.path())).unwrap();
        assert_eq!(store.last_update_check().unwrap(), None);
        let at = datetime!(2026-11-21 10:00 UTC);
        store.set_last_update_check(at).unwrap();
        assert_eq!(store.last_update_check().unwrap(), Some(at));
        store
            .set_update_mirror(Some("https://m.example.net/latest.json"))
            .unwrap();
        assert_eq!(
            store.update_mirror().unwrap().as_deref(),
            Some("https://m.example.net/latest.json")
        );
        store.set_update_mirror(None).unwrap();
        assert_eq!(store.update_mirror().unwrap(), None);
        // Other settings are untouched by these keys.
        assert_eq!(store.settings().unwrap(), crate::model::Settings::default());
    }

    #[test]
    fn every_update_code_is_listed_once_and_has_a_message() {
        let samples = [
            UpdateError::NotConfigured,
            UpdateError::MirrorInvalid {
                value: String::new(),
                reason: String::new(),
            },
            UpdateError::Offline(String::new()),
            UpdateError::Server(String::new()),
            UpdateError::NoPlatform {
                version: String::new(),
                targets: String::new(),
            },
            UpdateError::Signature(String::new()),
            UpdateError::Format(String::new()),
            UpdateError::Install(String::new()),
            UpdateError::NonePending,
        ];
        let codes: Vec<_> = samples.iter().map(UpdateError::code).collect();
        assert_eq!(codes, UPDATE_ERROR_CODES);
        for lang in Language::ALL {
            let ids = crate::i18n::message_ids(lang);
            for code in UPDATE_ERROR_CODES {
                assert!(
                    ids.contains(&format!("error-{code}")),
                    "{lang:?}: error-{code}"
                );
            }
        }
    }

    #[test]
    fn download_progress_is_one_event_per_64_kib_and_the_last_one() {
        let mut p = DownloadProgress::default();
        let total = Some(100 * 1024);
        assert_eq!(p.chunk(40 * 1024, total), None);
        assert_eq!(
            p.chunk(30 * 1024, total),
            Some(UpdateEvent::Progress {
                downloaded: 70 * 1024,
                total
            })
        );
        assert_eq!(p.chunk(20 * 1024, total), None);
        assert_eq!(
            p.chunk(10 * 1024, total),
            Some(UpdateEvent::Progress {
                downloaded: 100 * 1024,
                total
            })
        );
    }

    #[test]
    fn a_mirror_is_trimmed_and_an_empty_one_removed() {
        assert_eq!(checked_mirror(Some("  ".into()), false), Ok(None));
        assert_eq!(checked_mirror(None, false), Ok(None));
        assert_eq!(
            checked_mirror(Some(" https://m.example/latest.json ".into()), false),
            Ok(Some("https://m.example/latest.json".into()))
        );
        assert!(checked_mirror(Some("not an address".into()), false).is_err());
    }
}

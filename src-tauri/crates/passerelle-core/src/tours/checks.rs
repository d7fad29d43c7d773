//! Running the checks of task steps: [`Check::run`] asks the person's own account. What a check
//! is (the typed [`Check`] and the [`CHECK_TYPES`] table) lives in `check_spec`, which formats
//! and validation use without reaching the network client.
//!
//! Checks that compare with "before" (new files, moved files, new calendars) use a [`Baseline`]
//! kept when the person first saw the step with an account; without one they fall back on
//! upload and modification times.
//!
//! A server that cannot be reached (offline, timeout, maintenance, throttled) is not an error:
//! the outcome says `offline` so the UI can say the check will run later. A check never stores
//! nor prints what the person typed (app passwords).

use std::collections::BTreeSet;
use std::time::SystemTime;

use passerelle_nextcloud::dav::RemotePath;
use passerelle_nextcloud::dav::caldav::{CalDav, Calendar, Ownership};
use passerelle_nextcloud::dav::carddav::{AddressBook, CardDav};
use passerelle_nextcloud::dav::files::{FileEntry, Files};
use passerelle_nextcloud::{Client, Fingerprint, Secret, ShareQuery};
use serde::{Deserialize, Serialize};
use time::{Duration, OffsetDateTime};
use url::Url;

use super::check_spec::root;
pub use super::check_spec::{CHECK_TYPES, Check, CheckSpec, ShareTo, check_spec};
use super::types::CheckOutcome;
use super::vobject;
use crate::CoreError;

type NcResult<T> = Result<T, passerelle_nextcloud::Error>;

/// Server and local clocks differ a little: without a snapshot, files uploaded or modified this
/// long before the step started still count as new; a snapshot taken this long after the step
/// started is "late" (what it holds may be new).
pub const CLOCK_SLACK: Duration = Duration::minutes(2);

/// Default `within_days` of event checks.
pub const DEFAULT_WITHIN_DAYS: u32 = 31;

/// Where DAV lives, when not at Nextcloud's usual places (tests against plain WebDAV,
/// CalDAV and CardDAV servers).
#[derive(Debug, Clone, Default)]
pub struct DavRoots {
    /// Files root (default `/remote.php/dav/files/<user>/`).
    pub files: Option<Url>,
    /// Calendar home.
    pub calendars: Option<Url>,
    /// Address book home.
    pub contacts: Option<Url>,
}

/// One entry of a folder as it was when a step started.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SnapshotEntry {
    /// Its name.
    pub name: String,
    /// Nextcloud's file id (`oc:fileid`), when the server gives them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<u64>,
    /// ETag without quotes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub etag: Option<String>,
}

/// What a folder held when a step started (`file-exists` with `new`, `file-moved`'s `from`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FolderSnapshot {
    /// The folder, normalised (`/`, `/Bureau`).
    pub folder: String,
    /// When it was taken, in seconds since the epoch.
    pub taken_at: i64,
    /// Its files and folders (empty when the folder did not exist).
    pub entries: Vec<SnapshotEntry>,
}

impl FolderSnapshot {
    /// A snapshot of these entries of `folder`, taken now.
    pub fn of(folder: &RemotePath, entries: &[FileEntry]) -> Self {
        FolderSnapshot {
            folder: folder.to_string(),
            taken_at: OffsetDateTime::now_utc().unix_timestamp(),
            entries: entries
                .iter()
                .map(|e| SnapshotEntry {
                    name: e.name().to_owned(),
                    id: e.file_id,
                    etag: e.etag.clone(),
                })
                .collect(),
        }
    }

    /// Whether it is about `folder` (as written in a check).
    pub fn is_of(&self, folder: &str) -> bool {
        RemotePath::parse(folder).is_ok_and(|p| p.to_string() == self.folder)
    }

    /// The entry that was `entry`: the same file id when both have one (renamed or moved
    /// files keep theirs; a copy gets a new one), else the same name.
    fn find(&self, entry: &FileEntry) -> Option<&SnapshotEntry> {
        let by_id = entry
            .file_id
            .filter(|_| self.entries.iter().any(|e| e.id.is_some()));
        match by_id {
            Some(id) => self.entries.iter().find(|e| e.id == Some(id)),
            None => self.entries.iter().find(|e| e.name == entry.name()),
        }
    }

    /// Taken well after the step started (it was first seen offline or without an account):
    /// what it holds may have arrived since the start.
    fn late(&self, since: Option<OffsetDateTime>) -> bool {
        since.is_some_and(|s| self.taken_at > (s + CLOCK_SLACK).unix_timestamp())
    }
}

/// What existed when a step started, kept in the step's progress record (JSON).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Baseline {
    /// Owned calendars' last path segments (`calendar-exists` without a name).
    Calendars(Vec<String>),
    /// A folder's entries (`file-exists` with `new`, `file-moved`).
    Folder(FolderSnapshot),
}

/// What a check may know besides the account.
#[derive(Debug, Clone, Default)]
pub struct CheckContext {
    /// When the person first saw the step (`None`: no time condition).
    pub step_started_at: Option<OffsetDateTime>,
    /// What the person typed in the step's field (app passwords): never stored.
    pub input: Option<Secret>,
    /// What existed when the step started, if it could be read then.
    pub baseline: Option<Baseline>,
    /// The certificate the person trusted for this server, for checks that connect anew.
    pub pinned_certificate: Option<Fingerprint>,
    /// Non-default DAV locations.
    pub roots: DavRoots,
}

impl CheckContext {
    /// The calendars kept when the step started.
    pub fn calendar_baseline(&self) -> Option<&[String]> {
        match &self.baseline {
            Some(Baseline::Calendars(uris)) => Some(uris),
            _ => None,
        }
    }

    /// The snapshot of `folder` kept when the step started.
    pub fn folder_snapshot(&self, folder: &str) -> Option<&FolderSnapshot> {
        match &self.baseline {
            Some(Baseline::Folder(s)) if s.is_of(folder) => Some(s),
            _ => None,
        }
    }
}

/// Whether an error means "the server cannot be asked now".
pub fn is_unreachable(e: &passerelle_nextcloud::Error) -> bool {
    e.is_offline() || e.is_timeout() || e.is_maintenance() || e.is_rate_limited()
}

impl Check {
    /// Whether the check compares with what existed when the step started.
    pub fn needs_baseline(&self) -> bool {
        self.watched_folder().is_some() || matches!(self, Check::CalendarExists { name: None })
    }

    /// The folder whose entries are kept when the step starts: where `file-exists` (with
    /// `new`) looks, `file-moved`'s `from`.
    fn watched_folder(&self) -> Option<RemotePath> {
        match self {
            Check::FileExists {
                path: Some(p),
                new: true,
                ..
            } => RemotePath::parse(p).ok()?.parent(),
            Check::FileExists {
                path: None,
                folder,
                new: true,
                ..
            } => RemotePath::parse(folder).ok(),
            Check::FileMoved { from, .. } => RemotePath::parse(from).ok(),
            _ => None,
        }
    }

    /// What exists now that the check compares with later (`None`: it compares with nothing).
    pub async fn take_baseline(
        &self,
        client: &Client,
        ctx: &CheckContext,
    ) -> Result<Option<Baseline>, CoreError> {
        if let Some(folder) = self.watched_folder() {
            let entries = list_or_empty(&files(client, ctx)?, &folder).await?;
            return Ok(Some(Baseline::Folder(FolderSnapshot::of(
                &folder, &entries,
            ))));
        }
        if self.needs_baseline() {
            return Ok(Some(Baseline::Calendars(
                calendar_baseline(client, ctx).await?,
            )));
        }
        Ok(None)
    }

    /// Problems in the values (beyond their types): `(message, fix)`, in English.
    pub fn problems(&self) -> Vec<(String, String)> {
        let mut out = Vec::new();
        let path = |out: &mut Vec<(String, String)>, field: &str, value: &str, allow_root: bool| {
            match RemotePath::parse(value) {
                Ok(p) if p.is_root() && !allow_root => out.push((
                    format!("`{field}` cannot be the root folder"),
                    format!("name a folder or file in `{field}`, e.g. \"/Documents\""),
                )),
                Ok(_) => {}
                Err(_) => out.push((
                    format!("`{field}` = {value:?} is not a usable path"),
                    "write a path like \"/Documents/notes.txt\" (no \"..\", no empty names)".into(),
                )),
            }
        };
        match self {
            Check::FileExists {
                path: p,
                name,
                folder,
                ..
            } => {
                match (p, name) {
                    (Some(_), Some(_)) | (None, None) => out.push((
                        "file-exists needs exactly one of `path` and `name`".into(),
                        "keep `path` for one exact file, or `name` (a glob like \"*.pdf\") with `folder`"
                            .into(),
                    )),
                    _ => {}
                }
                if let Some(p) = p {
                    path(&mut out, "path", p, false);
                }
                if let Some(n) = name
                    && (n.is_empty() || n.contains('/'))
                {
                    out.push((
                        format!("`name` = {n:?} is not a file name pattern"),
                        "use a name without \"/\", e.g. \"compte-rendu*.odt\"".into(),
                    ));
                }
                path(&mut out, "folder", folder, true);
            }
            Check::FolderExists { path: p } => path(&mut out, "path", p, false),
            Check::FileMoved { name, from, to } => {
                path(&mut out, "from", from, true);
                path(&mut out, "to", to, true);
                if RemotePath::root().join(name).is_err() {
                    out.push((
                        format!("`name` = {name:?} is not a file name or name pattern"),
                        "use a plain name or a glob without \"/\", e.g. \"notes.txt\" or \"*\""
                            .into(),
                    ));
                }
                if from.trim_matches('/') == to.trim_matches('/') {
                    out.push((
                        "`from` and `to` are the same folder".into(),
                        "name two different folders".into(),
                    ));
                }
            }
            Check::ShareExists { path: p, .. } => path(&mut out, "path", p, false),
            Check::EventExists { within_days, .. } | Check::EventHasAttendee { within_days }
                if within_days.is_some_and(|d| d == 0 || d > 366) =>
            {
                out.push((
                    "`within_days` must be between 1 and 366".into(),
                    "use a number of days such as 7 or 31".into(),
                ));
            }
            _ => {}
        }
        out
    }

    /// Runs the check against the account of `client`.
    pub async fn run(
        &self,
        client: &Client,
        ctx: &CheckContext,
    ) -> Result<CheckOutcome, CoreError> {
        match self.evaluate(client, ctx).await {
            Ok(outcome) => Ok(outcome),
            Err(e) if is_unreachable(&e) => Ok(CheckOutcome::offline()),
            Err(e) => Err(e.into()),
        }
    }

    async fn evaluate(&self, client: &Client, ctx: &CheckContext) -> NcResult<CheckOutcome> {
        let ty = self.type_name();
        match self {
            Check::FileExists {
                path,
                name,
                folder,
                min_size,
                new,
            } => {
                let files = files(client, ctx)?;
                let fresh = new.then(|| Freshness {
                    since: ctx.step_started_at,
                    snapshot: self
                        .watched_folder()
                        .and_then(|f| ctx.folder_snapshot(&f.to_string())),
                });
                file_exists(
                    &files,
                    path.as_deref(),
                    name.as_deref(),
                    folder,
                    *min_size,
                    fresh,
                )
                .await
            }
            Check::FolderExists { path } => {
                let files = files(client, ctx)?;
                Ok(match stat(&files, path).await? {
                    Some(e) if e.is_dir => CheckOutcome::done(e.path.to_string()),
                    _ => CheckOutcome::missing(ty, &[("path", path.clone())]),
                })
            }
            Check::FileMoved { name, from, to } => {
                let files = files(client, ctx)?;
                let (Ok(from_dir), Ok(to_dir)) = (RemotePath::parse(from), RemotePath::parse(to))
                else {
                    return Ok(file_moved_missing(name, from, to, MoveMiss::None));
                };
                let in_to = list_or_empty(&files, &to_dir).await?;
                let in_from = list_or_empty(&files, &from_dir).await?;
                let snapshot = ctx.folder_snapshot(&from_dir.to_string());
                Ok(match find_moved(name, &in_to, &in_from, snapshot) {
                    Ok(e) => CheckOutcome::done(e.path.to_string()),
                    Err(miss) => file_moved_missing(name, from, to, miss),
                })
            }
            Check::ShareExists {
                path,
                to,
                password,
                expiry,
            } => share_exists(client, path, *to, *password, *expiry).await,
            Check::CalendarExists { name } => {
                let calendars = own_calendars(client, ctx).await?;
                let found = match name {
                    Some(n) => calendars.iter().find(|c| {
                        c.display_name
                            .as_deref()
                            .is_some_and(|d| d.trim().eq_ignore_ascii_case(n.trim()))
                            || c.uri.eq_ignore_ascii_case(n.trim())
                    }),
                    None => calendars.iter().find(|c| match ctx.calendar_baseline() {
                        Some(before) => !before.contains(&c.uri),
                        // Without a snapshot: anything but the calendar every account starts with.
                        None => c.uri != "personal",
                    }),
                };
                Ok(match found {
                    Some(c) => CheckOutcome::done(calendar_label(c)),
                    None => CheckOutcome::missing(ty, &filtered("name", name.as_deref(), &[])),
                })
            }
            Check::EventExists {
                within_days,
                summary,
            } => {
                let days = within_days.unwrap_or(DEFAULT_WITHIN_DAYS);
                let wanted = summary.as_deref().map(str::to_lowercase);
                let found = find_event(client, ctx, days, |e| match &wanted {
                    Some(w) => e
                        .summary
                        .as_deref()
                        .is_some_and(|s| s.to_lowercase().contains(w.as_str())),
                    None => true,
                })
                .await?;
                Ok(match found {
                    Some(label) => CheckOutcome::done(label),
                    None => CheckOutcome::missing(
                        ty,
                        &filtered("summary", summary.as_deref(), &[("days", days.to_string())]),
                    ),
                })
            }
            Check::EventHasAttendee { within_days } => {
                let days = within_days.unwrap_or(DEFAULT_WITHIN_DAYS);
                let found = find_event(client, ctx, days, |e| e.has_attendee).await?;
                Ok(match found {
                    Some(label) => CheckOutcome::done(label),
                    None => CheckOutcome::missing(ty, &[("days", days.to_string())]),
                })
            }
            Check::CalendarShared {} => {
                let calendars = own_calendars(client, ctx).await?;
                Ok(match calendars.iter().find(|c| !c.shared_with.is_empty()) {
                    Some(c) => CheckOutcome::done(calendar_label(c)),
                    None => CheckOutcome::missing(ty, &[]),
                })
            }
            Check::ContactExists { name } => {
                let carddav = carddav(client, ctx)?;
                let wanted = name.as_deref().map(|n| n.trim().to_lowercase());
                for book in own_books(&carddav).await? {
                    for card in carddav.objects(&book.url).await? {
                        let names = vobject::card_names(card.data.as_deref().unwrap_or_default());
                        let hit = names.into_iter().find(|n| match &wanted {
                            Some(w) => n.to_lowercase().contains(w.as_str()),
                            None => true,
                        });
                        if let Some(n) = hit {
                            return Ok(CheckOutcome::done(n));
                        }
                    }
                }
                Ok(CheckOutcome::missing(
                    ty,
                    &filtered("name", name.as_deref(), &[]),
                ))
            }
            Check::AddressbookShared {} => {
                let carddav = carddav(client, ctx)?;
                let books = own_books(&carddav).await?;
                Ok(match books.iter().find(|b| !b.shared_with.is_empty()) {
                    Some(b) => CheckOutcome::done(b.display_name.clone().unwrap_or(b.uri.clone())),
                    None => CheckOutcome::missing(ty, &[]),
                })
            }
            Check::AppPasswordValid {} => app_password_valid(client, ctx).await,
            Check::QuotaUsedAbove { bytes } => {
                let user = client.current_user().await?;
                let used = user.quota.used.max(0) as u64;
                Ok(if used > *bytes {
                    CheckOutcome::done(format!("{used} bytes used"))
                } else {
                    CheckOutcome::missing(
                        ty,
                        &[("bytes", bytes.to_string()), ("used", used.to_string())],
                    )
                })
            }
        }
    }
}

/// Arguments for a "missing" message whose check may name something (`filter` = `named`) or
/// accept anything (`filter` = `any`).
fn filtered(
    key: &'static str,
    value: Option<&str>,
    rest: &[(&'static str, String)],
) -> Vec<(&'static str, String)> {
    let mut args = vec![
        (
            "filter",
            if value.is_some() { "named" } else { "any" }.to_owned(),
        ),
        (key, value.unwrap_or_default().to_owned()),
    ];
    args.extend(rest.iter().cloned());
    args
}

fn files(client: &Client, ctx: &CheckContext) -> NcResult<Files> {
    match &ctx.roots.files {
        Some(url) => Ok(Files::at(client, url.clone())),
        None => client.files(),
    }
}

fn caldav(client: &Client, ctx: &CheckContext) -> NcResult<CalDav> {
    match &ctx.roots.calendars {
        Some(url) => Ok(CalDav::at(client, url.clone())),
        None => client.caldav(),
    }
}

fn carddav(client: &Client, ctx: &CheckContext) -> NcResult<CardDav> {
    match &ctx.roots.contacts {
        Some(url) => Ok(CardDav::at(client, url.clone())),
        None => client.carddav(),
    }
}

/// The entry at `path`, `None` when it does not exist.
async fn stat(files: &Files, path: &str) -> NcResult<Option<FileEntry>> {
    let Ok(p) = RemotePath::parse(path) else {
        return Ok(None);
    };
    match files.stat(&p).await {
        Ok(e) => Ok(Some(e)),
        Err(e) if e.is_not_found() => Ok(None),
        Err(e) => Err(e),
    }
}

/// A folder's entries; none when it does not exist.
async fn list_or_empty(files: &Files, dir: &RemotePath) -> NcResult<Vec<FileEntry>> {
    match files.list(dir).await {
        Ok(list) => Ok(list),
        Err(e) if e.is_not_found() => Ok(Vec::new()),
        Err(e) => Err(e),
    }
}

/// How the `name` of a file check matches; it also picks the "missing" message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum NameKind {
    /// No wildcard: that name (`check-<type>-missing`).
    Exact,
    /// Only `*`: any file (`check-<type>-missing-any`).
    Any,
    /// Another glob (`check-<type>-missing-pattern`).
    Pattern,
}

impl NameKind {
    fn of(name: &str) -> Self {
        if !name.is_empty() && name.chars().all(|c| c == '*') {
            NameKind::Any
        } else if name.contains(['*', '?']) {
            NameKind::Pattern
        } else {
            NameKind::Exact
        }
    }

    fn variant(self) -> Option<&'static str> {
        match self {
            NameKind::Exact => None,
            NameKind::Any => Some("any"),
            NameKind::Pattern => Some("pattern"),
        }
    }
}

/// A name as listings give them (NFC), for comparing.
fn listed_name(name: &str) -> String {
    RemotePath::root()
        .join(name)
        .ok()
        .and_then(|p| p.name().map(str::to_owned))
        .unwrap_or_else(|| name.to_owned())
}

/// A folder as messages show it (`Bureau`, `Docs/2024`; `/` for the root) and its place:
/// `root` (messages say "in your Files") or `folder`.
fn place(folder: &str) -> (String, &'static str) {
    match RemotePath::parse(folder) {
        Ok(p) if p.is_root() => ("/".to_owned(), "root"),
        Ok(p) => (p.segments().join("/"), "folder"),
        Err(_) => (folder.to_owned(), "folder"),
    }
}

/// What "new" compares with (`file-exists` with `new = true`).
#[derive(Debug, Clone, Copy)]
struct Freshness<'a> {
    /// When the step started.
    since: Option<OffsetDateTime>,
    /// The folder's entries then, when they could be read.
    snapshot: Option<&'a FolderSnapshot>,
}

impl Freshness<'_> {
    /// Whether `entry` is new for the step: not in the snapshot, or changed since (another
    /// ETag). Without a snapshot, and for what a late snapshot holds: uploaded
    /// (`nc:upload_time`) or modified after the step started, with some clock slack. Clients
    /// keep a file's original modification time on upload, so the upload time comes first;
    /// servers before Nextcloud 28 only give the modification time.
    fn is_new(&self, entry: &FileEntry) -> bool {
        let Some(snapshot) = self.snapshot else {
            return self.recent(entry);
        };
        match snapshot.find(entry) {
            None => true,
            Some(before) => {
                let changed = matches!((&before.etag, &entry.etag), (Some(a), Some(b)) if a != b);
                changed || (snapshot.late(self.since) && self.recent(entry))
            }
        }
    }

    fn recent(&self, entry: &FileEntry) -> bool {
        let Some(since) = self.since else {
            return true;
        };
        let threshold = since - CLOCK_SLACK;
        let after = |t: Option<SystemTime>| t.is_some_and(|t| OffsetDateTime::from(t) >= threshold);
        (entry.upload_time.is_none() && entry.modified.is_none())
            || after(entry.upload_time)
            || after(entry.modified)
    }
}

/// Why a file candidate does not count.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum FileMiss {
    None,
    NotNew,
    TooSmall,
}

async fn file_exists(
    files: &Files,
    path: Option<&str>,
    name: Option<&str>,
    folder: &str,
    min_size: Option<u64>,
    fresh: Option<Freshness<'_>>,
) -> NcResult<CheckOutcome> {
    let (candidates, shown_name, shown_folder, kind): (Vec<FileEntry>, String, String, NameKind) =
        match (path, name) {
            (Some(p), _) => {
                let parsed = RemotePath::parse(p).ok();
                let file_name = parsed.as_ref().and_then(|r| r.name()).unwrap_or(p);
                let parent = parsed
                    .as_ref()
                    .and_then(RemotePath::parent)
                    .map(|r| r.to_string())
                    .unwrap_or_else(root);
                let found = stat(files, p).await?.into_iter().collect();
                (found, file_name.to_owned(), parent, NameKind::Exact)
            }
            (None, Some(pattern)) => {
                let listed = match RemotePath::parse(folder) {
                    Ok(dir) => list_or_empty(files, &dir).await?,
                    Err(_) => Vec::new(),
                };
                let wanted = listed_name(pattern);
                let found = listed
                    .into_iter()
                    .filter(|e| !e.is_dir && glob_match(&wanted, e.name()))
                    .collect();
                (
                    found,
                    pattern.to_owned(),
                    folder.to_owned(),
                    NameKind::of(pattern),
                )
            }
            (None, None) => (Vec::new(), String::new(), folder.to_owned(), NameKind::Any),
        };
    let mut best = FileMiss::None;
    for entry in candidates.iter().filter(|e| !e.is_dir) {
        let big_enough = min_size.is_none_or(|m| entry.size.unwrap_or(0) >= m);
        let new = fresh.is_none_or(|f| f.is_new(entry));
        match (big_enough, new) {
            (true, true) => return Ok(CheckOutcome::done(entry.path.to_string())),
            (false, _) => best = best.max(FileMiss::TooSmall),
            (true, false) => best = best.max(FileMiss::NotNew),
        }
    }
    let reason = match best {
        FileMiss::None => "none",
        FileMiss::NotNew => "not-new",
        FileMiss::TooSmall => "too-small",
    };
    let (shown_folder, place) = place(&shown_folder);
    Ok(CheckOutcome::missing_variant(
        "file-exists",
        kind.variant(),
        &[
            ("name", shown_name),
            ("folder", shown_folder),
            ("place", place.to_owned()),
            ("reason", reason.to_owned()),
            ("min_size", min_size.unwrap_or(0).to_string()),
        ],
    ))
}

/// Why no entry of `to` counts as moved (the strongest reason wins).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum MoveMiss {
    /// Nothing matching in `to`.
    None,
    /// Something matching in `to`, but it was not in `from` when the step started.
    NotFrom,
    /// Something matching in `to`, but that name is still in `from` (copied, not moved).
    StillThere,
}

/// The entry of `to` that was moved there from `from`: it matches `name` (an exact name:
/// file or folder; a glob: files), that name is not in `from` any more, and with a snapshot of
/// `from`, it was there when the step started (by file id when the server gives them).
fn find_moved<'a>(
    name: &str,
    in_to: &'a [FileEntry],
    in_from: &[FileEntry],
    snapshot: Option<&FolderSnapshot>,
) -> Result<&'a FileEntry, MoveMiss> {
    let kind = NameKind::of(name);
    let wanted = listed_name(name);
    let mut miss = MoveMiss::None;
    for entry in in_to {
        let hit = match kind {
            NameKind::Exact => entry.name() == wanted,
            NameKind::Any | NameKind::Pattern => !entry.is_dir && glob_match(&wanted, entry.name()),
        };
        if !hit {
            continue;
        }
        if in_from.iter().any(|f| f.name() == entry.name()) {
            miss = miss.max(MoveMiss::StillThere);
        } else if snapshot.is_some_and(|s| s.find(entry).is_none()) {
            miss = miss.max(MoveMiss::NotFrom);
        } else {
            return Ok(entry);
        }
    }
    Err(miss)
}

fn file_moved_missing(name: &str, from: &str, to: &str, miss: MoveMiss) -> CheckOutcome {
    let (from, from_place) = place(from);
    let (to, to_place) = place(to);
    let reason = match miss {
        MoveMiss::None => "none",
        MoveMiss::NotFrom => "not-from",
        MoveMiss::StillThere => "still-there",
    };
    CheckOutcome::missing_variant(
        "file-moved",
        NameKind::of(name).variant(),
        &[
            ("name", name.to_owned()),
            ("from", from),
            ("from_place", from_place.to_owned()),
            ("to", to),
            ("to_place", to_place.to_owned()),
            ("reason", reason.to_owned()),
        ],
    )
}

/// `*` any run of characters, `?` one character; case is ignored.
pub fn glob_match(pattern: &str, name: &str) -> bool {
    let p: Vec<char> = pattern.to_lowercase().chars().collect();
    let n: Vec<char> = name.to_lowercase().chars().collect();
    let (mut pi, mut ni) = (0, 0);
    let mut star: Option<(usize, usize)> = None;
    while ni < n.len() {
        if pi < p.len() && (p[pi] == '?' || p[pi] == n[ni]) {
            pi += 1;
            ni += 1;
        } else if pi < p.len() && p[pi] == '*' {
            star = Some((pi, ni));
            pi += 1;
        } else if let Some((sp, sn)) = star {
            pi = sp + 1;
            ni = sn + 1;
            star = Some((sp, sn + 1));
        } else {
            return false;
        }
    }
    p[pi..].iter().all(|c| *c == '*')
}

fn normalized_share_path(p: &str) -> String {
    format!("/{}", p.trim_matches('/'))
}

async fn share_exists(
    client: &Client,
    path: &str,
    to: ShareTo,
    password: Option<bool>,
    expiry: Option<bool>,
) -> NcResult<CheckOutcome> {
    let wanted = normalized_share_path(path);
    let shares = client.list_shares(&ShareQuery::default()).await?;
    let of_path: Vec<_> = shares
        .iter()
        .filter(|s| normalized_share_path(&s.path) == wanted)
        .collect();
    let of_type: Vec<_> = of_path
        .iter()
        .filter(|s| to.matches(s.share_type))
        .collect();
    let with_password: Vec<_> = of_type
        .iter()
        .filter(|s| password != Some(true) || s.has_password)
        .collect();
    let complete = with_password
        .iter()
        .find(|s| expiry != Some(true) || s.expiration.as_deref().is_some_and(|e| !e.is_empty()));
    if let Some(share) = complete {
        return Ok(CheckOutcome::done(format!(
            "{} (share {}, type {})",
            share.path, share.id, share.share_type
        )));
    }
    let reason = if of_path.is_empty() {
        "none"
    } else if of_type.is_empty() {
        "wrong-type"
    } else if with_password.is_empty() {
        "no-password"
    } else {
        "no-expiry"
    };
    Ok(CheckOutcome::missing(
        "share-exists",
        &[
            ("path", path.to_owned()),
            ("to", to.name().to_owned()),
            ("reason", reason.to_owned()),
        ],
    ))
}

fn calendar_label(c: &Calendar) -> String {
    c.display_name.clone().unwrap_or_else(|| c.uri.clone())
}

/// The person's own calendars, the automatic birthday calendar left out.
async fn own_calendars(client: &Client, ctx: &CheckContext) -> NcResult<Vec<Calendar>> {
    Ok(caldav(client, ctx)?
        .calendars()
        .await?
        .into_iter()
        .filter(|c| c.ownership == Ownership::Owned && !c.is_birthday)
        .collect())
}

/// Owned calendars' last path segments, to compare with later (`calendar-exists`).
pub async fn calendar_baseline(
    client: &Client,
    ctx: &CheckContext,
) -> Result<Vec<String>, CoreError> {
    Ok(own_calendars(client, ctx)
        .await?
        .into_iter()
        .map(|c| c.uri)
        .collect())
}

async fn find_event(
    client: &Client,
    ctx: &CheckContext,
    days: u32,
    wanted: impl Fn(&vobject::Event) -> bool,
) -> NcResult<Option<String>> {
    let now = OffsetDateTime::now_utc();
    // A day back: an event created for "now" in a workshop counts, whatever the time zone.
    let (from, to) = (
        now - Duration::days(1),
        now + Duration::days(i64::from(days)),
    );
    let dav = caldav(client, ctx)?;
    for cal in own_calendars(client, ctx).await? {
        if !cal.components.is_empty() && !cal.components.iter().any(|c| c == "VEVENT") {
            continue;
        }
        for object in dav.objects(&cal.url).await? {
            let events = vobject::events(object.data.as_deref().unwrap_or_default());
            if let Some(e) = events
                .iter()
                .find(|e| e.occurs_between(from, to) && wanted(e))
            {
                return Ok(Some(
                    e.summary.clone().unwrap_or_else(|| object.name.clone()),
                ));
            }
        }
    }
    Ok(None)
}

/// The person's own address books, generated ones ("Accounts", "Recently contacted") left out.
async fn own_books(carddav: &CardDav) -> NcResult<Vec<AddressBook>> {
    Ok(carddav
        .address_books()
        .await?
        .into_iter()
        .filter(|b| {
            b.ownership == Ownership::Owned
                && !b.uri.starts_with("z-app-generated--")
                && !b.uri.starts_with("z-server-generated--")
        })
        .collect())
}

async fn app_password_valid(client: &Client, ctx: &CheckContext) -> NcResult<CheckOutcome> {
    let ty = "app-password-valid";
    let typed = ctx
        .input
        .as_ref()
        .map(|s| s.expose().trim().to_owned())
        .unwrap_or_default();
    let Some(login) = client.login().filter(|_| !typed.is_empty()) else {
        return Ok(CheckOutcome::missing(ty, &[]));
    };
    let mut builder =
        crate::connect::builder_with_pin(client.base_url().as_str(), ctx.pinned_certificate)
            .credentials(login.to_owned(), typed);
    if let Some(user) = client.user_id() {
        builder = builder.user_id(user.to_owned());
    }
    let fresh = builder.build()?;
    match fresh.current_user().await {
        Ok(user) => Ok(CheckOutcome::done(format!(
            "app password works for {}",
            user.id
        ))),
        Err(e) if e.is_auth() || e.is_forbidden() => Ok(CheckOutcome::missing(ty, &[])),
        Err(e) => Err(e),
    }
}

/// The ids of every check type, in table order.
pub fn check_type_names() -> BTreeSet<&'static str> {
    CHECK_TYPES.iter().map(|c| c.name).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_table_example_parses_to_its_type_and_is_valid() {
        for spec in CHECK_TYPES {
            let text = format!("check = {}", spec.example);
            #[derive(Deserialize)]
            struct W {
                check: Check,
            }
            let w: W = toml::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", spec.name));
            assert_eq!(w.check.type_name(), spec.name);
            assert!(
                w.check.problems().is_empty(),
                "{}: {:?}",
                spec.name,
                w.check.problems()
            );
            assert_eq!(w.check.needs_input(), spec.needs_input);
        }
        assert_eq!(
            check_type_names().len(),
            CHECK_TYPES.len(),
            "names are unique"
        );
    }

    #[test]
    fn unknown_fields_and_types_are_refused() {
        #[derive(Debug, Deserialize)]
        #[allow(dead_code)]
        struct W {
            check: Check,
        }
        let e =
            toml::from_str::<W>(r#"check = { type = "folder-exists", paht = "x" }"#).unwrap_err();
        assert!(e.message().contains("paht"), "{e}");
        let e =
            toml::from_str::<W>(r#"check = { type = "calendar-shared", name = "x" }"#).unwrap_err();
        assert!(e.message().contains("name"), "{e}");
        assert!(toml::from_str::<W>(r#"check = { type = "folder-exist", path = "x" }"#).is_err());
    }

    #[test]
    fn globs() {
        assert!(glob_match("*.pdf", "Compte-rendu.PDF"));
        assert!(glob_match("rapport-??.odt", "rapport-01.odt"));
        assert!(!glob_match("rapport-??.odt", "rapport-1.odt"));
        assert!(glob_match("*", "x") && glob_match("a*b*c", "aXXbYYc") && !glob_match("a*b", "ac"));
        assert!(glob_match("résumé*", "Résumé final.txt"));
    }

    const START: i64 = 1_767_225_600; // when the step started

    fn at(secs: i64) -> SystemTime {
        SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(secs as u64)
    }

    fn entry(name: &str, id: Option<u64>, etag: &str, modified: i64, uploaded: i64) -> FileEntry {
        FileEntry {
            path: RemotePath::parse(&format!("/Docs/{name}")).unwrap(),
            is_dir: false,
            size: Some(10),
            etag: Some(etag.into()),
            modified: Some(at(modified)),
            upload_time: (uploaded > 0).then(|| at(uploaded)),
            content_type: None,
            file_id: id,
            permissions: None,
            checksums: Vec::new(),
            share_types: Vec::new(),
            owner_id: None,
            owner_display_name: None,
            mount_type: None,
            quota_available: None,
            quota_used: None,
            encrypted: false,
            locked_by: None,
        }
    }

    fn snapshot(entries: &[FileEntry], taken_at: i64) -> FolderSnapshot {
        FolderSnapshot {
            taken_at,
            ..FolderSnapshot::of(&RemotePath::parse("/Docs").unwrap(), entries)
        }
    }

    fn started() -> Option<OffsetDateTime> {
        OffsetDateTime::from_unix_timestamp(START).ok()
    }

    #[test]
    fn new_means_absent_from_the_snapshot_whatever_the_modification_time() {
        let old = 1_425_376_800; // 2015: clients keep a document's own time on upload
        let before = entry("notes.txt", Some(7), "e1", START - 60, 0);
        let snap = snapshot(std::slice::from_ref(&before), START);
        let fresh = Freshness {
            since: started(),
            snapshot: Some(&snap),
        };
        assert!(!fresh.is_new(&before), "there when the step started");
        assert!(fresh.is_new(&entry("scan.pdf", Some(8), "e2", old, 0)));
        // The same file id renamed is still the same file; saved again, it changed.
        assert!(!fresh.is_new(&entry("renamed.txt", Some(7), "e1", START - 60, 0)));
        assert!(fresh.is_new(&entry("notes.txt", Some(7), "e3", START + 30, 0)));
        // Deleted, then uploaded again with the same name: a new file id.
        assert!(fresh.is_new(&entry("notes.txt", Some(9), "e1", START - 60, 0)));
        // Without file ids (plain WebDAV): names and ETags.
        let no_ids = snapshot(&[entry("notes.txt", None, "e1", START - 60, 0)], START);
        let fresh = Freshness {
            since: started(),
            snapshot: Some(&no_ids),
        };
        assert!(!fresh.is_new(&entry("notes.txt", None, "e1", START - 60, 0)));
        assert!(fresh.is_new(&entry("notes.txt", None, "e4", START + 30, 0)));
        assert!(fresh.is_new(&entry("scan.pdf", None, "e2", old, 0)));
    }

    #[test]
    fn without_a_snapshot_the_upload_time_then_the_modification_time_decide() {
        let old = 1_425_376_800;
        let fresh = Freshness {
            since: started(),
            snapshot: None,
        };
        assert!(
            fresh.is_new(&entry("a", Some(1), "e", old, START + 10)),
            "uploaded now"
        );
        assert!(
            !fresh.is_new(&entry("a", Some(1), "e", old, old)),
            "uploaded in 2015"
        );
        assert!(
            !fresh.is_new(&entry("a", Some(1), "e", old, 0)),
            "no upload time: mtime"
        );
        assert!(
            fresh.is_new(&entry("a", Some(1), "e", START - 100, 0)),
            "clock slack"
        );
        assert!(!fresh.is_new(&entry("a", Some(1), "e", START - 200, 0)));
        let no_start = Freshness {
            since: None,
            snapshot: None,
        };
        assert!(
            no_start.is_new(&entry("a", None, "e", old, 0)),
            "no condition"
        );
    }

    #[test]
    fn a_late_snapshot_lets_times_speak_for_what_it_holds() {
        let uploaded = entry("scan.pdf", Some(8), "e2", 1_425_376_800, START + 60);
        let late = snapshot(std::slice::from_ref(&uploaded), START + 3600);
        let fresh = Freshness {
            since: started(),
            snapshot: Some(&late),
        };
        assert!(
            fresh.is_new(&uploaded),
            "uploaded after the start, before the snapshot"
        );
        let older = entry("old.txt", Some(9), "e5", START - 3600, START - 3600);
        let late = snapshot(std::slice::from_ref(&older), START + 3600);
        let fresh = Freshness {
            since: started(),
            snapshot: Some(&late),
        };
        assert!(!fresh.is_new(&older));
    }

    #[test]
    fn a_move_keeps_the_file_id_a_copy_does_not() {
        let original = entry("lettre.odt", Some(7), "e1", START - 60, 0);
        let snap = snapshot(std::slice::from_ref(&original), START);
        let mut moved = original.clone();
        moved.path = RemotePath::parse("/Bureau/lettre.odt").unwrap();
        let found = find_moved("*", std::slice::from_ref(&moved), &[], Some(&snap));
        assert_eq!(
            found.map(|e| e.path.to_string()),
            Ok("/Bureau/lettre.odt".into())
        );
        // A copy gets a new id: while the original stays, the name is still in `from`…
        let copy = entry("lettre.odt", Some(11), "e1", START - 60, 0);
        let in_from = [original.clone()];
        assert_eq!(
            find_moved("*", std::slice::from_ref(&copy), &in_from, Some(&snap)).unwrap_err(),
            MoveMiss::StillThere
        );
        // …and once the original is deleted, the copy is still not the file that was there.
        assert_eq!(
            find_moved("*.odt", std::slice::from_ref(&copy), &[], Some(&snap)).unwrap_err(),
            MoveMiss::NotFrom
        );
        // Without a snapshot, a name that left `from` is enough.
        assert!(find_moved("*", std::slice::from_ref(&copy), &[], None).is_ok());
        // Globs match files only; an exact name may be a folder.
        let mut folder = entry("Projets", Some(12), "e6", START, 0);
        folder.is_dir = true;
        assert_eq!(
            find_moved("*", std::slice::from_ref(&folder), &[], None).unwrap_err(),
            MoveMiss::None
        );
        assert!(find_moved("Projets", std::slice::from_ref(&folder), &[], None).is_ok());
        assert!(find_moved("projets", std::slice::from_ref(&folder), &[], None).is_err());
    }

    #[test]
    fn names_pick_their_missing_message() {
        assert_eq!(NameKind::of("*").variant(), Some("any"));
        assert_eq!(NameKind::of("**").variant(), Some("any"));
        assert_eq!(NameKind::of("*.pdf").variant(), Some("pattern"));
        assert_eq!(NameKind::of("rapport-??.odt").variant(), Some("pattern"));
        assert_eq!(NameKind::of("notes.txt").variant(), None);
        assert_eq!(place("/"), ("/".to_owned(), "root"));
        assert_eq!(place("Bureau/"), ("Bureau".to_owned(), "folder"));
        assert_eq!(place("/Docs/2024"), ("Docs/2024".to_owned(), "folder"));
        let o = file_moved_missing("*", "/", "Bureau", MoveMiss::None);
        let m = o.missing.unwrap();
        assert_eq!(m.message_id, "check-file-moved-missing-any");
        assert_eq!(
            (m.args["from_place"].as_str(), m.args["to"].as_str()),
            ("root", "Bureau")
        );
        let spec = check_spec("file-exists").unwrap();
        let ids: Vec<String> = spec.missing_messages().into_iter().map(|m| m.0).collect();
        assert_eq!(
            ids,
            [
                "check-file-exists-missing",
                "check-file-exists-missing-any",
                "check-file-exists-missing-pattern"
            ]
        );
    }

    #[test]
    fn baselines_are_json_and_old_calendar_snapshots_still_read() {
        let calendars: Baseline = serde_json::from_str(r#"["personal"]"#).unwrap();
        assert_eq!(calendars, Baseline::Calendars(vec!["personal".into()]));
        let folder = Baseline::Folder(snapshot(
            &[
                entry("a.txt", Some(3), "e1", START, 0),
                entry("b.txt", None, "e2", START, 0),
            ],
            START,
        ));
        let json = serde_json::to_string(&folder).unwrap();
        assert_eq!(
            json,
            r#"{"folder":"/Docs","taken_at":1767225600,"entries":[{"name":"a.txt","id":3,"etag":"e1"},{"name":"b.txt","etag":"e2"}]}"#
        );
        assert_eq!(serde_json::from_str::<Baseline>(&json).unwrap(), folder);
        let ctx = CheckContext {
            baseline: Some(folder),
            ..Default::default()
        };
        assert!(ctx.folder_snapshot("Docs/").is_some());
        assert!(ctx.folder_snapshot("/").is_none() && ctx.calendar_baseline().is_none());
    }

    #[test]
    fn which_checks_keep_a_snapshot() {
        let exists = |new| Check::FileExists {
            path: None,
            name: Some("*".into()),
            folder: "/Bureau".into(),
            min_size: None,
            new,
        };
        assert_eq!(
            exists(true).watched_folder().unwrap().to_string(),
            "/Bureau"
        );
        assert!(exists(true).needs_baseline() && !exists(false).needs_baseline());
        let at_path = Check::FileExists {
            path: Some("/Docs/cr.odt".into()),
            name: None,
            folder: "/".into(),
            min_size: None,
            new: true,
        };
        assert_eq!(at_path.watched_folder().unwrap().to_string(), "/Docs");
        let moved = Check::FileMoved {
            name: "*".into(),
            from: "/".into(),
            to: "Bureau".into(),
        };
        assert!(moved.watched_folder().unwrap().is_root());
        assert!(Check::CalendarExists { name: None }.needs_baseline());
        assert!(
            !Check::CalendarExists {
                name: Some("x".into())
            }
            .needs_baseline()
        );
    }

    #[test]
    fn semantic_problems() {
        let both = Check::FileExists {
            path: Some("/a".into()),
            name: Some("*.txt".into()),
            folder: "/".into(),
            min_size: None,
            new: true,
        };
        assert_eq!(both.problems().len(), 1);
        let escape = Check::FolderExists {
            path: "/a/../..".into(),
        };
        assert_eq!(escape.problems().len(), 1);
        let days = Check::EventHasAttendee {
            within_days: Some(0),
        };
        assert_eq!(days.problems().len(), 1);
    }
}

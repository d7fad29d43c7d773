//! The checks of task steps: each type of the tours spec as a typed [`Check`] (serde tag
//! `type`), listed once in [`CHECK_TYPES`] (validation, `check-<type>-missing` messages and the
//! CLI's reference derive from it), and [`Check::run`], which asks the person's own account.
//!
//! A server that cannot be reached (offline, timeout, maintenance, throttled) is not an error:
//! the outcome says `offline` so the UI can say the check will run later. A check never stores
//! nor prints what the person typed (app passwords).

use std::collections::BTreeSet;

use passerelle_nextcloud::dav::RemotePath;
use passerelle_nextcloud::dav::caldav::{CalDav, Calendar, Ownership};
use passerelle_nextcloud::dav::carddav::{AddressBook, CardDav};
use passerelle_nextcloud::dav::files::{FileEntry, Files};
use passerelle_nextcloud::{Client, Fingerprint, Secret, ShareQuery};
use serde::{Deserialize, Serialize};
use time::{Duration, OffsetDateTime};
use url::Url;

use super::types::CheckOutcome;
use super::vobject;
use crate::CoreError;

type NcResult<T> = Result<T, passerelle_nextcloud::Error>;

/// Server and local clocks differ a little: files modified this long before the step started
/// still count as new.
pub const CLOCK_SLACK: Duration = Duration::minutes(2);

/// Default `within_days` of event checks.
pub const DEFAULT_WITHIN_DAYS: u32 = 31;

/// Who a share must be for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ShareTo {
    /// A user (share type 0).
    User,
    /// A group (share type 1).
    Group,
    /// A public link (share type 3).
    Link,
    /// Any kind of share.
    Any,
}

impl ShareTo {
    fn matches(self, share_type: i64) -> bool {
        match self {
            ShareTo::User => share_type == 0,
            ShareTo::Group => share_type == 1,
            ShareTo::Link => share_type == 3,
            ShareTo::Any => true,
        }
    }

    fn name(self) -> &'static str {
        match self {
            ShareTo::User => "user",
            ShareTo::Group => "group",
            ShareTo::Link => "link",
            ShareTo::Any => "any",
        }
    }
}

fn root() -> String {
    "/".to_owned()
}

fn yes() -> bool {
    true
}

/// A check, as written in `check = { type = "…", … }`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "kebab-case", deny_unknown_fields)]
pub enum Check {
    /// A matching file exists.
    FileExists {
        /// Exact path (instead of `name`).
        path: Option<String>,
        /// Name glob (`*`, `?`, case ignored), looked for in `folder`.
        name: Option<String>,
        /// Where to look for `name`.
        #[serde(default = "root")]
        folder: String,
        /// Smallest size in bytes.
        min_size: Option<u64>,
        /// Modified after the step started.
        #[serde(default = "yes")]
        new: bool,
    },
    /// A folder exists.
    FolderExists {
        /// Its path.
        path: String,
    },
    /// `to/name` exists and `from/name` does not.
    FileMoved {
        /// File or folder name.
        name: String,
        /// Folder it was in.
        from: String,
        /// Folder it must be in.
        to: String,
    },
    /// The person shared this path.
    ShareExists {
        /// Path of the shared file or folder.
        path: String,
        /// With whom.
        to: ShareTo,
        /// `true`: the share must have a password.
        password: Option<bool>,
        /// `true`: the share must have an expiry date.
        expiry: Option<bool>,
    },
    /// A calendar of the person (with this name, else any new one).
    CalendarExists {
        /// Display name.
        name: Option<String>,
    },
    /// An event starting in the next days.
    EventExists {
        /// Days ahead (default 31).
        within_days: Option<u32>,
        /// Part of the title.
        summary: Option<String>,
    },
    /// An event in the next days with at least one attendee.
    EventHasAttendee {
        /// Days ahead (default 31).
        within_days: Option<u32>,
    },
    /// A calendar of the person shared with someone.
    CalendarShared {},
    /// A contact in the person's address books.
    ContactExists {
        /// Part of the contact's full name.
        name: Option<String>,
    },
    /// An address book of the person shared with someone.
    AddressbookShared {},
    /// The app password the person pasted works (never stored).
    AppPasswordValid {},
    /// More than this many bytes used.
    QuotaUsedAbove {
        /// Bytes.
        bytes: u64,
    },
}

/// One check type, for validation, docs and the CLI.
#[derive(Debug)]
pub struct CheckSpec {
    /// `type = "…"`.
    pub name: &'static str,
    /// Fields, as documented.
    pub fields: &'static str,
    /// When the check passes.
    pub done_when: &'static str,
    /// The step shows a field; what is typed is passed to the check.
    pub needs_input: bool,
    /// An inline table using every field (tests parse it).
    pub example: &'static str,
    /// Arguments of `check-<type>-missing`.
    pub missing_args: &'static [&'static str],
}

/// Every check type, listed once.
pub const CHECK_TYPES: &[CheckSpec] = &[
    CheckSpec {
        name: "file-exists",
        fields: "`path` OR `name` (glob `*`, `?`), `folder` (default \"/\"), `min_size` (bytes), `new` (default true)",
        done_when: "a matching file (modified after the step started, unless new = false)",
        needs_input: false,
        example: r#"{ type = "file-exists", name = "*.pdf", folder = "/Docs", min_size = 10, new = false }"#,
        missing_args: &["name", "folder", "reason", "min_size"],
    },
    CheckSpec {
        name: "folder-exists",
        fields: "`path`",
        done_when: "the folder exists",
        needs_input: false,
        example: r#"{ type = "folder-exists", path = "Bureau" }"#,
        missing_args: &["path"],
    },
    CheckSpec {
        name: "file-moved",
        fields: "`name`, `from`, `to`",
        done_when: "`to/name` exists and `from/name` does not",
        needs_input: false,
        example: r#"{ type = "file-moved", name = "notes.txt", from = "/", to = "/Bureau" }"#,
        missing_args: &["name", "from", "to"],
    },
    CheckSpec {
        name: "share-exists",
        fields: "`path`, `to` = \"user\"|\"group\"|\"link\"|\"any\", `password` (bool), `expiry` (bool)",
        done_when: "a share of that path by the person (with a password / an expiry date when true)",
        needs_input: false,
        example: r#"{ type = "share-exists", path = "/Bureau", to = "link", password = true, expiry = true }"#,
        missing_args: &["path", "to", "reason"],
    },
    CheckSpec {
        name: "calendar-exists",
        fields: "`name` (optional)",
        done_when: "a calendar owned by the person with that display name, else any created after the step started",
        needs_input: false,
        example: r#"{ type = "calendar-exists", name = "Asso" }"#,
        missing_args: &["filter", "name"],
    },
    CheckSpec {
        name: "event-exists",
        fields: "`within_days` (default 31), `summary` (part of the title)",
        done_when: "an event in the person's calendars starting in the window",
        needs_input: false,
        example: r#"{ type = "event-exists", within_days = 7, summary = "AG" }"#,
        missing_args: &["filter", "days", "summary"],
    },
    CheckSpec {
        name: "event-has-attendee",
        fields: "`within_days` (default 31)",
        done_when: "an event in the window with an attendee",
        needs_input: false,
        example: r#"{ type = "event-has-attendee", within_days = 60 }"#,
        missing_args: &["days"],
    },
    CheckSpec {
        name: "calendar-shared",
        fields: "none",
        done_when: "a calendar of the person with at least one sharee",
        needs_input: false,
        example: r#"{ type = "calendar-shared" }"#,
        missing_args: &[],
    },
    CheckSpec {
        name: "contact-exists",
        fields: "`name` (optional, part of the full name)",
        done_when: "a contact in the person's address books",
        needs_input: false,
        example: r#"{ type = "contact-exists", name = "Zoé" }"#,
        missing_args: &["filter", "name"],
    },
    CheckSpec {
        name: "addressbook-shared",
        fields: "none",
        done_when: "an address book of the person with a sharee",
        needs_input: false,
        example: r#"{ type = "addressbook-shared" }"#,
        missing_args: &[],
    },
    CheckSpec {
        name: "app-password-valid",
        fields: "none (the step shows a field for the new app password)",
        done_when: "that login and app password work on the space; never stored",
        needs_input: true,
        example: r#"{ type = "app-password-valid" }"#,
        missing_args: &[],
    },
    CheckSpec {
        name: "quota-used-above",
        fields: "`bytes`",
        done_when: "more than that many bytes used",
        needs_input: false,
        example: r#"{ type = "quota-used-above", bytes = 1000000 }"#,
        missing_args: &["bytes", "used"],
    },
];

/// The table entry of a check type.
pub fn check_spec(name: &str) -> Option<&'static CheckSpec> {
    CHECK_TYPES.iter().find(|c| c.name == name)
}

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

/// What a check may know besides the account.
#[derive(Debug, Clone, Default)]
pub struct CheckContext {
    /// When the person first saw the step (`None`: no time condition).
    pub step_started_at: Option<OffsetDateTime>,
    /// What the person typed in the step's field (app passwords): never stored.
    pub input: Option<Secret>,
    /// Owned calendars (their last path segment) when the step started, if they could be read.
    pub baseline: Option<Vec<String>>,
    /// The certificate the person trusted for this server, for checks that connect anew.
    pub pinned_certificate: Option<Fingerprint>,
    /// Non-default DAV locations.
    pub roots: DavRoots,
}

/// Whether an error means "the server cannot be asked now".
pub fn is_unreachable(e: &passerelle_nextcloud::Error) -> bool {
    e.is_offline() || e.is_timeout() || e.is_maintenance() || e.is_rate_limited()
}

impl Check {
    /// The type name (`folder-exists`).
    pub fn type_name(&self) -> &'static str {
        match self {
            Check::FileExists { .. } => "file-exists",
            Check::FolderExists { .. } => "folder-exists",
            Check::FileMoved { .. } => "file-moved",
            Check::ShareExists { .. } => "share-exists",
            Check::CalendarExists { .. } => "calendar-exists",
            Check::EventExists { .. } => "event-exists",
            Check::EventHasAttendee { .. } => "event-has-attendee",
            Check::CalendarShared {} => "calendar-shared",
            Check::ContactExists { .. } => "contact-exists",
            Check::AddressbookShared {} => "addressbook-shared",
            Check::AppPasswordValid {} => "app-password-valid",
            Check::QuotaUsedAbove { .. } => "quota-used-above",
        }
    }

    /// Its table entry.
    pub fn spec(&self) -> &'static CheckSpec {
        check_spec(self.type_name()).expect("every check type is in CHECK_TYPES")
    }

    /// Whether the step shows a field for it.
    pub fn needs_input(&self) -> bool {
        self.spec().needs_input
    }

    /// Whether the check compares with what existed when the step started.
    pub fn needs_baseline(&self) -> bool {
        matches!(self, Check::CalendarExists { name: None })
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
                        format!("`name` = {name:?} is not a file name"),
                        "use a plain name without \"/\"".into(),
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
                let since = new.then_some(ctx.step_started_at).flatten();
                file_exists(
                    &files,
                    path.as_deref(),
                    name.as_deref(),
                    folder,
                    *min_size,
                    since,
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
                let target = stat(&files, &join(to, name)).await?;
                let source = stat(&files, &join(from, name)).await?;
                Ok(match (target, source) {
                    (Some(e), None) => CheckOutcome::done(e.path.to_string()),
                    _ => CheckOutcome::missing(
                        ty,
                        &[
                            ("name", name.clone()),
                            ("from", from.clone()),
                            ("to", to.clone()),
                        ],
                    ),
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
                    None => calendars.iter().find(|c| match &ctx.baseline {
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

fn join(folder: &str, name: &str) -> String {
    format!("{}/{name}", folder.trim_end_matches('/'))
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
    since: Option<OffsetDateTime>,
) -> NcResult<CheckOutcome> {
    let candidates: Vec<FileEntry> = match (path, name) {
        (Some(p), _) => stat(files, p).await?.into_iter().collect(),
        (None, Some(pattern)) => {
            let listed = match RemotePath::parse(folder) {
                Ok(dir) => match files.list(&dir).await {
                    Ok(list) => list,
                    Err(e) if e.is_not_found() => Vec::new(),
                    Err(e) => return Err(e),
                },
                Err(_) => Vec::new(),
            };
            listed
                .into_iter()
                .filter(|e| !e.is_dir && glob_match(pattern, e.name()))
                .collect()
        }
        (None, None) => Vec::new(),
    };
    let threshold = since.map(|s| s - CLOCK_SLACK);
    let mut best = FileMiss::None;
    for entry in candidates.iter().filter(|e| !e.is_dir) {
        let big_enough = min_size.is_none_or(|m| entry.size.unwrap_or(0) >= m);
        let recent = match (threshold, entry.modified) {
            (Some(t), Some(m)) => OffsetDateTime::from(m) >= t,
            _ => true,
        };
        match (big_enough, recent) {
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
    let shown = path.or(name).unwrap_or_default().to_owned();
    Ok(CheckOutcome::missing(
        "file-exists",
        &[
            ("name", shown),
            ("folder", folder.to_owned()),
            ("reason", reason.to_owned()),
            ("min_size", min_size.unwrap_or(0).to_string()),
        ],
    ))
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
    let mut builder = Client::builder(client.base_url().as_str())
        .user_agent(crate::connect::user_agent())
        .pinned_certificate(ctx.pinned_certificate)
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

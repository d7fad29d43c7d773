//! What a check of a task step is, as authors write it in `check = { type = "…", … }`: the
//! typed [`Check`] (serde tag `type`) and every type listed once in [`CHECK_TYPES`]
//! (validation, `check-<type>-missing` messages and the CLI's reference derive from it).
//! Pure data: the tour formats and validation use it; running a check against a server is
//! `checks`' job, and this module must not reach the network client.

use serde::{Deserialize, Serialize};

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
    pub(super) fn matches(self, share_type: i64) -> bool {
        match self {
            ShareTo::User => share_type == 0,
            ShareTo::Group => share_type == 1,
            ShareTo::Link => share_type == 3,
            ShareTo::Any => true,
        }
    }

    pub(super) fn name(self) -> &'static str {
        match self {
            ShareTo::User => "user",
            ShareTo::Group => "group",
            ShareTo::Link => "link",
            ShareTo::Any => "any",
        }
    }
}

pub(super) fn root() -> String {
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
        /// Not in the folder (or changed since) when the step started.
        #[serde(default = "yes")]
        new: bool,
    },
    /// A folder exists.
    FolderExists {
        /// Its path.
        path: String,
    },
    /// A matching file is in `to` and that name is not in `from` (with a snapshot, it was in
    /// `from` when the step started).
    FileMoved {
        /// File or folder name, or a name glob (`*`, `?`, case ignored; files only).
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
    /// Other "missing" messages, `check-<type>-missing-<variant>`, with their arguments.
    pub missing_variants: &'static [(&'static str, &'static [&'static str])],
}

impl CheckSpec {
    /// Every "missing" message id of this check type with the arguments it may use; the
    /// validator requires each of them in `locales/<lang>/checks.ftl`.
    pub fn missing_messages(&self) -> Vec<(String, &'static [&'static str])> {
        let mut out = vec![(format!("check-{}-missing", self.name), self.missing_args)];
        for (variant, args) in self.missing_variants {
            out.push((format!("check-{}-missing-{variant}", self.name), *args));
        }
        out
    }
}

/// Arguments of file-exists' "missing" messages: `name` is absent from `-any`.
const FILE_EXISTS_ARGS: &[&str] = &["name", "folder", "place", "reason", "min_size"];
const FILE_EXISTS_ANY_ARGS: &[&str] = &["folder", "place", "reason", "min_size"];
/// Arguments of file-moved's "missing" messages: `name` is absent from `-any`.
const FILE_MOVED_ARGS: &[&str] = &["name", "from", "from_place", "to", "to_place", "reason"];
const FILE_MOVED_ANY_ARGS: &[&str] = &["from", "from_place", "to", "to_place", "reason"];

/// Every check type, listed once.
pub const CHECK_TYPES: &[CheckSpec] = &[
    CheckSpec {
        name: "file-exists",
        fields: "`path` OR `name` (glob `*`, `?`), `folder` (default \"/\"), `min_size` (bytes), `new` (default true)",
        done_when: "a matching file; with new = true, one that was not in the folder when the step \
                    started (or changed since); without a snapshot of the folder, one uploaded or \
                    modified after the step started",
        needs_input: false,
        example: r#"{ type = "file-exists", name = "*.pdf", folder = "/Docs", min_size = 10, new = false }"#,
        missing_args: FILE_EXISTS_ARGS,
        missing_variants: &[("any", FILE_EXISTS_ANY_ARGS), ("pattern", FILE_EXISTS_ARGS)],
    },
    CheckSpec {
        name: "folder-exists",
        fields: "`path`",
        done_when: "the folder exists",
        needs_input: false,
        example: r#"{ type = "folder-exists", path = "Bureau" }"#,
        missing_args: &["path"],
        missing_variants: &[],
    },
    CheckSpec {
        name: "file-moved",
        fields: "`name` (exact, or a glob `*`, `?` matching files), `from`, `to`",
        done_when: "a matching entry is in `to` and that name is not in `from`; with a snapshot of \
                    `from`, it was there when the step started (same file id when the server has \
                    them, so a copy is not a move)",
        needs_input: false,
        example: r#"{ type = "file-moved", name = "*.odt", from = "/", to = "/Bureau" }"#,
        missing_args: FILE_MOVED_ARGS,
        missing_variants: &[("any", FILE_MOVED_ANY_ARGS), ("pattern", FILE_MOVED_ARGS)],
    },
    CheckSpec {
        name: "share-exists",
        fields: "`path`, `to` = \"user\"|\"group\"|\"link\"|\"any\", `password` (bool), `expiry` (bool)",
        done_when: "a share of that path by the person (with a password / an expiry date when true)",
        needs_input: false,
        example: r#"{ type = "share-exists", path = "/Bureau", to = "link", password = true, expiry = true }"#,
        missing_args: &["path", "to", "reason"],
        missing_variants: &[],
    },
    CheckSpec {
        name: "calendar-exists",
        fields: "`name` (optional)",
        done_when: "a calendar owned by the person with that display name, else any created after the step started",
        needs_input: false,
        example: r#"{ type = "calendar-exists", name = "Asso" }"#,
        missing_args: &["filter", "name"],
        missing_variants: &[],
    },
    CheckSpec {
        name: "event-exists",
        fields: "`within_days` (default 31), `summary` (part of the title)",
        done_when: "an event in the person's calendars starting in the window",
        needs_input: false,
        example: r#"{ type = "event-exists", within_days = 7, summary = "AG" }"#,
        missing_args: &["filter", "days", "summary"],
        missing_variants: &[],
    },
    CheckSpec {
        name: "event-has-attendee",
        fields: "`within_days` (default 31)",
        done_when: "an event in the window with an attendee",
        needs_input: false,
        example: r#"{ type = "event-has-attendee", within_days = 60 }"#,
        missing_args: &["days"],
        missing_variants: &[],
    },
    CheckSpec {
        name: "calendar-shared",
        fields: "none",
        done_when: "a calendar of the person with at least one sharee",
        needs_input: false,
        example: r#"{ type = "calendar-shared" }"#,
        missing_args: &[],
        missing_variants: &[],
    },
    CheckSpec {
        name: "contact-exists",
        fields: "`name` (optional, part of the full name)",
        done_when: "a contact in the person's address books",
        needs_input: false,
        example: r#"{ type = "contact-exists", name = "Zoé" }"#,
        missing_args: &["filter", "name"],
        missing_variants: &[],
    },
    CheckSpec {
        name: "addressbook-shared",
        fields: "none",
        done_when: "an address book of the person with a sharee",
        needs_input: false,
        example: r#"{ type = "addressbook-shared" }"#,
        missing_args: &[],
        missing_variants: &[],
    },
    CheckSpec {
        name: "app-password-valid",
        fields: "none (the step shows a field for the new app password)",
        done_when: "that login and app password work on the space; never stored",
        needs_input: true,
        example: r#"{ type = "app-password-valid" }"#,
        missing_args: &[],
        missing_variants: &[],
    },
    CheckSpec {
        name: "quota-used-above",
        fields: "`bytes`",
        done_when: "more than that many bytes used",
        needs_input: false,
        example: r#"{ type = "quota-used-above", bytes = 1000000 }"#,
        missing_args: &["bytes", "used"],
        missing_variants: &[],
    },
];

/// The table entry of a check type.
pub fn check_spec(name: &str) -> Option<&'static CheckSpec> {
    CHECK_TYPES.iter().find(|c| c.name == name)
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
}

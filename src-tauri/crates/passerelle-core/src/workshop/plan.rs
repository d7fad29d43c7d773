//! Planning practice accounts and the bulk welcome of members, without a server: a CSV of
//! members (or "N participants") and what the space already holds ([`SpaceState`]) become a
//! checked [`AccountPlan`] where every mistake has its line and a typed [`LineReason`]. Pure:
//! no network, no store. Creating and cleaning up accounts is `accounts`' job; reasons are
//! codes, texts live in `workshop.ftl`.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Deserializer, Serialize};
use ts_rs::TS;
use unicode_normalization::UnicodeNormalization;

use super::csv;

use crate::workshop::error::WorkshopError;

/// Framaspace spaces hold at most 50 accounts (existing ones included).
pub const FRAMASPACE_ACCOUNT_LIMIT: usize = 50;
/// Largest CSV accepted.
pub const MAX_CSV_BYTES: usize = 1024 * 1024;
/// Most accounts one run may create.
pub const MAX_ACCOUNTS_PER_RUN: usize = 500;
/// Longest account id Nextcloud accepts.
pub const MAX_USER_ID_LEN: usize = 64;

/// Why a line of the list cannot be used. Each has a Fluent id `workshop-reason-<code>`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, TS)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum LineReason {
    /// The file is not UTF-8 (UTF-16, or a legacy encoding such as Windows-1252).
    Encoding,
    /// The file is empty or holds only a header.
    Empty,
    /// The file is bigger than [`MAX_CSV_BYTES`].
    TooBig,
    /// A header names a column Passerelle does not know.
    UnknownColumn,
    /// The header has no name column.
    MissingNameColumn,
    /// A line has more fields than the header.
    TooManyFields,
    /// A line is separated by another character than the header (`,` and `;` mixed).
    MixedSeparators,
    /// The name is empty.
    EmptyName,
    /// The e-mail address is not valid.
    InvalidEmail,
    /// The login has characters Nextcloud refuses (or the name gives no usable login).
    BadIdCharacters,
    /// The login is longer than [`MAX_USER_ID_LEN`].
    IdTooLong,
    /// Another line has the same login (compared without case).
    DuplicateInFile,
    /// An account with this login already exists on the server.
    ExistsOnServer,
    /// The group name cannot be used.
    BadGroup,
    /// The quota is not understood (`1 GB`, `500 MB`, `none`).
    InvalidQuota,
    /// Creating this account would go over the space's account limit.
    TooManyAccounts,
    /// Passwords are to be set through the server's e-mail, and this line has no address.
    EmailRequired,
    /// A group admin must put each new account into one of the groups they administer.
    GroupRequired,
    /// A group admin may not use this group (not one they administer, or a new one).
    GroupNotAllowed,
}

impl LineReason {
    /// Stable kebab-case code.
    pub fn code(self) -> &'static str {
        match self {
            Self::Encoding => "encoding",
            Self::Empty => "empty",
            Self::TooBig => "too-big",
            Self::UnknownColumn => "unknown-column",
            Self::MissingNameColumn => "missing-name-column",
            Self::TooManyFields => "too-many-fields",
            Self::MixedSeparators => "mixed-separators",
            Self::EmptyName => "empty-name",
            Self::InvalidEmail => "invalid-email",
            Self::BadIdCharacters => "bad-id-characters",
            Self::IdTooLong => "id-too-long",
            Self::DuplicateInFile => "duplicate-in-file",
            Self::ExistsOnServer => "exists-on-server",
            Self::BadGroup => "bad-group",
            Self::InvalidQuota => "invalid-quota",
            Self::TooManyAccounts => "too-many-accounts",
            Self::EmailRequired => "email-required",
            Self::GroupRequired => "group-required",
            Self::GroupNotAllowed => "group-not-allowed",
        }
    }

    /// Every reason (for translation checks).
    pub const ALL: &'static [LineReason] = &[
        Self::Encoding,
        Self::Empty,
        Self::TooBig,
        Self::UnknownColumn,
        Self::MissingNameColumn,
        Self::TooManyFields,
        Self::MixedSeparators,
        Self::EmptyName,
        Self::InvalidEmail,
        Self::BadIdCharacters,
        Self::IdTooLong,
        Self::DuplicateInFile,
        Self::ExistsOnServer,
        Self::BadGroup,
        Self::InvalidQuota,
        Self::TooManyAccounts,
        Self::EmailRequired,
        Self::GroupRequired,
        Self::GroupNotAllowed,
    ];
}

/// One mistake, with where it is.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct LineProblem {
    /// Line in the file (1 = header; 0 for a count).
    pub line: u32,
    /// What is wrong.
    pub reason: LineReason,
    /// The column, when it is about one.
    pub column: Option<String>,
    /// The value in question.
    pub value: String,
    /// The other line involved (the first occurrence of a duplicate).
    pub other_line: Option<u32>,
}

/// An account the plan will create.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PlannedAccount {
    /// Line in the file (0 for a count).
    pub line: u32,
    /// Login (account id).
    pub user_id: String,
    /// Display name.
    pub display_name: String,
    /// E-mail address (the server sends its welcome e-mail when it can).
    pub email: Option<String>,
    /// Groups to join.
    pub groups: Vec<String>,
    /// Quota as Nextcloud writes it (`1 GB`, `none`).
    pub quota: Option<String>,
}

/// How new accounts get their password.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "kebab-case")]
pub enum PasswordMode {
    /// Passerelle generates one per account, for the printed sign-in sheet (workshops).
    #[default]
    Generated,
    /// The server e-mails each member a link to choose their own (welcoming real members):
    /// every line needs an e-mail address, and no password is ever seen by Passerelle.
    EmailLink,
}

/// The checked list: what would be created, and every mistake.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AccountPlan {
    /// How the accounts get their password.
    pub passwords: PasswordMode,
    /// Accounts to create (only meaningful when `problems` is empty).
    pub accounts: Vec<PlannedAccount>,
    /// Groups that do not exist yet and will be created.
    pub groups_to_create: Vec<String>,
    /// Every mistake, in line order. Nothing is created while there is one.
    pub problems: Vec<LineProblem>,
    /// Accounts already on the server.
    #[ts(type = "number")]
    pub existing_accounts: usize,
    /// The space's limit, when it has one.
    #[ts(type = "number | null")]
    pub limit: Option<usize>,
}

impl AccountPlan {
    /// No mistake: the plan can be run.
    pub fn is_valid(&self) -> bool {
        self.problems.is_empty() && !self.accounts.is_empty()
    }

    /// `Ok` when the plan can be run, else the error that says how many mistakes it has.
    pub fn ensure_valid(&self) -> Result<(), crate::CoreError> {
        if self.is_valid() {
            Ok(())
        } else {
            Err(crate::CoreError::Workshop(WorkshopError::PlanInvalid {
                problems: self.problems.len().max(1),
            }))
        }
    }
}

/// What the server already has, read before planning.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SpaceState {
    /// Every account id.
    pub users: Vec<String>,
    /// Every group id.
    pub groups: Vec<String>,
    /// The most accounts the space may hold (e.g. [`FRAMASPACE_ACCOUNT_LIMIT`]).
    pub limit: Option<usize>,
    /// `Some(groups)` when the person is a group admin only (of these groups): new accounts
    /// must go into them, and `users` then only lists those groups' members. `None` for an
    /// admin (or when it cannot be told: the server still refuses what is not allowed).
    pub group_admin_of: Option<Vec<String>>,
}

/// Where the members come from.
#[derive(Debug, Clone)]
pub enum MemberSource<'a> {
    /// A CSV file's bytes: a header line, then one member per line.
    Csv(&'a [u8]),
    /// `count` participants `prefix-01`, `prefix-02`… named `name 01`, `name 02`…
    Count {
        /// How many.
        count: usize,
        /// Login prefix (`atelier` gives `atelier-01`).
        prefix: &'a str,
        /// Display name before the number (`Participant`).
        name: &'a str,
        /// Group to put them in.
        group: Option<&'a str>,
    },
}

/// Who the practice accounts are: a CSV's text, or a count.
#[derive(Debug, Clone, Default, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct MembersRequest {
    /// A CSV of members (name, and optionally login, email, group, quota).
    #[ts(type = "string | null")]
    pub csv: Option<CsvBytes>,
    /// Or a number of participants.
    #[ts(type = "number | null")]
    pub count: Option<usize>,
    /// Login prefix for a count (`atelier` gives atelier-01…).
    pub prefix: String,
    /// Group for a count (created when missing).
    pub group: Option<String>,
    /// Most accounts the space may hold (50 on Framaspace).
    #[ts(type = "number | null")]
    pub limit: Option<usize>,
    /// The server e-mails a link instead of a generated password.
    pub email_link: bool,
}

/// A CSV file's bytes as they are, so that the CLI can pass a file and its encoding be
/// reported; over IPC the UI sends text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CsvBytes(pub Vec<u8>);

impl<'de> Deserialize<'de> for CsvBytes {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Ok(CsvBytes(String::deserialize(d)?.into_bytes()))
    }
}

impl MembersRequest {
    /// Checks these members against what the space holds: the one planning of the Workshop
    /// screen and the CLI. A count's login prefix and group are trimmed (a blank group is
    /// none); `participant_name` names a count's participants (`Participant 01`…).
    pub fn plan(&self, space: &SpaceState, participant_name: &str) -> AccountPlan {
        let source = match &self.csv {
            Some(CsvBytes(bytes)) => MemberSource::Csv(bytes),
            None => MemberSource::Count {
                count: self.count.unwrap_or(0),
                prefix: self.prefix.trim(),
                name: participant_name,
                group: self
                    .group
                    .as_deref()
                    .map(str::trim)
                    .filter(|g| !g.is_empty()),
            },
        };
        let mode = if self.email_link {
            PasswordMode::EmailLink
        } else {
            PasswordMode::Generated
        };
        plan_accounts_with(&source, space, mode)
    }
}

/// Which column a header names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Column {
    Name,
    Login,
    Email,
    Group,
    Quota,
}

/// Header names understood, after folding accents and case (French and English).
const COLUMN_NAMES: &[(&str, Column)] = &[
    ("name", Column::Name),
    ("display name", Column::Name),
    ("displayname", Column::Name),
    ("full name", Column::Name),
    ("nom", Column::Name),
    ("nom affiche", Column::Name),
    ("prenom nom", Column::Name),
    ("nom complet", Column::Name),
    ("participant", Column::Name),
    ("login", Column::Login),
    ("user id", Column::Login),
    ("userid", Column::Login),
    ("id", Column::Login),
    ("identifiant", Column::Login),
    ("email", Column::Email),
    ("e-mail", Column::Email),
    ("mail", Column::Email),
    ("courriel", Column::Email),
    ("adresse e-mail", Column::Email),
    ("adresse email", Column::Email),
    ("group", Column::Group),
    ("groups", Column::Group),
    ("groupe", Column::Group),
    ("groupes", Column::Group),
    ("quota", Column::Quota),
];

/// Lower case, accents removed, inner spaces collapsed.
fn fold(s: &str) -> String {
    let folded: String = s
        .nfd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .collect::<String>()
        .to_lowercase();
    folded.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A login made from a display name: `Élise N'Diaye` → `elise.ndiaye`.
pub fn login_from_name(name: &str) -> String {
    let mut out = String::new();
    for c in fold(name).chars() {
        match c {
            'a'..='z' | '0'..='9' => out.push(c),
            ' ' | '-' | '.' | '_' if !out.is_empty() && !out.ends_with('.') => out.push('.'),
            'œ' => out.push_str("oe"),
            'æ' => out.push_str("ae"),
            'ß' => out.push_str("ss"),
            _ => {}
        }
    }
    out.trim_end_matches('.').to_owned()
}

/// Whether Nextcloud takes this login: `a-z A-Z 0-9 _ . @ -` (spaces and `'` are accepted by
/// Nextcloud too, but break addresses and scripts: refused here).
pub fn is_valid_login(id: &str) -> bool {
    !id.is_empty()
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '@' | '-'))
}

/// A plausible e-mail address: `local@domain.tld`, no spaces or list separators.
pub fn is_valid_email(email: &str) -> bool {
    let Some((local, domain)) = email.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && !domain.contains('@')
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !email.contains("..")
        && !email
            .chars()
            .any(|c| c.is_whitespace() || matches!(c, ',' | ';' | '<' | '>' | '"' | '(' | ')'))
}

/// A quota as Nextcloud writes it: `none`, or a number with B/KB/MB/GB/TB (French Ko/Mo/Go/To
/// too). `None` when not understood.
pub fn parse_quota(q: &str) -> Option<String> {
    let t = fold(q).replace(',', ".");
    if matches!(t.as_str(), "none" | "illimite" | "aucun" | "unlimited") {
        return Some("none".into());
    }
    let split = t
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(t.len());
    let (num, unit) = t.split_at(split);
    let value: f64 = num.trim().parse().ok().filter(|v: &f64| *v > 0.0)?;
    let unit = match unit.trim() {
        "" | "b" | "o" => "B",
        "kb" | "ko" | "k" => "KB",
        "mb" | "mo" | "m" => "MB",
        "gb" | "go" | "g" => "GB",
        "tb" | "to" | "t" => "TB",
        _ => return None,
    };
    Some(format!("{value} {unit}"))
}

fn problem(line: u32, reason: LineReason, column: Option<&str>, value: &str) -> LineProblem {
    LineProblem {
        line,
        reason,
        column: column.map(str::to_owned),
        value: value.chars().take(80).collect(),
        other_line: None,
    }
}

/// Reads and checks a list of members against what the server has, with generated passwords.
/// Pure: no network.
pub fn plan_accounts(source: &MemberSource<'_>, space: &SpaceState) -> AccountPlan {
    plan_accounts_with(source, space, PasswordMode::Generated)
}

/// [`plan_accounts`] with a choice of how passwords are set.
pub fn plan_accounts_with(
    source: &MemberSource<'_>,
    space: &SpaceState,
    passwords: PasswordMode,
) -> AccountPlan {
    let mut problems = Vec::new();
    let rows = match source {
        MemberSource::Csv(bytes) => read_csv(bytes, &mut problems),
        MemberSource::Count {
            count,
            prefix,
            name,
            group,
        } => {
            let width = count.to_string().len().max(2);
            if *count == 0 {
                problems.push(problem(0, LineReason::Empty, None, "0"));
            }
            // A mistyped huge number must not build millions of rows before being refused.
            let count = if *count > MAX_ACCOUNTS_PER_RUN {
                problems.push(problem(
                    0,
                    LineReason::TooManyAccounts,
                    None,
                    &format!("{count} > {MAX_ACCOUNTS_PER_RUN}"),
                ));
                0
            } else {
                *count
            };
            (1..=count)
                .map(|i| PlannedAccount {
                    line: 0,
                    user_id: format!("{prefix}-{i:0width$}"),
                    display_name: format!("{name} {i:0width$}"),
                    email: None,
                    groups: group.iter().map(|g| (*g).to_owned()).collect(),
                    quota: None,
                })
                .collect()
        }
    };
    let existing: BTreeSet<String> = space.users.iter().map(|u| u.to_lowercase()).collect();
    let mut seen: BTreeMap<String, u32> = BTreeMap::new();
    let mut accounts = Vec::new();
    for row in rows {
        let key = row.user_id.to_lowercase();
        let mut ok = true;
        if row.user_id.len() > MAX_USER_ID_LEN {
            problems.push(problem(
                row.line,
                LineReason::IdTooLong,
                Some("login"),
                &row.user_id,
            ));
            ok = false;
        } else if !is_valid_login(&row.user_id) {
            problems.push(problem(
                row.line,
                LineReason::BadIdCharacters,
                Some("login"),
                &row.user_id,
            ));
            ok = false;
        }
        if ok {
            if let Some(first) = seen.get(&key) {
                problems.push(LineProblem {
                    other_line: Some(*first),
                    ..problem(
                        row.line,
                        LineReason::DuplicateInFile,
                        Some("login"),
                        &row.user_id,
                    )
                });
                ok = false;
            } else {
                seen.insert(key.clone(), row.line);
            }
        }
        if ok && existing.contains(&key) {
            problems.push(problem(
                row.line,
                LineReason::ExistsOnServer,
                Some("login"),
                &row.user_id,
            ));
            ok = false;
        }
        if ok {
            accounts.push(row);
        }
    }
    if let Some(limit) = space.limit {
        let room = limit.saturating_sub(space.users.len());
        if matches!(source, MemberSource::Count { .. }) {
            if accounts.len() > room {
                problems.push(problem(
                    0,
                    LineReason::TooManyAccounts,
                    None,
                    &format!("{} + {} > {limit}", space.users.len(), accounts.len()),
                ));
            }
        } else {
            for (i, extra) in accounts.iter().enumerate().skip(room) {
                problems.push(problem(
                    extra.line,
                    LineReason::TooManyAccounts,
                    None,
                    &format!(
                        "{}: {} + {} > {limit}",
                        extra.user_id,
                        space.users.len(),
                        i + 1
                    ),
                ));
            }
        }
    }
    if accounts.len() > MAX_ACCOUNTS_PER_RUN {
        problems.push(problem(
            0,
            LineReason::TooManyAccounts,
            None,
            &format!("{} > {MAX_ACCOUNTS_PER_RUN}", accounts.len()),
        ));
    }
    if let Some(allowed) = &space.group_admin_of {
        for a in &accounts {
            if a.groups.is_empty() {
                problems.push(problem(
                    a.line,
                    LineReason::GroupRequired,
                    Some("group"),
                    &a.user_id,
                ));
            }
            for g in a.groups.iter().filter(|g| !allowed.contains(g)) {
                problems.push(problem(
                    a.line,
                    LineReason::GroupNotAllowed,
                    Some("group"),
                    g,
                ));
            }
        }
    }
    if passwords == PasswordMode::EmailLink {
        for a in accounts.iter().filter(|a| a.email.is_none()) {
            problems.push(problem(
                a.line,
                LineReason::EmailRequired,
                Some("email"),
                &a.user_id,
            ));
        }
    }
    let known: BTreeSet<&str> = space.groups.iter().map(String::as_str).collect();
    let groups_to_create: Vec<String> = accounts
        .iter()
        .flat_map(|a| a.groups.iter())
        .filter(|g| !known.contains(g.as_str()))
        .cloned()
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    problems.sort();
    AccountPlan {
        passwords,
        accounts,
        groups_to_create,
        problems,
        existing_accounts: space.users.len(),
        limit: space.limit,
    }
}

/// Decodes and parses the CSV; rows with a mistake of their own are reported and left out.
fn read_csv(bytes: &[u8], problems: &mut Vec<LineProblem>) -> Vec<PlannedAccount> {
    if bytes.len() > MAX_CSV_BYTES {
        problems.push(problem(
            0,
            LineReason::TooBig,
            None,
            &bytes.len().to_string(),
        ));
        return Vec::new();
    }
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        problems.push(problem(1, LineReason::Encoding, None, "UTF-16"));
        return Vec::new();
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = match std::str::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let at = e.valid_up_to();
            let line = bytes[..at].iter().filter(|b| **b == b'\n').count() as u32 + 1;
            let start = bytes[..at]
                .iter()
                .rposition(|b| *b == b'\n')
                .map_or(0, |p| p + 1);
            let shown = String::from_utf8_lossy(&bytes[start..(at + 16).min(bytes.len())]);
            problems.push(problem(line, LineReason::Encoding, None, &shown));
            return Vec::new();
        }
    };
    let sep = csv::guess_separator(text);
    let records = csv::records(text, sep);
    let Some((header, body)) = records.split_first() else {
        problems.push(problem(1, LineReason::Empty, None, ""));
        return Vec::new();
    };
    let mut columns: Vec<Option<Column>> = Vec::new();
    for name in &header.fields {
        let folded = fold(name.trim_matches(|c: char| c.is_whitespace() || c == '*'));
        let column = COLUMN_NAMES
            .iter()
            .find(|(n, _)| *n == folded)
            .map(|(_, c)| *c);
        if column.is_none() && !folded.is_empty() {
            problems.push(problem(
                header.line,
                LineReason::UnknownColumn,
                Some(name),
                name,
            ));
        }
        columns.push(column);
    }
    if !columns.contains(&Some(Column::Name)) {
        problems.push(problem(
            header.line,
            LineReason::MissingNameColumn,
            None,
            &header.fields.join(&sep.to_string()),
        ));
        return Vec::new();
    }
    if body.is_empty() {
        problems.push(problem(header.line, LineReason::Empty, None, ""));
    }
    let mut rows = Vec::new();
    for rec in body {
        // One field where the header has several, and another separator in it: the line was
        // written with `;` under a `,` header (or the reverse). Its fields would be wrong.
        if columns.len() > 1
            && rec.fields.len() == 1
            && let Some(other) = csv::other_separator(&rec.text, sep)
        {
            let shown = |c: char| {
                if c == '\t' {
                    "tab".to_owned()
                } else {
                    c.to_string()
                }
            };
            problems.push(problem(
                rec.line,
                LineReason::MixedSeparators,
                None,
                &format!("{} ≠ {}: {}", shown(other), shown(sep), rec.text),
            ));
            continue;
        }
        if rec.fields.len() > columns.len()
            && rec.fields[columns.len()..]
                .iter()
                .any(|f| !f.trim().is_empty())
        {
            problems.push(problem(
                rec.line,
                LineReason::TooManyFields,
                None,
                &format!("{} > {}", rec.fields.len(), columns.len()),
            ));
            continue;
        }
        let get = |col: Column| -> Option<&str> {
            columns
                .iter()
                .position(|c| *c == Some(col))
                .and_then(|i| rec.fields.get(i))
                .map(|s| s.trim())
                .filter(|s| !s.is_empty())
        };
        let mut ok = true;
        let name = get(Column::Name).unwrap_or_default();
        if name.is_empty() {
            problems.push(problem(rec.line, LineReason::EmptyName, Some("name"), ""));
            ok = false;
        }
        let email = get(Column::Email).map(str::to_owned);
        if let Some(e) = &email
            && !is_valid_email(e)
        {
            problems.push(problem(
                rec.line,
                LineReason::InvalidEmail,
                Some("email"),
                e,
            ));
            ok = false;
        }
        let mut groups = Vec::new();
        if let Some(g) = get(Column::Group) {
            for group in g.split('|').map(str::trim) {
                if group.is_empty() || group.len() > 64 || group.contains(['/', '\\']) {
                    problems.push(problem(rec.line, LineReason::BadGroup, Some("group"), g));
                    ok = false;
                } else if !groups.iter().any(|x| x == group) {
                    groups.push(group.to_owned());
                }
            }
        }
        let quota = match get(Column::Quota) {
            None => None,
            Some(q) => match parse_quota(q) {
                Some(q) => Some(q),
                None => {
                    problems.push(problem(
                        rec.line,
                        LineReason::InvalidQuota,
                        Some("quota"),
                        q,
                    ));
                    ok = false;
                    None
                }
            },
        };
        let user_id = match get(Column::Login) {
            Some(l) => l.to_owned(),
            None if name.is_empty() => continue,
            None => {
                let generated = login_from_name(name);
                if generated.is_empty() {
                    problems.push(problem(
                        rec.line,
                        LineReason::BadIdCharacters,
                        Some("name"),
                        name,
                    ));
                    continue;
                }
                generated
            }
        };
        if ok {
            rows.push(PlannedAccount {
                line: rec.line,
                user_id,
                display_name: name.to_owned(),
                email,
                groups,
                quota,
            });
        }
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_reason_is_translated() {
        for lang in crate::Language::ALL {
            let l10n = crate::Localizer::new(lang);
            for reason in LineReason::ALL {
                let id = format!("workshop-reason-{}", reason.code());
                assert!(l10n.has(&id), "{id} in {}", lang.tag());
            }
        }
    }

    #[test]
    fn counts_are_checked_against_the_limit_and_a_sane_maximum() {
        let space = SpaceState {
            users: vec!["admin".into(); 45],
            limit: Some(FRAMASPACE_ACCOUNT_LIMIT),
            ..Default::default()
        };
        let count = |n| MemberSource::Count {
            count: n,
            prefix: "atelier",
            name: "Participant",
            group: None,
        };
        let plan = plan_accounts(&count(5), &space);
        assert!(plan.is_valid(), "{:?}", plan.problems);
        let plan = plan_accounts(&count(6), &space);
        assert_eq!(plan.problems.len(), 1);
        assert_eq!(plan.problems[0].value, "45 + 6 > 50");
        let plan = plan_accounts(&count(1_000_000_000), &space);
        assert_eq!(plan.problems.len(), 1, "{:?}", plan.problems);
        assert_eq!(plan.problems[0].reason, LineReason::TooManyAccounts);
        assert!(plan.accounts.is_empty());
    }

    #[test]
    fn lines_separated_otherwise_than_the_header_are_refused_by_line() {
        let space = SpaceState::default();
        let csv = |text: &'static str| plan_accounts(&MemberSource::Csv(text.as_bytes()), &space);
        // `,` header, `;` lines: each line would be one name "Anne;anne@x.org;g".
        let plan = csv("name,email,group\nAnne;anne@x.org;g\nBob,bob@x.org,g\n\nCléo;c@x.org\n");
        assert!(!plan.is_valid());
        let mixed: Vec<(u32, &str)> = plan
            .problems
            .iter()
            .map(|p| (p.line, p.value.as_str()))
            .collect();
        assert_eq!(
            mixed,
            [(2, "; ≠ ,: Anne;anne@x.org;g"), (5, "; ≠ ,: Cléo;c@x.org")]
        );
        assert!(
            plan.problems
                .iter()
                .all(|p| p.reason == LineReason::MixedSeparators)
        );
        assert_eq!(plan.accounts.len(), 1, "only Bob's line is read");
        // The reverse: `;` header, `,` line.
        let plan = csv("nom;courriel\nAnne,anne@x.org\n");
        assert_eq!(plan.problems.len(), 1, "{:?}", plan.problems);
        assert_eq!(plan.problems[0].line, 2);
        assert_eq!(plan.problems[0].reason, LineReason::MixedSeparators);
        // A comma inside quotes, or a name alone, are not mixed separators.
        let plan = csv("nom;courriel\n\"Martin, Camille\";c@x.org\nAnne\n");
        assert!(plan.is_valid(), "{:?}", plan.problems);
        // The message names the line (CLI and screens say "line N: …").
        for lang in crate::Language::ALL {
            let l10n = crate::Localizer::new(lang);
            assert!(l10n.has("workshop-reason-mixed-separators"));
        }
    }

    #[test]
    fn logins_from_names() {
        assert_eq!(login_from_name("Élise N'Diaye"), "elise.ndiaye");
        assert_eq!(login_from_name("  Jean-Noël  Œuvray "), "jean.noel.oeuvray");
        assert_eq!(login_from_name("李小龍"), "");
    }

    #[test]
    fn quotas() {
        assert_eq!(parse_quota("1 Go").as_deref(), Some("1 GB"));
        assert_eq!(parse_quota("500MB").as_deref(), Some("500 MB"));
        assert_eq!(parse_quota("1,5 GB").as_deref(), Some("1.5 GB"));
        assert_eq!(parse_quota("illimité").as_deref(), Some("none"));
        assert_eq!(parse_quota("lots"), None);
        assert_eq!(parse_quota("-3 GB"), None);
    }

    #[test]
    fn both_front_ends_plan_a_count_alike_prefix_and_group_trimmed() {
        // The CLI used to keep `--prefix " atelier"` and `--group ""` as typed (a login with a
        // space, an account put in a group named ""); the Workshop screen trimmed them.
        let space = SpaceState::default();
        let asked = MembersRequest {
            count: Some(2),
            prefix: " atelier ".into(),
            group: Some("  ".into()),
            ..Default::default()
        };
        let plan = asked.plan(&space, "Participant");
        assert!(plan.is_valid(), "{:?}", plan.problems);
        assert_eq!(plan.accounts[0].user_id, "atelier-01");
        assert_eq!(plan.accounts[1].display_name, "Participant 02");
        assert!(plan.accounts[0].groups.is_empty() && plan.groups_to_create.is_empty());
        let grouped = MembersRequest {
            group: Some(" asso ".into()),
            ..asked
        };
        assert_eq!(grouped.plan(&space, "P").groups_to_create, ["asso"]);
    }

    #[test]
    fn a_request_from_the_ui_carries_its_csv_as_text() {
        let asked: MembersRequest = serde_json::from_value(serde_json::json!({
            "csv": "name\nAnne", "count": null, "prefix": "atelier", "group": null,
            "limit": 50, "emailLink": false,
        }))
        .unwrap();
        assert_eq!(asked.csv, Some(CsvBytes(b"name\nAnne".to_vec())));
        let plan = asked.plan(&SpaceState::default(), "P");
        assert_eq!(plan.accounts[0].user_id, "anne");
        assert_eq!(plan.ensure_valid().map_err(|e| e.code()), Ok(()));
        let empty = MembersRequest::default().plan(&SpaceState::default(), "P");
        assert_eq!(
            empty.ensure_valid().unwrap_err().code(),
            "workshop-plan-invalid"
        );
    }
}

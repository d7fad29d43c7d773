//! Practice accounts and bulk welcome of members: a CSV of members (or "N participants") is
//! turned into a checked [`AccountPlan`] where every mistake has its line and a typed
//! [`LineReason`]; [`create_accounts`] refuses any plan with a mistake, creates the accounts
//! with generated passwords, records each one as soon as the server has it, and on a failure
//! midway deletes exactly what this run created. [`cleanup_accounts`] later disables or
//! deletes recorded accounts only, after a confirmation naming them.
//!
//! Passwords are generated here and handed back once (for the sign-in sheet); they are never
//! stored. Nothing here talks to the UI: reasons are codes, texts live in `workshop.ftl`.

use std::collections::{BTreeMap, BTreeSet};

use passerelle_nextcloud::{Client, NewUser, ProvisioningError, RefusalReason, Secret as NcSecret};
use ring::rand::{SecureRandom, SystemRandom};
use serde::Serialize;
use ts_rs::TS;
use unicode_normalization::UnicodeNormalization;

use super::csv;
use super::records::{self, AccountState, PracticeAccount};
use crate::{CoreError, Store};

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

impl SpaceState {
    /// Asks the server (admin or group admin). `limit` is what the trainer says the space
    /// allows: Nextcloud does not publish it.
    pub async fn read(client: &Client, limit: Option<usize>) -> Result<SpaceState, CoreError> {
        let group_admin_of = match client.current_user().await {
            Ok(me) if !me.groups.iter().any(|g| g == "admin") => Some(me.subadmin),
            _ => None,
        };
        let users = client.all_user_ids(200).await?;
        let groups = client
            .list_groups("", passerelle_nextcloud::Page::default())
            .await?;
        Ok(SpaceState {
            users,
            groups,
            limit,
            group_admin_of,
        })
    }
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

/// Letters and digits that cannot be mistaken for one another when read off paper (no
/// 0/O/o, 1/l/I/i, 5/S, 2/Z, 8/B, u/v).
const PASSWORD_ALPHABET: &[u8] = b"abcdefghjkmnpqrstwxyz34679";

/// Capitals for the first character, without those that look like digits (B S Z O I).
const PASSWORD_CAPITALS: &[u8] = b"ACDEFGHJKMNPQRTWXY";

/// A strong password that is easy to type from a printed card: four groups of four, the first
/// letter a capital, at least one digit (`Kbtw-7mqa-3hpx-rzd4`, about 74 bits).
pub fn generate_password() -> NcSecret {
    let rng = SystemRandom::new();
    loop {
        let mut raw = [0u8; 16];
        rng.fill(&mut raw)
            .expect("the system random generator works");
        let chars: Vec<char> = raw
            .iter()
            // 256 = 9 * 26 + 22: drop the biased tail instead of taking a modulo.
            .map(|b| *b as usize)
            .filter(|b| *b < 26 * 9)
            .map(|b| PASSWORD_ALPHABET[b % 26] as char)
            .collect();
        if chars.len() < 16 || !chars[1..16].iter().any(char::is_ascii_digit) {
            continue;
        }
        let mut out = String::with_capacity(19);
        out.push(PASSWORD_CAPITALS[raw[0] as usize % PASSWORD_CAPITALS.len()] as char);
        for (i, c) in chars.iter().enumerate().take(16).skip(1) {
            if i % 4 == 0 {
                out.push('-');
            }
            out.push(*c);
        }
        return NcSecret::new(out);
    }
}

/// An account created by a run, with its password (shown once, never stored).
#[derive(Debug, Clone)]
pub struct CreatedAccount {
    /// The planned account.
    pub account: PlannedAccount,
    /// Its generated password (`None` when the server e-mailed a link instead).
    pub password: Option<NcSecret>,
}

/// What a run created.
#[derive(Debug, Clone)]
pub struct CreationReport {
    /// The run's local id (its accounts and groups are recorded under it).
    pub run_id: i64,
    /// The server, as recorded.
    pub server_url: String,
    /// Accounts, in plan order.
    pub accounts: Vec<CreatedAccount>,
    /// Groups that were created.
    pub groups_created: Vec<String>,
}

/// The server address as records keep it (no trailing `/`).
pub fn server_key(client: &Client) -> String {
    client.base_url().as_str().trim_end_matches('/').to_owned()
}

/// Creates the plan's accounts (and missing groups). Refuses a plan with any mistake. On a
/// failure midway, deletes the accounts and groups this run created, then returns
/// [`CoreError::WorkshopCreateFailed`]. `progress(done, total)` is called after each account.
pub async fn create_accounts(
    client: &Client,
    store: &Store,
    plan: &AccountPlan,
    label: &str,
    progress: &mut (dyn FnMut(usize, usize) + Send),
) -> Result<CreationReport, CoreError> {
    if !plan.is_valid() {
        return Err(CoreError::WorkshopPlanInvalid {
            problems: plan.problems.len().max(1),
        });
    }
    let server = server_key(client);
    let run_id = records::begin_run(store, &server, label)?;
    let mut groups_created = Vec::new();
    let mut created: Vec<CreatedAccount> = Vec::new();
    let total = plan.accounts.len();

    for group in &plan.groups_to_create {
        match client.create_group(group).await {
            Ok(()) => {
                records::record_group(store, run_id, group)?;
                groups_created.push(group.clone());
            }
            // Created meanwhile by someone else: use it, it is not ours to delete.
            Err(ProvisioningError::Refused(r)) if r.reason == RefusalReason::GroupExists => {}
            Err(e) => {
                let failed = FailedAt {
                    user_id: group.clone(),
                    line: plan.accounts.first().map_or(0, |a| a.line),
                    reason: e.code().to_owned(),
                };
                return Err(
                    rollback(client, store, run_id, &created, &groups_created, failed).await,
                );
            }
        }
    }
    for account in &plan.accounts {
        let password = match plan.passwords {
            PasswordMode::Generated => Some(generate_password()),
            PasswordMode::EmailLink => None,
        };
        let new = NewUser {
            user_id: account.user_id.clone(),
            password: password.clone(),
            display_name: Some(account.display_name.clone()),
            email: account.email.clone(),
            groups: account.groups.clone(),
        };
        let result = client.create_user(&new).await;
        let failure = match result {
            Ok(()) => {
                // Kept in `created` first: whatever fails next, the rollback deletes it.
                created.push(CreatedAccount {
                    account: account.clone(),
                    password,
                });
                match records::record_account(store, run_id, &server, account) {
                    Err(e) => Some(e.code().to_owned()),
                    Ok(()) => match &account.quota {
                        Some(q) => client
                            .set_user_quota(&account.user_id, q)
                            .await
                            .err()
                            .map(|e| e.code().to_owned()),
                        None => None,
                    },
                }
            }
            Err(e) => {
                // The request may have reached the server before the connection broke: the
                // plan saw no such account, so one that exists now is this run's.
                if matches!(e, ProvisioningError::Failed(_))
                    && client.user(&account.user_id).await.is_ok()
                {
                    created.push(CreatedAccount {
                        account: account.clone(),
                        password,
                    });
                    let _ = records::record_account(store, run_id, &server, account);
                }
                Some(e.code().to_owned())
            }
        };
        if let Some(reason) = failure {
            let failed = FailedAt {
                user_id: account.user_id.clone(),
                line: account.line,
                reason,
            };
            return Err(rollback(client, store, run_id, &created, &groups_created, failed).await);
        }
        progress(created.len(), total);
    }
    Ok(CreationReport {
        run_id,
        server_url: server,
        accounts: created,
        groups_created,
    })
}

struct FailedAt {
    user_id: String,
    line: u32,
    reason: String,
}

/// Deletes what this run created (accounts newest first, then groups) and builds the error.
async fn rollback(
    client: &Client,
    store: &Store,
    run_id: i64,
    created: &[CreatedAccount],
    groups: &[String],
    failed: FailedAt,
) -> CoreError {
    let server = server_key(client);
    let mut rolled_back = 0;
    let mut left_behind = Vec::new();
    for c in created.iter().rev() {
        match client.delete_user(&c.account.user_id).await {
            Ok(()) => {
                rolled_back += 1;
                let _ =
                    records::set_state(store, &server, &c.account.user_id, AccountState::Deleted);
            }
            Err(ProvisioningError::Failed(e)) if e.is_not_found() => {
                let _ =
                    records::set_state(store, &server, &c.account.user_id, AccountState::Deleted);
            }
            Err(_) => left_behind.push(c.account.user_id.clone()),
        }
    }
    for g in groups.iter().rev() {
        match client.delete_group(g).await {
            Ok(()) => {
                rolled_back += 1;
                let _ = records::forget_group(store, run_id, g);
            }
            Err(_) => left_behind.push(format!("group:{g}")),
        }
    }
    CoreError::WorkshopCreateFailed {
        user_id: failed.user_id,
        line: failed.line,
        reason: failed.reason,
        rolled_back,
        left_behind,
    }
}

/// What clean-up does to each recorded account.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum CleanupAction {
    /// Disable (data kept; can be enabled again).
    Disable,
    /// Delete the account and all its data.
    Delete,
}

/// What clean-up did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CleanupReport {
    /// Accounts disabled or deleted.
    pub done: Vec<String>,
    /// Recorded accounts the server no longer had.
    pub already_gone: Vec<String>,
    /// `(account, error code)` for those that failed (still recorded: try again).
    pub failed: Vec<(String, String)>,
    /// Groups the runs had created, deleted once all their accounts were gone and the group
    /// had no member left.
    pub groups_deleted: Vec<String>,
}

/// The recorded practice accounts of this server that clean-up may touch (not yet deleted):
/// show them to the trainer, then pass the confirmed ids to [`cleanup_accounts`].
pub fn cleanup_candidates(
    store: &Store,
    server_url: &str,
) -> Result<Vec<PracticeAccount>, CoreError> {
    Ok(records::practice_accounts(store, Some(server_url))?
        .into_iter()
        .filter(|a| a.state != AccountState::Deleted)
        .collect())
}

/// Disables or deletes the `confirmed` accounts. Every confirmed id must be a recorded
/// practice account of this server (never anyone else's account): otherwise nothing is done
/// and [`CoreError::WorkshopNotConfirmed`] is returned.
pub async fn cleanup_accounts(
    client: &Client,
    store: &Store,
    action: CleanupAction,
    confirmed: &[String],
) -> Result<CleanupReport, CoreError> {
    let server = server_key(client);
    let candidates = cleanup_candidates(store, &server)?;
    let recorded: BTreeSet<String> = candidates
        .iter()
        .map(|a| a.user_id.to_lowercase())
        .collect();
    if confirmed.is_empty()
        || confirmed
            .iter()
            .any(|c| !recorded.contains(&c.to_lowercase()))
    {
        return Err(CoreError::WorkshopNotConfirmed);
    }
    let mut report = CleanupReport::default();
    for account in candidates
        .iter()
        .filter(|a| confirmed.iter().any(|c| c.eq_ignore_ascii_case(&a.user_id)))
    {
        if action == CleanupAction::Disable && account.state == AccountState::Disabled {
            report.done.push(account.user_id.clone());
            continue;
        }
        let result = match action {
            CleanupAction::Disable => client.disable_account(&account.user_id).await,
            CleanupAction::Delete => client.delete_user(&account.user_id).await,
        };
        let gone = |e: &ProvisioningError| match e {
            ProvisioningError::Refused(r) => r.reason == RefusalReason::UnknownUser,
            ProvisioningError::Failed(e) => e.is_not_found(),
        };
        match result {
            Ok(()) => {
                let state = match action {
                    CleanupAction::Disable => AccountState::Disabled,
                    CleanupAction::Delete => AccountState::Deleted,
                };
                records::set_state(store, &server, &account.user_id, state)?;
                report.done.push(account.user_id.clone());
            }
            Err(e) if gone(&e) => {
                records::set_state(store, &server, &account.user_id, AccountState::Deleted)?;
                report.already_gone.push(account.user_id.clone());
            }
            Err(e) => report
                .failed
                .push((account.user_id.clone(), e.code().to_owned())),
        }
    }
    if action == CleanupAction::Delete {
        report.groups_deleted = delete_emptied_groups(client, store, &server).await?;
    }
    Ok(report)
}

/// Deletes the groups runs created whose accounts are all deleted, when the server says the
/// group is empty (someone may have put a real member in it meanwhile: then it stays).
async fn delete_emptied_groups(
    client: &Client,
    store: &Store,
    server: &str,
) -> Result<Vec<String>, CoreError> {
    let all = records::practice_accounts(store, Some(server))?;
    let runs: BTreeSet<i64> = all.iter().map(|a| a.run_id).collect();
    let mut deleted = Vec::new();
    for run in runs {
        if all
            .iter()
            .any(|a| a.run_id == run && a.state != AccountState::Deleted)
        {
            continue;
        }
        for group in records::run_groups(store, run)? {
            let empty = match client.group_user_ids(&group).await {
                Ok(members) => members.is_empty(),
                Err(ProvisioningError::Failed(e)) if e.is_not_found() => {
                    records::forget_group(store, run, &group)?;
                    continue;
                }
                Err(_) => false,
            };
            if empty && client.delete_group(&group).await.is_ok() {
                records::forget_group(store, run, &group)?;
                deleted.push(group);
            }
        }
    }
    Ok(deleted)
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
    fn passwords_are_readable_and_differ() {
        let a = generate_password();
        let b = generate_password();
        assert_ne!(a.expose(), b.expose());
        for p in [a.expose(), b.expose()] {
            assert_eq!(p.len(), 19, "{p}");
            assert!(p.chars().next().unwrap().is_ascii_uppercase());
            assert!(p.chars().any(|c| c.is_ascii_digit()));
            assert!(!p.chars().any(|c| "0Oo1lIi5S2Z8Buv".contains(c)), "{p}");
        }
    }
}

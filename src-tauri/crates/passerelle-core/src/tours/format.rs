//! The `tour.toml` and `pack.toml` formats: the serde shapes as written by authors (with spans,
//! so problems can name a line), the typed tour the engine runs, and the table of step kinds
//! that validation, docs and the CLI derive from. Turning one into the other, with problems,
//! is `validate`'s job; this module must not read files nor ask a server.

use serde::de::IgnoredAny;
use serde::{Deserialize, Serialize};
use toml::Spanned;
use ts_rs::TS;

use super::check_spec::Check;

/// Who a tour is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum Audience {
    /// Every member of the space.
    Member,
    /// The space's administrators.
    Admin,
}

/// Oldest and newest Nextcloud major versions a range may name.
pub const NEXTCLOUD_MAJOR_RANGE: (u32, u32) = (27, 40);

/// The kinds of step.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum StepKind {
    /// Words to read.
    Explain,
    /// Something to do, verified by a check.
    Task,
    /// A branch.
    Choice,
    /// A question.
    Quiz,
    /// Points at the web interface, live in the space window.
    Highlight,
}

/// One step kind: its name in `tour.toml` and the keys it takes besides `id`, `kind`, `text`.
#[derive(Debug)]
pub struct StepKindSpec {
    /// The kind.
    pub kind: StepKind,
    /// As written in `kind = "…"`.
    pub name: &'static str,
    /// Keys it must have.
    pub required: &'static [&'static str],
    /// Keys it may have.
    pub optional: &'static [&'static str],
    /// One line for docs and `tours kinds`.
    pub doc: &'static str,
}

/// Every step kind, listed once: validation, docs and the CLI derive from this table.
pub const STEP_KINDS: &[StepKindSpec] = &[
    StepKindSpec {
        kind: StepKind::Explain,
        name: "explain",
        required: &[],
        optional: &["picture", "show"],
        doc: "words to read, with an optional picture from pictures/ and an optional `show` (an address of the person's account)",
    },
    StepKindSpec {
        kind: StepKind::Task,
        name: "task",
        required: &["check"],
        optional: &["hint"],
        doc: "something to do in the space, verified by its check",
    },
    StepKindSpec {
        kind: StepKind::Choice,
        name: "choice",
        required: &["options"],
        optional: &[],
        doc: "a branch: each option (label, goto) leads to a step id, `next` or `end`",
    },
    StepKindSpec {
        kind: StepKind::Quiz,
        name: "quiz",
        required: &["answers"],
        optional: &[],
        doc: "a question: answers (label, correct, feedback), at least one correct",
    },
    StepKindSpec {
        kind: StepKind::Highlight,
        name: "highlight",
        required: &["fallback", "target"],
        optional: &["advance", "check"],
        doc: "points at the web interface of the person's space (target: page, wait_ms, open, candidates with selector, nextcloud range and verified versions); its fallback words say where to look when no candidate is found",
    },
];

/// Keys every step has.
pub const COMMON_STEP_KEYS: &[&str] = &["id", "kind", "text"];

impl StepKind {
    /// The table entry of a kind written in `tour.toml`.
    pub fn spec_of(name: &str) -> Option<&'static StepKindSpec> {
        STEP_KINDS.iter().find(|s| s.name == name)
    }

    /// The table entry of this kind.
    pub fn spec(self) -> &'static StepKindSpec {
        STEP_KINDS
            .iter()
            .find(|s| s.kind == self)
            .expect("every kind is in STEP_KINDS")
    }

    /// The name written in `tour.toml`.
    pub fn name(self) -> &'static str {
        self.spec().name
    }
}

/// What an explain step may show besides its words (`show = "…"`), for the current account.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ShowKind {
    /// The CalDAV address (`<server>/remote.php/dav`) and the user name, with a QR code.
    CaldavAddress,
    /// The CardDAV address (`<server>/remote.php/dav`) and the user name, with a QR code.
    CarddavAddress,
    /// The server's address and the user name, with a QR code.
    ServerAddress,
}

/// One `show` value: its name in `tour.toml` (and sent to the UI) and what it shows.
#[derive(Debug)]
pub struct ShowSpec {
    /// The value.
    pub kind: ShowKind,
    /// As written in `show = "…"`.
    pub name: &'static str,
    /// One line for docs.
    pub doc: &'static str,
}

/// Every `show` value, listed once: validation, docs and the UI's values derive from this table.
pub const SHOW_VALUES: &[ShowSpec] = &[
    ShowSpec {
        kind: ShowKind::CaldavAddress,
        name: "caldav-address",
        doc: "the CalDAV address to type in a phone (calendars) and the user name, with a QR code",
    },
    ShowSpec {
        kind: ShowKind::CarddavAddress,
        name: "carddav-address",
        doc: "the CardDAV address to type in a phone (contacts) and the user name, with a QR code",
    },
    ShowSpec {
        kind: ShowKind::ServerAddress,
        name: "server-address",
        doc: "the server's address and the user name, with a QR code",
    },
];

impl ShowKind {
    /// The table entry of a value written in `tour.toml`.
    pub fn spec_of(name: &str) -> Option<&'static ShowSpec> {
        SHOW_VALUES.iter().find(|s| s.name == name)
    }

    /// The name written in `tour.toml` and sent to the UI.
    pub fn name(self) -> &'static str {
        SHOW_VALUES
            .iter()
            .find(|s| s.kind == self)
            .expect("every show value is in SHOW_VALUES")
            .name
    }
}

/// `goto` values that are not step ids.
pub const GOTO_KEYWORDS: &[&str] = &["next", "end"];

/// `advance` values of a highlight step.
pub const ADVANCE_VALUES: &[&str] = &["next", "click", "check"];

// ---- As written (serde, with spans) -------------------------------------------------------

/// The top of a `tour.toml` (steps are read one by one, see `validate`).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawTour {
    pub id: Spanned<String>,
    pub version: Spanned<i64>,
    pub title: Spanned<String>,
    pub summary: Spanned<String>,
    pub audience: Spanned<Audience>,
    #[serde(default)]
    pub apps: Vec<Spanned<String>>,
    pub nextcloud: Option<Spanned<RawRange>>,
    pub minutes: Spanned<i64>,
    #[serde(default)]
    #[allow(dead_code)]
    pub steps: Option<IgnoredAny>,
}

/// `{ min = 27, max = 32 }`.
#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawRange {
    pub min: Option<i64>,
    pub max: Option<i64>,
}

/// One `[[steps]]` table; `check` is read on its own so its problems get their own line.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawStep {
    // Typed here, but read from the table itself so gotos resolve even in a broken step.
    #[allow(dead_code)]
    pub id: Option<Spanned<String>>,
    pub kind: Option<Spanned<String>>,
    pub text: Option<Spanned<String>>,
    pub picture: Option<Spanned<String>>,
    pub show: Option<Spanned<String>>,
    pub hint: Option<Spanned<String>>,
    #[allow(dead_code)]
    pub check: Option<IgnoredAny>,
    pub options: Option<Spanned<Vec<RawOption>>>,
    pub answers: Option<Spanned<Vec<RawAnswer>>>,
    pub fallback: Option<Spanned<String>>,
    pub advance: Option<Spanned<String>>,
    pub target: Option<Spanned<RawTarget>>,
}

impl RawStep {
    /// The optional keys present, with their spans' start.
    pub(crate) fn present(&self, check: Option<usize>) -> Vec<(&'static str, usize)> {
        let mut out = Vec::new();
        let mut add = |name: &'static str, at: Option<usize>| {
            if let Some(at) = at {
                out.push((name, at));
            }
        };
        add("picture", self.picture.as_ref().map(|s| s.span().start));
        add("show", self.show.as_ref().map(|s| s.span().start));
        add("hint", self.hint.as_ref().map(|s| s.span().start));
        add("check", check);
        add("options", self.options.as_ref().map(|s| s.span().start));
        add("answers", self.answers.as_ref().map(|s| s.span().start));
        add("fallback", self.fallback.as_ref().map(|s| s.span().start));
        add("advance", self.advance.as_ref().map(|s| s.span().start));
        add("target", self.target.as_ref().map(|s| s.span().start));
        out
    }
}

/// `{ label = "…", goto = "…" }`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawOption {
    pub label: Spanned<String>,
    pub goto: Spanned<String>,
}

/// `{ label = "…", correct = true, feedback = "…" }`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawAnswer {
    pub label: Spanned<String>,
    pub correct: bool,
    pub feedback: Spanned<String>,
}

/// `[steps.target]` of a highlight step.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawTarget {
    pub page: Option<Spanned<String>>,
    pub wait_ms: Option<u64>,
    pub open: Option<TargetOpen>,
    pub candidates: Option<Vec<RawCandidate>>,
}

/// `{ selector = "…", nextcloud = { min, max }, verified = [29] }`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawCandidate {
    pub selector: Spanned<String>,
    pub nextcloud: Option<Spanned<RawRange>>,
    pub verified: Option<Spanned<Vec<i64>>>,
}

/// `pack.toml`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawPack {
    pub id: Spanned<String>,
    pub version: Spanned<i64>,
    pub name: Spanned<String>,
}

// ---- As run --------------------------------------------------------------------------------

/// A Fluent message id written in `tour.toml`, with the line it is on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MsgRef {
    /// The id.
    pub id: String,
    /// Line in `tour.toml`.
    pub line: u32,
}

/// A Nextcloud major-version range; both ends included, absent ends open.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct VersionRange {
    /// Oldest major version.
    pub min: Option<u32>,
    /// Newest major version.
    pub max: Option<u32>,
}

impl VersionRange {
    /// Whether a major version is in the range.
    pub fn contains(&self, major: u32) -> bool {
        self.min.is_none_or(|m| major >= m) && self.max.is_none_or(|m| major <= m)
    }
}

/// A tour, checked and ready to run.
#[derive(Debug, Clone)]
pub struct Tour {
    /// `[a-z0-9-]+`.
    pub id: String,
    /// Content version.
    pub version: u32,
    /// Fluent id.
    pub title: MsgRef,
    /// Fluent id.
    pub summary: MsgRef,
    /// Who it is for.
    pub audience: Audience,
    /// Nextcloud apps it needs.
    pub apps: Vec<String>,
    /// Nextcloud versions it fits.
    pub nextcloud: Option<VersionRange>,
    /// Estimated duration.
    pub minutes: u32,
    /// The steps, in order.
    pub steps: Vec<Step>,
}

impl Tour {
    /// A step by id.
    pub fn step(&self, id: &str) -> Option<&Step> {
        self.steps.iter().find(|s| s.id == id)
    }

    /// The step after this one, in order.
    pub fn step_after(&self, id: &str) -> Option<&Step> {
        let i = self.steps.iter().position(|s| s.id == id)?;
        self.steps.get(i + 1)
    }

    /// Every Fluent id the tour refers to (checks' `check-<type>-missing` included).
    pub fn message_refs(&self) -> Vec<MsgRef> {
        let mut out = vec![self.title.clone(), self.summary.clone()];
        for step in &self.steps {
            out.extend(step.message_refs());
        }
        out
    }
}

/// One step.
#[derive(Debug, Clone)]
pub struct Step {
    /// `[a-z0-9-]+`, unique in the tour.
    pub id: String,
    /// Line of its `id`.
    pub line: u32,
    /// Fluent id of its text.
    pub text: MsgRef,
    /// What the kind adds.
    pub body: StepBody,
}

impl Step {
    /// Its kind.
    pub fn kind(&self) -> StepKind {
        match &self.body {
            StepBody::Explain { .. } => StepKind::Explain,
            StepBody::Task { .. } => StepKind::Task,
            StepBody::Choice { .. } => StepKind::Choice,
            StepBody::Quiz { .. } => StepKind::Quiz,
            StepBody::Highlight { .. } => StepKind::Highlight,
        }
    }

    /// Its check, if any.
    pub fn check(&self) -> Option<&LocatedCheck> {
        match &self.body {
            StepBody::Task { check, .. } => Some(check),
            StepBody::Highlight { check, .. } => check.as_ref(),
            _ => None,
        }
    }

    /// Fluent ids this step refers to.
    pub fn message_refs(&self) -> Vec<MsgRef> {
        let mut out = vec![self.text.clone()];
        match &self.body {
            StepBody::Explain { .. } => {}
            StepBody::Task { hint, .. } => out.extend(hint.clone()),
            StepBody::Choice { options } => out.extend(options.iter().map(|o| o.label.clone())),
            StepBody::Quiz { answers } => {
                for a in answers {
                    out.push(a.label.clone());
                    out.push(a.feedback.clone());
                }
            }
            StepBody::Highlight { fallback, .. } => out.push(fallback.clone()),
        }
        if let Some(check) = self.check() {
            for (id, _) in check.check.spec().missing_messages() {
                out.push(MsgRef {
                    id,
                    line: check.line,
                });
            }
        }
        out
    }
}

/// A check with the line it is written on.
#[derive(Debug, Clone)]
pub struct LocatedCheck {
    /// The check.
    pub check: Check,
    /// Line of `check = …`.
    pub line: u32,
}

/// What each kind adds to a step.
#[derive(Debug, Clone)]
pub enum StepBody {
    /// Words to read.
    Explain {
        /// File name in `pictures/`, with its line.
        picture: Option<(String, u32)>,
        /// An address of the person's account to show.
        show: Option<ShowKind>,
    },
    /// Something to do.
    Task {
        /// Fluent id of a hint.
        hint: Option<MsgRef>,
        /// How it is verified.
        check: LocatedCheck,
    },
    /// A branch.
    Choice {
        /// The options.
        options: Vec<ChoiceDef>,
    },
    /// A question.
    Quiz {
        /// The answers.
        answers: Vec<AnswerDef>,
    },
    /// Points at the web interface.
    Highlight {
        /// Fluent id of words saying where to find it.
        fallback: MsgRef,
        /// How the step advances.
        advance: Advance,
        /// What to point at.
        target: Target,
        /// Used when `advance = "check"`.
        check: Option<LocatedCheck>,
    },
}

/// One option of a choice.
#[derive(Debug, Clone)]
pub struct ChoiceDef {
    /// Fluent id.
    pub label: MsgRef,
    /// A step id, `next` or `end`.
    pub goto: String,
}

/// One answer of a quiz.
#[derive(Debug, Clone)]
pub struct AnswerDef {
    /// Fluent id.
    pub label: MsgRef,
    /// Right answer.
    pub correct: bool,
    /// Fluent id.
    pub feedback: MsgRef,
}

/// How a highlight step advances.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Advance {
    /// A button.
    #[default]
    Next,
    /// Clicking the target.
    Click,
    /// The step's check.
    Check,
}

/// What a highlight step points at.
#[derive(Debug, Clone)]
pub struct Target {
    /// The page that holds it, under the server's `index.php/` (`settings/user/security`); by
    /// default the tour's first app (`apps/<app>/`).
    pub page: Option<String>,
    /// How long to wait for it, in milliseconds.
    pub wait_ms: Option<u64>,
    /// An action that reveals it first.
    pub open: Option<TargetOpen>,
    /// Selectors, each for a range of Nextcloud versions.
    pub candidates: Vec<Candidate>,
}

/// An action on the page before looking for the target.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, serde::Serialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct TargetOpen {
    /// What to do.
    pub action: OpenAction,
    /// On what.
    pub selector: String,
}

/// `click`, `hover` or `focus`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize, ts_rs::TS)]
#[serde(rename_all = "lowercase")]
pub enum OpenAction {
    /// Click.
    Click,
    /// Hover.
    Hover,
    /// Focus.
    Focus,
}

/// One selector for the target.
#[derive(Debug, Clone)]
pub struct Candidate {
    /// CSS selector.
    pub selector: String,
    /// Versions where it applies.
    pub nextcloud: Option<VersionRange>,
    /// Nextcloud major versions on whose real web interface it was seen to work; empty when it
    /// comes from reading the sources only (unverified).
    pub verified: Vec<u32>,
}

/// A pack's identity.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PackInfo {
    /// `[a-z0-9-]+`.
    pub id: String,
    /// Pack version.
    pub version: u32,
    /// Name shown to trainers.
    pub name: String,
}

/// Whether a string is a page under `index.php/`: `[a-z0-9_-]` segments joined by `/`, no
/// leading `/`, no empty or dot segment.
pub fn is_valid_page(s: &str) -> bool {
    let s = s.strip_suffix('/').unwrap_or(s);
    !s.is_empty()
        && s.split('/').all(|seg| {
            !seg.is_empty()
                && seg
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_' || b == b'-')
        })
}

/// Whether a string is a valid tour, step or pack id: `[a-z0-9-]+`.
pub fn is_valid_id(s: &str) -> bool {
    !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_is_in_the_table_once() {
        let kinds = [
            StepKind::Explain,
            StepKind::Task,
            StepKind::Choice,
            StepKind::Quiz,
            StepKind::Highlight,
        ];
        assert_eq!(STEP_KINDS.len(), kinds.len());
        for k in kinds {
            assert_eq!(StepKind::spec_of(k.name()).unwrap().kind, k);
        }
    }

    #[test]
    fn every_show_value_is_in_the_table_once() {
        let kinds = [
            ShowKind::CaldavAddress,
            ShowKind::CarddavAddress,
            ShowKind::ServerAddress,
        ];
        assert_eq!(SHOW_VALUES.len(), kinds.len());
        for k in kinds {
            assert_eq!(ShowKind::spec_of(k.name()).unwrap().kind, k);
        }
        assert!(ShowKind::spec_of("caldav").is_none());
    }

    #[test]
    fn ids() {
        assert!(is_valid_id("files-2"));
        assert!(!is_valid_id("Files") && !is_valid_id("") && !is_valid_id("a_b"));
    }

    #[test]
    fn pages() {
        assert!(is_valid_page("settings/user/security") && is_valid_page("apps/files/"));
        for bad in ["", "/apps", "apps//files", "../x", "apps/files?x=1", "Apps"] {
            assert!(!is_valid_page(bad), "{bad}");
        }
    }

    #[test]
    fn ranges() {
        let r = VersionRange {
            min: Some(28),
            max: None,
        };
        assert!(r.contains(28) && r.contains(40) && !r.contains(27));
    }
}

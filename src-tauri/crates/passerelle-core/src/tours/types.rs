//! What the tours engine hands to the UI (through generated TypeScript bindings) and to the
//! CLI's JSON. Plain data, named as in the tours spec; no behaviour.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

pub use super::format::Audience;

/// How far a person is in a tour.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum TourStatus {
    /// Nothing recorded yet.
    New,
    /// Started, not finished.
    InProgress,
    /// Every step passed.
    Done,
}

/// Where a tour comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum TourOrigin {
    /// Shipped inside Passerelle.
    Bundled,
    /// Loaded from a tour pack (folder or .zip).
    Pack,
}

/// One tour in the list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct TourSummary {
    /// Tour id (`files`).
    pub id: String,
    /// Version of the tour's content.
    pub version: u32,
    /// Fluent id of the title.
    pub title: String,
    /// Fluent id of the one-line summary.
    pub summary: String,
    /// Who it is for.
    pub audience: Audience,
    /// Estimated duration.
    pub minutes: u32,
    /// Bundled or from a pack.
    #[ts(type = "\"bundled\" | \"pack\"")]
    pub source: TourOrigin,
    /// Whether the space offers what the tour needs (always true without an account or when
    /// the server cannot be asked).
    pub available: bool,
    /// Fluent id saying why not (`tour-unavailable-app`…).
    pub unavailable_reason: Option<String>,
    /// The person chose "don't propose this again".
    pub hidden: bool,
    /// New, in progress or done.
    pub status: TourStatus,
    /// Number of steps.
    pub steps_total: u32,
    /// Steps passed (tasks done or skipped, other steps seen).
    pub steps_done: u32,
    /// Where to resume: the step after the last one the person reached.
    pub current_step: Option<String>,
}

/// One option of a choice step.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ChoiceOption {
    /// Fluent id of the label.
    pub label: String,
    /// A step id, `next` or `end`.
    pub goto: String,
}

/// One answer of a quiz step.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct QuizAnswer {
    /// Fluent id of the label.
    pub label: String,
    /// Whether it is a right answer.
    pub correct: bool,
    /// Fluent id of what is said when it is chosen.
    pub feedback: String,
}

/// A step as the UI shows it. Texts are Fluent ids; a picture is a `data:` URL.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(
    tag = "kind",
    rename_all = "camelCase",
    rename_all_fields = "camelCase"
)]
pub enum TourStep {
    /// Words (and maybe a picture) to read.
    Explain {
        /// Step id.
        id: String,
        /// Fluent id.
        text: String,
        /// `data:` URL of the picture.
        picture: Option<String>,
        /// An address of the person's account to show with the words: `caldav-address`,
        /// `carddav-address` or `server-address` (see `format::SHOW_VALUES`).
        show: Option<String>,
    },
    /// Something to do in the space, verified by asking the server.
    Task {
        /// Step id.
        id: String,
        /// Fluent id.
        text: String,
        /// Fluent id of a hint.
        hint: Option<String>,
        /// The check's type (`folder-exists`…).
        check_type: String,
        /// The step shows a field whose content is passed to `tourCheck` (never stored).
        needs_input: bool,
    },
    /// A branch: each option leads to a step.
    Choice {
        /// Step id.
        id: String,
        /// Fluent id.
        text: String,
        /// The options.
        options: Vec<ChoiceOption>,
    },
    /// A question with feedback.
    Quiz {
        /// Step id.
        id: String,
        /// Fluent id.
        text: String,
        /// The answers.
        answers: Vec<QuizAnswer>,
    },
    /// Points at something in the web interface of the person's space (live, in the space
    /// window), or says in words where it is.
    Highlight {
        /// Step id.
        id: String,
        /// Fluent id.
        text: String,
        /// Fluent id of words saying where to find it.
        fallback: String,
        /// How it advances and what it points at (always sent; optional for older callers).
        #[ts(optional)]
        live: Option<super::highlight::HighlightLive>,
    },
}

/// What is recorded for a step.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum StepState {
    /// Shown to the person.
    Seen,
    /// Skipped by the person.
    Skipped,
    /// Done (for a task: verified on the server).
    Done,
}

impl StepState {
    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            StepState::Seen => "seen",
            StepState::Skipped => "skipped",
            StepState::Done => "done",
        }
    }

    /// Parses a stored name.
    pub fn parse(s: &str) -> Option<StepState> {
        match s {
            "seen" => Some(StepState::Seen),
            "skipped" => Some(StepState::Skipped),
            "done" => Some(StepState::Done),
            _ => None,
        }
    }
}

/// The record of one step.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct StepProgress {
    /// Step id.
    pub step_id: String,
    /// Seen, done or skipped.
    pub status: StepState,
    /// What the check found (`/Bureau`), when done by a check.
    pub evidence: Option<String>,
    /// Last change (RFC 3339, UTC).
    pub updated_at: String,
}

/// A tour opened: its summary, steps and what the person did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct TourDetail {
    /// As in the list.
    pub summary: TourSummary,
    /// The steps in order.
    pub steps: Vec<TourStep>,
    /// Recorded steps.
    pub progress: Vec<StepProgress>,
}

/// What a check found missing: a Fluent id `check-<type>-missing` and its arguments.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct MissingInfo {
    /// Fluent id.
    pub message_id: String,
    /// Fluent arguments, all strings.
    #[ts(type = "Record<string, string>")]
    pub args: BTreeMap<String, String>,
}

/// The result of running a step's check.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CheckOutcome {
    /// The task is done.
    pub done: bool,
    /// What was found, when done.
    pub evidence: Option<String>,
    /// What is missing, when not done.
    pub missing: Option<MissingInfo>,
    /// The server could not be reached: the UI says checks will run when it is back.
    pub offline: bool,
}

impl CheckOutcome {
    /// Done, with what was found.
    pub fn done(evidence: impl Into<String>) -> Self {
        Self {
            done: true,
            evidence: Some(evidence.into()),
            missing: None,
            offline: false,
        }
    }

    /// Not done: `check-<type>-missing` with these arguments.
    pub fn missing(check_type: &str, args: &[(&str, String)]) -> Self {
        Self::missing_variant(check_type, None, args)
    }

    /// Not done: `check-<type>-missing`, or `check-<type>-missing-<variant>` (e.g. `any`,
    /// `pattern`), with these arguments.
    pub fn missing_variant(
        check_type: &str,
        variant: Option<&str>,
        args: &[(&str, String)],
    ) -> Self {
        let message_id = match variant {
            Some(v) => format!("check-{check_type}-missing-{v}"),
            None => format!("check-{check_type}-missing"),
        };
        Self {
            done: false,
            evidence: None,
            missing: Some(MissingInfo {
                message_id,
                args: args
                    .iter()
                    .map(|(k, v)| ((*k).to_owned(), v.clone()))
                    .collect(),
            }),
            offline: false,
        }
    }

    /// The server could not be asked.
    pub fn offline() -> Self {
        Self {
            done: false,
            evidence: None,
            missing: None,
            offline: true,
        }
    }
}

/// One problem in a tour or pack, for its author.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct TourProblem {
    /// File, relative to the pack (or `tours/<id>/tour.toml` for bundled tours).
    pub file: String,
    /// Line in that file, when known.
    pub line: Option<u32>,
    /// What is wrong (English).
    pub message: String,
    /// How to fix it (English).
    pub fix: String,
}

impl std::fmt::Display for TourProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}:{line}: {} — {}", self.file, self.message, self.fix),
            None => write!(f, "{}: {} — {}", self.file, self.message, self.fix),
        }
    }
}

/// A tour that could not be loaded, with every problem found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BrokenTour {
    /// The pack path or the bundled tour's id.
    pub source: String,
    /// Its problems.
    pub problems: Vec<TourProblem>,
}

/// What loading a pack gave.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PackReport {
    /// Tours now offered from this pack.
    pub loaded: Vec<TourSummary>,
    /// Tours of this pack that could not be loaded.
    pub broken: Vec<BrokenTour>,
}

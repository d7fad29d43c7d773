//! The workshops' own errors: a list of accounts, a pack, a progress file or a destructive action
//! that was refused. Each has a stable code naming the Fluent message `error-<code>`. A leaf: it
//! imports nothing of Passerelle's but [`Coded`], so the core's shared error wraps it without an
//! import loop.

use crate::coded::Coded;

/// A workshop action was refused. Each variant maps to one stable [`Coded::code`].
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum WorkshopError {
    /// The list of members to create has mistakes (each is reported with its line); nothing
    /// was created.
    #[error("{problems} mistake(s) in the list of accounts: nothing was created")]
    PlanInvalid {
        /// How many mistakes.
        problems: usize,
    },
    /// Creating the practice accounts failed midway; what this run had created was removed.
    #[error(
        "creating {user_id:?} (line {line}) failed ({reason}); {rolled_back} account(s) removed again, left behind: {left_behind:?}"
    )]
    CreateFailed {
        /// The account that failed.
        user_id: String,
        /// Its line in the list.
        line: u32,
        /// The refusal or error code.
        reason: String,
        /// Accounts (and groups) of this run removed again.
        rolled_back: usize,
        /// Accounts that could not be removed (still recorded, for a later clean-up).
        left_behind: Vec<String>,
    },
    /// A destructive workshop action (clean-up, reset) was asked without the confirmation
    /// listing exactly what it touches.
    #[error("this needs a confirmation listing exactly what will be removed")]
    NotConfirmed,
    /// No workshop plan with this name.
    #[error("no workshop plan named {0:?}")]
    PlanNotFound(String),
    /// A workshop pack was refused: its problems point to file and line.
    #[error("the workshop pack {path} has {} problem(s), first: {}", problems.len(), problems.first().map(String::as_str).unwrap_or(""))]
    PackInvalid {
        /// Where it was.
        path: std::path::PathBuf,
        /// `file:line: problem — fix`, one per problem.
        problems: Vec<String>,
    },
    /// A progress file could not be read.
    #[error("the progress file {file} cannot be used (line {line:?}): {reason}")]
    ProgressInvalid {
        /// The file.
        file: String,
        /// The line, when known.
        line: Option<u32>,
        /// Why.
        reason: String,
    },
}

impl WorkshopError {
    /// Every code of this error, listed once (tests check each has a Fluent message).
    pub const CODES: &[&str] = &[
        "workshop-plan-invalid",
        "workshop-create-failed",
        "workshop-not-confirmed",
        "workshop-plan-not-found",
        "workshop-pack-invalid",
        "workshop-progress-invalid",
    ];
}

impl Coded for WorkshopError {
    fn code(&self) -> &'static str {
        match self {
            Self::PlanInvalid { .. } => "workshop-plan-invalid",
            Self::CreateFailed { .. } => "workshop-create-failed",
            Self::NotConfirmed => "workshop-not-confirmed",
            Self::PlanNotFound { .. } => "workshop-plan-not-found",
            Self::PackInvalid { .. } => "workshop-pack-invalid",
            Self::ProgressInvalid { .. } => "workshop-progress-invalid",
        }
    }
}

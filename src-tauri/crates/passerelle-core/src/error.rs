//! Errors of the core, and the `{ code, message }` shape in which every error crosses into the
//! UI or the CLI's JSON. Each `code` has a Fluent message `error-<code>` in every locale.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// What went wrong in the core. Each variant maps to one stable [`CoreError::code`].
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum CoreError {
    /// A profile name was empty or only spaces.
    #[error("the profile name is empty")]
    ProfileNameEmpty,
    /// Another profile already has this name (names are compared without case).
    #[error("a profile named {0:?} already exists")]
    ProfileNameTaken(String),
    /// No profile with this id.
    #[error("no profile with id {0}")]
    ProfileNotFound(i64),
    /// The local database could not be read or written.
    #[error("local database error: {0}")]
    Store(#[from] rusqlite::Error),
    /// The data folder could not be created or used.
    #[error("cannot use the data folder {path}: {source}")]
    DataDir {
        /// The folder Passerelle tried to use.
        path: std::path::PathBuf,
        /// Why it failed.
        #[source]
        source: std::io::Error,
    },
    /// No data folder can be found on this system (no home directory).
    #[error("no data folder can be found on this system")]
    NoDataDir,
    /// No account with this id.
    #[error("no account with id {0}")]
    AccountNotFound(i64),
    /// The Nextcloud server (or the way to it) failed; its code says how.
    #[error(transparent)]
    Nextcloud(#[from] passerelle_nextcloud::Error),
    /// The app password could not be stored or read.
    #[error(transparent)]
    Secret(#[from] crate::secrets::SecretError),
    /// A value given by the UI is not one Passerelle knows.
    #[error("invalid value for {field}: {value:?}")]
    InvalidValue {
        /// Which field.
        field: &'static str,
        /// The value received.
        value: String,
    },
    /// No tour with this id is on offer.
    #[error("no tour {0:?}")]
    TourNotFound(String),
    /// The tour has no step with this id.
    #[error("tour {tour:?} has no step {step:?}")]
    TourStepNotFound {
        /// Tour id.
        tour: String,
        /// Step id.
        step: String,
    },
    /// The step has nothing to verify.
    #[error("step {step:?} of tour {tour:?} has no check")]
    TourStepHasNoCheck {
        /// Tour id.
        tour: String,
        /// Step id.
        step: String,
    },
    /// A tour pack (folder or .zip) could not be read.
    #[error("cannot read the tour pack {path}: {reason}")]
    TourPackUnreadable {
        /// Where it was.
        path: std::path::PathBuf,
        /// Why.
        reason: String,
    },
    /// A tour pack holds an entry that would escape it, or is too big: it is refused whole.
    #[error("the tour pack {path} was refused ({entry:?}: {reason})")]
    TourPackUnsafe {
        /// Where it was.
        path: std::path::PathBuf,
        /// The offending entry.
        entry: String,
        /// Why.
        reason: String,
    },
    /// No hand-over job with this id.
    #[error("no hand-over job with id {0}")]
    HandoverJobNotFound(i64),
    /// The selection names something that cannot be handed over (missing, outside the
    /// member's space, or a side without the needed server).
    #[error("cannot hand over {item:?}: {reason}")]
    HandoverSelection {
        /// The path or collection as given.
        item: String,
        /// Why.
        reason: String,
    },
    /// The selection holds nothing that can be moved.
    #[error("nothing to hand over")]
    HandoverEmpty,
    /// The selection does not fit in the recipient's storage quota.
    #[error("{needed} bytes to copy, {available} available at the destination")]
    HandoverQuota {
        /// Bytes to copy.
        needed: u64,
        /// Bytes available at the destination.
        available: u64,
    },
    /// This strategy cannot be used (not available here, or not implemented yet).
    #[error("the hand-over strategy {0:?} is not available here (or not yet implemented)")]
    HandoverStrategyUnavailable(String),
    /// The hand-over job is not complete at the destination (failed or missing items).
    #[error("hand-over job {job} is {state}: resume it")]
    HandoverIncomplete {
        /// Job id.
        job: i64,
        /// Its state.
        state: String,
    },
    /// Disabling the departing member's account was asked without an explicit confirmation.
    #[error("disabling the departing account needs an explicit confirmation")]
    HandoverDisableNotConfirmed,
    /// The hand-over stopped with failures a resume cannot cure: a person must act first (the
    /// report says who and what, per cause).
    #[error(
        "hand-over job {job} needs someone to act first ({causes}): resuming alone would fail the same way"
    )]
    HandoverNeedsAction {
        /// Job id.
        job: i64,
        /// The causes' codes, comma-separated.
        causes: String,
    },
    /// The departing member's account is disabled: a strategy that works with their own
    /// session cannot read their data (the OwnershipTransfer app, with an admin, still can).
    #[error("the account of {user:?} is disabled")]
    HandoverMemberDisabled {
        /// The member's user id.
        user: String,
    },
    /// A hand-over could not reach one side; its code is the server error's.
    #[error(transparent)]
    Transfer(#[from] crate::handover::error::TransferError),
    /// The list of members to create has mistakes (each is reported with its line); nothing
    /// was created.
    #[error("{problems} mistake(s) in the list of accounts: nothing was created")]
    WorkshopPlanInvalid {
        /// How many mistakes.
        problems: usize,
    },
    /// Creating the practice accounts failed midway; what this run had created was removed.
    #[error(
        "creating {user_id:?} (line {line}) failed ({reason}); {rolled_back} account(s) removed again, left behind: {left_behind:?}"
    )]
    WorkshopCreateFailed {
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
    WorkshopNotConfirmed,
    /// No workshop plan with this name.
    #[error("no workshop plan named {0:?}")]
    WorkshopPlanNotFound(String),
    /// A workshop pack was refused: its problems point to file and line.
    #[error("the workshop pack {path} has {} problem(s), first: {}", problems.len(), problems.first().map(String::as_str).unwrap_or(""))]
    WorkshopPackInvalid {
        /// Where it was.
        path: std::path::PathBuf,
        /// `file:line: problem — fix`, one per problem.
        problems: Vec<String>,
    },
    /// A progress file could not be read.
    #[error("the progress file {file} cannot be used (line {line:?}): {reason}")]
    WorkshopProgressInvalid {
        /// The file.
        file: String,
        /// The line, when known.
        line: Option<u32>,
        /// Why.
        reason: String,
    },
}

/// Every code a [`CoreError`] of its own can have, listed once: tests check each has a Fluent
/// message. Nextcloud and secret errors carry the codes of their own crates' lists.
pub const CORE_ERROR_CODES: &[&str] = &[
    "profile-name-empty",
    "profile-name-taken",
    "profile-not-found",
    "store",
    "data-dir",
    "no-data-dir",
    "invalid-value",
    "account-not-found",
    "tour-not-found",
    "tour-step-not-found",
    "tour-step-no-check",
    "tour-pack-unreadable",
    "tour-pack-unsafe",
    "handover-job-not-found",
    "handover-selection",
    "handover-empty",
    "handover-quota",
    "handover-strategy-unavailable",
    "handover-incomplete",
    "handover-disable-not-confirmed",
    "handover-needs-action",
    "handover-member-disabled",
    "workshop-plan-invalid",
    "workshop-create-failed",
    "workshop-not-confirmed",
    "workshop-plan-not-found",
    "workshop-pack-invalid",
    "workshop-progress-invalid",
];

impl CoreError {
    /// The stable code of this error; the UI shows the Fluent message `error-<code>`.
    pub fn code(&self) -> &'static str {
        match self {
            Self::ProfileNameEmpty => "profile-name-empty",
            Self::ProfileNameTaken(_) => "profile-name-taken",
            Self::ProfileNotFound(_) => "profile-not-found",
            Self::Store(_) => "store",
            Self::DataDir { .. } => "data-dir",
            Self::NoDataDir => "no-data-dir",
            Self::InvalidValue { .. } => "invalid-value",
            Self::AccountNotFound(_) => "account-not-found",
            Self::TourNotFound(_) => "tour-not-found",
            Self::TourStepNotFound { .. } => "tour-step-not-found",
            Self::TourStepHasNoCheck { .. } => "tour-step-no-check",
            Self::TourPackUnreadable { .. } => "tour-pack-unreadable",
            Self::TourPackUnsafe { .. } => "tour-pack-unsafe",
            Self::HandoverJobNotFound(_) => "handover-job-not-found",
            Self::HandoverSelection { .. } => "handover-selection",
            Self::HandoverEmpty => "handover-empty",
            Self::HandoverQuota { .. } => "handover-quota",
            Self::HandoverStrategyUnavailable(_) => "handover-strategy-unavailable",
            Self::HandoverIncomplete { .. } => "handover-incomplete",
            Self::HandoverDisableNotConfirmed => "handover-disable-not-confirmed",
            Self::HandoverNeedsAction { .. } => "handover-needs-action",
            Self::HandoverMemberDisabled { .. } => "handover-member-disabled",
            Self::WorkshopPlanInvalid { .. } => "workshop-plan-invalid",
            Self::WorkshopCreateFailed { .. } => "workshop-create-failed",
            Self::WorkshopNotConfirmed => "workshop-not-confirmed",
            Self::WorkshopPlanNotFound(_) => "workshop-plan-not-found",
            Self::WorkshopPackInvalid { .. } => "workshop-pack-invalid",
            Self::WorkshopProgressInvalid { .. } => "workshop-progress-invalid",
            Self::Transfer(e) => e.code(),
            Self::Nextcloud(e) => e.code(),
            Self::Secret(e) => e.code(),
        }
    }
}

/// An error as it crosses IPC and the CLI's `--json` output.
///
/// `code` maps 1:1 to the Fluent id `error-<code>`, so the UI can translate it and branch on
/// it; `message` is the English technical detail, for logs and bug reports.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct IpcError {
    /// Stable kebab-case code; the Fluent id is `error-<code>`.
    pub code: String,
    /// Technical detail in English, never containing a secret.
    pub message: String,
}

impl IpcError {
    /// An error with this code and detail.
    pub fn new(code: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            code: code.into(),
            message: message.into(),
        }
    }
}

impl From<crate::secrets::SecretError> for IpcError {
    fn from(err: crate::secrets::SecretError) -> Self {
        Self::new(err.code(), err.to_string())
    }
}

impl From<CoreError> for IpcError {
    fn from(err: CoreError) -> Self {
        Self::new(err.code(), err.to_string())
    }
}

impl std::fmt::Display for IpcError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} ({})", self.message, self.code)
    }
}

impl std::error::Error for IpcError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_secret_error_crosses_ipc_with_its_code() {
        let ipc = IpcError::from(crate::secrets::SecretError::SessionLost);
        assert_eq!(ipc.code, "session-secret-lost");
    }

    #[test]
    fn ipc_error_json_shape_is_pinned() {
        let err = IpcError::from(CoreError::ProfileNameTaken("Camille".into()));
        let json = serde_json::to_value(&err).unwrap();
        assert_eq!(
            json,
            serde_json::json!({
                "code": "profile-name-taken",
                "message": "a profile named \"Camille\" already exists"
            })
        );
        // Exactly two keys: the UI relies on this shape.
        assert_eq!(json.as_object().unwrap().len(), 2);
    }

    #[test]
    fn every_code_is_listed_once() {
        let samples = [
            CoreError::ProfileNameEmpty,
            CoreError::ProfileNameTaken(String::new()),
            CoreError::ProfileNotFound(1),
            CoreError::Store(rusqlite::Error::InvalidQuery),
            CoreError::DataDir {
                path: "/x".into(),
                source: std::io::Error::other("x"),
            },
            CoreError::NoDataDir,
            CoreError::InvalidValue {
                field: "theme",
                value: "x".into(),
            },
            CoreError::AccountNotFound(1),
            CoreError::TourNotFound("x".into()),
            CoreError::TourStepNotFound {
                tour: "x".into(),
                step: "y".into(),
            },
            CoreError::TourStepHasNoCheck {
                tour: "x".into(),
                step: "y".into(),
            },
            CoreError::TourPackUnreadable {
                path: "/x".into(),
                reason: "x".into(),
            },
            CoreError::TourPackUnsafe {
                path: "/x".into(),
                entry: "../x".into(),
                reason: "x".into(),
            },
            CoreError::HandoverJobNotFound(1),
            CoreError::HandoverSelection {
                item: "/x".into(),
                reason: "x".into(),
            },
            CoreError::HandoverEmpty,
            CoreError::HandoverQuota {
                needed: 2,
                available: 1,
            },
            CoreError::HandoverStrategyUnavailable("native".into()),
            CoreError::HandoverIncomplete {
                job: 1,
                state: "incomplete".into(),
            },
            CoreError::HandoverDisableNotConfirmed,
            CoreError::HandoverNeedsAction {
                job: 1,
                causes: "quota".into(),
            },
            CoreError::HandoverMemberDisabled { user: "x".into() },
            CoreError::WorkshopPlanInvalid { problems: 1 },
            CoreError::WorkshopCreateFailed {
                user_id: "x".into(),
                line: 2,
                reason: "user-exists".into(),
                rolled_back: 0,
                left_behind: Vec::new(),
            },
            CoreError::WorkshopNotConfirmed,
            CoreError::WorkshopPlanNotFound("x".into()),
            CoreError::WorkshopPackInvalid {
                path: "/x".into(),
                problems: vec!["x".into()],
            },
            CoreError::WorkshopProgressInvalid {
                file: "x".into(),
                line: None,
                reason: "x".into(),
            },
        ];
        let codes: Vec<_> = samples.iter().map(CoreError::code).collect();
        assert_eq!(codes, CORE_ERROR_CODES);
    }
}

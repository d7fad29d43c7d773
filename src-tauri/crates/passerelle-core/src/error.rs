//! Errors of the core, and the `{ code, message }` shape in which every error crosses into the
//! UI or the CLI's JSON. Each `code` has a Fluent message `error-<code>` in every locale.

use serde::{Deserialize, Serialize};

use crate::coded::Coded;
use crate::handover::error::HandoverError;
use crate::tours::error::TourError;
use crate::workshop::error::WorkshopError;
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
    /// A tour could not be found, read or checked; its code says which.
    #[error(transparent)]
    Tour(#[from] TourError),
    /// A hand-over was refused before it moved anything, or needs a person; its code says why.
    #[error(transparent)]
    Handover(#[from] HandoverError),
    /// A hand-over could not reach one side; its code is the server error's.
    #[error(transparent)]
    Transfer(#[from] crate::handover::error::TransferError),
    /// A workshop action was refused; its code says why.
    #[error(transparent)]
    Workshop(#[from] WorkshopError),
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
];

/// Every code the core's errors can have: the shared ones, then each domain's.
pub fn all_codes() -> Vec<&'static str> {
    [
        CORE_ERROR_CODES,
        TourError::CODES,
        HandoverError::CODES,
        WorkshopError::CODES,
    ]
    .concat()
}

impl Coded for CoreError {
    fn code(&self) -> &'static str {
        CoreError::code(self)
    }
}

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
            Self::Tour(e) => e.code(),
            Self::Handover(e) => e.code(),
            Self::Workshop(e) => e.code(),
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
            CoreError::Tour(TourError::NotFound("x".into())),
            CoreError::Tour(TourError::StepNotFound {
                tour: "x".into(),
                step: "y".into(),
            }),
            CoreError::Tour(TourError::StepHasNoCheck {
                tour: "x".into(),
                step: "y".into(),
            }),
            CoreError::Tour(TourError::PackUnreadable {
                path: "/x".into(),
                reason: "x".into(),
            }),
            CoreError::Tour(TourError::PackUnsafe {
                path: "/x".into(),
                entry: "../x".into(),
                reason: "x".into(),
            }),
            CoreError::Handover(HandoverError::JobNotFound(1)),
            CoreError::Handover(HandoverError::Selection {
                item: "/x".into(),
                reason: "x".into(),
            }),
            CoreError::Handover(HandoverError::Empty),
            CoreError::Handover(HandoverError::Quota {
                needed: 2,
                available: 1,
            }),
            CoreError::Handover(HandoverError::StrategyUnavailable("native".into())),
            CoreError::Handover(HandoverError::Incomplete {
                job: 1,
                state: "incomplete".into(),
            }),
            CoreError::Handover(HandoverError::DisableNotConfirmed),
            CoreError::Handover(HandoverError::NeedsAction {
                job: 1,
                causes: "quota".into(),
            }),
            CoreError::Handover(HandoverError::MemberDisabled { user: "x".into() }),
            CoreError::Workshop(WorkshopError::PlanInvalid { problems: 1 }),
            CoreError::Workshop(WorkshopError::CreateFailed {
                user_id: "x".into(),
                line: 2,
                reason: "user-exists".into(),
                rolled_back: 0,
                left_behind: Vec::new(),
            }),
            CoreError::Workshop(WorkshopError::NotConfirmed),
            CoreError::Workshop(WorkshopError::PlanNotFound("x".into())),
            CoreError::Workshop(WorkshopError::PackInvalid {
                path: "/x".into(),
                problems: vec!["x".into()],
            }),
            CoreError::Workshop(WorkshopError::ProgressInvalid {
                file: "x".into(),
                line: None,
                reason: "x".into(),
            }),
        ];
        let codes: Vec<_> = samples.iter().map(CoreError::code).collect();
        assert_eq!(codes, all_codes());
    }
}

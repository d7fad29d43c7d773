//! The hand-over's own errors. [`TransferError`]: what went wrong with one item or one request
//! of a transfer, kept with the HTTP status and the server's `Retry-After`, so the engine can
//! tell a failure that a retry may cure from one that needs a person
//! ([`TransferError::is_transient`]). [`HandoverError`]: a hand-over refused before it moved
//! anything (selection, quota, strategy), or one that needs a person first. A leaf: it imports
//! nothing of Passerelle's but [`Coded`], so the core's shared error wraps both without a loop.

use std::time::Duration;

use passerelle_nextcloud::ErrorKind;

use crate::coded::Coded;

/// A failure on one side, as the engine classifies it: the protocol crate's kind, the HTTP
/// status and the server's `Retry-After`. Tests build their own to inject faults.
#[derive(Debug, Clone, thiserror::Error)]
#[error("{message}")]
pub struct TransferError {
    kind: ErrorKind,
    status: Option<u16>,
    retry_after: Option<Duration>,
    retried: bool,
    message: String,
}

impl TransferError {
    /// An error of this kind (message: the kind's description).
    pub fn new(kind: ErrorKind) -> Self {
        TransferError {
            kind,
            status: None,
            retry_after: None,
            retried: false,
            message: kind.to_string(),
        }
    }

    /// With an HTTP status.
    pub fn with_status(mut self, status: u16) -> Self {
        self.status = Some(status);
        self
    }

    /// As if the HTTP client had already retried the request (tests).
    pub fn with_client_retries(mut self) -> Self {
        self.retried = true;
        self
    }

    /// The HTTP client already retried this request under the one retry policy: the run does
    /// not retry it again (see `passerelle_nextcloud::Error::retried_by_client`).
    pub fn retried_by_client(&self) -> bool {
        self.retried
    }

    /// With the server's `Retry-After`.
    pub fn with_retry_after(mut self, delay: Duration) -> Self {
        self.retry_after = Some(delay);
        self
    }

    /// With a technical message.
    pub fn with_message(mut self, message: impl Into<String>) -> Self {
        self.message = message.into();
        self
    }

    /// The kind.
    pub fn kind(&self) -> ErrorKind {
        self.kind
    }

    /// The stable code (the protocol crate's, Fluent `error-<code>`).
    pub fn code(&self) -> &'static str {
        self.kind.code()
    }

    /// HTTP status, when there was an answer.
    pub fn status(&self) -> Option<u16> {
        self.status
    }

    /// The server's `Retry-After`.
    pub fn retry_after(&self) -> Option<Duration> {
        self.retry_after
    }

    /// Whether trying the same item again may work: transient network and server failures,
    /// locks and throttling. Quota, permissions, names and conflicts are not retried.
    pub fn is_transient(&self) -> bool {
        matches!(
            self.kind,
            ErrorKind::Offline
                | ErrorKind::Timeout
                | ErrorKind::ServerError
                | ErrorKind::Throttled
                | ErrorKind::Locked
                | ErrorKind::Maintenance
        )
    }

    /// Whether the whole run must stop (credentials refused: every request would fail).
    pub fn is_fatal(&self) -> bool {
        matches!(self.kind, ErrorKind::Auth | ErrorKind::TlsUntrusted)
    }
}

impl From<passerelle_nextcloud::Error> for TransferError {
    fn from(e: passerelle_nextcloud::Error) -> Self {
        TransferError {
            kind: e.kind(),
            status: e.status(),
            retry_after: e.retry_after(),
            retried: e.retried_by_client(),
            message: e.to_string(),
        }
    }
}

/// Shorthand.
pub type TransferResult<T> = Result<T, TransferError>;

/// A hand-over was refused before it moved anything, or needs a person first. Each variant maps to one stable [`Coded::code`].
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum HandoverError {
    /// No hand-over job with this id.
    #[error("no hand-over job with id {0}")]
    JobNotFound(i64),
    /// The selection names something that cannot be handed over (missing, outside the
    /// member's space, or a side without the needed server).
    #[error("cannot hand over {item:?}: {reason}")]
    Selection {
        /// The path or collection as given.
        item: String,
        /// Why.
        reason: String,
    },
    /// The selection holds nothing that can be moved.
    #[error("nothing to hand over")]
    Empty,
    /// The selection does not fit in the recipient's storage quota.
    #[error("{needed} bytes to copy, {available} available at the destination")]
    Quota {
        /// Bytes to copy.
        needed: u64,
        /// Bytes available at the destination.
        available: u64,
    },
    /// This strategy cannot be used (not available here, or not implemented yet).
    #[error("the hand-over strategy {0:?} is not available here (or not yet implemented)")]
    StrategyUnavailable(String),
    /// The hand-over job is not complete at the destination (failed or missing items).
    #[error("hand-over job {job} is {state}: resume it")]
    Incomplete {
        /// Job id.
        job: i64,
        /// Its state.
        state: String,
    },
    /// Disabling the departing member's account was asked without an explicit confirmation.
    #[error("disabling the departing account needs an explicit confirmation")]
    DisableNotConfirmed,
    /// The hand-over stopped with failures a resume cannot cure: a person must act first (the
    /// report says who and what, per cause).
    #[error(
        "hand-over job {job} needs someone to act first ({causes}): resuming alone would fail the same way"
    )]
    NeedsAction {
        /// Job id.
        job: i64,
        /// The causes' codes, comma-separated.
        causes: String,
    },
    /// The departing member's account is disabled: a strategy that works with their own
    /// session cannot read their data (the OwnershipTransfer app, with an admin, still can).
    #[error("the account of {user:?} is disabled")]
    MemberDisabled {
        /// The member's user id.
        user: String,
    },
}

impl HandoverError {
    /// Every code of this error, listed once (tests check each has a Fluent message).
    pub const CODES: &[&str] = &[
        "handover-job-not-found",
        "handover-selection",
        "handover-empty",
        "handover-quota",
        "handover-strategy-unavailable",
        "handover-incomplete",
        "handover-disable-not-confirmed",
        "handover-needs-action",
        "handover-member-disabled",
    ];
}

impl Coded for TransferError {
    fn code(&self) -> &'static str {
        TransferError::code(self)
    }
}

impl Coded for HandoverError {
    fn code(&self) -> &'static str {
        match self {
            Self::JobNotFound { .. } => "handover-job-not-found",
            Self::Selection { .. } => "handover-selection",
            Self::Empty => "handover-empty",
            Self::Quota { .. } => "handover-quota",
            Self::StrategyUnavailable { .. } => "handover-strategy-unavailable",
            Self::Incomplete { .. } => "handover-incomplete",
            Self::DisableNotConfirmed => "handover-disable-not-confirmed",
            Self::NeedsAction { .. } => "handover-needs-action",
            Self::MemberDisabled { .. } => "handover-member-disabled",
        }
    }
}

//! The hand-over's own error: what went wrong with one item or one request of a transfer, kept
//! with the HTTP status and the server's `Retry-After`, so the engine can tell a failure that a
//! retry may cure from one that needs a person ([`TransferError::is_transient`]). It imports
//! nothing else of Passerelle's: the core's error type wraps it without an import loop.

use std::time::Duration;

use passerelle_nextcloud::ErrorKind;

/// A failure on one side, as the engine classifies it: the protocol crate's kind, the HTTP
/// status and the server's `Retry-After`. Tests build their own to inject faults.
#[derive(Debug, Clone, thiserror::Error)]
#[error("{message}")]
pub struct TransferError {
    kind: ErrorKind,
    status: Option<u16>,
    retry_after: Option<Duration>,
    message: String,
}

impl TransferError {
    /// An error of this kind (message: the kind's description).
    pub fn new(kind: ErrorKind) -> Self {
        TransferError {
            kind,
            status: None,
            retry_after: None,
            message: kind.to_string(),
        }
    }

    /// With an HTTP status.
    pub fn with_status(mut self, status: u16) -> Self {
        self.status = Some(status);
        self
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
            message: e.to_string(),
        }
    }
}

/// Shorthand.
pub type TransferResult<T> = Result<T, TransferError>;

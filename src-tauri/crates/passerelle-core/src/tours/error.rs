//! The tours' own errors: a tour, a step or a tour pack that cannot be found, read or checked.
//! Each has a stable code naming the Fluent message `error-<code>`. A leaf: it imports nothing
//! of Passerelle's but [`Coded`], so the core's shared error wraps it without an import loop.

use crate::coded::Coded;

/// A tour could not be found, read or checked. Each variant maps to one stable [`Coded::code`].
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum TourError {
    /// No tour with this id is on offer.
    #[error("no tour {0:?}")]
    NotFound(String),
    /// The tour has no step with this id.
    #[error("tour {tour:?} has no step {step:?}")]
    StepNotFound {
        /// Tour id.
        tour: String,
        /// Step id.
        step: String,
    },
    /// The step has nothing to verify.
    #[error("step {step:?} of tour {tour:?} has no check")]
    StepHasNoCheck {
        /// Tour id.
        tour: String,
        /// Step id.
        step: String,
    },
    /// A tour pack (folder or .zip) could not be read.
    #[error("cannot read the tour pack {path}: {reason}")]
    PackUnreadable {
        /// Where it was.
        path: std::path::PathBuf,
        /// Why.
        reason: String,
    },
    /// A tour pack holds an entry that would escape it, or is too big: it is refused whole.
    #[error("the tour pack {path} was refused ({entry:?}: {reason})")]
    PackUnsafe {
        /// Where it was.
        path: std::path::PathBuf,
        /// The offending entry.
        entry: String,
        /// Why.
        reason: String,
    },
}

impl TourError {
    /// Every code of this error, listed once (tests check each has a Fluent message).
    pub const CODES: &[&str] = &[
        "tour-not-found",
        "tour-step-not-found",
        "tour-step-no-check",
        "tour-pack-unreadable",
        "tour-pack-unsafe",
    ];
}

impl Coded for TourError {
    fn code(&self) -> &'static str {
        match self {
            Self::NotFound { .. } => "tour-not-found",
            Self::StepNotFound { .. } => "tour-step-not-found",
            Self::StepHasNoCheck { .. } => "tour-step-no-check",
            Self::PackUnreadable { .. } => "tour-pack-unreadable",
            Self::PackUnsafe { .. } => "tour-pack-unsafe",
        }
    }
}

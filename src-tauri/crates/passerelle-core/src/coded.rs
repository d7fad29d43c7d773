//! The one trait every error that reaches a person implements: a stable kebab-case code naming
//! the Fluent message `error-<code>`, which tells them what to do next. A leaf: it imports
//! nothing of Passerelle's, so each domain's error (`tours/error.rs`, `handover/error.rs`,
//! `workshop/error.rs`) implements it and the core's shared error wraps them without a loop.

/// An error with a stable code (kebab-case; the Fluent id is `error-<code>`).
pub trait Coded {
    /// The stable code of this error.
    fn code(&self) -> &'static str;
}

impl Coded for passerelle_nextcloud::Error {
    fn code(&self) -> &'static str {
        passerelle_nextcloud::Error::code(self)
    }
}

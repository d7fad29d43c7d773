//! Passerelle's core, shared by the desktop app and `passerelle-cli`: where data lives, the local
//! SQLite store (profiles, accounts, settings, tour progress), localisation and the error codes
//! that cross into the UI. It must not depend on Tauri nor on any display.

pub mod coded;
pub mod connect;
pub mod doctor;
pub mod error;
pub mod export;
pub mod handover;
pub mod i18n;
pub mod model;
pub mod paths;
pub mod secrets;
pub mod space_language;
pub mod store;
pub mod tours;
pub mod updates;
pub mod workshop;

pub use coded::Coded;
pub use error::{CoreError, IpcError};
pub use i18n::{Language, Localizer};
/// The protocol crate, for the shell that holds its clients without naming the dependency.
pub use passerelle_nextcloud as nextcloud;
pub use paths::DataPaths;
pub use store::Store;

/// The version of Passerelle, the same for the app, the CLI and the core.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

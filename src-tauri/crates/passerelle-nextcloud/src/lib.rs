//! Nextcloud protocols for Passerelle: status, OCS, WebDAV, CalDAV, CardDAV and Login Flow v2.
//! Plain Rust, no Tauri: the app and `passerelle-cli` both use it.
//!
//! Entry points: [`normalize_address`] → [`Client::builder`] → [`Client::check_server`],
//! then [`LoginFlow`] for credentials, OCS calls ([`Client::capabilities`],
//! [`Client::current_user`]…), and the DAV modules ([`dav::files`], [`dav::caldav`],
//! [`dav::carddav`]). Every failure is an [`Error`] with a stable [`Error::code`].

pub mod address;
pub mod apps;
pub mod assets;
pub mod client;
pub mod dav;
pub mod error;
mod fingerprint;
mod lenient;
pub mod loginflow;
pub mod ocs;
mod own_account;
pub mod provisioning;
pub mod status;
pub mod tls;

pub use address::{Address, local_http_fallback, normalize_address};
pub use apps::files_transfer::{IncomingTransfer, Notification, NotificationAction, RichObject};
pub use apps::ownership_transfer::{OtCollection, OtNode, OwnershipTransferApi};
pub use assets::Asset;
pub use client::{Client, ClientBuilder, Credentials, RetryPolicy, Secret, default_user_agent};
pub use error::{Error, ErrorKind, Result};
pub use fingerprint::Fingerprint;
pub use loginflow::{LoginCredentials, LoginFlow, WaitOptions};
pub use ocs::{
    Capabilities, NavigationApp, NewShare, Page, PasswordExchange, Quota, Share, ShareQuery,
    ShareTarget, Theming, UserInfo,
};
pub use provisioning::{NewUser, ProvisioningError, Refusal, RefusalReason};
pub use status::{MAX_TESTED_MAJOR, MIN_SUPPORTED_MAJOR, ServerStatus, Version, check_server};
/// Re-exported so callers can cancel [`LoginFlow::wait`] without depending on tokio-util.
pub use tokio_util::sync::CancellationToken;

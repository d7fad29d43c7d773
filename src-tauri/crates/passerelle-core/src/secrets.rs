//! App passwords of Nextcloud accounts: this module owns where they are kept, either in the OS
//! keyring (Secret Service on Linux, Keychain on macOS, Credential Manager on Windows) or, when
//! there is none and the person agreed, in this process's memory for the session only. It must
//! never write a secret to disk, to SQLite or to a log, and it must not pick the fallback by
//! itself: [`Secrets::status`] says whether a keyring answers, the caller asks the person, then
//! passes the chosen [`SecretStorage`] to every call.
//!
//! # Keyring entries
//!
//! One entry per account of a profile, with service [`KEYRING_SERVICE`] (`org.passerelle.app`)
//! and user `<server url>|<user id>|profile-<profile id>`, e.g.
//! `https://cloud.example.org|camille|profile-3` (see [`SecretKey::entry_user`]). The parts are
//! used exactly as given, so the caller passes the server URL in the canonical form it stores
//! in SQLite. Nextcloud user ids cannot contain `|`, so two accounts never share an entry; and
//! the same Nextcloud account recorded in two profiles of a shared computer has one app password
//! per profile, so signing out (or resetting a workshop profile) in one never cuts off the
//! other.
//!
//! Before profiles had their own entries, the user was `<server url>|<user id>`. Such an entry
//! is still read when the profile's own is missing, and copied into it; it is deleted with the
//! last account that used its app password. On Linux the Secret Service item carries the attributes
//! `service` and `username` with these values (plus `target = default`, set by the `keyring`
//! crate) and lives in the default collection.
//!
//! # Why the fallback is session-only memory
//!
//! Without a keyring, the only protections a file could get are a key stored next to it (no
//! real protection: whoever reads the file reads the key) or a passphrase typed at each start,
//! which the members of an association forget and then lose access for good. Keeping the app
//! password in memory until Passerelle quits protects it as well as a running process can, and
//! costs the person one reconnection per session; a reconnection creates a fresh app password
//! in Nextcloud, which is the safe way to recover anyway. Secrets in memory are
//! [`Zeroizing`], so they are wiped when replaced, deleted or dropped.

use std::collections::HashMap;
use std::fmt;
use std::sync::{Mutex, PoisonError};

use serde::{Deserialize, Serialize};
use ts_rs::TS;
use zeroize::Zeroizing;

/// The service name of every keyring entry Passerelle writes.
pub const KEYRING_SERVICE: &str = "org.passerelle.app";

/// Where an account's app password is kept; chosen once per account and stored with it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum SecretStorage {
    /// The OS keyring: survives restarts.
    Keyring,
    /// This process's memory only: gone when Passerelle quits, the person reconnects next time.
    Session,
}

/// Which account a secret belongs to: a user on a Nextcloud server, recorded in a profile.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct SecretKey {
    /// The Passerelle profile the account is recorded in.
    pub profile_id: i64,
    /// The server's URL, in the canonical form Passerelle stores for the account.
    pub server_url: String,
    /// The Nextcloud user id (not the display name, not the login name).
    pub user_id: String,
}

impl SecretKey {
    /// The key of `user_id`'s account on `server_url`, recorded in profile `profile_id`.
    pub fn new(profile_id: i64, server_url: impl Into<String>, user_id: impl Into<String>) -> Self {
        Self {
            profile_id,
            server_url: server_url.into(),
            user_id: user_id.into(),
        }
    }

    /// The keyring entry's user for this account: `<server url>|<user id>|profile-<id>`.
    pub fn entry_user(&self) -> String {
        format!(
            "{}|{}|profile-{}",
            self.server_url, self.user_id, self.profile_id
        )
    }

    /// The entry's user before profiles had their own: `<server url>|<user id>`.
    fn shared_entry_user(&self) -> String {
        format!("{}|{}", self.server_url, self.user_id)
    }
}

/// An app password: the protocol crate's one secret type (zeroized, printed as `Secret(***)`).
pub use passerelle_nextcloud::Secret;

/// Whether an OS keyring answered when Passerelle started, for the UI and the doctor.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct KeyringStatus {
    /// `true` when secrets can be stored with [`SecretStorage::Keyring`].
    pub available: bool,
    /// The keyring of this system: `secret-service`, `keychain`, `credential-manager`, or
    /// `none` when Passerelle has none or was told not to use it.
    pub backend: String,
    /// Why the keyring is not available, in English, for the details shown under the question.
    pub reason: Option<String>,
}

/// What went wrong with a secret. Never contains the secret.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum SecretError {
    /// No OS keyring can be used: none answers on this system, it has no default keyring, or it
    /// is locked and was not unlocked. The UI offers session-only storage.
    #[error("no OS keyring is available")]
    Unavailable,
    /// The OS keyring answered but failed.
    #[error("the OS keyring failed to {operation} the app password: {detail}")]
    Backend {
        /// What Passerelle asked: `open`, `store`, `read` or `delete`.
        operation: &'static str,
        /// The keyring's explanation, in English.
        detail: String,
    },
    /// The keyring holds no app password for this account.
    #[error("the OS keyring holds no app password for this account")]
    NotFound,
    /// The app password was kept for the session only and Passerelle restarted since: the person
    /// reconnects.
    #[error("the app password was kept for the session only and Passerelle has restarted since")]
    SessionLost,
}

/// Every code a [`SecretError`] can have, listed once: tests check each has a Fluent message.
pub const SECRET_ERROR_CODES: &[&str] = &[
    "keyring-unavailable",
    "keyring",
    "secret-not-found",
    "session-secret-lost",
];

impl crate::coded::Coded for SecretError {
    fn code(&self) -> &'static str {
        SecretError::code(self)
    }
}

impl SecretError {
    /// The stable code of this error; the UI shows the Fluent message `error-<code>`.
    pub fn code(&self) -> &'static str {
        match self {
            Self::Unavailable => "keyring-unavailable",
            Self::Backend { .. } => "keyring",
            Self::NotFound => "secret-not-found",
            Self::SessionLost => "session-secret-lost",
        }
    }
}

/// The app passwords of every account, in the keyring or in memory. Shared in an `Arc`.
pub struct Secrets {
    status: KeyringStatus,
    session: Mutex<HashMap<SecretKey, Zeroizing<String>>>,
}

impl fmt::Debug for Secrets {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Not derived: `Zeroizing<String>` prints the secret.
        f.debug_struct("Secrets")
            .field("status", &self.status)
            .field("session_secrets", &self.session().len())
            .finish()
    }
}

impl Secrets {
    /// Uses the OS keyring if it answers a real round trip (a probe entry written, read back and
    /// deleted), else works without one. On Linux it first checks, without prompting, that the
    /// Secret Service has an unlocked default collection: a prompt at start-up could block.
    pub fn probe() -> Self {
        let status = match probe_keyring() {
            Ok(()) => KeyringStatus {
                available: true,
                backend: BACKEND.to_owned(),
                reason: None,
            },
            Err(reason) => KeyringStatus {
                available: false,
                backend: BACKEND.to_owned(),
                reason: Some(reason),
            },
        };
        Self::with_status(status)
    }

    /// Never touches the OS keyring: only [`SecretStorage::Session`] works.
    pub fn session_only() -> Self {
        Self::with_status(KeyringStatus {
            available: false,
            backend: "none".to_owned(),
            reason: Some("Passerelle was started without the OS keyring".to_owned()),
        })
    }

    fn with_status(status: KeyringStatus) -> Self {
        Self {
            status,
            session: Mutex::new(HashMap::new()),
        }
    }

    /// Whether the OS keyring can be used, and which one it is.
    pub fn status(&self) -> KeyringStatus {
        self.status.clone()
    }

    /// Keeps `secret` for `key`, replacing any secret it had in the same storage.
    pub fn store(
        &self,
        key: &SecretKey,
        secret: &Secret,
        storage: SecretStorage,
    ) -> Result<(), SecretError> {
        match storage {
            SecretStorage::Keyring => self
                .entry(key)?
                .set_password(secret.expose())
                .map_err(|err| keyring_error("store", err)),
            SecretStorage::Session => {
                self.session()
                    .insert(key.clone(), Zeroizing::new(secret.expose().to_owned()));
                Ok(())
            }
        }
    }

    /// The secret kept for `key`: [`SecretError::NotFound`] when the keyring has none,
    /// [`SecretError::SessionLost`] when session-only and this process never had it.
    pub fn get(&self, key: &SecretKey, storage: SecretStorage) -> Result<Secret, SecretError> {
        match storage {
            SecretStorage::Keyring => match self.entry(key)?.get_password() {
                Ok(secret) => Ok(Secret::from(secret)),
                Err(keyring::Error::NoEntry) => self.get_shared(key),
                Err(err) => Err(keyring_error("read", err)),
            },
            SecretStorage::Session => self
                .session()
                .get(key)
                .map(|secret| Secret::from(secret.clone()))
                .ok_or(SecretError::SessionLost),
        }
    }

    /// An entry written before profiles had their own (see the module's documentation), copied
    /// into the profile's entry; [`SecretError::NotFound`] when there is none either.
    fn get_shared(&self, key: &SecretKey) -> Result<Secret, SecretError> {
        let shared = self.entry_for(&key.shared_entry_user())?;
        match shared.get_password() {
            Ok(secret) => {
                let secret = Secret::from(secret);
                // Best effort: the shared entry still answers next time if this fails.
                let _ = self.entry(key)?.set_password(secret.expose());
                Ok(secret)
            }
            Err(keyring::Error::NoEntry) => Err(SecretError::NotFound),
            Err(err) => Err(keyring_error("read", err)),
        }
    }

    /// Forgets the secret of `key`; deleting a secret that is not there succeeds. An entry
    /// written before profiles had their own goes too when it holds the same app password
    /// (which the caller is signing out of: no other profile could use it any more).
    pub fn delete(&self, key: &SecretKey, storage: SecretStorage) -> Result<(), SecretError> {
        match storage {
            SecretStorage::Keyring => {
                let entry = self.entry(key)?;
                let own = entry.get_password().ok().map(Zeroizing::new);
                match entry.delete_credential() {
                    Ok(()) | Err(keyring::Error::NoEntry) => {}
                    Err(err) => return Err(keyring_error("delete", err)),
                }
                let shared = self.entry_for(&key.shared_entry_user())?;
                if let Ok(old) = shared.get_password().map(Zeroizing::new)
                    && own.as_ref().is_none_or(|own| *own == old)
                {
                    match shared.delete_credential() {
                        Ok(()) | Err(keyring::Error::NoEntry) => {}
                        Err(err) => return Err(keyring_error("delete", err)),
                    }
                }
                Ok(())
            }
            SecretStorage::Session => {
                self.session().remove(key);
                Ok(())
            }
        }
    }

    fn entry(&self, key: &SecretKey) -> Result<keyring::Entry, SecretError> {
        self.entry_for(&key.entry_user())
    }

    fn entry_for(&self, user: &str) -> Result<keyring::Entry, SecretError> {
        if !self.status.available {
            return Err(SecretError::Unavailable);
        }
        keyring::Entry::new(KEYRING_SERVICE, user).map_err(|err| keyring_error("open", err))
    }

    fn session(&self) -> std::sync::MutexGuard<'_, HashMap<SecretKey, Zeroizing<String>>> {
        // A panic elsewhere cannot leave the map half-updated: keep using it.
        self.session.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

#[cfg(target_os = "linux")]
const BACKEND: &str = "secret-service";
#[cfg(target_os = "macos")]
const BACKEND: &str = "keychain";
#[cfg(target_os = "windows")]
const BACKEND: &str = "credential-manager";
#[cfg(not(any(target_os = "linux", target_os = "macos", target_os = "windows")))]
const BACKEND: &str = "none";

/// Writes, reads back and deletes a probe entry; the error is the reason shown to the person.
fn probe_keyring() -> Result<(), String> {
    if BACKEND == "none" {
        // The `keyring` crate would fall back to its mock store, which forgets at once.
        return Err("Passerelle knows no keyring on this system".to_owned());
    }
    #[cfg(target_os = "linux")]
    check_default_collection()?;

    let user = format!("probe|{}", std::process::id());
    let entry = keyring::Entry::new(KEYRING_SERVICE, &user).map_err(|err| describe(&err))?;
    let written = format!("probe-{:?}", std::time::SystemTime::now());
    entry.set_password(&written).map_err(|err| describe(&err))?;
    let read = entry.get_password().map_err(|err| describe(&err));
    let deleted = entry.delete_credential().map_err(|err| describe(&err));
    if read? != written {
        return Err("the keyring gave back another value than the one written".to_owned());
    }
    deleted
}

/// The Secret Service answers and its default collection exists and is unlocked. Asked through
/// `dbus-secret-service` because the `keyring` crate would prompt to create or unlock it.
#[cfg(target_os = "linux")]
fn check_default_collection() -> Result<(), String> {
    use dbus_secret_service::{EncryptionType, Error, SecretService};

    // No secret travels on this connection: the plain session is enough.
    let service = SecretService::connect(EncryptionType::Plain)
        .map_err(|err| format!("no Secret Service answers on the session bus ({err})"))?;
    let collection = service.get_default_collection().map_err(|err| match err {
        Error::NoResult => "the Secret Service has no default keyring".to_owned(),
        err => format!("the Secret Service failed to give its default keyring ({err})"),
    })?;
    match collection.is_locked() {
        Ok(false) => Ok(()),
        Ok(true) => Err("the default keyring is locked".to_owned()),
        Err(err) => Err(format!("the default keyring cannot be checked ({err})")),
    }
}

fn keyring_error(operation: &'static str, err: keyring::Error) -> SecretError {
    match err {
        // Locked and not unlocked, or the unlock prompt dismissed: as good as no keyring.
        keyring::Error::NoStorageAccess(_) => SecretError::Unavailable,
        err => SecretError::Backend {
            operation,
            detail: describe(&err),
        },
    }
}

/// The keyring error in English, without what it may carry of a secret.
fn describe(err: &keyring::Error) -> String {
    match err {
        // Its Debug holds the bytes read from the keyring, i.e. the secret.
        keyring::Error::BadEncoding(_) => "the stored app password is not UTF-8".to_owned(),
        err => err.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PASSWORD: &str = "Xq7pL-9vTz2-Kw4mN-aB3cD-eF5gH";

    fn key() -> SecretKey {
        SecretKey::new(1, "https://cloud.example.org", "camille")
    }

    #[test]
    fn secrets_never_show_in_debug_display_or_errors() {
        let secret = Secret::from(PASSWORD.to_owned());
        assert_eq!(format!("{secret:?}"), "Secret(***)");
        assert_eq!(format!("{secret}"), "Secret(***)");
        assert_eq!(format!("{:?}", Some(&secret)), "Some(Secret(***))");
        assert_eq!(secret.expose(), PASSWORD);

        // A keyring error that carries the secret's bytes must not leak them.
        let bad = keyring::Error::BadEncoding(PASSWORD.as_bytes().to_vec());
        assert!(format!("{bad:?}").contains("88")); // `X` as a byte: the bytes are in there.
        let errors = [
            SecretError::Unavailable,
            keyring_error("read", bad),
            keyring_error("store", keyring::Error::NoStorageAccess(PASSWORD.into())),
            SecretError::NotFound,
            SecretError::SessionLost,
        ];
        for err in &errors {
            for shown in [err.to_string(), format!("{err:?}")] {
                assert!(!shown.contains(PASSWORD), "{shown}");
                assert!(!shown.contains("88, 113, 55"), "{shown}");
            }
        }
    }

    #[test]
    fn every_code_is_listed_once_and_crosses_ipc() {
        let samples = [
            SecretError::Unavailable,
            SecretError::Backend {
                operation: "store",
                detail: "x".into(),
            },
            SecretError::NotFound,
            SecretError::SessionLost,
        ];
        let codes: Vec<_> = samples.iter().map(SecretError::code).collect();
        assert_eq!(codes, SECRET_ERROR_CODES);
    }

    #[test]
    fn json_shapes_are_pinned() {
        assert_eq!(
            serde_json::to_value(SecretStorage::Keyring).unwrap(),
            "keyring"
        );
        assert_eq!(
            serde_json::from_str::<SecretStorage>("\"session\"").unwrap(),
            SecretStorage::Session
        );
        let status = Secrets::session_only().status();
        assert_eq!(
            serde_json::to_value(&status).unwrap(),
            serde_json::json!({
                "available": false,
                "backend": "none",
                "reason": "Passerelle was started without the OS keyring"
            })
        );
    }

    #[test]
    fn entry_user_is_url_bar_user_id_bar_profile() {
        assert_eq!(
            key().entry_user(),
            "https://cloud.example.org|camille|profile-1"
        );
        assert_eq!(
            key().shared_entry_user(),
            "https://cloud.example.org|camille"
        );
    }

    #[test]
    fn session_storage_lives_as_long_as_the_instance() {
        let secrets = Secrets::session_only();
        let secret = Secret::from(PASSWORD.to_owned());
        secrets
            .store(&key(), &secret, SecretStorage::Session)
            .unwrap();
        let other = SecretKey::new(1, "https://cloud.example.org", "dominique");
        let other_profile = SecretKey::new(2, "https://cloud.example.org", "camille");
        assert!(matches!(
            secrets.get(&other_profile, SecretStorage::Session),
            Err(SecretError::SessionLost)
        ));
        assert!(matches!(
            secrets.get(&other, SecretStorage::Session),
            Err(SecretError::SessionLost)
        ));
        let got = secrets.get(&key(), SecretStorage::Session).unwrap();
        assert_eq!(got.expose(), PASSWORD);
        let shown = format!("{secrets:?}");
        assert!(shown.contains("session_secrets: 1"), "{shown}");
        assert!(!shown.contains(PASSWORD), "{shown}");

        let replacement = Secret::from("new".to_owned());
        secrets
            .store(&key(), &replacement, SecretStorage::Session)
            .unwrap();
        let got = secrets.get(&key(), SecretStorage::Session).unwrap();
        assert_eq!(got.expose(), "new");

        // A new instance is a restart: the session secret is gone.
        let restarted = Secrets::session_only();
        assert!(matches!(
            restarted.get(&key(), SecretStorage::Session),
            Err(SecretError::SessionLost)
        ));

        secrets.delete(&key(), SecretStorage::Session).unwrap();
        secrets.delete(&key(), SecretStorage::Session).unwrap();
        assert!(matches!(
            secrets.get(&key(), SecretStorage::Session),
            Err(SecretError::SessionLost)
        ));
    }

    #[test]
    fn session_only_refuses_the_keyring() {
        let secrets = Secrets::session_only();
        assert!(!secrets.status().available);
        let secret = Secret::from(PASSWORD.to_owned());
        for result in [
            secrets.store(&key(), &secret, SecretStorage::Keyring),
            secrets.get(&key(), SecretStorage::Keyring).map(drop),
            secrets.delete(&key(), SecretStorage::Keyring),
        ] {
            assert!(matches!(result, Err(SecretError::Unavailable)));
        }
    }

    #[test]
    fn secrets_can_be_shared_between_threads() {
        fn shared<T: Send + Sync>() {}
        shared::<Secrets>();
        shared::<Secret>();
    }
}

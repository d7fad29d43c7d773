//! App passwords in a real Secret Service (gnome-keyring on a private D-Bus session bus), checked
//! with `secret-tool` as an independent reader, and the session-only fallback when there is no
//! usable keyring.

#[path = "support/secret_service.rs"]
mod secret_service;

use passerelle_core::secrets::{
    KEYRING_SERVICE, Secret, SecretError, SecretKey, SecretStorage, Secrets,
};
use secret_service::{Bus, Env};

use SecretStorage::{Keyring, Session};

const PASSWORD: &str = "Zr8kW-3nPq5-Lm2xV-7cTb9-Hy4sJ";

fn secret(value: &str) -> Secret {
    Secret::from(value.to_owned())
}

/// `Secrets::probe()` on a bus with a working keyring: it must find it.
fn keyring() -> Secrets {
    let secrets = Secrets::probe();
    let status = secrets.status();
    assert!(status.available, "{status:?}");
    assert_eq!(status.backend, "secret-service");
    secrets
}

#[test]
fn round_trip_in_the_real_keyring() {
    secret_service::run(round_trip_in_the_real_keyring, Bus::Keyring, |env: &Env| {
        let key = SecretKey::new(1, "https://cloud.example.org", "camille");
        let login = env.keyrings_dir().join("login.keyring");
        let size = |path: &std::path::Path| std::fs::metadata(path).unwrap().len();
        let empty_size = size(&login);
        let secrets = keyring();
        secrets.store(&key, &secret(PASSWORD), Keyring).unwrap();
        assert_eq!(secrets.get(&key, Keyring).unwrap().expose(), PASSWORD);

        // Another client finds it under the documented service and user...
        let user = "https://cloud.example.org|camille|profile-1";
        assert_eq!(env.lookup(KEYRING_SERVICE, user).as_deref(), Some(PASSWORD));
        assert_eq!(env.usernames(KEYRING_SERVICE), [user]);
        // ...the probe entry is gone, and the secret went to disk, only encrypted.
        assert!(
            size(&login) > empty_size,
            "the login keyring file did not grow"
        );
        assert_eq!(
            env.files_containing(PASSWORD.as_bytes()),
            Vec::<std::path::PathBuf>::new()
        );

        // A restart finds it again.
        let restarted = keyring();
        assert_eq!(restarted.get(&key, Keyring).unwrap().expose(), PASSWORD);

        restarted.delete(&key, Keyring).unwrap();
        assert_eq!(env.lookup(KEYRING_SERVICE, user), None);
        assert!(matches!(
            secrets.get(&key, Keyring),
            Err(SecretError::NotFound)
        ));
        // Keyring and session are separate places.
        assert!(matches!(
            secrets.get(&key, Session),
            Err(SecretError::SessionLost)
        ));
    });
}

#[test]
fn storing_again_replaces_the_secret() {
    secret_service::run(storing_again_replaces_the_secret, Bus::Keyring, |env| {
        let key = SecretKey::new(1, "https://cloud.example.org", "camille");
        let secrets = keyring();
        secrets.store(&key, &secret("first"), Keyring).unwrap();
        secrets.store(&key, &secret("second"), Keyring).unwrap();
        assert_eq!(secrets.get(&key, Keyring).unwrap().expose(), "second");
        assert_eq!(
            env.usernames(KEYRING_SERVICE).len(),
            1,
            "one item, replaced"
        );
        assert_eq!(
            env.lookup(KEYRING_SERVICE, &key.entry_user()).as_deref(),
            Some("second")
        );
    });
}

#[test]
fn deleting_is_idempotent() {
    secret_service::run(deleting_is_idempotent, Bus::Keyring, |env| {
        let key = SecretKey::new(1, "https://cloud.example.org", "camille");
        let secrets = keyring();
        secrets.delete(&key, Keyring).unwrap();
        secrets.store(&key, &secret(PASSWORD), Keyring).unwrap();
        secrets.delete(&key, Keyring).unwrap();
        secrets.delete(&key, Keyring).unwrap();
        assert!(env.usernames(KEYRING_SERVICE).is_empty());
        assert!(matches!(
            secrets.get(&key, Keyring),
            Err(SecretError::NotFound)
        ));
    });
}

#[test]
fn accounts_on_two_servers_do_not_collide() {
    secret_service::run(
        accounts_on_two_servers_do_not_collide,
        Bus::Keyring,
        |env| {
            let accounts = [
                (
                    SecretKey::new(1, "https://a.example.org", "camille"),
                    "password-a-camille",
                ),
                (
                    SecretKey::new(1, "https://b.example.org", "camille"),
                    "password-b-camille",
                ),
                (
                    SecretKey::new(1, "https://a.example.org", "dominique"),
                    "password-a-dominique",
                ),
                // The same account in another profile of this computer: its own app password.
                (
                    SecretKey::new(2, "https://a.example.org", "camille"),
                    "password-a-camille-2",
                ),
            ];
            let secrets = keyring();
            for (key, password) in &accounts {
                secrets.store(key, &secret(password), Keyring).unwrap();
            }
            for (key, password) in &accounts {
                assert_eq!(secrets.get(key, Keyring).unwrap().expose(), *password);
            }
            assert_eq!(
                env.usernames(KEYRING_SERVICE),
                [
                    "https://a.example.org|camille|profile-1",
                    "https://a.example.org|camille|profile-2",
                    "https://a.example.org|dominique|profile-1",
                    "https://b.example.org|camille|profile-1",
                ]
            );

            secrets.delete(&accounts[0].0, Keyring).unwrap();
            assert!(matches!(
                secrets.get(&accounts[0].0, Keyring),
                Err(SecretError::NotFound)
            ));
            assert_eq!(
                secrets.get(&accounts[1].0, Keyring).unwrap().expose(),
                accounts[1].1
            );
            assert_eq!(
                secrets.get(&accounts[2].0, Keyring).unwrap().expose(),
                accounts[2].1
            );
            assert_eq!(
                secrets.get(&accounts[3].0, Keyring).unwrap().expose(),
                accounts[3].1,
                "signing out in one profile left the other one's password"
            );
        },
    );
}

/// An entry written before profiles had their own (`<url>|<user>`) is still found, copied into
/// the profile's entry, and deleted with the account whose app password it holds.
#[test]
fn an_entry_shared_by_profiles_is_still_read_then_deleted_with_its_password() {
    secret_service::run(
        an_entry_shared_by_profiles_is_still_read_then_deleted_with_its_password,
        Bus::Keyring,
        |env| {
            let shared = "https://cloud.example.org|camille";
            let secrets = keyring();
            keyring::Entry::new(KEYRING_SERVICE, shared)
                .unwrap()
                .set_password(PASSWORD)
                .unwrap();
            let first = SecretKey::new(1, "https://cloud.example.org", "camille");
            let second = SecretKey::new(2, "https://cloud.example.org", "camille");
            assert_eq!(secrets.get(&first, Keyring).unwrap().expose(), PASSWORD);
            assert_eq!(
                env.lookup(KEYRING_SERVICE, &first.entry_user()).as_deref(),
                Some(PASSWORD),
                "copied into the profile's own entry"
            );
            // The second profile reconnected meanwhile: its own, newer app password.
            secrets.store(&second, &secret("newer"), Keyring).unwrap();
            secrets.delete(&second, Keyring).unwrap();
            assert_eq!(
                env.lookup(KEYRING_SERVICE, shared).as_deref(),
                Some(PASSWORD),
                "another password than the one signed out of: kept"
            );
            secrets.delete(&first, Keyring).unwrap();
            assert!(env.usernames(KEYRING_SERVICE).is_empty());
            assert!(matches!(
                secrets.get(&first, Keyring),
                Err(SecretError::NotFound)
            ));
        },
    );
}

#[test]
fn non_ascii_user_ids_and_secrets() {
    secret_service::run(non_ascii_user_ids_and_secrets, Bus::Keyring, |env| {
        let accounts = [
            (
                SecretKey::new(1, "https://asso.example.org", "élodie"),
                "mot-de-passe-é",
            ),
            (
                SecretKey::new(1, "https://asso.example.org", "Ζωή"),
                "κωδικός",
            ),
            (
                SecretKey::new(1, "https://asso.example.org", "李雷"),
                "密码-🔑",
            ),
        ];
        let secrets = keyring();
        for (key, password) in &accounts {
            secrets.store(key, &secret(password), Keyring).unwrap();
        }
        for (key, password) in &accounts {
            assert_eq!(secrets.get(key, Keyring).unwrap().expose(), *password);
            assert_eq!(
                env.lookup(KEYRING_SERVICE, &key.entry_user()).as_deref(),
                Some(*password)
            );
        }
        assert_eq!(env.usernames(KEYRING_SERVICE).len(), 3);
    });
}

/// Without a usable keyring: the status says why, the keyring is refused, the session fallback
/// works until a restart.
fn without_keyring(reason_contains: &str) {
    let key = SecretKey::new(1, "https://cloud.example.org", "camille");
    let secrets = Secrets::probe();
    let status = secrets.status();
    assert!(!status.available, "{status:?}");
    assert_eq!(status.backend, "secret-service");
    let reason = status.reason.unwrap();
    assert!(reason.contains(reason_contains), "{reason}");

    let stored = secrets.store(&key, &secret(PASSWORD), Keyring);
    assert!(
        matches!(stored, Err(SecretError::Unavailable)),
        "{stored:?}"
    );
    let err = secrets.get(&key, Keyring).unwrap_err();
    assert_eq!(err.code(), "keyring-unavailable");

    secrets.store(&key, &secret(PASSWORD), Session).unwrap();
    assert_eq!(secrets.get(&key, Session).unwrap().expose(), PASSWORD);

    let restarted = Secrets::probe();
    let err = restarted.get(&key, Session).unwrap_err();
    assert!(matches!(err, SecretError::SessionLost));
    assert_eq!(err.code(), "session-secret-lost");
}

#[test]
fn no_keyring_when_nothing_provides_the_secret_service() {
    secret_service::run(
        no_keyring_when_nothing_provides_the_secret_service,
        Bus::NoSecretService,
        |_| without_keyring("no Secret Service answers"),
    );
}

#[test]
fn no_keyring_when_the_session_bus_is_unreachable() {
    secret_service::run(
        no_keyring_when_the_session_bus_is_unreachable,
        Bus::Unreachable,
        |_| without_keyring("no Secret Service answers"),
    );
}

#[test]
fn no_keyring_when_there_is_no_default_collection() {
    secret_service::run(
        no_keyring_when_there_is_no_default_collection,
        Bus::KeyringWithoutDefault,
        |env| {
            without_keyring("no default keyring");
            assert!(env.usernames(KEYRING_SERVICE).is_empty(), "nothing written");
        },
    );
}

#[test]
fn no_keyring_when_the_default_collection_is_locked() {
    secret_service::run(
        no_keyring_when_the_default_collection_is_locked,
        Bus::LockedKeyring,
        |_| without_keyring("locked"),
    );
}

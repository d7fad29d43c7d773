//! Connecting, against doubles that replay real Nextcloud 29.0.6 captures
//! (`shared/nextcloud-captures`, loaded by the protocol crate's capture helper). Secrets are
//! kept session-only here; the real keyring is exercised in `secrets.rs`.

#[path = "../../passerelle-nextcloud/tests/support/capture.rs"]
mod capture;

use std::time::Duration;

use capture::Capture;
use passerelle_core::connect::{self, LoginFlows, WaitOptions};
use passerelle_core::model::{LoginFlowEvent, PasswordSignIn, ServerCheck};
use passerelle_core::secrets::{Secret, SecretStorage, Secrets};
use passerelle_core::{DataPaths, Store};
use wiremock::matchers::header_exists;
use wiremock::matchers::{header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

const ALICE_APP_PASSWORD: &str = "alice-app-password-for-tests";
/// Alice's login password: the one she types on the space's login page.
const ALICE_LOGIN_PASSWORD: &str = "alice-login-password";
/// The app password the double makes when Alice's login password is exchanged.
const ALICE_EXCHANGED: &str = "alice-app-password-made-for-passerelle";

fn basic(user: &str, secret: &str) -> String {
    use base64::Engine as _;
    let b64 = base64::engine::general_purpose::STANDARD.encode(format!("{user}:{secret}"));
    format!("Basic {b64}")
}

fn store() -> (tempfile::TempDir, Store, i64) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&DataPaths::at(dir.path())).unwrap();
    let profile = store.create_profile("Alix").unwrap().id;
    (dir, store, profile)
}

async fn mount(server: &MockServer, name: &str) {
    let c = Capture::load(name, &server.uri());
    c.mock().respond_with(c.response()).mount(server).await;
}

/// A Nextcloud double: status, anonymous capabilities, the logo, and alice's user info for her
/// app passwords and, as a real server does, her login password (wrong ones get the captured
/// 401). `/core/getapppassword` exchanges her login password for [`ALICE_EXCHANGED`]
/// (ocs-getapppassword-carol-200), refuses her app passwords (…-with-app-password-403) and
/// wrong passwords (ocs-user-wrong-password-401).
async fn nextcloud() -> MockServer {
    let server = MockServer::start().await;
    mount(&server, "status-php").await;
    let caps = Capture::load("ocs-capabilities-anon", &server.uri());
    caps.mock()
        .and(header("OCS-APIRequest", "true"))
        .respond_with(caps.response())
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/core/img/logo/logo.svg"))
        .respond_with(ResponseTemplate::new(200).set_body_raw("<svg/>", "image/svg+xml"))
        .mount(&server)
        .await;
    let user = Capture::load("ocs-user-alice", &server.uri());
    for secret in [ALICE_APP_PASSWORD, ALICE_EXCHANGED, ALICE_LOGIN_PASSWORD] {
        user.mock()
            .and(header("Authorization", basic("alice", secret).as_str()))
            .respond_with(user.response())
            .with_priority(1)
            .mount(&server)
            .await;
    }
    mount(&server, "ocs-user-wrong-password-401").await;
    let mut exchanged = Capture::load("ocs-getapppassword-carol-200", &server.uri());
    exchanged.body = String::from_utf8(exchanged.body)
        .unwrap()
        .replace("<APP_PASSWORD_CAROL>", ALICE_EXCHANGED)
        .into_bytes();
    exchanged
        .mock()
        .and(header(
            "Authorization",
            basic("alice", ALICE_LOGIN_PASSWORD).as_str(),
        ))
        .respond_with(exchanged.response())
        .with_priority(1)
        .mount(&server)
        .await;
    let refused = Capture::load("ocs-getapppassword-with-app-password-403", &server.uri());
    for secret in [ALICE_APP_PASSWORD, ALICE_EXCHANGED] {
        refused
            .mock()
            .and(header("Authorization", basic("alice", secret).as_str()))
            .respond_with(refused.response())
            .with_priority(1)
            .mount(&server)
            .await;
    }
    let wrong = Capture::load("ocs-user-wrong-password-401", &server.uri());
    Mock::given(method("GET"))
        .and(path("/ocs/v2.php/core/getapppassword"))
        .respond_with(wrong.response())
        .with_priority(5)
        .mount(&server)
        .await;
    server
}

#[tokio::test]
async fn checking_an_address_reads_status_and_theming() {
    let server = nextcloud().await;
    let (_dir, store, _) = store();
    let ServerCheck::Ok { server: info } =
        connect::check_address(&store, &server.uri()).await.unwrap()
    else {
        panic!("expected a usable server")
    };
    assert_eq!(info.version, "29.0.6");
    assert!(!info.maintenance);
    assert!(
        info.insecure_http,
        "http on 127.0.0.1 is allowed but flagged"
    );
    let theming = info.theming.unwrap();
    assert_eq!(theming.color.as_deref(), Some("#00679e"));
    assert_eq!(
        theming.logo.as_deref(),
        Some("data:image/svg+xml;base64,PHN2Zy8+")
    );
}

#[tokio::test]
async fn a_local_address_without_scheme_falls_back_to_http() {
    let server = nextcloud().await;
    let (_dir, store, _) = store();
    let typed = server.uri().replace("http://", "") + "/index.php/apps/files/";
    let ServerCheck::Ok { server: info } = connect::check_address(&store, &typed).await.unwrap()
    else {
        panic!("expected a usable server")
    };
    assert_eq!(info.url, server.uri());
    assert!(info.insecure_http);
}

#[tokio::test]
async fn maintenance_is_reported_and_html_pages_are_not_nextcloud() {
    let server = MockServer::start().await;
    mount(&server, "maintenance-status-php").await;
    let (_dir, store, _) = store();
    let ServerCheck::Ok { server: info } =
        connect::check_address(&store, &server.uri()).await.unwrap()
    else {
        panic!()
    };
    assert!(info.maintenance && info.theming.is_none());

    let site = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(200)
                .insert_header("Content-Type", "text/html")
                .set_body_string("<html>Our association</html>"),
        )
        .mount(&site)
        .await;
    let err = connect::check_address(&store, &site.uri())
        .await
        .unwrap_err();
    assert_eq!(err.code(), "not-nextcloud");
}

#[tokio::test]
async fn app_password_account_is_recorded_with_its_secret_and_wrong_ones_are_not() {
    let server = nextcloud().await;
    let (_dir, store, profile) = store();
    let secrets = Secrets::session_only();
    let wrong = Secret::from("not-the-password".to_owned());
    let err = connect::add_with_app_password(
        &store,
        &secrets,
        profile,
        &server.uri(),
        "alice",
        &wrong,
        SecretStorage::Session,
    )
    .await
    .unwrap_err();
    assert_eq!(err.code(), "auth");
    assert!(
        store.accounts(profile).unwrap().is_empty(),
        "nothing recorded on failure"
    );

    let good = Secret::from(ALICE_APP_PASSWORD.to_owned());
    let added = connect::add_with_password(
        &store,
        &secrets,
        &PasswordSignIn::new(
            profile,
            server.uri(),
            " alice ",
            good.clone(),
            SecretStorage::Session,
        ),
    )
    .await
    .unwrap();
    assert!(
        !added.exchanged_login_password,
        "an app password is kept as it is"
    );
    let account = added.account;
    assert_eq!(
        (account.user_id.as_str(), account.display_name.as_deref()),
        ("alice", Some("Alice"))
    );
    let key = account.secret_key();
    assert_eq!(
        secrets.get(&key, SecretStorage::Session).unwrap().expose(),
        ALICE_APP_PASSWORD
    );
    // The database holds no secret.
    let db = std::fs::read(store.path()).unwrap();
    let wal = std::fs::read(format!("{}-wal", store.path().display())).unwrap_or_default();
    for bytes in [db, wal] {
        assert!(
            !bytes
                .windows(ALICE_APP_PASSWORD.len())
                .any(|w| w == ALICE_APP_PASSWORD.as_bytes())
        );
    }
    // Reconnecting updates the same row.
    let again = connect::add_with_app_password(
        &store,
        &secrets,
        profile,
        &server.uri(),
        "alice",
        &good,
        SecretStorage::Session,
    )
    .await
    .unwrap();
    assert_eq!(again.id, account.id);
}

#[tokio::test]
async fn sign_out_revokes_on_the_server_then_forgets_locally() {
    let server = nextcloud().await;
    let revoke = Capture::load("ocs-delete-apppassword-carol-200", &server.uri());
    revoke
        .mock()
        .and(header(
            "Authorization",
            basic("alice", ALICE_APP_PASSWORD).as_str(),
        ))
        .respond_with(revoke.response())
        .expect(1)
        .mount(&server)
        .await;
    let (_dir, store, profile) = store();
    let secrets = Secrets::session_only();
    let good = Secret::from(ALICE_APP_PASSWORD.to_owned());
    let account = connect::add_with_app_password(
        &store,
        &secrets,
        profile,
        &server.uri(),
        "alice",
        &good,
        SecretStorage::Session,
    )
    .await
    .unwrap();
    let report = connect::sign_out(&store, &secrets, account.id)
        .await
        .unwrap();
    assert!(report.revoked_on_server);
    assert!(store.accounts(profile).unwrap().is_empty());
    let key = account.secret_key();
    assert!(
        secrets.get(&key, SecretStorage::Session).is_err(),
        "the secret is gone"
    );
}

#[tokio::test]
async fn sign_out_while_the_server_is_gone_still_forgets_locally() {
    let server = nextcloud().await;
    let (_dir, store, profile) = store();
    let secrets = Secrets::session_only();
    let good = Secret::from(ALICE_APP_PASSWORD.to_owned());
    let account = connect::add_with_app_password(
        &store,
        &secrets,
        profile,
        &server.uri(),
        "alice",
        &good,
        SecretStorage::Session,
    )
    .await
    .unwrap();
    drop(server);
    let report = connect::sign_out(&store, &secrets, account.id)
        .await
        .unwrap();
    assert!(
        !report.revoked_on_server,
        "the UI must tell the person to revoke it on the server"
    );
    assert!(store.accounts(profile).unwrap().is_empty());
}

async fn login_flow_double() -> MockServer {
    let server = nextcloud().await;
    mount(&server, "loginflow-v2-1-init").await;
    // Pending once, then granted; the granted app password is the one alice's double accepts.
    let pending = Capture::load("loginflow-v2-2-poll-before-grant-404", &server.uri());
    pending
        .mock()
        .respond_with(pending.response())
        .up_to_n_times(1)
        .with_priority(1)
        .mount(&server)
        .await;
    let mut granted = Capture::load("loginflow-v2-3-poll-granted-200", &server.uri());
    granted.body = String::from_utf8(granted.body)
        .unwrap()
        .replace("<APP_PASSWORD_ALICE_LOGINFLOW>", ALICE_APP_PASSWORD)
        .into_bytes();
    granted
        .mock()
        .respond_with(granted.response())
        .with_priority(2)
        .mount(&server)
        .await;
    server
}

fn fast() -> WaitOptions {
    WaitOptions {
        interval: Duration::from_millis(10),
        deadline: Duration::from_secs(10),
    }
}

#[tokio::test]
async fn login_flow_streams_events_and_records_the_account() {
    let server = login_flow_double().await;
    let (_dir, store, profile) = store();
    let (secrets, flows) = (Secrets::session_only(), LoginFlows::default());
    let task = connect::begin_login_flow(
        &store,
        &flows,
        profile,
        &server.uri(),
        SecretStorage::Session,
    )
    .await
    .unwrap();
    assert!(task.login_url().contains("/index.php/login/v2/flow/"));
    let mut events = Vec::new();
    task.run(&store, &secrets, &flows, fast(), |e| events.push(e))
        .await;
    assert!(
        matches!(events.first(), Some(LoginFlowEvent::Started { .. })),
        "{events:?}"
    );
    let waits = events
        .iter()
        .filter(|e| matches!(e, LoginFlowEvent::Waiting { .. }))
        .count();
    assert!(waits >= 2, "one wait per poll: {events:?}");
    let Some(LoginFlowEvent::Done { account }) = events.last() else {
        panic!("{events:?}")
    };
    assert_eq!(account.user_id, "alice");
    assert_eq!(store.accounts(profile).unwrap().len(), 1);
}

#[tokio::test]
async fn cancelling_a_login_flow_ends_it_with_a_cancelled_event() {
    let server = nextcloud().await;
    mount(&server, "loginflow-v2-1-init").await;
    mount(&server, "loginflow-v2-2-poll-before-grant-404").await;
    let (_dir, store, profile) = store();
    let (secrets, flows) = (Secrets::session_only(), LoginFlows::default());
    let task = connect::begin_login_flow(
        &store,
        &flows,
        profile,
        &server.uri(),
        SecretStorage::Session,
    )
    .await
    .unwrap();
    let id = task.id();
    let mut events = Vec::new();
    task.run(&store, &secrets, &flows, fast(), |e| {
        if matches!(e, LoginFlowEvent::Waiting { .. }) {
            flows.cancel(id);
        }
        events.push(e)
    })
    .await;
    assert!(
        matches!(events.last(), Some(LoginFlowEvent::Cancelled)),
        "{events:?}"
    );
    assert!(store.accounts(profile).unwrap().is_empty());
}

/// status.php is read whole: a Nextcloud that was never installed, or whose database upgrade
/// is pending, is refused with its own code (a not-installed server used to be "Ready").
/// The body is the real 29.0.6 `status-php` capture with one field changed.
#[tokio::test]
async fn servers_that_cannot_serve_an_account_are_refused_each_with_its_code() {
    let real = Capture::load("status-php", "http://127.0.0.1");
    let body: serde_json::Value = serde_json::from_slice(&real.body).unwrap();
    let (_dir, store, _) = store();
    for (field, value, code) in [
        ("installed", false, "server-not-installed"),
        ("needsDbUpgrade", true, "server-needs-upgrade"),
    ] {
        let mut status = body.clone();
        status[field] = serde_json::Value::Bool(value);
        let server = MockServer::start().await;
        Mock::given(method("GET"))
            .and(path("/status.php"))
            .respond_with(ResponseTemplate::new(200).set_body_json(status))
            .mount(&server)
            .await;
        let err = connect::check_address(&store, &server.uri())
            .await
            .unwrap_err();
        assert_eq!(err.code(), code, "{field}: {err:?}");
    }
}

/// A server that accepts the connection and says nothing is abandoned by the check's deadline
/// (25 s in the app, well within the 30 s promised; shorter here), with `timeout`, however many tries the check makes.
#[tokio::test]
async fn a_silent_server_is_abandoned_by_the_check_deadline() {
    assert_eq!(connect::CHECK_DEADLINE, Duration::from_secs(25));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        let mut held = Vec::new();
        loop {
            let (sock, _) = listener.accept().await.unwrap();
            held.push(sock);
        }
    });
    let (_dir, store, _) = store();
    let started = std::time::Instant::now();
    let err = connect::check_address_within(
        &store,
        &format!("http://{addr}"),
        Duration::from_millis(500),
    )
    .await
    .unwrap_err();
    assert_eq!(err.code(), "timeout");
    assert!(started.elapsed() < Duration::from_secs(5));
}

/// Issue #16 (4): after a restart, the accounts whose access was kept until Passerelle closed
/// are known at once (no server asked, no keyring touched), so the app can say so at start.
#[test]
fn accounts_kept_for_the_session_only_are_listed_to_reconnect_after_a_restart() {
    use passerelle_core::store::NewAccount;
    let (_dir, store, profile) = store();
    let record = |user: &str, storage: SecretStorage| {
        store
            .upsert_account(&NewAccount {
                profile_id: profile,
                server_url: "https://monasso.example",
                user_id: user,
                login_name: user,
                display_name: None,
                secret_storage: storage,
            })
            .unwrap()
    };
    let kept = record("alice", SecretStorage::Session);
    let lost = record("bob", SecretStorage::Session);
    let keyring = record("carol", SecretStorage::Keyring);
    // This process connected alice again; bob's secret went with the previous process.
    let secrets = Secrets::session_only();
    secrets
        .store(
            &kept.secret_key(),
            &Secret::from("fresh".to_owned()),
            SecretStorage::Session,
        )
        .unwrap();
    let accounts = store.accounts(profile).unwrap();
    let ids = connect::accounts_to_reconnect(&secrets, &accounts);
    assert_eq!(ids, [lost.id]);
    assert!(!ids.contains(&kept.id) && !ids.contains(&keyring.id));
}

/// Only the exchanged app password may be anywhere on disk or in the secret store.
fn assert_nowhere_on_disk(store: &Store, secret: &str) {
    let db = std::fs::read(store.path()).unwrap();
    let wal = std::fs::read(format!("{}-wal", store.path().display())).unwrap_or_default();
    for bytes in [db, wal] {
        assert!(!bytes.windows(secret.len()).any(|w| w == secret.as_bytes()));
    }
}

// Issue #16, item 3: the "app password" field took the person's login password and kept it.
#[tokio::test]
async fn a_login_password_is_exchanged_for_an_app_password_and_never_kept() {
    let server = nextcloud().await;
    // Signing out revokes the exchanged app password, the one Passerelle holds.
    let revoke = Capture::load("ocs-delete-apppassword-carol-200", &server.uri());
    revoke
        .mock()
        .and(header(
            "Authorization",
            basic("alice", ALICE_EXCHANGED).as_str(),
        ))
        .respond_with(revoke.response())
        .expect(1)
        .mount(&server)
        .await;
    let (_dir, store, profile) = store();
    let secrets = Secrets::session_only();
    let typed = Secret::from(ALICE_LOGIN_PASSWORD.to_owned());
    let added = connect::add_with_password(
        &store,
        &secrets,
        &PasswordSignIn::new(
            profile,
            server.uri(),
            "alice",
            typed.clone(),
            SecretStorage::Session,
        ),
    )
    .await
    .unwrap();
    assert!(added.exchanged_login_password, "the person is told");
    let key = added.account.secret_key();
    assert_eq!(
        secrets.get(&key, SecretStorage::Session).unwrap().expose(),
        ALICE_EXCHANGED,
        "only the new app password is kept"
    );
    assert_nowhere_on_disk(&store, ALICE_LOGIN_PASSWORD);
    assert_nowhere_on_disk(&store, ALICE_EXCHANGED);
    // The login password went to getapppassword only: everything after used the app password.
    let requests = server.received_requests().await.unwrap();
    let with_login: Vec<_> = requests
        .iter()
        .filter(|r| {
            r.headers.get("authorization").and_then(|v| v.to_str().ok())
                == Some(basic("alice", ALICE_LOGIN_PASSWORD).as_str())
        })
        .map(|r| r.url.path().to_owned())
        .collect();
    assert_eq!(with_login, ["/ocs/v2.php/core/getapppassword"]);

    let report = connect::sign_out(&store, &secrets, added.account.id)
        .await
        .unwrap();
    assert!(report.revoked_on_server);
}

#[tokio::test]
async fn refusals_of_the_typed_password_say_why_and_record_nothing() {
    let server = nextcloud().await;
    // The answer of Nextcloud 29.0.6 and 32.0.2 (lab servers) to a right login password when
    // the account has two-factor authentication: the credentials are dropped unchecked, and the
    // request is answered like one without credentials (capture ocs-user-no-auth-401).
    let signed_out = Capture::load("ocs-user-no-auth-401", &server.uri());
    Mock::given(method("GET"))
        .and(path("/ocs/v2.php/core/getapppassword"))
        .and(header(
            "Authorization",
            basic("dana", "dana-login-password").as_str(),
        ))
        .respond_with(signed_out.response())
        .with_priority(1)
        .mount(&server)
        .await;
    let (_dir, store, profile) = store();
    let secrets = Secrets::session_only();
    let add = |login: &'static str, password: &'static str| {
        let (store, secrets, url) = (&store, &secrets, server.uri());
        async move {
            connect::add_with_password(
                store,
                secrets,
                &PasswordSignIn::new(
                    profile,
                    &url,
                    login,
                    Secret::from(password.to_owned()),
                    SecretStorage::Session,
                ),
            )
            .await
            .unwrap_err()
            .code()
        }
    };
    assert_eq!(add("alice", "not-her-password").await, "auth");
    assert_eq!(
        add("dana", "dana-login-password").await,
        "password-login-forbidden"
    );
    assert!(store.accounts(profile).unwrap().is_empty());
}

#[tokio::test]
async fn an_exchanged_app_password_is_revoked_when_the_account_cannot_be_recorded() {
    let server = nextcloud().await;
    // Bob's login password is exchanged, but his user info cannot be read (the captured 401).
    let mut exchanged = Capture::load("ocs-getapppassword-carol-200", &server.uri());
    exchanged.body = String::from_utf8(exchanged.body)
        .unwrap()
        .replace("<APP_PASSWORD_CAROL>", "bob-exchanged")
        .into_bytes();
    exchanged
        .mock()
        .and(header(
            "Authorization",
            basic("bob", "bob-login-password").as_str(),
        ))
        .respond_with(exchanged.response())
        .with_priority(1)
        .mount(&server)
        .await;
    let revoke = Capture::load("ocs-delete-apppassword-carol-200", &server.uri());
    revoke
        .mock()
        .and(header(
            "Authorization",
            basic("bob", "bob-exchanged").as_str(),
        ))
        .and(header_exists("ocs-apirequest"))
        .respond_with(revoke.response())
        .expect(1)
        .mount(&server)
        .await;
    let (_dir, store, profile) = store();
    let secrets = Secrets::session_only();
    let err = connect::add_with_password(
        &store,
        &secrets,
        &PasswordSignIn::new(
            profile,
            server.uri(),
            "bob",
            Secret::from("bob-login-password".to_owned()),
            SecretStorage::Session,
        ),
    )
    .await
    .unwrap_err();
    assert_eq!(err.code(), "auth");
    assert!(store.accounts(profile).unwrap().is_empty());
}

/// Reconnecting an account revokes the app password it replaces (the space's list of devices
/// does not grow at each reconnection); the same account recorded in another profile keeps its
/// own app password, untouched by the first profile's reconnection or sign-out.
#[tokio::test]
async fn reconnecting_revokes_the_replaced_app_password_and_profiles_keep_their_own() {
    let server = nextcloud().await;
    let revoke = Capture::load("ocs-delete-apppassword-carol-200", &server.uri());
    for (secret, times) in [(ALICE_APP_PASSWORD, 1), (ALICE_EXCHANGED, 1)] {
        revoke
            .mock()
            .and(header("Authorization", basic("alice", secret).as_str()))
            .respond_with(revoke.response())
            .expect(times)
            .named(format!("revoke {secret}"))
            .mount(&server)
            .await;
    }
    let (_dir, store, first) = store();
    let second = store.create_profile("Dominique").unwrap().id;
    let secrets = Secrets::session_only();
    let app_password = Secret::from(ALICE_APP_PASSWORD.to_owned());
    let add = |profile: i64, typed: &'static str| {
        let (store, secrets, uri) = (&store, &secrets, server.uri());
        async move {
            connect::add_with_password(
                store,
                secrets,
                &PasswordSignIn::new(
                    profile,
                    &uri,
                    "alice",
                    Secret::from(typed.to_owned()),
                    SecretStorage::Session,
                ),
            )
            .await
            .unwrap()
            .account
        }
    };
    // The other profile records the same account with the app password made by hand…
    let other = connect::add_with_app_password(
        &store,
        &secrets,
        second,
        &server.uri(),
        "alice",
        &app_password,
        SecretStorage::Session,
    )
    .await
    .unwrap();
    // …this profile connects with the login password (exchanged), then again the same way:
    // the second exchange's password is the same here, so nothing is revoked yet.
    let account = add(first, ALICE_LOGIN_PASSWORD).await;
    let again = add(first, ALICE_LOGIN_PASSWORD).await;
    assert_eq!(again.id, account.id);
    assert_eq!(
        secrets
            .get(&other.secret_key(), SecretStorage::Session)
            .unwrap()
            .expose(),
        ALICE_APP_PASSWORD,
        "another profile's app password is its own"
    );
    // Reconnecting this profile with the hand-made app password revokes the exchanged one.
    let replaced = add(first, ALICE_APP_PASSWORD).await;
    assert_eq!(replaced.id, account.id);
    // Signing out of the other profile revokes its app password, and only its secret goes.
    connect::sign_out(&store, &secrets, other.id).await.unwrap();
    assert!(
        secrets
            .get(&replaced.secret_key(), SecretStorage::Session)
            .is_ok()
    );
    server.verify().await;
}

//! `server check` and `account add` against doubles replaying real Nextcloud 29.0.6 captures.

#[path = "../../passerelle-nextcloud/tests/support/capture.rs"]
mod capture;

use capture::Capture;
use wiremock::matchers::method;
use wiremock::{Mock, MockServer, ResponseTemplate};

async fn run(data_dir: &std::path::Path, args: &[&str], stdin: &str) -> std::process::Output {
    use std::io::Write;
    let mut cmd = crate::cli(data_dir);
    cmd.args(args)
        .env_remove("DBUS_SESSION_BUS_ADDRESS")
        .env_remove("PASSERELLE_APP_PASSWORD")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped());
    let stdin = stdin.to_owned();
    tokio::task::spawn_blocking(move || {
        let mut child = cmd.spawn().unwrap();
        child
            .stdin
            .take()
            .unwrap()
            .write_all(stdin.as_bytes())
            .unwrap();
        child.wait_with_output().unwrap()
    })
    .await
    .unwrap()
}

async fn mount(server: &MockServer, name: &str) {
    let c = Capture::load(name, &server.uri());
    c.mock().respond_with(c.response()).mount(server).await;
}

#[tokio::test]
async fn server_check_reports_a_nextcloud_and_its_version() {
    let server = MockServer::start().await;
    mount(&server, "status-php").await;
    mount(&server, "ocs-capabilities-anon").await;
    let dir = tempfile::tempdir().unwrap();
    let out = run(
        dir.path(),
        &["--lang", "en", "server", "check", &server.uri()],
        "",
    )
    .await;
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("Nextcloud 29.0.6 at http://127.0.0.1:"),
        "{text}"
    );
    assert!(
        text.contains("unencrypted connection"),
        "http must be flagged: {text}"
    );

    let out = run(
        dir.path(),
        &["--json", "server", "check", &server.uri()],
        "",
    )
    .await;
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        (v["kind"].as_str(), v["server"]["version"].as_str()),
        (Some("ok"), Some("29.0.6"))
    );
}

#[tokio::test]
async fn server_check_refuses_what_is_not_nextcloud_and_maintenance() {
    let site = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_raw("<html>Asso</html>", "text/html"))
        .mount(&site)
        .await;
    let dir = tempfile::tempdir().unwrap();
    let out = run(
        dir.path(),
        &["--lang", "fr", "server", "check", &site.uri()],
        "",
    )
    .await;
    assert!(!out.status.success());
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("ne mène pas à un espace Nextcloud"), "{err}");

    let down = MockServer::start().await;
    mount(&down, "maintenance-status-php").await;
    let out = run(dir.path(), &["--json", "server", "check", &down.uri()], "").await;
    assert!(!out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("\"maintenance\": true") && text.contains("\"code\":\"maintenance\""),
        "{text}"
    );
}

#[tokio::test]
async fn account_add_reads_the_secret_from_stdin_and_needs_a_keyring() {
    let server = MockServer::start().await;
    mount(&server, "ocs-user-alice").await;
    let dir = tempfile::tempdir().unwrap();
    let args = [
        "--lang",
        "en",
        "account",
        "add",
        "--profile",
        "Lab",
        "--server",
        &server.uri(),
        "--login",
        "alice",
    ];
    // No Secret Service on this process's bus: said clearly, nothing recorded.
    let out = run(dir.path(), &args, "the-app-password\n").await;
    assert!(!out.status.success());
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("keyring") || err.contains("password safe"),
        "{err}"
    );
    let list = run(
        dir.path(),
        &["--json", "account", "list", "--profile", "Lab"],
        "",
    )
    .await;
    assert_eq!(String::from_utf8(list.stdout).unwrap().trim(), "[]");
    // An empty standard input is refused before anything is asked of the server.
    let out = run(dir.path(), &args, "").await;
    assert!(!out.status.success());
    assert!(server.received_requests().await.unwrap().len() <= 1);
}

/// `transfer plan --strategy ownershiptransfer` with only an administrator's secret, against a
/// double replaying the OwnershipTransfer app's captured answers (`ownershiptransfer-*`,
/// Nextcloud 29.0.6 with the app rebuilt from its public source; unverified against the real
/// app): no member's password is asked, the member's calendars are listed with the birthday
/// calendar and received shares left out, and nothing is written.
#[tokio::test]
async fn transfer_plan_through_the_ownershiptransfer_app_needs_only_the_admin() {
    use wiremock::matchers::query_param;
    let server = MockServer::start().await;
    let base = server.uri();
    for user in ["admin", "carol"] {
        let c = Capture::load("ownershiptransfer-calendarlist-carol", &base);
        c.mock()
            .and(query_param("userId", user))
            .respond_with(c.response())
            .mount(&server)
            .await;
    }
    let c = Capture::load("ownershiptransfer-addressbookslist-carol", &base);
    c.mock()
        .and(query_param("userId", "carol"))
        .respond_with(c.response())
        .mount(&server)
        .await;
    // Nothing may be written while planning.
    Mock::given(method("PUT"))
        .respond_with(ResponseTemplate::new(500))
        .expect(0)
        .mount(&server)
        .await;
    let dir = tempfile::tempdir().unwrap();
    let args = [
        "--json",
        "transfer",
        "plan",
        "--strategy",
        "ownershiptransfer",
        "--admin-server",
        &base,
        "--admin-user",
        "admin",
        "--from-user",
        "carol",
        "--to-user",
        "bob",
        "--calendars",
        "ot-cal",
    ];
    let mut cmd = crate::cli(dir.path());
    let out = cmd
        .args(args)
        .env("PASSERELLE_ADMIN_APP_PASSWORD", "admin-app-password")
        .env_remove("PASSERELLE_FROM_APP_PASSWORD")
        .env_remove("PASSERELLE_TO_APP_PASSWORD")
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let plan: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(plan["strategy"]["chosen"], "ownership-transfer");
    assert_eq!(plan["strategy"]["movesData"], true);
    assert_eq!(plan["source"]["userId"], "carol");
    let uris: Vec<&str> = plan["calendars"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["uri"].as_str().unwrap())
        .collect();
    assert_eq!(uris, ["ot-cal"]);

    // Without the admin's secret the same command says what is missing.
    let out = crate::cli(dir.path())
        .args(["--lang", "en"])
        .args(&args[1..])
        .env_remove("PASSERELLE_ADMIN_APP_PASSWORD")
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("PASSERELLE_ADMIN_APP_PASSWORD"), "{err}");
}

/// `transfer disable` refuses without `--confirm-disable`, and for a job that is not verified,
/// before anything reaches the server.
#[tokio::test]
async fn transfer_disable_needs_a_confirmation_and_a_verified_job() {
    let server = MockServer::start().await;
    Mock::given(method("PUT"))
        .respond_with(ResponseTemplate::new(200))
        .expect(0)
        .mount(&server)
        .await;
    let dir = tempfile::tempdir().unwrap();
    let base = server.uri();
    let out = crate::cli(dir.path())
        .args([
            "--json",
            "transfer",
            "disable",
            "1",
            "--admin-server",
            &base,
            "--admin-user",
            "admin",
        ])
        .env("PASSERELLE_ADMIN_APP_PASSWORD", "admin-app-password")
        .output()
        .unwrap();
    assert!(!out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout)
        .or_else(|_| serde_json::from_slice(&out.stderr))
        .unwrap_or_default();
    let text = format!("{v} {}", String::from_utf8_lossy(&out.stderr));
    assert!(text.contains("handover-disable-not-confirmed"), "{text}");

    let out = crate::cli(dir.path())
        .args([
            "--json",
            "transfer",
            "disable",
            "1",
            "--confirm-disable",
            "--admin-server",
            &base,
            "--admin-user",
            "admin",
        ])
        .env("PASSERELLE_ADMIN_APP_PASSWORD", "admin-app-password")
        .output()
        .unwrap();
    assert!(!out.status.success());
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(text.contains("handover-job-not-found"), "{text}");
}

/// Regression (issue #13, sections 3.2 and 3.3), through the OwnershipTransfer app's captured
/// answers (`ownershiptransfer-*`, Nextcloud 29.0.6): the plan printed "0 events" for a calendar
/// holding two (it counted objects the app does not list); a run whose only failure needs a
/// person ("Calendar not found") told the admin to resume — forever. It now says what to do and
/// exits with 1; a real server failure still says "resume" and exits with 75.
#[tokio::test]
async fn regression_transfer_through_the_app_counts_events_and_says_what_to_do() {
    use wiremock::matchers::{path, query_param};
    let unexplained_500 = ResponseTemplate::new(500).set_body_string(
        r#"{"ocs":{"meta":{"status":"failure","statuscode":500,"message":""},"data":{"message":"An exception occurred while executing a query: SQLSTATE[HY000]: General error: 5 database is locked"}}}"#,
    );
    for (answer, status, says) in [
        (None, 1, "Stopped: what is left needs someone to act"),
        (Some(unexplained_500), 75, "Resume it to finish"),
    ] {
        let server = MockServer::start().await;
        let base = server.uri();
        for user in ["admin", "carol", "bob"] {
            let c = Capture::load("ownershiptransfer-calendarlist-carol", &base);
            c.mock()
                .and(query_param("userId", user))
                .respond_with(c.response())
                .mount(&server)
                .await;
        }
        // The admin's view of Carol: the captured `ocs-admin-user-alice`, renamed.
        let user = Capture::load("ocs-admin-user-alice", &base);
        let body = String::from_utf8(user.body.clone())
            .unwrap()
            .replace("alice", "carol")
            .replace("Alice", "Carol");
        Mock::given(method("GET"))
            .and(path("/ocs/v2.php/cloud/users/carol"))
            .respond_with(ResponseTemplate::new(200).set_body_string(body))
            .mount(&server)
            .await;
        let refused = Capture::load("ownershiptransfer-calendar-missing-uri-500", &base);
        Mock::given(method("PUT"))
            .and(path("/ocs/v2.php/apps/ownershiptransfer/calendar"))
            .respond_with(answer.unwrap_or_else(|| refused.response()))
            .mount(&server)
            .await;
        let dir = tempfile::tempdir().unwrap();
        let ot = |verb: &'static str, calendar: &'static str| {
            let mut cmd = crate::cli(dir.path());
            cmd.args([
                "--lang",
                "en",
                "transfer",
                verb,
                "--strategy",
                "ownershiptransfer",
            ])
            .args(["--admin-server", &base, "--admin-user", "admin"])
            .args([
                "--from-user",
                "carol",
                "--to-user",
                "bob",
                "--calendars",
                calendar,
            ])
            .env("PASSERELLE_ADMIN_APP_PASSWORD", "admin-app-password")
            .stdin(std::process::Stdio::null());
            cmd.output().unwrap()
        };
        let out = ot("plan", "ot-cal");
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(out.status.success(), "{text}");
        assert!(text.contains(": 2 events and tasks"), "{text}");
        assert!(
            text.contains("“Carol project calendar-Carol-…”"),
            "the name the recipient will see: {text}"
        );

        let out = ot("run", "asso-cal");
        let text = String::from_utf8_lossy(&out.stdout);
        assert_eq!(out.status.code(), Some(status), "{text}");
        assert!(text.contains(says), "{text}");
        if status == 1 {
            assert!(
                text.contains("The server refuses to move this item"),
                "{text}"
            );
            let err = String::from_utf8_lossy(&out.stderr);
            assert!(!err.contains("Resume it"), "{err}");
        }
    }
}

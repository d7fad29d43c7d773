//! Workshops: member lists checked line by line, practice accounts created and rolled back,
//! clean-up of exactly the recorded accounts, workshop packs, progress merge and laptop reset.
//!
//! Server doubles: user and group listings replay the Nextcloud 29.0.6 captures
//! (`shared/nextcloud-captures`, through the protocol crate's capture helper). The shared
//! captures hold no provisioning writes, so creation, deletion and disabling answer with
//! bodies recorded by hand from the Nextcloud 29.0.6 lab on 2026-11-21 (same envelope and
//! status codes). Every request is recorded by wiremock and checked.

// Also loaded by `connect.rs` and `tours.rs`; each test module keeps its own copy.
#[allow(clippy::duplicate_mod)]
#[path = "../../passerelle-nextcloud/tests/support/capture.rs"]
mod capture;

use std::collections::BTreeSet;
use std::path::Path;

use capture::Capture;
use passerelle_core::secrets::{Secret, SecretStorage, Secrets};
use passerelle_core::store::NewAccount;
use passerelle_core::tours::StepState;
use passerelle_core::workshop::WorkshopError;
use passerelle_core::workshop::pack::{self, PackIdentity};
use passerelle_core::workshop::progress::{self, ParticipantStep};
use passerelle_core::workshop::reset::{reset_laptop, wipe_profile};
use passerelle_core::workshop::{
    AccountState, CleanupAction, LineReason, MemberSource, PasswordMode, SpaceState, WorkshopPlan,
    cleanup_accounts, cleanup_candidates, create_accounts, plan_accounts, plan_accounts_with,
    records,
};
use passerelle_core::{DataPaths, Store};
use passerelle_nextcloud::Client;
use wiremock::matchers::{body_string_contains, method, path, path_regex};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

fn store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&DataPaths::at(dir.path())).unwrap();
    (dir, store)
}

fn ok(data: &str) -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_raw(
        format!(r#"{{"ocs":{{"meta":{{"status":"ok","statuscode":200,"message":"OK"}},"data":{data}}}}}"#),
        "application/json; charset=utf-8",
    )
}

/// The captured listings: users `admin`, `alice` and groups `admin`, `asso`.
async fn space() -> MockServer {
    let server = MockServer::start().await;
    for name in ["ocs-admin-users-limit2", "ocs-admin-groups"] {
        let c = Capture::load(name, &server.uri());
        c.mock().respond_with(c.response()).mount(&server).await;
    }
    server
}

fn admin(server: &MockServer) -> Client {
    Client::builder(server.uri())
        .credentials("admin", "admin-password")
        .build()
        .unwrap()
}

/// `METHOD path` of every request the double received (listings left out).
async fn writes(server: &MockServer) -> Vec<String> {
    server
        .received_requests()
        .await
        .unwrap_or_default()
        .iter()
        .filter(|r| r.method.as_str() != "GET")
        .map(|r| format!("{} {}", r.method, r.url.path()))
        .collect()
}

fn form_value(req: &Request, key: &str) -> Option<String> {
    url::form_urlencoded::parse(&req.body)
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.into_owned())
}

#[tokio::test]
async fn csv_with_eleven_kinds_of_mistakes_is_rejected_line_by_line_and_nothing_is_created() {
    let server = space().await;
    let client = admin(&server);
    let long = "a".repeat(70);
    let csv = format!(
        "nom;identifiant;courriel;groupe;quota;remarque\n\
         Camille Martin;camille;camille@example.org;atelier;1 Go;\n\
         ;vide;;;;\n\
         Dominique;dom;dominique@;;;\n\
         Élodie;élodie;;;;\n\
         Long;{long};;;;\n\
         Camille Bis;CAMILLE;;;;\n\
         Alice;alice;;;;\n\
         Gaston;gaston;;a/b;;\n\
         Hélène;helene;;;beaucoup;\n\
         Inès;ines;;;;;de trop\n\
         Jules;jules;;;;\n\
         Karim;karim;;;;\n"
    );
    // The captured space has 2 accounts; a limit of 4 leaves room for 2 of the 3 valid lines.
    let state = SpaceState::read(&client, Some(4)).await.unwrap();
    assert_eq!(state.users, ["admin", "alice"]);
    let plan = plan_accounts(&MemberSource::Csv(csv.as_bytes()), &state);
    let got: Vec<(u32, LineReason)> = plan.problems.iter().map(|p| (p.line, p.reason)).collect();
    assert_eq!(
        got,
        [
            (1, LineReason::UnknownColumn),
            (3, LineReason::EmptyName),
            (4, LineReason::InvalidEmail),
            (5, LineReason::BadIdCharacters),
            (6, LineReason::IdTooLong),
            (7, LineReason::DuplicateInFile),
            (8, LineReason::ExistsOnServer),
            (9, LineReason::BadGroup),
            (10, LineReason::InvalidQuota),
            (11, LineReason::TooManyFields),
            (13, LineReason::TooManyAccounts),
        ]
    );
    let kinds: BTreeSet<_> = got.iter().map(|(_, r)| *r).collect();
    assert_eq!(kinds.len(), 11);
    assert_eq!(plan.problems[0].value, "remarque");
    assert_eq!(plan.problems[5].value, "CAMILLE");
    assert_eq!(plan.problems[5].other_line, Some(2));
    assert!(!plan.is_valid());

    let (_dir, store) = store();
    let err = create_accounts(&client, &store, &plan, "test", &mut |_, _| {})
        .await
        .unwrap_err();
    assert_eq!(err.code(), "workshop-plan-invalid");
    assert!(writes(&server).await.is_empty(), "nothing may be sent");
    assert!(records::practice_accounts(&store, None).unwrap().is_empty());
}

#[test]
fn encodings_and_empty_lists_are_reported() {
    let state = SpaceState::default();
    let reasons = |bytes: &[u8]| {
        plan_accounts(&MemberSource::Csv(bytes), &state)
            .problems
            .iter()
            .map(|p| (p.line, p.reason))
            .collect::<Vec<_>>()
    };
    // Windows-1252 "é" on line 3.
    assert_eq!(
        reasons(b"name,email\nAnne,a@example.org\nL\xe9a,l@example.org\n"),
        [(3, LineReason::Encoding)]
    );
    assert_eq!(reasons(b"\xff\xfen\x00a\x00"), [(1, LineReason::Encoding)]);
    assert_eq!(reasons(b""), [(1, LineReason::Empty)]);
    assert_eq!(
        reasons(b"email\nx@example.org\n"),
        [(1, LineReason::MissingNameColumn)]
    );
    // A UTF-8 BOM (spreadsheets write one) and Windows line ends are fine.
    let plan = plan_accounts(
        &MemberSource::Csv(
            b"\xef\xbb\xbfName,E-mail,Group\r\nL\xc3\xa9a Dupr\xc3\xa9,lea@example.org,asso\r\n",
        ),
        &state,
    );
    assert!(plan.is_valid(), "{:?}", plan.problems);
    assert_eq!(plan.accounts[0].user_id, "lea.dupre");
    assert_eq!(plan.accounts[0].display_name, "Léa Dupré");
    assert_eq!(plan.groups_to_create, ["asso"]);
}

#[tokio::test]
async fn group_admins_must_use_their_own_groups() {
    // alice (captured `/cloud/user`) is neither admin nor group admin: nothing is allowed.
    let server = space().await;
    let me = Capture::load("ocs-user-alice", &server.uri());
    me.mock().respond_with(me.response()).mount(&server).await;
    let client = admin(&server);
    let state = SpaceState::read(&client, None).await.unwrap();
    assert_eq!(state.group_admin_of, Some(vec![]));
    // A group admin of `asso` (as bob was in the lab).
    let state = SpaceState {
        group_admin_of: Some(vec!["asso".into()]),
        ..state
    };
    let csv = "name,group\nAnne,asso\nBruno,\nChloé,admin\nDenis,atelier\n";
    let plan = plan_accounts(&MemberSource::Csv(csv.as_bytes()), &state);
    let got: Vec<_> = plan
        .problems
        .iter()
        .map(|p| (p.line, p.reason, p.value.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            (3, LineReason::GroupRequired, "bruno"),
            (4, LineReason::GroupNotAllowed, "admin"),
            (5, LineReason::GroupNotAllowed, "atelier"),
        ]
    );
}

/// Accounts are created (POST) in order; `fail_on` answers 500 without creating.
async fn mount_creation(server: &MockServer, fail_on: Option<&'static str>) {
    Mock::given(method("POST"))
        .and(path("/ocs/v2.php/cloud/users"))
        .respond_with(move |req: &Request| {
            let id = form_value(req, "userid").unwrap_or_default();
            if Some(id.as_str()) == fail_on {
                ResponseTemplate::new(500).set_body_string("Internal Server Error")
            } else {
                ok(&format!(r#"{{"id":"{id}"}}"#))
            }
        })
        .mount(server)
        .await;
    Mock::given(method("POST"))
        .and(path("/ocs/v2.php/cloud/groups"))
        .respond_with(ok("[]"))
        .mount(server)
        .await;
    Mock::given(method("DELETE"))
        .and(path_regex("^/ocs/v2.php/cloud/(users|groups)/[^/]+$"))
        .respond_with(ok("[]"))
        .mount(server)
        .await;
    // A user that was not created: the captured 998 "not found" (OCS 998, HTTP 404).
    let c = Capture::load("ocs-alice-user-bob-404", &server.uri());
    Mock::given(method("GET"))
        .and(path_regex("^/ocs/v2.php/cloud/users/atelier-[0-9]+$"))
        .respond_with(c.response())
        .mount(server)
        .await;
}

#[tokio::test]
async fn creation_failing_midway_deletes_exactly_what_this_run_created() {
    let server = space().await;
    mount_creation(&server, Some("atelier-03")).await;
    let client = admin(&server);
    let state = SpaceState::read(&client, None).await.unwrap();
    let plan = plan_accounts(
        &MemberSource::Count {
            count: 4,
            prefix: "atelier",
            name: "Participant",
            group: Some("atelier-test"),
        },
        &state,
    );
    assert!(plan.is_valid(), "{:?}", plan.problems);
    assert_eq!(plan.groups_to_create, ["atelier-test"]);
    let (_dir, store) = store();
    let mut progress = Vec::new();
    let err = create_accounts(&client, &store, &plan, "atelier du 21", &mut |d, t| {
        progress.push((d, t))
    })
    .await
    .unwrap_err();
    assert_eq!(progress, [(1, 4), (2, 4)]);
    match &err {
        passerelle_core::CoreError::Workshop(WorkshopError::CreateFailed {
            user_id,
            reason,
            rolled_back,
            left_behind,
            ..
        }) => {
            assert_eq!(user_id, "atelier-03");
            assert_eq!(reason, "server-error");
            assert_eq!(*rolled_back, 3, "two accounts and the group");
            assert!(left_behind.is_empty());
        }
        other => panic!("{other}"),
    }
    let base = "/ocs/v2.php/cloud";
    assert_eq!(
        writes(&server).await,
        [
            format!("POST {base}/groups"),
            format!("POST {base}/users"),
            format!("POST {base}/users"),
            format!("POST {base}/users"),
            format!("DELETE {base}/users/atelier-02"),
            format!("DELETE {base}/users/atelier-01"),
            format!("DELETE {base}/groups/atelier-test"),
        ]
    );
    let recorded = records::practice_accounts(&store, None).unwrap();
    assert_eq!(recorded.len(), 2);
    assert!(recorded.iter().all(|a| a.state == AccountState::Deleted));
    assert!(
        cleanup_candidates(&store, &server.uri())
            .unwrap()
            .is_empty()
    );
    assert!(records::run_groups(&store, 1).unwrap().is_empty());
}

#[tokio::test]
async fn an_account_the_server_created_before_failing_is_rolled_back_too() {
    let server = space().await;
    // The server answers 500 for atelier-02, but the account exists afterwards.
    Mock::given(method("GET"))
        .and(path("/ocs/v2.php/cloud/users/atelier-02"))
        .respond_with(ok(r#"{"id":"atelier-02","enabled":true}"#))
        .mount(&server)
        .await;
    mount_creation(&server, Some("atelier-02")).await;
    let client = admin(&server);
    let state = SpaceState::read(&client, None).await.unwrap();
    let plan = plan_accounts(
        &MemberSource::Count {
            count: 3,
            prefix: "atelier",
            name: "Participant",
            group: None,
        },
        &state,
    );
    let (_dir, store) = store();
    let err = create_accounts(&client, &store, &plan, "t", &mut |_, _| {})
        .await
        .unwrap_err();
    assert_eq!(err.code(), "workshop-create-failed");
    let deletes: Vec<String> = writes(&server)
        .await
        .into_iter()
        .filter(|w| w.starts_with("DELETE"))
        .collect();
    assert_eq!(
        deletes,
        [
            "DELETE /ocs/v2.php/cloud/users/atelier-02",
            "DELETE /ocs/v2.php/cloud/users/atelier-01"
        ]
    );
}

/// An OCS refusal as Nextcloud sends it (HTTP 400, the status code in the envelope).
fn refusal(code: i64, message: &str) -> ResponseTemplate {
    ResponseTemplate::new(400).set_body_raw(
        format!(
            r#"{{"ocs":{{"meta":{{"status":"failure","statuscode":{code},"message":"{message}"}},"data":[]}}}}"#
        ),
        "application/json; charset=utf-8",
    )
}

/// Seen on a real Nextcloud 32 whose database was busy: the account was made, then a later step
/// of the server's failed and it answered 101 "invalid input". That account is this run's and
/// goes with the rollback; an account the server says already existed is never touched.
#[tokio::test]
async fn an_account_made_before_a_refusal_goes_too_but_an_existing_one_stays() {
    for (code, existed) in [(101, false), (102, true)] {
        let server = space().await;
        Mock::given(method("GET"))
            .and(path("/ocs/v2.php/cloud/users/atelier-02"))
            .respond_with(ok(r#"{"id":"atelier-02","enabled":true}"#))
            .mount(&server)
            .await;
        Mock::given(method("POST"))
            .and(path("/ocs/v2.php/cloud/users"))
            .and(body_string_contains("userid=atelier-02"))
            .respond_with(refusal(code, "refused"))
            .with_priority(1)
            .mount(&server)
            .await;
        mount_creation(&server, None).await;
        let client = admin(&server);
        let state = SpaceState::read(&client, None).await.unwrap();
        let plan = plan_accounts(
            &MemberSource::Count {
                count: 3,
                prefix: "atelier",
                name: "Participant",
                group: None,
            },
            &state,
        );
        let (_dir, store) = store();
        let err = create_accounts(&client, &store, &plan, "t", &mut |_, _| {})
            .await
            .unwrap_err();
        assert_eq!(err.code(), "workshop-create-failed");
        let deletes: Vec<String> = writes(&server)
            .await
            .into_iter()
            .filter(|w| w.starts_with("DELETE"))
            .collect();
        let mut expected = vec!["DELETE /ocs/v2.php/cloud/users/atelier-01"];
        if !existed {
            expected.insert(0, "DELETE /ocs/v2.php/cloud/users/atelier-02");
        }
        assert_eq!(deletes, expected, "after OCS {code}");
    }
}

/// Regression: a login recorded by an earlier run, deleted by hand on the server since, used
/// to hit the records' unique index and abort the next run without a rollback.
#[tokio::test]
async fn a_login_deleted_by_hand_can_be_created_again() {
    let server = space().await;
    mount_creation(&server, None).await;
    let client = admin(&server);
    let state = SpaceState::read(&client, None).await.unwrap();
    let plan = plan_accounts(&MemberSource::Csv(b"name,login\nAnne,anne\n"), &state);
    let (_dir, store) = store();
    for _ in 0..2 {
        create_accounts(&client, &store, &plan, "t", &mut |_, _| {})
            .await
            .unwrap();
    }
    let live = cleanup_candidates(&store, &server.uri()).unwrap();
    assert_eq!(live.len(), 1);
    assert_eq!(live[0].run_id, 2);
    assert_eq!(records::practice_accounts(&store, None).unwrap().len(), 2);
}

#[tokio::test]
async fn welcoming_members_by_email_sends_no_password() {
    let server = space().await;
    mount_creation(&server, None).await;
    let client = admin(&server);
    let state = SpaceState::read(&client, None).await.unwrap();
    let csv = "nom,courriel\nAnne,anne@example.org\nBruno,\n";
    let plan = plan_accounts_with(
        &MemberSource::Csv(csv.as_bytes()),
        &state,
        PasswordMode::EmailLink,
    );
    let got: Vec<_> = plan.problems.iter().map(|p| (p.line, p.reason)).collect();
    assert_eq!(got, [(3, LineReason::EmailRequired)]);
    let plan = plan_accounts_with(
        &MemberSource::Csv(b"nom,courriel\nAnne,anne@example.org\n"),
        &state,
        PasswordMode::EmailLink,
    );
    let (_dir, store) = store();
    let created = create_accounts(&client, &store, &plan, "t", &mut |_, _| {})
        .await
        .unwrap();
    assert!(created.accounts[0].password.is_none());
    let requests = server.received_requests().await.unwrap();
    let post = requests
        .iter()
        .find(|r| r.method.as_str() == "POST")
        .unwrap();
    assert_eq!(
        form_value(post, "email").as_deref(),
        Some("anne@example.org")
    );
    assert_eq!(form_value(post, "password"), None);
}

#[tokio::test]
async fn cleanup_touches_exactly_the_recorded_accounts_after_confirmation() {
    let server = space().await;
    mount_creation(&server, None).await;
    Mock::given(method("PUT"))
        .and(path_regex("^/ocs/v2.php/cloud/users/[^/]+/disable$"))
        .respond_with(ok("[]"))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/ocs/v2.php/cloud/groups/atelier/users"))
        .respond_with(ok(r#"{"users":[]}"#))
        .mount(&server)
        .await;
    let client = admin(&server);
    let state = SpaceState::read(&client, Some(50)).await.unwrap();
    let csv = "name,login,email,group\nAnne,anne,anne@example.org,atelier\nBruno,bruno,,\nChloé,chloe,,\n";
    let plan = plan_accounts(&MemberSource::Csv(csv.as_bytes()), &state);
    let (_dir, store) = store();
    let created = create_accounts(&client, &store, &plan, "t", &mut |_, _| {})
        .await
        .unwrap();
    assert_eq!(created.accounts.len(), 3);
    let passwords: BTreeSet<&str> = created
        .accounts
        .iter()
        .map(|a| a.password.as_ref().unwrap().expose())
        .collect();
    assert_eq!(passwords.len(), 3, "one password each");
    // The e-mail went to the server (it sends its welcome e-mail), the password too.
    let posts = server.received_requests().await.unwrap();
    let anne = posts
        .iter()
        .find(|r| form_value(r, "userid").as_deref() == Some("anne"))
        .unwrap();
    assert_eq!(
        form_value(anne, "email").as_deref(),
        Some("anne@example.org")
    );
    assert_eq!(
        form_value(anne, "password").as_deref(),
        Some(created.accounts[0].password.as_ref().unwrap().expose())
    );
    // No password in the database.
    let db = std::fs::read(store.path()).unwrap();
    let wal = std::fs::read(format!("{}-wal", store.path().display())).unwrap_or_default();
    for p in &passwords {
        let needle = p.as_bytes();
        assert!(!db.windows(needle.len()).any(|w| w == needle));
        assert!(!wal.windows(needle.len()).any(|w| w == needle));
    }

    let before = writes(&server).await.len();
    // Not recorded by Passerelle: refused, nothing sent.
    for confirmed in [vec!["anne".to_owned(), "alice".to_owned()], vec![]] {
        let err = cleanup_accounts(&client, &store, CleanupAction::Delete, &confirmed)
            .await
            .unwrap_err();
        assert_eq!(err.code(), "workshop-not-confirmed");
    }
    assert_eq!(writes(&server).await.len(), before);

    let listed: Vec<String> = cleanup_candidates(&store, &server.uri())
        .unwrap()
        .into_iter()
        .map(|a| a.user_id)
        .collect();
    assert_eq!(listed, ["anne", "bruno", "chloe"]);
    let report = cleanup_accounts(&client, &store, CleanupAction::Disable, &listed)
        .await
        .unwrap();
    assert_eq!(report.done, listed);
    // Chloé's account was deleted by hand on the server meanwhile: the captured 998.
    let gone = Capture::load("ocs-alice-user-bob-404", &server.uri());
    Mock::given(method("DELETE"))
        .and(path("/ocs/v2.php/cloud/users/chloe"))
        .respond_with(gone.response())
        .with_priority(1)
        .mount(&server)
        .await;
    let report = cleanup_accounts(&client, &store, CleanupAction::Delete, &listed)
        .await
        .unwrap();
    assert_eq!(report.done, ["anne", "bruno"]);
    assert_eq!(report.already_gone, ["chloe"]);
    assert!(report.failed.is_empty());
    // The group this run created is empty now: deleted too.
    assert_eq!(report.groups_deleted, ["atelier"]);
    let base = "/ocs/v2.php/cloud/users";
    assert_eq!(
        writes(&server).await[before..],
        [
            format!("PUT {base}/anne/disable"),
            format!("PUT {base}/bruno/disable"),
            format!("PUT {base}/chloe/disable"),
            format!("DELETE {base}/anne"),
            format!("DELETE {base}/bruno"),
            format!("DELETE {base}/chloe"),
            "DELETE /ocs/v2.php/cloud/groups/atelier".to_owned(),
        ]
    );
    assert!(
        cleanup_candidates(&store, &server.uri())
            .unwrap()
            .is_empty()
    );
    let all = records::practice_accounts(&store, None).unwrap();
    assert!(all.iter().all(|a| a.state == AccountState::Deleted));
}

#[test]
fn workshop_pack_round_trip_through_zip_and_folder() {
    let dir = tempfile::tempdir().unwrap();
    let plan = WorkshopPlan {
        name: "Atelier découverte".into(),
        tours: vec!["discover".into(), "files".into(), "security".into()],
    };
    let identity = PackIdentity {
        id: "atelier-decouverte".into(),
        version: 1,
        name: "Atelier découverte".into(),
    };
    for dest in ["pack.zip", "pack-folder"] {
        let dest = dir.path().join(dest);
        let written = pack::export_pack(&plan, &identity, &[], &dest).unwrap();
        assert_eq!(written.tours, plan.tours);
        let imported = pack::import_pack(&dest).unwrap();
        assert_eq!(imported.plan, plan);
        let ids: Vec<&str> = imported
            .source
            .tours
            .iter()
            .map(|t| t.tour.id.as_str())
            .collect();
        assert_eq!(ids, ["discover", "files", "security"]);
        let files_tour = imported
            .source
            .tours
            .iter()
            .find(|t| t.tour.id == "files")
            .unwrap();
        assert!(
            !files_tour.pictures.is_empty(),
            "pictures travel with the pack"
        );
        for lang in ["fr", "en"] {
            assert!(
                imported
                    .files
                    .files
                    .contains_key(&format!("locales/{lang}/files.ftl"))
            );
        }
        let installed =
            pack::install_pack(&DataPaths::at(dir.path().join("data")), &imported).unwrap();
        assert!(installed.join("workshop.toml").is_file());
    }
    // A plan naming a tour nobody has is refused before anything is written.
    let bad = WorkshopPlan {
        name: "x".into(),
        tours: vec!["files".into(), "no-such-tour".into()],
    };
    let err = pack::export_pack(&bad, &identity, &[], &dir.path().join("bad.zip")).unwrap_err();
    assert_eq!(err.code(), "workshop-pack-invalid");
    assert!(!dir.path().join("bad.zip").exists());
}

#[test]
fn a_plan_mixing_bundled_tours_and_pack_tours_exports_and_imports() {
    let dir = tempfile::tempdir().unwrap();
    // An author's pack keeping the texts in one file per language, not `<tour-id>.ftl`.
    let source = dir.path().join("source");
    write_pack(&source, "name = \"x\"\ntours = [\"demo\"]\n");
    for lang in ["fr", "en"] {
        let from = source.join(format!("locales/{lang}/demo.ftl"));
        std::fs::rename(&from, source.join(format!("locales/{lang}/messages.ftl"))).unwrap();
    }
    let packs = [passerelle_core::tours::FileSet::read(&source).unwrap()];
    let plan = WorkshopPlan {
        name: "Mixte".into(),
        tours: vec!["demo".into(), "files".into()],
    };
    let identity = PackIdentity {
        id: "mixte".into(),
        version: 2,
        name: "Mixte".into(),
    };
    let dest = dir.path().join("mixte.zip");
    pack::export_pack(&plan, &identity, &packs, &dest).unwrap();
    let imported = pack::import_pack(&dest).unwrap();
    assert_eq!(imported.plan, plan);
    assert!(
        imported
            .files
            .files
            .contains_key("locales/fr/pack0-messages.ftl")
    );
    assert_eq!(imported.source.pack.as_ref().unwrap().version, 2);
}

fn write_pack(root: &Path, workshop: &str) {
    std::fs::create_dir_all(root.join("tours/demo")).unwrap();
    std::fs::write(
        root.join("pack.toml"),
        "id = \"demo-pack\"\nversion = 1\nname = \"Demo\"\n",
    )
    .unwrap();
    std::fs::write(root.join("workshop.toml"), workshop).unwrap();
    std::fs::write(
        root.join("tours/demo/tour.toml"),
        "id = \"demo\"\nversion = 1\ntitle = \"demo-title\"\nsummary = \"demo-summary\"\n\
         audience = \"member\"\napps = []\nminutes = 2\n\n[[steps]]\nid = \"hello\"\n\
         kind = \"explain\"\ntext = \"demo-hello\"\n",
    )
    .unwrap();
    for lang in ["fr", "en"] {
        std::fs::create_dir_all(root.join(format!("locales/{lang}"))).unwrap();
        std::fs::write(
            root.join(format!("locales/{lang}/demo.ftl")),
            "demo-title = Demo\ndemo-summary = Demo\ndemo-hello = Hello\n",
        )
        .unwrap();
    }
}

#[test]
fn broken_workshop_packs_point_to_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let good = dir.path().join("good");
    write_pack(&good, "name = \"Demo\"\ntours = [\"demo\", \"files\"]\n");
    let ok = pack::import_pack(&good).unwrap();
    assert_eq!(ok.plan.tours, ["demo", "files"]);

    let unknown = dir.path().join("unknown");
    write_pack(
        &unknown,
        "name = \"Demo\"\ntours = [\n  \"demo\",\n  \"nope\",\n]\n",
    );
    let problems = match pack::import_pack(&unknown).unwrap_err() {
        passerelle_core::CoreError::Workshop(WorkshopError::PackInvalid { problems, .. }) => {
            problems
        }
        other => panic!("{other}"),
    };
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(
        problems[0].starts_with("workshop.toml:4: tour `nope`"),
        "{problems:?}"
    );

    let syntax = dir.path().join("syntax");
    write_pack(&syntax, "name = \"Demo\"\ntours = [\"demo\"\ncolour = 3\n");
    let problems = match pack::import_pack(&syntax).unwrap_err() {
        passerelle_core::CoreError::Workshop(WorkshopError::PackInvalid { problems, .. }) => {
            problems
        }
        other => panic!("{other}"),
    };
    assert!(problems[0].starts_with("workshop.toml:3:"), "{problems:?}");

    // A tour pack without workshop.toml is not a workshop pack.
    let plain = dir.path().join("plain");
    write_pack(&plain, "");
    std::fs::remove_file(plain.join("workshop.toml")).unwrap();
    assert_eq!(
        pack::import_pack(&plain).unwrap_err().code(),
        "workshop-pack-invalid"
    );

    // A zip entry escaping the pack refuses it whole (the tour pack reader's rule).
    let evil = dir.path().join("evil.zip");
    {
        use std::io::Write;
        let mut zip = zip::ZipWriter::new(std::fs::File::create(&evil).unwrap());
        let options = zip::write::SimpleFileOptions::default();
        zip.start_file("pack.toml", options).unwrap();
        zip.write_all(b"id = \"x\"\nversion = 1\nname = \"x\"\n")
            .unwrap();
        zip.start_file("../../outside.txt", options).unwrap();
        zip.write_all(b"x").unwrap();
        zip.finish().unwrap();
    }
    assert_eq!(
        pack::import_pack(&evil).unwrap_err().code(),
        "tour-pack-unsafe"
    );

    // A zip bomb: 40 MB of zeros in a few kilobytes is refused before it is inflated whole.
    let bomb = dir.path().join("bomb.zip");
    {
        use std::io::Write;
        let mut zip = zip::ZipWriter::new(std::fs::File::create(&bomb).unwrap());
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        zip.start_file("pack.toml", options).unwrap();
        zip.write_all(b"id = \"x\"\nversion = 1\nname = \"x\"\n")
            .unwrap();
        zip.start_file("tours/demo/pictures/zeros.png", options)
            .unwrap();
        let chunk = vec![0u8; 1024 * 1024];
        for _ in 0..40 {
            zip.write_all(&chunk).unwrap();
        }
        zip.finish().unwrap();
    }
    assert!(std::fs::metadata(&bomb).unwrap().len() < 200 * 1024);
    assert_eq!(
        pack::import_pack(&bomb).unwrap_err().code(),
        "tour-pack-unsafe"
    );

    // A broken tour inside the pack: the problem names its file and line.
    let broken = dir.path().join("broken-tour");
    write_pack(&broken, "name = \"Demo\"\ntours = [\"demo\"]\n");
    let toml = broken.join("tours/demo/tour.toml");
    let text = std::fs::read_to_string(&toml).unwrap();
    std::fs::write(
        &toml,
        text.replace("kind = \"explain\"", "kind = \"explian\""),
    )
    .unwrap();
    let problems = match pack::import_pack(&broken).unwrap_err() {
        passerelle_core::CoreError::Workshop(WorkshopError::PackInvalid { problems, .. }) => {
            problems
        }
        other => panic!("{other}"),
    };
    assert!(
        problems
            .iter()
            .any(|p| p.contains("tours/demo/tour.toml:11:")),
        "{problems:?}"
    );
    assert!(!dir.path().join("outside.txt").exists());
}

/// A laptop with profiles and progress; steps first seen `minutes_ago`.
fn laptop(steps: &[(&str, &str, &str, StepState, i64, bool)]) -> (tempfile::TempDir, Store) {
    let (dir, store) = store();
    for (who, tour, step, state, minutes_ago, current) in steps {
        let profile = match store
            .profiles()
            .unwrap()
            .into_iter()
            .find(|p| p.name == *who)
        {
            Some(p) => p.id,
            None => store.create_profile(who).unwrap().id,
        };
        let key = passerelle_core::tours::ProgressKey {
            profile_id: profile,
            account_id: None,
            tour_id: tour,
        };
        store
            .record_step(key, step, *state, None, *current)
            .unwrap();
        let at = time::OffsetDateTime::now_utc() - time::Duration::minutes(*minutes_ago);
        let at = at
            .format(&time::format_description::well_known::Rfc3339)
            .unwrap();
        let conn = rusqlite::Connection::open(store.path()).unwrap();
        conn.execute(
            "UPDATE tour_progress SET first_seen_at = ?1 WHERE profile_id = ?2 AND step_id = ?3",
            rusqlite::params![at, profile, step],
        )
        .unwrap();
    }
    (dir, store)
}

#[test]
fn progress_from_several_laptops_merges_into_one_table() {
    use StepState::{Done, Seen, Skipped};
    let (_a_dir, a) = laptop(&[
        ("Camille", "files", "welcome", Done, 30, false),
        ("Camille", "files", "upload", Seen, 25, true),
        ("Dominique", "files", "welcome", Seen, 20, true),
    ]);
    let (_b_dir, b) = laptop(&[
        ("camille", "files", "upload", Done, 5, false),
        ("Eve", "files", "welcome", Skipped, 3, false),
        ("Eve", "files", "upload", Seen, 2, true),
    ]);
    let dir = tempfile::tempdir().unwrap();
    let mut files = Vec::new();
    for (store, name) in [(&a, "poste-1"), (&b, "poste-2")] {
        let exported = progress::export_progress(store, name).unwrap();
        let file = dir.path().join(format!("{name}.json"));
        std::fs::write(&file, serde_json::to_vec(&exported).unwrap()).unwrap();
        files.push(file);
    }
    let a_file = progress::read_progress_file(&files[0]).unwrap();
    let camille = a_file
        .participants
        .iter()
        .find(|p| p.participant == "Camille")
        .unwrap();
    assert_eq!(camille.participant, "Camille");
    let upload = camille.steps.iter().find(|s| s.step == "upload").unwrap();
    assert_eq!(
        upload.state,
        ParticipantStep::Struggling,
        "current for 25 minutes"
    );

    let (_t_dir, trainer) = store();
    for f in &files {
        progress::import_progress(&trainer, &progress::read_progress_file(f).unwrap()).unwrap();
    }
    // Importing the same file again changes nothing.
    let again =
        progress::import_progress(&trainer, &progress::read_progress_file(&files[0]).unwrap())
            .unwrap();
    assert_eq!(again.steps_updated, 0);
    let table: Vec<(String, String, ParticipantStep, String)> = progress::progress_table(&trainer)
        .unwrap()
        .into_iter()
        .map(|c| (c.participant, c.step, c.state, c.laptop))
        .collect();
    let row = |p: &str, s: &str, st, l: &str| (p.to_owned(), s.to_owned(), st, l.to_owned());
    assert_eq!(
        table,
        [
            row("Camille", "upload", ParticipantStep::Done, "poste-2"),
            row("Camille", "welcome", ParticipantStep::Done, "poste-1"),
            row(
                "Dominique",
                "welcome",
                ParticipantStep::Struggling,
                "poste-1"
            ),
            row("Eve", "upload", ParticipantStep::Seen, "poste-2"),
            row("Eve", "welcome", ParticipantStep::Skipped, "poste-2"),
        ]
    );
    let csv = progress::table_csv(&progress::progress_table(&trainer).unwrap());
    // RFC 4180 line ends (CRLF) since the one CSV writer (`export::CsvWriter`).
    assert!(csv.starts_with("participant,tour,step,state,laptop,updated_at\r\n"));
    assert!(
        csv.contains("\nDominique,files,welcome,struggling,poste-1,"),
        "{csv}"
    );

    let broken = dir.path().join("broken.json");
    std::fs::write(
        &broken,
        b"{\"format\": \"passerelle-workshop-progress\",\n\"version\": 1,\n}",
    )
    .unwrap();
    let err = progress::read_progress_file(&broken).unwrap_err();
    assert_eq!(err.code(), "workshop-progress-invalid");
}

#[test]
fn reset_leaves_nothing_of_the_participants() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&DataPaths::at(dir.path())).unwrap();
    let secrets = Secrets::session_only();
    let mut keys = Vec::new();
    for name in ["Zéphyrine-Participante", "Ulysse-Participant"] {
        let profile = store.create_profile(name).unwrap().id;
        let user = name.to_lowercase();
        let account = store
            .upsert_account(&NewAccount {
                profile_id: profile,
                server_url: "https://asso.example.org",
                user_id: &user,
                login_name: &user,
                display_name: Some(name),
                secret_storage: SecretStorage::Session,
            })
            .unwrap();
        let key = account.secret_key();
        secrets
            .store(
                &key,
                &Secret::from("app-password-xyz".to_owned()),
                SecretStorage::Session,
            )
            .unwrap();
        keys.push(key);
        let progress_key = passerelle_core::tours::ProgressKey {
            profile_id: profile,
            account_id: Some(account.id),
            tour_id: "files",
        };
        store
            .record_step(
                progress_key,
                "welcome",
                StepState::Done,
                Some("proof-9f3a-uploaded"),
                true,
            )
            .unwrap();
        store.set_tour_hidden(profile, "admins", true).unwrap();
    }
    let web = dir.path().join("webview");
    std::fs::create_dir_all(web.join("Cookies/sub")).unwrap();
    std::fs::write(web.join("Cookies/sub/session"), b"cookie").unwrap();
    std::fs::write(web.join("localstorage.sqlite"), b"data").unwrap();

    // A stale confirmation (one profile missing) changes nothing.
    let err =
        reset_laptop(&store, &secrets, Some(&web), &["Ulysse-Participant".into()]).unwrap_err();
    assert_eq!(err.code(), "workshop-not-confirmed");
    assert_eq!(store.profiles().unwrap().len(), 2);
    assert!(secrets.get(&keys[0], SecretStorage::Session).is_ok());

    let confirmed = vec![
        "zéphyrine-participante".to_owned(),
        "Ulysse-Participant".to_owned(),
    ];
    let report = reset_laptop(&store, &secrets, Some(&web), &confirmed).unwrap();
    assert_eq!(report.profiles.len(), 2);
    assert_eq!(report.accounts, 2);
    assert_eq!(report.secrets, 2);
    assert_eq!(report.web_session_entries, 2);
    assert!(report.rows >= 8, "{report:?}");

    for key in &keys {
        assert_eq!(
            secrets.get(key, SecretStorage::Session).unwrap_err().code(),
            "session-secret-lost"
        );
    }
    assert_eq!(std::fs::read_dir(&web).unwrap().count(), 0);
    drop(store);
    let conn = rusqlite::Connection::open(dir.path().join("passerelle.sqlite3")).unwrap();
    for table in [
        "profiles",
        "accounts",
        "tour_progress",
        "tour_state",
        "tour_hidden",
    ] {
        let n: i64 = conn
            .query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
            .unwrap();
        assert_eq!(n, 0, "{table}");
    }
    drop(conn);
    // Not even in free pages or the write-ahead log.
    for file in std::fs::read_dir(dir.path()).unwrap() {
        let path = file.unwrap().path();
        if path.is_file() {
            let bytes = std::fs::read(&path).unwrap();
            for needle in ["Ulysse-Participant", "ulysse-participant", "proof-9f3a"] {
                assert!(
                    !bytes.windows(needle.len()).any(|w| w == needle.as_bytes()),
                    "{needle} in {}",
                    path.display()
                );
            }
        }
    }
}

#[test]
fn a_guest_profile_is_wiped_and_the_others_stay() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&DataPaths::at(dir.path())).unwrap();
    let secrets = Secrets::session_only();
    let mut keys = Vec::new();
    let mut ids = Vec::new();
    for name in ["Invité-Quentin", "Formatrice"] {
        let profile = store.create_profile(name).unwrap().id;
        let user = format!("user-{profile}");
        let account = store
            .upsert_account(&NewAccount {
                profile_id: profile,
                server_url: "https://asso.example.org",
                user_id: &user,
                login_name: &user,
                display_name: None,
                secret_storage: SecretStorage::Session,
            })
            .unwrap();
        let key = account.secret_key();
        secrets
            .store(
                &key,
                &Secret::from("app-password".to_owned()),
                SecretStorage::Session,
            )
            .unwrap();
        let progress_key = passerelle_core::tours::ProgressKey {
            profile_id: profile,
            account_id: Some(account.id),
            tour_id: "files",
        };
        store
            .record_step(progress_key, "welcome", StepState::Done, None, true)
            .unwrap();
        keys.push(key);
        ids.push(profile);
    }
    let report = wipe_profile(&store, &secrets, ids[0], None).unwrap();
    assert_eq!(report.profiles, ["Invité-Quentin"]);
    assert_eq!((report.accounts, report.secrets), (1, 1));
    assert!(secrets.get(&keys[0], SecretStorage::Session).is_err());
    assert!(secrets.get(&keys[1], SecretStorage::Session).is_ok());
    let left: Vec<String> = store
        .profiles()
        .unwrap()
        .into_iter()
        .map(|p| p.name)
        .collect();
    assert_eq!(left, ["Formatrice"]);
    assert_eq!(store.all_step_records(ids[1]).unwrap().len(), 1);
    let bytes = std::fs::read(store.path()).unwrap();
    let needle = "Invité-Quentin".as_bytes();
    assert!(!bytes.windows(needle.len()).any(|w| w == needle));
    assert_eq!(
        wipe_profile(&store, &secrets, ids[0], None)
            .unwrap_err()
            .code(),
        "profile-not-found"
    );
}

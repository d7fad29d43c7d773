//! Strategy 1 (OwnershipTransfer app) against a double built from the real captures
//! (`shared/nextcloud-captures/ownershiptransfer-*`, Nextcloud 29.0.6 with the app rebuilt from
//! its public source); the cases marked "regression" were checked against the real app on
//! Nextcloud 29.0.6.

#[allow(clippy::duplicate_mod)]
#[path = "../../../passerelle-nextcloud/tests/support/capture.rs"]
mod capture;

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use capture::Capture;
use passerelle_core::handover::{
    self, FollowOptions, ItemState, JobState, OtStatus, OwnershipTransfer, PlanRequest, RunOptions,
    Selection, StrategyKind,
};
use passerelle_core::{DataPaths, Store};
use passerelle_nextcloud::{CancellationToken, Client, OwnershipTransferApi};
use wiremock::matchers::{body_partial_json, method, path, query_param};
use wiremock::{Mock, MockServer, Request, Respond, ResponseTemplate};

use super::{en, nc_member};

fn api(base: &str) -> OwnershipTransferApi {
    OwnershipTransferApi::new(
        Client::builder(base)
            .credentials("admin", "pw")
            .build()
            .unwrap(),
    )
}

const OT: &str = "/ocs/v2.php/apps/ownershiptransfer";

async fn replay(server: &MockServer, name: &str, user: Option<&str>) {
    let c = Capture::load(name, &server.uri());
    let mut m = c.mock();
    if let Some(u) = user {
        m = m.and(query_param("userId", u));
    }
    m.respond_with(c.response()).mount(server).await;
}

fn request(base: &str, selection: Selection) -> PlanRequest {
    PlanRequest {
        source: nc_member("carol", "Carol", base),
        target: nc_member("bob", "Bob", base),
        selection,
        destination: None,
        strategy: Some(StrategyKind::OwnershipTransfer),
        today: time::macros::date!(2026 - 11 - 21),
    }
}

#[tokio::test]
async fn non_admin_gets_403_and_the_strategy_is_not_available_with_the_reason() {
    let server = MockServer::start().await;
    replay(
        &server,
        "ownershiptransfer-calendarlist-non-admin-403",
        None,
    )
    .await;
    let status = handover::detect(&api(&server.uri())).await;
    assert_eq!(status, OtStatus::NotAdmin);
    let ctx = handover::StrategyContext {
        ownership_transfer: status,
        ..Default::default()
    };
    let option = handover::strategy::availability(StrategyKind::OwnershipTransfer, &ctx);
    assert!(!option.available);
    assert_eq!(option.reason, "handover-why-ot-not-admin");
    let e = api(&server.uri()).calendar_list("carol").await.unwrap_err();
    assert_eq!(e.code(), "forbidden");
}

#[tokio::test]
async fn calendars_and_books_move_one_by_one_skipping_shares_and_unknown_is_reported() {
    let server = MockServer::start().await;
    let base = server.uri();
    replay(
        &server,
        "ownershiptransfer-calendarlist-carol",
        Some("admin"),
    )
    .await;
    replay(
        &server,
        "ownershiptransfer-calendarlist-carol",
        Some("carol"),
    )
    .await;
    replay(
        &server,
        "ownershiptransfer-addressbookslist-carol",
        Some("carol"),
    )
    .await;
    // bob before, then after each move (the captured answers, in order).
    let cal_before = Capture::load("ownershiptransfer-calendarlist-bob-before", &base);
    let cal_after = Capture::load("ownershiptransfer-calendarlist-bob-after", &base);
    let book_after = Capture::load("ownershiptransfer-addressbookslist-bob-after", &base);
    cal_before
        .mock()
        .and(query_param("userId", "bob"))
        .respond_with(cal_before.response())
        // asso-cal (refused) then ot-cal look before moving.
        .up_to_n_times(2)
        .mount(&server)
        .await;
    cal_after
        .mock()
        .and(query_param("userId", "bob"))
        .respond_with(cal_after.response())
        .mount(&server)
        .await;
    let book_before = br#"{"ocs":{"meta":{"status":"ok","statuscode":200,"message":"OK"},"data":[{"uri":"contacts","displayName":"Contacts","cardsCount":0,"shared":false,"receivedShare":false}]}}"#;
    Mock::given(method("GET"))
        .and(path(format!("{OT}/addressbookslist")))
        .and(query_param("userId", "bob"))
        .respond_with(ResponseTemplate::new(200).set_body_bytes(book_before.to_vec()))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    book_after
        .mock()
        .and(query_param("userId", "bob"))
        .respond_with(book_after.response())
        .mount(&server)
        .await;
    let ok = Capture::load("ownershiptransfer-calendar-transfer-200", &base);
    ok.mock()
        .and(body_partial_json(
            serde_json::json!({"calendarUri": "ot-cal"}),
        ))
        .respond_with(ok.response())
        .expect(1)
        .mount(&server)
        .await;
    let missing = Capture::load("ownershiptransfer-calendar-missing-uri-500", &base);
    missing
        .mock()
        .and(body_partial_json(
            serde_json::json!({"calendarUri": "asso-cal"}),
        ))
        .respond_with(missing.response())
        .mount(&server)
        .await;
    let okb = Capture::load("ownershiptransfer-contacts-transfer-200", &base);
    okb.mock()
        .and(body_partial_json(
            serde_json::json!({"addressBookUri": "ot-contacts"}),
        ))
        .respond_with(okb.response())
        .expect(1)
        .mount(&server)
        .await;
    // Never "all", never a received share, never the birthday calendar.
    for bad in ["", "ot-alice-book_shared_by_alice", "contact_birthdays"] {
        for route in ["calendar", "contacts"] {
            let key = if route == "calendar" {
                "calendarUri"
            } else {
                "addressBookUri"
            };
            Mock::given(method("PUT"))
                .and(path(format!("{OT}/{route}")))
                .and(body_partial_json(serde_json::json!({ key: bad })))
                .respond_with(ResponseTemplate::new(500))
                .expect(0)
                .mount(&server)
                .await;
        }
    }
    let selection = Selection {
        calendars: vec!["ot-cal".into(), "asso-cal".into()],
        address_books: vec!["ot-contacts".into(), "ot-alice-book_shared_by_alice".into()],
        ..Default::default()
    };
    let req = request(&base, selection);
    let ot = api(&base);
    let plan = handover::plan_ownership(&req, &ot).await.unwrap();
    assert!(plan.strategy.moves_data);
    assert!(plan.notes.iter().any(|n| n == "handover-note-ot-moves"));
    assert!(
        plan.excluded.iter().any(
            |e| e.source == "ot-alice-book_shared_by_alice" && e.reason == "shared-with-member"
        )
    );
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&DataPaths::at(dir.path())).unwrap();
    let job = handover::create_job(&store, &plan).unwrap();
    let strategy = OwnershipTransfer::new(ot.clone(), &req.source, &req.target);
    let outcome = handover::run_ownership(
        &store,
        job,
        &strategy,
        &RunOptions::default(),
        &CancellationToken::new(),
        &mut |_| {},
    )
    .await
    .unwrap();
    assert_eq!(outcome.state, JobState::Incomplete);
    let items = handover::items(&store, job).unwrap();
    let get = |s: &str| items.iter().find(|i| i.source == s).unwrap();
    assert_eq!(get("ot-cal").state, ItemState::Verified);
    assert_eq!(
        get("ot-cal").detail.as_deref(),
        Some("ot-cal-carol-20261121063705")
    );
    assert_eq!(get("ot-contacts").state, ItemState::Verified);
    assert_eq!(get("asso-cal").state, ItemState::Failed);
    assert_eq!(get("asso-cal").reason.as_deref(), Some("transfer-refused"));
    assert!(
        get("asso-cal")
            .detail
            .as_deref()
            .unwrap()
            .contains("Calendar not found")
    );
    assert_eq!(
        get("ot-alice-book_shared_by_alice").state,
        ItemState::Skipped
    );
}

#[tokio::test]
async fn refuses_transfer_all() {
    let server = MockServer::start().await;
    let e = api(&server.uri())
        .transfer_calendar("carol", "bob", "")
        .await
        .unwrap_err();
    assert_eq!(e.code(), "rejected");
    assert!(server.received_requests().await.unwrap().is_empty());
}

#[tokio::test]
async fn files_follow_the_job_and_cron_not_running_is_a_clear_outcome() {
    let server = MockServer::start().await;
    let base = server.uri();
    replay(
        &server,
        "ownershiptransfer-calendarlist-carol",
        Some("admin"),
    )
    .await;
    replay(&server, "ownershiptransfer-nodelist-carol", Some("carol")).await;
    replay(
        &server,
        "ownershiptransfer-nodelist-dir-carol",
        Some("carol"),
    )
    .await;
    replay(
        &server,
        "ownershiptransfer-nodelist-subdir-carol",
        Some("carol"),
    )
    .await;
    let bob_root = br#"{"ocs":{"meta":{"status":"ok","statuscode":200,"message":"OK"},"data":[]}}"#;
    Mock::given(method("GET"))
        .and(path(format!("{OT}/nodelist")))
        .and(query_param("userId", "bob"))
        .respond_with(ResponseTemplate::new(200).set_body_bytes(bob_root.to_vec()))
        .mount(&server)
        .await;
    let put = Capture::load("ownershiptransfer-files-transfer-200", &base);
    put.mock()
        .and(body_partial_json(serde_json::json!({"path": "/OTProject"})))
        .respond_with(put.response())
        .expect(1)
        .mount(&server)
        .await;
    let selection = Selection {
        files: vec!["/OTProject".into()],
        ..Default::default()
    };
    let req = request(&base, selection);
    let ot = api(&base);
    let plan = handover::plan_ownership(&req, &ot).await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&DataPaths::at(dir.path())).unwrap();
    let job = handover::create_job(&store, &plan).unwrap();
    let mut strategy = OwnershipTransfer::new(ot, &req.source, &req.target);
    strategy.follow = FollowOptions {
        poll_interval: Duration::from_millis(10),
        max_wait: Duration::from_millis(60),
    };
    let started = std::time::Instant::now();
    handover::run_ownership(
        &store,
        job,
        &strategy,
        &RunOptions::default(),
        &CancellationToken::new(),
        &mut |_| {},
    )
    .await
    .unwrap();
    assert!(started.elapsed() < Duration::from_secs(5));
    let items = handover::items(&store, job).unwrap();
    let p = items.iter().find(|i| i.source == "/OTProject").unwrap();
    assert_eq!(p.state, ItemState::Failed);
    assert_eq!(p.reason.as_deref(), Some("background-jobs-not-running"));
}

/// Issue #16 (2): after a restart, the departing member's access (kept until Passerelle closed)
/// is gone. The access step used to fail with `session-secret-lost` alone; now it names the
/// account to reconnect and still offers the OwnershipTransfer app, which needs only the admin.
/// The admin's check replays `ownershiptransfer-calendarlist-carol` (the app answers).
#[tokio::test]
async fn a_lost_member_session_leaves_the_admin_route_open_and_names_the_account() {
    use passerelle_core::handover::{AccessSide, SidesRequest, sessions_for};
    use passerelle_core::secrets::{Secret, SecretStorage, Secrets};
    use passerelle_core::store::NewAccount;

    let server = MockServer::start().await;
    replay(&server, "ownershiptransfer-calendarlist-carol", None).await;
    let url = server.uri();
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&DataPaths::at(dir.path())).unwrap();
    let profile = store.create_profile("Camille").unwrap().id;
    let account = |user: &str, name: &str| {
        store
            .upsert_account(&NewAccount {
                profile_id: profile,
                server_url: &url,
                user_id: user,
                login_name: user,
                display_name: Some(name),
                secret_storage: SecretStorage::Session,
            })
            .unwrap()
    };
    let admin = account("admin", "Admin");
    let alice = account("alice", "Alice");
    // This process holds the admin's app password (reconnected after the restart), not Alice's.
    let secrets = Secrets::session_only();
    secrets
        .store(
            &admin.secret_key(),
            &Secret::from("admin-app-password".to_owned()),
            SecretStorage::Session,
        )
        .unwrap();
    let sides = SidesRequest {
        profile_id: profile,
        acting_account_id: admin.id,
        source_user_id: "alice".to_owned(),
        source_name: Some("Alice".to_owned()),
        target_user_id: Some("bob".to_owned()),
        target_name: Some("Bob".to_owned()),
        target_account_id: None,
    };
    let sessions = sessions_for(&store, &secrets, &sides).expect("no dead end");
    assert!(sessions.source_client.is_none());
    assert_eq!(sessions.source.account_id, Some(alice.id));
    let access = sessions.access().await;
    assert_eq!(access.chosen, Some(StrategyKind::OwnershipTransfer));
    assert!(access.todo.is_empty(), "{:?}", access.todo);
    assert_eq!(access.lost.len(), 1);
    let lost = &access.lost[0];
    assert_eq!(
        (lost.side, lost.account_id, lost.user_id.as_str()),
        (AccessSide::Source, alice.id, "alice")
    );
    assert_eq!(lost.display_name.as_deref(), Some("Alice"));
    assert_eq!(lost.code, "session-secret-lost");
}

/// Answers `before` until the files transfer was queued, then `after` (the background job moved
/// the files): what the app's `nodelist` shows on each side around a transfer.
struct AroundTransfer {
    queued: Arc<AtomicBool>,
    before: ResponseTemplate,
    after: ResponseTemplate,
}

impl Respond for AroundTransfer {
    fn respond(&self, _: &Request) -> ResponseTemplate {
        if self.queued.load(Ordering::SeqCst) {
            self.after.clone()
        } else {
            self.before.clone()
        }
    }
}

/// Records that the files transfer was queued, and answers as the app does.
struct Queue {
    queued: Arc<AtomicBool>,
    answer: ResponseTemplate,
}

impl Respond for Queue {
    fn respond(&self, _: &Request) -> ResponseTemplate {
        self.queued.store(true, Ordering::SeqCst);
        self.answer.clone()
    }
}

fn ocs_list(data: serde_json::Value) -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_json(serde_json::json!({
        "ocs": {"meta": {"status": "ok", "statuscode": 200, "message": "OK"}, "data": data}
    }))
}

/// Regression (issue #13, section 3.1): a recipient who never signed in has no home yet, and the
/// app's `nodelist` of their root answers 500 "Folder does not exist" (checked on the real
/// Nextcloud 29.0.6: same answer as the captured `ownershiptransfer-nodelist-missing-dir-500`,
/// replayed here). Passerelle used to fail every file with "the server had a problem" without
/// ever queueing the transfer, and to offer a resume that failed the same way forever. The
/// transfer itself works (its background job creates the home): it is now queued and followed.
#[tokio::test]
async fn regression_files_reach_a_recipient_who_never_signed_in() {
    let server = MockServer::start().await;
    let base = server.uri();
    replay(
        &server,
        "ownershiptransfer-calendarlist-carol",
        Some("admin"),
    )
    .await;
    let queued = Arc::new(AtomicBool::new(false));
    // Carol's root as captured; once moved, /OTProject is no longer in it.
    let carol = Capture::load("ownershiptransfer-nodelist-carol", &base);
    let mut carol_after: serde_json::Value = serde_json::from_slice(&carol.body).unwrap();
    carol_after["ocs"]["data"]
        .as_array_mut()
        .unwrap()
        .retain(|n| n["path"] != "/OTProject");
    carol
        .mock()
        .and(query_param("userId", "carol"))
        .respond_with(AroundTransfer {
            queued: queued.clone(),
            before: carol.response(),
            after: ResponseTemplate::new(200).set_body_json(carol_after),
        })
        .mount(&server)
        .await;
    // The plan walks /OTProject (captured listings of it and of its subfolder).
    replay(
        &server,
        "ownershiptransfer-nodelist-dir-carol",
        Some("carol"),
    )
    .await;
    replay(
        &server,
        "ownershiptransfer-nodelist-subdir-carol",
        Some("carol"),
    )
    .await;
    // Bob's root: no home before the transfer, then the app's dated folder.
    let landed = "/transferred from Carol on 2026-11-21 06-40-00";
    let no_home = Capture::load("ownershiptransfer-nodelist-missing-dir-500", &base);
    Mock::given(method("GET"))
        .and(path(format!("{OT}/nodelist")))
        .and(query_param("userId", "bob"))
        .respond_with(AroundTransfer {
            queued: queued.clone(),
            before: no_home.response(),
            after: ocs_list(serde_json::json!([{
                "id": 501, "nodeName": &landed[1..], "path": landed, "size": 47,
                "mtime": 1795243300, "type": "dir", "owner": "bob"
            }])),
        })
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path(format!(
            "{OT}/nodelist/transferred%20from%20Carol%20on%202026-11-21%2006-40-00"
        )))
        .and(query_param("userId", "bob"))
        .respond_with(ocs_list(serde_json::json!([{
            "id": 502, "nodeName": "OTProject", "path": format!("{landed}/OTProject"),
            "size": 47, "mtime": 1795243005, "type": "dir", "owner": "bob"
        }])))
        .mount(&server)
        .await;
    // What landed, walked to check every file: /OTProject as the captures show it.
    let dated = "transferred%20from%20Carol%20on%202026-11-21%2006-40-00";
    Mock::given(method("GET"))
        .and(path(format!("{OT}/nodelist/{dated}/OTProject")))
        .and(query_param("userId", "bob"))
        .respond_with(ocs_list(serde_json::json!([
            {"id": 503, "nodeName": "sub", "path": format!("{landed}/OTProject/sub"),
             "size": 14, "mtime": 1795243005, "type": "dir", "owner": "bob"},
            {"id": 504, "nodeName": "a.txt", "path": format!("{landed}/OTProject/a.txt"),
             "size": 26, "mtime": 1795243005, "type": "file", "owner": "bob"},
            {"id": 505, "nodeName": "b.txt", "path": format!("{landed}/OTProject/b.txt"),
             "size": 7, "mtime": 1795243005, "type": "file", "owner": "bob"},
        ])))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path(format!("{OT}/nodelist/{dated}/OTProject/sub")))
        .and(query_param("userId", "bob"))
        .respond_with(ocs_list(serde_json::json!([
            {"id": 506, "nodeName": "c.txt", "path": format!("{landed}/OTProject/sub/c.txt"),
             "size": 14, "mtime": 1795243005, "type": "file", "owner": "bob"},
        ])))
        .mount(&server)
        .await;
    let put = Capture::load("ownershiptransfer-files-transfer-200", &base);
    put.mock()
        .and(body_partial_json(serde_json::json!({"path": "/OTProject"})))
        .respond_with(Queue {
            queued: queued.clone(),
            answer: put.response(),
        })
        .expect(1)
        .mount(&server)
        .await;
    let req = request(
        &base,
        Selection {
            files: vec!["/OTProject".into()],
            ..Default::default()
        },
    );
    let ot = api(&base);
    let plan = handover::plan_ownership(&req, &ot).await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&DataPaths::at(dir.path())).unwrap();
    let job = handover::create_job(&store, &plan).unwrap();
    let mut strategy = OwnershipTransfer::new(ot, &req.source, &req.target);
    strategy.follow = FollowOptions {
        poll_interval: Duration::from_millis(10),
        max_wait: Duration::from_secs(10),
    };
    let outcome = handover::run_ownership(
        &store,
        job,
        &strategy,
        &RunOptions::default(),
        &CancellationToken::new(),
        &mut |_| {},
    )
    .await
    .unwrap();
    let items = handover::items(&store, job).unwrap();
    assert_eq!(outcome.state, JobState::Verified, "{items:?}");
    let p = items.iter().find(|i| i.source == "/OTProject").unwrap();
    assert_eq!(p.state, ItemState::Verified);
    // The report says where the server put it, and every file below was found there.
    assert_eq!(p.target, format!("{landed}/OTProject"));
    let c = items
        .iter()
        .find(|i| i.source == "/OTProject/sub/c.txt")
        .unwrap();
    assert_eq!(c.state, ItemState::Verified);
    assert_eq!(c.target, format!("{landed}/OTProject/sub/c.txt"));
    assert_eq!(plan.totals.files, 3, "{:?}", plan.totals);
}

/// Regression (issue #13, section 3.2): a failure no resume can cure — the app's 500 "Calendar
/// not found" (captured `ownershiptransfer-calendar-missing-uri-500`) — leaves a job that is not
/// offered as "resume", with what to do; a real server failure (a 500 the app does not explain:
/// the lab's SQLite "database is locked") keeps it resumable.
#[tokio::test]
async fn regression_only_failures_a_resume_cures_make_a_job_resumable() {
    for (answer, resumable) in [
        (
            Capture::load("ownershiptransfer-calendar-missing-uri-500", "http://x").response(),
            false,
        ),
        (
            ResponseTemplate::new(500).set_body_json(serde_json::json!({"ocs": {
                "meta": {"status": "failure", "statuscode": 500, "message": ""},
                "data": {"message": "An exception occurred while executing a query: SQLSTATE[HY000]: General error: 5 database is locked"}
            }})),
            true,
        ),
    ] {
        let server = MockServer::start().await;
        let base = server.uri();
        for user in ["admin", "carol", "bob"] {
            replay(&server, "ownershiptransfer-calendarlist-carol", Some(user)).await;
        }
        Mock::given(method("PUT"))
            .and(path(format!("{OT}/calendar")))
            .respond_with(answer)
            .mount(&server)
            .await;
        let req = request(
            &base,
            Selection {
                calendars: vec!["asso-cal".into()],
                ..Default::default()
            },
        );
        let ot = api(&base);
        let plan = handover::plan_ownership(&req, &ot).await.unwrap();
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&DataPaths::at(dir.path())).unwrap();
        let job = handover::create_job(&store, &plan).unwrap();
        let strategy = OwnershipTransfer::new(ot, &req.source, &req.target);
        let options = RunOptions {
            retry: passerelle_nextcloud::RetryPolicy {
                base_delay: Duration::from_millis(1),
                ..handover::item_retries()
            },
            ..Default::default()
        };
        let outcome = handover::run_ownership(
            &store,
            job,
            &strategy,
            &options,
            &CancellationToken::new(),
            &mut |_| {},
        )
        .await
        .unwrap();
        assert_eq!(outcome.state, JobState::Incomplete);
        let listed = handover::listings(&store, &handover::Runs::default()).unwrap();
        assert_eq!(listed[0].resumable, resumable, "listing, {resumable}");
        assert_eq!(outcome.resumable, resumable);
        let report = handover::report(&store, job).unwrap();
        assert_eq!(report.job.resumable, resumable);
        let csv = handover::to_csv(&report);
        let html = handover::to_html(&report, &en());
        if resumable {
            assert!(outcome.actions.is_empty());
            assert!(csv.contains("\"will-pass\""), "{csv}");
        } else {
            assert_eq!(outcome.actions.len(), 1);
            assert_eq!(outcome.actions[0].reason, "transfer-refused");
            assert_eq!(outcome.actions[0].todo, "handover-todo-transfer-refused");
            assert_eq!(report.actions, outcome.actions);
            assert!(csv.contains("\"needs-action\""), "{csv}");
            assert!(html.contains(&en().t("handover-todo-transfer-refused")));
            assert!(!html.contains(&en().t("handover-report-incomplete")));
        }
    }
}

/// Regression (issue #13, sections 3.3 and 3.4): the plan through the app showed "0 events" for
/// calendars that hold some (it counted the objects it does not list) and did not say the name
/// the recipient will see. Built from the captured lists (`ownershiptransfer-calendarlist-*`).
#[tokio::test]
async fn regression_the_plan_counts_objects_and_names_what_the_recipient_gets() {
    let server = MockServer::start().await;
    let base = server.uri();
    replay(
        &server,
        "ownershiptransfer-calendarlist-carol",
        Some("admin"),
    )
    .await;
    replay(
        &server,
        "ownershiptransfer-calendarlist-carol",
        Some("carol"),
    )
    .await;
    // An app that does not give a count (no `cardsCount`): unknown, not 0.
    Mock::given(method("GET"))
        .and(path(format!("{OT}/addressbookslist")))
        .and(query_param("userId", "carol"))
        .respond_with(ocs_list(serde_json::json!([
            {"uri": "ot-contacts", "displayName": "Carol project contacts", "shared": false,
             "receivedShare": false}
        ])))
        .mount(&server)
        .await;
    let req = request(
        &base,
        Selection {
            calendars: vec!["ot-cal".into()],
            address_books: vec!["ot-contacts".into()],
            ..Default::default()
        },
    );
    let plan = handover::plan_ownership(&req, &api(&base)).await.unwrap();
    let cal = &plan.calendars[0];
    assert_eq!(cal.object_count, Some(2));
    assert_eq!(plan.totals.calendar_objects, Some(2));
    // The app appends the member's display name and the date (seen on the real server).
    assert_eq!(
        cal.target_name.as_deref(),
        Some("Carol project calendar-Carol-…")
    );
    let book = &plan.address_books[0];
    assert_eq!(book.object_count, None);
    assert_eq!(plan.totals.contacts, None);
    assert_eq!(
        book.target_name.as_deref(),
        Some("Carol project contacts-carol-…")
    );
    assert!(plan.notes.iter().any(|n| n == "handover-note-ot-names"));
}

/// A departing member whose account is disabled: their own session is refused, so a copy or
/// Nextcloud's own transfer cannot work; the plan says so instead of "wrong password" (checked on
/// the real Nextcloud 29.0.6; the admin's answer is the captured `ocs-admin-user-alice` with
/// `enabled` false, as the real server gives it for a disabled account).
#[tokio::test]
async fn regression_a_disabled_member_is_refused_clearly_outside_the_app() {
    let server = MockServer::start().await;
    let base = server.uri();
    let user = Capture::load("ocs-admin-user-alice", &base);
    let body = String::from_utf8(user.body.clone())
        .unwrap()
        .replace("\"enabled\":true", "\"enabled\":false");
    user.mock()
        .respond_with(ResponseTemplate::new(200).set_body_string(body))
        .mount(&server)
        .await;
    let refused = Capture::load("ocs-user-revoked-app-password-401", &base);
    Mock::given(wiremock::matchers::any())
        .respond_with(refused.response())
        .with_priority(10)
        .mount(&server)
        .await;
    let client = |user: &str| {
        Client::builder(&base)
            .credentials(user, "pw")
            .user_id(user.to_owned())
            .build()
            .unwrap()
    };
    let sessions = handover::Sessions {
        source: nc_member("alice", "Alice", &base),
        source_client: Some(client("alice")),
        target: nc_member("bob", "Bob", &base),
        target_client: Some(client("bob")),
        admin: Some(client("admin")),
        lost: Vec::new(),
    };
    let req = PlanRequest {
        source: sessions.source.clone(),
        target: sessions.target.clone(),
        selection: Selection::everything(),
        destination: None,
        strategy: None,
        today: time::macros::date!(2026 - 11 - 21),
    };
    let e = sessions.plan(&req, &en()).await.unwrap_err();
    assert_eq!(e.code(), "handover-member-disabled");
    let access = sessions.access().await;
    assert!(
        access
            .options
            .iter()
            .filter(|o| o.kind != StrategyKind::OwnershipTransfer)
            .all(|o| o.reason == "handover-why-member-disabled")
    );
}

/// Real-server suite (issue #13, OwnershipTransfer): handing over everything asked the app for
/// one transfer per top-level path, and the recipient found one dated folder per path; the plan
/// counted only the top-level entries and never checked the recipient's quota. Everything is now
/// one transfer of the whole home (`path` `/`, checked on Nextcloud 29.0.6 and 32.0.2: one
/// dated folder holding the home as it was), every folder is walked for the counts, and the
/// admin's view of the recipient (`/cloud/users/<id>`, quota) refuses what does not fit.
#[tokio::test]
async fn regression_everything_is_one_transfer_into_one_folder_counted_and_quota_checked() {
    let server = MockServer::start().await;
    let base = server.uri();
    replay(
        &server,
        "ownershiptransfer-calendarlist-carol",
        Some("admin"),
    )
    .await;
    for user in ["carol", "bob"] {
        for list in ["calendarlist", "addressbookslist"] {
            Mock::given(method("GET"))
                .and(path(format!("{OT}/{list}")))
                .and(query_param("userId", user))
                .respond_with(ocs_list(serde_json::json!([])))
                .mount(&server)
                .await;
        }
    }
    let queued = Arc::new(AtomicBool::new(false));
    let node = |path: &str, kind: &str, size: u64, owner: &str| {
        serde_json::json!({"id": 1, "nodeName": path.rsplit('/').next().unwrap(), "path": path,
                           "size": size, "mtime": 1795243005, "type": kind, "owner": owner})
    };
    Mock::given(method("GET"))
        .and(path(format!("{OT}/nodelist")))
        .and(query_param("userId", "carol"))
        .respond_with(AroundTransfer {
            queued: queued.clone(),
            before: ocs_list(serde_json::json!([
                node("/Docs", "dir", 9, "alice"),
                node("/OTProject", "dir", 47, "carol"),
                node("/welcome.txt", "file", 5, "carol"),
            ])),
            // The home moved; the share received stays the member's.
            after: ocs_list(serde_json::json!([node("/Docs", "dir", 9, "alice")])),
        })
        .mount(&server)
        .await;
    replay(
        &server,
        "ownershiptransfer-nodelist-dir-carol",
        Some("carol"),
    )
    .await;
    replay(
        &server,
        "ownershiptransfer-nodelist-subdir-carol",
        Some("carol"),
    )
    .await;
    let landed = "/transferred from Carol on 2026-11-21 06-40-00";
    let dated = "transferred%20from%20Carol%20on%202026-11-21%2006-40-00";
    Mock::given(method("GET"))
        .and(path(format!("{OT}/nodelist")))
        .and(query_param("userId", "bob"))
        .respond_with(AroundTransfer {
            queued: queued.clone(),
            before: ocs_list(serde_json::json!([])),
            after: ocs_list(serde_json::json!([node(landed, "dir", 52, "bob")])),
        })
        .mount(&server)
        .await;
    for (dir, nodes) in [
        (
            dated.to_owned(),
            serde_json::json!([
                node(&format!("{landed}/OTProject"), "dir", 47, "bob"),
                node(&format!("{landed}/welcome.txt"), "file", 5, "bob"),
            ]),
        ),
        (
            format!("{dated}/OTProject"),
            serde_json::json!([
                node(&format!("{landed}/OTProject/sub"), "dir", 14, "bob"),
                node(&format!("{landed}/OTProject/a.txt"), "file", 26, "bob"),
                node(&format!("{landed}/OTProject/b.txt"), "file", 7, "bob"),
            ]),
        ),
        (
            format!("{dated}/OTProject/sub"),
            serde_json::json!([node(
                &format!("{landed}/OTProject/sub/c.txt"),
                "file",
                14,
                "bob"
            )]),
        ),
    ] {
        Mock::given(method("GET"))
            .and(path(format!("{OT}/nodelist/{dir}")))
            .and(query_param("userId", "bob"))
            .respond_with(ocs_list(nodes))
            .mount(&server)
            .await;
    }
    let put = Capture::load("ownershiptransfer-files-transfer-200", &base);
    put.mock()
        .and(body_partial_json(serde_json::json!({"path": "/"})))
        .respond_with(Queue {
            queued: queued.clone(),
            answer: put.response(),
        })
        .expect(1)
        .mount(&server)
        .await;
    // Bob's quota as the provisioning API gives it to an admin: 60 bytes, 10 used.
    let quota = |free: i64| {
        ocs_list(
            serde_json::json!({"id": "bob", "displayname": "Bob", "quota": {
            "free": free, "used": 10, "total": free + 10, "relative": 16.0, "quota": free + 10}}),
        )
    };
    let small = Mock::given(method("GET"))
        .and(path("/ocs/v2.php/cloud/users/bob"))
        .respond_with(quota(40))
        .mount_as_scoped(&server)
        .await;
    let req = request(&base, Selection::everything());
    let ot = api(&base);
    let plan = handover::plan_ownership(&req, &ot).await.unwrap();
    // Every file below the member's own folders, not the share received.
    assert_eq!(
        (plan.totals.files, plan.totals.folders, plan.totals.bytes),
        (4, 3, 52),
        "{:?}",
        plan.totals
    );
    assert_eq!(plan.excluded[0].source, "/Docs");
    assert_eq!(
        plan.quota.fit,
        handover::QuotaFit::DoesNotFit,
        "{:?}",
        plan.quota
    );
    assert_eq!(plan.quota.available, Some(40));
    assert!(
        plan.notes
            .iter()
            .any(|n| n == "handover-note-ot-one-folder")
    );
    assert!(
        plan.notes
            .iter()
            .any(|n| n == "handover-note-ot-calendars-unseen")
    );
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&DataPaths::at(dir.path())).unwrap();
    let e = handover::create_job(&store, &plan).unwrap_err();
    assert_eq!(e.code(), "handover-quota");
    drop(small);

    Mock::given(method("GET"))
        .and(path("/ocs/v2.php/cloud/users/bob"))
        .respond_with(quota(1000))
        .mount(&server)
        .await;
    let plan = handover::plan_ownership(&req, &ot).await.unwrap();
    assert_eq!(plan.quota.fit, handover::QuotaFit::Fits);
    let job = handover::create_job(&store, &plan).unwrap();
    let mut strategy = OwnershipTransfer::new(ot, &req.source, &req.target);
    strategy.follow = FollowOptions {
        poll_interval: Duration::from_millis(10),
        max_wait: Duration::from_secs(10),
    };
    let outcome = handover::run_ownership(
        &store,
        job,
        &strategy,
        &RunOptions::default(),
        &CancellationToken::new(),
        &mut |_| {},
    )
    .await
    .unwrap();
    let items = handover::items(&store, job).unwrap();
    assert_eq!(outcome.state, JobState::Verified, "{items:?}");
    let root = items.iter().find(|i| i.source == "/").unwrap();
    assert_eq!(root.target, landed, "the report names the one folder");
    let c = items
        .iter()
        .find(|i| i.source == "/OTProject/sub/c.txt")
        .unwrap();
    assert_eq!(c.target, format!("{landed}/OTProject/sub/c.txt"));
}

//! Strategy 1 (OwnershipTransfer app) against a double built from the real captures
//! (`shared/nextcloud-captures/ownershiptransfer-*`, Nextcloud 29.0.6 with the app rebuilt from
//! its public source). Unverified against the real app.

#[allow(clippy::duplicate_mod)]
#[path = "../../../passerelle-nextcloud/tests/support/capture.rs"]
mod capture;

use std::time::Duration;

use capture::Capture;
use passerelle_core::handover::{
    self, FollowOptions, ItemState, JobState, MemberSide, OtStatus, OwnershipTransfer, PlanRequest,
    RunOptions, Selection, StrategyKind,
};
use passerelle_core::{DataPaths, Store};
use passerelle_nextcloud::{CancellationToken, Client, OwnershipTransferApi};
use wiremock::matchers::{body_partial_json, method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

fn member(user: &str, name: &str, base: &str) -> MemberSide {
    MemberSide {
        server_url: base.to_owned(),
        user_id: user.to_owned(),
        login: user.to_owned(),
        display_name: Some(name.to_owned()),
        account_id: None,
        files_url: format!("{base}/remote.php/dav/files/{user}/"),
        calendars_url: None,
        contacts_url: None,
        nextcloud: true,
    }
}

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
        source: member("carol", "Carol", base),
        target: member("bob", "Bob", base),
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
    use passerelle_core::secrets::{Secret, SecretKey, SecretStorage, Secrets};
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
            &SecretKey::new(&url, "admin"),
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

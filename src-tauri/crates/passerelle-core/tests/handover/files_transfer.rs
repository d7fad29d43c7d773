//! Strategy 3 (Nextcloud's own ownership transfer) against a double built from the real captures
//! of Nextcloud 29.0.6 (`shared/nextcloud-captures/`): `transfer-1-request-200`,
//! `transfer-2-notifications-bob`, `transfer-4-accept-bob-200`,
//! `transfer-5-propfind-bob-root-after-cron` (and the same listing without its newest
//! "transferred from" folder for "before cron"), `transfer-7-notifications-bob-after`,
//! `transfer-request-bad-path-400` and `webdav-propfind-missing-404`. The listings *inside*
//! the new "transferred from" folder and the member's folder before the move were not
//! captured: they are written here in the shape of `transfer-5` (same props, same file id as
//! the member's folder, as the server keeps file ids). The planning side is in memory.
//!
//! "Cron ran" is played by mounting the after-cron answers with a higher priority.

#[allow(clippy::duplicate_mod, dead_code)]
#[path = "../../../passerelle-nextcloud/tests/support/capture.rs"]
mod capture;

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use capture::Capture;
use passerelle_core::handover::{
    self, FollowOptions, ItemState, JobState, NativeTransfer, PlanRequest, RunOptions, Selection,
    StrategyContext, StrategyKind, TransferState, TransferStep, WithCollectionCopy,
};
use passerelle_core::{DataPaths, Store};
use passerelle_nextcloud::{CancellationToken, Client};
use tokio::sync::Notify;
use wiremock::matchers::{body_string, header, method, path, path_regex};
use wiremock::{Mock, MockServer, Request, Respond, ResponseTemplate};

use super::memory::{event, meta};
use super::{cals, en, files, mem, nc_member, pw_client, quick};

const TRANSFER: &str = "/ocs/v2.php/apps/files/api/v1/transferownership";
const NOTIFICATIONS: &str = "/ocs/v2.php/apps/notifications/api/v2/notifications";
const MEMBER_PATH: &str = "/remote.php/dav/files/alice/Captures/TransferMe";
const BOB_ROOT: &str = "/remote.php/dav/files/bob/";
const LANDED_DIR: &str = "transferred%20from%20Alice%20on%202026-11-21%2006-10-32";
/// The planned destination folder (the selected path goes to `Captures/TransferMe` in it).
const DEST_DIR: &str = "Transferred%20from%20Alice%20on%202026-11-21";
/// The member's folder's file id (kept by the server through the transfer).
const FILE_ID: u64 = 16600;
/// `Basic base64(bob:pw)`: the recipient's session.
const BOB_AUTH: &str = "Basic Ym9iOnB3";

/// One `<d:response>` in the shape of `transfer-5` (Nextcloud 29.0.6).
fn entry(href: &str, dir: bool, size: u64, file_id: u64) -> String {
    let (kind, length) = if dir {
        (
            "<d:resourcetype><d:collection/></d:resourcetype>".to_owned(),
            String::new(),
        )
    } else {
        (
            "<d:resourcetype/>".to_owned(),
            format!("<d:getcontentlength>{size}</d:getcontentlength>"),
        )
    };
    format!(
        "<d:response><d:href>{href}</d:href><d:propstat><d:prop>\
         <d:getlastmodified>Sat, 21 Nov 2026 06:10:33 GMT</d:getlastmodified>\
         <d:getetag>&quot;6b0135d91592f&quot;</d:getetag>{kind}{length}\
         <oc:fileid>{file_id}</oc:fileid><oc:size>{size}</oc:size>\
         <oc:permissions>RGDNVCK</oc:permissions><oc:share-types/><oc:owner-id>bob</oc:owner-id>\
         <oc:owner-display-name>Bob</oc:owner-display-name><nc:has-preview>false</nc:has-preview>\
         <nc:mount-type></nc:mount-type></d:prop><d:status>HTTP/1.1 200 OK</d:status>\
         </d:propstat></d:response>"
    )
}

fn multistatus(entries: &[String]) -> ResponseTemplate {
    let body = format!(
        "<?xml version=\"1.0\"?>\n<d:multistatus xmlns:d=\"DAV:\" xmlns:s=\"http://sabredav.org/ns\" \
         xmlns:oc=\"http://owncloud.org/ns\" xmlns:nc=\"http://nextcloud.org/ns\">{}</d:multistatus>",
        entries.concat()
    );
    ResponseTemplate::new(207)
        .insert_header("content-type", "application/xml; charset=utf-8")
        .set_body_string(body)
}

/// Bob's root before the job ran: `transfer-5` without its newest "transferred from" folder.
fn bob_root_before_cron(base: &str) -> ResponseTemplate {
    let after = Capture::load("transfer-5-propfind-bob-root-after-cron", base);
    let body = String::from_utf8(after.body.clone()).unwrap();
    let newest = body
        .find(&format!("<d:href>{BOB_ROOT}{LANDED_DIR}/"))
        .unwrap();
    let start = body[..newest].rfind("<d:response>").unwrap();
    let end = newest + body[newest..].find("</d:response>").unwrap() + "</d:response>".len();
    let before = format!("{}{}", &body[..start], &body[end..]);
    assert!(!before.contains("06-10-32"));
    ResponseTemplate::new(207)
        .insert_header("content-type", "application/xml; charset=utf-8")
        .set_body_string(before)
}

fn propfind(p: &str) -> wiremock::MockBuilder {
    Mock::given(method("PROPFIND")).and(path(p.to_owned()))
}

/// Everything that answers the same before and after cron: the request (`request`: a capture
/// name), the accept, the landed folder's listings.
async fn double(request: &str) -> MockServer {
    let server = MockServer::start().await;
    let base = server.uri();
    let r = Capture::load(request, &base);
    r.mock()
        .and(header("ocs-apirequest", "true"))
        .respond_with(r.response())
        .mount(&server)
        .await;
    let accept = Capture::load("transfer-4-accept-bob-200", &base);
    accept
        .mock()
        .and(header("authorization", BOB_AUTH))
        .respond_with(accept.response())
        .mount(&server)
        .await;
    // Before cron: the member still has the folder, bob's root has no new folder.
    propfind(MEMBER_PATH)
        .respond_with(multistatus(&[entry(
            &format!("{MEMBER_PATH}/"),
            true,
            16,
            FILE_ID,
        )]))
        .mount(&server)
        .await;
    propfind(BOB_ROOT)
        .respond_with(bob_root_before_cron(&base))
        .mount(&server)
        .await;
    // The incoming transfer, until accepted.
    let incoming = Capture::load("transfer-2-notifications-bob", &base);
    Mock::given(method("GET"))
        .and(path(NOTIFICATIONS))
        .respond_with(incoming.response())
        .mount(&server)
        .await;
    let landed = format!("{BOB_ROOT}{LANDED_DIR}/");
    propfind(&landed)
        .respond_with(multistatus(&[
            entry(&landed, true, 16, 16601),
            entry(&format!("{landed}TransferMe/"), true, 16, FILE_ID),
        ]))
        .mount(&server)
        .await;
    let inside = format!("{landed}TransferMe/");
    propfind(&inside)
        .respond_with(multistatus(&[
            entry(&inside, true, 16, FILE_ID),
            entry(&format!("{inside}a.txt"), false, 10, 16602),
            entry(&format!("{inside}sub/"), true, 6, 16603),
        ]))
        .mount(&server)
        .await;
    let sub = format!("{inside}sub/");
    propfind(&sub)
        .respond_with(multistatus(&[
            entry(&sub, true, 6, 16603),
            entry(&format!("{sub}b.txt"), false, 6, 16604),
        ]))
        .mount(&server)
        .await;
    into_place(&server).await;
    server
}

/// A listing answered before the recipient's MOVE, another after (`None`: 404); or, with
/// `flip`, the MOVE itself.
struct Place {
    moved: Arc<AtomicBool>,
    before: Option<ResponseTemplate>,
    after: Option<ResponseTemplate>,
    flip: bool,
}

impl Respond for Place {
    fn respond(&self, _: &Request) -> ResponseTemplate {
        if self.flip {
            self.moved.store(true, Ordering::SeqCst);
            return ResponseTemplate::new(201);
        }
        let r = if self.moved.load(Ordering::SeqCst) {
            &self.after
        } else {
            &self.before
        };
        r.clone().unwrap_or_else(|| ResponseTemplate::new(404))
    }
}

/// The recipient's side of moving what landed in the server's dated folder into the planned
/// destination: MKCOL of the destination folders, the MOVE of `TransferMe`, the dated folder
/// and the destination as listed before and after it, the DELETE of the emptied dated folder.
async fn into_place(server: &MockServer) {
    let moved = Arc::new(AtomicBool::new(false));
    let place = |before: Option<ResponseTemplate>, after: Option<ResponseTemplate>| Place {
        moved: moved.clone(),
        before,
        after,
        flip: false,
    };
    let re = |p: &str| format!("^{}/?$", regex_escape(p));
    Mock::given(method("MKCOL"))
        .respond_with(ResponseTemplate::new(201))
        .mount(server)
        .await;
    let landed = format!("{BOB_ROOT}{LANDED_DIR}/");
    let from = format!("{landed}TransferMe");
    let to = format!("{BOB_ROOT}{DEST_DIR}/Captures/TransferMe");
    Mock::given(method("MOVE"))
        .and(path_regex(re(&from)))
        .and(header(
            "destination",
            format!("{}{to}", server.uri()).as_str(),
        ))
        .respond_with(Place {
            flip: true,
            ..place(None, None)
        })
        .mount(server)
        .await;
    Mock::given(method("DELETE"))
        .and(path_regex(re(&landed)))
        .respond_with(ResponseTemplate::new(204))
        .mount(server)
        .await;
    let listing = |root: &str| {
        (
            multistatus(&[
                entry(&format!("{root}/"), true, 16, FILE_ID),
                entry(&format!("{root}/a.txt"), false, 10, 16602),
                entry(&format!("{root}/sub/"), true, 6, 16603),
            ]),
            multistatus(&[
                entry(&format!("{root}/sub/"), true, 6, 16603),
                entry(&format!("{root}/sub/b.txt"), false, 6, 16604),
            ]),
        )
    };
    let (moved_in, moved_sub) = listing(&to);
    for (p, before, after) in [
        (
            landed.clone(),
            Some(multistatus(&[
                entry(&landed, true, 16, 16601),
                entry(&format!("{from}/"), true, 16, FILE_ID),
            ])),
            Some(multistatus(&[entry(&landed, true, 0, 16601)])),
        ),
        (from.clone(), Some(listing(&from).0), None),
        (to.clone(), None, Some(moved_in)),
        (format!("{to}/sub"), None, Some(moved_sub)),
    ] {
        propfind_regex(&re(&p))
            .respond_with(place(before, after))
            .with_priority(3)
            .mount(server)
            .await;
    }
}

fn propfind_regex(re: &str) -> wiremock::MockBuilder {
    Mock::given(method("PROPFIND")).and(path_regex(re.to_owned()))
}

/// `p` as a regular expression matching itself.
fn regex_escape(p: &str) -> String {
    p.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '/' | '%' | '_' | '~') {
                c.to_string()
            } else {
                format!("\\{c}")
            }
        })
        .collect()
}

/// The server accepted: bob's notification is processed (`transfer-7`: no action left).
async fn accepted(server: &MockServer) {
    let after = Capture::load("transfer-7-notifications-bob-after", &server.uri());
    Mock::given(method("GET"))
        .and(path(NOTIFICATIONS))
        .respond_with(after.response())
        .with_priority(2)
        .mount(server)
        .await;
}

/// The background job ran: the member's folder is gone, bob's root has the new folder.
async fn cron_ran(server: &MockServer) {
    let base = server.uri();
    let missing = Capture::load("webdav-propfind-missing-404", &base);
    propfind(MEMBER_PATH)
        .respond_with(missing.response())
        .with_priority(1)
        .mount(server)
        .await;
    let after = Capture::load("transfer-5-propfind-bob-root-after-cron", &base);
    propfind(BOB_ROOT)
        .respond_with(after.response())
        .with_priority(1)
        .mount(server)
        .await;
}

/// Plans `/Captures/TransferMe` (a.txt 10 bytes, sub/b.txt 6 bytes), plus `calendars`.
async fn job(store: &Store, base: &str, calendars: &[&str]) -> i64 {
    job_and_sides(store, base, calendars).await.0
}

/// [`job`], with the in-memory sides its calendars come from and go to.
async fn job_and_sides(
    store: &Store,
    base: &str,
    calendars: &[&str],
) -> (i64, super::Mem, super::Mem) {
    let source = mem();
    files(&source)
        .file("/Captures/TransferMe/a.txt", b"0123456789")
        .file("/Captures/TransferMe/sub/b.txt", b"abcdef");
    for uri in calendars {
        cals(&source)
            .collection(meta(uri, "Work"))
            .object(uri, "e1.ics", &event("e1"));
    }
    let target = mem();
    let req = PlanRequest {
        source: nc_member("alice", "Alice", base),
        target: nc_member("bob", "Bob", base),
        selection: Selection {
            files: vec!["/Captures/TransferMe".into()],
            calendars: calendars.iter().map(|c| (*c).to_owned()).collect(),
            ..Selection::default()
        },
        destination: None,
        strategy: None,
        today: time::macros::date!(2026 - 11 - 21),
    };
    // No sharing API here: `auto` falls to Nextcloud's own transfer.
    let known = StrategyContext {
        native_transfer: true,
        ..StrategyContext::default()
    };
    let plan = handover::plan_with_context(&req, &known, &source, &target, &en())
        .await
        .unwrap();
    assert_eq!(plan.strategy.chosen, StrategyKind::NativeTransfer);
    assert_eq!(plan.strategy.reason, "handover-why-native-member-session");
    assert!(plan.strategy.moves_data);
    assert!(plan.notes.iter().any(|n| n == "handover-note-moves-data"));
    // Calendars go by the streamed copy, and the plan says so.
    assert_eq!(
        plan.notes
            .iter()
            .any(|n| n == "handover-note-collections-copied"),
        !calendars.is_empty(),
        "{:?}",
        plan.notes
    );
    (handover::create_job(store, &plan).unwrap(), source, target)
}

fn strategy(base: &str, max_wait: Duration) -> NativeTransfer {
    NativeTransfer::new(&pw_client(base, "alice"), &pw_client(base, "bob"))
        .unwrap()
        .with_follow(FollowOptions {
            poll_interval: Duration::from_millis(10),
            max_wait,
        })
}

fn options() -> RunOptions {
    RunOptions {
        retry: passerelle_nextcloud::RetryPolicy {
            max_retries: 0,
            ..quick().retry
        },
        ..quick()
    }
}

async fn run(store: &Store, job: i64, s: &NativeTransfer) -> handover::RunOutcome {
    handover::run_native(
        store,
        job,
        s,
        &options(),
        &CancellationToken::new(),
        &mut |_| {},
    )
    .await
    .unwrap()
}

/// (method, path) of the transfer requests and accepts, in order.
async fn transfer_calls(server: &MockServer) -> Vec<(String, String)> {
    server
        .received_requests()
        .await
        .unwrap()
        .into_iter()
        .filter(|r| r.method.as_str() == "POST")
        .map(|r| (r.method.to_string(), r.url.path().to_owned()))
        .collect()
}

fn open(dir: &tempfile::TempDir) -> Store {
    Store::open(&DataPaths::at(dir.path())).unwrap()
}

#[tokio::test]
async fn asks_finds_the_id_accepts_follows_until_the_files_appear_and_verifies() {
    let server = double("transfer-1-request-200").await;
    let base = server.uri();
    // Cron runs while Passerelle follows: the move shows on the third look.
    let missing = Capture::load("webdav-propfind-missing-404", &base);
    propfind(MEMBER_PATH)
        .respond_with(missing.response())
        .with_priority(3)
        .mount(&server)
        .await;
    propfind(MEMBER_PATH)
        .respond_with(multistatus(&[entry(
            &format!("{MEMBER_PATH}/"),
            true,
            16,
            FILE_ID,
        )]))
        .up_to_n_times(3)
        .with_priority(1)
        .mount(&server)
        .await;
    let after = Capture::load("transfer-5-propfind-bob-root-after-cron", &base);
    propfind(BOB_ROOT)
        .respond_with(after.response())
        .with_priority(1)
        .mount(&server)
        .await;
    let dir = tempfile::tempdir().unwrap();
    let store = open(&dir);
    let job = job(&store, &base, &[]).await;
    let outcome = run(&store, job, &strategy(&base, Duration::from_secs(10))).await;
    assert_eq!(outcome.failed, 0, "{:?}", handover::items(&store, job));
    assert_eq!(outcome.state, JobState::Verified);

    let calls = transfer_calls(&server).await;
    assert_eq!(
        calls,
        [
            ("POST".to_owned(), TRANSFER.to_owned()),
            ("POST".to_owned(), format!("{TRANSFER}/7")),
        ]
    );
    let requests = server.received_requests().await.unwrap();
    let ask = requests.iter().find(|r| r.url.path() == TRANSFER).unwrap();
    assert_eq!(
        String::from_utf8_lossy(&ask.body),
        "path=%2FCaptures%2FTransferMe&recipient=bob"
    );
    assert_eq!(
        ask.headers.get("authorization").unwrap(),
        "Basic YWxpY2U6cHc=",
        "asked as the member"
    );
    let items = handover::items(&store, job).unwrap();
    assert!(
        items.iter().all(|i| i.state == ItemState::Verified),
        "{items:?}"
    );
    let top = items
        .iter()
        .find(|i| i.source == "/Captures/TransferMe")
        .unwrap();
    // Moved from the server's dated folder into the planned destination folder, the dated
    // folder removed once empty: one folder for the whole hand-over, the one the plan named.
    let landed = "/Transferred from Alice on 2026-11-21/Captures/TransferMe";
    assert_eq!(
        top.transfer,
        TransferState {
            id: Some("7".into()),
            step: TransferStep::Landed,
            file_id: Some(16600),
            landed_at: Some(landed.into()),
        }
    );
    assert_eq!(top.detail.as_deref(), Some(landed));
    let b = items
        .iter()
        .find(|i| i.source == "/Captures/TransferMe/sub/b.txt")
        .unwrap();
    assert_eq!(
        b.detail.as_deref(),
        Some("/Transferred from Alice on 2026-11-21/Captures/TransferMe/sub/b.txt")
    );
    assert_eq!(b.copied_size, Some(6));
    let calls: Vec<(String, String)> = server
        .received_requests()
        .await
        .unwrap()
        .into_iter()
        .filter(|r| matches!(r.method.as_str(), "MKCOL" | "MOVE" | "DELETE"))
        .map(|r| (r.method.to_string(), r.url.path().to_owned()))
        .collect();
    let landed = format!("{BOB_ROOT}{LANDED_DIR}");
    assert_eq!(
        calls,
        [
            ("MKCOL".to_owned(), format!("{BOB_ROOT}{DEST_DIR}/")),
            (
                "MKCOL".to_owned(),
                format!("{BOB_ROOT}{DEST_DIR}/Captures/")
            ),
            ("MOVE".to_owned(), format!("{landed}/TransferMe")),
            ("DELETE".to_owned(), landed),
        ]
    );
}

#[tokio::test]
async fn cron_not_running_fails_with_the_reason_then_resume_completes_without_asking_again() {
    let server = double("transfer-1-request-200").await;
    let base = server.uri();
    let dir = tempfile::tempdir().unwrap();
    let store = open(&dir);
    let job = job(&store, &base, &[]).await;
    let started = std::time::Instant::now();
    let outcome = run(&store, job, &strategy(&base, Duration::from_millis(80))).await;
    assert!(started.elapsed() < Duration::from_secs(5));
    assert_eq!(outcome.state, JobState::Incomplete);
    let items = handover::items(&store, job).unwrap();
    let top = items
        .iter()
        .find(|i| i.source == "/Captures/TransferMe")
        .unwrap();
    assert_eq!(top.state, ItemState::Failed);
    assert_eq!(top.reason.as_deref(), Some("background-jobs-not-running"));
    assert_eq!(top.transfer.step, TransferStep::Accepted);
    assert_eq!(top.transfer.id.as_deref(), Some("7"));
    assert_eq!(top.transfer.file_id, Some(16600));
    let detail = top.detail.as_deref().unwrap();
    assert!(detail.contains("cron"), "{detail}");

    // The server's cron ran later; bob's notification is processed.
    accepted(&server).await;
    cron_ran(&server).await;
    let outcome = run(&store, job, &strategy(&base, Duration::from_millis(80))).await;
    assert_eq!(
        outcome.state,
        JobState::Verified,
        "{:?}",
        handover::items(&store, job)
    );
    assert_eq!(
        transfer_calls(&server).await,
        [
            ("POST".to_owned(), TRANSFER.to_owned()),
            ("POST".to_owned(), format!("{TRANSFER}/7")),
        ],
        "asked and accepted once in all"
    );
}

#[tokio::test]
async fn a_refused_path_is_a_clear_reason_and_calendars_are_copied() {
    let server = double("transfer-request-bad-path-400").await;
    let base = server.uri();
    let dir = tempfile::tempdir().unwrap();
    let store = open(&dir);
    let (job, source, target) = job_and_sides(&store, &base, &["work"]).await;
    // As the engine runs it: the files by the server's transfer, the calendars by the copy.
    let files = strategy(&base, Duration::from_millis(80));
    let outcome = handover::run_native(
        &store,
        job,
        &WithCollectionCopy::new(files, &source, &target),
        &options(),
        &CancellationToken::new(),
        &mut |_| {},
    )
    .await
    .unwrap();
    assert_eq!(outcome.state, JobState::Incomplete);
    let items = handover::items(&store, job).unwrap();
    let top = items
        .iter()
        .find(|i| i.source == "/Captures/TransferMe")
        .unwrap();
    assert_eq!(top.state, ItemState::Failed);
    assert_eq!(top.reason.as_deref(), Some("transfer-refused"));
    let detail = top.detail.as_deref().unwrap();
    assert!(
        detail.contains("refused to transfer /Captures/TransferMe to bob"),
        "{detail}"
    );
    // Never planned and then failed as "files only": copied, the member keeps theirs.
    let cal = items.iter().find(|i| i.source == "work").unwrap();
    assert_eq!(cal.state, ItemState::Verified, "{cal:?}");
    assert_eq!(cals(&target).uids("work"), ["e1"]);
    assert_eq!(cals(&source).uids("work"), ["e1"]);
    // Nothing accepted.
    assert_eq!(
        transfer_calls(&server).await,
        [("POST".to_owned(), TRANSFER.to_owned())]
    );
    let l = en();
    for id in [
        "handover-reason-transfer-refused",
        "handover-reason-files-only-strategy",
        "handover-reason-background-jobs-not-running",
        "handover-why-native-member-session",
        "handover-why-native-needs-sessions",
        "handover-why-native-two-servers",
        "handover-why-native-no-notifications",
    ] {
        assert!(l.has(id), "{id}");
    }
}

/// Answers the transfer request, and says so (the test then kills the run).
struct Asked {
    answer: ResponseTemplate,
    notify: Arc<Notify>,
}

impl Respond for Asked {
    fn respond(&self, _: &Request) -> ResponseTemplate {
        self.notify.notify_one();
        self.answer.clone()
    }
}

#[tokio::test]
async fn a_crash_right_after_asking_resumes_from_the_notification_without_asking_twice() {
    let server = MockServer::start().await;
    let base = server.uri();
    let notify = Arc::new(Notify::new());
    let asked = Capture::load("transfer-1-request-200", &base);
    Mock::given(method("POST"))
        .and(path(TRANSFER))
        .and(body_string("path=%2FCaptures%2FTransferMe&recipient=bob"))
        .respond_with(Asked {
            answer: asked.response(),
            notify: notify.clone(),
        })
        .mount(&server)
        .await;
    propfind(MEMBER_PATH)
        .respond_with(multistatus(&[entry(
            &format!("{MEMBER_PATH}/"),
            true,
            16,
            FILE_ID,
        )]))
        .mount(&server)
        .await;
    Mock::given(method("MKCOL"))
        .respond_with(ResponseTemplate::new(201))
        .mount(&server)
        .await;
    // The process dies while it waits for the notifications.
    Mock::given(method("GET"))
        .and(path(NOTIFICATIONS))
        .respond_with(ResponseTemplate::new(200).set_delay(Duration::from_secs(60)))
        .mount(&server)
        .await;
    let dir = tempfile::tempdir().unwrap();
    let store = open(&dir);
    let job = job(&store, &base, &[]).await;
    let path_ = dir.path().to_owned();
    let base_ = base.clone();
    let task = tokio::spawn(async move {
        let store = Store::open(&DataPaths::at(&path_)).unwrap();
        let s = strategy(&base_, Duration::from_secs(10));
        handover::run_native(
            &store,
            job,
            &s,
            &options(),
            &CancellationToken::new(),
            &mut |_| {},
        )
        .await
    });
    notify.notified().await;
    task.abort();
    assert!(task.await.unwrap_err().is_cancelled());
    let items = handover::items(&store, job).unwrap();
    let top = items
        .iter()
        .find(|i| i.source == "/Captures/TransferMe")
        .unwrap();
    assert_eq!(top.state, ItemState::Planned);
    assert_eq!(
        top.transfer,
        TransferState {
            step: TransferStep::Requested,
            file_id: Some(16600),
            ..TransferState::default()
        }
    );

    // Resume on a healthy server: the id comes from the notification, no second request.
    server.reset().await;
    let again = double("transfer-1-request-200").await;
    let again_base = again.uri();
    accepted_after_first_look(&again).await;
    cron_ran(&again).await;
    let outcome = run(&store, job, &strategy(&again_base, Duration::from_secs(10))).await;
    assert_eq!(
        outcome.state,
        JobState::Verified,
        "{:?}",
        handover::items(&store, job)
    );
    assert_eq!(
        transfer_calls(&again).await,
        [("POST".to_owned(), format!("{TRANSFER}/7"))],
        "accepted, never asked again"
    );
}

/// Bob's incoming transfer is shown once (found), then processed.
async fn accepted_after_first_look(server: &MockServer) {
    let base = server.uri();
    let incoming = Capture::load("transfer-2-notifications-bob", &base);
    Mock::given(method("GET"))
        .and(path(NOTIFICATIONS))
        .respond_with(incoming.response())
        .up_to_n_times(1)
        .with_priority(1)
        .mount(server)
        .await;
    accepted(server).await;
}

/// Against a real Nextcloud (with the notifications app), only when asked:
/// `NC_LAB_URL=http://127.0.0.1:8480 NC_LAB_ALICE=alice:<app password> NC_LAB_BOB=bob:<app
/// password> NC_LAB_CRON='cd …/server && php cron.php' cargo test -p passerelle-core --test tests
/// lab_ -- --ignored`. Creates a folder in the first account, transfers it to the second: first
/// without cron (the item fails with the cron reason), then after running cron twice (the lab's
/// job list needed two runs), resumed.
#[tokio::test]
#[ignore = "needs a real Nextcloud with the notifications app (NC_LAB_* variables)"]
async fn lab_native_transfer_against_a_real_nextcloud() {
    use passerelle_nextcloud::dav::RemotePath;
    use passerelle_nextcloud::dav::files::UploadOptions;

    let var = |k: &str| std::env::var(k).unwrap_or_else(|_| panic!("{k} is not set"));
    let url = var("NC_LAB_URL");
    let account = |k: &str| {
        let v = var(k);
        let (user, secret) = v.split_once(':').unwrap();
        Client::builder(&url)
            .credentials(user, secret)
            .user_id(user.to_owned())
            .build()
            .unwrap()
    };
    let (alice, bob) = (account("NC_LAB_ALICE"), account("NC_LAB_BOB"));
    assert!(
        handover::strategy::files_transfer::detect(&bob).await,
        "no notifications app"
    );
    let stamp = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs();
    let top = format!("/passerelle-native-{stamp}");
    let files = alice.files().unwrap();
    let p = |s: &str| RemotePath::parse(s).unwrap();
    files.create_folder(&p(&top)).await.unwrap();
    files
        .create_folder(&p(&format!("{top}/sub")))
        .await
        .unwrap();
    let put = UploadOptions::default();
    files
        .upload_bytes(&p(&format!("{top}/a.txt")), &b"0123456789"[..], &put)
        .await
        .unwrap();
    files
        .upload_bytes(&p(&format!("{top}/sub/b.txt")), &b"abcdef"[..], &put)
        .await
        .unwrap();
    let source_member = handover::nextcloud_member(&alice, Some("Alice".into())).unwrap();
    let target_member = handover::nextcloud_member(&bob, Some("Bob".into())).unwrap();
    let source = handover::side_for(&alice, &source_member).unwrap();
    let target = handover::side_for(&bob, &target_member).unwrap();
    let req = PlanRequest {
        source: source_member,
        target: target_member,
        selection: Selection {
            files: vec![top.clone()],
            ..Selection::default()
        },
        destination: None,
        strategy: Some(StrategyKind::NativeTransfer),
        today: time::macros::date!(2026 - 11 - 21),
    };
    let known = StrategyContext {
        native_transfer: true,
        ..StrategyContext::default()
    };
    let plan = handover::plan_with_context(&req, &known, &source, &target, &en())
        .await
        .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let store = open(&dir);
    let job = handover::create_job(&store, &plan).unwrap();
    let s = NativeTransfer::new(&alice, &bob)
        .unwrap()
        .with_follow(FollowOptions {
            poll_interval: Duration::from_millis(500),
            max_wait: Duration::from_secs(5),
        });
    let started = std::time::Instant::now();
    let outcome = run(&store, job, &s).await;
    eprintln!("without cron: {outcome:?} in {:?}", started.elapsed());
    let items = handover::items(&store, job).unwrap();
    let item = items.iter().find(|i| i.source == top).unwrap();
    eprintln!("{:?} {:?} {:?}", item.state, item.reason, item.detail);
    assert_eq!(item.reason.as_deref(), Some("background-jobs-not-running"));
    for _ in 0..2 {
        let started = std::time::Instant::now();
        let status = std::process::Command::new("sh")
            .arg("-c")
            .arg(var("NC_LAB_CRON"))
            .status()
            .unwrap();
        assert!(status.success());
        eprintln!("cron: {:?}", started.elapsed());
    }
    let started = std::time::Instant::now();
    let outcome = run(
        &store,
        job,
        &s.with_follow(FollowOptions {
            poll_interval: Duration::from_millis(500),
            max_wait: Duration::from_secs(30),
        }),
    )
    .await;
    eprintln!("resumed: {outcome:?} in {:?}", started.elapsed());
    for i in handover::items(&store, job).unwrap() {
        eprintln!("{} {:?} {:?}", i.source, i.state, i.detail);
    }
    assert_eq!(outcome.state, JobState::Verified);
    let e = files.stat(&p(&top)).await.unwrap_err();
    assert!(e.is_not_found(), "{e}");
    let notes = alice.notifications().await.unwrap();
    for n in notes.iter().filter(|n| n.object_type == "transfer").take(3) {
        eprintln!("alice: {} — {}", n.subject, n.message);
    }
}

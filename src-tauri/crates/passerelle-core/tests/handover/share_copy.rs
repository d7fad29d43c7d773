//! Strategy 2 (server-side copy through a share) against a double built from the real captures
//! (`shared/nextcloud-captures/`: `ocs-share-create-user-share`, `webdav-copy-201`,
//! `webdav-copy-overwrite-f-412`, `ocs-share-delete-group-share`, Nextcloud 29.0.6). The
//! planning side is in memory; the share, COPY and unshare go to the double.

#[allow(clippy::duplicate_mod, dead_code)]
#[path = "../../../passerelle-nextcloud/tests/support/capture.rs"]
mod capture;

use capture::Capture;
use passerelle_core::handover::{
    self, ItemState, JobState, PlanRequest, RunOptions, Selection, ShareCopy, StrategyContext,
    StrategyKind,
};
use passerelle_nextcloud::CancellationToken;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

use super::memory::MemoryCollections;
use super::scan_lag::ScanLag;
use super::{DEST, en, files, mem, nc_member, pw_client, quick, store};

const SHARES: &str = "/ocs/v2.php/apps/files_sharing/api/v1/shares";

/// Share (captured answer: id 6, `file_target` `/ShareWithBob`), MKCOL of the destination,
/// COPY answered by `copy`, unshare (captured OCS 200).
async fn double(copy: ResponseTemplate) -> MockServer {
    let server = MockServer::start().await;
    let base = server.uri();
    let created = Capture::load("ocs-share-create-user-share", &base);
    Mock::given(method("POST"))
        .and(path(SHARES))
        .respond_with(created.response())
        .mount(&server)
        .await;
    let deleted = Capture::load("ocs-share-delete-group-share", &base);
    Mock::given(method("DELETE"))
        .and(path(format!("{SHARES}/6")))
        .respond_with(deleted.response())
        .mount(&server)
        .await;
    Mock::given(method("MKCOL"))
        .respond_with(ResponseTemplate::new(201))
        .mount(&server)
        .await;
    Mock::given(method("COPY"))
        .and(path("/remote.php/dav/files/bob/ShareWithBob"))
        .respond_with(copy)
        .mount(&server)
        .await;
    server
}

/// Plans `/Captures/ShareWithBob` (two files) with the share copy; returns the job.
async fn job(store: &passerelle_core::Store, base: &str) -> i64 {
    let source = mem();
    files(&source)
        .file("/Captures/ShareWithBob/a.txt", b"0123456789")
        .file("/Captures/ShareWithBob/sub/b.txt", b"abcdef");
    let target = mem();
    let req = PlanRequest {
        source: nc_member("alice", "Alice Martin", base),
        target: nc_member("bob", "Bob", base),
        selection: Selection {
            files: vec!["/Captures/ShareWithBob".into()],
            ..Selection::default()
        },
        destination: None,
        strategy: None,
        today: time::macros::date!(2026 - 11 - 21),
    };
    let known = StrategyContext {
        share_api: true,
        ..StrategyContext::default()
    };
    let plan = handover::plan_with_context(&req, &known, &source, &target, &en())
        .await
        .unwrap();
    assert_eq!(plan.strategy.chosen, StrategyKind::ShareCopy);
    assert_eq!(plan.strategy.reason, "handover-why-share-same-server");
    handover::create_job(store, &plan).unwrap()
}

async fn run(store: &passerelle_core::Store, job: i64, base: &str) -> handover::RunOutcome {
    let strategy = ShareCopy::new(&pw_client(base, "alice"), &pw_client(base, "bob")).unwrap();
    let options = RunOptions {
        verify: false,
        retry: passerelle_nextcloud::RetryPolicy {
            max_retries: 0,
            ..quick().retry
        },
        ..quick()
    };
    let none = mem();
    let mut ignore = |_| {};
    handover::run_job(
        store,
        job,
        &strategy,
        &none,
        &options,
        &CancellationToken::new(),
        &mut ignore,
    )
    .await
    .unwrap()
}

/// The share → COPY → unshare requests, in order.
async fn sequence(server: &MockServer) -> Vec<(String, String, Option<String>, String)> {
    server
        .received_requests()
        .await
        .unwrap()
        .into_iter()
        .filter(|r| ["POST", "COPY", "DELETE"].contains(&r.method.as_str()))
        .map(|r| {
            (
                r.method.to_string(),
                r.url.path().to_owned(),
                r.headers
                    .get("destination")
                    .map(|v| v.to_str().unwrap().to_owned()),
                String::from_utf8_lossy(&r.body).into_owned(),
            )
        })
        .collect()
}

#[tokio::test]
async fn shares_read_only_copies_on_the_server_then_unshares() {
    let server = double(Capture::load("webdav-copy-201", "http://x").response()).await;
    let base = server.uri();
    let (_dir, store) = store();
    let job = job(&store, &base).await;
    let outcome = run(&store, job, &base).await;
    assert_eq!(outcome.failed, 0);
    let seq = sequence(&server).await;
    assert_eq!(seq.len(), 3, "{seq:?}");
    assert_eq!(seq[0].0, "POST");
    assert_eq!(seq[0].1, SHARES);
    assert!(
        seq[0].3.contains("path=%2FCaptures%2FShareWithBob"),
        "{}",
        seq[0].3
    );
    assert!(seq[0].3.contains("shareType=0&shareWith=bob&permissions=1"));
    assert_eq!(seq[1].0, "COPY");
    assert_eq!(seq[1].1, "/remote.php/dav/files/bob/ShareWithBob");
    let dest = format!(
        "{base}/remote.php/dav/files/bob{}/Captures/ShareWithBob",
        DEST.replace(' ', "%20")
    );
    assert_eq!(seq[1].2.as_deref(), Some(dest.as_str()));
    assert_eq!(seq[2].0, "DELETE");
    assert_eq!(seq[2].1, format!("{SHARES}/6"));
    let items = handover::items(&store, job).unwrap();
    assert!(
        items.iter().all(|i| i.state == ItemState::Copied),
        "{items:?}"
    );
    assert!(
        items
            .iter()
            .all(|i| handover::strategy::share_copy::leftover_share(i).is_none())
    );
}

#[tokio::test]
async fn a_failed_copy_still_removes_the_share_and_412_means_already_there() {
    let server = double(ResponseTemplate::new(403)).await;
    let base = server.uri();
    let (_dir, store) = store();
    let job = job(&store, &base).await;
    let outcome = run(&store, job, &base).await;
    assert_eq!(outcome.failed, 1);
    assert_eq!(outcome.state, JobState::Incomplete);
    let seq = sequence(&server).await;
    let methods: Vec<&str> = seq.iter().map(|s| s.0.as_str()).collect();
    assert_eq!(methods, ["POST", "COPY", "DELETE"]);
    let items = handover::items(&store, job).unwrap();
    let top = items
        .iter()
        .find(|i| i.source == "/Captures/ShareWithBob")
        .unwrap();
    assert_eq!(top.state, ItemState::Failed);
    assert_eq!(top.reason.as_deref(), Some("forbidden"));
    assert!(handover::strategy::share_copy::leftover_share(top).is_none());

    // Resume once the copy is there: Overwrite F answers 412, recorded, not duplicated.
    let again = double(Capture::load("webdav-copy-overwrite-f-412", "http://x").response()).await;
    let outcome = run(&store, job, &again.uri()).await;
    assert_eq!(outcome.failed, 0);
    let seq = sequence(&again).await;
    let methods: Vec<&str> = seq.iter().map(|s| s.0.as_str()).collect();
    assert_eq!(methods, ["POST", "COPY", "DELETE"]);
    let top = handover::items(&store, job)
        .unwrap()
        .into_iter()
        .find(|i| i.source == "/Captures/ShareWithBob")
        .unwrap();
    assert_eq!(top.state, ItemState::Copied);
    assert_eq!(top.detail.as_deref(), Some("exists-at-destination"));
}

#[tokio::test]
async fn disabling_the_departing_account_needs_confirmation_and_a_verified_job() {
    let server = MockServer::start().await;
    let base = server.uri();
    let ok = br#"{"ocs":{"meta":{"status":"ok","statuscode":200,"message":"OK"},"data":[]}}"#;
    Mock::given(method("PUT"))
        .and(path("/ocs/v2.php/cloud/users/alice/disable"))
        .respond_with(ResponseTemplate::new(200).set_body_bytes(ok.to_vec()))
        .expect(1)
        .mount(&server)
        .await;
    let (_dir, store) = store();
    let job = job(&store, &base).await;
    let admin = pw_client(&base, "admin");
    let e = handover::disable_departing_account(&store, job, &admin, false)
        .await
        .unwrap_err();
    assert_eq!(e.code(), "handover-disable-not-confirmed");
    let e = handover::disable_departing_account(&store, job, &admin, true)
        .await
        .unwrap_err();
    assert_eq!(e.code(), "handover-incomplete");
    // The provisioning call itself (OCS 200 envelope, like the other provisioning answers).
    admin.disable_user("alice").await.unwrap();
}

// ---- Verification after a server-side copy (a double that lags like Nextcloud 29) ----------

type Lagging = handover::Side<ScanLag, MemoryCollections>;

/// `/Projet` copied to the lagging destination (streamed, so that the journal is as after a
/// copy), then the destination made to look as a server-side COPY leaves it.
async fn copied_on_server(store: &passerelle_core::Store) -> (i64, Lagging) {
    let source = mem();
    files(&source)
        .file("/Projet/lisez-moi.txt", b"0123456789")
        .file("/Projet/Admin/budget.ods", &[1u8; 300])
        .file("/Projet/Admin/Compta/2025.pdf", &[2u8; 700])
        .file("/Projet/Admin/Compta/2026.pdf", &[3u8; 70])
        .file("/Projet/Photos/un.jpg", &[4u8; 40])
        .file("/Projet/Photos/2025/deux.jpg", &[5u8; 50])
        .file("/Projet/Photos/2026/trois.jpg", &[6u8; 60])
        .folder("/Projet/Vide");
    let target: Lagging = handover::Side {
        files: Some(ScanLag::default()),
        calendars: Some(MemoryCollections::default()),
        contacts: Some(MemoryCollections::default()),
    };
    let req = super::request(Selection {
        files: vec!["/Projet".into()],
        ..Selection::default()
    });
    let plan = handover::plan(&req, &source, &target, &en()).await.unwrap();
    let job = handover::create_job(store, &plan).unwrap();
    let outcome = super::run(store, job, &source, &target, &quick()).await;
    assert_eq!(outcome.state, JobState::Verified);
    target
        .files
        .as_ref()
        .unwrap()
        .copied_on_server(&format!("{DEST}/Projet"));
    (job, target)
}

/// Regression (a share-copy verification on Nextcloud 29 once reported a whole folder missing
/// that was there): folders the tree listing does not show are listed alone, each after its
/// parent's listing came back, never beside it; what the tree shows is not asked again.
#[tokio::test]
async fn a_server_side_copy_is_verified_parents_first_and_without_the_scan_race() {
    let (_dir, store) = store();
    let (job, target) = copied_on_server(&store).await;
    let lag = target.files.as_ref().unwrap();
    let v = handover::verify(&store, job, &target, false).await.unwrap();
    assert!(v.complete, "{v:?}");
    assert_eq!(lag.raced(), Vec::<String>::new());
    assert_eq!(lag.trees(), 1);
    let mut listed = lag.listed();
    // The root (the destination's parent) first; the rest in any order, parents first.
    assert_eq!(listed.remove(0), "/");
    let pos = |p: &str| {
        listed
            .iter()
            .position(|l| l == &format!("{DEST}/Projet{p}"))
    };
    for (parent, child) in [("/Admin", "/Admin/Compta"), ("/Photos", "/Photos/2025")] {
        assert!(pos(parent).unwrap() < pos(child).unwrap(), "{listed:?}");
    }
    // The destination and the copied top folder are shown by the tree: not listed again (nor
    // the empty folder: its parent's listing shows it).
    let mut alone: Vec<&str> = listed.iter().map(|l| &l[DEST.len()..]).collect();
    alone.sort();
    assert_eq!(
        alone,
        [
            "/Projet/Admin",
            "/Projet/Admin/Compta",
            "/Projet/Photos",
            "/Projet/Photos/2025",
            "/Projet/Photos/2026"
        ]
    );
    let items = handover::items(&store, job).unwrap();
    assert!(
        items.iter().all(|i| i.state == ItemState::Verified),
        "{items:?}"
    );
}

/// A folder that is really missing is still reported, with what it held, and not asked for.
#[tokio::test]
async fn a_folder_missing_after_a_server_side_copy_is_reported_with_its_files() {
    let (_dir, store) = store();
    let (job, target) = copied_on_server(&store).await;
    let lag = target.files.as_ref().unwrap();
    lag.disk.remove(&format!("{DEST}/Projet/Photos/2025"));
    let v = handover::verify(&store, job, &target, false).await.unwrap();
    assert!(!v.complete);
    assert!(!lag.listed().iter().any(|l| l.ends_with("/2025")));
    for i in handover::items(&store, job).unwrap() {
        let missing = i.source.starts_with("/Projet/Photos/2025");
        let want = if missing {
            ItemState::Failed
        } else {
            ItemState::Verified
        };
        assert_eq!(i.state, want, "{}", i.source);
        if missing {
            assert_eq!(i.reason.as_deref(), Some("missing-at-destination"));
        }
    }
}

//! WebDAV, CalDAV and CardDAV against captured answers.

use std::collections::BTreeSet;
use std::time::{Duration, Instant};

use wiremock::Mock;
use wiremock::matchers::{header, header_exists, method, path_regex};

use super::{ALICE_APP_PASSWORD, BOB_APP_PASSWORD, cap, server};
use crate::support::{basic_auth, client};
use passerelle_nextcloud::dav::RemotePath;
use passerelle_nextcloud::dav::caldav::{Ownership, PutMode};
use passerelle_nextcloud::dav::files::UploadOptions;

fn p(path: &str) -> RemotePath {
    RemotePath::parse(path).unwrap()
}

// Double built from a real Nextcloud 29.0.6 capture: webdav-propfind-depth1-special-names
#[tokio::test]
async fn propfind_special_names() {
    let s = server().await;
    let c = cap(&s, "webdav-propfind-depth1-special-names");
    c.mock()
        .and(header("depth", "1"))
        .and(header(
            "authorization",
            basic_auth("alice", ALICE_APP_PASSWORD).as_str(),
        ))
        .respond_with(c.response())
        .expect(1)
        .mount(&s)
        .await;
    let files = client(&s.uri(), "alice", ALICE_APP_PASSWORD)
        .files()
        .unwrap();
    let entries = files.list(&p("/Captures/Special names")).await.unwrap();
    let names: BTreeSet<&str> = entries.iter().map(|e| e.name()).collect();
    let long = format!("{}.txt", "L".repeat(196));
    for expected in [
        "100% sure.txt",
        "Dossier cr\u{e9}\u{e9} (NFD)",
        "No\u{eb}l.txt",
        "Tom & Jerry.txt",
        "a+b=c;d.txt",
        "emoji \u{1F600}\u{1F389}.txt",
        "empty folder",
        "hash#tag.txt",
        "name with spaces.txt",
        "r\u{e9}sum\u{e9} (NFC).txt",
        "r\u{e9}sum\u{e9} (NFD).txt",
        "zero-bytes.txt",
        long.as_str(),
    ] {
        assert!(
            names.contains(expected),
            "{expected:?} missing from {names:?}"
        );
    }
    assert_eq!(entries.len(), 13);
    let folder = entries.iter().find(|e| e.name() == "empty folder").unwrap();
    assert!(folder.is_dir);
    assert_eq!(folder.permissions.as_deref(), Some("RGDNVCK"));
    let pct = entries
        .iter()
        .find(|e| e.name() == "100% sure.txt")
        .unwrap();
    assert!(!pct.is_dir);
    assert_eq!(pct.size, Some(25));
    assert_eq!(pct.file_id, Some(16583));
    assert_eq!(
        pct.etag.as_deref(),
        Some("f256d9e09ad12429c4007726f2836fc7")
    );
    assert!(pct.modified.is_some());
    assert_eq!(pct.path, p("/Captures/Special names/100% sure.txt"));
    let zero = entries
        .iter()
        .find(|e| e.name() == "zero-bytes.txt")
        .unwrap();
    assert_eq!(zero.size, Some(0));
}

// Double built from real Nextcloud 29.0.6 captures: webdav-propfind-file-with-checksum,
// webdav-propfind-quota-bob-1mb, webdav-propfind-depth0-root
#[tokio::test]
async fn propfind_checksum_quota_and_root() {
    let s = server().await;
    for name in [
        "webdav-propfind-file-with-checksum",
        "webdav-propfind-quota-bob-1mb",
    ] {
        let c = cap(&s, name);
        c.mock()
            .and(header("depth", "0"))
            .respond_with(c.response())
            .mount(&s)
            .await;
    }
    let alice = client(&s.uri(), "alice", ALICE_APP_PASSWORD)
        .files()
        .unwrap();
    let f = alice.stat(&p("/Captures/with-checksum.txt")).await.unwrap();
    assert_eq!(
        f.checksums,
        vec!["SHA1:d2edf55bc896ca34cfe8c7a8e07ccba45d9cba2c"]
    );
    assert_eq!(f.size, Some(42));
    let bob = client(&s.uri(), "bob", BOB_APP_PASSWORD).files().unwrap();
    let q = bob.quota(&RemotePath::root()).await.unwrap();
    assert_eq!(q.available, Some(0));
    assert_eq!(q.used, Some(864_192_483));

    let s = server().await;
    let c = cap(&s, "webdav-propfind-depth0-root");
    c.mock().respond_with(c.response()).mount(&s).await;
    let root = client(&s.uri(), "alice", ALICE_APP_PASSWORD)
        .files()
        .unwrap()
        .stat(&RemotePath::root())
        .await
        .unwrap();
    assert!(root.is_dir && root.path.is_root());
}

// Double built from real Nextcloud 29.0.6 captures: webdav-propfind-depth1-bob-root-with-shares
#[tokio::test]
async fn propfind_received_shares() {
    let s = server().await;
    let c = cap(&s, "webdav-propfind-depth1-bob-root-with-shares");
    c.mock().respond_with(c.response()).mount(&s).await;
    let entries = client(&s.uri(), "bob", BOB_APP_PASSWORD)
        .files()
        .unwrap()
        .list(&RemotePath::root())
        .await
        .unwrap();
    let shared = entries
        .iter()
        .find(|e| e.mount_type.as_deref() == Some("shared"))
        .expect("a received share");
    assert_eq!(shared.owner_id.as_deref(), Some("alice"));
    assert!(shared.permissions.as_deref().unwrap().contains('S'));
}

// Double built from real Nextcloud 29.0.6 captures: webdav-put-new-201,
// webdav-put-if-none-match-412, webdav-put-over-quota-507
#[tokio::test]
async fn put_new_create_only_and_quota() {
    let s = server().await;
    let created = cap(&s, "webdav-put-new-201");
    created
        .mock()
        .and(header("x-oc-mtime", "1700000000"))
        .and(header(
            "oc-checksum",
            "SHA1:9524bd3a40f34f56af64a8f383673ce159bc68e9",
        ))
        .respond_with(created.response())
        .up_to_n_times(1)
        .with_priority(1)
        .mount(&s)
        .await;
    let exists = cap(&s, "webdav-put-if-none-match-412");
    exists
        .mock()
        .and(header("if-none-match", "*"))
        .respond_with(exists.response())
        .with_priority(2)
        .mount(&s)
        .await;
    let alice = client(&s.uri(), "alice", ALICE_APP_PASSWORD)
        .files()
        .unwrap();
    let target = p("/Captures/put-test.txt");
    let options = UploadOptions {
        mtime: Some(1_700_000_000),
        checksum: Some("SHA1:9524bd3a40f34f56af64a8f383673ce159bc68e9".into()),
        create_only: true,
        content_type: Some("text/plain".into()),
        ..Default::default()
    };
    let r = alice
        .upload_bytes(&target, &b"Hello from the capture run.\n"[..], &options)
        .await
        .unwrap();
    assert_eq!(r.etag.as_deref(), Some("58dbd10957a12bc6d7869f118a525a25"));
    assert!(r.mtime_accepted);
    assert_eq!(r.oc_file_id.as_deref(), Some("00016568<INSTANCE_ID>"));
    let e = alice
        .upload_bytes(&target, &b"should not be written\n"[..], &options)
        .await
        .unwrap_err();
    assert!(e.is_conflict());
    assert_eq!(e.status(), Some(412));

    let quota = cap(&s, "webdav-put-over-quota-507");
    quota.mock().respond_with(quota.response()).mount(&s).await;
    let bob = client(&s.uri(), "bob", BOB_APP_PASSWORD).files().unwrap();
    let e = bob
        .upload_bytes(
            &p("/two-megabytes.bin"),
            vec![0u8; 2048],
            &UploadOptions::default(),
        )
        .await
        .unwrap_err();
    assert!(e.is_quota());
    assert_eq!(e.code(), "quota");
    assert!(e.server_message().unwrap().contains("0 available"));
}

// Double built from real Nextcloud 29.0.6 captures: webdav-mkcol-201, webdav-mkcol-existing-405,
// webdav-mkcol-missing-parent-409, webdav-copy-overwrite-f-412, webdav-move-201,
// webdav-delete-204, webdav-delete-missing-404, webdav-get-200
#[tokio::test]
async fn mkcol_copy_move_delete_get() {
    let s = server().await;
    // We send collection URLs with a trailing slash; the capture had none.
    let captures_dir = "^/remote.php/dav/files/alice/Captures/?$";
    let mkcol = cap(&s, "webdav-mkcol-201");
    Mock::given(method("MKCOL"))
        .and(path_regex(captures_dir))
        .respond_with(mkcol.response())
        .up_to_n_times(1)
        .with_priority(1)
        .mount(&s)
        .await;
    let exists = cap(&s, "webdav-mkcol-existing-405");
    Mock::given(method("MKCOL"))
        .and(path_regex(captures_dir))
        .respond_with(exists.response())
        .with_priority(2)
        .mount(&s)
        .await;
    let orphan = cap(&s, "webdav-mkcol-missing-parent-409");
    Mock::given(method("MKCOL"))
        .and(path_regex("/no-such-parent/child/?$"))
        .respond_with(orphan.response())
        .mount(&s)
        .await;
    let copy_refused = cap(&s, "webdav-copy-overwrite-f-412");
    copy_refused
        .mock()
        .and(header("overwrite", "F"))
        .respond_with(copy_refused.response())
        .mount(&s)
        .await;
    let moved = cap(&s, "webdav-move-201");
    moved
        .mock()
        .and(header_exists("destination"))
        .respond_with(moved.response())
        .mount(&s)
        .await;
    let deleted = cap(&s, "webdav-delete-204");
    deleted
        .mock()
        .respond_with(deleted.response())
        .up_to_n_times(1)
        .with_priority(1)
        .mount(&s)
        .await;
    let gone = cap(&s, "webdav-delete-missing-404");
    gone.mock()
        .respond_with(gone.response())
        .with_priority(2)
        .mount(&s)
        .await;
    let get = cap(&s, "webdav-get-200");
    get.mock().respond_with(get.response()).mount(&s).await;

    let files = client(&s.uri(), "alice", ALICE_APP_PASSWORD)
        .files()
        .unwrap();
    files.create_folder(&p("/Captures")).await.unwrap();
    let e = files.create_folder(&p("/Captures")).await.unwrap_err();
    assert_eq!(e.code(), "not-allowed");
    let e = files
        .create_folder(&p("/Captures/no-such-parent/child"))
        .await
        .unwrap_err();
    assert!(e.is_conflict());
    let e = files
        .copy_to(
            &p("/Captures/put-test.txt"),
            &p("/Captures/put-test-copy.txt"),
            false,
        )
        .await
        .unwrap_err();
    assert!(e.is_conflict());
    files
        .move_to(
            &p("/Captures/put-test-copy.txt"),
            &p("/Captures/moved.txt"),
            false,
        )
        .await
        .unwrap();
    files.delete(&p("/Captures/moved.txt")).await.unwrap();
    assert!(
        files
            .delete(&p("/Captures/moved.txt"))
            .await
            .unwrap_err()
            .is_not_found()
    );
    let body = files
        .download_bytes(&p("/Captures/range.txt"))
        .await
        .unwrap();
    assert_eq!(body, get.body);
}

// Double built from real Nextcloud 29.0.6 captures: chunked-upload-v2-1-mkcol-201,
// chunked-upload-v2-2-put-chunk1-201 (…3), chunked-upload-v2-6-move-file-201
#[tokio::test]
async fn chunked_upload_v2_sequence() {
    let s = server().await;
    let dest = format!(
        "{}/remote.php/dav/files/alice/Captures/big-12MiB.bin",
        s.uri()
    );
    let mkcol = cap(&s, "chunked-upload-v2-1-mkcol-201");
    Mock::given(method("MKCOL"))
        .and(path_regex(
            r"^/remote.php/dav/uploads/alice/passerelle-[0-9a-f]{24}/?$",
        ))
        .and(header("destination", dest.as_str()))
        .respond_with(mkcol.response())
        .expect(1)
        .mount(&s)
        .await;
    let chunk = cap(&s, "chunked-upload-v2-2-put-chunk1-201");
    Mock::given(method("PUT"))
        .and(path_regex(
            r"^/remote.php/dav/uploads/alice/passerelle-[0-9a-f]{24}/0000[1-3]$",
        ))
        .and(header("destination", dest.as_str()))
        .and(header("oc-total-length", "12"))
        .respond_with(chunk.response())
        .expect(3)
        .mount(&s)
        .await;
    let assemble = cap(&s, "chunked-upload-v2-6-move-file-201");
    Mock::given(method("MOVE"))
        .and(path_regex(
            r"^/remote.php/dav/uploads/alice/passerelle-[0-9a-f]{24}/\.file$",
        ))
        .and(header("destination", dest.as_str()))
        .and(header("oc-total-length", "12"))
        .and(header("x-oc-mtime", "1700000200"))
        .respond_with(assemble.response())
        .expect(1)
        .mount(&s)
        .await;

    let files = client(&s.uri(), "alice", ALICE_APP_PASSWORD)
        .files()
        .unwrap();
    let data = b"hello chunks".to_vec();
    let options = UploadOptions {
        mtime: Some(1_700_000_200),
        ..Default::default()
    };
    let r = files
        .upload_chunked(&p("/Captures/big-12MiB.bin"), &data[..], 12, 5, 1, &options)
        .await
        .unwrap();
    assert_eq!(r.etag.as_deref(), Some("53a37010be32d3d8b18c555c3af5f726"));
    assert!(r.mtime_accepted);
    let requests = s.received_requests().await.unwrap();
    let chunks: Vec<Vec<u8>> = requests
        .iter()
        .filter(|r| r.method.as_str() == "PUT")
        .map(|r| r.body.clone())
        .collect();
    assert_eq!(
        chunks,
        vec![b"hello".to_vec(), b" chun".to_vec(), b"ks".to_vec()]
    );
}

// Double built from real Nextcloud 29.0.6 captures: chunked-upload-v2-1-mkcol-201,
// chunked-upload-v2-2-put-chunk1-201 (answers slowed down), chunked-upload-v2-6-move-file-201
#[tokio::test]
async fn chunked_upload_v2_sends_chunks_side_by_side_then_one_move() {
    let s = server().await;
    let mkcol = cap(&s, "chunked-upload-v2-1-mkcol-201");
    Mock::given(method("MKCOL"))
        .respond_with(mkcol.response())
        .expect(1)
        .mount(&s)
        .await;
    let chunk = cap(&s, "chunked-upload-v2-2-put-chunk1-201");
    let slow = Duration::from_millis(400);
    Mock::given(method("PUT"))
        .and(path_regex(
            r"^/remote.php/dav/uploads/alice/passerelle-[0-9a-f]{24}/0000[1-4]$",
        ))
        .respond_with(chunk.response().set_delay(slow))
        .expect(4)
        .mount(&s)
        .await;
    let assemble = cap(&s, "chunked-upload-v2-6-move-file-201");
    Mock::given(method("MOVE"))
        .respond_with(assemble.response())
        .expect(1)
        .mount(&s)
        .await;
    let files = client(&s.uri(), "alice", ALICE_APP_PASSWORD)
        .files()
        .unwrap();
    let data = b"chunks side by side".to_vec();
    let started = Instant::now();
    files
        .upload_chunked(
            &p("/Captures/big-12MiB.bin"),
            &data[..],
            data.len() as u64,
            5,
            2,
            &UploadOptions::default(),
        )
        .await
        .unwrap();
    // Four chunks two at a time: two rounds of the slowed answer, not four.
    let took = started.elapsed();
    assert!(took >= 2 * slow && took < 4 * slow - slow / 4, "{took:?}");
    let requests = s.received_requests().await.unwrap();
    let methods: Vec<&str> = requests.iter().map(|r| r.method.as_str()).collect();
    assert_eq!(methods, ["MKCOL", "PUT", "PUT", "PUT", "PUT", "MOVE"]);
    let mut chunks: Vec<(String, Vec<u8>)> = requests
        .iter()
        .filter(|r| r.method.as_str() == "PUT")
        .map(|r| (r.url.path().to_owned(), r.body.clone()))
        .collect();
    chunks.sort();
    let joined: Vec<u8> = chunks.into_iter().flat_map(|(_, b)| b).collect();
    assert_eq!(joined, data);
}

// Double built from real Nextcloud 29.0.6 captures: chunked-upload-v2-1-mkcol-201,
// chunked-upload-v2-2-put-chunk1-201, webdav-put-over-quota-507 (for the second chunk)
#[tokio::test]
async fn chunked_upload_v2_stops_at_a_refused_chunk_and_removes_the_upload() {
    let s = server().await;
    let mkcol = cap(&s, "chunked-upload-v2-1-mkcol-201");
    Mock::given(method("MKCOL"))
        .respond_with(mkcol.response())
        .mount(&s)
        .await;
    let full = cap(&s, "webdav-put-over-quota-507");
    Mock::given(method("PUT"))
        .and(path_regex(r"/00002$"))
        .respond_with(full.response())
        .mount(&s)
        .await;
    let chunk = cap(&s, "chunked-upload-v2-2-put-chunk1-201");
    Mock::given(method("PUT"))
        .respond_with(chunk.response())
        .mount(&s)
        .await;
    Mock::given(method("DELETE"))
        .and(path_regex(
            r"^/remote.php/dav/uploads/alice/passerelle-[0-9a-f]{24}/?$",
        ))
        .respond_with(wiremock::ResponseTemplate::new(204))
        .expect(1)
        .mount(&s)
        .await;
    let files = client(&s.uri(), "alice", ALICE_APP_PASSWORD)
        .files()
        .unwrap();
    let data = [7u8; 40];
    let e = files
        .upload_chunked(
            &p("/Captures/big-12MiB.bin"),
            &data[..],
            40,
            5,
            3,
            &UploadOptions::default(),
        )
        .await
        .unwrap_err();
    assert_eq!(e.status(), Some(507), "{e:?}");
    let requests = s.received_requests().await.unwrap();
    // No assembly; the upload folder is removed (checked when the double is dropped).
    assert!(!requests.iter().any(|r| r.method.as_str() == "MOVE"));
}

// Double built from a real Nextcloud 29.0.6 capture: maintenance-webdav-propfind-503
// (no header: recognised from the Sabre exception, and not retried)
#[tokio::test]
async fn maintenance_503_on_webdav() {
    let s = server().await;
    let c = cap(&s, "maintenance-webdav-propfind-503");
    c.mock()
        .respond_with(c.response())
        .expect(1)
        .mount(&s)
        .await;
    let e = client(&s.uri(), "alice", ALICE_APP_PASSWORD)
        .files()
        .unwrap()
        .stat(&RemotePath::root())
        .await
        .unwrap_err();
    assert!(e.is_maintenance(), "{e:?}");
}

// Double built from real Nextcloud 29.0.6 captures: webdav-propfind-wrong-password-401,
// webdav-propfind-revoked-app-password-401
#[tokio::test]
async fn webdav_401() {
    for name in [
        "webdav-propfind-wrong-password-401",
        "webdav-propfind-revoked-app-password-401",
    ] {
        let s = server().await;
        let c = cap(&s, name);
        c.mock().respond_with(c.response()).mount(&s).await;
        let user = c.path.split('/').nth(4).unwrap().to_owned();
        let e = client(&s.uri(), &user, "Wr0ng-Secret")
            .files()
            .unwrap()
            .stat(&RemotePath::root())
            .await
            .unwrap_err();
        assert!(e.is_auth(), "{name}");
        assert!(!format!("{e} {e:?}").contains("Wr0ng-Secret"));
    }
}

// Double built from a real Nextcloud 29.0.6 capture: caldav-propfind-alice-home
#[tokio::test]
async fn caldav_home_owner_view() {
    let s = server().await;
    let c = cap(&s, "caldav-propfind-alice-home");
    c.mock()
        .and(header("depth", "1"))
        .respond_with(c.response())
        .mount(&s)
        .await;
    let cals = client(&s.uri(), "alice", ALICE_APP_PASSWORD)
        .caldav()
        .unwrap()
        .calendars()
        .await
        .unwrap();
    let uris: Vec<&str> = cals.iter().map(|c| c.uri.as_str()).collect();
    assert_eq!(
        uris,
        vec!["personal", "contact_birthdays"],
        "inbox/outbox/trashbin excluded"
    );
    let personal = &cals[0];
    assert_eq!(personal.display_name.as_deref(), Some("Personal"));
    assert_eq!(personal.ownership, Ownership::Owned);
    assert_eq!(personal.components, vec!["VEVENT", "VTODO"]);
    assert_eq!(
        personal.sync_token.as_deref(),
        Some("http://sabre.io/ns/sync/3")
    );
    assert_eq!(personal.owner_display_name.as_deref(), Some("Alice"));
    assert!(personal.writable);
    assert_eq!(personal.shared_with.len(), 2);
    assert!(
        personal
            .shared_with
            .iter()
            .any(|s| s.principal.ends_with("users/bob") && s.read_write)
    );
    assert!(
        personal
            .url
            .as_str()
            .ends_with("/remote.php/dav/calendars/alice/personal/")
    );
    let birthdays = &cals[1];
    assert!(birthdays.is_birthday);
    assert_eq!(birthdays.color.as_deref(), Some("#E9D859"));
    assert!(!birthdays.writable);
}

// Double built from real Nextcloud 29.0.6 captures: caldav-propfind-bob-home-with-shared,
// caldav-propfind-carol-home-sharee-view, caldav-propfind-alice-home-after-delete
#[tokio::test]
async fn caldav_shared_and_soft_deleted() {
    let s = server().await;
    let c = cap(&s, "caldav-propfind-bob-home-with-shared");
    c.mock().respond_with(c.response()).mount(&s).await;
    let cals = client(&s.uri(), "bob", BOB_APP_PASSWORD)
        .caldav()
        .unwrap()
        .calendars()
        .await
        .unwrap();
    let shared = cals
        .iter()
        .find(|c| c.uri == "personal_shared_by_alice")
        .unwrap();
    assert_eq!(shared.ownership, Ownership::SharedWithMe);
    assert_eq!(shared.owner_display_name.as_deref(), Some("Alice"));
    assert_eq!(
        cals.iter().find(|c| c.uri == "personal").unwrap().ownership,
        Ownership::Owned
    );

    let s = server().await;
    let c = cap(&s, "caldav-propfind-carol-home-sharee-view");
    c.mock().respond_with(c.response()).mount(&s).await;
    let cals = client(&s.uri(), "carol", "carol-pw")
        .caldav()
        .unwrap()
        .calendars()
        .await
        .unwrap();
    let ro = cals
        .iter()
        .find(|c| c.uri == "capture-cal_shared_by_alice")
        .unwrap();
    assert_eq!(ro.ownership, Ownership::SharedWithMe);
    assert!(!ro.writable, "a read-only share is not writable");

    let s = server().await;
    let c = cap(&s, "caldav-propfind-alice-home-after-delete");
    c.mock().respond_with(c.response()).mount(&s).await;
    let cals = client(&s.uri(), "alice", ALICE_APP_PASSWORD)
        .caldav()
        .unwrap()
        .calendars()
        .await
        .unwrap();
    assert!(
        cals.iter().all(|c| c.uri != "capture-cal"),
        "soft-deleted calendar filtered"
    );
    assert!(cals.iter().any(|c| c.uri == "personal"));
}

// Double built from real Nextcloud 29.0.6 captures: caldav-mkcalendar-201,
// caldav-mkcalendar-existing-405, caldav-put-event-201, caldav-put-event-again-412,
// caldav-report-calendar-query-vevent, caldav-get-event-200
#[tokio::test]
async fn caldav_create_put_report_get() {
    let s = server().await;
    let mk = cap(&s, "caldav-mkcalendar-201");
    mk.mock()
        .respond_with(mk.response())
        .up_to_n_times(1)
        .with_priority(1)
        .mount(&s)
        .await;
    let mk_again = cap(&s, "caldav-mkcalendar-existing-405");
    mk_again
        .mock()
        .respond_with(mk_again.response())
        .with_priority(2)
        .mount(&s)
        .await;
    let put = cap(&s, "caldav-put-event-201");
    put.mock()
        .and(header("if-none-match", "*"))
        .respond_with(put.response())
        .up_to_n_times(1)
        .with_priority(1)
        .mount(&s)
        .await;
    let put_again = cap(&s, "caldav-put-event-again-412");
    put_again
        .mock()
        .respond_with(put_again.response())
        .with_priority(2)
        .mount(&s)
        .await;
    let report = cap(&s, "caldav-report-calendar-query-vevent");
    report
        .mock()
        .respond_with(report.response())
        .mount(&s)
        .await;
    let get = cap(&s, "caldav-get-event-200");
    get.mock().respond_with(get.response()).mount(&s).await;

    let caldav = client(&s.uri(), "alice", ALICE_APP_PASSWORD)
        .caldav()
        .unwrap();
    let url = caldav
        .create_calendar("capture-cal", "Capture calendar", Some("#0082C9"), &[])
        .await
        .unwrap();
    let e = caldav
        .create_calendar("capture-cal", "Capture calendar", Some("#0082C9"), &[])
        .await
        .unwrap_err();
    assert_eq!(e.code(), "not-allowed");

    let ics = String::from_utf8(get.body.clone()).unwrap();
    let uid = "capture-event-1@nclab.test";
    // Passerelle names new objects after their UID; the capture used another name.
    let mut objects = caldav.objects(&url).await.unwrap();
    assert_eq!(objects.len(), 1);
    let obj = objects.remove(0);
    assert_eq!(obj.uid.as_deref(), Some(uid));
    assert_eq!(obj.name, "capture-event-1.ics");
    assert_eq!(
        obj.etag.as_deref(),
        Some("bbafc155444ae8bc43e21ca2fc2b21e9")
    );
    assert!(
        obj.data
            .as_deref()
            .unwrap()
            .contains("SUMMARY:Réunion de l'asso (capture)")
    );

    // get_by_uid: the conventional name 404s (unmatched), then the query finds it.
    let found = caldav.get_by_uid(&url, uid).await.unwrap().unwrap();
    assert_eq!(found.name, "capture-event-1.ics");
    assert!(ics.contains(uid));
}

// Double built from real Nextcloud 29.0.6 captures: caldav-put-event-201,
// caldav-put-event-again-412 (If-None-Match: * refuses the second write)
#[tokio::test]
async fn caldav_put_create_only_twice() {
    let s = server().await;
    let put = cap(&s, "caldav-put-event-201");
    let put_again = cap(&s, "caldav-put-event-again-412");
    let ics_path = "/remote.php/dav/calendars/alice/capture-cal/capture-event-1@nclab.test.ics";
    Mock::given(method("PUT"))
        .and(wiremock::matchers::path(ics_path))
        .and(header("if-none-match", "*"))
        .and(header("content-type", "text/calendar; charset=utf-8"))
        .respond_with(put.response())
        .up_to_n_times(1)
        .with_priority(1)
        .mount(&s)
        .await;
    Mock::given(method("PUT"))
        .and(wiremock::matchers::path(ics_path))
        .respond_with(put_again.response())
        .with_priority(2)
        .mount(&s)
        .await;
    let caldav = client(&s.uri(), "alice", ALICE_APP_PASSWORD)
        .caldav()
        .unwrap();
    let cal = caldav.home().join("capture-cal/").unwrap();
    let ics = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:capture-event-1@nclab.test\r\n\
               DTSTART:20261201T090000Z\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
    let created = caldav.put(&cal, ics, &PutMode::Create).await.unwrap();
    assert_eq!(created.uid.as_deref(), Some("capture-event-1@nclab.test"));
    let e = caldav.put(&cal, ics, &PutMode::Create).await.unwrap_err();
    assert!(e.is_conflict());
}

// Double built from real Nextcloud 29.0.6 captures: carddav-propfind-alice-home,
// carddav-mkcol-extended-201, carddav-mkcol-existing-405, carddav-report-addressbook-query,
// carddav-get-vcard4-default-accept (a vCard 4.0 served as 3.0)
#[tokio::test]
async fn carddav_home_create_and_query() {
    let s = server().await;
    let home = cap(&s, "carddav-propfind-alice-home");
    home.mock().respond_with(home.response()).mount(&s).await;
    let mk = cap(&s, "carddav-mkcol-extended-201");
    mk.mock()
        .and(wiremock::matchers::body_string_contains(
            "<card:addressbook/>",
        ))
        .respond_with(mk.response())
        .up_to_n_times(1)
        .with_priority(1)
        .mount(&s)
        .await;
    let mk_again = cap(&s, "carddav-mkcol-existing-405");
    mk_again
        .mock()
        .respond_with(mk_again.response())
        .with_priority(2)
        .mount(&s)
        .await;
    let report = cap(&s, "carddav-report-addressbook-query");
    report
        .mock()
        .respond_with(report.response())
        .mount(&s)
        .await;
    let v4 = cap(&s, "carddav-get-vcard4-default-accept");
    v4.mock().respond_with(v4.response()).mount(&s).await;

    let carddav = client(&s.uri(), "alice", ALICE_APP_PASSWORD)
        .carddav()
        .unwrap();
    let books = carddav.address_books().await.unwrap();
    let find = |uri: &str| books.iter().find(|b| b.uri == uri).unwrap();
    assert_eq!(find("contacts").ownership, Ownership::Owned);
    assert_eq!(find("contacts").shared_with.len(), 1);
    assert_eq!(
        find("asso-contacts").display_name.as_deref(),
        Some("Asso contacts")
    );
    assert_eq!(
        find("z-server-generated--system").ownership,
        Ownership::System
    );
    assert!(
        books
            .iter()
            .any(|b| b.uri == "z-app-generated--contactsinteraction--recent")
    );

    let url = carddav
        .create_address_book(
            "capture-contacts",
            "Capture contacts",
            Some("created by a test"),
        )
        .await
        .unwrap();
    assert_eq!(
        carddav
            .create_address_book("capture-contacts", "Capture contacts", None)
            .await
            .unwrap_err()
            .code(),
        "not-allowed"
    );
    let cards = carddav.objects(&url).await.unwrap();
    assert_eq!(cards.len(), 2);
    assert!(cards.iter().all(|c| c.uid.is_some() && c.etag.is_some()));
    // addressbook-query returns the 4.0 card as 3.0 (same ETag): both read the same.
    assert!(
        cards
            .iter()
            .all(|c| c.data.as_deref().unwrap().contains("VERSION:3.0"))
    );

    let card = carddav
        .get_by_uid(&url, cards[1].uid.as_deref().unwrap())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(card.uid, cards[1].uid);
}

//! Bulk upload and the WebDAV session cookie, against doubles built from real captures of
//! Nextcloud 29.0.6 (`tests/fixtures/nc29`, taken by its `capture.py`).

use bytes::Bytes;
use wiremock::matchers::{header, method, path};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

use super::server;
use crate::support::capture::{Capture, fixtures_dir, request_body};
use crate::support::{basic_auth, client};
use passerelle_nextcloud::ErrorKind;
use passerelle_nextcloud::dav::RemotePath;
use passerelle_nextcloud::dav::files::{BulkFile, bulk_path_ok};

const USER: &str = "speedprobe";

fn fixture(s: &MockServer, name: &str) -> Capture {
    Capture::load_at(&fixtures_dir(), name, &s.uri())
}

fn file(path: &str, data: &[u8], mtime: i64) -> BulkFile {
    BulkFile {
        path: RemotePath::parse(path).unwrap(),
        data: Bytes::copy_from_slice(data),
        mtime: Some(mtime),
        checksum: None,
    }
}

/// The boundary of a `multipart/related` request.
fn boundary(r: &Request) -> String {
    let ct = r.headers.get("content-type").unwrap().to_str().unwrap();
    let (kind, b) = ct.split_once("; boundary=").unwrap();
    assert_eq!(kind, "multipart/related");
    b.to_owned()
}

fn replace(haystack: &[u8], from: &str, to: &str) -> Vec<u8> {
    String::from_utf8(haystack.to_vec())
        .unwrap()
        .replace(from, to)
        .into_bytes()
}

fn no_cookie(r: &Request) -> bool {
    !r.headers.contains_key("cookie")
}

// Double built from a real Nextcloud 29.0.6 capture: bulk-upload-200. The body Passerelle sends
// is byte for byte the one the real server accepted (boundary aside).
#[tokio::test]
async fn bulk_upload_sends_what_nextcloud_29_accepted_and_reads_its_answer() {
    let s = server().await;
    let c = fixture(&s, "bulk-upload-200");
    c.mock()
        .and(header("authorization", basic_auth(USER, "secret").as_str()))
        .and(no_cookie)
        .respond_with(c.response())
        .expect(1)
        .mount(&s)
        .await;
    let files = client(&s.uri(), USER, "secret").files().unwrap();
    let results = files
        .upload_bulk(&[
            file(
                "/Bulk/compte rendu.txt",
                b"Compte rendu du 21 novembre\n",
                1_700_000_000,
            ),
            file(
                "/Bulk/Adh\u{e9}rents/liste \u{e9}t\u{e9}.csv",
                "nom;pr\u{e9}nom\nMartin;Alice\n".as_bytes(),
                1_600_000_000,
            ),
            file("/Bulk/vide.txt", b"", 1_700_000_001),
        ])
        .await
        .unwrap();
    let ok: Vec<_> = results.into_iter().map(Result::unwrap).collect();
    assert_eq!(
        ok[0].etag.as_deref(),
        Some("3a42ce427176f67fd6fad2cbbbb0426c")
    );
    assert!(ok[0].oc_file_id.as_deref().unwrap().starts_with("00000735"));
    assert!(ok.iter().all(|u| u.mtime_accepted && u.etag.is_some()));
    let sent = &s.received_requests().await.unwrap()[0];
    let captured = request_body(&fixtures_dir().join("bulk-upload-200"), &s.uri());
    let captured = replace(
        &captured,
        "passerelle-bulk-0123456789abcdef01234567",
        &boundary(sent),
    );
    assert_eq!(
        String::from_utf8_lossy(&sent.body),
        String::from_utf8_lossy(&captured)
    );
}

// Double built from a real Nextcloud 29.0.6 capture: bulk-upload-bad-md5-400 (a bad part stops
// the server; it lists what it wrote before).
#[tokio::test]
async fn a_bad_part_stops_the_batch_and_later_files_get_their_own_error() {
    let s = server().await;
    let c = fixture(&s, "bulk-upload-bad-md5-400");
    c.mock().respond_with(c.response()).mount(&s).await;
    let files = client(&s.uri(), USER, "secret").files().unwrap();
    let results = files
        .upload_bulk(&[
            file("/Bulk/un.txt", b"premier\n", 1_700_000_000),
            file("/Bulk/deux.txt", b"deuxieme\n", 1_700_000_000),
            file("/Bulk/trois.txt", b"troisieme\n", 1_700_000_000),
        ])
        .await
        .unwrap();
    assert!(results[0].is_ok());
    for r in &results[1..] {
        assert_eq!(r.as_ref().unwrap_err().kind(), ErrorKind::Rejected);
    }
}

// Double built from a real Nextcloud 29.0.6 capture: bulk-upload-missing-folder-200 (one file
// refused, the other written).
#[tokio::test]
async fn a_file_the_server_refuses_has_its_own_error() {
    let s = server().await;
    let c = fixture(&s, "bulk-upload-missing-folder-200");
    c.mock().respond_with(c.response()).mount(&s).await;
    let files = client(&s.uri(), USER, "secret").files().unwrap();
    let results = files
        .upload_bulk(&[
            file("/Bulk/ok.txt", b"ok\n", 1_700_000_000),
            file("/Bulk/Absent/nope.txt", b"nope\n", 1_700_000_000),
        ])
        .await
        .unwrap();
    assert!(results[0].is_ok());
    let e = results[1].as_ref().unwrap_err();
    assert!(e.to_string().contains("Could not create path"), "{e}");
}

#[tokio::test]
async fn names_a_part_header_would_change_are_not_sent_in_bulk() {
    for bad in [
        "/a/ lead.txt",
        "/a/trail.txt ",
        "/a/line\nbreak.txt",
        "/tab\t/x",
    ] {
        assert!(!bulk_path_ok(&RemotePath::parse(bad).unwrap()), "{bad:?}");
    }
    assert!(bulk_path_ok(
        &RemotePath::parse("/Adh\u{e9}rents/a: b; c.txt").unwrap()
    ));
    let s = server().await;
    let files = client(&s.uri(), USER, "secret").files().unwrap();
    let results = files
        .upload_bulk(&[file("/a/trail.txt ", b"x", 1)])
        .await
        .unwrap();
    assert_eq!(
        results[0].as_ref().unwrap_err().kind(),
        ErrorKind::InvalidName
    );
    assert!(s.received_requests().await.unwrap().is_empty());
}

/// A captured answer whose cookie names and values are made concrete (the captures redact
/// them): the session cookie `oclab0000001` gets `session`.
fn with_cookies(c: &Capture, session: &str) -> ResponseTemplate {
    let mut c = c.clone();
    for (k, v) in &mut c.headers {
        if k.eq_ignore_ascii_case("set-cookie") {
            let value = if v.starts_with("<INSTANCE_ID>") {
                session
            } else {
                "same"
            };
            *v = v
                .replace("<INSTANCE_ID>", "oclab0000001")
                .replace("<REDACTED>", value);
        }
    }
    c.response()
}

fn cookie_of(r: &Request) -> Option<String> {
    r.headers
        .get("cookie")
        .map(|v| v.to_str().unwrap().to_owned())
}

// Doubles built from real Nextcloud 29.0.6 captures: webdav-get-basic-sets-session-cookie,
// webdav-get-session-cookie-and-basic-200, bulk-upload-with-session-cookie (why a POST never
// carries the cookie), and shared ocs-capabilities-alice.
#[tokio::test]
async fn the_session_cookie_is_sent_back_to_webdav_but_never_with_a_post_or_to_ocs() {
    let s = server().await;
    let first = fixture(&s, "webdav-get-basic-sets-session-cookie");
    let again = fixture(&s, "webdav-get-session-cookie-and-basic-200");
    let p = "/remote.php/dav/files/speedprobe/Bulk/compte%20rendu.txt";
    Mock::given(method("GET"))
        .and(path(p))
        .and(no_cookie)
        .respond_with(with_cookies(&first, "s1"))
        .up_to_n_times(1)
        .mount(&s)
        .await;
    Mock::given(method("GET"))
        .and(path(p))
        .and(header("cookie", "oc_sessionPassphrase=same; nc_sameSiteCookielax=same; nc_sameSiteCookiestrict=same; oclab0000001=s1"))
        .and(header("authorization", basic_auth(USER, "secret").as_str()))
        .respond_with(again.response())
        .expect(2)
        .mount(&s)
        .await;
    let bulk = fixture(&s, "bulk-upload-200");
    bulk.mock()
        .and(no_cookie)
        .respond_with(bulk.response())
        .expect(1)
        .mount(&s)
        .await;
    let caps = super::cap(&s, "ocs-capabilities-alice");
    caps.mock()
        .and(no_cookie)
        .respond_with(caps.response())
        .expect(1)
        .mount(&s)
        .await;
    let c = client(&s.uri(), USER, "secret");
    let files = c.files().unwrap();
    let p = RemotePath::parse("/Bulk/compte rendu.txt").unwrap();
    for _ in 0..3 {
        assert_eq!(
            &files.download_bytes(&p).await.unwrap()[..],
            b"Compte rendu du 21 novembre\n"
        );
    }
    files
        .upload_bulk(&[file("/Bulk/compte rendu.txt", b"x", 1)])
        .await
        .unwrap();
    assert!(c.capabilities().await.unwrap().bulk_upload());
}

// Doubles built from real Nextcloud 29.0.6 captures: webdav-get-basic-sets-session-cookie,
// webdav-get-expired-session-cookie-and-basic-200 (what 29.0.6 does with an expired session and
// basic auth: a new session in the same answer) and webdav-get-expired-session-cookie-401 (a
// server that refuses the request carrying the session: basic auth alone, once).
#[tokio::test]
async fn an_expired_session_mid_run_falls_back_to_basic_auth_and_goes_on() {
    let s = server().await;
    let first = fixture(&s, "webdav-get-basic-sets-session-cookie");
    let renewed = fixture(&s, "webdav-get-expired-session-cookie-and-basic-200");
    let refused = fixture(&s, "webdav-get-expired-session-cookie-401");
    let with = |v: &str| {
        let v = v.to_owned();
        move |r: &Request| cookie_of(r).is_some_and(|c| c.ends_with(&format!("oclab0000001={v}")))
    };
    let p = "/remote.php/dav/files/speedprobe/Bulk/compte%20rendu.txt";
    // 1: no session yet → s1.
    Mock::given(method("GET"))
        .and(path(p))
        .and(no_cookie)
        .respond_with(with_cookies(&first, "s1"))
        .expect(2)
        .mount(&s)
        .await;
    // 2: s1 expired; the server takes basic auth and opens s2 in the same answer.
    Mock::given(method("GET"))
        .and(path(p))
        .and(with("s1"))
        .respond_with(with_cookies(&renewed, "s2"))
        .expect(1)
        .mount(&s)
        .await;
    // 3: s2 is refused with 401 (and a fresh cookie): once more without it → s1 again (mock 1).
    Mock::given(method("GET"))
        .and(path(p))
        .and(with("s2"))
        .respond_with(with_cookies(&refused, "s3"))
        .expect(1)
        .mount(&s)
        .await;
    let files = client(&s.uri(), USER, "secret").files().unwrap();
    let rp = RemotePath::parse("/Bulk/compte rendu.txt").unwrap();
    for _ in 0..3 {
        files.download_bytes(&rp).await.unwrap();
    }
    let seen: Vec<Option<String>> = s
        .received_requests()
        .await
        .unwrap()
        .iter()
        .map(|r| cookie_of(r).map(|c| c.rsplit('=').next().unwrap().to_owned()))
        .collect();
    assert_eq!(
        seen,
        [None, Some("s1".into()), Some("s2".into()), None],
        "the 401 is answered by one request with basic auth alone"
    );
    let all_basic = s.received_requests().await.unwrap().iter().all(|r| {
        r.headers.get("authorization").unwrap().to_str().unwrap() == basic_auth(USER, "secret")
    });
    assert!(all_basic);
}

// Double built from a real Nextcloud 29.0.6 capture: files-zip-download-200 (a selection of one
// folder as one zip, the legacy endpoint of the web interface).
#[tokio::test]
async fn a_selection_of_one_folder_comes_as_one_zip() {
    use wiremock::matchers::query_param;
    let s = server().await;
    let c = fixture(&s, "files-zip-download-200");
    let names = ["compte rendu.txt", "liste \u{e9}t\u{e9}.csv", "vide.txt"].map(str::to_owned);
    c.mock()
        .and(query_param("dir", "/Zip"))
        .and(query_param(
            "files",
            serde_json::to_string(&names).unwrap().as_str(),
        ))
        .and(header("authorization", basic_auth(USER, "secret").as_str()))
        .respond_with(c.response())
        .mount(&s)
        .await;
    let files = client(&s.uri(), USER, "secret").files().unwrap();
    let folder = RemotePath::parse("/Zip").unwrap();
    let zip = files.download_zip(&folder, &names, 10_000).await.unwrap();
    assert_eq!(&zip[..], &c.body[..]);
    assert!(zip.starts_with(b"PK\x03\x04"));
    // More than the caller can hold: refused while reading.
    let e = files.download_zip(&folder, &names, 100).await.unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Protocol);
    // Anything but a zip (a login page, a later version's 404) is an error.
    let other = server().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_raw("<html/>", "text/html"))
        .mount(&other)
        .await;
    let files = client(&other.uri(), USER, "secret").files().unwrap();
    assert!(files.download_zip(&folder, &names, 10_000).await.is_err());
}

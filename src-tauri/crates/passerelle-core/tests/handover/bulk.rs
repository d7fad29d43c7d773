//! The streamed copy to a Nextcloud target that takes bulk uploads. The double answers as the
//! real Nextcloud 29.0.6 did: capabilities from `shared/nextcloud-captures/ocs-capabilities-alice`,
//! bulk answers in the shape of passerelle-nextcloud's `tests/fixtures/nc29/bulk-upload-*`
//! captures (a JSON object keyed by `X-File-Path`; a refused file has `error: true` and the
//! message the real server gave for a missing folder).

use std::collections::{BTreeMap, BTreeSet};
use std::sync::{Arc, Mutex};

use passerelle_core::handover::{self, BulkUpload, DavFiles, ItemState, Selection, Side};
use passerelle_nextcloud::CancellationToken;
use wiremock::matchers::{method, path_regex};
use wiremock::{Mock, MockServer, Request, Respond, ResponseTemplate};

use super::{DEST, files, mem, plan_mem, quick, states, store, test_client};

/// The real capabilities answer of Nextcloud 29.0.6 (`dav.bulkupload` "1.0").
fn capabilities(bulk: bool) -> String {
    let dir = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../../../shared/nextcloud-captures/ocs-capabilities-alice/response.body");
    let body = std::fs::read_to_string(dir).unwrap();
    assert!(body.contains(r#""dav":{"chunking":"1.0","bulkupload":"1.0"}"#));
    if bulk {
        body
    } else {
        // A server with `bulkupload.enabled` false leaves the key out.
        body.replace(r#","bulkupload":"1.0""#, "")
    }
}

/// What the double received and what it refuses.
#[derive(Default)]
struct Received {
    posts: Vec<Vec<String>>,
    written: BTreeMap<String, Vec<u8>>,
    refuse: BTreeSet<String>,
}

#[derive(Clone, Default)]
struct BulkDouble(Arc<Mutex<Received>>);

/// The parts of a `multipart/related` body: (headers, data).
fn parts(r: &Request) -> Vec<(BTreeMap<String, String>, Vec<u8>)> {
    let ct = r.headers.get("content-type").unwrap().to_str().unwrap();
    let boundary = ct.split_once("; boundary=").unwrap().1;
    let (start, end) = (format!("--{boundary}\r\n"), format!("--{boundary}--\r\n"));
    let mut rest: &[u8] = &r.body;
    let mut out = Vec::new();
    while rest.starts_with(start.as_bytes()) {
        rest = &rest[start.len()..];
        let at = rest.windows(4).position(|w| w == b"\r\n\r\n").unwrap();
        let head = std::str::from_utf8(&rest[..at]).unwrap();
        let headers: BTreeMap<String, String> = head
            .split("\r\n")
            .map(|l| l.split_once(": ").unwrap())
            .map(|(k, v)| (k.to_ascii_lowercase(), v.to_owned()))
            .collect();
        let len: usize = headers["content-length"].parse().unwrap();
        rest = &rest[at + 4..];
        out.push((headers, rest[..len].to_vec()));
        assert_eq!(&rest[len..len + 2], b"\r\n");
        rest = &rest[len + 2..];
    }
    assert_eq!(rest, end.as_bytes(), "the body ends with the last boundary");
    out
}

impl Respond for BulkDouble {
    fn respond(&self, r: &Request) -> ResponseTemplate {
        let mut state = self.0.lock().unwrap();
        let mut answer = serde_json::Map::new();
        let mut paths = Vec::new();
        for (i, (h, data)) in parts(r).into_iter().enumerate() {
            let path = h["x-file-path"].clone();
            assert_eq!(h["x-file-md5"].len(), 32);
            assert!(h.contains_key("x-oc-mtime"), "{h:?}");
            let value = if state.refuse.contains(&path) {
                serde_json::json!({"error": true,
                    "message": format!("Could not create path \"/bob/files{path}\"")})
            } else {
                state.written.insert(path.clone(), data);
                serde_json::json!({"error": false, "etag": format!("etag{i}"),
                    "fileid": format!("0000073{i}oclab0000001"), "permissions": "RGDNVW"})
            };
            answer.insert(path.clone(), value);
            paths.push(path);
        }
        state.posts.push(paths);
        ResponseTemplate::new(200).set_body_raw(
            serde_json::to_vec(&answer).unwrap(),
            "application/json; charset=utf-8",
        )
    }
}

/// A Nextcloud double for Bob: capabilities, MKCOL, PUT (what `puts` says per path), bulk.
async fn nextcloud(bulk: bool, double: &BulkDouble, refused_put: &str) -> MockServer {
    let s = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path_regex("^/ocs/v[12].php/cloud/capabilities$"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_raw(capabilities(bulk), "application/json; charset=utf-8"),
        )
        .mount(&s)
        .await;
    Mock::given(method("MKCOL"))
        .and(path_regex("^/remote.php/dav/files/bob/"))
        .respond_with(ResponseTemplate::new(201))
        .mount(&s)
        .await;
    Mock::given(method("PUT"))
        .and(path_regex(format!(
            "^/remote.php/dav/files/bob/.*{refused_put}$"
        )))
        .respond_with(ResponseTemplate::new(403))
        .with_priority(1)
        .mount(&s)
        .await;
    Mock::given(method("PUT"))
        .and(path_regex("^/remote.php/dav/files/bob/"))
        .respond_with(ResponseTemplate::new(201).insert_header("oc-etag", "\"put\""))
        .mount(&s)
        .await;
    Mock::given(method("POST"))
        .and(path_regex("^/remote.php/dav/bulk$"))
        .respond_with(double.clone())
        .mount(&s)
        .await;
    s
}

fn source() -> super::Mem {
    let side = mem();
    files(&side)
        .file("/Docs/a.txt", b"alpha")
        .file("/Docs/b.txt", b"bravo")
        .file("/Docs/Sub/c.txt", b"charlie")
        .file("/Docs/Sub/d.txt", b"delta")
        .file("/Docs/Sub/e.txt", b"")
        .file("/Docs/big.bin", &[9u8; 3000]);
    side
}

fn target(s: &MockServer) -> handover::DavSide {
    target_of(s, 2)
}

fn target_of(s: &MockServer, max_files: usize) -> handover::DavSide {
    let files = DavFiles::nextcloud(&test_client(&s.uri(), "bob"))
        .unwrap()
        .with_bulk(Some(BulkUpload {
            max_file_size: 1000,
            max_files,
            max_bytes: 100_000,
        }));
    Side {
        files: Some(files),
        calendars: None,
        contacts: None,
    }
}

fn puts(requests: &[Request]) -> BTreeSet<String> {
    requests
        .iter()
        .filter(|r| r.method.as_str() == "PUT")
        .map(|r| r.url.path().rsplit('/').next().unwrap().to_owned())
        .collect()
}

/// Small files go in batches (two per request here), the big one by PUT; a file the batch did
/// not write goes alone, and when that fails too only it is failed; the resume writes it.
#[tokio::test]
async fn small_files_go_in_bulk_and_a_file_refused_in_a_batch_fails_alone_then_resumes() {
    let (_dir, store) = store();
    let source = source();
    let selection = Selection {
        files: vec!["/Docs".into()],
        ..Default::default()
    };
    let plan = plan_mem(&source, &mem(), selection).await;
    let job = handover::create_job(&store, &plan).unwrap();
    let double = BulkDouble::default();
    let refused = format!("{DEST}/Docs/Sub/c.txt");
    double.0.lock().unwrap().refuse.insert(refused.clone());
    let s = nextcloud(true, &double, "c.txt").await;
    let options = handover::RunOptions {
        verify: false,
        ..quick()
    };
    let cancel = CancellationToken::new();
    let mut ignore = |_: handover::Progress| {};
    let first = handover::run_copy(
        &store,
        job,
        &source,
        &target(&s),
        &options,
        &cancel,
        &mut ignore,
    )
    .await
    .unwrap();
    assert_eq!((first.copied, first.failed), (8, 1), "{first:?}");
    let st = states(&store, job);
    assert_eq!(
        st["file:/Docs/Sub/c.txt"],
        (ItemState::Failed, Some("forbidden".into()))
    );
    for name in ["a.txt", "b.txt", "Sub/d.txt", "Sub/e.txt", "big.bin"] {
        assert_eq!(
            st[&format!("file:/Docs/{name}")].0,
            ItemState::Copied,
            "{name}"
        );
    }
    {
        let got = double.0.lock().unwrap();
        assert_eq!(
            got.posts.len(),
            3,
            "5 small files, 2 per request: {:?}",
            got.posts
        );
        assert_eq!(got.written[&format!("{DEST}/Docs/Sub/d.txt")], b"delta");
        assert_eq!(got.written[&format!("{DEST}/Docs/Sub/e.txt")], b"");
        assert!(!got.written.contains_key(&refused));
    }
    let requests = s.received_requests().await.unwrap();
    assert_eq!(
        puts(&requests),
        BTreeSet::from(["big.bin".to_owned(), "c.txt".to_owned()]),
        "only the big file and the refused one go by PUT"
    );
    // Folders: created once each, parents first.
    let mkcols: Vec<String> = requests
        .iter()
        .filter(|r| r.method.as_str() == "MKCOL")
        .map(|r| r.url.path().to_owned())
        .collect();
    assert_eq!(mkcols.len(), 3, "{mkcols:?}");
    assert!(mkcols[0].len() < mkcols[1].len() && mkcols[1].len() < mkcols[2].len());
    let items = handover::items(&store, job).unwrap();
    let a = items.iter().find(|i| i.source == "/Docs/a.txt").unwrap();
    assert_eq!(a.copied_size, Some(5));
    assert_eq!(
        a.content_hash.as_deref(),
        Some("SHA1:be76331b95dfc399cd776d2fc68021e0db03cc4f")
    );
    assert!(a.target_etag.as_deref().unwrap().starts_with("etag"));

    // Resume: the server now takes it; only the failed file is written again.
    double.0.lock().unwrap().refuse.clear();
    let posts_before = double.0.lock().unwrap().posts.len();
    let second = handover::run_copy(
        &store,
        job,
        &source,
        &target(&s),
        &options,
        &cancel,
        &mut ignore,
    )
    .await
    .unwrap();
    assert_eq!((second.copied, second.failed), (1, 0), "{second:?}");
    let got = double.0.lock().unwrap();
    assert_eq!(got.posts[posts_before..], [vec![refused.clone()]]);
    assert_eq!(got.written[&refused], b"charlie");
    assert_eq!(
        states(&store, job)["file:/Docs/Sub/c.txt"].0,
        ItemState::Copied
    );
}

/// A server without `dav.bulkupload` gets today's requests: one PUT per file, no POST.
#[tokio::test]
async fn without_the_capability_every_file_goes_by_put() {
    let (_dir, store) = store();
    let source = source();
    let selection = Selection {
        files: vec!["/Docs".into()],
        ..Default::default()
    };
    let plan = plan_mem(&source, &mem(), selection).await;
    let job = handover::create_job(&store, &plan).unwrap();
    let double = BulkDouble::default();
    let s = nextcloud(false, &double, "never-refused").await;
    let options = handover::RunOptions {
        verify: false,
        ..quick()
    };
    let cancel = CancellationToken::new();
    let mut ignore = |_: handover::Progress| {};
    let outcome = handover::run_copy(
        &store,
        job,
        &source,
        &target(&s),
        &options,
        &cancel,
        &mut ignore,
    )
    .await
    .unwrap();
    assert_eq!((outcome.copied, outcome.failed), (9, 0), "{outcome:?}");
    assert!(double.0.lock().unwrap().posts.is_empty());
    let requests = s.received_requests().await.unwrap();
    assert_eq!(puts(&requests).len(), 6);
    assert!(requests.iter().all(|r| r.method.as_str() != "POST"));
}

/// A real zip answer of Nextcloud 29.0.6 (passerelle-nextcloud's
/// `tests/fixtures/nc29/files-zip-download-*`).
fn zip_capture(name: &str) -> Vec<u8> {
    let dir = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../passerelle-nextcloud/tests/fixtures/nc29")
        .join(name)
        .join("response.body");
    std::fs::read(dir).unwrap()
}

// Doubles built from real Nextcloud 29.0.6 captures: files-zip-download-200 and
// files-zip-download-missing-name (a name the server does not find is left out of the zip).
#[tokio::test]
async fn a_nextcloud_source_sends_the_small_files_of_a_folder_in_one_zip() {
    use handover::FileSource;
    use passerelle_nextcloud::dav::RemotePath;
    let s = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path_regex("^/index.php/apps/files/ajax/download.php$"))
        .and(wiremock::matchers::query_param("dir", "/Zip"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_raw(zip_capture("files-zip-download-200"), "application/zip"),
        )
        .up_to_n_times(1)
        .mount(&s)
        .await;
    Mock::given(method("GET"))
        .and(path_regex("^/index.php/apps/files/ajax/download.php$"))
        .respond_with(ResponseTemplate::new(200).set_body_raw(
            zip_capture("files-zip-download-missing-name"),
            "application/zip",
        ))
        .mount(&s)
        .await;
    let source = DavFiles::nextcloud(&test_client(&s.uri(), "alice")).unwrap();
    let folder = RemotePath::parse("/Zip").unwrap();
    let names = ["compte rendu.txt", "liste \u{e9}t\u{e9}.csv", "vide.txt"].map(str::to_owned);
    let got = source
        .download_batch(&folder, &names, 10_000)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        got[0].as_deref(),
        Some(&b"Compte rendu du 21 novembre\n"[..])
    );
    assert_eq!(
        got[1].as_deref(),
        Some("nom;pr\u{e9}nom\nMartin;Alice\n".as_bytes())
    );
    assert_eq!(got[2].as_deref(), Some(&b""[..]));
    let names = ["compte rendu.txt", "absent.txt"].map(str::to_owned);
    let got = source
        .download_batch(&folder, &names, 10_000)
        .await
        .unwrap()
        .unwrap();
    assert!(got[0].is_some() && got[1].is_none(), "{got:?}");
    // Nextcloud 30 and later serve a web page there: asked once, then not again.
    let later = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path_regex("^/index.php/apps/files/ajax/download.php$"))
        .respond_with(
            ResponseTemplate::new(200).set_body_raw("<!DOCTYPE html>", "text/html; charset=UTF-8"),
        )
        .expect(1)
        .mount(&later)
        .await;
    let newer = DavFiles::nextcloud(&test_client(&later.uri(), "alice")).unwrap();
    assert!(newer.download_batch(&folder, &names, 10_000).await.is_err());
    assert!(
        newer
            .download_batch(&folder, &names, 10_000)
            .await
            .unwrap()
            .is_none()
    );
    // A plain WebDAV source does not offer it.
    let plain = DavFiles::at(
        &test_client(&s.uri(), "alice"),
        url::Url::parse(&format!("{}/dav/alice/", s.uri())).unwrap(),
    );
    assert!(
        plain
            .download_batch(&folder, &names, 10_000)
            .await
            .unwrap()
            .is_none()
    );
}

// Doubles built from real Nextcloud 29.0.6 captures: files-zip-download-200 for the source's
// folder, capabilities and bulk answers for the target (see the module's comment).
/// Nextcloud to Nextcloud: a folder's small files are read with one zip request (one left out
/// of the zip is read alone) and written with one bulk request; nothing else per file.
#[tokio::test]
async fn nextcloud_to_nextcloud_small_files_take_one_zip_and_one_bulk_request() {
    let (_dir, store) = store();
    let plan_source = mem();
    let csv = "nom;pr\u{e9}nom\nMartin;Alice\n";
    files(&plan_source)
        .file("/Zip/compte rendu.txt", b"Compte rendu du 21 novembre\n")
        .file("/Zip/liste \u{e9}t\u{e9}.csv", csv.as_bytes())
        .file("/Zip/vide.txt", b"")
        .file("/Zip/extra.txt", b"not in the zip");
    let selection = Selection {
        files: vec!["/Zip".into()],
        ..Default::default()
    };
    let plan = plan_mem(&plan_source, &mem(), selection).await;
    let job = handover::create_job(&store, &plan).unwrap();
    let double = BulkDouble::default();
    let s = nextcloud(true, &double, "never-refused").await;
    Mock::given(method("GET"))
        .and(path_regex("^/index.php/apps/files/ajax/download.php$"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_raw(zip_capture("files-zip-download-200"), "application/zip"),
        )
        .expect(1)
        .mount(&s)
        .await;
    Mock::given(method("GET"))
        .and(path_regex("^/remote.php/dav/files/alice/Zip/extra.txt$"))
        .respond_with(ResponseTemplate::new(200).set_body_bytes(&b"not in the zip"[..]))
        .expect(1)
        .mount(&s)
        .await;
    let source: handover::DavSide = Side {
        files: Some(DavFiles::nextcloud(&test_client(&s.uri(), "alice")).unwrap()),
        calendars: None,
        contacts: None,
    };
    let options = handover::RunOptions {
        verify: false,
        ..quick()
    };
    let cancel = CancellationToken::new();
    let mut ignore = |_: handover::Progress| {};
    let outcome = handover::run_copy(
        &store,
        job,
        &source,
        &target_of(&s, 10),
        &options,
        &cancel,
        &mut ignore,
    )
    .await
    .unwrap();
    assert_eq!(outcome.failed, 0, "{outcome:?}");
    {
        let got = double.0.lock().unwrap();
        assert_eq!(got.posts.len(), 1, "{:?}", got.posts);
        assert_eq!(got.written.len(), 4);
        assert_eq!(
            got.written[&format!("{DEST}/Zip/liste \u{e9}t\u{e9}.csv")],
            csv.as_bytes()
        );
        assert_eq!(
            got.written[&format!("{DEST}/Zip/extra.txt")],
            b"not in the zip"
        );
    }
    let requests = s.received_requests().await.unwrap();
    let per_file = requests
        .iter()
        .filter(|r| {
            matches!(r.method.as_str(), "GET" | "PUT") && r.url.path().contains("/dav/files/")
        })
        .count();
    assert_eq!(
        per_file, 1,
        "only the file left out of the zip is read alone"
    );
}

//! A real WebDAV server for files: `rclone serve webdav` (Debian package `rclone`) on a
//! temporary folder. Fails, never skips, when rclone is missing.

use futures_util::StreamExt;
use url::Url;

use crate::support::client;
use crate::support::process::{RealServer as Rclone, rclone_webdav as rclone};
use passerelle_nextcloud::dav::RemotePath;
use passerelle_nextcloud::dav::files::{Files, UploadOptions};

fn files(server: &Rclone) -> Files {
    let c = client(&server.base, "alice", "unused");
    Files::at(&c, Url::parse(&server.base).unwrap())
}

fn p(path: &str) -> RemotePath {
    RemotePath::parse(path).unwrap()
}

#[tokio::test]
async fn special_names_round_trip() {
    let server = rclone();
    let files = files(&server);
    let folder = p("/Special names");
    files.create_folder(&folder).await.unwrap();
    let names = [
        "name with spaces.txt",
        "hash#tag.txt",
        "100% sure.txt",
        "Tom & Jerry.txt",
        "a+b=c;d.txt",
        "emoji \u{1F600}\u{1F389}.txt",
        "r\u{e9}sum\u{e9}.txt",
        "Noe\u{308}l.txt", // NFD on input: sent and listed as NFC
        "(parens) [brackets] {braces}.txt",
        "question?.txt",
    ];
    let long = format!("{}.txt", "L".repeat(196));
    for name in names.iter().copied().chain([long.as_str()]) {
        files
            .upload_bytes(
                &folder.join(name).unwrap(),
                name.as_bytes().to_vec(),
                &UploadOptions::default(),
            )
            .await
            .unwrap_or_else(|e| panic!("{name}: {e}"));
    }
    let listed = files.list(&folder).await.unwrap();
    let mut got: Vec<String> = listed.iter().map(|e| e.name().to_owned()).collect();
    got.sort();
    let mut want: Vec<String> = names
        .iter()
        .map(|n| n.replace("e\u{308}", "\u{eb}"))
        .chain([long.clone()])
        .collect();
    want.sort();
    assert_eq!(got, want);
    // On disk too, the NFD name arrived as NFC.
    assert!(
        server
            .dir
            .path()
            .join("data/Special names/No\u{eb}l.txt")
            .is_file()
    );
    for entry in &listed {
        assert!(!entry.is_dir);
        let body = files.download_bytes(&entry.path).await.unwrap();
        assert_eq!(body.len() as u64, entry.size.unwrap());
    }
    let hash = files
        .stat(&folder.join("hash#tag.txt").unwrap())
        .await
        .unwrap();
    assert_eq!(hash.size, Some("hash#tag.txt".len() as u64));
    assert!(hash.etag.is_some() && hash.modified.is_some());
    let dir = files.stat(&folder).await.unwrap();
    assert!(dir.is_dir);
}

#[tokio::test]
async fn mkcol_move_copy_delete() {
    let server = rclone();
    let files = files(&server);
    files.create_folder(&p("/A")).await.unwrap();
    assert!(
        files
            .create_folder(&p("/missing/child"))
            .await
            .unwrap_err()
            .is_conflict()
    );
    files
        .upload_bytes(&p("/A/one.txt"), &b"one"[..], &UploadOptions::default())
        .await
        .unwrap();
    files
        .copy_to(&p("/A/one.txt"), &p("/A/two.txt"), false)
        .await
        .unwrap();
    let e = files
        .copy_to(&p("/A/one.txt"), &p("/A/two.txt"), false)
        .await
        .unwrap_err();
    assert!(e.is_conflict(), "{e:?}");
    files
        .copy_to(&p("/A/one.txt"), &p("/A/two.txt"), true)
        .await
        .unwrap();
    files
        .move_to(&p("/A/two.txt"), &p("/A/deux.txt"), false)
        .await
        .unwrap();
    assert!(
        files
            .stat(&p("/A/two.txt"))
            .await
            .unwrap_err()
            .is_not_found()
    );
    assert_eq!(
        &files.download_bytes(&p("/A/deux.txt")).await.unwrap()[..],
        b"one"
    );
    files.delete(&p("/A")).await.unwrap();
    assert!(files.stat(&p("/A")).await.unwrap_err().is_not_found());
    assert!(files.list(&RemotePath::root()).await.unwrap().is_empty());
}

#[tokio::test]
async fn streaming_a_multi_megabyte_file() {
    let server = rclone();
    let files = files(&server);
    const SIZE: usize = 6 * 1024 * 1024 + 123;
    let data: Vec<u8> = (0..SIZE).map(|i| (i * 31 % 251) as u8).collect();
    let chunks: Vec<std::io::Result<bytes::Bytes>> = data
        .chunks(64 * 1024)
        .map(|c| Ok(bytes::Bytes::copy_from_slice(c)))
        .collect();
    files
        .upload_stream(
            &p("/big.bin"),
            futures_util::stream::iter(chunks),
            Some(SIZE as u64),
            &UploadOptions::default(),
        )
        .await
        .unwrap();
    assert_eq!(
        files.stat(&p("/big.bin")).await.unwrap().size,
        Some(SIZE as u64)
    );
    let mut download = files.download(&p("/big.bin")).await.unwrap();
    assert_eq!(download.content_length, Some(SIZE as u64));
    let mut received = Vec::with_capacity(SIZE);
    let mut pieces = 0;
    while let Some(piece) = download.stream.next().await {
        received.extend_from_slice(&piece.unwrap());
        pieces += 1;
    }
    assert!(pieces > 1, "the body arrived as a stream");
    assert!(received == data, "downloaded bytes differ");
}

#[tokio::test]
async fn names_that_would_escape_are_refused_before_any_request() {
    let root = RemotePath::root();
    for bad in ["..", "a/b", "a\0b", "", "."] {
        assert_eq!(
            root.join(bad).unwrap_err().code(),
            "invalid-name",
            "{bad:?}"
        );
    }
    assert!(RemotePath::parse("/x/../../etc/passwd").is_err());
}

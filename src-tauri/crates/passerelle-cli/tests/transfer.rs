//! `passerelle-cli transfer …` against real servers (rclone serving two members' folders,
//! Radicale with two users): a run killed with SIGKILL in the middle, then `resume` — the
//! destination ends identical to the source, nothing duplicated — and the plan, report and
//! unavailable-strategy paths.

#[path = "../../passerelle-nextcloud/tests/support/process.rs"]
mod process;

use std::collections::BTreeMap;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use passerelle_nextcloud::Client;
use passerelle_nextcloud::dav::caldav::{CalDav, PutMode};
use passerelle_nextcloud::dav::carddav::CardDav;
use process::{MemberServers as Servers, member_servers as servers};
use url::Url;

fn client(base: &str, user: &str) -> Client {
    Client::builder(base)
        .credentials(user, "x")
        .timeout(Duration::from_secs(10))
        .build()
        .unwrap()
}

async fn fill_dav(dav: &str, events: usize, cards: usize) {
    let c = client(dav, "alice");
    let home = Url::parse(&format!("{dav}/alice/")).unwrap();
    let caldav = CalDav::at(&c, home.clone());
    let cal = caldav
        .create_calendar("asso", "Agenda de l'asso", Some("#2E7D32"), &["VEVENT"])
        .await
        .unwrap();
    for i in 0..events {
        let ics = format!(
            "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//passerelle//tests//EN\r\nBEGIN:VEVENT\r\n\
             UID:event-{i}@asso\r\nDTSTAMP:20261121T060000Z\r\nDTSTART:20261201T090000Z\r\n\
             DTEND:20261201T100000Z\r\nSUMMARY:Événement {i}\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
        );
        caldav.put(&cal, &ics, &PutMode::Create).await.unwrap();
    }
    let carddav = CardDav::at(&c, home);
    let book = carddav
        .create_address_book("members", "Membres", None)
        .await
        .unwrap();
    for i in 0..cards {
        let vcf = format!(
            "BEGIN:VCARD\r\nVERSION:4.0\r\nUID:member-{i}\r\nFN:Membre {i}\r\nEND:VCARD\r\n"
        );
        carddav.put(&book, &vcf, &PutMode::Create).await.unwrap();
    }
}

fn disk_tree(root: &Path) -> BTreeMap<String, Option<Vec<u8>>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for e in std::fs::read_dir(&dir).unwrap() {
            let e = e.unwrap();
            let rel = e
                .path()
                .strip_prefix(root)
                .unwrap()
                .to_string_lossy()
                .into_owned();
            if e.file_type().unwrap().is_dir() {
                stack.push(e.path());
                out.insert(rel, None);
            } else {
                out.insert(rel, Some(std::fs::read(e.path()).unwrap()));
            }
        }
    }
    out
}

fn count_files(root: &Path) -> usize {
    if !root.exists() {
        return 0;
    }
    disk_tree(root).values().filter(|v| v.is_some()).count()
}

/// The sides' arguments for rclone + Radicale (not Nextcloud: explicit DAV roots).
fn sides(s: &Servers) -> Vec<String> {
    let mut args = Vec::new();
    for (side, user) in [("from", "alice"), ("to", "bob")] {
        args.extend([
            format!("--{side}-server"),
            s.files.clone(),
            format!("--{side}-user"),
            user.to_owned(),
            format!("--{side}-name"),
            if user == "alice" {
                "Alice Martin"
            } else {
                "Bob"
            }
            .to_owned(),
            format!("--{side}-files-url"),
            format!("{}/{user}/", s.files),
            format!("--{side}-calendars-url"),
            format!("{}/{user}/", s.dav),
            format!("--{side}-contacts-url"),
            format!("{}/{user}/", s.dav),
        ]);
    }
    args
}

fn cli(data: &Path) -> Command {
    let mut cmd = crate::cli(data);
    cmd.env("PASSERELLE_FROM_APP_PASSWORD", "from-secret")
        .env("PASSERELLE_TO_APP_PASSWORD", "to-secret")
        .stdin(Stdio::null());
    cmd
}

fn tree(root: &Path) {
    for d in 0..12 {
        let dir = root.join(format!("Dossier {d:02}"));
        std::fs::create_dir_all(&dir).unwrap();
        for f in 0..50 {
            let body = format!("{d}-{f} ").repeat(300 + f * 40);
            std::fs::write(dir.join(format!("pièce #{f:02}.txt")), body).unwrap();
        }
    }
    std::fs::create_dir_all(root.join("Vide/Très vide")).unwrap();
    std::fs::write(root.join("zéro.txt"), b"").unwrap();
    let big: Vec<u8> = (0..3_000_000usize).map(|i| (i % 241) as u8).collect();
    std::fs::write(root.join("gros fichier.bin"), big).unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_run_killed_midway_is_resumed_to_an_identical_destination() {
    let s = servers(tree);
    fill_dav(&s.dav, 30, 10).await;
    let data = tempfile::tempdir().unwrap();
    let bob = s.dir.path().join("files/bob");

    let mut child = cli(data.path())
        .args([
            "transfer",
            "run",
            "--all",
            "--parallel",
            "2",
            "--lang",
            "en",
        ])
        .args(sides(&s))
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Kill it once a good part of the files has arrived, whatever it is doing.
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let arrived = count_files(&bob);
        if arrived >= 150 {
            break;
        }
        assert!(
            child.try_wait().unwrap().is_none(),
            "the run ended before it could be killed ({arrived} files)"
        );
        assert!(Instant::now() < deadline, "no progress: {arrived} files");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    child.kill().unwrap(); // SIGKILL
    let status = child.wait().unwrap();
    assert!(!status.success());
    let arrived = count_files(&bob);
    assert!(arrived < 602, "killed midway ({arrived} of 602 files)");
    eprintln!("killed with {arrived} of 602 files at the destination");

    let out = cli(data.path())
        .args(["transfer", "resume", "1", "--lang", "en"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("Complete"), "{text}");

    // The destination is the source, byte for byte, with nothing extra.
    let folders: Vec<_> = std::fs::read_dir(&bob)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(folders.len(), 1, "one destination folder: {folders:?}");
    assert!(
        folders[0]
            .file_name()
            .unwrap()
            .to_string_lossy()
            .starts_with("Transferred from Alice Martin on ")
    );
    assert_eq!(
        disk_tree(&folders[0]),
        disk_tree(&s.dir.path().join("files/alice"))
    );
    // Calendars and contacts: each UID exactly once.
    let c = client(&s.dav, "bob");
    let home = Url::parse(&format!("{}/bob/", s.dav)).unwrap();
    let cals = CalDav::at(&c, home.clone()).calendars().await.unwrap();
    assert_eq!(cals.len(), 1);
    assert_eq!(cals[0].display_name.as_deref(), Some("Agenda de l'asso"));
    let events = CalDav::at(&c, home.clone())
        .objects(&cals[0].url)
        .await
        .unwrap();
    let mut uids: Vec<_> = events.iter().filter_map(|o| o.uid.clone()).collect();
    uids.sort();
    uids.dedup();
    assert_eq!((events.len(), uids.len()), (30, 30));
    let books = CardDav::at(&c, home.clone()).address_books().await.unwrap();
    let cards = CardDav::at(&c, home).objects(&books[0].url).await.unwrap();
    assert_eq!(cards.len(), 10);

    // The report keeps both runs: the killed one never ended.
    let out = cli(data.path())
        .args(["transfer", "report", "1", "--json"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["job"]["state"], "verified");
    let runs = report["runs"].as_array().unwrap();
    assert_eq!(runs.len(), 2);
    assert!(runs[0]["endedAt"].is_null() && runs[1]["endedAt"].is_string());
    assert_eq!(report["verification"]["complete"], true);
    let html = data.path().join("report.html");
    let out = cli(data.path())
        .args([
            "transfer", "report", "1", "--format", "html", "--lang", "fr", "--output",
        ])
        .arg(&html)
        .output()
        .unwrap();
    assert!(out.status.success());
    let page = std::fs::read_to_string(&html).unwrap();
    assert!(page.contains("Passation des données — Alice Martin") && page.contains("Vérifié"));
    let out = cli(data.path())
        .args(["transfer", "verify", "1", "--deep", "--json"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn plan_is_a_dry_run_and_unavailable_strategies_say_so() {
    let s = servers(|root| {
        std::fs::create_dir_all(root.join("Docs")).unwrap();
        std::fs::write(root.join("Docs/a.txt"), b"a").unwrap();
        std::fs::write(root.join("Docs/b?.txt"), b"b").unwrap();
    });
    let data = tempfile::tempdir().unwrap();
    let out = cli(data.path())
        .args(["transfer", "plan", "--files", "/Docs", "--json"])
        .args(sides(&s))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let plan: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(plan["totals"]["files"], 2);
    assert_eq!(plan["strategy"]["chosen"], "streamed-copy");
    assert_eq!(plan["nameWarnings"][0]["reason"], "name-windows-characters");
    assert_eq!(
        std::fs::read_dir(s.dir.path().join("files/bob"))
            .unwrap()
            .count(),
        0
    );

    let out = cli(data.path())
        .args([
            "transfer",
            "plan",
            "--all",
            "--strategy",
            "native",
            "--json",
        ])
        .args(sides(&s))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(err["error"]["code"], "handover-strategy-unavailable");
    let out = cli(data.path())
        .args([
            "transfer",
            "plan",
            "--all",
            "--strategy",
            "native",
            "--lang",
            "en",
        ])
        .args(sides(&s))
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&out.stderr).contains("not available yet"));

    let out = cli(data.path())
        .args(["transfer", "plan", "--files", "/Docs/../..", "--json"])
        .args(sides(&s))
        .output()
        .unwrap();
    let err: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(err["error"]["code"], "handover-selection");
    let out = cli(data.path())
        .args(["transfer", "list", "--json"])
        .output()
        .unwrap();
    assert_eq!(
        serde_json::from_slice::<serde_json::Value>(&out.stdout).unwrap(),
        serde_json::json!([])
    );
}

//! `passerelle-cli workshop …` and `tours new` as a trainer uses them, with the real binary.
//! Server doubles: the user and group listings replay the Nextcloud 29.0.6 captures; creating,
//! disabling and deleting answer with the envelopes recorded from the 29.0.6 lab (the shared
//! captures hold no provisioning writes).

// Also loaded by `doubles.rs`; each test module keeps its own copy of the small helper.
#[allow(clippy::duplicate_mod)]
#[path = "../../passerelle-nextcloud/tests/support/capture.rs"]
mod capture;

use std::path::Path;
use std::process::Output;

use capture::Capture;
use passerelle_core::tours::ProgressKey;
use passerelle_core::tours::StepState;
use passerelle_core::{DataPaths, Store};
use wiremock::matchers::{method, path, path_regex};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

/// Runs the CLI with the admin password on standard input.
async fn run(data_dir: &Path, args: &[&str]) -> Output {
    use std::io::Write;
    let mut cmd = crate::cli(data_dir);
    cmd.args(args)
        .env_remove("DBUS_SESSION_BUS_ADDRESS")
        .env_remove("PASSERELLE_APP_PASSWORD")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped());
    tokio::task::spawn_blocking(move || {
        let mut child = cmd.spawn().unwrap();
        child
            .stdin
            .take()
            .unwrap()
            .write_all(b"admin-app-password\n")
            .unwrap();
        child.wait_with_output().unwrap()
    })
    .await
    .unwrap()
}

fn text(out: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

fn ok(data: &str) -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_raw(
        format!(
            r#"{{"ocs":{{"meta":{{"status":"ok","statuscode":200,"message":"OK"}},"data":{data}}}}}"#
        ),
        "application/json; charset=utf-8",
    )
}

async fn space() -> MockServer {
    let server = MockServer::start().await;
    for name in ["ocs-admin-users-limit2", "ocs-admin-groups"] {
        let c = Capture::load(name, &server.uri());
        c.mock().respond_with(c.response()).mount(&server).await;
    }
    Mock::given(method("POST"))
        .and(path("/ocs/v2.php/cloud/users"))
        .respond_with(|req: &Request| {
            let id = url::form_urlencoded::parse(&req.body)
                .find(|(k, _)| k == "userid")
                .map(|(_, v)| v.into_owned())
                .unwrap_or_default();
            ok(&format!(r#"{{"id":"{id}"}}"#))
        })
        .mount(&server)
        .await;
    Mock::given(method("DELETE"))
        .and(path_regex("^/ocs/v2.php/cloud/users/[^/]+$"))
        .respond_with(ok("[]"))
        .mount(&server)
        .await;
    server
}

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

#[tokio::test]
async fn tours_new_scaffolds_a_tour_that_validates() {
    let dir = tempfile::tempdir().unwrap();
    let pack = dir.path().join("mes-parcours");
    let pack_arg = pack.to_str().unwrap();
    let out = run(
        dir.path(),
        &[
            "--lang",
            "en",
            "tours",
            "new",
            "first-steps",
            "--pack",
            pack_arg,
        ],
    )
    .await;
    assert!(out.status.success(), "{}", text(&out));
    for file in [
        "pack.toml",
        "tours/first-steps/tour.toml",
        "locales/fr/first-steps.ftl",
        "locales/en/first-steps.ftl",
    ] {
        assert!(pack.join(file).is_file(), "{file}");
    }
    let out = run(dir.path(), &["--lang", "en", "tours", "validate", pack_arg]).await;
    assert!(out.status.success(), "{}", text(&out));
    assert!(text(&out).contains("no problem"), "{}", text(&out));
    // Never overwrites an author's work.
    std::fs::write(pack.join("tours/first-steps/tour.toml"), "edited").unwrap();
    let out = run(
        dir.path(),
        &[
            "--lang",
            "en",
            "tours",
            "new",
            "first-steps",
            "--pack",
            pack_arg,
        ],
    )
    .await;
    assert!(!out.status.success());
    assert_eq!(
        std::fs::read_to_string(pack.join("tours/first-steps/tour.toml")).unwrap(),
        "edited"
    );
    assert!(
        text(&out).contains("already exists in this pack"),
        "{}",
        text(&out)
    );
    let out = run(
        dir.path(),
        &[
            "--lang",
            "fr",
            "tours",
            "new",
            "Premiers_Pas",
            "--pack",
            pack_arg,
        ],
    )
    .await;
    assert!(!out.status.success());
    assert!(text(&out).contains("lettres minuscules"), "{}", text(&out));
}

#[tokio::test]
async fn accounts_plan_create_list_and_cleanup() {
    let server = space().await;
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.csv");
    std::fs::write(
        &bad,
        "nom;courriel;groupe\nAnne Dupont;anne@example.org;asso\nAlice;;\n;x@example.org;\n",
    )
    .unwrap();
    let uri = server.uri();
    let admin = ["--server", uri.as_str(), "--login", "admin"];
    let mut args = vec!["--lang", "en", "workshop", "accounts", "plan"];
    args.extend(admin);
    args.extend(["--csv", bad.to_str().unwrap()]);
    let out = run(dir.path(), &args).await;
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    assert_eq!(
        stdout.lines().collect::<Vec<_>>(),
        [
            "Line 3: an account with this login already exists in the space (alice)",
            "Line 4: the name is empty (—)",
        ]
    );
    assert!(writes(&server).await.is_empty());

    let good = dir.path().join("good.csv");
    std::fs::write(&good, "name,group\nAnne Dupont,asso\nBruno Léger,asso\n").unwrap();
    let sheet = dir.path().join("sheet.html");
    let mut args = vec!["--lang", "fr", "workshop", "accounts", "create"];
    args.extend(admin);
    args.extend([
        "--csv",
        good.to_str().unwrap(),
        "--sheet",
        sheet.to_str().unwrap(),
    ]);
    let out = run(dir.path(), &args).await;
    assert!(out.status.success(), "{}", text(&out));
    let html = std::fs::read_to_string(&sheet).unwrap();
    assert!(html.contains("anne.dupont") && html.contains("bruno.leger"));
    assert!(html.contains("Mot de passe"));
    assert_eq!(writes(&server).await.len(), 2);

    let out = run(
        dir.path(),
        &["--json", "workshop", "accounts", "list", "--server", &uri],
    )
    .await;
    let listed: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(listed.as_array().unwrap().len(), 2);
    assert_eq!(listed[0]["userId"], "anne.dupont");
    assert_eq!(listed[0]["state"], "created");

    // Without --yes: listed, nothing sent.
    let mut args = vec![
        "--lang", "en", "workshop", "accounts", "cleanup", "--delete",
    ];
    args.extend(admin);
    let out = run(dir.path(), &args).await;
    assert!(out.status.success());
    assert!(
        text(&out).contains("anne.dupont (Anne Dupont)"),
        "{}",
        text(&out)
    );
    assert!(text(&out).contains("--yes"));
    assert_eq!(writes(&server).await.len(), 2);
    args.push("--yes");
    let out = run(dir.path(), &args).await;
    assert!(out.status.success(), "{}", text(&out));
    assert_eq!(
        writes(&server).await[2..],
        [
            "DELETE /ocs/v2.php/cloud/users/anne.dupont",
            "DELETE /ocs/v2.php/cloud/users/bruno.leger"
        ]
    );
}

#[tokio::test]
async fn pack_progress_and_reset_as_a_trainer_uses_them() {
    let root = tempfile::tempdir().unwrap();
    let trainer = root.path().join("trainer");
    let laptop = root.path().join("laptop");
    let zip = root.path().join("atelier.zip");
    let out = run(
        &trainer,
        &[
            "--lang",
            "en",
            "workshop",
            "pack",
            "export",
            "--name",
            "Atelier",
            "--tour",
            "discover",
            "--tour",
            "files",
            "--id",
            "atelier",
            "--out",
            zip.to_str().unwrap(),
        ],
    )
    .await;
    assert!(out.status.success(), "{}", text(&out));
    let out = run(
        &laptop,
        &[
            "--lang",
            "en",
            "workshop",
            "pack",
            "import",
            zip.to_str().unwrap(),
        ],
    )
    .await;
    assert!(out.status.success(), "{}", text(&out));
    assert!(
        laptop
            .join("workshop-packs/atelier/workshop.toml")
            .is_file()
    );
    let out = run(&laptop, &["--json", "workshop", "plans"]).await;
    let plans: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        plans,
        serde_json::json!([{ "name": "Atelier", "tours": ["discover", "files"] }])
    );

    // A participant works on the laptop.
    {
        let store = Store::open(&DataPaths::at(&laptop)).unwrap();
        let profile = store.create_profile("Camille").unwrap().id;
        let key = ProgressKey {
            profile_id: profile,
            account_id: None,
            tour_id: "files",
        };
        store
            .record_step(key, "welcome", StepState::Done, None, false)
            .unwrap();
    }
    let file = root.path().join("poste-1.json");
    let out = run(
        &laptop,
        &[
            "workshop",
            "progress",
            "export",
            "--laptop",
            "poste-1",
            "--out",
            file.to_str().unwrap(),
        ],
    )
    .await;
    assert!(out.status.success(), "{}", text(&out));
    let out = run(
        &trainer,
        &["workshop", "progress", "import", file.to_str().unwrap()],
    )
    .await;
    assert!(out.status.success(), "{}", text(&out));
    let csv = root.path().join("table.csv");
    let out = run(
        &trainer,
        &[
            "workshop",
            "progress",
            "table",
            "--csv",
            csv.to_str().unwrap(),
        ],
    )
    .await;
    assert!(out.status.success(), "{}", text(&out));
    let table = std::fs::read_to_string(&csv).unwrap();
    assert!(
        table.contains("\nCamille,files,welcome,done,poste-1,"),
        "{table}"
    );

    // Reset: listed first, then done with --yes.
    let web = laptop.join("web-sessions");
    std::fs::create_dir_all(&web).unwrap();
    std::fs::write(web.join("cookies"), b"x").unwrap();
    let out = run(&laptop, &["--lang", "en", "workshop", "reset"]).await;
    assert!(text(&out).contains("(1: Camille)"), "{}", text(&out));
    assert!(web.join("cookies").exists());
    let out = run(
        &laptop,
        &[
            "--json",
            "workshop",
            "reset",
            "--yes",
            "--web-sessions",
            web.to_str().unwrap(),
        ],
    )
    .await;
    assert!(out.status.success(), "{}", text(&out));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["profiles"], serde_json::json!(["Camille"]));
    assert_eq!(report["webSessionEntries"], 1);
    let store = Store::open(&DataPaths::at(&laptop)).unwrap();
    assert!(store.profiles().unwrap().is_empty());
    assert!(!web.join("cookies").exists());
}

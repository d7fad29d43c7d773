//! `passerelle-cli tours …` as authors and trainers use it: problems as `file:line: message —
//! fix` with exit status 1, listing with packs, and a profile's progress as JSON.

use std::path::PathBuf;

use crate::cli;

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../passerelle-core/tests/fixtures/tours")
        .join(name)
}

#[test]
fn validate_prints_each_problem_with_its_line_and_fails() {
    let dir = tempfile::tempdir().unwrap();
    let out = cli(dir.path())
        .args(["tours", "validate", "--lang", "en"])
        .arg(fixture("five-mistakes"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 5, "{text}");
    for line in &lines {
        let (place, rest) = line.split_once(": ").unwrap();
        let (file, number) = place.rsplit_once(':').unwrap();
        assert_eq!(file, "tours/demo/tour.toml");
        assert!(number.parse::<u32>().is_ok(), "{line}");
        assert!(rest.contains(" — "), "{line}");
    }
    assert!(String::from_utf8_lossy(&out.stderr).contains("5 problems found"));

    let out = cli(dir.path())
        .args(["tours", "validate", "--lang", "en"])
        .arg(fixture("good-pack"))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("2 tours checked: no problem."));
}

#[test]
fn list_shows_pack_tours_in_the_chosen_language() {
    let dir = tempfile::tempdir().unwrap();
    let out = cli(dir.path())
        .args(["tours", "list", "--lang", "fr", "--pack"])
        .arg(fixture("good-pack"))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("demo  v1  pack  10 min  Démo : vos fichiers"),
        "{text}"
    );
    assert!(
        text.contains("agenda  v1  pack  5 min  Votre agenda"),
        "{text}"
    );
}

#[test]
fn progress_reports_every_step_of_a_profile_as_json() {
    let dir = tempfile::tempdir().unwrap();
    let out = cli(dir.path())
        .args(["account", "list", "--profile", "Camille"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let out = cli(dir.path())
        .args([
            "tours",
            "progress",
            "--profile",
            "camille",
            "--json",
            "--pack",
        ])
        .arg(fixture("good-pack"))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let demo = report
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["tourId"] == "demo")
        .unwrap();
    assert_eq!(demo["status"], "new");
    assert_eq!(demo["steps"].as_array().unwrap().len(), 6);
    assert!(demo["steps"][0]["status"].is_null());

    let out = cli(dir.path())
        .args(["tours", "progress", "--profile", "Nobody", "--lang", "en"])
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("Nobody"));
}

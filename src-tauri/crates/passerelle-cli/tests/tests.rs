//! Runs the real `passerelle-cli` binary in a temporary data folder, with no display.

mod doubles;
mod tours;
mod transfer;
mod workshop;

use std::process::Command;

pub(crate) fn cli(data_dir: &std::path::Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_passerelle-cli"));
    cmd.env("PASSERELLE_DATA_DIR", data_dir)
        .env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY");
    cmd
}

#[test]
fn version_prints_the_workspace_version() {
    let dir = tempfile::tempdir().unwrap();
    let out = cli(dir.path()).arg("--version").output().unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(
        text.trim(),
        format!("passerelle-cli {}", env!("CARGO_PKG_VERSION"))
    );
}

#[test]
fn doctor_works_without_a_display_in_both_languages() {
    let dir = tempfile::tempdir().unwrap();
    let out = cli(dir.path())
        .args(["doctor", "--lang", "fr"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let fr = String::from_utf8(out.stdout).unwrap();
    assert!(fr.contains("Dossier de données"), "{fr}");
    assert!(fr.contains(&dir.path().display().to_string()), "{fr}");
    assert!(fr.contains("fr, en"), "{fr}");
    let out = cli(dir.path())
        .args(["doctor", "--lang", "en"])
        .output()
        .unwrap();
    let en = String::from_utf8(out.stdout).unwrap();
    assert!(
        en.contains("Data folder")
            && en.contains(&format!(
                "schema {}",
                passerelle_core::store::LATEST_SCHEMA_VERSION
            )),
        "{en}"
    );
    assert!(dir.path().join("passerelle.sqlite3").exists());
}

#[test]
fn doctor_json_is_machine_readable() {
    let dir = tempfile::tempdir().unwrap();
    let out = cli(dir.path()).args(["doctor", "--json"]).output().unwrap();
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        v["schemaVersion"],
        passerelle_core::store::LATEST_SCHEMA_VERSION
    );
    assert_eq!(v["locales"], serde_json::json!(["fr", "en"]));
    assert_eq!(v["profiles"], 0);
    assert!(v["storeNotice"].is_null());
    let tours = v["tours"].as_array().unwrap();
    assert!(
        tours.iter().any(|t| t == "files") && tours.len() >= 8,
        "{tours:?}"
    );
}

#[test]
fn doctor_reports_a_damaged_database_it_set_aside() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("passerelle.sqlite3"), b"not sqlite").unwrap();
    let out = cli(dir.path())
        .args(["doctor", "--lang", "en"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("was damaged. Nothing was deleted"), "{text}");
}

#[test]
fn unusable_data_folder_gives_a_localised_error_and_failure_exit() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("a-file");
    std::fs::write(&file, b"x").unwrap();
    let out = cli(&file.join("sub"))
        .args(["doctor", "--lang", "fr"])
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.starts_with("Erreur : Passerelle ne peut pas utiliser son dossier"),
        "{err}"
    );
}

//! The Fluent locales are complete: every id exists in every language, every file parses, and
//! every id that code refers to (error codes, notices, `t("…")` calls) exists.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use passerelle_core::error::all_codes;
use passerelle_core::i18n::{self, Language};
use passerelle_core::secrets::SECRET_ERROR_CODES;

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../..")
        .canonicalize()
        .unwrap()
}

#[test]
fn every_ftl_file_parses_without_errors() {
    for lang in Language::ALL {
        let sources = i18n::ftl_sources(lang);
        assert!(!sources.is_empty(), "no messages for {lang:?}");
        for (path, text) in sources {
            if let Err((_, errors)) = fluent_syntax::parser::parse(text) {
                panic!("{path}: {errors:?}");
            }
        }
    }
}

#[test]
fn every_id_exists_in_every_locale() {
    let fr = i18n::message_ids(Language::Fr);
    let en = i18n::message_ids(Language::En);
    let only_fr: Vec<_> = fr.difference(&en).collect();
    let only_en: Vec<_> = en.difference(&fr).collect();
    assert!(
        only_fr.is_empty() && only_en.is_empty(),
        "only in fr: {only_fr:?}; only in en: {only_en:?}"
    );
}

#[test]
fn every_error_code_and_notice_has_a_message() {
    let ids = i18n::message_ids(Language::Fr);
    let mut wanted: Vec<String> = all_codes().iter().map(|c| format!("error-{c}")).collect();
    wanted.push("error-unknown".into());
    wanted.extend(
        passerelle_nextcloud::ErrorKind::ALL
            .iter()
            .map(|k| format!("error-{}", k.code())),
    );
    wanted.extend(SECRET_ERROR_CODES.iter().map(|c| format!("error-{c}")));
    wanted.extend(["notice-store-damaged".into(), "notice-store-newer".into()]);
    let missing: Vec<_> = wanted.iter().filter(|id| !ids.contains(*id)).collect();
    assert!(missing.is_empty(), "missing Fluent ids: {missing:?}");
}

/// Collects `t("id"` and `t_args("id"` literals from Rust sources.
fn ids_used_in_rust(dir: &Path, out: &mut BTreeSet<String>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            if !path.ends_with("target") && !path.ends_with("node_modules") {
                ids_used_in_rust(&path, out);
            }
        } else if path.extension().is_some_and(|e| e == "rs") {
            let text = std::fs::read_to_string(&path).unwrap();
            for marker in [".t(\"", ".t_args(\""] {
                for (i, _) in text.match_indices(marker) {
                    let rest = &text[i + marker.len()..];
                    let id: String = rest.chars().take_while(|c| *c != '"').collect();
                    if !id.is_empty() && id != "no-such-message-id" {
                        out.insert(id);
                    }
                }
            }
        }
    }
}

#[test]
fn every_id_used_in_rust_code_exists() {
    let mut used = BTreeSet::new();
    ids_used_in_rust(&repo_root().join("src-tauri"), &mut used);
    assert!(used.len() >= 5, "the scan found too few ids: {used:?}");
    let ids = i18n::message_ids(Language::En);
    let missing: Vec<_> = used.difference(&ids).collect();
    assert!(
        missing.is_empty(),
        "ids used in code but in no locale: {missing:?}"
    );
}

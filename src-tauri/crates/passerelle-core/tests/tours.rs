//! The tours engine: validation of what authors write (fixture packs, one mistake at a time,
//! every bundled tour), packs as folders and zips (unsafe zips refused), progress on real
//! SQLite files (reopened, and after a writer was killed), and the checks:
//! - against real servers started here: `rclone serve webdav` (files) and Radicale
//!   (CalDAV/CardDAV), with the protocol crate's process helpers;
//! - Nextcloud-only parts (shares, quota, app passwords, calendar and address book sharees,
//!   maintenance) against DOUBLES BUILT FROM REAL NEXTCLOUD 29.0.6 CAPTURES
//!   (`shared/nextcloud-captures`, replayed by the protocol crate's capture helper).

// Also loaded by `connect.rs`; each test module keeps its own copy of the small helper.
#[allow(clippy::duplicate_mod)]
#[path = "../../passerelle-nextcloud/tests/support/capture.rs"]
mod capture;
#[path = "../../passerelle-nextcloud/tests/support/process.rs"]
mod process;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use capture::Capture;
use passerelle_core::secrets::{Secret, SecretKey, SecretStorage, Secrets};
use passerelle_core::store::NewAccount;
use passerelle_core::tours::ProgressKey;
use passerelle_core::tours::catalog::{self, LoadedSource};
use passerelle_core::tours::checks::{
    Baseline, CHECK_TYPES, Check, CheckContext, DavRoots, ShareTo,
};
use passerelle_core::tours::{
    self, Catalog, FileSet, LoadedTour, StepState, TourOrigin, TourStatus, TourStep,
};
use passerelle_core::{DataPaths, Language, Store, i18n};
use passerelle_nextcloud::dav::RemotePath;
use passerelle_nextcloud::dav::caldav::{CalDav, PutMode};
use passerelle_nextcloud::dav::carddav::CardDav;
use passerelle_nextcloud::dav::files::{Files, UploadOptions};
use passerelle_nextcloud::{Client, RetryPolicy};
use process::{free_port, radicale, rclone_webdav as rclone};
use time::OffsetDateTime;
use url::Url;
use wiremock::MockServer;
use wiremock::matchers::header;

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/tours")
}

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../..")
}

fn show(problems: &[passerelle_core::tours::TourProblem]) -> String {
    problems.iter().map(|p| format!("{p}\n")).collect()
}

// ---- Validation ------------------------------------------------------------------------------

#[test]
fn a_pack_with_five_mistakes_yields_exactly_five_clear_problems() {
    let set = FileSet::read(&fixtures().join("five-mistakes")).unwrap();
    let source = catalog::load(&set, TourOrigin::Pack);
    assert!(source.tours.is_empty());
    let problems = source.problems();
    assert_eq!(problems.len(), 5, "{}", show(&problems));
    let expected = [
        (
            13,
            "unknown step kind `explian`",
            "use one of `explain`, `task`",
        ),
        (22, "unknown check type `folder-exist`", "`folder-exists`"),
        (
            29,
            "goto `quizz-share` is not a step of this tour",
            "quiz-share",
        ),
        (
            36,
            "message `tour-demo-app-password` is missing in en",
            "locales/en/demo.ftl",
        ),
        (
            43,
            "quiz step `quiz-share` has no correct answer",
            "correct = true",
        ),
    ];
    for (p, (line, message, fix)) in problems.iter().zip(expected) {
        assert_eq!(p.file, "tours/demo/tour.toml");
        assert_eq!(p.line, Some(line), "{p}");
        assert!(p.message.contains(message), "{p}");
        assert!(p.fix.contains(fix), "{p}");
    }
}

#[test]
fn the_good_pack_has_no_problem_and_every_step_kind() {
    let set = FileSet::read(&fixtures().join("good-pack")).unwrap();
    let source = catalog::load(&set, TourOrigin::Pack);
    assert!(source.broken.is_empty(), "{}", show(&source.problems()));
    assert_eq!(source.pack.as_ref().unwrap().id, "asso-demo");
    let ids: Vec<_> = source.tours.iter().map(|t| t.tour.id.as_str()).collect();
    assert_eq!(ids, ["agenda", "demo"]);
}

/// Issue #16 (9): a beginner meets "Discover your space" first, then files, sharing…; the
/// admins' tours come last.
#[test]
fn bundled_tours_are_offered_in_beginner_order() {
    let catalog = Catalog::new();
    let ids: Vec<_> = catalog.tours().iter().map(|t| t.tour.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "discover", "files", "sharing", "calendar", "contacts", "sync", "security", "admins"
        ]
    );
}

/// One tour.toml with one mistake: `(what, toml, expected line, words of the message)`.
const SINGLE_MISTAKES: &[(&str, &str, u32, &str)] = &[
    (
        "bad check fields",
        "[[steps]]\nid = \"a\"\nkind = \"task\"\ntext = \"m\"\ncheck = { type = \"folder-exists\", paht = \"x\" }\n",
        11,
        "unknown field `paht`",
    ),
    (
        "check without its required field",
        "[[steps]]\nid = \"a\"\nkind = \"task\"\ntext = \"m\"\ncheck = { type = \"share-exists\", path = \"/x\" }\n",
        11,
        "missing field `to`",
    ),
    (
        "duplicate step ids",
        "[[steps]]\nid = \"a\"\nkind = \"explain\"\ntext = \"m\"\n\n[[steps]]\nid = \"a\"\nkind = \"explain\"\ntext = \"m\"\n",
        13,
        "step id `a` is used twice (first on line 8)",
    ),
    (
        "min above max",
        "nextcloud = { min = 32, max = 28 }\n[[steps]]\nid = \"a\"\nkind = \"explain\"\ntext = \"m\"\n",
        7,
        "min = 32 is above max = 28",
    ),
    (
        "version below 27",
        "nextcloud = { min = 26 }\n[[steps]]\nid = \"a\"\nkind = \"explain\"\ntext = \"m\"\n",
        7,
        "min = 26 is not a Nextcloud major version",
    ),
    (
        "version above 40",
        "nextcloud = { max = 41 }\n[[steps]]\nid = \"a\"\nkind = \"explain\"\ntext = \"m\"\n",
        7,
        "max = 41 is not a Nextcloud major version",
    ),
    (
        "missing picture",
        "[[steps]]\nid = \"a\"\nkind = \"explain\"\ntext = \"m\"\npicture = \"nope.svg\"\n",
        11,
        "picture `nope.svg` is not in the tour's pictures/ folder",
    ),
    (
        "choice without options",
        "[[steps]]\nid = \"a\"\nkind = \"choice\"\ntext = \"m\"\noptions = []\n",
        11,
        "choice step `a` has no options",
    ),
    (
        "choice with no options key",
        "[[steps]]\nid = \"a\"\nkind = \"choice\"\ntext = \"m\"\n",
        9,
        "`choice` step `a` has no `options`",
    ),
    (
        "highlight without candidates",
        "[[steps]]\nid = \"a\"\nkind = \"highlight\"\ntext = \"m\"\nfallback = \"m\"\n[steps.target]\nwait_ms = 10\n",
        12,
        "highlight step `a` has no target candidates",
    ),
    (
        "highlight without fallback",
        "[[steps]]\nid = \"a\"\nkind = \"highlight\"\ntext = \"m\"\n[steps.target]\ncandidates = [{ selector = \"a\" }]\n",
        9,
        "`highlight` step `a` has no `fallback`",
    ),
    (
        "key of another kind",
        "[[steps]]\nid = \"a\"\nkind = \"explain\"\ntext = \"m\"\nhint = \"m\"\n",
        11,
        "`hint` is not used by `explain` steps",
    ),
    (
        "unknown key",
        "[[steps]]\nid = \"a\"\nkind = \"explain\"\ntext = \"m\"\ntitel = \"m\"\n",
        11,
        "unknown field `titel`",
    ),
    (
        "missing message in both languages",
        "[[steps]]\nid = \"a\"\nkind = \"explain\"\ntext = \"not-a-message\"\n",
        10,
        "message `not-a-message` is missing in fr and en",
    ),
    (
        "task check message missing",
        "[[steps]]\nid = \"a\"\nkind = \"highlight\"\ntext = \"m\"\nfallback = \"m\"\nadvance = \"check\"\n[steps.target]\ncandidates = [{ selector = \"a\" }]\n",
        12,
        "advances on a check but has none",
    ),
    (
        "unknown show value",
        "[[steps]]\nid = \"a\"\nkind = \"explain\"\ntext = \"m\"\nshow = \"caldav\"\n",
        11,
        "show = `caldav` is not known",
    ),
    (
        "show on a task",
        "[[steps]]\nid = \"a\"\nkind = \"quiz\"\ntext = \"m\"\nanswers = [{ label = \"m\", correct = true, feedback = \"m\" }]\nshow = \"caldav-address\"\n",
        12,
        "`show` is not used by `quiz` steps",
    ),
    (
        "bad id",
        "[[steps]]\nid = \"Step_1\"\nkind = \"explain\"\ntext = \"m\"\n",
        8,
        "step id `Step_1` may only use a-z, 0-9 and -",
    ),
];

#[test]
fn each_kind_of_mistake_is_one_problem_on_its_line() {
    let header = "id = \"t\"\nversion = 1\ntitle = \"m\"\nsummary = \"m\"\naudience = \"member\"\nminutes = 3\n";
    let messages: tours::validate::MessageIndex = Language::ALL
        .into_iter()
        .map(|l| (l, ["m".to_owned()].into_iter().collect()))
        .collect();
    let pictures = Default::default();
    let ftl = |l: Language, id: &str| format!("locales/{}/{id}.ftl", l.tag());
    let res = tours::validate::Resources {
        messages: &messages,
        pictures: &pictures,
        ftl_file: &ftl,
    };
    for (what, body, line, words) in SINGLE_MISTAKES {
        // The range mistakes belong in the header: put them before [[steps]].
        let text = format!("{header}{body}");
        let (tour, problems) = tours::validate::check_tour("tour.toml", &text, &res);
        assert!(tour.is_none(), "{what}");
        assert_eq!(problems.len(), 1, "{what}:\n{}", show(&problems));
        assert!(
            problems[0].message.contains(words),
            "{what}: {}",
            problems[0]
        );
        assert_eq!(problems[0].line, Some(*line), "{what}: {}", problems[0]);
        assert!(!problems[0].fix.is_empty(), "{what}");
    }
}

#[test]
fn an_explain_step_may_show_an_address_of_the_account() {
    let header = "id = \"t\"\nversion = 1\ntitle = \"m\"\nsummary = \"m\"\naudience = \"member\"\nminutes = 3\n";
    let messages: tours::validate::MessageIndex = Language::ALL
        .into_iter()
        .map(|l| (l, ["m".to_owned()].into_iter().collect()))
        .collect();
    let pictures = Default::default();
    let ftl = |l: Language, id: &str| format!("locales/{}/{id}.ftl", l.tag());
    let res = tours::validate::Resources {
        messages: &messages,
        pictures: &pictures,
        ftl_file: &ftl,
    };
    for spec in tours::format::SHOW_VALUES {
        let text = format!(
            "{header}[[steps]]\nid = \"a\"\nkind = \"explain\"\ntext = \"m\"\nshow = \"{}\"\n[[steps]]\nid = \"b\"\nkind = \"explain\"\ntext = \"m\"\n",
            spec.name
        );
        let (tour, problems) = tours::validate::check_tour("tour.toml", &text, &res);
        assert!(problems.is_empty(), "{}", show(&problems));
        let tour = tour.unwrap();
        assert!(
            matches!(tour.steps[0].body, tours::format::StepBody::Explain { show: Some(k), .. } if k == spec.kind)
        );
        assert!(matches!(
            tour.steps[1].body,
            tours::format::StepBody::Explain { show: None, .. }
        ));
    }

    // The bundled phone steps, as sent to the UI.
    let bundled = catalog::bundled();
    for (tour_id, value) in [
        ("calendar", "caldav-address"),
        ("contacts", "carddav-address"),
    ] {
        let loaded = bundled.tours.iter().find(|t| t.tour.id == tour_id).unwrap();
        let step = tours::ui_step(loaded, loaded.tour.step("phone").unwrap());
        assert!(
            matches!(&step, TourStep::Explain { show: Some(s), .. } if s == value),
            "{tour_id}: {step:?}"
        );
        let json = serde_json::to_value(&step).unwrap();
        assert_eq!(json["show"], value);
    }
}

#[test]
fn duplicate_tour_ids_and_folder_mismatch_are_problems() {
    let set = FileSet::read(&fixtures().join("good-pack")).unwrap();
    let mut set = set.clone();
    let agenda = set.files["tours/agenda/tour.toml"].clone();
    set.files
        .insert("tours/agenda-copy/tour.toml".into(), agenda);
    let source = catalog::load(&set, TourOrigin::Pack);
    let problems = source.problems();
    assert_eq!(problems.len(), 1, "{}", show(&problems));
    assert!(
        problems[0].message.contains(
            "differs from its folder `agenda-copy` and duplicates the id of tours/agenda/"
        ),
        "{}",
        show(&problems)
    );
    assert_eq!(source.tours.len(), 2, "the others still load");
}

#[test]
fn pack_messages_in_one_language_only_or_broken_are_problems_on_their_line() {
    let mut set = FileSet::read(&fixtures().join("good-pack")).unwrap();
    let fr = set.files.get_mut("locales/fr/demo.ftl").unwrap();
    fr.extend_from_slice(b"tour-demo-extra = Seulement en fran\xc3\xa7ais\n");
    let lines = String::from_utf8_lossy(fr).lines().count() as u32;
    set.files.insert(
        "locales/en/broken.ftl".into(),
        b"# a comment\nbroken message\n".to_vec(),
    );
    let source = catalog::load(&set, TourOrigin::Pack);
    let problems = source.problems();
    assert_eq!(problems.len(), 2, "{}", show(&problems));
    assert_eq!(problems[0].file, "locales/en/broken.ftl");
    assert_eq!(problems[0].line, Some(2));
    assert_eq!(problems[1].file, "locales/fr/demo.ftl");
    assert_eq!(problems[1].line, Some(lines));
    assert!(
        problems[1]
            .message
            .contains("`tour-demo-extra` exists in fr but not in en")
    );
    assert_eq!(source.tours.len(), 2, "the tours themselves still load");
}

/// The content writer's safety net: every tour under `passerelle-core/tours/` validates, as
/// embedded in this build and as on disk now.
#[test]
fn every_bundled_tour_validates() {
    let embedded = catalog::bundled();
    let problems = embedded.problems();
    assert!(
        problems.is_empty(),
        "bundled tours have problems:\n{}",
        show(&problems)
    );

    let mut disk = FileSet::default();
    let tours_dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tours");
    if tours_dir.is_dir() {
        for (k, v) in FileSet::read(&tours_dir).unwrap().files {
            disk.files.insert(format!("tours/{k}"), v);
        }
    }
    for (k, v) in FileSet::read(&repo_root().join("locales")).unwrap().files {
        disk.files.insert(format!("locales/{k}"), v);
    }
    let on_disk = catalog::load(&disk, TourOrigin::Bundled);
    let problems = on_disk.problems();
    assert!(
        problems.is_empty(),
        "tours on disk have problems:\n{}",
        show(&problems)
    );
    let ids = |s: &LoadedSource| {
        s.tours
            .iter()
            .map(|t| t.tour.id.clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(
        ids(embedded),
        ids(&on_disk),
        "the embedded tours are stale: rebuild"
    );
}

#[test]
fn every_check_type_has_its_missing_message_with_known_arguments() {
    for lang in Language::ALL {
        let l10n = passerelle_core::Localizer::new(lang);
        let sources = i18n::ftl_sources(lang);
        let checks = sources
            .iter()
            .find(|(p, _)| p.ends_with("checks.ftl"))
            .map(|(_, t)| *t)
            .expect("locales/<lang>/checks.ftl");
        for (spec, id, args) in CHECK_TYPES.iter().flat_map(|spec| {
            spec.missing_messages()
                .into_iter()
                .map(move |(id, args)| (spec, id, args))
        }) {
            assert!(l10n.has(&id), "{id} missing in {lang:?}");
            // Every `$variable` of the message is an argument the check gives.
            let start = checks.find(&format!("\n{id} =")).unwrap();
            let rest = &checks[start + 1..];
            let end = ["\ncheck-", "\n#", "\n\n"]
                .iter()
                .filter_map(|stop| rest[1..].find(stop).map(|e| e + 1))
                .min()
                .unwrap_or(rest.len());
            for var in rest[..end].split('$').skip(1) {
                let name: String = var
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .collect();
                assert!(
                    args.contains(&name.as_str()),
                    "{id} uses ${name} ({lang:?}), not an argument of {}",
                    spec.name
                );
            }
        }
    }
}

// ---- Packs: folders, zips, replacement -------------------------------------------------------

fn zip_of(dir: &Path, out: &Path, extra: &[(&str, Vec<u8>)]) {
    let file = std::fs::File::create(out).unwrap();
    let mut zip = zip::ZipWriter::new(file);
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    let set = FileSet::read(dir).unwrap();
    for (name, data) in set
        .files
        .iter()
        .map(|(k, v)| (k.as_str(), v.clone()))
        .chain(extra.iter().map(|(k, v)| (*k, v.clone())))
    {
        zip.start_file(format!("pack/{name}"), options).unwrap();
        zip.write_all(&data).unwrap();
    }
    zip.finish().unwrap();
}

#[test]
fn a_zipped_pack_loads_like_its_folder() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("pack.zip");
    zip_of(&fixtures().join("five-mistakes"), &path, &[]);
    let zipped = catalog::load(&FileSet::read(&path).unwrap(), TourOrigin::Pack);
    assert_eq!(zipped.problems().len(), 5, "{}", show(&zipped.problems()));

    let path = dir.path().join("good.zip");
    zip_of(&fixtures().join("good-pack"), &path, &[]);
    let mut catalog = Catalog::with_bundled(LoadedSource::default());
    let report = tours::load_pack(&mut catalog, &path).unwrap();
    assert_eq!(report.loaded.len(), 2);
    assert!(report.broken.is_empty());
    assert!(tours::messages(&catalog, Language::Fr).contains("tour-demo-title = Démo"));
}

#[test]
fn zips_that_escape_or_are_too_big_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    for (name, entry, data) in [
        ("dotdot.zip", "../../evil.txt", b"x".to_vec()),
        ("absolute.zip", "/etc/evil.txt", b"x".to_vec()),
        ("drive.zip", "C:/evil.txt", b"x".to_vec()),
        (
            "big.zip",
            "tours/demo/pictures/huge.png",
            vec![0u8; 9 * 1024 * 1024],
        ),
    ] {
        let path = dir.path().join(name);
        let file = std::fs::File::create(&path).unwrap();
        let mut zip = zip::ZipWriter::new(file);
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        zip.start_file("pack.toml", options).unwrap();
        zip.write_all(b"id = \"x\"\nversion = 1\nname = \"x\"\n")
            .unwrap();
        zip.start_file(entry, options).unwrap();
        zip.write_all(&data).unwrap();
        zip.finish().unwrap();
        let err = FileSet::read(&path).unwrap_err();
        assert_eq!(err.code(), "tour-pack-unsafe", "{name}: {err}");
        let mut catalog = Catalog::with_bundled(LoadedSource::default());
        assert_eq!(
            tours::load_pack(&mut catalog, &path).unwrap_err().code(),
            "tour-pack-unsafe"
        );
    }
    let not_zip = dir.path().join("not.zip");
    std::fs::write(&not_zip, b"hello").unwrap();
    assert_eq!(
        FileSet::read(&not_zip).unwrap_err().code(),
        "tour-pack-unreadable"
    );
}

fn as_bundled(source: &LoadedSource) -> LoadedSource {
    let mut bundled = source.clone();
    bundled.pack = None;
    bundled.tours = source
        .tours
        .iter()
        .map(|t| {
            Arc::new(LoadedTour {
                origin: TourOrigin::Bundled,
                pack: None,
                ..(**t).clone()
            })
        })
        .collect();
    bundled
}

#[test]
fn a_pack_replaces_a_bundled_tour_only_with_a_higher_version() {
    let good = catalog::load(
        &FileSet::read(&fixtures().join("good-pack")).unwrap(),
        TourOrigin::Pack,
    );
    let mut catalog = Catalog::with_bundled(as_bundled(&good));

    // Same version: refused, listed with a fix.
    let report = tours::load_pack(&mut catalog, &fixtures().join("good-pack")).unwrap();
    assert!(report.loaded.is_empty());
    assert_eq!(report.broken.len(), 2);
    assert!(
        report.broken[0].problems[0]
            .fix
            .contains("raise `version` above 1")
    );
    assert_eq!(catalog.get("demo").unwrap().origin, TourOrigin::Bundled);

    // Higher version: replaces (loading the same pack id again replaces the earlier load).
    let dir = tempfile::tempdir().unwrap();
    let mut set = FileSet::read(&fixtures().join("good-pack")).unwrap();
    let text = String::from_utf8(set.files["tours/demo/tour.toml"].clone()).unwrap();
    set.files.insert(
        "tours/demo/tour.toml".into(),
        text.replace("version = 1", "version = 2").into_bytes(),
    );
    for (k, v) in &set.files {
        let p = dir.path().join(k);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, v).unwrap();
    }
    let report = tours::load_pack(&mut catalog, dir.path()).unwrap();
    assert_eq!(report.loaded.len(), 1, "{report:?}");
    assert_eq!(report.loaded[0].version, 2);
    assert_eq!(report.loaded[0].source, TourOrigin::Pack);
    assert_eq!(catalog.get("demo").unwrap().origin, TourOrigin::Pack);
    assert_eq!(catalog.get("agenda").unwrap().origin, TourOrigin::Bundled);
    assert_eq!(
        tours::broken(&catalog).len(),
        1,
        "only agenda is still refused"
    );
}

// ---- Progress --------------------------------------------------------------------------------

fn good_catalog() -> Catalog {
    let mut catalog = Catalog::with_bundled(LoadedSource::default());
    catalog.load_pack(&fixtures().join("good-pack")).unwrap();
    catalog
}

#[test]
fn progress_survives_reopening_resumes_and_resets() {
    let dir = tempfile::tempdir().unwrap();
    let paths = DataPaths::at(dir.path());
    let catalog = good_catalog();
    let secrets = Secrets::session_only();
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let p = {
        let store = Store::open(&paths).unwrap();
        let p = store.create_profile("Camille").unwrap().id;
        for step in ["welcome", "create-folder"] {
            rt.block_on(tours::step_seen(
                &store, &secrets, &catalog, p, None, "demo", step,
            ))
            .unwrap();
        }
        tours::step_skip(&store, &catalog, p, None, "demo", "create-folder").unwrap();
        tours::hide(&store, &catalog, p, "agenda", true).unwrap();
        assert_eq!(
            tours::step_skip(&store, &catalog, p, None, "demo", "nope")
                .unwrap_err()
                .code(),
            "tour-step-not-found"
        );
        assert_eq!(
            tours::open(&store, &catalog, p, None, "nope")
                .unwrap_err()
                .code(),
            "tour-not-found"
        );
        p
    };
    let store = Store::open(&paths).unwrap();
    let list = rt
        .block_on(tours::list(&store, &secrets, &catalog, p, None))
        .unwrap();
    let demo = list.iter().find(|t| t.id == "demo").unwrap();
    assert_eq!(demo.status, TourStatus::InProgress);
    assert_eq!((demo.steps_done, demo.steps_total), (2, 6));
    assert_eq!(
        demo.current_step.as_deref(),
        Some("already-know"),
        "resumes after the task the person skipped"
    );
    let agenda = list.iter().find(|t| t.id == "agenda").unwrap();
    assert!(agenda.hidden && agenda.status == TourStatus::New && agenda.current_step.is_none());
    assert!(agenda.available, "no account: every tour is offered");

    let detail = tours::open(&store, &catalog, p, None, "demo").unwrap();
    let states: Vec<_> = detail
        .progress
        .iter()
        .map(|s| (s.step_id.as_str(), s.status))
        .collect();
    assert_eq!(
        states,
        [
            ("welcome", StepState::Seen),
            ("create-folder", StepState::Skipped)
        ]
    );
    assert!(
        matches!(&detail.steps[0], TourStep::Explain { picture: Some(p), .. } if p.starts_with("data:image/svg+xml;base64,"))
    );
    assert!(
        matches!(&detail.steps[3], TourStep::Task { needs_input: true, check_type, .. } if check_type == "app-password-valid")
    );

    tours::reset(&store, p, None, Some("demo")).unwrap();
    let detail = tours::open(&store, &catalog, p, None, "demo").unwrap();
    assert!(detail.progress.is_empty() && detail.summary.status == TourStatus::New);
    assert!(detail.summary.current_step.is_none());
    tours::hide(&store, &catalog, p, "agenda", false).unwrap();
    assert!(store.hidden_tours(p).unwrap().is_empty());
}

#[test]
fn seeing_every_step_finishes_the_tour() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&DataPaths::at(dir.path())).unwrap();
    let p = store.create_profile("Sacha").unwrap().id;
    let catalog = good_catalog();
    let key = ProgressKey {
        profile_id: p,
        account_id: None,
        tour_id: "agenda",
    };
    store
        .record_step(key, "new-calendar", StepState::Seen, None, true)
        .unwrap();
    let summary = |store: &Store| {
        let records = store.step_records(p, None, None).unwrap();
        let current = store.current_steps(p, None).unwrap();
        tours::summarize(
            catalog.get("agenda").unwrap(),
            &records,
            current.get("agenda").map(String::as_str),
            false,
            None,
        )
    };
    let s = summary(&store);
    assert_eq!(
        s.current_step.as_deref(),
        Some("new-calendar"),
        "an unfinished task is resumed at"
    );
    assert_eq!(s.steps_done, 0);
    store
        .record_step(key, "new-calendar", StepState::Skipped, None, false)
        .unwrap();
    store
        .record_step(key, "bye", StepState::Seen, None, true)
        .unwrap();
    let s = summary(&store);
    assert_eq!(
        (s.status, s.steps_done, s.current_step),
        (TourStatus::Done, 2, None)
    );
}

const CHILD_DB: &str = "PASSERELLE_TOURS_CHILD_DB";
const CHILD_MODE: &str = "PASSERELLE_TOURS_CHILD_MODE";

/// Run by `a_killed_writer_loses_nothing` in a child process: writes, then dies without
/// closing the store.
#[test]
#[ignore = "run in a child process by a_killed_writer_loses_nothing"]
fn progress_child_writer() {
    let Some(db) = std::env::var_os(CHILD_DB) else {
        return;
    };
    let store = Store::open_file(Path::new(&db)).unwrap();
    let p = store.profiles().unwrap()[0].id;
    let key = ProgressKey {
        profile_id: p,
        account_id: None,
        tour_id: "demo",
    };
    for i in 0..25 {
        store
            .record_step(key, &format!("s{i}"), StepState::Seen, None, true)
            .unwrap();
    }
    store
        .record_step(key, "s3", StepState::Done, Some("/Bureau"), false)
        .unwrap();
    store.set_tour_hidden(p, "agenda", true).unwrap();
    match std::env::var(CHILD_MODE).as_deref() {
        Ok("abort") => std::process::abort(),
        _ => std::process::exit(0),
    }
}

#[test]
fn a_killed_writer_loses_nothing() {
    for mode in ["abort", "exit"] {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("passerelle.sqlite3");
        Store::open_file(&db)
            .unwrap()
            .create_profile("Alix")
            .unwrap();
        let status = Command::new(std::env::current_exe().unwrap())
            .args([
                "--exact",
                "tours::progress_child_writer",
                "--ignored",
                "--test-threads=1",
            ])
            .env(CHILD_DB, &db)
            .env(CHILD_MODE, mode)
            .stdout(std::process::Stdio::null())
            .status()
            .unwrap();
        assert_eq!(status.success(), mode == "exit", "{mode}: {status}");
        assert!(
            Path::new(&format!("{}-wal", db.display())).exists(),
            "{mode}: the WAL was left"
        );
        let store = Store::open_file(&db).unwrap();
        assert!(store.notice().is_none(), "{mode}: the database is sane");
        let p = store.profiles().unwrap()[0].id;
        let records = store.step_records(p, None, Some("demo")).unwrap();
        assert_eq!(records.len(), 25, "{mode}");
        let s3 = records.iter().find(|r| r.step_id == "s3").unwrap();
        assert_eq!(
            (s3.status, s3.evidence.as_deref()),
            (StepState::Done, Some("/Bureau"))
        );
        assert_eq!(store.current_steps(p, None).unwrap()["demo"], "s24");
        assert!(store.hidden_tours(p).unwrap().contains("agenda"));
    }
}

// ---- Checks against real servers -------------------------------------------------------------

fn retries() -> RetryPolicy {
    RetryPolicy {
        max_retries: 1,
        base_delay: Duration::from_millis(5),
        max_delay: Duration::from_millis(20),
        max_wait: Duration::MAX,
    }
}

fn client(base: &str, user: &str, secret: &str) -> Client {
    Client::builder(base)
        .credentials(user, secret)
        .retry_policy(retries())
        .timeout(Duration::from_secs(20))
        .build()
        .unwrap()
}

/// 3 March 2015: the modification time of an old document.
const OLD_MTIME: u64 = 1_425_376_800;

/// Uploads an old document now, keeping its modification time as Nextcloud's web upload and
/// its desktop and phone clients do (`X-OC-MTime`). rclone ignores that header: the time is
/// then set on disk, which is what Nextcloud would have kept.
async fn upload_old_document(files: &Files, data: &Path, path: &str) {
    let options = UploadOptions {
        mtime: Some(OLD_MTIME as i64),
        ..Default::default()
    };
    let remote = RemotePath::parse(path).unwrap();
    files
        .upload_bytes(&remote, &b"%PDF-1.4 old scan"[..], &options)
        .await
        .unwrap();
    let old = SystemTime::UNIX_EPOCH + Duration::from_secs(OLD_MTIME);
    std::fs::File::options()
        .write(true)
        .open(data.join(path.trim_start_matches('/')))
        .unwrap()
        .set_modified(old)
        .unwrap();
    // rclone keeps what it wrote in memory for a moment.
    for _ in 0..50 {
        let listed = files.list(&remote.parent().unwrap()).await.unwrap();
        if listed
            .iter()
            .any(|e| e.path == remote && e.modified == Some(old))
        {
            return;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("rclone does not list the old modification time of {path}");
}

fn ctx_files(base: &str, started: Option<OffsetDateTime>) -> CheckContext {
    CheckContext {
        step_started_at: started,
        roots: DavRoots {
            files: Some(Url::parse(base).unwrap()),
            ..Default::default()
        },
        ..Default::default()
    }
}

fn reason(outcome: &passerelle_core::tours::CheckOutcome) -> String {
    outcome
        .missing
        .as_ref()
        .map(|m| m.args.get("reason").cloned().unwrap_or_default())
        .unwrap_or_default()
}

#[tokio::test]
async fn file_checks_against_a_real_webdav_server() {
    let server = rclone();
    let c = client(&server.base, "alice", "unused");
    let files = Files::at(&c, Url::parse(&server.base).unwrap());
    let p = |s: &str| RemotePath::parse(s).unwrap();
    let before = OffsetDateTime::now_utc() - time::Duration::minutes(1);
    let ctx = ctx_files(&server.base, Some(before));

    let folder = Check::FolderExists {
        path: "Bureau".into(),
    };
    let o = folder.run(&c, &ctx).await.unwrap();
    assert!(!o.done && !o.offline);
    let missing = o.missing.unwrap();
    assert_eq!(missing.message_id, "check-folder-exists-missing");
    assert_eq!(missing.args["path"], "Bureau");
    files.create_folder(&p("/Bureau")).await.unwrap();
    let o = folder.run(&c, &ctx).await.unwrap();
    assert_eq!((o.done, o.evidence.as_deref()), (true, Some("/Bureau")));

    let report = |min_size| Check::FileExists {
        path: None,
        name: Some("compte-rendu*.ODT".into()),
        folder: "/Bureau".into(),
        min_size,
        new: true,
    };
    assert_eq!(reason(&report(None).run(&c, &ctx).await.unwrap()), "none");
    files
        .upload_bytes(
            &p("/Bureau/Compte-rendu AG.odt"),
            &b"12345"[..],
            &UploadOptions::default(),
        )
        .await
        .unwrap();
    files
        .upload_bytes(
            &p("/Bureau/notes.txt"),
            &b"not this one"[..],
            &UploadOptions::default(),
        )
        .await
        .unwrap();
    let o = report(None).run(&c, &ctx).await.unwrap();
    assert_eq!(
        o.evidence.as_deref(),
        Some("/Bureau/Compte-rendu AG.odt"),
        "glob, case ignored"
    );
    assert_eq!(
        reason(&report(Some(10)).run(&c, &ctx).await.unwrap()),
        "too-small"
    );
    assert!(report(Some(5)).run(&c, &ctx).await.unwrap().done);
    // Made before the step started: not new (unless new = false).
    let later = ctx_files(
        &server.base,
        Some(OffsetDateTime::now_utc() + time::Duration::hours(1)),
    );
    assert_eq!(
        reason(&report(None).run(&c, &later).await.unwrap()),
        "not-new"
    );
    let old_ok = Check::FileExists {
        path: Some("/Bureau/notes.txt".into()),
        name: None,
        folder: "/".into(),
        min_size: None,
        new: false,
    };
    assert!(old_ok.run(&c, &later).await.unwrap().done);
    // A folder named like the pattern is not a file.
    files
        .create_folder(&p("/Bureau/compte-rendu-dossier.odt"))
        .await
        .unwrap();
    let in_missing_folder = Check::FileExists {
        path: None,
        name: Some("*".into()),
        folder: "/Nulle part".into(),
        min_size: None,
        new: false,
    };
    assert_eq!(
        reason(&in_missing_folder.run(&c, &ctx).await.unwrap()),
        "none"
    );

    let moved = Check::FileMoved {
        name: "notes.txt".into(),
        from: "/Bureau".into(),
        to: "/Archives".into(),
    };
    assert!(!moved.run(&c, &ctx).await.unwrap().done);
    files.create_folder(&p("/Archives")).await.unwrap();
    files
        .copy_to(&p("/Bureau/notes.txt"), &p("/Archives/notes.txt"), false)
        .await
        .unwrap();
    let o = moved.run(&c, &ctx).await.unwrap();
    assert!(!o.done, "copied, not moved: still in /Bureau");
    let missing = o.missing.unwrap();
    assert_eq!(missing.message_id, "check-file-moved-missing");
    assert_eq!(
        (
            missing.args["to"].as_str(),
            missing.args["to_place"].as_str(),
            missing.args["reason"].as_str()
        ),
        ("Archives", "folder", "still-there")
    );
    files.delete(&p("/Bureau/notes.txt")).await.unwrap();
    let o = moved.run(&c, &ctx).await.unwrap();
    assert_eq!(o.evidence.as_deref(), Some("/Archives/notes.txt"));
}

fn any_file_in(folder: &str) -> Check {
    file_named(folder, "*")
}

fn file_named(folder: &str, name: &str) -> Check {
    Check::FileExists {
        path: None,
        name: Some(name.into()),
        folder: folder.into(),
        min_size: None,
        new: true,
    }
}

/// Issue: the modification time cannot say "new", clients keep the document's own.
#[tokio::test]
async fn new_files_are_those_the_folder_did_not_hold_when_the_step_started() {
    let server = rclone();
    let c = client(&server.base, "alice", "unused");
    let files = Files::at(&c, Url::parse(&server.base).unwrap());
    let p = |s: &str| RemotePath::parse(s).unwrap();
    files.create_folder(&p("/Docs")).await.unwrap();
    files
        .upload_bytes(
            &p("/Docs/ancien.txt"),
            &b"there before"[..],
            &UploadOptions::default(),
        )
        .await
        .unwrap();

    // The step starts: the snapshot `step_seen` takes (names and ETags: no file ids here).
    let started = OffsetDateTime::now_utc();
    let mut ctx = ctx_files(&server.base, Some(started));
    ctx.baseline = any_file_in("/Docs").take_baseline(&c, &ctx).await.unwrap();
    let Some(Baseline::Folder(snapshot)) = &ctx.baseline else {
        panic!("{:?}", ctx.baseline)
    };
    assert_eq!(snapshot.folder, "/Docs");
    assert_eq!(snapshot.entries.len(), 1);
    assert!(snapshot.entries[0].etag.is_some() && snapshot.entries[0].id.is_none());

    // There before, though modified a moment ago: not new.
    let o = any_file_in("Docs").run(&c, &ctx).await.unwrap();
    let missing = o.missing.unwrap();
    assert_eq!(missing.message_id, "check-file-exists-missing-any");
    assert_eq!(
        (
            missing.args["reason"].as_str(),
            missing.args["folder"].as_str(),
            missing.args["place"].as_str()
        ),
        ("not-new", "Docs", "folder")
    );

    // An old document uploaded after the step started: new, whatever its time says.
    upload_old_document(&files, &server.data(), "/Docs/scan 2015.pdf").await;
    let o = any_file_in("/Docs").run(&c, &ctx).await.unwrap();
    assert_eq!(o.evidence.as_deref(), Some("/Docs/scan 2015.pdf"));
    assert!(
        file_named("/Docs", "*.PDF")
            .run(&c, &ctx)
            .await
            .unwrap()
            .done
    );
    let o = file_named("/Docs", "*.txt").run(&c, &ctx).await.unwrap();
    let missing = o.missing.unwrap();
    assert_eq!(
        (missing.message_id.as_str(), missing.args["name"].as_str()),
        ("check-file-exists-missing-pattern", "*.txt")
    );
    assert_eq!(missing.args["reason"], "not-new");

    // Without a snapshot (the CLI; offline when the step started) plain WebDAV only has the
    // modification time, which says "old" (Nextcloud 28+ also gives the upload time).
    let without = ctx_files(&server.base, Some(started));
    assert_eq!(
        reason(
            &file_named("/Docs", "*.pdf")
                .run(&c, &without)
                .await
                .unwrap()
        ),
        "not-new"
    );
    assert!(
        file_named("/Docs", "*.txt")
            .run(&c, &without)
            .await
            .unwrap()
            .done
    );

    // Saved again after the step started (another ETag): it changed, so it counts.
    files
        .upload_bytes(
            &p("/Docs/ancien.txt"),
            &b"there before, edited since"[..],
            &UploadOptions::default(),
        )
        .await
        .unwrap();
    let o = file_named("/Docs", "*.txt").run(&c, &ctx).await.unwrap();
    assert_eq!(o.evidence.as_deref(), Some("/Docs/ancien.txt"));

    // A folder that did not exist when the step started: an empty snapshot.
    let mut later = ctx_files(&server.base, Some(OffsetDateTime::now_utc()));
    later.baseline = any_file_in("/Plus tard")
        .take_baseline(&c, &later)
        .await
        .unwrap();
    assert!(matches!(&later.baseline, Some(Baseline::Folder(s)) if s.entries.is_empty()));
    files.create_folder(&p("/Plus tard")).await.unwrap();
    upload_old_document(&files, &server.data(), "/Plus tard/vieux.pdf").await;
    assert!(
        any_file_in("/Plus tard")
            .run(&c, &later)
            .await
            .unwrap()
            .done
    );
}

/// Issue: the uploaded file's name is not known in advance, so `file-moved` takes a glob.
#[tokio::test]
async fn moved_files_by_glob_against_a_real_webdav_server() {
    let server = rclone();
    let c = client(&server.base, "alice", "unused");
    let files = Files::at(&c, Url::parse(&server.base).unwrap());
    let p = |s: &str| RemotePath::parse(s).unwrap();
    files.create_folder(&p("/Bureau")).await.unwrap();
    for name in ["/lettre.odt", "/photo.jpg"] {
        files
            .upload_bytes(&p(name), &b"x"[..], &UploadOptions::default())
            .await
            .unwrap();
    }
    let moved = |name: &str| Check::FileMoved {
        name: name.into(),
        from: "/".into(),
        to: "Bureau".into(),
    };
    let started = OffsetDateTime::now_utc();
    let mut ctx = ctx_files(&server.base, Some(started));
    ctx.baseline = moved("*").take_baseline(&c, &ctx).await.unwrap();
    let Some(Baseline::Folder(snapshot)) = &ctx.baseline else {
        panic!("{:?}", ctx.baseline)
    };
    assert_eq!((snapshot.folder.as_str(), snapshot.entries.len()), ("/", 3));

    let o = moved("*").run(&c, &ctx).await.unwrap();
    let missing = o.missing.unwrap();
    assert_eq!(missing.message_id, "check-file-moved-missing-any");
    let args =
        |keys: &[&str]| -> Vec<String> { keys.iter().map(|k| missing.args[*k].clone()).collect() };
    assert_eq!(
        args(&["reason", "to", "to_place", "from", "from_place"]),
        ["none", "Bureau", "folder", "/", "root"]
    );

    // Put straight into « Bureau »: it was not at the top when the step started…
    files
        .upload_bytes(
            &p("/Bureau/direct.txt"),
            &b"y"[..],
            &UploadOptions::default(),
        )
        .await
        .unwrap();
    assert_eq!(reason(&moved("*").run(&c, &ctx).await.unwrap()), "not-from");
    // …which only a snapshot can tell: without one, its name is not at the top, enough.
    let without = ctx_files(&server.base, Some(started));
    let o = moved("*").run(&c, &without).await.unwrap();
    assert_eq!(o.evidence.as_deref(), Some("/Bureau/direct.txt"));

    // Copied, not moved: the name is still at the top.
    files
        .copy_to(&p("/lettre.odt"), &p("/Bureau/lettre.odt"), false)
        .await
        .unwrap();
    let o = moved("*.odt").run(&c, &ctx).await.unwrap();
    let missing = o.missing.unwrap();
    assert_eq!(
        (missing.message_id.as_str(), missing.args["reason"].as_str()),
        ("check-file-moved-missing-pattern", "still-there")
    );
    assert!(!moved("*.odt").run(&c, &without).await.unwrap().done);

    // Moved: done, with a glob as with its exact name.
    files.delete(&p("/Bureau/lettre.odt")).await.unwrap();
    files
        .move_to(&p("/lettre.odt"), &p("/Bureau/lettre.odt"), false)
        .await
        .unwrap();
    for name in ["*", "*.ODT", "lettre.odt"] {
        let o = moved(name).run(&c, &ctx).await.unwrap();
        assert_eq!(o.evidence.as_deref(), Some("/Bureau/lettre.odt"), "{name}");
    }
    let o = moved("*.jpg").run(&c, &ctx).await.unwrap();
    assert_eq!(reason(&o), "none");
    assert_eq!(o.missing.unwrap().args["name"], "*.jpg");
}

#[tokio::test]
async fn an_unreachable_server_means_offline_not_an_error() {
    let base = format!("http://127.0.0.1:{}/", free_port());
    let c = client(&base, "alice", "x");
    let o = Check::FolderExists {
        path: "Bureau".into(),
    }
    .run(&c, &ctx_files(&base, None))
    .await
    .unwrap();
    assert!(o.offline && !o.done && o.missing.is_none());
}

fn ics_at(uid: &str, summary: &str, start: OffsetDateTime, attendee: bool) -> String {
    let fmt = time::macros::format_description!("[year][month][day]T[hour][minute][second]Z");
    let dt = start.format(fmt).unwrap();
    let attendee = if attendee {
        "ATTENDEE;CN=Bob:mailto:bob@asso.example\r\n"
    } else {
        ""
    };
    format!(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//passerelle//tests//EN\r\nBEGIN:VEVENT\r\n\
         UID:{uid}\r\nDTSTAMP:{dt}\r\nDTSTART:{dt}\r\nSUMMARY:{summary}\r\n{attendee}END:VEVENT\r\nEND:VCALENDAR\r\n"
    )
}

fn ctx_dav(home: &Url) -> CheckContext {
    CheckContext {
        roots: DavRoots {
            calendars: Some(home.clone()),
            contacts: Some(home.clone()),
            files: None,
        },
        ..Default::default()
    }
}

#[tokio::test]
async fn calendar_and_contact_checks_against_a_real_caldav_server() {
    let server = radicale();
    let c = client(&server.base, "alice", "any");
    let home = Url::parse(&format!("{}/alice/", server.base)).unwrap();
    let caldav = CalDav::at(&c, home.clone());
    let mut ctx = ctx_dav(&home);

    let named = Check::CalendarExists {
        name: Some("Réunions".into()),
    };
    let any_new = Check::CalendarExists { name: None };
    let o = named.run(&c, &ctx).await.unwrap();
    assert_eq!(o.missing.unwrap().args["filter"], "named");
    let personal = caldav
        .create_calendar("personal", "Personal", None, &["VEVENT"])
        .await
        .unwrap();
    assert!(
        !any_new.run(&c, &ctx).await.unwrap().done,
        "the default calendar is not new"
    );
    // The snapshot taken when the step started lists what was there.
    ctx.baseline = any_new.take_baseline(&c, &ctx).await.unwrap();
    assert_eq!(ctx.calendar_baseline(), Some(&["personal".to_owned()][..]));
    let asso = caldav
        .create_calendar("asso", "réunions", None, &["VEVENT"])
        .await
        .unwrap();
    assert_eq!(
        named.run(&c, &ctx).await.unwrap().evidence.as_deref(),
        Some("réunions")
    );
    assert_eq!(
        any_new.run(&c, &ctx).await.unwrap().evidence.as_deref(),
        Some("réunions")
    );

    let now = OffsetDateTime::now_utc();
    let ev = |summary: Option<&str>, within_days| Check::EventExists {
        within_days,
        summary: summary.map(str::to_owned),
    };
    let o = ev(None, None).run(&c, &ctx).await.unwrap();
    assert_eq!(o.missing.unwrap().args["days"], "31");
    // Outside the window (60 days ahead), then inside (3 days ahead).
    caldav
        .put(
            &personal,
            &ics_at(
                "far@t",
                "Assemblée générale",
                now + time::Duration::days(60),
                false,
            ),
            &PutMode::Create,
        )
        .await
        .unwrap();
    assert!(!ev(None, None).run(&c, &ctx).await.unwrap().done);
    assert!(ev(None, Some(90)).run(&c, &ctx).await.unwrap().done);
    caldav
        .put(
            &asso,
            &ics_at(
                "soon@t",
                "Réunion du bureau",
                now + time::Duration::days(3),
                false,
            ),
            &PutMode::Create,
        )
        .await
        .unwrap();
    let o = ev(Some("BUREAU"), Some(7)).run(&c, &ctx).await.unwrap();
    assert_eq!(o.evidence.as_deref(), Some("Réunion du bureau"));
    assert!(
        !ev(Some("pique-nique"), None)
            .run(&c, &ctx)
            .await
            .unwrap()
            .done
    );

    let attendee = Check::EventHasAttendee { within_days: None };
    assert!(!attendee.run(&c, &ctx).await.unwrap().done);
    caldav
        .put(
            &asso,
            &ics_at("guests@t", "Atelier", now + time::Duration::days(5), true),
            &PutMode::Create,
        )
        .await
        .unwrap();
    assert_eq!(
        attendee.run(&c, &ctx).await.unwrap().evidence.as_deref(),
        Some("Atelier")
    );
    // Radicale has no sharing: nothing is shared.
    assert!(!Check::CalendarShared {}.run(&c, &ctx).await.unwrap().done);

    let carddav = CardDav::at(&c, home.clone());
    let contact = |name: Option<&str>| Check::ContactExists {
        name: name.map(str::to_owned),
    };
    assert!(!contact(None).run(&c, &ctx).await.unwrap().done);
    let book = carddav
        .create_address_book("membres", "Membres", None)
        .await
        .unwrap();
    carddav
        .put(
            &book,
            "BEGIN:VCARD\r\nVERSION:4.0\r\nUID:zoe@t\r\nFN:Zoé Martin\r\nEND:VCARD\r\n",
            &PutMode::Create,
        )
        .await
        .unwrap();
    assert_eq!(
        contact(None)
            .run(&c, &ctx)
            .await
            .unwrap()
            .evidence
            .as_deref(),
        Some("Zoé Martin")
    );
    assert!(contact(Some("zoé")).run(&c, &ctx).await.unwrap().done);
    let o = contact(Some("Karim")).run(&c, &ctx).await.unwrap();
    assert_eq!(o.missing.unwrap().args["name"], "Karim");
    assert!(
        !Check::AddressbookShared {}
            .run(&c, &ctx)
            .await
            .unwrap()
            .done
    );
}

// ---- Checks against doubles built from real Nextcloud 29.0.6 captures ------------------------

const APP: &str = "alice-app-password-for-tests";
const NEW_APP: &str = "the-new-app-password-alice-pasted";

fn basic(user: &str, secret: &str) -> String {
    use base64::Engine as _;
    format!(
        "Basic {}",
        base64::engine::general_purpose::STANDARD.encode(format!("{user}:{secret}"))
    )
}

async fn mount(server: &MockServer, name: &str) {
    let c = Capture::load(name, &server.uri());
    c.mock().respond_with(c.response()).mount(server).await;
}

/// Alice's space: her user (for the right app passwords only), capabilities, navigation,
/// shares, calendar and address book homes.
async fn alice_space() -> MockServer {
    let server = MockServer::start().await;
    let user = Capture::load("ocs-user-alice", &server.uri());
    for secret in [APP, NEW_APP] {
        user.mock()
            .and(header("Authorization", basic("alice", secret).as_str()))
            .respond_with(user.response())
            .with_priority(1)
            .mount(&server)
            .await;
    }
    for name in [
        "ocs-user-wrong-password-401",
        "ocs-capabilities-alice",
        "ocs-navigation-apps-alice",
        "ocs-share-list-alice",
        "caldav-propfind-alice-home",
        "carddav-propfind-alice-home",
    ] {
        mount(&server, name).await;
    }
    server
}

fn nc_client(server: &MockServer, secret: &str) -> Client {
    Client::builder(server.uri())
        .credentials("alice", secret)
        .retry_policy(RetryPolicy::none())
        .build()
        .unwrap()
}

#[tokio::test]
async fn share_checks_against_a_double_of_real_captures() {
    let server = alice_space().await;
    let c = nc_client(&server, APP);
    let ctx = CheckContext::default();
    let share = |path: &str, to, password, expiry| Check::ShareExists {
        path: path.into(),
        to,
        password,
        expiry,
    };
    let o = share("AssoShared/", ShareTo::User, None, None)
        .run(&c, &ctx)
        .await
        .unwrap();
    assert!(o.done && o.evidence.unwrap().starts_with("/AssoShared"));
    assert!(
        share("/Docs", ShareTo::Group, None, None)
            .run(&c, &ctx)
            .await
            .unwrap()
            .done
    );
    assert_eq!(
        reason(
            &share("/Docs", ShareTo::Link, None, None)
                .run(&c, &ctx)
                .await
                .unwrap()
        ),
        "wrong-type"
    );
    assert!(
        share(
            "/Captures/public.txt",
            ShareTo::Link,
            Some(true),
            Some(true)
        )
        .run(&c, &ctx)
        .await
        .unwrap()
        .done
    );
    assert_eq!(
        reason(
            &share("/AssoShared", ShareTo::Any, Some(true), None)
                .run(&c, &ctx)
                .await
                .unwrap()
        ),
        "no-password"
    );
    assert_eq!(
        reason(
            &share("/AssoShared", ShareTo::Any, None, Some(true))
                .run(&c, &ctx)
                .await
                .unwrap()
        ),
        "no-expiry"
    );
    let o = share("/Bureau", ShareTo::Any, None, None)
        .run(&c, &ctx)
        .await
        .unwrap();
    let m = o.missing.unwrap();
    assert_eq!(
        (
            m.args["reason"].as_str(),
            m.args["path"].as_str(),
            m.args["to"].as_str()
        ),
        ("none", "/Bureau", "any")
    );
}

#[tokio::test]
async fn sharees_of_calendars_and_address_books_from_real_captures() {
    let server = alice_space().await;
    let c = nc_client(&server, APP);
    let ctx = CheckContext::default();
    // Alice's "Personal" calendar has Carol as sharee (oc:invite); the birthday one is skipped.
    let o = Check::CalendarShared {}.run(&c, &ctx).await.unwrap();
    assert_eq!(o.evidence.as_deref(), Some("Personal"));
    let o = Check::AddressbookShared {}.run(&c, &ctx).await.unwrap();
    assert_eq!(o.evidence.as_deref(), Some("Contacts"));
    // Without a snapshot, Alice's only calendar is the default one: nothing new.
    assert!(
        !Check::CalendarExists { name: None }
            .run(&c, &ctx)
            .await
            .unwrap()
            .done
    );

    // Carol owns calendars but shares none; the ones shared with her are not hers.
    let carol_server = MockServer::start().await;
    mount(&carol_server, "caldav-propfind-carol-home-sharee-view").await;
    let carol = Client::builder(carol_server.uri())
        .credentials("carol", "x")
        .retry_policy(RetryPolicy::none())
        .build()
        .unwrap();
    assert!(
        !Check::CalendarShared {}
            .run(&carol, &ctx)
            .await
            .unwrap()
            .done
    );
    let o = Check::CalendarExists {
        name: Some("Personal (Alice)".into()),
    }
    .run(&carol, &ctx)
    .await
    .unwrap();
    assert!(!o.done, "a calendar shared with Carol is not hers");
    assert!(
        Check::CalendarExists {
            name: Some("Asso calendar".into())
        }
        .run(&carol, &ctx)
        .await
        .unwrap()
        .done
    );
}

#[tokio::test]
async fn quota_app_password_and_maintenance_against_doubles_of_real_captures() {
    let server = MockServer::start().await;
    mount(&server, "ocs-user-bob-quota-1mb").await;
    let bob = Client::builder(server.uri())
        .credentials("bob", "x")
        .retry_policy(RetryPolicy::none())
        .build()
        .unwrap();
    let ctx = CheckContext::default();
    let o = Check::QuotaUsedAbove { bytes: 1_000_000 }
        .run(&bob, &ctx)
        .await
        .unwrap();
    assert_eq!(o.evidence.as_deref(), Some("864192483 bytes used"));
    let o = Check::QuotaUsedAbove {
        bytes: 1_000_000_000,
    }
    .run(&bob, &ctx)
    .await
    .unwrap();
    assert_eq!(o.missing.unwrap().args["used"], "864192483");

    let alice = alice_space().await;
    let c = nc_client(&alice, APP);
    let with = |input: &str| CheckContext {
        input: Some(passerelle_nextcloud::Secret::new(input)),
        ..Default::default()
    };
    let check = Check::AppPasswordValid {};
    let o = check.run(&c, &with(NEW_APP)).await.unwrap();
    assert_eq!(o.evidence.as_deref(), Some("app password works for alice"));
    let o = check.run(&c, &with("wrong")).await.unwrap();
    assert_eq!(
        o.missing.unwrap().message_id,
        "check-app-password-valid-missing"
    );
    assert!(!check.run(&c, &with("  ")).await.unwrap().done);

    let down = MockServer::start().await;
    mount(&down, "maintenance-ocs-user-503").await;
    let c = Client::builder(down.uri())
        .credentials("alice", APP)
        .retry_policy(RetryPolicy::none())
        .build()
        .unwrap();
    let o = Check::QuotaUsedAbove { bytes: 1 }
        .run(&c, &ctx)
        .await
        .unwrap();
    assert!(o.offline, "maintenance: the check runs later");
}

/// A profile with Alice's account on the double, her app password kept for this session.
fn alice_account(store: &Store, secrets: &Secrets, server: &MockServer) -> (i64, i64) {
    alice_account_at(store, secrets, &server.uri())
}

/// A profile with Alice's account on the server at `url`.
fn alice_account_at(store: &Store, secrets: &Secrets, url: &str) -> (i64, i64) {
    let p = store.create_profile("Alice").unwrap().id;
    let url = url.to_owned();
    secrets
        .store(
            &SecretKey::new(p, &url, "alice"),
            &Secret::from(APP.to_owned()),
            SecretStorage::Session,
        )
        .unwrap();
    let account = store
        .upsert_account(&NewAccount {
            profile_id: p,
            server_url: &url,
            user_id: "alice",
            login_name: "alice",
            display_name: Some("Alice"),
            secret_storage: SecretStorage::Session,
        })
        .unwrap();
    (p, account.id)
}

#[tokio::test]
async fn the_service_lists_by_what_the_space_offers_and_records_checks() {
    let server = alice_space().await;
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&DataPaths::at(dir.path())).unwrap();
    let secrets = Secrets::session_only();
    let (p, account) = alice_account(&store, &secrets, &server);
    let catalog = good_catalog();

    let list = tours::list(&store, &secrets, &catalog, p, Some(account))
        .await
        .unwrap();
    let demo = list.iter().find(|t| t.id == "demo").unwrap();
    assert!(
        demo.available && demo.unavailable_reason.is_none(),
        "{demo:?}"
    );
    let agenda = list.iter().find(|t| t.id == "agenda").unwrap();
    assert!(!agenda.available);
    assert_eq!(
        agenda.unavailable_reason.as_deref(),
        Some("tour-unavailable-app")
    );

    // The app password is checked, the step recorded as done, the password stored nowhere.
    tours::step_seen(
        &store,
        &secrets,
        &catalog,
        p,
        Some(account),
        "demo",
        "app-password",
    )
    .await
    .unwrap();
    let o = tours::check(
        &store,
        &secrets,
        &catalog,
        p,
        account,
        "demo",
        "app-password",
        Some("wrong".into()),
        true,
    )
    .await
    .unwrap();
    assert!(!o.done);
    let o = tours::check(
        &store,
        &secrets,
        &catalog,
        p,
        account,
        "demo",
        "app-password",
        Some(NEW_APP.into()),
        true,
    )
    .await
    .unwrap();
    assert!(o.done, "{o:?}");
    let detail = tours::open(&store, &catalog, p, Some(account), "demo").unwrap();
    let step = detail
        .progress
        .iter()
        .find(|s| s.step_id == "app-password")
        .unwrap();
    assert_eq!(
        (step.status, step.evidence.as_deref()),
        (StepState::Done, Some("app password works for alice"))
    );
    for file in [
        store.path().to_owned(),
        PathBuf::from(format!("{}-wal", store.path().display())),
    ] {
        let bytes = std::fs::read(&file).unwrap_or_default();
        assert!(
            !bytes
                .windows(NEW_APP.len())
                .any(|w| w == NEW_APP.as_bytes()),
            "{file:?}"
        );
    }
    assert_eq!(
        tours::check(
            &store, &secrets, &catalog, p, account, "demo", "welcome", None, true
        )
        .await
        .unwrap_err()
        .code(),
        "tour-step-no-check"
    );
    let other = store.create_profile("Someone else").unwrap().id;
    assert_eq!(
        tours::check(
            &store,
            &secrets,
            &catalog,
            other,
            account,
            "demo",
            "app-password",
            None,
            true
        )
        .await
        .unwrap_err()
        .code(),
        "account-not-found"
    );

    // Seeing a "new calendar" step with an account keeps a snapshot of the calendars.
    tours::step_seen(
        &store,
        &secrets,
        &catalog,
        p,
        Some(account),
        "agenda",
        "new-calendar",
    )
    .await
    .unwrap();
    let key = ProgressKey {
        profile_id: p,
        account_id: Some(account),
        tour_id: "agenda",
    };
    assert_eq!(
        store.step_baseline(key, "new-calendar").unwrap().as_deref(),
        Some(r#"["personal"]"#)
    );
    let o = tours::check(
        &store,
        &secrets,
        &catalog,
        p,
        account,
        "agenda",
        "new-calendar",
        None,
        true,
    )
    .await
    .unwrap();
    assert!(!o.done);

    // A space that cannot be reached: offline, nothing recorded, no error; every tour offered.
    let gone = MockServer::start().await;
    let gone_url = format!("http://127.0.0.1:{}", free_port());
    let q = store.create_profile("Offline").unwrap().id;
    secrets
        .store(
            &SecretKey::new(q, &gone_url, "alice"),
            &Secret::from(APP.to_owned()),
            SecretStorage::Session,
        )
        .unwrap();
    let dead = store
        .upsert_account(&NewAccount {
            profile_id: q,
            server_url: &gone_url,
            user_id: "alice",
            login_name: "alice",
            display_name: None,
            secret_storage: SecretStorage::Session,
        })
        .unwrap()
        .id;
    drop(gone);
    tours::step_seen(
        &store,
        &secrets,
        &catalog,
        q,
        Some(dead),
        "agenda",
        "new-calendar",
    )
    .await
    .unwrap();
    let o = tours::check(
        &store,
        &secrets,
        &catalog,
        q,
        dead,
        "agenda",
        "new-calendar",
        None,
        true,
    )
    .await
    .unwrap();
    assert!(o.offline, "{o:?}");
    let key = ProgressKey {
        profile_id: q,
        account_id: Some(dead),
        tour_id: "agenda",
    };
    assert_eq!(
        store.step_baseline(key, "new-calendar").unwrap(),
        None,
        "no snapshot offline"
    );
    let records = store.step_records(q, Some(dead), Some("agenda")).unwrap();
    assert_eq!(records[0].status, StepState::Seen);
    let list = tours::list(&store, &secrets, &catalog, q, Some(dead))
        .await
        .unwrap();
    assert!(
        list.iter().all(|t| t.available),
        "unknown space: every tour is offered"
    );
}

/// The bundled files tour on a plain WebDAV server laid out like Nextcloud's
/// (`/remote.php/dav/files/alice/`), through the service: seeing a step keeps the snapshot
/// its check compares with.
#[tokio::test]
async fn the_files_tour_upload_and_move_steps_through_the_service() {
    let server = rclone();
    std::fs::create_dir_all(server.data().join("remote.php/dav/files/alice")).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&DataPaths::at(dir.path())).unwrap();
    let secrets = Secrets::session_only();
    let (p, account) = alice_account_at(&store, &secrets, server.base.trim_end_matches('/'));
    let catalog = Catalog::new();
    let c = client(&server.base, "alice", APP);
    let home = format!("{}remote.php/dav/files/alice/", server.base);
    let files = Files::at(&c, Url::parse(&home).unwrap());
    let on_disk = server.data().join("remote.php/dav/files/alice");
    let p_ = |s: &str| RemotePath::parse(s).unwrap();
    files
        .upload_bytes(
            &p_("/Lisez-moi.md"),
            &b"# Bienvenue"[..],
            &UploadOptions::default(),
        )
        .await
        .unwrap();
    let key = ProgressKey {
        profile_id: p,
        account_id: Some(account),
        tour_id: "files",
    };
    let seen = |step: &'static str| {
        tours::step_seen(&store, &secrets, &catalog, p, Some(account), "files", step)
    };
    let check = |step: &'static str| {
        tours::check(
            &store, &secrets, &catalog, p, account, "files", step, None, true,
        )
    };

    seen("upload").await.unwrap();
    let kept: Baseline =
        serde_json::from_str(&store.step_baseline(key, "upload").unwrap().unwrap()).unwrap();
    let Baseline::Folder(snapshot) = kept else {
        panic!("{kept:?}")
    };
    let names: Vec<&str> = snapshot.entries.iter().map(|e| e.name.as_str()).collect();
    assert_eq!(
        (snapshot.folder.as_str(), names),
        ("/", vec!["Lisez-moi.md"])
    );
    let o = check("upload").await.unwrap();
    let missing = o.missing.unwrap();
    assert_eq!(missing.message_id, "check-file-exists-missing-any");
    assert_eq!(
        (
            missing.args["reason"].as_str(),
            missing.args["place"].as_str()
        ),
        ("not-new", "root")
    );
    let texts = tours::TourTexts::new(&catalog, Language::Fr);
    assert_eq!(
        texts.format(&missing.message_id, &missing.args),
        "Pas encore de nouveau fichier dans vos Fichiers : ceux qui s’y trouvent y étaient déjà \
         au début de cette étape. Ajoutez un fichier, puis vérifiez."
    );
    upload_old_document(&files, &on_disk, "/Compte rendu 2015.pdf").await;
    let o = check("upload").await.unwrap();
    assert_eq!(o.evidence.as_deref(), Some("/Compte rendu 2015.pdf"));

    files.create_folder(&p_("/Bureau")).await.unwrap();
    seen("create-folder").await.unwrap();
    assert!(check("create-folder").await.unwrap().done);
    assert_eq!(
        store.step_baseline(key, "create-folder").unwrap(),
        None,
        "folder-exists compares with nothing"
    );

    seen("move-file").await.unwrap();
    let o = check("move-file").await.unwrap();
    let missing = o.missing.unwrap();
    assert_eq!(
        texts.format(&missing.message_id, &missing.args),
        "Pas encore de fichier déplacé dans « Bureau »."
    );
    files
        .copy_to(
            &p_("/Compte rendu 2015.pdf"),
            &p_("/Bureau/Compte rendu 2015.pdf"),
            false,
        )
        .await
        .unwrap();
    let o = check("move-file").await.unwrap();
    assert_eq!(reason(&o), "still-there");
    files
        .delete(&p_("/Bureau/Compte rendu 2015.pdf"))
        .await
        .unwrap();
    files
        .move_to(
            &p_("/Compte rendu 2015.pdf"),
            &p_("/Bureau/Compte rendu 2015.pdf"),
            false,
        )
        .await
        .unwrap();
    let o = check("move-file").await.unwrap();
    assert_eq!(o.evidence.as_deref(), Some("/Bureau/Compte rendu 2015.pdf"));
    let detail = tours::open(&store, &catalog, p, Some(account), "files").unwrap();
    let done: Vec<&str> = detail
        .progress
        .iter()
        .filter(|s| s.status == StepState::Done)
        .map(|s| s.step_id.as_str())
        .collect();
    assert_eq!(done, ["upload", "create-folder", "move-file"]);
}

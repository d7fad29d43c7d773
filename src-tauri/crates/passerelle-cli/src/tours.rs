//! `passerelle-cli tours …`: validate tours and packs (for their authors), list them, show a
//! profile's progress (for trainers) and run one step's check against an account. Problems are
//! printed as `file:line: message — fix`, in English like the spec wants; the rest is
//! localised. App passwords for `app-password-valid` come from `PASSERELLE_APP_PASSWORD` or
//! standard input, never from the command line.

use std::path::{Path, PathBuf};

use clap::Subcommand;
use passerelle_core::secrets::Secrets;
use passerelle_core::tours::format::SHOW_VALUES;
use passerelle_core::tours::{
    self, CHECK_TYPES, Catalog, FileSet, LoadedSource, STEP_KINDS, StepState, TourOrigin,
    TourProblem, TourStatus, TourTexts,
};
use passerelle_core::{CoreError, IpcError, Localizer, Store};

use crate::Outcome;
use crate::input::{APP_PASSWORD_ENV, SecretInput, print_json};

#[derive(Debug, Subcommand)]
pub enum ToursCommand {
    /// Checks tours: a pack (folder or .zip), a folder of tours, or (no path) the bundled ones.
    /// Prints `file:line: message — fix` for each problem; exits with 1 when there is one.
    Validate {
        /// Pack folder, .zip, or folder holding `<tour-id>/tour.toml`.
        path: Option<PathBuf>,
    },
    /// Lists the tours: bundled ones and the packs given.
    List {
        /// A pack to add (folder or .zip); may be repeated.
        #[arg(long)]
        pack: Vec<PathBuf>,
    },
    /// Shows, per tour and step, what a profile did.
    Progress {
        /// The local profile.
        #[arg(long)]
        profile: String,
        /// A pack to add; may be repeated.
        #[arg(long)]
        pack: Vec<PathBuf>,
    },
    /// Runs one step's check against an account and prints the outcome (exit 1 when not done).
    Check {
        /// Tour id.
        tour: String,
        /// Step id.
        step: String,
        /// The local profile.
        #[arg(long)]
        profile: String,
        /// The account id (see `account list`).
        #[arg(long)]
        account: i64,
        /// A pack to add; may be repeated.
        #[arg(long)]
        pack: Vec<PathBuf>,
    },
    /// Prints the step kinds and check types (the reference tour authors write against).
    Reference,
    /// Scaffolds a new tour (tour.toml and its French and English texts) in a pack folder,
    /// creating the pack when needed; the result validates as is.
    New {
        /// The tour's id (a-z, 0-9, -).
        id: String,
        /// The pack folder (created with a pack.toml when missing).
        #[arg(long, default_value = ".")]
        pack: PathBuf,
    },
}

fn catalog_with(packs: &[PathBuf]) -> Result<Catalog, CoreError> {
    let mut catalog = Catalog::new();
    for p in packs {
        catalog.load_pack(p)?;
    }
    Ok(catalog)
}

fn find_profile(store: &Store, name: &str, l10n: &Localizer) -> Result<i64, IpcError> {
    store
        .profiles()?
        .into_iter()
        .find(|p| p.name.eq_ignore_ascii_case(name.trim()))
        .map(|p| p.id)
        .ok_or_else(|| {
            let text = l10n.t_args("cli-tours-no-profile", &[("name", name.into())]);
            IpcError::new("profile-not-found", text)
        })
}

/// What to validate at `path`: a pack (has `pack.toml`), a folder of `<id>/tour.toml`, one
/// tour's folder, or one `tour.toml` (the last three with the repository's locales).
fn source_at(path: &Path) -> Result<LoadedSource, CoreError> {
    let path = match path.file_name() {
        Some(name) if name == "tour.toml" => path.parent().unwrap_or(Path::new(".")),
        _ => path,
    };
    let mut set = FileSet::read(path)?;
    if set.files.contains_key("pack.toml") {
        return Ok(tours::catalog::load(&set, TourOrigin::Pack));
    }
    let prefix = if set.files.contains_key("tour.toml") {
        let folder = std::fs::canonicalize(path)
            .ok()
            .and_then(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
            .unwrap_or_default();
        format!("tours/{folder}/")
    } else if set.files.keys().any(|k| k.starts_with("tours/")) {
        String::new()
    } else {
        "tours/".to_owned()
    };
    set.files = set
        .files
        .into_iter()
        .map(|(k, v)| (format!("{prefix}{k}"), v))
        .collect();
    // The repository's `locales/` as on disk now when the tours are in a checkout (an author
    // editing .ftl files sees the result at once), then the embedded copy for the rest.
    let on_disk = std::fs::canonicalize(path).ok().and_then(|p| {
        p.ancestors()
            .map(|a| a.join("locales"))
            .find(|l| l.join("fr").is_dir() && l.join("en").is_dir())
    });
    if let Some(dir) = on_disk {
        for (k, v) in FileSet::read(&dir)?.files {
            set.files.entry(format!("locales/{k}")).or_insert(v);
        }
    }
    for (k, v) in FileSet::bundled().files {
        if k.starts_with("locales/") {
            set.files.entry(k).or_insert(v);
        }
    }
    Ok(tours::catalog::load(&set, TourOrigin::Bundled))
}

pub async fn run(cmd: ToursCommand, l10n: &Localizer, json: bool) -> Outcome {
    match cmd {
        ToursCommand::Validate { path } => validate(path.as_deref(), l10n, json),
        ToursCommand::List { pack } => list(&pack, l10n, json),
        ToursCommand::Progress { profile, pack } => progress(&profile, &pack, l10n, json),
        ToursCommand::Check {
            tour,
            step,
            profile,
            account,
            pack,
        } => check(&tour, &step, &profile, account, &pack, l10n, json).await,
        ToursCommand::Reference => {
            reference(json);
            Ok(())
        }
        ToursCommand::New { id, pack } => new_tour(&id, &pack, l10n, json),
    }
}

/// The files of a new tour: `(path in the pack, contents)`.
fn scaffold(id: &str) -> Vec<(String, String)> {
    let toml = format!(
        "# Tour \"{id}\": edit the steps, then run `passerelle-cli tours validate <pack>`.\n\
         # Step kinds and checks: `passerelle-cli tours reference`.\n\
         id = \"{id}\"\nversion = 1\ntitle = \"tour-{id}-title\"\nsummary = \"tour-{id}-summary\"\n\
         audience = \"member\"\napps = []\nminutes = 5\n\n\
         [[steps]]\nid = \"welcome\"\nkind = \"explain\"\ntext = \"tour-{id}-welcome\"\n\n\
         [[steps]]\nid = \"quiz\"\nkind = \"quiz\"\ntext = \"tour-{id}-quiz\"\nanswers = [\n  \
         {{ label = \"tour-{id}-quiz-a\", correct = true, feedback = \"tour-{id}-quiz-a-feedback\" }},\n  \
         {{ label = \"tour-{id}-quiz-b\", correct = false, feedback = \"tour-{id}-quiz-b-feedback\" }},\n]\n\n\
         [[steps]]\nid = \"well-done\"\nkind = \"explain\"\ntext = \"tour-{id}-well-done\"\n"
    );
    // Starting texts in each language, for the author to replace.
    let fr = format!(
        "# Parcours « {id} » (tours/{id}/tour.toml).\n\n\
         tour-{id}-title = Nouveau parcours\n\
         tour-{id}-summary = Ce que la personne saura faire à la fin.\n\
         tour-{id}-welcome = Bienvenue ! Expliquez ici ce que l’on va faire, pas à pas.\n\
         tour-{id}-quiz = Une question pour vérifier que c’est compris ?\n\
         tour-{id}-quiz-a = La bonne réponse\n\
         tour-{id}-quiz-a-feedback = Exactement.\n\
         tour-{id}-quiz-b = Une autre réponse\n\
         tour-{id}-quiz-b-feedback = Pas tout à fait : relisez l’étape précédente.\n\
         tour-{id}-well-done = Bravo, c’est terminé !\n"
    );
    let en = format!(
        "# Tour \"{id}\" (tours/{id}/tour.toml).\n\n\
         tour-{id}-title = New tour\n\
         tour-{id}-summary = What the person will be able to do at the end.\n\
         tour-{id}-welcome = Welcome! Explain here what you will do, step by step.\n\
         tour-{id}-quiz = A question to check it is understood?\n\
         tour-{id}-quiz-a = The right answer\n\
         tour-{id}-quiz-a-feedback = Exactly.\n\
         tour-{id}-quiz-b = Another answer\n\
         tour-{id}-quiz-b-feedback = Not quite: read the previous step again.\n\
         tour-{id}-well-done = Well done, that's it!\n"
    );
    vec![
        (format!("tours/{id}/tour.toml"), toml),
        (format!("locales/fr/{id}.ftl"), fr),
        (format!("locales/en/{id}.ftl"), en),
    ]
}

fn new_tour(id: &str, pack: &Path, l10n: &Localizer, json: bool) -> Outcome {
    if !tours::format::is_valid_id(id) {
        return Err(IpcError::new(
            "tours-new-invalid-id",
            format!("invalid tour id {id:?}"),
        ));
    }
    let io = |path: &Path, e: std::io::Error| -> IpcError {
        CoreError::DataDir {
            path: path.to_owned(),
            source: e,
        }
        .into()
    };
    let files = scaffold(id);
    for (rel, _) in &files {
        if pack.join(rel).exists() {
            return Err(IpcError::new(
                "tours-new-exists",
                format!(
                    "{} already exists: nothing was written",
                    pack.join(rel).display()
                ),
            ));
        }
    }
    std::fs::create_dir_all(pack).map_err(|e| io(pack, e))?;
    let pack_toml = pack.join("pack.toml");
    if !pack_toml.exists() {
        let folder = std::fs::canonicalize(pack)
            .ok()
            .and_then(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
            .unwrap_or_default();
        let mut pack_id: String = folder
            .to_lowercase()
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
            .collect();
        pack_id = pack_id.trim_matches('-').to_owned();
        if pack_id.is_empty() {
            pack_id = format!("{id}-pack");
        }
        let text = format!("id = \"{pack_id}\"\nversion = 1\nname = \"{pack_id}\"\n");
        std::fs::write(&pack_toml, text).map_err(|e| io(&pack_toml, e))?;
    }
    for (rel, text) in &files {
        let path = pack.join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| io(parent, e))?;
        }
        std::fs::write(&path, text).map_err(|e| io(&path, e))?;
    }
    let path = pack.join("tours").join(id);
    if json {
        print_json(&serde_json::json!({
            "tour": id,
            "files": files.iter().map(|(rel, _)| pack.join(rel)).collect::<Vec<_>>(),
        }));
    } else {
        println!(
            "{}",
            l10n.t_args(
                "cli-tours-new-created",
                &[
                    ("id", id.into()),
                    ("path", path.display().to_string().into())
                ]
            )
        );
    }
    Ok(())
}

fn validate(path: Option<&Path>, l10n: &Localizer, json: bool) -> Outcome {
    let source = match path {
        Some(p) => source_at(p)?,
        None => tours::catalog::bundled().clone(),
    };
    let problems: Vec<TourProblem> = source.problems();
    if json {
        print_json(&serde_json::json!({
            "tours": source.tours.iter().map(|t| &t.tour.id).collect::<Vec<_>>(),
            "problems": problems,
        }));
    } else {
        for p in &problems {
            println!("{p}");
        }
        if problems.is_empty() {
            let count = source.tours.len() as i64;
            println!(
                "{}",
                l10n.t_args("cli-tours-valid", &[("count", count.into())])
            );
        } else {
            let count = problems.len() as i64;
            eprintln!(
                "{}",
                l10n.t_args("cli-tours-problems", &[("count", count.into())])
            );
        }
    }
    if !problems.is_empty() {
        std::process::exit(1);
    }
    Ok(())
}

fn list(packs: &[PathBuf], l10n: &Localizer, json: bool) -> Outcome {
    let catalog = catalog_with(packs)?;
    let summaries: Vec<_> = catalog
        .tours()
        .iter()
        .map(|t| tours::fresh_summary(t))
        .collect();
    if json {
        print_json(&serde_json::json!({ "tours": summaries, "broken": catalog.broken() }));
        return Ok(());
    }
    let texts = TourTexts::new(&catalog, l10n.language());
    if summaries.is_empty() {
        println!("{}", l10n.t("cli-tours-none"));
    }
    for s in &summaries {
        let source = match s.source {
            TourOrigin::Bundled => l10n.t("cli-tours-source-bundled"),
            TourOrigin::Pack => l10n.t("cli-tours-source-pack"),
        };
        let minutes = l10n.t_args(
            "cli-tours-minutes",
            &[("minutes", i64::from(s.minutes).into())],
        );
        println!(
            "{}  v{}  {source}  {minutes}  {}",
            s.id,
            s.version,
            texts.text(&s.title)
        );
    }
    for b in catalog.broken() {
        for p in &b.problems {
            eprintln!("{}: {p}", b.source);
        }
    }
    Ok(())
}

fn state_text(l10n: &Localizer, state: Option<StepState>) -> String {
    l10n.t(match state {
        Some(StepState::Seen) => "tour-step-state-seen",
        Some(StepState::Done) => "tour-step-state-done",
        Some(StepState::Skipped) => "tour-step-state-skipped",
        None => "tour-step-state-none",
    })
}

fn progress(profile: &str, packs: &[PathBuf], l10n: &Localizer, json: bool) -> Outcome {
    let store = crate::open_store()?;
    let profile_id = find_profile(&store, profile, l10n)?;
    let catalog = catalog_with(packs)?;
    let report = tours::progress_report(&store, &catalog, profile_id)?;
    if json {
        print_json(&report);
        return Ok(());
    }
    let texts = TourTexts::new(&catalog, l10n.language());
    for tour in &report {
        let status = l10n.t(match tour.status {
            TourStatus::New => "tour-status-new",
            TourStatus::InProgress => "tour-status-in-progress",
            TourStatus::Done => "tour-status-done",
        });
        let hidden = if tour.hidden {
            format!(" ({})", l10n.t("cli-tours-hidden"))
        } else {
            String::new()
        };
        println!(
            "{} — {} — {status}{hidden}",
            tour.tour_id,
            texts.text(&tour.title)
        );
        let width = tour
            .steps
            .iter()
            .map(|s| s.step_id.len())
            .max()
            .unwrap_or(0);
        for s in &tour.steps {
            println!(
                "  {:width$}  {:9}  {:16}  {}  {}",
                s.step_id,
                s.kind,
                state_text(l10n, s.status),
                s.updated_at.as_deref().unwrap_or(""),
                s.evidence.as_deref().unwrap_or(""),
            );
        }
    }
    Ok(())
}

async fn check(
    tour_id: &str,
    step_id: &str,
    profile: &str,
    account_id: i64,
    packs: &[PathBuf],
    l10n: &Localizer,
    json: bool,
) -> Outcome {
    let store = crate::open_store()?;
    let profile_id = find_profile(&store, profile, l10n)?;
    let catalog = catalog_with(packs)?;
    let needs_input = catalog
        .get(tour_id)
        .and_then(|t| t.tour.step(step_id))
        .and_then(|s| s.check())
        .is_some_and(|c| c.check.needs_input());
    let input = if needs_input {
        SecretInput::default()
            .secret(APP_PASSWORD_ENV, 0)?
            .map(|s| s.expose().to_owned())
    } else {
        None
    };
    let secrets = Secrets::probe();
    let outcome = tours::check(
        &store, &secrets, &catalog, profile_id, account_id, tour_id, step_id, input, false,
    )
    .await?;
    if json {
        print_json(&outcome);
    } else {
        let texts = TourTexts::new(&catalog, l10n.language());
        if outcome.done {
            let evidence = outcome.evidence.clone().unwrap_or_default();
            println!(
                "{}",
                l10n.t_args("tour-check-done", &[("evidence", evidence.into())])
            );
        } else if outcome.offline {
            println!("{}", l10n.t("tour-check-offline"));
        } else if let Some(missing) = &outcome.missing {
            println!("{}", texts.format(&missing.message_id, &missing.args));
        }
    }
    if !outcome.done {
        std::process::exit(1);
    }
    Ok(())
}

fn reference(json: bool) {
    if json {
        let kinds: Vec<_> = STEP_KINDS
            .iter()
            .map(|k| {
                serde_json::json!({
                    "kind": k.name,
                    "required": k.required,
                    "optional": k.optional,
                    "doc": k.doc,
                })
            })
            .collect();
        let checks: Vec<_> = CHECK_TYPES
            .iter()
            .map(|c| {
                serde_json::json!({
                    "type": c.name,
                    "fields": c.fields,
                    "doneWhen": c.done_when,
                    "needsInput": c.needs_input,
                    "example": c.example,
                })
            })
            .collect();
        let shows: Vec<_> = SHOW_VALUES
            .iter()
            .map(|s| serde_json::json!({ "show": s.name, "doc": s.doc }))
            .collect();
        print_json(&serde_json::json!({ "kinds": kinds, "checks": checks, "shows": shows }));
        return;
    }
    println!("Step kinds (every step has id, kind, text):");
    for k in STEP_KINDS {
        let keys: Vec<String> = k
            .required
            .iter()
            .map(|r| (*r).to_owned())
            .chain(k.optional.iter().map(|o| format!("{o} (optional)")))
            .collect();
        println!("  {:10} {} — {}", k.name, keys.join(", "), k.doc);
    }
    println!("\nWhat an explain step may show (show = \"…\"):");
    for s in SHOW_VALUES {
        println!("  {:19} {}", s.name, s.doc);
    }
    println!("\nChecks (check = {{ type = \"…\", … }}):");
    for c in CHECK_TYPES {
        println!(
            "  {:19} {}\n  {:19} done when {}\n  {:19} e.g. {}",
            c.name, c.fields, "", c.done_when, "", c.example
        );
    }
}

//! `passerelle-cli`: Passerelle's core on the command line, for trainers, admins and scripts,
//! with no display needed. Messages are localised like the app; `--json` gives stable output.
//! Secrets are never taken from the command line (environment or standard input only).

use std::process::ExitCode;

use clap::{Parser, Subcommand};
use passerelle_core::{DataPaths, IpcError, Language, Localizer, Store, doctor, i18n};

#[derive(Debug, Parser)]
#[command(
    name = "passerelle-cli",
    version,
    about = "Passerelle without a window"
)]
struct Cli {
    /// Language of the messages (fr or en); default: the system's.
    #[arg(long, global = true, value_parser = parse_language)]
    lang: Option<Language>,
    /// Print machine-readable JSON instead of text.
    #[arg(long, global = true)]
    json: bool,
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Shows the data folder, database schema version, languages and tours found.
    Doctor,
}

fn parse_language(s: &str) -> Result<Language, String> {
    Language::from_tag(s).ok_or_else(|| format!("unknown language {s:?} (use fr or en)"))
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let l10n = Localizer::new(cli.lang.unwrap_or_else(i18n::system_language));
    let result = match cli.command {
        Command::Doctor => doctor_cmd(&l10n, cli.json),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            if cli.json {
                println!("{}", serde_json::json!({ "error": err }));
            } else {
                let text = l10n.t(&format!("error-{}", err.code));
                eprintln!("{}", l10n.t_args("cli-error", &[("message", text.into())]));
                eprintln!("({})", err.message);
            }
            ExitCode::FAILURE
        }
    }
}

fn doctor_cmd(l10n: &Localizer, json: bool) -> Result<(), IpcError> {
    let paths = DataPaths::from_env()?;
    let store = Store::open(&paths)?;
    let report = doctor::report(&paths, &store)?;
    if json {
        println!(
            "{}",
            serde_json::to_string_pretty(&report).expect("report serialises")
        );
        return Ok(());
    }
    let about = &report.about;
    let version = about.version.as_str();
    println!(
        "{}",
        l10n.t_args("cli-doctor-title", &[("version", version.into())])
    );
    println!(
        "{}",
        l10n.t_args(
            "cli-doctor-data-dir",
            &[("path", about.data_dir.as_str().into())]
        )
    );
    println!(
        "{}",
        l10n.t_args(
            "cli-doctor-database",
            &[
                ("path", about.database_path.as_str().into()),
                ("version", about.schema_version.into()),
                ("latest", report.latest_schema_version.into()),
            ],
        )
    );
    let langs = doctor::language_tags(&about.locales).join(", ");
    println!(
        "{}",
        l10n.t_args("cli-doctor-locales", &[("list", langs.into())])
    );
    println!(
        "{}",
        l10n.t_args("cli-doctor-profiles", &[("count", report.profiles.into())])
    );
    println!(
        "{}",
        l10n.t_args(
            "cli-doctor-tours",
            &[
                ("count", report.tours.len().into()),
                ("list", report.tours.join(", ").into())
            ],
        )
    );
    if let Some(notice) = &report.store_notice {
        let id = format!("notice-{}", notice.code);
        println!(
            "{}",
            l10n.t_args(&id, &[("path", notice.moved_to.as_str().into())])
        );
    } else {
        println!("{}", l10n.t("cli-doctor-ok"));
    }
    Ok(())
}

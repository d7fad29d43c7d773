//! `passerelle-cli`: Passerelle's core on the command line, for trainers, admins and scripts,
//! with no display needed. Messages are localised like the app; `--json` gives stable output.
//! Secrets are never taken from the command line (environment or standard input only).

mod accounts;
mod doctor;
mod input;
mod tours;
mod transfer;
mod workshop;

use std::process::ExitCode;

use clap::{Parser, Subcommand};
use passerelle_core::{CoreError, DataPaths, IpcError, Language, Localizer, Store, i18n};

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
    /// Checks a server address.
    #[command(subcommand)]
    Server(accounts::ServerCommand),
    /// Nextcloud accounts of a local profile.
    #[command(subcommand)]
    Account(accounts::AccountCommand),
    /// Guided tours: validate, list, progress, run a check.
    #[command(subcommand)]
    Tours(tours::ToursCommand),
    /// Hand-over: move a departing member's files, calendars and contacts to another member.
    #[command(subcommand)]
    Transfer(Box<transfer::TransferCommand>),
    /// Workshops: practice accounts, sign-in sheets, workshop packs, progress, laptop reset.
    #[command(subcommand)]
    Workshop(workshop::WorkshopCommand),
}

fn parse_language(s: &str) -> Result<Language, String> {
    Language::from_tag(s).ok_or_else(|| format!("unknown language {s:?} (use fr or en)"))
}

/// What a command gives back: output already printed, or an error to report.
type Outcome = Result<(), IpcError>;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let l10n = Localizer::new(cli.lang.unwrap_or_else(i18n::system_language));
    let result = match cli.command {
        Command::Doctor => doctor::run(&l10n, cli.json),
        Command::Server(cmd) => block_on(accounts::server(cmd, &l10n, cli.json)),
        Command::Account(cmd) => block_on(accounts::account(cmd, &l10n, cli.json)),
        Command::Tours(cmd) => block_on(tours::run(cmd, &l10n, cli.json)),
        Command::Transfer(cmd) => block_on(transfer::run(*cmd, &l10n, cli.json)),
        Command::Workshop(cmd) => block_on(workshop::run(cmd, &l10n, cli.json)),
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
            exit_code(&err.code)
        }
    }
}

/// Exit status of an error: 75 (EX_TEMPFAIL) when trying again later will get further (a
/// hand-over to resume), 1 for everything else — a hand-over that needs a person included.
fn exit_code(code: &str) -> ExitCode {
    if code == "handover-incomplete" {
        ExitCode::from(75)
    } else {
        ExitCode::FAILURE
    }
}

fn block_on(future: impl std::future::Future<Output = Outcome>) -> Outcome {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a tokio runtime starts")
        .block_on(future)
}

/// The store in the data folder (`PASSERELLE_DATA_DIR` or the platform's), for every command.
pub(crate) fn open_store() -> Result<Store, CoreError> {
    Store::open(&DataPaths::from_env()?)
}

//! `passerelle-cli workshop …`: practice accounts (plan, create with a sign-in sheet, list,
//! clean up), sign-in sheets from a list of logins and passwords, workshop packs (export,
//! import), participants' progress (export on each laptop, import and table on the trainer's)
//! and resetting a shared laptop.
//!
//! The admin's app password comes from `PASSERELLE_APP_PASSWORD` or standard input, never
//! from the command line. Destructive commands list what they would touch and do nothing
//! without `--yes`.

use std::path::{Path, PathBuf};

use clap::{Args, Subcommand};
use passerelle_core::secrets::Secrets;
use passerelle_core::workshop::WorkshopError;
use passerelle_core::workshop::pack;
use passerelle_core::workshop::plan::FRAMASPACE_ACCOUNT_LIMIT;
use passerelle_core::workshop::progress::{self, ParticipantStep};
use passerelle_core::workshop::reset::reset_laptop;
use passerelle_core::workshop::sheet;
use passerelle_core::workshop::{
    AccountPlan, CleanupAction, CsvBytes, MembersRequest, WorkshopPlan, accounts, records,
};
use passerelle_core::{CoreError, DataPaths, IpcError, Localizer, Store};
use passerelle_nextcloud::{Client, normalize_address};

use crate::Outcome;
use crate::input::{APP_PASSWORD_ENV, SecretInput, print_json};

#[derive(Debug, Subcommand)]
pub enum WorkshopCommand {
    /// Practice accounts, or many new members at once (admin or group admin of the space).
    #[command(subcommand)]
    Accounts(AccountsCommand),
    /// Writes a printable sign-in sheet from a CSV with name, login and password columns.
    Sheet {
        /// CSV with `name,login,password` (header line first).
        #[arg(long)]
        csv: PathBuf,
        /// The space's address (printed on each card).
        #[arg(long)]
        server: String,
        /// Where to write the HTML page.
        #[arg(long)]
        out: PathBuf,
        /// Title of the page (default: the address).
        #[arg(long)]
        space_name: Option<String>,
    },
    /// Workshop packs for USB keys.
    #[command(subcommand)]
    Pack(PackCommand),
    /// Lists the workshop plans saved on this computer (exported or imported packs).
    Plans,
    /// Participants' progress.
    #[command(subcommand)]
    Progress(ProgressCommand),
    /// Removes every profile, account, app password, web session and progress of this laptop.
    Reset {
        /// The embedded browser's data folder to empty.
        #[arg(long)]
        web_sessions: Option<PathBuf>,
        /// Really do it (without: only list what would be removed).
        #[arg(long)]
        yes: bool,
    },
}

/// Who is asking, on which space.
#[derive(Debug, Args)]
pub struct AdminArgs {
    /// The space's address.
    #[arg(long)]
    server: String,
    /// The admin's (or group admin's) login; the app password is read from
    /// PASSERELLE_APP_PASSWORD or standard input.
    #[arg(long)]
    login: String,
}

/// Which members.
#[derive(Debug, Args)]
pub struct MembersArgs {
    /// A CSV of members: name, and optionally login, email, group, quota.
    #[arg(long, conflicts_with = "count", required_unless_present = "count")]
    csv: Option<PathBuf>,
    /// Or a number of participants.
    #[arg(long)]
    count: Option<usize>,
    /// Login prefix for --count (`atelier` gives atelier-01, atelier-02…).
    #[arg(long, default_value = "atelier")]
    prefix: String,
    /// Group to put --count participants in (created when missing).
    #[arg(long)]
    group: Option<String>,
    /// Most accounts the space may hold, existing ones included.
    #[arg(long, conflicts_with = "framaspace")]
    limit: Option<usize>,
    /// The space is on Framaspace (50 accounts at most).
    #[arg(long)]
    framaspace: bool,
    /// No generated password: the server e-mails each member a link to choose one (every
    /// line needs an e-mail address). For welcoming real members rather than a workshop.
    #[arg(long)]
    email_link: bool,
}

#[derive(Debug, Subcommand)]
pub enum AccountsCommand {
    /// Checks the list against the space; prints every mistake with its line. Creates nothing.
    Plan {
        #[command(flatten)]
        admin: AdminArgs,
        #[command(flatten)]
        members: MembersArgs,
    },
    /// Creates the accounts (only when the list has no mistake) and writes the sign-in sheet.
    Create {
        #[command(flatten)]
        admin: AdminArgs,
        #[command(flatten)]
        members: MembersArgs,
        /// Where to write the printable sign-in sheet (HTML; it holds the passwords). Needed
        /// unless --email-link.
        #[arg(long, required_unless_present = "email_link")]
        sheet: Option<PathBuf>,
        /// A label for this run (e.g. the workshop's date).
        #[arg(long, default_value = "workshop")]
        label: String,
        /// Title of the sheet (default: the address).
        #[arg(long)]
        space_name: Option<String>,
    },
    /// Lists the practice accounts recorded on this computer.
    List {
        /// Only those of this server.
        #[arg(long)]
        server: Option<String>,
    },
    /// Disables (or deletes) the recorded practice accounts of a space, after confirmation.
    Cleanup {
        #[command(flatten)]
        admin: AdminArgs,
        /// Delete the accounts and all their data instead of disabling them.
        #[arg(long)]
        delete: bool,
        /// Really do it (without: only list the accounts).
        #[arg(long)]
        yes: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum PackCommand {
    /// Writes a workshop pack (a folder, or a .zip when the name ends so).
    Export {
        /// The workshop's name.
        #[arg(long)]
        name: String,
        /// A tour, in order; repeat.
        #[arg(long = "tour", required = true)]
        tours: Vec<String>,
        /// The pack's id (a-z, 0-9, -).
        #[arg(long)]
        id: String,
        /// Tour packs holding tours that are not bundled; repeat.
        #[arg(long)]
        pack: Vec<PathBuf>,
        /// Where to write it.
        #[arg(long)]
        out: PathBuf,
    },
    /// Checks a workshop pack, keeps a copy on this computer and saves its plan.
    Import {
        /// Folder or .zip.
        path: PathBuf,
    },
    /// Checks a pack being edited again each time a file changes (Ctrl+C to stop).
    Watch {
        /// Folder or .zip.
        path: PathBuf,
    },
}

#[derive(Debug, Subcommand)]
pub enum ProgressCommand {
    /// Writes this laptop's participants' progress to a small JSON file.
    Export {
        /// A name for this laptop (shown in the trainer's table).
        #[arg(long)]
        laptop: String,
        /// Where to write it.
        #[arg(long)]
        out: PathBuf,
    },
    /// Merges progress files into this computer's table.
    Import {
        /// Files written by `progress export`.
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// Shows the merged table (participant × tour × step), or writes it as CSV.
    Table {
        /// Write CSV here instead of printing.
        #[arg(long)]
        csv: Option<PathBuf>,
    },
}

fn admin_client(store: &Store, admin: &AdminArgs) -> Result<Client, IpcError> {
    let address = normalize_address(&admin.server).map_err(CoreError::from)?;
    let secret = SecretInput::default()
        .secret(APP_PASSWORD_ENV, 0)?
        .ok_or_else(|| {
            IpcError::new(
                "workshop-no-app-password",
                format!("no app password in {APP_PASSWORD_ENV} or standard input"),
            )
        })?;
    let login = admin.login.trim();
    Ok(passerelle_core::connect::client_with(
        store,
        &address.url,
        login,
        None,
        secret.expose(),
    )?)
}

fn io_error(path: &Path, e: std::io::Error) -> IpcError {
    CoreError::DataDir {
        path: path.to_owned(),
        source: e,
    }
    .into()
}

/// Reads the members (the CSV file as it is) and checks them against the space.
async fn plan(
    client: &Client,
    members: &MembersArgs,
    l10n: &Localizer,
) -> Result<AccountPlan, IpcError> {
    let csv = match &members.csv {
        Some(path) => Some(CsvBytes(
            std::fs::read(path).map_err(|e| io_error(path, e))?,
        )),
        None => None,
    };
    let request = MembersRequest {
        csv,
        count: members.count,
        prefix: members.prefix.clone(),
        group: members.group.clone(),
        limit: members
            .limit
            .or(members.framaspace.then_some(FRAMASPACE_ACCOUNT_LIMIT)),
        email_link: members.email_link,
    };
    Ok(accounts::plan_members(client, &request, l10n).await?)
}

/// Prints the plan's mistakes (stdout) or its summary; `Err` when it has mistakes.
fn report_plan(plan: &AccountPlan, l10n: &Localizer, json: bool) -> Outcome {
    if json {
        print_json(plan);
    } else {
        for p in &plan.problems {
            let reason = l10n.t_args(
                &format!("workshop-reason-{}", p.reason.code()),
                &[("other", p.other_line.unwrap_or_default().into())],
            );
            let id = if p.line == 0 {
                "workshop-plan-count-line"
            } else {
                "workshop-plan-line"
            };
            println!(
                "{}",
                l10n.t_args(
                    id,
                    &[
                        ("line", p.line.into()),
                        ("reason", reason.into()),
                        (
                            "value",
                            if p.value.is_empty() {
                                "—"
                            } else {
                                p.value.as_str()
                            }
                            .into()
                        ),
                    ]
                )
            );
        }
    }
    if plan.is_valid() {
        if !json {
            println!(
                "{}",
                l10n.t_args(
                    "workshop-plan-ok",
                    &[
                        ("accounts", plan.accounts.len().into()),
                        ("groups", plan.groups_to_create.len().into()),
                        ("existing", plan.existing_accounts.into()),
                    ]
                )
            );
        }
        Ok(())
    } else {
        if !json {
            eprintln!(
                "{}",
                l10n.t_args(
                    "workshop-plan-problems",
                    &[("count", plan.problems.len().max(1).into())]
                )
            );
        }
        Err(CoreError::Workshop(WorkshopError::PlanInvalid {
            problems: plan.problems.len().max(1),
        })
        .into())
    }
}

pub async fn run(cmd: WorkshopCommand, l10n: &Localizer, json: bool) -> Outcome {
    let store = crate::open_store()?;
    match cmd {
        WorkshopCommand::Accounts(cmd) => accounts_cmd(cmd, &store, l10n, json).await,
        WorkshopCommand::Sheet {
            csv,
            server,
            out,
            space_name,
        } => sheet_cmd(&csv, &server, &out, space_name.as_deref(), l10n, json),
        WorkshopCommand::Pack(cmd) => pack_cmd(cmd, &store, l10n, json).await,
        WorkshopCommand::Plans => {
            let plans = records::plans(&store)?;
            if json {
                print_json(&plans);
            } else if plans.is_empty() {
                println!("{}", l10n.t("workshop-plans-none"));
            } else {
                for p in plans {
                    println!("{}: {}", p.name, p.tours.join(", "));
                }
            }
            Ok(())
        }
        WorkshopCommand::Progress(cmd) => progress_cmd(cmd, &store, l10n, json),
        WorkshopCommand::Reset { web_sessions, yes } => {
            reset_cmd(&store, web_sessions.as_deref(), yes, l10n, json)
        }
    }
}

async fn accounts_cmd(
    cmd: AccountsCommand,
    store: &Store,
    l10n: &Localizer,
    json: bool,
) -> Outcome {
    match cmd {
        AccountsCommand::Plan { admin, members } => {
            let client = admin_client(store, &admin)?;
            let plan = plan(&client, &members, l10n).await?;
            report_plan(&plan, l10n, json)
        }
        AccountsCommand::Create {
            admin,
            members,
            sheet: sheet_path,
            label,
            space_name,
        } => {
            let client = admin_client(store, &admin)?;
            let plan = plan(&client, &members, l10n).await?;
            if !plan.is_valid() {
                return report_plan(&plan, l10n, json);
            }
            // Progress on standard error (`12/30`), so standard output stays clean.
            let mut progress = |done: usize, total: usize| {
                if !json {
                    eprint!("\r{done}/{total}");
                    if done == total {
                        eprintln!();
                    }
                }
            };
            let report =
                accounts::create_accounts(&client, store, &plan, &label, &mut progress).await?;
            let server = report.server_url.clone();
            let cards = sheet::entries(&report);
            // With --email-link there is no password, so no sheet (even when asked for).
            let sheet_path = sheet_path.filter(|_| cards.iter().any(|c| c.password.is_some()));
            if let Some(path) = &sheet_path {
                let html =
                    sheet::render(l10n, &server, space_name.as_deref().unwrap_or(""), &cards);
                std::fs::write(path, html).map_err(|e| io_error(path, e))?;
            }
            if json {
                let created: Vec<_> = report.accounts.iter().map(|a| &a.account).collect();
                print_json(&serde_json::json!({
                    "runId": report.run_id,
                    "server": server,
                    "accounts": created,
                    "groupsCreated": report.groups_created,
                    "sheet": sheet_path,
                }));
            } else {
                let path = sheet_path
                    .as_ref()
                    .map_or_else(|| "—".to_owned(), |p| p.display().to_string());
                println!(
                    "{}",
                    l10n.t_args(
                        "workshop-created",
                        &[
                            ("count", report.accounts.len().into()),
                            ("path", path.into()),
                        ]
                    )
                );
            }
            Ok(())
        }
        AccountsCommand::List { server } => {
            let server = match server {
                Some(s) => Some(normalize_address(&s).map_err(CoreError::from)?.url),
                None => None,
            };
            let all = records::practice_accounts(store, server.as_deref())?;
            if json {
                print_json(&all);
            } else if all.is_empty() {
                println!("{}", l10n.t("workshop-accounts-none"));
            } else {
                for a in all {
                    println!(
                        "{}\t{}\t{}\t{:?}\t{}",
                        a.server_url, a.user_id, a.display_name, a.state, a.created_at
                    );
                }
            }
            Ok(())
        }
        AccountsCommand::Cleanup { admin, delete, yes } => {
            let client = admin_client(store, &admin)?;
            let server = accounts::server_key(&client);
            let candidates = accounts::cleanup_candidates(store, &server)?;
            let action = if delete {
                CleanupAction::Delete
            } else {
                CleanupAction::Disable
            };
            if candidates.is_empty() {
                if json {
                    print_json(&serde_json::json!({ "accounts": [] }));
                } else {
                    println!("{}", l10n.t("workshop-accounts-none"));
                }
                return Ok(());
            }
            let ids: Vec<String> = candidates.iter().map(|a| a.user_id.clone()).collect();
            if !yes {
                if json {
                    print_json(&serde_json::json!({ "accounts": ids, "confirmed": false }));
                } else {
                    let action_name = if delete { "delete" } else { "disable" };
                    println!(
                        "{}",
                        l10n.t_args(
                            "workshop-cleanup-list",
                            &[("count", ids.len().into()), ("action", action_name.into())]
                        )
                    );
                    for a in &candidates {
                        println!("  {} ({})", a.user_id, a.display_name);
                    }
                    eprintln!("{}", l10n.t("workshop-confirm-hint"));
                }
                return Ok(());
            }
            let report = accounts::cleanup_accounts(&client, store, action, &ids).await?;
            if json {
                print_json(&report);
            } else {
                for (id, code) in &report.failed {
                    eprintln!("{id}: {}", l10n.t(&format!("error-{code}")));
                }
                println!(
                    "{}",
                    l10n.t_args(
                        "workshop-cleanup-done",
                        &[
                            ("done", report.done.len().into()),
                            ("gone", report.already_gone.len().into()),
                            ("failed", report.failed.len().into()),
                        ]
                    )
                );
            }
            if report.failed.is_empty() {
                Ok(())
            } else {
                Err(IpcError::new(
                    report.failed[0].1.clone(),
                    format!("{} account(s) could not be cleaned up", report.failed.len()),
                ))
            }
        }
    }
}

fn sheet_cmd(
    csv_path: &Path,
    server: &str,
    out: &Path,
    space_name: Option<&str>,
    l10n: &Localizer,
    json: bool,
) -> Outcome {
    let address = normalize_address(server).map_err(CoreError::from)?;
    let text = std::fs::read_to_string(csv_path).map_err(|e| io_error(csv_path, e))?;
    let cards = sheet::read_cards(&text).map_err(|line| {
        IpcError::new(
            "workshop-sheet-csv",
            format!(
                "{}:{line}: expected name, login and password",
                csv_path.display()
            ),
        )
    })?;
    let html = sheet::render(l10n, &address.url, space_name.unwrap_or(""), &cards);
    std::fs::write(out, html).map_err(|e| io_error(out, e))?;
    if json {
        print_json(&serde_json::json!({ "sheet": out, "cards": cards.len() }));
    } else {
        println!(
            "{}",
            l10n.t_args(
                "workshop-sheet-written",
                &[
                    ("path", out.display().to_string().into()),
                    ("count", cards.len().into()),
                ]
            )
        );
    }
    Ok(())
}

/// Re-checks the pack whenever its files change, until Ctrl+C.
async fn watch(path: &Path, l10n: &Localizer) -> Outcome {
    println!(
        "{}",
        l10n.t_args(
            "workshop-pack-watching",
            &[("path", path.display().to_string().into())]
        )
    );
    let mut last = None;
    loop {
        let signature = pack::pack_signature(path).ok();
        if signature != last {
            last = signature;
            match pack::import_pack(path) {
                Ok(p) => println!(
                    "{}",
                    l10n.t_args(
                        "workshop-pack-watch-ok",
                        &[
                            ("name", p.plan.name.as_str().into()),
                            ("tours", p.plan.tours.len().into()),
                        ]
                    )
                ),
                Err(CoreError::Workshop(WorkshopError::PackInvalid { problems, .. })) => {
                    println!("---");
                    for p in problems {
                        println!("{p}");
                    }
                }
                Err(e) => println!("{}", l10n.t(&format!("error-{}", e.code()))),
            }
        }
        // Polling keeps this dependency-free; a pack is a few dozen files.
        tokio::select! {
            _ = tokio::signal::ctrl_c() => return Ok(()),
            _ = tokio::time::sleep(std::time::Duration::from_millis(500)) => {}
        }
    }
}

async fn pack_cmd(cmd: PackCommand, store: &Store, l10n: &Localizer, json: bool) -> Outcome {
    match cmd {
        PackCommand::Watch { path } => watch(&path, l10n).await,
        PackCommand::Export {
            name,
            tours,
            id,
            pack: packs,
            out,
        } => {
            let plan = WorkshopPlan::named(&name, tours);
            let sets = packs
                .iter()
                .map(|p| passerelle_core::tours::FileSet::read(p))
                .collect::<Result<Vec<_>, _>>()?;
            let written = pack::export_and_save(store, &plan, &id, &sets, &out)?;
            if json {
                print_json(&written);
            } else {
                println!(
                    "{}",
                    l10n.t_args(
                        "workshop-pack-exported",
                        &[
                            ("path", written.path.as_str().into()),
                            ("tours", written.tours.len().into()),
                            ("files", written.files.into()),
                        ]
                    )
                );
            }
            Ok(())
        }
        PackCommand::Import { path } => {
            let data = DataPaths::from_env()?;
            let (imported, installed) = match pack::import_and_install(store, &data, &path) {
                Ok(done) => done,
                Err(CoreError::Workshop(WorkshopError::PackInvalid { path, problems })) => {
                    if !json {
                        for p in &problems {
                            println!("{p}");
                        }
                    }
                    return Err(
                        CoreError::Workshop(WorkshopError::PackInvalid { path, problems }).into(),
                    );
                }
                Err(e) => return Err(e.into()),
            };
            if json {
                print_json(&serde_json::json!({
                    "plan": imported.plan,
                    "installedAt": installed,
                }));
            } else {
                println!(
                    "{}",
                    l10n.t_args(
                        "workshop-pack-imported",
                        &[
                            ("name", imported.plan.name.as_str().into()),
                            ("tours", imported.plan.tours.len().into()),
                            ("path", installed.display().to_string().into()),
                        ]
                    )
                );
            }
            Ok(())
        }
    }
}

fn state_text(l10n: &Localizer, state: ParticipantStep) -> String {
    l10n.t(&format!("workshop-state-{}", state.as_str()))
}

fn progress_cmd(cmd: ProgressCommand, store: &Store, l10n: &Localizer, json: bool) -> Outcome {
    match cmd {
        ProgressCommand::Export { laptop, out } => {
            let file = progress::write_progress_file(store, &laptop, &out)?;
            if json {
                print_json(
                    &serde_json::json!({ "file": out, "participants": file.participants.len() }),
                );
            } else {
                println!(
                    "{}",
                    l10n.t_args(
                        "workshop-progress-exported",
                        &[
                            ("count", file.participants.len().into()),
                            ("path", out.display().to_string().into()),
                        ]
                    )
                );
            }
            Ok(())
        }
        ProgressCommand::Import { files } => {
            // Every file is read and checked before anything is merged.
            let summaries = progress::import_progress_files(store, &files)?;
            for (path, summary) in files.iter().zip(&summaries) {
                if !json {
                    println!(
                        "{}",
                        l10n.t_args(
                            "workshop-progress-imported",
                            &[
                                ("file", path.display().to_string().into()),
                                ("participants", summary.participants.into()),
                                ("updated", summary.steps_updated.into()),
                            ]
                        )
                    );
                }
            }
            if json {
                print_json(&summaries);
            }
            Ok(())
        }
        ProgressCommand::Table { csv } => {
            if let Some(out) = csv {
                progress::write_table_csv(store, &out)?;
                return Ok(());
            }
            let cells = progress::progress_table(store)?;
            if json {
                print_json(&cells);
            } else if cells.is_empty() {
                println!("{}", l10n.t("workshop-progress-empty"));
            } else {
                let mut last = String::new();
                for c in &cells {
                    if c.participant != last {
                        println!("{}", c.participant);
                        last = c.participant.clone();
                    }
                    println!("  {} / {}: {}", c.tour, c.step, state_text(l10n, c.state));
                }
            }
            Ok(())
        }
    }
}

fn reset_cmd(
    store: &Store,
    web_sessions: Option<&Path>,
    yes: bool,
    l10n: &Localizer,
    json: bool,
) -> Outcome {
    let names: Vec<String> = store.profiles()?.into_iter().map(|p| p.name).collect();
    if !yes {
        if json {
            print_json(&serde_json::json!({ "profiles": names, "confirmed": false }));
        } else {
            println!(
                "{}",
                l10n.t_args(
                    "workshop-reset-list",
                    &[
                        ("count", names.len().into()),
                        ("names", names.join(", ").into()),
                    ]
                )
            );
            eprintln!("{}", l10n.t("workshop-confirm-hint"));
        }
        return Ok(());
    }
    let secrets = Secrets::probe();
    let report = reset_laptop(store, &secrets, web_sessions, &names)?;
    if json {
        print_json(&report);
    } else {
        println!(
            "{}",
            l10n.t_args(
                "workshop-reset-done",
                &[
                    ("profiles", report.profiles.len().into()),
                    ("accounts", report.accounts.into()),
                    ("secrets", report.secrets.into()),
                    ("rows", report.rows.into()),
                    ("web", report.web_session_entries.into()),
                ]
            )
        );
        for (server, user, code) in &report.secret_failures {
            eprintln!("{user} @ {server}: {}", l10n.t(&format!("error-{code}")));
        }
    }
    Ok(())
}

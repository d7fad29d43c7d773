//! `passerelle-cli transfer …`: hand a departing member's files, calendars and address books
//! over to another member — plan (dry run), run, resume, verify, report, list. Each side is a
//! recorded account (`--from-account N`) or a server and user (`--from-server URL
//! --from-user ID`); app passwords come from `PASSERELLE_FROM_APP_PASSWORD` /
//! `PASSERELLE_TO_APP_PASSWORD` or standard input (one line each, "from" first), never from
//! the command line. `--from-files-url` (and the calendar/contact homes) reach any WebDAV,
//! CalDAV and CardDAV server instead of Nextcloud's standard layout.
//!
//! An administrator's account (`--admin-account N`, or `--admin-server URL --admin-user ID` with
//! `PASSERELLE_ADMIN_APP_PASSWORD`) lets Passerelle use the OwnershipTransfer server app, which
//! needs no session of the members: with `--strategy ownershiptransfer` only the admin's secret
//! is asked. The same account disables the departing member's account after a verified
//! hand-over (`transfer disable JOB --confirm-disable`).
//!
//! Progress goes to standard error; `--json` prints the result as JSON on standard output.
//! Ctrl-C cancels safely: the job can be resumed by its id.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::time::{Duration, Instant};

use clap::{Args, Subcommand, ValueEnum};
use passerelle_core::export::human_bytes;
use passerelle_core::handover::HandoverError;
use passerelle_core::handover::{
    self, AdminLogin, HandoverPlan, JobSummary, Progress, RunOptions, RunOutcome, Selection,
    Sessions, SideLogin, StrategyKind, Verification, Who,
};
use passerelle_core::secrets::Secrets;
use passerelle_core::{CoreError, IpcError, Localizer, Store};
use passerelle_nextcloud::{CancellationToken, Client, Secret};

use crate::Outcome;
use crate::input::{SecretInput, print_json};

const FROM_PASSWORD_ENV: &str = "PASSERELLE_FROM_APP_PASSWORD";
const TO_PASSWORD_ENV: &str = "PASSERELLE_TO_APP_PASSWORD";
const ADMIN_PASSWORD_ENV: &str = "PASSERELLE_ADMIN_APP_PASSWORD";

#[derive(Debug, Subcommand)]
pub enum TransferCommand {
    /// Shows what would be handed over, where, how, and what cannot be (nothing is written).
    Plan {
        #[command(flatten)]
        from: FromArgs,
        #[command(flatten)]
        to: ToArgs,
        #[command(flatten)]
        what: WhatArgs,
        #[command(flatten)]
        admin: AdminArgs,
    },
    /// Plans, records and runs a hand-over; prints the job id to resume it.
    Run {
        #[command(flatten)]
        from: FromArgs,
        #[command(flatten)]
        to: ToArgs,
        #[command(flatten)]
        what: WhatArgs,
        #[command(flatten)]
        run: RunArgs,
        #[command(flatten)]
        admin: AdminArgs,
    },
    /// Resumes a job: verified items are never copied again.
    Resume {
        /// The job id.
        job: i64,
        #[command(flatten)]
        run: RunArgs,
        #[command(flatten)]
        admin: AdminArgs,
    },
    /// Compares the destination with the job's plan, side by side.
    Verify {
        /// The job id.
        job: i64,
        /// Download the files again and compare their SHA-1 (slower).
        #[arg(long)]
        deep: bool,
    },
    /// Prints or saves a job's report.
    Report {
        /// The job id.
        job: i64,
        /// Format (default: json with --json, else text).
        #[arg(long, value_enum)]
        format: Option<ReportFormat>,
        /// Write to this file instead of standard output.
        #[arg(long)]
        output: Option<PathBuf>,
    },
    /// Lists the hand-over jobs, newest first.
    List,
    /// Disables the departing member's account after a verified hand-over (provisioning API,
    /// with an administrator's account). The account keeps its data and can be enabled again.
    Disable {
        /// The job id.
        job: i64,
        /// Says yes: without it nothing is disabled.
        #[arg(long)]
        confirm_disable: bool,
        #[command(flatten)]
        admin: AdminArgs,
    },
}

#[derive(Debug, Args)]
pub struct AdminArgs {
    /// An administrator's recorded account on the departing member's server.
    #[arg(long, conflicts_with_all = ["admin_server", "admin_user"])]
    admin_account: Option<i64>,
    /// The administrator's server (secret from PASSERELLE_ADMIN_APP_PASSWORD).
    #[arg(long, requires = "admin_user")]
    admin_server: Option<String>,
    /// The administrator's user id.
    #[arg(long)]
    admin_user: Option<String>,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ReportFormat {
    Text,
    Json,
    Csv,
    Html,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum StrategyArg {
    Auto,
    Copy,
    Ownershiptransfer,
    Native,
    ShareCopy,
}

#[derive(Debug, Args)]
pub struct FromArgs {
    /// The departing member's recorded account (see `account list`).
    #[arg(long, conflicts_with_all = ["from_server", "from_user"])]
    from_account: Option<i64>,
    /// The departing member's server.
    #[arg(long, requires = "from_user")]
    from_server: Option<String>,
    /// The departing member's user id.
    #[arg(long)]
    from_user: Option<String>,
    /// Login name for the app password (default: the user id).
    #[arg(long)]
    from_login: Option<String>,
    /// Name shown in the destination folder's name (default: asked from the server).
    #[arg(long)]
    from_name: Option<String>,
    /// WebDAV root of the files on a non-Nextcloud server.
    #[arg(long, requires = "from_server")]
    from_files_url: Option<String>,
    /// CalDAV home on a non-Nextcloud server.
    #[arg(long, requires = "from_files_url")]
    from_calendars_url: Option<String>,
    /// CardDAV home on a non-Nextcloud server.
    #[arg(long, requires = "from_files_url")]
    from_contacts_url: Option<String>,
}

#[derive(Debug, Args)]
pub struct ToArgs {
    /// The recipient's recorded account.
    #[arg(long, conflicts_with_all = ["to_server", "to_user"])]
    to_account: Option<i64>,
    /// The recipient's server.
    #[arg(long, requires = "to_user")]
    to_server: Option<String>,
    /// The recipient's user id.
    #[arg(long)]
    to_user: Option<String>,
    /// Login name for the app password (default: the user id).
    #[arg(long)]
    to_login: Option<String>,
    /// The recipient's display name (for the report).
    #[arg(long)]
    to_name: Option<String>,
    /// WebDAV root of the files on a non-Nextcloud server.
    #[arg(long, requires = "to_server")]
    to_files_url: Option<String>,
    /// CalDAV home on a non-Nextcloud server.
    #[arg(long, requires = "to_files_url")]
    to_calendars_url: Option<String>,
    /// CardDAV home on a non-Nextcloud server.
    #[arg(long, requires = "to_files_url")]
    to_contacts_url: Option<String>,
}

#[derive(Debug, Args)]
pub struct WhatArgs {
    /// Everything the member owns.
    #[arg(long)]
    all: bool,
    /// Files or folders (paths in the member's files).
    #[arg(long, num_args = 1..)]
    files: Vec<String>,
    /// Calendars (their URI, e.g. `personal`).
    #[arg(long, num_args = 1..)]
    calendars: Vec<String>,
    /// Address books (their URI, e.g. `contacts`).
    #[arg(long, num_args = 1..)]
    contacts: Vec<String>,
    /// Destination folder at the recipient (default: "Transferred from <name> on <date>").
    #[arg(long)]
    destination: Option<String>,
    /// How to hand over (`auto` picks the best available and says why).
    #[arg(long, value_enum, default_value = "auto")]
    strategy: StrategyArg,
}

#[derive(Debug, Args)]
pub struct RunArgs {
    /// Files copied at the same time.
    #[arg(long, default_value_t = 4)]
    parallel: usize,
    /// After copying, download the files again and compare their SHA-1.
    #[arg(long)]
    deep_verify: bool,
}

impl FromArgs {
    fn login(&self) -> SideLogin {
        SideLogin {
            account: self.from_account,
            server: self.from_server.clone(),
            user: self.from_user.clone(),
            login: self.from_login.clone(),
            name: self.from_name.clone(),
            files_url: self.from_files_url.clone(),
            calendars_url: self.from_calendars_url.clone(),
            contacts_url: self.from_contacts_url.clone(),
        }
    }
}

impl ToArgs {
    fn login(&self) -> SideLogin {
        SideLogin {
            account: self.to_account,
            server: self.to_server.clone(),
            user: self.to_user.clone(),
            login: self.to_login.clone(),
            name: self.to_name.clone(),
            files_url: self.to_files_url.clone(),
            calendars_url: self.to_calendars_url.clone(),
            contacts_url: self.to_contacts_url.clone(),
        }
    }
}

impl AdminArgs {
    fn login(&self) -> AdminLogin {
        AdminLogin {
            account: self.admin_account,
            server: self.admin_server.clone(),
            user: self.admin_user.clone(),
        }
    }
}

/// The app passwords the core asks for: the departing member's from its variable or the
/// first line of standard input, the recipient's from its variable or the second line, the
/// administrator's from its variable only.
fn ask_from(input: &mut SecretInput) -> impl FnMut(Who) -> Result<Secret, IpcError> + '_ {
    move |who| match who {
        Who::Source => input.app_password(FROM_PASSWORD_ENV, 0),
        Who::Target => input.app_password(TO_PASSWORD_ENV, 1),
        Who::Admin => std::env::var(ADMIN_PASSWORD_ENV)
            .ok()
            .filter(|v| !v.trim().is_empty())
            .map(|v| Secret::from(v.trim().to_owned()))
            .ok_or_else(|| {
                IpcError::new(
                    "invalid-value",
                    format!("no app password for the administrator: set {ADMIN_PASSWORD_ENV}"),
                )
            }),
    }
}

/// The administrator's session, when one is given.
fn admin_client(store: &Store, admin: &AdminArgs) -> Result<Option<Client>, IpcError> {
    let mut input = SecretInput::default();
    handover::logins::admin_session(
        store,
        &Secrets::probe(),
        &admin.login(),
        &mut ask_from(&mut input),
    )
}

/// The sessions for a new hand-over from the command line.
async fn sessions_from(
    store: &Store,
    from: &FromArgs,
    to: &ToArgs,
    what: &WhatArgs,
    admin: &AdminArgs,
) -> Result<Sessions, IpcError> {
    let admin = admin_client(store, admin)?;
    let mut input = SecretInput::default();
    let ot = matches!(what.strategy, StrategyArg::Ownershiptransfer);
    handover::sessions_from_logins(
        store,
        &Secrets::probe(),
        &from.login(),
        &to.login(),
        admin,
        ot,
        &mut ask_from(&mut input),
    )
    .await
}

/// The sessions to resume or verify a recorded job (`target_only`: for a verification).
fn sessions_again(
    store: &Store,
    job: &JobSummary,
    admin: Option<&AdminArgs>,
    target_only: bool,
) -> Result<Sessions, IpcError> {
    let admin = match admin {
        Some(a) => admin_client(store, a)?,
        None => None,
    };
    let mut input = SecretInput::default();
    handover::sessions_again(
        store,
        &Secrets::probe(),
        job,
        admin,
        target_only,
        &mut ask_from(&mut input),
    )
}

fn selection(what: &WhatArgs) -> Selection {
    Selection {
        everything: what.all,
        files: what.files.clone(),
        calendars: what.calendars.clone(),
        address_books: what.contacts.clone(),
    }
}

fn strategy(arg: StrategyArg) -> Option<StrategyKind> {
    match arg {
        StrategyArg::Auto => None,
        StrategyArg::Copy => Some(StrategyKind::StreamedCopy),
        StrategyArg::Ownershiptransfer => Some(StrategyKind::OwnershipTransfer),
        StrategyArg::Native => Some(StrategyKind::NativeTransfer),
        StrategyArg::ShareCopy => Some(StrategyKind::ShareCopy),
    }
}

async fn make_plan(
    store: &Store,
    from: &FromArgs,
    to: &ToArgs,
    what: &WhatArgs,
    admin: &AdminArgs,
    l10n: &Localizer,
) -> Result<(HandoverPlan, Sessions), IpcError> {
    let sessions = sessions_from(store, from, to, what, admin).await?;
    let (chosen, strategy) = (selection(what), strategy(what.strategy));
    let plan = sessions
        .plan_today(chosen, what.destination.clone(), strategy, l10n)
        .await?;
    Ok((plan, sessions))
}

fn print_plan(plan: &HandoverPlan, l10n: &Localizer) {
    let t = &plan.totals;
    let args = [
        ("from", plan.source.name().into()),
        ("to", plan.target.name().into()),
    ];
    println!("{}", l10n.t_args("cli-transfer-plan-title", &args));
    println!(
        "{}",
        l10n.t(&format!(
            "handover-strategy-{}",
            plan.strategy.chosen.code()
        ))
    );
    println!("  {}", l10n.t(&plan.strategy.reason));
    if plan.files.is_some() {
        let args = [
            ("files", t.files.into()),
            ("folders", t.folders.into()),
            ("size", human_bytes(t.bytes).into()),
            ("destination", plan.destination.as_str().into()),
        ];
        println!("{}", l10n.t_args("cli-transfer-plan-files", &args));
    }
    for c in plan.calendars.iter().chain(&plan.address_books) {
        let name = c.display_name.as_deref().unwrap_or(&c.uri);
        let mut args = vec![
            ("name", name.into()),
            (
                "targetName",
                c.target_name.as_deref().unwrap_or(name).into(),
            ),
            ("uri", c.target_uri.as_str().into()),
        ];
        let kind = if c.kind == handover::ItemKind::Calendar {
            "cli-transfer-plan-calendar"
        } else {
            "cli-transfer-plan-address-book"
        };
        // A count the server did not give is shown as unknown, never as 0.
        let id = match c.object_count {
            Some(n) => {
                args.push(("count", n.into()));
                kind.to_owned()
            }
            None => format!("{kind}-uncounted"),
        };
        println!("{}", l10n.t_args(&id, &args));
    }
    for x in plan.excluded.iter().chain(&plan.conflicts) {
        let args = [
            ("item", x.source.as_str().into()),
            (
                "reason",
                handover::report::reason_text(l10n, &x.reason).into(),
            ),
        ];
        println!("{}", l10n.t_args("cli-transfer-plan-excluded", &args));
    }
    for w in &plan.name_warnings {
        let args = [
            ("item", w.source.as_str().into()),
            (
                "reason",
                handover::report::reason_text(l10n, &w.reason).into(),
            ),
        ];
        println!("{}", l10n.t_args("cli-transfer-plan-name-warning", &args));
    }
    let quota = match plan.quota.available {
        Some(a) => l10n.t_args(
            "cli-transfer-plan-quota",
            &[
                ("needed", human_bytes(plan.quota.needed).into()),
                ("available", human_bytes(a).into()),
            ],
        ),
        None => l10n.t("cli-transfer-plan-quota-unknown"),
    };
    println!("{quota}");
    println!(
        "{}",
        l10n.t_args(
            "cli-transfer-plan-duration",
            &[("minutes", plan.estimated_seconds.div_ceil(60).into())]
        )
    );
    for note in &plan.notes {
        println!("{}", l10n.t(note));
    }
}

/// Progress on standard error: one rewritten line on a terminal, else a line every 2 s.
fn progress_printer(l10n: &Localizer, quiet: bool) -> impl FnMut(Progress) + Send + '_ {
    let tty = std::io::stderr().is_terminal();
    let mut last: Option<Instant> = None;
    move |p: Progress| {
        if quiet {
            return;
        }
        let every = if tty {
            Duration::from_millis(200)
        } else {
            Duration::from_secs(2)
        };
        let final_event = p.phase == handover::Phase::Done;
        if !final_event && last.is_some_and(|l| l.elapsed() < every) {
            return;
        }
        last = Some(Instant::now());
        let eta = p
            .eta_seconds
            .map(|s| format!("{}:{:02}", s / 60, s % 60))
            .unwrap_or_else(|| "–".into());
        let args = [
            ("done", p.items_done.into()),
            ("total", p.items_total.into()),
            ("failed", p.items_failed.into()),
            ("bytes", human_bytes(p.bytes_done).into()),
            ("bytesTotal", human_bytes(p.bytes_total).into()),
            ("speed", human_bytes(p.bytes_per_second).into()),
            ("eta", eta.into()),
            ("current", p.current.clone().unwrap_or_default().into()),
        ];
        let line = l10n.t_args("cli-transfer-progress", &args);
        let mut err = std::io::stderr().lock();
        if tty {
            let _ = write!(err, "\r\x1b[2K{}", truncate(&line, 150));
            if final_event {
                let _ = writeln!(err);
            }
        } else {
            let _ = writeln!(err, "{line}");
        }
    }
}

fn truncate(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_owned()
    } else {
        let mut out: String = s.chars().take(max - 1).collect();
        out.push('…');
        out
    }
}

fn cancel_on_ctrl_c() -> CancellationToken {
    let token = CancellationToken::new();
    let t = token.clone();
    tokio::spawn(async move {
        if tokio::signal::ctrl_c().await.is_ok() {
            t.cancel();
        }
    });
    token
}

async fn run_job(
    store: &Store,
    job: i64,
    sessions: &Sessions,
    args: &RunArgs,
    l10n: &Localizer,
    json: bool,
) -> Result<RunOutcome, IpcError> {
    let options = RunOptions {
        parallel_files: args.parallel.clamp(1, 32),
        deep_verify: args.deep_verify,
        ..Default::default()
    };
    let cancel = cancel_on_ctrl_c();
    let mut printer = progress_printer(l10n, json);
    let outcome = sessions
        .run(store, job, &options, &cancel, &mut printer)
        .await?;
    Ok(outcome)
}

/// What a person must do, one line per cause (the same as the report's).
fn print_actions(actions: &[handover::ActionNeeded], l10n: &Localizer) {
    for a in actions {
        let args = [("todo", l10n.t(&a.todo).into()), ("count", a.items.into())];
        println!("{}", l10n.t_args("cli-transfer-action", &args));
    }
}

/// The run's end: verified (exit 0), resumable (a resume will get further: the
/// `handover-incomplete` error, exit 75) or needing a person (`handover-needs-action`, exit 1,
/// with what to do per cause — resuming alone would fail the same way).
fn print_outcome(outcome: &RunOutcome, l10n: &Localizer, json: bool) -> Outcome {
    if json {
        print_json(outcome);
    } else {
        let args = [
            ("id", outcome.job_id.into()),
            ("copied", outcome.copied.into()),
            ("failed", outcome.failed.into()),
            ("verified", outcome.verified.into()),
            ("skipped", outcome.skipped.into()),
            ("size", human_bytes(outcome.bytes).into()),
            ("seconds", (outcome.duration_ms / 1000).into()),
        ];
        println!("{}", l10n.t_args("cli-transfer-outcome", &args));
        let state = if outcome.state == handover::JobState::Incomplete && !outcome.resumable {
            "handover-job-needs-action".to_owned()
        } else {
            format!("handover-job-{}", outcome.state.code())
        };
        println!("{}", l10n.t(&state));
        print_actions(&outcome.actions, l10n);
    }
    match outcome.state {
        handover::JobState::Verified => Ok(()),
        _ if outcome.resumable => Err(CoreError::Handover(HandoverError::Incomplete {
            job: outcome.job_id,
            state: outcome.state.code().to_owned(),
        })
        .into()),
        _ => Err(CoreError::Handover(HandoverError::NeedsAction {
            job: outcome.job_id,
            causes: outcome
                .actions
                .iter()
                .map(|a| a.reason.as_str())
                .collect::<Vec<_>>()
                .join(", "),
        })
        .into()),
    }
}

fn print_job(j: &JobSummary, l10n: &Localizer) {
    let args = [
        ("id", j.id.into()),
        ("from", j.source.name().into()),
        ("to", j.target.name().into()),
        ("state", l10n.t(&j.state_text()).into()),
        ("created", j.created_at.as_str().into()),
    ];
    println!("{}", l10n.t_args("cli-transfer-job", &args));
}

fn print_verification(v: &Verification, l10n: &Localizer) {
    for c in &v.comparisons {
        let args = [
            ("source", c.source.as_str().into()),
            ("target", c.target.as_str().into()),
            ("sourceCount", c.source_count.into()),
            ("targetCount", c.target_count.into()),
            ("mismatches", c.mismatches.into()),
        ];
        println!("{}", l10n.t_args("cli-transfer-compare", &args));
    }
    println!(
        "{}",
        l10n.t(if v.complete {
            "handover-report-complete"
        } else {
            "handover-report-incomplete"
        })
    );
}

pub async fn run(cmd: TransferCommand, l10n: &Localizer, json: bool) -> Outcome {
    let store = crate::open_store()?;
    match cmd {
        TransferCommand::Plan {
            from,
            to,
            what,
            admin,
        } => {
            let (plan, _) = make_plan(&store, &from, &to, &what, &admin, l10n).await?;
            if json {
                print_json(&plan);
            } else {
                print_plan(&plan, l10n);
            }
            Ok(())
        }
        TransferCommand::Run {
            from,
            to,
            what,
            run,
            admin,
        } => {
            let (plan, sessions) = make_plan(&store, &from, &to, &what, &admin, l10n).await?;
            let job = handover::create_job(&store, &plan)?;
            if !json {
                print_plan(&plan, l10n);
            }
            eprintln!(
                "{}",
                l10n.t_args("cli-transfer-job-started", &[("id", job.into())])
            );
            let outcome = run_job(&store, job, &sessions, &run, l10n, json).await?;
            print_outcome(&outcome, l10n, json)
        }
        TransferCommand::Resume { job, run, admin } => {
            let summary = handover::job(&store, job)?;
            let sessions = sessions_again(&store, &summary, Some(&admin), false)?;
            eprintln!(
                "{}",
                l10n.t_args("cli-transfer-job-resumed", &[("id", job.into())])
            );
            let outcome = run_job(&store, job, &sessions, &run, l10n, json).await?;
            print_outcome(&outcome, l10n, json)
        }
        TransferCommand::Verify { job, deep } => {
            let summary = handover::job(&store, job)?;
            let sessions = sessions_again(&store, &summary, None, true)?;
            let v = sessions.verify(&store, job, deep).await?;
            if json {
                print_json(&v);
            } else {
                print_verification(&v, l10n);
            }
            if v.complete {
                Ok(())
            } else {
                Err(CoreError::Handover(HandoverError::Incomplete {
                    job,
                    state: "incomplete".to_owned(),
                })
                .into())
            }
        }
        TransferCommand::Report {
            job,
            format,
            output,
        } => {
            let report = handover::report(&store, job)?;
            let format = format.unwrap_or(if json {
                ReportFormat::Json
            } else {
                ReportFormat::Text
            });
            let text = match format {
                ReportFormat::Json => handover::to_json(&report),
                ReportFormat::Csv => handover::to_csv(&report),
                ReportFormat::Html => handover::to_html(&report, l10n),
                ReportFormat::Text => {
                    let mut s = String::new();
                    for k in &report.totals {
                        let st = k.states;
                        let args = [
                            (
                                "kind",
                                l10n.t(&format!("handover-kind-{}", k.kind.code())).into(),
                            ),
                            ("verified", st.verified.into()),
                            ("copied", st.copied.into()),
                            ("planned", st.planned.into()),
                            ("failed", st.failed.into()),
                            ("skipped", st.skipped.into()),
                        ];
                        s.push_str(&l10n.t_args("cli-transfer-report-kind", &args));
                        s.push('\n');
                    }
                    s.push_str(&l10n.t(&report.job.state_text()));
                    s.push('\n');
                    for a in &report.actions {
                        let args = [("todo", l10n.t(&a.todo).into()), ("count", a.items.into())];
                        s.push_str(&l10n.t_args("cli-transfer-action", &args));
                        s.push('\n');
                    }
                    for i in report
                        .items
                        .iter()
                        .filter(|i| i.reason.is_some() && i.state != handover::ItemState::Verified)
                    {
                        let reason = i.reason.as_deref().unwrap_or_default();
                        let args = [
                            ("item", i.source.as_str().into()),
                            (
                                "state",
                                l10n.t(&format!("handover-item-{}", i.state.code())).into(),
                            ),
                            ("reason", handover::report::reason_text(l10n, reason).into()),
                        ];
                        s.push_str(&l10n.t_args("cli-transfer-report-item", &args));
                        s.push('\n');
                    }
                    s
                }
            };
            match output {
                Some(path) => std::fs::write(&path, text).map_err(|e| {
                    IpcError::new(
                        "invalid-value",
                        format!("cannot write {}: {e}", path.display()),
                    )
                })?,
                None => print!("{text}"),
            }
            Ok(())
        }
        TransferCommand::Disable {
            job,
            confirm_disable,
            admin,
        } => {
            let admin = admin_client(&store, &admin)?.ok_or_else(handover::logins::needs_admin)?;
            handover::disable_departing_account(&store, job, &admin, confirm_disable).await?;
            let summary = handover::job(&store, job)?;
            if json {
                print_json(&serde_json::json!({ "job": job, "disabled": summary.source.user_id }));
            } else {
                println!(
                    "{}",
                    l10n.t_args(
                        "cli-transfer-disabled",
                        &[("name", summary.source.name().into())]
                    )
                );
            }
            Ok(())
        }
        TransferCommand::List => {
            let jobs = handover::jobs(&store)?;
            if json {
                print_json(&jobs);
            } else if jobs.is_empty() {
                println!("{}", l10n.t("cli-transfer-no-jobs"));
            } else {
                for j in &jobs {
                    print_job(j, l10n);
                }
            }
            Ok(())
        }
    }
}

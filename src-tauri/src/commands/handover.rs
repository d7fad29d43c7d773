//! Hand-over screens: members, access check, selection tree, plan, runs in the background
//! with progress over a channel, cancel, jobs, reports and their export, disabling the
//! departing account. The logic is `passerelle_core::handover`; each command builds the
//! sessions from the profile's recorded accounts and calls it.
//!
//! A run streams `HandoverEvent`s (progress, then its end once) on the channel given to
//! `handover_start` / `handover_resume`; it keeps going when the screen is left, and a screen
//! that comes back re-attaches with `handover_follow` (`handover_jobs` tells which jobs run now
//! and which were interrupted: resume them). The end also shows a desktop notification.

use passerelle_core::IpcError;
use passerelle_core::handover::{
    self, BrowseEntry, HandoverAccess, HandoverPlan, HandoverReport, JobListing, MemberCollections,
    MembersPage, RunOptions, Selection, SidesRequest, StrategyKind,
};
use serde::Serialize;
use tauri::ipc::Channel;
use tauri::{AppHandle, Runtime, State};
use ts_rs::TS;

use crate::handover_channels::{HandoverEvent, HandoverFinished};
use crate::{AppState, AppStateExt};

/// Where an exported report was written.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ExportedReport {
    /// The file.
    pub path: String,
}

/// The space's members (admins and group admins), searched and paged on the server.
#[passerelle_ipc::command]
pub async fn handover_members(
    state: State<'_, AppState>,
    account_id: i64,
    search: String,
    offset: u32,
    limit: u32,
) -> Result<MembersPage, IpcError> {
    let client = state.account_client(account_id)?;
    Ok(handover::members(&client, &search, offset, limit).await?)
}

/// Which way the hand-over can go, why, and what each side must still do.
#[passerelle_ipc::command]
pub async fn handover_access(
    state: State<'_, AppState>,
    sides: SidesRequest,
) -> Result<HandoverAccess, IpcError> {
    let sessions = handover::sessions_for(state.store()?, state.secrets(), &sides)?;
    Ok(sessions.access().await)
}

/// One folder of the departing member's files (lazy tree).
#[passerelle_ipc::command]
pub async fn handover_browse(
    state: State<'_, AppState>,
    sides: SidesRequest,
    path: String,
) -> Result<Vec<BrowseEntry>, IpcError> {
    let sessions = handover::sessions_for(state.store()?, state.secrets(), &sides)?;
    Ok(sessions.browse(&path).await?)
}

/// The departing member's calendars and address books.
#[passerelle_ipc::command]
pub async fn handover_collections(
    state: State<'_, AppState>,
    sides: SidesRequest,
) -> Result<MemberCollections, IpcError> {
    let sessions = handover::sessions_for(state.store()?, state.secrets(), &sides)?;
    Ok(sessions.collections().await?)
}

/// The plan of a hand-over (reads only).
#[passerelle_ipc::command]
pub async fn handover_plan(
    state: State<'_, AppState>,
    sides: SidesRequest,
    selection: Selection,
    destination: Option<String>,
    strategy: Option<StrategyKind>,
) -> Result<HandoverPlan, IpcError> {
    let sessions = handover::sessions_for(state.store()?, state.secrets(), &sides)?;
    let l10n = state.localizer()?;
    Ok(sessions
        .plan_today(selection, destination, strategy, &l10n)
        .await?)
}

/// Records `plan` as a job and starts it in the background; returns the job id. The run
/// streams on `on_event`.
#[passerelle_ipc::command]
pub async fn handover_start<R: Runtime>(
    app: AppHandle<R>,
    plan: HandoverPlan,
    acting_account_id: Option<i64>,
    on_event: Channel<HandoverEvent>,
) -> Result<i64, IpcError> {
    let job = handover::create_job(app.passerelle().store()?, &plan)?;
    spawn_run(app, job, acting_account_id, on_event)?;
    Ok(job)
}

/// Resumes a job in the background (verified items are not copied again); it streams on
/// `on_event`.
#[passerelle_ipc::command]
pub async fn handover_resume<R: Runtime>(
    app: AppHandle<R>,
    job_id: i64,
    acting_account_id: Option<i64>,
    on_event: Channel<HandoverEvent>,
) -> Result<(), IpcError> {
    spawn_run(app, job_id, acting_account_id, on_event)
}

/// A screen that comes back follows a run going on: it streams on `on_event` from now on,
/// starting with its last progress. False when the job does not run now (read its report).
#[passerelle_ipc::command]
pub fn handover_follow(
    state: State<'_, AppState>,
    job_id: i64,
    on_event: Channel<HandoverEvent>,
) -> bool {
    follow(&state, job_id, on_event)
}

/// Attaches first, then looks: a run that ends meanwhile still says so on the new channel.
fn follow(state: &AppState, job: i64, on_event: Channel<HandoverEvent>) -> bool {
    state.handover_channels().attach(job, on_event);
    let active = state.handover_runs().active();
    let Some((_, last)) = active.into_iter().find(|(id, _)| *id == job) else {
        state.handover_channels().detach(job);
        return false;
    };
    if let Some(progress) = last {
        state
            .handover_channels()
            .send(job, HandoverEvent::Progress(progress));
    }
    true
}

fn spawn_run<R: Runtime>(
    app: AppHandle<R>,
    job: i64,
    acting: Option<i64>,
    on_event: Channel<HandoverEvent>,
) -> Result<(), IpcError> {
    let state = app.passerelle();
    let sessions = handover::sessions_for_job(state.store()?, state.secrets(), job, acting)?;
    let cancel = state
        .handover_runs()
        .begin(job)
        .ok_or_else(|| IpcError::new("handover-already-running", format!("job {job} runs")))?;
    state.handover_channels().attach(job, on_event);
    let handle = app.clone();
    tauri::async_runtime::spawn(async move {
        let state = handle.passerelle();
        let runs = state.handover_runs().clone();
        let result = match state.store() {
            Ok(store) => {
                let mut progress = |p: handover::Progress| {
                    runs.update(&p);
                    state
                        .handover_channels()
                        .send(job, HandoverEvent::Progress(p));
                };
                sessions
                    .run(store, job, &RunOptions::default(), &cancel, &mut progress)
                    .await
                    .map_err(IpcError::from)
            }
            Err(e) => Err(e),
        };
        runs.end(job);
        notify_end(&handle, &result);
        state
            .handover_channels()
            .finish(HandoverFinished::of(job, result));
    });
    Ok(())
}

/// A desktop notification when a run ends (the person may be in another window). Quietly
/// nothing when the system has no notification service.
fn notify_end<R: Runtime>(app: &AppHandle<R>, result: &Result<handover::RunOutcome, IpcError>) {
    use tauri::Manager;
    use tauri_plugin_notification::{Notification, NotificationExt};
    if app.try_state::<Notification<R>>().is_none() {
        return;
    }
    let Ok(l10n) = app.passerelle().localizer() else {
        return;
    };
    let body = match result {
        Ok(o) if o.state == handover::JobState::Verified => l10n.t("handover-notify-complete"),
        Ok(o) if o.state == handover::JobState::Cancelled => l10n.t("handover-notify-cancelled"),
        Ok(_) => l10n.t("handover-notify-incomplete"),
        Err(_) => l10n.t("handover-notify-failed"),
    };
    let _ = app
        .notification()
        .builder()
        .title(l10n.t("handover-notify-title"))
        .body(body)
        .show();
}

/// Asks a running job to stop safely (resume goes on later).
#[passerelle_ipc::command]
pub async fn handover_cancel(state: State<'_, AppState>, job_id: i64) -> Result<bool, IpcError> {
    Ok(state.handover_runs().cancel(job_id))
}

/// Every hand-over, newest first, with which run now and which can be resumed.
#[passerelle_ipc::command]
pub async fn handover_jobs(state: State<'_, AppState>) -> Result<Vec<JobListing>, IpcError> {
    Ok(handover::listings(state.store()?, state.handover_runs())?)
}

/// A job's report.
#[passerelle_ipc::command]
pub async fn handover_report(
    state: State<'_, AppState>,
    job_id: i64,
) -> Result<HandoverReport, IpcError> {
    Ok(handover::report(state.store()?, job_id)?)
}

/// Writes a job's report as `html`, `csv` or `json` into the data folder's `reports/` and
/// returns where.
#[passerelle_ipc::command]
pub async fn handover_export(
    state: State<'_, AppState>,
    job_id: i64,
    format: String,
) -> Result<ExportedReport, IpcError> {
    let dir = state.paths()?.reports();
    let l10n = state.localizer()?;
    let path = handover::export_report(state.store()?, job_id, &format, &dir, &l10n)?;
    Ok(ExportedReport {
        path: path.display().to_string(),
    })
}

/// Disables the departing member's account after a verified hand-over, when confirmed.
#[passerelle_ipc::command]
pub async fn handover_disable_source(
    state: State<'_, AppState>,
    job_id: i64,
    acting_account_id: i64,
    confirmed: bool,
) -> Result<(), IpcError> {
    let admin = state.account_client(acting_account_id)?;
    Ok(handover::disable_departing_account(state.store()?, job_id, &admin, confirmed).await?)
}

//! Hand-over screens: members, access check, selection tree, plan, runs in the background
//! with progress events, cancel, jobs, reports and their export, disabling the departing
//! account. The logic is `passerelle_core::handover`; each command builds the sessions from the
//! profile's recorded accounts and calls it.
//!
//! Progress goes out as the `handover-progress` event (a `Progress`), the end as
//! `handover-finished` (a `HandoverFinished`), so a screen that comes back later still hears
//! them; `handover_jobs` tells which jobs run now and which were interrupted (resume them).

use passerelle_core::IpcError;
use passerelle_core::handover::{
    self, BrowseEntry, HandoverAccess, HandoverPlan, HandoverReport, JobListing, MemberCollections,
    MembersPage, RunOptions, Selection, SidesRequest, StrategyKind,
};
use serde::Serialize;
use tauri::{AppHandle, Emitter, Runtime, State};
use ts_rs::TS;

use crate::{AppState, AppStateExt};

/// Event with a run's progress.
pub const PROGRESS_EVENT: &str = "handover-progress";
/// Event sent once when a run ends.
pub const FINISHED_EVENT: &str = "handover-finished";

/// How a run ended: its outcome, or the error that stopped it.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct HandoverFinished {
    /// The job.
    #[ts(type = "number")]
    pub job_id: i64,
    /// What the run did, when it ran to its end (or was cancelled).
    pub outcome: Option<handover::RunOutcome>,
    /// What stopped it otherwise.
    pub error: Option<IpcError>,
}

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

/// Records `plan` as a job and starts it in the background; returns the job id.
#[passerelle_ipc::command]
pub async fn handover_start<R: Runtime>(
    app: AppHandle<R>,
    plan: HandoverPlan,
    acting_account_id: Option<i64>,
) -> Result<i64, IpcError> {
    let job = handover::create_job(app.passerelle().store()?, &plan)?;
    spawn_run(app, job, acting_account_id)?;
    Ok(job)
}

/// Resumes a job in the background (verified items are not copied again).
#[passerelle_ipc::command]
pub async fn handover_resume<R: Runtime>(
    app: AppHandle<R>,
    job_id: i64,
    acting_account_id: Option<i64>,
) -> Result<(), IpcError> {
    spawn_run(app, job_id, acting_account_id)
}

fn spawn_run<R: Runtime>(app: AppHandle<R>, job: i64, acting: Option<i64>) -> Result<(), IpcError> {
    let state = app.passerelle();
    let sessions = handover::sessions_for_job(state.store()?, state.secrets(), job, acting)?;
    let cancel = state
        .handover_runs()
        .begin(job)
        .ok_or_else(|| IpcError::new("handover-already-running", format!("job {job} runs")))?;
    let handle = app.clone();
    tauri::async_runtime::spawn(async move {
        let state = handle.passerelle();
        let runs = state.handover_runs().clone();
        let result = match state.store() {
            Ok(store) => {
                let emitter = handle.clone();
                let mut progress = |p: handover::Progress| {
                    runs.update(&p);
                    let _ = emitter.emit(PROGRESS_EVENT, &p);
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
        let finished = match result {
            Ok(outcome) => HandoverFinished {
                job_id: job,
                outcome: Some(outcome),
                error: None,
            },
            Err(e) => HandoverFinished {
                job_id: job,
                outcome: None,
                error: Some(e),
            },
        };
        let _ = handle.emit(FINISHED_EVENT, &finished);
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

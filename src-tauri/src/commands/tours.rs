//! Tours screen: list, open, record progress, run a step's check, reset, hide, load a pack,
//! broken tours and the packs' messages. Each command works on a snapshot of the catalog so
//! no lock is held across an `.await`.

use passerelle_core::IpcError;
use passerelle_core::model::Language;
use passerelle_core::tours::{
    self, BrokenTour, CheckOutcome, HealthFormat, PackReport, TourDetail, TourHealthMiss,
    TourSummary, health,
};
use tauri::State;

use crate::AppState;

/// The tours for a person; with an account, whether each fits the space.
#[passerelle_ipc::command]
pub async fn tours_list(
    state: State<'_, AppState>,
    profile_id: i64,
    account_id: Option<i64>,
) -> Result<Vec<TourSummary>, IpcError> {
    let catalog = state.tours();
    Ok(tours::list(
        state.store()?,
        state.secrets(),
        &catalog,
        profile_id,
        account_id,
    )
    .await?)
}

/// A tour with its steps and the person's progress.
#[passerelle_ipc::command]
pub async fn tour_open(
    state: State<'_, AppState>,
    profile_id: i64,
    account_id: Option<i64>,
    tour_id: String,
) -> Result<TourDetail, IpcError> {
    Ok(tours::open(
        state.store()?,
        &state.tours(),
        profile_id,
        account_id,
        &tour_id,
    )?)
}

/// The person reached a step (it becomes the tour's current step).
#[passerelle_ipc::command]
pub async fn tour_step_seen(
    state: State<'_, AppState>,
    profile_id: i64,
    account_id: Option<i64>,
    tour_id: String,
    step_id: String,
) -> Result<(), IpcError> {
    let catalog = state.tours();
    let (store, secrets) = (state.store()?, state.secrets());
    Ok(tours::step_seen(
        store, secrets, &catalog, profile_id, account_id, &tour_id, &step_id,
    )
    .await?)
}

/// The person skipped a step.
#[passerelle_ipc::command]
pub async fn tour_step_skip(
    state: State<'_, AppState>,
    profile_id: i64,
    account_id: Option<i64>,
    tour_id: String,
    step_id: String,
) -> Result<(), IpcError> {
    let (store, catalog) = (state.store()?, state.tours());
    Ok(tours::step_skip(
        store, &catalog, profile_id, account_id, &tour_id, &step_id,
    )?)
}

/// Runs a step's check against the account; records the step as done when it is.
#[passerelle_ipc::command]
pub async fn tour_check(
    state: State<'_, AppState>,
    profile_id: i64,
    account_id: i64,
    tour_id: String,
    step_id: String,
    input: Option<String>,
) -> Result<CheckOutcome, IpcError> {
    let catalog = state.tours();
    let (store, secrets) = (state.store()?, state.secrets());
    Ok(tours::check(
        store, secrets, &catalog, profile_id, account_id, &tour_id, &step_id, input, true,
    )
    .await?)
}

/// Forgets progress of one tour (or all) so it starts over.
#[passerelle_ipc::command]
pub async fn tour_reset(
    state: State<'_, AppState>,
    profile_id: i64,
    account_id: Option<i64>,
    tour_id: Option<String>,
) -> Result<(), IpcError> {
    Ok(tours::reset(
        state.store()?,
        profile_id,
        account_id,
        tour_id.as_deref(),
    )?)
}

/// "Don't propose this again" (or undo it).
#[passerelle_ipc::command]
pub async fn tour_hide(
    state: State<'_, AppState>,
    profile_id: i64,
    tour_id: String,
    hidden: bool,
) -> Result<(), IpcError> {
    Ok(tours::hide(
        state.store()?,
        &state.tours(),
        profile_id,
        &tour_id,
        hidden,
    )?)
}

/// Loads a tour pack (folder or .zip) for this session.
#[passerelle_ipc::command]
pub async fn tour_pack_load(
    state: State<'_, AppState>,
    path: String,
) -> Result<PackReport, IpcError> {
    Ok(tours::load_pack(
        &mut state.tours_mut(),
        std::path::Path::new(&path),
    )?)
}

/// Tours that could not be loaded, with their problems.
#[passerelle_ipc::command]
pub async fn tours_broken(state: State<'_, AppState>) -> Result<Vec<BrokenTour>, IpcError> {
    Ok(tours::broken(&state.tours()))
}

/// FTL source of the loaded packs' messages, for the UI's Fluent bundle.
#[passerelle_ipc::command]
pub async fn tour_messages(state: State<'_, AppState>, lang: Language) -> Result<String, IpcError> {
    Ok(tours::messages(&state.tours(), lang))
}

/// The highlight targets tours could not find, newest first.
#[passerelle_ipc::command]
pub async fn tour_health_list(state: State<'_, AppState>) -> Result<Vec<TourHealthMiss>, IpcError> {
    Ok(health::list(state.store()?)?)
}

/// Writes tour health to `exports/tour-health-<time>.<csv|json>` in the data folder; returns
/// the file's path.
#[passerelle_ipc::command]
pub async fn tour_health_export(
    state: State<'_, AppState>,
    format: HealthFormat,
) -> Result<String, IpcError> {
    let path = health::export_to(state.store()?, &state.paths()?.exports(), format)?;
    Ok(path.display().to_string())
}

/// Forgets every recorded miss; returns how many there were.
#[passerelle_ipc::command]
pub async fn tour_health_clear(state: State<'_, AppState>) -> Result<u32, IpcError> {
    Ok(health::clear(state.store()?)? as u32)
}

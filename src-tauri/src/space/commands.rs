//! The main window's commands for the space window (the member's own Nextcloud in a Passerelle
//! window): open it with a highlight step on show, change or clear the step, sign out of the
//! web space, and the account's web language. Registered with the app's other commands (their
//! IPC names and the main window's capability stay as they are); each is a few lines over
//! [`super::window`] or the core.

use passerelle_core::IpcError;
use passerelle_core::model::Language;
use passerelle_core::space_language::{self, SpaceLanguage};
use passerelle_core::tours::OverlayStep;
use tauri::ipc::Channel;
use tauri::{AppHandle, Runtime, State};

use super::{SpaceEvent, window};
use crate::AppState;

/// Opens (or brings forward) the account's space window, showing `step` when given; the
/// overlay's reports come `on_event` (until the next call that sets the step).
#[passerelle_ipc::command]
pub async fn space_open<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    account_id: i64,
    step: Option<OverlayStep>,
    on_event: Channel<SpaceEvent>,
) -> Result<(), IpcError> {
    let account = state.store()?.account(account_id)?;
    let lang = app_language(&state)?;
    let dir = super::session_dir(state.paths()?.data_dir(), account_id);
    window::open(&app, &account, dir, step, on_event, lang)
}

/// Passerelle's language: the one chosen in Settings, else the system's.
fn app_language(state: &AppState) -> Result<Language, IpcError> {
    Ok(state
        .store()?
        .settings()?
        .language
        .unwrap_or_else(passerelle_core::i18n::system_language))
}

/// The account's own web language on the server, next to Passerelle's.
#[passerelle_ipc::command]
pub async fn space_language(
    state: State<'_, AppState>,
    account_id: i64,
) -> Result<SpaceLanguage, IpcError> {
    let wanted = app_language(&state)?;
    Ok(space_language::space_language(state.store()?, state.secrets(), account_id, wanted).await?)
}

/// Sets the connected account's own web language to Passerelle's (the person agreed), then
/// reloads its space window if it is open.
#[passerelle_ipc::command]
pub async fn space_set_language<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    account_id: i64,
) -> Result<SpaceLanguage, IpcError> {
    let wanted = app_language(&state)?;
    let done =
        space_language::set_space_language(state.store()?, state.secrets(), account_id, wanted)
            .await?;
    window::reload(&app, account_id)?;
    Ok(done)
}

/// Changes the step on show in the account's space window (`null` hides the overlay), the
/// overlay's reports coming `on_event` from now on; `false` when the window is not open.
#[passerelle_ipc::command]
pub async fn space_show_step<R: Runtime>(
    app: AppHandle<R>,
    account_id: i64,
    step: Option<OverlayStep>,
    on_event: Channel<SpaceEvent>,
) -> Result<bool, IpcError> {
    window::show_step(&app, account_id, step, on_event)
}

/// Signs out of the web space: closes its window and deletes its cookies and storage.
#[passerelle_ipc::command]
pub async fn space_forget<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    account_id: i64,
) -> Result<(), IpcError> {
    let dir = super::session_dir(state.paths()?.data_dir(), account_id);
    window::forget(&app, account_id, dir)
}

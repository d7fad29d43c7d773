//! Local profiles (Welcome screen).

use passerelle_core::IpcError;
use passerelle_core::model::Profile;
use tauri::State;

use crate::AppState;

/// Creates a local profile (trimmed, unique ignoring case).
#[passerelle_ipc::command]
pub async fn profile_create(state: State<'_, AppState>, name: String) -> Result<Profile, IpcError> {
    Ok(state.store()?.create_profile(&name)?)
}

/// Marks the profile as the one in use (updates lastUsedAt).
#[passerelle_ipc::command]
pub async fn profile_select(state: State<'_, AppState>, id: i64) -> Result<Profile, IpcError> {
    Ok(state.store()?.select_profile(id)?)
}

/// Deletes a profile with its accounts and progress.
#[passerelle_ipc::command]
pub async fn profile_delete(state: State<'_, AppState>, id: i64) -> Result<(), IpcError> {
    Ok(state.store()?.delete_profile(id)?)
}

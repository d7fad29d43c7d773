//! Settings screen.

use passerelle_core::IpcError;
use passerelle_core::model::{Settings, SettingsPatch};
use tauri::State;

use crate::AppState;

/// Changes the settings named in the patch; returns all settings.
#[passerelle_ipc::command]
pub async fn settings_update(
    state: State<'_, AppState>,
    patch: SettingsPatch,
) -> Result<Settings, IpcError> {
    Ok(state.store()?.update_settings(&patch)?)
}

//! Start-up and About.

use passerelle_core::model::{AboutInfo, AppBootstrap};
use passerelle_core::{IpcError, VERSION, doctor, i18n};
use tauri::State;

use crate::AppState;

/// Everything the UI needs at start.
#[passerelle_ipc::command]
pub async fn app_bootstrap(state: State<'_, AppState>) -> Result<AppBootstrap, IpcError> {
    let store = state.store()?;
    let settings = store.settings()?;
    let system_language = i18n::system_language();
    Ok(AppBootstrap {
        version: VERSION.to_owned(),
        system_language,
        effective_language: settings.language.unwrap_or(system_language),
        settings,
        profiles: store.profiles()?,
        store_notice: store.notice().cloned(),
    })
}

/// Version, folders, schema version and languages.
#[passerelle_ipc::command]
pub async fn about_info(state: State<'_, AppState>) -> Result<AboutInfo, IpcError> {
    Ok(doctor::about(state.paths()?, state.store()?)?)
}

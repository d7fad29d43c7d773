//! The Tauri shell of Passerelle: wires plugins, state and commands. No logic lives here: each
//! command extracts state, calls `passerelle-core`, and maps the error to `{ code, message }`.

mod commands;
mod state;

#[cfg(test)]
mod bindings;

pub use state::{AppState, AppStateExt};

/// Adds Passerelle's plugins, state and commands to a builder, on any runtime (tests pass
/// `tauri::test::mock_builder()`).
pub fn with_app<R: tauri::Runtime>(
    builder: tauri::Builder<R>,
    state: AppState,
) -> tauri::Builder<R> {
    builder
        .plugin(tauri_plugin_opener::init())
        .manage(state)
        .invoke_handler(tauri::generate_handler![
            commands::app::app_bootstrap,
            commands::app::about_info,
            commands::settings::settings_update,
            commands::profiles::profile_create,
            commands::profiles::profile_select,
            commands::profiles::profile_delete,
            commands::accounts::keyring_status,
            commands::accounts::server_check,
            commands::accounts::certificate_trust,
            commands::accounts::login_flow_start,
            commands::accounts::login_flow_cancel,
            commands::accounts::account_add_app_password,
            commands::accounts::accounts_list,
            commands::accounts::account_select,
            commands::accounts::account_overview,
            commands::accounts::account_sign_out,
            commands::tours::tours_list,
            commands::tours::tour_open,
            commands::tours::tour_step_seen,
            commands::tours::tour_step_skip,
            commands::tours::tour_check,
            commands::tours::tour_reset,
            commands::tours::tour_hide,
            commands::tours::tour_pack_load,
            commands::tours::tours_broken,
            commands::tours::tour_messages,
        ])
}

/// Starts Passerelle.
pub fn run() {
    with_app(tauri::Builder::default(), AppState::from_env())
        .run(tauri::generate_context!())
        .expect("error while running Passerelle");
}

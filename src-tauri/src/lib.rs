//! The Tauri shell of Passerelle: wires plugins, state and commands. No logic lives here: each
//! command extracts state, calls `passerelle-core`, and maps the error to `{ code, message }`.

mod commands;
mod handover_channels;
#[cfg(target_os = "linux")]
mod rendering;
pub mod space;
mod state;

#[cfg(test)]
mod bindings;

pub use commands::updates::Updates;
pub use state::{AppState, AppStateExt};

/// Adds Passerelle's plugins, state and commands to a builder, on any runtime (tests pass
/// `tauri::test::mock_builder()`).
pub fn with_app<R: tauri::Runtime>(
    builder: tauri::Builder<R>,
    state: AppState,
) -> tauri::Builder<R> {
    // The workshop packs this laptop keeps are offered from the start.
    commands::workshop::load_installed_packs(&state);
    builder
        .plugin(tauri_plugin_opener::init())
        .plugin(space::plugin())
        .manage(state)
        .manage(Updates::default())
        .invoke_handler(commands::list!(tauri::generate_handler))
}

/// The updater plugin. Not in [`with_app`]: it needs `plugins.updater` (the public key) from
/// `tauri.conf.json`, which the IPC tests' mock context does not have; the update tests add it
/// with a test key.
pub fn updater_plugin<R: tauri::Runtime>()
-> tauri::plugin::TauriPlugin<R, tauri_plugin_updater::Config> {
    tauri_plugin_updater::Builder::new().build()
}

/// One running Passerelle per data folder: a second launch focuses the first window. A portable
/// install (`PASSERELLE_DATA_DIR`) is its own instance, so it gets its own D-Bus name.
fn single_instance_id(state: &AppState) -> String {
    let base = "org.passerelle.app";
    match (std::env::var_os("PASSERELLE_DATA_DIR"), state.paths()) {
        (Some(_), Ok(paths)) => {
            // FNV-1a: stable across builds, unlike std's hasher.
            let hash = paths
                .data_dir()
                .to_string_lossy()
                .bytes()
                .fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
                    (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
                });
            format!("{base}.data{hash:016x}")
        }
        _ => base.to_owned(),
    }
}

/// Starts Passerelle.
pub fn run() {
    use tauri::Manager;
    let state = AppState::from_env();
    let mut builder = tauri::Builder::default();
    // Single instance first, so a second launch exits before building anything. Not under
    // WebDriver (tauri-driver sets TAURI_WEBVIEW_AUTOMATION): a session must drive the process
    // it started, and a process left over by an earlier session would take the launch.
    if std::env::var_os("TAURI_WEBVIEW_AUTOMATION").is_none() {
        builder = builder.plugin(
            tauri_plugin_single_instance::Builder::new()
                .dbus_id(single_instance_id(&state))
                .callback(|app, _argv, _cwd| {
                    if let Some(window) = app.get_webview_window("main") {
                        let _ = window.unminimize();
                        let _ = window.show();
                        let _ = window.set_focus();
                    }
                })
                .build(),
        );
    }
    let mut app = with_app(builder, state)
        .plugin(updater_plugin())
        .plugin(tauri_plugin_notification::init());
    // Window size and position are kept in the OS's config folder: not for a portable install
    // (PASSERELLE_DATA_DIR), which leaves nothing on the computer it runs on (and tests stay
    // independent of each other).
    if std::env::var_os("PASSERELLE_DATA_DIR").is_none() {
        // Space windows are fitted to the screen each time they open (`space::window::fit_window`).
        app = app.plugin(
            tauri_plugin_window_state::Builder::default()
                .with_filter(|label| !label.starts_with("space-"))
                .build(),
        );
    }
    // Without a GPU, WebKitGTK's compositing runs in software and costs seconds of CPU.
    #[cfg(target_os = "linux")]
    {
        app = app.plugin(rendering::plugin());
    }
    app.run(tauri::generate_context!())
        .expect("error while running Passerelle");
}

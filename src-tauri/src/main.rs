//! The desktop app's entry point: it only starts the shell in `lib.rs` (`passerelle_lib::run`),
//! so the IPC tests and the update tests can build the same app on Tauri's mock runtime.

// Prevents an extra console window on Windows in release.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    passerelle_lib::run();
}

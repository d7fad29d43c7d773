// The empty Tauri 2 app of the start-up benchmark: the window from tauri.conf.json, nothing else.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    tauri::Builder::default()
        .run(tauri::generate_context!())
        .expect("error while running the empty app");
}

//! Commands through real IPC on Tauri's mock runtime: arguments, results and the
//! `{ code, message }` error shape as the UI receives them.

use passerelle_core::DataPaths;
use passerelle_lib::{AppState, with_app};
use serde_json::{Value, json};
use tauri::ipc::{CallbackFn, InvokeBody};
use tauri::test::{INVOKE_KEY, get_ipc_response, mock_builder, mock_context, noop_assets};
use tauri::webview::InvokeRequest;

fn app(dir: &std::path::Path) -> tauri::WebviewWindow<tauri::test::MockRuntime> {
    let app = with_app(mock_builder(), AppState::at(DataPaths::at(dir)))
        .build(mock_context(noop_assets()))
        .unwrap();
    tauri::WebviewWindowBuilder::new(&app, "main", Default::default())
        .build()
        .unwrap()
}

fn call(
    window: &tauri::WebviewWindow<tauri::test::MockRuntime>,
    cmd: &str,
    args: Value,
) -> Result<Value, Value> {
    let request = InvokeRequest {
        cmd: cmd.into(),
        callback: CallbackFn(0),
        error: CallbackFn(1),
        url: "tauri://localhost".parse().unwrap(),
        body: InvokeBody::Json(args),
        headers: Default::default(),
        invoke_key: INVOKE_KEY.to_string(),
    };
    get_ipc_response(window, request).map(|b| b.deserialize::<Value>().unwrap())
}

#[test]
fn profile_and_language_round_trip_over_ipc() {
    let dir = tempfile::tempdir().unwrap();
    let w = app(dir.path());
    let boot = call(&w, "app_bootstrap", json!({})).unwrap();
    assert_eq!(boot["profiles"], json!([]));
    assert!(boot["settings"]["language"].is_null());
    let settings = call(
        &w,
        "settings_update",
        json!({ "patch": { "language": "en" } }),
    )
    .unwrap();
    assert_eq!(settings["language"], "en");
    let p = call(&w, "profile_create", json!({ "name": "Sacha" })).unwrap();
    call(&w, "profile_select", json!({ "id": p["id"] })).unwrap();
    let boot = call(&w, "app_bootstrap", json!({})).unwrap();
    assert_eq!(boot["effectiveLanguage"], "en");
    assert_eq!(boot["profiles"][0]["name"], "Sacha");
    assert!(boot["profiles"][0]["lastUsedAt"].is_string());
}

#[test]
fn errors_cross_ipc_as_code_and_message() {
    let dir = tempfile::tempdir().unwrap();
    let w = app(dir.path());
    let err = call(&w, "profile_create", json!({ "name": "  " })).unwrap_err();
    assert_eq!(
        err,
        json!({ "code": "profile-name-empty", "message": "the profile name is empty" })
    );
    let err = call(&w, "profile_delete", json!({ "id": 42 })).unwrap_err();
    assert_eq!(err["code"], "profile-not-found");
}

#[test]
fn an_unusable_data_folder_is_reported_not_a_crash() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("file");
    std::fs::write(&file, b"x").unwrap();
    let w = app(&file.join("sub"));
    let err = call(&w, "app_bootstrap", json!({})).unwrap_err();
    assert_eq!(err["code"], "data-dir");
}

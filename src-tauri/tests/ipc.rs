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

#[test]
fn a_pack_loaded_over_ipc_is_listed_opened_and_recorded() {
    let dir = tempfile::tempdir().unwrap();
    let w = app(dir.path());
    let p = call(&w, "profile_create", json!({ "name": "Dominique" })).unwrap()["id"].clone();
    let pack = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/crates/passerelle-core/tests/fixtures/tours/good-pack"
    );
    let report = call(&w, "tour_pack_load", json!({ "path": pack })).unwrap();
    assert_eq!(report["loaded"].as_array().unwrap().len(), 2, "{report}");
    assert!(
        call(&w, "tour_messages", json!({ "lang": "en" }))
            .unwrap()
            .as_str()
            .unwrap()
            .contains("tour-demo-title")
    );

    let list = call(
        &w,
        "tours_list",
        json!({ "profileId": p, "accountId": null }),
    )
    .unwrap();
    let demo = list
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["id"] == "demo")
        .unwrap()
        .clone();
    assert_eq!(
        (demo["status"].as_str(), demo["source"].as_str()),
        (Some("new"), Some("pack"))
    );
    let args = json!({ "profileId": p, "accountId": null, "tourId": "demo", "stepId": "welcome" });
    call(&w, "tour_step_seen", args).unwrap();
    let detail = call(
        &w,
        "tour_open",
        json!({ "profileId": p, "accountId": null, "tourId": "demo" }),
    )
    .unwrap();
    assert_eq!(detail["progress"][0]["status"], "seen");
    // The person left while on "welcome": that is where they come back.
    assert_eq!(detail["summary"]["currentStep"], "welcome");
    assert_eq!(detail["steps"][1]["kind"], "task");
    assert_eq!(detail["steps"][1]["checkType"], "folder-exists");
    call(
        &w,
        "tour_hide",
        json!({ "profileId": p, "tourId": "demo", "hidden": true }),
    )
    .unwrap();
    call(
        &w,
        "tour_reset",
        json!({ "profileId": p, "accountId": null, "tourId": null }),
    )
    .unwrap();
    let list = call(
        &w,
        "tours_list",
        json!({ "profileId": p, "accountId": null }),
    )
    .unwrap();
    let demo = list
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["id"] == "demo")
        .unwrap()
        .clone();
    assert_eq!(
        (demo["status"].as_str(), demo["hidden"].as_bool()),
        (Some("new"), Some(true))
    );
    // Bundled tours are checked by the core's tests; none of this pack is broken.
    let broken = call(&w, "tours_broken", json!({})).unwrap();
    let from_pack = broken
        .as_array()
        .unwrap()
        .iter()
        .filter(|b| b["source"].as_str().is_some_and(|s| s.starts_with(pack)));
    assert_eq!(from_pack.count(), 0, "{broken}");

    let err = call(
        &w,
        "tour_open",
        json!({ "profileId": p, "accountId": null, "tourId": "nope" }),
    )
    .unwrap_err();
    assert_eq!(
        err,
        json!({ "code": "tour-not-found", "message": "no tour \"nope\"" })
    );
    let err = call(&w, "tour_pack_load", json!({ "path": "/no/such/pack" })).unwrap_err();
    assert_eq!(err["code"], "tour-pack-unreadable");
}

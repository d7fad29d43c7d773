//! Tours screen: list, open, record progress, run a step's check, reset, hide, load a pack,
//! broken tours and the packs' messages. Each command works on a snapshot of the catalog so
//! no lock is held across an `.await`.

use passerelle_core::IpcError;
use passerelle_core::model::Language;
use passerelle_core::tours::{self, BrokenTour, CheckOutcome, PackReport, TourDetail, TourSummary};
use tauri::State;

use crate::AppState;

/// The tours for a person; with an account, whether each fits the space.
#[tauri::command]
pub async fn tours_list(
    state: State<'_, AppState>,
    profile_id: i64,
    account_id: Option<i64>,
) -> Result<Vec<TourSummary>, IpcError> {
    let catalog = state.tours();
    Ok(tours::list(
        state.store()?,
        state.secrets(),
        &catalog,
        profile_id,
        account_id,
    )
    .await?)
}

/// A tour with its steps and the person's progress.
#[tauri::command]
pub async fn tour_open(
    state: State<'_, AppState>,
    profile_id: i64,
    account_id: Option<i64>,
    tour_id: String,
) -> Result<TourDetail, IpcError> {
    Ok(tours::open(
        state.store()?,
        &state.tours(),
        profile_id,
        account_id,
        &tour_id,
    )?)
}

/// The person reached a step (it becomes the tour's current step).
#[tauri::command]
pub async fn tour_step_seen(
    state: State<'_, AppState>,
    profile_id: i64,
    account_id: Option<i64>,
    tour_id: String,
    step_id: String,
) -> Result<(), IpcError> {
    let catalog = state.tours();
    let (store, secrets) = (state.store()?, state.secrets());
    Ok(tours::step_seen(
        store, secrets, &catalog, profile_id, account_id, &tour_id, &step_id,
    )
    .await?)
}

/// The person skipped a step.
#[tauri::command]
pub async fn tour_step_skip(
    state: State<'_, AppState>,
    profile_id: i64,
    account_id: Option<i64>,
    tour_id: String,
    step_id: String,
) -> Result<(), IpcError> {
    let catalog = state.tours();
    Ok(tours::step_skip(
        state.store()?,
        &catalog,
        profile_id,
        account_id,
        &tour_id,
        &step_id,
    )?)
}

/// Runs a step's check against the account; records the step as done when it is.
#[tauri::command]
pub async fn tour_check(
    state: State<'_, AppState>,
    profile_id: i64,
    account_id: i64,
    tour_id: String,
    step_id: String,
    input: Option<String>,
) -> Result<CheckOutcome, IpcError> {
    let catalog = state.tours();
    let (store, secrets) = (state.store()?, state.secrets());
    Ok(tours::check(
        store, secrets, &catalog, profile_id, account_id, &tour_id, &step_id, input, true,
    )
    .await?)
}

/// Forgets progress of one tour (or all) so it starts over.
#[tauri::command]
pub async fn tour_reset(
    state: State<'_, AppState>,
    profile_id: i64,
    account_id: Option<i64>,
    tour_id: Option<String>,
) -> Result<(), IpcError> {
    Ok(tours::reset(
        state.store()?,
        profile_id,
        account_id,
        tour_id.as_deref(),
    )?)
}

/// "Don't propose this again" (or undo it).
#[tauri::command]
pub async fn tour_hide(
    state: State<'_, AppState>,
    profile_id: i64,
    tour_id: String,
    hidden: bool,
) -> Result<(), IpcError> {
    Ok(tours::hide(
        state.store()?,
        &state.tours(),
        profile_id,
        &tour_id,
        hidden,
    )?)
}

/// Loads a tour pack (folder or .zip) for this session.
#[tauri::command]
pub async fn tour_pack_load(
    state: State<'_, AppState>,
    path: String,
) -> Result<PackReport, IpcError> {
    Ok(tours::load_pack(
        &mut state.tours_mut(),
        std::path::Path::new(&path),
    )?)
}

/// Tours that could not be loaded, with their problems.
#[tauri::command]
pub async fn tours_broken(state: State<'_, AppState>) -> Result<Vec<BrokenTour>, IpcError> {
    Ok(tours::broken(&state.tours()))
}

/// FTL source of the loaded packs' messages, for the UI's Fluent bundle.
#[tauri::command]
pub async fn tour_messages(state: State<'_, AppState>, lang: Language) -> Result<String, IpcError> {
    Ok(tours::messages(&state.tours(), lang))
}

#[cfg(test)]
mod tests {
    //! The tours commands through real IPC on Tauri's mock runtime: camelCase arguments,
    //! results, and the `{ code, message }` error shape.

    use serde_json::{Value, json};
    use tauri::ipc::{CallbackFn, InvokeBody};
    use tauri::test::{INVOKE_KEY, get_ipc_response, mock_builder, mock_context, noop_assets};
    use tauri::webview::InvokeRequest;

    use crate::{AppState, with_app};

    type Window = tauri::WebviewWindow<tauri::test::MockRuntime>;

    fn call(w: &Window, cmd: &str, args: Value) -> Result<Value, Value> {
        let request = InvokeRequest {
            cmd: cmd.into(),
            callback: CallbackFn(0),
            error: CallbackFn(1),
            url: "tauri://localhost".parse().unwrap(),
            body: InvokeBody::Json(args),
            headers: Default::default(),
            invoke_key: INVOKE_KEY.to_string(),
        };
        get_ipc_response(w, request).map(|b| b.deserialize::<Value>().unwrap())
    }

    #[test]
    fn a_pack_loaded_over_ipc_is_listed_opened_and_recorded() {
        let dir = tempfile::tempdir().unwrap();
        let paths = passerelle_core::DataPaths::at(dir.path());
        let app = with_app(mock_builder(), AppState::at(paths))
            .build(mock_context(noop_assets()))
            .unwrap();
        let w = tauri::WebviewWindowBuilder::new(&app, "main", Default::default())
            .build()
            .unwrap();
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
        let args =
            json!({ "profileId": p, "accountId": null, "tourId": "demo", "stepId": "welcome" });
        call(&w, "tour_step_seen", args).unwrap();
        let detail = call(
            &w,
            "tour_open",
            json!({ "profileId": p, "accountId": null, "tourId": "demo" }),
        )
        .unwrap();
        assert_eq!(detail["progress"][0]["status"], "seen");
        assert_eq!(detail["summary"]["currentStep"], "create-folder");
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
}

//! Workshop screens (trainer mode): plans and workshop packs, practice accounts (plan, create
//! in the background with progress over a channel, sign-in sheet, clean-up), participants'
//! progress (export, import, merged table, CSV) and resetting the laptop. The logic is
//! `passerelle_core::workshop`, shared with the CLI; each command extracts state, calls it and
//! maps the error.
//!
//! Files are written where the trainer says (a USB key, a folder); the defaults live in
//! `<data folder>/workshop`. The sign-in sheet holds passwords: it is only written when asked.

use std::path::{Path, PathBuf};

use passerelle_core::paths::typed_path;
use passerelle_core::workshop::WorkshopError;
use passerelle_core::workshop::pack::{self, PackExport};
use passerelle_core::workshop::progress::{self, ImportSummary, ProgressCell};
use passerelle_core::workshop::reset::{ResetReport, reset_laptop};
use passerelle_core::workshop::sheet::{self, SheetEntry};
use passerelle_core::workshop::{
    AccountPlan, CleanupAction, CleanupReport, CreationReport, MembersRequest, PracticeAccount,
    WorkshopPlan, accounts, records,
};
use passerelle_core::{CoreError, IpcError};
use serde::Serialize;
use tauri::ipc::Channel;
use tauri::{AppHandle, Manager, Runtime, State};
use tauri_plugin_opener::OpenerExt;
use ts_rs::TS;

use crate::{AppState, AppStateExt};

/// What the Workshop screen needs first.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct WorkshopOverview {
    /// Saved plans (imported or prepared here), by name.
    pub plans: Vec<WorkshopPlan>,
    /// Where files go unless the trainer names another place.
    pub folder: String,
}

/// The outcome of importing a workshop pack: its plan, or every problem (`file:line: …`).
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PackImport {
    /// The pack's plan, when it was accepted.
    pub plan: Option<WorkshopPlan>,
    /// Its problems, when it was refused (nothing installed then).
    pub problems: Vec<String>,
    /// Where this laptop keeps its copy.
    pub installed_at: Option<String>,
}

impl PackImport {
    fn installed(plan: WorkshopPlan, at: &Path) -> Self {
        PackImport {
            plan: Some(plan),
            problems: Vec::new(),
            installed_at: Some(at.display().to_string()),
        }
    }

    fn refused(problems: Vec<String>) -> Self {
        PackImport {
            plan: None,
            problems,
            installed_at: None,
        }
    }
}

/// What a creation run made.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CreationDone {
    /// The run, for clean-up.
    #[ts(type = "number")]
    pub run_id: i64,
    /// The space's address, printed on the cards.
    pub server_url: String,
    /// The accounts, in order, with their passwords for the sheet.
    pub accounts: Vec<SheetEntry>,
    /// Groups created by the run.
    pub groups_created: Vec<String>,
}

impl From<CreationReport> for CreationDone {
    fn from(report: CreationReport) -> Self {
        CreationDone {
            accounts: sheet::entries(&report),
            run_id: report.run_id,
            server_url: report.server_url,
            groups_created: report.groups_created,
        }
    }
}

/// Progress of a creation run, streamed over its channel.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(tag = "event", content = "data", rename_all = "camelCase")]
pub enum CreationEvent {
    /// `done` of `total` accounts created.
    Progress {
        /// Accounts created so far.
        #[ts(type = "number")]
        done: usize,
        /// Accounts in the plan.
        #[ts(type = "number")]
        total: usize,
    },
    /// Every account was created.
    Finished(CreationDone),
    /// The run stopped; what it had created was deleted again.
    Failed(IpcError),
}

/// Where a file was written.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct WrittenFile {
    /// The file.
    pub path: String,
    /// How many participants, cards or rows it holds.
    #[ts(type = "number")]
    pub count: usize,
}

impl WrittenFile {
    fn new(path: &Path, count: usize) -> Self {
        WrittenFile {
            path: path.display().to_string(),
            count,
        }
    }
}

/// Loads the workshop packs this laptop keeps into the tours on offer (at start).
pub fn load_installed_packs(state: &AppState) {
    let Ok(paths) = state.paths() else {
        return;
    };
    let mut catalog = state.tours_mut();
    for pack in pack::installed_packs(paths) {
        // A pack that no longer loads shows up among the broken tours.
        let _ = catalog.load_pack(&pack);
    }
}

/// Saved plans and the default folder.
#[passerelle_ipc::command]
pub async fn workshop_overview(state: State<'_, AppState>) -> Result<WorkshopOverview, IpcError> {
    Ok(WorkshopOverview {
        plans: records::plans(state.store()?)?,
        folder: state.paths()?.workshop().display().to_string(),
    })
}

/// Saves a named plan (its tours, in order).
#[passerelle_ipc::command]
pub async fn workshop_plan_save(
    state: State<'_, AppState>,
    name: String,
    tours: Vec<String>,
) -> Result<WorkshopPlan, IpcError> {
    let plan = WorkshopPlan::named(&name, tours);
    records::save_plan(state.store()?, &plan)?;
    Ok(plan)
}

/// Writes a workshop pack (a folder, or a .zip when the name ends so) for a plan.
#[passerelle_ipc::command]
pub async fn workshop_pack_export(
    state: State<'_, AppState>,
    name: String,
    tours: Vec<String>,
    pack_id: String,
    dest: String,
) -> Result<PackExport, IpcError> {
    let dest = typed_path(&dest)?;
    // Tours of the packs this laptop keeps can go into the new pack too.
    let (store, sets) = (state.store()?, pack::installed_sets(state.paths()?)?);
    let plan = WorkshopPlan::named(&name, tours);
    Ok(pack::export_and_save(store, &plan, &pack_id, &sets, &dest)?)
}

/// Checks a workshop pack, keeps a copy on this laptop, offers its tours and saves its plan.
#[passerelle_ipc::command]
pub async fn workshop_pack_import(
    state: State<'_, AppState>,
    path: String,
) -> Result<PackImport, IpcError> {
    match pack::import_and_install(state.store()?, state.paths()?, &typed_path(&path)?) {
        Ok((imported, installed)) => {
            state.tours_mut().load_pack(&installed)?;
            Ok(PackImport::installed(imported.plan, &installed))
        }
        Err(CoreError::Workshop(WorkshopError::PackInvalid { problems, .. })) => {
            Ok(PackImport::refused(problems))
        }
        Err(e) => Err(e.into()),
    }
}

/// Checks a list of members (or a count) against the space with the trainer's admin account:
/// every mistake with its line. Creates nothing.
#[passerelle_ipc::command]
pub async fn workshop_accounts_plan(
    state: State<'_, AppState>,
    account_id: i64,
    members: MembersRequest,
) -> Result<AccountPlan, IpcError> {
    let client = state.account_client(account_id)?;
    Ok(accounts::plan_members(&client, &members, &state.localizer()?).await?)
}

/// Checks again, then creates the accounts in the background; progress and the outcome go
/// over `on_event`. Resolves at once when the plan is valid (else with its error).
#[passerelle_ipc::command]
pub async fn workshop_accounts_create<R: Runtime>(
    app: AppHandle<R>,
    account_id: i64,
    members: MembersRequest,
    label: String,
    on_event: Channel<CreationEvent>,
) -> Result<AccountPlan, IpcError> {
    let state = app.passerelle();
    let client = state.account_client(account_id)?;
    let plan = accounts::plan_members(&client, &members, &state.localizer()?).await?;
    plan.ensure_valid()?;
    tauri::async_runtime::spawn(create(app.clone(), client, plan.clone(), label, on_event));
    Ok(plan)
}

/// Runs the creation in the background, its progress over the channel; the outcome as the
/// last event.
async fn create<R: Runtime>(
    app: AppHandle<R>,
    client: passerelle_core::nextcloud::Client,
    plan: AccountPlan,
    label: String,
    on_event: Channel<CreationEvent>,
) {
    let state = app.passerelle();
    let Ok(store) = state.store() else { return };
    let mut progress = |done, total| {
        let _ = on_event.send(CreationEvent::Progress { done, total });
    };
    let event = match accounts::create_accounts(&client, store, &plan, &label, &mut progress).await
    {
        Ok(report) => CreationEvent::Finished(report.into()),
        Err(e) => CreationEvent::Failed(e.into()),
    };
    let _ = on_event.send(event);
}

/// The practice accounts Passerelle recorded on this account's space that clean-up may touch.
#[passerelle_ipc::command]
pub async fn workshop_accounts_list(
    state: State<'_, AppState>,
    account_id: i64,
) -> Result<Vec<PracticeAccount>, IpcError> {
    let store = state.store()?;
    let account = store.account(account_id)?;
    let server = account.server_url.trim_end_matches('/');
    Ok(accounts::cleanup_candidates(store, server)?)
}

/// Disables (or, with `remove`, deletes with their data) exactly the confirmed practice
/// accounts.
#[passerelle_ipc::command]
pub async fn workshop_accounts_cleanup(
    state: State<'_, AppState>,
    account_id: i64,
    remove: bool,
    user_ids: Vec<String>,
) -> Result<CleanupReport, IpcError> {
    let client = state.account_client(account_id)?;
    let action = if remove {
        CleanupAction::Delete
    } else {
        CleanupAction::Disable
    };
    Ok(accounts::cleanup_accounts(&client, state.store()?, action, &user_ids).await?)
}

/// The printable sign-in sheet (HTML, one card per account with a QR code), in memory.
#[passerelle_ipc::command]
pub async fn workshop_sheet_render(
    state: State<'_, AppState>,
    server: String,
    title: String,
    cards: Vec<SheetEntry>,
) -> Result<String, IpcError> {
    let server = sheet::web_address(&server)?;
    Ok(sheet::render(&state.localizer()?, &server, &title, &cards))
}

/// Writes the sign-in sheet where the trainer says (it holds the passwords) and, with `open`,
/// opens it in the default browser to print it.
#[passerelle_ipc::command]
pub async fn workshop_sheet_save<R: Runtime>(
    app: AppHandle<R>,
    path: String,
    server: String,
    title: String,
    cards: Vec<SheetEntry>,
    open: bool,
) -> Result<WrittenFile, IpcError> {
    let l10n = app.passerelle().localizer()?;
    let (path, count) = sheet::write_sheet(&l10n, &typed_path(&path)?, &server, &title, &cards)?;
    if open {
        open_in_browser(&app, &path);
    }
    Ok(WrittenFile::new(&path, count))
}

/// Opens a written file in the default browser; without one, the path is still shown.
fn open_in_browser<R: Runtime>(app: &AppHandle<R>, path: &Path) {
    let _ = app
        .opener()
        .open_path(path.display().to_string(), None::<&str>);
}

/// Writes this laptop's participants' progress to a small JSON file.
#[passerelle_ipc::command]
pub async fn workshop_progress_export(
    state: State<'_, AppState>,
    laptop: String,
    path: String,
) -> Result<WrittenFile, IpcError> {
    let path = typed_path(&path)?;
    let file = progress::write_progress_file(state.store()?, &laptop, &path)?;
    Ok(WrittenFile::new(&path, file.participants.len()))
}

/// Merges progress files into this computer's table. Every file is read and checked first:
/// one bad file merges nothing.
#[passerelle_ipc::command]
pub async fn workshop_progress_import(
    state: State<'_, AppState>,
    paths: Vec<String>,
) -> Result<Vec<ImportSummary>, IpcError> {
    let paths = paths
        .iter()
        .map(|p| typed_path(p))
        .collect::<Result<Vec<PathBuf>, _>>()?;
    Ok(progress::import_progress_files(state.store()?, &paths)?)
}

/// The merged table: participant × tour × step.
#[passerelle_ipc::command]
pub async fn workshop_progress_table(
    state: State<'_, AppState>,
) -> Result<Vec<ProgressCell>, IpcError> {
    Ok(progress::progress_table(state.store()?)?)
}

/// Writes the merged table as CSV.
#[passerelle_ipc::command]
pub async fn workshop_progress_csv(
    state: State<'_, AppState>,
    path: String,
) -> Result<WrittenFile, IpcError> {
    let path = typed_path(&path)?;
    let count = progress::write_table_csv(state.store()?, &path)?;
    Ok(WrittenFile::new(&path, count))
}

/// Empties the merged table (before the next workshop).
#[passerelle_ipc::command]
pub async fn workshop_progress_clear(state: State<'_, AppState>) -> Result<u32, IpcError> {
    Ok(progress::clear_progress_table(state.store()?)? as u32)
}

/// Resets the laptop for the next participant: closes the space windows, then removes every
/// profile (exactly those `confirmed` names), account, app password, web session and progress.
#[passerelle_ipc::command]
pub async fn workshop_reset<R: Runtime>(
    app: AppHandle<R>,
    confirmed: Vec<String>,
) -> Result<ResetReport, IpcError> {
    for (label, window) in app.webview_windows() {
        if label != "main" {
            let _ = window.destroy();
        }
    }
    let state = app.passerelle();
    let web = state.paths()?.web_sessions();
    let (store, secrets) = (state.store()?, state.secrets());
    Ok(reset_laptop(store, secrets, Some(&web), &confirmed)?)
}

#[cfg(test)]
mod tests {
    //! The workshop commands through real IPC on Tauri's mock runtime, as the UI calls them.

    use passerelle_core::DataPaths;
    use serde_json::{Value, json};
    use tauri::ipc::{CallbackFn, InvokeBody};
    use tauri::test::{INVOKE_KEY, MockRuntime, get_ipc_response, mock_builder, noop_assets};
    use tauri::webview::InvokeRequest;

    use crate::{AppState, with_app};

    fn window(dir: &std::path::Path) -> tauri::WebviewWindow<MockRuntime> {
        let context = tauri::generate_context!(test = true, assets = noop_assets());
        let app = with_app(mock_builder(), AppState::at(DataPaths::at(dir)))
            .build(context)
            .unwrap();
        tauri::WebviewWindowBuilder::new(&app, "main", Default::default())
            .build()
            .unwrap()
    }

    fn call(w: &tauri::WebviewWindow<MockRuntime>, cmd: &str, args: Value) -> Result<Value, Value> {
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
    fn no_password_reaches_debug_output() {
        let entry = passerelle_core::workshop::sheet::SheetEntry {
            display_name: "Camille".into(),
            login: "camille".into(),
            password: Some("Kbtw-7mqa-3hpx-rzd4".into()),
        };
        let done = super::CreationEvent::Finished(super::CreationDone {
            run_id: 1,
            server_url: "https://asso.example".into(),
            accounts: vec![entry.clone()],
            groups_created: Vec::new(),
        });
        for shown in [
            format!("{entry:?}"),
            format!("{entry:#?}"),
            format!("{done:?}"),
        ] {
            assert!(!shown.contains("Kbtw"), "{shown}");
            assert!(shown.contains("camille"), "{shown}");
        }
    }

    #[test]
    fn a_pack_exported_on_one_laptop_is_installed_on_another_and_offered_after_a_restart() {
        let (home, laptop, usb) = (
            tempfile::tempdir().unwrap(),
            tempfile::tempdir().unwrap(),
            tempfile::tempdir().unwrap(),
        );
        let zip = usb.path().join("atelier.zip");
        let w = window(home.path());
        let args = json!({ "name": "Atelier", "tours": ["files", "sharing"], "packId": "atelier",
                           "dest": zip.display().to_string() });
        let written = call(&w, "workshop_pack_export", args).unwrap();
        assert_eq!(written["tours"], json!(["files", "sharing"]));
        let plans = call(&w, "workshop_overview", json!({})).unwrap()["plans"].clone();
        assert_eq!(
            plans,
            json!([{ "name": "Atelier", "tours": ["files", "sharing"] }])
        );

        let w = window(laptop.path());
        let path = zip.display().to_string();
        let imported = call(&w, "workshop_pack_import", json!({ "path": path })).unwrap();
        assert_eq!(imported["plan"]["name"], "Atelier");
        assert_eq!(imported["problems"], json!([]));
        assert!(
            laptop
                .path()
                .join("workshop-packs/atelier/workshop.toml")
                .is_file()
        );
        // After a restart (a new app on the same folder) the pack is loaded again: its texts
        // are on offer (an empty laptop has none).
        drop(w);
        let w = window(laptop.path());
        let ftl = call(&w, "tour_messages", json!({ "lang": "fr" })).unwrap();
        assert!(ftl.as_str().unwrap().contains("tour-files-"), "{ftl}");
        let empty = window(home.path());
        let ftl = call(&empty, "tour_messages", json!({ "lang": "fr" })).unwrap();
        assert_eq!(ftl, "");
    }

    #[test]
    fn a_broken_pack_is_answered_with_its_problems_and_nothing_is_installed() {
        let (dir, pack) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
        std::fs::write(
            pack.path().join("pack.toml"),
            "id = \"x\"\nversion = 1\nname = \"X\"\n",
        )
        .unwrap();
        std::fs::write(
            pack.path().join("workshop.toml"),
            "name = \"X\"\ntours = [\"nowhere\"]\n",
        )
        .unwrap();
        let w = window(dir.path());
        let path = pack.path().display().to_string();
        let answer = call(&w, "workshop_pack_import", json!({ "path": path })).unwrap();
        assert_eq!(answer["plan"], Value::Null);
        let problems = answer["problems"].as_array().unwrap();
        assert!(
            problems
                .iter()
                .any(|p| p.as_str().unwrap().starts_with("workshop.toml:2:")),
            "{problems:?}"
        );
        assert!(!dir.path().join("workshop-packs").exists());
        let err = call(&w, "workshop_pack_import", json!({ "path": "  " })).unwrap_err();
        assert_eq!(err["code"], "invalid-value");
    }

    #[test]
    fn progress_goes_from_a_laptop_to_the_trainers_table_and_reset_needs_the_exact_names() {
        let (laptop, trainer, usb) = (
            tempfile::tempdir().unwrap(),
            tempfile::tempdir().unwrap(),
            tempfile::tempdir().unwrap(),
        );
        let w = window(laptop.path());
        let p = call(&w, "profile_create", json!({ "name": "Camille" })).unwrap()["id"].clone();
        let seen =
            json!({ "profileId": p, "accountId": null, "tourId": "files", "stepId": "welcome" });
        call(&w, "tour_step_seen", seen).unwrap();
        let file = usb.path().join("poste-3.json");
        let args = json!({ "laptop": "poste-3", "path": file.display().to_string() });
        let written = call(&w, "workshop_progress_export", args).unwrap();
        assert_eq!(written["count"], 1);
        let err = call(
            &w,
            "workshop_progress_export",
            json!({ "laptop": " ", "path": "x" }),
        );
        assert_eq!(err.unwrap_err()["code"], "invalid-value");

        let t = window(trainer.path());
        let paths = json!({ "paths": [file.display().to_string()] });
        let summary = call(&t, "workshop_progress_import", paths).unwrap();
        assert_eq!(summary[0]["participants"], 1);
        let table = call(&t, "workshop_progress_table", json!({})).unwrap();
        assert_eq!(table[0]["participant"], "Camille");
        assert_eq!(table[0]["laptop"], "poste-3");
        let csv = trainer.path().join("table.csv");
        let args = json!({ "path": csv.display().to_string() });
        call(&t, "workshop_progress_csv", args).unwrap();
        assert!(std::fs::read_to_string(&csv).unwrap().contains("Camille"));

        // Reset: a stale list of names does nothing; the exact one removes the participant.
        let web = laptop.path().join("web-sessions/1");
        std::fs::create_dir_all(&web).unwrap();
        std::fs::write(web.join("cookies"), "x").unwrap();
        let err = call(&w, "workshop_reset", json!({ "confirmed": ["Sacha"] })).unwrap_err();
        assert_eq!(err["code"], "workshop-not-confirmed");
        assert!(web.exists());
        let report = call(&w, "workshop_reset", json!({ "confirmed": ["camille"] })).unwrap();
        assert_eq!(report["profiles"], json!(["Camille"]));
        assert_eq!(report["webSessionEntries"], 1);
        assert!(!web.exists());
        let boot = call(&w, "app_bootstrap", json!({})).unwrap();
        assert_eq!(boot["profiles"], json!([]));
    }

    #[test]
    fn the_sign_in_sheet_is_rendered_in_memory_and_written_only_when_asked() {
        let dir = tempfile::tempdir().unwrap();
        let w = window(dir.path());
        let cards = json!([{ "displayName": "Anne <b>", "login": "atelier-01", "password": "Kbtw-7mqa" },
                           { "displayName": "No password", "login": "x", "password": null }]);
        let args = json!({ "server": "monasso.frama.space", "title": "", "cards": cards });
        let html = call(&w, "workshop_sheet_render", args).unwrap();
        let html = html.as_str().unwrap();
        assert!(html.contains("https://monasso.frama.space") && html.contains("Kbtw-7mqa"));
        assert!(html.contains("Anne &#60;b&#62;") && !html.contains("Anne <b>"));
        assert_eq!(
            std::fs::read_dir(dir.path())
                .unwrap()
                .flatten()
                .filter(|e| e.path().extension().is_some_and(|x| x == "html"))
                .count(),
            0
        );
        let out = dir.path().join("sheets/fiche");
        let args = json!({ "path": out.display().to_string(), "server": "monasso.frama.space",
                           "title": "Atelier", "cards": cards, "open": false });
        let written = call(&w, "workshop_sheet_save", args).unwrap();
        assert_eq!(written["count"], 1);
        assert!(dir.path().join("sheets/fiche.html").is_file());
        let bad = json!({ "server": "not an address", "title": "", "cards": cards });
        assert_eq!(
            call(&w, "workshop_sheet_render", bad).unwrap_err()["code"],
            "invalid-value"
        );
    }
}

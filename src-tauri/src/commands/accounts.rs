//! Accounts screen and the connect wizard: check an address, trust a certificate, sign in with
//! the browser (Login Flow v2) or an app password, overview, sign out.

use std::time::Duration;

use passerelle_core::IpcError;
use passerelle_core::connect::{self, LoginTask, WaitOptions};
use passerelle_core::model::{
    Account, AccountAdded, AccountOverview, LoginFlowEvent, PasswordSignIn, ServerCheck,
    SignOutReport,
};
use passerelle_core::secrets::{KeyringStatus, SecretStorage};
use tauri::ipc::Channel;
use tauri::{AppHandle, Runtime, State};

use crate::{AppState, AppStateExt};

/// Whether an OS keyring can keep app passwords on this computer.
#[passerelle_ipc::command]
pub async fn keyring_status(state: State<'_, AppState>) -> Result<KeyringStatus, IpcError> {
    Ok(state.secrets().status())
}

/// Normalises an address and asks the server what it is.
#[passerelle_ipc::command]
pub async fn server_check(
    state: State<'_, AppState>,
    address: String,
) -> Result<ServerCheck, IpcError> {
    Ok(connect::check_address(state.store()?, &address).await?)
}

/// Pins this exact certificate for this server (stored locally).
#[passerelle_ipc::command]
pub async fn certificate_trust(
    state: State<'_, AppState>,
    url: String,
    fingerprint: String,
) -> Result<(), IpcError> {
    Ok(connect::trust_certificate(
        state.store()?,
        &url,
        &fingerprint,
    )?)
}

/// How long a launcher (xdg-open, gio…) may take to say it could not open the page; one still
/// running then has handed it to a browser.
const BROWSER_VERDICT: Duration = Duration::from_secs(2);

/// Starts Login Flow v2, opens the login page in the browser and follows it in the background;
/// returns the flow id at once.
#[passerelle_ipc::command]
pub async fn login_flow_start<R: Runtime>(
    app: AppHandle<R>,
    profile_id: i64,
    address: String,
    storage: SecretStorage,
    on_event: Channel<LoginFlowEvent>,
) -> Result<u64, IpcError> {
    let state = app.passerelle();
    let (store, flows) = (state.store()?, state.login_flows());
    let mut task = connect::begin_login_flow(store, flows, profile_id, &address, storage).await?;
    task.set_browser_opened(open_in_browser(task.login_url().to_owned()).await);
    let id = task.id();
    tauri::async_runtime::spawn(follow(app.clone(), task, on_event));
    Ok(id)
}

/// Opens `url` in the browser; whether a launcher took it. Without a browser the UI leads with
/// the link to copy: this waits for the launcher's verdict (off the async workers). Not through
/// the opener plugin, which gives xdg-open only 250 ms to fail: a script looking for a browser,
/// slower than that on an old laptop.
async fn open_in_browser(url: String) -> bool {
    tauri::async_runtime::spawn_blocking(move || {
        open::that_detached_with_timeout(url, BROWSER_VERDICT).is_ok()
    })
    .await
    .unwrap_or(false)
}

/// Follows a Login Flow to its end, its events over `on_event`.
async fn follow<R: Runtime>(app: AppHandle<R>, task: LoginTask, on_event: Channel<LoginFlowEvent>) {
    let state = app.passerelle();
    let Ok(store) = state.store() else { return };
    let emit = |event| drop(on_event.send(event));
    let flows = state.login_flows();
    task.run(store, state.secrets(), flows, WaitOptions::default(), emit)
        .await;
}

/// Cancels a Login Flow under way.
#[passerelle_ipc::command]
pub async fn login_flow_cancel(state: State<'_, AppState>, flow_id: u64) -> Result<(), IpcError> {
    state.login_flows().cancel(flow_id);
    Ok(())
}

/// Adds an account from a login name and an app password; a login password typed instead is
/// exchanged for an app password and not kept.
#[passerelle_ipc::command]
pub async fn account_add_app_password(
    state: State<'_, AppState>,
    sign_in: PasswordSignIn,
) -> Result<AccountAdded, IpcError> {
    Ok(connect::add_with_password(state.store()?, state.secrets(), &sign_in).await?)
}

/// The accounts of a profile, most recently used first.
#[passerelle_ipc::command]
pub async fn accounts_list(
    state: State<'_, AppState>,
    profile_id: i64,
) -> Result<Vec<Account>, IpcError> {
    Ok(state.store()?.accounts(profile_id)?)
}

/// The profile's accounts whose access was kept until Passerelle closed and is gone since the
/// restart: the person reconnects them.
#[passerelle_ipc::command]
pub async fn accounts_to_reconnect(
    state: State<'_, AppState>,
    profile_id: i64,
) -> Result<Vec<i64>, IpcError> {
    let accounts = state.store()?.accounts(profile_id)?;
    Ok(connect::accounts_to_reconnect(state.secrets(), &accounts))
}

/// Marks an account as the one in use.
#[passerelle_ipc::command]
pub async fn account_select(
    state: State<'_, AppState>,
    account_id: i64,
) -> Result<Account, IpcError> {
    Ok(state.store()?.select_account(account_id)?)
}

/// What the Accounts screen shows for one account (asks the server).
#[passerelle_ipc::command]
pub async fn account_overview(
    state: State<'_, AppState>,
    account_id: i64,
) -> Result<AccountOverview, IpcError> {
    Ok(connect::overview(state.store()?, state.secrets(), account_id).await?)
}

/// Revokes the app password on the server, deletes the local secret and the account.
#[passerelle_ipc::command]
pub async fn account_sign_out(
    state: State<'_, AppState>,
    account_id: i64,
) -> Result<SignOutReport, IpcError> {
    Ok(connect::sign_out(state.store()?, state.secrets(), account_id).await?)
}

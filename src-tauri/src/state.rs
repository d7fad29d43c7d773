//! The app's one piece of managed state, reached through [`AppStateExt`]. The store is opened
//! before the window needs it; if it cannot be opened at all, the error is kept and shown by the
//! UI at start instead of a crash.

use std::sync::{Mutex, MutexGuard, OnceLock};

use passerelle_core::connect::LoginFlows;
use passerelle_core::secrets::Secrets;
use passerelle_core::tours::Catalog;
use passerelle_core::{DataPaths, IpcError, Store};
use tauri::{Manager, Runtime};

use crate::handover_channels::HandoverChannels;

/// What every command may use.
#[derive(Debug)]
pub struct AppState {
    store: Result<(DataPaths, Store), IpcError>,
    /// Probed on first use: asking D-Bus for a keyring must not delay the window.
    secrets: OnceLock<Secrets>,
    login_flows: LoginFlows,
    /// Bundled tours and the packs loaded in this session.
    tours: Mutex<Catalog>,
    /// Hand-over runs going on in this process.
    handover_runs: passerelle_core::handover::Runs,
    /// The channel each of those runs streams on (the screen following it).
    handover_channels: HandoverChannels,
}

impl AppState {
    /// Opens the store in the data folder from the environment or the platform.
    pub fn from_env() -> Self {
        let store =
            DataPaths::from_env().and_then(|paths| Ok((paths.clone(), Store::open(&paths)?)));
        Self::with_store(store.map_err(IpcError::from))
    }

    /// Opens the store in `paths` (tests).
    pub fn at(paths: DataPaths) -> Self {
        let store = Store::open(&paths)
            .map(|s| (paths, s))
            .map_err(IpcError::from);
        Self::with_store(store)
    }

    fn with_store(store: Result<(DataPaths, Store), IpcError>) -> Self {
        Self {
            store,
            secrets: OnceLock::new(),
            login_flows: LoginFlows::default(),
            tours: Mutex::new(Catalog::new()),
            handover_runs: Default::default(),
            handover_channels: Default::default(),
        }
    }

    /// The store, or the error that kept it from opening.
    pub fn store(&self) -> Result<&Store, IpcError> {
        self.store.as_ref().map(|(_, s)| s).map_err(Clone::clone)
    }

    /// The data paths, or the error that kept the store from opening.
    pub fn paths(&self) -> Result<&DataPaths, IpcError> {
        self.store.as_ref().map(|(p, _)| p).map_err(Clone::clone)
    }

    /// The OS keyring, or session-only memory when this computer has none.
    pub fn secrets(&self) -> &Secrets {
        self.secrets.get_or_init(Secrets::probe)
    }

    /// Login flows under way.
    pub fn login_flows(&self) -> &LoginFlows {
        &self.login_flows
    }

    /// The texts in the language the person chose (or the system's).
    pub fn localizer(&self) -> Result<passerelle_core::Localizer, IpcError> {
        let lang = self.store()?.settings()?.language;
        Ok(passerelle_core::Localizer::new(
            lang.unwrap_or_else(passerelle_core::i18n::system_language),
        ))
    }

    /// A ready client for recorded account `account_id` (its secret from the keyring or this
    /// session).
    pub fn account_client(
        &self,
        account_id: i64,
    ) -> Result<passerelle_core::nextcloud::Client, IpcError> {
        let store = self.store()?;
        Ok(passerelle_core::connect::account_client(
            store,
            self.secrets(),
            &store.account(account_id)?,
        )?)
    }

    /// Hand-over runs going on in this process.
    pub fn handover_runs(&self) -> &passerelle_core::handover::Runs {
        &self.handover_runs
    }

    /// The channel each hand-over run streams on.
    pub fn handover_channels(&self) -> &HandoverChannels {
        &self.handover_channels
    }

    /// A snapshot of the tours on offer (cheap: tours are shared), to use across `.await`s.
    pub fn tours(&self) -> Catalog {
        self.tours_mut().clone()
    }

    /// The tours on offer, to load a pack. Never hold it across an `.await`.
    pub fn tours_mut(&self) -> MutexGuard<'_, Catalog> {
        self.tours.lock().unwrap_or_else(|p| p.into_inner())
    }
}

/// `app.passerelle()` from any manager (app handle, window, webview).
pub trait AppStateExt<R: Runtime> {
    /// The app's state.
    fn passerelle(&self) -> &AppState;
}

impl<R: Runtime, M: Manager<R>> AppStateExt<R> for M {
    fn passerelle(&self) -> &AppState {
        self.state::<AppState>().inner()
    }
}

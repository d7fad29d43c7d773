//! "Reset this laptop for the next participant": one call that removes every profile, its
//! accounts and their app passwords (through the secrets API), tour progress, the web
//! sessions folder the caller names, then rewrites the database so deleted rows do not linger
//! in free pages or the write-ahead log. It reports what it removed. App settings (language,
//! text size), trusted certificates and the trainer's workshop records stay: they belong to
//! the laptop, not to a participant.
//!
//! It needs a confirmation naming the profiles it will remove (what the UI listed), so a
//! stale screen can never wipe a profile created meanwhile.

use std::path::Path;

use serde::Serialize;
use ts_rs::TS;

use crate::secrets::Secrets;
use crate::workshop::error::WorkshopError;
use crate::{CoreError, Store};

/// What a reset removed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ResetReport {
    /// Profiles removed (names).
    pub profiles: Vec<String>,
    /// Accounts removed.
    #[ts(type = "number")]
    pub accounts: usize,
    /// App passwords removed from the keyring or memory.
    #[ts(type = "number")]
    pub secrets: usize,
    /// Secrets that could not be removed: `(server, user, error code)`.
    pub secret_failures: Vec<(String, String, String)>,
    /// Files and folders removed from the web sessions folder.
    #[ts(type = "number")]
    pub web_session_entries: usize,
    /// Database rows removed (profiles, accounts, progress, tour state, hidden tours).
    #[ts(type = "number")]
    pub rows: usize,
}

/// Removes everything of the participants. `confirmed` must name exactly the profiles there
/// are (case ignored), else nothing is done ([`CoreError::Workshop(WorkshopError::NotConfirmed)`]).
/// `web_sessions`: a folder whose contents are the embedded browser's data (cookies, cache);
/// its contents are removed, the folder stays.
pub fn reset_laptop(
    store: &Store,
    secrets: &Secrets,
    web_sessions: Option<&Path>,
    confirmed: &[String],
) -> Result<ResetReport, CoreError> {
    let profiles = store.profiles()?;
    let mut names: Vec<String> = profiles.iter().map(|p| p.name.to_lowercase()).collect();
    let mut asked: Vec<String> = confirmed.iter().map(|c| c.trim().to_lowercase()).collect();
    names.sort();
    asked.sort();
    asked.dedup();
    if names != asked {
        return Err(CoreError::Workshop(WorkshopError::NotConfirmed));
    }
    let ids: Vec<i64> = profiles.iter().map(|p| p.id).collect();
    let mut report = wipe(store, secrets, &ids)?;
    report.profiles = profiles.into_iter().map(|p| p.name).collect();
    if let Some(dir) = web_sessions {
        report.web_session_entries = empty_folder(dir)?;
    }
    Ok(report)
}

/// Removes what a folder holds (symbolic links removed, never followed). A missing folder
/// holds nothing.
fn empty_folder(dir: &Path) -> Result<usize, CoreError> {
    let io = |e: std::io::Error| CoreError::DataDir {
        path: dir.to_owned(),
        source: e,
    };
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(0),
        Err(e) => return Err(io(e)),
    };
    let mut removed = 0;
    for entry in entries {
        let entry = entry.map_err(io)?;
        let kind = entry.file_type().map_err(io)?;
        let path = entry.path();
        if kind.is_dir() {
            std::fs::remove_dir_all(&path).map_err(io)?;
        } else {
            std::fs::remove_file(&path).map_err(io)?;
        }
        removed += 1;
    }
    Ok(removed)
}

/// Wipes one profile (a guest profile at the end of a session): its accounts' app passwords,
/// accounts, progress and the profile itself, then rewrites the database file. `web_sessions`
/// is emptied too when given (the embedded browser is shared by every profile).
pub fn wipe_profile(
    store: &Store,
    secrets: &Secrets,
    profile_id: i64,
    web_sessions: Option<&Path>,
) -> Result<ResetReport, CoreError> {
    let profile = store.profile(profile_id)?;
    let mut report = wipe(store, secrets, &[profile_id])?;
    report.profiles = vec![profile.name];
    if let Some(dir) = web_sessions {
        report.web_session_entries = empty_folder(dir)?;
    }
    Ok(report)
}

/// Forgets the secrets of these profiles' accounts, deletes their rows (the rest cascades
/// from `profiles`), then rewrites the file.
fn wipe(store: &Store, secrets: &Secrets, profile_ids: &[i64]) -> Result<ResetReport, CoreError> {
    let mut report = ResetReport::default();
    for id in profile_ids {
        for account in store.accounts(*id)? {
            let key = account.secret_key();
            match secrets.delete(&key, account.secret_storage) {
                Ok(()) => report.secrets += 1,
                Err(e) => report.secret_failures.push((
                    account.server_url.clone(),
                    account.user_id.clone(),
                    e.code().to_owned(),
                )),
            }
            report.accounts += 1;
        }
    }
    report.rows = store.write(|tx| {
        let mut rows = 0;
        for id in profile_ids {
            for table in ["tour_hidden", "tour_state", "tour_progress", "accounts"] {
                rows += tx.execute(&format!("DELETE FROM {table} WHERE profile_id = ?1"), [id])?;
            }
            rows += tx.execute("DELETE FROM profiles WHERE id = ?1", [id])?;
        }
        Ok(rows)
    })?;
    // Deleted rows stay readable in free pages and the WAL until rewritten.
    store.read(|conn| {
        conn.execute_batch(
            "PRAGMA wal_checkpoint(TRUNCATE); VACUUM; PRAGMA wal_checkpoint(TRUNCATE);",
        )?;
        Ok(())
    })?;
    Ok(report)
}

//! The workshop tables of the local store (migration 0005): creation runs, the practice
//! accounts each run created (so clean-up touches exactly those), the groups a run created,
//! named workshop plans, and merged participant progress. Never a password.

use rusqlite::{OptionalExtension, params};
use serde::Serialize;
use ts_rs::TS;

use super::plan::PlannedAccount;
use crate::store::now;
use crate::workshop::error::WorkshopError;
use crate::{CoreError, Store};

/// Where a recorded practice account stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum AccountState {
    /// Created and in use.
    Created,
    /// Disabled by clean-up.
    Disabled,
    /// Deleted (by clean-up or a rollback).
    Deleted,
}

impl AccountState {
    fn as_str(self) -> &'static str {
        match self {
            Self::Created => "created",
            Self::Disabled => "disabled",
            Self::Deleted => "deleted",
        }
    }

    fn parse(s: &str) -> Self {
        match s {
            "disabled" => Self::Disabled,
            "deleted" => Self::Deleted,
            _ => Self::Created,
        }
    }
}

/// A practice account as recorded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PracticeAccount {
    /// The run that created it.
    #[ts(type = "number")]
    pub run_id: i64,
    /// Server address.
    pub server_url: String,
    /// Login.
    pub user_id: String,
    /// Display name.
    pub display_name: String,
    /// E-mail, when given.
    pub email: Option<String>,
    /// Groups it was put in.
    pub groups: Vec<String>,
    /// Created, disabled or deleted.
    pub state: AccountState,
    /// When it was created (RFC 3339, UTC).
    pub created_at: String,
}

/// Starts a creation run.
pub(crate) fn begin_run(store: &Store, server_url: &str, label: &str) -> Result<i64, CoreError> {
    store.write(|tx| {
        tx.execute(
            "INSERT INTO workshop_runs (server_url, label, created_at) VALUES (?1, ?2, ?3)",
            params![server_url, label, now()],
        )?;
        Ok(tx.last_insert_rowid())
    })
}

/// Records a group a run created.
pub(crate) fn record_group(store: &Store, run_id: i64, group: &str) -> Result<(), CoreError> {
    store.write(|tx| {
        tx.execute(
            "INSERT OR IGNORE INTO workshop_groups (run_id, group_id) VALUES (?1, ?2)",
            params![run_id, group],
        )?;
        Ok(())
    })
}

/// Forgets a group a rollback deleted.
pub(crate) fn forget_group(store: &Store, run_id: i64, group: &str) -> Result<(), CoreError> {
    store.write(|tx| {
        tx.execute(
            "DELETE FROM workshop_groups WHERE run_id = ?1 AND group_id = ?2",
            params![run_id, group],
        )?;
        Ok(())
    })
}

/// Records an account the server just created.
pub(crate) fn record_account(
    store: &Store,
    run_id: i64,
    server_url: &str,
    account: &PlannedAccount,
) -> Result<(), CoreError> {
    let groups = serde_json::to_string(&account.groups).unwrap_or_else(|_| "[]".into());
    store.write(|tx| {
        let at = now();
        // The server had no such account when the run was planned: an older live record of
        // the same login (deleted on the server by hand since) is over.
        tx.execute(
            "UPDATE workshop_accounts SET state = 'deleted', updated_at = ?1
             WHERE server_url = ?2 AND user_id = ?3 COLLATE NOCASE AND state <> 'deleted'",
            params![at, server_url, account.user_id],
        )?;
        tx.execute(
            "INSERT INTO workshop_accounts
                 (run_id, server_url, user_id, display_name, email, groups, state, created_at,
                  updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, 'created', ?7, ?7)",
            params![
                run_id,
                server_url,
                account.user_id,
                account.display_name,
                account.email,
                groups,
                at
            ],
        )?;
        Ok(())
    })
}

/// Sets the state of the live (not deleted) record of an account.
pub(crate) fn set_state(
    store: &Store,
    server_url: &str,
    user_id: &str,
    state: AccountState,
) -> Result<(), CoreError> {
    store.write(|tx| {
        tx.execute(
            "UPDATE workshop_accounts SET state = ?1, updated_at = ?2
             WHERE server_url = ?3 AND user_id = ?4 COLLATE NOCASE AND state <> 'deleted'",
            params![state.as_str(), now(), server_url, user_id],
        )?;
        Ok(())
    })
}

/// Recorded practice accounts, of one server or all, oldest first (deleted ones included).
pub fn practice_accounts(
    store: &Store,
    server_url: Option<&str>,
) -> Result<Vec<PracticeAccount>, CoreError> {
    store.read(|conn| {
        let mut stmt = conn.prepare(
            "SELECT run_id, server_url, user_id, display_name, email, groups, state, created_at
             FROM workshop_accounts WHERE (?1 IS NULL OR server_url = ?1) ORDER BY id",
        )?;
        let rows = stmt.query_map([server_url], |r| {
            let groups: String = r.get(5)?;
            let state: String = r.get(6)?;
            Ok(PracticeAccount {
                run_id: r.get(0)?,
                server_url: r.get(1)?,
                user_id: r.get(2)?,
                display_name: r.get(3)?,
                email: r.get(4)?,
                groups: serde_json::from_str(&groups).unwrap_or_default(),
                state: AccountState::parse(&state),
                created_at: r.get(7)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    })
}

/// Groups recorded as created by a run.
pub fn run_groups(store: &Store, run_id: i64) -> Result<Vec<String>, CoreError> {
    store.read(|conn| {
        let mut stmt = conn
            .prepare("SELECT group_id FROM workshop_groups WHERE run_id = ?1 ORDER BY group_id")?;
        let rows = stmt.query_map([run_id], |r| r.get(0))?;
        Ok(rows.collect::<Result<_, _>>()?)
    })
}

/// A named workshop plan: tours in order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct WorkshopPlan {
    /// Name shown to the trainer.
    pub name: String,
    /// Tour ids, in order.
    pub tours: Vec<String>,
}

impl WorkshopPlan {
    /// A plan named as the trainer typed it (trimmed).
    pub fn named(name: &str, tours: Vec<String>) -> Self {
        WorkshopPlan {
            name: name.trim().to_owned(),
            tours,
        }
    }
}

/// Saves (creates or replaces) a plan.
pub fn save_plan(store: &Store, plan: &WorkshopPlan) -> Result<(), CoreError> {
    let name = plan.name.trim();
    if name.is_empty() {
        return Err(CoreError::InvalidValue {
            field: "workshop-plan-name",
            value: plan.name.clone(),
        });
    }
    let tours = serde_json::to_string(&plan.tours).unwrap_or_else(|_| "[]".into());
    store.write(|tx| {
        let at = now();
        tx.execute(
            "INSERT INTO workshop_plans (name, tours, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?3)
             ON CONFLICT (name) DO UPDATE SET tours = ?2, updated_at = ?3",
            params![name, tours, at],
        )?;
        Ok(())
    })
}

/// One plan by name (case ignored).
pub fn plan(store: &Store, name: &str) -> Result<WorkshopPlan, CoreError> {
    store
        .read(|conn| {
            Ok(conn
                .query_row(
                    "SELECT name, tours FROM workshop_plans WHERE name = ?1",
                    [name.trim()],
                    |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)),
                )
                .optional()?)
        })?
        .map(|(name, tours)| WorkshopPlan {
            name,
            tours: serde_json::from_str(&tours).unwrap_or_default(),
        })
        .ok_or_else(|| CoreError::Workshop(WorkshopError::PlanNotFound(name.to_owned())))
}

/// Every plan, by name.
pub fn plans(store: &Store) -> Result<Vec<WorkshopPlan>, CoreError> {
    store.read(|conn| {
        let mut stmt = conn.prepare("SELECT name, tours FROM workshop_plans ORDER BY name")?;
        let rows = stmt.query_map([], |r| {
            let tours: String = r.get(1)?;
            Ok(WorkshopPlan {
                name: r.get(0)?,
                tours: serde_json::from_str(&tours).unwrap_or_default(),
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    })
}

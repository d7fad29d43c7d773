//! Tour progress: per profile × account (NULL: without an account) × tour × step, whether the
//! step was seen, done (with the check's evidence) or skipped, with timestamps; each tour's
//! last step passed to "step seen"; and the tours a profile chose not to see again.
//!
//! Every write is one transaction. A stronger state is never downgraded (done > skipped >
//! seen), so showing a done step again keeps it done. Reading for an account merges its rows
//! with the rows recorded without an account, so what was read before connecting still counts.

use std::collections::{BTreeMap, BTreeSet};

use rusqlite::{OptionalExtension, Transaction, params};

use crate::CoreError;
use crate::store::{Store, now};
use crate::tours::types::StepState;

/// Which person, account and tour a record is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ProgressKey<'a> {
    /// Local profile.
    pub profile_id: i64,
    /// Account, or `None` when read without one.
    pub account_id: Option<i64>,
    /// Tour id.
    pub tour_id: &'a str,
}

/// One stored step record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StepRecord {
    /// The account it was recorded for.
    pub account_id: Option<i64>,
    /// Tour id.
    pub tour_id: String,
    /// Step id.
    pub step_id: String,
    /// Seen, skipped or done.
    pub status: StepState,
    /// What the check found.
    pub evidence: Option<String>,
    /// When first recorded (RFC 3339, UTC).
    pub first_seen_at: String,
    /// Last change.
    pub updated_at: String,
}

fn row_to_record(row: &rusqlite::Row<'_>) -> rusqlite::Result<StepRecord> {
    let status: String = row.get(3)?;
    Ok(StepRecord {
        account_id: row.get(0)?,
        tour_id: row.get(1)?,
        step_id: row.get(2)?,
        status: StepState::parse(&status).unwrap_or(StepState::Seen),
        evidence: row.get(4)?,
        first_seen_at: row.get(5)?,
        updated_at: row.get(6)?,
    })
}

const SELECT: &str = "SELECT account_id, tour_id, step_id, status, evidence, first_seen_at, \
                      updated_at FROM tour_progress";

/// `account_id = ?a OR account_id IS NULL` for an account, `account_id IS NULL` without.
const ACCOUNT_FILTER: &str = "(account_id IS NULL OR account_id = ?2)";

/// Refuses unknown profiles, and accounts of another profile.
fn check_owner(
    tx: &Transaction<'_>,
    profile_id: i64,
    account_id: Option<i64>,
) -> Result<(), CoreError> {
    let exists: Option<i64> = tx
        .query_row("SELECT id FROM profiles WHERE id = ?1", [profile_id], |r| {
            r.get(0)
        })
        .optional()?;
    if exists.is_none() {
        return Err(CoreError::ProfileNotFound(profile_id));
    }
    if let Some(account) = account_id {
        let owner: Option<i64> = tx
            .query_row(
                "SELECT profile_id FROM accounts WHERE id = ?1",
                [account],
                |r| r.get(0),
            )
            .optional()?;
        if owner != Some(profile_id) {
            return Err(CoreError::AccountNotFound(account));
        }
    }
    Ok(())
}

/// Merges records of an account with those made without one: per step, the strongest state.
fn merge(records: Vec<StepRecord>) -> Vec<StepRecord> {
    let mut by_step: BTreeMap<(String, String), StepRecord> = BTreeMap::new();
    for r in records {
        let key = (r.tour_id.clone(), r.step_id.clone());
        match by_step.get_mut(&key) {
            Some(existing) => {
                let first = existing.first_seen_at.clone().min(r.first_seen_at.clone());
                if (r.status, &r.updated_at) > (existing.status, &existing.updated_at) {
                    *existing = r;
                }
                existing.first_seen_at = first;
            }
            None => {
                by_step.insert(key, r);
            }
        }
    }
    by_step.into_values().collect()
}

impl Store {
    /// Records a step state (never downgrading one already stronger) and, when `current`,
    /// makes it the tour's current step. Returns the state now stored.
    pub fn record_step(
        &self,
        key: ProgressKey<'_>,
        step_id: &str,
        state: StepState,
        evidence: Option<&str>,
        current: bool,
    ) -> Result<StepState, CoreError> {
        let mut conn = self.conn();
        let tx = conn.transaction()?;
        check_owner(&tx, key.profile_id, key.account_id)?;
        let at = now();
        let existing: Option<(i64, String)> = tx
            .query_row(
                "SELECT id, status FROM tour_progress
                 WHERE profile_id = ?1 AND account_id IS ?2 AND tour_id = ?3 AND step_id = ?4",
                params![key.profile_id, key.account_id, key.tour_id, step_id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        let stored = match existing {
            Some((id, old)) => {
                let old = StepState::parse(&old).unwrap_or(StepState::Seen);
                let new = old.max(state);
                if state == StepState::Done || new != old {
                    tx.execute(
                        "UPDATE tour_progress SET status = ?1,
                             evidence = CASE WHEN ?1 = 'done' AND ?2 IS NOT NULL THEN ?2 ELSE evidence END,
                             updated_at = ?3
                         WHERE id = ?4",
                        params![new.as_str(), evidence, at, id],
                    )?;
                }
                new
            }
            None => {
                tx.execute(
                    "INSERT INTO tour_progress (profile_id, account_id, tour_id, step_id, status,
                                                evidence, first_seen_at, updated_at)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)",
                    params![
                        key.profile_id,
                        key.account_id,
                        key.tour_id,
                        step_id,
                        state.as_str(),
                        evidence.filter(|_| state == StepState::Done),
                        at
                    ],
                )?;
                state
            }
        };
        if current {
            let changed = tx.execute(
                "UPDATE tour_state SET current_step = ?1, updated_at = ?2
                 WHERE profile_id = ?3 AND account_id IS ?4 AND tour_id = ?5",
                params![step_id, at, key.profile_id, key.account_id, key.tour_id],
            )?;
            if changed == 0 {
                tx.execute(
                    "INSERT INTO tour_state (profile_id, account_id, tour_id, current_step, updated_at)
                     VALUES (?1, ?2, ?3, ?4, ?5)",
                    params![key.profile_id, key.account_id, key.tour_id, step_id, at],
                )?;
            }
        }
        tx.commit()?;
        Ok(stored)
    }

    /// The step records of a profile for an account (merged with those made without an
    /// account), for one tour or all.
    pub fn step_records(
        &self,
        profile_id: i64,
        account_id: Option<i64>,
        tour_id: Option<&str>,
    ) -> Result<Vec<StepRecord>, CoreError> {
        let conn = self.conn();
        let mut stmt = conn.prepare(&format!(
            "{SELECT} WHERE profile_id = ?1 AND {ACCOUNT_FILTER}
             AND (?3 IS NULL OR tour_id = ?3) ORDER BY tour_id, id"
        ))?;
        let rows = stmt.query_map(params![profile_id, account_id, tour_id], row_to_record)?;
        Ok(merge(rows.collect::<Result<_, _>>()?))
    }

    /// Every step record of a profile, all accounts, unmerged (trainers' report).
    pub fn all_step_records(&self, profile_id: i64) -> Result<Vec<StepRecord>, CoreError> {
        let conn = self.conn();
        let mut stmt = conn.prepare(&format!(
            "{SELECT} WHERE profile_id = ?1 ORDER BY tour_id, account_id, id"
        ))?;
        let rows = stmt.query_map([profile_id], row_to_record)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Each tour's current step (the last passed to "step seen"), for an account merged with
    /// no account: the most recent wins.
    pub fn current_steps(
        &self,
        profile_id: i64,
        account_id: Option<i64>,
    ) -> Result<BTreeMap<String, String>, CoreError> {
        let conn = self.conn();
        let mut stmt = conn.prepare(&format!(
            "SELECT tour_id, current_step FROM tour_state
             WHERE profile_id = ?1 AND {ACCOUNT_FILTER} ORDER BY updated_at, id"
        ))?;
        let rows = stmt.query_map(params![profile_id, account_id], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// When the person first saw a step (for this account or without one).
    pub fn step_started_at(
        &self,
        key: ProgressKey<'_>,
        step_id: &str,
    ) -> Result<Option<String>, CoreError> {
        Ok(self.conn().query_row(
            &format!(
                "SELECT min(first_seen_at) FROM tour_progress
                 WHERE profile_id = ?1 AND {ACCOUNT_FILTER} AND tour_id = ?3 AND step_id = ?4"
            ),
            params![key.profile_id, key.account_id, key.tour_id, step_id],
            |r| r.get(0),
        )?)
    }

    /// Keeps what existed when a step started (JSON of `tours::checks::Baseline`: a folder's
    /// entries or the owned calendars), once: the first snapshot stays.
    pub fn set_step_baseline(
        &self,
        key: ProgressKey<'_>,
        step_id: &str,
        baseline: &str,
    ) -> Result<(), CoreError> {
        self.conn().execute(
            "UPDATE tour_progress SET baseline = ?1
             WHERE profile_id = ?2 AND account_id IS ?3 AND tour_id = ?4 AND step_id = ?5
               AND baseline IS NULL",
            params![
                baseline,
                key.profile_id,
                key.account_id,
                key.tour_id,
                step_id
            ],
        )?;
        Ok(())
    }

    /// The snapshot kept when the step started, if any.
    pub fn step_baseline(
        &self,
        key: ProgressKey<'_>,
        step_id: &str,
    ) -> Result<Option<String>, CoreError> {
        Ok(self
            .conn()
            .query_row(
                "SELECT baseline FROM tour_progress
                 WHERE profile_id = ?1 AND account_id IS ?2 AND tour_id = ?3 AND step_id = ?4",
                params![key.profile_id, key.account_id, key.tour_id, step_id],
                |r| r.get::<_, Option<String>>(0),
            )
            .optional()?
            .flatten())
    }

    /// Forgets progress so tours start over. With an account: its records and those made
    /// without an account (what it shows); without: every record of the profile. `tour_id`
    /// `None` resets every tour.
    pub fn reset_tours(
        &self,
        profile_id: i64,
        account_id: Option<i64>,
        tour_id: Option<&str>,
    ) -> Result<(), CoreError> {
        let mut conn = self.conn();
        let tx = conn.transaction()?;
        check_owner(&tx, profile_id, account_id)?;
        for table in ["tour_progress", "tour_state"] {
            tx.execute(
                &format!(
                    "DELETE FROM {table} WHERE profile_id = ?1
                     AND (?2 IS NULL OR account_id IS NULL OR account_id = ?2)
                     AND (?3 IS NULL OR tour_id = ?3)"
                ),
                params![profile_id, account_id, tour_id],
            )?;
        }
        tx.commit()?;
        Ok(())
    }

    /// "Don't propose this again" (or propose it again).
    pub fn set_tour_hidden(
        &self,
        profile_id: i64,
        tour_id: &str,
        hidden: bool,
    ) -> Result<(), CoreError> {
        let mut conn = self.conn();
        let tx = conn.transaction()?;
        check_owner(&tx, profile_id, None)?;
        if hidden {
            tx.execute(
                "INSERT INTO tour_hidden (profile_id, tour_id, hidden_at) VALUES (?1, ?2, ?3)
                 ON CONFLICT (profile_id, tour_id) DO NOTHING",
                params![profile_id, tour_id, now()],
            )?;
        } else {
            tx.execute(
                "DELETE FROM tour_hidden WHERE profile_id = ?1 AND tour_id = ?2",
                params![profile_id, tour_id],
            )?;
        }
        tx.commit()?;
        Ok(())
    }

    /// The tours a profile chose not to see again.
    pub fn hidden_tours(&self, profile_id: i64) -> Result<BTreeSet<String>, CoreError> {
        let conn = self.conn();
        let mut stmt = conn.prepare("SELECT tour_id FROM tour_hidden WHERE profile_id = ?1")?;
        let rows = stmt.query_map([profile_id], |r| r.get::<_, String>(0))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn store() -> (tempfile::TempDir, Store, i64) {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open_file(&dir.path().join("db.sqlite3")).unwrap();
        let p = store.create_profile("Camille").unwrap().id;
        (dir, store, p)
    }

    #[test]
    fn states_never_downgrade_and_evidence_is_kept() {
        let (_d, store, p) = store();
        let key = ProgressKey {
            profile_id: p,
            account_id: None,
            tour_id: "files",
        };
        store
            .record_step(key, "a", StepState::Seen, None, true)
            .unwrap();
        store
            .record_step(key, "a", StepState::Done, Some("/Bureau"), false)
            .unwrap();
        assert_eq!(
            store
                .record_step(key, "a", StepState::Seen, None, true)
                .unwrap(),
            StepState::Done
        );
        assert_eq!(
            store
                .record_step(key, "a", StepState::Skipped, None, false)
                .unwrap(),
            StepState::Done
        );
        let recs = store.step_records(p, None, Some("files")).unwrap();
        assert_eq!(recs.len(), 1);
        assert_eq!(recs[0].evidence.as_deref(), Some("/Bureau"));
        assert_eq!(store.current_steps(p, None).unwrap()["files"], "a");
    }

    #[test]
    fn unknown_profiles_and_foreign_accounts_are_refused() {
        let (_d, store, p) = store();
        let key = ProgressKey {
            profile_id: p + 1,
            account_id: None,
            tour_id: "t",
        };
        assert_eq!(
            store
                .record_step(key, "a", StepState::Seen, None, false)
                .unwrap_err()
                .code(),
            "profile-not-found"
        );
        let key = ProgressKey {
            profile_id: p,
            account_id: Some(9),
            tour_id: "t",
        };
        assert_eq!(
            store
                .record_step(key, "a", StepState::Seen, None, false)
                .unwrap_err()
                .code(),
            "account-not-found"
        );
    }

    #[test]
    fn hidden_tours_round_trip() {
        let (_d, store, p) = store();
        store.set_tour_hidden(p, "files", true).unwrap();
        store.set_tour_hidden(p, "files", true).unwrap();
        assert!(store.hidden_tours(p).unwrap().contains("files"));
        store.set_tour_hidden(p, "files", false).unwrap();
        assert!(store.hidden_tours(p).unwrap().is_empty());
    }
}

//! Local profiles: several people can share one workshop laptop, each with their own accounts
//! and progress. Deleting a profile deletes its accounts and progress (foreign keys cascade).

use rusqlite::{ErrorCode, OptionalExtension, params};

use super::{Store, now};
use crate::CoreError;
use crate::model::Profile;

/// Longest profile name accepted, in characters.
pub const MAX_PROFILE_NAME: usize = 80;

fn row_to_profile(row: &rusqlite::Row<'_>) -> rusqlite::Result<Profile> {
    Ok(Profile {
        id: row.get(0)?,
        name: row.get(1)?,
        created_at: row.get(2)?,
        last_used_at: row.get(3)?,
    })
}

const SELECT: &str = "SELECT id, name, created_at, last_used_at FROM profiles";

impl Store {
    /// All profiles, most recently used first, then newest first.
    pub fn profiles(&self) -> Result<Vec<Profile>, CoreError> {
        let conn = self.conn();
        let mut stmt = conn.prepare(&format!(
            "{SELECT} ORDER BY last_used_at IS NULL, last_used_at DESC, created_at DESC, id DESC"
        ))?;
        let rows = stmt.query_map([], row_to_profile)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// One profile.
    pub fn profile(&self, id: i64) -> Result<Profile, CoreError> {
        self.conn()
            .query_row(&format!("{SELECT} WHERE id = ?1"), [id], row_to_profile)
            .optional()?
            .ok_or(CoreError::ProfileNotFound(id))
    }

    /// Creates a profile; the name is trimmed and must be unique (ignoring case).
    pub fn create_profile(&self, name: &str) -> Result<Profile, CoreError> {
        let name = name.trim();
        if name.is_empty() {
            return Err(CoreError::ProfileNameEmpty);
        }
        if name.chars().count() > MAX_PROFILE_NAME {
            return Err(CoreError::InvalidValue {
                field: "profile name",
                value: name.to_owned(),
            });
        }
        let created = now();
        let result = self.conn().execute(
            "INSERT INTO profiles (name, created_at) VALUES (?1, ?2)",
            params![name, created],
        );
        match result {
            Ok(_) => {}
            Err(rusqlite::Error::SqliteFailure(e, _))
                if e.code == ErrorCode::ConstraintViolation =>
            {
                return Err(CoreError::ProfileNameTaken(name.to_owned()));
            }
            Err(e) => return Err(e.into()),
        }
        let id = self.conn().last_insert_rowid();
        self.profile(id)
    }

    /// Marks a profile as the one in use now.
    pub fn select_profile(&self, id: i64) -> Result<Profile, CoreError> {
        let changed = self.conn().execute(
            "UPDATE profiles SET last_used_at = ?1 WHERE id = ?2",
            params![now(), id],
        )?;
        if changed == 0 {
            return Err(CoreError::ProfileNotFound(id));
        }
        self.profile(id)
    }

    /// Deletes a profile with its accounts and progress.
    pub fn delete_profile(&self, id: i64) -> Result<(), CoreError> {
        let changed = self
            .conn()
            .execute("DELETE FROM profiles WHERE id = ?1", [id])?;
        if changed == 0 {
            return Err(CoreError::ProfileNotFound(id));
        }
        Ok(())
    }
}

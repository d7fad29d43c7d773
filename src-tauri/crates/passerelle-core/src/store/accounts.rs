//! Nextcloud accounts of a profile (server, user id, names; never a secret) and the
//! certificates a person chose to trust for a server.

use rusqlite::{OptionalExtension, params};

use super::{Store, now};
use crate::CoreError;
use crate::model::Account;
use crate::secrets::SecretStorage;

/// What is needed to record an account.
#[derive(Debug, Clone)]
pub struct NewAccount<'a> {
    /// The profile it belongs to.
    pub profile_id: i64,
    /// Normalised base URL.
    pub server_url: &'a str,
    /// The user id (as in DAV paths).
    pub user_id: &'a str,
    /// The login name used with the app password.
    pub login_name: &'a str,
    /// Display name, if known.
    pub display_name: Option<&'a str>,
    /// Where the app password is kept.
    pub secret_storage: SecretStorage,
}

const SELECT: &str = "SELECT id, profile_id, server_url, user_id, login_name, display_name, \
                      secret_storage, created_at, last_used_at FROM accounts";

fn row_to_account(row: &rusqlite::Row<'_>) -> rusqlite::Result<Account> {
    let storage: String = row.get(6)?;
    Ok(Account {
        id: row.get(0)?,
        profile_id: row.get(1)?,
        server_url: row.get(2)?,
        user_id: row.get(3)?,
        login_name: row.get::<_, Option<String>>(4)?.unwrap_or_default(),
        display_name: row.get(5)?,
        secret_storage: if storage == "session" {
            SecretStorage::Session
        } else {
            SecretStorage::Keyring
        },
        created_at: row.get(7)?,
        last_used_at: row.get(8)?,
    })
}

fn storage_name(storage: SecretStorage) -> &'static str {
    match storage {
        SecretStorage::Keyring => "keyring",
        SecretStorage::Session => "session",
    }
}

impl Store {
    /// Records an account, or updates it when this profile already has this user on this
    /// server (reconnecting). Adding never changes which account is in use: only the first
    /// account of a profile becomes the most recently used; later ones wait for
    /// [`Store::select_account`] (the person is asked), and reconnecting keeps the old rank.
    pub fn upsert_account(&self, new: &NewAccount<'_>) -> Result<Account, CoreError> {
        let profile = self.profile(new.profile_id)?;
        let at = now();
        let id: i64 = self.conn().query_row(
            "INSERT INTO accounts (profile_id, server_url, user_id, login_name, display_name,
                                   secret_storage, created_at, last_used_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7,
                     CASE WHEN EXISTS (SELECT 1 FROM accounts WHERE profile_id = ?1)
                          THEN NULL ELSE ?7 END)
             ON CONFLICT (profile_id, server_url, user_id) DO UPDATE SET
                 login_name = excluded.login_name,
                 display_name = excluded.display_name,
                 secret_storage = excluded.secret_storage
             RETURNING id",
            params![
                profile.id,
                new.server_url,
                new.user_id,
                new.login_name,
                new.display_name,
                storage_name(new.secret_storage),
                at
            ],
            |r| r.get(0),
        )?;
        self.account(id)
    }

    /// The accounts of a profile, most recently used first.
    pub fn accounts(&self, profile_id: i64) -> Result<Vec<Account>, CoreError> {
        let conn = self.conn();
        let mut stmt = conn.prepare(&format!(
            "{SELECT} WHERE profile_id = ?1
             ORDER BY last_used_at IS NULL, last_used_at DESC, id DESC"
        ))?;
        let rows = stmt.query_map([profile_id], row_to_account)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// One account.
    pub fn account(&self, id: i64) -> Result<Account, CoreError> {
        self.conn()
            .query_row(&format!("{SELECT} WHERE id = ?1"), [id], row_to_account)
            .optional()?
            .ok_or(CoreError::AccountNotFound(id))
    }

    /// Marks an account as the one in use now.
    pub fn select_account(&self, id: i64) -> Result<Account, CoreError> {
        let changed = self.conn().execute(
            "UPDATE accounts SET last_used_at = ?1 WHERE id = ?2",
            params![now(), id],
        )?;
        if changed == 0 {
            return Err(CoreError::AccountNotFound(id));
        }
        self.account(id)
    }

    /// Forgets an account (its progress goes with it).
    pub fn delete_account(&self, id: i64) -> Result<(), CoreError> {
        let changed = self
            .conn()
            .execute("DELETE FROM accounts WHERE id = ?1", [id])?;
        if changed == 0 {
            return Err(CoreError::AccountNotFound(id));
        }
        Ok(())
    }

    /// The certificate fingerprint trusted for this server, if any (hex).
    pub fn trusted_certificate(&self, server_url: &str) -> Result<Option<String>, CoreError> {
        Ok(self
            .conn()
            .query_row(
                "SELECT fingerprint FROM trusted_certificates WHERE server_url = ?1",
                [server_url],
                |r| r.get(0),
            )
            .optional()?)
    }

    /// Trusts exactly this certificate for this server (replacing an earlier choice).
    pub fn trust_certificate(&self, server_url: &str, fingerprint: &str) -> Result<(), CoreError> {
        self.conn().execute(
            "INSERT INTO trusted_certificates (server_url, fingerprint, created_at)
             VALUES (?1, ?2, ?3)
             ON CONFLICT (server_url) DO UPDATE SET fingerprint = excluded.fingerprint,
                                                  created_at = excluded.created_at",
            params![server_url, fingerprint, now()],
        )?;
        Ok(())
    }
}

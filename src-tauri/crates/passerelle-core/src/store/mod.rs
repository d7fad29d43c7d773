//! The local SQLite store: one file in the data folder, WAL mode, foreign keys on, schema
//! migrations embedded and run in transactions. A damaged database, or one written by a newer
//! Passerelle, is moved aside (never deleted) and a fresh one created, with a notice for the UI.
//! It holds no secret: passwords and tokens live in the OS keyring.

mod accounts;
mod migrations;
mod profiles;
mod settings;

use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};

use rusqlite::{Connection, OpenFlags};

use crate::model::StoreNotice;
use crate::{CoreError, DataPaths};

pub use accounts::NewAccount;
pub use migrations::LATEST_SCHEMA_VERSION;

/// The open local database. Cheap operations only; callers may share it between threads.
#[derive(Debug)]
pub struct Store {
    conn: Mutex<Connection>,
    path: PathBuf,
    notice: Option<StoreNotice>,
}

/// Why an existing database file could not be used.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Unusable {
    Damaged,
    Newer,
}

impl Unusable {
    fn code(self) -> &'static str {
        match self {
            Unusable::Damaged => "store-damaged",
            Unusable::Newer => "store-newer",
        }
    }
}

impl Store {
    /// Opens (or creates) the database of these paths, migrating it to the latest schema.
    pub fn open(paths: &DataPaths) -> Result<Self, CoreError> {
        paths.ensure()?;
        Self::open_file(&paths.database())
    }

    /// Opens (or creates) the database at `path`.
    pub fn open_file(path: &Path) -> Result<Self, CoreError> {
        let mut notice = None;
        if path.exists()
            && let Some(why) = inspect(path)
        {
            notice = Some(move_aside(path, why)?);
        }
        let conn = match open_and_migrate(path) {
            Ok(conn) => conn,
            // A file that looked sane but cannot take our schema is set aside too.
            Err(_) if notice.is_none() && path.exists() => {
                notice = Some(move_aside(path, Unusable::Damaged)?);
                open_and_migrate(path)?
            }
            Err(err) => return Err(err),
        };
        Ok(Self {
            conn: Mutex::new(conn),
            path: path.to_owned(),
            notice,
        })
    }

    /// The database file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Set when the previous database had to be moved aside at this start.
    pub fn notice(&self) -> Option<&StoreNotice> {
        self.notice.as_ref()
    }

    /// The schema version of the open database.
    pub fn schema_version(&self) -> Result<u32, CoreError> {
        Ok(self
            .conn()
            .pragma_query_value(None, "user_version", |r| r.get(0))?)
    }

    /// Runs `f` in one transaction, committed when it returns `Ok` (for modules that keep their
    /// tables outside `store/`, such as the hand-over journal).
    pub(crate) fn write<T>(
        &self,
        f: impl FnOnce(&rusqlite::Transaction<'_>) -> Result<T, CoreError>,
    ) -> Result<T, CoreError> {
        let mut conn = self.conn();
        let tx = conn.transaction()?;
        let out = f(&tx)?;
        tx.commit()?;
        Ok(out)
    }

    /// Runs `f` with the connection, for reads.
    pub(crate) fn read<T>(
        &self,
        f: impl FnOnce(&Connection) -> Result<T, CoreError>,
    ) -> Result<T, CoreError> {
        f(&self.conn())
    }

    pub(crate) fn conn(&self) -> MutexGuard<'_, Connection> {
        // A panic while holding the lock leaves SQLite consistent (transactions roll back).
        self.conn
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

/// Checks an existing file without changing it; `None` when it is usable.
fn inspect(path: &Path) -> Option<Unusable> {
    let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY).ok()?;
    let version: rusqlite::Result<u32> =
        conn.pragma_query_value(None, "user_version", |r| r.get(0));
    let Ok(version) = version else {
        return Some(Unusable::Damaged);
    };
    let check: rusqlite::Result<String> = conn.query_row("PRAGMA quick_check", [], |r| r.get(0));
    match check {
        Ok(ok) if ok == "ok" => {}
        _ => return Some(Unusable::Damaged),
    }
    (version > LATEST_SCHEMA_VERSION).then_some(Unusable::Newer)
}

fn open_and_migrate(path: &Path) -> Result<Connection, CoreError> {
    let mut conn = Connection::open(path)?;
    conn.busy_timeout(std::time::Duration::from_secs(5))?;
    let _mode: String = conn.pragma_update_and_check(None, "journal_mode", "WAL", |r| r.get(0))?;
    conn.pragma_update(None, "synchronous", "NORMAL")?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    migrations::run(&mut conn)?;
    Ok(conn)
}

/// Renames the database and its WAL/SHM companions to `<name>.<code>-<timestamp>`.
fn move_aside(path: &Path, why: Unusable) -> Result<StoreNotice, CoreError> {
    let stamp = time::OffsetDateTime::now_utc()
        .format(time::macros::format_description!(
            "[year][month][day]-[hour][minute][second]"
        ))
        .unwrap_or_default();
    let file_name = path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("passerelle.sqlite3");
    let mut target = path.with_file_name(format!("{file_name}.{}-{stamp}", why.code()));
    let mut n = 1;
    while target.exists() {
        n += 1;
        target = path.with_file_name(format!("{file_name}.{}-{stamp}-{n}", why.code()));
    }
    let io = |source| CoreError::DataDir {
        path: path.to_owned(),
        source,
    };
    std::fs::rename(path, &target).map_err(io)?;
    for suffix in ["-wal", "-shm"] {
        let companion = PathBuf::from(format!("{}{suffix}", path.display()));
        if companion.exists() {
            let moved = PathBuf::from(format!("{}{suffix}", target.display()));
            std::fs::rename(&companion, moved).map_err(io)?;
        }
    }
    Ok(StoreNotice {
        code: why.code().to_owned(),
        moved_to: target.display().to_string(),
    })
}

/// Now, as stored: RFC 3339 UTC with microseconds, so text order is time order.
pub(crate) fn now() -> String {
    time::OffsetDateTime::now_utc()
        .format(time::macros::format_description!(
            "[year]-[month]-[day]T[hour]:[minute]:[second].[subsecond digits:6]Z"
        ))
        .expect("formatting a UTC time cannot fail")
}

//! Where Passerelle keeps its files. One data folder per system user (the platform's app-data
//! folder), overridable with `PASSERELLE_DATA_DIR` for tests, portable installs and workshops.
//! Every folder under it is named here once (the shell and the CLI ask, never rebuild), with
//! the two helpers both use for paths a person types and files they ask for.

use std::path::{Path, PathBuf};

use crate::CoreError;

/// Environment variable that overrides the data folder.
pub const DATA_DIR_ENV: &str = "PASSERELLE_DATA_DIR";

/// The files Passerelle writes, all under one folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DataPaths {
    data_dir: PathBuf,
}

impl DataPaths {
    /// The folder from `PASSERELLE_DATA_DIR`, else the platform's app-data folder
    /// (`~/.local/share/passerelle` on Linux, `%APPDATA%\Passerelle\data` on Windows,
    /// `~/Library/Application Support/org.passerelle.app` on macOS).
    pub fn from_env() -> Result<Self, CoreError> {
        if let Some(dir) = std::env::var_os(DATA_DIR_ENV).filter(|d| !d.is_empty()) {
            return Ok(Self::at(dir));
        }
        let dirs = directories::ProjectDirs::from("org", "passerelle", "passerelle")
            .ok_or(CoreError::NoDataDir)?;
        Ok(Self::at(dirs.data_dir()))
    }

    /// Everything under `dir`.
    pub fn at(dir: impl Into<PathBuf>) -> Self {
        Self {
            data_dir: dir.into(),
        }
    }

    /// The data folder.
    pub fn data_dir(&self) -> &Path {
        &self.data_dir
    }

    /// The SQLite database.
    pub fn database(&self) -> PathBuf {
        self.data_dir.join("passerelle.sqlite3")
    }

    /// Workshop packs this laptop keeps, one folder per pack id (`workshop-packs/<id>`).
    pub fn workshop_packs(&self) -> PathBuf {
        self.data_dir.join("workshop-packs")
    }

    /// Where workshop files go unless the trainer names another place (`workshop`).
    pub fn workshop(&self) -> PathBuf {
        self.data_dir.join("workshop")
    }

    /// The space windows' web sessions (cookies, storage), one folder per account
    /// (`web-sessions/<account id>`).
    pub fn web_sessions(&self) -> PathBuf {
        self.data_dir.join("web-sessions")
    }

    /// The web session folder of one account's space window.
    pub fn web_session(&self, account_id: i64) -> PathBuf {
        self.web_sessions().join(account_id.to_string())
    }

    /// Hand-over reports written on request (`reports`).
    pub fn reports(&self) -> PathBuf {
        self.data_dir.join("reports")
    }

    /// Other exported files, such as tour health (`exports`).
    pub fn exports(&self) -> PathBuf {
        self.data_dir.join("exports")
    }

    /// Creates the data folder if needed.
    pub fn ensure(&self) -> Result<(), CoreError> {
        std::fs::create_dir_all(&self.data_dir).map_err(|source| CoreError::DataDir {
            path: self.data_dir.clone(),
            source,
        })
    }
}

/// A path typed by a person (a field, an argument): trimmed, not empty.
pub fn typed_path(path: &str) -> Result<PathBuf, CoreError> {
    let path = path.trim();
    if path.is_empty() {
        return Err(CoreError::InvalidValue {
            field: "path",
            value: String::new(),
        });
    }
    Ok(PathBuf::from(path))
}

/// Writes `bytes` to `path`, creating its folder first.
pub fn write_file(path: &Path, bytes: &[u8]) -> Result<(), CoreError> {
    let io = |path: &Path, source| CoreError::DataDir {
        path: path.to_owned(),
        source,
    };
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent).map_err(|e| io(parent, e))?;
    }
    std::fs::write(path, bytes).map_err(|e| io(path, e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_folder_is_under_the_data_folder() {
        let paths = DataPaths::at("/data");
        assert_eq!(paths.workshop_packs(), Path::new("/data/workshop-packs"));
        assert_eq!(paths.web_session(7), Path::new("/data/web-sessions/7"));
        assert_eq!(paths.reports(), Path::new("/data/reports"));
        assert_eq!(paths.exports(), Path::new("/data/exports"));
        assert_eq!(paths.workshop(), Path::new("/data/workshop"));
        assert_eq!(typed_path("  ").unwrap_err().code(), "invalid-value");
        assert_eq!(typed_path(" a/b ").unwrap(), Path::new("a/b"));
    }

    #[test]
    fn write_file_makes_its_folder() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("a/b/c.txt");
        write_file(&file, b"x").unwrap();
        assert_eq!(std::fs::read(&file).unwrap(), b"x");
    }
}

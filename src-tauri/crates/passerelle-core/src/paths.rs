//! Where Passerelle keeps its files. One data folder per system user (the platform's app-data
//! folder), overridable with `PASSERELLE_DATA_DIR` for tests, portable installs and workshops.

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

    /// Creates the data folder if needed.
    pub fn ensure(&self) -> Result<(), CoreError> {
        std::fs::create_dir_all(&self.data_dir).map_err(|source| CoreError::DataDir {
            path: self.data_dir.clone(),
            source,
        })
    }
}

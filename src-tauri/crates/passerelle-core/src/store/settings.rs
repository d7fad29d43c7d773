//! App-wide settings (language, theme, text size, trainer mode), kept as key/value rows so new settings need
//! no migration. Unknown stored values fall back to the default rather than failing the start.

use rusqlite::{OptionalExtension, params};
use serde::Serialize;
use serde::de::DeserializeOwned;

use super::Store;
use crate::CoreError;
use crate::model::{Settings, SettingsPatch};

const LANGUAGE: &str = "language";
const THEME: &str = "theme";
const TEXT_SIZE: &str = "text_size";
const TRAINER_MODE: &str = "trainer_mode";

impl Store {
    /// The current settings.
    pub fn settings(&self) -> Result<Settings, CoreError> {
        Ok(Settings {
            language: self.get_setting(LANGUAGE)?.unwrap_or_default(),
            theme: self.get_setting(THEME)?.unwrap_or_default(),
            text_size: self.get_setting(TEXT_SIZE)?.unwrap_or_default(),
            trainer_mode: self.get_setting(TRAINER_MODE)?.unwrap_or_default(),
        })
    }

    /// Applies a change in one transaction and returns the new settings.
    pub fn update_settings(&self, patch: &SettingsPatch) -> Result<Settings, CoreError> {
        {
            let mut conn = self.conn();
            let tx = conn.transaction()?;
            let set = |key: &str, value: String| {
                tx.execute(
                    "INSERT INTO app_settings (key, value) VALUES (?1, ?2)
                     ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                    params![key, value],
                )
            };
            if let Some(language) = &patch.language {
                set(LANGUAGE, to_json(language))?;
            }
            if let Some(theme) = &patch.theme {
                set(THEME, to_json(theme))?;
            }
            if let Some(size) = &patch.text_size {
                set(TEXT_SIZE, to_json(size))?;
            }
            if let Some(on) = &patch.trainer_mode {
                set(TRAINER_MODE, to_json(on))?;
            }
            tx.commit()?;
        }
        self.settings()
    }

    fn get_setting<T: DeserializeOwned>(&self, key: &str) -> Result<Option<T>, CoreError> {
        let raw: Option<String> = self
            .conn()
            .query_row(
                "SELECT value FROM app_settings WHERE key = ?1",
                [key],
                |r| r.get(0),
            )
            .optional()?;
        Ok(raw.and_then(|v| serde_json::from_str(&v).ok()))
    }
}

fn to_json<T: Serialize>(value: &T) -> String {
    serde_json::to_string(value).expect("settings values serialise")
}

//! A health report of this installation, for `passerelle-cli doctor` and the About screen:
//! where data lives, the schema version, the languages and tours found. Reads only.

use serde::Serialize;

use crate::model::{AboutInfo, Language, StoreNotice};
use crate::{CoreError, DataPaths, Store, VERSION, i18n};

/// What `passerelle-cli doctor` prints.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DoctorReport {
    /// Version, folders, schema and languages.
    #[serde(flatten)]
    pub about: AboutInfo,
    /// The schema version this build writes.
    pub latest_schema_version: u32,
    /// Number of local profiles.
    pub profiles: usize,
    /// Ids of the tours bundled in this build (broken ones are not counted).
    pub tours: Vec<String>,
    /// Set when the database was moved aside while opening it.
    pub store_notice: Option<StoreNotice>,
}

/// Version, folders, schema version and languages.
pub fn about(paths: &DataPaths, store: &Store) -> Result<AboutInfo, CoreError> {
    Ok(AboutInfo {
        version: VERSION.to_owned(),
        data_dir: paths.data_dir().display().to_string(),
        database_path: store.path().display().to_string(),
        schema_version: store.schema_version()?,
        locales: i18n::available_languages(),
    })
}

/// The full report.
pub fn report(paths: &DataPaths, store: &Store) -> Result<DoctorReport, CoreError> {
    Ok(DoctorReport {
        about: about(paths, store)?,
        latest_schema_version: crate::store::LATEST_SCHEMA_VERSION,
        profiles: store.profiles()?.len(),
        tours: crate::tours::catalog::bundled()
            .tours
            .iter()
            .map(|t| t.tour.id.clone())
            .collect(),
        store_notice: store.notice().cloned(),
    })
}

/// Languages as tags, for display.
pub fn language_tags(langs: &[Language]) -> Vec<&'static str> {
    langs.iter().map(|l| l.tag()).collect()
}

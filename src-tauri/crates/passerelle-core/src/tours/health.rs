//! Tour health: the highlight targets that were not found in a person's space (tour, step,
//! Nextcloud version, selectors tried, when), kept in the local store for trainers, who read
//! and export them (CSV, JSON) to fix selectors after a Nextcloud update. Nothing of the page
//! itself is recorded.

use rusqlite::params;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::highlight::OverlayReport;
use crate::store::now;
use crate::{CoreError, Store};

/// One miss.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct TourHealthMiss {
    /// Local id.
    #[ts(type = "number")]
    pub id: i64,
    /// Tour id.
    pub tour_id: String,
    /// Step id.
    pub step_id: String,
    /// The server's version ("29.0.6", or the major only), when known.
    pub nextcloud_version: Option<String>,
    /// The selectors tried, in order.
    pub candidates: Vec<String>,
    /// When (RFC 3339, UTC).
    pub seen_at: String,
}

/// Export formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum HealthFormat {
    /// Comma-separated, one row per miss, selectors joined by ` | `.
    Csv,
    /// A JSON array of misses.
    Json,
}

impl HealthFormat {
    /// File extension.
    pub fn extension(self) -> &'static str {
        match self {
            Self::Csv => "csv",
            Self::Json => "json",
        }
    }
}

/// Records a miss.
pub fn record_miss(
    store: &Store,
    tour_id: &str,
    step_id: &str,
    nextcloud_version: Option<&str>,
    candidates: &[String],
) -> Result<TourHealthMiss, CoreError> {
    let seen_at = now();
    let json = serde_json::to_string(candidates).expect("a list of strings serialises");
    let id = store.write(|tx| {
        tx.execute(
            "INSERT INTO tour_health (tour_id, step_id, nextcloud_version, candidates, seen_at)
             VALUES (?1, ?2, ?3, ?4, ?5)",
            params![tour_id, step_id, nextcloud_version, json, seen_at],
        )?;
        Ok(tx.last_insert_rowid())
    })?;
    Ok(TourHealthMiss {
        id,
        tour_id: tour_id.to_owned(),
        step_id: step_id.to_owned(),
        nextcloud_version: nextcloud_version.map(str::to_owned),
        candidates: candidates.to_vec(),
        seen_at,
    })
}

/// At most this many selectors, of at most this many characters, are kept per reported miss.
pub const MAX_TRIED: usize = 20;
/// See [`MAX_TRIED`].
pub const MAX_SELECTOR_CHARS: usize = 500;

/// Records the miss an overlay reported, keeping what a tour can hold (the page could send
/// anything); any other report records nothing.
pub fn record_report(
    store: &Store,
    report: &OverlayReport,
    nextcloud_version: Option<&str>,
) -> Result<(), CoreError> {
    if let OverlayReport::Missed {
        tour_id,
        step_id,
        tried,
    } = report
    {
        let tried: Vec<String> = tried
            .iter()
            .take(MAX_TRIED)
            .map(|t| t.chars().take(MAX_SELECTOR_CHARS).collect())
            .collect();
        record_miss(store, tour_id, step_id, nextcloud_version, &tried)?;
    }
    Ok(())
}

/// Every miss, newest first.
pub fn list(store: &Store) -> Result<Vec<TourHealthMiss>, CoreError> {
    store.read(|conn| {
        let mut stmt = conn.prepare(
            "SELECT id, tour_id, step_id, nextcloud_version, candidates, seen_at
             FROM tour_health ORDER BY seen_at DESC, id DESC",
        )?;
        let rows = stmt.query_map([], |r| {
            let candidates: String = r.get(4)?;
            Ok(TourHealthMiss {
                id: r.get(0)?,
                tour_id: r.get(1)?,
                step_id: r.get(2)?,
                nextcloud_version: r.get(3)?,
                candidates: serde_json::from_str(&candidates).unwrap_or_default(),
                seen_at: r.get(5)?,
            })
        })?;
        Ok(rows.collect::<Result<Vec<_>, _>>()?)
    })
}

/// Writes every recorded miss to `<dir>/tour-health-<time>.<csv|json>` (creating `dir`);
/// returns the file's path.
pub fn export_to(
    store: &Store,
    dir: &std::path::Path,
    format: HealthFormat,
) -> Result<std::path::PathBuf, crate::IpcError> {
    let misses = list(store)?;
    let stamp = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or_default();
    let path = dir.join(format!("tour-health-{stamp}.{}", format.extension()));
    std::fs::create_dir_all(dir)
        .and_then(|()| std::fs::write(&path, export(&misses, format)))
        .map_err(|e| {
            crate::IpcError::new("tour-health-export", format!("{}: {e}", path.display()))
        })?;
    Ok(path)
}

/// Forgets every miss (after the selectors were fixed); returns how many there were.
pub fn clear(store: &Store) -> Result<usize, CoreError> {
    store.write(|tx| Ok(tx.execute("DELETE FROM tour_health", [])?))
}

/// The misses as a file's content.
pub fn export(misses: &[TourHealthMiss], format: HealthFormat) -> String {
    match format {
        HealthFormat::Json => {
            serde_json::to_string_pretty(misses).expect("misses serialise") + "\n"
        }
        HealthFormat::Csv => {
            let mut csv = crate::export::CsvWriter::new();
            csv.record([
                "seen_at",
                "tour",
                "step",
                "nextcloud_version",
                "candidates_tried",
            ]);
            for m in misses {
                csv.record([
                    m.seen_at.as_str(),
                    &m.tour_id,
                    &m.step_id,
                    m.nextcloud_version.as_deref().unwrap_or(""),
                    &m.candidates.join(" | "),
                ]);
            }
            csv.finish()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::csv_field;

    #[test]
    fn csv_quotes_selectors_and_defuses_formulas() {
        let m = TourHealthMiss {
            id: 1,
            tour_id: "sharing".into(),
            step_id: "share-icon".into(),
            nextcloud_version: Some("29.0.6".into()),
            candidates: vec![
                "[data-cy-files-list-row-name=\"a,b\"] button".into(),
                "tr a".into(),
            ],
            seen_at: "2026-11-21T09:00:00.000000Z".into(),
        };
        let csv = export(&[m], HealthFormat::Csv);
        assert_eq!(
            csv.lines().nth(1).unwrap(),
            "2026-11-21T09:00:00.000000Z,sharing,share-icon,29.0.6,\
             \"[data-cy-files-list-row-name=\"\"a,b\"\"] button | tr a\""
        );
        assert_eq!(csv_field("=cmd()"), "'=cmd()");
    }
}

#[cfg(test)]
mod store_tests {
    use super::*;
    use crate::DataPaths;

    #[test]
    fn misses_are_kept_newest_first_and_cleared() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&DataPaths::at(dir.path())).unwrap();
        assert!(list(&store).unwrap().is_empty());
        record_miss(&store, "files", "new-button", Some("29.0.6"), &["a".into()]).unwrap();
        let second = record_miss(&store, "sharing", "share-icon", None, &[]).unwrap();
        let all = list(&store).unwrap();
        assert_eq!(all.len(), 2);
        assert_eq!(all[0], second);
        assert_eq!(all[1].candidates, vec!["a".to_owned()]);
        assert_eq!(all[1].nextcloud_version.as_deref(), Some("29.0.6"));
        let json: Vec<TourHealthMiss> =
            serde_json::from_str(&export(&all, HealthFormat::Json)).unwrap();
        assert_eq!(json, all);
        assert_eq!(clear(&store).unwrap(), 2);
        assert!(list(&store).unwrap().is_empty());
    }
}

//! Participants' progress, offline: each laptop exports its profiles' tour progress (from the
//! store's `tour_progress` and `tour_state`) as a small JSON file; the trainer imports several
//! and they merge into participant × tour × step, shown as a table or exported as CSV.
//!
//! "Struggling" is derived from what the store records: a step that is where the participant
//! is in the tour (its current step), neither done nor skipped, first seen at least
//! [`STRUGGLING_AFTER_MINUTES`] before the export. Merging keeps, per participant × tour ×
//! step, the strongest state (done > skipped > struggling > seen), whatever laptop it came
//! from. Participants are matched by profile name, without case.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use rusqlite::params;
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;
use ts_rs::TS;

use crate::store::now;
use crate::tours::StepState;
use crate::workshop::error::WorkshopError;
use crate::{CoreError, Store};

/// The `format` field of a progress file.
pub const PROGRESS_FORMAT: &str = "passerelle-workshop-progress";
/// The version written (and the highest read).
pub const PROGRESS_VERSION: u32 = 1;
/// Largest progress file accepted.
pub const MAX_PROGRESS_BYTES: u64 = 2 * 1024 * 1024;
/// A step that is still the current one this long after it was first shown is "struggling".
pub const STRUGGLING_AFTER_MINUTES: i64 = 10;

/// Where a participant is with a step.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum ParticipantStep {
    /// Shown.
    Seen,
    /// Current step for a long time, not done.
    Struggling,
    /// Skipped.
    Skipped,
    /// Done (tasks: verified on the server).
    Done,
}

impl ParticipantStep {
    /// Stored and exported name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Seen => "seen",
            Self::Struggling => "struggling",
            Self::Skipped => "skipped",
            Self::Done => "done",
        }
    }

    fn parse(s: &str) -> Option<Self> {
        match s {
            "seen" => Some(Self::Seen),
            "struggling" => Some(Self::Struggling),
            "skipped" => Some(Self::Skipped),
            "done" => Some(Self::Done),
            _ => None,
        }
    }
}

/// One step of one participant.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct StepProgress {
    /// Tour id.
    pub tour: String,
    /// Step id.
    pub step: String,
    /// State.
    pub state: ParticipantStep,
    /// Last change (RFC 3339, UTC).
    pub updated_at: String,
}

/// One participant (a local profile) of a laptop.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ParticipantProgress {
    /// The profile's name.
    pub participant: String,
    /// Steps.
    pub steps: Vec<StepProgress>,
}

/// A laptop's progress file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ProgressFile {
    /// Always [`PROGRESS_FORMAT`].
    pub format: String,
    /// [`PROGRESS_VERSION`].
    pub version: u32,
    /// A name for the laptop (shown in the merged table).
    pub laptop: String,
    /// When it was exported.
    pub exported_at: String,
    /// Participants.
    pub participants: Vec<ParticipantProgress>,
}

fn minutes_between(from: &str, to: OffsetDateTime) -> Option<i64> {
    let from = OffsetDateTime::parse(from, &Rfc3339).ok()?;
    Some((to - from).whole_minutes())
}

/// Builds this laptop's progress file from every profile in the store.
pub fn export_progress(store: &Store, laptop: &str) -> Result<ProgressFile, CoreError> {
    let at = OffsetDateTime::now_utc();
    let mut participants = Vec::new();
    for profile in store.profiles()? {
        let records = store.all_step_records(profile.id)?;
        let current = current_steps_all(store, profile.id)?;
        let mut steps: BTreeMap<(String, String), StepProgress> = BTreeMap::new();
        for r in records {
            let state = match r.status {
                StepState::Done => ParticipantStep::Done,
                StepState::Skipped => ParticipantStep::Skipped,
                StepState::Seen => {
                    let is_current = current.get(&r.tour_id) == Some(&r.step_id);
                    let long = minutes_between(&r.first_seen_at, at)
                        .is_some_and(|m| m >= STRUGGLING_AFTER_MINUTES);
                    if is_current && long {
                        ParticipantStep::Struggling
                    } else {
                        ParticipantStep::Seen
                    }
                }
            };
            let step = StepProgress {
                tour: r.tour_id.clone(),
                step: r.step_id.clone(),
                state,
                updated_at: r.updated_at.clone(),
            };
            steps
                .entry((r.tour_id, r.step_id))
                .and_modify(|s| {
                    if step.state > s.state {
                        *s = step.clone();
                    }
                })
                .or_insert(step);
        }
        participants.push(ParticipantProgress {
            participant: profile.name,
            steps: steps.into_values().collect(),
        });
    }
    Ok(ProgressFile {
        format: PROGRESS_FORMAT.into(),
        version: PROGRESS_VERSION,
        laptop: laptop.trim().to_owned(),
        exported_at: now(),
        participants,
    })
}

/// Each tour's current step of a profile, all accounts (the most recent wins).
fn current_steps_all(
    store: &Store,
    profile_id: i64,
) -> Result<BTreeMap<String, String>, CoreError> {
    store.read(|conn| {
        let mut stmt = conn.prepare(
            "SELECT tour_id, current_step FROM tour_state WHERE profile_id = ?1
             ORDER BY updated_at, id",
        )?;
        let rows = stmt.query_map([profile_id], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<Result<_, _>>()?)
    })
}

/// Writes this laptop's progress (named `laptop`, trimmed, not blank) to `path` as pretty
/// JSON. Returns what was written.
pub fn write_progress_file(
    store: &Store,
    laptop: &str,
    path: &Path,
) -> Result<ProgressFile, CoreError> {
    let laptop = laptop.trim();
    if laptop.is_empty() {
        return Err(CoreError::InvalidValue {
            field: "laptop",
            value: String::new(),
        });
    }
    let file = export_progress(store, laptop)?;
    let bytes = serde_json::to_vec_pretty(&file).expect("a progress file serialises");
    crate::paths::write_file(path, &bytes)?;
    Ok(file)
}

/// Merges progress files into the trainer's table. Every file is read and checked first: one
/// bad file merges nothing. One summary per file, in order.
pub fn import_progress_files(
    store: &Store,
    paths: &[PathBuf],
) -> Result<Vec<ImportSummary>, CoreError> {
    let files = paths
        .iter()
        .map(|p| read_progress_file(p))
        .collect::<Result<Vec<_>, _>>()?;
    files.iter().map(|f| import_progress(store, f)).collect()
}

/// Writes the merged table to `path` as CSV; returns how many cells it holds.
pub fn write_table_csv(store: &Store, path: &Path) -> Result<usize, CoreError> {
    let cells = progress_table(store)?;
    crate::paths::write_file(path, table_csv(&cells).as_bytes())?;
    Ok(cells.len())
}

/// Reads and checks a progress file.
pub fn read_progress_file(path: &Path) -> Result<ProgressFile, CoreError> {
    let label = path.display().to_string();
    let bad = |line: Option<u32>, reason: String| {
        CoreError::Workshop(WorkshopError::ProgressInvalid {
            file: label.clone(),
            line,
            reason,
        })
    };
    let size = std::fs::metadata(path)
        .map_err(|e| bad(None, e.to_string()))?
        .len();
    if size > MAX_PROGRESS_BYTES {
        return Err(bad(
            None,
            format!("{size} bytes, more than {MAX_PROGRESS_BYTES}"),
        ));
    }
    let bytes = std::fs::read(path).map_err(|e| bad(None, e.to_string()))?;
    parse_progress(&bytes).map_err(|(line, reason)| bad(line, reason))
}

/// Parses a progress file's bytes: `(line, reason)` when it cannot be used.
pub fn parse_progress(bytes: &[u8]) -> Result<ProgressFile, (Option<u32>, String)> {
    let file: ProgressFile = serde_json::from_slice(bytes)
        .map_err(|e| (Some(e.line() as u32).filter(|l| *l > 0), e.to_string()))?;
    if file.format != PROGRESS_FORMAT {
        return Err((
            None,
            format!("format {:?} is not {PROGRESS_FORMAT:?}", file.format),
        ));
    }
    if file.version == 0 || file.version > PROGRESS_VERSION {
        return Err((
            None,
            format!(
                "version {} (this Passerelle reads up to {PROGRESS_VERSION})",
                file.version
            ),
        ));
    }
    if let Some(p) = file
        .participants
        .iter()
        .find(|p| p.participant.trim().is_empty())
    {
        return Err((
            None,
            format!("a participant has no name ({} steps)", p.steps.len()),
        ));
    }
    Ok(file)
}

/// What an import changed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ImportSummary {
    /// Participants in the file.
    #[ts(type = "number")]
    pub participants: usize,
    /// Steps written or upgraded.
    #[ts(type = "number")]
    pub steps_updated: usize,
    /// Steps already as strong or stronger in the table.
    #[ts(type = "number")]
    pub steps_kept: usize,
}

/// Merges a progress file into the trainer's table (strongest state wins).
pub fn import_progress(store: &Store, file: &ProgressFile) -> Result<ImportSummary, CoreError> {
    let at = now();
    store.write(|tx| {
        let mut summary = ImportSummary {
            participants: file.participants.len(),
            ..Default::default()
        };
        for p in &file.participants {
            let who = p.participant.trim();
            for s in &p.steps {
                let old: Option<String> = tx
                    .query_row(
                        "SELECT state FROM workshop_progress
                         WHERE participant = ?1 AND tour_id = ?2 AND step_id = ?3",
                        params![who, s.tour, s.step],
                        |r| r.get(0),
                    )
                    .ok();
                let old = old.as_deref().and_then(ParticipantStep::parse);
                if old.is_some_and(|o| o >= s.state) {
                    summary.steps_kept += 1;
                    continue;
                }
                tx.execute(
                    "INSERT INTO workshop_progress
                         (participant, tour_id, step_id, state, laptop, updated_at, imported_at)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
                     ON CONFLICT (participant, tour_id, step_id) DO UPDATE SET
                         state = ?4, laptop = ?5, updated_at = ?6, imported_at = ?7",
                    params![
                        who,
                        s.tour,
                        s.step,
                        s.state.as_str(),
                        file.laptop,
                        s.updated_at,
                        at
                    ],
                )?;
                summary.steps_updated += 1;
            }
        }
        Ok(summary)
    })
}

/// One cell of the merged table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ProgressCell {
    /// Participant (profile name).
    pub participant: String,
    /// Tour id.
    pub tour: String,
    /// Step id.
    pub step: String,
    /// Merged state.
    pub state: ParticipantStep,
    /// The laptop that gave it.
    pub laptop: String,
    /// When it changed there.
    pub updated_at: String,
}

/// The merged table, by participant, tour and step.
pub fn progress_table(store: &Store) -> Result<Vec<ProgressCell>, CoreError> {
    store.read(|conn| {
        let mut stmt = conn.prepare(
            "SELECT participant, tour_id, step_id, state, laptop, updated_at
             FROM workshop_progress ORDER BY participant COLLATE NOCASE, tour_id, step_id",
        )?;
        let rows = stmt.query_map([], |r| {
            let state: String = r.get(3)?;
            Ok(ProgressCell {
                participant: r.get(0)?,
                tour: r.get(1)?,
                step: r.get(2)?,
                state: ParticipantStep::parse(&state).unwrap_or(ParticipantStep::Seen),
                laptop: r.get(4)?,
                updated_at: r.get(5)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    })
}

/// Empties the trainer's merged table (before a new workshop).
pub fn clear_progress_table(store: &Store) -> Result<usize, CoreError> {
    store.write(|tx| Ok(tx.execute("DELETE FROM workshop_progress", [])?))
}

/// The table as CSV (`participant,tour,step,state,laptop,updated_at`), with a header; see
/// [`crate::export`] for the format.
pub fn table_csv(cells: &[ProgressCell]) -> String {
    let mut csv = crate::export::CsvWriter::new();
    csv.record([
        "participant",
        "tour",
        "step",
        "state",
        "laptop",
        "updated_at",
    ]);
    for c in cells {
        csv.record([
            c.participant.as_str(),
            &c.tour,
            &c.step,
            c.state.as_str(),
            &c.laptop,
            &c.updated_at,
        ]);
    }
    csv.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bad_files_are_refused_with_a_line() {
        let (line, _) = parse_progress(b"{\n\"format\": \n}").unwrap_err();
        assert_eq!(line, Some(3));
        let other =
            br#"{"format":"x","version":1,"laptop":"a","exportedAt":"t","participants":[]}"#;
        assert!(parse_progress(other).is_err());
        let newer = format!(
            r#"{{"format":"{PROGRESS_FORMAT}","version":9,"laptop":"a","exportedAt":"t","participants":[]}}"#
        );
        assert!(parse_progress(newer.as_bytes()).is_err());
    }
}

//! The hand-over journal in SQLite (migration 0004): jobs, their items and their runs. Every
//! state change is one transaction, so a process killed at any moment leaves each item either
//! as it was or as it became — never half-recorded. An item is marked copied only after the
//! destination acknowledged it; an item being written when the process died stays planned and
//! is written again (files are replaced, objects are created only if absent).

use rusqlite::{OptionalExtension, Transaction, params};
use serde::{Deserialize, Serialize};

use super::model::{
    HandoverPlan, ItemKind, ItemState, JobState, JobSummary, MemberSide, NameWarning,
    PlanExclusion, PlanNode, PlanTotals, QuotaCheck, RunRecord, Selection, StrategyChoice,
    StrategyKind, TransferState, TransferStep, Verification,
};
use crate::handover::error::HandoverError;
use crate::store::now;

pub use super::model::ItemRecord;
use crate::{CoreError, Store};

/// What the journal keeps of a plan besides its items.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct StoredPlan {
    pub strategy: StrategyChoice,
    pub totals: PlanTotals,
    pub excluded: Vec<PlanExclusion>,
    pub conflicts: Vec<PlanExclusion>,
    pub name_warnings: Vec<NameWarning>,
    pub quota: QuotaCheck,
    pub estimated_seconds: u64,
    pub notes: Vec<String>,
    pub planned_at: String,
}

/// A job with what the report needs.
#[derive(Debug, Clone)]
pub(crate) struct JobRecord {
    pub summary: JobSummary,
    pub plan: StoredPlan,
    pub verification: Option<Verification>,
}

struct NewItem<'a> {
    kind: ItemKind,
    parent: Option<usize>,
    source: &'a str,
    target: &'a str,
    uid: Option<&'a str>,
    size: Option<u64>,
    mtime: Option<i64>,
    checksum: Option<&'a str>,
    state: ItemState,
    reason: Option<&'a str>,
    detail: Option<&'a str>,
}

fn json<T: Serialize>(value: &T) -> String {
    serde_json::to_string(value).expect("plain data serialises")
}

fn flatten<'a>(node: &'a PlanNode, parent: Option<usize>, out: &mut Vec<NewItem<'a>>) {
    let index = out.len();
    out.push(NewItem {
        kind: if node.is_folder {
            ItemKind::Folder
        } else {
            ItemKind::File
        },
        parent,
        source: &node.source,
        target: &node.target,
        uid: None,
        size: (!node.is_folder).then_some(node.size),
        mtime: node.mtime,
        checksum: node.checksum.as_deref(),
        state: ItemState::Planned,
        reason: None,
        detail: None,
    });
    for child in &node.children {
        flatten(child, Some(index), out);
    }
}

/// Records a plan as a new job with all its items planned (and its exclusions skipped), in
/// one transaction.
pub(crate) fn create_job(store: &Store, plan: &HandoverPlan) -> Result<i64, CoreError> {
    let mut items = Vec::new();
    if let Some(root) = &plan.files {
        flatten(root, None, &mut items);
    }
    for coll in plan.calendars.iter().chain(&plan.address_books) {
        let index = items.len();
        items.push(NewItem {
            kind: coll.kind,
            parent: None,
            source: &coll.uri,
            target: &coll.target_uri,
            uid: None,
            size: None,
            mtime: None,
            checksum: None,
            state: ItemState::Planned,
            reason: None,
            detail: None,
        });
        let object_kind = if coll.kind == ItemKind::Calendar {
            ItemKind::CalendarObject
        } else {
            ItemKind::Contact
        };
        for obj in &coll.objects {
            items.push(NewItem {
                kind: object_kind,
                parent: Some(index),
                source: &obj.name,
                target: &obj.name,
                uid: obj.uid.as_deref(),
                size: Some(obj.size),
                mtime: None,
                checksum: None,
                state: ItemState::Planned,
                reason: None,
                detail: None,
            });
        }
    }
    let skipped = plan.excluded.iter().chain(
        plan.conflicts
            .iter()
            .filter(|c| c.reason == "exists-at-destination"),
    );
    let mut seen = std::collections::HashSet::new();
    // Three names equal after normalisation give two identical exclusions: record one.
    for ex in skipped.filter(|ex| seen.insert((ex.kind, ex.source.as_str()))) {
        items.push(NewItem {
            kind: ex.kind,
            parent: None,
            source: &ex.source,
            target: "",
            uid: None,
            size: None,
            mtime: None,
            checksum: None,
            state: ItemState::Skipped,
            reason: Some(&ex.reason),
            detail: ex.detail.as_deref(),
        });
    }
    let stored = StoredPlan {
        strategy: plan.strategy.clone(),
        totals: plan.totals,
        excluded: plan.excluded.clone(),
        conflicts: plan.conflicts.clone(),
        name_warnings: plan.name_warnings.clone(),
        quota: plan.quota,
        estimated_seconds: plan.estimated_seconds,
        notes: plan.notes.clone(),
        planned_at: plan.planned_at.clone(),
    };
    store.write(|tx| {
        let at = now();
        tx.execute(
            "INSERT INTO handover_jobs (source, target, selection, strategy, destination, plan, \
             state, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, 'planned', ?7, ?7)",
            params![
                json(&plan.source),
                json(&plan.target),
                json(&plan.selection),
                plan.strategy.chosen.code(),
                plan.destination,
                json(&stored),
                at
            ],
        )?;
        let job = tx.last_insert_rowid();
        let mut ids: Vec<i64> = Vec::with_capacity(items.len());
        {
            let mut insert = tx.prepare(
                "INSERT INTO handover_items (job_id, parent_id, kind, source, target, uid, size, \
                 mtime, source_checksum, state, reason, detail, updated_at) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
            )?;
            for item in &items {
                let parent = item.parent.map(|i| ids[i]);
                insert.execute(params![
                    job,
                    parent,
                    item.kind.code(),
                    item.source,
                    item.target,
                    item.uid,
                    item.size.map(|s| s as i64),
                    item.mtime,
                    item.checksum,
                    item.state.code(),
                    item.reason,
                    item.detail,
                    at
                ])?;
                ids.push(tx.last_insert_rowid());
            }
        }
        Ok(job)
    })
}

const ITEM_COLUMNS: &str = "id, parent_id, kind, source, target, uid, size, mtime, \
     source_checksum, state, reason, detail, attempts, copied_size, content_hash, target_etag, \
     mtime_kept, copied_at, verified_at, share_id, transfer_step, transfer_id, transfer_file_id, \
     landed_at, home_queued";

fn row_to_item(row: &rusqlite::Row<'_>) -> rusqlite::Result<ItemRecord> {
    let kind: String = row.get(2)?;
    let state: String = row.get(9)?;
    let size: Option<i64> = row.get(6)?;
    let copied: Option<i64> = row.get(13)?;
    let attempts: i64 = row.get(12)?;
    let kept: Option<i64> = row.get(16)?;
    Ok(ItemRecord {
        id: row.get(0)?,
        parent_id: row.get(1)?,
        kind: ItemKind::parse(&kind).unwrap_or(ItemKind::File),
        source: row.get(3)?,
        target: row.get(4)?,
        uid: row.get(5)?,
        size: size.map(|s| s.max(0) as u64),
        mtime: row.get(7)?,
        source_checksum: row.get(8)?,
        state: ItemState::parse(&state).unwrap_or(ItemState::Planned),
        reason: row.get(10)?,
        detail: row.get(11)?,
        attempts: attempts.clamp(0, i64::from(u32::MAX)) as u32,
        copied_size: copied.map(|s| s.max(0) as u64),
        content_hash: row.get(14)?,
        target_etag: row.get(15)?,
        mtime_kept: kept.map(|k| k != 0),
        copied_at: row.get(17)?,
        verified_at: row.get(18)?,
        share_id: row.get(19)?,
        transfer: TransferState {
            step: TransferStep::parse(row.get::<_, Option<String>>(20)?.as_deref()),
            id: row.get(21)?,
            file_id: row
                .get::<_, Option<i64>>(22)?
                .and_then(|f| u64::try_from(f).ok()),
            landed_at: row.get(23)?,
        },
        home_queued: row.get::<_, i64>(24)? != 0,
    })
}

/// Every item of a job, parents before children.
pub fn items(store: &Store, job: i64) -> Result<Vec<ItemRecord>, CoreError> {
    store.read(|conn| {
        let mut stmt = conn.prepare(&format!(
            "SELECT {ITEM_COLUMNS} FROM handover_items WHERE job_id = ?1 ORDER BY id"
        ))?;
        let rows = stmt.query_map([job], row_to_item)?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    })
}

fn parse_json<T: for<'de> Deserialize<'de>>(
    text: &str,
    field: &'static str,
) -> Result<T, CoreError> {
    serde_json::from_str(text).map_err(|e| CoreError::InvalidValue {
        field,
        value: e.to_string(),
    })
}

pub(crate) fn job(store: &Store, id: i64) -> Result<JobRecord, CoreError> {
    let row = store.read(|conn| {
        Ok(conn
            .query_row(
                "SELECT source, target, selection, strategy, destination, plan, state, \
                 verification, created_at, started_at, finished_at FROM handover_jobs \
                 WHERE id = ?1",
                [id],
                |r| {
                    Ok((
                        r.get::<_, String>(0)?,
                        r.get::<_, String>(1)?,
                        r.get::<_, String>(2)?,
                        r.get::<_, String>(3)?,
                        r.get::<_, String>(4)?,
                        r.get::<_, String>(5)?,
                        r.get::<_, String>(6)?,
                        r.get::<_, Option<String>>(7)?,
                        r.get::<_, String>(8)?,
                        r.get::<_, Option<String>>(9)?,
                        r.get::<_, Option<String>>(10)?,
                    ))
                },
            )
            .optional()?)
    })?;
    let Some((source, target, selection, strategy, destination, plan, state, verif, c, s, f)) = row
    else {
        return Err(CoreError::Handover(HandoverError::JobNotFound(id)));
    };
    let state = JobState::parse(&state).unwrap_or(JobState::Incomplete);
    let summary = JobSummary {
        id,
        source: parse_json::<MemberSide>(&source, "handover source")?,
        target: parse_json::<MemberSide>(&target, "handover target")?,
        selection: parse_json::<Selection>(&selection, "handover selection")?,
        strategy: StrategyKind::parse(&strategy).unwrap_or(StrategyKind::StreamedCopy),
        destination,
        state,
        created_at: c,
        started_at: s,
        finished_at: f,
        resumable: super::retry::outlook(state, &items(store, id)?).resumable,
    };
    Ok(JobRecord {
        summary,
        plan: parse_json(&plan, "handover plan")?,
        verification: match verif {
            Some(v) => Some(parse_json(&v, "handover verification")?),
            None => None,
        },
    })
}

/// Every job, newest first.
pub(crate) fn job_ids(store: &Store) -> Result<Vec<i64>, CoreError> {
    store.read(|conn| {
        let mut stmt = conn.prepare("SELECT id FROM handover_jobs ORDER BY id DESC")?;
        let rows = stmt.query_map([], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<Vec<i64>>>()?)
    })
}

pub(crate) fn runs(store: &Store, job: i64) -> Result<Vec<RunRecord>, CoreError> {
    store.read(|conn| {
        let mut stmt = conn.prepare(
            "SELECT started_at, ended_at, outcome, bytes FROM handover_runs WHERE job_id = ?1 \
             ORDER BY id",
        )?;
        let rows = stmt.query_map([job], |r| {
            let bytes: i64 = r.get(3)?;
            Ok(RunRecord {
                started_at: r.get(0)?,
                ended_at: r.get(1)?,
                outcome: r.get(2)?,
                bytes: bytes.max(0) as u64,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    })
}

fn set_job_state(tx: &Transaction<'_>, job: i64, state: JobState) -> Result<(), CoreError> {
    tx.execute(
        "UPDATE handover_jobs SET state = ?2, updated_at = ?3 WHERE id = ?1",
        params![job, state.code(), now()],
    )?;
    Ok(())
}

/// Starts a run: the job becomes running; returns the run's id.
pub(crate) fn begin_run(store: &Store, job: i64) -> Result<i64, CoreError> {
    store.write(|tx| {
        let at = now();
        tx.execute(
            "UPDATE handover_jobs SET state = 'running', started_at = ifnull(started_at, ?2), \
             finished_at = NULL, updated_at = ?2 WHERE id = ?1",
            params![job, at],
        )?;
        tx.execute(
            "INSERT INTO handover_runs (job_id, started_at) VALUES (?1, ?2)",
            params![job, at],
        )?;
        Ok(tx.last_insert_rowid())
    })
}

/// Ends a run with the job's new state.
pub(crate) fn end_run(
    store: &Store,
    job: i64,
    run: i64,
    state: JobState,
    bytes: u64,
) -> Result<(), CoreError> {
    store.write(|tx| {
        let at = now();
        tx.execute(
            "UPDATE handover_runs SET ended_at = ?2, outcome = ?3, bytes = ?4 WHERE id = ?1",
            params![run, at, state.code(), bytes as i64],
        )?;
        set_job_state(tx, job, state)?;
        tx.execute(
            "UPDATE handover_jobs SET finished_at = ?2 WHERE id = ?1",
            params![job, at],
        )?;
        Ok(())
    })
}

/// One more attempt at writing an item.
pub(crate) fn begin_attempt(store: &Store, item: i64) -> Result<(), CoreError> {
    store.write(|tx| {
        tx.execute(
            "UPDATE handover_items SET attempts = attempts + 1, updated_at = ?2 WHERE id = ?1",
            params![item, now()],
        )?;
        Ok(())
    })
}

/// What was written for an item (recorded with its "copied" state).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Written {
    /// Bytes written.
    pub size: Option<u64>,
    /// SHA-1 of the bytes as they streamed (`SHA1:…`).
    pub content_hash: Option<String>,
    /// The destination's ETag after writing.
    pub target_etag: Option<String>,
    /// Whether the destination kept the modification time.
    pub mtime_kept: Option<bool>,
    /// A note kept with the item (e.g. "already at the destination").
    pub detail: Option<String>,
}

const MARK_COPIED: &str = "UPDATE handover_items SET state = 'copied', reason = NULL, \
     detail = ?2, copied_size = ?3, content_hash = ?4, target_etag = ?5, mtime_kept = ?6, \
     copied_at = ?7, verified_at = NULL, updated_at = ?7 WHERE id = ?1";

/// The destination acknowledged the item.
pub(crate) fn mark_copied(store: &Store, item: i64, w: &Written) -> Result<(), CoreError> {
    mark_copied_many(store, &[(item, w)])
}

/// The destination acknowledged these items at once (e.g. a folder copied whole on the
/// server): one transaction, all or none recorded.
pub(crate) fn mark_copied_many(store: &Store, items: &[(i64, &Written)]) -> Result<(), CoreError> {
    store.write(|tx| {
        let at = now();
        let mut update = tx.prepare_cached(MARK_COPIED)?;
        for (item, w) in items {
            update.execute(params![
                item,
                w.detail,
                w.size.map(|s| s as i64),
                w.content_hash,
                w.target_etag,
                w.mtime_kept.map(i64::from),
                at
            ])?;
        }
        Ok(())
    })
}

/// Records where an item really is at the destination, when the server chose it (a moved
/// calendar's new name, the folder a background job moved files into).
pub(crate) fn set_target(store: &Store, item: i64, target: &str) -> Result<(), CoreError> {
    store.write(|tx| {
        tx.execute(
            "UPDATE handover_items SET target = ?2, updated_at = ?3 WHERE id = ?1",
            params![item, target, now()],
        )?;
        Ok(())
    })
}

/// Replaces an item's note without changing its state (e.g. a share to remove on resume).
/// Records the share made on `item` for the copy (`None` once removed).
pub(crate) fn set_share(store: &Store, item: i64, share: Option<&str>) -> Result<(), CoreError> {
    store.write(|tx| {
        tx.execute(
            "UPDATE handover_items SET share_id = ?2, updated_at = ?3 WHERE id = ?1",
            params![item, share, now()],
        )?;
        Ok(())
    })
}

/// Records how far Nextcloud's own transfer of `item` went.
pub(crate) fn set_transfer(
    store: &Store,
    item: i64,
    transfer: &TransferState,
) -> Result<(), CoreError> {
    let file_id = transfer.file_id.and_then(|f| i64::try_from(f).ok());
    store.write(|tx| {
        tx.execute(
            "UPDATE handover_items SET transfer_step = ?2, transfer_id = ?3, \
             transfer_file_id = ?4, landed_at = ?5, updated_at = ?6 WHERE id = ?1",
            params![
                item,
                transfer.step.code(),
                transfer.id,
                file_id,
                transfer.landed_at,
                now()
            ],
        )?;
        Ok(())
    })
}

/// Records whether the OwnershipTransfer app was asked to move the whole home (`item`: the
/// job's root folder).
pub(crate) fn set_home_queued(store: &Store, item: i64, queued: bool) -> Result<(), CoreError> {
    store.write(|tx| {
        tx.execute(
            "UPDATE handover_items SET home_queued = ?2, updated_at = ?3 WHERE id = ?1",
            params![item, queued, now()],
        )?;
        Ok(())
    })
}

/// The item could not be written or verified.
pub(crate) fn mark_failed(
    store: &Store,
    item: i64,
    reason: &str,
    detail: &str,
) -> Result<(), CoreError> {
    store.write(|tx| {
        tx.execute(
            "UPDATE handover_items SET state = 'failed', reason = ?2, detail = ?3, \
             verified_at = NULL, updated_at = ?4 WHERE id = ?1",
            params![item, reason, detail, now()],
        )?;
        Ok(())
    })
}

/// Records a verification: verified items, mismatches (failed, with reasons), the side-by-side
/// comparison and the job's state — one transaction.
pub(crate) fn record_verification(
    store: &Store,
    job: i64,
    verified: &[i64],
    mismatches: &[(i64, &'static str, String)],
    verification: &Verification,
    state: Option<JobState>,
) -> Result<(), CoreError> {
    store.write(|tx| {
        let at = now();
        {
            let mut ok = tx.prepare(
                "UPDATE handover_items SET state = 'verified', reason = NULL, verified_at = ?2, \
                 updated_at = ?2 WHERE id = ?1",
            )?;
            for id in verified {
                ok.execute(params![id, at])?;
            }
            let mut bad = tx.prepare(
                "UPDATE handover_items SET state = 'failed', reason = ?2, detail = ?3, \
                 verified_at = NULL, updated_at = ?4 WHERE id = ?1",
            )?;
            for (id, reason, detail) in mismatches {
                bad.execute(params![id, reason, detail, at])?;
            }
        }
        tx.execute(
            "UPDATE handover_jobs SET verification = ?2, updated_at = ?3 WHERE id = ?1",
            params![job, json(verification), at],
        )?;
        if let Some(state) = state {
            set_job_state(tx, job, state)?;
        }
        Ok(())
    })
}

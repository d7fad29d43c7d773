//! One run of a job (the first or a resume): what every strategy gets — the job's items, the
//! journal, bounded retries of what is safe to retry, the cancellation token and the progress
//! tracker — and the orchestration around a strategy (begin run → execute → verify → end run).

use std::collections::HashMap;
use std::future::Future;
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use futures_util::StreamExt;
use passerelle_nextcloud::{CancellationToken, RetryPolicy};

use super::endpoint::{CollectionTarget, FileTarget, Side, TransferError};
use super::journal::{self, ItemRecord};
use super::model::{
    GroupProgress, ItemGroup, ItemKind, ItemState, JobState, Phase, PlanTotals, Progress,
    RunOutcome, StrategyKind,
};
pub(crate) use super::tasks::{BoxFuture, bounded};

/// An item and how writing it went ([`RunContext::record_each`]).
pub(crate) type ItemOutcome<'i> = (
    &'i ItemRecord,
    Result<Result<journal::Written, Failure>, CoreError>,
);
use super::verify;
use crate::handover::error::HandoverError;
use crate::{CoreError, Store};

/// A way to hand data over.
pub trait Strategy: Send + Sync {
    /// Which one.
    fn kind(&self) -> StrategyKind;

    /// A rough duration for these totals (shown in the plan).
    fn estimate(&self, totals: &PlanTotals) -> Duration;

    /// Hands over every pending item of the run's job (planned or failed; never a verified
    /// one), recording each state change through `run`. Item failures are recorded, not
    /// returned; an `Err` means the run cannot go on (journal unusable, credentials refused).
    /// Must stop soon after `run.cancel` fires, leaving unfinished items planned.
    fn execute(&self, run: &RunContext<'_>) -> impl Future<Output = Result<(), CoreError>> + Send;
}

/// The hand-over's retry policy: the protocol crate's one [`RetryPolicy`], applied per item to
/// what the HTTP client cannot replay itself (a streamed upload, a MOVE, a bulk POST) and never
/// to a request the client already retried ([`TransferError::retried_by_client`]). A server
/// asking to wait longer than `max_wait` fails the item (`throttled-long`) and the report says
/// when to resume; what is left failed is tried again by the next resume.
pub fn item_retries() -> RetryPolicy {
    RetryPolicy {
        max_retries: 3,
        base_delay: Duration::from_millis(500),
        // The backoff stays far below this; a server's `Retry-After` is waited in full.
        max_delay: Duration::from_secs(120),
        max_wait: Duration::from_secs(120),
    }
}

/// Options of a run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RunOptions {
    /// Files copied at the same time.
    pub parallel_files: usize,
    /// Calendar objects or contacts written at the same time.
    pub parallel_objects: usize,
    /// Retries of one item.
    pub retry: RetryPolicy,
    /// Verify the destination after copying (quick, from listings).
    pub verify: bool,
    /// Verify by downloading the files again and hashing them.
    pub deep_verify: bool,
    /// How often progress is sent while bytes flow.
    pub progress_interval: Duration,
}

impl Default for RunOptions {
    fn default() -> Self {
        RunOptions {
            parallel_files: 4,
            parallel_objects: 4,
            retry: item_retries(),
            verify: true,
            deep_verify: false,
            progress_interval: Duration::from_millis(250),
        }
    }
}

/// Why one item failed, as the journal records it.
#[derive(Debug, Clone)]
pub enum Failure {
    /// A side failed; transient kinds are retried.
    Transfer(TransferError),
    /// The engine refused or detected something (reason code from [`super::REASONS`]).
    Reason(&'static str, String),
}

impl Failure {
    /// A side's refusal, recorded as `code` (a reason that needs a person), unless a retry may
    /// cure it (network, 5xx, locks, throttling) or it stops the run (credentials): those keep
    /// the side's own code, so a resume is offered only for what a resume can fix.
    pub fn refusal(code: &'static str, e: impl Into<TransferError>, detail: String) -> Failure {
        let e = e.into();
        if e.is_transient() || e.is_fatal() {
            Failure::Transfer(e)
        } else {
            Failure::Reason(code, format!("{detail} ({e})"))
        }
    }

    /// The reason code.
    pub fn code(&self) -> &str {
        match self {
            Failure::Transfer(e) => e.code(),
            Failure::Reason(code, _) => code,
        }
    }

    /// The technical detail.
    pub fn detail(&self) -> String {
        match self {
            Failure::Transfer(e) => e.to_string(),
            Failure::Reason(_, d) => d.clone(),
        }
    }
}

impl From<TransferError> for Failure {
    fn from(e: TransferError) -> Self {
        Failure::Transfer(e)
    }
}

struct Counters {
    done: [AtomicU64; 3],
    failed: [AtomicU64; 3],
    total: [u64; 3],
    bytes_done_before: u64,
    bytes_total: u64,
    bytes_run: AtomicU64,
    items_run: AtomicU64,
    failed_run: AtomicU64,
}

fn group_index(g: ItemGroup) -> usize {
    match g {
        ItemGroup::Files => 0,
        ItemGroup::Calendars => 1,
        ItemGroup::Contacts => 2,
    }
}

struct Emitter<'a> {
    callback: &'a mut (dyn FnMut(Progress) + Send),
    last: Option<Instant>,
    current: Option<String>,
    phase: Phase,
}

/// What a strategy gets for one run.
pub struct RunContext<'a> {
    /// The local store (journal).
    pub store: &'a Store,
    /// The job.
    pub job_id: i64,
    /// Every item of the job, as at the run's start.
    pub items: Vec<ItemRecord>,
    /// Fires when the person cancels.
    pub cancel: CancellationToken,
    /// The run's options.
    pub options: RunOptions,
    counters: Counters,
    emitter: Mutex<Emitter<'a>>,
    started: Instant,
    fatal: Mutex<Option<TransferError>>,
}

impl std::fmt::Debug for RunContext<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RunContext")
            .field("job_id", &self.job_id)
            .field("items", &self.items.len())
            .finish_non_exhaustive()
    }
}

impl<'a> RunContext<'a> {
    pub(crate) fn new(
        store: &'a Store,
        job_id: i64,
        items: Vec<ItemRecord>,
        cancel: CancellationToken,
        options: RunOptions,
        callback: &'a mut (dyn FnMut(Progress) + Send),
    ) -> Self {
        let mut total = [0u64; 3];
        let done = [AtomicU64::new(0), AtomicU64::new(0), AtomicU64::new(0)];
        let mut bytes_total = 0;
        let mut bytes_done_before = 0;
        for it in &items {
            if it.state == ItemState::Skipped {
                continue;
            }
            let g = group_index(it.kind.group());
            total[g] += 1;
            let size = if it.kind == ItemKind::File {
                it.size.unwrap_or(0)
            } else {
                0
            };
            bytes_total += size;
            if matches!(it.state, ItemState::Copied | ItemState::Verified) {
                done[g].fetch_add(1, Ordering::Relaxed);
                bytes_done_before += size;
            }
        }
        RunContext {
            store,
            job_id,
            items,
            cancel,
            options,
            counters: Counters {
                done,
                failed: [AtomicU64::new(0), AtomicU64::new(0), AtomicU64::new(0)],
                total,
                bytes_done_before,
                bytes_total,
                bytes_run: AtomicU64::new(0),
                items_run: AtomicU64::new(0),
                failed_run: AtomicU64::new(0),
            },
            emitter: Mutex::new(Emitter {
                callback,
                last: None,
                current: None,
                phase: Phase::Copying,
            }),
            started: Instant::now(),
            fatal: Mutex::new(None),
        }
    }

    /// Items that still have to be written: planned or failed (never verified or skipped).
    pub fn pending(&self) -> impl Iterator<Item = &ItemRecord> {
        self.items
            .iter()
            .filter(|i| matches!(i.state, ItemState::Planned | ItemState::Failed))
    }

    /// Whether the run must stop (cancelled, or a fatal error such as refused credentials).
    pub fn stopped(&self) -> bool {
        self.cancel.is_cancelled() || self.lock_fatal().is_some()
    }

    fn lock_fatal(&self) -> std::sync::MutexGuard<'_, Option<TransferError>> {
        self.fatal.lock().unwrap_or_else(|p| p.into_inner())
    }

    pub(crate) fn take_fatal(&self) -> Option<TransferError> {
        self.lock_fatal().take()
    }

    /// Bytes counter of this run, for streams to add to as bytes flow.
    pub fn bytes_counter(&self) -> &AtomicU64 {
        &self.counters.bytes_run
    }

    /// Runs `op` for `item` with bounded retries of transient failures, counting each attempt
    /// in the journal. The outer `Err` is a journal failure (the run stops); the inner one is
    /// the item's failure after the last attempt.
    pub async fn attempt<T, F, Fut>(
        &self,
        item: &ItemRecord,
        mut op: F,
    ) -> Result<Result<T, Failure>, CoreError>
    where
        F: FnMut() -> Fut + Send,
        Fut: Future<Output = Result<T, Failure>> + Send,
        T: Send,
    {
        let retry = self.options.retry;
        let mut attempt = 0u32;
        loop {
            if self.stopped() {
                return Ok(Err(Failure::Reason(
                    "cancelled",
                    "the run was stopped".into(),
                )));
            }
            journal::begin_attempt(self.store, item.id)?;
            let failure = match op().await {
                Ok(v) => return Ok(Ok(v)),
                Err(f) => f,
            };
            attempt += 1;
            let Failure::Transfer(e) = &failure else {
                return Ok(Err(failure));
            };
            if e.is_fatal() {
                *self.lock_fatal() = Some(e.clone());
                return Ok(Err(failure));
            }
            if !e.is_transient() || attempt > retry.max_retries {
                return Ok(Err(failure));
            }
            if let Some(d) = e.retry_after().filter(|d| *d > retry.max_wait) {
                return Ok(Err(Failure::Reason(
                    "throttled-long",
                    format!(
                        "the server asks to wait {} s before trying again: {e}",
                        d.as_secs()
                    ),
                )));
            }
            // One layer per request: what the HTTP client retried is not retried again.
            if e.retried_by_client() {
                return Ok(Err(failure));
            }
            let Some(delay) = retry.delay(attempt - 1, e.retry_after()) else {
                return Ok(Err(failure));
            };
            tokio::select! {
                _ = tokio::time::sleep(delay) => {}
                _ = self.cancel.cancelled() => {}
            }
        }
    }

    /// Records an item as copied and counts it.
    pub fn copied(&self, item: &ItemRecord, written: &journal::Written) -> Result<(), CoreError> {
        journal::mark_copied(self.store, item.id, written)?;
        let g = group_index(item.kind.group());
        self.counters.done[g].fetch_add(1, Ordering::Relaxed);
        self.counters.items_run.fetch_add(1, Ordering::Relaxed);
        self.emit(false);
        Ok(())
    }

    /// Records items as copied in one transaction (a folder the server copied whole) and
    /// counts them.
    pub fn copied_all(&self, items: &[(&ItemRecord, journal::Written)]) -> Result<(), CoreError> {
        let rows: Vec<(i64, &journal::Written)> = items.iter().map(|(i, w)| (i.id, w)).collect();
        journal::mark_copied_many(self.store, &rows)?;
        for (item, _) in items {
            let g = group_index(item.kind.group());
            self.counters.done[g].fetch_add(1, Ordering::Relaxed);
            self.counters.items_run.fetch_add(1, Ordering::Relaxed);
        }
        self.emit(false);
        Ok(())
    }

    /// Runs `work`, at most `n` at a time, and records each item as its future ends: copied
    /// with what was written, or failed. An `Err` (journal unusable) stops at once.
    pub(crate) async fn record_each<'i>(
        &self,
        work: Vec<BoxFuture<'i, ItemOutcome<'i>>>,
        n: usize,
    ) -> Result<(), CoreError> {
        let results = bounded(work, n);
        tokio::pin!(results);
        while let Some((item, r)) = results.next().await {
            match r? {
                Ok(w) => self.copied(item, &w)?,
                Err(f) => self.failed(item, &f)?,
            }
        }
        Ok(())
    }

    /// Records an item as failed (unless the run was cancelled: it stays as it was, to be
    /// written by the next resume) and counts it.
    pub fn failed(&self, item: &ItemRecord, failure: &Failure) -> Result<(), CoreError> {
        if matches!(failure, Failure::Reason("cancelled", _)) {
            return Ok(());
        }
        journal::mark_failed(self.store, item.id, failure.code(), &failure.detail())?;
        let g = group_index(item.kind.group());
        self.counters.failed[g].fetch_add(1, Ordering::Relaxed);
        self.counters.failed_run.fetch_add(1, Ordering::Relaxed);
        self.emit(false);
        Ok(())
    }

    /// Records where the server put an item (its target as planned was a guess).
    pub fn landed_at(&self, item: &ItemRecord, target: &str) -> Result<(), CoreError> {
        journal::set_target(self.store, item.id, target)
    }

    /// Sets the item shown as current.
    pub fn set_current(&self, current: &str) {
        let mut e = self.emitter.lock().unwrap_or_else(|p| p.into_inner());
        e.current = Some(current.to_owned());
    }

    pub(crate) fn set_phase(&self, phase: Phase) {
        let mut e = self.emitter.lock().unwrap_or_else(|p| p.into_inner());
        e.phase = phase;
    }

    /// Sends a progress event now (`force`) or when the interval has passed.
    pub fn emit(&self, force: bool) {
        let progress = self.snapshot();
        let mut e = self.emitter.lock().unwrap_or_else(|p| p.into_inner());
        let due = e
            .last
            .is_none_or(|t| t.elapsed() >= self.options.progress_interval);
        if force || due {
            e.last = Some(Instant::now());
            let progress = Progress {
                phase: e.phase,
                current: e.current.clone(),
                ..progress
            };
            (e.callback)(progress);
        }
    }

    fn snapshot(&self) -> Progress {
        let c = &self.counters;
        let groups: Vec<GroupProgress> =
            [ItemGroup::Files, ItemGroup::Calendars, ItemGroup::Contacts]
                .into_iter()
                .map(|g| {
                    let i = group_index(g);
                    GroupProgress {
                        group: g,
                        done: c.done[i].load(Ordering::Relaxed),
                        failed: c.failed[i].load(Ordering::Relaxed),
                        total: c.total[i],
                    }
                })
                .filter(|g| g.total > 0)
                .collect();
        let items_done: u64 = groups.iter().map(|g| g.done).sum();
        let items_failed: u64 = groups.iter().map(|g| g.failed).sum();
        let items_total: u64 = groups.iter().map(|g| g.total).sum();
        let bytes_run = c.bytes_run.load(Ordering::Relaxed);
        let bytes_done = (c.bytes_done_before + bytes_run).min(c.bytes_total);
        let secs = self.started.elapsed().as_secs_f64().max(0.001);
        let speed = (bytes_run as f64 / secs) as u64;
        let items_run = c.items_run.load(Ordering::Relaxed);
        let items_left = items_total.saturating_sub(items_done + items_failed);
        let eta = if items_left == 0 {
            Some(0)
        } else if speed > 0 && c.bytes_total > bytes_done && bytes_run > 64 * 1024 {
            Some((c.bytes_total - bytes_done) / speed.max(1))
        } else if items_run > 0 {
            Some((items_left as f64 * secs / items_run as f64).ceil() as u64)
        } else {
            None
        };
        Progress {
            job_id: self.job_id,
            phase: Phase::Copying,
            items_done,
            items_failed,
            items_total,
            bytes_done,
            bytes_total: c.bytes_total,
            bytes_per_second: speed,
            eta_seconds: eta,
            current: None,
            groups,
        }
    }

    /// Items by id.
    pub fn by_id(&self) -> HashMap<i64, &ItemRecord> {
        self.items.iter().map(|i| (i.id, i)).collect()
    }
}

/// Runs (or resumes) job `job_id` with `strategy`, then verifies the destination through
/// `target`. Verified items are never written again; items being written when a previous
/// process died are written again (files replaced, objects only created if absent).
pub async fn run_job<S, FT, CT>(
    store: &Store,
    job_id: i64,
    strategy: &S,
    target: &Side<FT, CT>,
    options: &RunOptions,
    cancel: &CancellationToken,
    progress: &mut (dyn FnMut(Progress) + Send),
) -> Result<RunOutcome, CoreError>
where
    S: Strategy,
    FT: FileTarget,
    CT: CollectionTarget,
{
    let job = journal::job(store, job_id)?;
    if job.summary.strategy != strategy.kind() {
        return Err(CoreError::Handover(HandoverError::StrategyUnavailable(
            strategy.kind().code().to_owned(),
        )));
    }
    let items = journal::items(store, job_id)?;
    let run_id = journal::begin_run(store, job_id)?;
    let started = Instant::now();
    let ctx = RunContext::new(store, job_id, items, cancel.clone(), *options, progress);
    ctx.emit(true);
    let executed = strategy.execute(&ctx).await;
    let bytes = ctx.counters.bytes_run.load(Ordering::Relaxed);
    let copied = ctx.counters.items_run.load(Ordering::Relaxed);
    let failed = ctx.counters.failed_run.load(Ordering::Relaxed);
    let fatal = ctx.take_fatal();
    if let Err(e) = executed {
        let _ = journal::end_run(store, job_id, run_id, JobState::Incomplete, bytes);
        return Err(e);
    }
    if let Some(e) = fatal {
        journal::end_run(store, job_id, run_id, JobState::Incomplete, bytes)?;
        return Err(e.into());
    }
    let mut state = if cancel.is_cancelled() {
        JobState::Cancelled
    } else {
        JobState::Incomplete
    };
    if options.verify && !cancel.is_cancelled() {
        ctx.set_phase(Phase::Verifying);
        ctx.emit(true);
        let verification = verify::verify(store, job_id, target, options.deep_verify).await?;
        if verification.complete {
            state = JobState::Verified;
        }
    }
    journal::end_run(store, job_id, run_id, state, bytes)?;
    ctx.set_phase(Phase::Done);
    ctx.emit(true);
    let after = journal::items(store, job_id)?;
    let outlook = super::retry::outlook(state, &after);
    Ok(RunOutcome {
        job_id,
        state,
        copied,
        failed,
        verified: after
            .iter()
            .filter(|i| i.state == ItemState::Verified)
            .count() as u64,
        skipped: after
            .iter()
            .filter(|i| i.state == ItemState::Skipped)
            .count() as u64,
        bytes,
        duration_ms: started.elapsed().as_millis() as u64,
        resumable: outlook.resumable,
        actions: outlook.actions(),
    })
}

/// Whether every item of a job that moves data reached the recipient (moved, verified or
/// skipped with a reason): its journal is its verification, since the server chose where the
/// data landed and each item was checked there as it went.
pub(crate) fn journal_verification(items: &[super::ItemRecord]) -> super::Verification {
    super::Verification {
        deep: false,
        comparisons: Vec::new(),
        complete: items.iter().all(|i| {
            matches!(
                i.state,
                ItemState::Copied | ItemState::Verified | ItemState::Skipped
            )
        }),
        verified_at: crate::store::now(),
    }
}

/// Runs (or resumes) a job with a strategy that moves data on the server (the OwnershipTransfer
/// app, Nextcloud's own transfer): the strategy checks each item at the recipient as it goes,
/// so the items it records as moved are verified at the end of the run.
pub async fn run_moving<S: Strategy>(
    store: &Store,
    job_id: i64,
    strategy: &S,
    options: &RunOptions,
    cancel: &CancellationToken,
    progress: &mut (dyn FnMut(Progress) + Send),
) -> Result<RunOutcome, CoreError> {
    let options = RunOptions {
        verify: false,
        ..*options
    };
    let none: super::Side<super::DavFiles, super::DavCollections> = super::Side {
        files: None,
        calendars: None,
        contacts: None,
    };
    let mut outcome = run_job(store, job_id, strategy, &none, &options, cancel, progress).await?;
    if cancel.is_cancelled() {
        return Ok(outcome);
    }
    let items = journal::items(store, job_id)?;
    let moved: Vec<i64> = items
        .iter()
        .filter(|i| i.state == ItemState::Copied)
        .map(|i| i.id)
        .collect();
    let verification = journal_verification(&items);
    let complete = verification.complete;
    let state = complete.then_some(JobState::Verified);
    journal::record_verification(store, job_id, &moved, &[], &verification, state)?;
    outcome.verified += moved.len() as u64;
    if complete {
        outcome.state = JobState::Verified;
    }
    let outlook = super::retry::outlook(outcome.state, &journal::items(store, job_id)?);
    outcome.resumable = outlook.resumable;
    outcome.actions = outlook.actions();
    Ok(outcome)
}

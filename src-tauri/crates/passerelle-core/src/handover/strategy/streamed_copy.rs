//! Strategy 4, the streamed copy: with a session on each side, bytes flow from the member's
//! server to the recipient's (the same server or another), never stored on this computer.
//!
//! Order: folders level by level (empty ones included), each created once, then files several
//! at a time, hashed with SHA-1 as they flow, their modification time kept: small ones read
//! into memory by batches (each folder of a batch in one request where the source sends a zip
//! of a selection, else one GET per file) and written with one request per batch where the
//! target takes bulk uploads (Nextcloud's `dav/bulk`); a file a batch could not read or write
//! goes on its own. The others are streamed (`X-OC-MTime`, big ones through chunked upload on Nextcloud targets). Then
//! each calendar and address book
//! (created with the same name and colour) and its objects, created only if absent
//! (`If-None-Match: *`): a "412 already there" is checked by UID and counted as copied, never
//! written twice. The source is only ever read.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use bytes::{Bytes, BytesMut};
use futures_util::StreamExt;
use passerelle_nextcloud::ErrorKind;
use passerelle_nextcloud::dav::RemotePath;
use passerelle_nextcloud::dav::files::{BulkFile, UploadOptions, UploadResult, bulk_path_ok};

use crate::handover::endpoint::{
    BulkUpload, CollectionMeta, CollectionSource, CollectionTarget, FileSource, FileTarget,
    Ownership, Side, TransferError,
};
use crate::handover::journal::{ItemRecord, Written};
use crate::handover::model::{ItemKind, ItemState, PlanTotals, StrategyKind};
use crate::handover::run::{BoxFuture, Failure, RunContext, bounded};

type ItemResult<'a, T> = (&'a ItemRecord, Result<Result<T, Failure>, CoreError>);
type FolderResult<'a> = ItemResult<'a, ()>;
use super::Strategy;
use crate::CoreError;
use crate::handover::checksum::sha1_label;

/// The streamed copy between two sides.
#[derive(Debug)]
pub struct StreamedCopy<'a, FS, CS, FT, CT> {
    /// The departing member (read only).
    pub source: &'a Side<FS, CS>,
    /// The recipient.
    pub target: &'a Side<FT, CT>,
}

impl<'a, FS, CS, FT, CT> StreamedCopy<'a, FS, CS, FT, CT> {
    /// A copy from `source` to `target`.
    pub fn new(source: &'a Side<FS, CS>, target: &'a Side<FT, CT>) -> Self {
        StreamedCopy { source, target }
    }
}

/// SHA-1 of the bytes as they stream, and how many.
struct StreamState {
    hash: ring::digest::Context,
    bytes: u64,
    source_error: Option<TransferError>,
}

fn parse_path(s: &str) -> Result<RemotePath, Failure> {
    RemotePath::parse(s).map_err(|e| Failure::Reason("unsafe-name", e.to_string()))
}

fn depth(item: &ItemRecord) -> usize {
    item.target.split('/').filter(|s| !s.is_empty()).count()
}

/// Batches in flight: while one is written, the next is read. Bulk requests go one at a time
/// (as the desktop client sends them): writers into the same folders wait on each other's
/// locks on the server (with SQLite, `LockWaitTimeoutException`s under load).
const BATCHES_IN_FLIGHT: usize = 2;

/// A small file read into memory, with the SHA-1 of its bytes.
struct ReadFile {
    data: Bytes,
    hash: String,
}

/// Cuts `items` into batches of at most `limits.max_files` files and `limits.max_bytes` bytes.
fn batches<'i>(items: Vec<&'i ItemRecord>, limits: &BulkUpload) -> Vec<Vec<&'i ItemRecord>> {
    let mut out: Vec<Vec<&ItemRecord>> = Vec::new();
    let mut bytes = 0u64;
    for item in items {
        let size = item.size.unwrap_or(0);
        let full = out
            .last()
            .is_none_or(|b| b.len() >= limits.max_files.max(1) || bytes + size > limits.max_bytes);
        if full {
            out.push(Vec::new());
            bytes = 0;
        }
        bytes += size;
        out.last_mut().expect("pushed above").push(item);
    }
    out
}

fn written(item: &ItemRecord, read: &ReadFile, uploaded: UploadResult) -> Written {
    Written {
        size: Some(read.data.len() as u64),
        content_hash: Some(read.hash.clone()),
        target_etag: uploaded.etag,
        mtime_kept: item.mtime.map(|_| uploaded.mtime_accepted),
        detail: None,
    }
}

impl<FS, CS, FT, CT> StreamedCopy<'_, FS, CS, FT, CT>
where
    FS: FileSource,
    CS: CollectionSource,
    FT: FileTarget,
    CT: CollectionTarget,
{
    async fn folders(
        &self,
        run: &RunContext<'_>,
        failed: &mut HashSet<i64>,
    ) -> Result<(), CoreError> {
        let Some(target) = self.target.files.as_ref() else {
            return Ok(());
        };
        let mut levels: BTreeMap<usize, Vec<&ItemRecord>> = BTreeMap::new();
        for it in run.pending().filter(|i| i.kind == ItemKind::Folder) {
            levels.entry(depth(it)).or_default().push(it);
        }
        for (_, level) in levels {
            let failed_so_far: &HashSet<i64> = failed;
            let mut work: Vec<BoxFuture<'_, FolderResult<'_>>> = Vec::new();
            for item in level {
                work.push(Box::pin(async move {
                    if item.parent_id.is_some_and(|p| failed_so_far.contains(&p)) {
                        let f = Failure::Reason("parent-failed", "its folder failed".into());
                        return (item, Ok(Err(f)));
                    }
                    run.set_current(&item.source);
                    let r = run
                        .attempt(item, || async {
                            let path = parse_path(&item.target)?;
                            target.create_folder(&path).await.map_err(Failure::from)
                        })
                        .await;
                    (item, r)
                }));
            }
            let results: Vec<FolderResult<'_>> =
                bounded(work, run.options.parallel_files).collect().await;
            for (item, r) in results {
                match r? {
                    Ok(()) => run.copied(item, &Written::default())?,
                    Err(f) => {
                        failed.insert(item.id);
                        run.failed(item, &f)?;
                    }
                }
            }
            if run.stopped() {
                break;
            }
        }
        Ok(())
    }

    async fn copy_file_once(
        &self,
        run: &RunContext<'_>,
        item: &ItemRecord,
        in_flight: &AtomicU64,
    ) -> Result<Written, Failure> {
        let (Some(source), Some(target)) = (self.source.files.as_ref(), self.target.files.as_ref())
        else {
            return Err(Failure::Reason(
                "parent-failed",
                "no files on one side".into(),
            ));
        };
        let from = parse_path(&item.source)?;
        let to = parse_path(&item.target)?;
        let fetched = source.download(&from).await?;
        let length = fetched.length.or(item.size).unwrap_or(0);
        let state = Arc::new(Mutex::new(StreamState {
            hash: ring::digest::Context::new(&ring::digest::SHA1_FOR_LEGACY_USE_ONLY),
            bytes: 0,
            source_error: None,
        }));
        let shared = state.clone();
        // The run's byte counter lives as long as the run; the body needs 'static: count into
        // a local counter and add it up after each chunk via this Arc.
        let flowing = Arc::new(AtomicU64::new(0));
        let flowing_in = flowing.clone();
        let body = fetched.stream.map(move |chunk| {
            let mut st = shared.lock().unwrap_or_else(|p| p.into_inner());
            match chunk {
                Ok(bytes) => {
                    st.hash.update(&bytes);
                    st.bytes += bytes.len() as u64;
                    flowing_in.fetch_add(bytes.len() as u64, Ordering::Relaxed);
                    Ok(bytes)
                }
                Err(e) => {
                    let message = e.to_string();
                    st.source_error = Some(e);
                    Err(std::io::Error::other(message))
                }
            }
        });
        let options = UploadOptions {
            mtime: item.mtime,
            checksum: item.source_checksum.clone(),
            ..Default::default()
        };
        let upload = target.upload(&to, Box::pin(body), length, options);
        tokio::pin!(upload);
        // Count bytes into the run while the upload goes on.
        let mut seen = 0u64;
        let mut tick =
            tokio::time::interval(run.options.progress_interval.max(Duration::from_millis(10)));
        let result = loop {
            tokio::select! {
                r = &mut upload => break r,
                _ = tick.tick() => {
                    let now = flowing.load(Ordering::Relaxed);
                    run.bytes_counter().fetch_add(now - seen, Ordering::Relaxed);
                    in_flight.fetch_add(now - seen, Ordering::Relaxed);
                    seen = now;
                    run.emit(false);
                }
            }
        };
        let now = flowing.load(Ordering::Relaxed);
        run.bytes_counter().fetch_add(now - seen, Ordering::Relaxed);
        in_flight.fetch_add(now - seen, Ordering::Relaxed);
        let mut st = state.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(e) = st.source_error.take() {
            return Err(e.into());
        }
        let uploaded = result?;
        if st.bytes != length {
            return Err(Failure::Reason(
                "changed-during-copy",
                format!("{} bytes read, {length} announced", st.bytes),
            ));
        }
        let digest = std::mem::replace(
            &mut st.hash,
            ring::digest::Context::new(&ring::digest::SHA1_FOR_LEGACY_USE_ONLY),
        )
        .finish();
        let hash = sha1_label(digest.as_ref());
        if let Some(expected) = &item.source_checksum
            && !expected.eq_ignore_ascii_case(&hash)
        {
            return Err(Failure::Reason(
                "checksum-mismatch",
                format!("read {hash}, the source stores {expected}"),
            ));
        }
        Ok(Written {
            size: Some(st.bytes),
            content_hash: Some(hash),
            target_etag: uploaded.etag,
            mtime_kept: item.mtime.map(|_| uploaded.mtime_accepted),
            detail: None,
        })
    }

    async fn files(&self, run: &RunContext<'_>, failed: &HashSet<i64>) -> Result<(), CoreError> {
        let pending: Vec<&ItemRecord> =
            run.pending().filter(|i| i.kind == ItemKind::File).collect();
        let bulk = match (&self.source.files, &self.target.files) {
            (Some(_), Some(target)) if !pending.is_empty() => target.bulk_upload().await,
            _ => None,
        };
        let Some(limits) = bulk else {
            return self.single_files(run, failed, pending).await;
        };
        let (small, single): (Vec<&ItemRecord>, Vec<&ItemRecord>) =
            pending.into_iter().partition(|item| {
                item.size.is_some_and(|s| s <= limits.max_file_size)
                    && !item.parent_id.is_some_and(|p| failed.contains(&p))
                    && RemotePath::parse(&item.target).is_ok_and(|p| bulk_path_ok(&p))
            });
        // Files of one folder together: a batch reads each of its folders in one request.
        let mut small = small;
        small.sort_by_key(|i| i.parent_id);
        let writing = tokio::sync::Semaphore::new(1);
        let mut work: Vec<BoxFuture<'_, Result<(), CoreError>>> = Vec::new();
        for batch in batches(small, &limits) {
            work.push(Box::pin(self.copy_batch(run, batch, limits, &writing)));
        }
        let results = bounded(work, BATCHES_IN_FLIGHT);
        tokio::pin!(results);
        while let Some(r) = results.next().await {
            r?;
        }
        if run.stopped() {
            return Ok(());
        }
        self.single_files(run, failed, single).await
    }

    /// Reads a small file whole, checking its length and the source's checksum.
    async fn read_small(
        &self,
        item: &ItemRecord,
        limits: &BulkUpload,
    ) -> Result<ReadFile, Failure> {
        let Some(source) = self.source.files.as_ref() else {
            return Err(Failure::Reason(
                "parent-failed",
                "no files on one side".into(),
            ));
        };
        let from = parse_path(&item.source)?;
        let mut fetched = source.download(&from).await?;
        let length = fetched.length.or(item.size).unwrap_or(0);
        let grown = |n: u64| {
            Failure::Reason(
                "changed-during-copy",
                format!("{n} bytes read, {} planned", item.size.unwrap_or(0)),
            )
        };
        // Grown far beyond the plan: not held in memory; a new plan streams it.
        let cap = limits
            .max_file_size
            .saturating_mul(4)
            .max(limits.max_file_size);
        if length > cap {
            return Err(grown(length));
        }
        let mut data = BytesMut::with_capacity(length as usize);
        let mut hash = ring::digest::Context::new(&ring::digest::SHA1_FOR_LEGACY_USE_ONLY);
        while let Some(chunk) = fetched.stream.next().await {
            let chunk = chunk?;
            hash.update(&chunk);
            data.extend_from_slice(&chunk);
            if data.len() as u64 > cap {
                return Err(grown(data.len() as u64));
            }
        }
        if data.len() as u64 != length {
            return Err(Failure::Reason(
                "changed-during-copy",
                format!("{} bytes read, {length} announced", data.len()),
            ));
        }
        let hash = sha1_label(hash.finish().as_ref());
        if let Some(expected) = &item.source_checksum
            && !expected.eq_ignore_ascii_case(&hash)
        {
            return Err(Failure::Reason(
                "checksum-mismatch",
                format!("read {hash}, the source stores {expected}"),
            ));
        }
        Ok(ReadFile {
            data: data.freeze(),
            hash,
        })
    }

    /// Reads the files of a batch folder by folder, one request per folder where the source
    /// sends several files at once (Nextcloud's zip download). Returns the files read and
    /// checked, and those to read one by one (not offered, request failed, missing from the
    /// answer, or not matching the source's checksum: read alone, their failure is classified
    /// as usual).
    async fn read_by_folder<'i>(
        &self,
        run: &RunContext<'_>,
        batch: Vec<&'i ItemRecord>,
        limits: &BulkUpload,
    ) -> Result<(Vec<(&'i ItemRecord, ReadFile)>, Vec<&'i ItemRecord>), CoreError> {
        let Some(source) = self.source.files.as_ref() else {
            return Ok((Vec::new(), batch));
        };
        let mut folders: BTreeMap<RemotePath, Vec<(&ItemRecord, String)>> = BTreeMap::new();
        let mut one_by_one = Vec::new();
        for item in batch {
            match RemotePath::parse(&item.source) {
                Ok(p) => match (p.parent(), p.name()) {
                    (Some(parent), Some(name)) => {
                        let name = name.to_owned();
                        folders.entry(parent).or_default().push((item, name));
                    }
                    _ => one_by_one.push(item),
                },
                Err(_) => one_by_one.push(item),
            }
        }
        let mut ready = Vec::new();
        for (folder, items) in folders {
            if run.stopped() {
                break;
            }
            let names: Vec<String> = items.iter().map(|(_, n)| n.clone()).collect();
            let planned: u64 = items.iter().map(|(i, _)| i.size.unwrap_or(0)).sum();
            let limit = planned.max(limits.max_bytes).saturating_mul(2);
            run.set_current(&folder.to_string());
            let answer = match source.download_batch(&folder, &names, limit).await {
                Ok(Some(files)) if files.len() == items.len() => files,
                _ => {
                    one_by_one.extend(items.into_iter().map(|(i, _)| i));
                    continue;
                }
            };
            for ((item, _), data) in items.into_iter().zip(answer) {
                let Some(data) = data else {
                    one_by_one.push(item);
                    continue;
                };
                let mut hash = ring::digest::Context::new(&ring::digest::SHA1_FOR_LEGACY_USE_ONLY);
                hash.update(&data);
                let hash = sha1_label(hash.finish().as_ref());
                let matches = item
                    .source_checksum
                    .as_ref()
                    .is_none_or(|expected| expected.eq_ignore_ascii_case(&hash));
                if matches {
                    crate::handover::journal::begin_attempt(run.store, item.id)?;
                    ready.push((item, ReadFile { data, hash }));
                } else {
                    one_by_one.push(item);
                }
            }
        }
        Ok((ready, one_by_one))
    }

    /// Writes one file already read, with a request of its own.
    async fn put_read(&self, item: &ItemRecord, read: &ReadFile) -> Result<Written, Failure> {
        let Some(target) = self.target.files.as_ref() else {
            return Err(Failure::Reason(
                "parent-failed",
                "no files on one side".into(),
            ));
        };
        let to = parse_path(&item.target)?;
        let options = UploadOptions {
            mtime: item.mtime,
            checksum: item.source_checksum.clone(),
            ..Default::default()
        };
        let body = futures_util::stream::iter([Ok(read.data.clone())]);
        let uploaded = target
            .upload(&to, Box::pin(body), read.data.len() as u64, options)
            .await?;
        Ok(written(item, read, uploaded))
    }

    /// One batch of small files: each read (several at a time, retried like any file), then
    /// all written with one request. A file the request did not write (refused, or the whole
    /// request failed) is written again on its own, so its failure is classified as usual.
    async fn copy_batch(
        &self,
        run: &RunContext<'_>,
        batch: Vec<&ItemRecord>,
        limits: BulkUpload,
        writing: &tokio::sync::Semaphore,
    ) -> Result<(), CoreError> {
        let Some(target) = self.target.files.as_ref() else {
            return Ok(());
        };
        let limits = &limits;
        let (mut ready, one_by_one) = self.read_by_folder(run, batch, limits).await?;
        let mut reads: Vec<BoxFuture<'_, ItemResult<'_, ReadFile>>> = Vec::new();
        for item in one_by_one {
            reads.push(Box::pin(async move {
                run.set_current(&item.source);
                let r = run.attempt(item, || self.read_small(item, limits)).await;
                (item, r)
            }));
        }
        let reads = bounded(reads, run.options.parallel_files);
        tokio::pin!(reads);
        while let Some((item, r)) = reads.next().await {
            match r? {
                Ok(read) => ready.push((item, read)),
                Err(f) => run.failed(item, &f)?,
            }
        }
        if ready.is_empty() || run.stopped() {
            return Ok(());
        }
        let files: Vec<BulkFile> = ready
            .iter()
            .filter_map(|(item, read)| {
                Some(BulkFile {
                    path: RemotePath::parse(&item.target).ok()?,
                    data: read.data.clone(),
                    mtime: item.mtime,
                    checksum: item.source_checksum.clone(),
                })
            })
            .collect();
        let answers = if files.len() == ready.len() {
            let _turn = writing.acquire().await;
            target.upload_bulk(&files).await.ok()
        } else {
            None
        };
        drop(files);
        let mut alone: Vec<(&ItemRecord, ReadFile)> = Vec::new();
        match answers {
            Some(answers) if answers.len() == ready.len() => {
                for ((item, read), answer) in ready.into_iter().zip(answers) {
                    match answer {
                        Ok(uploaded) => {
                            let w = written(item, &read, uploaded);
                            run.bytes_counter()
                                .fetch_add(read.data.len() as u64, Ordering::Relaxed);
                            run.copied(item, &w)?;
                        }
                        Err(_) => alone.push((item, read)),
                    }
                }
            }
            _ => alone = ready,
        }
        let mut puts: Vec<BoxFuture<'_, ItemResult<'_, Written>>> = Vec::new();
        for (item, read) in &alone {
            puts.push(Box::pin(async move {
                let r = run.attempt(item, || self.put_read(item, read)).await;
                if matches!(r, Ok(Ok(_))) {
                    run.bytes_counter()
                        .fetch_add(read.data.len() as u64, Ordering::Relaxed);
                }
                (*item, r)
            }));
        }
        run.record_each(puts, run.options.parallel_files).await?;
        Ok(())
    }

    /// Files streamed one request each (big ones, or every file where bulk upload is not
    /// offered).
    async fn single_files(
        &self,
        run: &RunContext<'_>,
        failed: &HashSet<i64>,
        pending: Vec<&ItemRecord>,
    ) -> Result<(), CoreError> {
        let mut work: Vec<BoxFuture<'_, ItemResult<'_, Written>>> = Vec::new();
        for item in pending {
            work.push(Box::pin(async move {
                if item.parent_id.is_some_and(|p| failed.contains(&p)) {
                    let f =
                        Failure::Reason("parent-failed", "its folder could not be created".into());
                    return (item, Ok(Err(f)));
                }
                run.set_current(&item.source);
                let r = run
                    .attempt(item, || async {
                        let in_flight = AtomicU64::new(0);
                        let r = self.copy_file_once(run, item, &in_flight).await;
                        if r.is_err() {
                            // Bytes of a failed attempt are not progress.
                            let n = in_flight.load(Ordering::Relaxed);
                            let _ = run.bytes_counter().fetch_update(
                                Ordering::Relaxed,
                                Ordering::Relaxed,
                                |v| Some(v.saturating_sub(n)),
                            );
                        }
                        r
                    })
                    .await;
                (item, r)
            }));
        }
        run.record_each(work, run.options.parallel_files).await?;
        Ok(())
    }

    pub(super) async fn collections(
        &self,
        run: &RunContext<'_>,
        kind: ItemKind,
        source: Option<&CS>,
        target: Option<&CT>,
    ) -> Result<(), CoreError> {
        let object_kind = if kind == ItemKind::Calendar {
            ItemKind::CalendarObject
        } else {
            ItemKind::Contact
        };
        let collections: Vec<&ItemRecord> = run
            .items
            .iter()
            .filter(|i| i.kind == kind && i.state != ItemState::Skipped)
            .collect();
        let mut objects_of: HashMap<i64, Vec<&ItemRecord>> = HashMap::new();
        for o in run.pending().filter(|i| i.kind == object_kind) {
            if let Some(p) = o.parent_id {
                objects_of.entry(p).or_default().push(o);
            }
        }
        for coll in collections {
            if run.stopped() {
                break;
            }
            let pending_objects = objects_of.remove(&coll.id).unwrap_or_default();
            let collection_pending = matches!(coll.state, ItemState::Planned | ItemState::Failed);
            if !collection_pending && pending_objects.is_empty() {
                continue;
            }
            let (Some(source), Some(target)) = (source, target) else {
                let f = Failure::Reason(
                    "parent-failed",
                    "no server for this kind on one side".into(),
                );
                run.failed(coll, &f)?;
                continue;
            };
            run.set_current(&coll.source);
            // The source's listing gives the name, colour and objects with their data.
            let listed = run
                .attempt(coll, || async {
                    let metas = source.collections().await?;
                    let meta = metas
                        .into_iter()
                        .find(|m| m.uri == coll.source)
                        .ok_or_else(|| {
                            Failure::Transfer(TransferError::new(ErrorKind::NotFound).with_message(
                                format!("{} is no longer at the source", coll.source),
                            ))
                        })?;
                    let objects = source.objects(&coll.source).await?;
                    Ok((meta, objects))
                })
                .await?;
            let (meta, objects) = match listed {
                Ok(v) => v,
                Err(f) => {
                    run.failed(coll, &f)?;
                    self.fail_all(run, &pending_objects, "parent-failed")?;
                    continue;
                }
            };
            if collection_pending {
                let created = run
                    .attempt(coll, || create_collection(target, &coll.target, &meta))
                    .await?;
                match created {
                    Ok(()) => run.copied(coll, &Written::default())?,
                    Err(f) => {
                        run.failed(coll, &f)?;
                        self.fail_all(run, &pending_objects, "parent-failed")?;
                        continue;
                    }
                }
            }
            let by_name: HashMap<&str, &passerelle_nextcloud::dav::DavObject> =
                objects.iter().map(|o| (o.name.as_str(), o)).collect();
            let uri = coll.target.as_str();
            let by_name = &by_name;
            let mut work: Vec<BoxFuture<'_, ItemResult<'_, Written>>> = Vec::new();
            for item in pending_objects {
                work.push(Box::pin(async move {
                    let found = by_name.get(item.source.as_str()).copied();
                    run.set_current(&format!("{}/{}", coll.source, item.source));
                    let r = run
                        .attempt(item, || async {
                            let obj = found.ok_or_else(|| {
                                Failure::Transfer(
                                    TransferError::new(ErrorKind::NotFound).with_message(format!(
                                        "{} is no longer at the source",
                                        item.source
                                    )),
                                )
                            })?;
                            let data = obj.data.as_deref().unwrap_or_default();
                            put_object(target, uri, item, data).await
                        })
                        .await;
                    (item, r)
                }));
            }
            run.record_each(work, run.options.parallel_objects).await?;
        }
        Ok(())
    }

    fn fail_all(
        &self,
        run: &RunContext<'_>,
        items: &[&ItemRecord],
        reason: &'static str,
    ) -> Result<(), CoreError> {
        for it in items {
            run.failed(
                it,
                &Failure::Reason(reason, "its collection could not be handed over".into()),
            )?;
        }
        Ok(())
    }
}

async fn create_collection<CT: CollectionTarget>(
    target: &CT,
    uri: &str,
    meta: &CollectionMeta,
) -> Result<(), Failure> {
    match target.create_collection(uri, meta).await {
        Ok(()) => Ok(()),
        // Already there: created by an earlier run of this job that died before recording
        // it (the plan picked a URI free at the destination).
        Err(e) if matches!(e.kind(), ErrorKind::NotAllowed | ErrorKind::Conflict) => {
            let exists = target.collections().await?.iter().any(|c| c.uri == uri);
            if exists { Ok(()) } else { Err(e.into()) }
        }
        Err(e) => Err(e.into()),
    }
}

async fn put_object<CT: CollectionTarget>(
    target: &CT,
    uri: &str,
    item: &ItemRecord,
    data: &str,
) -> Result<Written, Failure> {
    let written = |detail: Option<&str>| Written {
        size: Some(data.len() as u64),
        detail: detail.map(str::to_owned),
        ..Default::default()
    };
    match target
        .put_new(uri, &item.target, item.uid.as_deref(), data)
        .await
    {
        Ok(()) => Ok(written(None)),
        // 412: something with this UID (or name) is there; never write it twice.
        Err(e) if e.kind() == ErrorKind::Conflict => match item.uid.as_deref() {
            Some(uid) => match target.find_uid(uri, uid).await? {
                Some(_) => Ok(written(Some("already at the destination"))),
                None => Err(e.into()),
            },
            None => Ok(written(Some("already at the destination"))),
        },
        Err(e) => Err(e.into()),
    }
}

/// A source collection the copy may take (the plan already excluded the others).
pub(crate) fn movable(meta: &CollectionMeta) -> Option<&'static str> {
    if meta.is_birthday {
        Some("birthday-calendar")
    } else {
        match meta.ownership {
            Ownership::Owned => generated(&meta.uri),
            Ownership::SharedWithMe => Some("shared-with-member"),
            Ownership::System => Some("system-collection"),
        }
    }
}

/// Why a collection the member owns is still not theirs to hand over, from its URI: Nextcloud
/// names what an app makes and keeps up to date `z-app-generated--<app>--<name>` (the
/// contactsinteraction app's "Recently contacted" address book: read only, a PUT answers 405,
/// and the app makes it again at the recipient) and what the server makes
/// `z-server-generated--<name>`.
pub(crate) fn generated(uri: &str) -> Option<&'static str> {
    if uri.starts_with("z-app-generated--") {
        Some("app-generated")
    } else if uri.starts_with("z-server-generated--") {
        Some("system-collection")
    } else {
        None
    }
}

impl<FS, CS, FT, CT> Strategy for StreamedCopy<'_, FS, CS, FT, CT>
where
    FS: FileSource,
    CS: CollectionSource,
    FT: FileTarget,
    CT: CollectionTarget,
{
    fn kind(&self) -> StrategyKind {
        StrategyKind::StreamedCopy
    }

    fn estimate(&self, totals: &PlanTotals) -> Duration {
        estimate(totals)
    }

    async fn execute(&self, run: &RunContext<'_>) -> Result<(), CoreError> {
        let mut failed = HashSet::new();
        self.folders(run, &mut failed).await?;
        let work = async {
            if !run.stopped() {
                self.files(run, &failed).await?;
            }
            self.all_collections(run).await
        };
        until_cancelled(run, work).await
    }
}

impl<FS, CS, FT, CT> StreamedCopy<'_, FS, CS, FT, CT>
where
    FS: FileSource,
    CS: CollectionSource,
    FT: FileTarget,
    CT: CollectionTarget,
{
    /// The job's calendars, then its address books, each with its objects.
    async fn all_collections(&self, run: &RunContext<'_>) -> Result<(), CoreError> {
        if !run.stopped() {
            self.collections(
                run,
                ItemKind::Calendar,
                self.source.calendars.as_ref(),
                self.target.calendars.as_ref(),
            )
            .await?;
        }
        if !run.stopped() {
            self.collections(
                run,
                ItemKind::AddressBook,
                self.source.contacts.as_ref(),
                self.target.contacts.as_ref(),
            )
            .await?;
        }
        Ok(())
    }
}

/// Runs `work` until it ends or the run is cancelled. Cancelling drops the transfers in flight:
/// their items stay planned and are written again by the next resume.
async fn until_cancelled(
    run: &RunContext<'_>,
    work: impl Future<Output = Result<(), CoreError>>,
) -> Result<(), CoreError> {
    tokio::select! {
        r = work => r,
        _ = run.cancel.cancelled() => Ok(()),
    }
}

/// A strategy that moves or copies only files on the server (the copy through a share,
/// Nextcloud's own transfer), with the job's calendars and address books carried by the
/// streamed copy between the same two sessions: first the files its way, then each collection
/// and its objects as [`StreamedCopy`] does (created only if absent, never written twice). The
/// member keeps their calendars and contacts (a copy), as the plan's note says.
#[derive(Debug)]
pub struct WithCollectionCopy<'a, S, FS, CS, FT, CT> {
    files: S,
    copy: StreamedCopy<'a, FS, CS, FT, CT>,
}

impl<'a, S, FS, CS, FT, CT> WithCollectionCopy<'a, S, FS, CS, FT, CT> {
    /// `files` hands the files over; the collections go from `source` to `target`.
    pub fn new(files: S, source: &'a Side<FS, CS>, target: &'a Side<FT, CT>) -> Self {
        WithCollectionCopy {
            files,
            copy: StreamedCopy::new(source, target),
        }
    }
}

impl<S, FS, CS, FT, CT> Strategy for WithCollectionCopy<'_, S, FS, CS, FT, CT>
where
    S: Strategy,
    FS: FileSource,
    CS: CollectionSource,
    FT: FileTarget,
    CT: CollectionTarget,
{
    fn kind(&self) -> StrategyKind {
        self.files.kind()
    }

    fn estimate(&self, totals: &PlanTotals) -> Duration {
        let collections = PlanTotals {
            files: 0,
            folders: 0,
            bytes: 0,
            ..*totals
        };
        self.files.estimate(totals) + estimate(&collections)
    }

    async fn execute(&self, run: &RunContext<'_>) -> Result<(), CoreError> {
        self.files.execute(run).await?;
        until_cancelled(run, self.copy.all_collections(run)).await
    }
}

/// A rough duration for the streamed copy: per-request overhead of small items (several at a
/// time) plus bytes at a modest rate. Shown as an order of magnitude, not a promise.
pub fn estimate(totals: &PlanTotals) -> Duration {
    const BYTES_PER_SECOND: f64 = 8.0 * 1024.0 * 1024.0;
    const SECONDS_PER_FILE: f64 = 0.05;
    const SECONDS_PER_OBJECT: f64 = 0.03;
    const SECONDS_PER_COLLECTION: f64 = 0.5;
    let secs = totals.bytes as f64 / BYTES_PER_SECOND
        + (totals.files + totals.folders) as f64 * SECONDS_PER_FILE
        + (totals.calendar_objects.unwrap_or(0) + totals.contacts.unwrap_or(0)) as f64
            * SECONDS_PER_OBJECT
        + (totals.calendars + totals.address_books) as f64 * SECONDS_PER_COLLECTION;
    Duration::from_secs_f64(secs.ceil())
}

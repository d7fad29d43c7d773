//! Verification: the destination compared with the journal, side by side. Files: everything
//! below the destination in one request when it is small, then each folder that listing does
//! not show as planned listed alone, a folder after its parent (Nextcloud scans a folder
//! copied on the server only then); every file present with the size written, and its checksum
//! compared when the destination stores one (deep: downloaded again and hashed). Calendars and
//! address books: present, with every planned UID (or name, for objects without UID).
//!
//! Items found as planned become verified; the others failed with a reason, so a resume writes
//! them again. Items never written (planned, failed) only count as missing.

use std::collections::{BTreeMap, HashMap, HashSet};

use futures_util::StreamExt;
use passerelle_nextcloud::dav::RemotePath;
use passerelle_nextcloud::dav::files::FileEntry;

use super::checksum::{sha1_label, sha1_of};
use super::endpoint::{CollectionTarget, FileTarget, Side, TransferError};
use super::journal::{self, ItemRecord};
use super::model::{Comparison, ItemKind, ItemState, JobState, Verification};
use super::tasks::{BoxFuture, bounded};
use crate::handover::error::HandoverError;
use crate::store::now;
use crate::{CoreError, Store};

const PARALLEL_LISTINGS: usize = 4;

/// At most this many items below the destination are checked against one listing of the
/// whole destination (PROPFIND `Depth: infinity`, held in memory: about 1 KB an entry).
const VERIFY_TREE_ITEMS: usize = 10_000;

/// ... and only when the destination holds at most this many bytes that are not the job's
/// (a hand-over merged into a big existing folder is listed folder by folder).
const OTHER_BYTES: u64 = 256 * 1024 * 1024;

type Listing = (RemotePath, Result<Vec<FileEntry>, TransferError>);

type Listed = HashMap<RemotePath, HashMap<RemotePath, FileEntry>>;

/// The children of each folder (a few listings at a time); a folder not found has none.
async fn list_folders<FT: FileTarget>(
    ft: &FT,
    folders: Vec<RemotePath>,
) -> Result<Listed, CoreError> {
    let mut work: Vec<BoxFuture<'_, Listing>> = Vec::new();
    for p in folders {
        work.push(Box::pin(async move {
            let r = ft.list(&p).await;
            (p, r)
        }));
    }
    let listings: Vec<Listing> = bounded(work, PARALLEL_LISTINGS).collect().await;
    let mut listed = Listed::new();
    for (p, r) in listings {
        listed.insert(p, children(r)?);
    }
    Ok(listed)
}

/// A listing's children by path; a folder not found has none.
fn children(
    listing: Result<Vec<FileEntry>, TransferError>,
) -> Result<HashMap<RemotePath, FileEntry>, CoreError> {
    match listing {
        Ok(entries) => Ok(entries.into_iter().map(|e| (e.path.clone(), e)).collect()),
        Err(e) if e.kind() == passerelle_nextcloud::ErrorKind::NotFound => Ok(HashMap::new()),
        Err(e) => Err(e.into()),
    }
}

/// Lists each of `folders` alone (a few at a time), a folder only once its parent's listing
/// came back when the parent is listed too, and only when the listing of its parent shows it
/// (`shown(parent, folder)`: `None` when that parent was not listed). Nextcloud 29 scans a
/// folder when it is listed alone; listed while its parent's scan still runs, a folder was
/// once answered as missing although it was there. A folder its parent does not show is
/// missing with everything below it (no children): it is not asked for.
async fn list_in_order<FT: FileTarget>(
    ft: &FT,
    folders: Vec<RemotePath>,
    shown: impl Fn(&RemotePath, &RemotePath) -> Option<bool>,
) -> Result<Listed, CoreError> {
    let wanted: HashSet<RemotePath> = folders.iter().cloned().collect();
    let mut waiting: HashMap<RemotePath, Vec<RemotePath>> = HashMap::new();
    let mut ready: Vec<RemotePath> = Vec::new();
    let mut listed = Listed::new();
    for f in folders {
        match f.parent() {
            Some(parent) if wanted.contains(&parent) => waiting.entry(parent).or_default().push(f),
            Some(parent) => match shown(&parent, &f) {
                Some(false) => absent(&f, &mut waiting, &mut listed),
                Some(true) | None => ready.push(f),
            },
            None => ready.push(f),
        }
    }
    let mut running = futures_util::stream::FuturesUnordered::new();
    loop {
        while running.len() < PARALLEL_LISTINGS
            && let Some(p) = ready.pop()
        {
            running.push(async move {
                let r = ft.list(&p).await;
                (p, r)
            });
        }
        let Some((p, r)) = running.next().await else {
            break;
        };
        let entries = children(r)?;
        for child in waiting.remove(&p).unwrap_or_default() {
            if entries.get(&child).is_some_and(|e| e.is_dir) {
                ready.push(child);
            } else {
                absent(&child, &mut waiting, &mut listed);
            }
        }
        listed.insert(p, entries);
    }
    Ok(listed)
}

/// Records `folder` and the wanted folders below it as empty: it is not there.
fn absent(
    folder: &RemotePath,
    waiting: &mut HashMap<RemotePath, Vec<RemotePath>>,
    listed: &mut Listed,
) {
    let mut todo = vec![folder.clone()];
    while let Some(f) = todo.pop() {
        todo.extend(waiting.remove(&f).unwrap_or_default());
        listed.insert(f, HashMap::new());
    }
}

/// Whether `entry` is `item` as written (kind and size; the checksum is compared later).
fn as_planned(item: &ItemRecord, entry: Option<&FileEntry>) -> bool {
    match (item.kind, entry) {
        (_, None) => false,
        (ItemKind::Folder, Some(e)) => e.is_dir,
        (_, Some(e)) => {
            !e.is_dir && e.size.unwrap_or(0) == item.copied_size.or(item.size).unwrap_or(0)
        }
    }
}

/// What was found for one item.
enum Found {
    Ok { hashed: bool, bytes: u64 },
    Bad(&'static str, String),
}

async fn hash_target<FT: FileTarget>(
    target: &FT,
    path: &RemotePath,
) -> Result<(String, u64), TransferError> {
    let mut fetched = target.download(path).await?;
    let mut ctx = ring::digest::Context::new(&ring::digest::SHA1_FOR_LEGACY_USE_ONLY);
    let mut n = 0u64;
    while let Some(chunk) = fetched.stream.next().await {
        let chunk = chunk?;
        n += chunk.len() as u64;
        ctx.update(&chunk);
    }
    Ok((sha1_label(ctx.finish().as_ref()), n))
}

async fn check_file<FT: FileTarget>(
    target: &FT,
    item: &ItemRecord,
    entry: Option<&FileEntry>,
    deep: bool,
) -> Found {
    let Some(entry) = entry else {
        return Found::Bad(
            "missing-at-destination",
            format!("{} not found", item.target),
        );
    };
    if item.kind == ItemKind::Folder {
        return if entry.is_dir {
            Found::Ok {
                hashed: false,
                bytes: 0,
            }
        } else {
            Found::Bad(
                "missing-at-destination",
                "a file is there instead of the folder".into(),
            )
        };
    }
    if entry.is_dir {
        return Found::Bad(
            "missing-at-destination",
            "a folder is there instead of the file".into(),
        );
    }
    let expected = item.copied_size.or(item.size).unwrap_or(0);
    let size = entry.size.unwrap_or(0);
    if size != expected {
        return Found::Bad(
            "size-mismatch",
            format!("{size} bytes at the destination, {expected} written"),
        );
    }
    let written = item
        .content_hash
        .as_deref()
        .or(item.source_checksum.as_deref());
    let mut hashed = false;
    if let (Some(written), Some(stored)) = (written, sha1_of(&entry.checksums)) {
        if !written.eq_ignore_ascii_case(&stored) {
            return Found::Bad(
                "checksum-mismatch",
                format!("{stored} at the destination, {written} written"),
            );
        }
        hashed = true;
    }
    if deep && let Some(written) = written {
        let Ok(path) = RemotePath::parse(&item.target) else {
            return Found::Bad("missing-at-destination", "unusable path".into());
        };
        match hash_target(target, &path).await {
            Ok((hash, n)) if hash.eq_ignore_ascii_case(written) && n == expected => hashed = true,
            Ok((hash, _)) => {
                return Found::Bad(
                    "checksum-mismatch",
                    format!("{hash} at the destination, {written} written"),
                );
            }
            Err(e) => return Found::Bad("missing-at-destination", e.to_string()),
        }
    }
    Found::Ok {
        hashed,
        bytes: size,
    }
}

/// Verifies job `job_id` at the destination and records the result (items verified or failed,
/// the side-by-side comparison; the job becomes verified when complete, unless it is running).
pub async fn verify<FT: FileTarget, CT: CollectionTarget>(
    store: &Store,
    job_id: i64,
    target: &Side<FT, CT>,
    deep: bool,
) -> Result<Verification, CoreError> {
    let job = journal::job(store, job_id)?;
    let items = journal::items(store, job_id)?;
    let written = |i: &ItemRecord| matches!(i.state, ItemState::Copied | ItemState::Verified);
    let mut verified: Vec<i64> = Vec::new();
    let mut mismatches: Vec<(i64, &'static str, String)> = Vec::new();
    let mut comparisons = Vec::new();

    // ---- Files: one listing per destination folder.
    let file_items: Vec<&ItemRecord> = items
        .iter()
        .filter(|i| {
            matches!(i.kind, ItemKind::Folder | ItemKind::File) && i.state != ItemState::Skipped
        })
        .collect();
    if !file_items.is_empty() {
        let mut files_cmp = Comparison {
            kind: ItemKind::File,
            source: "/".into(),
            target: job.summary.destination.clone(),
            source_count: file_items.len() as u64,
            target_count: 0,
            source_bytes: file_items
                .iter()
                .filter_map(|i| (i.kind == ItemKind::File).then_some(i.size.unwrap_or(0)))
                .sum(),
            target_bytes: 0,
            hashes_matched: 0,
            mismatches: 0,
        };
        let mut by_parent: BTreeMap<RemotePath, Vec<&ItemRecord>> = BTreeMap::new();
        for it in &file_items {
            if !written(it) {
                files_cmp.mismatches += 1;
                continue;
            }
            match RemotePath::parse(&it.target) {
                Ok(p) => by_parent
                    .entry(p.parent().unwrap_or_default())
                    .or_default()
                    .push(it),
                Err(e) => mismatches.push((it.id, "unsafe-name", e.to_string())),
            }
        }
        let Some(ft) = target.files.as_ref() else {
            return Err(CoreError::Handover(HandoverError::Selection {
                item: "files".into(),
                reason: "the destination has no files server".into(),
            }));
        };
        // The folders outside the destination (its parent, for the destination itself) one by
        // one; then everything below the destination in one request when the journal says it
        // is small and the destination holds little else. What that listing shows as planned
        // is taken; the folders it does not fully show are listed alone, parents first.
        let dest = RemotePath::parse(&job.summary.destination).ok();
        let below_dest = |p: &RemotePath| {
            dest.as_ref()
                .is_some_and(|d| !d.is_root() && p.segments().starts_with(d.segments()))
        };
        let (inside, outside): (Vec<RemotePath>, Vec<RemotePath>) =
            by_parent.keys().cloned().partition(|p| below_dest(p));
        let mut listed = list_folders(ft, outside).await?;
        let mut seen = Listed::new();
        if let Some(dest) = dest.as_ref().filter(|_| !inside.is_empty()) {
            let ours: Vec<&&ItemRecord> = by_parent
                .iter()
                .filter(|(p, _)| below_dest(p))
                .flat_map(|(_, its)| its)
                .collect();
            let ours_bytes: u64 = ours.iter().filter_map(|i| i.size).sum();
            let there = dest
                .parent()
                .and_then(|p| listed.get(&p))
                .and_then(|m| m.get(dest))
                .and_then(|e| e.size);
            // Unknown size (no listing of its parent, or not scanned yet): small enough when
            // ours is.
            let small = ours.len() <= VERIFY_TREE_ITEMS
                && there.unwrap_or(ours_bytes) <= ours_bytes.saturating_add(OTHER_BYTES);
            let tree = if small {
                ft.list_tree(dest).await.ok().flatten()
            } else {
                None
            };
            for p in &inside {
                seen.entry(p.clone()).or_default();
            }
            for e in tree.into_iter().flatten() {
                if let Some(parent) = e.path.parent()
                    && let Some(m) = seen.get_mut(&parent)
                {
                    m.insert(e.path.clone(), e);
                }
            }
        }
        // Nextcloud 29 does not scan what a server-side COPY wrote until each folder is listed
        // alone: a tree listing right after shows such a folder (`oc:size` -1), not its files.
        let (shown, unshown): (Vec<RemotePath>, Vec<RemotePath>) =
            inside.into_iter().partition(|p| {
                seen.get(p).is_some_and(|m| {
                    by_parent[p].iter().all(|it| {
                        RemotePath::parse(&it.target).is_ok_and(|t| as_planned(it, m.get(&t)))
                    })
                })
            });
        for p in shown {
            if let Some(m) = seen.remove(&p) {
                listed.insert(p, m);
            }
        }
        let found = list_in_order(ft, unshown, |parent, child| {
            listed
                .get(parent)
                .or_else(|| seen.get(parent))
                .map(|m| m.get(child).is_some_and(|e| e.is_dir))
        })
        .await?;
        listed.extend(found);
        let checks = by_parent.iter().flat_map(|(parent, its)| {
            let entries = listed.get(parent);
            its.iter().map(move |it| {
                let entry = RemotePath::parse(&it.target)
                    .ok()
                    .and_then(|p| entries.and_then(|m| m.get(&p)));
                (*it, entry)
            })
        });
        let mut work: Vec<BoxFuture<'_, (&ItemRecord, Found)>> = Vec::new();
        for (it, entry) in checks {
            work.push(Box::pin(async move {
                (it, check_file(ft, it, entry, deep).await)
            }));
        }
        let n = if deep { PARALLEL_LISTINGS } else { 64 };
        let results: Vec<(&ItemRecord, Found)> = bounded(work, n).collect().await;
        for (it, found) in results {
            match found {
                Found::Ok { hashed, bytes } => {
                    verified.push(it.id);
                    files_cmp.target_count += 1;
                    files_cmp.target_bytes += bytes;
                    files_cmp.hashes_matched += u64::from(hashed);
                }
                Found::Bad(reason, detail) => {
                    files_cmp.mismatches += 1;
                    mismatches.push((it.id, reason, detail));
                }
            }
        }
        comparisons.push(files_cmp);
    }

    // ---- Calendars and address books: presence and UIDs.
    for (kind, object_kind, side) in [
        (
            ItemKind::Calendar,
            ItemKind::CalendarObject,
            target.calendars.as_ref(),
        ),
        (
            ItemKind::AddressBook,
            ItemKind::Contact,
            target.contacts.as_ref(),
        ),
    ] {
        let colls: Vec<&ItemRecord> = items
            .iter()
            .filter(|i| i.kind == kind && i.state != ItemState::Skipped)
            .collect();
        if colls.is_empty() {
            continue;
        }
        let Some(ct) = side else {
            return Err(CoreError::Handover(HandoverError::Selection {
                item: kind.code().into(),
                reason: "the destination has no server for it".into(),
            }));
        };
        let present: HashSet<String> = ct.collections().await?.into_iter().map(|m| m.uri).collect();
        for coll in colls {
            let objects: Vec<&ItemRecord> = items
                .iter()
                .filter(|i| {
                    i.kind == object_kind
                        && i.parent_id == Some(coll.id)
                        && i.state != ItemState::Skipped
                })
                .collect();
            let mut cmp = Comparison {
                kind,
                source: coll.source.clone(),
                target: coll.target.clone(),
                source_count: objects.len() as u64,
                target_count: 0,
                source_bytes: objects.iter().map(|o| o.size.unwrap_or(0)).sum(),
                target_bytes: 0,
                hashes_matched: 0,
                mismatches: 0,
            };
            let exists = written(coll) && present.contains(&coll.target);
            let (uids, names): (HashSet<String>, HashSet<String>) = if exists {
                let found = ct.objects(&coll.target).await?;
                cmp.target_count = found.len() as u64;
                cmp.target_bytes = found
                    .iter()
                    .map(|o| o.data.as_ref().map_or(0, |d| d.len() as u64))
                    .sum();
                (
                    found.iter().filter_map(|o| o.uid.clone()).collect(),
                    found.iter().map(|o| o.name.clone()).collect(),
                )
            } else {
                if written(coll) {
                    mismatches.push((
                        coll.id,
                        "missing-at-destination",
                        format!("{} not found", coll.target),
                    ));
                }
                (HashSet::new(), HashSet::new())
            };
            if exists {
                verified.push(coll.id);
            }
            for o in objects {
                if !written(o) {
                    cmp.mismatches += 1;
                    continue;
                }
                let ok = match &o.uid {
                    Some(uid) => uids.contains(uid),
                    None => names.contains(&o.target),
                };
                if ok {
                    verified.push(o.id);
                } else {
                    cmp.mismatches += 1;
                    let what = o.uid.clone().unwrap_or_else(|| o.target.clone());
                    mismatches.push((o.id, "missing-at-destination", format!("{what} not found")));
                }
            }
            comparisons.push(cmp);
        }
    }

    let pending = items
        .iter()
        .filter(|i| matches!(i.state, ItemState::Planned | ItemState::Failed))
        .count();
    let complete = mismatches.is_empty() && pending == 0;
    let verification = Verification {
        deep,
        comparisons,
        complete,
        verified_at: now(),
    };
    let state = match job.summary.state {
        JobState::Running => None,
        _ if complete => Some(JobState::Verified),
        JobState::Verified => Some(JobState::Incomplete),
        _ => None,
    };
    journal::record_verification(store, job_id, &verified, &mismatches, &verification, state)?;
    Ok(verification)
}

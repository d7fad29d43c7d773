//! Planning: a dry run that only reads. Lists the selection at the source (folders level by
//! level, a few listings at a time), leaves out what cannot be moved and says why (received
//! shares, group folders, external storage, the birthday calendar, collections shared with the
//! member, duplicate names), reports names other systems may refuse, picks the destination
//! folder and collection URIs that are free at the destination, checks the quota and estimates
//! the duration.
//!
//! Every target path is the destination folder plus validated source segments: nothing planned
//! can land outside the destination folder.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::time::UNIX_EPOCH;

use futures_util::StreamExt;
use passerelle_nextcloud::ErrorKind;
use passerelle_nextcloud::dav::RemotePath;
use passerelle_nextcloud::dav::files::FileEntry;

use super::checksum::sha1_of;
use super::endpoint::{
    CollectionSource, CollectionTarget, FileSource, FileTarget, Side, TransferError,
};
use super::model::{
    HandoverPlan, ItemKind, MemberSide, NameWarning, PlanCollection, PlanExclusion, PlanNode,
    PlanObject, PlanTotals, QuotaCheck, QuotaFit, Selection, StrategyKind,
};
use super::names::{default_destination, portability_issue};
use super::run::{BoxFuture, bounded};
use super::strategy::streamed_copy::{self, movable};
use super::strategy::{StrategyContext, choose};
use crate::CoreError;
use crate::handover::error::HandoverError;
use crate::i18n::Localizer;
use crate::store::now;

const PARALLEL_LISTINGS: usize = 4;

/// A folder holding at most this many bytes is listed in one request (PROPFIND `Depth:
/// infinity`, held whole in memory): at Framaspace's average of 400 KB a file, about 700
/// entries; 2,000 small files of the benchmark (21 MB) in 0.2 s instead of nine listings.
const TREE_BYTES: u64 = 256 * 1024 * 1024;

/// Nextcloud refuses to create more calendars than this per hour by default (429 after).
const CALENDAR_CREATION_LIMIT: u64 = 10;

/// What to plan.
#[derive(Debug, Clone)]
pub struct PlanRequest {
    /// The departing member.
    pub source: MemberSide,
    /// The recipient.
    pub target: MemberSide,
    /// What to hand over.
    pub selection: Selection,
    /// Destination folder (a name or a path at the recipient); default: "Transferred from
    /// <name> on <date>".
    pub destination: Option<String>,
    /// A strategy, or `None` for the best available.
    pub strategy: Option<StrategyKind>,
    /// Today, for the destination's default name.
    pub today: time::Date,
}

struct Walk {
    /// Included entries by source path (what the plan keeps of each: 100,000 entries fit in
    /// a few tens of MB).
    entries: BTreeMap<RemotePath, Kept>,
    excluded: Vec<PlanExclusion>,
    warnings: Vec<NameWarning>,
    /// The strategy moves the data: a locked file cannot be moved (a copy can read it).
    moves: bool,
}

pub(crate) fn mount_exclusion(e: &FileEntry) -> Option<(&'static str, Option<String>)> {
    if e.encrypted {
        // The server only holds ciphertext: only the member's own devices can read it.
        return Some(("encrypted", None));
    }
    let owner = e.owner_id.clone();
    match e.mount_type.as_deref().map(str::trim) {
        None | Some("") => {}
        Some("shared") => return Some(("shared-with-member", owner)),
        Some("group") => return Some(("group-folder", None)),
        Some("external") | Some("external-session") => return Some(("external-storage", None)),
        Some(other) => return Some(("other-storage", Some(other.to_owned()))),
    }
    let perms = e.permissions.as_deref().unwrap_or("");
    if perms.contains('S') {
        return Some(("shared-with-member", owner));
    }
    if perms.contains('M') {
        return Some(("external-storage", None));
    }
    None
}

fn kind_of(e: &FileEntry) -> ItemKind {
    if e.is_dir {
        ItemKind::Folder
    } else {
        ItemKind::File
    }
}

impl Walk {
    fn new() -> Self {
        Walk {
            entries: BTreeMap::new(),
            excluded: Vec::new(),
            warnings: Vec::new(),
            moves: false,
        }
    }

    fn exclude(&mut self, kind: ItemKind, source: String, reason: &str, detail: Option<String>) {
        self.excluded.push(PlanExclusion {
            kind,
            source,
            reason: reason.to_owned(),
            detail,
        });
    }

    /// Takes `e` into the plan when it can be moved; `true` when it is a folder to list.
    fn take(&mut self, e: FileEntry, destination: &RemotePath) -> bool {
        if let Some((reason, detail)) = mount_exclusion(&e) {
            self.exclude(kind_of(&e), e.path.to_string(), reason, detail);
            return false;
        }
        if self.moves
            && let Some(by) = &e.locked_by
        {
            let detail = (!by.is_empty()).then(|| by.clone());
            self.exclude(kind_of(&e), e.path.to_string(), "locked", detail);
            return false;
        }
        if self.entries.contains_key(&e.path) {
            // Two names that are one after Unicode normalisation (NFC/NFD on the server).
            self.exclude(kind_of(&e), e.path.to_string(), "duplicate-name", None);
            return false;
        }
        if let Some(name) = e.path.name() {
            let target_path = format!("{destination}{}", e.path);
            if let Some(reason) = portability_issue(name, &target_path) {
                self.warnings.push(NameWarning {
                    source: e.path.to_string(),
                    reason: reason.to_owned(),
                });
            }
        }
        let dir = e.is_dir;
        self.entries.insert(e.path.clone(), Kept::of(&e));
        dir
    }
}

/// What a plan keeps of a listed entry.
struct Kept {
    is_dir: bool,
    size: Option<u64>,
    mtime: Option<i64>,
    checksum: Option<String>,
}

impl Kept {
    fn of(e: &FileEntry) -> Self {
        Kept {
            is_dir: e.is_dir,
            size: e.size,
            mtime: mtime_of(e),
            checksum: if e.is_dir {
                None
            } else {
                sha1_of(&e.checksums)
            },
        }
    }
}

/// A folder to list, with its size when known (`oc:size`: everything below it).
type ToList = (RemotePath, Option<u64>);

/// A folder's listing: its children (`tree: false`) or everything below it (`tree: true`).
struct Listed {
    folder: RemotePath,
    entries: Result<Vec<FileEntry>, TransferError>,
    tree: bool,
}

/// Lists `folder`: in one request (`Depth: infinity`) when it is known to be small and the
/// source offers it, else its children only. A refused tree listing falls back to the
/// children (the errors that matter are the children listing's).
async fn list_folder<FS: FileSource>(source: &FS, folder: RemotePath, size: Option<u64>) -> Listed {
    if size.is_some_and(|s| s <= TREE_BYTES)
        && let Ok(Some(entries)) = source.list_tree(&folder).await
    {
        return Listed {
            folder,
            entries: Ok(entries),
            tree: true,
        };
    }
    let entries = source.list(&folder).await;
    Listed {
        folder,
        entries,
        tree: false,
    }
}

async fn walk<FS: FileSource>(
    source: &FS,
    mut folders: Vec<ToList>,
    w: &mut Walk,
    destination: &RemotePath,
) -> Result<(), CoreError> {
    while !folders.is_empty() {
        let mut work: Vec<BoxFuture<'_, Listed>> = Vec::new();
        for (p, size) in std::mem::take(&mut folders) {
            work.push(Box::pin(list_folder(source, p, size)));
        }
        let mut listings = bounded(work, PARALLEL_LISTINGS);
        while let Some(Listed {
            folder,
            entries,
            tree,
        }) = listings.next().await
        {
            let entries = match entries {
                Ok(entries) => entries,
                // The server listed an href outside the folder: refuse the whole folder.
                Err(e) if matches!(e.kind(), ErrorKind::HrefEscape | ErrorKind::InvalidName) => {
                    w.entries.remove(&folder);
                    w.exclude(
                        ItemKind::Folder,
                        folder.to_string(),
                        "unsafe-name",
                        Some(e.to_string()),
                    );
                    continue;
                }
                Err(e) => return Err(e.into()),
            };
            // Folders whose children are taken from this listing: the one listed and, in a
            // tree, each folder taken below it (what is below a folder left out is left out
            // with it, as a walk would never list it).
            let mut open: HashSet<RemotePath> = HashSet::from([folder.clone()]);
            for e in entries {
                let parent = e.path.parent();
                let inside = parent.as_ref().is_some_and(|p| open.contains(p));
                if !inside || e.path.is_root() {
                    if tree && e.path.segments().starts_with(folder.segments()) {
                        continue;
                    }
                    // Defence in depth: a child must be directly below the folder listed.
                    w.exclude(
                        kind_of(&e),
                        e.path.to_string(),
                        "unsafe-name",
                        Some(format!("listed in {folder}")),
                    );
                    continue;
                }
                let (path, size) = (e.path.clone(), e.size);
                if w.take(e, destination) {
                    if tree && size.is_some() {
                        open.insert(path);
                    } else {
                        // A folder Nextcloud has not scanned yet (`oc:size` -1, e.g. just
                        // copied on the server) is missing from a tree listing: listing it
                        // alone makes the server scan it.
                        folders.push((path, size));
                    }
                }
            }
        }
    }
    Ok(())
}

fn mtime_of(e: &FileEntry) -> Option<i64> {
    e.modified
        .and_then(|m| m.duration_since(UNIX_EPOCH).ok())
        .and_then(|d| i64::try_from(d.as_secs()).ok())
}

/// Builds the tree below `node` from the walked entries (children sorted by name).
fn build_tree(
    node_path: &RemotePath,
    destination: &RemotePath,
    entries: &BTreeMap<RemotePath, Kept>,
    children_of: &HashMap<RemotePath, Vec<RemotePath>>,
) -> PlanNode {
    let entry = entries.get(node_path);
    let target = if node_path.is_root() {
        destination.clone()
    } else {
        destination.extend_with(node_path)
    };
    let is_folder = entry.is_none_or(|e| e.is_dir);
    let mut node = PlanNode {
        name: target.name().unwrap_or_default().to_owned(),
        source: node_path.to_string(),
        target: target.to_string(),
        is_folder,
        size: if is_folder {
            0
        } else {
            entry.and_then(|e| e.size).unwrap_or(0)
        },
        files: u64::from(!is_folder),
        folders: 0,
        mtime: entry.and_then(|e| e.mtime),
        checksum: if is_folder {
            None
        } else {
            entry.and_then(|e| e.checksum.clone())
        },
        children: Vec::new(),
    };
    if let Some(kids) = children_of.get(node_path) {
        for kid in kids {
            let child = build_tree(kid, destination, entries, children_of);
            node.size += child.size;
            node.files += child.files;
            node.folders += child.folders + u64::from(child.is_folder);
            node.children.push(child);
        }
    }
    node
}

/// `destination` + `path`'s segments (each already validated by the protocol crate).
trait ExtendWith {
    fn extend_with(&self, path: &RemotePath) -> RemotePath;
}

impl ExtendWith for RemotePath {
    fn extend_with(&self, path: &RemotePath) -> RemotePath {
        let mut out = self.clone();
        for s in path.segments() {
            out = out
                .join(s)
                .expect("segments of a RemotePath are valid names");
        }
        out
    }
}

fn selection_error(item: &str, reason: impl Into<String>) -> CoreError {
    CoreError::Handover(HandoverError::Selection {
        item: item.to_owned(),
        reason: reason.into(),
    })
}

/// Picks the destination folder: the one asked, or the default name, made unique with " (2)",
/// " (3)"… when a folder of that name exists. Returns the path and whether it already exists.
async fn destination<FT: FileTarget>(
    req: &PlanRequest,
    target: &FT,
    l10n: &Localizer,
    conflicts: &mut Vec<PlanExclusion>,
) -> Result<(RemotePath, bool), CoreError> {
    let exists = |p: RemotePath| async move {
        match target.stat(&p).await {
            Ok(e) => Ok(Some(e.is_dir)),
            Err(e) if e.kind() == ErrorKind::NotFound => Ok(None),
            Err(e) => Err(CoreError::from(e)),
        }
    };
    if let Some(asked) = req.destination.as_deref().filter(|d| !d.trim().is_empty()) {
        let path = RemotePath::parse(asked).map_err(|e| selection_error(asked, e.to_string()))?;
        if path.is_root() {
            return Err(selection_error(
                asked,
                "the destination must be a folder below the root",
            ));
        }
        return match exists(path.clone()).await? {
            Some(false) => Err(selection_error(
                asked,
                "a file has this name at the destination",
            )),
            Some(true) => Ok((path, true)),
            None => Ok((path, false)),
        };
    }
    let base = default_destination(l10n, req.source.name(), req.today);
    for n in 1..1000 {
        let name = if n == 1 {
            base.clone()
        } else {
            format!("{base} ({n})")
        };
        let path = RemotePath::root()
            .join(&name)
            .map_err(|e| selection_error(&name, e.to_string()))?;
        if exists(path.clone()).await?.is_none() {
            if n > 1 {
                // Informational: the files go to a new folder, nothing is skipped.
                conflicts.push(PlanExclusion {
                    kind: ItemKind::Folder,
                    source: format!("/{base}"),
                    reason: "destination-renamed".to_owned(),
                    detail: Some(format!("/{name}")),
                });
            }
            return Ok((path, false));
        }
    }
    Err(selection_error(&base, "no free destination folder name"))
}

async fn plan_files<FS: FileSource, FT: FileTarget>(
    req: &PlanRequest,
    source: &FS,
    target: &FT,
    l10n: &Localizer,
    excluded: &mut Vec<PlanExclusion>,
    conflicts: &mut Vec<PlanExclusion>,
    warnings: &mut Vec<NameWarning>,
) -> Result<(PlanNode, RemotePath), CoreError> {
    // The selected paths are looked at while the destination's name is chosen.
    let selected = async {
        let mut selected: Vec<(RemotePath, Option<FileEntry>)> = Vec::new();
        for asked in req
            .selection
            .files
            .iter()
            .filter(|_| !req.selection.everything)
        {
            let path =
                RemotePath::parse(asked).map_err(|e| selection_error(asked, e.to_string()))?;
            if path.is_root() {
                selected.push((path, None));
                continue;
            }
            match source.stat(&path).await {
                Ok(e) => selected.push((path, Some(e))),
                Err(e) if e.kind() == ErrorKind::NotFound => {
                    return Err(selection_error(asked, "not found at the source"));
                }
                Err(e) => return Err(CoreError::from(e)),
            }
        }
        Ok(selected)
    };
    let (dest, selected) = tokio::join!(destination(req, target, l10n, conflicts), selected);
    let (dest, dest_exists) = dest?;
    let mut w = Walk::new();
    w.moves = req.strategy.is_some_and(|k| k.moves_data());
    let mut to_list: Vec<ToList> = Vec::new();
    if req.selection.everything {
        to_list.push((RemotePath::root(), None));
    }
    for (path, entry) in selected? {
        let Some(entry) = entry else {
            to_list.push((path, None));
            continue;
        };
        let size = entry.size;
        if w.take(entry, &dest) {
            to_list.push((path, size));
        }
    }
    walk(source, to_list, &mut w, &dest).await?;

    // Conflicts when merging into an existing folder: what is already there is left alone.
    if dest_exists {
        let mut there = Walk::new();
        walk_target(target, &dest, &mut there).await?;
        let clashing: Vec<RemotePath> = w
            .entries
            .iter()
            .filter(|(p, e)| {
                there
                    .entries
                    .get(&dest.extend_with(p))
                    .is_some_and(|t| !(t.is_dir && e.is_dir))
            })
            .map(|(p, _)| p.clone())
            .collect();
        for p in clashing {
            // Sorted by segments: what is below `p` follows it (no scan of the whole plan).
            let below: Vec<RemotePath> = w
                .entries
                .range(p.clone()..)
                .map(|(k, _)| k)
                .take_while(|k| k.segments().starts_with(p.segments()))
                .cloned()
                .collect();
            for k in below {
                if let Some(e) = w.entries.remove(&k)
                    && k == p
                {
                    conflicts.push(PlanExclusion {
                        kind: if e.is_dir {
                            ItemKind::Folder
                        } else {
                            ItemKind::File
                        },
                        source: k.to_string(),
                        reason: "exists-at-destination".to_owned(),
                        detail: Some(dest.extend_with(&k).to_string()),
                    });
                }
            }
        }
    }

    // Parents of selected paths become folders of the tree (created, not copied whole).
    let mut children_of: HashMap<RemotePath, Vec<RemotePath>> = HashMap::new();
    let mut known: HashSet<RemotePath> = HashSet::new();
    for p in w.entries.keys() {
        let mut child = p.clone();
        while let Some(parent) = child.parent() {
            if known.insert(child.clone()) {
                children_of
                    .entry(parent.clone())
                    .or_default()
                    .push(child.clone());
            }
            if parent.is_root() {
                break;
            }
            child = parent;
        }
    }
    for kids in children_of.values_mut() {
        kids.sort();
    }
    let root = build_tree(&RemotePath::root(), &dest, &w.entries, &children_of);
    excluded.extend(w.excluded);
    warnings.extend(w.warnings);
    Ok((root, dest))
}

async fn walk_target<FT: FileTarget>(
    target: &FT,
    dest: &RemotePath,
    w: &mut Walk,
) -> Result<(), CoreError> {
    let mut folders = vec![dest.clone()];
    while let Some(folder) = folders.pop() {
        for e in target.list(&folder).await? {
            if e.is_dir {
                folders.push(e.path.clone());
            }
            w.entries.insert(e.path.clone(), Kept::of(&e));
        }
    }
    Ok(())
}

#[allow(clippy::too_many_arguments)]
async fn plan_collections<CS: CollectionSource, CT: CollectionTarget>(
    kind: ItemKind,
    everything: bool,
    asked: &[String],
    source: Option<&CS>,
    target: Option<&CT>,
    excluded: &mut Vec<PlanExclusion>,
    conflicts: &mut Vec<PlanExclusion>,
    notes: &mut Vec<String>,
) -> Result<Vec<PlanCollection>, CoreError> {
    if !everything && asked.is_empty() {
        return Ok(Vec::new());
    }
    let (source, target) = match (source, target) {
        (Some(s), Some(t)) => (s, t),
        _ if everything => {
            notes.push(format!("handover-note-no-{}", kind.code()));
            return Ok(Vec::new());
        }
        _ => {
            return Err(selection_error(
                &asked.join(", "),
                "one side has no server for it",
            ));
        }
    };
    let listed = source.collections().await?;
    let chosen: Vec<_> = if everything {
        listed
    } else {
        let mut out = Vec::new();
        for uri in asked {
            match listed.iter().find(|m| &m.uri == uri) {
                Some(m) => out.push(m.clone()),
                None => return Err(selection_error(uri, "not found at the source")),
            }
        }
        out
    };
    let mut taken: HashSet<String> = target
        .collections()
        .await?
        .into_iter()
        .map(|m| m.uri)
        .collect();
    let object_kind = if kind == ItemKind::Calendar {
        ItemKind::CalendarObject
    } else {
        ItemKind::Contact
    };
    let mut out = Vec::new();
    for meta in chosen {
        if let Some(reason) = movable(&meta) {
            excluded.push(PlanExclusion {
                kind,
                source: meta.uri.clone(),
                reason: reason.to_owned(),
                detail: meta.display_name.clone(),
            });
            continue;
        }
        let mut target_uri = meta.uri.clone();
        let mut n = 2;
        while taken.contains(&target_uri) {
            target_uri = format!("{}-{n}", meta.uri);
            n += 1;
        }
        if target_uri != meta.uri {
            conflicts.push(PlanExclusion {
                kind,
                source: meta.uri.clone(),
                reason: "collection-renamed".to_owned(),
                detail: Some(target_uri.clone()),
            });
        }
        taken.insert(target_uri.clone());
        let mut objects = Vec::new();
        let mut uids = HashSet::new();
        for o in source.objects(&meta.uri).await? {
            let source_name = format!("{}/{}", meta.uri, o.name);
            if passerelle_nextcloud::dav::validate_name(&o.name).is_err() {
                excluded.push(PlanExclusion {
                    kind: object_kind,
                    source: source_name,
                    reason: "unsafe-name".into(),
                    detail: None,
                });
                continue;
            }
            if let Some(uid) = &o.uid
                && !uids.insert(uid.clone())
            {
                excluded.push(PlanExclusion {
                    kind: object_kind,
                    source: source_name,
                    reason: "duplicate-uid".into(),
                    detail: Some(uid.clone()),
                });
                continue;
            }
            objects.push(PlanObject {
                size: o.data.as_ref().map_or(0, |d| d.len() as u64),
                name: o.name,
                uid: o.uid,
            });
        }
        objects.sort_by(|a, b| a.name.cmp(&b.name));
        out.push(PlanCollection {
            kind,
            uri: meta.uri,
            target_uri,
            color: meta.color,
            description: meta.description,
            components: meta.components,
            object_count: Some(objects.len() as u64),
            target_name: meta.display_name.clone(),
            display_name: meta.display_name,
            objects,
        });
    }
    Ok(out)
}

/// `files_bytes` (what counts against the recipient's quota) against the bytes `available`
/// there (`None`: unlimited or not said); `needed` is set to `files_bytes`.
pub(crate) fn quota_check(files_bytes: u64, available: Option<u64>) -> QuotaCheck {
    let fit = match available {
        Some(a) if a < files_bytes => QuotaFit::DoesNotFit,
        Some(_) => QuotaFit::Fits,
        None => QuotaFit::Unknown,
    };
    QuotaCheck {
        needed: files_bytes,
        available,
        fit,
    }
}

/// Plans a hand-over. Reads both sides; writes nothing anywhere.
pub async fn plan<FS, CS, FT, CT>(
    req: &PlanRequest,
    source: &Side<FS, CS>,
    target: &Side<FT, CT>,
    l10n: &Localizer,
) -> Result<HandoverPlan, CoreError>
where
    FS: FileSource,
    CS: CollectionSource,
    FT: FileTarget,
    CT: CollectionTarget,
{
    plan_with_context(req, &StrategyContext::default(), source, target, l10n).await
}

/// [`plan`], with what else is known for choosing the strategy (`known`: e.g. the sharing API
/// answers, see [`super::strategy::share_copy::detect`]). Sessions and same server come from the sides.
pub async fn plan_with_context<FS, CS, FT, CT>(
    req: &PlanRequest,
    known: &StrategyContext,
    source: &Side<FS, CS>,
    target: &Side<FT, CT>,
    l10n: &Localizer,
) -> Result<HandoverPlan, CoreError>
where
    FS: FileSource,
    CS: CollectionSource,
    FT: FileTarget,
    CT: CollectionTarget,
{
    if req.selection.is_empty() {
        return Err(CoreError::Handover(HandoverError::Empty));
    }
    let strategy = choose(
        req.strategy,
        &StrategyContext {
            source_session: true,
            target_session: true,
            same_server: req.source.server_url == req.target.server_url,
            ..*known
        },
    )?;
    let mut excluded = Vec::new();
    let mut conflicts = Vec::new();
    let mut warnings = Vec::new();
    let mut notes = Vec::new();
    let wants_files = req.selection.everything || !req.selection.files.is_empty();
    let planned_files = async {
        if !wants_files {
            return Ok((None, String::new()));
        }
        match (source.files.as_ref(), target.files.as_ref()) {
            (Some(s), Some(t)) => {
                let (root, dest) = plan_files(
                    req,
                    s,
                    t,
                    l10n,
                    &mut excluded,
                    &mut conflicts,
                    &mut warnings,
                )
                .await?;
                Ok((Some(root), dest.to_string()))
            }
            _ => Err(selection_error("files", "one side has no files server")),
        }
    };
    // The recipient's free space is asked while the files are listed.
    let available = async {
        match target.files.as_ref() {
            Some(t) if wants_files => t.available_bytes().await,
            _ => Ok(None),
        }
    };
    let (planned_files, available) = tokio::join!(planned_files, available);
    let (files, destination) = planned_files?;
    let available = available?;
    let calendars = plan_collections(
        ItemKind::Calendar,
        req.selection.everything,
        &req.selection.calendars,
        source.calendars.as_ref(),
        target.calendars.as_ref(),
        &mut excluded,
        &mut conflicts,
        &mut notes,
    )
    .await?;
    let address_books = plan_collections(
        ItemKind::AddressBook,
        req.selection.everything,
        &req.selection.address_books,
        source.contacts.as_ref(),
        target.contacts.as_ref(),
        &mut excluded,
        &mut conflicts,
        &mut notes,
    )
    .await?;

    let mut totals = PlanTotals::default();
    if let Some(root) = &files {
        totals.files = root.files;
        totals.folders = root.folders + 1;
        totals.bytes = root.size;
    }
    totals.calendars = calendars.len() as u64;
    totals.calendar_objects = calendars.iter().map(|c| c.object_count).sum();
    totals.address_books = address_books.len() as u64;
    totals.contacts = address_books.iter().map(|c| c.object_count).sum();

    let object_bytes: u64 = calendars
        .iter()
        .chain(&address_books)
        .flat_map(|c| c.objects.iter().map(|o| o.size))
        .sum();
    let needed = totals.bytes + object_bytes;
    let QuotaCheck { fit, .. } = quota_check(totals.bytes, available);
    if req.target.nextcloud && totals.calendars + totals.address_books > CALENDAR_CREATION_LIMIT {
        notes.push("handover-note-creation-limit".to_owned());
    }
    if strategy.moves_data {
        notes.push("handover-note-moves-data".to_owned());
    } else {
        notes.push("handover-note-copies-data".to_owned());
    }
    // These ways only take files: the calendars and contacts go by the streamed copy.
    let files_only = matches!(
        strategy.chosen,
        StrategyKind::ShareCopy | StrategyKind::NativeTransfer
    );
    if files_only && !(calendars.is_empty() && address_books.is_empty()) {
        notes.push("handover-note-collections-copied".to_owned());
    }
    let estimated_seconds = streamed_copy::estimate(&totals).as_secs();
    Ok(HandoverPlan {
        source: req.source.clone(),
        target: req.target.clone(),
        selection: req.selection.clone(),
        destination,
        strategy,
        files,
        calendars,
        address_books,
        totals,
        excluded,
        conflicts,
        name_warnings: warnings,
        quota: QuotaCheck {
            needed,
            available,
            fit,
        },
        estimated_seconds,
        notes,
        planned_at: now(),
    })
}

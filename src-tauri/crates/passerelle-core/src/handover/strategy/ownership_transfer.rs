//! Strategy 1: Framasoft's OwnershipTransfer server app, with only an admin's account. Moves
//! data (the member loses it). Calendars and address books go **one by one** (never "all",
//! which fails midway on the server), skipping received shares and the birthday calendar, each
//! checked at the recipient (renamed `<uri>-<source>-<YmdHis>`, same object count). Files: when
//! everything is handed over, the whole home is queued in **one** transfer (`path` `/`), which
//! the server moves into one dated `transferred from …` folder; otherwise each selected path is
//! queued on its own and lands in its own dated folder (the plan says so). Each transfer is
//! followed until the source is empty of it and a dated folder holds it at the recipient, with a
//! bounded wait: when nothing moves, the item fails with `background-jobs-not-running` (cron).
//! Then every planned file and folder is looked for there (`nodelist`, sizes).
//!
//! What the admin cannot see through the app is said, never guessed: its `calendarlist` never
//! shows the calendars shared with the member nor the birthday calendar, so the plan carries a
//! note that they are not moved; the plan walks every folder for its counts, and reads the
//! recipient's quota from the provisioning API (`/cloud/users/<id>`).
//!
//! Checked against the real app on Nextcloud 29.0.6:
//! - a recipient who never signed in has no home yet: `nodelist` answers 500 "Folder does not
//!   exist" for their root until the first files transfer's background job creates it (the
//!   transfer itself works). Their root is then read as empty, never as a server failure;
//! - a moved calendar is renamed `<uri>-<source id>-<YmdHis>` and its display name becomes
//!   `<name>-<source display name>-<YmdHis>` (`<name>-<source id>-<YmdHis>` for an address book);
//!   an admin cannot rename another member's calendar, so the plan and the report say the name;
//! - a departing member whose account is disabled is handed over as well.
//!
//! A resume never asks twice for what already moved: a collection or path that left the member
//! and is found at the recipient counts as moved.

use std::collections::HashMap;
use std::time::Duration;

use futures_util::StreamExt;
use passerelle_nextcloud::{ErrorKind, OtCollection, OtNode, OwnershipTransferApi, Quota};

use super::share_copy::{descendants, pending};
use super::{OtStatus, Strategy, StrategyContext, choose};
use crate::handover::endpoint::TransferError;
use crate::handover::error::HandoverError;
use crate::handover::journal::{self, ItemRecord, Written};
use crate::handover::model::{
    HandoverPlan, ItemKind, MemberSide, PlanCollection, PlanExclusion, PlanNode, PlanTotals,
    QuotaCheck, RunOutcome, StrategyKind,
};
use crate::handover::plan::PlanRequest;
use crate::handover::run::{BoxFuture, Failure, RunContext, bounded};
use crate::store::now;
use crate::{CoreError, Store};

/// The automatic birthday calendar (never moved: the server recreates it).
pub const BIRTHDAY_URI: &str = "contact_birthdays";

/// Whether the app answers for the client's (admin) account.
pub async fn detect(api: &OwnershipTransferApi) -> OtStatus {
    let me = api.client().user_id().unwrap_or_default().to_owned();
    match api.calendar_list(&me).await {
        Ok(_) => OtStatus::Available,
        Err(e) if e.kind() == ErrorKind::Forbidden => OtStatus::NotAdmin,
        Err(_) => OtStatus::Absent,
    }
}

/// The app's refusal (`transfer-refused`), unless a retry may cure it; a 403 keeps its code
/// (the acting account is not an admin).
fn refused_or_retry(e: passerelle_nextcloud::Error, what: String) -> Failure {
    if e.kind() == ErrorKind::Forbidden {
        return Failure::Transfer(e.into());
    }
    Failure::refusal("transfer-refused", e, what)
}

/// `user`'s files at `dir`; a home that does not exist yet (a member who never signed in) holds
/// nothing.
async fn nodes_or_none(
    api: &OwnershipTransferApi,
    user: &str,
    dir: &str,
) -> Result<Vec<OtNode>, passerelle_nextcloud::Error> {
    match api.node_list(user, dir).await {
        Err(e) if e.kind() == ErrorKind::NotFound && dir.trim_matches('/').is_empty() => {
            Ok(Vec::new())
        }
        r => r,
    }
}

/// The names the app gives what it moves: it appends the member's display name (calendars,
/// files folder) or user id (address books) and the date.
#[derive(Debug, Clone)]
struct OtNames {
    user_id: String,
    display_name: String,
}

impl OtNames {
    async fn of(api: &OwnershipTransferApi, member: &MemberSide) -> Self {
        let display_name = match &member.display_name {
            Some(n) if !n.trim().is_empty() => n.clone(),
            _ => api
                .client()
                .user(&member.user_id)
                .await
                .ok()
                .map(|u| u.display_name)
                .filter(|n| !n.trim().is_empty())
                .unwrap_or_else(|| member.user_id.clone()),
        };
        OtNames {
            user_id: member.user_id.clone(),
            display_name,
        }
    }

    /// The files' folder at the recipient, as Nextcloud's transfer names it.
    fn folder(&self) -> String {
        let mut clean = self.display_name.clone();
        for c in ['\\', '/', ':', '.', '?', '#', '\'', '"'] {
            clean = clean.replace(c, "-");
        }
        while clean.contains("--") {
            clean = clean.replace("--", "-");
        }
        if clean.is_empty() {
            clean = self.user_id.clone();
        }
        format!("/transferred from {clean} on …")
    }

    /// The display name a moved collection gets (the date is the move's).
    fn collection(&self, kind: ItemKind, name: Option<&str>) -> String {
        let who = if kind == ItemKind::Calendar {
            &self.display_name
        } else {
            &self.user_id
        };
        format!("{}-{who}-…", name.unwrap_or_default())
    }
}

/// Why a collection listed for the member cannot be moved by the app.
fn not_movable(c: &OtCollection) -> Option<&'static str> {
    if c.uri == BIRTHDAY_URI {
        Some("birthday-calendar")
    } else if c.received_share || c.uri.contains("_shared_by_") {
        Some("shared-with-member")
    } else {
        super::streamed_copy::generated(&c.uri)
    }
}

/// Folders listed at the same time while walking a member's files through `nodelist`.
const PARALLEL_LISTINGS: usize = 4;

/// Whether `n` is `user`'s own (not a share received from someone else).
fn own(n: &OtNode, user: &str) -> bool {
    n.owner.as_deref().is_none_or(|o| o == user)
}

/// `dirs` and every own folder below them in `user`'s files, listed through `nodelist` a few at
/// a time: folder path → its children. Received shares are not entered.
async fn list_tree(
    api: &OwnershipTransferApi,
    user: &str,
    dirs: Vec<String>,
) -> Result<HashMap<String, Vec<OtNode>>, passerelle_nextcloud::Error> {
    let mut out = HashMap::new();
    let mut todo = dirs;
    while !todo.is_empty() {
        let work: Vec<BoxFuture<'_, Listing>> = todo
            .drain(..)
            .map(|dir| -> BoxFuture<'_, Listing> {
                Box::pin(async move {
                    let r = api.node_list(user, &dir).await;
                    (dir, r)
                })
            })
            .collect();
        let listed: Vec<Listing> = bounded(work, PARALLEL_LISTINGS).collect().await;
        for (dir, r) in listed {
            let nodes = r?;
            todo.extend(
                nodes
                    .iter()
                    .filter(|n| n.is_dir() && own(n, user))
                    .map(|n| n.path.clone()),
            );
            out.insert(dir, nodes);
        }
    }
    Ok(out)
}

type Listing = (String, Result<Vec<OtNode>, passerelle_nextcloud::Error>);

/// The plan's node for `node` and what is below it (from [`list_tree`]); what is someone
/// else's below it is left out with its reason. `target` is where the server will put it.
fn plan_node(
    node: &OtNode,
    target: String,
    tree: &HashMap<String, Vec<OtNode>>,
    src: &str,
    excluded: &mut Vec<PlanExclusion>,
) -> PlanNode {
    let dir = node.is_dir();
    let mut p = PlanNode {
        name: node.node_name.clone(),
        source: node.path.clone(),
        target,
        is_folder: dir,
        size: if dir { 0 } else { node.size },
        files: u64::from(!dir),
        folders: 0,
        mtime: Some(node.mtime),
        checksum: None,
        children: Vec::new(),
    };
    for child in tree.get(&node.path).into_iter().flatten() {
        if !own(child, src) {
            excluded.push(shared_exclusion(child));
            continue;
        }
        let at = format!("{}/{}", p.target, child.node_name);
        let c = plan_node(child, at, tree, src, excluded);
        p.size += c.size;
        p.files += c.files;
        p.folders += c.folders + u64::from(c.is_folder);
        p.children.push(c);
    }
    p
}

fn shared_exclusion(node: &OtNode) -> PlanExclusion {
    PlanExclusion {
        kind: if node.is_dir() {
            ItemKind::Folder
        } else {
            ItemKind::File
        },
        source: node.path.clone(),
        reason: "shared-with-member".into(),
        detail: node.owner.clone(),
    }
}

/// Bytes the recipient can still store, from the admin's view of their account
/// (`/cloud/users/<id>`); `None` when unlimited or not said. A recipient who never signed in
/// has no `free` yet: their quota minus what they use.
fn available_bytes(q: &Quota) -> Option<u64> {
    if q.is_unlimited() {
        return None;
    }
    match q.free {
        Some(f) if f >= 0 => u64::try_from(f).ok(),
        _ => q.quota.map(|t| u64::try_from(t - q.used).unwrap_or(0)),
    }
}

/// The recipient's quota against the bytes the files transfer moves (calendars and address
/// books move inside the server's database and count for nothing).
async fn quota_check(
    api: &OwnershipTransferApi,
    target: &str,
    needed: u64,
) -> Result<QuotaCheck, CoreError> {
    let available = match api.client().user(target).await {
        Ok(u) => available_bytes(&u.quota),
        // The admin's view of the account is not offered: the quota is not known.
        Err(e) if matches!(e.kind(), ErrorKind::NotFound | ErrorKind::Forbidden) => None,
        Err(e) => return Err(e.into()),
    };
    Ok(crate::handover::plan::quota_check(needed, available))
}

/// Plans a hand-over through the app, reading only through its lists (admin account). Every
/// folder is walked through `nodelist`, so the counts are the space's. Everything: one transfer
/// of the whole home, which the server puts in one dated folder; some paths: one transfer and
/// one dated folder per path (the plan says so).
pub async fn plan_ownership(
    req: &PlanRequest,
    api: &OwnershipTransferApi,
) -> Result<HandoverPlan, CoreError> {
    if req.selection.is_empty() {
        return Err(CoreError::Handover(HandoverError::Empty));
    }
    let strategy = choose(
        Some(StrategyKind::OwnershipTransfer),
        &StrategyContext {
            same_server: true,
            ownership_transfer: detect(api).await,
            ..StrategyContext::default()
        },
    )?;
    let src = req.source.user_id.as_str();
    let names = OtNames::of(api, &req.source).await;
    let mut excluded = Vec::new();
    let mut totals = PlanTotals::default();
    let wants_files = req.selection.everything || !req.selection.files.is_empty();
    let destination = names.folder();
    let mut tops_planned = 0usize;
    let files = if wants_files {
        // A member who never signed in has no files (and no home yet).
        let root_nodes = nodes_or_none(api, src, "/").await?;
        let mut asked_nodes = Vec::new();
        if req.selection.everything {
            asked_nodes = root_nodes.clone();
        } else {
            for path in &req.selection.files {
                let path = format!("/{}", path.trim_matches('/'));
                let parent = path.rsplit_once('/').map_or("/", |(p, _)| p);
                let listed = if parent.is_empty() || parent == "/" {
                    root_nodes.clone()
                } else {
                    api.node_list(src, parent).await?
                };
                let Some(node) = listed.into_iter().find(|n| n.path == path) else {
                    return Err(CoreError::Handover(HandoverError::Selection {
                        item: path,
                        reason: "not found at the source".into(),
                    }));
                };
                asked_nodes.push(node);
            }
        }
        let mut tops = Vec::new();
        for node in asked_nodes {
            if !own(&node, src) {
                excluded.push(shared_exclusion(&node));
                continue;
            }
            tops.push(node);
        }
        let tree = list_tree(
            api,
            src,
            tops.iter()
                .filter(|n| n.is_dir())
                .map(|n| n.path.clone())
                .collect(),
        )
        .await?;
        let mut root = PlanNode {
            name: destination.trim_start_matches('/').to_owned(),
            source: "/".into(),
            target: destination.clone(),
            is_folder: true,
            size: 0,
            files: 0,
            folders: 0,
            mtime: None,
            checksum: None,
            children: Vec::new(),
        };
        for node in &tops {
            // The whole home lands as it is in the dated folder; a path lands by its name in
            // its own dated folder.
            let target = if req.selection.everything {
                format!("{destination}{}", node.path)
            } else {
                format!("{destination}/{}", node.node_name)
            };
            let c = plan_node(node, target, &tree, src, &mut excluded);
            root.size += c.size;
            root.files += c.files;
            root.folders += c.folders + u64::from(c.is_folder);
            root.children.push(c);
        }
        tops_planned = root.children.len();
        totals.files = root.files;
        totals.folders = root.folders + 1;
        totals.bytes = root.size;
        Some(root)
    } else {
        None
    };
    let mut collections = |kind: ItemKind, listed: Vec<OtCollection>, asked: &[String]| {
        let mut out = Vec::new();
        for c in listed {
            if !req.selection.everything && !asked.contains(&c.uri) {
                continue;
            }
            if let Some(reason) = not_movable(&c) {
                excluded.push(PlanExclusion {
                    kind,
                    source: c.uri.clone(),
                    reason: reason.into(),
                    detail: c.display_name.clone(),
                });
                continue;
            }
            out.push((
                c.count,
                PlanCollection {
                    kind,
                    uri: c.uri.clone(),
                    target_uri: format!("{}-{src}-…", c.uri),
                    target_name: Some(names.collection(kind, c.display_name.as_deref())),
                    display_name: c.display_name.clone(),
                    color: None,
                    description: None,
                    components: Vec::new(),
                    // The app moves the collection whole: its objects are counted, not listed.
                    object_count: c.count,
                    objects: Vec::new(),
                },
            ));
        }
        out
    };
    let cal_asked = &req.selection.calendars;
    let calendars = if req.selection.everything || !cal_asked.is_empty() {
        collections(ItemKind::Calendar, api.calendar_list(src).await?, cal_asked)
    } else {
        Vec::new()
    };
    let book_asked = &req.selection.address_books;
    let books = if req.selection.everything || !book_asked.is_empty() {
        collections(
            ItemKind::AddressBook,
            api.address_book_list(src).await?,
            book_asked,
        )
    } else {
        Vec::new()
    };
    for uri in cal_asked.iter().chain(book_asked) {
        let known = calendars.iter().chain(&books).any(|(_, c)| &c.uri == uri)
            || excluded.iter().any(|e| &e.source == uri);
        if !known {
            return Err(CoreError::Handover(HandoverError::Selection {
                item: uri.clone(),
                reason: "not found at the source".into(),
            }));
        }
    }
    totals.calendars = calendars.len() as u64;
    totals.calendar_objects = calendars.iter().map(|(n, _)| *n).sum();
    totals.address_books = books.len() as u64;
    totals.contacts = books.iter().map(|(n, _)| *n).sum();
    let strategy_ = OwnershipTransfer::new(api.clone(), &req.source, &req.target);
    let quota = if wants_files {
        quota_check(api, &req.target.user_id, totals.bytes).await?
    } else {
        crate::handover::plan::quota_check(0, None)
    };
    Ok(HandoverPlan {
        source: req.source.clone(),
        target: req.target.clone(),
        selection: req.selection.clone(),
        destination: if wants_files {
            destination
        } else {
            String::new()
        },
        strategy,
        files,
        calendars: calendars.into_iter().map(|(_, c)| c).collect(),
        address_books: books.into_iter().map(|(_, c)| c).collect(),
        estimated_seconds: strategy_.estimate(&totals).as_secs(),
        totals,
        excluded,
        conflicts: Vec::new(),
        name_warnings: Vec::new(),
        quota,
        notes: {
            let mut notes = vec![
                "handover-note-moves-data".to_owned(),
                "handover-note-ot-moves".to_owned(),
            ];
            if wants_files {
                // The server names the dated folder(s): the report gives the real names.
                notes.push(if req.selection.everything || tops_planned <= 1 {
                    "handover-note-ot-one-folder".to_owned()
                } else {
                    "handover-note-ot-folder-per-path".to_owned()
                });
            }
            if totals.calendars + totals.address_books > 0 {
                notes.push("handover-note-ot-names".to_owned());
            }
            if req.selection.everything || !req.selection.calendars.is_empty() {
                // The app never lists them, so the plan cannot name them one by one.
                notes.push("handover-note-ot-calendars-unseen".to_owned());
            }
            notes
        },
        planned_at: now(),
    })
}

/// How long to follow a file transfer's background job.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FollowOptions {
    /// Between two looks.
    pub poll_interval: Duration,
    /// Longest wait for the files to move.
    pub max_wait: Duration,
}

impl FollowOptions {
    /// Between two looks at a background job: waits one interval, or fails with
    /// `background-jobs-not-running` (`nothing_moved` given the wait in seconds) once `max_wait`
    /// has passed since `started`, or with `cancelled` when the run is stopped.
    pub(super) async fn next_look(
        &self,
        started: std::time::Instant,
        cancel: &passerelle_nextcloud::CancellationToken,
        nothing_moved: impl FnOnce(u64) -> String,
    ) -> Result<(), Failure> {
        if started.elapsed() >= self.max_wait {
            return Err(Failure::Reason(
                "background-jobs-not-running",
                nothing_moved(self.max_wait.as_secs()),
            ));
        }
        tokio::select! {
            _ = tokio::time::sleep(self.poll_interval) => Ok(()),
            _ = cancel.cancelled() => {
                Err(Failure::Reason("cancelled", "the run was stopped".into()))
            }
        }
    }
}

impl Default for FollowOptions {
    fn default() -> Self {
        FollowOptions {
            poll_interval: Duration::from_secs(5),
            max_wait: Duration::from_secs(15 * 60),
        }
    }
}

/// The strategy: the app's routes, called with an admin's account.
#[derive(Debug, Clone)]
pub struct OwnershipTransfer {
    api: OwnershipTransferApi,
    source: String,
    target: String,
    /// Following file transfers.
    pub follow: FollowOptions,
}

impl OwnershipTransfer {
    /// From `source` to `target` (user ids on the admin's server).
    pub fn new(api: OwnershipTransferApi, source: &MemberSide, target: &MemberSide) -> Self {
        OwnershipTransfer {
            api,
            source: source.user_id.clone(),
            target: target.user_id.clone(),
            follow: FollowOptions::default(),
        }
    }

    async fn list(&self, kind: ItemKind, user: &str) -> Result<Vec<OtCollection>, Failure> {
        let r = if kind == ItemKind::Calendar {
            self.api.calendar_list(user).await
        } else {
            self.api.address_book_list(user).await
        };
        r.map_err(|e| Failure::Transfer(e.into()))
    }

    /// Moves one collection and checks it arrived; returns its new URI and display name.
    async fn move_collection(&self, item: &ItemRecord) -> Result<Landed, Failure> {
        if item.source == BIRTHDAY_URI {
            return Err(Failure::Reason("birthday-calendar", item.source.clone()));
        }
        if item.source.contains("_shared_by_") {
            return Err(Failure::Reason("shared-with-member", item.source.clone()));
        }
        if let Some(reason) = super::streamed_copy::generated(&item.source) {
            return Err(Failure::Reason(reason, item.source.clone()));
        }
        let prefix = format!("{}-{}-", item.source, self.source);
        let before = self.list(item.kind, &self.target).await?;
        let Some(count) = self
            .list(item.kind, &self.source)
            .await?
            .into_iter()
            .find(|c| c.uri == item.source)
            .map(|c| c.count)
        else {
            // Gone from the member: moved by an earlier run whose answer was lost, or removed.
            return match before
                .into_iter()
                .filter(|c| c.uri.starts_with(&prefix))
                .max_by(|a, b| a.uri.cmp(&b.uri))
            {
                Some(c) => Ok(Landed::collection(c)),
                None => Err(Failure::Transfer(
                    TransferError::new(ErrorKind::NotFound)
                        .with_message(format!("{} is no longer the member's", item.source)),
                )),
            };
        };
        let r = if item.kind == ItemKind::Calendar {
            self.api
                .transfer_calendar(&self.source, &self.target, &item.source)
                .await
        } else {
            self.api
                .transfer_address_book(&self.source, &self.target, &item.source)
                .await
        };
        if let Err(e) = r {
            let detail = e.server_message().unwrap_or("").to_owned();
            return Err(refused_or_retry(e, detail));
        }
        let arrived = self
            .list(item.kind, &self.target)
            .await?
            .into_iter()
            .find(|c| c.uri.starts_with(&prefix) && !before.iter().any(|b| b.uri == c.uri));
        match arrived {
            None => Err(Failure::Reason(
                "missing-at-destination",
                format!("no {prefix}… at {}", self.target),
            )),
            Some(c) if count.is_some() && c.count.is_some() && count != c.count => {
                Err(Failure::Reason(
                    "missing-at-destination",
                    format!(
                        "{:?} objects at the recipient, {count:?} at the source",
                        c.count
                    ),
                ))
            }
            Some(c) => Ok(Landed::collection(c)),
        }
    }

    /// Queues one path and follows the background job; returns where it landed.
    async fn move_path(&self, run: &RunContext<'_>, item: &ItemRecord) -> Result<Landed, Failure> {
        let path = item.source.clone();
        let name = path.rsplit('/').next().unwrap_or_default().to_owned();
        let parent = path.rsplit_once('/').map_or("/", |(p, _)| p).to_owned();
        let before: Vec<String> = self.transferred_folders().await?;
        if self.gone_from_source(&parent, &path).await? {
            // Moved by an earlier run's background job (or removed meanwhile).
            for folder in before.iter().rev() {
                if self.holds(folder, &name).await {
                    return Ok(Landed::path(format!("{folder}/{name}")));
                }
            }
            return Err(Failure::Transfer(
                TransferError::new(ErrorKind::NotFound)
                    .with_message(format!("{path} is no longer in the member's files")),
            ));
        }
        self.api
            .transfer_files(&self.source, &self.target, &path)
            .await
            .map_err(|e| refused_or_retry(e, format!("{path} was not queued")))?;
        let started = std::time::Instant::now();
        loop {
            if self.gone_from_source(&parent, &path).await? {
                for folder in self.transferred_folders().await? {
                    if !before.contains(&folder) && self.holds(&folder, &name).await {
                        return Ok(Landed::path(format!("{folder}/{name}")));
                    }
                }
            }
            self.follow
                .next_look(started, &run.cancel, |secs| {
                    format!("{path} queued, nothing moved within {secs} s",)
                })
                .await?;
        }
    }

    /// The whole home in one transfer (everything selected): the server moves it into one
    /// dated folder. Returns that folder. Asked once: the journal records it (`home_queued`)
    /// before asking, and a resume only follows (a second transfer of the home would leave an
    /// empty dated folder at the recipient).
    async fn move_home(
        &self,
        run: &RunContext<'_>,
        root: &ItemRecord,
        names: &[String],
    ) -> Result<Result<String, Failure>, CoreError> {
        let queued = root.home_queued;
        let before = match self.transferred_folders().await {
            Ok(b) => b,
            Err(f) => return Ok(Err(f)),
        };
        if !queued {
            match self.home_gone(names).await {
                Ok(true) => {
                    // Gone without being asked by this job: only if found at the recipient.
                    for folder in before.iter().rev() {
                        if self.holds(folder, &names[0]).await {
                            return Ok(Ok(folder.clone()));
                        }
                    }
                    return Ok(Err(Failure::Transfer(
                        TransferError::new(ErrorKind::NotFound)
                            .with_message("the member's files are no longer in their home"),
                    )));
                }
                Ok(false) => {}
                Err(f) => return Ok(Err(f)),
            }
            journal::set_home_queued(run.store, root.id, true)?;
            journal::begin_attempt(run.store, root.id)?;
            if let Err(e) = self
                .api
                .transfer_files(&self.source, &self.target, "/")
                .await
            {
                journal::set_home_queued(run.store, root.id, false)?;
                return Ok(Err(refused_or_retry(e, "/ was not queued".into())));
            }
        }
        // Asked by an earlier run: whichever dated folder holds the files.
        let new_only = (!queued).then_some(before.as_slice());
        Ok(self.follow_home(run, names, new_only).await)
    }

    /// Follows the whole-home transfer until the member's files left and a dated folder (not in
    /// `before`, when given) holds them.
    async fn follow_home(
        &self,
        run: &RunContext<'_>,
        names: &[String],
        before: Option<&[String]>,
    ) -> Result<String, Failure> {
        let started = std::time::Instant::now();
        loop {
            if self.home_gone(names).await? {
                for folder in self.transferred_folders().await?.iter().rev() {
                    if before.is_some_and(|b| b.contains(folder)) {
                        continue;
                    }
                    if self.holds(folder, &names[0]).await {
                        return Ok(folder.clone());
                    }
                }
            }
            self.follow
                .next_look(started, &run.cancel, |secs| {
                    format!("the member's files were queued, nothing moved within {secs} s",)
                })
                .await?;
        }
    }

    /// Whether none of `names` is left among the member's own files at their root. A passing
    /// failure counts as "not yet".
    async fn home_gone(&self, names: &[String]) -> Result<bool, Failure> {
        match nodes_or_none(&self.api, &self.source, "/").await {
            Ok(nodes) => Ok(!nodes
                .iter()
                .any(|n| own(n, &self.source) && names.contains(&n.node_name))),
            Err(e) => {
                let e = TransferError::from(e);
                if e.is_transient() {
                    Ok(false)
                } else {
                    Err(Failure::Transfer(e))
                }
            }
        }
    }

    /// Checks what landed in the recipient's `folder` against the journal: each of `items`
    /// still pending is recorded moved (where it is), or failed when missing or of another
    /// size. `rel` gives an item's path below `folder`.
    async fn check_landed(
        &self,
        run: &RunContext<'_>,
        folder: &str,
        items: &[&ItemRecord],
        rel: impl Fn(&ItemRecord) -> String,
    ) -> Result<(), CoreError> {
        let tree = match list_tree(&self.api, &self.target, vec![folder.to_owned()]).await {
            Ok(t) => t,
            Err(e) => {
                let f = Failure::Transfer(e.into());
                for it in items.iter().filter(|i| pending(i)) {
                    run.failed(it, &f)?;
                }
                return Ok(());
            }
        };
        let landed: HashMap<&str, &OtNode> = tree
            .values()
            .flatten()
            .filter_map(|n| Some((n.path.strip_prefix(folder)?, n)))
            .collect();
        for it in items.iter().filter(|i| pending(i)) {
            let rel = rel(it);
            let at = format!("{folder}{rel}");
            match landed.get(rel.as_str()) {
                None => run.failed(
                    it,
                    &Failure::Reason("missing-at-destination", format!("no {at}")),
                )?,
                Some(n) if it.kind == ItemKind::File && it.size.is_some_and(|s| s != n.size) => run
                    .failed(
                        it,
                        &Failure::Reason(
                            "size-mismatch",
                            format!("{at}: {} bytes, {:?} planned", n.size, it.size),
                        ),
                    )?,
                Some(_) => {
                    run.landed_at(it, &at)?;
                    run.copied(
                        it,
                        &Written {
                            size: (it.kind == ItemKind::File).then_some(it.size).flatten(),
                            detail: Some(at),
                            ..Written::default()
                        },
                    )?
                }
            }
        }
        Ok(())
    }

    /// Everything selected: the whole home in one transfer, then every file and folder checked
    /// in the one dated folder.
    async fn hand_over_home(
        &self,
        run: &RunContext<'_>,
        root: &ItemRecord,
    ) -> Result<(), CoreError> {
        let below = descendants(&run.items, root);
        let tops: Vec<&ItemRecord> = below
            .iter()
            .copied()
            .filter(|i| i.parent_id == Some(root.id))
            .collect();
        if tops.is_empty() {
            // Nothing of the member's to move: no transfer (it would only make an empty folder).
            if pending(root) {
                run.copied(root, &Written::default())?;
            }
            return Ok(());
        }
        let folder = if pending(root) {
            run.set_current("/");
            let names: Vec<String> = tops
                .iter()
                .map(|t| t.source.rsplit('/').next().unwrap_or_default().to_owned())
                .collect();
            match self.move_home(run, root, &names).await? {
                Ok(folder) => {
                    run.landed_at(root, &folder)?;
                    run.copied(
                        root,
                        &Written {
                            detail: Some(folder.clone()),
                            ..Written::default()
                        },
                    )?;
                    folder
                }
                Err(f) => {
                    // Whether it was asked stays recorded (`home_queued`): a resume only follows.
                    run.failed(root, &f)?;
                    return Ok(());
                }
            }
        } else {
            root.target.clone()
        };
        if !below.iter().any(|i| pending(i)) {
            return Ok(());
        }
        self.check_landed(run, &folder, &below, |it| it.source.clone())
            .await
    }

    /// Some paths selected: one transfer per path, each landing in its own dated folder, then
    /// what is below it checked there.
    async fn hand_over_path(
        &self,
        run: &RunContext<'_>,
        top: &ItemRecord,
    ) -> Result<(), CoreError> {
        let below = descendants(&run.items, top);
        let landed = if pending(top) {
            run.set_current(&top.source);
            match run.attempt(top, || self.move_path(run, top)).await? {
                Ok(l) => l.at,
                Err(f) => {
                    run.failed(top, &f)?;
                    return Ok(());
                }
            }
        } else {
            top.target.clone()
        };
        let Some((folder, name)) = landed.rsplit_once('/') else {
            return Ok(());
        };
        let mut items = vec![top];
        items.extend(below);
        let top_source = top.source.clone();
        let name = name.to_owned();
        self.check_landed(run, folder, &items, |it| {
            format!(
                "/{name}{}",
                it.source.strip_prefix(top_source.as_str()).unwrap_or("")
            )
        })
        .await
    }

    /// Whether `path` left the member's folder `parent` (a folder that is gone counts). A
    /// passing failure while following counts as "not yet".
    async fn gone_from_source(&self, parent: &str, path: &str) -> Result<bool, Failure> {
        match self.api.node_list(&self.source, parent).await {
            Ok(nodes) => Ok(!nodes.iter().any(|n| n.path == path)),
            Err(e) if e.kind() == ErrorKind::NotFound => Ok(true),
            Err(e) => {
                let e = TransferError::from(e);
                if e.is_transient() {
                    Ok(false)
                } else {
                    Err(Failure::Transfer(e))
                }
            }
        }
    }

    /// Whether the recipient's `folder` holds `name`.
    async fn holds(&self, folder: &str, name: &str) -> bool {
        self.api
            .node_list(&self.target, folder)
            .await
            .is_ok_and(|n| n.iter().any(|n| n.node_name == name))
    }

    /// The recipient's "transferred from …" folders (named in the recipient's language on
    /// Nextcloud 32: known by their date), oldest first. A recipient who never signed in has no
    /// home until the first transfer creates it: none then.
    async fn transferred_folders(&self) -> Result<Vec<String>, Failure> {
        let mut folders: Vec<String> = nodes_or_none(&self.api, &self.target, "/")
            .await
            .map_err(|e| Failure::Transfer(e.into()))?
            .into_iter()
            .filter(|n| n.is_dir() && crate::handover::names::is_transfer_folder_name(&n.node_name))
            .map(|n| n.path)
            .collect();
        // "… <Y-m-d H-i-s>": the date orders them.
        folders.sort_by_key(|f| crate::handover::names::transfer_folder_date(f).map(str::to_owned));
        Ok(folders)
    }
}

/// Where the server put a moved item: its path or URI, and the name the recipient sees.
#[derive(Debug, Clone)]
struct Landed {
    at: String,
    name: Option<String>,
}

impl Landed {
    fn collection(c: OtCollection) -> Self {
        Landed {
            at: c.uri,
            name: c.display_name,
        }
    }

    fn path(at: String) -> Self {
        Landed { at, name: None }
    }
}

impl Strategy for OwnershipTransfer {
    fn kind(&self) -> StrategyKind {
        StrategyKind::OwnershipTransfer
    }

    fn estimate(&self, totals: &PlanTotals) -> Duration {
        // Server-side moves: a request per item plus at least one cron cycle for the files.
        let cron = if totals.files + totals.folders > 1 {
            300
        } else {
            0
        };
        Duration::from_secs(2 * (totals.calendars + totals.address_books) + cron)
    }

    async fn execute(&self, run: &RunContext<'_>) -> Result<(), CoreError> {
        let everything = journal::job(run.store, run.job_id)?
            .summary
            .selection
            .everything;
        if let Some(root) = run
            .items
            .iter()
            .find(|i| i.kind == ItemKind::Folder && i.parent_id.is_none())
        {
            if everything {
                self.hand_over_home(run, root).await?;
            } else {
                // The root stands for the dated folders the server makes: nothing to move.
                if pending(root) {
                    run.copied(root, &Written::default())?;
                }
                for top in run.items.iter().filter(|i| i.parent_id == Some(root.id)) {
                    if run.stopped() {
                        break;
                    }
                    if pending(top) || descendants(&run.items, top).into_iter().any(pending) {
                        self.hand_over_path(run, top).await?;
                    }
                }
            }
        }
        let pending: Vec<ItemRecord> = run
            .pending()
            .filter(|i| matches!(i.kind, ItemKind::Calendar | ItemKind::AddressBook))
            .cloned()
            .collect();
        for item in &pending {
            if run.stopped() {
                break;
            }
            run.set_current(&item.source);
            match run.attempt(item, || self.move_collection(item)).await? {
                Ok(landed) => {
                    // The server chose the name: the report shows the real one.
                    run.landed_at(item, landed.name.as_deref().unwrap_or(&landed.at))?;
                    run.copied(
                        item,
                        &Written {
                            size: item.size,
                            detail: Some(landed.at),
                            ..Written::default()
                        },
                    )?
                }
                Err(f) => run.failed(item, &f)?,
            }
        }
        Ok(())
    }
}

/// Runs (or resumes) an OwnershipTransfer job: the strategy checks each item at the recipient
/// as it goes, so items it records as moved are verified at the end of the run.
pub async fn run_ownership(
    store: &Store,
    job_id: i64,
    strategy: &OwnershipTransfer,
    options: &crate::handover::RunOptions,
    cancel: &passerelle_nextcloud::CancellationToken,
    progress: &mut (dyn FnMut(crate::handover::Progress) + Send),
) -> Result<RunOutcome, CoreError> {
    crate::handover::run::run_moving(store, job_id, strategy, options, cancel, progress).await
}

//! Strategy 1: Framasoft's OwnershipTransfer server app, with only an admin's account. Moves
//! data (the member loses it). Calendars and address books go **one by one** (never "all",
//! which fails midway on the server), skipping received shares and the birthday calendar, each
//! checked at the recipient (renamed `<uri>-<source>-<YmdHis>`, same object count). Files are
//! queued per selected top-level path and followed until the source path is gone and a
//! `transferred from …` folder holds them at the recipient, with a bounded wait: when nothing
//! moves, the item fails with `background-jobs-not-running` (cron).
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

use std::time::Duration;

use passerelle_nextcloud::{ErrorKind, OtCollection, OtNode, OwnershipTransferApi};

use super::endpoint::TransferError;
use super::journal::{ItemRecord, Written};
use super::model::{
    HandoverPlan, ItemKind, MemberSide, PlanCollection, PlanExclusion, PlanNode, PlanTotals,
    QuotaCheck, QuotaFit, RunOutcome, StrategyKind,
};
use super::plan::PlanRequest;
use super::run::{Failure, RunContext};
use super::strategy::{OtStatus, Strategy, StrategyContext, choose};
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
        super::copy::generated(&c.uri)
    }
}

/// Plans a hand-over through the app, reading only through its lists (admin account).
pub async fn plan_ownership(
    req: &PlanRequest,
    api: &OwnershipTransferApi,
) -> Result<HandoverPlan, CoreError> {
    if req.selection.is_empty() {
        return Err(CoreError::HandoverEmpty);
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
    let files = if wants_files {
        // A member who never signed in has no files (and no home yet).
        let root_nodes = nodes_or_none(api, src, "/").await?;
        let mut children = Vec::new();
        let asked: Vec<String> = if req.selection.everything {
            root_nodes.iter().map(|n| n.path.clone()).collect()
        } else {
            req.selection.files.clone()
        };
        for path in asked {
            let path = format!("/{}", path.trim_matches('/'));
            let parent = path.rsplit_once('/').map_or("/", |(p, _)| p);
            let listed = if parent.is_empty() || parent == "/" {
                root_nodes.clone()
            } else {
                api.node_list(src, parent).await?
            };
            let Some(node) = listed.into_iter().find(|n| n.path == path) else {
                return Err(CoreError::HandoverSelection {
                    item: path,
                    reason: "not found at the source".into(),
                });
            };
            if node.owner.as_deref().is_some_and(|o| o != src) {
                excluded.push(PlanExclusion {
                    kind: if node.is_dir() {
                        ItemKind::Folder
                    } else {
                        ItemKind::File
                    },
                    source: node.path.clone(),
                    reason: "shared-with-member".into(),
                    detail: node.owner.clone(),
                });
                continue;
            }
            totals.bytes += node.size;
            if node.is_dir() {
                totals.folders += 1;
            } else {
                totals.files += 1;
            }
            children.push(PlanNode {
                name: node.node_name.clone(),
                source: node.path.clone(),
                target: format!("{destination}{}", node.path),
                is_folder: node.is_dir(),
                size: node.size,
                files: u64::from(!node.is_dir()),
                folders: 0,
                mtime: Some(node.mtime),
                checksum: None,
                children: Vec::new(),
            });
        }
        totals.folders += 1;
        Some(PlanNode {
            name: destination.trim_start_matches('/').to_owned(),
            source: "/".into(),
            target: destination.clone(),
            is_folder: true,
            size: totals.bytes,
            files: totals.files,
            folders: totals.folders - 1,
            mtime: None,
            checksum: None,
            children,
        })
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
            return Err(CoreError::HandoverSelection {
                item: uri.clone(),
                reason: "not found at the source".into(),
            });
        }
    }
    totals.calendars = calendars.len() as u64;
    totals.calendar_objects = calendars.iter().map(|(n, _)| *n).sum();
    totals.address_books = books.len() as u64;
    totals.contacts = books.iter().map(|(n, _)| *n).sum();
    let strategy_ = OwnershipTransfer::new(api.clone(), &req.source, &req.target);
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
        quota: QuotaCheck {
            needed: 0,
            available: None,
            fit: QuotaFit::Unknown,
        },
        notes: {
            let mut notes = vec![
                "handover-note-moves-data".to_owned(),
                "handover-note-ot-moves".to_owned(),
            ];
            if totals.calendars + totals.address_books > 0 {
                notes.push("handover-note-ot-names".to_owned());
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
        if let Some(reason) = super::copy::generated(&item.source) {
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
            if started.elapsed() >= self.follow.max_wait {
                return Err(Failure::Reason(
                    "background-jobs-not-running",
                    format!(
                        "{path} queued, nothing moved within {} s",
                        self.follow.max_wait.as_secs()
                    ),
                ));
            }
            tokio::select! {
                _ = tokio::time::sleep(self.follow.poll_interval) => {}
                _ = run.cancel.cancelled() => {
                    return Err(Failure::Reason("cancelled", "the run was stopped".into()));
                }
            }
        }
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
            .filter(|n| n.is_dir() && super::names::is_transfer_folder_name(&n.node_name))
            .map(|n| n.path)
            .collect();
        // "… <Y-m-d H-i-s>": the date orders them.
        folders.sort_by_key(|f| super::names::transfer_folder_date(f).map(str::to_owned));
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
        let root = run
            .items
            .iter()
            .find(|i| i.kind == ItemKind::Folder && i.parent_id.is_none() && i.source == "/")
            .map(|i| i.id);
        let pending: Vec<ItemRecord> = run.pending().cloned().collect();
        for item in &pending {
            if run.stopped() {
                break;
            }
            let outcome = match item.kind {
                ItemKind::Calendar | ItemKind::AddressBook => {
                    run.set_current(&item.source);
                    run.attempt(item, || self.move_collection(item)).await?
                }
                ItemKind::Folder | ItemKind::File if root.is_some() && item.parent_id == root => {
                    run.set_current(&item.source);
                    run.attempt(item, || self.move_path(run, item)).await?
                }
                // The root folder is the app's own "transferred from …" folder.
                ItemKind::Folder if Some(item.id) == root => Ok(Landed::path("/".to_owned())),
                _ => continue,
            };
            match outcome {
                Ok(landed) => {
                    // The server chose the name: the report shows the real one (a moved
                    // collection's display name, the files' dated folder).
                    if landed.at != "/" {
                        run.landed_at(item, landed.name.as_deref().unwrap_or(&landed.at))?;
                    }
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
    options: &super::RunOptions,
    cancel: &passerelle_nextcloud::CancellationToken,
    progress: &mut (dyn FnMut(super::Progress) + Send),
) -> Result<RunOutcome, CoreError> {
    super::run::run_moving(store, job_id, strategy, options, cancel, progress).await
}

//! Strategy 1: Framasoft's OwnershipTransfer server app, with only an admin's account. Moves
//! data (the member loses it). Calendars and address books go **one by one** (never "all",
//! which fails midway on the server), skipping received shares and the birthday calendar, each
//! checked at the recipient (renamed `<uri>-<source>-<YmdHis>`, same object count). Files are
//! queued per selected top-level path and followed until the source path is gone and a
//! `transferred from …` folder holds them at the recipient, with a bounded wait: when nothing
//! moves, the item fails with `background-jobs-not-running` (cron).
//!
//! Built from captures of the app's reconstructed source; unverified against the real app.

use std::time::Duration;

use passerelle_nextcloud::{ErrorKind, OtCollection, OwnershipTransferApi};

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

/// Why a collection listed for the member cannot be moved by the app.
fn not_movable(c: &OtCollection) -> Option<&'static str> {
    if c.uri == BIRTHDAY_URI {
        Some("birthday-calendar")
    } else if c.received_share || c.uri.contains("_shared_by_") {
        Some("shared-with-member")
    } else {
        None
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
    let mut excluded = Vec::new();
    let mut totals = PlanTotals::default();
    let wants_files = req.selection.everything || !req.selection.files.is_empty();
    let destination = format!("/transferred from {} on …", req.source.name());
    let files = if wants_files {
        let root_nodes = api.node_list(src, "/").await?;
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
                    display_name: c.display_name.clone(),
                    color: None,
                    description: None,
                    components: Vec::new(),
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
    totals.calendar_objects = calendars.iter().map(|(n, _)| n).sum();
    totals.address_books = books.len() as u64;
    totals.contacts = books.iter().map(|(n, _)| n).sum();
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
        notes: vec![
            "handover-note-moves-data".into(),
            "handover-note-ot-moves".into(),
        ],
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

    /// Moves one collection and checks it arrived; returns its new URI.
    async fn move_collection(&self, item: &ItemRecord) -> Result<String, Failure> {
        if item.source == BIRTHDAY_URI {
            return Err(Failure::Reason("birthday-calendar", item.source.clone()));
        }
        if item.source.contains("_shared_by_") {
            return Err(Failure::Reason("shared-with-member", item.source.clone()));
        }
        let before = self.list(item.kind, &self.target).await?;
        let count = self
            .list(item.kind, &self.source)
            .await?
            .into_iter()
            .find(|c| c.uri == item.source)
            .map(|c| c.count);
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
            return Err(match e.kind() {
                ErrorKind::Auth | ErrorKind::Forbidden => Failure::Transfer(e.into()),
                _ => Failure::Reason("transfer-refused", format!("{detail} ({e})")),
            });
        }
        let prefix = format!("{}-{}-", item.source, self.source);
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
            Some(c) if count.is_some_and(|n| n != c.count) => Err(Failure::Reason(
                "missing-at-destination",
                format!(
                    "{} objects at the recipient, {count:?} at the source",
                    c.count
                ),
            )),
            Some(c) => Ok(c.uri),
        }
    }

    /// Queues one path and follows the background job; returns where it landed.
    async fn move_path(&self, run: &RunContext<'_>, item: &ItemRecord) -> Result<String, Failure> {
        let path = item.source.clone();
        let name = path.rsplit('/').next().unwrap_or_default().to_owned();
        let parent = path.rsplit_once('/').map_or("/", |(p, _)| p).to_owned();
        let before: Vec<String> = self.transferred_folders().await?;
        self.api
            .transfer_files(&self.source, &self.target, &path)
            .await
            .map_err(|e| match e.kind() {
                ErrorKind::Auth | ErrorKind::Forbidden => Failure::Transfer(e.into()),
                _ => Failure::Reason("transfer-refused", e.to_string()),
            })?;
        let started = std::time::Instant::now();
        loop {
            let gone = match self.api.node_list(&self.source, &parent).await {
                Ok(nodes) => !nodes.iter().any(|n| n.path == path),
                Err(e) if e.kind() == ErrorKind::ServerError => true,
                Err(e) => return Err(Failure::Transfer(e.into())),
            };
            if gone {
                for folder in self.transferred_folders().await? {
                    if before.contains(&folder) {
                        continue;
                    }
                    let inside = self.api.node_list(&self.target, &folder).await;
                    if inside.is_ok_and(|n| n.iter().any(|n| n.node_name == name)) {
                        return Ok(format!("{folder}/{name}"));
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

    async fn transferred_folders(&self) -> Result<Vec<String>, Failure> {
        Ok(self
            .api
            .node_list(&self.target, "/")
            .await
            .map_err(|e| Failure::Transfer(e.into()))?
            .into_iter()
            .filter(|n| n.is_dir() && n.node_name.starts_with("transferred from "))
            .map(|n| n.path)
            .collect())
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
                ItemKind::Folder if Some(item.id) == root => Ok("/".to_owned()),
                _ => continue,
            };
            match outcome {
                Ok(landed) => run.copied(
                    item,
                    &Written {
                        size: item.size,
                        detail: Some(landed),
                        ..Written::default()
                    },
                )?,
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

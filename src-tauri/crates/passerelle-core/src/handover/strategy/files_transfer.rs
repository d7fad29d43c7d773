//! Strategy 3: Nextcloud's own ownership transfer (files app), with a session for the departing
//! member and one for the recipient on the same Nextcloud. Moves data (the member loses it);
//! the server keeps file ids and shares. For each selected top-level path:
//!
//! 1. the member asks (`POST …/transferownership`, path + recipient). The answer has no id;
//! 2. the recipient finds it in their notifications (`object_type` `transfer`, matched by the
//!    member's user id and the path's base name — all the notification carries), and the id is
//!    written to the journal **before** accepting, so a resume after a crash never asks twice;
//! 3. the recipient accepts, which only queues a background job;
//! 4. Passerelle follows until the member's path is gone and it sits in a `transferred from …`
//!    folder of the recipient (the same file id when the server gives one), with a bounded
//!    wait: when nothing moves, the item fails with `background-jobs-not-running` (cron), and a
//!    resume only follows again;
//! 5. the recipient's session MOVEs it from the server's dated folder into its place in the
//!    planned destination folder (created first), and removes the dated folder left empty:
//!    the server makes one dated folder per transfer, and a hand-over of several paths must
//!    still arrive in the one folder the plan names. The place reached is recorded before the
//!    move, so a resume only moves it on;
//! 6. what landed is checked against the journal (every file and folder, sizes).
//!
//! The member may get a false "transfer denied" notice next to "done" (seen on 29.0.6): it is
//! never read. Calendars and address books are not moved by this API: the job's are copied by
//! the streamed copy between the same two sessions ([`super::streamed_copy::WithCollectionCopy`]), and
//! the plan says the member keeps them.
//!
//! How far each top-level item went is kept in typed columns of its journal item
//! ([`TransferState`], migration 0007), apart from the failure detail.

use std::collections::HashSet;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use passerelle_nextcloud::dav::RemotePath;
use passerelle_nextcloud::dav::files::{FileEntry, Files};
use passerelle_nextcloud::{CancellationToken, Capabilities, Client, ErrorKind};

use super::Strategy;
use super::ownership_transfer::FollowOptions;
use super::share_copy::{Tops, create_folders, descendants, pending, tops};
use crate::handover::journal::{self, ItemRecord, Written};
use crate::handover::model::{
    ItemKind, PlanTotals, Progress, RunOutcome, StrategyKind, TransferState, TransferStep,
};
use crate::handover::run::{Failure, RunContext, RunOptions};
use crate::{CoreError, Store};

/// Whether the recipient's server offers what this strategy needs to learn a transfer's id:
/// the notifications app's OCS list (capabilities `notifications.ocs-endpoints`). The files
/// app's transfer route itself publishes no capability.
pub async fn detect(recipient: &Client) -> bool {
    recipient.capabilities().await.is_ok_and(|c| offered(&c))
}

/// Whether these capabilities offer it (the notifications app's, the same for every account
/// of the server).
pub fn offered(caps: &Capabilities) -> bool {
    caps.raw
        .get("notifications")
        .and_then(|n| n.get("ocs-endpoints"))
        .and_then(|e| e.as_array())
        .is_some_and(|e| e.iter().any(|v| v.as_str() == Some("list")))
}

/// The strategy: the member's session asks, the recipient's accepts and watches.
#[derive(Debug, Clone)]
pub struct NativeTransfer {
    member: Client,
    recipient: Client,
    member_files: Files,
    recipient_files: Files,
    member_user: String,
    recipient_user: String,
    follow: FollowOptions,
}

fn remote(path: &str) -> Result<RemotePath, Failure> {
    RemotePath::parse(path).map_err(|e| Failure::Reason("unsafe-name", e.to_string()))
}

fn is_transferred_folder(e: &FileEntry) -> bool {
    e.is_dir && crate::handover::names::is_transfer_folder_name(e.name())
}

impl NativeTransfer {
    /// `member`: the departing member's session; `recipient`: the recipient's, on the same
    /// server.
    pub fn new(member: &Client, recipient: &Client) -> Result<Self, CoreError> {
        Ok(NativeTransfer {
            member: member.clone(),
            recipient: recipient.clone(),
            member_files: member.files()?,
            recipient_files: recipient.files()?,
            member_user: member.user_id().unwrap_or_default().to_owned(),
            recipient_user: recipient.user_id().unwrap_or_default().to_owned(),
            follow: FollowOptions::default(),
        })
    }

    /// How long to follow the background job of each transfer.
    pub fn with_follow(mut self, follow: FollowOptions) -> Self {
        self.follow = follow;
        self
    }

    /// The pending transfer from the member for `name` in the recipient's notifications, the
    /// newest first, skipping ids other items of the job already use.
    async fn find_incoming(
        &self,
        name: &str,
        used: &HashSet<String>,
    ) -> Result<Option<String>, Failure> {
        let incoming = self
            .recipient
            .incoming_transfers()
            .await
            .map_err(|e| match e.kind() {
                ErrorKind::NotFound => Failure::Reason(
                    "transfer-refused",
                    "the recipient's server has no notifications app: the transfer cannot be \
                     accepted from Passerelle"
                        .into(),
                ),
                _ => Failure::Transfer(e.into()),
            })?;
        Ok(incoming
            .into_iter()
            .filter(|t| t.from_user == self.member_user && t.name == name && !used.contains(&t.id))
            .max_by_key(|t| t.notification_id)
            .map(|t| t.id))
    }

    /// Where the member's `path` landed at the recipient, once it left the member: in the
    /// `transferred from …` folder holding `name` with the same file id, else the newest one
    /// holding `name` (names embed the date).
    async fn landed(
        &self,
        path: &RemotePath,
        name: &str,
        file_id: Option<u64>,
        target: &str,
    ) -> Result<Option<String>, Failure> {
        match self.member_files.stat(path).await {
            Ok(_) => return Ok(None),
            Err(e) if e.kind() == ErrorKind::NotFound => {}
            Err(e) => return Err(Failure::Transfer(e.into())),
        }
        // Already in its place in the destination folder (moved there by an earlier run).
        if let Some(id) = file_id
            && let Ok(e) = self.recipient_files.stat(&remote(target)?).await
            && e.file_id == Some(id)
        {
            return Ok(Some(target.to_owned()));
        }
        let mut folders: Vec<FileEntry> = self
            .recipient_files
            .list(&RemotePath::root())
            .await
            .map_err(|e| Failure::Transfer(e.into()))?
            .into_iter()
            .filter(is_transferred_folder)
            .collect();
        folders.sort_by(|a, b| b.name().cmp(a.name()));
        let mut by_name = None;
        for folder in folders {
            let inside = match self.recipient_files.list(&folder.path).await {
                Ok(inside) => inside,
                Err(e) if e.kind() == ErrorKind::NotFound => continue,
                Err(e) => return Err(Failure::Transfer(e.into())),
            };
            let Some(hit) = inside.iter().find(|e| e.name() == name) else {
                continue;
            };
            let at = format!("/{}", hit.path.segments().join("/"));
            if file_id.is_some() && hit.file_id == file_id {
                return Ok(Some(at));
            }
            by_name.get_or_insert(at);
        }
        Ok(by_name)
    }

    /// Every file and folder below `landed` at the recipient, relative (`/sub/b.txt`), with
    /// its size (files).
    async fn landed_tree(&self, landed: &str) -> Result<Vec<(String, bool, Option<u64>)>, Failure> {
        let root = remote(landed)?;
        let mut out = Vec::new();
        let mut queue = vec![root.clone()];
        while let Some(dir) = queue.pop() {
            let entries = self
                .recipient_files
                .list(&dir)
                .await
                .map_err(|e| Failure::Transfer(e.into()))?;
            for e in entries {
                let rel = e.path.segments()[root.segments().len()..].join("/");
                if e.is_dir {
                    queue.push(e.path.clone());
                }
                out.push((format!("/{rel}"), e.is_dir, e.size));
            }
        }
        Ok(out)
    }

    /// Moves what the server put in its own dated folder (`from`, `<dated>/<name>`) to `to`, its
    /// place in the planned destination folder, then removes the dated folder when it is left
    /// empty: the recipient finds the whole hand-over in one folder, as planned. A MOVE keeps
    /// file ids and shares. Checked: `to` holds it (same file id when known) and `from` is
    /// gone. Already moved (a resume after a crash) counts as moved.
    async fn move_into_place(
        &self,
        from: &str,
        to: &str,
        file_id: Option<u64>,
    ) -> Result<(), Failure> {
        let (from_path, to_path) = (remote(from)?, remote(to)?);
        match self
            .recipient_files
            .move_to(&from_path, &to_path, false)
            .await
        {
            Ok(()) => {}
            // Gone from the dated folder: moved by a run that died before recording it.
            Err(e) if e.kind() == ErrorKind::NotFound => {}
            Err(e) => return Err(Failure::Transfer(e.into())),
        }
        let there = self
            .recipient_files
            .stat(&to_path)
            .await
            .map_err(|e| Failure::Transfer(e.into()))?;
        if file_id.is_some() && there.file_id.is_some() && there.file_id != file_id {
            return Err(Failure::Reason(
                "exists-at-destination",
                format!("{to} is another file than the one transferred (still in {from})"),
            ));
        }
        match self.recipient_files.stat(&from_path).await {
            Err(e) if e.kind() == ErrorKind::NotFound => {}
            Ok(_) => {
                return Err(Failure::Reason(
                    "exists-at-destination",
                    format!("{from} is still there after moving it to {to}"),
                ));
            }
            Err(e) => return Err(Failure::Transfer(e.into())),
        }
        if let Some(dated) = from_path.parent().filter(|p| {
            !p.is_root()
                && p.name()
                    .is_some_and(crate::handover::names::is_transfer_folder_name)
        }) {
            // Best effort: an empty folder left behind is only untidy.
            if let Ok(inside) = self.recipient_files.list(&dated).await
                && inside.iter().all(|e| e.path == dated)
            {
                let _ = self.recipient_files.delete(&dated).await;
            }
        }
        Ok(())
    }

    /// Asks, finds the id, accepts and follows one top-level path; returns where it landed.
    /// `note` is kept up to date in the journal at each step.
    async fn transfer(
        &self,
        run: &RunContext<'_>,
        top: &ItemRecord,
        note: &Mutex<TransferState>,
        used: &HashSet<String>,
        journal_error: &Mutex<Option<CoreError>>,
    ) -> Result<String, Failure> {
        let path = remote(&top.source)?;
        let name = path.name().unwrap_or_default().to_owned();
        let get = || note.lock().unwrap_or_else(|p| p.into_inner()).clone();
        let set = |n: TransferState| -> Result<(), Failure> {
            journal::set_transfer(run.store, top.id, &n).map_err(|e| {
                let f = Failure::Reason("transfer-refused", e.to_string());
                *journal_error.lock().unwrap_or_else(|p| p.into_inner()) = Some(e);
                f
            })?;
            *note.lock().unwrap_or_else(|p| p.into_inner()) = n;
            Ok(())
        };
        let mut n = get();
        if n.step == TransferStep::Landed
            && let Some(at) = n.landed_at.clone()
        {
            return Ok(at);
        }
        if n.id.is_none() {
            // A previous run may have asked already: never ask twice.
            let found = if n.step == TransferStep::Requested {
                self.find_incoming(&name, used).await?
            } else {
                None
            };
            let id = match found {
                Some(id) => id,
                None => {
                    let entry = match self.member_files.stat(&path).await {
                        Ok(e) => e,
                        Err(e) if e.kind() == ErrorKind::NotFound => {
                            return Err(Failure::Reason(
                                "transfer-refused",
                                format!("{} is no longer in the member's files", top.source),
                            ));
                        }
                        Err(e) => return Err(Failure::Transfer(e.into())),
                    };
                    n = TransferState {
                        step: TransferStep::Requested,
                        file_id: entry.file_id,
                        ..TransferState::default()
                    };
                    set(n.clone())?;
                    self.member
                        .request_ownership_transfer(&top.source, &self.recipient_user)
                        .await
                        .map_err(|e| {
                            Failure::refusal(
                                "transfer-refused",
                                e,
                                format!(
                                    "the server refused to transfer {} to {}: it may not exist, \
                                     be shared with the member rather than theirs, or already \
                                     be waiting for an answer",
                                    top.source, self.recipient_user
                                ),
                            )
                        })?;
                    self.find_incoming(&name, used).await?.ok_or_else(|| {
                        Failure::Reason(
                            "transfer-refused",
                            format!(
                                "no incoming transfer of {name} from {} in {}'s notifications",
                                self.member_user, self.recipient_user
                            ),
                        )
                    })?
                }
            };
            n = TransferState {
                id: Some(id),
                step: TransferStep::Found,
                ..n
            };
            set(n.clone())?;
        }
        let id = n.id.clone().unwrap_or_default();
        if n.step != TransferStep::Accepted {
            match self.recipient.accept_ownership_transfer(&id).await {
                Ok(()) => {}
                // Gone: accepted by a previous run and already carried out by the server.
                Err(e) if e.kind() == ErrorKind::NotFound => {}
                Err(e) => return Err(Failure::Transfer(e.into())),
            }
            n = TransferState {
                step: TransferStep::Accepted,
                ..n
            };
            set(n.clone())?;
        }
        let started = Instant::now();
        loop {
            if let Some(at) = self.landed(&path, &name, n.file_id, &top.target).await? {
                return Ok(at);
            }
            self.follow
                .next_look(started, &run.cancel, |secs| {
                    format!(
                        "{} accepted (transfer {id}), nothing moved within {secs} s: the server's \
                         background jobs (cron) do not seem to run",
                        top.source,
                    )
                })
                .await?;
        }
    }

    /// One top-level item and what is below it: transfer (or resume it), then check.
    async fn hand_over(
        &self,
        run: &RunContext<'_>,
        top: &ItemRecord,
        used: &mut HashSet<String>,
    ) -> Result<(), CoreError> {
        let below = descendants(&run.items, top);
        let note = Mutex::new(top.transfer.clone());
        run.set_current(&top.source);
        let others = used.clone();
        let journal_error = Mutex::new(None);
        let r = run
            .attempt(top, || {
                self.transfer(run, top, &note, &others, &journal_error)
            })
            .await?;
        // The journal could not record a step: stop the run rather than risk asking twice.
        if let Some(e) = journal_error
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .take()
        {
            return Err(e);
        }
        let n = note.lock().unwrap_or_else(|p| p.into_inner()).clone();
        if let Some(id) = &n.id {
            used.insert(id.clone());
        }
        let landed = match r {
            Ok(at) if at != top.target => {
                // Where the server put it, recorded first: a resume only moves it on.
                let there = TransferState {
                    step: TransferStep::Landed,
                    landed_at: Some(at.clone()),
                    ..n.clone()
                };
                journal::set_transfer(run.store, top.id, &there)?;
                match self.move_into_place(&at, &top.target, n.file_id).await {
                    Ok(()) => top.target.clone(),
                    Err(f) => {
                        // Kept "landed" where it is: a resume only tries the move again.
                        run.failed(top, &f)?;
                        return Ok(());
                    }
                }
            }
            Ok(at) => at,
            Err(f) => {
                // Where the transfer stands stays recorded: a resume does not ask again.
                run.failed(top, &f)?;
                return Ok(());
            }
        };
        let done = TransferState {
            step: TransferStep::Landed,
            landed_at: Some(landed.clone()),
            ..n
        };
        journal::set_transfer(run.store, top.id, &done)?;
        let tree = match self.landed_tree_or_file(top, &landed).await {
            Ok(t) => t,
            Err(f) => {
                // It moved; only the check failed: "landed" is kept, so a resume only checks.
                run.failed(top, &f)?;
                return Ok(());
            }
        };
        run.copied(
            top,
            &Written {
                size: (top.kind == ItemKind::File).then_some(top.size).flatten(),
                detail: Some(landed.clone()),
                ..Written::default()
            },
        )?;
        for it in below.into_iter().filter(|i| pending(i)) {
            let rel = it.source.strip_prefix(top.source.as_str()).unwrap_or("");
            let found = tree.iter().find(|(p, _, _)| p == rel);
            let at = format!("{landed}{rel}");
            match found {
                None => run.failed(
                    it,
                    &Failure::Reason("missing-at-destination", format!("no {at}")),
                )?,
                Some((_, false, size))
                    if it.kind == ItemKind::File && it.size.is_some() && *size != it.size =>
                {
                    run.failed(
                        it,
                        &Failure::Reason(
                            "size-mismatch",
                            format!("{at}: {size:?} bytes, {:?} planned", it.size),
                        ),
                    )?
                }
                Some(_) => run.copied(
                    it,
                    &Written {
                        size: (it.kind == ItemKind::File).then_some(it.size).flatten(),
                        detail: Some(at),
                        ..Written::default()
                    },
                )?,
            }
        }
        Ok(())
    }

    /// What landed: the tree of a folder, or the size of a file (under the empty path).
    async fn landed_tree_or_file(
        &self,
        top: &ItemRecord,
        landed: &str,
    ) -> Result<Vec<(String, bool, Option<u64>)>, Failure> {
        if top.kind == ItemKind::Folder {
            return self.landed_tree(landed).await;
        }
        let e = self
            .recipient_files
            .stat(&remote(landed)?)
            .await
            .map_err(|e| Failure::Transfer(e.into()))?;
        if top.size.is_some() && e.size != top.size {
            return Err(Failure::Reason(
                "size-mismatch",
                format!("{landed}: {:?} bytes, {:?} planned", e.size, top.size),
            ));
        }
        Ok(Vec::new())
    }
}

impl Strategy for NativeTransfer {
    fn kind(&self) -> StrategyKind {
        StrategyKind::NativeTransfer
    }

    fn estimate(&self, totals: &PlanTotals) -> Duration {
        // A move on the server's storage, after at least one cron cycle (5 min by default);
        // the lab's job took about a second once cron picked it up.
        let cron = if totals.files + totals.folders > 1 {
            300
        } else {
            0
        };
        Duration::from_secs(cron + totals.files / 1000)
    }

    async fn execute(&self, run: &RunContext<'_>) -> Result<(), CoreError> {
        let items = &run.items;
        let selection = journal::job(run.store, run.job_id)?.summary.selection;
        let Some(Tops { tops, covered }) = tops(items, &selection) else {
            return Ok(());
        };
        // The destination folder and the folders above the selected ones: created (MKCOL), so
        // that each transferred path is moved from the server's dated folder into its place.
        if !create_folders(run, &self.recipient_files, &covered).await? {
            return Ok(());
        }
        let mut used: HashSet<String> =
            items.iter().filter_map(|i| i.transfer.id.clone()).collect();
        for top in tops {
            if run.stopped() {
                break;
            }
            let unfinished = pending(top) || descendants(items, top).into_iter().any(pending);
            if !unfinished {
                continue;
            }
            if let Some(id) = &top.transfer.id {
                used.remove(id);
            }
            self.hand_over(run, top, &mut used).await?;
        }
        Ok(())
    }
}

/// Runs (or resumes) a native-transfer job: the strategy checks what landed at the recipient
/// as it goes, so items it records as moved are verified at the end of the run.
pub async fn run_native<S: Strategy>(
    store: &Store,
    job_id: i64,
    strategy: &S,
    options: &RunOptions,
    cancel: &CancellationToken,
    progress: &mut (dyn FnMut(Progress) + Send),
) -> Result<RunOutcome, CoreError> {
    crate::handover::run::run_moving(store, job_id, strategy, options, cancel, progress).await
}

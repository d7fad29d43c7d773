//! One entry point for the hand-over screens and the command line: the sessions Passerelle
//! holds (the departing member's, the recipient's, an admin's), what they allow (which strategy
//! and why, what each side must still do), browsing the member's files and collections for the
//! selection, planning and running a job with whichever strategy it recorded.
//!
//! The screens and the CLI only build a [`Sessions`] (from recorded accounts or from secrets
//! given on the command line) and call it; nothing here knows about Tauri.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use passerelle_nextcloud::dav::RemotePath;
use passerelle_nextcloud::{
    CancellationToken, Client, ErrorKind, OwnershipTransferApi, Page, UserInfo,
};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::endpoint::{FileTree, Ownership, dav_side};
use super::model::{
    HandoverPlan, ItemKind, MemberSide, Progress, RunOutcome, Selection, StrategyKind,
    StrategyOption, Verification,
};
use super::plan::{PlanRequest, plan_with_context};
use super::run::RunOptions;
use super::strategy::ownership_transfer::{
    BIRTHDAY_URI, OwnershipTransfer, detect, plan_ownership, run_ownership,
};
use super::strategy::share_copy::{self, ShareCopy};
use super::strategy::{OtStatus, StrategyContext, availability, choose};
use super::{WithCollectionCopy, journal, run_copy, run_job};
use crate::handover::error::HandoverError;
use crate::i18n::Localizer;
use crate::secrets::SecretError;
use crate::{CoreError, Store};

/// A member of the space as an admin's listing shows them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SpaceMember {
    /// User id.
    pub user_id: String,
    /// Display name (the user id when empty).
    pub display_name: String,
    /// E-mail address.
    pub email: Option<String>,
    /// Last login, milliseconds since the epoch (`None`: never).
    #[ts(type = "number | null")]
    pub last_login_ms: Option<i64>,
    /// Bytes used.
    #[ts(type = "number")]
    pub quota_used: u64,
    /// The quota in bytes (`None`: unlimited).
    #[ts(type = "number | null")]
    pub quota_total: Option<u64>,
    /// Whether the account is enabled.
    pub enabled: bool,
}

/// One page of members.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct MembersPage {
    /// The members, in the server's order.
    pub members: Vec<SpaceMember>,
    /// Where this page started.
    pub offset: u32,
    /// Whether another page may follow.
    pub more: bool,
}

impl From<UserInfo> for SpaceMember {
    fn from(u: UserInfo) -> Self {
        let display_name = if u.display_name.trim().is_empty() {
            u.id.clone()
        } else {
            u.display_name
        };
        SpaceMember {
            user_id: u.id,
            display_name,
            email: u.email.filter(|e| !e.is_empty()),
            last_login_ms: u.last_login_ms.filter(|ms| *ms > 0),
            quota_used: u.quota.used.max(0) as u64,
            quota_total: u.quota.quota.filter(|q| *q >= 0).map(|q| q as u64),
            enabled: u.enabled.unwrap_or(true),
        }
    }
}

/// The space's members as `admin` (an admin or group admin) may see them, searched on the
/// server and paged. Group admins get only their groups' members (the server filters). A
/// person who is neither gets a `forbidden` error.
pub async fn members(
    admin: &Client,
    search: &str,
    offset: u32,
    limit: u32,
) -> Result<MembersPage, CoreError> {
    let limit = limit.clamp(1, 200);
    let users = admin
        .list_users_details(search.trim(), Page::new(limit, offset))
        .await?;
    let more = users.len() as u32 >= limit;
    Ok(MembersPage {
        members: users.into_iter().map(SpaceMember::from).collect(),
        offset,
        more,
    })
}

/// A file or folder of the member's, for the selection tree (one folder at a time).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BrowseEntry {
    /// Its name.
    pub name: String,
    /// Its path in the member's files (`/Asso/Budget.ods`), as the selection takes it.
    pub path: String,
    /// Folder or file.
    pub is_folder: bool,
    /// Size in bytes (folders: of their content, when the server says).
    #[ts(type = "number | null")]
    pub size: Option<u64>,
    /// The member shared it with someone.
    pub shared: bool,
    /// Why it cannot be handed over (a `handover-reason-…` code), if so.
    pub excluded: Option<String>,
}

/// A calendar or address book of the member's, for the selection.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CollectionEntry {
    /// Calendar or address book.
    pub kind: ItemKind,
    /// Its URI (last path segment), as the selection takes it.
    pub uri: String,
    /// Display name.
    pub display_name: Option<String>,
    /// Colour (`#RRGGBB`).
    pub color: Option<String>,
    /// Events or contacts in it, when counted.
    #[ts(type = "number | null")]
    pub count: Option<u64>,
    /// The member shared it with someone.
    pub shared: bool,
    /// Why it cannot be handed over (shared *to* the member, the birthday calendar…).
    pub excluded: Option<String>,
}

/// The member's calendars and address books.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct MemberCollections {
    /// Calendars.
    pub calendars: Vec<CollectionEntry>,
    /// Address books.
    pub address_books: Vec<CollectionEntry>,
}

/// Something a side must do before the hand-over can use the best way.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "kebab-case")]
pub enum AccessTodo {
    /// The departing member approves Passerelle in their browser (Login Flow) here.
    ConnectSource,
    /// The recipient does.
    ConnectTarget,
}

/// Which side of a hand-over an account is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "kebab-case")]
pub enum AccessSide {
    /// The departing member.
    Source,
    /// The recipient.
    Target,
}

/// A recorded account of one side whose app password is gone — kept for the session only and
/// Passerelle restarted since, or missing from the keyring. The hand-over goes on without that
/// session (an admin-only way may still work); the screen names the account and offers to
/// reconnect it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct LostAccess {
    /// Which side.
    pub side: AccessSide,
    /// The recorded account.
    #[ts(type = "number")]
    pub account_id: i64,
    /// Its user id.
    pub user_id: String,
    /// Its display name.
    pub display_name: Option<String>,
    /// Its server.
    pub server_url: String,
    /// Why (an error code: `session-secret-lost`, `secret-not-found`).
    pub code: String,
}

/// What the sessions allow: the strategy that will be used and why, the others and why not,
/// and what is still to do.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct HandoverAccess {
    /// The strategy `auto` picks, if any.
    pub chosen: Option<StrategyKind>,
    /// Fluent id of why (or of why nothing can be done yet).
    pub reason: String,
    /// Whether the chosen strategy moves the data (the member loses it).
    pub moves_data: bool,
    /// Every strategy with whether it is available and why.
    pub options: Vec<StrategyOption>,
    /// Passerelle holds a session for the departing member.
    pub source_session: bool,
    /// Passerelle holds a session for the recipient.
    pub target_session: bool,
    /// Both are on the same server.
    pub same_server: bool,
    /// What would make a hand-over possible (or a better one): empty when all is set.
    pub todo: Vec<AccessTodo>,
    /// Recorded accounts of either side whose access is gone: to reconnect.
    pub lost: Vec<LostAccess>,
}

/// The sessions Passerelle holds for one hand-over.
#[derive(Debug, Clone)]
pub struct Sessions {
    /// The departing member.
    pub source: MemberSide,
    /// Their session, if Passerelle holds one.
    pub source_client: Option<Client>,
    /// The recipient.
    pub target: MemberSide,
    /// Their session, if Passerelle holds one.
    pub target_client: Option<Client>,
    /// An admin's session on the departing member's server, if any.
    pub admin: Option<Client>,
    /// Recorded accounts of the sides whose secret is gone (no session for them).
    pub lost: Vec<LostAccess>,
}

/// `user_id` on `server_url` described with Nextcloud's standard DAV homes (no session).
pub fn nextcloud_user(
    server_url: &str,
    user_id: &str,
    display_name: Option<String>,
) -> Result<MemberSide, CoreError> {
    let client = crate::connect::builder_with_pin(server_url, None)
        .user_id(user_id.to_owned())
        .build()?;
    let mut side = super::nextcloud_member(&client, display_name)?;
    side.server_url = server_url.to_owned();
    Ok(side)
}

fn same_server(a: &MemberSide, b: &MemberSide) -> bool {
    a.server_url.trim_end_matches('/') == b.server_url.trim_end_matches('/')
}

impl Sessions {
    fn ot_api(&self) -> Option<OwnershipTransferApi> {
        self.admin.clone().map(OwnershipTransferApi::new)
    }

    /// What is known for choosing a strategy (asks the server: the OwnershipTransfer app for
    /// the admin, the sharing API for the member).
    pub async fn context(&self) -> StrategyContext {
        let same = same_server(&self.source, &self.target);
        let ownership_transfer = async {
            match (self.ot_api(), same) {
                (Some(api), true) => detect(&api).await,
                _ => OtStatus::Unknown,
            }
        };
        // One server: the member's capabilities answer for both the share copy (sharing may
        // be refused to their groups) and Nextcloud's own transfer (an app's, the same for all).
        let capabilities = async {
            match (&self.source_client, &self.target_client) {
                (Some(s), Some(_)) if same && self.source.nextcloud && self.target.nextcloud => {
                    s.capabilities().await.ok()
                }
                _ => None,
            }
        };
        let (ownership_transfer, capabilities, source_disabled) =
            tokio::join!(ownership_transfer, capabilities, self.source_disabled());
        let share_api = capabilities.as_ref().is_some_and(share_copy::offered);
        let native_transfer = capabilities
            .as_ref()
            .is_some_and(super::strategy::files_transfer::offered);
        StrategyContext {
            source_session: self.source_client.is_some(),
            target_session: self.target_client.is_some(),
            same_server: same,
            ownership_transfer,
            share_api,
            native_transfer,
            source_disabled,
        }
    }

    /// Whether the admin's listing says the departing member's account is disabled (unknown
    /// without an admin session on their server: not disabled).
    async fn source_disabled(&self) -> bool {
        match &self.admin {
            Some(admin) if same_url(admin.base_url().as_str(), &self.source.server_url) => admin
                .user(&self.source.user_id)
                .await
                .is_ok_and(|u| u.enabled == Some(false)),
            _ => false,
        }
    }

    /// Which strategy `auto` picks and why, the others, and what each side must do.
    pub async fn access(&self) -> HandoverAccess {
        let ctx = self.context().await;
        let options: Vec<StrategyOption> = StrategyKind::ALL
            .iter()
            .map(|k| availability(*k, &ctx))
            .collect();
        let choice = choose(None, &ctx).ok();
        let mut todo = Vec::new();
        // A copy needs both sessions; say which are missing unless a transfer through the
        // OwnershipTransfer app already works with the admin's session alone.
        if choice.as_ref().map(|c| c.chosen) != Some(StrategyKind::OwnershipTransfer) {
            // A disabled member cannot approve anything: connecting them would not help.
            if !ctx.source_session && !ctx.source_disabled {
                todo.push(AccessTodo::ConnectSource);
            }
            if !ctx.target_session {
                todo.push(AccessTodo::ConnectTarget);
            }
        }
        HandoverAccess {
            chosen: choice.as_ref().map(|c| c.chosen),
            reason: choice
                .as_ref()
                .map(|c| c.reason.clone())
                .unwrap_or_else(|| "handover-why-nothing-yet".to_owned()),
            moves_data: choice.as_ref().is_some_and(|c| c.moves_data),
            options,
            source_session: ctx.source_session,
            target_session: ctx.target_session,
            same_server: ctx.same_server,
            todo,
            lost: self.lost.clone(),
        }
    }

    /// The children of folder `path` of the member's files, folders first, then by name.
    pub async fn browse(&self, path: &str) -> Result<Vec<BrowseEntry>, CoreError> {
        let dir = format!("/{}", path.trim_matches('/'));
        let mut out: Vec<BrowseEntry> = if let Some(client) = &self.source_client {
            let side = dav_side(client, &self.source)?;
            let files = side
                .files
                .as_ref()
                .ok_or(CoreError::Handover(HandoverError::Empty))?;
            let remote = RemotePath::parse(&dir).map_err(|_| {
                CoreError::Handover(HandoverError::Selection {
                    item: dir.clone(),
                    reason: "unsafe-name".to_owned(),
                })
            })?;
            files
                .list(&remote)
                .await?
                .into_iter()
                .filter(|e| e.path != remote)
                .map(|e| BrowseEntry {
                    name: e.path.name().unwrap_or_default().to_owned(),
                    path: format!("/{}", e.path.segments().join("/")),
                    is_folder: e.is_dir,
                    size: e.size,
                    shared: !e.share_types.is_empty(),
                    excluded: super::plan::mount_exclusion(&e).map(|(r, _)| r.to_owned()),
                })
                .collect()
        } else if let Some(api) = self.ot_api() {
            let user = self.source.user_id.as_str();
            api.node_list(user, &dir)
                .await?
                .into_iter()
                .map(|n| {
                    let foreign = n.owner.as_deref().is_some_and(|o| o != user);
                    BrowseEntry {
                        name: n.node_name.clone(),
                        is_folder: n.is_dir(),
                        size: Some(n.size),
                        shared: false,
                        excluded: foreign.then(|| "shared-with-member".to_owned()),
                        path: n.path,
                    }
                })
                .collect()
        } else {
            return Err(CoreError::Handover(HandoverError::StrategyUnavailable(
                "auto".to_owned(),
            )));
        };
        out.sort_by(|a: &BrowseEntry, b: &BrowseEntry| {
            b.is_folder
                .cmp(&a.is_folder)
                .then_with(|| a.name.to_lowercase().cmp(&b.name.to_lowercase()))
        });
        Ok(out)
    }

    /// The member's calendars and address books, with colours and counts; those that cannot
    /// be handed over say why.
    pub async fn collections(&self) -> Result<MemberCollections, CoreError> {
        if let Some(client) = self
            .source_client
            .as_ref()
            .filter(|_| self.source.nextcloud)
        {
            let mut out = MemberCollections::default();
            for c in client.caldav()?.calendars_with_counts().await? {
                let excluded = if c.is_birthday {
                    Some("birthday-calendar")
                } else {
                    match c.ownership {
                        Ownership::Owned => super::strategy::streamed_copy::generated(&c.uri),
                        Ownership::SharedWithMe => Some("shared-with-member"),
                        Ownership::System => Some("system-collection"),
                    }
                };
                out.calendars.push(CollectionEntry {
                    kind: ItemKind::Calendar,
                    uri: c.uri,
                    display_name: c.display_name,
                    color: c.color.map(|c| c.chars().take(7).collect()),
                    count: c.object_count,
                    shared: !c.shared_with.is_empty(),
                    excluded: excluded.map(str::to_owned),
                });
            }
            let dav = client.carddav()?;
            for b in dav.address_books().await? {
                let count = dav.count_objects(&b.url).await.ok();
                let excluded = match b.ownership {
                    Ownership::Owned => super::strategy::streamed_copy::generated(&b.uri),
                    Ownership::SharedWithMe => Some("shared-with-member"),
                    Ownership::System => Some("system-collection"),
                };
                out.address_books.push(CollectionEntry {
                    kind: ItemKind::AddressBook,
                    uri: b.uri,
                    display_name: b.display_name,
                    color: None,
                    count,
                    shared: !b.shared_with.is_empty(),
                    excluded: excluded.map(str::to_owned),
                });
            }
            return Ok(out);
        }
        if let Some(client) = &self.source_client {
            // Another server than Nextcloud: the collections as the DAV side sees them.
            let side = dav_side(client, &self.source)?;
            let mut out = MemberCollections::default();
            use super::endpoint::CollectionSource;
            for (kind, src) in [
                (ItemKind::Calendar, side.calendars.as_ref()),
                (ItemKind::AddressBook, side.contacts.as_ref()),
            ] {
                let Some(src) = src else { continue };
                let list = src.collections().await?;
                for m in list {
                    let entry = CollectionEntry {
                        kind,
                        excluded: super::strategy::streamed_copy::movable(&m).map(str::to_owned),
                        uri: m.uri,
                        display_name: m.display_name,
                        color: m.color,
                        count: None,
                        shared: false,
                    };
                    if kind == ItemKind::Calendar {
                        out.calendars.push(entry);
                    } else {
                        out.address_books.push(entry);
                    }
                }
            }
            return Ok(out);
        }
        let api = self.ot_api().ok_or_else(|| {
            CoreError::Handover(HandoverError::StrategyUnavailable("auto".to_owned()))
        })?;
        let user = self.source.user_id.as_str();
        let entry = |kind, c: passerelle_nextcloud::OtCollection| {
            let excluded = if c.uri == BIRTHDAY_URI {
                Some("birthday-calendar")
            } else if c.received_share || c.uri.contains("_shared_by_") {
                Some("shared-with-member")
            } else {
                super::strategy::streamed_copy::generated(&c.uri)
            };
            CollectionEntry {
                kind,
                uri: c.uri,
                display_name: c.display_name,
                color: None,
                count: c.count,
                shared: c.shared && !c.received_share,
                excluded: excluded.map(str::to_owned),
            }
        };
        Ok(MemberCollections {
            calendars: api
                .calendar_list(user)
                .await?
                .into_iter()
                .map(|c| entry(ItemKind::Calendar, c))
                .collect(),
            address_books: api
                .address_book_list(user)
                .await?
                .into_iter()
                .map(|c| entry(ItemKind::AddressBook, c))
                .collect(),
        })
    }

    /// Plans what the person chose between the sessions' sides, today: what the hand-over
    /// screen and the CLI both ask (reads only).
    pub async fn plan_today(
        &self,
        selection: Selection,
        destination: Option<String>,
        strategy: Option<StrategyKind>,
        l10n: &Localizer,
    ) -> Result<HandoverPlan, CoreError> {
        let req = PlanRequest {
            source: self.source.clone(),
            target: self.target.clone(),
            selection,
            destination,
            strategy,
            today: today(),
        };
        self.plan(&req, l10n).await
    }

    /// Plans `req` (its sides are replaced by the sessions') with the strategy it asks for, or
    /// the best available one. Reads only.
    pub async fn plan(
        &self,
        req: &PlanRequest,
        l10n: &Localizer,
    ) -> Result<HandoverPlan, CoreError> {
        let req = PlanRequest {
            source: self.source.clone(),
            target: self.target.clone(),
            ..req.clone()
        };
        let ctx = self.context().await;
        let chosen = match choose(req.strategy, &ctx) {
            Ok(c) => c.chosen,
            Err(_) if ctx.source_disabled => {
                return Err(CoreError::Handover(HandoverError::MemberDisabled {
                    user: self.source.user_id.clone(),
                }));
            }
            Err(e) => return Err(e),
        };
        if chosen == StrategyKind::OwnershipTransfer {
            let api = self.ot_api().expect("available only with an admin session");
            return plan_ownership(&req, &api).await;
        }
        let (Some(s), Some(t)) = (&self.source_client, &self.target_client) else {
            return Err(CoreError::Handover(HandoverError::StrategyUnavailable(
                chosen.code().to_owned(),
            )));
        };
        let source = dav_side(s, &self.source)?;
        let target = dav_side(t, &self.target)?;
        let req = PlanRequest {
            strategy: Some(chosen),
            ..req
        };
        plan_with_context(&req, &ctx, &source, &target, l10n).await
    }

    /// Runs or resumes job `job_id` with the strategy it recorded.
    pub async fn run(
        &self,
        store: &Store,
        job_id: i64,
        options: &RunOptions,
        cancel: &CancellationToken,
        progress: &mut (dyn FnMut(Progress) + Send),
    ) -> Result<RunOutcome, CoreError> {
        let job = journal::job(store, job_id)?.summary;
        let missing = || {
            CoreError::Handover(HandoverError::StrategyUnavailable(
                job.strategy.code().to_owned(),
            ))
        };
        match job.strategy {
            StrategyKind::OwnershipTransfer => {
                let api = self.ot_api().ok_or_else(missing)?;
                let strategy = OwnershipTransfer::new(api, &job.source, &job.target);
                run_ownership(store, job_id, &strategy, options, cancel, progress).await
            }
            StrategyKind::ShareCopy => {
                let (Some(s), Some(t)) = (&self.source_client, &self.target_client) else {
                    return Err(missing());
                };
                let source = dav_side(s, &job.source)?;
                let target = dav_side(t, &job.target)?;
                // Files through a share, calendars and contacts by the streamed copy.
                let strategy = WithCollectionCopy::new(ShareCopy::new(s, t)?, &source, &target);
                run_job(store, job_id, &strategy, &target, options, cancel, progress).await
            }
            StrategyKind::StreamedCopy => {
                let (Some(s), Some(t)) = (&self.source_client, &self.target_client) else {
                    return Err(missing());
                };
                let source = dav_side(s, &job.source)?;
                let target = dav_side(t, &job.target)?;
                run_copy(store, job_id, &source, &target, options, cancel, progress).await
            }
            StrategyKind::NativeTransfer => {
                let (Some(s), Some(t)) = (&self.source_client, &self.target_client) else {
                    return Err(missing());
                };
                let source = dav_side(s, &job.source)?;
                let target = dav_side(t, &job.target)?;
                // Files by the server's transfer, calendars and contacts by the streamed copy.
                let files = super::strategy::files_transfer::NativeTransfer::new(s, t)?;
                let strategy = WithCollectionCopy::new(files, &source, &target);
                super::run_native(store, job_id, &strategy, options, cancel, progress).await
            }
        }
    }

    /// Compares the destination with the job's plan (needs the recipient's session).
    pub async fn verify(
        &self,
        store: &Store,
        job_id: i64,
        deep: bool,
    ) -> Result<Verification, CoreError> {
        let job = journal::job(store, job_id)?.summary;
        if job.strategy.moves_data() {
            // The server chose where the data landed (its own "transferred from …" folders,
            // renamed collections): each item was checked there during the run and its note
            // says where. The journal is the verification.
            let items = journal::items(store, job_id)?;
            return Ok(super::run::journal_verification(&items));
        }
        let t = self.target_client.as_ref().ok_or_else(|| {
            CoreError::Handover(HandoverError::StrategyUnavailable(
                job.strategy.code().to_owned(),
            ))
        })?;
        let target = dav_side(t, &job.target)?;
        super::verify(store, job_id, &target, deep).await
    }
}

/// Who leaves and who receives, as the screens name them: the acting account (the admin's,
/// or the member's own), the departing member's user id on its server, and the recipient —
/// a user id on the same server, or one of the profile's recorded accounts (possibly on
/// another server).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SidesRequest {
    /// The profile whose recorded accounts may serve as sessions.
    #[ts(type = "number")]
    pub profile_id: i64,
    /// The account acting (usually an admin of the space).
    #[ts(type = "number")]
    pub acting_account_id: i64,
    /// The departing member's user id on the acting account's server.
    pub source_user_id: String,
    /// Their display name.
    pub source_name: Option<String>,
    /// The recipient's user id on the same server.
    pub target_user_id: Option<String>,
    /// The recipient's display name.
    pub target_name: Option<String>,
    /// Or one of the profile's recorded accounts as the recipient.
    #[ts(type = "number | null")]
    pub target_account_id: Option<i64>,
}

/// Whether `e` says an account's secret is gone (session-only and Passerelle restarted, or
/// missing from the keyring): the person reconnects it; meanwhile the account has no session.
fn is_lost_secret(e: &CoreError) -> bool {
    matches!(
        e,
        CoreError::Secret(SecretError::SessionLost | SecretError::NotFound)
    )
}

/// A side, its session, and whether that session is lost.
type RecordedSide = (MemberSide, Option<Client>, Option<LostAccess>);

/// The side of a recorded account, with its session — or without one, said in the third part,
/// when its secret is gone.
/// The side of a recorded `account`, described through its own session `client`.
pub(super) fn recorded_member(
    client: &Client,
    account: &crate::model::Account,
    name: Option<String>,
) -> Result<MemberSide, CoreError> {
    let mut side = super::nextcloud_member(client, name)?;
    side.account_id = Some(account.id);
    side.server_url = account.server_url.clone();
    Ok(side)
}

fn recorded_side(
    store: &Store,
    secrets: &crate::secrets::Secrets,
    account: &crate::model::Account,
    name: Option<String>,
    which: AccessSide,
) -> Result<RecordedSide, CoreError> {
    let name = name.or(account.display_name.clone());
    match crate::connect::account_client(store, secrets, account) {
        Ok(client) => Ok((recorded_member(&client, account, name)?, Some(client), None)),
        Err(e) if is_lost_secret(&e) => {
            let mut side = nextcloud_user(&account.server_url, &account.user_id, name)?;
            side.account_id = Some(account.id);
            side.login = account.login_name.clone();
            let lost = LostAccess {
                side: which,
                account_id: account.id,
                user_id: account.user_id.clone(),
                display_name: account.display_name.clone(),
                server_url: account.server_url.clone(),
                code: e.code().to_owned(),
            };
            Ok((side, None, Some(lost)))
        }
        Err(e) => Err(e),
    }
}

fn side_of(
    store: &Store,
    secrets: &crate::secrets::Secrets,
    accounts: &[crate::model::Account],
    server: &str,
    user: &str,
    name: Option<String>,
    which: AccessSide,
) -> Result<RecordedSide, CoreError> {
    match accounts
        .iter()
        .find(|a| same_url(&a.server_url, server) && a.user_id == user)
    {
        Some(account) => recorded_side(store, secrets, account, name, which),
        None => Ok((nextcloud_user(server, user, name)?, None, None)),
    }
}

fn same_url(a: &str, b: &str) -> bool {
    a.trim_end_matches('/') == b.trim_end_matches('/')
}

/// The sessions for `req` from the profile's recorded accounts: a member has a session when
/// the profile holds an account for them on that server.
pub fn sessions_for(
    store: &Store,
    secrets: &crate::secrets::Secrets,
    req: &SidesRequest,
) -> Result<Sessions, CoreError> {
    let acting = store.account(req.acting_account_id)?;
    let admin = crate::connect::account_client(store, secrets, &acting)?;
    let accounts = store.accounts(req.profile_id)?;
    let server = acting.server_url.as_str();
    let (source, source_client, source_lost) = side_of(
        store,
        secrets,
        &accounts,
        server,
        req.source_user_id.trim(),
        req.source_name.clone(),
        AccessSide::Source,
    )?;
    let (target, target_client, target_lost) =
        match (req.target_account_id, req.target_user_id.as_deref()) {
            (Some(id), _) => recorded_side(
                store,
                secrets,
                &store.account(id)?,
                req.target_name.clone(),
                AccessSide::Target,
            )?,
            (None, Some(user)) if !user.trim().is_empty() => side_of(
                store,
                secrets,
                &accounts,
                server,
                user.trim(),
                req.target_name.clone(),
                AccessSide::Target,
            )?,
            _ => {
                return Err(CoreError::Handover(HandoverError::Selection {
                    item: String::new(),
                    reason: "no-recipient".to_owned(),
                }));
            }
        };
    if same_server(&source, &target) && source.user_id == target.user_id {
        return Err(CoreError::Handover(HandoverError::Selection {
            item: target.user_id.clone(),
            reason: "same-member".to_owned(),
        }));
    }
    Ok(Sessions {
        source,
        source_client,
        target,
        target_client,
        admin: Some(admin),
        lost: source_lost.into_iter().chain(target_lost).collect(),
    })
}

/// The sessions to resume or verify a recorded job: each side's recorded account, and the
/// acting account as the admin (needed by the OwnershipTransfer app).
pub fn sessions_for_job(
    store: &Store,
    secrets: &crate::secrets::Secrets,
    job_id: i64,
    acting_account_id: Option<i64>,
) -> Result<Sessions, CoreError> {
    let job = journal::job(store, job_id)?.summary;
    // A side whose secret is gone has no session: a way that needs only the admin still runs.
    let client_of = |side: &MemberSide| -> Result<Option<Client>, CoreError> {
        match side.account_id {
            Some(id) => {
                let account = store.account(id)?;
                match crate::connect::account_client(store, secrets, &account) {
                    Ok(client) => Ok(Some(client)),
                    Err(e) if is_lost_secret(&e) => Ok(None),
                    Err(e) => Err(e),
                }
            }
            None => Ok(None),
        }
    };
    let admin = match acting_account_id {
        Some(id) => Some(crate::connect::account_client(
            store,
            secrets,
            &store.account(id)?,
        )?),
        None => None,
    };
    Ok(Sessions {
        source_client: client_of(&job.source)?,
        target_client: client_of(&job.target)?,
        source: job.source,
        target: job.target,
        admin,
        lost: Vec::new(),
    })
}

/// Today in local time (UTC when the offset is unknown), for the destination's default name.
pub fn today() -> time::Date {
    time::OffsetDateTime::now_local()
        .unwrap_or_else(|_| time::OffsetDateTime::now_utc())
        .date()
}

/// Writes job `job_id`'s report as `format` (`html`, `csv` or `json`) into `dir` (created if
/// needed) and returns the file's path: `passerelle-handover-<job>.<format>`.
pub fn export_report(
    store: &Store,
    job_id: i64,
    format: &str,
    dir: &std::path::Path,
    l10n: &Localizer,
) -> Result<std::path::PathBuf, CoreError> {
    let report = super::report(store, job_id)?;
    let text = match format {
        "html" => super::to_html(&report, l10n),
        "csv" => super::to_csv(&report),
        "json" => super::to_json(&report),
        other => {
            return Err(CoreError::Handover(HandoverError::Selection {
                item: other.to_owned(),
                reason: "unknown-format".to_owned(),
            }));
        }
    };
    let io = |e: std::io::Error| {
        CoreError::Handover(HandoverError::Selection {
            item: dir.display().to_string(),
            reason: e.to_string(),
        })
    };
    std::fs::create_dir_all(dir).map_err(io)?;
    let path = dir.join(format!("passerelle-handover-{job_id}.{format}"));
    let tmp = path.with_extension(format!("{format}.part"));
    std::fs::write(&tmp, text).map_err(io)?;
    std::fs::rename(&tmp, &path).map_err(io)?;
    Ok(path)
}

/// Whether `e` means the person is not an admin (or group admin) of the space.
pub fn is_not_admin(e: &CoreError) -> bool {
    matches!(e, CoreError::Nextcloud(r) if r.kind() == ErrorKind::Forbidden)
}

/// The runs going on in this process: their cancellation and last progress, so a screen that
/// comes back can show them and a job is never run twice at once.
#[derive(Debug, Clone, Default)]
pub struct Runs {
    inner: Arc<Mutex<HashMap<i64, RunEntry>>>,
}

#[derive(Debug, Clone)]
struct RunEntry {
    cancel: CancellationToken,
    last: Option<Progress>,
}

impl Runs {
    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<i64, RunEntry>> {
        self.inner.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Registers a run of `job`; `None` when one is already going on.
    pub fn begin(&self, job: i64) -> Option<CancellationToken> {
        let mut runs = self.lock();
        if runs.contains_key(&job) {
            return None;
        }
        let cancel = CancellationToken::new();
        runs.insert(
            job,
            RunEntry {
                cancel: cancel.clone(),
                last: None,
            },
        );
        Some(cancel)
    }

    /// Records the latest progress of `job`.
    pub fn update(&self, progress: &Progress) {
        if let Some(e) = self.lock().get_mut(&progress.job_id) {
            e.last = Some(progress.clone());
        }
    }

    /// Forgets `job` (its run ended).
    pub fn end(&self, job: i64) {
        self.lock().remove(&job);
    }

    /// Asks `job`'s run to stop; false when none is going on.
    pub fn cancel(&self, job: i64) -> bool {
        match self.lock().get(&job) {
            Some(e) => {
                e.cancel.cancel();
                true
            }
            None => false,
        }
    }

    /// The jobs running now with their last progress.
    pub fn active(&self) -> Vec<(i64, Option<Progress>)> {
        let mut v: Vec<_> = self
            .lock()
            .iter()
            .map(|(id, e)| (*id, e.last.clone()))
            .collect();
        v.sort_by_key(|(id, _)| *id);
        v
    }
}

/// A job as the screens list it: recorded state, and whether it runs now or was interrupted
/// (recorded as running while nothing runs it: the app was closed or crashed — resume it).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct JobListing {
    /// The job.
    pub job: super::JobSummary,
    /// A run is going on in this app now.
    pub running_now: bool,
    /// It stopped before the end (closed app, crash, cancel, failures that will pass) and a
    /// resume will get further; false when what is left needs a person (see the report).
    pub resumable: bool,
    /// Its last progress, when it runs now.
    pub progress: Option<Progress>,
}

/// Every job, newest first, with what the screens need to offer a resume.
pub fn listings(store: &Store, runs: &Runs) -> Result<Vec<JobListing>, CoreError> {
    let active: HashMap<i64, Option<Progress>> = runs.active().into_iter().collect();
    Ok(super::jobs(store)?
        .into_iter()
        .map(|job| {
            let running_now = active.contains_key(&job.id);
            // Only what a resume can finish: a job whose failures all need a person is not
            // offered again (it would fail the same way, forever).
            let resumable = !running_now && job.resumable;
            JobListing {
                progress: active.get(&job.id).cloned().flatten(),
                job,
                running_now,
                resumable,
            }
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_job_runs_once_at_a_time_and_cancel_reaches_it() {
        let runs = Runs::default();
        let token = runs.begin(7).expect("first run");
        assert!(
            runs.begin(7).is_none(),
            "a second run of the same job is refused"
        );
        assert!(runs.cancel(7));
        assert!(token.is_cancelled());
        assert_eq!(runs.active().len(), 1);
        runs.end(7);
        assert!(!runs.cancel(7));
        assert!(runs.begin(7).is_some(), "after the end it may run again");
    }

    #[test]
    fn members_from_an_admin_listing_keep_what_the_screen_shows() {
        let u: UserInfo = serde_json::from_value(serde_json::json!({
            "id": "alice", "displayname": "", "email": "",
            "quota": {"used": 2048, "quota": -3}, "lastLogin": 0, "enabled": false
        }))
        .unwrap();
        let m = SpaceMember::from(u);
        assert_eq!(m.display_name, "alice");
        assert_eq!(m.email, None);
        assert_eq!(m.last_login_ms, None);
        assert_eq!(m.quota_used, 2048);
        assert_eq!(m.quota_total, None);
        assert!(!m.enabled);
    }
}

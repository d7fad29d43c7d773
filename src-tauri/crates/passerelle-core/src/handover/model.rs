//! What the hand-over engine hands to the UI (through generated TypeScript bindings) and to the
//! CLI's JSON: the selection, the plan, progress events, item states and the report. Plain
//! data with serde and ts-rs; no behaviour beyond small helpers.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// What to hand over. `everything` takes all the member's own files, calendars and address
/// books; otherwise only the listed paths and collection URIs.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Selection {
    /// All files, calendars and address books the member owns.
    #[serde(default)]
    pub everything: bool,
    /// File or folder paths below the member's files root (`/Projects/2026`).
    #[serde(default)]
    pub files: Vec<String>,
    /// Calendar URIs (`personal`).
    #[serde(default)]
    pub calendars: Vec<String>,
    /// Address book URIs (`contacts`).
    #[serde(default)]
    pub address_books: Vec<String>,
}

impl Selection {
    /// Everything the member owns.
    pub fn everything() -> Self {
        Selection {
            everything: true,
            ..Default::default()
        }
    }

    /// Nothing selected at all.
    pub fn is_empty(&self) -> bool {
        !self.everything
            && self.files.is_empty()
            && self.calendars.is_empty()
            && self.address_books.is_empty()
    }
}

/// One member's side of a hand-over: who and where. Never holds a secret; the app password
/// comes from the keyring (account) or the person, at each run.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct MemberSide {
    /// Server address.
    pub server_url: String,
    /// User id on the server.
    pub user_id: String,
    /// Login name for the app password (often the user id).
    pub login: String,
    /// Display name, for the destination folder's name and the report.
    pub display_name: Option<String>,
    /// Local account, when the side is a recorded account.
    #[ts(type = "number | null")]
    pub account_id: Option<i64>,
    /// WebDAV root of the member's files.
    pub files_url: String,
    /// CalDAV home, when calendars can be reached.
    pub calendars_url: Option<String>,
    /// CardDAV home, when address books can be reached.
    pub contacts_url: Option<String>,
    /// A Nextcloud server (chunked upload v2 for big files); else any WebDAV server.
    pub nextcloud: bool,
}

impl MemberSide {
    /// The display name, else the user id.
    pub fn name(&self) -> &str {
        self.display_name
            .as_deref()
            .filter(|n| !n.trim().is_empty())
            .unwrap_or(&self.user_id)
    }
}

/// The four ways to hand data over (see the hand-over issue). Only the streamed copy is
/// implemented so far; the others are listed so plans can say why they were not chosen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "kebab-case")]
pub enum StrategyKind {
    /// The OwnershipTransfer server app (admin-only OCS endpoints). Moves data.
    OwnershipTransfer,
    /// The member shares, the recipient COPYs server-side, the share is removed. Copies.
    ShareCopy,
    /// Nextcloud's own transfer-ownership, asked by the member, accepted by the recipient.
    /// Moves data.
    NativeTransfer,
    /// Streamed copy through WebDAV/CalDAV/CardDAV with a session on each side. Copies.
    StreamedCopy,
}

impl StrategyKind {
    /// Every strategy, in the order `auto` prefers them.
    pub const ALL: [StrategyKind; 4] = [
        StrategyKind::OwnershipTransfer,
        StrategyKind::ShareCopy,
        StrategyKind::NativeTransfer,
        StrategyKind::StreamedCopy,
    ];

    /// Stable kebab-case code (`streamed-copy`), also its CLI name.
    pub fn code(self) -> &'static str {
        match self {
            StrategyKind::OwnershipTransfer => "ownership-transfer",
            StrategyKind::ShareCopy => "share-copy",
            StrategyKind::NativeTransfer => "native-transfer",
            StrategyKind::StreamedCopy => "streamed-copy",
        }
    }

    /// Parses [`StrategyKind::code`] (and the CLI's short names `copy`, `native`).
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "ownership-transfer" | "ownershiptransfer" => Some(Self::OwnershipTransfer),
            "share-copy" => Some(Self::ShareCopy),
            "native-transfer" | "native" => Some(Self::NativeTransfer),
            "streamed-copy" | "copy" => Some(Self::StreamedCopy),
            _ => None,
        }
    }

    /// Whether it moves data away from the member (transfers) rather than copying it.
    pub fn moves_data(self) -> bool {
        matches!(self, Self::OwnershipTransfer | Self::NativeTransfer)
    }
}

/// Whether one strategy can be used for this hand-over, and why (a Fluent id).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct StrategyOption {
    /// The strategy.
    pub kind: StrategyKind,
    /// Usable here.
    pub available: bool,
    /// Fluent id of the reason (`handover-why-…`).
    pub reason: String,
    /// Whether it moves (rather than copies) the data, for the screen that offers it.
    #[serde(default)]
    pub moves_data: bool,
}

/// The strategy a plan uses, why, and how the others compare.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct StrategyChoice {
    /// The one used.
    pub chosen: StrategyKind,
    /// Fluent id of why it was chosen.
    pub reason: String,
    /// Whether it moves (rather than copies) the data: the plan says so in plain words.
    pub moves_data: bool,
    /// Every strategy with its availability.
    pub options: Vec<StrategyOption>,
}

/// What an item of a hand-over is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "kebab-case")]
pub enum ItemKind {
    /// A folder (created at the destination, empty ones included).
    Folder,
    /// A file.
    File,
    /// A calendar (created at the destination with the same name and colour).
    Calendar,
    /// An event, task or journal entry of a calendar.
    CalendarObject,
    /// An address book.
    AddressBook,
    /// A contact (vCard).
    Contact,
}

impl ItemKind {
    /// Stable code, as stored in the journal.
    pub fn code(self) -> &'static str {
        match self {
            ItemKind::Folder => "folder",
            ItemKind::File => "file",
            ItemKind::Calendar => "calendar",
            ItemKind::CalendarObject => "calendar-object",
            ItemKind::AddressBook => "address-book",
            ItemKind::Contact => "contact",
        }
    }

    /// Parses [`ItemKind::code`].
    pub fn parse(s: &str) -> Option<Self> {
        [
            ItemKind::Folder,
            ItemKind::File,
            ItemKind::Calendar,
            ItemKind::CalendarObject,
            ItemKind::AddressBook,
            ItemKind::Contact,
        ]
        .into_iter()
        .find(|k| k.code() == s)
    }

    /// Files, calendars or contacts: the three progress bars of the UI.
    pub fn group(self) -> ItemGroup {
        match self {
            ItemKind::Folder | ItemKind::File => ItemGroup::Files,
            ItemKind::Calendar | ItemKind::CalendarObject => ItemGroup::Calendars,
            ItemKind::AddressBook | ItemKind::Contact => ItemGroup::Contacts,
        }
    }
}

/// Files, calendars or contacts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "kebab-case")]
pub enum ItemGroup {
    /// Files and folders.
    Files,
    /// Calendars and their objects.
    Calendars,
    /// Address books and their contacts.
    Contacts,
}

/// Where an item is in the journal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "kebab-case")]
pub enum ItemState {
    /// Not written yet (or written by a run that did not record it: it is written again).
    Planned,
    /// Written at the destination, not verified yet.
    Copied,
    /// Found at the destination as planned.
    Verified,
    /// Could not be written or verified; a resume tries again.
    Failed,
    /// Not handed over, with a reason (not movable, conflict).
    Skipped,
}

impl ItemState {
    /// Stable code, as stored.
    pub fn code(self) -> &'static str {
        match self {
            ItemState::Planned => "planned",
            ItemState::Copied => "copied",
            ItemState::Verified => "verified",
            ItemState::Failed => "failed",
            ItemState::Skipped => "skipped",
        }
    }

    /// Parses [`ItemState::code`].
    pub fn parse(s: &str) -> Option<Self> {
        [
            ItemState::Planned,
            ItemState::Copied,
            ItemState::Verified,
            ItemState::Failed,
            ItemState::Skipped,
        ]
        .into_iter()
        .find(|k| k.code() == s)
    }
}

/// Where a job is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "kebab-case")]
pub enum JobState {
    /// Recorded, not started.
    Planned,
    /// A run is going on (or its process died: resume it).
    Running,
    /// Cancelled by the person; resume goes on.
    Cancelled,
    /// Ended with failed items; resume tries them again.
    Incomplete,
    /// Every item that was to be handed over was found at the destination.
    Verified,
}

impl JobState {
    /// Stable code, as stored.
    pub fn code(self) -> &'static str {
        match self {
            JobState::Planned => "planned",
            JobState::Running => "running",
            JobState::Cancelled => "cancelled",
            JobState::Incomplete => "incomplete",
            JobState::Verified => "verified",
        }
    }

    /// Parses [`JobState::code`].
    pub fn parse(s: &str) -> Option<Self> {
        [
            JobState::Planned,
            JobState::Running,
            JobState::Cancelled,
            JobState::Incomplete,
            JobState::Verified,
        ]
        .into_iter()
        .find(|k| k.code() == s)
    }
}

/// A folder or file of the plan's tree, with what is below it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PlanNode {
    /// Name (the destination folder's name for the root).
    pub name: String,
    /// Path at the source (`/` for the root of the member's files).
    pub source: String,
    /// Path at the destination.
    pub target: String,
    /// A folder.
    pub is_folder: bool,
    /// Bytes (files), or bytes below (folders).
    #[ts(type = "number")]
    pub size: u64,
    /// Files below (1 for a file).
    #[ts(type = "number")]
    pub files: u64,
    /// Folders below (this one excluded).
    #[ts(type = "number")]
    pub folders: u64,
    /// Modification time (seconds since the epoch), kept at the destination.
    #[ts(type = "number | null")]
    pub mtime: Option<i64>,
    /// The source's stored checksum (`SHA1:…`), when it has one.
    pub checksum: Option<String>,
    /// Folders only: the children that are handed over.
    pub children: Vec<PlanNode>,
}

/// An object (event, contact) of a collection to hand over.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PlanObject {
    /// Resource name at the source (`abc.ics`).
    pub name: String,
    /// Its UID; `None` for the rare objects without one (copied under their name).
    pub uid: Option<String>,
    /// Bytes of its data.
    #[ts(type = "number")]
    pub size: u64,
}

/// A calendar or address book to hand over.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PlanCollection {
    /// Calendar or address book.
    pub kind: ItemKind,
    /// URI at the source.
    pub uri: String,
    /// URI it gets at the destination (the same, unless taken there).
    pub target_uri: String,
    /// Display name (kept).
    pub display_name: Option<String>,
    /// Colour (kept, calendars).
    pub color: Option<String>,
    /// Description (kept).
    pub description: Option<String>,
    /// Supported components (`VEVENT`…), kept.
    pub components: Vec<String>,
    /// The objects (empty when the strategy moves the collection whole without listing them).
    pub objects: Vec<PlanObject>,
    /// Objects in it: `objects.len()` when they are listed, the server's count otherwise;
    /// `None` when the server does not say (shown as unknown, never as 0).
    #[ts(type = "number | null")]
    pub object_count: Option<u64>,
    /// The name the recipient will see (the display name, unless the strategy renames it).
    pub target_name: Option<String>,
}

/// Something that is not handed over, and why (`handover-reason-<code>`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PlanExclusion {
    /// What it is.
    pub kind: ItemKind,
    /// Path or URI at the source.
    pub source: String,
    /// Reason code (see [`super::REASONS`]).
    pub reason: String,
    /// Technical detail, when any.
    pub detail: Option<String>,
}

/// A name that is fine on the server but not on every system (reported, never renamed).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct NameWarning {
    /// Path at the source.
    pub source: String,
    /// Reason code (see [`super::REASONS`]).
    pub reason: String,
}

/// Whether the selection fits the recipient's quota.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "kebab-case")]
pub enum QuotaFit {
    /// Enough space.
    Fits,
    /// Not enough space: the hand-over does not start.
    DoesNotFit,
    /// The server does not say (unlimited, or not a Nextcloud).
    Unknown,
}

/// The recipient's quota against the bytes to copy.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct QuotaCheck {
    /// Bytes to copy.
    #[ts(type = "number")]
    pub needed: u64,
    /// Bytes available at the destination, when known.
    #[ts(type = "number | null")]
    pub available: Option<u64>,
    /// The verdict.
    pub fit: QuotaFit,
}

/// Counts and sizes.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PlanTotals {
    /// Files.
    #[ts(type = "number")]
    pub files: u64,
    /// Folders (the destination folder included).
    #[ts(type = "number")]
    pub folders: u64,
    /// Bytes of the files.
    #[ts(type = "number")]
    pub bytes: u64,
    /// Calendars.
    #[ts(type = "number")]
    pub calendars: u64,
    /// Events, tasks and journal entries; `None` when a calendar's count is not known.
    #[ts(type = "number | null")]
    pub calendar_objects: Option<u64>,
    /// Address books.
    #[ts(type = "number")]
    pub address_books: u64,
    /// Contacts; `None` when an address book's count is not known.
    #[ts(type = "number | null")]
    pub contacts: Option<u64>,
}

impl PlanTotals {
    /// Every item, folders and collections included (objects whose count is not known count
    /// as none).
    pub fn items(&self) -> u64 {
        self.files
            + self.folders
            + self.calendars
            + self.calendar_objects.unwrap_or(0)
            + self.address_books
            + self.contacts.unwrap_or(0)
    }
}

/// A dry run: what would be handed over, where, how, and what would not. Nothing was written.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct HandoverPlan {
    /// The departing member.
    pub source: MemberSide,
    /// The recipient.
    pub target: MemberSide,
    /// As asked.
    pub selection: Selection,
    /// Folder at the destination that receives the files.
    pub destination: String,
    /// The strategy and why.
    pub strategy: StrategyChoice,
    /// The files as a tree rooted at the destination folder (`None` without files).
    pub files: Option<PlanNode>,
    /// Calendars to hand over.
    pub calendars: Vec<PlanCollection>,
    /// Address books to hand over.
    pub address_books: Vec<PlanCollection>,
    /// Counts and sizes of what is handed over.
    pub totals: PlanTotals,
    /// What is not handed over, and why.
    pub excluded: Vec<PlanExclusion>,
    /// What already exists at the destination and how it is dealt with.
    pub conflicts: Vec<PlanExclusion>,
    /// Names that other systems may refuse (kept as they are).
    pub name_warnings: Vec<NameWarning>,
    /// Quota at the destination.
    pub quota: QuotaCheck,
    /// Rough duration, in seconds.
    #[ts(type = "number")]
    pub estimated_seconds: u64,
    /// Notes for the person (Fluent ids), e.g. the calendar creation limit.
    pub notes: Vec<String>,
    /// When planned (RFC 3339, UTC).
    pub planned_at: String,
}

/// What the run is doing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "kebab-case")]
pub enum Phase {
    /// Creating folders and collections, copying files and objects.
    Copying,
    /// Comparing the destination with the plan.
    Verifying,
    /// Over.
    Done,
}

/// Progress of one group (files, calendars, contacts).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct GroupProgress {
    /// Which group.
    pub group: ItemGroup,
    /// Items done (copied or verified).
    #[ts(type = "number")]
    pub done: u64,
    /// Items failed so far.
    #[ts(type = "number")]
    pub failed: u64,
    /// Items to hand over (skipped ones excluded).
    #[ts(type = "number")]
    pub total: u64,
}

/// A progress event, sent often during a run (after each item and a few times a second).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Progress {
    /// The job.
    #[ts(type = "number")]
    pub job_id: i64,
    /// What is going on.
    pub phase: Phase,
    /// Items done (copied or verified), all groups.
    #[ts(type = "number")]
    pub items_done: u64,
    /// Items failed so far.
    #[ts(type = "number")]
    pub items_failed: u64,
    /// Items to hand over.
    #[ts(type = "number")]
    pub items_total: u64,
    /// Bytes written (files).
    #[ts(type = "number")]
    pub bytes_done: u64,
    /// Bytes to write.
    #[ts(type = "number")]
    pub bytes_total: u64,
    /// Bytes per second in this run.
    #[ts(type = "number")]
    pub bytes_per_second: u64,
    /// Estimated seconds left, once it can be estimated.
    #[ts(type = "number | null")]
    pub eta_seconds: Option<u64>,
    /// The item being handled (path or collection/object).
    pub current: Option<String>,
    /// Per group.
    pub groups: Vec<GroupProgress>,
}

/// How a run ended.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RunOutcome {
    /// The job.
    #[ts(type = "number")]
    pub job_id: i64,
    /// The job's state now.
    pub state: JobState,
    /// Items written in this run.
    #[ts(type = "number")]
    pub copied: u64,
    /// Items that failed in this run.
    #[ts(type = "number")]
    pub failed: u64,
    /// Items verified (whole job).
    #[ts(type = "number")]
    pub verified: u64,
    /// Items skipped (whole job).
    #[ts(type = "number")]
    pub skipped: u64,
    /// Bytes written in this run.
    #[ts(type = "number")]
    pub bytes: u64,
    /// Duration of this run in milliseconds.
    #[ts(type = "number")]
    pub duration_ms: u64,
    /// A resume will get further (see [`super::retry`]); never when only a person can help.
    pub resumable: bool,
    /// What a person must do for the items a resume cannot hand over.
    pub actions: Vec<ActionNeeded>,
}

/// Something a person must do before some items can be handed over: resuming alone would fail
/// the same way.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ActionNeeded {
    /// The failure's code (`quota`, `transfer-refused`…).
    pub reason: String,
    /// Fluent id of what to do (`handover-todo-…`).
    pub todo: String,
    /// Items it holds back.
    #[ts(type = "number")]
    pub items: u64,
}

/// One line of a side-by-side verification.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Comparison {
    /// `file` for the files (folders included), else `calendar` or `address-book`.
    pub kind: ItemKind,
    /// `/` for files, else the collection's URI at the source.
    pub source: String,
    /// Where at the destination.
    pub target: String,
    /// Items planned (source side).
    #[ts(type = "number")]
    pub source_count: u64,
    /// Items found at the destination.
    #[ts(type = "number")]
    pub target_count: u64,
    /// Bytes planned (files).
    #[ts(type = "number")]
    pub source_bytes: u64,
    /// Bytes found at the destination (files).
    #[ts(type = "number")]
    pub target_bytes: u64,
    /// Checksums or content hashes compared and equal.
    #[ts(type = "number")]
    pub hashes_matched: u64,
    /// Items missing or different at the destination.
    #[ts(type = "number")]
    pub mismatches: u64,
}

/// The result of a verification.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Verification {
    /// Contents downloaded again and hashed (deep), or listings compared (quick).
    pub deep: bool,
    /// Side by side, per kind and collection.
    pub comparisons: Vec<Comparison>,
    /// Every item that was to be handed over is at the destination as planned.
    pub complete: bool,
    /// When (RFC 3339, UTC).
    pub verified_at: String,
}

/// One item of the report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ReportItem {
    /// What it is.
    pub kind: ItemKind,
    /// At the source (path, URI, or `calendar/object`).
    pub source: String,
    /// At the destination.
    pub target: String,
    /// Where it ended.
    pub state: ItemState,
    /// Reason code for failed / skipped.
    pub reason: Option<String>,
    /// Failed items: whether a resume will pass or a person must act.
    pub retry: Option<Retry>,
    /// Technical detail.
    pub detail: Option<String>,
    /// Bytes (files, objects).
    #[ts(type = "number | null")]
    pub size: Option<u64>,
    /// Attempts to write it.
    pub attempts: u32,
    /// SHA-1 of what was written (files).
    pub content_hash: Option<String>,
    /// When written.
    pub copied_at: Option<String>,
    /// When verified.
    pub verified_at: Option<String>,
}

/// How far Nextcloud's own transfer of one top-level item went, in typed columns of its item
/// (migration 0007), so a resume never asks twice.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TransferState {
    /// The transfer id, once read from the recipient's notification.
    pub id: Option<String>,
    /// The step reached.
    pub step: TransferStep,
    /// The file id of the member's file or folder, read before asking.
    pub file_id: Option<u64>,
    /// Where it landed at the recipient (step `Landed`).
    pub landed_at: Option<String>,
}

/// Steps of one transfer.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum TransferStep {
    /// Nothing asked yet.
    #[default]
    None,
    /// About to ask, or asked without knowing the id yet: look for the notification first.
    Requested,
    /// The id is known, not accepted yet.
    Found,
    /// Accepted: only follow.
    Accepted,
    /// Found at the recipient (`landed_at` says where).
    Landed,
}

impl TransferStep {
    /// The journal's value (`None` for [`TransferStep::None`]).
    pub fn code(self) -> Option<&'static str> {
        match self {
            TransferStep::None => None,
            TransferStep::Requested => Some("requested"),
            TransferStep::Found => Some("found"),
            TransferStep::Accepted => Some("accepted"),
            TransferStep::Landed => Some("landed"),
        }
    }

    /// From the journal's value.
    pub fn parse(code: Option<&str>) -> Self {
        match code {
            Some("requested") => TransferStep::Requested,
            Some("found") => TransferStep::Found,
            Some("accepted") => TransferStep::Accepted,
            Some("landed") => TransferStep::Landed,
            _ => TransferStep::None,
        }
    }
}

/// Counts per state.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct StateCounts {
    /// Not written yet.
    #[ts(type = "number")]
    pub planned: u64,
    /// Written, not verified.
    #[ts(type = "number")]
    pub copied: u64,
    /// Verified.
    #[ts(type = "number")]
    pub verified: u64,
    /// Failed.
    #[ts(type = "number")]
    pub failed: u64,
    /// Skipped.
    #[ts(type = "number")]
    pub skipped: u64,
}

impl StateCounts {
    pub(crate) fn add(&mut self, state: ItemState) {
        match state {
            ItemState::Planned => self.planned += 1,
            ItemState::Copied => self.copied += 1,
            ItemState::Verified => self.verified += 1,
            ItemState::Failed => self.failed += 1,
            ItemState::Skipped => self.skipped += 1,
        }
    }

    /// All items.
    pub fn total(&self) -> u64 {
        self.planned + self.copied + self.verified + self.failed + self.skipped
    }
}

/// Counts of one kind of item.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct KindTotals {
    /// The kind.
    pub kind: ItemKind,
    /// Per state.
    pub states: StateCounts,
    /// Bytes planned.
    #[ts(type = "number")]
    pub bytes: u64,
}

/// One run of the job (the first and each resume).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RunRecord {
    /// When it started.
    pub started_at: String,
    /// When it ended; `None` when its process was stopped (killed, crash).
    pub ended_at: Option<String>,
    /// How it ended (a [`JobState`] code).
    pub outcome: Option<String>,
    /// Bytes written.
    #[ts(type = "number")]
    pub bytes: u64,
}

/// A job as listed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct JobSummary {
    /// Job id (resume it by this id).
    #[ts(type = "number")]
    pub id: i64,
    /// The departing member.
    pub source: MemberSide,
    /// The recipient.
    pub target: MemberSide,
    /// As asked.
    pub selection: Selection,
    /// Strategy used.
    pub strategy: StrategyKind,
    /// Folder at the destination.
    pub destination: String,
    /// Where it is.
    pub state: JobState,
    /// When recorded.
    pub created_at: String,
    /// First run's start.
    pub started_at: Option<String>,
    /// Last run's end.
    pub finished_at: Option<String>,
    /// A resume will get further; false when verified, or when every failure left needs a
    /// person (see [`super::retry`]).
    #[serde(default)]
    pub resumable: bool,
}

impl JobSummary {
    /// The Fluent id of its state for people: an incomplete job that a resume cannot finish
    /// says so instead of inviting a resume.
    pub fn state_text(&self) -> String {
        if self.state == JobState::Incomplete && !self.resumable {
            "handover-job-needs-action".to_owned()
        } else {
            format!("handover-job-{}", self.state.code())
        }
    }
}

/// What a hand-over did, item by item: kept locally, exportable as JSON, CSV and HTML.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct HandoverReport {
    /// The job.
    pub job: JobSummary,
    /// Totals per kind.
    pub totals: Vec<KindTotals>,
    /// Totals, all kinds.
    pub all: StateCounts,
    /// Bytes planned and written.
    #[ts(type = "number")]
    pub bytes_planned: u64,
    /// Bytes written.
    #[ts(type = "number")]
    pub bytes_copied: u64,
    /// Runs, with their durations.
    pub runs: Vec<RunRecord>,
    /// Sum of the runs' durations in milliseconds.
    #[ts(type = "number")]
    pub duration_ms: u64,
    /// The last verification, side by side.
    pub verification: Option<Verification>,
    /// Names other systems may refuse.
    pub name_warnings: Vec<NameWarning>,
    /// What was not handed over at all (not movable), from the plan.
    pub excluded: Vec<PlanExclusion>,
    /// What a person must do for the items a resume cannot hand over.
    pub actions: Vec<ActionNeeded>,
    /// Notes (Fluent ids), e.g. modification times not kept by the destination.
    pub notes: Vec<String>,
    /// Every item.
    pub items: Vec<ReportItem>,
    /// When the report was made.
    pub generated_at: String,
}

/// Whether trying again can cure a failure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "kebab-case")]
pub enum Retry {
    /// A later try will pass: resume the hand-over.
    WillPass,
    /// A person must act first (see [`todo_id`](super::retry::todo_id)).
    NeedsAction,
}

/// One item as recorded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ItemRecord {
    /// Row id.
    pub id: i64,
    /// Parent item (the folder of a file, the collection of an object).
    pub parent_id: Option<i64>,
    /// What it is.
    pub kind: ItemKind,
    /// Source path / URI / object name.
    pub source: String,
    /// Target path / URI / object name.
    pub target: String,
    /// UID (objects).
    pub uid: Option<String>,
    /// Planned size in bytes.
    pub size: Option<u64>,
    /// Source modification time (seconds).
    pub mtime: Option<i64>,
    /// Source checksum (`SHA1:…`).
    pub source_checksum: Option<String>,
    /// Where it is.
    pub state: ItemState,
    /// Reason code (failed / skipped).
    pub reason: Option<String>,
    /// Technical detail.
    pub detail: Option<String>,
    /// Attempts to write it.
    pub attempts: u32,
    /// Bytes written.
    pub copied_size: Option<u64>,
    /// SHA-1 of the bytes written (`SHA1:…`).
    pub content_hash: Option<String>,
    /// ETag at the destination after writing.
    pub target_etag: Option<String>,
    /// Whether the destination kept the modification time.
    pub mtime_kept: Option<bool>,
    /// When written.
    pub copied_at: Option<String>,
    /// When verified.
    pub verified_at: Option<String>,
    /// The copy through a share: the share made on this item for the copy, until removed.
    pub share_id: Option<String>,
    /// Nextcloud's own transfer of this item: how far it went.
    pub transfer: TransferState,
    /// The OwnershipTransfer app: the whole home's transfer was queued (a resume only follows).
    pub home_queued: bool,
}

//! Generates the UI's TypeScript bindings (`ui/src/bindings/`) from the Rust types (ts-rs) and
//! the command table, and fails when the committed files are stale.
//! Regenerate with `UPDATE_BINDINGS=1 cargo test -p passerelle bindings`.

use std::path::PathBuf;

use crate::commands::handover::ExportedReport;
use crate::commands::workshop::{
    CreationDone, CreationEvent, PackImport, WorkshopOverview, WrittenFile,
};
use crate::handover_channels::{HandoverEvent, HandoverFinished};
use passerelle_core::IpcError;
use passerelle_core::handover::{
    AccessSide, AccessTodo, ActionNeeded, BrowseEntry, CollectionEntry, Comparison, GroupProgress,
    HandoverAccess, HandoverPlan, HandoverReport, ItemGroup, ItemKind, ItemState, JobListing,
    JobState, JobSummary, KindTotals, LostAccess, MemberCollections, MemberSide, MembersPage,
    NameWarning, Phase, PlanCollection, PlanExclusion, PlanNode, PlanObject, PlanTotals, Progress,
    QuotaCheck, QuotaFit, ReportItem, Retry, RunOutcome, RunRecord, Selection, SidesRequest,
    SpaceMember, StateCounts, StrategyChoice, StrategyKind, StrategyOption, Verification,
};
use passerelle_core::model::{
    AboutInfo, Account, AccountAdded, AccountOverview, AccountQuota, AppBootstrap, Language,
    LoginFlowEvent, Profile, ServerCheck, ServerInfo, Settings, SettingsPatch, SignOutReport,
    SpaceTheming, StoreNotice, TextSize, Theme,
};
use passerelle_core::secrets::{KeyringStatus, SecretStorage};
use passerelle_core::space_language::SpaceLanguage;
use passerelle_core::tours::{
    Audience, BrokenTour, CheckOutcome, ChoiceOption, HealthFormat, HighlightCandidate,
    HighlightLive, HighlightTarget, MajorRange, MissingInfo, OpenAction, OverlayLabels,
    OverlayReport, OverlayStep, PackReport, QuizAnswer, StepProgress, StepState, TargetOpen,
    TourDetail, TourHealthMiss, TourProblem, TourStatus, TourStep, TourSummary,
};
use passerelle_core::updates::{
    UpdateCheck, UpdateEvent, UpdateInfo, UpdateSourceKind, UpdateStatus,
};
use passerelle_core::workshop::pack::PackExport;
use passerelle_core::workshop::progress::{ImportSummary, ParticipantStep, ProgressCell};
use passerelle_core::workshop::reset::ResetReport;
use passerelle_core::workshop::sheet::SheetEntry;
use passerelle_core::workshop::{
    AccountPlan, AccountState, CleanupAction, CleanupReport, LineProblem, LineReason,
    MembersRequest, PasswordMode, PlannedAccount, PracticeAccount, WorkshopPlan,
};
use ts_rs::{Config, TS};

/// One command as the UI sees it: name, arguments and result as TypeScript, and its doc line.
#[derive(Debug)]
struct CommandSig {
    /// The Rust function name, also the IPC name.
    name: &'static str,
    /// `(argument name in camelCase, TypeScript type)`.
    args: &'static [(&'static str, &'static str)],
    /// TypeScript type of the result.
    returns: &'static str,
    /// One line for the generated doc comment.
    doc: &'static str,
}

/// Every command registered in `lib.rs`, listed once; the bindings test checks both agree.
const TABLE: &[CommandSig] = &[
    CommandSig {
        name: "app_bootstrap",
        args: &[],
        returns: "AppBootstrap",
        doc: "Everything the UI needs at start.",
    },
    CommandSig {
        name: "about_info",
        args: &[],
        returns: "AboutInfo",
        doc: "Version, folders, schema version and languages.",
    },
    CommandSig {
        name: "settings_update",
        args: &[("patch", "SettingsPatch")],
        returns: "Settings",
        doc: "Changes the settings named in the patch; returns all settings.",
    },
    CommandSig {
        name: "profile_create",
        args: &[("name", "string")],
        returns: "Profile",
        doc: "Creates a local profile (trimmed, unique ignoring case).",
    },
    CommandSig {
        name: "profile_select",
        args: &[("id", "number")],
        returns: "Profile",
        doc: "Marks the profile as the one in use (updates lastUsedAt).",
    },
    CommandSig {
        name: "profile_delete",
        args: &[("id", "number")],
        returns: "void",
        doc: "Deletes a profile with its accounts and progress.",
    },
    CommandSig {
        name: "keyring_status",
        args: &[],
        returns: "KeyringStatus",
        doc: "Whether an OS keyring can keep app passwords on this computer.",
    },
    CommandSig {
        name: "server_check",
        args: &[("address", "string")],
        returns: "ServerCheck",
        doc: "Normalises an address and asks the server what it is.",
    },
    CommandSig {
        name: "certificate_trust",
        args: &[("url", "string"), ("fingerprint", "string")],
        returns: "void",
        doc: "Pins this exact certificate for this server (stored locally).",
    },
    CommandSig {
        name: "login_flow_start",
        args: &[
            ("profileId", "number"),
            ("address", "string"),
            ("storage", "SecretStorage"),
            ("onEvent", "Channel<LoginFlowEvent>"),
        ],
        returns: "number",
        doc: "Starts Login Flow v2 (browser approval), streams its events; resolves with its id.",
    },
    CommandSig {
        name: "login_flow_cancel",
        args: &[("flowId", "number")],
        returns: "void",
        doc: "Cancels a Login Flow under way.",
    },
    CommandSig {
        name: "account_add_app_password",
        args: &[
            ("profileId", "number"),
            ("address", "string"),
            ("loginName", "string"),
            ("appPassword", "string"),
            ("storage", "SecretStorage"),
        ],
        returns: "AccountAdded",
        doc: "Adds an account from a login name and an app password (a login password is exchanged).",
    },
    CommandSig {
        name: "accounts_list",
        args: &[("profileId", "number")],
        returns: "Array<Account>",
        doc: "The accounts of a profile, most recently used first.",
    },
    CommandSig {
        name: "accounts_to_reconnect",
        args: &[("profileId", "number")],
        returns: "Array<number>",
        doc: "The profile's accounts whose access was kept until Passerelle closed and is gone since the restart: the person reconnects them.",
    },
    CommandSig {
        name: "account_select",
        args: &[("accountId", "number")],
        returns: "Account",
        doc: "Marks an account as the one in use.",
    },
    CommandSig {
        name: "account_overview",
        args: &[("accountId", "number")],
        returns: "AccountOverview",
        doc: "What the Accounts screen shows for one account (asks the server).",
    },
    CommandSig {
        name: "account_sign_out",
        args: &[("accountId", "number")],
        returns: "SignOutReport",
        doc: "Revokes the app password on the server, deletes the local secret and the account.",
    },
    CommandSig {
        name: "tours_list",
        args: &[("profileId", "number"), ("accountId", "number | null")],
        returns: "Array<TourSummary>",
        doc: "The tours for a person; with an account, whether each fits the space (asks it).",
    },
    CommandSig {
        name: "tour_open",
        args: &[
            ("profileId", "number"),
            ("accountId", "number | null"),
            ("tourId", "string"),
        ],
        returns: "TourDetail",
        doc: "A tour with its steps and the person's progress.",
    },
    CommandSig {
        name: "tour_step_seen",
        args: &[
            ("profileId", "number"),
            ("accountId", "number | null"),
            ("tourId", "string"),
            ("stepId", "string"),
        ],
        returns: "void",
        doc: "The person reached a step (it becomes the tour's current step).",
    },
    CommandSig {
        name: "tour_step_skip",
        args: &[
            ("profileId", "number"),
            ("accountId", "number | null"),
            ("tourId", "string"),
            ("stepId", "string"),
        ],
        returns: "void",
        doc: "The person skipped a step.",
    },
    CommandSig {
        name: "tour_check",
        args: &[
            ("profileId", "number"),
            ("accountId", "number"),
            ("tourId", "string"),
            ("stepId", "string"),
            ("input", "string | null"),
        ],
        returns: "CheckOutcome",
        doc: "Runs a step's check against the account; records the step as done when it is.",
    },
    CommandSig {
        name: "tour_reset",
        args: &[
            ("profileId", "number"),
            ("accountId", "number | null"),
            ("tourId", "string | null"),
        ],
        returns: "void",
        doc: "Forgets progress of one tour (null: all tours) so it starts over.",
    },
    CommandSig {
        name: "tour_hide",
        args: &[
            ("profileId", "number"),
            ("tourId", "string"),
            ("hidden", "boolean"),
        ],
        returns: "void",
        doc: "\"Don't propose this again\" (or undo it).",
    },
    CommandSig {
        name: "tour_pack_load",
        args: &[("path", "string")],
        returns: "PackReport",
        doc: "Loads a tour pack (folder or .zip) for this session.",
    },
    CommandSig {
        name: "tours_broken",
        args: &[],
        returns: "Array<BrokenTour>",
        doc: "Tours that could not be loaded, with their problems.",
    },
    CommandSig {
        name: "tour_messages",
        args: &[("lang", "Language")],
        returns: "string",
        doc: "FTL source of the loaded packs' messages, for the UI's Fluent bundle.",
    },
    CommandSig {
        name: "space_open",
        args: &[("accountId", "number"), ("step", "OverlayStep | null")],
        returns: "void",
        doc: "Opens (or brings forward) the account's space window, showing the step when given.",
    },
    CommandSig {
        name: "space_show_step",
        args: &[("accountId", "number"), ("step", "OverlayStep | null")],
        returns: "boolean",
        doc: "Changes the step on show in the space window (null hides it); false when it is not open.",
    },
    CommandSig {
        name: "space_forget",
        args: &[("accountId", "number")],
        returns: "void",
        doc: "Signs out of the web space: closes its window and deletes its cookies and storage.",
    },
    CommandSig {
        name: "space_language",
        args: &[("accountId", "number")],
        returns: "SpaceLanguage",
        doc: "The account's own web language on the server, next to Passerelle's.",
    },
    CommandSig {
        name: "space_set_language",
        args: &[("accountId", "number")],
        returns: "SpaceLanguage",
        doc: "Sets the connected account's own web language to Passerelle's (the person agreed); reloads its space window.",
    },
    CommandSig {
        name: "tour_health_list",
        args: &[],
        returns: "Array<TourHealthMiss>",
        doc: "The highlight targets tours could not find, newest first.",
    },
    CommandSig {
        name: "tour_health_export",
        args: &[("format", "HealthFormat")],
        returns: "string",
        doc: "Writes tour health to a CSV or JSON file in the data folder; returns its path.",
    },
    CommandSig {
        name: "tour_health_clear",
        args: &[],
        returns: "number",
        doc: "Forgets every recorded miss; returns how many there were.",
    },
    CommandSig {
        name: "handover_members",
        args: &[
            ("accountId", "number"),
            ("search", "string"),
            ("offset", "number"),
            ("limit", "number"),
        ],
        returns: "MembersPage",
        doc: "The space's members, searched and paged on the server (admins and group admins).",
    },
    CommandSig {
        name: "handover_access",
        args: &[("sides", "SidesRequest")],
        returns: "HandoverAccess",
        doc: "Which way the hand-over can go, why, and what each side must still do.",
    },
    CommandSig {
        name: "handover_browse",
        args: &[("sides", "SidesRequest"), ("path", "string")],
        returns: "BrowseEntry[]",
        doc: "One folder of the departing member's files (lazy tree).",
    },
    CommandSig {
        name: "handover_collections",
        args: &[("sides", "SidesRequest")],
        returns: "MemberCollections",
        doc: "The departing member's calendars and address books.",
    },
    CommandSig {
        name: "handover_plan",
        args: &[
            ("sides", "SidesRequest"),
            ("selection", "Selection"),
            ("destination", "string | null"),
            ("strategy", "StrategyKind | null"),
        ],
        returns: "HandoverPlan",
        doc: "The plan of a hand-over (reads only).",
    },
    CommandSig {
        name: "handover_start",
        args: &[
            ("plan", "HandoverPlan"),
            ("actingAccountId", "number | null"),
            ("onEvent", "Channel<HandoverEvent>"),
        ],
        returns: "number",
        doc: "Records the plan as a job and runs it in the background (streaming on onEvent); returns the job id.",
    },
    CommandSig {
        name: "handover_resume",
        args: &[
            ("jobId", "number"),
            ("actingAccountId", "number | null"),
            ("onEvent", "Channel<HandoverEvent>"),
        ],
        returns: "void",
        doc: "Resumes a job in the background (verified items are not copied again), streaming on onEvent.",
    },
    CommandSig {
        name: "handover_follow",
        args: &[("jobId", "number"), ("onEvent", "Channel<HandoverEvent>")],
        returns: "boolean",
        doc: "Follows a run going on: it streams on onEvent from now on; false when the job does not run now.",
    },
    CommandSig {
        name: "handover_cancel",
        args: &[("jobId", "number")],
        returns: "boolean",
        doc: "Asks a running job to stop safely; false when none runs.",
    },
    CommandSig {
        name: "handover_jobs",
        args: &[],
        returns: "JobListing[]",
        doc: "Every hand-over, newest first, with which run now and which can be resumed.",
    },
    CommandSig {
        name: "handover_report",
        args: &[("jobId", "number")],
        returns: "HandoverReport",
        doc: "A job's report.",
    },
    CommandSig {
        name: "handover_export",
        args: &[("jobId", "number"), ("format", "string")],
        returns: "ExportedReport",
        doc: "Writes a job's report (html, csv or json) into the data folder; returns where.",
    },
    CommandSig {
        name: "handover_disable_source",
        args: &[
            ("jobId", "number"),
            ("actingAccountId", "number"),
            ("confirmed", "boolean"),
        ],
        returns: "void",
        doc: "Disables the departing member's account after a verified hand-over, when confirmed.",
    },
    CommandSig {
        name: "updates_status",
        args: &[],
        returns: "UpdateStatus",
        doc: "Version, update address in use and where it comes from, last check.",
    },
    CommandSig {
        name: "updates_set_mirror",
        args: &[("mirror", "string | null")],
        returns: "UpdateStatus",
        doc: "Sets (null: removes) the organisation's update mirror; refuses an unusable one.",
    },
    CommandSig {
        name: "update_check",
        args: &[("lang", "Language")],
        returns: "UpdateCheck",
        doc: "Asks the update server now; errors are for the person to see.",
    },
    CommandSig {
        name: "update_check_at_start",
        args: &[("lang", "Language")],
        returns: "UpdateCheck",
        doc: "The quiet check at start: at most once a day, never an error.",
    },
    CommandSig {
        name: "update_download",
        args: &[("onEvent", "Channel<UpdateEvent>")],
        returns: "void",
        doc: "Downloads the update found and verifies its signature; nothing is installed.",
    },
    CommandSig {
        name: "update_install",
        args: &[],
        returns: "void",
        doc: "Installs the downloaded, verified update; takes effect at restart.",
    },
    CommandSig {
        name: "update_restart",
        args: &[],
        returns: "void",
        doc: "Restarts Passerelle on the installed version.",
    },
    CommandSig {
        name: "workshop_overview",
        args: &[],
        returns: "WorkshopOverview",
        doc: "Saved workshop plans and the default folder for workshop files.",
    },
    CommandSig {
        name: "workshop_plan_save",
        args: &[("name", "string"), ("tours", "Array<string>")],
        returns: "WorkshopPlan",
        doc: "Saves a named workshop plan (its tours, in order).",
    },
    CommandSig {
        name: "workshop_pack_export",
        args: &[
            ("name", "string"),
            ("tours", "Array<string>"),
            ("packId", "string"),
            ("dest", "string"),
        ],
        returns: "PackExport",
        doc: "Writes a workshop pack (folder, or .zip when the name ends so).",
    },
    CommandSig {
        name: "workshop_pack_import",
        args: &[("path", "string")],
        returns: "PackImport",
        doc: "Checks a workshop pack, installs it and offers its tours; or lists its problems.",
    },
    CommandSig {
        name: "workshop_accounts_plan",
        args: &[("accountId", "number"), ("members", "MembersRequest")],
        returns: "AccountPlan",
        doc: "Checks members (CSV or count) against the space, line by line; creates nothing.",
    },
    CommandSig {
        name: "workshop_accounts_create",
        args: &[
            ("accountId", "number"),
            ("members", "MembersRequest"),
            ("label", "string"),
            ("onEvent", "Channel<CreationEvent>"),
        ],
        returns: "AccountPlan",
        doc: "Creates the accounts in the background, streaming progress; resolves with the plan.",
    },
    CommandSig {
        name: "workshop_accounts_list",
        args: &[("accountId", "number")],
        returns: "Array<PracticeAccount>",
        doc: "Recorded practice accounts of this space that clean-up may touch.",
    },
    CommandSig {
        name: "workshop_accounts_cleanup",
        args: &[
            ("accountId", "number"),
            ("remove", "boolean"),
            ("userIds", "Array<string>"),
        ],
        returns: "CleanupReport",
        doc: "Disables (or deletes) exactly the confirmed practice accounts.",
    },
    CommandSig {
        name: "workshop_sheet_render",
        args: &[
            ("server", "string"),
            ("title", "string"),
            ("cards", "Array<SheetEntry>"),
        ],
        returns: "string",
        doc: "The printable sign-in sheet (HTML) in memory.",
    },
    CommandSig {
        name: "workshop_sheet_save",
        args: &[
            ("path", "string"),
            ("server", "string"),
            ("title", "string"),
            ("cards", "Array<SheetEntry>"),
            ("open", "boolean"),
        ],
        returns: "WrittenFile",
        doc: "Writes the sign-in sheet (it holds passwords) and opens it when asked.",
    },
    CommandSig {
        name: "workshop_progress_export",
        args: &[("laptop", "string"), ("path", "string")],
        returns: "WrittenFile",
        doc: "Writes this laptop's participants' progress to a small JSON file.",
    },
    CommandSig {
        name: "workshop_progress_import",
        args: &[("paths", "Array<string>")],
        returns: "Array<ImportSummary>",
        doc: "Merges progress files (all checked first) into the table.",
    },
    CommandSig {
        name: "workshop_progress_table",
        args: &[],
        returns: "Array<ProgressCell>",
        doc: "The merged table: participant × tour × step.",
    },
    CommandSig {
        name: "workshop_progress_csv",
        args: &[("path", "string")],
        returns: "WrittenFile",
        doc: "Writes the merged table as CSV.",
    },
    CommandSig {
        name: "workshop_progress_clear",
        args: &[],
        returns: "number",
        doc: "Empties the merged table.",
    },
    CommandSig {
        name: "workshop_reset",
        args: &[("confirmed", "Array<string>")],
        returns: "ResetReport",
        doc: "Resets the laptop: every profile (exactly those named), account, secret, web session.",
    },
];

const HEADER: &str =
    "// Generated by `UPDATE_BINDINGS=1 cargo test -p passerelle bindings`. Do not edit.\n";

fn decl<T: TS>(cfg: &Config) -> String {
    let mut out = String::new();
    if let Some(docs) = T::docs() {
        out.push_str(&docs);
    }
    out.push_str("export ");
    out.push_str(&T::decl(cfg));
    out.push('\n');
    out
}

fn types_ts() -> String {
    let cfg = Config::new().with_large_int("number");
    let decls = [
        decl::<Language>(&cfg),
        decl::<Theme>(&cfg),
        decl::<TextSize>(&cfg),
        decl::<Settings>(&cfg),
        decl::<SettingsPatch>(&cfg),
        decl::<Profile>(&cfg),
        decl::<StoreNotice>(&cfg),
        decl::<AppBootstrap>(&cfg),
        decl::<AboutInfo>(&cfg),
        decl::<IpcError>(&cfg),
        decl::<SecretStorage>(&cfg),
        decl::<KeyringStatus>(&cfg),
        decl::<SpaceTheming>(&cfg),
        decl::<ServerInfo>(&cfg),
        decl::<ServerCheck>(&cfg),
        decl::<Account>(&cfg),
        decl::<AccountQuota>(&cfg),
        decl::<AccountOverview>(&cfg),
        decl::<AccountAdded>(&cfg),
        decl::<SignOutReport>(&cfg),
        decl::<LoginFlowEvent>(&cfg),
        decl::<Audience>(&cfg),
        decl::<TourStatus>(&cfg),
        decl::<TourSummary>(&cfg),
        decl::<ChoiceOption>(&cfg),
        decl::<QuizAnswer>(&cfg),
        decl::<TourStep>(&cfg),
        decl::<StepState>(&cfg),
        decl::<StepProgress>(&cfg),
        decl::<TourDetail>(&cfg),
        decl::<MissingInfo>(&cfg),
        decl::<CheckOutcome>(&cfg),
        decl::<TourProblem>(&cfg),
        decl::<BrokenTour>(&cfg),
        decl::<PackReport>(&cfg),
        decl::<OpenAction>(&cfg),
        decl::<TargetOpen>(&cfg),
        decl::<MajorRange>(&cfg),
        decl::<HighlightCandidate>(&cfg),
        decl::<HighlightTarget>(&cfg),
        decl::<HighlightLive>(&cfg),
        decl::<OverlayLabels>(&cfg),
        decl::<OverlayStep>(&cfg),
        decl::<OverlayReport>(&cfg),
        decl::<SpaceLanguage>(&cfg),
        decl::<crate::space::SpaceEvent>(&cfg),
        decl::<TourHealthMiss>(&cfg),
        decl::<HealthFormat>(&cfg),
        decl::<Selection>(&cfg),
        decl::<MemberSide>(&cfg),
        decl::<StrategyKind>(&cfg),
        decl::<StrategyOption>(&cfg),
        decl::<StrategyChoice>(&cfg),
        decl::<ItemKind>(&cfg),
        decl::<ItemGroup>(&cfg),
        decl::<ItemState>(&cfg),
        decl::<JobState>(&cfg),
        decl::<PlanNode>(&cfg),
        decl::<PlanObject>(&cfg),
        decl::<PlanCollection>(&cfg),
        decl::<PlanExclusion>(&cfg),
        decl::<NameWarning>(&cfg),
        decl::<QuotaFit>(&cfg),
        decl::<QuotaCheck>(&cfg),
        decl::<PlanTotals>(&cfg),
        decl::<HandoverPlan>(&cfg),
        decl::<Phase>(&cfg),
        decl::<GroupProgress>(&cfg),
        decl::<Progress>(&cfg),
        decl::<ActionNeeded>(&cfg),
        decl::<RunOutcome>(&cfg),
        decl::<Comparison>(&cfg),
        decl::<Verification>(&cfg),
        decl::<Retry>(&cfg),
        decl::<ReportItem>(&cfg),
        decl::<StateCounts>(&cfg),
        decl::<KindTotals>(&cfg),
        decl::<RunRecord>(&cfg),
        decl::<JobSummary>(&cfg),
        decl::<HandoverReport>(&cfg),
        decl::<SpaceMember>(&cfg),
        decl::<MembersPage>(&cfg),
        decl::<BrowseEntry>(&cfg),
        decl::<CollectionEntry>(&cfg),
        decl::<MemberCollections>(&cfg),
        decl::<AccessTodo>(&cfg),
        decl::<AccessSide>(&cfg),
        decl::<LostAccess>(&cfg),
        decl::<HandoverAccess>(&cfg),
        decl::<SidesRequest>(&cfg),
        decl::<JobListing>(&cfg),
        decl::<HandoverFinished>(&cfg),
        decl::<HandoverEvent>(&cfg),
        decl::<ExportedReport>(&cfg),
        decl::<UpdateSourceKind>(&cfg),
        decl::<UpdateStatus>(&cfg),
        decl::<UpdateInfo>(&cfg),
        decl::<UpdateCheck>(&cfg),
        decl::<UpdateEvent>(&cfg),
        decl::<WorkshopPlan>(&cfg),
        decl::<PackExport>(&cfg),
        decl::<LineReason>(&cfg),
        decl::<LineProblem>(&cfg),
        decl::<PlannedAccount>(&cfg),
        decl::<PasswordMode>(&cfg),
        decl::<AccountPlan>(&cfg),
        decl::<AccountState>(&cfg),
        decl::<PracticeAccount>(&cfg),
        decl::<CleanupAction>(&cfg),
        decl::<CleanupReport>(&cfg),
        decl::<ParticipantStep>(&cfg),
        decl::<ImportSummary>(&cfg),
        decl::<ProgressCell>(&cfg),
        decl::<ResetReport>(&cfg),
        decl::<WorkshopOverview>(&cfg),
        decl::<PackImport>(&cfg),
        decl::<MembersRequest>(&cfg),
        decl::<SheetEntry>(&cfg),
        decl::<CreationDone>(&cfg),
        decl::<CreationEvent>(&cfg),
        decl::<WrittenFile>(&cfg),
    ];
    format!("{HEADER}\n{}", decls.join("\n"))
}

fn camel(snake: &str) -> String {
    let mut out = String::new();
    let mut upper = false;
    for c in snake.chars() {
        if c == '_' {
            upper = true;
        } else if upper {
            out.extend(c.to_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}

fn commands_ts() -> String {
    let mut used: Vec<&str> = TABLE
        .iter()
        .flat_map(|c| c.args.iter().map(|(_, t)| *t).chain([c.returns]))
        .flat_map(|t| t.split(|c: char| !c.is_alphanumeric()))
        .filter(|t| t.chars().next().is_some_and(char::is_uppercase))
        .filter(|t| !matches!(*t, "Array" | "Channel"))
        .collect();
    used.sort();
    used.dedup();
    let mut out = format!(
        "{HEADER}import {{ Channel, invoke }} from \"@tauri-apps/api/core\";\nimport type {{ {} }} from \"./types\";\n",
        used.join(", ")
    );
    for c in TABLE {
        let params: Vec<String> = c.args.iter().map(|(n, t)| format!("{n}: {t}")).collect();
        let payload = if c.args.is_empty() {
            String::new()
        } else {
            let names: Vec<&str> = c.args.iter().map(|(n, _)| *n).collect();
            format!(", {{ {} }}", names.join(", "))
        };
        out.push_str(&format!(
            "\n/** {} Rejects with an `IpcError`. */\nexport const {} = ({}): Promise<{}> =>\n  invoke(\"{}\"{});\n",
            c.doc,
            camel(c.name),
            params.join(", "),
            c.returns,
            c.name,
            payload
        ));
    }
    out
}

fn bindings_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../ui/src/bindings")
}

#[test]
fn bindings_are_up_to_date() {
    let files = [("types.ts", types_ts()), ("commands.ts", commands_ts())];
    let update = std::env::var_os("UPDATE_BINDINGS").is_some();
    let mut stale = Vec::new();
    for (name, text) in files {
        let path = bindings_dir().join(name);
        if update {
            std::fs::write(&path, &text).unwrap();
        } else if std::fs::read_to_string(&path).ok().as_deref() != Some(text.as_str()) {
            stale.push(name);
        }
    }
    assert!(
        stale.is_empty(),
        "stale bindings {stale:?}: run `UPDATE_BINDINGS=1 cargo test -p passerelle bindings` and commit"
    );
}

#[test]
fn command_table_matches_the_registered_handlers() {
    let lib = include_str!("lib.rs");
    let start = lib.find("generate_handler![").unwrap() + "generate_handler![".len();
    let end = start + lib[start..].find(']').unwrap();
    let mut registered: Vec<&str> = lib[start..end]
        .split(',')
        .filter_map(|p| p.trim().rsplit("::").next())
        .filter(|n| !n.is_empty())
        .collect();
    let mut table: Vec<&str> = TABLE.iter().map(|c| c.name).collect();
    registered.sort();
    table.sort();
    assert_eq!(registered, table);
}

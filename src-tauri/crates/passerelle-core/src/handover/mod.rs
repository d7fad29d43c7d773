//! Hand-over: moving a departing member's files, calendars and address books to another
//! member — everything or a chosen part — without losing anything. Plan (dry run) → job in the
//! journal → run (resumable, cancellable, with progress events) → verify → report.
//!
//! - [`model`]: the data the UI and the CLI see (selection, plan, progress, report).
//! - [`endpoint`]: the sides as traits over the protocol crate (sources are read-only by
//!   type), and their DAV implementations.
//! - [`plan`], [`verify`], [`report`]: shared by every strategy; [`retry`]: which failures a
//!   resume cures and which need a person (only the first make a job resumable).
//! - [`strategy`]: which strategy a hand-over uses, and one file per strategy behind the
//!   [`Strategy`] trait: [`strategy::ownership_transfer`] (Framasoft's OwnershipTransfer app,
//!   admin account only, moves data), [`strategy::share_copy`] (server-side copy through a
//!   share, one server, copies), [`strategy::files_transfer`] (Nextcloud's own transfer, asked
//!   by the member and accepted by the recipient, one server, moves data) and
//!   [`strategy::streamed_copy`] (any two servers, copies).
//! - [`journal`]: the SQLite journal (migration 0004).
//!
//! No UI and no Tauri here: progress goes to a callback, cancellation through a token.
//! Soft failures (one file, one event) are recorded per item and end in the report; only a
//! failure that stops the whole run (journal, refused credentials) is an `Err`.

pub mod checksum;
pub mod endpoint;
pub mod engine;
pub mod error;
pub mod journal;
pub mod logins;
pub mod model;
pub mod names;
pub mod plan;
pub mod report;
pub mod retry;
pub mod run;
pub mod strategy;
pub mod tasks;
pub mod verify;

pub use endpoint::{
    BulkUpload, Chunking, CollectionMeta, CollectionSource, CollectionTarget, DavCollections,
    DavFiles, DavSide, DownloadStream, Fetched, FileSource, FileTarget, FileTree, Side,
    TransferError, TransferResult, UploadBody, dav_side,
};
pub use engine::{
    AccessSide, AccessTodo, BrowseEntry, CollectionEntry, HandoverAccess, JobListing, LostAccess,
    MemberCollections, MembersPage, Runs, Sessions, SidesRequest, SpaceMember, export_report,
    listings, members, nextcloud_user, sessions_for, sessions_for_job, today,
};
pub use error::HandoverError;
pub use journal::{ItemRecord, Written};
pub use logins::{AdminLogin, AskSecret, SideLogin, Who, sessions_again, sessions_from_logins};
pub use model::*;
pub use names::REASONS;
pub use plan::{PlanRequest, plan, plan_with_context};
pub use report::{report, to_csv, to_html, to_json};
pub use retry::{Outlook, Retry, outlook};
pub use run::{Failure, RunContext, RunOptions, item_retries, run_job};
pub use strategy::files_transfer::{NativeTransfer, run_native};
pub use strategy::ownership_transfer::{
    FollowOptions, OwnershipTransfer, detect, plan_ownership, run_ownership,
};
pub use strategy::share_copy::ShareCopy;
pub use strategy::streamed_copy::{StreamedCopy, WithCollectionCopy};
pub use strategy::{OtStatus, Strategy, StrategyContext};
pub use verify::verify;

use passerelle_nextcloud::{CancellationToken, Client};

use crate::{CoreError, Store};

/// Records `plan` as a job ready to run. Refuses a plan that does not fit the recipient's
/// quota or holds nothing to hand over.
pub fn create_job(store: &Store, plan: &HandoverPlan) -> Result<i64, CoreError> {
    if plan.quota.fit == QuotaFit::DoesNotFit {
        return Err(CoreError::Handover(HandoverError::Quota {
            needed: plan.quota.needed,
            available: plan.quota.available.unwrap_or(0),
        }));
    }
    let t = &plan.totals;
    if t.files == 0 && t.folders <= 1 && t.calendars == 0 && t.address_books == 0 {
        return Err(CoreError::Handover(HandoverError::Empty));
    }
    journal::create_job(store, plan)
}

/// Every job, newest first.
pub fn jobs(store: &Store) -> Result<Vec<JobSummary>, CoreError> {
    journal::job_ids(store)?
        .into_iter()
        .map(|id| journal::job(store, id).map(|j| j.summary))
        .collect()
}

/// One job.
pub fn job(store: &Store, id: i64) -> Result<JobSummary, CoreError> {
    Ok(journal::job(store, id)?.summary)
}

/// Every item of a job as recorded.
pub fn items(store: &Store, job_id: i64) -> Result<Vec<ItemRecord>, CoreError> {
    journal::items(store, job_id)
}

/// Runs or resumes a streamed-copy job between two sides.
#[allow(clippy::too_many_arguments)]
pub async fn run_copy<FS, CS, FT, CT>(
    store: &Store,
    job_id: i64,
    source: &Side<FS, CS>,
    target: &Side<FT, CT>,
    options: &RunOptions,
    cancel: &CancellationToken,
    progress: &mut (dyn FnMut(Progress) + Send),
) -> Result<RunOutcome, CoreError>
where
    FS: FileSource,
    CS: CollectionSource,
    FT: FileTarget,
    CT: CollectionTarget,
{
    let strategy = StreamedCopy::new(source, target);
    run_job(store, job_id, &strategy, target, options, cancel, progress).await
}

/// The DAV side of `member` for `client` (whose credentials are the member's).
pub fn side_for(client: &Client, member: &MemberSide) -> Result<DavSide, CoreError> {
    Ok(dav_side(client, member)?)
}

/// `member` for a Nextcloud account: the standard DAV homes below its server.
pub fn nextcloud_member(
    client: &Client,
    display_name: Option<String>,
) -> Result<MemberSide, CoreError> {
    let user = client.user_id().unwrap_or_default().to_owned();
    let files = client.files()?;
    let calendars = client.caldav()?;
    let contacts = client.carddav()?;
    Ok(MemberSide {
        server_url: client.base_url().to_string(),
        login: client.login().unwrap_or(&user).to_owned(),
        user_id: user,
        display_name,
        account_id: None,
        files_url: files.root().to_string(),
        calendars_url: Some(calendars.home().to_string()),
        contacts_url: Some(contacts.home().to_string()),
        nextcloud: true,
    })
}

/// Disables the departing member's account through the provisioning API, with `admin` (an
/// administrator's session on the member's server). Refused unless `confirmed` (the person said
/// so explicitly) and the job is verified: nothing is disabled before a verified hand-over.
pub async fn disable_departing_account(
    store: &Store,
    job_id: i64,
    admin: &Client,
    confirmed: bool,
) -> Result<(), CoreError> {
    if !confirmed {
        return Err(CoreError::Handover(HandoverError::DisableNotConfirmed));
    }
    let job = journal::job(store, job_id)?;
    if job.summary.state != JobState::Verified {
        return Err(CoreError::Handover(HandoverError::Incomplete {
            job: job_id,
            state: job.summary.state.code().to_owned(),
        }));
    }
    admin.disable_user(&job.summary.source.user_id).await?;
    Ok(())
}

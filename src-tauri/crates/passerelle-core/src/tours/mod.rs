//! Guided tours of a person's own Nextcloud space: the format (`format`), loading bundled tours
//! and packs (`catalog`), checking what authors wrote (`validate`), verifying tasks by asking
//! the server (`checks`), and the service functions below that the Tauri commands and the CLI
//! call. Progress and its SQL live in `progress.rs`.
//!
//! No UI here: texts are Fluent ids the UI translates; pictures leave as `data:` URLs.

pub mod catalog;
pub mod check_spec;
pub mod checks;
pub mod error;
pub mod format;
pub mod health;
pub mod highlight;
pub mod progress;
pub mod texts;
pub mod types;
pub mod validate;
mod vobject;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::sync::Arc;

use base64::Engine as _;
use passerelle_nextcloud::{Client, Secret};
use serde::Serialize;
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

pub use catalog::{Catalog, FileSet, LoadedSource, LoadedTour};
pub use checks::{CHECK_TYPES, Check, CheckContext, CheckSpec, DavRoots};
pub use error::TourError;
pub use format::{OpenAction, STEP_KINDS, StepKind, TargetOpen, Tour};
pub use health::{HealthFormat, TourHealthMiss};
pub use highlight::{
    HighlightCandidate, HighlightLive, HighlightTarget, MajorRange, OverlayLabels, OverlayReport,
    OverlayStep,
};
pub use progress::{ProgressKey, StepRecord};
pub use texts::TourTexts;
pub use types::*;

use crate::connect::account_client;
use crate::i18n::Language;
use crate::secrets::Secrets;
use crate::{CoreError, Store};

/// What a space offers, for deciding which tours to propose.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SpaceFacts {
    /// Nextcloud major version.
    pub major: Option<u32>,
    /// Apps seen in capabilities and in the navigation.
    pub apps: BTreeSet<String>,
    /// Member of the `admin` group, when known.
    pub is_admin: Option<bool>,
}

impl SpaceFacts {
    /// Asks the server; `None` when it cannot be asked (the tours are then all offered).
    pub async fn ask(client: &Client) -> Option<SpaceFacts> {
        let caps = client.capabilities().await.ok()?;
        let mut apps: BTreeSet<String> = caps.apps.iter().cloned().collect();
        if let Ok(nav) = client.navigation_apps().await {
            for entry in nav {
                apps.extend(entry.app.clone());
                apps.insert(entry.id);
            }
        }
        let is_admin = client
            .current_user()
            .await
            .ok()
            .map(|u| u.groups.iter().any(|g| g == "admin"));
        Some(SpaceFacts {
            major: u32::try_from(caps.version.major).ok().filter(|m| *m > 0),
            apps,
            is_admin,
        })
    }

    /// `None` when the tour fits this space, else the Fluent id saying why not.
    pub fn unavailable_reason(&self, tour: &Tour) -> Option<&'static str> {
        if tour.apps.iter().any(|a| !self.apps.contains(a)) {
            return Some("tour-unavailable-app");
        }
        if let (Some(range), Some(major)) = (tour.nextcloud, self.major)
            && !range.contains(major)
        {
            return Some("tour-unavailable-version");
        }
        if tour.audience == Audience::Admin && self.is_admin == Some(false) {
            return Some("tour-unavailable-admin");
        }
        None
    }
}

/// Whether a record means the step is behind the person: tasks (and highlights that wait for
/// a check) when done or skipped, other steps once seen.
fn passed(step: &format::Step, record: Option<&StepRecord>) -> bool {
    let Some(r) = record else { return false };
    let needs_check = matches!(
        step.body,
        format::StepBody::Task { .. }
            | format::StepBody::Highlight {
                advance: format::Advance::Check,
                ..
            }
    );
    !needs_check || matches!(r.status, StepState::Done | StepState::Skipped)
}

/// Where to resume: the step the person was on when they left (the last one passed to "step
/// seen"); the one after it when that step is a task they did or skipped; nothing when the
/// last step is passed (the tour is over). Otherwise the first step not passed.
fn resume_at(
    tour: &Tour,
    records: &BTreeMap<&str, &StepRecord>,
    current: Option<&str>,
) -> Option<String> {
    if let Some(cur) = current.and_then(|c| tour.step(c)) {
        let record = records.get(cur.id.as_str()).copied();
        // A task done or skipped was acted on: the person was about to move on.
        if record.is_some_and(|r| matches!(r.status, StepState::Done | StepState::Skipped)) {
            return tour.step_after(&cur.id).map(|s| s.id.clone());
        }
        let finished = tour.step_after(&cur.id).is_none() && passed(cur, record);
        return (!finished).then(|| cur.id.clone());
    }
    if records.is_empty() {
        return None;
    }
    tour.steps
        .iter()
        .find(|s| !passed(s, records.get(s.id.as_str()).copied()))
        .map(|s| s.id.clone())
}

/// The summary of a tour for one person.
pub fn summarize(
    loaded: &LoadedTour,
    records: &[StepRecord],
    current: Option<&str>,
    hidden: bool,
    facts: Option<&SpaceFacts>,
) -> TourSummary {
    let tour = &loaded.tour;
    let by_step: BTreeMap<&str, &StepRecord> = records
        .iter()
        .filter(|r| r.tour_id == tour.id)
        .map(|r| (r.step_id.as_str(), r))
        .collect();
    let done = tour
        .steps
        .iter()
        .filter(|s| passed(s, by_step.get(s.id.as_str()).copied()))
        .count() as u32;
    let last_passed = tour
        .steps
        .last()
        .is_some_and(|s| passed(s, by_step.get(s.id.as_str()).copied()));
    let status = if by_step.is_empty() && current.is_none() {
        TourStatus::New
    } else if done as usize == tour.steps.len() || last_passed {
        TourStatus::Done
    } else {
        TourStatus::InProgress
    };
    let reason = facts.and_then(|f| f.unavailable_reason(tour));
    TourSummary {
        id: tour.id.clone(),
        version: tour.version,
        title: tour.title.id.clone(),
        summary: tour.summary.id.clone(),
        audience: tour.audience,
        minutes: tour.minutes,
        source: loaded.origin,
        available: reason.is_none(),
        unavailable_reason: reason.map(str::to_owned),
        hidden,
        status,
        steps_total: tour.steps.len() as u32,
        steps_done: done,
        current_step: if status == TourStatus::Done {
            None
        } else {
            resume_at(tour, &by_step, current)
        },
    }
}

/// A summary with no progress (packs just loaded).
pub fn fresh_summary(loaded: &LoadedTour) -> TourSummary {
    summarize(loaded, &[], None, false, None)
}

/// The tours for a person; with an account, whether each fits the space (asked from the
/// server; when it cannot be asked, every tour is offered).
pub async fn list(
    store: &Store,
    secrets: &Secrets,
    catalog: &Catalog,
    profile_id: i64,
    account_id: Option<i64>,
) -> Result<Vec<TourSummary>, CoreError> {
    store.profile(profile_id)?;
    let facts = match account_id {
        Some(id) => {
            let account = owned_account(store, profile_id, id)?;
            match account_client(store, secrets, &account) {
                Ok(client) => SpaceFacts::ask(&client).await,
                Err(_) => None,
            }
        }
        None => None,
    };
    let records = store.step_records(profile_id, account_id, None)?;
    let current = store.current_steps(profile_id, account_id)?;
    let hidden = store.hidden_tours(profile_id)?;
    Ok(catalog
        .tours()
        .iter()
        .map(|t| {
            summarize(
                t,
                &records,
                current.get(&t.tour.id).map(String::as_str),
                hidden.contains(&t.tour.id),
                facts.as_ref(),
            )
        })
        .collect())
}

fn owned_account(
    store: &Store,
    profile_id: i64,
    account_id: i64,
) -> Result<crate::model::Account, CoreError> {
    let account = store.account(account_id)?;
    if account.profile_id != profile_id {
        return Err(CoreError::AccountNotFound(account_id));
    }
    Ok(account)
}

fn find_tour(catalog: &Catalog, tour_id: &str) -> Result<Arc<LoadedTour>, CoreError> {
    catalog
        .get(tour_id)
        .cloned()
        .ok_or_else(|| CoreError::Tour(TourError::NotFound(tour_id.to_owned())))
}

fn find_step<'a>(loaded: &'a LoadedTour, step_id: &str) -> Result<&'a format::Step, CoreError> {
    loaded.tour.step(step_id).ok_or_else(|| {
        CoreError::Tour(TourError::StepNotFound {
            tour: loaded.tour.id.clone(),
            step: step_id.to_owned(),
        })
    })
}

/// A picture as a `data:` URL (SVG or PNG).
fn data_url(name: &str, bytes: &[u8]) -> String {
    let mime = if name.ends_with(".svg") {
        "image/svg+xml"
    } else {
        "image/png"
    };
    format!(
        "data:{mime};base64,{}",
        base64::engine::general_purpose::STANDARD.encode(bytes)
    )
}

/// A step as the UI shows it.
pub fn ui_step(loaded: &LoadedTour, step: &format::Step) -> TourStep {
    use format::StepBody as B;
    let id = step.id.clone();
    let text = step.text.id.clone();
    match &step.body {
        B::Explain { picture, show } => TourStep::Explain {
            id,
            text,
            picture: picture
                .as_ref()
                .and_then(|(name, _)| loaded.pictures.get(name).map(|bytes| data_url(name, bytes))),
            show: show.map(|s| s.name().to_owned()),
        },
        B::Task { hint, check } => TourStep::Task {
            id,
            text,
            hint: hint.as_ref().map(|h| h.id.clone()),
            check_type: check.check.type_name().to_owned(),
            needs_input: check.check.needs_input(),
        },
        B::Choice { options } => TourStep::Choice {
            id,
            text,
            options: options
                .iter()
                .map(|o| ChoiceOption {
                    label: o.label.id.clone(),
                    goto: o.goto.clone(),
                })
                .collect(),
        },
        B::Quiz { answers } => TourStep::Quiz {
            id,
            text,
            answers: answers
                .iter()
                .map(|a| QuizAnswer {
                    label: a.label.id.clone(),
                    correct: a.correct,
                    feedback: a.feedback.id.clone(),
                })
                .collect(),
        },
        B::Highlight {
            fallback,
            advance,
            target,
            ..
        } => TourStep::Highlight {
            id,
            text,
            fallback: fallback.id.clone(),
            live: Some(highlight::HighlightLive::of(
                *advance,
                target,
                &loaded.tour.apps,
            )),
        },
    }
}

/// A tour with its steps and the person's progress (no server needed).
pub fn open(
    store: &Store,
    catalog: &Catalog,
    profile_id: i64,
    account_id: Option<i64>,
    tour_id: &str,
) -> Result<TourDetail, CoreError> {
    store.profile(profile_id)?;
    let loaded = find_tour(catalog, tour_id)?;
    let records = store.step_records(profile_id, account_id, Some(tour_id))?;
    let current = store.current_steps(profile_id, account_id)?;
    let hidden = store.hidden_tours(profile_id)?.contains(tour_id);
    let summary = summarize(
        &loaded,
        &records,
        current.get(tour_id).map(String::as_str),
        hidden,
        None,
    );
    let order: BTreeMap<&str, usize> = loaded
        .tour
        .steps
        .iter()
        .enumerate()
        .map(|(i, s)| (s.id.as_str(), i))
        .collect();
    let mut progress: Vec<_> = records
        .iter()
        .filter(|r| order.contains_key(r.step_id.as_str()))
        .collect();
    progress.sort_by_key(|r| order[r.step_id.as_str()]);
    Ok(TourDetail {
        summary,
        steps: loaded
            .tour
            .steps
            .iter()
            .map(|s| ui_step(&loaded, s))
            .collect(),
        progress: progress
            .into_iter()
            .map(|r| StepProgress {
                step_id: r.step_id.clone(),
                status: r.status,
                evidence: r.evidence.clone(),
                updated_at: r.updated_at.clone(),
            })
            .collect(),
    })
}

/// The person reached a step: records it as seen and makes it the tour's current step. With an
/// account, a check that compares with "before" (new files, moved files, new calendars)
/// snapshots the space now, once (best effort: offline, the check falls back on times).
pub async fn step_seen(
    store: &Store,
    secrets: &Secrets,
    catalog: &Catalog,
    profile_id: i64,
    account_id: Option<i64>,
    tour_id: &str,
    step_id: &str,
) -> Result<(), CoreError> {
    let loaded = find_tour(catalog, tour_id)?;
    let step = find_step(&loaded, step_id)?;
    let key = ProgressKey {
        profile_id,
        account_id,
        tour_id,
    };
    store.record_step(key, step_id, StepState::Seen, None, true)?;
    if let (Some(account_id), Some(check)) = (account_id, step.check())
        && check.check.needs_baseline()
        && store.step_baseline(key, step_id)?.is_none()
    {
        let account = owned_account(store, profile_id, account_id)?;
        if let Ok(client) = account_client(store, secrets, &account)
            && let Ok(Some(baseline)) = check
                .check
                .take_baseline(&client, &CheckContext::default())
                .await
            && let Ok(json) = serde_json::to_string(&baseline)
        {
            store.set_step_baseline(key, step_id, &json)?;
        }
    }
    Ok(())
}

/// The person skipped a step.
pub fn step_skip(
    store: &Store,
    catalog: &Catalog,
    profile_id: i64,
    account_id: Option<i64>,
    tour_id: &str,
    step_id: &str,
) -> Result<(), CoreError> {
    let loaded = find_tour(catalog, tour_id)?;
    find_step(&loaded, step_id)?;
    let key = ProgressKey {
        profile_id,
        account_id,
        tour_id,
    };
    store.record_step(key, step_id, StepState::Skipped, None, false)?;
    Ok(())
}

fn parse_time(s: &str) -> Option<OffsetDateTime> {
    OffsetDateTime::parse(s, &Rfc3339).ok()
}

/// Builds what a check may know: when the step started, its snapshot, the trusted
/// certificate and what the person typed.
pub fn check_context(
    store: &Store,
    key: ProgressKey<'_>,
    step_id: &str,
    server_url: &str,
    input: Option<Secret>,
) -> Result<CheckContext, CoreError> {
    let started = store.step_started_at(key, step_id)?;
    let baseline = store
        .step_baseline(key, step_id)?
        .and_then(|b| serde_json::from_str::<checks::Baseline>(&b).ok());
    Ok(CheckContext {
        step_started_at: started.as_deref().and_then(parse_time),
        input,
        baseline,
        pinned_certificate: store
            .trusted_certificate(server_url)?
            .and_then(|hex| hex.parse().ok()),
        roots: DavRoots::default(),
    })
}

/// Runs a step's check against the account; when `record` and done, records the step as done
/// with the evidence. `input` (what the person typed, e.g. an app password) is never stored.
#[allow(clippy::too_many_arguments)]
pub async fn check(
    store: &Store,
    secrets: &Secrets,
    catalog: &Catalog,
    profile_id: i64,
    account_id: i64,
    tour_id: &str,
    step_id: &str,
    input: Option<String>,
    record: bool,
) -> Result<CheckOutcome, CoreError> {
    let loaded = find_tour(catalog, tour_id)?;
    let step = find_step(&loaded, step_id)?;
    let Some(located) = step.check() else {
        return Err(CoreError::Tour(TourError::StepHasNoCheck {
            tour: tour_id.to_owned(),
            step: step_id.to_owned(),
        }));
    };
    let account = owned_account(store, profile_id, account_id)?;
    let key = ProgressKey {
        profile_id,
        account_id: Some(account_id),
        tour_id,
    };
    let ctx = check_context(
        store,
        key,
        step_id,
        &account.server_url,
        input.map(Secret::new),
    )?;
    let client = account_client(store, secrets, &account)?;
    let outcome = located.check.run(&client, &ctx).await?;
    if record && outcome.done {
        store.record_step(
            key,
            step_id,
            StepState::Done,
            outcome.evidence.as_deref(),
            false,
        )?;
    }
    Ok(outcome)
}

/// Forgets progress (one tour or all) so it starts over.
pub fn reset(
    store: &Store,
    profile_id: i64,
    account_id: Option<i64>,
    tour_id: Option<&str>,
) -> Result<(), CoreError> {
    store.reset_tours(profile_id, account_id, tour_id)
}

/// "Don't propose this again" for a tour on offer (or undo it).
pub fn hide(
    store: &Store,
    catalog: &Catalog,
    profile_id: i64,
    tour_id: &str,
    hidden: bool,
) -> Result<(), CoreError> {
    find_tour(catalog, tour_id)?;
    store.set_tour_hidden(profile_id, tour_id, hidden)
}

/// Loads a pack (folder or `.zip`) into the catalog and says what it gave.
pub fn load_pack(catalog: &mut Catalog, path: &Path) -> Result<PackReport, CoreError> {
    let pack = catalog.load_pack(path)?.clone();
    let (loaded, broken) = catalog.pack_outcome(&pack);
    Ok(PackReport {
        loaded: loaded.iter().map(|t| fresh_summary(t)).collect(),
        broken,
    })
}

/// Tours that could not be offered.
pub fn broken(catalog: &Catalog) -> Vec<BrokenTour> {
    catalog.broken()
}

/// The FTL source of loaded packs' messages in one language.
pub fn messages(catalog: &Catalog, lang: Language) -> String {
    catalog.pack_messages(lang)
}

/// One step in a trainer's progress report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct StepReport {
    /// Step id.
    pub step_id: String,
    /// Its kind.
    pub kind: String,
    /// The strongest state over the profile's accounts, if any.
    pub status: Option<StepState>,
    /// What the check found.
    pub evidence: Option<String>,
    /// Last change.
    pub updated_at: Option<String>,
    /// The account it was recorded for.
    pub account_id: Option<i64>,
}

/// One tour in a trainer's progress report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TourReport {
    /// Tour id.
    pub tour_id: String,
    /// Fluent id of the title.
    pub title: String,
    /// New, in progress, done.
    pub status: TourStatus,
    /// Hidden by the person.
    pub hidden: bool,
    /// Every step, in order.
    pub steps: Vec<StepReport>,
}

/// Per tour × step, what a profile did (all its accounts together), for trainers.
pub fn progress_report(
    store: &Store,
    catalog: &Catalog,
    profile_id: i64,
) -> Result<Vec<TourReport>, CoreError> {
    store.profile(profile_id)?;
    let mut best: BTreeMap<(String, String), StepRecord> = BTreeMap::new();
    for r in store.all_step_records(profile_id)? {
        let key = (r.tour_id.clone(), r.step_id.clone());
        let better = best
            .get(&key)
            .is_none_or(|b| (r.status, &r.updated_at) > (b.status, &b.updated_at));
        if better {
            best.insert(key, r);
        }
    }
    let hidden = store.hidden_tours(profile_id)?;
    let records: Vec<StepRecord> = best.values().cloned().collect();
    Ok(catalog
        .tours()
        .iter()
        .map(|t| {
            let summary = summarize(t, &records, None, hidden.contains(&t.tour.id), None);
            TourReport {
                tour_id: t.tour.id.clone(),
                title: t.tour.title.id.clone(),
                status: summary.status,
                hidden: summary.hidden,
                steps: t
                    .tour
                    .steps
                    .iter()
                    .map(|s| {
                        let r = best.get(&(t.tour.id.clone(), s.id.clone()));
                        StepReport {
                            step_id: s.id.clone(),
                            kind: s.kind().name().to_owned(),
                            status: r.map(|r| r.status),
                            evidence: r.and_then(|r| r.evidence.clone()),
                            updated_at: r.map(|r| r.updated_at.clone()),
                            account_id: r.and_then(|r| r.account_id),
                        }
                    })
                    .collect(),
            }
        })
        .collect())
}

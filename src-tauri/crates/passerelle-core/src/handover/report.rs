//! The report of a hand-over, built from the journal: every item with its result, what was not
//! handed over and why, totals, runs and durations, the last side-by-side verification. Exported
//! as JSON, CSV (one row per item, spreadsheet-safe) and one standalone HTML page an admin can
//! keep: inline CSS, no script, no remote asset, every text escaped (the page is the askama
//! template `templates/handover-report.html`, which escapes every value by default).

use std::borrow::Borrow;
use std::collections::BTreeMap;

use super::journal::{self, ItemRecord};
use super::model::{
    HandoverReport, ItemKind, ItemState, JobState, KindTotals, ReportItem, StateCounts,
};
use crate::export::human_bytes;
use crate::i18n::Localizer;
use crate::store::now;
use crate::{CoreError, Store};

fn report_item(i: &ItemRecord, parents: &BTreeMap<i64, &ItemRecord>) -> ReportItem {
    // Objects are shown as `collection/object`.
    let prefix = |uri_of: fn(&ItemRecord) -> &str| {
        i.parent_id
            .and_then(|p| parents.get(&p))
            .filter(|p| matches!(p.kind, ItemKind::Calendar | ItemKind::AddressBook))
            .map(|p| format!("{}/", uri_of(p)))
            .unwrap_or_default()
    };
    ReportItem {
        kind: i.kind,
        source: format!("{}{}", prefix(|p| &p.source), i.source),
        target: if i.target.is_empty() {
            String::new()
        } else {
            format!("{}{}", prefix(|p| &p.target), i.target)
        },
        state: i.state,
        reason: i.reason.clone(),
        retry: super::retry::item_class(i, parents).map(|(r, _)| r),
        detail: i.detail.clone(),
        size: i.copied_size.or(i.size),
        attempts: i.attempts,
        content_hash: i.content_hash.clone(),
        copied_at: i.copied_at.clone(),
        verified_at: i.verified_at.clone(),
    }
}

fn millis_between(start: &str, end: &str) -> u64 {
    use time::format_description::well_known::Rfc3339;
    let (Ok(a), Ok(b)) = (
        time::OffsetDateTime::parse(start, &Rfc3339),
        time::OffsetDateTime::parse(end, &Rfc3339),
    ) else {
        return 0;
    };
    (b - a).whole_milliseconds().max(0) as u64
}

/// The report of job `job_id`, as the journal has it now.
pub fn report(store: &Store, job_id: i64) -> Result<HandoverReport, CoreError> {
    let job = journal::job(store, job_id)?;
    let items = journal::items(store, job_id)?;
    let runs = journal::runs(store, job_id)?;
    let parents: BTreeMap<i64, &ItemRecord> = items.iter().map(|i| (i.id, i)).collect();
    let mut per_kind: BTreeMap<ItemKind, KindTotals> = BTreeMap::new();
    let mut all = StateCounts::default();
    let (mut bytes_planned, mut bytes_copied) = (0u64, 0u64);
    for i in &items {
        let t = per_kind.entry(i.kind).or_insert(KindTotals {
            kind: i.kind,
            states: StateCounts::default(),
            bytes: 0,
        });
        t.states.add(i.state);
        all.add(i.state);
        if i.kind == ItemKind::File && i.state != ItemState::Skipped {
            let size = i.size.unwrap_or(0);
            t.bytes += size;
            bytes_planned += size;
            if matches!(i.state, ItemState::Copied | ItemState::Verified) {
                bytes_copied += i.copied_size.unwrap_or(size);
            }
        }
    }
    let mut notes = job.plan.notes.clone();
    let lost_mtimes = items
        .iter()
        .any(|i| i.kind == ItemKind::File && i.mtime_kept == Some(false));
    if lost_mtimes {
        notes.push("handover-note-mtime-not-kept".to_owned());
    }
    let duration_ms = runs
        .iter()
        .filter_map(|r| {
            r.ended_at
                .as_deref()
                .map(|e| millis_between(&r.started_at, e))
        })
        .sum();
    let actions = super::retry::outlook(job.summary.state, &items).actions();
    Ok(HandoverReport {
        job: job.summary,
        actions,
        totals: per_kind.into_values().collect(),
        all,
        bytes_planned,
        bytes_copied,
        runs,
        duration_ms,
        verification: job.verification,
        name_warnings: job.plan.name_warnings,
        excluded: job.plan.excluded,
        notes,
        items: items.iter().map(|i| report_item(i, &parents)).collect(),
        generated_at: now(),
    })
}

/// The report as pretty JSON.
pub fn to_json(report: &HandoverReport) -> String {
    serde_json::to_string_pretty(report).expect("plain data serialises")
}

/// One CSV field: always quoted; a leading `= + - @` (or tab/CR) gets a `'` so spreadsheets
/// show a file named `=cmd…` as text instead of running it.
fn csv_field(out: &mut String, value: &str) {
    out.push('"');
    if value.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        out.push('\'');
    }
    out.push_str(&value.replace('"', "\"\""));
    out.push('"');
}

/// The items as CSV (RFC 4180, header row, CRLF line ends).
pub fn to_csv(report: &HandoverReport) -> String {
    let mut out = String::new();
    out.push_str(
        "kind,source,target,state,reason,detail,size,attempts,content_hash,copied_at,verified_at,\
         retry\r\n",
    );
    for i in &report.items {
        let size = i.size.map(|s| s.to_string()).unwrap_or_default();
        let attempts = i.attempts.to_string();
        let fields = [
            i.kind.code(),
            &i.source,
            &i.target,
            i.state.code(),
            i.reason.as_deref().unwrap_or(""),
            i.detail.as_deref().unwrap_or(""),
            &size,
            &attempts,
            i.content_hash.as_deref().unwrap_or(""),
            i.copied_at.as_deref().unwrap_or(""),
            i.verified_at.as_deref().unwrap_or(""),
            match i.retry {
                Some(super::Retry::WillPass) => "will-pass",
                Some(super::Retry::NeedsAction) => "needs-action",
                None => "",
            },
        ];
        for (n, f) in fields.iter().enumerate() {
            if n > 0 {
                out.push(',');
            }
            csv_field(&mut out, f);
        }
        out.push_str("\r\n");
    }
    out
}

/// The Fluent text of a reason code (hand-over reasons, else the protocol's error codes).
pub fn reason_text(l10n: &Localizer, code: &str) -> String {
    let id = format!("handover-reason-{code}");
    if l10n.has(&id) {
        return l10n.t(&id);
    }
    let id = format!("error-{code}");
    if l10n.has(&id) {
        l10n.t(&id)
    } else {
        code.to_owned()
    }
}

/// `templates/handover-report.html`: every text is HTML-escaped by the template engine.
#[derive(askama::Template)]
#[template(path = "handover-report.html")]
struct ReportPage<'a> {
    l10n: &'a Localizer,
    r: &'a HandoverReport,
    lang: &'static str,
    title: String,
    verdict_class: &'static str,
    /// Fluent id of the verdict.
    verdict: &'static str,
    /// The job at a glance: label, value (both plain text).
    facts: Vec<(String, String)>,
    /// The items that were not handed over (failed or skipped).
    not_done: Vec<&'a ReportItem>,
}

// The template passes fields by value and `if let` bindings by reference: `Borrow` takes both.
impl ReportPage<'_> {
    fn t(&self, id: &str) -> String {
        self.l10n.t(id)
    }

    fn kind(&self, kind: impl Borrow<ItemKind>) -> String {
        self.l10n
            .t(&format!("handover-kind-{}", kind.borrow().code()))
    }

    fn state(&self, state: impl Borrow<ItemState>) -> String {
        self.l10n
            .t(&format!("handover-item-{}", state.borrow().code()))
    }

    fn reason(&self, code: &str) -> String {
        reason_text(self.l10n, code)
    }

    fn bytes(&self, n: impl Borrow<u64>) -> String {
        human_bytes(*n.borrow())
    }

    fn size(&self, size: impl Borrow<Option<u64>>) -> String {
        size.borrow().map(human_bytes).unwrap_or_default()
    }

    fn class(&self, state: impl Borrow<ItemState>) -> &'static str {
        match state.borrow() {
            ItemState::Verified | ItemState::Copied => "ok",
            ItemState::Failed | ItemState::Planned => "bad",
            ItemState::Skipped => "skip",
        }
    }
}

/// The report as one standalone, readable HTML page in the person's language.
pub fn to_html(report: &HandoverReport, l10n: &Localizer) -> String {
    use askama::Template as _;

    let j = &report.job;
    let complete = j.state == JobState::Verified;
    let side = |m: &super::MemberSide| format!("{} ({}, {})", m.name(), m.user_id, m.server_url);
    let mut facts = vec![
        (l10n.t("handover-report-from"), side(&j.source)),
        (l10n.t("handover-report-to"), side(&j.target)),
    ];
    if !j.destination.is_empty() {
        facts.push((l10n.t("handover-report-destination"), j.destination.clone()));
    }
    facts.extend([
        (
            l10n.t("handover-report-strategy"),
            l10n.t(&format!("handover-strategy-{}", j.strategy.code())),
        ),
        (l10n.t("handover-report-state"), l10n.t(&j.state_text())),
        (l10n.t("handover-report-created"), j.created_at.clone()),
    ]);
    if let Some(f) = &j.finished_at {
        facts.push((l10n.t("handover-report-finished"), f.clone()));
    }
    facts.extend([
        (
            l10n.t("handover-report-duration"),
            format!(
                "{:.1} s ({} × {})",
                report.duration_ms as f64 / 1000.0,
                report.runs.len(),
                l10n.t("handover-report-runs")
            ),
        ),
        (
            l10n.t("handover-report-bytes"),
            format!(
                "{} / {}",
                human_bytes(report.bytes_copied),
                human_bytes(report.bytes_planned)
            ),
        ),
    ]);
    let page = ReportPage {
        l10n,
        r: report,
        lang: l10n.language().tag(),
        title: l10n.t_args("handover-report-title", &[("name", j.source.name().into())]),
        verdict_class: if complete { "ok" } else { "bad" },
        verdict: if complete {
            "handover-report-complete"
        } else if j.resumable {
            "handover-report-incomplete"
        } else {
            "handover-job-needs-action"
        },
        facts,
        not_done: report
            .items
            .iter()
            .filter(|i| matches!(i.state, ItemState::Failed | ItemState::Skipped))
            .collect(),
    };
    let mut html = page.render().expect("the report's values always display");
    // The engine drops the template file's last line end; the page has always ended with one.
    html.push('\n');
    html
}

//! The report of a hand-over, built from the journal: every item with its result, what was not
//! handed over and why, totals, runs and durations, the last side-by-side verification. Exported
//! as JSON, CSV (one row per item, spreadsheet-safe) and one standalone HTML page an admin can
//! keep: inline CSS, no script, no remote asset, every text escaped.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use super::journal::{self, ItemRecord};
use super::model::{
    HandoverReport, ItemKind, ItemState, JobState, KindTotals, ReportItem, StateCounts,
};
use crate::export::escape_html;
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

fn human_bytes(n: u64) -> String {
    const UNITS: [&str; 5] = ["B", "KB", "MB", "GB", "TB"];
    let mut v = n as f64;
    let mut u = 0;
    while v >= 1000.0 && u < UNITS.len() - 1 {
        v /= 1000.0;
        u += 1;
    }
    if u == 0 {
        format!("{n} B")
    } else {
        format!("{v:.1} {}", UNITS[u])
    }
}

const CSS: &str = "body{font-family:system-ui,sans-serif;margin:2rem;color:#1b1b1b;line-height:1.4}\
h1{font-size:1.5rem}h2{font-size:1.15rem;margin-top:2rem}\
table{border-collapse:collapse;width:100%;margin:.5rem 0}\
th,td{border:1px solid #ccc;padding:.3rem .5rem;text-align:left;vertical-align:top;font-size:.9rem}\
th{background:#f1f1f1}td.n{text-align:right}\
.ok{color:#17622e}.bad{color:#a4000f}.skip{color:#6b5200}\
.verdict{padding:.6rem 1rem;border-radius:.3rem;font-weight:600}\
.verdict.ok{background:#e3f4e8}.verdict.bad{background:#fbe4e6}\
code{font-size:.85rem;word-break:break-all}\
@media print{body{margin:0}}";

/// The report as one standalone, readable HTML page in the person's language.
pub fn to_html(report: &HandoverReport, l10n: &Localizer) -> String {
    let t = |id: &str| escape_html(&l10n.t(id));
    let e = |s: &str| escape_html(s);
    let j = &report.job;
    let mut h = String::new();
    let lang = l10n.language().tag();
    let _ = write!(
        h,
        "<!DOCTYPE html>\n<html lang=\"{lang}\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{}</title><style>{CSS}</style></head><body>",
        e(&l10n.t_args("handover-report-title", &[("name", j.source.name().into())]))
    );
    let _ = write!(
        h,
        "<h1>{}</h1>",
        e(&l10n.t_args("handover-report-title", &[("name", j.source.name().into())]))
    );
    let complete = j.state == JobState::Verified;
    let _ = write!(
        h,
        "<p class=\"verdict {}\">{}</p>",
        if complete { "ok" } else { "bad" },
        t(if complete {
            "handover-report-complete"
        } else if j.resumable {
            "handover-report-incomplete"
        } else {
            "handover-job-needs-action"
        })
    );
    // What a person must do: resuming alone would fail the same way for these.
    if !report.actions.is_empty() {
        let _ = write!(h, "<h2>{}</h2><ul>", t("handover-report-todo"));
        for a in &report.actions {
            let _ = write!(
                h,
                "<li>{} <small>({} × <code>{}</code>)</small></li>",
                t(&a.todo),
                a.items,
                e(&a.reason)
            );
        }
        h.push_str("</ul>");
    }
    h.push_str("<table>");
    let row = |h: &mut String, label: &str, value: &str| {
        let _ = write!(h, "<tr><th scope=\"row\">{label}</th><td>{value}</td></tr>");
    };
    row(
        &mut h,
        &t("handover-report-from"),
        &e(&format!(
            "{} ({}, {})",
            j.source.name(),
            j.source.user_id,
            j.source.server_url
        )),
    );
    row(
        &mut h,
        &t("handover-report-to"),
        &e(&format!(
            "{} ({}, {})",
            j.target.name(),
            j.target.user_id,
            j.target.server_url
        )),
    );
    if !j.destination.is_empty() {
        row(
            &mut h,
            &t("handover-report-destination"),
            &e(&j.destination),
        );
    }
    row(
        &mut h,
        &t("handover-report-strategy"),
        &t(&format!("handover-strategy-{}", j.strategy.code())),
    );
    row(&mut h, &t("handover-report-state"), &t(&j.state_text()));
    row(&mut h, &t("handover-report-created"), &e(&j.created_at));
    if let Some(f) = &j.finished_at {
        row(&mut h, &t("handover-report-finished"), &e(f));
    }
    row(
        &mut h,
        &t("handover-report-duration"),
        &e(&format!(
            "{:.1} s ({} × {})",
            report.duration_ms as f64 / 1000.0,
            report.runs.len(),
            l10n.t("handover-report-runs")
        )),
    );
    row(
        &mut h,
        &t("handover-report-bytes"),
        &e(&format!(
            "{} / {}",
            human_bytes(report.bytes_copied),
            human_bytes(report.bytes_planned)
        )),
    );
    h.push_str("</table>");

    for note in &report.notes {
        let _ = write!(h, "<p>{}</p>", t(note));
    }

    let _ = write!(
        h,
        "<h2>{}</h2><table><thead><tr>",
        t("handover-report-totals")
    );
    for id in [
        "handover-report-kind",
        "handover-item-planned",
        "handover-item-copied",
        "handover-item-verified",
        "handover-item-failed",
        "handover-item-skipped",
    ] {
        let _ = write!(h, "<th scope=\"col\">{}</th>", t(id));
    }
    h.push_str("</tr></thead><tbody>");
    for k in &report.totals {
        let s = k.states;
        let _ = write!(
            h,
            "<tr><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td>\
             <td class=\"n ok\">{}</td><td class=\"n bad\">{}</td><td class=\"n skip\">{}</td></tr>",
            t(&format!("handover-kind-{}", k.kind.code())),
            s.planned,
            s.copied,
            s.verified,
            s.failed,
            s.skipped
        );
    }
    h.push_str("</tbody></table>");

    if let Some(v) = &report.verification {
        let _ = write!(
            h,
            "<h2>{}</h2><p>{} — {}</p><table><thead><tr>",
            t("handover-report-verification"),
            e(&v.verified_at),
            t(if v.deep {
                "handover-report-verify-deep"
            } else {
                "handover-report-verify-quick"
            })
        );
        for id in [
            "handover-report-kind",
            "handover-report-source",
            "handover-report-target",
            "handover-report-source-count",
            "handover-report-target-count",
            "handover-report-source-bytes",
            "handover-report-target-bytes",
            "handover-report-hashes",
            "handover-report-mismatches",
        ] {
            let _ = write!(h, "<th scope=\"col\">{}</th>", t(id));
        }
        h.push_str("</tr></thead><tbody>");
        for c in &v.comparisons {
            let kind = format!("handover-kind-{}", c.kind.code());
            let _ = write!(
                h,
                "<tr><td>{}</td><td><code>{}</code></td><td><code>{}</code></td>\
                 <td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td>\
                 <td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n {}\">{}</td></tr>",
                t(&kind),
                e(&c.source),
                e(&c.target),
                c.source_count,
                c.target_count,
                e(&human_bytes(c.source_bytes)),
                e(&human_bytes(c.target_bytes)),
                c.hashes_matched,
                if c.mismatches == 0 { "ok" } else { "bad" },
                c.mismatches
            );
        }
        h.push_str("</tbody></table>");
    }

    let not_done: Vec<&ReportItem> = report
        .items
        .iter()
        .filter(|i| matches!(i.state, ItemState::Failed | ItemState::Skipped))
        .collect();
    if !not_done.is_empty() {
        let _ = write!(
            h,
            "<h2>{}</h2><table><thead><tr><th scope=\"col\">{}</th><th scope=\"col\">{}</th>\
             <th scope=\"col\">{}</th><th scope=\"col\">{}</th></tr></thead><tbody>",
            t("handover-report-not-handed-over"),
            t("handover-report-kind"),
            t("handover-report-source"),
            t("handover-report-state"),
            t("handover-report-reason")
        );
        for i in not_done {
            let reason = i
                .reason
                .as_deref()
                .map(|r| reason_text(l10n, r))
                .unwrap_or_default();
            let detail = i
                .detail
                .as_deref()
                .map(|d| format!(" <small>({})</small>", e(d)))
                .unwrap_or_default();
            let _ = write!(
                h,
                "<tr><td>{}</td><td><code>{}</code></td><td class=\"{}\">{}</td><td>{}{}</td></tr>",
                t(&format!("handover-kind-{}", i.kind.code())),
                e(&i.source),
                if i.state == ItemState::Failed {
                    "bad"
                } else {
                    "skip"
                },
                t(&format!("handover-item-{}", i.state.code())),
                e(&reason),
                detail
            );
        }
        h.push_str("</tbody></table>");
    }

    if !report.name_warnings.is_empty() {
        let _ = write!(
            h,
            "<h2>{}</h2><p>{}</p><ul>",
            t("handover-report-name-warnings"),
            t("handover-report-name-warnings-help")
        );
        for w in &report.name_warnings {
            let _ = write!(
                h,
                "<li><code>{}</code> — {}</li>",
                e(&w.source),
                e(&reason_text(l10n, &w.reason))
            );
        }
        h.push_str("</ul>");
    }

    let _ = write!(
        h,
        "<h2>{}</h2><table><thead><tr><th scope=\"col\">{}</th><th scope=\"col\">{}</th>\
         <th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th>\
         </tr></thead><tbody>",
        t("handover-report-items"),
        t("handover-report-kind"),
        t("handover-report-source"),
        t("handover-report-target"),
        t("handover-report-size"),
        t("handover-report-state")
    );
    for i in &report.items {
        let class = match i.state {
            ItemState::Verified | ItemState::Copied => "ok",
            ItemState::Failed | ItemState::Planned => "bad",
            ItemState::Skipped => "skip",
        };
        let _ = write!(
            h,
            "<tr><td>{}</td><td><code>{}</code></td><td><code>{}</code></td>\
             <td class=\"n\">{}</td><td class=\"{class}\">{}</td></tr>",
            t(&format!("handover-kind-{}", i.kind.code())),
            e(&i.source),
            e(&i.target),
            i.size.map(human_bytes).unwrap_or_default(),
            t(&format!("handover-item-{}", i.state.code()))
        );
    }
    let _ = writeln!(
        h,
        "</tbody></table><p><small>{} {}</small></p></body></html>",
        t("handover-report-generated"),
        e(&report.generated_at)
    );
    h
}

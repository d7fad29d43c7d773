// Step 6, the report: how it ended, totals per kind, what was not handed over and why, what
// someone must still do, resume or retry, exports (HTML, CSV, JSON) and, once verified,
// disabling the departing member's account (after a confirmation). Reads the report from the
// backend; changes nothing in the wizard but "start over".
import type { HandoverReport } from "../../bindings/types";
import { openConfirmDialog } from "../../components/dialog";
import { h, replaceChildren } from "../../dom";
import { showErrorIn } from "../../errors";
import { jobStateText, memberName } from "./state";
import { alertBox, button, stepHeading, texts, waiting, type Wizard } from "./wizard";

export function drawReport(w: Wizard): void {
  const { ctx } = w;
  const { t, code } = texts(ctx);
  const jobId = w.state().jobId;
  if (jobId === null) return w.go("who");
  const body = waiting(t("loading"));
  replaceChildren(w.stepBlock, stepHeading(ctx, "report"), body);
  void (async () => {
    let report: HandoverReport;
    try {
      report = await ctx.api.handoverReport(jobId);
    } catch (error) {
      const alert = alertBox("handover-report-error");
      showErrorIn(alert, ctx.i18n, error);
      replaceChildren(body, alert);
      return;
    }
    body.removeAttribute("aria-busy");
    const job = report.job;
    const verified = job.state === "verified";
    replaceChildren(
      body,
      h(
        "p",
        { class: verified ? "success" : "alert", role: "status", "data-testid": "handover-report-state", "data-state": job.state },
        verified ? t("handover-report-complete") : job.resumable ? t("handover-report-incomplete") : code(jobStateText(job)),
      ),
      totalsTable(w, report),
      problems(w, report),
      h(
        "details",
        { class: "disclosure", "data-testid": "handover-report-items" },
        h("summary", null, t("handover-report-items"), ` (${report.items.length})`),
        h(
          "ul",
          { class: "plain-list" },
          report.items.map((i) => h("li", null, `${i.source} → ${i.target} — `, code(`handover-item-${i.state}`))),
        ),
      ),
      todo(w, report),
      // Only what a resume can finish is offered as "resume"; the rest says who must do what.
      job.resumable
        ? button("handover-resume", t("handover-resume"), () => void w.resume(jobId), true)
        : !verified
          ? button("handover-retry-after-action", t("handover-retry-after-action"), () => void w.resume(jobId))
          : null,
      ...exports(w, jobId),
      verified ? disableSource(w, report) : null,
      h("div", { class: "actions" }, button("handover-new", t("handover-new"), () => w.startOver())),
    );
  })();
}

function totalsTable(w: Wizard, report: HandoverReport): HTMLElement {
  const { t, code } = texts(w.ctx);
  const columns = [t("handover-report-kind"), t("handover-item-verified"), t("handover-item-copied"), t("handover-item-failed"), t("handover-item-skipped")];
  return h(
    "table",
    { class: "table", "data-testid": "handover-report-totals" },
    h("thead", null, h("tr", null, columns.map((x) => h("th", { scope: "col" }, x)))),
    h(
      "tbody",
      null,
      report.totals.map((k) =>
        h(
          "tr",
          null,
          h("th", { scope: "row" }, code(`handover-kind-${k.kind}`)),
          h("td", null, String(k.states.verified)),
          h("td", null, String(k.states.copied)),
          h("td", null, String(k.states.failed)),
          h("td", null, String(k.states.skipped)),
        ),
      ),
    ),
  );
}

/** The items that failed or were skipped, with their reason. */
function problems(w: Wizard, report: HandoverReport): HTMLElement | null {
  const { t, code } = texts(w.ctx);
  const items = report.items.filter((i) => i.state === "failed" || i.state === "skipped");
  if (!items.length) return null;
  return h(
    "details",
    { class: "disclosure", open: true, "data-testid": "handover-report-problems" },
    h("summary", null, t("handover-report-not-handed-over")),
    h(
      "ul",
      { class: "bullets" },
      items.map((i) =>
        h("li", null, h("strong", null, i.source), " — ", w.ctx.i18n.dynamic(`handover-reason-${i.reason ?? ""}`) ?? i.reason ?? code(`handover-item-${i.state}`)),
      ),
    ),
  );
}

/** What someone must still do (a resume cannot). */
function todo(w: Wizard, report: HandoverReport): HTMLElement | null {
  const { t, code } = texts(w.ctx);
  if (!report.actions.length) return null;
  return h(
    "section",
    { class: "stack-sm", "data-testid": "handover-report-todo" },
    h("h3", null, t("handover-report-todo")),
    h(
      "ul",
      { class: "bullets" },
      report.actions.map((a) => h("li", null, code(a.todo), " ", h("span", { class: "muted" }, `(${a.items})`))),
    ),
  );
}

/** The export buttons and where the file was written. */
function exports(w: Wizard, jobId: number): HTMLElement[] {
  const { t } = w.ctx.i18n;
  const saved = h("p", { class: "success", role: "status", "data-testid": "handover-export-path" });
  const label = (format: string) =>
    format === "html" ? t("handover-export-html") : format === "csv" ? t("handover-export-csv") : t("handover-export-json");
  const exportButton = (format: string) =>
    button(`handover-export-${format}`, label(format), () => {
      void w.ctx.api
        .handoverExport(jobId, format)
        .then((r) => {
          saved.textContent = t("handover-exported", { path: r.path });
        })
        .catch((e: unknown) => w.ctx.actions.showError(e));
    });
  return [h("div", { class: "actions" }, exportButton("html"), exportButton("csv"), exportButton("json")), saved];
}

/** Once verified: disable the departing member's account (confirmed first). */
function disableSource(w: Wizard, report: HandoverReport): HTMLElement {
  const { ctx } = w;
  const { t } = ctx.i18n;
  const job = report.job;
  const name = memberName(job.source);
  return h(
    "section",
    { class: "stack-sm", "data-testid": "handover-after" },
    h("h3", null, t("handover-after-title")),
    h("p", null, t("handover-after-body", { name })),
    button("handover-disable", t("handover-disable", { name }), (e) => {
      openConfirmDialog(ctx, e.currentTarget as HTMLElement, {
        title: t("handover-disable-confirm-title", { name }),
        body: t("handover-disable-confirm-body", { name }),
        confirmLabel: t("handover-disable-confirm"),
        cancelLabel: t("handover-disable-keep"),
        danger: true,
        testid: "handover-disable-dialog",
        onConfirm: async () => {
          await ctx.api.handoverDisableSource(job.id, w.acting.id, true);
          ctx.actions.announce(t("handover-disabled", { name }));
        },
      });
    }),
  );
}

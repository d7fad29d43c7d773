// Step 5, the run's progress: overall bar, one bar per group, a line with counts, speed and
// time left, the item under way, Cancel. The run itself lives in the backend (it goes on when
// the screen is left); this view only shows the progress it is given and asks for a cancel.
import type { Progress } from "../../bindings/types";
import { h, replaceChildren } from "../../dom";
import { announceDue, formatDuration, progressView, sourceName, targetName } from "./state";
import { accountName } from "../../context";
import { button, stepHeading, texts, type Wizard } from "./wizard";

export function drawRun(w: Wizard): void {
  const { ctx } = w;
  const { t, bytes } = texts(ctx);
  const jobId = w.state().jobId;
  if (jobId === null) return w.go("who");
  const groupLabel = (group: string) =>
    group === "files" ? t("handover-group-files") : group === "calendars" ? t("handover-group-calendars") : t("handover-group-contacts");
  const overall = h("progress", { class: "quota-bar", max: 1, value: 0, "data-testid": "handover-progress-bar", "aria-label": t("handover-progress-overall") });
  const groups = h("div", { class: "stack-sm", "data-testid": "handover-progress-groups" });
  const line = h("p", { "data-testid": "handover-progress-line", "aria-live": "polite" }, t("handover-starting"));
  const current = h("p", { class: "muted", "data-testid": "handover-progress-current" });
  const cancel = button("handover-cancel", t("handover-cancel"), () => {
    cancel.disabled = true;
    void ctx.api.handoverCancel(jobId).catch((e: unknown) => ctx.actions.showError(e));
  });
  let lastAnnounced = 0;

  function show(p: Progress): void {
    if (p.jobId !== jobId || !overall.isConnected) return;
    const view = progressView(p);
    const items = t("handover-progress-items", { done: view.done, total: view.total });
    overall.value = view.fraction;
    overall.setAttribute("aria-valuetext", items);
    replaceChildren(
      groups,
      p.groups.map((g) =>
        h(
          "div",
          { class: "stack-sm" },
          h("span", null, groupLabel(g.group), " — ", t("handover-progress-items", { done: g.done, total: g.total })),
          h("progress", { class: "quota-bar", max: Math.max(1, g.total), value: g.done, "aria-label": groupLabel(g.group) }),
        ),
      ),
    );
    line.textContent = t("handover-progress-line", {
      done: view.done,
      total: view.total,
      failed: view.failed,
      bytes: bytes(p.bytesDone),
      bytesTotal: bytes(p.bytesTotal),
      speed: bytes(p.bytesPerSecond),
      eta: p.etaSeconds === null ? "–" : formatDuration(p.etaSeconds),
    });
    current.textContent = p.current ? t("handover-progress-current", { item: p.current }) : "";
    const now = Date.now();
    if (announceDue(lastAnnounced, now)) {
      lastAnnounced = now;
      ctx.actions.announce(items);
    }
  }

  const state = w.state();
  replaceChildren(
    w.stepBlock,
    stepHeading(ctx, "run"),
    h("p", null, t("handover-run-intro", { from: sourceName(state) || "…", to: targetName(state, accountName) || "…" })),
    h("p", { class: "hint" }, t("handover-run-safe")),
    overall,
    line,
    current,
    groups,
    h("div", { class: "actions" }, cancel),
  );
  w.watchProgress(show);
  void ctx.api.handoverJobs().then((jobs) => {
    const mine = jobs.find((j) => j.job.id === jobId);
    if (mine?.progress) show(mine.progress);
    if (mine && !mine.runningNow) w.go("report");
  });
}

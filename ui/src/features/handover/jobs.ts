// Above the steps: the hand-over running now (follow it), the interrupted ones (resume) and the
// past ones (open the report). Draws into the jobs block only, and re-attaches the runs going on
// to this screen's channel; the state decides which job goes where (./state.ts, jobGroups).
import type { JobListing } from "../../bindings/types";
import { formatDate } from "../../components/ui";
import { h, replaceChildren, type Child } from "../../dom";
import { showErrorIn } from "../../errors";
import { following, jobGroups, jobStateText, memberName, openReport } from "./state";
import { alertBox, button, texts, type Wizard } from "./wizard";

export async function drawJobs(w: Wizard, block: HTMLElement): Promise<void> {
  const { ctx } = w;
  const { t, code, lang } = texts(ctx);
  let jobs: JobListing[];
  try {
    jobs = await ctx.api.handoverJobs();
  } catch (error) {
    const alert = alertBox("handover-jobs-error");
    showErrorIn(alert, ctx.i18n, error);
    replaceChildren(block, alert);
    return;
  }
  // Every run going on streams to this screen from now on (it may have been left and come back).
  for (const j of jobs) if (j.runningNow) void ctx.api.handoverFollow(j.job.id, w.channel()).catch(() => false);
  const { running, interrupted, past } = jobGroups(w.state(), jobs);
  const names = (j: JobListing) => ({ from: memberName(j.job.source), to: memberName(j.job.target) });
  const items: Child[] = [];
  for (const j of running) {
    items.push(
      h(
        "div",
        { class: "notice", "data-testid": "handover-running" },
        h("p", null, t("handover-running-banner", names(j))),
        button("handover-follow", t("handover-follow"), () => w.show(following(w.state(), j.job.id))),
      ),
    );
  }
  for (const j of interrupted) {
    items.push(
      h(
        "div",
        { class: "notice", role: "status", "data-testid": "handover-interrupted" },
        h("p", null, t("handover-interrupted", names(j))),
        h("p", { class: "hint" }, code(`handover-job-${j.job.state}`)),
        button("handover-resume", t("handover-resume"), () => void w.resume(j.job.id), true),
      ),
    );
  }
  if (past.length > 0) {
    items.push(
      h(
        "details",
        { class: "disclosure", "data-testid": "handover-past" },
        h("summary", null, t("handover-past", { count: past.length })),
        h(
          "ul",
          { class: "plain-list" },
          past.map((j) =>
            h(
              "li",
              { "data-testid": "handover-past-job" },
              h(
                "span",
                null,
                t("handover-past-job", { ...names(j), date: formatDate(j.job.createdAt, lang) }),
                " — ",
                code(jobStateText(j.job)),
              ),
              " ",
              button("handover-open-report", t("handover-open-report"), () => w.show(openReport(w.state(), j.job.id))),
            ),
          ),
        ),
      ),
    );
  }
  replaceChildren(block, items);
}

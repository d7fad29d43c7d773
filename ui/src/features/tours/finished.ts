// The end of a tour: what was done, each task with what Passerelle found in the space (✓),
// skipped or still to do, and the way back to the tours. Draws only; the player decides when.
import type { StepProgress, TourDetail, TourStep } from "../../bindings/types";
import { h, uid } from "../../dom";
import type { I18n } from "../../i18n";
import { readableEvidence } from "../../tourTexts";
import { taskMark } from "./playerState";

type TaskStep = Extract<TourStep, { kind: "task" }>;

export function finishedCard(
  i18n: I18n,
  latest: TourDetail,
  status: Map<string, StepProgress>,
  hasAccount: boolean,
  text: (id: string) => string,
  back: HTMLElement,
): { card: HTMLElement; title: HTMLElement } {
  const { t } = i18n;
  const titleId = uid("tour-finished-title");
  const title = h("h2", { id: titleId, tabindex: -1 }, t("tour-finished-title"));
  const tasks = latest.steps.filter((s): s is TaskStep => s.kind === "task");
  const total = latest.summary.stepsTotal;
  const doneCount = Math.min(latest.summary.stepsDone, total);
  const card = h(
    "section",
    { class: "card tour-finished", "aria-labelledby": titleId, "data-testid": "tour-finished" },
    title,
    h("p", null, t("tour-finished-body", { title: text(latest.summary.title) })),
    h("p", { "data-testid": "tour-finished-count" }, t("tour-progress-text", { done: doneCount, total })),
    tasks.length > 0
      ? h(
          "div",
          { class: "stack-sm" },
          h("h3", null, t("tour-finished-tasks")),
          h(
            "ul",
            { class: "task-summary", role: "list" },
            tasks.map((task) => finishedTask(i18n, task, status.get(task.id), latest.steps.indexOf(task) + 1, hasAccount)),
          ),
        )
      : null,
    back,
  );
  return { card, title };
}

/**
 * A task on the finished screen: its step number and what Passerelle found
 * in the space (✓), or that it was skipped, or not done.
 */
function finishedTask(i18n: I18n, task: TaskStep, p: StepProgress | undefined, number: number, hasAccount: boolean): HTMLElement {
  const { t } = i18n;
  const status = taskMark(p);
  const evidence = status === "done" ? readableEvidence(p?.evidence) : null;
  const said =
    status === "done"
      ? evidence
        ? t("tour-finished-evidence", { evidence })
        : t("tour-finished-checked")
      : status === "skipped"
        ? t("tour-finished-skipped")
        : !hasAccount
          ? t("tour-finished-unchecked")
          : t("tour-finished-todo");
  return h(
    "li",
    { class: "task-summary-item", "data-testid": "tour-finished-task", "data-step-id": task.id, "data-status": p?.status ?? "todo" },
    h("span", { class: `task-mark task-${status}`, "aria-hidden": "true" }, status === "done" ? "✓" : ""),
    h(
      "span",
      { class: "task-summary-text" },
      h("span", { class: "task-summary-step" }, t("tour-finished-step", { step: number })),
      h("span", { class: status === "done" ? "task-summary-found" : "task-summary-found muted" }, said),
    ),
  );
}

// Step 4, the plan and its checks: one sentence of what will happen, the totals, the quota
// check, what is left out and why, and Start (refused when the target's quota is too small).
// Asks the backend for the plan; starting records the job and follows it (step 5).
import type { HandoverPlan } from "../../bindings/types";
import { runBusy } from "../../components/busy";
import { accountName } from "../../context";
import { h, replaceChildren } from "../../dom";
import { showErrorIn } from "../../errors";
import { destinationOf, following, planFits, planned, selectionOf, sourceName, targetName } from "./state";
import { alertBox, button, sidesOf, stepHeading, texts, waiting, type Wizard } from "./wizard";

export function drawPlan(w: Wizard): void {
  const { ctx } = w;
  const { t } = ctx.i18n;
  const body = waiting(t("handover-planning"));
  replaceChildren(w.stepBlock, stepHeading(ctx, "plan"), body);
  const state = w.state();
  const selection = selectionOf(state);
  void (async () => {
    let plan: HandoverPlan;
    try {
      plan = await ctx.api.handoverPlan(sidesOf(w), selection, destinationOf(state), state.strategy);
    } catch (error) {
      body.removeAttribute("aria-busy");
      const alert = alertBox("handover-plan-error");
      showErrorIn(alert, ctx.i18n, error);
      replaceChildren(body, alert, button("handover-back", t("handover-back"), () => w.go("what")));
      return;
    }
    w.update(planned(w.state(), plan));
    body.removeAttribute("aria-busy");
    const fits = planFits(plan);
    const args = { from: sourceName(w.state()), to: targetName(w.state(), accountName), destination: plan.destination };
    replaceChildren(
      body,
      h(
        "p",
        { class: "lead", "data-testid": "handover-plan-sentence" },
        plan.strategy.movesData ? t("handover-plan-sentence-move", args) : t("handover-plan-sentence-copy", args),
      ),
      planFacts(w, plan),
      leftOut(w, plan),
      plan.notes.map((note) => h("p", { class: "hint" }, ctx.i18n.dynamic(note) ?? note)),
      fits ? null : h("p", { class: "alert", role: "alert" }, t("handover-plan-cannot-start")),
      h(
        "div",
        { class: "actions" },
        button("handover-back", t("handover-back"), () => w.go("what")),
        button("handover-start", t("handover-start"), (e) => void start(w, e.currentTarget as HTMLButtonElement), true, !fits),
      ),
    );
  })();
}

function planFacts(w: Wizard, plan: HandoverPlan): HTMLElement {
  const { t, bytes, code } = texts(w.ctx);
  const tt = plan.totals;
  const q = plan.quota;
  return h(
    "dl",
    { class: "facts", "data-testid": "handover-plan-facts" },
    h("dt", null, t("handover-plan-files")),
    h("dd", null, t("handover-plan-files-value", { files: tt.files, folders: tt.folders, size: bytes(tt.bytes) })),
    h("dt", null, t("handover-plan-calendars")),
    h(
      "dd",
      null,
      // A count the server did not give is shown as unknown, never as 0.
      tt.calendarObjects === null
        ? t("handover-plan-calendars-value-uncounted", { calendars: tt.calendars })
        : t("handover-plan-calendars-value", { calendars: tt.calendars, events: tt.calendarObjects }),
    ),
    h("dt", null, t("handover-plan-contacts")),
    h(
      "dd",
      null,
      tt.contacts === null
        ? t("handover-plan-contacts-value-uncounted", { books: tt.addressBooks })
        : t("handover-plan-contacts-value", { books: tt.addressBooks, contacts: tt.contacts }),
    ),
    h("dt", null, t("handover-report-destination")),
    h("dd", null, plan.destination),
    h("dt", null, t("handover-report-strategy")),
    h("dd", null, code(`handover-strategy-${plan.strategy.chosen}`)),
    h("dt", null, t("handover-plan-quota")),
    h(
      "dd",
      { "data-testid": "handover-plan-quota" },
      q.available === null
        ? t("handover-plan-quota-unknown", { needed: bytes(q.needed) })
        : planFits(plan)
          ? t("handover-plan-quota-fits", { needed: bytes(q.needed), available: bytes(q.available) })
          : t("handover-plan-quota-too-small", { needed: bytes(q.needed), available: bytes(q.available) }),
    ),
    h("dt", null, t("handover-plan-duration")),
    h("dd", null, t("handover-plan-duration-value", { minutes: Math.max(1, Math.ceil(plan.estimatedSeconds / 60)) })),
  );
}

/** What the plan leaves out (excluded, conflicts), each with its reason. */
function leftOut(w: Wizard, plan: HandoverPlan): HTMLElement | null {
  const { t, reason } = texts(w.ctx);
  const excluded = [...plan.excluded, ...plan.conflicts];
  if (!excluded.length) return null;
  return h(
    "details",
    { class: "disclosure", open: true, "data-testid": "handover-plan-excluded" },
    h("summary", null, t("handover-plan-excluded", { count: excluded.length })),
    h(
      "ul",
      { class: "bullets" },
      excluded.map((x) => h("li", null, h("strong", null, x.source), " — ", reason(x.reason))),
    ),
  );
}

async function start(w: Wizard, btn: HTMLButtonElement): Promise<void> {
  const plan = w.state().plan;
  if (!plan) return;
  let jobId = 0;
  const started = () => w.ctx.api.handoverStart(plan, w.acting.id, w.channel()).then((id) => (jobId = id));
  if (await runBusy(btn, started, w.ctx.actions.showError, true)) w.show(following(w.state(), jobId));
}

// Hand-over: an admin gives a departing member's files, calendars and contacts to another
// member. Steps: who leaves and who receives (./members.ts) → access check and the way to go
// (./access.ts, ./strategy.ts) → what to move (./what.ts: ./fileTree.ts, ./collections.ts) →
// plan and its checks (./plan.ts) → progress (./run.ts; the run goes on in the backend, survives
// leaving the screen and can be cancelled) → report (./report.ts). Above the steps: the
// hand-overs running, interrupted (resume) and past (reports) (./jobs.ts).
//
// This file owns the screen: it keeps the wizard's state (./state.ts) between visits in
// `ctx.memory` (so connecting the departing member's account on the way loses no choice), hears the runs'
// progress and ends on its channel, and draws the current step. It must not draw a step itself.
import type { HandoverEvent, Progress } from "../../bindings/types";
import { reconnectNotice } from "../../components/reconnect";
import { emptyState, screen } from "../../components/ui";
import { accountName, hostOf, needsReconnect, type Ctx } from "../../context";
import { h, replaceChildren } from "../../dom";
import { drawAccess } from "./access";
import { drawJobs } from "./jobs";
import { drawWho } from "./members";
import { drawPlan } from "./plan";
import { drawReport } from "./report";
import { drawRun } from "./run";
import { actingAccount, finished, following, goTo, initialState, withActing, type Step } from "./state";
import { drawWhat } from "./what";
import type { Wizard } from "./wizard";

const STEP_VIEWS: Record<Step, (w: Wizard) => void> = {
  who: drawWho,
  access: drawAccess,
  what: drawWhat,
  plan: drawPlan,
  run: drawRun,
  report: drawReport,
};

export function render(ctx: Ctx): HTMLElement {
  const { t } = ctx.i18n;
  const { state } = ctx;
  // Kept in the context while the app runs, so connecting an account on the way loses no choice.
  const kept = ctx.memory;
  const account = actingAccount(kept.handoverDraft, state.accounts, state.accountId);
  kept.handoverDraft = withActing(kept.handoverDraft, account);

  const jobsBlock = h("div", { class: "stack", "data-testid": "handover-jobs" });
  const stepBlock = h("div", { class: "stack", "data-testid": "handover-step" });
  const root = screen(
    "handover-screen",
    t("handover-title"),
    h("p", { class: "lead" }, t("handover-intro")),
    account
      ? h(
          "p",
          { class: "hint", "data-testid": "handover-acting" },
          t("handover-acting-as", { name: accountName(account), space: hostOf(account.serverUrl) }),
        )
      : null,
    jobsBlock,
    stepBlock,
  );

  // The accounts this screen needs are reconnected in place (acting account, access step).
  root.dataset.reconnectHere = "";

  if (!account || !state.profile) {
    replaceChildren(
      stepBlock,
      emptyState(
        "handover-no-account",
        t("handover-no-account-title"),
        h("p", null, t("handover-no-account-body")),
        h("a", { class: "btn btn-primary", href: "#/accounts/connect" }, t("handover-connect-account")),
      ),
    );
    return root;
  }
  if (needsReconnect(state, account)) {
    // Nothing can be asked of the space without the acting account: reconnect it here.
    replaceChildren(stepBlock, reconnectNotice(ctx, account, "handover-acting-lost", () => root.replaceWith(render(ctx))));
    return root;
  }

  let progressShown: ((p: Progress) => void) | null = null;
  // The runs go on in the backend and stream to this screen: the ones it starts or resumes, and
  // the ones running when it is drawn (it follows them, ./jobs.ts). Another screen drawn later
  // takes them over; a screen that is gone ignores what still comes. One channel per command:
  // a channel's messages are numbered by the one backend value that sends them.
  const onEvent = (event: HandoverEvent) => {
    if (!root.isConnected) return;
    if (event.event === "progress") return progressShown?.(event.data);
    const ended = event.data;
    if (ended.error) ctx.actions.showError(ended.error);
    else ctx.actions.announce(t("handover-finished-announce"));
    const next = finished(kept.handoverDraft, ended.jobId);
    if (next !== kept.handoverDraft) wizard.show(next);
    wizard.reloadJobs();
  };
  const drawStep = () => {
    progressShown = null;
    STEP_VIEWS[kept.handoverDraft.step](wizard);
  };
  const wizard: Wizard = {
    ctx,
    acting: account,
    profileId: state.profile.id,
    stepBlock,
    channel: () => ctx.platform.channel(onEvent),
    state: () => kept.handoverDraft,
    update: (next) => {
      kept.handoverDraft = next;
    },
    show: (next) => {
      kept.handoverDraft = next;
      drawStep();
    },
    go: (step) => {
      kept.handoverDraft = goTo(kept.handoverDraft, step);
      drawStep();
    },
    watchProgress: (show) => {
      progressShown = show;
    },
    reloadJobs: () => void drawJobs(wizard, jobsBlock),
    resume: async (jobId) => {
      try {
        await ctx.api.handoverResume(jobId, account.id, wizard.channel());
        wizard.show(following(kept.handoverDraft, jobId));
        wizard.reloadJobs();
      } catch (error) {
        ctx.actions.showError(error);
      }
    },
    startOver: () => {
      // The next visit acts with the current account again.
      kept.handoverDraft = initialState();
      drawStep();
      wizard.reloadJobs();
    },
  };

  wizard.reloadJobs();
  drawStep();
  return root;
}

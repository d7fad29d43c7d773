// The tour player (`#/tours/<id>`): one step at a time, from where the
// person left off. Steps:
// - explain: text (and a picture);
// - highlight (./highlightStep.ts): text, a "Show me in my space" button that opens the space
//   window where the overlay lights the real element up, and the fallback words; the
//   overlay's Back / Next / Close and a click on the target drive this player,
//   and a step that advances on a check goes on once the server says it is done;
// - task (./taskStep.ts): something to do in the space, verified by the server ("Check",
//   and gently by itself while the step is shown);
// - choice: buttons that lead to another step;
// - quiz: a question with feedback.
// Each step is recorded as seen; Close keeps the progress. Focus goes to the
// step's heading ("Step 3 of 9") on every change, which is also announced.
// This file owns the visit (where it is, the trail for Back, the step token) and the
// navigation; the step views get a `StepScope` and must not keep the player's state.
import type { SpaceEvent, StepProgress, TourDetail, TourStep } from "../../bindings/types";
import { davAddress } from "../../components/davAddress";
import { needsReconnect, type Ctx } from "../../context";
import { reconnectNotice } from "../../components/reconnect";
import { h, replaceChildren, uid, type Child } from "../../dom";
import { errorText, showErrorIn } from "../../errors";
import type { Args } from "../../i18n";
import { routeHref } from "../../router";
import { safeLogo } from "../../theme/spaceTheme";
import { loadTourMessages, textBlock, tourArgs, tourText } from "../../tourTexts";
import { choiceBody } from "./choiceStep";
import { finishedCard } from "./finished";
import { highlightBody, overlayStep } from "./highlightStep";
import { backOf, gotoOf, nextOf, progressNow, resumeIndex } from "./playerState";
import { quizBody } from "./quizStep";
import { SpaceLink } from "./spaceLink";
import { NextGate, type StepScope } from "./stepScope";
import { taskBody } from "./taskStep";

/** How long the player waits for the space's name before using a generic word. */
const SPACE_NAME_WAIT_MS = 1500;

type Kind = TourStep["kind"];

export { majorOf, POLL_FAST_MS, POLL_SLOW_AFTER_MS, POLL_SLOW_MS, resumeIndex } from "./playerState";

export function render(ctx: Ctx, tourId: string): HTMLElement {
  const { t } = ctx.i18n;
  const { api, state, actions } = ctx;
  const profileId = state.profile!.id;
  const accountId = state.accountId;

  const titleId = uid("screen-title");
  const heading = h("h1", { id: titleId, tabindex: -1 }, t("tour-player-title"));
  const slot = h("div", { class: "stack-sm", "aria-busy": "true" }, h("p", { class: "muted", role: "status" }, t("loading")));
  // The checks and the space window need the account: reconnect it here if its access is gone.
  const current = state.accounts.find((a) => a.id === accountId) ?? null;
  const lost: HTMLElement | null = current && needsReconnect(state, current)
    ? reconnectNotice(ctx, current, "tour-reconnect", () => lost?.remove())
    : null;
  const section = h(
    "section",
    { class: "screen tour-player", "data-testid": "tour-player", "data-tour-id": tourId, "aria-labelledby": titleId },
    heading,
    lost,
    slot,
  );

  let detail: TourDetail | null = null;
  let args: Args = {};
  let index = 0;
  /** Steps shown before, for Back (choices may jump). */
  const trail: number[] = [];
  const progress = new Map<string, StepProgress>();
  /** Quizzes answered in this visit (no need to answer again after Back). */
  const answered = new Set<string>();
  /** Changes on every step change and when the player is left: stops the checks of the previous step. */
  let stepToken = 0;

  const text = (id: string) => tourText(ctx, id, args);
  const space = new SpaceLink(ctx, (event) => onSpaceReport(event));
  const steps = () => detail!.steps;
  const alive = (token: number) => token === stepToken && section.isConnected;

  // ---- navigation bar --------------------------------------------------------

  const back = h(
    "button",
    { type: "button", class: "btn", "data-testid": "tour-back", onclick: () => goBack() },
    t("tour-back"),
  );
  const next = new NextGate(t("tour-next"), () => goNext());
  const close = h(
    "a",
    {
      class: "btn",
      href: routeHref("tours"),
      "data-testid": "tour-close",
      onclick: (event: Event) => {
        event.preventDefault();
        leave();
      },
    },
    t("tour-close"),
  );
  const nav = h(
    "nav",
    { class: "tour-nav", "aria-label": t("tour-nav-label") },
    h("div", { class: "tour-nav-buttons" }, back, next.button),
    close,
  );

  function leave(): void {
    stepToken += 1;
    space.stop(accountId);
    ctx.router.navigate("tours");
  }

  function goNext(): void {
    const next = nextOf(index, steps().length);
    if (next === "end") void finish();
    else show(next, true);
  }

  function goBack(): void {
    const previous = backOf(trail, index);
    if (previous >= 0) show(previous, false);
  }

  /** A choice's `goto`: a step id, "next" or "end". */
  function goTo(target: string): void {
    const to = gotoOf(steps(), target);
    if (to === "end") return void finish();
    if (to === "missing") console.warn(`[tours] ${tourId}: no step ${target}`);
    if (typeof to === "number") show(to, true);
    else goNext();
  }

  // ---- loading ---------------------------------------------------------------

  async function open(): Promise<void> {
    try {
      const [opened, , shownArgs] = await Promise.all([
        api.tourOpen(profileId, accountId, tourId),
        loadTourMessages(ctx),
        tourArgs(ctx, SPACE_NAME_WAIT_MS),
      ]);
      detail = opened;
      args = shownArgs;
    } catch (error) {
      slot.removeAttribute("aria-busy");
      const alert = h("p", { class: "alert", role: "alert", "data-testid": "tour-error" });
      showErrorIn(alert, ctx.i18n, error);
      replaceChildren(slot, alert, backToTours());
      return;
    }
    for (const p of detail.progress) progress.set(p.stepId, p);
    const title = text(detail.summary.title);
    heading.textContent = title;
    if (section.isConnected) document.title = t("window-title", { screen: title });
    slot.removeAttribute("aria-busy");
    if (detail.steps.length === 0) {
      void finish();
      return;
    }
    show(resumeIndex(detail), false, true);
  }

  // ---- steps -----------------------------------------------------------------

  function scopeOf(i: number): StepScope {
    const token = stepToken;
    return {
      ctx,
      tourId,
      tourTitle: text(detail!.summary.title),
      profileId,
      accountId,
      index: i,
      total: steps().length,
      args,
      progress,
      next,
      text,
      alive: () => alive(token),
      end: () => void (stepToken += 1),
      goNext,
    };
  }

  function show(i: number, forward: boolean, first = false): void {
    if (forward) trail.push(index);
    stepToken += 1;
    index = i;
    const scope = scopeOf(i);
    const step = steps()[i]!;
    const total = steps().length;
    const counterText = t("tour-step-counter", { step: i + 1, total });
    const stepHeadingId = uid("tour-step-heading");
    const stepHeading = h(
      "h2",
      { id: stepHeadingId, tabindex: -1, class: "tour-step-counter", "data-testid": "tour-step-counter" },
      counterText,
    );
    const fill = h("div", { class: "progress-fill" });
    fill.style.width = `${Math.round(((i + 1) / total) * 100)}%`;
    const position = h(
      "div",
      {
        class: "progress-track progress-thin",
        role: "progressbar",
        "aria-label": t("tour-position-label"),
        "aria-valuemin": 1,
        "aria-valuemax": total,
        "aria-valuenow": i + 1,
        "aria-valuetext": counterText,
      },
      fill,
    );

    next.allow();
    next.button.textContent = i === total - 1 ? t("tour-finish") : t("tour-next");
    back.disabled = i === 0 && trail.length === 0;
    next.button.hidden = step.kind === "choice";

    const card = h(
      "article",
      {
        class: `card tour-step tour-step-${step.kind}`,
        "data-testid": "tour-step",
        "data-step-id": step.id,
        "data-step-kind": step.kind,
        "aria-labelledby": stepHeadingId,
      },
      stepHeading,
      position,
      kindLabel(step.kind),
      ...stepBody(scope, step),
    );
    replaceChildren(slot, card, next.blocked, nav);

    if (!progress.has(step.id)) {
      progress.set(step.id, progressNow(step.id, "seen"));
    }
    api.tourStepSeen(profileId, accountId, tourId, step.id).catch((error: unknown) => actions.showError(error));
    syncSpace(scope, step);

    // The first step: focus stays on the screen's title, read first. A new step starts at the
    // top of the page, whatever was scrolled to on the previous one.
    if (!first) {
      window.scrollTo({ top: 0, left: 0 });
      stepHeading.focus({ preventScroll: true });
    }
    actions.announce(counterText);
  }

  function kindLabel(kind: Kind): HTMLElement | null {
    const label =
      kind === "task"
        ? t("tour-kind-task")
        : kind === "quiz"
          ? t("tour-kind-quiz")
          : kind === "choice"
            ? t("tour-kind-choice")
            : null;
    return label ? h("p", { class: "badges" }, h("span", { class: "badge badge-kind" }, label)) : null;
  }

  function stepBody(scope: StepScope, step: TourStep): Child[] {
    switch (step.kind) {
      case "explain": {
        const picture = safeLogo(step.picture);
        return [
          textBlock(text(step.text)),
          picture ? h("img", { class: "tour-picture", src: picture, alt: "", "data-testid": "tour-picture" }) : null,
          davAddress(ctx, step.show, () => (stepToken += 1)),
        ];
      }
      case "highlight":
        return highlightBody(scope, step, space);
      case "task":
        return taskBody(scope, step);
      case "choice":
        return choiceBody(step, text, goTo);
      case "quiz":
        if (!answered.has(step.id)) next.block(t("tour-next-blocked-quiz"));
        return quizBody(ctx.i18n, step, text, () => {
          answered.add(step.id);
          next.allow();
        });
    }
  }

  // ---- the space window ----------------------------------------------------------

  /** An overlay report about the step on show: Back / Next / a click move, the rest is said. */
  function onSpaceReport(event: SpaceEvent): void {
    if (!section.isConnected) return space.stop(accountId);
    const step = detail ? steps()[index] : undefined;
    const report = event.report;
    if (event.accountId !== accountId || report.tourId !== tourId || report.stepId !== step?.id) return;
    const status = section.querySelector<HTMLElement>("[data-testid=tour-space-status]");
    const say = (message: string) => {
      if (status) status.textContent = message;
    };
    switch (report.event) {
      case "next":
        goNext();
        break;
      case "back":
        goBack();
        break;
      case "clicked":
        actions.announce(t("highlight-clicked"));
        goNext();
        break;
      case "shown":
        say(t("highlight-shown"));
        break;
      case "signIn":
        say(t("highlight-sign-in"));
        break;
      case "missed":
        say(t("highlight-missed"));
        break;
      case "close":
        space.closed();
        break;
    }
  }

  /** Keeps the space window in step with the player: the step on show, or none. */
  function syncSpace(scope: StepScope, step: TourStep): void {
    if (!space.isOpen || accountId === null) return;
    const account = accountId;
    void (async () => {
      const shown = step.kind === "highlight" ? await overlayStep(scope, step) : null;
      if (!scope.alive()) return;
      await space.show(account, shown);
    })().catch((error: unknown) => actions.showError(error));
  }

  // ---- the end ---------------------------------------------------------------

  async function finish(): Promise<void> {
    stepToken += 1;
    space.stop(accountId);
    const token = stepToken;
    let latest = detail!;
    try {
      latest = await api.tourOpen(profileId, accountId, tourId);
    } catch {
      // What this visit saw is enough to say what was done.
    }
    if (!alive(token)) return;
    const status = new Map(progress);
    for (const p of latest.progress) status.set(p.stepId, p);
    const { card, title } = finishedCard(ctx.i18n, latest, status, accountId !== null, text, backToTours());
    replaceChildren(slot, card);
    title.focus();
    actions.announce(t("tour-finished-title"));
  }

  function backToTours(): HTMLElement {
    return h(
      "a",
      {
        class: "btn btn-primary",
        href: routeHref("tours"),
        "data-testid": "tour-finished-back",
        onclick: (event: Event) => {
          event.preventDefault();
          leave();
        },
      },
      t("tour-finished-back"),
    );
  }

  void open().catch((error: unknown) => console.error(errorText(ctx.i18n, error)));
  return section;
}

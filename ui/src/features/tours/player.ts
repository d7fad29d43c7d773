// The tour player (`#/tours/<id>`): one step at a time, from where the
// person left off. Steps:
// - explain: text (and a picture);
// - highlight: text, a "Show me in my space" button that opens the space window
//   where the overlay lights the real element up, and the fallback words; the
//   overlay's Back / Next / Close and a click on the target drive this player,
//   and a step that advances on a check goes on once the server says it is done;
// - task: something to do in the space, verified by the server ("Check",
//   and gently by itself while the step is shown);
// - choice: buttons that lead to another step;
// - quiz: a question with feedback.
// Each step is recorded as seen; Close keeps the progress. Focus goes to the
// step's heading ("Step 3 of 9") on every change, which is also announced.
import type { CheckOutcome, OverlayStep, SpaceEvent, StepProgress, TourDetail, TourStep } from "../../bindings/types";
import { davAddress } from "../../components/davAddress";
import { needsReconnect, type Ctx } from "../../context";
import { reconnectNotice } from "../../components/reconnect";
import type { UnlistenFn } from "../../platform";
import { h, replaceChildren, uid, type Child } from "../../dom";
import { errorText, showErrorIn } from "../../errors";
import type { Args } from "../../i18n";
import { routeHref } from "../../router";
import { safeLogo } from "../../theme/spaceTheme";
import { loadTourMessages, readableEvidence, textBlock, tourArgs, tourText } from "../../tourTexts";
import { choiceBody } from "./choiceStep";
import { finishedCard } from "./finished";
import { backOf, gotoOf, majorOf, nextOf, pollDelay, progressNow, resumeIndex } from "./playerState";
import { quizBody } from "./quizStep";

/** How long the player waits for the space's name before using a generic word. */
const SPACE_NAME_WAIT_MS = 1500;

type Kind = TourStep["kind"];
type TaskStep = Extract<TourStep, { kind: "task" }>;
type HighlightStep = Extract<TourStep, { kind: "highlight" }>;

/** The event carrying the overlay's reports (Rust: `space::REPORT_EVENT`). */
export const SPACE_EVENT = "space-overlay";


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
  /** The space window was opened from this player: steps follow in it. */
  let spaceOpen = false;
  /** The account's web language was compared with Passerelle's (once per visit). */
  let languageAsked = false;
  let unlistenSpace: Promise<UnlistenFn> | null = null;
  const steps = () => detail!.steps;
  const alive = (token: number) => token === stepToken && section.isConnected;

  // ---- navigation bar --------------------------------------------------------

  const blockedId = uid("tour-blocked");
  const blocked = h("p", { class: "hint tour-blocked", id: blockedId, "data-testid": "tour-blocked" });
  const back = h(
    "button",
    { type: "button", class: "btn", "data-testid": "tour-back", onclick: () => goBack() },
    t("tour-back"),
  );
  const next = h(
    "button",
    {
      type: "button",
      class: "btn btn-primary",
      "data-testid": "tour-next",
      onclick: () => {
        if (next.getAttribute("aria-disabled") === "true") {
          blocked.hidden = false;
          return;
        }
        goNext();
      },
    },
    t("tour-next"),
  );
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
    h("div", { class: "tour-nav-buttons" }, back, next),
    close,
  );

  /** Next is announced as unavailable (still focusable) until the step allows it. */
  function setNextAllowed(allowed: boolean, why?: string): void {
    if (allowed) {
      next.removeAttribute("aria-disabled");
      next.removeAttribute("aria-describedby");
      blocked.textContent = "";
      blocked.hidden = true;
    } else {
      next.setAttribute("aria-disabled", "true");
      next.setAttribute("aria-describedby", blockedId);
      blocked.textContent = why ?? "";
      blocked.hidden = true;
    }
  }

  function leave(): void {
    stepToken += 1;
    stopSpace();
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

  function show(i: number, forward: boolean, first = false): void {
    if (forward) trail.push(index);
    stepToken += 1;
    index = i;
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

    setNextAllowed(true);
    next.textContent = i === total - 1 ? t("tour-finish") : t("tour-next");
    back.disabled = i === 0 && trail.length === 0;
    next.hidden = step.kind === "choice";

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
      ...stepBody(step),
    );
    replaceChildren(slot, card, blocked, nav);

    if (!progress.has(step.id)) {
      progress.set(step.id, progressNow(step.id, "seen"));
    }
    api.tourStepSeen(profileId, accountId, tourId, step.id).catch((error: unknown) => actions.showError(error));
    syncSpace(step, i);

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

  function stepBody(step: TourStep): Child[] {
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
        return highlightBody(step);
      case "task":
        return taskBody(step);
      case "choice":
        return choiceBody(step, text, goTo);
      case "quiz":
        if (!answered.has(step.id)) setNextAllowed(false, t("tour-next-blocked-quiz"));
        return quizBody(ctx.i18n, step, text, () => {
          answered.add(step.id);
          setNextAllowed(true);
        });
    }
  }

  // ---- highlight (the space window) --------------------------------------------

  /** The step as the overlay shows it: texts localised here, the target from the tour. */
  async function overlayStep(step: HighlightStep, i: number): Promise<OverlayStep | null> {
    if (!step.live) return null;
    const overview = await (actions.currentOverview() ?? Promise.resolve(null)).catch(() => null);
    const version = overview?.version ?? null;
    const total = steps().length;
    return {
      tourId,
      stepId: step.id,
      index: i,
      total,
      text: text(step.text),
      fallback: text(step.fallback),
      advance: step.live.advance,
      target: step.live.target,
      page: step.live.page,
      nextcloudMajor: majorOf(version),
      nextcloudVersion: version,
      labels: {
        dialog: t("highlight-dialog", { title: text(detail!.summary.title) }),
        progress: t("tour-step-counter", { step: i + 1, total }),
        back: t("tour-back"),
        next: t("tour-next"),
        done: t("tour-finish"),
        close: t("highlight-close"),
        notFound: t("highlight-not-found"),
        clickHint: t("highlight-click-hint"),
        checkHint: t("highlight-check-hint"),
        signIn: t("highlight-sign-in-strip"),
        elsewhere: t("highlight-elsewhere-strip"),
        goThere: t("highlight-go-there"),
      },
    };
  }

  /** Listens to the overlay's reports while this player is shown. */
  function listenToSpace(): void {
    if (unlistenSpace) return;
    unlistenSpace = ctx.platform.listen<SpaceEvent>(SPACE_EVENT, (event) => {
      if (!section.isConnected) return stopSpace();
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
          spaceOpen = false;
          break;
      }
    });
    unlistenSpace.catch(() => (unlistenSpace = null));
  }

  function stopSpace(): void {
    const u = unlistenSpace;
    unlistenSpace = null;
    void u?.then((f) => f()).catch(() => undefined);
    if (spaceOpen && accountId !== null) {
      spaceOpen = false;
      api.spaceShowStep(accountId, null).catch(() => undefined);
    }
  }

  /** Keeps the space window in step with the player: the step on show, or none. */
  function syncSpace(step: TourStep, i: number): void {
    if (!spaceOpen || accountId === null) return;
    const account = accountId;
    const token = stepToken;
    void (async () => {
      const shown = step.kind === "highlight" ? await overlayStep(step, i) : null;
      if (!alive(token)) return;
      await api.spaceShowStep(account, shown);
    })().catch((error: unknown) => actions.showError(error));
  }

  function highlightBody(step: HighlightStep): Child[] {
    const parts: Child[] = [textBlock(text(step.text), { instructions: true })];
    const status = h("p", { class: "hint", role: "status", "data-testid": "tour-space-status" });
    if (accountId === null || !step.live) {
      if (accountId === null) parts.push(h("p", { class: "hint" }, t("highlight-no-account")));
    } else {
      const account = accountId;
      const i = index;
      const token = stepToken;
      const showMe = h(
        "button",
        {
          type: "button",
          class: "btn btn-primary",
          "data-testid": "tour-show-in-space",
          onclick: () => {
            void (async () => {
              const shown = await overlayStep(step, i);
              if (!alive(token)) return;
              listenToSpace();
              status.textContent = "";
              await api.spaceOpen(account, shown);
              spaceOpen = true;
              // The overlay says what it found (lit, sign-in page, missed) when it knows.
              if (!status.textContent) status.textContent = t("highlight-looking");
              offerLanguage(language, account, token);
            })().catch((error: unknown) => showErrorIn(status, ctx.i18n, error));
          },
        },
        t("highlight-show-me"),
      );
      const forget = h(
        "button",
        {
          type: "button",
          class: "link-button",
          "data-testid": "tour-space-forget",
          onclick: () => {
            spaceOpen = false;
            api
              .spaceForget(account)
              .then(() => (status.textContent = t("highlight-forgotten")))
              .catch((error: unknown) => showErrorIn(status, ctx.i18n, error));
          },
        },
        t("highlight-forget"),
      );
      const language = h("div", { class: "stack-sm", "data-testid": "space-language", hidden: true });
      parts.push(h("p", { class: "hint" }, t("highlight-show-me-hint")), h("p", null, showMe), status, language);
      if (step.live.advance === "check") {
        parts.push(h("p", { class: "hint" }, t("highlight-check-waiting")));
        watchCheck(step, account, token);
      }
      parts.push(textBlock(text(step.fallback)));
      // Signing out is apart from "Show me", below the step's words: not a click away by mistake.
      parts.push(
        h(
          "div",
          { class: "danger-zone", "data-testid": "tour-space-forget-zone" },
          h("p", { class: "hint" }, t("highlight-forget-hint")),
          forget,
        ),
      );
      return parts;
    }
    parts.push(textBlock(text(step.fallback)));
    return parts;
  }

  /**
   * When the account's own web language differs from Passerelle's, offers to change it on the
   * server (the space window already asks for Passerelle's language, but a signed-in account's
   * setting wins). Nothing changes without the person's click.
   */
  function offerLanguage(slot: HTMLElement, account: number, token: number): void {
    if (languageAsked) return;
    languageAsked = true;
    void api
      .spaceLanguage(account)
      .catch(() => null)
      .then((current) => {
        if (!current || current.matches || !alive(token)) return;
        const said = h("p", { role: "status", "data-testid": "space-language-status" });
        const apply = h(
          "button",
          {
            type: "button",
            class: "btn",
            "data-testid": "space-language-apply",
            onclick: () => {
              apply.setAttribute("aria-disabled", "true");
              api
                .spaceSetLanguage(account)
                .then(() => {
                  apply.remove();
                  said.textContent = t("highlight-language-done");
                })
                .catch((error: unknown) => {
                  apply.removeAttribute("aria-disabled");
                  showErrorIn(said, ctx.i18n, error);
                });
            },
          },
          t("highlight-language-apply"),
        );
        slot.replaceChildren(
          h("p", null, t("highlight-language-question")),
          h("p", { class: "hint" }, t("highlight-language-hint")),
          h("p", null, apply),
          said,
        );
        slot.hidden = false;
      });
  }

  /** A highlight step that advances on its task check: asks the server while it is shown. */
  function watchCheck(step: HighlightStep, account: number, token: number): void {
    const shownAt = Date.now();
    const tick = () => {
      if (!alive(token)) return;
      api
        .tourCheck(profileId, account, tourId, step.id, null)
        .then((outcome) => {
          if (!alive(token)) return;
          if (outcome.done) {
            progress.set(step.id, progressNow(step.id, "done", outcome.evidence));
            actions.announce(t("tour-check-success"));
            goNext();
          } else {
            schedule();
          }
        })
        .catch(() => schedule());
    };
    const schedule = () => {
      if (!alive(token)) return;
      setTimeout(tick, pollDelay(shownAt, Date.now()));
    };
    schedule();
  }

  // ---- task ------------------------------------------------------------------

  function taskBody(step: TaskStep): Child[] {
    const parts: Child[] = [textBlock(text(step.text), { instructions: true })];
    if (step.hint) {
      parts.push(
        h(
          "details",
          { class: "disclosure tour-hint", "data-testid": "tour-hint" },
          h("summary", null, t("tour-hint")),
          textBlock(text(step.hint)),
        ),
      );
    }
    if (accountId === null) {
      parts.push(
        h(
          "div",
          { class: "notice", "data-testid": "tour-connect-hint" },
          h("p", null, t("tour-no-account")),
          h(
            "a",
            {
              class: "btn",
              href: routeHref("accounts/connect"),
              "data-testid": "tour-connect",
              onclick: (event: Event) => {
                event.preventDefault();
                stepToken += 1;
                ctx.router.navigate("accounts/connect");
              },
            },
            t("tour-no-account-link"),
          ),
        ),
      );
      return parts;
    }
    return [...parts, ...taskCheck(step, accountId)];
  }

  function taskCheck(step: TaskStep, account: number): Child[] {
    const token = stepToken;
    const shownAt = Date.now();
    let timer: ReturnType<typeof setTimeout> | null = null;
    let running: Promise<void> | null = null;
    /** The person asked (Check) while a check was under way: show its result. */
    let asked = false;
    let done = progress.get(step.id)?.status === "done";

    const result = h("p", { class: "tour-check-result", role: "status", "data-testid": "tour-check-result" });
    const busy = h("p", { class: "busy", "aria-live": "polite", "data-testid": "tour-checking" });
    const inputId = uid("tour-input");
    const inputHintId = uid("tour-input-hint");
    const inputError = h("p", { class: "field-error", id: uid("tour-input-error"), "data-testid": "tour-input-error" });
    const input = step.needsInput
      ? h("input", {
          type: "password",
          id: inputId,
          autocomplete: "off",
          spellcheck: "false",
          "aria-describedby": `${inputHintId} ${inputError.id}`,
          "data-testid": "tour-input",
        })
      : null;
    const field = input
      ? h(
          "div",
          { class: "field" },
          h("label", { for: inputId }, t("tour-input-label")),
          h("p", { class: "hint", id: inputHintId }, t("tour-input-hint")),
          input,
          inputError,
        )
      : null;
    const checkButton = h(
      "button",
      { type: "button", class: "btn btn-primary", "data-testid": "tour-check", onclick: () => void check(true) },
      t("tour-check"),
    );
    const skip = h(
      "button",
      { type: "button", class: "link-button", "data-testid": "tour-skip", onclick: () => void skipStep() },
      t("tour-skip"),
    );
    const auto = step.needsInput ? null : h("p", { class: "hint" }, t("tour-check-auto"));

    function showDone(message: string, found: string | null): void {
      done = true;
      const evidence = readableEvidence(found);
      replaceChildren(
        result,
        message,
        evidence ? [" ", h("span", { class: "evidence" }, t("tour-check-evidence", { evidence }))] : null,
      );
      result.dataset.done = "true";
      delete result.dataset.offline;
      result.className = "tour-check-result success";
      const hadFocus = checkButton === document.activeElement || input === document.activeElement;
      checkButton.hidden = true;
      skip.hidden = true;
      if (field) field.hidden = true;
      if (auto) auto.hidden = true;
      setNextAllowed(true);
      if (hadFocus) next.focus();
    }

    function showOutcome(outcome: CheckOutcome, manual: boolean): void {
      delete result.dataset.errorCode;
      if (outcome.done) {
        progress.set(step.id, progressNow(step.id, "done", outcome.evidence));
        showDone(t("tour-check-success"), outcome.evidence);
        return;
      }
      if (outcome.offline) {
        result.textContent = t("tour-offline-wait");
        result.dataset.done = "false";
        result.dataset.offline = "true";
        result.className = "tour-check-result tour-check-offline";
        return;
      }
      // A quiet check does not bring up "not yet" before the person tried.
      if (!manual && !result.textContent) return;
      const missing = outcome.missing;
      const message =
        (missing
          ? ctx.i18n.content(missing.messageId, { ...args, ...(missing.args as Record<string, string>) })
          : undefined) ?? t("tour-check-not-yet");
      result.textContent = message;
      result.dataset.done = "false";
      delete result.dataset.offline;
      result.className = "tour-check-result tour-check-missing";
    }

    function schedule(): void {
      if (timer !== null) clearTimeout(timer);
      timer = null;
      if (!alive(token) || done || step.needsInput) return;
      const delay = pollDelay(shownAt, Date.now());
      timer = setTimeout(() => {
        timer = null;
        void check(false);
      }, delay);
    }

    /** One check at a time: a Check during a quiet one shows that one's result. */
    async function check(manual: boolean): Promise<void> {
      if (!alive(token) || done) return;
      let value: string | null = null;
      if (manual) {
        if (input) {
          value = input.value;
          if (!value.trim()) {
            inputError.textContent = t("tour-input-empty");
            input.setAttribute("aria-invalid", "true");
            input.focus();
            return;
          }
          inputError.textContent = "";
          input.removeAttribute("aria-invalid");
        }
        asked = true;
        checkButton.disabled = true;
        busy.textContent = t("tour-checking");
      }
      if (running) return running;
      if (timer !== null) clearTimeout(timer);
      timer = null;
      running = (async () => {
        try {
          const outcome = await api.tourCheck(profileId, account, tourId, step.id, value);
          if (alive(token)) showOutcome(outcome, asked);
        } catch (error) {
          if (alive(token) && (asked || result.textContent)) {
            showErrorIn(result, ctx.i18n, error);
            result.dataset.done = "false";
            result.className = "tour-check-result alert";
          }
        } finally {
          // Never kept: the password is tried once.
          if (input) input.value = "";
          running = null;
          asked = false;
          checkButton.disabled = false;
          busy.textContent = "";
          schedule();
        }
      })();
      return running;
    }

    async function skipStep(): Promise<void> {
      skip.disabled = true;
      try {
        await api.tourStepSkip(profileId, accountId, tourId, step.id);
      } catch (error) {
        skip.disabled = false;
        actions.showError(error);
        return;
      }
      progress.set(step.id, progressNow(step.id, "skipped"));
      if (alive(token)) goNext();
    }

    if (done) {
      showDone(t("tour-check-already-done"), progress.get(step.id)?.evidence ?? null);
    } else {
      setNextAllowed(false, t("tour-next-blocked-task"));
      schedule();
    }
    return [
      field,
      h("div", { class: "actions actions-start" }, checkButton),
      busy,
      result,
      auto,
      done ? null : h("p", { class: "tour-skip" }, skip),
    ];
  }

  // ---- the end ---------------------------------------------------------------

  async function finish(): Promise<void> {
    stepToken += 1;
    stopSpace();
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

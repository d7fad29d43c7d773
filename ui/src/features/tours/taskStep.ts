// A task step's body: the words, the hint, and the check of what the person did in their
// space — asked on Check (with a typed value when the step needs one, tried once and never
// kept) and quietly while the step is shown; or, without an account, the way to connect one.
// It keeps Next waiting until the task is done. It must not move between steps except through
// `scope.goNext` (after a skip or when the player is left by a link, `scope.end`).
import type { CheckOutcome, TourStep } from "../../bindings/types";
import { h, replaceChildren, uid, type Child } from "../../dom";
import { showErrorIn } from "../../errors";
import { routeLink } from "../../components/ui";
import { readableEvidence, textBlock } from "../../tourTexts";
import { pollDelay, progressNow } from "./playerState";
import type { StepScope } from "./stepScope";

type TaskStep = Extract<TourStep, { kind: "task" }>;

export function taskBody(scope: StepScope, step: TaskStep): Child[] {
  const { t } = scope.ctx.i18n;
  const parts: Child[] = [textBlock(scope.text(step.text), { instructions: true })];
  if (step.hint) {
    parts.push(
      h(
        "details",
        { class: "disclosure tour-hint", "data-testid": "tour-hint" },
        h("summary", null, t("tour-hint")),
        textBlock(scope.text(step.hint)),
      ),
    );
  }
  if (scope.accountId === null) {
    parts.push(
      h(
        "div",
        { class: "notice", "data-testid": "tour-connect-hint" },
        h("p", null, t("tour-no-account")),
        routeLink(
          scope.ctx.router,
          "accounts/connect",
          { class: "btn", "data-testid": "tour-connect" },
          t("tour-no-account-link"),
          () => scope.end(),
        ),
      ),
    );
    return parts;
  }
  return [...parts, ...taskCheck(scope, step, scope.accountId)];
}

function taskCheck(scope: StepScope, step: TaskStep, account: number): Child[] {
  const { ctx, progress, next } = scope;
  const { t } = ctx.i18n;
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
    next.allow();
    if (hadFocus) next.button.focus();
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
        ? ctx.i18n.content(missing.messageId, { ...scope.args, ...(missing.args as Record<string, string>) })
        : undefined) ?? t("tour-check-not-yet");
    result.textContent = message;
    result.dataset.done = "false";
    delete result.dataset.offline;
    result.className = "tour-check-result tour-check-missing";
  }

  function schedule(): void {
    if (timer !== null) clearTimeout(timer);
    timer = null;
    if (!scope.alive() || done || step.needsInput) return;
    const delay = pollDelay(shownAt, Date.now());
    timer = setTimeout(() => {
      timer = null;
      void check(false);
    }, delay);
  }

  /** One check at a time: a Check during a quiet one shows that one's result. */
  async function check(manual: boolean): Promise<void> {
    if (!scope.alive() || done) return;
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
        const outcome = await ctx.api.tourCheck(scope.profileId, account, scope.tourId, step.id, value);
        if (scope.alive()) showOutcome(outcome, asked);
      } catch (error) {
        if (scope.alive() && (asked || result.textContent)) {
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
      await ctx.api.tourStepSkip(scope.profileId, scope.accountId, scope.tourId, step.id);
    } catch (error) {
      skip.disabled = false;
      ctx.actions.showError(error);
      return;
    }
    progress.set(step.id, progressNow(step.id, "skipped"));
    if (scope.alive()) scope.goNext();
  }

  if (done) {
    showDone(t("tour-check-already-done"), progress.get(step.id)?.evidence ?? null);
  } else {
    next.block(t("tour-next-blocked-task"));
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

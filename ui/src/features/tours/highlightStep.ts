// A highlight step's body: the words, "Show me in my space" (the space window, where the
// overlay lights the real element up), the language offer, signing out of the web space, and
// for a step that advances on its check, the quiet checks that go on once it is done. It also
// builds the step as the overlay shows it. It must not move between steps by itself except
// through `scope.goNext`, nor act on the overlay's reports (the player does).
import type { OverlayStep, TourStep } from "../../bindings/types";
import { h, type Child } from "../../dom";
import { showErrorIn } from "../../errors";
import { textBlock } from "../../tourTexts";
import { majorOf, pollDelay, progressNow } from "./playerState";
import type { SpaceLink } from "./spaceLink";
import type { StepScope } from "./stepScope";

type HighlightStep = Extract<TourStep, { kind: "highlight" }>;

/** The step as the overlay shows it: texts localised here, the target from the tour. */
export async function overlayStep(scope: StepScope, step: HighlightStep): Promise<OverlayStep | null> {
  if (!step.live) return null;
  const { t } = scope.ctx.i18n;
  const overview = await (scope.ctx.actions.currentOverview() ?? Promise.resolve(null)).catch(() => null);
  const version = overview?.version ?? null;
  const { index, total } = scope;
  const text = (id: string) => scope.text(id);
  return {
    tourId: scope.tourId,
    stepId: step.id,
    index,
    total,
    text: text(step.text),
    fallback: text(step.fallback),
    advance: step.live.advance,
    target: step.live.target,
    page: step.live.page,
    nextcloudMajor: majorOf(version),
    nextcloudVersion: version,
    labels: {
      dialog: t("highlight-dialog", { title: scope.tourTitle }),
      progress: t("tour-step-counter", { step: index + 1, total }),
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

export function highlightBody(scope: StepScope, step: HighlightStep, space: SpaceLink): Child[] {
  const { t } = scope.ctx.i18n;
  const parts: Child[] = [textBlock(scope.text(step.text), { instructions: true })];
  const account = scope.accountId;
  if (account === null || !step.live) {
    if (account === null) parts.push(h("p", { class: "hint" }, t("highlight-no-account")));
    parts.push(textBlock(scope.text(step.fallback)));
    return parts;
  }
  const status = h("p", { class: "hint", role: "status", "data-testid": "tour-space-status" });
  const language = h("div", { class: "stack-sm", "data-testid": "space-language", hidden: true });
  const showMe = h(
    "button",
    {
      type: "button",
      class: "btn btn-primary",
      "data-testid": "tour-show-in-space",
      onclick: () => {
        void (async () => {
          const shown = await overlayStep(scope, step);
          if (!scope.alive()) return;
          status.textContent = "";
          await space.open(account, shown);
          // The overlay says what it found (lit, sign-in page, missed) when it knows.
          if (!status.textContent) status.textContent = t("highlight-looking");
          offerLanguage(scope, space, language, account);
        })().catch((error: unknown) => showErrorIn(status, scope.ctx.i18n, error));
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
        space
          .forget(account)
          .then(() => (status.textContent = t("highlight-forgotten")))
          .catch((error: unknown) => showErrorIn(status, scope.ctx.i18n, error));
      },
    },
    t("highlight-forget"),
  );
  parts.push(h("p", { class: "hint" }, t("highlight-show-me-hint")), h("p", null, showMe), status, language);
  if (step.live.advance === "check") {
    parts.push(h("p", { class: "hint" }, t("highlight-check-waiting")));
    watchCheck(scope, step, account);
  }
  parts.push(textBlock(scope.text(step.fallback)));
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

/**
 * When the account's own web language differs from Passerelle's, offers to change it on the
 * server (the space window already asks for Passerelle's language, but a signed-in account's
 * setting wins). Nothing changes without the person's click.
 */
function offerLanguage(scope: StepScope, space: SpaceLink, slot: HTMLElement, account: number): void {
  const { t } = scope.ctx.i18n;
  const { api } = scope.ctx;
  void space.languageOnce(account).then((current) => {
    if (!current || current.matches || !scope.alive()) return;
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
              showErrorIn(said, scope.ctx.i18n, error);
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
function watchCheck(scope: StepScope, step: HighlightStep, account: number): void {
  const shownAt = Date.now();
  const tick = () => {
    if (!scope.alive()) return;
    scope.ctx.api
      .tourCheck(scope.profileId, account, scope.tourId, step.id, null)
      .then((outcome) => {
        if (!scope.alive()) return;
        if (outcome.done) {
          scope.progress.set(step.id, progressNow(step.id, "done", outcome.evidence));
          scope.ctx.actions.announce(scope.ctx.i18n.t("tour-check-success"));
          scope.goNext();
        } else {
          schedule();
        }
      })
      .catch(() => schedule());
  };
  const schedule = () => {
    if (!scope.alive()) return;
    setTimeout(tick, pollDelay(shownAt, Date.now()));
  };
  schedule();
}

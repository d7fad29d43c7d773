// What every step view of the hand-over gets: the app context, the acting account, the current
// state and how to change it, and the few widgets the steps share (heading, alert, button).
// It owns no state itself (index.ts keeps it) and draws no step.
import type { Channel } from "@tauri-apps/api/core";
import type { Account, HandoverEvent, Progress, SidesRequest } from "../../bindings/types";
import { formatBytes } from "../../components/ui";
import { accountName, type Ctx } from "../../context";
import { h } from "../../dom";
import { sides, stepNumber, STEPS, type HandoverState, type Step } from "./state";

export interface Wizard {
  readonly ctx: Ctx;
  /** The admin's account the hand-over is made with. */
  readonly acting: Account;
  readonly profileId: number;
  /** Where the current step is drawn. */
  readonly stepBlock: HTMLElement;
  /** A new channel for a run this screen starts, resumes or follows to stream on. */
  channel(): Channel<HandoverEvent>;
  /** The state now (it survives leaving the screen). */
  state(): HandoverState;
  /** Replaces the state without drawing. */
  update(next: HandoverState): void;
  /** Replaces the state and draws its step. */
  show(next: HandoverState): void;
  /** Draws `step`. */
  go(step: Step): void;
  /** The run step shows the progress heard while it is drawn (replaced on every step). */
  watchProgress(show: (p: Progress) => void): void;
  /** Asks the jobs again (banners, past hand-overs) and follows the ones running. */
  reloadJobs(): void;
  /** Resumes job `jobId` and follows it. */
  resume(jobId: number): Promise<void>;
  /** Starts over with nothing chosen. */
  startOver(): void;
}

/** Who leaves and who receives, for the commands. */
export function sidesOf(w: Wizard): SidesRequest {
  return sides(w.state(), w.profileId, w.acting.id, accountName);
}

/** Texts the steps share: a message whose id is a code from the backend, sizes in bytes. */
export function texts(ctx: Ctx) {
  const lang = ctx.i18n.language;
  return {
    t: ctx.i18n.t,
    lang,
    bytes: (n: number) => formatBytes(n, lang),
    /** A message whose id is a code from the backend (strategy, state, kind, reason). */
    code: (id: string) => ctx.i18n.dynamic(id) ?? id,
    /** Why an item is left out, in words (the code itself when unknown). */
    reason: (reason: string) => ctx.i18n.dynamic(`handover-reason-${reason}`) ?? reason,
  };
}

/** The step's heading, focused once drawn: "Step n of 6" and its title. */
export function stepHeading(ctx: Ctx, step: Step): HTMLElement {
  const { t } = ctx.i18n;
  const titles: Record<Step, string> = {
    who: t("handover-step-who"),
    access: t("handover-step-access"),
    what: t("handover-step-what"),
    plan: t("handover-step-plan"),
    run: t("handover-step-run"),
    report: t("handover-step-report"),
  };
  const title = h("h2", { tabindex: -1, "data-testid": `handover-step-${step}` }, titles[step]);
  queueMicrotask(() => title.focus());
  return h(
    "div",
    { class: "stack-sm" },
    h("p", { class: "muted step-progress" }, t("handover-step-count", { n: stepNumber(step), total: STEPS.length })),
    title,
  );
}

export function alertBox(testid: string): HTMLElement {
  return h("p", { class: "alert", role: "alert", "data-testid": testid });
}

export function button(
  testid: string,
  label: string,
  onclick: (e: Event) => void,
  primary = false,
  disabled = false,
): HTMLButtonElement {
  return h(
    "button",
    { type: "button", class: primary ? "btn btn-primary" : "btn", "data-testid": testid, onclick, disabled },
    label,
  );
}

/** A "busy" body for a step that asks the backend first. */
export function waiting(text: string): HTMLElement {
  return h("div", { class: "stack", "aria-busy": "true" }, h("p", { class: "muted", role: "status" }, text));
}

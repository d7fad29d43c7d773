// Projector view (`#/workshop-projector`): the trainer's current step of a tour, big and high
// contrast, over the whole window. Keyboard-driven: → ↓ Space Page Down next, ← ↑ Page Up
// previous, Home/End first/last, Esc back to the Workshop screen. Nothing is recorded: it shows
// the tour, it does not play it. The tours offered are the plan's (`ctx.memory.projectorTours`, set
// by the Workshop screen).
import type { TourDetail, TourStep } from "../../bindings/types";
import type { Ctx } from "../../context";
import { h, replaceChildren, uid } from "../../dom";
import { showErrorIn } from "../../errors";
import { loadTourMessages, tourArgs, tourText } from "../../tourTexts";
import { projectorMove } from "./state";

/** The step the trainer is on: the first neither done nor skipped, else the first. */
export function currentStepIndex(detail: TourDetail): number {
  const finished = new Set(detail.progress.filter((p) => p.status !== "seen").map((p) => p.stepId));
  const i = detail.steps.findIndex((s) => !finished.has(s.id));
  return i < 0 ? 0 : i;
}

function stepHint(step: TourStep): string | null {
  return step.kind === "task" ? step.hint : null;
}

export function render(ctx: Ctx): HTMLElement {
  const { t } = ctx.i18n;
  const profileId = ctx.state.profile?.id ?? 0;
  const titleId = uid("projector-title");
  const heading = h("h1", { id: titleId, tabindex: -1, class: "projector-tour" }, t("workshop-ui-projector-title"));
  const counter = h("p", { class: "projector-counter", "aria-live": "polite", "data-testid": "projector-counter" });
  const stage = h("div", { class: "projector-stage", "data-testid": "projector-step" });
  const error = h("p", { class: "alert", role: "alert" });
  const picker = h("select", { class: "input", "data-testid": "projector-tour", "aria-label": t("workshop-ui-projector-tour") });
  const leave = h(
    "button",
    { type: "button", class: "btn", "data-testid": "projector-leave", onclick: () => ctx.router.navigate("workshop") },
    t("workshop-ui-projector-leave"),
  );
  const root = h(
    "section",
    { class: "screen projector", "data-testid": "workshop-projector", "aria-labelledby": titleId },
    h("div", { class: "projector-bar" }, picker, leave),
    heading,
    counter,
    stage,
    h("p", { class: "projector-keys" }, t("workshop-ui-projector-keys")),
    error,
  );
  let detail: TourDetail | null = null;
  let index = 0;
  let text = (id: string) => id;

  const draw = () => {
    if (!detail) return;
    const step = detail.steps[index];
    heading.textContent = text(detail.summary.title);
    counter.textContent = t("workshop-ui-projector-counter", { n: index + 1, total: detail.steps.length });
    if (!step) {
      replaceChildren(stage);
      return;
    }
    const hint = stepHint(step);
    replaceChildren(
      stage,
      h("p", { class: "projector-text", "data-step-id": step.id }, text(step.text)),
      hint ? h("p", { class: "projector-hint" }, text(hint)) : null,
    );
  };

  const open = async (tourId: string) => {
    detail = await ctx.api.tourOpen(profileId, ctx.state.accountId, tourId);
    index = currentStepIndex(detail);
    draw();
  };

  const onKey = (event: KeyboardEvent) => {
    if (!root.isConnected) {
      document.removeEventListener("keydown", onKey);
      return;
    }
    if (event.target === picker && event.key !== "Escape") return;
    if (event.key === "Escape") {
      event.preventDefault();
      document.removeEventListener("keydown", onKey);
      ctx.router.navigate("workshop");
      return;
    }
    if (!detail || event.altKey || event.ctrlKey || event.metaKey) return;
    // Buttons keep their own Space and Enter.
    if (event.key === " " && event.target instanceof HTMLButtonElement) return;
    const next = projectorMove(event.key, event.shiftKey, index, detail.steps.length);
    if (next === null) return;
    event.preventDefault();
    index = next;
    draw();
  };
  document.addEventListener("keydown", onKey);
  picker.addEventListener("change", () => {
    open(picker.value).catch((e: unknown) => showErrorIn(error, ctx.i18n, e));
  });

  (async () => {
    const [list, args] = await Promise.all([
      ctx.api.toursList(profileId, ctx.state.accountId),
      tourArgs(ctx, 300),
      loadTourMessages(ctx),
    ]);
    text = (id: string) => tourText(ctx, id, args);
    const offered = list;
    const order = ctx.memory.projectorTours.filter((id) => offered.some((s) => s.id === id));
    const ids = order.length ? order : offered.map((s) => s.id);
    replaceChildren(
      picker,
      ids.map((id) => h("option", { value: id }, text(offered.find((s) => s.id === id)!.title))),
    );
    if (ids[0]) await open(ids[0]);
  })().catch((e: unknown) => showErrorIn(error, ctx.i18n, e));
  return root;
}

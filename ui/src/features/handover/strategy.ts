// The strategy panel of the access step: the ways that work (radios, when more than one) and
// what the chosen one does (moves or copies). Changes only the strategy (which drops a plan
// made for another one); says through `changed` whether a way is chosen.
import type { StrategyOption } from "../../bindings/types";
import { h, replaceChildren, uid } from "../../dom";
import { chooseStrategy, chosenRoute } from "./state";
import { texts, type Wizard } from "./wizard";

export interface StrategyPanel {
  /** The radios (null with one way or none). */
  routeList: HTMLElement | null;
  /** What the chosen way does, or why there is none yet. */
  chosenBox: HTMLElement;
}

export function strategyPanel(w: Wizard, routes: StrategyOption[], changed: (chosen: boolean) => void): StrategyPanel {
  const { t, code } = texts(w.ctx);
  const chosenBox = h("div", { class: "stack-sm" });
  const drawChosen = () => {
    const option = chosenRoute(w.state(), routes);
    replaceChildren(
      chosenBox,
      option
        ? h(
            "div",
            { class: "notice", "data-testid": "handover-strategy", "data-strategy": option.kind },
            h("p", null, h("strong", null, code(`handover-strategy-${option.kind}`))),
            h("p", null, code(option.reason)),
            h("p", { class: "hint" }, option.movesData ? t("handover-note-moves-data") : t("handover-note-copies-data")),
          )
        : h("p", { class: "hint", role: "status", "data-testid": "handover-no-strategy" }, t("handover-why-nothing-yet")),
    );
    changed(option !== null);
  };
  const routeList =
    routes.length > 1
      ? h(
          "fieldset",
          { class: "stack-sm route-list", "data-testid": "handover-routes" },
          h("legend", null, t("handover-routes-legend")),
          routes.map((o) => routeChoice(w, o, drawChosen)),
        )
      : null;
  drawChosen();
  return { routeList, chosenBox };
}

/** One way to hand over, as a radio. */
function routeChoice(w: Wizard, o: StrategyOption, changed: () => void): HTMLElement {
  const { t, code } = texts(w.ctx);
  const id = uid("route");
  const adminOnly = o.kind === "ownership-transfer";
  return h(
    "div",
    { class: "member-row" },
    h("input", {
      type: "radio",
      name: "handover-route",
      id,
      value: o.kind,
      "data-testid": "handover-route",
      "data-strategy": o.kind,
      checked: w.state().strategy === o.kind,
      onchange: () => {
        w.update(chooseStrategy(w.state(), o.kind));
        changed();
      },
    }),
    h(
      "label",
      { for: id },
      h("strong", null, code(`handover-strategy-${o.kind}`)),
      adminOnly ? h("span", { class: "badge badge-admin" }, t("handover-route-admin-only")) : null,
    ),
  );
}

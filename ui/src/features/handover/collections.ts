// The calendars and address books panel of the "what" step: one check box per collection,
// excluded ones shown with their reason. Changes only the two sets of selected URIs.
import type { CollectionEntry } from "../../bindings/types";
import { h, replaceChildren, uid } from "../../dom";
import { toggleIn } from "./state";
import { texts, type Wizard } from "./wizard";

export interface CollectionsPanel {
  readonly element: HTMLElement;
  /** Draws the collections known (nothing before they are loaded). */
  draw(): void;
}

/** A colour from the server, used only when it is a plain hex colour. */
const HEX_COLOUR = /^#[0-9a-fA-F]{3,8}$/;

export function collectionsPanel(w: Wizard, selectionChanged: () => void): CollectionsPanel {
  const { t, reason } = texts(w.ctx);
  const box = h("div", { class: "stack-sm", "data-testid": "handover-collections" });

  function row(c: CollectionEntry, set: Set<string>): HTMLElement {
    const id = uid("collection");
    const count =
      c.count === null
        ? ""
        : c.kind === "calendar"
          ? t("handover-events-count", { count: c.count })
          : t("handover-contacts-count", { count: c.count });
    return h(
      "div",
      { class: "member-row" },
      h("input", {
        type: "checkbox",
        id,
        "data-testid": c.kind === "calendar" ? "handover-calendar" : "handover-address-book",
        "data-uri": c.uri,
        disabled: Boolean(c.excluded),
        checked: set.has(c.uri),
        onchange: (e: Event) => {
          toggleIn(set, c.uri, (e.target as HTMLInputElement).checked);
          selectionChanged();
        },
      }),
      c.color ? h("span", { class: "swatch", style: `background:${HEX_COLOUR.test(c.color) ? c.color : "transparent"}`, "aria-hidden": "true" }) : null,
      h(
        "label",
        { for: id },
        h("strong", null, c.displayName ?? c.uri),
        count ? h("span", { class: "muted" }, " — ", count) : null,
        c.shared ? h("span", { class: "badge" }, t("handover-shared")) : null,
        c.excluded ? h("span", { class: "muted" }, " — ", reason(c.excluded)) : null,
      ),
    );
  }

  function draw(): void {
    const state = w.state();
    const c = state.collections;
    if (!c) return;
    replaceChildren(
      box,
      h("h3", null, t("handover-calendars-title")),
      c.calendars.length ? c.calendars.map((x) => row(x, state.calendars)) : h("p", { class: "muted" }, t("handover-none")),
      h("h3", null, t("handover-address-books-title")),
      c.addressBooks.length ? c.addressBooks.map((x) => row(x, state.addressBooks)) : h("p", { class: "muted" }, t("handover-none")),
    );
  }

  return { element: box, draw };
}

// Step 3, what to hand over: "everything", the file tree (./fileTree.ts), the calendars and
// address books (./collections.ts) and the destination folder. Loads the tree's top level and
// the collections once per hand-over; changes only the selection and the destination.
import type { BrowseEntry } from "../../bindings/types";
import { h, replaceChildren, uid } from "../../dom";
import { showErrorIn } from "../../errors";
import { collectionsPanel } from "./collections";
import { fileTree } from "./fileTree";
import { node } from "./selectionTree";
import { anySelected, everythingSelected, selectEverything, sourceName, withCollections, withDestination, withTree } from "./state";
import { alertBox, button, sidesOf, stepHeading, type Wizard } from "./wizard";

export function drawWhat(w: Wizard): void {
  const { ctx } = w;
  const { t } = ctx.i18n;
  const footer = h("div", { class: "actions" });
  const drawFooter = () =>
    replaceChildren(
      footer,
      button("handover-back", t("handover-back"), () => w.go("access")),
      button("handover-what-next", t("handover-see-plan"), () => w.go("plan"), true, !anySelected(w.state())),
    );
  const everything = h("input", {
    type: "checkbox",
    id: uid("everything"),
    "data-testid": "handover-everything",
    onchange: () => {
      selectEverything(w.state(), everything.checked);
      tree.draw();
      collections.draw();
      drawFooter();
    },
  });
  const followEverything = () => (everything.checked = everythingSelected(w.state()));
  const tree = fileTree(w, drawFooter, followEverything);
  const collections = collectionsPanel(w, () => {
    followEverything();
    drawFooter();
  });
  const destination = h("input", {
    type: "text",
    class: "input",
    id: uid("destination"),
    "data-testid": "handover-destination",
    value: w.state().destination,
    placeholder: t("handover-destination-default", { name: sourceName(w.state()) }),
    oninput: () => w.update(withDestination(w.state(), destination.value)),
  });

  replaceChildren(
    w.stepBlock,
    stepHeading(ctx, "what"),
    h("div", { class: "check-row" }, everything, h("label", { for: everything.id }, h("strong", null, t("handover-everything", { name: sourceName(w.state()) })))),
    h("h3", null, t("handover-files-title")),
    h("p", { class: "hint" }, t("handover-tree-help")),
    tree.element,
    collections.element,
    h("div", { class: "field" }, h("label", { for: destination.id }, t("handover-destination-label")), destination),
    footer,
  );
  drawFooter();
  loadTree(w, tree.element, tree.draw);
  loadCollections(w, collections.element, collections.draw);
}

/** The top level of the member's files, asked once per hand-over. */
function loadTree(w: Wizard, box: HTMLElement, draw: () => void): void {
  if (w.state().tree.roots !== null) return draw();
  replaceChildren(box, h("li", { class: "muted", role: "status" }, w.ctx.i18n.t("loading")));
  void w.ctx.api
    .handoverBrowse(sidesOf(w), "/")
    .then((entries: BrowseEntry[]) => {
      w.update(withTree(w.state(), { roots: entries.map((e) => node(e)) }));
      draw();
    })
    .catch((error: unknown) => {
      const alert = alertBox("handover-tree-error");
      showErrorIn(alert, w.ctx.i18n, error);
      replaceChildren(box, h("li", null, alert));
    });
}

/** The member's calendars and address books, asked once per hand-over. */
function loadCollections(w: Wizard, box: HTMLElement, draw: () => void): void {
  if (w.state().collections !== null) return draw();
  replaceChildren(box, h("p", { class: "muted", role: "status" }, w.ctx.i18n.t("loading")));
  void w.ctx.api
    .handoverCollections(sidesOf(w))
    .then((c) => {
      w.update(withCollections(w.state(), c));
      draw();
    })
    .catch((error: unknown) => {
      const alert = alertBox("handover-collections-error");
      showErrorIn(alert, w.ctx.i18n, error);
      replaceChildren(box, alert);
    });
}

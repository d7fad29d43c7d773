// "Export my progress", for a participant (in Settings): this laptop's participants' progress
// written to a small file the trainer collects (USB key). Nothing goes over the network.
import type { Ctx } from "../../context";
import { runBusy } from "../../components/busy";
import { h, uid } from "../../dom";
import { showErrorIn } from "../../errors";
import { joinPath } from "./state";

export function progressExportSection(ctx: Ctx): HTMLElement {
  const { t } = ctx.i18n;
  const titleId = uid("progress-export-title");
  const laptop = h("input", {
    type: "text",
    class: "input",
    id: uid("laptop"),
    value: ctx.state.profile?.name ?? "",
    autocomplete: "off",
    "data-testid": "progress-export-laptop",
  });
  const path = h("input", { type: "text", class: "input", id: uid("path"), autocomplete: "off", "data-testid": "progress-export-path" });
  const status = h("p", { class: "hint", role: "status", "aria-live": "polite", "data-testid": "progress-export-status" });
  const error = h("p", { class: "alert", role: "alert", "data-testid": "progress-export-error" });
  let folder = "";
  const suggest = () => {
    if (folder) path.value = joinPath(folder, `progression-${laptop.value.trim().replace(/[^\p{L}\p{N}-]+/gu, "-") || "poste"}.json`);
  };
  let pathTouched = false;
  laptop.addEventListener("input", () => {
    if (!pathTouched) suggest();
  });
  for (const type of ["focus", "input"]) path.addEventListener(type, () => (pathTouched = true));
  ctx.api.workshopOverview().then(
    (o) => {
      folder = o.folder;
      if (!pathTouched) suggest();
    },
    () => undefined,
  );
  const button: HTMLButtonElement = h(
    "button",
    {
      type: "button",
      class: "btn btn-primary",
      "data-testid": "progress-export",
      onclick: () => {
        showErrorIn(error, ctx.i18n, null);
        void runBusy(
          button,
          async () => {
            const written = await ctx.api.workshopProgressExport(laptop.value, path.value);
            status.textContent = t("workshop-ui-export-done", { path: written.path, count: written.count });
            ctx.actions.announce(status.textContent);
          },
          (e) => showErrorIn(error, ctx.i18n, e),
        );
      },
    },
    t("workshop-ui-export-button"),
  );
  return h(
    "section",
    { class: "card stack", "aria-labelledby": titleId, "data-testid": "progress-export-section" },
    h("h2", { id: titleId }, t("workshop-ui-export-title")),
    h("p", { class: "hint" }, t("workshop-ui-export-intro")),
    h("div", { class: "field" }, h("label", { for: laptop.id }, t("workshop-ui-export-laptop")), laptop),
    h("div", { class: "field" }, h("label", { for: path.id }, t("workshop-ui-export-path")), path),
    h("p", { class: "actions-start" }, button),
    status,
    error,
  );
}

// Tour health (`#/tour-health`), for trainers: the places the live tours could not find in a
// space (tour, step, Nextcloud version, selectors tried, when), newest first, with exports to
// CSV or JSON (written in Passerelle's data folder) and a way to clear the list once fixed.
import type { HealthFormat, TourHealthMiss } from "../../bindings/types";
import { screen, emptyState } from "../../components/ui";
import type { Ctx } from "../../context";
import { h, replaceChildren } from "../../dom";
import { showErrorIn } from "../../errors";

export function render(ctx: Ctx): HTMLElement {
  const { t } = ctx.i18n;
  const { api } = ctx;
  const list = h("div", { class: "stack-sm", "aria-busy": "true", "data-testid": "tour-health-list" });
  const status = h("p", { class: "hint", role: "status", "data-testid": "tour-health-status" });
  const exportButton = (format: HealthFormat, label: string) =>
    h(
      "button",
      {
        type: "button",
        class: "btn",
        "data-testid": `tour-health-export-${format}`,
        onclick: () => {
          api
            .tourHealthExport(format)
            .then((path) => (status.textContent = t("tour-health-exported", { path })))
            .catch((error: unknown) => showErrorIn(status, ctx.i18n, error));
        },
      },
      label,
    );
  const clear = h(
    "button",
    {
      type: "button",
      class: "btn btn-danger",
      "data-testid": "tour-health-clear",
      onclick: () => {
        api
          .tourHealthClear()
          .then((count) => {
            status.textContent = t("tour-health-cleared", { count });
            return load();
          })
          .catch((error: unknown) => showErrorIn(status, ctx.i18n, error));
      },
    },
    t("tour-health-clear"),
  );
  const actions = h(
    "p",
    { class: "tour-health-actions" },
    exportButton("csv", t("tour-health-export-csv")),
    " ",
    exportButton("json", t("tour-health-export-json")),
    " ",
    clear,
  );
  const root = screen("tour-health", t("tour-health-title"), h("p", { class: "lead" }, t("tour-health-intro")), actions, status, list);

  function table(misses: TourHealthMiss[]): HTMLElement {
    const when = new Intl.DateTimeFormat(ctx.i18n.language, { dateStyle: "short", timeStyle: "short" });
    return h(
      "table",
      { class: "data-table", "data-testid": "tour-health-table" },
      h(
        "thead",
        null,
        h(
          "tr",
          null,
          [
            t("tour-health-col-when"),
            t("tour-health-col-tour"),
            t("tour-health-col-step"),
            t("tour-health-col-version"),
            t("tour-health-col-tried"),
          ].map((label) => h("th", { scope: "col" }, label)),
        ),
      ),
      h(
        "tbody",
        null,
        misses.map((m) =>
          h(
            "tr",
            { "data-testid": "tour-health-row", "data-tour-id": m.tourId, "data-step-id": m.stepId },
            h("td", null, h("time", { datetime: m.seenAt }, when.format(new Date(m.seenAt)))),
            h("td", null, m.tourId),
            h("td", null, m.stepId),
            h("td", null, m.nextcloudVersion ?? t("tour-health-version-unknown")),
            h("td", null, h("ul", { class: "plain-list" }, m.candidates.map((c) => h("li", null, h("code", null, c))))),
          ),
        ),
      ),
    );
  }

  async function load(): Promise<void> {
    try {
      const misses = await api.tourHealthList();
      list.removeAttribute("aria-busy");
      replaceChildren(list, misses.length ? table(misses) : emptyState("tour-health-empty", t("tour-health-empty")));
      clear.hidden = misses.length === 0;
    } catch (error) {
      list.removeAttribute("aria-busy");
      const alert = h("p", { class: "alert", role: "alert" });
      showErrorIn(alert, ctx.i18n, error);
      replaceChildren(list, alert);
    }
  }

  void load();
  return root;
}

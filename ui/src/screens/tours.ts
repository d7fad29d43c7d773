// Tours: guided tours of the Nextcloud space. Placeholder for now.
import type { Ctx } from "../context";
import { emptyState, screen } from "../components/ui";
import { h } from "../dom";

export function render(ctx: Ctx): HTMLElement {
  const { t } = ctx.i18n;
  return screen(
    "tours-screen",
    t("tours-title"),
    h("p", { class: "lead" }, t("tours-intro")),
    emptyState("tours-empty", t("tours-empty-title"), h("p", null, t("tours-empty-body"))),
  );
}

// Hand-over: admins give a departing member's data to another member.
// Placeholder that explains the purpose.
import type { Ctx } from "../context";
import { emptyState, screen } from "../components/ui";
import { h } from "../dom";

export function render(ctx: Ctx): HTMLElement {
  const { t } = ctx.i18n;
  return screen(
    "handover-screen",
    t("handover-title"),
    h("p", { class: "lead" }, t("handover-intro")),
    h(
      "ul",
      { class: "bullets" },
      h("li", null, t("handover-files")),
      h("li", null, t("handover-calendars")),
      h("li", null, t("handover-contacts")),
    ),
    h("p", null, t("handover-admins")),
    emptyState("handover-soon", t("handover-soon-title"), h("p", null, t("handover-soon-body"))),
  );
}

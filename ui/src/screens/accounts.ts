// Accounts: Nextcloud accounts linked to this profile. Empty for now; the
// list markup is ready for when accounts exist.
import type { Ctx } from "../context";
import { emptyState, screen } from "../components/ui";
import { h, uid } from "../dom";

export function render(ctx: Ctx): HTMLElement {
  const { t } = ctx.i18n;
  const soonId = uid("soon");
  return screen(
    "accounts-screen",
    t("accounts-title"),
    h("p", { class: "lead" }, t("accounts-intro")),
    h("ul", { class: "account-list", role: "list", "data-testid": "account-list", hidden: true }),
    emptyState(
      "accounts-empty",
      t("accounts-empty-title"),
      h("p", { id: soonId }, t("accounts-connect-soon")),
      h(
        "button",
        {
          type: "button",
          class: "btn btn-primary",
          "aria-disabled": "true",
          "aria-describedby": soonId,
          "data-testid": "account-connect",
        },
        t("accounts-connect"),
      ),
    ),
  );
}

// About: version, where data lives, privacy and licence; the database file and schema version
// behind "Technical details".
import type { AboutInfo } from "../../bindings/types";
import type { Ctx } from "../../context";
import { screen } from "../../components/ui";
import { h, replaceChildren, uid } from "../../dom";
import { errorText } from "../../errors";
import { LANGUAGE_NAMES } from "../../i18n";

export function render(ctx: Ctx): HTMLElement {
  const { t } = ctx.i18n;
  const details = h(
    "div",
    { class: "card", "data-testid": "about-details", "aria-busy": "true" },
    h("p", { class: "muted" }, t("loading")),
  );

  ctx.api.aboutInfo().then(
    (info) => {
      details.removeAttribute("aria-busy");
      replaceChildren(details, infoList(ctx, info));
    },
    (e) => {
      details.removeAttribute("aria-busy");
      replaceChildren(details, h("p", { class: "alert", role: "alert" }, errorText(ctx.i18n, e)));
    },
  );

  const privacyId = uid("privacy");
  const licenceId = uid("licence");
  return screen(
    "about-screen",
    t("about-title"),
    h("p", { class: "lead" }, t("about-intro")),
    details,
    h(
      "section",
      { class: "card", "aria-labelledby": privacyId },
      h("h2", { id: privacyId }, t("about-privacy-title")),
      h("p", { "data-testid": "about-privacy" }, t("about-privacy")),
    ),
    h(
      "section",
      { class: "card", "aria-labelledby": licenceId },
      h("h2", { id: licenceId }, t("about-licence-title")),
      h("p", { "data-testid": "about-licence" }, t("about-licence")),
    ),
  );
}

function infoList(ctx: Ctx, info: AboutInfo): HTMLElement {
  const { t } = ctx.i18n;
  const row = (label: string, value: Node | string, testid: string) =>
    h("div", { class: "info-row" }, h("dt", null, label), h("dd", { "data-testid": testid }, value));
  return h(
    "div",
    { class: "stack-sm" },
    h(
      "dl",
      { class: "info-list" },
      row(t("about-version"), info.version, "about-version"),
      row(t("about-data-dir"), h("code", null, info.dataDir), "about-data-dir"),
      row(
        t("about-locales"),
        h(
          "span",
          null,
          info.locales.map((lang, i) => [i > 0 ? ", " : null, h("span", { lang }, LANGUAGE_NAMES[lang] ?? lang)]),
        ),
        "about-locales",
      ),
    ),
    // For whoever helps with a problem, not for everyday reading.
    h(
      "details",
      { class: "disclosure", "data-testid": "about-technical" },
      h("summary", null, t("about-technical")),
      h(
        "dl",
        { class: "info-list" },
        row(t("about-database"), h("code", null, info.databasePath), "about-database"),
        row(t("about-schema"), String(info.schemaVersion), "about-schema"),
      ),
    ),
  );
}

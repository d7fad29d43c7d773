// Settings: language, theme, text size (applied at once), trainer mode (shows the workshop
// tools), updates (checked, downloaded and installed only on a click), and deleting the
// current profile.
import type { Language, SettingsPatch, TextSize, Theme } from "../../bindings/types";
import type { Ctx } from "../../context";
import { openConfirmDialog } from "../../components/dialog";
import { radioGroup, screen } from "../../components/ui";
import { updateSection } from "../../components/updates";
import { h, uid } from "../../dom";
import { LANGUAGES, LANGUAGE_NAMES } from "../../i18n";
import { progressExportSection } from "../workshop/progressExport";

type LanguageChoice = Language | "system";

export function render(ctx: Ctx): HTMLElement {
  const { t } = ctx.i18n;
  const { state, actions } = ctx;
  const settings = state.settings;

  const update = (patch: SettingsPatch) => {
    actions.updateSettings(patch).catch(actions.showError);
  };

  const language = radioGroup<LanguageChoice>({
    name: "settings-language",
    legend: t("settings-language-legend"),
    options: [
      {
        value: "system",
        label: t("settings-language-system", {
          language: LANGUAGE_NAMES[state.bootstrap.systemLanguage],
        }),
        id: "settings-language-system",
        testid: "settings-language-system",
      },
      ...LANGUAGES.map((lang) => ({
        value: lang,
        label: LANGUAGE_NAMES[lang],
        id: `settings-language-${lang}`,
        testid: `settings-language-${lang}`,
        lang,
      })),
    ],
    checked: settings.language ?? "system",
    onChange: (value) => update({ language: value === "system" ? null : value }),
  });

  const theme = radioGroup<Theme>({
    name: "settings-theme",
    legend: t("settings-theme-legend"),
    options: [
      { value: "system", label: t("settings-theme-system"), id: "settings-theme-system", testid: "theme-system" },
      { value: "light", label: t("settings-theme-light"), id: "settings-theme-light", testid: "theme-light" },
      { value: "dark", label: t("settings-theme-dark"), id: "settings-theme-dark", testid: "theme-dark" },
    ],
    checked: settings.theme,
    onChange: (value) => update({ theme: value }),
  });

  const textSize = radioGroup<TextSize>({
    name: "settings-text-size",
    legend: t("settings-text-size-legend"),
    hint: t("settings-text-size-hint"),
    options: [
      { value: "normal", label: t("settings-text-size-normal"), id: "settings-text-normal", testid: "text-size-normal" },
      { value: "large", label: t("settings-text-size-large"), id: "settings-text-large", testid: "text-size-large" },
      { value: "larger", label: t("settings-text-size-larger"), id: "settings-text-larger", testid: "text-size-larger" },
    ],
    checked: settings.textSize,
    onChange: (value) => update({ textSize: value }),
  });

  const trainerTitleId = uid("trainer-title");
  const trainerHintId = uid("trainer-hint");
  const trainer = h(
    "section",
    { class: "card", "aria-labelledby": trainerTitleId, "data-testid": "settings-trainer" },
    h("h2", { id: trainerTitleId }, t("settings-trainer-title")),
    h(
      "div",
      { class: "check-row" },
      h("input", {
        type: "checkbox",
        id: "settings-trainer-mode",
        checked: settings.trainerMode,
        "aria-describedby": trainerHintId,
        "data-testid": "settings-trainer-mode",
        onchange: (event: Event) => update({ trainerMode: (event.currentTarget as HTMLInputElement).checked }),
      }),
      h("label", { for: "settings-trainer-mode" }, t("settings-trainer-label")),
    ),
    h("p", { class: "hint", id: trainerHintId }, t("settings-trainer-hint")),
  );

  const profile = state.profile;
  const profileTitleId = uid("profile-title");
  const profileSection = profile
    ? h(
        "section",
        { class: "card", "aria-labelledby": profileTitleId },
        h("h2", { id: profileTitleId }, t("settings-profile-title")),
        h("p", null, t("settings-profile-current", { name: profile.name })),
        h("p", { class: "hint" }, t("settings-profile-delete-hint")),
        h(
          "button",
          {
            type: "button",
            class: "btn btn-danger",
            "data-testid": "profile-delete",
            onclick: (event: Event) => {
              openConfirmDialog(ctx, event.currentTarget as HTMLElement, {
                title: t("delete-profile-title", { name: profile.name }),
                body: t("delete-profile-body"),
                confirmLabel: t("delete-profile-confirm"),
                cancelLabel: t("dialog-cancel"),
                danger: true,
                testid: "delete-profile-dialog",
                onConfirm: () => actions.deleteCurrentProfile(),
              });
            },
          },
          t("settings-profile-delete"),
        ),
      )
    : null;

  return screen(
    "settings-screen",
    t("settings-title"),
    h("p", { class: "lead" }, t("settings-intro")),
    h("div", { class: "card stack" }, language, theme, textSize),
    trainer,
    updateSection({
      api: ctx.api,
      i18n: ctx.i18n,
      announce: actions.announce,
      memory: ctx.memory,
      platform: ctx.platform,
    }),
    profile ? progressExportSection(ctx) : null,
    profileSection,
  );
}

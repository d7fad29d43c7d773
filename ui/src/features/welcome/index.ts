// Welcome: language, "who are you?" (profiles) and profile creation.
import type { Language } from "../../bindings/types";
import type { Ctx } from "../../context";
import { runBusy } from "../../components/busy";
import { radioGroup, screen } from "../../components/ui";
import { h, uid } from "../../dom";
import { errorText } from "../../errors";
import { LANGUAGES, LANGUAGE_NAMES } from "../../i18n";

export function render(ctx: Ctx): HTMLElement {
  const { t } = ctx.i18n;
  const { state, actions } = ctx;

  const language = radioGroup<Language>({
    name: "welcome-language",
    legend: t("welcome-language-legend"),
    options: LANGUAGES.map((lang) => ({
      value: lang,
      label: LANGUAGE_NAMES[lang],
      id: `welcome-lang-${lang}`,
      testid: `lang-${lang}`,
      lang,
    })),
    checked: ctx.i18n.language,
    onChange: (lang) => {
      actions.updateSettings({ language: lang }).catch(actions.showError);
    },
  });

  const profilesTitleId = uid("profiles-title");
  const profiles =
    state.profiles.length > 0
      ? h(
          "ul",
          { class: "profile-list", role: "list" },
          state.profiles.map((profile) =>
            h(
              "li",
              null,
              h(
                "button",
                {
                  type: "button",
                  class: "btn profile-choice",
                  "data-testid": "profile-choice",
                  onclick: async (event: Event) => {
                    const button = event.currentTarget as HTMLButtonElement;
                    await runBusy(button, () => actions.selectProfile(profile), actions.showError, true);
                  },
                },
                // The initial is drawn by CSS, so the button's text is the name alone.
                h("span", { class: "avatar", "aria-hidden": "true", "data-initial": initial(profile.name) }),
                h("span", { class: "profile-name" }, profile.name),
              ),
            ),
          ),
        )
      : h("p", { class: "muted", "data-testid": "no-profiles" }, t("welcome-no-profiles"));

  const inputId = "profile-name";
  const hintId = uid("hint");
  const errorId = uid("error");
  const input = h("input", {
    id: inputId,
    type: "text",
    name: "name",
    autocomplete: "off",
    spellcheck: "false",
    maxlength: 80,
    "aria-describedby": `${hintId} ${errorId}`,
    "data-testid": "profile-name-input",
  });
  const error = h("p", { id: errorId, class: "field-error", role: "alert", "data-testid": "profile-error" });
  const submit = h(
    "button",
    { type: "submit", class: "btn btn-primary", "data-testid": "profile-create" },
    t("welcome-create-button"),
  );
  const createTitleId = uid("create-title");
  const form = h(
    "form",
    {
      class: "card create-profile",
      "aria-labelledby": createTitleId,
      novalidate: true,
      onsubmit: async (event: Event) => {
        event.preventDefault();
        submit.disabled = true;
        error.textContent = "";
        input.removeAttribute("aria-invalid");
        try {
          await actions.createProfile(input.value.trim());
        } catch (e) {
          error.textContent = errorText(ctx.i18n, e);
          input.setAttribute("aria-invalid", "true");
          submit.disabled = false;
          input.focus();
        }
      },
    },
    h("h2", { id: createTitleId }, t("welcome-create-title")),
    h("div", { class: "field" },
      h("label", { for: inputId }, t("welcome-name-label")),
      h("p", { class: "hint", id: hintId }, t("welcome-name-hint")),
      input,
      error,
    ),
    h("div", { class: "actions" }, submit),
  );

  return screen(
    "welcome-screen",
    t("welcome-title"),
    h("p", { class: "lead" }, t("welcome-intro")),
    language,
    h(
      "section",
      { class: "card", "aria-labelledby": profilesTitleId },
      h("h2", { id: profilesTitleId }, t("welcome-profiles-title")),
      h("p", { class: "hint" }, t("welcome-profiles-why")),
      profiles,
    ),
    form,
  );
}

function initial(name: string): string {
  return (Array.from(name.trim())[0] ?? "?").toLocaleUpperCase();
}

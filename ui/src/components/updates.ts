// Updates, as the person sees them: the Settings section ("Check for updates":
// version, notes, download with a progress bar, "Install and restart") and the
// discreet banner after the quiet check at start. Nothing is ever downloaded or
// installed without a click; the backend checks the signature before installing.
// It keeps nothing itself: what the quiet check found is kept in `deps.memory`.
import type * as commands from "../bindings/commands";
import type { UpdateCheck, UpdateEvent, UpdateInfo, UpdateStatus } from "../bindings/types";
import type { ScreenMemory } from "../context";
import { showErrorIn } from "../errors";
import type { I18n } from "../i18n";
import type { Platform } from "../platform";
import { h, replaceChildren, uid } from "../dom";
import { busy } from "./busy";

/** The commands this module uses (tests pass the real bindings over mockIPC). */
export type UpdateApi = Pick<
  typeof commands,
  | "updatesStatus"
  | "updatesSetMirror"
  | "updateCheck"
  | "updateCheckAtStart"
  | "updateDownload"
  | "updateInstall"
  | "updateRestart"
>;

export interface UpdateDeps {
  api: UpdateApi;
  i18n: I18n;
  /** Says a short text through the page's polite live region. */
  announce?: (text: string) => void;
  /** Where the update found by the quiet check at start is kept for Settings. */
  memory: Pick<ScreenMemory, "updateFound">;
  /** Makes the channel a download streams its progress on. */
  platform: Pick<Platform, "channel">;
}

/** Whole percent of a download, or null when the size is unknown. */
export function percentOf(downloaded: number, total: number | null): number | null {
  if (!total || total <= 0) return null;
  return Math.min(100, Math.floor((downloaded * 100) / total));
}

/** The sentence saying where updates come from. */
export function sourceText(i18n: I18n, status: UpdateStatus): string {
  const endpoint = status.endpoint ?? "";
  switch (status.source) {
    case "build":
      return i18n.t("updates-source-build", { endpoint });
    case "setting":
      return i18n.t("updates-source-setting", { endpoint });
    case "file":
      return i18n.t("updates-source-file", { endpoint, file: status.mirrorFile });
    default:
      return i18n.t("updates-source-none");
  }
}

/**
 * The quiet check at start: at most once a day (the backend decides), never an
 * error. When an update is on offer, a discreet banner is added to `root`; it
 * floats at the bottom of the window (CSS `.update-banner`), so the page under
 * the pointer does not move when it arrives. "See in Settings" calls `openSettings`.
 */
export async function quietCheckAtStart(
  deps: UpdateDeps,
  root: HTMLElement,
  openSettings: () => void,
): Promise<HTMLElement | null> {
  let check: UpdateCheck;
  try {
    check = await deps.api.updateCheckAtStart(deps.i18n.language);
  } catch {
    return null;
  }
  if (check.kind !== "available") return null;
  deps.memory.updateFound = check.update;
  const { t } = deps.i18n;
  const banner = h(
    "aside",
    { class: "notice update-banner", role: "status", "data-testid": "update-banner" },
    h("p", null, t("updates-banner", { version: check.update.version })),
    h(
      "div",
      { class: "actions" },
      h(
        "button",
        {
          type: "button",
          class: "btn",
          "data-testid": "update-banner-later",
          onclick: () => banner.remove(),
        },
        t("updates-banner-later"),
      ),
      h(
        "button",
        {
          type: "button",
          class: "btn btn-primary",
          "data-testid": "update-banner-see",
          onclick: () => {
            banner.remove();
            openSettings();
          },
        },
        t("updates-banner-see"),
      ),
    ),
  );
  root.prepend(banner);
  return banner;
}

/** The "Updates" section of Settings. */
export function updateSection(deps: UpdateDeps): HTMLElement {
  const { api, i18n } = deps;
  const { t } = i18n;
  const titleId = uid("updates-title");
  const mirrorId = uid("updates-mirror");
  const mirrorHintId = uid("updates-mirror-hint");

  const current = h("p", { "data-testid": "update-current" });
  const source = h("p", { class: "hint", "data-testid": "update-source" });
  const lastCheck = h("p", { class: "hint", "data-testid": "update-last-check" });
  const error = h("div", { class: "alert", role: "alert", "data-testid": "update-error" });
  const result = h("div", { class: "stack", "data-testid": "update-result", "aria-live": "polite" });
  const mirrorInput = h("input", {
    id: mirrorId,
    type: "url",
    inputmode: "url",
    autocomplete: "off",
    spellcheck: "false",
    "aria-describedby": mirrorHintId,
    "data-testid": "update-mirror",
  });
  const mirrorError = h("p", { class: "field-error", "data-testid": "update-mirror-error" });

  const showStatus = (status: UpdateStatus) => {
    current.textContent = t("updates-current", { version: status.currentVersion });
    source.textContent = sourceText(i18n, status);
    if (status.lastCheck) {
      const date = new Intl.DateTimeFormat(i18n.language, {
        dateStyle: "medium",
        timeStyle: "short",
      }).format(new Date(status.lastCheck));
      lastCheck.textContent = t("updates-last-check", { date });
    } else {
      lastCheck.textContent = "";
    }
    mirrorInput.value = status.mirror ?? "";
    showErrorIn(error, i18n, status.problem);
  };

  const refresh = () =>
    api
      .updatesStatus()
      .then(showStatus)
      .catch((e: unknown) => showErrorIn(error, i18n, e));

  const showAvailable = (update: UpdateInfo) => {
    const notesTitle = uid("updates-notes");
    const download = h(
      "button",
      { type: "button", class: "btn btn-primary", "data-testid": "update-download" },
      t("updates-download", { version: update.version }),
    );
    const progressSlot = h("div", { "data-testid": "update-progress-slot" });
    download.addEventListener("click", () => void startDownload(download, progressSlot));
    replaceChildren(
      result,
      h(
        "p",
        { "data-testid": "update-available" },
        t("updates-available", { version: update.version, current: update.currentVersion }),
      ),
      h(
        "section",
        { "aria-labelledby": notesTitle },
        h("h3", { id: notesTitle }, t("updates-notes-title")),
        h(
          "p",
          { class: "update-notes", "data-testid": "update-notes" },
          update.notes ?? t("updates-no-notes"),
        ),
      ),
      h("div", { class: "actions" }, download),
      progressSlot,
    );
  };

  const startDownload = async (button: HTMLButtonElement, slot: HTMLElement) => {
    showErrorIn(error, i18n, null);
    const done = busy(button, t("updates-downloading"));
    const bar = h("progress", {
      class: "quota-bar",
      max: 100,
      "aria-label": t("updates-progress-label"),
      "data-testid": "update-progress",
    });
    const percentText = h("span", { "data-testid": "update-progress-text" });
    replaceChildren(slot, bar, percentText);
    const channel = deps.platform.channel<UpdateEvent>((event) => {
      if (event.event === "progress") {
        const percent = percentOf(event.data.downloaded, event.data.total);
        if (percent === null) {
          bar.removeAttribute("value");
        } else {
          bar.value = percent;
          percentText.textContent = t("updates-progress", { percent });
        }
      }
    });
    try {
      await api.updateDownload(channel);
    } catch (e) {
      done();
      replaceChildren(slot);
      showErrorIn(error, i18n, e);
      return;
    }
    button.remove();
    bar.value = 100;
    percentText.textContent = t("updates-progress", { percent: 100 });
    const install = h(
      "button",
      { type: "button", class: "btn btn-primary", "data-testid": "update-install" },
      t("updates-install"),
    );
    install.addEventListener("click", () => void installAndRestart(install));
    slot.append(
      h("p", { "data-testid": "update-verified" }, t("updates-verified")),
      h("div", { class: "actions" }, install),
    );
    deps.announce?.(t("updates-verified"));
  };

  const installAndRestart = async (button: HTMLButtonElement) => {
    showErrorIn(error, i18n, null);
    const done = busy(button, t("updates-installing"));
    try {
      await api.updateInstall();
      await api.updateRestart();
    } catch (e) {
      done();
      showErrorIn(error, i18n, e);
    }
  };

  const checkButton = h(
    "button",
    { type: "button", class: "btn", "data-testid": "update-check" },
    t("updates-check"),
  );
  checkButton.addEventListener("click", async () => {
    showErrorIn(error, i18n, null);
    replaceChildren(result);
    const done = busy(checkButton, t("updates-checking"));
    try {
      const check = await api.updateCheck(i18n.language);
      if (check.kind === "available") {
        deps.memory.updateFound = check.update;
        showAvailable(check.update);
      } else if (check.kind === "upToDate") {
        deps.memory.updateFound = null;
        replaceChildren(
          result,
          h("p", { "data-testid": "update-up-to-date" }, t("updates-up-to-date", { version: check.currentVersion })),
          check.offered
            ? h("p", { class: "hint", "data-testid": "update-older" }, t("updates-older-offered", { offered: check.offered }))
            : null,
        );
      }
      void refresh();
    } catch (e) {
      showErrorIn(error, i18n, e);
    } finally {
      done();
    }
  });

  const saveMirror = async (value: string | null) => {
    mirrorError.textContent = "";
    try {
      const status = await api.updatesSetMirror(value);
      showStatus(status);
      replaceChildren(result);
      deps.memory.updateFound = null;
      deps.announce?.(value ? t("updates-mirror-saved") : t("updates-mirror-removed"));
    } catch (e) {
      showErrorIn(mirrorError, i18n, e);
    }
  };

  const section = h(
    "section",
    { class: "card", "aria-labelledby": titleId, "data-testid": "update-section" },
    h("h2", { id: titleId }, t("updates-title")),
    h("p", { class: "hint" }, t("updates-intro")),
    current,
    source,
    lastCheck,
    h("div", { class: "actions" }, checkButton),
    error,
    result,
    h(
      "div",
      { class: "field" },
      h("label", { for: mirrorId }, t("updates-mirror-legend")),
      h("p", { class: "hint", id: mirrorHintId }, t("updates-mirror-hint")),
      mirrorInput,
      mirrorError,
      h(
        "div",
        { class: "actions" },
        h(
          "button",
          {
            type: "button",
            class: "btn",
            "data-testid": "update-mirror-remove",
            onclick: () => void saveMirror(null),
          },
          t("updates-mirror-remove"),
        ),
        h(
          "button",
          {
            type: "button",
            class: "btn",
            "data-testid": "update-mirror-save",
            onclick: () => void saveMirror(mirrorInput.value.trim() || null),
          },
          t("updates-mirror-save"),
        ),
      ),
    ),
  );

  if (deps.memory.updateFound) showAvailable(deps.memory.updateFound);
  void refresh();
  return section;
}

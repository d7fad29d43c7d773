import { clearMocks } from "@tauri-apps/api/mocks";
import { afterEach, describe, expect, it } from "vitest";
import { createI18n, guessLanguage } from "../src/i18n";
import { allByTestId, byTestId, choose, startWith, typeInto, waitFor, type Started } from "./helpers";

const fr = createI18n("fr");
const en = createI18n("en");

let started: Started | undefined;
afterEach(() => {
  started?.app.stop();
  started = undefined;
  clearMocks();
});

async function enterAs(name: string): Promise<void> {
  typeInto(byTestId<HTMLInputElement>("profile-name-input"), name);
  byTestId<HTMLButtonElement>("profile-create").click();
  await waitFor(() => expect(byTestId("current-profile").textContent).toBe(name));
}

function h1(): HTMLElement {
  return document.querySelector("main h1")!;
}

describe("Welcome", () => {
  it("picks English, creates a profile and enters the app on Tours", async () => {
    started = await startWith({ systemLanguage: "fr" });
    const { backend } = started;
    expect(byTestId("welcome-screen")).toBeTruthy();
    expect(document.documentElement.lang).toBe("fr");
    expect(h1().textContent).toBe(fr.t("welcome-title"));
    expect(byTestId("no-profiles").textContent).toBe(fr.t("welcome-no-profiles"));

    const english = byTestId<HTMLInputElement>("lang-en");
    english.focus();
    choose(english);
    await waitFor(() => expect(document.documentElement.lang).toBe("en"));
    expect(backend.settings.language).toBe("en");
    expect(h1().textContent).toBe(en.t("welcome-title"));
    // Re-rendered, and focus stays on the chosen language.
    expect(byTestId<HTMLInputElement>("lang-en").checked).toBe(true);
    expect(document.activeElement).toBe(byTestId("lang-en"));

    await enterAs("Camille");
    expect(backend.profiles.map((p) => p.name)).toEqual(["Camille"]);
    expect(backend.countCalls("profile_select")).toBe(1);
    expect(document.querySelector("[data-testid=welcome-screen]")).toBeNull();
    expect(byTestId("tours-screen")).toBeTruthy();
    expect(window.location.hash).toBe("#/tours");
    expect(byTestId("nav-tours").getAttribute("aria-current")).toBe("page");
    expect(document.activeElement).toBe(h1());
    expect(h1().textContent).toBe(en.t("tours-title"));
    expect(document.querySelector("header")).toBeTruthy();
    expect(document.querySelector("nav")?.getAttribute("aria-label")).toBe(en.t("nav-label"));
  });

  it("shows the localised error when the name is taken", async () => {
    started = await startWith({ profiles: ["Camille"] });
    const input = byTestId<HTMLInputElement>("profile-name-input");
    typeInto(input, "camille");
    byTestId<HTMLButtonElement>("profile-create").click();
    const error = byTestId("profile-error");
    await waitFor(() => expect(error.textContent).toBe(fr.t("error-profile-name-taken")));
    expect(error.getAttribute("role")).toBe("alert");
    expect(input.getAttribute("aria-invalid")).toBe("true");
    expect(input.getAttribute("aria-describedby")).toContain(error.id);
    expect(document.activeElement).toBe(input);
    expect(byTestId("welcome-screen")).toBeTruthy();
    expect(started.backend.profiles).toHaveLength(1);
  });

  it("shows the empty-name error, in English too", async () => {
    started = await startWith({ settings: { language: "en" } });
    byTestId<HTMLButtonElement>("profile-create").click();
    await waitFor(() =>
      expect(byTestId("profile-error").textContent).toBe(en.t("error-profile-name-empty")),
    );
  });

  it("falls back to error-unknown for a code without a message", async () => {
    started = await startWith();
    started.backend.handle = () => {
      throw { code: "no-such-code-anywhere", message: "boom" };
    };
    typeInto(byTestId<HTMLInputElement>("profile-name-input"), "Sam");
    byTestId<HTMLButtonElement>("profile-create").click();
    await waitFor(() => expect(byTestId("profile-error").textContent).toBe(fr.t("error-unknown")));
  });

  it("lists profiles most recently used first and enters with one click", async () => {
    started = await startWith({
      profiles: ["Alix", "Bo", "Chris"],
      lastUsed: { Alix: "2025-02-01T10:00:00Z", Bo: "2025-03-01T10:00:00Z" },
    });
    const choices = allByTestId<HTMLButtonElement>("profile-choice");
    // The button's text is the name alone (the initial is drawn by CSS).
    const names = choices.map((b) => b.textContent);
    expect(names).toEqual(["Bo", "Alix", "Chris"]);
    choices[1]!.click();
    await waitFor(() => expect(byTestId("current-profile").textContent).toBe("Alix"));
    expect(started.backend.profiles.find((p) => p.name === "Alix")?.lastUsedAt).not.toBeNull();
  });

  it("shows the store notice with the path and lets it be dismissed", async () => {
    started = await startWith({
      storeNotice: { code: "something-new", movedTo: "/tmp/passerelle.sqlite3.old" },
    });
    const notice = byTestId("store-notice");
    expect(notice.textContent).toContain(
      fr.t("store-moved-aside", { path: "/tmp/passerelle.sqlite3.old" }),
    );
    byTestId<HTMLButtonElement>("store-notice-dismiss").click();
    expect(document.querySelector("[data-testid=store-notice]")).toBeNull();
    expect(document.activeElement).toBe(h1());
    await enterAs("Dominique");
    expect(document.querySelector("[data-testid=store-notice]")).toBeNull();
  });

  it("shows a retry screen when the backend cannot start", async () => {
    document.body.replaceChildren();
    const { FakeBackend } = await import("./fakeBackend");
    const backend = new FakeBackend();
    backend.handle = () => {
      throw { code: "store", message: "disk" };
    };
    backend.install();
    const root = document.createElement("div");
    document.body.append(root);
    const { startApp } = await import("../src/app");
    const app = await startApp(root);
    started = { app, backend, root };
    const i18n = createI18n(guessLanguage());
    expect(byTestId("fatal-screen").querySelector("[role=alert]")?.textContent).toBe(
      i18n.t("error-store"),
    );
  });
});

describe("Main layout", () => {
  it("navigates: aria-current, focus on the h1, announcement, hash", async () => {
    started = await startWith({ profiles: ["Camille"] });
    byTestId<HTMLButtonElement>("profile-choice").click();
    await waitFor(() => expect(byTestId("tours-screen")).toBeTruthy());

    byTestId<HTMLAnchorElement>("nav-settings").click();
    expect(byTestId("settings-screen")).toBeTruthy();
    expect(byTestId("nav-settings").getAttribute("aria-current")).toBe("page");
    expect(allByTestId("nav-tours")[0]!.hasAttribute("aria-current")).toBe(false);
    expect(document.querySelectorAll("nav [aria-current]")).toHaveLength(1);
    expect(document.activeElement).toBe(h1());
    expect(h1().textContent).toBe(fr.t("settings-title"));
    expect(byTestId("announcer").textContent).toBe(
      fr.t("announce-screen", { screen: fr.t("settings-title") }),
    );
    expect(byTestId("announcer").getAttribute("aria-live")).toBe("polite");
    expect(window.location.hash).toBe("#/settings");

    // Back/forward and typed addresses go through hashchange.
    window.location.hash = "#/about";
    window.dispatchEvent(new HashChangeEvent("hashchange"));
    await waitFor(() => expect(byTestId("about-screen")).toBeTruthy());
    expect(byTestId("nav-about").getAttribute("aria-current")).toBe("page");
    expect(document.activeElement).toBe(h1());
  });

  it("has landmarks and a skip link that moves focus to the content", async () => {
    started = await startWith({ profiles: ["Camille"] });
    byTestId<HTMLButtonElement>("profile-choice").click();
    await waitFor(() => expect(byTestId("tours-screen")).toBeTruthy());
    expect(document.querySelectorAll("header, nav, main")).toHaveLength(3);
    const skip = document.querySelector<HTMLAnchorElement>(".skip-link")!;
    expect(skip.textContent).toBe(fr.t("skip-to-content"));
    // First focusable thing in the page.
    expect(document.querySelector("a, button, input")).toBe(skip);
    document.body.focus();
    skip.click();
    expect(document.activeElement).toBe(h1());
  });

  it("shows each screen with its title", async () => {
    started = await startWith({ profiles: ["Camille"] });
    byTestId<HTMLButtonElement>("profile-choice").click();
    await waitFor(() => expect(byTestId("tours-screen")).toBeTruthy());
    const titles = {
      accounts: fr.t("accounts-title"),
      tours: fr.t("tours-title"),
      handover: fr.t("handover-title"),
      settings: fr.t("settings-title"),
      about: fr.t("about-title"),
    };
    for (const [route, title] of Object.entries(titles)) {
      byTestId<HTMLAnchorElement>(`nav-${route}`).click();
      expect(byTestId(`${route}-screen`)).toBeTruthy();
      expect(h1().textContent).toBe(title);
      expect(document.title).toBe(fr.t("window-title", { screen: title }));
      if (route === "accounts") {
        expect(byTestId("accounts-empty").textContent).toContain(fr.t("accounts-empty-title"));
      }
    }
  });

  it("About shows what the backend reports, privacy and licence", async () => {
    started = await startWith({ profiles: ["Camille"] });
    byTestId<HTMLButtonElement>("profile-choice").click();
    await waitFor(() => expect(byTestId("tours-screen")).toBeTruthy());
    byTestId<HTMLAnchorElement>("nav-about").click();
    await waitFor(() => expect(byTestId("about-version").textContent).toBe("0.1.0"));
    expect(byTestId("about-database").textContent).toContain("passerelle.sqlite3");
    expect(byTestId("about-data-dir").textContent).toBe("/home/camille/.local/share/passerelle");
    expect(byTestId("about-schema").textContent).toBe("1");
    expect(byTestId("about-locales").textContent).toBe("Français, English");
    expect(byTestId("about-privacy").textContent).toBe(fr.t("about-privacy"));
    expect(byTestId("about-licence").textContent).toContain("AGPL-3.0-or-later");
  });

  it("Change profile goes back to Welcome", async () => {
    started = await startWith({ profiles: ["Camille"] });
    byTestId<HTMLButtonElement>("profile-choice").click();
    await waitFor(() => expect(byTestId("tours-screen")).toBeTruthy());
    byTestId<HTMLButtonElement>("change-profile").click();
    expect(byTestId("welcome-screen")).toBeTruthy();
    expect(document.activeElement).toBe(h1());
    expect(document.querySelector("[data-testid=current-profile]")).toBeNull();
  });
});

describe("Settings", () => {
  async function openSettings(opts = {}) {
    started = await startWith({ profiles: ["Camille"], ...opts });
    byTestId<HTMLButtonElement>("profile-choice").click();
    await waitFor(() => expect(byTestId("tours-screen")).toBeTruthy());
    byTestId<HTMLAnchorElement>("nav-settings").click();
    return started;
  }

  it("applies theme and text size on <html> at once", async () => {
    const { backend } = await openSettings();
    const html = document.documentElement;
    expect(html.dataset.theme).toBe("system");
    expect(html.dataset.textSize).toBe("normal");
    expect(byTestId<HTMLInputElement>("theme-system").checked).toBe(true);

    choose(byTestId<HTMLInputElement>("theme-dark"));
    await waitFor(() => expect(html.dataset.theme).toBe("dark"));
    expect(backend.settings.theme).toBe("dark");

    choose(byTestId<HTMLInputElement>("text-size-larger"));
    await waitFor(() => expect(html.dataset.textSize).toBe("larger"));
    expect(backend.settings.textSize).toBe("larger");

    choose(byTestId<HTMLInputElement>("theme-light"));
    await waitFor(() => expect(html.dataset.theme).toBe("light"));
  });

  it("applies stored settings at start", async () => {
    await openSettings({ settings: { theme: "dark", textSize: "large" } });
    expect(document.documentElement.dataset.theme).toBe("dark");
    expect(document.documentElement.dataset.textSize).toBe("large");
    expect(byTestId<HTMLInputElement>("text-size-large").checked).toBe(true);
  });

  it("changes language and can follow the system again", async () => {
    const { backend } = await openSettings({ systemLanguage: "fr" });
    const english = byTestId<HTMLInputElement>("settings-language-en");
    english.focus();
    choose(english);
    await waitFor(() => expect(document.documentElement.lang).toBe("en"));
    expect(backend.settings.language).toBe("en");
    expect(h1().textContent).toBe(en.t("settings-title"));
    expect(byTestId("nav-tours").textContent).toBe(en.t("nav-tours"));
    expect(byTestId("nav-settings").getAttribute("aria-current")).toBe("page");
    expect(document.activeElement).toBe(byTestId("settings-language-en"));

    choose(byTestId<HTMLInputElement>("settings-language-system"));
    await waitFor(() => expect(document.documentElement.lang).toBe("fr"));
    expect(backend.settings.language).toBeNull();
    expect(byTestId<HTMLInputElement>("settings-language-system").checked).toBe(true);
  });

  it("shows a backend error in the alert region", async () => {
    const { backend } = await openSettings();
    const original = backend.handle.bind(backend);
    backend.handle = (cmd, args) => {
      if (cmd === "settings_update") throw { code: "store", message: "disk full" };
      return original(cmd, args);
    };
    choose(byTestId<HTMLInputElement>("theme-dark"));
    const alert = byTestId("app-error");
    await waitFor(() => expect(alert.textContent).toBe(fr.t("error-store")));
    expect(alert.getAttribute("role")).toBe("alert");
    expect(document.documentElement.dataset.theme).toBe("system");
  });

  it("Esc closes the delete-profile dialog and gives focus back", async () => {
    const { backend } = await openSettings();
    const opener = byTestId<HTMLButtonElement>("profile-delete");
    opener.focus();
    opener.click();
    const dialog = byTestId<HTMLDialogElement>("delete-profile-dialog");
    expect(dialog.open).toBe(true);
    expect(dialog.textContent).toContain(fr.t("delete-profile-title", { name: "Camille" }));
    expect(document.activeElement).toBe(byTestId("dialog-cancel"));

    dialog.dispatchEvent(new KeyboardEvent("keydown", { key: "Escape", bubbles: true }));
    expect(dialog.open).toBe(false);
    expect(document.querySelector("dialog")).toBeNull();
    expect(document.activeElement).toBe(opener);
    expect(backend.profiles).toHaveLength(1);
    expect(backend.countCalls("profile_delete")).toBe(0);
  });

  it("Cancel closes the dialog too; confirming deletes and returns to Welcome", async () => {
    const { backend } = await openSettings();
    byTestId<HTMLButtonElement>("profile-delete").click();
    byTestId<HTMLButtonElement>("dialog-cancel").click();
    expect(document.querySelector("dialog")).toBeNull();
    expect(document.activeElement).toBe(byTestId("profile-delete"));

    byTestId<HTMLButtonElement>("profile-delete").click();
    byTestId<HTMLButtonElement>("dialog-confirm").click();
    await waitFor(() => expect(byTestId("welcome-screen")).toBeTruthy());
    expect(document.querySelector("dialog")).toBeNull();
    expect(backend.profiles).toHaveLength(0);
    expect(document.querySelector("[data-testid=profile-choice]")).toBeNull();
    expect(document.activeElement).toBe(h1());
    expect(byTestId("announcer").textContent).toBe(
      fr.t("announce-profile-deleted", { name: "Camille" }),
    );
  });
});

// The first hour (issue #16): accounts to reconnect after a restart (4), what a member sees
// against what an admin or a trainer sees (9), and the small things of 12 and 14 (the update
// banner never moves the page, About's technical details, no server slogan in another
// language, the tour step starting at the top, signing out of the space kept apart).
import { clearMocks } from "@tauri-apps/api/mocks";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createI18n } from "../src/i18n";
import { FakeBackend, type FakeOptions } from "./fakeBackend";
import { allByTestId, byTestId, startWith, typeInto, waitFor, type Started } from "./helpers";
import { TOUR_MESSAGES, allTours } from "./tourFixtures";

const fr = createI18n("fr");

let started: Started | undefined;
afterEach(() => {
  started?.app.stop();
  started = undefined;
  clearMocks();
});

function query(testid: string): HTMLElement | null {
  return document.querySelector<HTMLElement>(`[data-testid="${testid}"]`);
}

/** Shown: in the page and not inside a `hidden` element. */
function shown(testid: string): boolean {
  const el = query(testid);
  return el !== null && el.closest("[hidden]") === null;
}

async function enter(opts: FakeOptions): Promise<Started> {
  started = await startWith({ profiles: ["Camille"], ...opts });
  byTestId<HTMLButtonElement>("profile-choice").click();
  await waitFor(() => expect(byTestId("tours-screen")).toBeTruthy());
  return started;
}

const LOST_CAMILLE: FakeOptions = {
  keyringAvailable: false,
  accounts: [{ profile: "Camille", host: "monasso.frama.space", loginName: "camille", secretStorage: "session", lost: true }],
};

describe("an access kept until Passerelle closed, after a restart (#16, 4)", () => {
  it("is announced at start, in the header, and reconnected in place from the Accounts card", async () => {
    const { backend } = await enter(LOST_CAMILLE);
    // A calm notice before the first screen, naming the account, with "Me reconnecter".
    const notice = byTestId("reconnect-notice");
    expect(notice.textContent).toContain(fr.t("reconnect-notice-title", { count: 1 }));
    expect(notice.textContent).toContain("Camille Dupont");
    expect(byTestId("reconnect-notice-reconnect-start").textContent).toBe(fr.t("reconnect-me"));
    expect(byTestId("announcer").textContent).toBe(fr.t("reconnect-notice-title", { count: 1 }));
    // The header says the account is to reconnect; nothing was asked of the server for it.
    expect(byTestId("current-account-reconnect").textContent).toBe(fr.t("header-account-reconnect"));
    expect(backend.countCalls("account_overview")).toBe(0);

    // The Accounts card: what happened and "Me reconnecter" first, not a lone red "Sign out".
    byTestId<HTMLAnchorElement>("nav-accounts").click();
    const card = byTestId("account-overview");
    expect(byTestId("account-reconnect", card).textContent).toContain(
      fr.t("reconnect-needed", { name: "Camille Dupont", space: "monasso.frama.space" }),
    );
    const start = byTestId<HTMLButtonElement>("account-reconnect-flow-start", card);
    expect(start.textContent).toBe(fr.t("reconnect-me"));
    expect(start.className).toContain("btn-primary");
    expect(byTestId("account-sign-out", card).closest(".danger-zone")).not.toBeNull();
    expect(byTestId("account-reconnect-badge").textContent).toBe(fr.t("account-reconnect-badge"));
    // The card offers it: the app's notice steps aside on this screen.
    expect(shown("reconnect-notice")).toBe(false);

    start.click();
    await waitFor(() => expect(backend.flow).not.toBeNull());
    expect(backend.flow!.address).toBe("https://monasso.frama.space");
    expect(backend.flow!.storage).toBe("session");
    backend.flowStarted();
    await waitFor(() => expect(query("account-reconnect-flow-waiting")).not.toBeNull());
    expect(byTestId("account-reconnect-flow-waiting").textContent).toContain("camille");
    backend.flowDone("camille");

    // Connected again: the overview is asked, the notice and the badges are gone.
    await waitFor(() => expect(query("overview-space")?.textContent).toBe("Mon asso"));
    expect(query("current-account-reconnect")).toBeNull();
    expect(query("account-reconnect-badge")).toBeNull();
    expect(query("reconnect-notice")).toBeNull();
    expect(byTestId("current-account").textContent).toBe("Camille Dupont");
    expect(backend.accounts).toHaveLength(1);
  });

  it("offers to reconnect in the tour player, which needs the account for its checks", async () => {
    await enter({ ...LOST_CAMILLE, tours: allTours(), tourMessages: { ...TOUR_MESSAGES } });
    await waitFor(() => expect(allByTestId("tour-card").length).toBeGreaterThan(0));
    const card = document.querySelector<HTMLElement>('[data-testid="tour-card"][data-tour-id="calendar"]')!;
    byTestId<HTMLAnchorElement>("tour-start", card).click();
    await waitFor(() => expect(byTestId("tour-player")).toBeTruthy());
    expect(byTestId("tour-reconnect").textContent).toContain(
      fr.t("reconnect-needed", { name: "Camille Dupont", space: "monasso.frama.space" }),
    );
    expect(shown("reconnect-notice")).toBe(false);
  });

  it("is cleared when the account is connected again from the Connect screen", async () => {
    await enter(LOST_CAMILLE);
    byTestId<HTMLAnchorElement>("nav-accounts").click();
    byTestId<HTMLAnchorElement>("account-connect").click();
    typeInto(byTestId<HTMLInputElement>("server-address"), "monasso.frama.space");
    byTestId<HTMLButtonElement>("server-check").click();
    await waitFor(() => expect(byTestId("connect-screen").dataset.step).toBe("method"));
    typeInto(byTestId<HTMLInputElement>("login-name"), "camille");
    typeInto(byTestId<HTMLInputElement>("app-password"), "abcde-fghij-klmno-pqrst-uvwxy");
    byTestId<HTMLButtonElement>("app-password-submit").click();
    await waitFor(() => expect(query("keyring-consent")).not.toBeNull());
    byTestId<HTMLButtonElement>("keyring-session").click();
    await waitFor(() => expect(query("account-connected")).not.toBeNull());
    expect(query("reconnect-notice")).toBeNull();
    expect(query("current-account-reconnect")).toBeNull();
    await waitFor(() => expect(query("overview-space")?.textContent).toBe("Mon asso"));
  });

  it("can be put off until later", async () => {
    await enter(LOST_CAMILLE);
    byTestId<HTMLButtonElement>("reconnect-notice-later").click();
    expect(query("reconnect-notice")).toBeNull();
    expect(document.activeElement?.tagName).toBe("H1");
  });
});

describe("what fits the connected account (#16, 9)", () => {
  const member: FakeOptions = {
    accounts: [{ profile: "Camille", host: "monasso.frama.space", loginName: "dominique" }],
  };
  const admin: FakeOptions = {
    accounts: [{ profile: "Camille", host: "monasso.frama.space", loginName: "camille" }],
  };

  it("hides the hand-over, the workshop and loading packs from an ordinary member", async () => {
    await enter({ ...member, tours: allTours(), tourMessages: { ...TOUR_MESSAGES } });
    await waitFor(() => expect(byTestId("current-account").textContent).toBe("Dominique"));
    await waitFor(() => expect(allByTestId("tour-card").length).toBeGreaterThan(0));
    expect(shown("nav-handover")).toBe(false);
    expect(shown("nav-workshop")).toBe(false);
    expect(query("tour-pack")).toBeNull();
    // The entries shown to everyone come first, so the others appearing moves nothing.
    const order = allByTestId("nav-accounts")[0]!.closest("ul")!.querySelectorAll("a");
    expect([...order].map((a) => a.dataset.testid)).toEqual([
      "nav-accounts",
      "nav-tours",
      "nav-settings",
      "nav-about",
      "nav-handover",
      "nav-workshop",
    ]);
  });

  it("shows the hand-over to an admin and to a group admin, as the server says", async () => {
    await enter(admin);
    await waitFor(() => expect(shown("nav-handover")).toBe(true));
    started!.app.stop();
    clearMocks();
    const groupAdmin: FakeOptions = {
      servers: {
        "monasso.frama.space": {
          users: { dominique: { displayName: "Dominique", subAdminGroups: ["Bénévoles"] } },
        },
      },
      ...member,
    };
    await enter(groupAdmin);
    await waitFor(() => expect(shown("nav-handover")).toBe(true));
    expect(shown("nav-workshop")).toBe(false);
  });

  it("keeps the hand-over in the menu while hand-overs started here are on record", async () => {
    started = await startWith({ profiles: ["Camille"], ...member });
    const backend = started.backend;
    const handle = backend.handle.bind(backend);
    backend.handle = (cmd: string, args: Record<string, unknown>) =>
      cmd === "handover_jobs" ? [{ job: { id: 1 }, resumable: true, runningNow: false }] : handle(cmd, args);
    byTestId<HTMLButtonElement>("profile-choice").click();
    await waitFor(() => expect(byTestId("tours-screen")).toBeTruthy());
    expect(shown("nav-handover")).toBe(true);
  });

  it("shows the trainer's tools once trainer mode is on in Settings (off by default)", async () => {
    const { backend } = await enter({ ...member, tours: allTours(), tourMessages: { ...TOUR_MESSAGES } });
    expect(backend.settings.trainerMode).toBe(false);
    byTestId<HTMLAnchorElement>("nav-settings").click();
    const toggle = byTestId<HTMLInputElement>("settings-trainer-mode");
    expect(toggle.checked).toBe(false);
    expect(document.querySelector(`label[for="${toggle.id}"]`)?.textContent).toBe(fr.t("settings-trainer-label"));
    toggle.checked = true;
    toggle.dispatchEvent(new Event("change", { bubbles: true }));
    await waitFor(() => expect(backend.settings.trainerMode).toBe(true));
    await waitFor(() => expect(shown("nav-workshop")).toBe(true));
    byTestId<HTMLAnchorElement>("nav-tours").click();
    await waitFor(() => expect(query("tour-pack")).not.toBeNull());
  });
});

describe("small things (#16, 12 and 14)", () => {
  it("floats the update banner at the bottom of the window, so the page never moves", () => {
    const css = readFileSync(join(dirname(fileURLToPath(import.meta.url)), "../src/styles/app.css"), "utf8");
    const rule = /\.update-banner\s*\{([^}]*)\}/.exec(css)?.[1] ?? "";
    expect(rule).toMatch(/position:\s*fixed/);
    expect(rule).toMatch(/bottom:/);
  });

  it("keeps the database file and the schema version behind “Technical details” in About", async () => {
    await enter({});
    byTestId<HTMLAnchorElement>("nav-about").click();
    await waitFor(() => expect(byTestId("about-version").textContent).toBe("0.1.0"));
    const details = byTestId<HTMLDetailsElement>("about-technical");
    expect(details.open).toBe(false);
    expect(details.querySelector("summary")?.textContent).toBe(fr.t("about-technical"));
    expect(details.contains(byTestId("about-database"))).toBe(true);
    expect(details.contains(byTestId("about-schema"))).toBe(true);
    expect(details.contains(byTestId("about-data-dir"))).toBe(false);
  });

  it("does not show the server's slogan, whose language is not the screen's", async () => {
    await enter({});
    byTestId<HTMLAnchorElement>("nav-accounts").click();
    byTestId<HTMLAnchorElement>("account-connect").click();
    typeInto(byTestId<HTMLInputElement>("server-address"), "monasso.frama.space");
    byTestId<HTMLButtonElement>("server-check").click();
    await waitFor(() => expect(byTestId("space-preview")).toBeTruthy());
    expect(byTestId("space-preview").textContent).not.toContain("Ensemble, c’est mieux");
    expect(FakeBackend.hostOf("https://monasso.frama.space/")).toBe("monasso.frama.space");
  });

  it("starts each new tour step at the top of the page", async () => {
    await enter({ tours: allTours(), tourMessages: { ...TOUR_MESSAGES } });
    await waitFor(() => expect(allByTestId("tour-card").length).toBeGreaterThan(0));
    const card = document.querySelector<HTMLElement>('[data-testid="tour-card"][data-tour-id="calendar"]')!;
    byTestId<HTMLAnchorElement>("tour-start", card).click();
    await waitFor(() => expect(query("tour-step")?.dataset.stepId).toBe("c1"));
    const scroll = vi.spyOn(window, "scrollTo").mockImplementation(() => undefined);
    const before = byTestId("tour-step").dataset.stepId;
    byTestId<HTMLButtonElement>("tour-next").click();
    await waitFor(() => expect(byTestId("tour-step").dataset.stepId).not.toBe(before));
    expect(scroll).toHaveBeenCalledWith({ top: 0, left: 0 });
    scroll.mockRestore();

  });
});

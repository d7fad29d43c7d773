// The Workshop screens with a hand-made backend (only the workshop and tour commands): the
// merged progress table, line-by-line problems and creation progress of practice accounts,
// clean-up and reset only after a confirmation naming them, the pack's problems, the sign-in
// list, and the projector's keys.
import { afterEach, describe, expect, it } from "vitest";
import type {
  Account,
  AccountPlan,
  CreationEvent,
  PracticeAccount,
  ProgressCell,
  ResetReport,
  TourDetail,
  TourSummary,
  WorkshopOverview,
} from "../src/bindings/types";
import { freshMemory, type Ctx, type ScreenMemory } from "../src/context";
import { createI18n } from "../src/i18n";
import { render } from "../src/features/workshop";
import { FakePlatform } from "./fakePlatform";
import { render as renderProjector, currentStepIndex } from "../src/features/workshop/projector";
import { progressExportSection } from "../src/features/workshop/progressExport";
import { packIdOf, parseSheetList, problemText, progressMatrix, projectorMove } from "../src/features/workshop/state";
import { byTestId, typeInto, waitFor } from "./helpers";

const fr = createI18n("fr");
const en = createI18n("en");

const admin: Account = {
  id: 7,
  profileId: 1,
  serverUrl: "https://atelier.example.org",
  userId: "formatrice",
  loginName: "formatrice",
  displayName: "Dominique",
  secretStorage: "keyring",
  createdAt: "2026-11-21T08:00:00Z",
  lastUsedAt: null,
};

const overview: WorkshopOverview = { plans: [{ name: "Atelier fichiers", tours: ["files"] }], folder: "/home/d/atelier" };

const summary = (id: string): TourSummary => ({
  id,
  version: 1,
  title: `tour-${id}-title`,
  summary: `tour-${id}-summary`,
  audience: "member",
  minutes: 10,
  source: "bundled",
  available: true,
  unavailableReason: null,
  status: "new",
  stepsDone: 0,
  stepsTotal: 3,
} as unknown as TourSummary);

const cell = (participant: string, step: string, state: ProgressCell["state"], tour = "files"): ProgressCell => ({
  participant,
  tour,
  step,
  state,
  laptop: "poste-3",
  updatedAt: "2026-11-21T09:00:00Z",
});

type Handlers = Record<string, (...args: never[]) => unknown>;
type Calls = Array<[string, unknown[]]>;

function mount(
  api: Handlers,
  opts: { account?: Account | null; i18n?: typeof fr; screen?: (ctx: Ctx) => HTMLElement; memory?: ScreenMemory } = {},
) {
  const calls: Calls = [];
  const platform = new FakePlatform();
  const navigated: string[] = [];
  const announced: string[] = [];
  const base: Handlers = {
    workshopOverview: async () => overview,
    toursList: async () => [summary("files"), summary("sharing")],
    tourMessages: async () => "",
    workshopProgressTable: async () => [],
  };
  const merged = { ...base, ...api };
  const spied = Object.fromEntries(
    Object.entries(merged).map(([name, f]) => [name, (...args: never[]) => (calls.push([name, args]), f(...args))]),
  );
  const account = opts.account === undefined ? admin : opts.account;
  const ctx = {
    api: spied,
    i18n: opts.i18n ?? fr,
    router: { current: () => "workshop", navigate: (r: string) => navigated.push(r), start: () => {}, stop: () => {} },
    state: {
      profile: { id: 1, name: "Dominique", createdAt: "", lastUsedAt: null },
      profiles: [
        { id: 1, name: "Dominique", createdAt: "", lastUsedAt: null },
        { id: 2, name: "Camille", createdAt: "", lastUsedAt: null },
      ],
      accounts: account ? [account] : [],
      accountId: account?.id ?? null,
    },
    actions: { showError: () => {}, announce: (t: string) => announced.push(t), currentOverview: () => null },
    platform,
    root: document.body,
    memory: opts.memory ?? freshMemory(),
  } as unknown as Ctx;
  const root = (opts.screen ?? render)(ctx);
  document.body.replaceChildren(root);
  return { root, calls, navigated, announced, platform };
}

const click = (testid: string) => byTestId<HTMLButtonElement>(testid).click();

describe("workshop logic", () => {
  it("lays the merged table out as participants × tour steps, in first-seen order", () => {
    const m = progressMatrix([cell("Camille", "welcome", "done"), cell("Camille", "upload", "struggling"), cell("Sacha", "welcome", "skipped"), cell("Sacha", "share", "done", "sharing")]);
    expect(m.participants).toEqual(["Camille", "Sacha"]);
    expect(m.columns).toEqual([
      { tour: "files", step: "welcome" },
      { tour: "files", step: "upload" },
      { tour: "sharing", step: "share" },
    ]);
    expect(m.state("Camille", "files", "upload")).toBe("struggling");
    expect(m.state("Sacha", "files", "upload")).toBeNull();
    expect(m.laptop("Sacha", "sharing", "share")).toBe("poste-3");
  });

  it("orders each tour's columns as the tour does, unknown steps last", () => {
    const m = progressMatrix(
      [cell("A", "upload", "done"), cell("A", "extra", "seen"), cell("A", "welcome", "done"), cell("A", "x", "seen", "other")],
      new Map([["files", ["welcome", "upload"]]]),
    );
    expect(m.columns.map((c) => c.step)).toEqual(["welcome", "upload", "extra", "x"]);
  });

  it("reads a sign-in list and points to the first bad line", () => {
    expect(parseSheetList("nom;identifiant;mot de passe\nAnne;anne;Kbtw-7mqa\n\nBilal;bilal;Rfz4-Np8c\n")).toEqual([
      { displayName: "Anne", login: "anne", password: "Kbtw-7mqa" },
      { displayName: "Bilal", login: "bilal", password: "Rfz4-Np8c" },
    ]);
    expect(parseSheetList("Anne,anne,Kbtw\nBilal,bilal\n")).toEqual({ line: 2 });
    expect(parseSheetList("  \n")).toEqual({ line: 1 });
  });

  it("says each line's problem in the person's language", () => {
    const p = { line: 4, reason: "duplicate-in-file" as const, column: "login", value: "anne", otherLine: 2 };
    expect(problemText(fr, p)).toBe("Ligne 4 : cet identifiant est déjà à la ligne 2 (anne)");
    expect(problemText(en, p)).toMatch(/^Line 4: .*2.* \(anne\)$/);
    expect(problemText(fr, { line: 0, reason: "too-many-accounts", column: null, value: "60", otherLine: null })).toMatch(/^Nombre demandé : .* \(60\)$/);
  });

  it("moves the projector with arrows, space and Home/End, within the tour", () => {
    expect(projectorMove("ArrowRight", false, 0, 3)).toBe(1);
    expect(projectorMove(" ", false, 2, 3)).toBe(2);
    expect(projectorMove(" ", true, 2, 3)).toBe(1);
    expect(projectorMove("ArrowLeft", false, 0, 3)).toBe(0);
    expect(projectorMove("End", false, 0, 3)).toBe(2);
    expect(projectorMove("Home", false, 2, 3)).toBe(0);
    expect(projectorMove("a", false, 1, 3)).toBeNull();
  });

  it("makes a pack id from a workshop's name", () => {
    expect(packIdOf("Atelier du 12 mars — Élan")).toBe("atelier-du-12-mars-elan");
    expect(packIdOf("!!!")).toBe("atelier");
  });
});

describe("workshop screen", () => {
  afterEach(() => {
    document.body.replaceChildren();
  });

  it("shows the merged progress table after importing files, with states in words", async () => {
    let cells: ProgressCell[] = [];
    const { calls } = mount({
      workshopProgressImport: async () => {
        cells = [cell("Camille", "upload", "struggling"), cell("Camille", "welcome", "done"), cell("Sacha", "welcome", "skipped")];
        return [{ participants: 2, stepsUpdated: 3, stepsKept: 0 }];
      },
      workshopProgressTable: async () => cells,
      tourOpen: async (_p: number, _a: null, id: string) => {
        if (id !== "files") throw { code: "tour-not-found", message: id };
        return { summary: summary("files"), steps: [{ id: "welcome" }, { id: "upload" }], progress: [] };
      },
    });
    await waitFor(() => byTestId("workshop-progress-empty"));
    typeInto(byTestId<HTMLInputElement>("workshop-progress-files"), "/media/usb/poste-3.json\n\n /media/usb/poste-4.json ");
    click("workshop-progress-import");
    await waitFor(() => expect(document.querySelectorAll('[data-testid="workshop-progress-row"]')).toHaveLength(2));
    expect(calls.find(([n]) => n === "workshopProgressImport")?.[1]).toEqual([["/media/usb/poste-3.json", "/media/usb/poste-4.json"]]);
    const upload = document.querySelector<HTMLElement>('[data-participant="Camille"] td[data-step="upload"]')!;
    expect(upload.dataset.state).toBe("struggling");
    // Columns in the tour's own order, numbered.
    const heads = [...document.querySelectorAll<HTMLElement>('[data-testid="workshop-progress-table"] thead th[data-step]')];
    expect(heads.map((th) => th.dataset.step)).toEqual(["welcome", "upload"]);
    expect(heads[1]!.textContent).toContain("2. upload");
    expect(upload.textContent).toBe("en difficulté");
    expect(document.querySelector('[data-participant="Sacha"] td[data-step="upload"]')!.textContent).toBe("—");
    expect(byTestId("workshop-progress-status").textContent).toContain("3 étapes");
    expect(byTestId("workshop-progress-status").getAttribute("aria-live")).toBe("polite");
  });

  it("lists every problem of the list with its line and creates nothing", async () => {
    const plan: AccountPlan = {
      passwords: "generated",
      accounts: [],
      groupsToCreate: [],
      problems: [
        { line: 3, reason: "invalid-email", column: "email", value: "anne@", otherLine: null },
        { line: 5, reason: "duplicate-in-file", column: "login", value: "bilal", otherLine: 4 },
      ],
      existingAccounts: 12,
      limit: 50,
    };
    const { calls } = mount({ workshopAccountsPlan: async () => plan });
    byTestId<HTMLInputElement>("workshop-use-csv").click();
    typeInto(byTestId<HTMLInputElement>("workshop-csv"), "nom,courriel\nAnne,anne@\n");
    click("workshop-plan-check");
    await waitFor(() => expect(document.querySelectorAll('[data-testid="workshop-plan-problems"] li')).toHaveLength(2));
    const lines = [...document.querySelectorAll<HTMLElement>('[data-testid="workshop-plan-problems"] li')].map((li) => li.dataset.line);
    expect(lines).toEqual(["3", "5"]);
    expect(byTestId<HTMLButtonElement>("workshop-create").disabled).toBe(true);
    const [, args] = calls.find(([n]) => n === "workshopAccountsPlan")!;
    expect(args[0]).toBe(7);
    expect(args[1]).toMatchObject({ csv: "nom,courriel\nAnne,anne@\n", count: null, limit: null });
  });

  it("creates the accounts in the background with progress, then shows the sign-in sheet", async () => {
    const plan: AccountPlan = {
      passwords: "generated",
      accounts: [1, 2].map((n) => ({ line: 0, userId: `atelier-0${n}`, displayName: `Participant·e 0${n}`, email: null, groups: ["atelier"], quota: null })),
      groupsToCreate: ["atelier"],
      problems: [],
      existingAccounts: 3,
      limit: null,
    };
    const { calls, announced, platform } = mount({
      workshopAccountsPlan: async () => plan,
      workshopAccountsCreate: async () => plan,
      workshopSheetRender: async () => "<!DOCTYPE html><title>fiche</title>",
    });
    typeInto(byTestId<HTMLInputElement>("workshop-count"), "2");
    click("workshop-plan-check");
    await waitFor(() => expect(byTestId<HTMLButtonElement>("workshop-create").disabled).toBe(false));
    expect(byTestId("workshop-accounts-status").textContent).toContain("atelier-01, atelier-02");
    click("workshop-create");
    await waitFor(() => expect(calls.some(([n]) => n === "workshopAccountsCreate")).toBe(true));
    const bar = byTestId<HTMLProgressElement>("workshop-create-progress");
    expect(bar.hidden).toBe(false);
    const send = (e: CreationEvent) => platform.lastChannel().onmessage(e);
    send({ event: "progress", data: { done: 1, total: 2 } });
    expect(bar.value).toBe(1);
    expect(byTestId("workshop-accounts-status").textContent).toBe("Création : 1 sur 2…");
    send({
      event: "finished",
      data: {
        runId: 4,
        serverUrl: "https://atelier.example.org",
        groupsCreated: ["atelier"],
        accounts: [
          { displayName: "Participant·e 01", login: "atelier-01", password: "Kbtw-7mqa-Hx3p" },
          { displayName: "Participant·e 02", login: "atelier-02", password: "Rfz4-Np8c-Wd2k" },
        ],
      },
    });
    await waitFor(() => byTestId("workshop-sheet-frame"));
    expect(byTestId<HTMLIFrameElement>("workshop-sheet-frame").getAttribute("sandbox")).toBe("");
    const [, renderArgs] = calls.find(([n]) => n === "workshopSheetRender")!;
    expect((renderArgs[2] as unknown[]).length).toBe(2);
    expect(announced).toContain("2 comptes créés.");
  });

  it("says so when a creation run stops, without a sheet", async () => {
    const plan = { passwords: "generated", accounts: [{ line: 0, userId: "atelier-01", displayName: "P", email: null, groups: [], quota: null }], groupsToCreate: [], problems: [], existingAccounts: 0, limit: null } as AccountPlan;
    const { platform } = mount({ workshopAccountsPlan: async () => plan, workshopAccountsCreate: async () => plan });
    click("workshop-plan-check");
    await waitFor(() => expect(byTestId<HTMLButtonElement>("workshop-create").disabled).toBe(false));
    click("workshop-create");
    await Promise.resolve();
    platform.lastChannel().onmessage({ event: "failed", data: { code: "workshop-create-failed", message: "quota" } });
    expect(byTestId("workshop-accounts-error").dataset.errorCode).toBe("workshop-create-failed");
    expect(byTestId<HTMLProgressElement>("workshop-create-progress").hidden).toBe(true);
    expect(document.querySelector('[data-testid="workshop-sheet-frame"]')).toBeNull();
  });

  it("cleans up only the accounts listed in the confirmation", async () => {
    const practice: PracticeAccount[] = ["atelier-01", "atelier-02"].map((userId) => ({
      runId: 4, serverUrl: admin.serverUrl, userId, displayName: userId.toUpperCase(), email: null, groups: [], state: "created", createdAt: "",
    }));
    const { calls } = mount({
      workshopAccountsList: async () => practice,
      workshopAccountsCleanup: async () => ({ done: ["atelier-01", "atelier-02"], alreadyGone: [], failed: [], groupsDeleted: [] }),
    });
    click("workshop-cleanup-show");
    await waitFor(() => byTestId("workshop-cleanup-delete"));
    click("workshop-cleanup-delete");
    const dialog = byTestId("workshop-cleanup-dialog");
    expect(dialog.textContent).toContain("atelier-01 (ATELIER-01), atelier-02 (ATELIER-02)");
    expect(calls.some(([n]) => n === "workshopAccountsCleanup")).toBe(false);
    byTestId<HTMLButtonElement>("dialog-confirm", dialog).click();
    await waitFor(() => expect(calls.some(([n]) => n === "workshopAccountsCleanup")).toBe(true));
    expect(calls.find(([n]) => n === "workshopAccountsCleanup")![1]).toEqual([7, true, ["atelier-01", "atelier-02"]]);
  });

  it("without an admin account, offers the sign-in sheet but no creation", () => {
    mount({}, { account: null });
    expect(byTestId("workshop-accounts-no-account")).toBeTruthy();
    expect(document.querySelector('[data-testid="workshop-create"]')).toBeNull();
    expect(byTestId("workshop-sheet-make")).toBeTruthy();
  });

  it("never puts a default path over one the person typed", async () => {
    let answer: (o: WorkshopOverview) => void = () => {};
    const late = new Promise<WorkshopOverview>((resolve) => (answer = resolve));
    mount({ workshopOverview: () => late });
    // Regression: the field was emptied to type a path, the default arrived in between, and
    // the typed path was appended to it.
    const path = byTestId<HTMLInputElement>("workshop-pack-path");
    path.dispatchEvent(new Event("focus"));
    answer(overview);
    await waitFor(() => expect(byTestId("workshop-tours").getAttribute("aria-busy")).toBeNull());
    expect(path.value).toBe("");
    expect(byTestId<HTMLInputElement>("workshop-pack-dest").value).toBe("/home/d/atelier/atelier.zip");
  });

  it("lists a refused pack's problems with their file and line", async () => {
    mount({
      workshopPackImport: async () => ({ plan: null, installedAt: null, problems: ["workshop.toml:3: tour `x` is neither in this pack nor bundled — fix"] }),
    });
    click("workshop-pack-import");
    await waitFor(() => expect(document.querySelectorAll('[data-testid="workshop-pack-problems"] li')).toHaveLength(1));
    expect(byTestId("workshop-pack-problems").textContent).toContain("workshop.toml:3:");
    expect(byTestId("workshop-prepare-status").textContent).toContain("rien n’a été installé");
  });

  it("resets the laptop naming every profile, then starts again from Welcome", async () => {
    const report: ResetReport = { profiles: ["Dominique", "Camille"], accounts: 2, secrets: 2, secretFailures: [], webSessionEntries: 1, rows: 30 };
    const { calls, platform } = mount({ workshopReset: async () => report });
    click("workshop-reset");
    const dialog = byTestId("workshop-reset-dialog");
    expect(dialog.textContent).toContain("Dominique, Camille");
    byTestId<HTMLButtonElement>("dialog-confirm", dialog).click();
    await waitFor(() => byTestId("workshop-reset-continue"));
    expect(calls.find(([n]) => n === "workshopReset")![1]).toEqual([["Dominique", "Camille"]]);
    expect(byTestId("workshop-reset-status").textContent).toContain("2 profils");
    expect(platform.restarts).toBe(0);
    click("workshop-reset-continue");
    expect(platform.restarts).toBe(1);
  });

  it("exports my progress from Settings to the folder suggested for this laptop", async () => {
    const { calls } = mount(
      { workshopProgressExport: async () => ({ path: "/home/d/atelier/progression-poste-3.json", count: 1 }) },
      { screen: progressExportSection },
    );
    await waitFor(() => expect(byTestId<HTMLInputElement>("progress-export-path").value).toBe("/home/d/atelier/progression-Dominique.json"));
    typeInto(byTestId<HTMLInputElement>("progress-export-laptop"), "poste 3");
    expect(byTestId<HTMLInputElement>("progress-export-path").value).toBe("/home/d/atelier/progression-poste-3.json");
    click("progress-export");
    await waitFor(() => expect(byTestId("progress-export-status").textContent).toContain("progression-poste-3.json"));
    expect(calls.find(([n]) => n === "workshopProgressExport")![1]).toEqual(["poste 3", "/home/d/atelier/progression-poste-3.json"]);
  });
});

describe("projector view", () => {
  const detail = {
    summary: summary("files"),
    steps: [
      { kind: "explain", id: "welcome", text: "w", picture: null, show: null },
      { kind: "task", id: "upload", text: "u", hint: "h", checkType: "file-uploaded", needsInput: false },
      { kind: "explain", id: "end", text: "e", picture: null, show: null },
    ],
    progress: [{ stepId: "welcome", status: "done", evidence: null }],
  } as unknown as TourDetail;

  afterEach(() => document.body.replaceChildren());

  it("starts at the trainer's current step", () => {
    expect(currentStepIndex(detail)).toBe(1);
    expect(currentStepIndex({ ...detail, progress: [] })).toBe(0);
  });

  it("is keyboard-driven: arrows and space move, Esc goes back to the workshop", async () => {
    const memory = { ...freshMemory(), projectorTours: ["sharing", "files"] };
    const { navigated, calls } = mount({ tourOpen: async () => detail }, { screen: renderProjector, memory });
    await waitFor(() => expect(byTestId("projector-counter").textContent).toBe("Étape 2 sur 3"));
    // The plan's order, bundled titles' ids when there is no text for them.
    expect([...byTestId<HTMLSelectElement>("projector-tour").options].map((o) => o.value)).toEqual(["sharing", "files"]);
    expect(calls.find(([n]) => n === "tourOpen")![1][2]).toBe("sharing");
    const key = (k: string, shiftKey = false) => document.dispatchEvent(new KeyboardEvent("keydown", { key: k, shiftKey, bubbles: true }));
    key("ArrowRight");
    expect(byTestId("projector-counter").textContent).toBe("Étape 3 sur 3");
    expect(byTestId("projector-step").querySelector("[data-step-id]")!.getAttribute("data-step-id")).toBe("end");
    key(" ", true);
    expect(byTestId("projector-step").querySelector("[data-step-id]")!.getAttribute("data-step-id")).toBe("upload");
    key("Escape");
    expect(navigated).toEqual(["workshop"]);
    // Once left, its keys are gone.
    document.body.replaceChildren();
    key("ArrowRight");
    expect(navigated).toEqual(["workshop"]);
  });
});

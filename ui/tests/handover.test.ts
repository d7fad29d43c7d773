// The hand-over screen with a hand-made backend (only the hand-over commands): who can use it,
// the keyboard tree, the plan's quota refusal and the progress events.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type {
  Account,
  BrowseEntry,
  HandoverPlan,
  HandoverReport,
  JobListing,
  MembersPage,
  Progress,
  SpaceMember,
} from "../src/bindings/types";
import { freshMemory, type Ctx, type ScreenMemory } from "../src/context";
import { createI18n } from "../src/i18n";
import { render } from "../src/features/handover";
import { FakePlatform } from "./fakePlatform";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { waitFor } from "./helpers";

const fr = createI18n("fr");

const admin: Account = {
  id: 1,
  profileId: 1,
  serverUrl: "https://monasso.frama.space",
  userId: "admin",
  loginName: "admin",
  displayName: "Admin",
  secretStorage: "keyring",
  createdAt: "2026-11-21T08:00:00Z",
  lastUsedAt: null,
};

const member = (userId: string, displayName: string): SpaceMember => ({
  userId,
  displayName,
  email: `${userId}@asso.example`,
  lastLoginMs: 1_763_700_000_000,
  quotaUsed: 2_000_000,
  quotaTotal: null,
  enabled: true,
});

const entry = (path: string, isFolder = true): BrowseEntry => ({
  name: path.split("/").pop()!,
  path,
  isFolder,
  size: 1000,
  shared: false,
  excluded: null,
});

type Handlers = Record<string, (...args: never[]) => unknown>;

let platform: FakePlatform;
/** What the app keeps between visits (the wizard's draft): fresh for each test. */
let memory: ScreenMemory;

function mount(
  api: Handlers,
  accounts: Account[] = [admin],
  accountId = 1,
  reconnect: number[] = [],
  actions: Record<string, unknown> = {},
): { root: HTMLElement; errors: unknown[] } {
  const errors: unknown[] = [];
  const ctx = {
    api: {
      handoverJobs: async () => [],
      handoverMembers: async (): Promise<MembersPage> => ({
        members: [member("alice", "Alice"), member("bob", "Bob")],
        offset: 0,
        more: false,
      }),
      ...api,
    },
    i18n: fr,
    router: { current: () => "handover", navigate: () => {}, start: () => {}, stop: () => {} },
    state: {
      profile: { id: 1, name: "Camille", createdAt: "", lastUsedAt: null },
      accounts,
      accountId,
      reconnect,
    },
    actions: { showError: (e: unknown) => errors.push(e), announce: () => {}, accountReconnected: async () => {}, ...actions },
    platform,
    root: document.body,
    memory,
  } as unknown as Ctx;
  const root = render(ctx);
  document.body.replaceChildren(root);
  return { root, errors };
}

const byTestId = <T extends HTMLElement = HTMLElement>(id: string) =>
  document.querySelector<T>(`[data-testid="${id}"]`)!;

/** A job handing Alice's data to Bob, not resumable. */
const aliceToBob = (id: number, state: string) =>
  ({
    id,
    source: { userId: "alice", displayName: "Alice" },
    target: { userId: "bob", displayName: "Bob" },
    state,
    createdAt: "2026-11-21T08:00:00Z",
    resumable: false,
  }) as unknown as JobListing["job"];

async function pickAliceAndBob(): Promise<void> {
  await waitFor(() => expect(document.querySelector('[data-user="alice"]')).toBeTruthy());
  document.querySelector<HTMLInputElement>('[data-testid="handover-source-member"][data-user="alice"]')!.click();
  document.querySelector<HTMLInputElement>('[data-testid="handover-target-member"][data-user="bob"]')!.click();
}

beforeEach(() => {
  memory = freshMemory();
  platform = new FakePlatform();
});

afterEach(() => {
  document.body.replaceChildren();
});

describe("hand-over screen", () => {
  it("tells a person who is not an admin that the screen is not for them", async () => {
    mount({
      handoverMembers: async () => {
        throw { code: "forbidden", message: "403" };
      },
    });
    await waitFor(() => expect(byTestId("handover-not-admin")).toBeTruthy());
    expect(byTestId("handover-not-admin").textContent).toContain(fr.t("handover-not-admin-title"));
  });

  it("goes on with the admin's account after the departing member's was connected on the way", async () => {
    const access = vi.fn(async () => ({ chosen: "streamed-copy", reason: "", movesData: false, options: [], sourceSession: true, targetSession: true, sameServer: true, todo: [], lost: [] }));
    mount({ handoverAccess: access });
    await pickAliceAndBob();
    byTestId<HTMLButtonElement>("handover-who-next").click();
    await waitFor(() => expect(access).toHaveBeenCalledTimes(1));
    // The admin connects Alice's account (it becomes the current one), then comes back.
    const alice: Account = { ...admin, id: 2, userId: "alice", loginName: "alice", displayName: "Alice" };
    mount({ handoverAccess: access }, [admin, alice], 2);
    await waitFor(() => expect(access).toHaveBeenCalledTimes(2));
    const sides = (access.mock.calls[1] as unknown as [{ actingAccountId: number; sourceUserId: string }])[0];
    expect(sides.actingAccountId).toBe(1);
    expect(sides.sourceUserId).toBe("alice");
  });

  it("needs two different members before going on", async () => {
    mount({});
    await waitFor(() => expect(document.querySelector('[data-user="alice"]')).toBeTruthy());
    const next = () => byTestId<HTMLButtonElement>("handover-who-next");
    expect(next().disabled).toBe(true);
    document.querySelector<HTMLInputElement>('[data-testid="handover-source-member"][data-user="alice"]')!.click();
    document.querySelector<HTMLInputElement>('[data-testid="handover-target-member"][data-user="alice"]')!.click();
    expect(next().disabled).toBe(true);
    expect(document.body.textContent).toContain(fr.t("handover-same-member"));
    await pickAliceAndBob();
    expect(next().disabled).toBe(false);
  });

  it("walks the tree with the keyboard and checks with Space, loading folders on demand", async () => {
    const browse = vi.fn(async (_sides: unknown, path: string) =>
      path === "/" ? [entry("/Asso"), entry("/Photos")] : [entry("/Asso/CR.odt", false)],
    );
    mount({
      handoverAccess: async () => ({
        chosen: "streamed-copy",
        reason: "handover-why-copy-two-sessions",
        movesData: false,
        options: [],
        sourceSession: true,
        targetSession: true,
        sameServer: true,
        todo: [],
        lost: [],
      }),
      handoverBrowse: browse,
      handoverCollections: async () => ({ calendars: [], addressBooks: [] }),
    });
    await pickAliceAndBob();
    byTestId<HTMLButtonElement>("handover-who-next").click();
    await waitFor(() => expect(byTestId("handover-access-next")).toBeTruthy());
    byTestId<HTMLButtonElement>("handover-access-next").click();
    await waitFor(() => expect(document.querySelectorAll('[role="treeitem"]').length).toBe(2));
    const tree = byTestId("handover-tree");
    const key = (k: string) => tree.dispatchEvent(new KeyboardEvent("keydown", { key: k, bubbles: true }));
    const item = (path: string) => document.querySelector<HTMLElement>(`[data-path="${path}"]`)!;
    expect(item("/Asso").tabIndex).toBe(0);
    key("ArrowRight"); // opens /Asso: its content is asked for only now
    await waitFor(() => expect(item("/Asso/CR.odt")).toBeTruthy());
    expect(browse).toHaveBeenCalledWith(expect.anything(), "/Asso");
    expect(item("/Asso").getAttribute("aria-expanded")).toBe("true");
    key("ArrowDown");
    key(" ");
    expect(item("/Asso/CR.odt").getAttribute("aria-checked")).toBe("true");
    expect(item("/Asso").getAttribute("aria-checked")).toBe("true"); // its only child
    expect(byTestId<HTMLButtonElement>("handover-what-next").disabled).toBe(false);
    key("ArrowLeft"); // to the parent
    expect(item("/Asso").tabIndex).toBe(0);
    key(" ");
    expect(item("/Asso").getAttribute("aria-checked")).toBe("false");
    expect(byTestId<HTMLButtonElement>("handover-what-next").disabled).toBe(true);
  });

  it("moves through a folder of thousands of entries without redrawing it", async () => {
    const many = Array.from({ length: 3000 }, (_, i) => entry(`/Archives/doc-${String(i).padStart(4, "0")}.pdf`, false));
    mount({
      handoverAccess: async () => ({ chosen: "streamed-copy", reason: "", movesData: false, options: [], sourceSession: true, targetSession: true, sameServer: true, todo: [], lost: [] }),
      handoverBrowse: async (_s: unknown, path: string) => (path === "/" ? [entry("/Archives")] : many),
      handoverCollections: async () => ({ calendars: [], addressBooks: [] }),
    });
    await pickAliceAndBob();
    byTestId<HTMLButtonElement>("handover-who-next").click();
    await waitFor(() => expect(byTestId("handover-access-next")).toBeTruthy());
    byTestId<HTMLButtonElement>("handover-access-next").click();
    await waitFor(() => expect(document.querySelector('[data-path="/Archives"]')).toBeTruthy());
    const tree = byTestId("handover-tree");
    const key = (k: string) => tree.dispatchEvent(new KeyboardEvent("keydown", { key: k, bubbles: true }));
    key("ArrowRight");
    await waitFor(() => expect(document.querySelectorAll('[role="treeitem"]').length).toBe(3001));
    const rowsBefore = [...document.querySelectorAll('[role="treeitem"]')];
    const started = performance.now();
    for (let i = 0; i < 200; i += 1) key("ArrowDown");
    const elapsed = performance.now() - started;
    const rowsAfter = [...document.querySelectorAll('[role="treeitem"]')];
    expect(rowsAfter.every((row, i) => row === rowsBefore[i])).toBe(true); // nothing redrawn
    const focused = document.querySelector('[role="treeitem"][tabindex="0"]') as HTMLElement;
    expect(focused.dataset["path"]).toBe("/Archives/doc-0199.pdf");
    expect(document.querySelectorAll('[role="treeitem"][tabindex="0"]').length).toBe(1);
    expect(elapsed).toBeLessThan(2000);
  });

  it("refuses to start when the recipient has no room, and says why", async () => {
    const plan = {
      totals: { files: 3, folders: 1, bytes: 5_000_000, calendars: 0, calendarObjects: 0, addressBooks: 0, contacts: 0 },
      quota: { needed: 5_000_000, available: 1_000_000, fit: "does-not-fit" },
      destination: "/Transféré depuis Alice le 2026-11-21",
      strategy: { chosen: "streamed-copy", reason: "", movesData: false, options: [] },
      excluded: [],
      conflicts: [],
      notes: [],
      estimatedSeconds: 30,
    } as unknown as HandoverPlan;
    const start = vi.fn();
    mount({
      handoverAccess: async () => ({ chosen: "streamed-copy", reason: "", movesData: false, options: [], sourceSession: true, targetSession: true, sameServer: true, todo: [], lost: [] }),
      handoverBrowse: async () => [entry("/Asso")],
      handoverCollections: async () => ({ calendars: [], addressBooks: [] }),
      handoverPlan: async () => plan,
      handoverStart: start,
    });
    await pickAliceAndBob();
    byTestId<HTMLButtonElement>("handover-who-next").click();
    await waitFor(() => expect(byTestId("handover-access-next")).toBeTruthy());
    byTestId<HTMLButtonElement>("handover-access-next").click();
    await waitFor(() => expect(byTestId("handover-everything")).toBeTruthy());
    await waitFor(() => expect(document.querySelector('[data-path="/Asso"]')).toBeTruthy());
    byTestId<HTMLInputElement>("handover-everything").click();
    byTestId<HTMLButtonElement>("handover-what-next").click();
    await waitFor(() => expect(byTestId("handover-start")).toBeTruthy());
    expect(byTestId<HTMLButtonElement>("handover-start").disabled).toBe(true);
    expect(byTestId("handover-plan-quota").textContent).toMatch(/4,8\s?Mo.*977\s?ko/);
    expect(document.body.textContent).toContain(fr.t("handover-plan-cannot-start"));
    expect(start).not.toHaveBeenCalled();
  });

  it("shows progress events of its job and ignores other jobs'", async () => {
    const start = vi.fn(async (..._args: unknown[]) => 7);
    mount({
      handoverAccess: async () => ({ chosen: "streamed-copy", reason: "", movesData: false, options: [], sourceSession: true, targetSession: true, sameServer: true, todo: [], lost: [] }),
      handoverBrowse: async () => [entry("/Asso")],
      handoverCollections: async () => ({ calendars: [], addressBooks: [] }),
      handoverPlan: async () =>
        ({
          totals: { files: 1, folders: 1, bytes: 10, calendars: 0, calendarObjects: 0, addressBooks: 0, contacts: 0 },
          quota: { needed: 10, available: null, fit: "unknown" },
          destination: "/D",
          strategy: { chosen: "streamed-copy", reason: "", movesData: false, options: [] },
          excluded: [],
          conflicts: [],
          notes: [],
          estimatedSeconds: 1,
        }) as unknown as HandoverPlan,
      handoverStart: start,
      handoverJobs: async () => [],
    });
    await pickAliceAndBob();
    byTestId<HTMLButtonElement>("handover-who-next").click();
    await waitFor(() => expect(byTestId("handover-access-next")).toBeTruthy());
    byTestId<HTMLButtonElement>("handover-access-next").click();
    await waitFor(() => expect(document.querySelector('[data-path="/Asso"]')).toBeTruthy());
    byTestId<HTMLInputElement>("handover-everything").click();
    byTestId<HTMLButtonElement>("handover-what-next").click();
    await waitFor(() => expect(byTestId("handover-start")?.hasAttribute("disabled")).toBe(false));
    byTestId<HTMLButtonElement>("handover-start").click();
    await waitFor(() => expect(byTestId("handover-progress-bar")).toBeTruthy());
    // The run streams on the channel given to handover_start.
    const channel = platform.lastChannel();
    expect(start.mock.calls[0]![2]).toBe(channel);
    const send = (p: Progress) => channel.onmessage({ event: "progress", data: p });
    const progress = (jobId: number, done: number): Progress =>
      ({
        jobId,
        phase: "copying",
        itemsDone: done,
        itemsFailed: 0,
        itemsTotal: 4,
        bytesDone: 5,
        bytesTotal: 10,
        bytesPerSecond: 5,
        etaSeconds: 1,
        current: "/Asso/CR.odt",
        groups: [],
      }) as unknown as Progress;
    send(progress(99, 4));
    expect(byTestId<HTMLProgressElement>("handover-progress-bar").value).toBe(0);
    send(progress(7, 2));
    expect(byTestId<HTMLProgressElement>("handover-progress-bar").value).toBe(0.5);
    expect(byTestId("handover-progress-current").textContent).toContain("/Asso/CR.odt");
  });

  // Issue #16 (2): after a restart, Alice's access (kept until Passerelle closed) is gone. The
  // step used to show only the error and "Back"; now it names her account, offers to reconnect
  // it right there, and offers the way that works with the admin alone.
  it("names the departing member's lost account, reconnects it in place and keeps the admin-only way", async () => {
    const option = (kind: string, available: boolean, reason: string, movesData = false) => ({ kind, available, reason, movesData });
    const lostAlice = {
      side: "source",
      accountId: 2,
      userId: "alice",
      displayName: "Alice",
      serverUrl: "https://monasso.frama.space",
      code: "session-secret-lost",
    };
    const before = {
      chosen: "ownership-transfer",
      reason: "handover-why-ot-admin",
      movesData: true,
      options: [
        option("ownership-transfer", true, "handover-why-ot-admin", true),
        option("share-copy", false, "handover-why-share-needs-sessions"),
        option("native-transfer", false, "handover-why-native-needs-sessions", true),
        option("streamed-copy", false, "handover-why-copy-needs-sessions"),
      ],
      sourceSession: false,
      targetSession: false,
      sameServer: true,
      todo: [],
      lost: [lostAlice],
    };
    const after = {
      ...before,
      options: [
        option("ownership-transfer", true, "handover-why-ot-admin", true),
        option("share-copy", false, "handover-why-share-no-api"),
        option("native-transfer", false, "handover-why-native-no-notifications", true),
        option("streamed-copy", true, "handover-why-copy-two-sessions"),
      ],
      sourceSession: true,
      targetSession: true,
      lost: [],
    };
    const access = vi.fn().mockResolvedValueOnce(before).mockResolvedValueOnce(after);
    let channel: { onmessage: (event: unknown) => void } | null = null;
    const flowStart = vi.fn(async (_profile: number, _address: string, _storage: string, onEvent: typeof channel) => {
      channel = onEvent;
      return 5;
    });
    const reconnected = vi.fn(async () => {});
    mockIPC(() => null); // Channel needs Tauri's internals; the flow's events are sent by hand.
    mount(
      { handoverAccess: access, keyringStatus: async () => ({ available: false, backend: "none", reason: null }), loginFlowStart: flowStart },
      [admin],
      1,
      [],
      { accountReconnected: reconnected },
    );
    await pickAliceAndBob();
    byTestId<HTMLButtonElement>("handover-who-next").click();
    await waitFor(() => expect(byTestId("handover-lost-source")).toBeTruthy());
    const lost = byTestId("handover-lost-source").textContent ?? "";
    expect(lost).toContain(fr.t("handover-lost-source", { name: "Alice", user: "alice", space: "monasso.frama.space" }));
    expect(lost).toContain(fr.t("handover-lost-other-ways"));
    // The admin-only way is offered and the hand-over can go on.
    expect(byTestId("handover-strategy").dataset.strategy).toBe("ownership-transfer");
    expect(byTestId<HTMLButtonElement>("handover-access-next").disabled).toBe(false);
    expect(document.querySelector('[data-testid="handover-todo-connect-source"]')).toBeNull();
    const others = [...byTestId("handover-options").querySelectorAll("li")].map((li) => li.dataset.strategy);
    expect(others).toEqual(["share-copy", "native-transfer", "streamed-copy"]);

    // Reconnect Alice right here (browser sign-in, memory only as there is no keyring).
    const start = byTestId<HTMLButtonElement>("handover-lost-source-reconnect-start");
    expect(start.textContent).toBe(fr.t("handover-reconnect", { name: "Alice" }));
    start.click();
    await waitFor(() => expect(flowStart).toHaveBeenCalledTimes(1));
    expect(flowStart.mock.calls[0]!.slice(0, 3)).toEqual([1, "https://monasso.frama.space", "session"]);
    channel!.onmessage({ event: "started", data: { flowId: 5, loginUrl: "https://monasso.frama.space/login/v2/flow/x", expiresInSeconds: 1200 } });
    await waitFor(() => expect(byTestId("handover-lost-source-reconnect-waiting")).toBeTruthy());
    expect(byTestId("handover-lost-source-reconnect-waiting").textContent).toContain("alice");
    const alice: Account = { ...admin, id: 2, userId: "alice", loginName: "alice", displayName: "Alice", secretStorage: "session" };
    channel!.onmessage({ event: "done", data: { account: alice } });
    await waitFor(() => expect(reconnected).toHaveBeenCalledWith(alice));
    // Asked again: with Alice's session, the copy works too; the admin-only way stays first.
    await waitFor(() => expect(access).toHaveBeenCalledTimes(2));
    await waitFor(() => expect(byTestId("handover-routes")).toBeTruthy());
    const routes = [...document.querySelectorAll<HTMLInputElement>('[data-testid="handover-route"]')];
    expect(routes.map((r) => r.dataset.strategy)).toEqual(["ownership-transfer", "streamed-copy"]);
    expect(document.querySelector('[data-testid="handover-lost-source"]')).toBeNull();
    clearMocks();
  });

  it("plans with the way the admin picked among those that work", async () => {
    const option = (kind: string, available: boolean, movesData = false) => ({ kind, available, reason: `handover-why-${kind}`, movesData });
    const plan = vi.fn(async () =>
      ({
        totals: { files: 1, folders: 1, bytes: 10, calendars: 0, calendarObjects: 0, addressBooks: 0, contacts: 0 },
        quota: { needed: 10, available: null, fit: "unknown" },
        destination: "/D",
        strategy: { chosen: "streamed-copy", reason: "", movesData: false, options: [] },
        excluded: [],
        conflicts: [],
        notes: [],
        estimatedSeconds: 1,
      }) as unknown as HandoverPlan,
    );
    mount({
      handoverAccess: async () => ({
        chosen: "ownership-transfer",
        reason: "handover-why-ot-admin",
        movesData: true,
        options: [option("ownership-transfer", true, true), option("share-copy", false), option("native-transfer", false, true), option("streamed-copy", true)],
        sourceSession: true,
        targetSession: true,
        sameServer: true,
        todo: [],
        lost: [],
      }),
      handoverBrowse: async () => [entry("/Asso")],
      handoverCollections: async () => ({ calendars: [], addressBooks: [] }),
      handoverPlan: plan,
    });
    await pickAliceAndBob();
    byTestId<HTMLButtonElement>("handover-who-next").click();
    await waitFor(() => expect(byTestId("handover-routes")).toBeTruthy());
    expect(byTestId("handover-strategy").textContent).toContain(fr.t("handover-note-moves-data"));
    const copy = document.querySelector<HTMLInputElement>('[data-testid="handover-route"][data-strategy="streamed-copy"]')!;
    copy.click();
    expect(byTestId("handover-strategy").dataset.strategy).toBe("streamed-copy");
    expect(byTestId("handover-strategy").textContent).toContain(fr.t("handover-note-copies-data"));
    byTestId<HTMLButtonElement>("handover-access-next").click();
    await waitFor(() => expect(document.querySelector('[data-path="/Asso"]')).toBeTruthy());
    byTestId<HTMLInputElement>("handover-everything").click();
    byTestId<HTMLButtonElement>("handover-what-next").click();
    await waitFor(() => expect(plan).toHaveBeenCalledTimes(1));
    expect((plan.mock.calls[0] as unknown as unknown[])[3]).toBe("streamed-copy");
  });

  it("offers to reconnect the acting account when its access is gone", async () => {
    const members = vi.fn(async () => ({ members: [], offset: 0, more: false }));
    mount({ handoverMembers: members }, [admin], 1, [1]);
    const notice = byTestId("handover-acting-lost");
    expect(notice.textContent).toContain(fr.t("reconnect-needed", { name: "Admin", space: "monasso.frama.space" }));
    expect(byTestId("handover-acting-lost-reconnect-start").textContent).toBe(fr.t("reconnect-me"));
    expect(members).not.toHaveBeenCalled();
  });

  it("writes dates in the person's language, not in ISO form", async () => {
    mount({});
    await waitFor(() => expect(document.querySelector('[data-user="alice"]')).toBeTruthy());
    const row = document.querySelector('[data-testid="handover-source-member"][data-user="alice"]')!.parentElement!;
    const day = new Intl.DateTimeFormat("fr", { dateStyle: "long" }).format(new Date(1_763_700_000_000));
    expect(row.textContent).toContain(fr.t("handover-last-login", { date: day }));
    expect(row.textContent).not.toMatch(/\d{4}-\d{2}-\d{2}/);
  });

  // Regression (issue #13, section 3.2): a hand-over whose only failures need a person was
  // offered "resume" (the same failure, forever). It now says what to do instead.
  it("offers a resume only for what a resume can finish, and says what to do otherwise", async () => {
    const job = aliceToBob(4, "incomplete");
    const report = {
      job,
      totals: [],
      items: [{ kind: "calendar", source: "asso-cal", target: "", state: "failed", reason: "transfer-refused", retry: "needs-action" }],
      actions: [{ reason: "transfer-refused", todo: "handover-todo-transfer-refused", items: 1 }],
    } as unknown as HandoverReport;
    const resume = vi.fn(async () => null);
    mount({
      handoverJobs: async (): Promise<JobListing[]> => [{ job, runningNow: false, resumable: false, progress: null }],
      handoverReport: async () => report,
      handoverResume: resume,
    });
    await waitFor(() => expect(byTestId("handover-open-report")).toBeTruthy());
    expect(document.querySelector('[data-testid="handover-interrupted"]')).toBeNull();
    expect(byTestId("handover-past").textContent).toContain(fr.t("handover-job-needs-action"));
    byTestId<HTMLButtonElement>("handover-open-report").click();
    await waitFor(() => expect(byTestId("handover-report-todo")).toBeTruthy());
    expect(byTestId("handover-report-todo").textContent).toContain(fr.t("handover-todo-transfer-refused"));
    expect(document.querySelector('[data-testid="handover-resume"]')).toBeNull();
    expect(byTestId("handover-report-state").textContent).toContain(fr.t("handover-job-needs-action"));
    // Once someone did what it says, the hand-over can be run again from here.
    expect(byTestId("handover-retry-after-action")).toBeTruthy();
  });

  it("shows a count the server did not give as unknown, never as 0", async () => {
    mount({
      handoverAccess: async () => ({ chosen: "ownership-transfer", reason: "", movesData: true, options: [], sourceSession: false, targetSession: false, sameServer: true, todo: [], lost: [] }),
      handoverBrowse: async () => [entry("/Asso")],
      handoverCollections: async () => ({ calendars: [], addressBooks: [] }),
      handoverPlan: async () =>
        ({
          totals: { files: 1, folders: 1, bytes: 10, calendars: 2, calendarObjects: null, addressBooks: 1, contacts: 4 },
          quota: { needed: 0, available: null, fit: "unknown" },
          destination: "/transferred from Alice on …",
          strategy: { chosen: "ownership-transfer", reason: "", movesData: true, options: [] },
          excluded: [],
          conflicts: [],
          notes: [],
          estimatedSeconds: 1,
        }) as unknown as HandoverPlan,
    });
    await pickAliceAndBob();
    byTestId<HTMLButtonElement>("handover-who-next").click();
    await waitFor(() => expect(byTestId("handover-access-next")).toBeTruthy());
    byTestId<HTMLButtonElement>("handover-access-next").click();
    await waitFor(() => expect(document.querySelector('[data-path="/Asso"]')).toBeTruthy());
    byTestId<HTMLInputElement>("handover-everything").click();
    byTestId<HTMLButtonElement>("handover-what-next").click();
    await waitFor(() => expect(byTestId("handover-plan-facts")).toBeTruthy());
    const facts = byTestId("handover-plan-facts").textContent ?? "";
    expect(facts).toContain(fr.t("handover-plan-calendars-value-uncounted", { calendars: 2 }));
    expect(facts).toContain(fr.t("handover-plan-contacts-value", { books: 1, contacts: 4 }));
  });

  it("follows a run that went on while the screen was away, and opens its report when it ends", async () => {
    const job = aliceToBob(5, "running");
    let running = true;
    const follow = vi.fn(async (..._args: unknown[]) => true);
    const report = vi.fn(async () => ({ job: { ...job, state: "verified" }, totals: [], items: [], actions: [] }) as unknown as HandoverReport);
    const announced: string[] = [];
    mount(
      {
        handoverJobs: async (): Promise<JobListing[]> => [{ job, runningNow: running, resumable: false, progress: null }],
        handoverFollow: follow,
        handoverReport: report,
      },
      [admin],
      1,
      [],
      { announce: (text: string) => announced.push(text) },
    );
    await waitFor(() => expect(follow).toHaveBeenCalledTimes(1));
    const channel = platform.lastChannel();
    expect(follow.mock.calls[0]).toEqual([5, channel]);
    byTestId<HTMLButtonElement>("handover-follow").click();
    await waitFor(() => expect(byTestId("handover-progress-bar")).toBeTruthy());
    running = false;
    channel.onmessage({ event: "finished", data: { jobId: 5, outcome: null, error: null } });
    await waitFor(() => expect(byTestId("handover-report-state")).toBeTruthy());
    expect(report).toHaveBeenCalledWith(5);
    expect(announced).toContain(fr.t("handover-finished-announce"));
  });
});

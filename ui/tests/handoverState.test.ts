// @vitest-environment node
// The hand-over wizard's state without a DOM (src/features/handover/state.ts): who is chosen,
// the ways, the selection sent to the plan, following a run and its end, the jobs' groups.
import { describe, expect, it } from "vitest";
import type { Account, HandoverAccess, JobListing, Progress, SpaceMember } from "../src/bindings/types";
import { node } from "../src/features/handover/selectionTree";
import {
  afterAccess,
  anySelected,
  announceDue,
  chooseSource,
  chooseStrategy,
  chooseTarget,
  chooseTargetAccount,
  everythingSelected,
  finished,
  following,
  formatDuration,
  goTo,
  initialState,
  jobGroups,
  jobStateText,
  openReport,
  planned,
  progressView,
  routesOf,
  sameMember,
  selectEverything,
  selectionOf,
  sides,
  stepNumber,
  whoReady,
  withCollections,
  withTree,
} from "../src/features/handover/state";

const member = (userId: string): SpaceMember =>
  ({ userId, displayName: userId.toUpperCase(), email: null, lastLoginMs: null, quotaUsed: 0, quotaTotal: null, enabled: true }) as SpaceMember;
const elsewhere = { id: 9, displayName: "Bob ailleurs", userId: "bob" } as Account;
const nameOf = (a: Account) => a.displayName ?? a.userId;

describe("hand-over state: who", () => {
  it("needs two different members, or a member and an account elsewhere", () => {
    let s = chooseSource(initialState(), member("alice"));
    expect(whoReady(s)).toBe(false);
    s = chooseTarget(s, member("alice"));
    expect(sameMember(s)).toBe(true);
    expect(whoReady(s)).toBe(false);
    s = chooseTargetAccount(s, elsewhere);
    expect(s.target).toBeNull();
    expect(sameMember(s)).toBe(false);
    expect(whoReady(s)).toBe(true);
    expect(sides(s, 1, 2, nameOf)).toEqual({
      profileId: 1,
      actingAccountId: 2,
      sourceUserId: "alice",
      sourceName: "ALICE",
      targetUserId: null,
      targetName: "Bob ailleurs",
      targetAccountId: 9,
    });
    s = chooseTarget(s, member("bob"));
    expect(s.targetAccount).toBeNull();
    expect(sides(s, 1, 2, nameOf).targetUserId).toBe("bob");
  });

  it("leaves the previous state unchanged (transitions return a new one)", () => {
    const before = initialState();
    const after = goTo(chooseSource(before, member("alice")), "access");
    expect(before.step).toBe("who");
    expect(before.source).toBeNull();
    expect(after.step).toBe("access");
    expect(stepNumber(after.step)).toBe(2);
  });
});

describe("hand-over state: the way", () => {
  const option = (kind: string, available: boolean) => ({ kind, available, reason: `why-${kind}`, movesData: false });
  const access = (chosen: string | null, options: ReturnType<typeof option>[]) =>
    ({ chosen, reason: "r", movesData: true, options, todo: [], lost: [] }) as unknown as HandoverAccess;

  it("offers the ways that work, with the core's choice first when it is not listed", () => {
    const a = access("native-transfer", [option("share-copy", true), option("streamed-copy", false)]);
    expect(routesOf(a).map((o) => o.kind)).toEqual(["native-transfer", "share-copy"]);
  });

  it("keeps the way chosen before while it still works, and drops the plan when it changes", () => {
    const a = access("share-copy", [option("share-copy", true), option("streamed-copy", true)]);
    let s = chooseStrategy(planned(initialState(), {} as never), "streamed-copy" as never);
    expect(s.plan).toBeNull();
    expect(afterAccess(s, a, routesOf(a)).strategy).toBe("streamed-copy");
    s = chooseStrategy(s, "ownership-transfer" as never);
    expect(afterAccess(s, a, routesOf(a)).strategy).toBe("share-copy");
  });
});

describe("hand-over state: what", () => {
  const entry = (path: string) => ({ name: path.slice(1), path, isFolder: true, size: null, shared: false, excluded: null });
  const collections = {
    calendars: [
      { kind: "calendar", uri: "perso", displayName: null, count: 1, color: null, shared: false, excluded: null },
      { kind: "calendar", uri: "shared", displayName: null, count: 1, color: null, shared: true, excluded: "shared-with-member" },
    ],
    addressBooks: [{ kind: "address-book", uri: "contacts", displayName: null, count: 2, color: null, shared: false, excluded: null }],
  } as never;

  it("asks for everything as such, and for the smallest lists otherwise", () => {
    const s = withCollections(withTree(initialState(), { roots: [node(entry("/A")), node(entry("/B"))] }), collections);
    expect(anySelected(s)).toBe(false);
    selectEverything(s, true);
    expect(everythingSelected(s)).toBe(true);
    expect([...s.calendars]).toEqual(["perso"]);
    expect(selectionOf(s)).toEqual({ everything: true, files: [], calendars: [], addressBooks: [] });
    s.calendars.delete("perso");
    expect(everythingSelected(s)).toBe(false);
    expect(selectionOf(s)).toEqual({ everything: false, files: ["/A", "/B"], calendars: [], addressBooks: ["contacts"] });
    selectEverything(s, false);
    expect(anySelected(s)).toBe(false);
  });
});

describe("hand-over state: run and report", () => {
  it("follows a started job to its report when it ends, and only that job", () => {
    const s = following(initialState(), 7);
    expect(s.step).toBe("run");
    expect(finished(s, 8)).toBe(s);
    expect(finished(s, 7).step).toBe("report");
    expect(finished(openReport(s, 7), 7).step).toBe("report");
  });

  it("turns progress into a fraction and says it aloud at most every 15 s", () => {
    const p = { itemsDone: 3, itemsTotal: 4, itemsFailed: 1 } as Progress;
    expect(progressView(p)).toEqual({ fraction: 0.75, done: 3, total: 4, failed: 1 });
    expect(progressView({ itemsDone: 0, itemsTotal: 0, itemsFailed: 0 } as Progress).fraction).toBe(0);
    expect(announceDue(0, 15_001)).toBe(true);
    expect(announceDue(10_000, 20_000)).toBe(false);
  });

  it("groups the jobs: running (not the one followed), interrupted, past", () => {
    const job = (id: number, runningNow: boolean, resumable: boolean, state = "incomplete") =>
      ({ job: { id, state, resumable }, runningNow, resumable, progress: null }) as unknown as JobListing;
    const jobs = [job(1, true, false, "running"), job(2, false, true), job(3, false, false, "verified"), job(4, false, true, "planned")];
    const groups = jobGroups(following(initialState(), 1), jobs);
    expect(groups.running).toEqual([]);
    expect(jobGroups(initialState(), jobs).running.map((j) => j.job.id)).toEqual([1]);
    expect(groups.interrupted.map((j) => j.job.id)).toEqual([2]);
    expect(groups.past.map((j) => j.job.id)).toEqual([2, 3, 4]);
  });

  it("writes durations and job states", () => {
    expect(formatDuration(125.4)).toBe("2:05");
    expect(formatDuration(-3)).toBe("0:00");
    expect(jobStateText({ state: "incomplete", resumable: false } as never)).toBe("handover-job-needs-action");
    expect(jobStateText({ state: "verified", resumable: false } as never)).toBe("handover-job-verified");
  });
});

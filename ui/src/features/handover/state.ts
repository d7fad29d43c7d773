// The hand-over wizard's state and its transitions: which step, who leaves and who receives,
// which way (strategy), what is selected, the plan, the job followed and its progress. Plain
// data and functions of it, tested without a DOM (tests/handoverState.test.ts). It must not
// touch the DOM, call the backend or translate: the step views (./*.ts) do that.
//
// Transitions return a new state. The selection (the file tree and the two sets of collection
// URIs) is edited in place by the selection functions below and ./selectionTree.ts: a tree
// of thousands of entries is not copied on every click.
import type {
  Account,
  HandoverAccess,
  HandoverPlan,
  JobListing,
  JobSummary,
  MemberCollections,
  Progress,
  Selection,
  SidesRequest,
  SpaceMember,
  StrategyKind,
  StrategyOption,
} from "../../bindings/types";
import { everythingChecked, selectedPaths, setEverything, type Tree } from "./selectionTree";

export type Step = "who" | "access" | "what" | "plan" | "run" | "report";

/** The steps in order (the heading says "step n of 6"). */
export const STEPS: readonly Step[] = ["who", "access", "what", "plan", "run", "report"];

export interface HandoverState {
  readonly step: Step;
  readonly source: SpaceMember | null;
  /** A member of the same space… */
  readonly target: SpaceMember | null;
  /** …or a recorded account elsewhere. */
  readonly targetAccount: Account | null;
  /** The departing member's files, loaded folder by folder (edited in place). */
  tree: Tree;
  /** Calendar URIs selected (edited in place). */
  readonly calendars: Set<string>;
  /** Address book URIs selected (edited in place). */
  readonly addressBooks: Set<string>;
  readonly collections: MemberCollections | null;
  readonly destination: string;
  readonly plan: HandoverPlan | null;
  /** The way chosen at the access step (null: the best one available). */
  readonly strategy: StrategyKind | null;
  readonly jobId: number | null;
  /**
   * The account the hand-over was started with (an admin's). Connecting the departing member's
   * account on the way makes that one current: the hand-over goes on with the admin's.
   */
  readonly actingAccountId: number | null;
}

export function initialState(): HandoverState {
  return {
    step: "who",
    source: null,
    target: null,
    targetAccount: null,
    tree: { roots: null },
    calendars: new Set(),
    addressBooks: new Set(),
    collections: null,
    destination: "",
    plan: null,
    strategy: null,
    jobId: null,
    actingAccountId: null,
  };
}

export function goTo(state: HandoverState, step: Step): HandoverState {
  return { ...state, step };
}

/** 1-based position of `step`, for "step n of 6". */
export function stepNumber(step: Step): number {
  return STEPS.indexOf(step) + 1;
}

// ---------------------------------------------------------------- acting account

/**
 * The account the screen acts with: the one kept from before (still recorded), else the
 * current one; null when there is none.
 */
export function actingAccount(state: HandoverState, accounts: readonly Account[], currentId: number | null): Account | null {
  const kept = accounts.find((a) => a.id === state.actingAccountId) ?? null;
  return kept ?? accounts.find((a) => a.id === currentId) ?? null;
}

export function withActing(state: HandoverState, account: Account | null): HandoverState {
  return account ? { ...state, actingAccountId: account.id } : state;
}

// ---------------------------------------------------------------- step 1: who

export function chooseSource(state: HandoverState, member: SpaceMember): HandoverState {
  return { ...state, source: member };
}

export function chooseTarget(state: HandoverState, member: SpaceMember): HandoverState {
  return { ...state, target: member, targetAccount: null };
}

/** A recorded account on another server receives. */
export function chooseTargetAccount(state: HandoverState, account: Account): HandoverState {
  return { ...state, targetAccount: account, target: null };
}

/** The same member was picked on both sides. */
export function sameMember(state: HandoverState): boolean {
  return Boolean(state.source && state.target && !state.targetAccount && state.source.userId === state.target.userId);
}

/** Both sides are chosen (and differ): the next step may open. */
export function whoReady(state: HandoverState): boolean {
  return state.source !== null && (state.target !== null || state.targetAccount !== null) && !sameMember(state);
}

/** Whether `member`'s radio is checked on `role`'s side. */
export function isChosen(state: HandoverState, role: "source" | "target", member: SpaceMember): boolean {
  if (role === "source") return state.source?.userId === member.userId;
  return state.target?.userId === member.userId && !state.targetAccount;
}

export function sourceName(state: HandoverState): string {
  return state.source?.displayName ?? "";
}

export function targetName(state: HandoverState, nameOf: (a: Account) => string): string {
  return state.targetAccount ? nameOf(state.targetAccount) : (state.target?.displayName ?? "");
}

/** Who leaves and who receives, as every hand-over command takes them. */
export function sides(state: HandoverState, profileId: number, actingId: number, nameOf: (a: Account) => string): SidesRequest {
  return {
    profileId,
    actingAccountId: actingId,
    sourceUserId: state.source?.userId ?? "",
    sourceName: state.source?.displayName ?? null,
    targetUserId: state.targetAccount ? null : (state.target?.userId ?? null),
    targetName: state.targetAccount ? nameOf(state.targetAccount) : (state.target?.displayName ?? null),
    targetAccountId: state.targetAccount?.id ?? null,
  };
}

// ---------------------------------------------------------------- step 2: access (strategy)

/**
 * Every way that works with the sessions held, in the core's order (the admin-only
 * OwnershipTransfer app first); the core's choice added when it is not among them.
 */
export function routesOf(access: HandoverAccess): StrategyOption[] {
  const routes = access.options.filter((o) => o.available);
  if (access.chosen && !routes.some((o) => o.kind === access.chosen)) {
    routes.unshift({ kind: access.chosen, available: true, reason: access.reason, movesData: access.movesData });
  }
  return routes;
}

/** The way kept from before if it still works, else the core's choice. */
export function afterAccess(state: HandoverState, access: HandoverAccess, routes: readonly StrategyOption[]): HandoverState {
  return routes.some((o) => o.kind === state.strategy) ? state : { ...state, strategy: access.chosen };
}

/** The person picked another way: a plan made for the previous one is dropped. */
export function chooseStrategy(state: HandoverState, kind: StrategyKind): HandoverState {
  return { ...state, strategy: kind, plan: null };
}

export function chosenRoute(state: HandoverState, routes: readonly StrategyOption[]): StrategyOption | null {
  return routes.find((o) => o.kind === state.strategy) ?? null;
}

// ---------------------------------------------------------------- step 3: what (selection)

export function withTree(state: HandoverState, tree: Tree): HandoverState {
  return { ...state, tree };
}

export function withCollections(state: HandoverState, collections: MemberCollections): HandoverState {
  return { ...state, collections };
}

export function withDestination(state: HandoverState, destination: string): HandoverState {
  return { ...state, destination };
}

/** Adds or removes `key` (in place). */
export function toggleIn(set: Set<string>, key: string, on: boolean): void {
  if (on) set.add(key);
  else set.delete(key);
}

/** Every selectable calendar and address book is selected (or none are known yet). */
function collectionsAllChecked(state: HandoverState): boolean {
  const c = state.collections;
  if (!c) return true;
  return (
    c.calendars.every((x) => x.excluded || state.calendars.has(x.uri)) &&
    c.addressBooks.every((x) => x.excluded || state.addressBooks.has(x.uri))
  );
}

/** "Everything" is ticked: the whole tree and every collection. */
export function everythingSelected(state: HandoverState): boolean {
  return everythingChecked(state.tree) && collectionsAllChecked(state);
}

/** Ticks or unticks everything selectable (in place). */
export function selectEverything(state: HandoverState, on: boolean): void {
  setEverything(state.tree, on);
  for (const c of state.collections?.calendars ?? []) if (!c.excluded) toggleIn(state.calendars, c.uri, on);
  for (const c of state.collections?.addressBooks ?? []) if (!c.excluded) toggleIn(state.addressBooks, c.uri, on);
}

/** Something is selected: the plan may be asked. */
export function anySelected(state: HandoverState): boolean {
  return selectedPaths(state.tree).length + state.calendars.size + state.addressBooks.size > 0;
}

/** What the plan is asked for: "everything" as such, else the smallest lists. */
export function selectionOf(state: HandoverState): Selection {
  const everything = everythingSelected(state);
  return {
    everything,
    files: everything ? [] : selectedPaths(state.tree),
    calendars: everything ? [] : [...state.calendars],
    addressBooks: everything ? [] : [...state.addressBooks],
  };
}

/** The destination folder typed, or null for the default one. */
export function destinationOf(state: HandoverState): string | null {
  return state.destination.trim() || null;
}

// ---------------------------------------------------------------- step 4: plan

export function planned(state: HandoverState, plan: HandoverPlan): HandoverState {
  return { ...state, plan };
}

/** The plan can start: the target's quota is not known to be too small. */
export function planFits(plan: HandoverPlan): boolean {
  return plan.quota.fit !== "does-not-fit";
}

// ---------------------------------------------------------------- steps 5 and 6: run, report

/** A job was started or resumed: the run step follows it. */
export function following(state: HandoverState, jobId: number): HandoverState {
  return { ...state, jobId, step: "run" };
}

export function openReport(state: HandoverState, jobId: number): HandoverState {
  return { ...state, jobId, step: "report" };
}

/** The run step shows `progress` only when it is about the job followed. */
function isFollowed(state: HandoverState, jobId: number): boolean {
  return state.step === "run" && state.jobId === jobId;
}

/** Job `jobId` ended: the run step following it goes on to the report. */
export function finished(state: HandoverState, jobId: number): HandoverState {
  return isFollowed(state, jobId) ? goTo(state, "report") : state;
}

/** What the progress bar and line show. */
export interface ProgressView {
  /** 0 to 1. */
  fraction: number;
  done: number;
  total: number;
  failed: number;
}

export function progressView(p: Progress): ProgressView {
  return { fraction: p.itemsDone / Math.max(1, p.itemsTotal), done: p.itemsDone, total: p.itemsTotal, failed: p.itemsFailed };
}

/** Progress is said aloud at most this often (ms). */
const ANNOUNCE_EVERY_MS = 15_000;

/** Whether progress seen at `now` is said aloud, the last time being `last`. */
export function announceDue(last: number, now: number): boolean {
  return now - last > ANNOUNCE_EVERY_MS;
}

export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  const m = Math.floor(s / 60);
  return `${m}:${String(s % 60).padStart(2, "0")}`;
}

/** The Fluent id of a job's state: an incomplete job a resume cannot finish says so. */
export function jobStateText(job: Pick<JobSummary, "state" | "resumable">): string {
  return job.state === "incomplete" && !job.resumable ? "handover-job-needs-action" : `handover-job-${job.state}`;
}

// ---------------------------------------------------------------- jobs above the steps

export interface JobGroups {
  /** Running now and not the one the run step shows: a banner offers to follow it. */
  running: JobListing[];
  /** Stopped before their end and resumable. */
  interrupted: JobListing[];
  /** Every job not running now (reports). */
  past: JobListing[];
}

export function jobGroups(state: HandoverState, jobs: readonly JobListing[]): JobGroups {
  return {
    running: jobs.filter((j) => j.runningNow && !isFollowed(state, j.job.id)),
    interrupted: jobs.filter((j) => j.resumable && j.job.state !== "planned"),
    past: jobs.filter((j) => !j.runningNow),
  };
}

/** A member as a job names them. */
export function memberName(m: { displayName: string | null; userId: string }): string {
  return m.displayName ?? m.userId;
}

// The tour player's state without a DOM: where a visit starts, where Next, Back and a choice
// lead, how often a task is checked, what the finished screen says of each task. Functions of
// plain data, tested in tests/tourPlayerState.test.ts; nothing here draws, calls the backend
// or translates (./player.ts and the step views do).
import type { StepProgress, TourDetail, TourStep } from "../../bindings/types";

/** Checks while a task step is shown: every 5 s, then every 30 s after 2 minutes. */
export const POLL_FAST_MS = 5_000;
export const POLL_SLOW_MS = 30_000;
export const POLL_SLOW_AFTER_MS = 120_000;

/** How long to wait before the next check of a step shown since `shownAt`. */
export function pollDelay(shownAt: number, now: number): number {
  return now - shownAt >= POLL_SLOW_AFTER_MS ? POLL_SLOW_MS : POLL_FAST_MS;
}

/** "29.0.6" → 29; null when unknown. */
export function majorOf(version: string | null | undefined): number | null {
  const major = Number.parseInt(version ?? "", 10);
  return Number.isFinite(major) && major > 0 ? major : null;
}

/**
 * Where to start: from the beginning for a finished tour (Replay); else the
 * backend's `currentStep` (its resume point), or the step after it when that
 * one is already done or skipped; without it, after the latest progress.
 */
export function resumeIndex(detail: TourDetail): number {
  const { steps, progress, summary } = detail;
  if (steps.length === 0 || summary.status === "done") return 0;
  const status = new Map(progress.map((p) => [p.stepId, p.status]));
  let index = summary.currentStep ? steps.findIndex((s) => s.id === summary.currentStep) : -1;
  if (index < 0) {
    const latest = [...progress].sort((a, b) => Date.parse(a.updatedAt) - Date.parse(b.updatedAt)).pop();
    index = latest ? steps.findIndex((s) => s.id === latest.stepId) : -1;
    if (index < 0) return 0;
    // A step reached without a current step recorded: continue after it.
    return Math.min(index + 1, steps.length - 1);
  }
  const passed = status.get(steps[index]!.id);
  return passed === "done" || passed === "skipped" ? Math.min(index + 1, steps.length - 1) : index;
}

/** Where Next leads from `index`: the next step, or the end after the last one. */
export function nextOf(index: number, total: number): number | "end" {
  return index >= total - 1 ? "end" : index + 1;
}

/** Where Back leads: the step shown before (choices may jump), else the one above; -1: none. */
export function backOf(trail: number[], index: number): number {
  return trail.pop() ?? index - 1;
}

/** Where a choice's `goto` (a step id, "next" or "end") leads; "missing" for an unknown id. */
export function gotoOf(steps: readonly TourStep[], target: string): "end" | "next" | "missing" | number {
  if (target === "end" || target === "next") return target;
  const found = steps.findIndex((s) => s.id === target);
  return found < 0 ? "missing" : found;
}

/** A step's progress as recorded now. */
export function progressNow(stepId: string, status: StepProgress["status"], evidence: string | null = null): StepProgress {
  return { stepId, status, evidence, updatedAt: new Date().toISOString() };
}

export type TaskMark = "done" | "skipped" | "todo";

/** How the finished screen marks a task. */
export function taskMark(p: StepProgress | undefined): TaskMark {
  return p?.status === "done" || p?.status === "skipped" ? p.status : "todo";
}

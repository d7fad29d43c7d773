// @vitest-environment node
// The tour player's state without a DOM (src/features/tours/playerState.ts).
import { describe, expect, it } from "vitest";
import type { StepProgress, TourStep } from "../src/bindings/types";
import {
  backOf,
  gotoOf,
  nextOf,
  pollDelay,
  POLL_FAST_MS,
  POLL_SLOW_AFTER_MS,
  POLL_SLOW_MS,
  progressNow,
  taskMark,
} from "../src/features/tours/playerState";

const steps = ["intro", "quiz", "task"].map((id) => ({ id, kind: "explain" }) as TourStep);

describe("tour player state", () => {
  it("goes to the next step, and to the end after the last one", () => {
    expect(nextOf(0, 3)).toBe(1);
    expect(nextOf(2, 3)).toBe("end");
  });

  it("goes back to the step shown before (a choice may have jumped), else the one above", () => {
    const trail = [0, 2];
    expect(backOf(trail, 1)).toBe(2);
    expect(backOf(trail, 2)).toBe(0);
    expect(backOf(trail, 0)).toBe(-1);
  });

  it("follows a choice to a step id, next, the end, or says the id is unknown", () => {
    expect(gotoOf(steps, "task")).toBe(2);
    expect(gotoOf(steps, "next")).toBe("next");
    expect(gotoOf(steps, "end")).toBe("end");
    expect(gotoOf(steps, "nowhere")).toBe("missing");
  });

  it("checks a task every 5 s, then every 30 s after 2 minutes", () => {
    expect(pollDelay(0, 1000)).toBe(POLL_FAST_MS);
    expect(pollDelay(0, POLL_SLOW_AFTER_MS)).toBe(POLL_SLOW_MS);
  });

  it("marks a task done or skipped, and anything else as to do", () => {
    expect(taskMark(progressNow("t", "done", "x"))).toBe("done");
    expect(taskMark(progressNow("t", "skipped"))).toBe("skipped");
    expect(taskMark(progressNow("t", "seen"))).toBe("todo");
    expect(taskMark(undefined)).toBe("todo");
    const p: StepProgress = progressNow("t", "done", "ev");
    expect(p.evidence).toBe("ev");
    expect(Number.isNaN(Date.parse(p.updatedAt))).toBe(false);
  });
});

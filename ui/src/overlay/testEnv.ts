// Test support: happy-dom has no layout, so boxes come from a `data-box="left,top,width,height"`
// attribute; an element without one has no size (not visible). The popover is 300 × 160.

import type { Box, LookupEnv } from "./lookup";
import type { OverlayStep, OverlayTarget } from "./types";

export function fakeEnv(doc: Document = document): LookupEnv {
  return {
    root: doc,
    rectOf(el) {
      if (el.classList.contains("pop")) return { left: 0, top: 0, width: 300, height: 160 };
      const raw = el.getAttribute("data-box");
      if (!raw) return { left: 0, top: 0, width: 0, height: 0 };
      const [left, top, width, height] = raw.split(",").map(Number) as [number, number, number, number];
      return { left, top, width, height } satisfies Box;
    },
  };
}

/** Adds `<tag data-box=…>` with attributes under `parent`. */
export function add(parent: Element, tag: string, attrs: Record<string, string>, box?: string): HTMLElement {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  if (box) el.setAttribute("data-box", box);
  parent.append(el);
  return el;
}

export function step(target: Partial<OverlayTarget>, extra: Partial<OverlayStep> = {}): OverlayStep {
  return {
    tourId: "sharing",
    stepId: "share-icon",
    index: 2,
    total: 9,
    text: "Click the share icon.",
    fallback: "It is the icon with three dots joined by lines, at the end of the file's row.",
    advance: "next",
    nextcloudMajor: 29,
    target: { waitMs: 1000, open: null, candidates: [], ...target },
    labels: {
      dialog: "Guided tour",
      progress: "Step 3 of 9",
      back: "Back",
      next: "Next",
      done: "Finish",
      close: "Close",
      notFound: "I could not find it on this page.",
      clickHint: "Click it to go on.",
      checkHint: "Do it: the next step comes when it is done.",
      signIn: "Sign in first: the tour goes on afterwards.",
      elsewhere: "This step happens on another page of your space.",
      goThere: "Go there",
    },
    ...extra,
  };
}

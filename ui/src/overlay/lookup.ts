// Late lookup of a highlight target: resolved just before its step, never at page load.
// Candidates are tried in order; the first whose version range fits and that matches exactly
// one visible element wins. Waiting is driven by DOM mutations (plus a slow re-check for
// changes that only CSS makes, like a hover), bounded by the step's limit.
// This module reads nothing of the page beyond locating targets.

import type { OverlayCandidate, OverlayTarget, VersionRange } from "./types";

/** When a step sets no limit. Nextcloud pages render ≈ 2 s after navigation (nextcloud-dom). */
export const DEFAULT_WAIT_MS = 8000;
/** Re-check interval for visibility changes no mutation reports (CSS :hover, transitions). */
export const RECHECK_MS = 250;

export interface Box {
  top: number;
  left: number;
  width: number;
  height: number;
}

/** What the lookup needs from the page; tests replace `rectOf` (happy-dom has no layout). */
export interface LookupEnv {
  root: Document;
  rectOf(el: Element): Box;
}

export function browserEnv(doc: Document = document): LookupEnv {
  return { root: doc, rectOf: (el) => el.getBoundingClientRect() };
}

export function inRange(range: VersionRange | null | undefined, major: number | null): boolean {
  if (!range || major === null) return true;
  return (range.min === null || major >= range.min) && (range.max === null || major <= range.max);
}

/** The candidates that apply to this Nextcloud version, in order. */
export function applicable(candidates: OverlayCandidate[], major: number | null): OverlayCandidate[] {
  return candidates.filter((c) => inRange(c.nextcloud, major));
}

/**
 * Visible: laid out with a size, not hidden by CSS (nor fully transparent: a closed Nextcloud
 * menu can stay in the page at opacity 0 while it fades), and in the document.
 */
export function isVisible(el: Element, env: LookupEnv): boolean {
  if (!el.isConnected) return false;
  const view = el.ownerDocument.defaultView;
  for (let node: Element | null = el; node; node = node.parentElement) {
    if (node.hasAttribute("hidden")) return false;
    const style = view?.getComputedStyle(node);
    if (style && (style.display === "none" || (node === el && style.visibility === "hidden"))) return false;
    if (style && style.opacity !== "" && Number(style.opacity) === 0) return false;
  }
  const r = env.rectOf(el);
  return r.width > 0 && r.height > 0;
}

/** The visible elements a selector matches; an invalid selector matches nothing. */
export function visibleMatches(selector: string, env: LookupEnv): Element[] {
  let nodes: NodeListOf<Element>;
  try {
    nodes = env.root.querySelectorAll(selector);
  } catch {
    return [];
  }
  return Array.from(nodes).filter((el) => isVisible(el, env));
}

export interface Found {
  element: Element;
  selector: string;
}

/** The first candidate with exactly one visible match, now. */
export function findNow(candidates: OverlayCandidate[], env: LookupEnv): Found | null {
  for (const c of candidates) {
    const matches = visibleMatches(c.selector, env);
    if (matches.length === 1) return { element: matches[0]!, selector: c.selector };
  }
  return null;
}

/**
 * Resolves with `probe()`'s first non-null value, re-probing on every DOM mutation and every
 * `RECHECK_MS`, or with `null` after `timeoutMs` or when `signal` aborts.
 */
export function waitFor<T>(
  probe: () => T | null,
  env: LookupEnv,
  timeoutMs: number,
  signal?: AbortSignal,
): Promise<T | null> {
  const first = probe();
  if (first !== null || timeoutMs <= 0 || signal?.aborted) return Promise.resolve(first);
  return new Promise((resolve) => {
    const view = env.root.defaultView ?? window;
    let done = false;
    const finish = (value: T | null) => {
      if (done) return;
      done = true;
      observer.disconnect();
      view.clearTimeout(timer);
      view.clearInterval(recheck);
      signal?.removeEventListener("abort", onAbort);
      resolve(value);
    };
    const check = () => {
      const value = probe();
      if (value !== null) finish(value);
    };
    const onAbort = () => finish(null);
    const observer = new view.MutationObserver(check);
    observer.observe(env.root, { childList: true, subtree: true, attributes: true });
    const timer = view.setTimeout(() => finish(probe()), timeoutMs);
    const recheck = view.setInterval(check, RECHECK_MS);
    signal?.addEventListener("abort", onAbort);
  });
}

/** The result of a lookup: the element, or the selectors that were tried. */
export type Located =
  | { found: true; element: Element; selector: string; opened: boolean }
  | { found: false; tried: string[]; openFailed: boolean };

/** Runs a target's `open` action on an element (synthetic events: no page script is read). */
export function performOpen(el: Element, action: "click" | "hover" | "focus"): void {
  const view = el.ownerDocument.defaultView ?? window;
  if (action === "click") {
    (el as HTMLElement).click();
    return;
  }
  if (action === "hover") {
    for (const type of ["pointerover", "pointerenter", "mouseover", "mouseenter"]) {
      el.dispatchEvent(new view.MouseEvent(type, { bubbles: type.endsWith("over"), cancelable: true }));
    }
  }
  // Hover-only controls of Nextcloud also show on :focus-within.
  (el as HTMLElement).focus?.({ preventScroll: true });
}

/**
 * Whether the menu an opener toggles is open (`aria-expanded` on the opener, on the button it
 * wraps, or on the control that wraps it, as Nextcloud's menu buttons set it at once on click),
 * or `null` when the page does not say.
 */
export function expanded(opener: Element): boolean | null {
  const holder = opener.hasAttribute("aria-expanded")
    ? opener
    : (opener.querySelector("[aria-expanded]") ?? opener.closest("[aria-expanded]"));
  const value = holder?.getAttribute("aria-expanded");
  return value === "true" ? true : value === "false" ? false : null;
}

/**
 * Finds a step's target: at once if it is already there; else the `open` action first (when
 * the step has one), then waits up to the step's limit for a candidate.
 */
export async function locate(
  target: OverlayTarget,
  major: number | null,
  env: LookupEnv,
  signal?: AbortSignal,
): Promise<Located> {
  const candidates = applicable(target.candidates, major);
  const tried = candidates.map((c) => c.selector);
  const limit = target.waitMs ?? DEFAULT_WAIT_MS;
  const now = findNow(candidates, env);
  if (now) return { found: true, ...now, opened: false };
  let opened = false;
  if (target.open) {
    const { selector, action } = target.open;
    const opener = await waitFor(
      () => {
        const m = visibleMatches(selector, env);
        return m.length === 1 ? m[0]! : null;
      },
      env,
      limit,
      signal,
    );
    if (!opener) return { found: false, tried, openFailed: true };
    // The page may have rendered the target while we waited for its opener.
    const meanwhile = findNow(candidates, env);
    if (meanwhile) return { found: true, ...meanwhile, opened: false };
    // A menu already open, or opening after the person's own click (the click that moved the
    // tour to this step): clicking its toggle again would close it. Wait for it instead.
    if (action !== "click" || expanded(opener) !== true) {
      performOpen(opener, action);
      opened = true;
    }
  }
  const found = await waitFor(() => findNow(candidates, env), env, limit, signal);
  return found ? { found: true, ...found, opened } : { found: false, tried, openFailed: false };
}

// The spotlight and popover drawn over the member's own Nextcloud page. Everything lives in a
// shadow root so the page's styles and ours never mix. The popover is a labelled, non-modal
// dialog: focus moves to it on each step and back to where it was on close; Esc closes; the
// left/right arrows go back and forward; step changes are announced through `aria-live`.
// The overlay follows its target when the page scrolls (in any container), resizes or
// re-renders it. It reads nothing of the page beyond locating targets.
// On Nextcloud's sign-in pages (login, two-factor, consent) no step is shown: only a small
// strip that never takes the focus, and the step comes back by itself once signed in. A miss
// is recorded only on the step's own page, and only when the target never showed there.

import { DEFAULT_WAIT_MS, RECHECK_MS, findNow, applicable, isVisible, locate, type Box, type LookupEnv } from "./lookup";
import { pageHref, pageKind, showsPage, type PageKind } from "./page";
import { placePopover, spotlightBox, visiblePart, type Placement } from "./position";
import type { OverlayEvent, OverlayStep } from "./types";

export interface OverlayHooks {
  report(event: OverlayEvent): void;
}

const STYLE = `
:host { all: initial; }
[hidden] { display: none !important; }
.spot {
  position: fixed; z-index: 2147483646; pointer-events: none; border-radius: 6px;
  box-shadow: 0 0 0 3px #ffd43b, 0 0 0 6px #1a1a1a, 0 0 0 200vmax rgba(0, 0, 0, 0.45);
  transition: top .2s ease, left .2s ease, width .2s ease, height .2s ease;
}
.pop {
  position: fixed; z-index: 2147483647; box-sizing: border-box;
  width: min(24rem, calc(100vw - 16px)); max-height: calc(100vh - 16px); overflow: auto;
  background: #ffffff; color: #1a1a1a; border: 2px solid #1a1a1a; border-radius: 8px;
  padding: 1rem; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif;
  box-shadow: 0 8px 24px rgba(0, 0, 0, .35);
  transition: top .2s ease, left .2s ease;
}
.pop:focus { outline: 3px solid #0b57d0; outline-offset: 2px; }
.progress { margin: 0 0 .5rem; font-weight: 700; font-size: .9em; }
.body p { margin: 0 0 .75rem; white-space: pre-line; }
.hint { font-style: italic; }
.missing { font-weight: 700; }
.actions { display: flex; flex-wrap: wrap; gap: .5rem; justify-content: flex-end; }
button {
  font: inherit; min-height: 44px; min-width: 44px; padding: .4rem .9rem; border-radius: 6px;
  border: 2px solid #1a1a1a; background: #ffffff; color: #1a1a1a; cursor: pointer;
}
button.primary { background: #0b57d0; border-color: #0b57d0; color: #ffffff; }
button:focus-visible { outline: 3px solid #0b57d0; outline-offset: 2px; }
.sr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
.strip {
  position: fixed; z-index: 2147483647; top: 8px; left: 50%; transform: translateX(-50%);
  box-sizing: border-box; max-width: calc(100vw - 16px); padding: .35rem .8rem;
  display: flex; flex-wrap: wrap; gap: .25rem .75rem; align-items: center;
  background: #1a1a1a; color: #ffffff; border: 2px solid #ffd43b; border-radius: 6px;
  font: 14px/1.4 system-ui, -apple-system, "Segoe UI", sans-serif;
}
.strip a { color: #ffd43b; font-weight: 700; }
.strip a:focus-visible { outline: 3px solid #ffffff; outline-offset: 2px; }
.reduced .spot, .reduced .pop { transition: none; }
@media (prefers-reduced-motion: reduce) { .spot, .pop { transition: none; } }
`;

/** What the overlay shows: the target, the fallback words, or only the strip (`signIn`:
 * Nextcloud's sign-in pages; `elsewhere`: another page than the step's). */
export type Mode = "target" | "missing" | "signIn" | "elsewhere";

export class Overlay {
  readonly host: HTMLElement;
  readonly root: ShadowRoot;
  private readonly spot: HTMLElement;
  private readonly pop: HTMLElement;
  private readonly live: HTMLElement;
  private readonly strip: HTMLElement;
  private step: OverlayStep | null = null;
  /** The step whose target was lit on this page: losing it later is no miss. */
  private litKey: string | null = null;
  private target: Element | null = null;
  private lookup: AbortController | null = null;
  private cleanup: Array<() => void> = [];
  private returnFocus: Element | null = null;
  private frame = 0;
  /** The target shows only while the page keeps hover/focus on its opener: keep focus there. */
  private keepPageFocus = false;
  /** The last placement, for tests and screenshots. */
  placement: Placement | null = null;
  mode: Mode | null = null;

  constructor(
    private readonly env: LookupEnv,
    private readonly hooks: OverlayHooks,
  ) {
    const doc = env.root;
    this.host = doc.createElement("passerelle-overlay");
    this.host.setAttribute("data-passerelle-overlay", "");
    this.root = this.host.attachShadow({ mode: "open" });
    const style = doc.createElement("style");
    style.textContent = STYLE;
    const wrap = doc.createElement("div");
    if (this.reducedMotion()) wrap.className = "reduced";
    this.spot = doc.createElement("div");
    this.spot.className = "spot";
    this.spot.hidden = true;
    this.pop = doc.createElement("div");
    this.pop.className = "pop";
    this.pop.hidden = true;
    this.pop.setAttribute("role", "dialog");
    this.pop.setAttribute("aria-modal", "false");
    this.pop.tabIndex = -1;
    this.live = doc.createElement("div");
    this.live.className = "sr";
    this.live.setAttribute("aria-live", "polite");
    this.live.setAttribute("role", "status");
    this.strip = doc.createElement("div");
    this.strip.className = "strip";
    this.strip.hidden = true;
    wrap.append(this.spot, this.pop, this.live, this.strip);
    this.root.append(style, wrap);
    this.pop.addEventListener("keydown", (e) => this.onKey(e));
  }

  private get view(): Window & typeof globalThis {
    return this.env.root.defaultView ?? window;
  }

  private reducedMotion(): boolean {
    return this.view.matchMedia?.("(prefers-reduced-motion: reduce)").matches ?? false;
  }

  /** The step on show, if any. */
  get current(): OverlayStep | null {
    return this.step;
  }

  /**
   * Shows the step: on a sign-in page only the strip, until the page changes; elsewhere finds
   * the target (late), then shows the spotlight and popover, or the fallback.
   */
  async show(step: OverlayStep, keepPageFocus = false): Promise<void> {
    if (this.step && sameStep(this.step, step) && this.target?.isConnected) return;
    this.stop();
    this.step = step;
    // Menus and hover-only controls close when focus leaves them: a target that an action
    // reveals keeps the page's focus (the live region says the step instead).
    this.keepPageFocus = keepPageFocus || step.target.open !== null;
    this.attach();
    const kind = pageKind(this.env.root);
    if (kind !== "app") return this.waitForSignIn(step, kind);
    const onStepPage = !step.page || showsPage(this.env.root.location?.pathname ?? "/", step.page);
    const lookup = new AbortController();
    this.lookup = lookup;
    this.watchPage(step, kind, lookup.signal);
    const located = await locate(step.target, step.nextcloudMajor, this.env, lookup.signal);
    if (lookup.signal.aborted || this.step !== step) return;
    const key = stepKey(step);
    if (located.found) {
      this.target = located.element;
      this.scrollIntoView(located.element);
      this.render("target");
      this.follow();
      if (this.litKey !== key) this.hooks.report({ event: "shown", tourId: step.tourId, stepId: step.stepId });
      this.litKey = key;
    } else if (!onStepPage) {
      this.renderStrip("elsewhere");
    } else {
      this.render("missing");
      // Lit before on this page (the person closed its menu since): the selectors work.
      if (this.litKey !== key) {
        this.hooks.report({ event: "missed", tourId: step.tourId, stepId: step.stepId, tried: located.tried });
      }
    }
  }

  /** On a sign-in or other guest page: the strip (or nothing), no focus, no lookup, no miss. */
  private waitForSignIn(step: OverlayStep, kind: PageKind): void {
    this.spot.hidden = true;
    this.pop.hidden = true;
    if (kind === "signIn") {
      this.renderStrip("signIn");
      this.hooks.report({ event: "signIn", tourId: step.tourId, stepId: step.stepId });
    } else {
      this.strip.hidden = true;
      this.mode = null;
    }
    const watch = new AbortController();
    this.lookup = watch;
    this.watchPage(step, kind, watch.signal);
  }

  /**
   * Shows the step again when the page becomes another kind (the login form rendered late, or
   * a page that replaced its content after signing in), until `signal` aborts.
   */
  private watchPage(step: OverlayStep, kind: PageKind, signal: AbortSignal): void {
    const doc = this.env.root;
    const mo = new this.view.MutationObserver(() => {
      if (signal.aborted || this.step !== step || pageKind(doc) === kind) return;
      mo.disconnect();
      this.step = null;
      void this.show(step);
    });
    mo.observe(doc, { childList: true, subtree: true, attributes: true, attributeFilter: ["id", "class", "name"] });
    signal.addEventListener("abort", () => mo.disconnect(), { once: true });
  }

  /** The small strip at the top: never focused, announced politely. */
  private renderStrip(mode: "signIn" | "elsewhere"): void {
    const step = this.step!;
    const doc = this.env.root;
    this.mode = mode;
    this.spot.hidden = true;
    this.pop.hidden = true;
    this.placement = null;
    const words = doc.createElement("span");
    words.textContent = mode === "signIn" ? step.labels.signIn : step.labels.elsewhere;
    this.strip.replaceChildren(words);
    if (mode === "elsewhere" && step.page) {
      const link = doc.createElement("a");
      link.href = pageHref(doc, step.page);
      link.textContent = step.labels.goThere;
      this.strip.append(link);
    }
    this.strip.dataset.mode = mode;
    this.strip.hidden = false;
    this.live.textContent = words.textContent;
  }

  /** Removes everything and gives focus back. */
  hide(): void {
    this.stop();
    this.step = null;
    this.spot.hidden = true;
    this.pop.hidden = true;
    this.strip.hidden = true;
    this.mode = null;
    this.placement = null;
    if (this.host.isConnected) this.host.remove();
    const back = this.returnFocus as HTMLElement | null;
    this.returnFocus = null;
    if (back?.isConnected) back.focus?.({ preventScroll: true });
  }

  private stop(): void {
    this.lookup?.abort();
    this.lookup = null;
    for (const undo of this.cleanup.splice(0)) undo();
    if (this.frame) this.view.cancelAnimationFrame?.(this.frame);
    this.frame = 0;
    this.target = null;
  }

  private attach(): void {
    if (!this.host.isConnected) this.env.root.documentElement.append(this.host);
  }

  private scrollIntoView(el: Element): void {
    const r = this.env.rectOf(el);
    const vw = this.view.innerWidth;
    const vh = this.view.innerHeight;
    const inside = r.top >= 0 && r.left >= 0 && r.top + r.height <= vh && r.left + r.width <= vw;
    if (!inside) {
      el.scrollIntoView?.({ block: "center", inline: "nearest", behavior: this.reducedMotion() ? "auto" : "smooth" });
    }
  }

  private render(mode: "target" | "missing"): void {
    const step = this.step!;
    const doc = this.env.root;
    this.mode = mode;
    this.strip.hidden = true;
    const titleId = "passerelle-overlay-title";
    const bodyId = "passerelle-overlay-body";
    const title = doc.createElement("p");
    title.className = "progress";
    title.id = titleId;
    title.textContent = `${step.labels.dialog} — ${step.labels.progress}`;
    const body = doc.createElement("div");
    body.className = "body";
    body.id = bodyId;
    const para = (text: string, cls?: string) => {
      const p = doc.createElement("p");
      if (cls) p.className = cls;
      p.textContent = text;
      body.append(p);
    };
    para(step.text);
    if (mode === "missing") {
      para(step.labels.notFound, "missing");
      para(step.fallback);
    } else if (step.advance === "click") {
      para(step.labels.clickHint, "hint");
    } else if (step.advance === "check") {
      para(step.labels.checkHint, "hint");
    }
    const actions = doc.createElement("div");
    actions.className = "actions";
    const button = (label: string, event: "back" | "next" | "close", cls?: string) => {
      const b = doc.createElement("button");
      b.type = "button";
      b.textContent = label;
      b.dataset.action = event;
      if (cls) b.className = cls;
      b.addEventListener("click", () => this.emit(event));
      actions.append(b);
      return b;
    };
    if (step.index > 0) button(step.labels.back, "back");
    const last = step.index + 1 >= step.total;
    button(last ? step.labels.done : step.labels.next, "next", "primary");
    button(step.labels.close, "close");
    this.pop.replaceChildren(title, body, actions);
    this.pop.setAttribute("aria-labelledby", titleId);
    this.pop.setAttribute("aria-describedby", bodyId);
    this.pop.dataset.mode = mode;
    this.pop.hidden = false;
    this.live.textContent = `${step.labels.progress}. ${step.text}${mode === "missing" ? ` ${step.labels.notFound} ${step.fallback}` : ""}`;
    this.position();
    const active = this.env.root.activeElement;
    if (!this.returnFocus && active && active !== this.host) this.returnFocus = active;
    // Moving focus would hide a hover/focus-only target; the live region says the step instead.
    if (!this.keepPageFocus) this.pop.focus({ preventScroll: true });
  }

  /** Places the spotlight and the popover for the target's current box. */
  position(): void {
    const viewport = { width: this.view.innerWidth, height: this.view.innerHeight };
    let box: Box | null = null;
    if (this.mode === "target" && this.target) {
      const r = this.env.rectOf(this.target);
      box = visiblePart({ top: r.top, left: r.left, width: r.width, height: r.height }, viewport);
    }
    const spot = box ? spotlightBox(box, viewport) : null;
    this.spot.hidden = !spot;
    if (spot) {
      Object.assign(this.spot.style, {
        top: `${spot.top}px`,
        left: `${spot.left}px`,
        width: `${spot.width}px`,
        height: `${spot.height}px`,
      });
    }
    const popRect = this.env.rectOf(this.pop);
    const placed = placePopover(spot, { width: popRect.width, height: popRect.height }, viewport);
    this.placement = placed.placement;
    this.pop.dataset.placement = placed.placement;
    Object.assign(this.pop.style, { top: `${placed.top}px`, left: `${placed.left}px` });
  }

  private schedule = () => {
    if (this.frame) return;
    const raf = this.view.requestAnimationFrame?.bind(this.view);
    if (!raf) return this.position();
    this.frame = raf(() => {
      this.frame = 0;
      this.position();
    });
  };

  /** Follows the target: scrolls in any container, resizes, re-renders, clicks. */
  private follow(): void {
    const view = this.view;
    const step = this.step!;
    const target = this.target!;
    const on = (where: EventTarget, type: string, fn: EventListener, capture = true) => {
      where.addEventListener(type, fn, { capture, passive: true });
      this.cleanup.push(() => where.removeEventListener(type, fn, { capture }));
    };
    on(view, "scroll", this.schedule);
    on(view, "resize", this.schedule);
    if (step.advance === "click") {
      on(target, "click", () => this.emit("clicked"));
    }
    if (typeof view.ResizeObserver === "function") {
      const ro = new view.ResizeObserver(this.schedule);
      ro.observe(target);
      this.cleanup.push(() => ro.disconnect());
    }
    // A re-render replaces the element, a closing menu hides it: find it again (without the
    // open action: the person may have closed that menu on purpose). A menu hides at the end
    // of its fade, which no mutation reports: checked again when a transition ends, and slowly.
    const check = () => {
      if (isVisible(target, this.env)) return this.schedule();
      const again = findNow(applicable(step.target.candidates, step.nextcloudMajor), this.env);
      if (again) {
        this.stop();
        this.target = again.element;
        this.render("target");
        this.follow();
      } else {
        // Never frame the place where it was (a closed menu keeps its hidden entries).
        this.stop();
        this.spot.hidden = true;
        this.step = null;
        const retry = { ...step, target: { ...step.target, open: null, waitMs: step.target.waitMs ?? DEFAULT_WAIT_MS } };
        void this.show(retry, this.keepPageFocus);
      }
    };
    const mo = new view.MutationObserver(check);
    on(this.env.root, "transitionend", check);
    const slow = view.setInterval(check, RECHECK_MS);
    this.cleanup.push(() => view.clearInterval(slow));
    mo.observe(this.env.root, {
      childList: true,
      subtree: true,
      attributes: true,
      attributeFilter: ["class", "style", "hidden", "aria-hidden", "aria-expanded"],
    });
    this.cleanup.push(() => mo.disconnect());
  }

  private emit(event: "back" | "next" | "close" | "clicked"): void {
    const step = this.step;
    if (!step) return;
    if (event === "close") this.hide();
    this.hooks.report({ event, tourId: step.tourId, stepId: step.stepId });
  }

  private onKey(e: KeyboardEvent): void {
    if (e.key === "Escape") {
      e.preventDefault();
      e.stopPropagation();
      this.emit("close");
    } else if (e.key === "ArrowRight" && e.target === this.pop) {
      this.emit("next");
    } else if (e.key === "ArrowLeft" && e.target === this.pop && (this.step?.index ?? 0) > 0) {
      this.emit("back");
    }
  }
}

function stepKey(step: OverlayStep): string {
  return `${step.tourId}\u0000${step.stepId}`;
}

function sameStep(a: OverlayStep, b: OverlayStep): boolean {
  return a.tourId === b.tourId && a.stepId === b.stepId && a.text === b.text && a.labels.progress === b.labels.progress;
}

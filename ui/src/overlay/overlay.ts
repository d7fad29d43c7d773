// The spotlight and popover drawn over the member's own Nextcloud page. Everything lives in a
// shadow root so the page's styles and ours never mix. The popover is a labelled, non-modal
// dialog: focus moves to it on each step and back to where it was on close; Esc closes; the
// left/right arrows go back and forward; step changes are announced through `aria-live`.
// The overlay follows its target when the page scrolls (in any container), resizes or
// re-renders it. It reads nothing of the page beyond locating targets.

import { DEFAULT_WAIT_MS, findNow, applicable, locate, type Box, type LookupEnv } from "./lookup";
import { placePopover, spotlightBox, visiblePart, type Placement } from "./position";
import type { OverlayEvent, OverlayStep } from "./types";

export interface OverlayHooks {
  report(event: OverlayEvent): void;
}

const STYLE = `
:host { all: initial; }
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
.reduced .spot, .reduced .pop { transition: none; }
@media (prefers-reduced-motion: reduce) { .spot, .pop { transition: none; } }
`;

/** What the popover shows besides the step's text. */
export type Mode = "target" | "missing";

export class Overlay {
  readonly host: HTMLElement;
  readonly root: ShadowRoot;
  private readonly spot: HTMLElement;
  private readonly pop: HTMLElement;
  private readonly live: HTMLElement;
  private step: OverlayStep | null = null;
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
    wrap.append(this.spot, this.pop, this.live);
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

  /** Finds the step's target (late), then shows the spotlight and popover, or the fallback. */
  async show(step: OverlayStep): Promise<void> {
    if (this.step && sameStep(this.step, step) && this.target?.isConnected) return;
    this.stop();
    this.step = step;
    this.keepPageFocus = false;
    this.attach();
    const lookup = new AbortController();
    this.lookup = lookup;
    const located = await locate(step.target, step.nextcloudMajor, this.env, lookup.signal);
    if (lookup.signal.aborted || this.step !== step) return;
    if (located.found) {
      this.target = located.element;
      this.keepPageFocus = located.opened && step.target.open?.action !== "click";
      this.scrollIntoView(located.element);
      this.render("target");
      this.follow();
    } else {
      this.render("missing");
      this.hooks.report({ event: "missed", tourId: step.tourId, stepId: step.stepId, tried: located.tried });
    }
  }

  /** Removes everything and gives focus back. */
  hide(): void {
    this.stop();
    this.step = null;
    this.spot.hidden = true;
    this.pop.hidden = true;
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

  private render(mode: Mode): void {
    const step = this.step!;
    const doc = this.env.root;
    this.mode = mode;
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
    // A re-render replaces the element: find it again (without the open action).
    const mo = new view.MutationObserver(() => {
      if (target.isConnected) return this.schedule();
      const again = findNow(applicable(step.target.candidates, step.nextcloudMajor), this.env);
      if (again) {
        this.stop();
        this.target = again.element;
        this.render("target");
        this.follow();
      } else {
        this.stop();
        this.step = null;
        void this.show({ ...step, target: { ...step.target, open: null, waitMs: step.target.waitMs ?? DEFAULT_WAIT_MS } });
      }
    });
    mo.observe(this.env.root, { childList: true, subtree: true });
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

function sameStep(a: OverlayStep, b: OverlayStep): boolean {
  return a.tourId === b.tourId && a.stepId === b.stepId && a.text === b.text && a.labels.progress === b.labels.progress;
}

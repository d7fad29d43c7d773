import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { Overlay } from "./overlay";
import { add, fakeEnv, step } from "./testEnv";
import type { OverlayEvent } from "./types";

const SHARE = "[data-cy-files-list-row-name='welcome.txt'] [data-cy-files-list-row-action='sharing-status']";

let events: OverlayEvent[];
let overlay: Overlay;

function row(): HTMLElement {
  const tr = add(document.body, "tr", { "data-cy-files-list-row-name": "welcome.txt" }, "0,200,900,50");
  return add(tr, "button", { "data-cy-files-list-row-action": "sharing-status", title: "Show sharing options" }, "700,210,40,30");
}

beforeEach(() => {
  document.body.replaceChildren();
  events = [];
  overlay = new Overlay(fakeEnv(), { report: (e) => events.push(e) });
});
afterEach(() => {
  overlay.hide();
  vi.useRealTimers();
});

const q = (sel: string) => overlay.root.querySelector(sel) as HTMLElement;

describe("overlay on a found target", () => {
  it("draws the spotlight on it and a labelled dialog next to it, with focus", async () => {
    const button = row();
    await overlay.show(step({ candidates: [{ selector: SHARE, nextcloud: { min: 28, max: 32 } }] }));
    expect(overlay.mode).toBe("target");
    const spot = q(".spot");
    expect(spot.hidden).toBe(false);
    expect(spot.style.left).toBe("694px");
    expect(spot.style.top).toBe("204px");
    const dialog = q("[role=dialog]");
    expect(dialog.getAttribute("aria-labelledby")).toBe("passerelle-overlay-title");
    expect(q("#passerelle-overlay-title").textContent).toBe("Guided tour — Step 3 of 9");
    expect(overlay.placement).toBe("below");
    expect(overlay.root.activeElement).toBe(dialog);
    expect(q("[aria-live]").textContent).toContain("Step 3 of 9. Click the share icon.");
    expect(button.isConnected).toBe(true);
    expect(events).toEqual([]);
  });

  it("reports a click on the target when the step advances by click", async () => {
    const button = row();
    await overlay.show(step({ candidates: [{ selector: SHARE, nextcloud: null }] }, { advance: "click" }));
    expect(q(".hint").textContent).toBe("Click it to go on.");
    button.click();
    expect(events).toEqual([{ event: "clicked", tourId: "sharing", stepId: "share-icon" }]);
  });

  it("has Back, Next and Close buttons that report, and no Back on the first step", async () => {
    row();
    await overlay.show(step({ candidates: [{ selector: SHARE, nextcloud: null }] }));
    const labels = [...overlay.root.querySelectorAll("button")].map((b) => b.textContent);
    expect(labels).toEqual(["Back", "Next", "Close"]);
    q("[data-action=back]").click();
    q("[data-action=next]").click();
    expect(events.map((e) => e.event)).toEqual(["back", "next"]);
    overlay.hide();
    await overlay.show(step({ candidates: [{ selector: SHARE, nextcloud: null }] }, { index: 0, stepId: "first" }));
    expect([...overlay.root.querySelectorAll("button")].map((b) => b.textContent)).toEqual(["Next", "Close"]);
  });

  it("says Finish on the last step", async () => {
    row();
    await overlay.show(step({ candidates: [{ selector: SHARE, nextcloud: null }] }, { index: 8 }));
    expect(q("[data-action=next]").textContent).toBe("Finish");
  });

  it("closes on Escape, reports it and gives focus back", async () => {
    row();
    const before = add(document.body, "input", { id: "search" }, "0,0,100,20");
    before.focus();
    await overlay.show(step({ candidates: [{ selector: SHARE, nextcloud: null }] }));
    q("[role=dialog]").dispatchEvent(new KeyboardEvent("keydown", { key: "Escape", bubbles: true }));
    expect(events.map((e) => e.event)).toEqual(["close"]);
    expect(overlay.host.isConnected).toBe(false);
    expect(document.activeElement).toBe(before);
  });

  it("goes forward and back with the arrow keys", async () => {
    row();
    await overlay.show(step({ candidates: [{ selector: SHARE, nextcloud: null }] }));
    const dialog = q("[role=dialog]");
    dialog.dispatchEvent(new KeyboardEvent("keydown", { key: "ArrowRight", bubbles: true }));
    dialog.dispatchEvent(new KeyboardEvent("keydown", { key: "ArrowLeft", bubbles: true }));
    expect(events.map((e) => e.event)).toEqual(["next", "back"]);
  });

  it("follows the target when a container scrolls", async () => {
    const button = row();
    await overlay.show(step({ candidates: [{ selector: SHARE, nextcloud: null }] }));
    button.setAttribute("data-box", "700,400,40,30");
    const list = add(document.body, "div", { class: "files-list" }, "0,0,900,600");
    list.dispatchEvent(new Event("scroll")); // does not bubble: caught in the capture phase
    await new Promise((r) => requestAnimationFrame(() => r(null)));
    await new Promise((r) => setTimeout(r, 20));
    expect(q(".spot").style.top).toBe("394px");
  });

  it("finds the target again when the page re-renders it", async () => {
    const button = row();
    await overlay.show(step({ candidates: [{ selector: SHARE, nextcloud: null }] }, { advance: "click" }));
    const tr = button.parentElement!;
    button.remove();
    const fresh = add(tr, "button", { "data-cy-files-list-row-action": "sharing-status" }, "700,260,40,30");
    await new Promise((r) => setTimeout(r, 20));
    expect(q(".spot").style.top).toBe("254px");
    fresh.click();
    expect(events).toEqual([{ event: "clicked", tourId: "sharing", stepId: "share-icon" }]);
  });
});

describe("reduced motion", () => {
  it("drops the transitions when the person asked for less motion", () => {
    const media = vi.spyOn(window, "matchMedia").mockImplementation(
      (query: string) => ({ matches: query.includes("reduce"), media: query }) as MediaQueryList,
    );
    const calm = new Overlay(fakeEnv(), { report: () => undefined });
    expect(calm.root.querySelector(".reduced")).not.toBeNull();
    media.mockRestore();
    expect(overlay.root.querySelector(".reduced")).toBeNull();
  });
});

describe("overlay on a hover-only target", () => {
  it("leaves focus on the page, or the target would hide again", async () => {
    const entry = add(document.body, "a", { class: "cal", href: "#" }, "0,100,200,30");
    entry.addEventListener("focusin", () => {
      if (!document.querySelector(".pencil")) add(document.body, "button", { class: "pencil" }, "170,100,30,30");
    });
    await overlay.show(
      step({ open: { action: "hover", selector: "a.cal" }, candidates: [{ selector: ".pencil", nextcloud: null }] }),
    );
    expect(overlay.mode).toBe("target");
    expect(document.activeElement).toBe(entry);
    expect(overlay.root.activeElement).toBeNull();
    expect(q("[aria-live]").textContent).toContain("Click the share icon.");
  });
});

describe("overlay when the target never comes", () => {
  it("centres the popover with the fallback words and reports the miss", async () => {
    vi.useFakeTimers();
    const shown = overlay.show(
      step({
        waitMs: 3000,
        candidates: [
          { selector: ".gone", nextcloud: { min: 28, max: 32 } },
          { selector: ".old", nextcloud: { min: 27, max: 27 } },
        ],
      }),
    );
    await vi.advanceTimersByTimeAsync(3000);
    await shown;
    expect(overlay.mode).toBe("missing");
    expect(overlay.placement).toBe("center");
    expect(q(".spot").hidden).toBe(true);
    expect(q(".missing").textContent).toBe("I could not find it on this page.");
    expect(q(".body").textContent).toContain("at the end of the file's row");
    expect(events).toEqual([{ event: "missed", tourId: "sharing", stepId: "share-icon", tried: [".gone"] }]);
  });

  it("forgets a lookup under way when another step is shown", async () => {
    vi.useFakeTimers();
    const first = overlay.show(step({ waitMs: 5000, candidates: [{ selector: ".gone", nextcloud: null }] }));
    row();
    await overlay.show(step({ candidates: [{ selector: SHARE, nextcloud: null }] }, { stepId: "second" }));
    await vi.advanceTimersByTimeAsync(5000);
    await first;
    expect(overlay.mode).toBe("target");
    expect(events).toEqual([]);
  });
});

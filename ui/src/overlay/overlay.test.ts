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
/** The person's actions reported, without the "shown" reports. */
const acts = () => events.filter((e) => e.event !== "shown").map((e) => e.event);

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
    // The main window learns that the place is lit (its status says so).
    expect(events).toEqual([{ event: "shown", tourId: "sharing", stepId: "share-icon" }]);
  });

  it("reports a click on the target when the step advances by click", async () => {
    const button = row();
    await overlay.show(step({ candidates: [{ selector: SHARE, nextcloud: null }] }, { advance: "click" }));
    expect(q(".hint").textContent).toBe("Click it to go on.");
    button.click();
    expect(events.slice(1)).toEqual([{ event: "clicked", tourId: "sharing", stepId: "share-icon" }]);
  });

  it("has Back, Next and Close buttons that report, and no Back on the first step", async () => {
    row();
    await overlay.show(step({ candidates: [{ selector: SHARE, nextcloud: null }] }));
    const labels = [...overlay.root.querySelectorAll("button")].map((b) => b.textContent);
    expect(labels).toEqual(["Back", "Next", "Close"]);
    q("[data-action=back]").click();
    q("[data-action=next]").click();
    expect(acts()).toEqual(["back", "next"]);
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
    expect(acts()).toEqual(["close"]);
    expect(overlay.host.isConnected).toBe(false);
    expect(document.activeElement).toBe(before);
  });

  it("goes forward and back with the arrow keys", async () => {
    row();
    await overlay.show(step({ candidates: [{ selector: SHARE, nextcloud: null }] }));
    const dialog = q("[role=dialog]");
    dialog.dispatchEvent(new KeyboardEvent("keydown", { key: "ArrowRight", bubbles: true }));
    dialog.dispatchEvent(new KeyboardEvent("keydown", { key: "ArrowLeft", bubbles: true }));
    expect(acts()).toEqual(["next", "back"]);
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
    expect(events).toEqual([
      { event: "shown", tourId: "sharing", stepId: "share-icon" },
      { event: "clicked", tourId: "sharing", stepId: "share-icon" },
    ]);
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
    expect(events).toEqual([{ event: "shown", tourId: "sharing", stepId: "second" }]);
  });
});

// Issue #16, item 1: on Nextcloud's login page the popover covered the fields, took the focus
// while the person typed the password, and recorded a false miss in Tour health.
describe("on Nextcloud's sign-in pages", () => {
  function loginPage(): HTMLInputElement {
    document.body.id = "body-login";
    const form = add(document.body, "form", { name: "login", class: "login-form", action: "/index.php/login" }, "400,200,400,300");
    add(form, "input", { id: "user", name: "user" }, "420,260,360,40");
    return add(form, "input", { id: "password", type: "password", name: "password" }, "420,320,360,40") as HTMLInputElement;
  }
  afterEach(() => {
    document.body.removeAttribute("id");
    history.replaceState(null, "", "/");
  });

  it("shows only a strip, keeps the focus in the password field and records no miss", async () => {
    vi.useFakeTimers();
    const password = loginPage();
    password.focus();
    const shown = overlay.show(step({ waitMs: 3000, candidates: [{ selector: SHARE, nextcloud: null }] }));
    await vi.advanceTimersByTimeAsync(10_000);
    await shown;
    expect(overlay.mode).toBe("signIn");
    expect(q(".strip").hidden).toBe(false);
    expect(q(".strip").textContent).toBe("Sign in first: the tour goes on afterwards.");
    expect(q(".strip").querySelector("a, button")).toBeNull();
    expect(q(".pop").hidden).toBe(true);
    expect(q(".spot").hidden).toBe(true);
    expect(document.activeElement).toBe(password);
    expect(overlay.root.activeElement).toBeNull();
    expect(events).toEqual([{ event: "signIn", tourId: "sharing", stepId: "share-icon" }]);
  });

  it("says so on a sign-in address before the form is drawn (two-factor, consent)", async () => {
    history.replaceState(null, "", "/index.php/login/challenge/totp");
    document.body.id = "body-login";
    await overlay.show(step({ candidates: [{ selector: SHARE, nextcloud: null }] }));
    expect(overlay.mode).toBe("signIn");
  });

  it("draws no empty strip on the app's pages (the hidden attribute beats the strip's display)", async () => {
    row();
    await overlay.show(step({ candidates: [{ selector: SHARE, nextcloud: null }] }));
    expect(q(".strip").hidden).toBe(true);
    expect(getComputedStyle(q(".strip")).display).toBe("none");
  });

  it("resumes the step by itself once the page is the app's", async () => {
    loginPage();
    await overlay.show(step({ candidates: [{ selector: SHARE, nextcloud: null }] }));
    expect(overlay.mode).toBe("signIn");
    // Signed in: the page becomes the app's and the row renders.
    document.body.id = "body-user";
    document.body.replaceChildren();
    row();
    await vi.waitFor(() => expect(overlay.mode).toBe("target"));
    expect(q(".strip").hidden).toBe(true);
    expect(q(".pop").hidden).toBe(false);
    expect(events.map((e) => e.event)).toEqual(["signIn", "shown"]);
  });

  it("shows nothing and records nothing on another guest page (an error page)", async () => {
    vi.useFakeTimers();
    document.body.id = "body-login";
    add(document.body, "div", { class: "body-login-container update" }, "0,0,300,200");
    const shown = overlay.show(step({ waitMs: 1000, candidates: [{ selector: SHARE, nextcloud: null }] }));
    await vi.advanceTimersByTimeAsync(5000);
    await shown;
    expect(q(".strip").hidden).toBe(true);
    expect(q(".pop").hidden).toBe(true);
    expect(events).toEqual([]);
  });
});

describe("on another page than the step's", () => {
  afterEach(() => history.replaceState(null, "", "/"));

  it("offers the way there and records no miss", async () => {
    vi.useFakeTimers();
    history.replaceState(null, "", "/index.php/apps/calendar/");
    const shown = overlay.show(
      step({ waitMs: 1000, candidates: [{ selector: SHARE, nextcloud: null }] }, { page: "apps/files/" }),
    );
    await vi.advanceTimersByTimeAsync(1000);
    await shown;
    expect(overlay.mode).toBe("elsewhere");
    expect(q(".pop").hidden).toBe(true);
    const link = q(".strip a") as HTMLAnchorElement;
    expect(link.textContent).toBe("Go there");
    expect(link.href).toBe(`${location.origin}/index.php/apps/files/`);
    expect(events).toEqual([]);
  });

  it("still lights the target when it is there (a header button on every page)", async () => {
    history.replaceState(null, "", "/index.php/apps/calendar/");
    row();
    await overlay.show(step({ candidates: [{ selector: SHARE, nextcloud: null }] }, { page: "apps/files/" }));
    expect(overlay.mode).toBe("target");
  });
});

// Issue #16, item 5: a target inside a menu. The step came from the person's click that was
// opening the menu; clicking the toggle again closed it; the popover then took the focus,
// which closes Nextcloud's menus too, and "not found" followed.
describe("a target inside a menu", () => {
  /** Nextcloud 29's "+ New": aria-expanded at once, the menu in <body> 59 ms later, visible
   * (opacity 1) at 111 ms (nextcloud-dom files-new-menu); a second click closes it. */
  function newMenu(): { button: HTMLElement; clicks: () => number } {
    let clicks = 0;
    const button = add(document.body, "button", { "data-cy-upload-picker": "", "aria-haspopup": "menu", "aria-expanded": "false" }, "10,10,60,30");
    button.addEventListener("click", () => {
      clicks++;
      const open = button.getAttribute("aria-expanded") === "true";
      button.setAttribute("aria-expanded", String(!open));
      // Closing keeps the menu in the page: it fades, then is hidden (read on the real 29.0.6).
      if (open) return void setTimeout(() => document.querySelector("[role=menu]")?.setAttribute("style", "visibility: hidden; opacity: 0"), 150);
      setTimeout(() => {
        const menu = add(document.body, "ul", { role: "menu", style: "opacity: 0" }, "10,50,200,90");
        const li = add(menu, "li", { "data-cy-upload-picker-menu-entry": "newFolder" }, "10,90,200,30");
        add(li, "button", { role: "menuitem" }, "10,90,200,30");
        setTimeout(() => menu.setAttribute("style", "opacity: 1"), 52);
      }, 59);
    });
    return { button, clicks: () => clicks };
  }
  const menuStep = () =>
    step({
      waitMs: 2000,
      open: { action: "click", selector: "[data-cy-upload-picker]" },
      candidates: [{ selector: "[data-cy-upload-picker-menu-entry='newFolder'] > button", nextcloud: null }],
    });

  it("waits for a menu that is opening instead of clicking it shut, then lights the entry without taking the focus", async () => {
    vi.useFakeTimers();
    const { button, clicks } = newMenu();
    button.focus();
    button.click(); // the person's click, which moved the tour to this step
    const shown = overlay.show(menuStep());
    await vi.advanceTimersByTimeAsync(60);
    expect(overlay.mode).toBeNull(); // the menu is there but still transparent: nothing framed
    await vi.advanceTimersByTimeAsync(300);
    await shown;
    expect(clicks()).toBe(1);
    expect(overlay.mode).toBe("target");
    expect(q(".spot").style.top).toBe("84px");
    expect(document.activeElement).toBe(button);
    expect(overlay.root.activeElement).toBeNull();
    expect(events).toEqual([{ event: "shown", tourId: "sharing", stepId: "share-icon" }]);
  });

  it("opens a closed menu once, then lights the entry", async () => {
    vi.useFakeTimers();
    const { clicks } = newMenu();
    const shown = overlay.show(menuStep());
    await vi.advanceTimersByTimeAsync(400);
    await shown;
    expect(clicks()).toBe(1);
    expect(overlay.mode).toBe("target");
  });

  it("lets go of an entry that a fade hides without any change in the page", async () => {
    vi.useFakeTimers();
    newMenu();
    const shown = overlay.show(menuStep());
    await vi.advanceTimersByTimeAsync(400);
    await shown;
    expect(overlay.mode).toBe("target");
    // Nextcloud's menu ends its fade-out hidden: computed style only, no mutation.
    const entry = document.querySelector("[data-cy-upload-picker-menu-entry='newFolder'] > button")!;
    const real = window.getComputedStyle;
    const faded = vi.spyOn(window, "getComputedStyle").mockImplementation((el, pseudo) => {
      const style = real(el, pseudo);
      return el === entry ? ({ ...style, display: style.display, opacity: "1", visibility: "hidden" } as CSSStyleDeclaration) : style;
    });
    await vi.advanceTimersByTimeAsync(300);
    faded.mockRestore();
    expect(q(".spot").hidden).toBe(true);
    expect(events.map((e) => e.event)).toEqual(["shown"]);
  });

  it("records no miss when the person closes the menu after it was lit", async () => {
    vi.useFakeTimers();
    const { button } = newMenu();
    const shown = overlay.show(menuStep());
    await vi.advanceTimersByTimeAsync(400);
    await shown;
    expect(overlay.mode).toBe("target");
    button.click(); // closes it: the entry stays in the page, hidden
    await vi.advanceTimersByTimeAsync(200);
    expect(document.querySelector("[data-cy-upload-picker-menu-entry='newFolder'] > button")?.isConnected).toBe(true);
    expect(q(".spot").hidden).toBe(true);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(overlay.mode).toBe("missing");
    expect(events.map((e) => e.event)).toEqual(["shown"]);
  });
});

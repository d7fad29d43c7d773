import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { applicable, expanded, findNow, inRange, isVisible, locate, waitFor } from "./lookup";
import { add, fakeEnv } from "./testEnv";

beforeEach(() => {
  document.body.replaceChildren();
});
afterEach(() => {
  vi.useRealTimers();
});

describe("version ranges", () => {
  it("keeps ends inclusive and open ends open", () => {
    expect(inRange({ min: 28, max: 30 }, 28)).toBe(true);
    expect(inRange({ min: 28, max: 30 }, 30)).toBe(true);
    expect(inRange({ min: 28, max: 30 }, 27)).toBe(false);
    expect(inRange({ min: 28, max: 30 }, 31)).toBe(false);
    expect(inRange({ min: null, max: 27 }, 20)).toBe(true);
    expect(inRange(null, 29)).toBe(true);
  });

  it("tries every candidate when the version is unknown", () => {
    const cs = [
      { selector: "a", nextcloud: { min: 27, max: 27 } },
      { selector: "b", nextcloud: { min: 28, max: 32 } },
    ];
    expect(applicable(cs, 29).map((c) => c.selector)).toEqual(["b"]);
    expect(applicable(cs, 27).map((c) => c.selector)).toEqual(["a"]);
    expect(applicable(cs, null).map((c) => c.selector)).toEqual(["a", "b"]);
  });
});

describe("visibility and uniqueness", () => {
  it("ignores elements without size, hidden ones and those under display:none", () => {
    const env = fakeEnv();
    const sized = add(document.body, "button", {}, "10,10,40,20");
    const empty = add(document.body, "button", {});
    const hidden = add(document.body, "button", { hidden: "" }, "10,10,40,20");
    const parent = add(document.body, "div", { style: "display: none" }, "0,0,100,100");
    const inside = add(parent, "button", {}, "10,10,40,20");
    const invisible = add(document.body, "button", { style: "visibility: hidden" }, "10,10,40,20");
    expect(isVisible(sized, env)).toBe(true);
    expect(isVisible(empty, env)).toBe(false);
    expect(isVisible(hidden, env)).toBe(false);
    expect(isVisible(inside, env)).toBe(false);
    expect(isVisible(invisible, env)).toBe(false);
  });

  it("skips a candidate that matches two visible elements (like '#user-menu button')", () => {
    const env = fakeEnv();
    const menu = add(document.body, "div", { id: "user-menu" }, "0,0,100,40");
    add(menu, "button", { "aria-controls": "header-menu-user-menu" }, "60,0,40,40");
    add(menu, "button", { class: "user-status-menu-item" }, "0,50,100,30");
    const found = findNow(
      [
        { selector: "#user-menu button", nextcloud: null },
        { selector: "button[aria-controls='header-menu-user-menu']", nextcloud: null },
      ],
      env,
    );
    expect(found?.selector).toBe("button[aria-controls='header-menu-user-menu']");
  });

  it("counts only visible matches for uniqueness", () => {
    const env = fakeEnv();
    add(document.body, "button", { class: "x" }, "0,0,10,10");
    add(document.body, "button", { class: "x", hidden: "" }, "0,0,10,10");
    expect(findNow([{ selector: ".x", nextcloud: null }], env)?.element).toBeTruthy();
  });

  it("treats an invalid selector as no match instead of throwing", () => {
    const env = fakeEnv();
    add(document.body, "button", { class: "ok" }, "0,0,10,10");
    const found = findNow(
      [
        { selector: "button:has-text('Save')", nextcloud: null },
        { selector: ".ok", nextcloud: null },
      ],
      env,
    );
    expect(found?.selector).toBe(".ok");
  });
});

describe("waiting", () => {
  it("resolves when a mutation inserts the target (~2 s after load), not before", async () => {
    vi.useFakeTimers();
    const env = fakeEnv();
    let settled = false;
    const p = waitFor(() => findNow([{ selector: "[data-cy-upload-picker] button", nextcloud: null }], env), env, 8000);
    void p.then(() => (settled = true));
    await vi.advanceTimersByTimeAsync(1900);
    expect(settled).toBe(false);
    const form = add(document.body, "form", { "data-cy-upload-picker": "" }, "0,0,100,40");
    add(form, "button", {}, "0,0,80,40");
    await vi.advanceTimersByTimeAsync(0);
    const found = await p;
    expect(found?.element.tagName).toBe("BUTTON");
  });

  it("notices a change no mutation reports (CSS) on its next re-check", async () => {
    vi.useFakeTimers();
    const env = fakeEnv();
    const el = add(document.body, "button", { class: "pencil" });
    let sized = false;
    const p = waitFor(() => (sized ? findNow([{ selector: ".pencil", nextcloud: null }], env) : null), env, 2000);
    sized = true;
    el.setAttribute("data-box", "0,0,10,10"); // an attribute change is also a mutation
    await vi.advanceTimersByTimeAsync(300);
    expect((await p)?.element).toBe(el);
  });

  it("gives up after the step's limit", async () => {
    vi.useFakeTimers();
    const env = fakeEnv();
    const p = waitFor(() => findNow([{ selector: ".never", nextcloud: null }], env), env, 3000);
    await vi.advanceTimersByTimeAsync(2999);
    let value: unknown = "pending";
    void p.then((v) => (value = v));
    await vi.advanceTimersByTimeAsync(0);
    expect(value).toBe("pending");
    await vi.advanceTimersByTimeAsync(1);
    expect(await p).toBeNull();
  });

  it("stops at once when aborted", async () => {
    vi.useFakeTimers();
    const env = fakeEnv();
    const abort = new AbortController();
    const p = waitFor(() => null, env, 60_000, abort.signal);
    abort.abort();
    expect(await p).toBeNull();
  });
});

describe("locate", () => {
  it("clicks the opener, then waits for the menu appended to <body>", async () => {
    vi.useFakeTimers();
    const env = fakeEnv();
    const newButton = add(document.body, "button", { "data-cy-upload-picker": "" }, "10,10,60,30");
    newButton.addEventListener("click", () => {
      // Menus appear 94-121 ms after the click, appended to <body> (nextcloud-dom).
      setTimeout(() => {
        const li = add(document.body, "li", { "data-cy-upload-picker-menu-entry": "newFolder" }, "10,50,200,30");
        add(li, "button", { role: "menuitem" }, "10,50,200,30");
      }, 110);
    });
    const p = locate(
      {
        waitMs: 2000,
        open: { action: "click", selector: "[data-cy-upload-picker]" },
        candidates: [{ selector: "[data-cy-upload-picker-menu-entry='newFolder'] > button", nextcloud: { min: 28, max: 32 } }],
      },
      29,
      env,
    );
    await vi.advanceTimersByTimeAsync(120);
    const r = await p;
    expect(r.found).toBe(true);
    if (r.found) expect(r.opened).toBe(true);
  });

  it("does not run the open action when the target is already there", async () => {
    const env = fakeEnv();
    const opener = add(document.body, "button", { class: "open" }, "0,0,10,10");
    const clicks = vi.fn();
    opener.addEventListener("click", clicks);
    add(document.body, "input", { id: "sharing-search-input" }, "0,40,200,30");
    const r = await locate(
      { waitMs: 500, open: { action: "click", selector: ".open" }, candidates: [{ selector: "#sharing-search-input", nextcloud: null }] },
      29,
      env,
    );
    expect(r.found).toBe(true);
    expect(clicks).not.toHaveBeenCalled();
  });

  it("hovers (and focuses) a hover-only opener", async () => {
    const env = fakeEnv();
    const entry = add(document.body, "li", { class: "cal", tabindex: "0" }, "0,0,200,30");
    entry.addEventListener("mouseenter", () => {
      add(entry, "button", { "aria-label": "Edit and share calendar" }, "170,0,30,30");
    });
    const r = await locate(
      { waitMs: 500, open: { action: "hover", selector: "li.cal" }, candidates: [{ selector: "button[aria-label='Edit and share calendar']", nextcloud: null }] },
      29,
      env,
    );
    expect(r.found).toBe(true);
    expect(document.activeElement).toBe(entry);
  });

  it("reports the selectors it tried for this version when nothing comes", async () => {
    vi.useFakeTimers();
    const env = fakeEnv();
    const p = locate(
      {
        waitMs: 1000,
        open: null,
        candidates: [
          { selector: ".old", nextcloud: { min: 27, max: 27 } },
          { selector: ".new", nextcloud: { min: 28, max: 32 } },
          { selector: ".any", nextcloud: null },
        ],
      },
      29,
      env,
    );
    await vi.advanceTimersByTimeAsync(1000);
    expect(await p).toEqual({ found: false, tried: [".new", ".any"], openFailed: false });
  });

  it("says so when the opener itself never comes", async () => {
    vi.useFakeTimers();
    const env = fakeEnv();
    const p = locate({ waitMs: 500, open: { action: "click", selector: ".menu" }, candidates: [{ selector: ".x", nextcloud: null }] }, 29, env);
    await vi.advanceTimersByTimeAsync(500);
    expect(await p).toMatchObject({ found: false, openFailed: true });
  });
});

describe("menus that fade (issue #16, item 5)", () => {
  it("does not count a fully transparent element (a closed menu kept in the page) as visible", () => {
    const env = fakeEnv();
    const menu = add(document.body, "ul", { role: "menu", style: "opacity: 0" }, "10,50,200,90");
    const entry = add(menu, "li", { class: "entry" }, "10,50,200,30");
    expect(isVisible(entry, env)).toBe(false);
    menu.setAttribute("style", "opacity: 0.4");
    expect(isVisible(entry, env)).toBe(true);
  });

  it("reads whether a menu is open from aria-expanded on the opener, inside it or around it", () => {
    const form = add(document.body, "form", { "data-cy-upload-picker": "" }, "0,0,60,30");
    const button = add(form, "button", { "aria-expanded": "true" }, "0,0,60,30");
    expect(expanded(form)).toBe(true);
    expect(expanded(button)).toBe(true);
    button.setAttribute("aria-expanded", "false");
    expect(expanded(form)).toBe(false);
    expect(expanded(add(document.body, "a", { class: "plain" }, "0,40,60,30"))).toBeNull();
  });
});

// The shared busy-button and clipboard helpers (src/components/busy.ts, clipboard.ts).
import { afterEach, describe, expect, it, vi } from "vitest";
import { busy, runBusy } from "../src/components/busy";
import { copyOrSelect } from "../src/components/clipboard";

const button = (text = "Go") => {
  const b = document.createElement("button");
  b.textContent = text;
  return b;
};

afterEach(() => vi.unstubAllGlobals());

describe("busy buttons", () => {
  it("says what happens while busy and gives the label back", () => {
    const b = button("Check");
    const done = busy(b, "Checking…");
    expect(b.disabled).toBe(true);
    expect(b.textContent).toBe("Checking…");
    done();
    expect(b.disabled).toBe(false);
    expect(b.textContent).toBe("Check");
  });

  it("is usable again after a failure, which goes to onError", async () => {
    const b = button();
    const errors: unknown[] = [];
    expect(await runBusy(b, async () => Promise.reject(new Error("no")), (e) => errors.push(e))).toBe(false);
    expect(b.disabled).toBe(false);
    expect(errors).toHaveLength(1);
  });

  it("stays disabled after a success when asked (the caller moves on)", async () => {
    const b = button();
    expect(await runBusy(b, async () => undefined, () => undefined, true)).toBe(true);
    expect(b.disabled).toBe(true);
    const c = button();
    await runBusy(c, async () => undefined, () => undefined);
    expect(c.disabled).toBe(false);
  });
});

describe("copying", () => {
  it("selects the text on the page when there is no clipboard", async () => {
    vi.stubGlobal("navigator", { clipboard: undefined });
    const shown = document.createElement("code");
    shown.textContent = "https://x.example";
    document.body.replaceChildren(shown);
    expect(await copyOrSelect("https://x.example", shown)).toBe(false);
    expect(window.getSelection()?.toString()).toBe("https://x.example");
  });

  it("copies through the clipboard when there is one", async () => {
    const writeText = vi.fn(async () => undefined);
    vi.stubGlobal("navigator", { clipboard: { writeText } });
    expect(await copyOrSelect("abc", document.createElement("code"))).toBe(true);
    expect(writeText).toHaveBeenCalledWith("abc");
  });
});

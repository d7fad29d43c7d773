// Issue #16, item 13: Ctrl+plus / Ctrl+minus / Ctrl+0 change the text size, like the desktop
// convention, bound to the Settings text size (kept by the backend).
import { clearMocks } from "@tauri-apps/api/mocks";
import { afterEach, describe, expect, it } from "vitest";
import { stepTextSize, textSizeShortcut } from "../src/app";
import { createI18n } from "../src/i18n";
import { byTestId, startWith, waitFor, type Started } from "./helpers";

const fr = createI18n("fr");

let started: Started | undefined;
afterEach(() => {
  started?.app.stop();
  started = undefined;
  clearMocks();
});

function press(init: KeyboardEventInit): KeyboardEvent {
  const event = new KeyboardEvent("keydown", { bubbles: true, cancelable: true, ...init });
  (document.activeElement ?? document.body).dispatchEvent(event);
  return event;
}

const size = () => document.documentElement.dataset.textSize;

describe("text size shortcuts", () => {
  it.each([
    [{ ctrlKey: true, key: "+" }, "bigger"],
    [{ ctrlKey: true, key: "=" }, "bigger"],
    [{ ctrlKey: true, shiftKey: true, key: "+", code: "Equal" }, "bigger"],
    [{ ctrlKey: true, key: "+", code: "NumpadAdd" }, "bigger"],
    [{ metaKey: true, key: "=" }, "bigger"],
    [{ ctrlKey: true, key: "-" }, "smaller"],
    [{ ctrlKey: true, key: "-", code: "NumpadSubtract" }, "smaller"],
    [{ ctrlKey: true, key: "0" }, "reset"],
    [{ ctrlKey: true, key: "à", code: "Digit0" }, "reset"],
    [{ ctrlKey: true, key: "Insert", code: "Numpad0" }, "reset"],
    [{ key: "+" }, null],
    [{ ctrlKey: true, altKey: true, key: "+" }, null],
    [{ ctrlKey: true, key: "a" }, null],
  ] as const)("%o → %s", (init, step) => {
    expect(textSizeShortcut(new KeyboardEvent("keydown", init))).toBe(step);
  });

  it("steps within the sizes Settings offers", () => {
    expect(stepTextSize("normal", "bigger")).toBe("large");
    expect(stepTextSize("large", "bigger")).toBe("larger");
    expect(stepTextSize("larger", "bigger")).toBe("larger");
    expect(stepTextSize("larger", "smaller")).toBe("large");
    expect(stepTextSize("normal", "smaller")).toBe("normal");
    expect(stepTextSize("larger", "reset")).toBe("normal");
  });

  it("changes the setting from anywhere, keeps it, and Settings follows", async () => {
    started = await startWith({ profiles: ["Camille"] });
    const { backend } = started;
    byTestId<HTMLButtonElement>("profile-choice").click();
    await waitFor(() => expect(byTestId("tours-screen")).toBeTruthy());
    byTestId<HTMLAnchorElement>("nav-settings").click();
    const radio = (value: string) => byTestId<HTMLInputElement>(`text-size-${value}`);
    expect(radio("normal").checked).toBe(true);

    const event = press({ ctrlKey: true, key: "+" });
    expect(event.defaultPrevented).toBe(true);
    expect(size()).toBe("large");
    await waitFor(() => expect(backend.settings.textSize).toBe("large"));
    await waitFor(() => expect(radio("large").checked).toBe(true));
    expect(byTestId("announcer").textContent).toBe(
      fr.t("announce-text-size", { size: fr.t("settings-text-size-large") }),
    );

    press({ ctrlKey: true, key: "=" });
    await waitFor(() => expect(backend.settings.textSize).toBe("larger"));
    expect(size()).toBe("larger");
    // Already the largest: nothing to keep, but the person hears where they are.
    const calls = backend.countCalls("settings_update");
    press({ ctrlKey: true, key: "+", code: "NumpadAdd" });
    expect(backend.countCalls("settings_update")).toBe(calls);
    expect(byTestId("announcer").textContent).toBe(
      fr.t("announce-text-size", { size: fr.t("settings-text-size-larger") }),
    );

    press({ ctrlKey: true, key: "-" });
    await waitFor(() => expect(backend.settings.textSize).toBe("large"));
    press({ ctrlKey: true, key: "0" });
    await waitFor(() => expect(backend.settings.textSize).toBe("normal"));
    expect(size()).toBe("normal");
    await waitFor(() => expect(radio("normal").checked).toBe(true));
  });

  it("works on the Welcome screen too, before any profile", async () => {
    started = await startWith({ profiles: [] });
    press({ ctrlKey: true, key: "+" });
    await waitFor(() => expect(started!.backend.settings.textSize).toBe("large"));
    expect(size()).toBe("large");
  });
});

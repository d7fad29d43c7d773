// Updates in the UI, over Tauri's mockIPC with the real generated bindings:
// nothing is downloaded or installed without a click, progress is shown, errors
// are the backend's codes in words, and the quiet check at start only shows a
// banner when an update exists.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import type { Channel } from "@tauri-apps/api/core";
import * as commands from "../src/bindings/commands";
import type { IpcError, UpdateCheck, UpdateEvent, UpdateStatus } from "../src/bindings/types";
import {
  percentOf,
  quietCheckAtStart,
  sourceText,
  updateSection,
} from "../src/components/updates";
import { freshMemory, type ScreenMemory } from "../src/context";
import { createI18n } from "../src/i18n";
import { tauriPlatform } from "../src/platform";
import { byTestId, waitFor } from "./helpers";

const STATUS: UpdateStatus = {
  currentVersion: "0.1.0",
  endpoint: "https://updates.example.org/latest.json",
  source: "build",
  mirror: null,
  mirrorFile: "/data/update-mirror.txt",
  lastCheck: null,
  problem: null,
};

const AVAILABLE: UpdateCheck = {
  kind: "available",
  update: { currentVersion: "0.1.0", version: "0.2.0", date: null, notes: "Fixes and a new tour" },
};

/** A scripted backend: answers per command, and every call recorded. */
class Backend {
  calls: string[] = [];
  check: UpdateCheck | IpcError = AVAILABLE;
  atStart: UpdateCheck | Error = AVAILABLE;
  download: IpcError | null = null;
  install: IpcError | null = null;
  status: UpdateStatus = { ...STATUS };
  channelId: number | null = null;

  install_mock(): this {
    mockIPC((cmd, args) => {
      this.calls.push(cmd);
      const a = args as Record<string, unknown>;
      switch (cmd) {
        case "updates_status":
          return this.status;
        case "updates_set_mirror": {
          const mirror = a.mirror as string | null;
          if (mirror && !mirror.startsWith("https://")) {
            throw { code: "update-mirror-invalid", message: "https only" } satisfies IpcError;
          }
          this.status = { ...this.status, mirror, source: mirror ? "setting" : "build", endpoint: mirror ?? STATUS.endpoint };
          return this.status;
        }
        case "update_check":
          if ("code" in this.check) throw this.check;
          return this.check;
        case "update_check_at_start":
          if (this.atStart instanceof Error) throw this.atStart;
          return this.atStart;
        case "update_download":
          this.channelId = (a.onEvent as Channel<UpdateEvent>).id;
          this.send({ event: "progress", data: { downloaded: 25, total: 100 } });
          if (this.download) throw this.download;
          this.send({ event: "progress", data: { downloaded: 100, total: 100 } });
          this.send({ event: "verified" });
          return null;
        case "update_install":
          if (this.install) throw this.install;
          return null;
        case "update_restart":
          return null;
        default:
          throw new Error(`unexpected command ${cmd}`);
      }
    });
    return this;
  }

  private index = 0;
  send(event: UpdateEvent): void {
    const internals = (window as unknown as { __TAURI_INTERNALS__: { runCallback(id: number, data: unknown): void } })
      .__TAURI_INTERNALS__;
    internals.runCallback(this.channelId!, { index: this.index++, message: event });
  }
}

const i18n = createI18n("en");
/** What the app keeps between screens: fresh for each test. */
let memory: ScreenMemory;
const deps = () => ({ api: commands, i18n, memory, platform: tauriPlatform });

function mount(backend: Backend): HTMLElement {
  backend.install_mock();
  const section = updateSection(deps());
  document.body.append(section);
  return section;
}

const click = (testid: string) => byTestId<HTMLButtonElement>(testid).click();

beforeEach(() => {
  document.body.replaceChildren();
  memory = freshMemory();
});
afterEach(() => clearMocks());

describe("Settings → Updates", () => {
  it("shows the version and the address in use, and asks nothing by itself", async () => {
    const backend = new Backend();
    mount(backend);
    await waitFor(() => expect(byTestId("update-current").textContent).toBe("Installed version: 0.1.0"));
    expect(byTestId("update-source").textContent).toContain("https://updates.example.org/latest.json");
    expect(backend.calls).toEqual(["updates_status"]);
  });

  it("checks on click, shows version and notes, downloads only on a second click, installs on a third", async () => {
    const backend = new Backend();
    mount(backend);
    click("update-check");
    await waitFor(() => expect(byTestId("update-available").textContent).toContain("0.2.0"));
    expect(byTestId("update-notes").textContent).toBe("Fixes and a new tour");
    expect(backend.calls).not.toContain("update_download");

    click("update-download");
    await waitFor(() => byTestId("update-verified"));
    expect(byTestId<HTMLProgressElement>("update-progress").value).toBe(100);
    expect(byTestId("update-progress-text").textContent).toBe("100 %");
    expect(backend.calls).not.toContain("update_install");

    click("update-install");
    await waitFor(() => expect(backend.calls).toContain("update_restart"));
    expect(backend.calls.indexOf("update_install")).toBeLessThan(backend.calls.indexOf("update_restart"));
  });

  it("streams the download on a channel made by the platform it is given", async () => {
    const made: string[] = [];
    const platform = {
      channel: <T,>(onMessage: (event: T) => void) => {
        made.push("channel");
        return tauriPlatform.channel(onMessage);
      },
    };
    new Backend().install_mock();
    document.body.append(updateSection({ ...deps(), platform }));
    click("update-check");
    await waitFor(() => byTestId("update-download"));
    click("update-download");
    await waitFor(() => byTestId("update-verified"));
    expect(made).toEqual(["channel"]);
    expect(byTestId("update-progress-text").textContent).toBe("100 %");
  });

  it("a refused download says why, offers no install, and can be tried again", async () => {
    const backend = new Backend();
    backend.download = { code: "update-signature", message: "bad signature" };
    mount(backend);
    click("update-check");
    await waitFor(() => byTestId("update-download"));
    click("update-download");
    await waitFor(() => expect(byTestId("update-error").dataset.errorCode).toBe("update-signature"));
    expect(byTestId("update-error").textContent).toContain("Nothing was installed");
    expect(document.querySelector('[data-testid="update-install"]')).toBeNull();
    expect(byTestId<HTMLButtonElement>("update-download").disabled).toBe(false);
  });

  it("says 'no connection' when the person asked and the server cannot be reached", async () => {
    const backend = new Backend();
    backend.check = { code: "update-offline", message: "connection refused" };
    mount(backend);
    click("update-check");
    await waitFor(() => expect(byTestId("update-error").textContent).toMatch(/^No connection/));
  });

  it("an older version on the server is named and not offered", async () => {
    const backend = new Backend();
    backend.check = { kind: "upToDate", currentVersion: "0.1.0", offered: "0.0.9" };
    mount(backend);
    click("update-check");
    await waitFor(() => expect(byTestId("update-up-to-date").textContent).toContain("0.1.0"));
    expect(byTestId("update-older").textContent).toContain("0.0.9");
    expect(document.querySelector('[data-testid="update-download"]')).toBeNull();
  });

  it("a mirror that is not https is refused with its message", async () => {
    const backend = new Backend();
    mount(backend);
    await waitFor(() => byTestId("update-current").textContent !== "");
    byTestId<HTMLInputElement>("update-mirror").value = "http://mirror.example.net/latest.json";
    click("update-mirror-save");
    await waitFor(() => expect(byTestId("update-mirror-error").dataset.errorCode).toBe("update-mirror-invalid"));
    byTestId<HTMLInputElement>("update-mirror").value = "https://chatons.example.net/latest.json";
    click("update-mirror-save");
    await waitFor(() => expect(byTestId("update-source").textContent).toContain("your organisation's mirror"));
  });
});

describe("the quiet check at start", () => {
  it("shows a discreet banner only when an update exists, which leads to Settings", async () => {
    const backend = new Backend().install_mock();
    const root = document.createElement("div");
    document.body.append(root);
    let opened = 0;
    const banner = await quietCheckAtStart(deps(), root, () => opened++);
    expect(banner?.getAttribute("role")).toBe("status");
    expect(byTestId("update-banner").textContent).toContain("0.2.0");
    click("update-banner-see");
    expect(opened).toBe(1);
    expect(document.querySelector('[data-testid="update-banner"]')).toBeNull();
    expect(backend.calls).toEqual(["update_check_at_start"]);
    // Settings then shows what was found, without asking the server again.
    backend.calls = [];
    document.body.append(updateSection(deps()));
    expect(byTestId("update-available").textContent).toContain("0.2.0");
    expect(backend.calls).not.toContain("update_check");
  });

  it("stays silent when nothing is new, or when it fails", async () => {
    const root = document.createElement("div");
    const backend = new Backend();
    backend.atStart = { kind: "skipped" };
    backend.install_mock();
    expect(await quietCheckAtStart(deps(), root, () => {})).toBeNull();
    backend.atStart = new Error("offline");
    expect(await quietCheckAtStart(deps(), root, () => {})).toBeNull();
    expect(root.childElementCount).toBe(0);
  });
});

describe("helpers", () => {
  it("percent of a download, unknown without a size", () => {
    expect(percentOf(0, 200)).toBe(0);
    expect(percentOf(199, 200)).toBe(99);
    expect(percentOf(300, 200)).toBe(100);
    expect(percentOf(10, null)).toBeNull();
  });

  it("names where updates come from, in French too", () => {
    const fr = createI18n("fr");
    expect(sourceText(fr, { ...STATUS, source: null, endpoint: null })).toMatch(/ne connaît pas/);
    expect(sourceText(fr, { ...STATUS, source: "file", endpoint: "https://m.example/l.json" })).toContain(
      "/data/update-mirror.txt",
    );
  });
});

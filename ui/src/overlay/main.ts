// Entry of the overlay script that Passerelle injects into the space window on every page
// (webview initialization script, top frame only). It asks the app which step to show, through
// the narrow `space` channel (the only commands this remote page may call), and reports the
// person's actions. Built on its own into one IIFE file (`vite build --mode overlay`).

import { browserEnv } from "./lookup";
import { Overlay } from "./overlay";
import type { OverlayEvent, OverlayStep } from "./types";

interface TauriInternals {
  invoke(cmd: string, args?: Record<string, unknown>): Promise<unknown>;
}

function start(): void {
  const w = window as unknown as { __TAURI_INTERNALS__?: TauriInternals; __passerelleOverlay?: unknown };
  if (window.top !== window || w.__passerelleOverlay) return;
  const call = (cmd: string, args: Record<string, unknown> = {}) => {
    const ipc = w.__TAURI_INTERNALS__;
    return ipc ? ipc.invoke(`plugin:space|${cmd}`, args) : Promise.reject(new Error("no IPC"));
  };
  let overlay: Overlay | null = null;
  const report = (event: OverlayEvent) => {
    call("overlay_report", { report: event }).catch(() => undefined);
  };
  const refresh = async () => {
    const step = (await call("overlay_step").catch(() => null)) as OverlayStep | null;
    overlay ??= new Overlay(browserEnv(document), { report });
    if (step) await overlay.show(step);
    else overlay.hide();
  };
  Object.defineProperty(window, "__passerelleOverlay", {
    value: Object.freeze({ refresh: () => void refresh() }),
    configurable: false,
    writable: false,
  });
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", () => void refresh(), { once: true });
  } else {
    void refresh();
  }
}

start();

// What the screens need from the desktop shell besides the commands: app-wide events, channels
// that a long command streams on, and restarting the app. Reached through `ctx.platform`, so
// tests pass a fake; no screen imports Tauri's event or channel API itself for these, and this
// module keeps no state.
import { Channel } from "@tauri-apps/api/core";
import { listen, type UnlistenFn } from "@tauri-apps/api/event";

export type { UnlistenFn };

export interface Platform {
  /** Listens to an app-wide event until the returned function is called. */
  listen<T>(event: string, handler: (payload: T) => void): Promise<UnlistenFn>;
  /** A channel for a command to stream on; `onMessage` gets each event in order. */
  channel<T>(onMessage: (event: T) => void): Channel<T>;
  /** Starts the app again from the Welcome screen. */
  restart(): void;
}

/** The real thing: Tauri's events and channels, a page reload. */
export const tauriPlatform: Platform = {
  listen: (event, handler) => listen(event, (e) => handler(e.payload as never)),
  channel: <T>(onMessage: (event: T) => void) => new Channel<T>(onMessage),
  restart: () => {
    window.location.hash = "";
    window.location.reload();
  },
};
